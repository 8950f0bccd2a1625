import Foundation
import Santei

/// SplitMix64: seeded, so a generated batch is the same on every machine.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic 入院外 monthly claims drawn from the masters valid in a month: a visit code per
/// encounter (初診料 on the first, 再診料 after, 外来管理加算 sometimes), 検体検査 (血液化学 items of
/// 包括対象検査 1, 末梢血液一般, 採血), 処方箋料 or in-house 内服 剤 of 1–3 tablets for 7–30 days,
/// 単純撮影 with film, 処置, 注射. Codes are picked from the master by their fields (点数欄集計先,
/// 包括対象検査, 単位, 点数識別), not from a list, so the generator follows each revision's master.
public struct ClaimGenerator {
    let month: (year: Int, month: Int)
    var firstVisit: [UInt64] = [], revisit: [UInt64] = [], management: [UInt64] = []
    var chemistry: [UInt64] = [], hematology: [UInt64] = [], bloodDraw: [UInt64] = []
    var prescription: [UInt64] = [], tablets: [UInt64] = [], imaging: [UInt64] = [], films: [UInt64] = []
    var procedures: [UInt64] = [], injections: [UInt64] = [], injectables: [UInt64] = []
    /// 入院 (issue 11 item 7): wards (an 入院基本料 row — 実日数 3, 点数欄 903 — with the 施設基準 it needs),
    /// 点滴 手技 and the 入院 meals standard.
    var wards: [(code: UInt64, standards: [Int], clinic: Bool)] = []
    var drips: [UInt64] = []

    public enum GeneratorError: Error, CustomStringConvertible {
        case missing(String)
        public var description: String { switch self { case .missing(let what): "the masters of the month have no \(what)" } }
    }

    public init(masters set: MasterSet, year: Int, month: Int) throws {
        self.month = (year, month)
        let day = ServiceDate(year: year, month: month, day: 1)!
        let s = try set.resolve(.procedure, on: day).table
        let P = ProcedureColumn.self
        for i in 0..<s.codeCount {
            guard let v = s.version(ofCode: i, on: day), s.string(v, P.pointKind) == "3" else { continue }
            let name = s.string(v, P.abbreviatedName)
            if s.integer(v, P.actualDays) == 3, s.integer(v, P.pointColumnInpatient) == 903, s.string(v, P.noticeClass1) == "1",
               let standard = s.integer(v, P.facilityStandardFirst), standard > 0,
               name.contains("入院料") || name.contains("入院基本料"), !name.contains("特別") {
                // The 施設基準 the row names (急性期一般入院料１ 3525, 地域一般 …; 療養病床 rows several), all held by
                // the generated facility; 病院 or 有床診療所 by 病院・診療所区分.
                let all = (0..<P.facilityStandardCount).compactMap { s.integer(v, P.facilityStandardFirst + $0) }.filter { $0 > 0 }
                wards.append((s.code(at: i), all, s.string(v, P.facilityType) == "2"))
            }
            guard s.string(v, P.inpatientApplicability) != "1", s.string(v, P.noticeClass1) == "1" || s.string(v, P.noticeClass1) == "3" else { continue }
            let code = s.code(at: i), column = s.integer(v, P.pointColumnOutpatient) ?? 0
            // Adults only on the generated wards: not the 乳幼児 row (G004 １, ６歳未満), which the pricer would turn into ２.
            if name.hasPrefix("点滴注射") && !name.contains("乳幼児") && s.string(v, P.inpatientApplicability) != "2" { drips.append(code) }
            switch column {
            case 110 where name == "初診料": firstVisit.append(code)
            case 120 where name == "再診料": revisit.append(code)
            case 122 where name == "外来管理加算": management.append(code)
            case 600 where s.integer(v, P.bundledTestGroup) == 1: chemistry.append(code)
            case 600 where name == "末梢血液一般検査": hematology.append(code)
            case 600 where name.hasPrefix("Ｂ－Ｖ"): bloodDraw.append(code)
            case 800 where name.hasPrefix("処方箋料（リフィル以外・その他）"): prescription.append(code)
            case 700 where name.hasPrefix("単純撮影（デジタル）") || name.hasPrefix("写真診断（その他）"): imaging.append(code)
            case 400 where s.string(v, P.kizamiKind) == "0" && (s.hundredths(v, P.points) ?? 0) <= 10000 && s.string(v, P.maximumAge) == "00": procedures.append(code)
            case 311 where name.hasPrefix("皮内、皮下及び筋肉内注射"): injections.append(code)
            default: break
            }
        }
        let y = try set.resolve(.drug, on: day).table
        for i in 0..<y.codeCount {
            guard let v = y.version(ofCode: i, on: day), let price = y.hundredths(v, DrugColumn.price) else { continue }
            let unit = y.string(v, DrugColumn.unitName)
            if unit == "錠" && price < 20000 { tablets.append(y.code(at: i)) }
            if (unit == "管" || unit == "瓶") && price < 50000 && y.code(at: i) >= 620_000_000 { injectables.append(y.code(at: i)) }
        }
        let t = try set.resolve(.device, on: day).table
        for i in 0..<t.codeCount where t.version(ofCode: i, on: day) != nil && t.code(at: i) / 1_000_000 == 700 { films.append(t.code(at: i)) }
        for (what, pool) in [("初診料", firstVisit), ("再診料", revisit), ("血液化学検査", chemistry), ("内服錠", tablets)] where pool.isEmpty {
            throw GeneratorError.missing(what)
        }
    }

    /// One order as JSON: the category, the items (code, quantity when given), `times` when more than one.
    static func order(_ category: Int, _ items: [(UInt64, String?)], times: Int) -> String {
        let list = items.map { item in
            item.1.map { q in "{\"code\":\"\(item.0)\",\"quantity\":\(q)}" } ?? "{\"code\":\"\(item.0)\"}"
        }.joined(separator: ",")
        return "{\"category\":\(category),\"items\":[\(list)]" + (times > 1 ? ",\"times\":\(times)" : "") + "}"
    }

    /// The month's masters have an 入院基本料 row to generate 入院 claims with.
    public var canGenerateInpatient: Bool { !wards.isEmpty }

    /// One 入院 claim as a JSON object line (docs/claim-format.md "入院"): a stay of 1–60 days that starts in the
    /// month or before it and ends in it or after it, in a ward picked from the month's 入院基本料 rows with the
    /// 施設基準 it needs (and, half the time, 入院時食事療養(Ⅰ) 642); daily orders (検査 most days, 点滴 on some,
    /// 内服 weekly, a 画像 now and then); three meals a day (two on the first and last day), some 特別食; 外泊
    /// on a long stay now and then.
    public func inpatientClaim(_ n: Int, using rng: inout SplitMix64) -> String {
        let days = ServiceDate.daysInMonth(year: month.year, month: month.month)
        func date(_ d: ServiceDate) -> String { "\(d)" }
        let first = ServiceDate(year: month.year, month: month.month, day: 1)!
        let length = [1, 3, 5, 7, 9, 12, 14, 16, 20, 25, 30, 45, 60].randomElement(using: &rng)!
        // The admission: up to `length` − 1 days before the month (a stay continued from the month before).
        let offset = Int.random(in: -(length - 1)...(days - 1), using: &rng)
        let admitted = ServiceDate(dayNumber: first.dayNumber + offset)
        let dischargeDay = ServiceDate(dayNumber: admitted.dayNumber + length - 1)
        let last = ServiceDate(year: month.year, month: month.month, day: days)!
        let discharged = dischargeDay <= last ? dischargeDay : nil
        let from = max(admitted, first), to = discharged ?? last
        let ward = wards.randomElement(using: &rng)!
        let since = "\(month.year - 1)-04-01"
        var standards = ward.standards.map { "{\"code\":\($0),\"from\":\"\(since)\"}" }
        let mealsI = Bool.random(using: &rng)
        if mealsI { standards.append("{\"code\":642,\"from\":\"\(since)\"}") }
        // Ages 69–71 move to 72: the 70歳 band starts the month after the birthday, so the 所得区分 below (ウ under
        // 70, 一般 from 70) stays right whatever the birthday.
        let age = Int.random(in: 20...95, using: &rng)
        // Ages 74–75 move to 76 likewise: a 75th birthday inside the stay splits it into two receipts (後期高齢者医療 from
        // that day), which one generated claim cannot be.
        let birthYear = month.year - ((69...71).contains(age) ? 72 : (74...75).contains(age) ? 76 : age)
        let birth = String(format: "%04d-%02d-%02d", birthYear, Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
        var leave: [String] = []
        var leaveDays = Set<Int>()
        if length >= 14, to.dayNumber - from.dayNumber >= 10, Int.random(in: 0..<4, using: &rng) == 0 {
            let d = Int.random(in: (from.dayNumber + 3)...(to.dayNumber - 3), using: &rng)
            leaveDays.insert(d)
            leave.append("{\"date\":\"\(date(ServiceDate(dayNumber: d)))\"}")
        }
        var encounters: [String] = []
        var meals: [String] = []
        for dn in from.dayNumber...to.dayNumber where !leaveDays.contains(dn) {
            let day = ServiceDate(dayNumber: dn)
            var orders: [String] = []
            func order(_ category: Int, _ items: [(UInt64, String?)], times: Int = 1) { orders.append(Self.order(category, items, times: times)) }
            if dn == admitted.dayNumber || Int.random(in: 0..<10, using: &rng) < 3 {
                order(60, Array(chemistry.shuffled(using: &rng).prefix(Int.random(in: 3...10, using: &rng))).map { ($0, nil) })
                // No B-V: 静脈採血 is 入院外に限る (入外適用区分 2); in hospital it is part of the 入院基本料.
                if let h = hematology.randomElement(using: &rng) { order(60, [(h, nil)]) }
            }
            if let drip = drips.randomElement(using: &rng), let d = injectables.randomElement(using: &rng), Int.random(in: 0..<10, using: &rng) < 4 {
                order(33, [(drip, nil), (d, "1")])
            }
            if (dn - from.dayNumber) % 7 == 0, Int.random(in: 0..<2, using: &rng) == 0 {
                let drugs = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (tablets.randomElement(using: &rng)!, String(Int.random(in: 1...3, using: &rng))) }
                order(21, drugs, times: 7)
            }
            if Int.random(in: 0..<15, using: &rng) == 0, !imaging.isEmpty, let f = films.randomElement(using: &rng) {
                order(70, imaging.prefix(2).map { ($0, nil) } + [(f, "1")])
            }
            if !orders.isEmpty { encounters.append("{\"date\":\"\(date(day))\",\"orders\":[\(orders.joined(separator: ","))]}") }
            let served = dn == admitted.dayNumber ? ["lunch", "dinner"] : dn == discharged?.dayNumber ? ["breakfast", "lunch"] : ["breakfast", "lunch", "dinner"]
            let special = Int.random(in: 0..<5, using: &rng) == 0 ? ",\"special\":[\"\(served.last!)\"]" : ""
            meals.append("{\"date\":\"\(date(day))\",\"served\":[\(served.map { "\"\($0)\"" }.joined(separator: ","))]\(special)}")
        }
        let admission = "{\"date\":\"\(date(admitted))\"" + (discharged.map { ",\"discharge\":\"\(date($0))\"" } ?? "")
            + ",\"month\":\"\(String(format: "%04d-%02d", month.year, month.month))\",\"ward\":{\"basic_fee\":\"\(ward.code)\"}"
            + (leave.isEmpty ? "" : ",\"leave\":[\(leave.joined(separator: ","))]") + ",\"meals\":[\(meals.joined(separator: ","))]}"
        // The 所得区分 of the patient's age on the month's first day (the 負担割合 follows from the birth date).
        let insurance = "{\"income_class\":\"\(month.year - birthYear >= 72 ? "一般" : "ウ")\",\"inpatient\":true,\"meal_class\":\"一般\"}"
        return "{\"id\":\"gen-in-\(n)\",\"patient\":{\"birth_date\":\"\(birth)\"},\"facility\":{\"kind\":\"\(ward.clinic ? "clinic" : "hospital")\",\"beds\":\(ward.clinic ? 19 : 200),\"standards\":[\(standards.joined(separator: ","))]},"
            + "\"encounters\":[\(encounters.joined(separator: ","))],\"admission\":\(admission),\"insurance\":\(insurance)}"
    }

    /// One claim as a JSON object line (docs/claim-format.md).
    public func claim(_ n: Int, using rng: inout SplitMix64) -> String {
        let days = ServiceDate.daysInMonth(year: month.year, month: month.month)
        let visits = [1, 1, 1, 2, 2, 3, 4].randomElement(using: &rng)!
        var dates = Set<Int>()
        while dates.count < visits { dates.insert(Int.random(in: 1...days, using: &rng)) }
        let birthYear = month.year - Int.random(in: 0...95, using: &rng)
        let birthMonth = Int.random(in: 1...12, using: &rng), birthDay = Int.random(in: 1...28, using: &rng)
        // Born on or before the first visit (a birth after the service date is refused at the door): a
        // birthday later in the service year moves to the year before, drawing no other random number.
        let firstDay = dates.min() ?? 1
        let bornAfter = birthYear == month.year && (birthMonth, birthDay) > (month.month, firstDay)
        let birth = String(format: "%04d-%02d-%02d", bornAfter ? birthYear - 1 : birthYear, birthMonth, birthDay)
        var encounters: [String] = []
        for (k, day) in dates.sorted().enumerated() {
            var orders: [String] = []
            func order(_ category: Int, _ items: [(UInt64, String?)], times: Int = 1) { orders.append(Self.order(category, items, times: times)) }
            if k == 0 && Int.random(in: 0..<3, using: &rng) == 0 { order(11, [(firstVisit.randomElement(using: &rng)!, nil)]) }
            else {
                order(12, [(revisit.randomElement(using: &rng)!, nil)])
                if !management.isEmpty && Int.random(in: 0..<2, using: &rng) == 0 { order(12, [(management[0], nil)]) }
            }
            if Int.random(in: 0..<10, using: &rng) < 4 {
                let count = Int.random(in: 3...12, using: &rng)
                order(60, Array(chemistry.shuffled(using: &rng).prefix(count)).map { ($0, nil) })
                if let h = hematology.randomElement(using: &rng), Bool.random(using: &rng) { order(60, [(h, nil)]) }
                if let b = bloodDraw.randomElement(using: &rng) { order(60, [(b, nil)]) }
            }
            if Int.random(in: 0..<10, using: &rng) < 5 {
                if let p = prescription.randomElement(using: &rng), Bool.random(using: &rng) { order(80, [(p, nil)]) }
                else {
                    let drugs = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (tablets.randomElement(using: &rng)!, String(Int.random(in: 1...3, using: &rng))) }
                    order(21, drugs, times: [7, 14, 28, 30].randomElement(using: &rng)!)
                }
            }
            if Int.random(in: 0..<10, using: &rng) == 0, !imaging.isEmpty, let f = films.randomElement(using: &rng) {
                order(70, imaging.prefix(2).map { ($0, nil) } + [(f, "1")])
            }
            if Int.random(in: 0..<10, using: &rng) == 0, let p = procedures.randomElement(using: &rng) { order(40, [(p, nil)]) }
            if Int.random(in: 0..<10, using: &rng) == 0, let i = injections.randomElement(using: &rng), let d = injectables.randomElement(using: &rng) {
                order(31, [(i, nil), (d, "1")])
            }
            let bands = ["daytime", "daytime", "daytime", "daytime", "daytime", "daytime", "overtime", "holiday", "night", "early_late"]
            encounters.append("{\"date\":\"\(String(format: "%04d-%02d-%02d", month.year, month.month, day))\",\"time_band\":\"\(bands.randomElement(using: &rng)!)\",\"orders\":[\(orders.joined(separator: ","))]}")
        }
        return "{\"id\":\"gen-\(n)\",\"patient\":{\"birth_date\":\"\(birth)\"},\"facility\":{\"kind\":\"clinic\"},\"encounters\":[\(encounters.joined(separator: ","))]}"
    }
}
