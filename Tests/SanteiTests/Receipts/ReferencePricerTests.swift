import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// A slow, obviously correct pricer: fields read as strings through the public record API, amounts
/// as Foundation `Decimal`, every formula written as the 告示/spec states it. Only for tests.
struct ReferencePricer {
    let set: MasterSet
    let rules: BundledTestRules

    enum Outcome: Equatable { case points(Int), unpriceable }

    func dec(_ s: String) -> Decimal { Decimal(string: s) ?? 0 }
    func roundHalfUp(_ d: Decimal) -> Decimal { var x = d, r = Decimal(); NSDecimalRound(&r, &x, 0, .plain); return r }
    func ceil(_ d: Decimal) -> Decimal { var x = d, r = Decimal(); NSDecimalRound(&r, &x, 0, .up); return r }

    func price(_ items: [UnitItem], category: Int, on date: ServiceDate) -> Outcome {
        // A 通則 ％加算 (告示等識別区分（１） 9, 点数識別 5) takes the 所定点数 of the whole unit, its 注 加算 included, whatever the
        // order of the rows (通知 第9部 通則10, 第10部 通則9): priced after every other row.
        func isGeneralPercent(_ item: UnitItem) -> Bool {
            guard item.kind == .procedure, let rec = (try? set.record(.procedure, code: item.code, on: date)) ?? nil else { return false }
            return rec[67] == "9" && rec[10] == "5"
        }
        let items = items.filter { !isGeneralPercent($0) } + items.filter(isGeneralPercent)
        // 所定点数 items: amount after きざみ and ％減算, their 注 ％ add-ons, group, 部 and 区分番号.
        var bases: [(amount: Decimal, group: Int, part: String, section: String, branch: String, family: String, outsideGeneral: Bool, generalRow: Bool, beforeAddOns: Decimal, notForTime: Bool)] = []
        var general = Decimal(0)
        var minus = Decimal(0), drugYen = Decimal(0), hasDrug = false, devicePoints = Decimal(0)
        var deviceYen: [Decimal] = [], deviceScaled: [Bool] = []
        var times: [(scope: [Int], amount: Decimal)] = []   // 内視鏡 通則5 時間外等, taken at the end (after 100分の90)
        for item in items {
            let kind: MasterKind = item.kind == .procedure ? .procedure : item.kind == .drug ? .drug : .device
            guard let rec = (try? set.record(kind, code: item.code, on: date)) ?? nil else { return .unpriceable }
            let quantity = Decimal(item.quantity) / Decimal(UnitItem.quantityScale)
            switch item.kind {
            case .procedure:
                let amount = dec(rec[11])
                switch rec[10] {
                case "3":
                    var value = amount
                    if rec[29] == "1" {
                        let q = Decimal(item.quantity / UnitItem.quantityScale)
                        let lower = dec(rec[30]), upper = dec(rec[31]), step = dec(rec[32]), stepPoints = dec(rec[33])
                        let handling = rec[34]
                        if q <= lower - step { if handling == "2" || handling == "3" { return .unpriceable } }
                        else if q > lower {
                            let top = q > upper && (handling == "1" || handling == "3") ? upper : q
                            value = amount + ceil((top - lower) / step) * stepPoints
                        }
                    }
                    // Out of a 通則加算's base: 通則加算所定点数対象区分 1 (項番62), and the 区分 general-add-on-bases.json leaves out
                    // (輸血料 K920…, 処置医療機器等加算 J200/J201, 麻酔管理料 L009/L010).
                    let part = rec[84].utf8.first ?? 0
                    let section = SectionCode(alphabet: part, number: Int(rec[91]) ?? -1, branch: Int(rec[92]) ?? 0)
                    let excluded = GeneralAddOnBases.excluded(part: part, on: date).contains(section)
                    // Out of a 通則 time ％加算's base: the 注 rows the 通知 leaves out of it (通知 L008 (7) …; general-add-on-bases.json).
                    let notForTime = GeneralAddOnBases.timeCodeParts.contains(part) && GeneralAddOnBases.isExcludedFromTime(part: part, code: item.code, on: date)
                    // D004-2 注1・注2 「同一がん種に対して」: counted per がん種 (bundled-tests.json cancer_types) — key group × 1000 + がん種.
                    let group = Int(rec[15]) ?? 0
                    bases.append((value, group * 1000 + rules.cancerType(group: group, code: item.code, on: date), rec[84], rec[91], rec[92], rec[37], rec[61] == "1" || excluded, rec[67] == "9", value, notForTime))
                case "5", "6":
                    // Which items: same 部; a 注 row (7) those of its 注加算コード family when present, and of
                    // them (or of the 部) its own 区分番号 when present.
                    // Never a 通則加算 of points (告示等識別区分 9): 所定点数 holds the 注 add-ons, not the 通則's.
                    let ofPart = bases.indices.filter { bases[$0].part == rec[84] && !bases[$0].generalRow }
                    let ofFamily = rec[37] == "0" ? [] : ofPart.filter { bases[$0].family == rec[37] }
                    let narrowed = ofFamily.isEmpty ? ofPart : ofFamily
                    let ofSection = narrowed.filter { bases[$0].section == rec[91] }
                    // A 通則加算 leaves out the rows of 通則加算所定点数対象区分 1 (項番62: 手術医療機器等加算 …).
                    let scope = rec[67] == "9" ? ofPart.filter { !bases[$0].outsideGeneral } : ofSection.isEmpty ? narrowed : ofSection
                    if rec[67] == "9" && rec[10] == "5" {
                        let time = !rec[42].isEmpty && rec[42] != "0"
                        let base = scope.filter { !(time && bases[$0].notForTime) }.reduce(Decimal(0)) { $0 + bases[$1].amount }
                        // 第9部 処置 通則5: 加算１ (時間加算区分 8, 9) for a 所定点数 of 1,000点以上, 加算２ for 150点以上; below, no 加算.
                        let threshold: Decimal? = time && rec[84] == "J" ? (rec[42] == "8" || rec[42] == "9" ? 1000 : 150) : nil
                        if threshold.map({ base >= $0 }) ?? true { general += base * amount / 100 }
                    } else if rec[10] == "5" && rec[42] != "0" && !rec[42].isEmpty {
                        // 内視鏡検査 通則5 時間外等 (a 注 ％加算 with a 時間加算区分): on the points before any ％加算, added.
                        times.append((scope, amount))
                    } else {
                        // 注: each 区分番号's items × (100 ± X)/100, their sum rounded at each step (通知 E002 (7): 端数処理は、当該撮影の
                        // 最後に行う) — each item keeps its exact share, the last of its 区分 the rounding.
                        let factor = rec[10] == "5" ? 100 + amount : 100 - amount
                        var sections: [String: [Int]] = [:]
                        for k in scope { sections[bases[k].section + "-" + bases[k].branch, default: []].append(k) }
                        for (_, ks) in sections {
                            let whole = roundHalfUp(ks.reduce(Decimal(0)) { $0 + bases[$1].amount } * factor / 100)
                            var others = Decimal(0)
                            for k in ks.dropLast() { bases[k].amount = bases[k].amount * factor / 100; others += bases[k].amount }
                            bases[ks.last!].amount = whole - others
                        }
                        for k in scope where rec[10] == "6" { bases[k].beforeAddOns = roundHalfUp(bases[k].beforeAddOns * factor / 100) }
                    }
                case "8": minus += amount
                case "4": return .unpriceable
                default: break
                }
            case .drug:
                drugYen += dec(rec[11]) * quantity
                hasDrug = true
            case .device:
                if rec[10] == "5" {
                    // 金額種別 5 ％加算 (別紙5-1): the devices before it × (100 + X)/100 (E400 注1 フィルム料（乳幼児）加算 ×1.1).
                    for k in deviceYen.indices where !deviceScaled[k] { deviceYen[k] = deviceYen[k] * (100 + dec(rec[11])) / 100; deviceScaled[k] = true }
                } else {
                    deviceYen.append(dec(rec[11]) * (item.quantity == 0 ? 1 : quantity)); deviceScaled.append(false)
                }
            }
        }
        for (scope, amount) in times { general += scope.reduce(Decimal(0)) { $0 + bases[$1].beforeAddOns } * amount / 100 }
        for y in deviceYen { devicePoints += roundHalfUp(y / 10) }
        var total = general - minus
        var groups: [Int: (count: Int, sum: Decimal)] = [:]
        for b in bases {
            if b.group != 0 && rules.appliesTo(group: b.group / 1000) { groups[b.group, default: (0, 0)].count += 1; groups[b.group]!.sum += b.amount }
            else { total += b.amount }
        }
        for (key, v) in groups {
            let g = key / 1000
            guard rules.covers(group: g, on: date) else { return .unpriceable }
            if let rule = rules.points(group: g, items: v.count, on: date) {
                total += rule.isCap ? min(v.sum, Decimal(rule.points)) : Decimal(rule.points)
            } else { total += v.sum }
        }
        var points = roundHalfUp(total)
        if hasDrug {
            let dispensing = (21...33).contains(category)
            points += drugYen <= 15 ? (dispensing ? 1 : 0) : 1 + ceil((drugYen - 15) / 10)
        }
        points += devicePoints
        return .points(NSDecimalNumber(decimal: points).intValue)
    }
}

final class ReferencePricerTests: XCTestCase {
    /// Random units drawn from the real masters valid on random 2024-06 … 2025-03 days: plain items,
    /// ％ add-ons, マイナス, きざみ with random quantities, 包括 tests, drugs and devices; the fast pricer
    /// must agree with the reference on every one.
    func testFastPricerAgreesWithTheReferenceOnGeneratedUnits() throws {
        let set = try RealData.masters()
        let rules = try RealData.bundledRules()
        let fast = UnitPricer(bundled: rules)
        let reference = ReferencePricer(set: set, rules: rules)
        let day0 = ServiceDate("20240601")!.dayNumber
        // Pools from the masters valid on 2024-06-01.
        let s = try set.resolve(.procedure, on: ServiceDate("20240601")!).table
        var plain: [UInt64] = [], percent: [UInt64] = [], minus: [UInt64] = [], kizami: [UInt64] = [], grouped: [UInt64] = []
        for i in 0..<s.codeCount {
            guard let v = s.version(ofCode: i, on: ServiceDate("20240601")!) else { continue }
            let code = s.code(at: i)
            switch s.string(v, ProcedureColumn.pointKind) {
            case "3" where s.string(v, ProcedureColumn.kizamiKind) == "1": kizami.append(code)
            case "3" where s.string(v, ProcedureColumn.bundledTestGroup) != "0": grouped.append(code)
            case "3": plain.append(code)
            case "5", "6": percent.append(code)
            case "8": minus.append(code)
            default: break
            }
        }
        let y = try set.resolve(.drug, on: ServiceDate("20240601")!).table
        let drugs = (0..<y.codeCount).map { y.code(at: $0) }
        let t = try set.resolve(.device, on: ServiceDate("20240601")!).table
        let devices = (0..<t.codeCount).map { t.code(at: $0) }
        XCTAssertTrue(!plain.isEmpty && !percent.isEmpty && !kizami.isEmpty && !grouped.isEmpty && !minus.isEmpty)

        var rng = SplitMix64(seed: 20_240_601)
        var compared = 0, unpriceable = 0, disagreements: [String] = []
        for _ in 0..<20_000 {
            let date = ServiceDate(dayNumber: day0 + Int.random(in: 0..<300, using: &rng))
            let category = [11, 12, 13, 21, 23, 31, 33, 40, 50, 60, 70, 80].randomElement(using: &rng)!
            var items: [UnitItem] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0...2: items.append(UnitItem(kind: .procedure, code: plain.randomElement(using: &rng)!))
                case 3: items.append(UnitItem(kind: .procedure, code: percent.randomElement(using: &rng)!))
                case 4: items.append(UnitItem(kind: .procedure, code: kizami.randomElement(using: &rng)!, quantity: Int.random(in: 0...400, using: &rng) * UnitItem.quantityScale))
                case 5...6: items.append(UnitItem(kind: .procedure, code: grouped.randomElement(using: &rng)!))
                case 7: items.append(UnitItem(kind: .procedure, code: minus.randomElement(using: &rng)!))
                case 8: items.append(UnitItem(kind: .drug, code: drugs.randomElement(using: &rng)!, quantity: Int.random(in: 1...500_000, using: &rng)))
                default: items.append(UnitItem(kind: .device, code: devices.randomElement(using: &rng)!, quantity: Int.random(in: 0...300_000, using: &rng)))
                }
            }
            let expected = reference.price(items, category: category, on: date)
            let got = fast.price(items, category: category, masters: DatedMasters(set, on: date))
            switch (expected, got) {
            case (.points(let e), .success(let p)):
                compared += 1
                if e != p.points { disagreements.append("\(date) \(category) \(items.map { "\($0.code)×\($0.quantity)" }): reference \(e), fast \(p.points)") }
            case (.unpriceable, .failure):
                unpriceable += 1
            default:
                disagreements.append("\(date) \(category) \(items.map { "\($0.code)×\($0.quantity)" }): reference \(expected), fast \(got)")
            }
        }
        XCTAssertTrue(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(5))")
        XCTAssertGreaterThan(compared, 15_000, "most generated units must be priceable (unpriceable: \(unpriceable))")
    }
}
