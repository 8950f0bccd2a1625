import Foundation

/// 医学管理料 whose 所定点数 includes the other fees of the day or the month (入院外), and the 在宅 fees that
/// leave others unbilled on their day (C001 注1・注2: 再診料, 外来診療料, 往診料 (注2: and 初診料)):
/// - B001-2 小児科外来診療料 注3 (R06 ika-kokuji.txt lines 5383–5392), 1日につき: every 診療 of the day but the
///   加算 and 区分 it names (初診料 注7・注8 …, B001-2-2, B010, C000 往診料, 第14部その他);
/// - B001-3 生活習慣病管理料（Ⅰ） 注2 (lines 5650–5657), 月１回: 外来管理加算, 医学管理等 (but B001 20・22・24・27・37),
///   第3部検査, 第6部注射, 第13部病理診断 of the month.
/// - B001 3 悪性腫瘍特異物質治療管理料 注5 (lines 4753–4771), 月１回: the month's D009 腫瘍マーカー;
/// - 第3部 第1節 第1款 通則1 ただし (lines 8365–8369): with the 時間外緊急院内検査加算 the 外来迅速検体検査加算 is not
///   billed the same day.
/// - fees that include others of their day, whatever their 部 (the file names each with its passage): J038 注6
///   drugs; 夜間・早朝等加算 not with J038 注1 and the 時間外緊急院内検査・画像診断加算 (通知 J038 (13) …); 通知 第6部
///   通則 (9) and G005 注2 (G001/G004 beside G004/G005/G006: the 主たるもの); E200/E202 注3 造影剤使用加算 (E003,
///   L000–L007); 第7部 通則5 (J118–J119-4 with 疾患別リハビリテーション料); B001 17 注2 and 第7部 通則6 (the month);
///   L008 通知 (15) イ・エ (D220, D223, D224); I002-2 注6, I003-2 注4, I005 注2, I006 注2, I006-2 注4, I008 注2.
/// - 通知 C101 (14): G000・G001・G004 with their drugs and 材料 on a C001/C001-2 day of a patient under C101 this month.
/// An included item is not billed and is not a test done for the 判断料 (第3部 is included whole, 判断料 too);
/// an included 投薬 fee derived from the prescription is not derived. The list is
/// `Masters/params/management-fee-inclusion.json` (the 02包括テーブル holds it; ../shared lacks it).
public struct ManagementFeeInclusionRules: Sendable, DatedParameterFile {
    /// A class: a claim's active fees refer to it (copying the lists per item was a sixth of `price`'s time).
    public final class Fee: @unchecked Sendable, Decodable {
        public var name: String
        /// The fee's rows (告示等識別区分 1): any of them billed makes the inclusion hold.
        public var bases: [String]
        /// "day": the items of the days the fee is billed; "encounter": those of the day but a later encounter that bills a
        /// 往診料 (C001 注1・注2 with 通知 第2部 第1節 1 ただし); "month": the items of the month; "next_day": the items of
        /// the day after (C001 注10: 往診の日の翌日までに行った訪問診療); "order": the order's; "ward": the ward's.
        public var scope: String
        /// 部 (コード表用番号 alphabet) whose items are included.
        public var parts: [String]
        /// Rows included wherever their 部 (外来管理加算 of A001 注8).
        public var codes: [String]?
        /// 区分番号 whose rows are included, with their 加算 (C001 注1: A001 再診料, A002 外来診療料, C000 往診料).
        public var sections: [String]?
        public var exceptSections: [String]?
        public var exceptCodes: [String]?
        /// scope "ward": the 区分 of the ward's 入院料 (`admission.ward.basic_fee`) that includes them (A101 注3).
        public var wardSections: [String]?
        /// Drugs kept out of the inclusion (除外薬剤・注射薬): 麻薬 (y 項番14 = 1) and the 薬効分類 (y 項番32's first
        /// digits) listed; each billed with a note, since the full 別表 is not encoded.
        public var exceptNarcotics: Bool?
        public var exceptDrugClasses: [String]?
        /// Drugs included by their 薬価基準コード (y 項番32) prefix, whatever the order (J038 注6: 透析液, 血液凝固阻止剤,
        /// 生理食塩水 and the ESA/HIF-PH 薬剤 of 通知 J038 (7) ア on a day of 人工腎臓 1–3).
        public var drugs: [String]?
        public var passage: String
        /// 区分 of the 採血 the fee includes with its tests, on a day whose 検体検査 it includes all (B001 3: D400;
        /// 通知 B001 3 (2) 「当該検査に係る採血」).
        public var sampling: [String]?
        /// The fee includes the 採血 of a day with no 検体検査 billed, its own measurement being no 検体検査 row (B001 2 特定薬剤治療管理料:
        /// 通知 B001 2 (1) カ 「薬剤の血中濃度測定、当該血中濃度測定に係る採血…の費用が含まれる」).
        public var samplingWithoutTests: Bool?
        /// What a note says the fee includes (the passage may start with its exceptions).
        public var summary: String?
        /// The fee holds only for a patient billed a row of one of these 区分 in the month (通知 C101 (14): 在宅自己注射指導管理料
        /// を算定している患者について … C001 … を算定する日).
        public var requiresSections: [String]?
        /// The drugs and 特定保険医療材料 of an order whose 診療行為 rows are all included go with them (「（薬剤及び特定保険医療材料に
        /// 係る費用を含む。）」).
        public var orderItems: Bool?
        /// The fee does not hold at a facility that holds one of these 施設基準 (別紙7-8) on the base's date (C001 注10:
        /// 在宅療養支援診療所又は在宅療養支援病院の保険医が行ったものを除く); with `facility.standards` not stated it is not
        /// applied and a note says so.
        public var unlessStandards: [Int]?
        /// The fee holds on 入院外 claims only: its passage excepts the 入院中の患者 (通知 C103 (8) 「在宅酸素療法指導管理料を
        /// 算定している患者（入院中の患者を除く。）については…酸素吸入…は算定できない」: a C103 billed on the 退院日 of an
        /// 入院 claim leaves the stay's 酸素吸入 billed — review 326 FQ-1).
        public var outpatientOnly: Bool?
        /// The lists above as sets, made once at load (`why` asks them for every item of a claim with a fee).
        var lookup = Lookup()
        final class Lookup: @unchecked Sendable {
            let bases: Set<String>, codes: Set<String>, sections: Set<String>, exceptCodes: Set<String>
            let exceptSections: Set<String>, parts: Set<String>
            /// Only rows by code or 区分 are included (no 部, no 薬価基準コード prefixes, no drug exceptions).
            let onlyListed: Bool
            init(bases: Set<String> = [], codes: Set<String> = [], sections: Set<String> = [], exceptCodes: Set<String> = [],
                 exceptSections: Set<String> = [], parts: Set<String> = [], onlyListed: Bool = false) {
                self.bases = bases; self.codes = codes; self.sections = sections; self.exceptCodes = exceptCodes
                self.exceptSections = exceptSections; self.parts = parts; self.onlyListed = onlyListed
            }
        }
        func makeLookup() {
            lookup = Lookup(bases: Set(bases), codes: Set(codes ?? []), sections: Set(sections ?? []), exceptCodes: Set(exceptCodes ?? []),
                            exceptSections: Set(exceptSections ?? []), parts: Set(parts),
                            onlyListed: parts.isEmpty && drugs == nil && exceptNarcotics != true && exceptDrugClasses == nil)
        }
        enum CodingKeys: String, CodingKey {
            case name, bases, scope, parts, codes, sections, passage, summary, sampling, exceptSections = "except_sections", exceptCodes = "except_codes"
            case wardSections = "ward_sections", exceptNarcotics = "except_narcotics", exceptDrugClasses = "except_drug_classes", drugs
            case requiresSections = "requires_sections", orderItems = "order_items", unlessStandards = "unless_standards"
            case samplingWithoutTests = "sampling_without_tests", outpatientOnly = "outpatient_only"
        }
    }
    public struct Version: Sendable, DatedVersion {
        public var from: String
        public var revision: String
        public var source: String
        public var fees: [Fee]
    }
    public var versions: [Version]
    let starts: [Int]
    /// Every fee's rows, of every version: a claim without one skips the master look-ups.
    let baseCodes: Set<String>
    /// For each version, its fees by base row (a base row looks up its fees once, not every fee's set).
    let feesByBase: [[String: [Fee]]]

    public init(from decoder: Decoder) throws {
        (versions, starts) = try Self.decodeVersions(decoder, as: Version.self)
        for v in versions { for f in v.fees { f.makeLookup() } }
        baseCodes = Set(versions.flatMap { $0.fees.flatMap(\.bases) })
        feesByBase = versions.map { v in
            var byBase: [String: [Fee]] = [:]
            for f in v.fees { for b in Set(f.bases) { byBase[b, default: []].append(f) } }
            return byBase
        }
        for v in versions {
            for f in v.fees where !["day", "encounter", "month", "ward", "order", "next_day", "through_day"].contains(f.scope) || (f.scope == "ward") != (f.wardSections != nil) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(f.name): scope \"\(f.scope)\" is not day, encounter, next_day, through_day, month, order or ward (ward with ward_sections)"))
            }
        }
    }

    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    /// The rules built into the library (`Masters/params/management-fee-inclusion.json` as embedded).
    public static let embedded: ManagementFeeInclusionRules? = embeddedFile("params/management-fee-inclusion.json")
}

/// The fees of a claim that include others: found once per claim, asked per item.
struct ManagementFeeInclusion {
    struct Active { var fee: ManagementFeeInclusionRules.Fee; var revision: String; var baseCode: String; var section: String }
    /// How `why` names a fee of scope "ward" (the ward's 入院料 includes the item): the pricer lists such items with the
    /// 特定入院料's 包括 (`admission.included`).
    static let wardScope = "the ward's 入院料"
    /// Month-scope fees of the claim, and day-scope fees by encounter index.
    var month: [Active] = []
    /// The stay's 退院日 (scope "ward"): the drugs of a 投薬 order that day are a 退院時処方, billed.
    var dischargeDate: ServiceDate?
    var byEncounter: [Int: [Active]] = [:]
    /// Order-scope fees (the order that bills the base: 一連の撮影 — E 通則4 ただし フィルム) by encounter and order index.
    var byOrder: [Int: [Int: [Active]]] = [:]
    var isEmpty: Bool { month.isEmpty && byEncounter.isEmpty && byOrder.isEmpty }
    /// What the claim does not say for a fee to be decided (a fee's `unless_standards` without `facility.standards`).
    var notes: [String] = []

    /// The 部 a drug or device row takes from its order's 診療識別.
    static func part(ofCategory c: Int) -> [String] {
        switch c {
        case 13: return ["B"]
        case 14: return ["C"]
        case 21...28: return ["F"]
        case 31...33: return ["G"]
        case 40: return ["J"]
        case 50: return ["K"]
        case 54: return ["L"]
        case 60: return ["D", "N"]
        case 70: return ["E"]
        default: return []
        }
    }

    init(rules: ManagementFeeInclusionRules, claim: Claim, masters: MasterSet, mastersDate: ServiceDate?) {
        // scope "ward": the ward's 入院料 (入院 claims), its 区分 on the first day of the claim.
        if let a = claim.admission, let code = UInt64(a.ward.basicFee),
           let date = claim.encounters.first.flatMap({ ServiceDate($0.date) }) ?? ServiceDate(a.date),
           let version = rules.version(on: date), version.fees.contains(where: { $0.scope == "ward" }) {
            let dated = DatedMasters(masters, on: mastersDate ?? date)
            if case .success(let t) = dated.procedures {
                month += Self.wardFees(code, version, t, on: dated.date)
                dischargeDate = a.discharge.flatMap { ServiceDate($0) }
            }
        }
        // An 入院 claim without `admission` (a UKE 入院 receipt): the 入院料 row it bills on a day (診療識別 90, 92) makes the ward
        // fees of its 区分 hold on that day (review 382 HV-3: a 検査 and a 喀痰吸引 beside a 療養病棟入院料 passed the audit of a UKE
        // receipt that the same stay as JSON was told of).
        if claim.admission == nil, claim.isInpatient, let first = claim.encounters.first.flatMap({ ServiceDate($0.date) }),
           let version = rules.version(on: first), version.fees.contains(where: { $0.scope == "ward" }) {
            for (e, encounter) in claim.encounters.enumerated() where encounter.orders.contains(where: { $0.category == 90 || $0.category == 92 }) {
                guard let date = ServiceDate(encounter.date), case .success(let t) = DatedMasters(masters, on: mastersDate ?? date).procedures else { continue }
                for order in encounter.orders where order.category == 90 || order.category == 92 {
                    for item in order.items {
                        guard let code = UInt64(item.code) else { continue }
                        for a in Self.wardFees(code, version, t, on: mastersDate ?? date) where !(byEncounter[e]?.contains { $0.fee === a.fee } ?? false) {
                            byEncounter[e, default: []].append(a)
                        }
                    }
                }
            }
        }
        // Bases are rare: a cheap scan of the codes before any master look-up.
        let baseCodes = rules.baseCodes
        // Each base billed: (encounter, code, category, 区分番号, 通則加算, the fees it makes active).
        var hits: [Hit] = []
        var datedFor: (date: String, dated: DatedMasters)? = nil   // the masters of the last date looked at
        var monthSections: Set<String>? = nil   // the 区分 billed in the claim, for a fee's `requires_sections`
        // Encounter → the earlier encounters of its day whose base holds a `next_day` fee over it (C001 注10).
        var sameDayAfter: [Int: Set<Int>] = [:]
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date) else { continue }
            for (o, order) in encounter.orders.enumerated() {
                for item in order.items where baseCodes.contains(item.code) {
                    guard let vi = rules.versionIndex(on: date), let fees = rules.feesByBase[vi][item.code] else { continue }
                    if datedFor?.date != encounter.date { datedFor = (encounter.date, DatedMasters(masters, on: mastersDate ?? date)) }
                    guard let dated = datedFor?.dated, case .success(let t) = dated.procedures, let c = UInt64(item.code), let i = t.codeIndex(of: c),
                          let v = t.version(ofCode: i, on: dated.date) else { continue }
                    // A code may be a base of several fees (an I006 row: its own 注2 and I002-2 注6).
                    let section = InpatientPricer.section(t, v)
                    let revision = rules.versions[vi].revision
                    for fee in fees {
                        if fee.outpatientOnly == true, claim.admission != nil { continue }
                        if let unless = fee.unlessStandards {
                            guard let held = claim.facility?.standards else {
                                // Only where it could matter: a next_day fee with no encounter on the next day includes nothing.
                                if fee.scope == "next_day", !claim.encounters.enumerated().contains(where: { (k, x) in
                                    let d = ServiceDate(x.date)?.dayNumber
                                    return d == date.dayNumber + 1 || (d == date.dayNumber && k > e)
                                }) { continue }
                                notes.append("\(item.code) at encounters[\(e)]: \(fee.summary ?? fee.name) unless the facility holds 施設基準 \(unless.map { String($0) }.joined(separator: "/")); facility.standards not stated, not applied — check")
                                continue
                            }
                            if held.contains(where: { unless.contains($0.code) && $0.from <= encounter.date }) { continue }
                        }
                        if let required = fee.requiresSections {
                            if monthSections == nil { monthSections = Self.sections(of: claim, t, on: dated.date) }
                            guard monthSections!.contains(where: { required.contains($0) }) else { continue }
                        }
                        let active = Active(fee: fee, revision: revision, baseCode: item.code, section: section)
                        if fee.scope == "month" {
                            if !month.contains(where: { $0.fee === fee }) { month.append(active) }
                        } else if fee.scope == "next_day" {
                            // 「往診の日の翌日までに」 (C001 注10; 通知 C001 (21) 「往診の日又はその翌日」): the next day, and the
                            // encounters of the 往診 day after the 往診's own (review 179 Z5: 往診, then 訪問診療 the same day).
                            for (other, next) in claim.encounters.enumerated() {
                                guard let d = ServiceDate(next.date)?.dayNumber, d == date.dayNumber + 1 || (d == date.dayNumber && other > e) else { continue }
                                if d == date.dayNumber { sameDayAfter[other, default: []].insert(e) }
                                if !(byEncounter[other]?.contains(where: { $0.fee === fee }) ?? false) { byEncounter[other, default: []].append(active) }
                            }
                        } else if fee.scope == "through_day" {
                            // The month's days up to the base's and that day (A400 1 通知 (10): the tests and images done for the
                            // 短期滞在手術 — before it, or on its day; review 281 DX-6: an 心電図 ten days after is no longer its).
                            for (other, x) in claim.encounters.enumerated() {
                                guard let d = ServiceDate(x.date)?.dayNumber, d <= date.dayNumber else { continue }
                                if !(byEncounter[other]?.contains(where: { $0.fee === fee }) ?? false) { byEncounter[other, default: []].append(active) }
                            }
                        } else if fee.scope == "order" {
                            if !(byOrder[e]?[o]?.contains(where: { $0.fee === fee }) ?? false) { byOrder[e, default: [:]][o, default: []].append(active) }
                        } else if !(byEncounter[e]?.contains(where: { $0.fee === fee }) ?? false) {
                            byEncounter[e, default: []].append(active)
                        }
                    }
                    hits.append(Hit(e: e, code: item.code, category: order.category, section: section,
                                    general: t.field(v, ProcedureColumn.noticeClass1, is: "9"), points: t.hundredths(v, ProcedureColumn.points) ?? 0, fees: fees))
                }
            }
        }
        defer { withoutIncludedBases(hits, claim) }
        // "day" is the date, not the encounter: a second encounter of the same day (a C001 visit on a C003 day)
        // is under the day's fee too.
        guard !byEncounter.isEmpty else { return }
        // "encounter" covers the day too, but a later encounter of the day that bills a 往診料 (C000) keeps its fees: a 往診
        // made after the 訪問診療 for an 急変 bills 往診料 and 再診料 (C001 注1・注2; 通知 第2部 第1節 1 ただし, ika-tsuuchi.txt
        // 9191-9199; C001 (11), 9512-9516). An earlier 往診 or 再診 of the day, or a later 再診 without one, is not billed
        // (review 173 T1: 再診 + 往診 then C001 in a second encounter billed all three). Encounters of a day are in time order.
        for (e, actives) in byEncounter.sorted(by: { $0.key < $1.key }) {
            let date = claim.encounters[e].date
            for (other, encounter) in claim.encounters.enumerated() where other != e && encounter.date == date {
                for a in actives where !(byEncounter[other]?.contains(where: { $0.fee === a.fee }) ?? false) {
                    if a.fee.scope == "encounter", other > e, Self.billsHouseCall(encounter, masters: masters, mastersDate: mastersDate) { continue }
                    // Nor an earlier 往診 whose 注10 (scope next_day) holds over this encounter: its 訪問診療 is the one not
                    // billed (C001 注10), so C001 注1 does not reach back to the 往診料.
                    if a.fee.scope == "encounter", other < e, sameDayAfter[e]?.contains(other) == true { continue }
                    byEncounter[other, default: []].append(a)
                }
            }
        }
    }

    /// The fees of scope "ward" that an 入院料 row (`code`, of its 区分 on `date`) makes hold.
    static func wardFees(_ code: UInt64, _ version: ManagementFeeInclusionRules.Version, _ t: MasterTable, on date: ServiceDate) -> [Active] {
        guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return [] }
        let section = InpatientPricer.section(t, v)
        return version.fees.filter { $0.scope == "ward" && $0.wardSections?.contains(section) == true }
            .map { Active(fee: $0, revision: version.revision, baseCode: String(code), section: section) }
    }

    /// Whether an encounter bills a C000 往診料 row (a later visit of the day for an 急変: scope "encounter").
    static func billsHouseCall(_ encounter: Claim.Encounter, masters: MasterSet, mastersDate: ServiceDate?) -> Bool {
        guard let date = ServiceDate(encounter.date), case .success(let t) = DatedMasters(masters, on: mastersDate ?? date).procedures else { return false }
        for order in encounter.orders {
            for item in order.items where item.code.first == "1" {
                if let c = UInt64(item.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: mastersDate ?? date),
                   InpatientPricer.section(t, v) == "C000" { return true }
            }
        }
        return false
    }

    /// The 区分番号 of every 診療行為 row the claim bills (a fee's `requires_sections`).
    static func sections(of claim: Claim, _ t: MasterTable, on date: ServiceDate) -> Set<String> {
        var sections: Set<String> = []
        for encounter in claim.encounters {
            for order in encounter.orders {
                for item in order.items where item.code.first == "1" {
                    if let c = UInt64(item.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: date) { sections.insert(InpatientPricer.section(t, v)) }
                }
            }
        }
        return sections
    }

    /// A base billed in the claim: where, its row, its points (1/100) and the fees it makes active.
    struct Hit { var e: Int; var code: String; var category: Int; var section: String; var general: Bool; var points: Int; var fees: [ManagementFeeInclusionRules.Fee] }

    /// A fee whose every billed base is itself included in another active fee does not hold: the base is not
    /// billed, so neither is what it would include (B001-2-9 地域包括診療料 on the 初診の日 (注1) includes nothing;
    /// the 初診料 of a B004 退院時共同指導料１ day (注3) makes no 初診 fee active). Fees that include each other's bases
    /// (I008-2 ショート・ケア and I009 デイ・ケア the same day: each 「…を算定した場合は…算定しない」, I008-2 注6, I009 注7)
    /// are dropped one at a time, the one whose bases bill the fewest points first, each time against the fees still
    /// active: one of them holds (review 134: both dropped, both billed — 1,030 for 700).
    private mutating func withoutIncludedBases(_ hits: [Hit], _ claim: Claim) {
        guard hits.count > 0 else { return }
        var notes: [String] = []
        // Each encounter's day number, parsed once (the loop below asks it per hit, fee and round).
        let days = claim.encounters.map { ServiceDate($0.date)?.dayNumber }
        while true {
            // (fee, month or the day it acts on) → whether every base of it there is included, and its bases' points.
            var keys: [(fee: ObjectIdentifier, date: Int?, allIncluded: Bool, points: Int)] = []
            for h in hits {
                let included = why(code: h.code, category: h.category, section: h.section, generalAddOn: h.general, encounter: h.e, notes: &notes) != nil
                for fee in h.fees where fee.scope != "order" {
                    let id = ObjectIdentifier(fee)
                    guard let day = days[h.e] else { continue }
                    let date: Int? = fee.scope == "month" ? nil : fee.scope == "next_day" ? day + 1 : day
                    guard isActive(id, date, days) else { continue }
                    if let k = keys.firstIndex(where: { $0.fee == id && $0.date == date }) {
                        keys[k].allIncluded = keys[k].allIncluded && included
                        keys[k].points += h.points
                    } else {
                        keys.append((id, date, included, h.points))
                    }
                }
            }
            let dropped = keys.filter(\.allIncluded)
            guard let drop = dropped.min(by: { $0.points < $1.points }) else { return }
            // Fees not included by one another go at once, as before; a cycle loses its cheapest member only.
            for (fee, date, _, _) in dropped.count == 1 || !mutual(dropped, hits, days) ? dropped : [drop] {
                guard let date else { month.removeAll { ObjectIdentifier($0.fee) == fee }; continue }
                for e in days.indices where days[e] == date {
                    byEncounter[e]?.removeAll { ObjectIdentifier($0.fee) == fee }
                    if byEncounter[e]?.isEmpty == true { byEncounter[e] = nil }
                }
            }
        }
    }

    /// Whether fee `id` is still active for the month (`date` nil) or on day number `date`.
    private func isActive(_ id: ObjectIdentifier, _ date: Int?, _ days: [Int?]) -> Bool {
        guard let date else { return month.contains { ObjectIdentifier($0.fee) == id } }
        for e in days.indices where days[e] == date {
            if byEncounter[e]?.contains(where: { ObjectIdentifier($0.fee) == id }) == true { return true }
        }
        return false
    }

    /// Whether dropping every fee of `dropped` at once would leave a base that no active fee includes any more: the
    /// fees include one another (a cycle), and only the cheapest is dropped.
    private func mutual(_ dropped: [(fee: ObjectIdentifier, date: Int?, allIncluded: Bool, points: Int)], _ hits: [Hit], _ days: [Int?]) -> Bool {
        var after = self
        for (fee, date, _, _) in dropped {
            guard let date else { after.month.removeAll { ObjectIdentifier($0.fee) == fee }; continue }
            for e in days.indices where days[e] == date {
                after.byEncounter[e]?.removeAll { ObjectIdentifier($0.fee) == fee }
            }
        }
        var notes: [String] = []
        for h in hits where h.fees.contains(where: { f in dropped.contains { $0.fee == ObjectIdentifier(f) } }) {
            if after.why(code: h.code, category: h.category, section: h.section, generalAddOn: h.general, encounter: h.e, notes: &notes) == nil { return true }
        }
        return false
    }

    /// The 採血 区分 a fee active at encounter `e` includes with its tests (`sampling`), and why.
    /// `withoutTests`: the day bills no 検体検査 at all — only a fee of `samplingWithoutTests` includes its 採血 then.
    func sampling(encounter e: Int, withoutTests: Bool = false) -> (sections: [String], why: String)? {
        for a in [month, byEncounter[e] ?? []].joined() {
            guard let s = a.fee.sampling, !s.isEmpty, !withoutTests || a.fee.samplingWithoutTests == true else { continue }
            return (s, "included in \(a.fee.name) \(a.baseCode) (the 採血 of \(withoutTests ? "its own measurement, no 検体検査 billed that day" : "the day's included tests"); \(a.revision)): not billed")
        }
        return nil
    }

    /// Why the item is included in a fee active at encounter `e`, or nil. `section`: the item's 区分番号 for a
    /// 診療行為 row (nil for a drug or device, which takes its order's 部).
    /// `generalAddOn`: the row is a 通則加算 of its 部 (告示等識別区分（１） 9, e.g. 外来感染対策向上加算（在宅医療）, filed
    /// under C000): a fee that includes a 区分 and its 加算 (`sections`, the fee's own 区分) does not include it.
    /// `orderSections`: the 区分 of the 診療行為 rows of the item's order (a fee's `order_items`).
    func why(code: String, category: Int, section: String?, generalAddOn: Bool = false, encounter e: Int, order: Int? = nil, drugs: MasterTable? = nil,
             date: ServiceDate? = nil, orderSections: [String] = [], notes: inout [String]) -> String? {
        inclusion(code: code, category: category, section: section, generalAddOn: generalAddOn, encounter: e, order: order, drugs: drugs,
                  date: date, orderSections: orderSections, notes: &notes)?.why
    }

    /// `why`, with the base row of the fee that includes the item (the audit checks that row is billed and is no 背反 partner).
    func inclusion(code: String, category: Int, section: String?, generalAddOn: Bool = false, encounter e: Int, order: Int? = nil, drugs: MasterTable? = nil,
                   date: ServiceDate? = nil, orderSections: [String] = [], notes: inout [String]) -> (fee: String, why: String)? {
        guard !isEmpty else { return nil }
        let listedSection = generalAddOn ? nil : section
        func included(_ a: Active, _ what: String) -> (fee: String, why: String) {
            let when = a.fee.scope == "month" ? "billed this month" : a.fee.scope == "ward" ? Self.wardScope : a.fee.scope == "order" ? "billed in this order" : "billed this day"
            return (a.baseCode, "included in \(a.fee.name) \(a.baseCode) (\(when); \(what)\(a.fee.summary ?? String(a.fee.passage.prefix(60)) + "…"); \(a.revision)): not billed")
        }
        // The month's fees, then the day's, then the order's (no array is built: this is asked per item).
        let day = byEncounter[e], own = order.flatMap { byOrder[e]?[$0] }
        for scope in 0..<3 {
          for a in scope == 0 ? month : scope == 1 ? (day ?? []) : (own ?? []) {
            let f = a.fee, l = f.lookup
            // A drug or 材料 of an order whose 診療行為 rows are all included (`order_items`).
            if section == nil, f.orderItems == true, !orderSections.isEmpty, orderSections.allSatisfy({ l.sections.contains($0) }) {
                return included(a, "with its order's \(orderSections[0]): ")
            }
            // Most fees list their rows: an item neither listed by code nor by 区分 is not theirs.
            if l.onlyListed && !l.codes.contains(code) && !(listedSection.map { l.sections.contains($0) } ?? false) { continue }
            // The fee's own 区分番号 is not included, unless a row of it is listed by code (D 第1款 通則1: the
            // 外来迅速検体検査加算 beside the 時間外緊急院内検査加算, both of 区分 D000).
            if let s = listedSection, (s == a.section && !l.codes.contains(code)) || l.exceptSections.contains(s) { continue }
            // 退院時処方 (通知 第1章第2部 通則10, ika-tsuuchi.txt 1012-1016: 「退院時に退院後に在宅において使用するための薬剤…を
            // 投与した場合は、当該薬剤に係る費用（薬剤料に限る。）は、算定できる」): a drug of a 内服・屯服・外用 order on the 退院日.
            if f.scope == "ward", section == nil, code.first == "6", (21...23).contains(category), let d = dischargeDate, date == d {
                notes.append("\(code): 退院時処方 on the 退院日 \(d) — the 薬剤料 is billed (通知 第1章第2部 通則10); its 調剤料 stays included in \(a.baseCode)")
                continue
            }
            if section == nil, code.first == "6", f.exceptNarcotics == true || f.exceptDrugClasses != nil,
               let y = drugs, let date, let c = UInt64(code), let i = y.codeIndex(of: c), let v = y.version(ofCode: i, on: date) {
                let narcotic = f.exceptNarcotics == true && y.integer(v, DrugColumn.narcotic) == 1
                let standard = y.string(v, DrugColumn.priceStandardCode)
                if narcotic || f.exceptDrugClasses?.contains(where: { standard.hasPrefix($0) }) == true {
                    notes.append("\(code): \(narcotic ? "麻薬" : "薬効分類 \(standard.prefix(3))") — a 除外薬剤・注射薬 of \(f.name) \(a.baseCode) (\(a.revision)): billed; the 別表 of 除外薬剤 is not encoded in full, check")
                    continue
                }
            }
            if l.exceptCodes.contains(code) || l.bases.contains(code) { continue }
            if section == nil, code.first == "6", let prefixes = f.drugs, let y = drugs, let date, let c = UInt64(code),
               let i = y.codeIndex(of: c), let v = y.version(ofCode: i, on: date) {
                let standard = y.string(v, DrugColumn.priceStandardCode)
                if let p = prefixes.first(where: { standard.hasPrefix($0) }) { return included(a, "薬価基準コード \(p)…: ") }
            }
            let listed = l.codes.contains(code) || (listedSection.map { l.sections.contains($0) } ?? false)
            if listed { return included(a, "") }
            if l.parts.isEmpty { continue }
            let parts = section.map { [String($0.prefix(1))] } ?? Self.part(ofCategory: category)
            if parts.contains(where: { l.parts.contains($0) }) { return included(a, "") }
          }
        }
        return nil
    }
}
