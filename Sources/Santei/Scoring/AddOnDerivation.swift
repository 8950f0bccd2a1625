import Foundation

/// A patient's age as the 点数表 counts it: 年齢計算ニ関スル法律 — an age is attained on the day before
/// the birthday (so someone born on 2018-06-02 is 6 from 2024-06-01).
public struct PatientAge: Sendable {
    public let birth: ServiceDate
    /// The service day an age is taken on whatever date it is asked for: a claim priced on the masters of another date
    /// (`santei revalue --from/--to`) keeps the patient's age on the day of the visit (review 233 CB-1: a child of 6 on
    /// 2024-05-13 took the 乳幼児加算 on the masters of 2024-05-01).
    public private(set) var pinned: ServiceDate? = nil
    public init(birth: ServiceDate) { self.birth = birth }

    /// This age taken on `day` whatever date it is asked for (`pinned`).
    public func pinned(to day: ServiceDate) -> PatientAge { var a = self; a.pinned = day; return a }

    public func years(on date: ServiceDate) -> Int {
        let d = ServiceDate(dayNumber: (pinned ?? date).dayNumber + 1)   // attained the day before the birthday
        var y = d.year - birth.year
        if (d.month, d.day) < (birth.month, birth.day) { y -= 1 }
        return y
    }

    public func days(on date: ServiceDate) -> Int { (pinned ?? date).dayNumber - birth.dayNumber }

    /// The `years`-th birthday; a 29 February birth has it on 1 March in common years (民法143条). A
    /// birthday past the calendar's last year (9999) is `.open`: after every service date.
    public func birthday(_ years: Int) -> ServiceDate {
        let y = birth.year + years
        return ServiceDate(year: y, month: birth.month, day: birth.day) ?? ServiceDate(year: y, month: 3, day: 1) ?? .open
    }

    /// The day an age is attained (年齢計算ニ関スル法律): the day before the `years`-th birthday.
    public func attains(_ years: Int) -> ServiceDate { birthday(years).previousDay }

    /// The 1st of the month after the day `years` is attained (「…歳に達した日の翌月の１日」: age codes B3/B6/BF/BK;
    /// 高齢受給者 from 70).
    public func monthAfterAttaining(_ years: Int) -> ServiceDate {
        let d = attains(years)
        let next = d.month == 12 ? ServiceDate(year: d.year + 1, month: 1, day: 1) : ServiceDate(year: d.year, month: d.month + 1, day: 1)
        return next ?? .open   // past 9999-12 (or `d` open): never within a service date
    }

    /// The first day a child is no longer 未就学 (義務教育就学前): the 1 April after the first 31 March on or
    /// after the day 6 is attained (age code MG; 負担割合 2割 for 未就学児).
    public var schoolEntry: ServiceDate {
        let six = attains(6)
        return ServiceDate(year: six.month >= 4 ? six.year + 1 : six.year, month: 4, day: 1) ?? .open
    }

    /// The first day from which an age code holds (R06rec1 §3(7) 項番41・42, 特定器材 項番15・16, `AgeCode`):
    /// two digits N: the day N is attained ("00" or empty = no limit); AA 生後28日, AE 生後90日; B3, B6, BF,
    /// BK: `monthAfterAttaining` 3, 6, 15, 20; MG 未就学児: `schoolEntry`. A code the spec does not define
    /// gives `.unknown`.
    public enum Threshold: Equatable, Sendable { case none, from(ServiceDate), unknown }

    public func threshold(_ code: String) -> Threshold {
        var code = code
        return code.withUTF8 { threshold($0) }
    }

    /// The same, on the bytes of a master field (no String on the audit's hot path).
    public func threshold(_ code: UnsafeBufferPointer<UInt8>) -> Threshold {
        if code.isEmpty { return .none }
        guard code.count == 2 else { return .unknown }
        let a = code[0], b = code[1]
        if a >= 48 && a <= 57 && b >= 48 && b <= 57 {
            let n = Int(a - 48) * 10 + Int(b - 48)
            return n == 0 ? .none : .from(attains(n))
        }
        switch (a, b) {
        case (UInt8(ascii: "A"), UInt8(ascii: "A")): return .from(ServiceDate(dayNumber: birth.dayNumber + 28))
        case (UInt8(ascii: "A"), UInt8(ascii: "E")): return .from(ServiceDate(dayNumber: birth.dayNumber + 90))
        case (UInt8(ascii: "B"), UInt8(ascii: "3")): return .from(monthAfterAttaining(3))
        case (UInt8(ascii: "B"), UInt8(ascii: "6")): return .from(monthAfterAttaining(6))
        case (UInt8(ascii: "B"), UInt8(ascii: "F")): return .from(monthAfterAttaining(15))
        case (UInt8(ascii: "B"), UInt8(ascii: "K")): return .from(monthAfterAttaining(20))
        case (UInt8(ascii: "M"), UInt8(ascii: "G")): return .from(schoolEntry)
        default: return .unknown
        }
    }

    /// Whether the patient meets a 下限年齢 / 上限年齢 pair given as master bytes: 下限 inclusive, 上限
    /// ("上限値＋1") exclusive. nil for a code the spec does not define.
    public func satisfies(lower: UnsafeBufferPointer<UInt8>, upper: UnsafeBufferPointer<UInt8>, on date: ServiceDate) -> Bool? {
        let lo = threshold(lower), hi = threshold(upper)
        if lo == .unknown || hi == .unknown { return nil }
        let day = (pinned ?? date).dayNumber
        if case .from(let t) = lo, day < t.dayNumber { return false }
        if case .from(let t) = hi, day >= t.dayNumber { return false }
        return true
    }

    /// Whether the patient meets a master's 下限年齢 / 上限年齢 pair on `date`: 下限 inclusive (on or after
    /// its threshold), 上限 ("上限値＋1") exclusive (before its threshold). nil for an age code the
    /// master spec does not define (the caller then leaves the add-on to the clerk).
    public func satisfies(lower: String, upper: String, on date: ServiceDate) -> Bool? {
        let lo = threshold(lower), hi = threshold(upper)
        if lo == .unknown || hi == .unknown { return nil }
        let day = (pinned ?? date).dayNumber
        if case .from(let t) = lo, day < t.dayNumber { return false }
        if case .from(let t) = hi, day >= t.dayNumber { return false }
        return true
    }
}

/// Codes of one chain with a version that names an age add-on (年齢加算①–④) without a 注加算 family or a
/// 処置乳幼児加算区分 (`AddOnDeriver.namedAge`), built once per chain on first use: rows of 告示等識別区分 1, 3 and 5
/// (the 両側 rows of D255 精密眼底検査 are 合成項目 3 and name the same add-ons).
final class NamedAgeIndex: @unchecked Sendable {
    let codes: Set<UInt64>
    init(_ t: MasterTable) {
        let P = ProcedureColumn.self
        var out = Set<UInt64>()
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) where AddOnDeriver.isFamilyBase(t, v)
                && (t.integer(v, P.addOnCode) ?? 0) == 0 && (t.integer(v, P.infantProcedureAddOn) ?? 0) == 0 {
                if (0..<4).contains(where: { (t.integer(v, P.ageAddOnFirst + 3 * $0 + 2) ?? 0) != 0 }) { out.insert(t.code(at: i)); break }
            }
        }
        codes = out
    }
}

/// 注加算コード → the codes of its family in one chain, built once per chain on first use.
final class AddOnIndex: @unchecked Sendable {
    private var families: [Int: [Int]] = [:]

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            var seen = Set<Int>()
            for v in t.versions(ofCode: i) {
                if let c = t.integer(v, ProcedureColumn.addOnCode), c != 0, seen.insert(c).inserted { families[c, default: []].append(i) }
            }
        }
    }

    func family(_ addOnCode: Int) -> [Int] { families[addOnCode] ?? [] }
}

/// Codes of one chain grouped by a key read from each code's newest version (nil = left out); built once
/// per chain on first use (`MasterSet.chainCache`).
final class CodeGroups<Key: Hashable>: @unchecked Sendable {
    private var groups: [Key: [Int]] = [:]
    init(_ t: MasterTable, key: (MasterTable, Int) -> Key?) {
        for i in 0..<t.codeCount {
            if let k = key(t, t.versions(ofCode: i).upperBound - 1) { groups[k, default: []].append(i) }
        }
    }
    func codes(_ key: Key) -> [Int] { groups[key] ?? [] }
}

extension CodeGroups where Key == String {
    /// コード表用番号 (alphabet + 区分番号 + 枝番, e.g. "A001-00") → the codes of that 区分.
    static func sections(_ t: MasterTable) -> CodeGroups<String> {
        let P = ProcedureColumn.self
        return CodeGroups(t) { t, v in t.string(v, P.codeTableAlphabet) + t.string(v, P.sectionNumber) + "-" + t.string(v, P.branchNumber) }
    }
}

extension CodeGroups where Key == UInt8 {
    /// 通則 ％ rows (告示等識別区分（１） 9, 点数識別 5) by 部 (コード表用番号 alphabet): J 通則5 / K 通則12
    /// 時間外・休日・深夜加算, K 通則7・8 新生児・乳幼児・幼児加算, L 麻酔 通則 …
    /// Under `alphabet | 0x80` (an alphabet is ASCII), the ％ time rows (点数識別 5, 時間加算区分 set) of the 注加算 kind
    /// (告示等識別区分（１） 7) linked to no base (注加算コード 0): 内視鏡検査 通則5 休日・時間外・深夜加算 (160203970, 160204070,
    /// 160204170 …) — one index, one cache look-up per order.
    static func generalAddOns(_ t: MasterTable) -> CodeGroups<UInt8> {
        let P = ProcedureColumn.self
        return CodeGroups(t) { t, v in
            guard t.integer(v, P.pointKind) == 5, let alphabet = t.bytes(v, P.codeTableAlphabet).first, alphabet < 0x80 else { return nil }
            switch t.bytes(v, P.noticeClass1).first {
            case UInt8(ascii: "9"): return alphabet
            case UInt8(ascii: "7") where (t.integer(v, P.addOnCode) ?? 0) == 0 && (t.integer(v, P.timeAddOnClass) ?? 0) != 0: return alphabet | 0x80
            default: return nil
            }
        }
    }
}

extension CodeGroups where Key == Int {
    /// 乳幼児加算（処置） rows (告示等識別区分 7) by 処置乳幼児加算区分.
    static func infantAddOns(_ t: MasterTable) -> CodeGroups<Int> {
        let P = ProcedureColumn.self
        return CodeGroups(t) { t, v in
            guard t.bytes(v, P.noticeClass1).first == UInt8(ascii: "7"), let cls = t.integer(v, P.infantProcedureAddOn), cls != 0 else { return nil }
            return cls
        }
    }
}

/// The encounter's time band as the master's 時間加算区分 of an add-on row codes it.
public enum TimeBand: String, Sendable {
    case daytime, overtime, holiday, night, earlyLate = "early_late"

    /// Whether a service in this band on `date` is inside the 保険医療機関が表示する診療時間 and not on a 休日, where the
    /// 時間外緊急院内検査・画像診断加算 are not given (第3部 第1節 第1款 通則1, 第4部 通則3: 「表示する診療時間以外の時間、休日
    /// 又は深夜において」): daytime; early_late (夜間・早朝等加算, A000 注9: inside the 表示する診療時間) on a day that is no 休日
    /// (`Holidays`: 日曜, 祝日, 12/29–1/3). An early_late day whose 休日 is not known, and every other band, is not.
    func isWithinHoursOnWorkday(_ date: ServiceDate) -> Bool {
        switch self {
        case .daytime: true
        case .earlyLate: Holidays.embedded?.isHoliday(date) == false
        default: false
        }
    }

    /// 時間加算区分 values of an add-on row for the band (R06rec1 項番43, 加算項目): 1 時間外, 2 休日
    /// (3 初診料の休日加算), 4 深夜, 6 夜間・早朝等.
    var addOnClasses: [Int] {
        switch self {
        case .daytime: []
        case .overtime: [1]
        case .holiday: [2, 3]
        case .night: [4]
        case .earlyLate: [6]
        }
    }

    /// 時間加算区分 of a 通則 ％ row of 加算2 kind for the band (時間外 1, 休日 2, 深夜 4; J 通則5, K 通則12).
    /// 加算1 rows (8, 9: 届出 施設基準) are not told apart by fields and are left to the clerk.
    var generalClasses: [Int] {
        switch self {
        case .overtime: [1]
        case .holiday: [2]
        case .night: [4]
        case .daytime, .earlyLate: []
        }
    }

    /// 点数欄集計先 of stand-alone time add-on rows (再診料: 123 時間外 and 夜間・早朝等, 124 休日, 125 深夜;
    /// 別紙7-2); the row's 時間加算区分 tells 時間外 (1) from 夜間・早朝等 (6).
    var pointColumn: Int? {
        switch self {
        case .overtime, .earlyLate: 123
        case .holiday: 124
        case .night: 125
        case .daytime: nil
        }
    }
}

/// Derives the add-ons a base item's master rows link to, when the order does not state them:
///
/// - A base row (告示等識別区分（１）1, 3 or 5 (`isFamilyBase`), 注加算コード C, 注加算通番 0) and its add-ons (告示等識別区分 7 加算,
///   9 通則加算) share C; add-ons with the same 通番 exclude each other (R06rec1 項番38/39).
/// - Where the 区分 has no such member for the band, its stand-alone time rows: same 区分番号, 点数欄集計先
///   123 時間外 / 夜間・早朝等 (told apart by 時間加算区分), 124 休日, 125 深夜 (A001 注5, 注7).
/// - Time: the add-on of C whose 時間加算区分 is the encounter's band (1 時間外, 3 休日, 4 深夜,
///   6 夜間・早朝等), meeting the patient's age (下限/上限年齢), the most specific when several match
///   (乳幼児時間外加算 before 時間外加算) — e.g. A000 注7, A001 注5.
/// - Age: the base's 年齢加算①–④ (下限年齢, 上限年齢, 注加算診療行為コード), e.g. A000 注6 乳幼児加算,
///   unless an add-on of the same 通番 is already there, or a 時間外・休日・深夜 add-on applies (A000 注6 /
///   A001 注4 ただし書: not with 注7 / 注5・注6).
/// - 病院・診療所区分 of the add-on row against the facility, when the claim says which it is.
/// - 通則 ％ add-ons of the base's 部 (J 通則5, K 通則7・8・12): see `general`.
/// - 施設基準不適合減算 (適合区分 2 rows where the stated 施設基準 lack the 対象施設基準): `standardReduction`.
/// Nothing is added when the order already holds an add-on of that 通番, or when several rows fit and no
/// field tells them apart (a note asks the clerk).
struct AddOnDeriver {
    let set: MasterSet

    func derive(_ items: [UnitItem], table t: MasterTable, chain: Int, date: ServiceDate, band: TimeBand?,
                age: PatientAge, facilityKind: String?, standards: Set<Int> = [], standardsStated: Bool = false,
                timeMinimums: [OrderAddOnRules.GeneralTimeMinimum] = [], beside: [UnitItem] = [],
                surgeryInEncounter: Bool? = nil, inpatient: Bool = false, earlyLateVisit: Bool = false) -> (added: [UnitItem], notes: [String]) {
        let P = ProcedureColumn.self
        var added: [UnitItem] = [], notes: [String] = []
        // `beside`: the 診療行為 rows of the encounter's other orders of the same 診療識別 — an add-on the clerk states as an
        // order of its own (as a receipt writes 夜間・早朝等加算, 乳幼児加算 as SI records of their own) is the visit's
        // too: none is derived again into the base's order (review 146: 再診 + 112015570 as two orders billed it twice).
        var codes = Set(items.map(\.code))
        // Most orders hold no base of a 注加算 family (告示等識別区分 1 with a 注加算コード and 通番 0): they go
        // straight to the 通則 and 乳幼児 add-ons, without the family look-ups below.
        let hasBase = items.contains { item in
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return false }
            return Self.isFamilyBase(t, v) && (t.integer(v, P.addOnCode) ?? 0) != 0 && t.field(v, P.addOnSerial, is: "0")
        }
        if hasBase { bases(items, beside: beside, table: t, date: date, band: band, age: age, facilityKind: facilityKind, chain: chain,
                           standards: standardsStated ? standards : nil, codes: &codes, added: &added, notes: &notes) }
        // The 施設基準不適合 逓減 row before the age and time ％ rows: they take their share of the reduced 所定点数 (M001 2 注1
        // 100分の70, then 第12部 通則3 小児放射線治療加算 on it — 1800 × 0.7 × 1.3 = 1638, as a clerk's rows in that order
        // give; review 208 BC-1: 2500 for 2338 with 固定器具加算; 通知 E002 (7) works an age add-on on the reduced amount).
        if standardsStated { standardReduction(items, table: t, chain: chain, date: date, standards: standards, codes: &codes, added: &added, notes: &notes) }
        namedAge(items, table: t, chain: chain, date: date, age: age, facilityKind: facilityKind, codes: &codes, added: &added, notes: &notes)
        infant(items, beside: beside, table: t, chain: chain, date: date, age: age, codes: &codes, added: &added, notes: &notes)
        general(items, beside: beside, table: t, chain: chain, date: date, band: band, age: age, standards: standards, minimums: timeMinimums,
                surgery: surgeryInEncounter, inpatient: inpatient, earlyLateVisit: earlyLateVisit, codes: &codes, added: &added, notes: &notes)
        return (added, notes)
    }

    /// The time and age add-ons of the order's 注加算 family bases (`derive`).
    /// `standards`: the facility's 施設基準 when the claim states them (nil: not stated) — they narrow the candidates a note lists.
    private func bases(_ items: [UnitItem], beside: [UnitItem], table t: MasterTable, date: ServiceDate, band: TimeBand?, age: PatientAge, facilityKind: String?,
                       chain: Int, standards: Set<Int>?, codes: inout Set<UInt64>, added: inout [UnitItem], notes: inout [String]) {
        let P = ProcedureColumn.self
        // The order's rows and those stated beside it in the encounter (`derive`) that belong to one of the order's bases:
        // the same 注加算コード, or the same 区分番号 (A001's stand-alone 時間外・夜間・早朝等 rows) — another 区分's time
        // row (a 処置's 時間外加算２) says nothing of this base.
        var stated = items
        if !beside.isEmpty {
            var families = Set<Int>(), sections = Set<String>()
            for item in items where item.kind == .procedure {
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date), Self.isFamilyBase(t, v),
                      let c = t.integer(v, P.addOnCode), c != 0 else { continue }
                families.insert(c); sections.insert(InpatientPricer.section(t, v))
            }
            for item in beside where item.kind == .procedure {
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { continue }
                // A ％ row in an order of its own has no 所定点数 there to take its share of (it prices 0): it is the base's, and
                // is derived into the base's order as the 通則 ％ rows are (review 194 AO-2: E002 注2 乳幼児加算 beside the
                // 撮影 — 153 for 187).
                if Self.isPercentRow(t, v) { continue }
                if families.contains(t.integer(v, P.addOnCode) ?? 0) || sections.contains(InpatientPricer.section(t, v)) { stated.append(item) }
            }
        }
        var present = Set<String>()   // "C/通番" already in the order
        // "C/通番" held by stated age rows only (時間加算区分 0: 乳幼児加算): in 部 A such a row gives way to the time row of its
        // 通番 (A000 注6, A001 注4, A002 注7 ただし、注7又は注8 … に規定する加算を算定する場合は算定しない), which is derived in its
        // place (review 215 BJ-2: 初診 of a child on an overtime band stated with 乳幼児加算 75 billed it, for 乳幼児時間外加算 200).
        var ageOnly = Set<String>(), notAgeOnly = Set<String>()
        for item in stated where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  let c = t.integer(v, P.addOnCode), c != 0 else { continue }
            let serial = t.string(v, P.addOnSerial)
            if serial != "0" {
                present.insert("\(c)/\(serial)")
                let isAge = (t.integer(v, P.timeAddOnClass) ?? 0) == 0 && (t.string(v, P.minimumAge) != "00" || t.string(v, P.maximumAge) != "00")
                if isAge && items.contains(where: { $0.kind == .procedure && $0.code == item.code }) { ageOnly.insert("\(c)/\(serial)") } else { notAgeOnly.insert("\(c)/\(serial)") }
            }
        }
        ageOnly.subtract(notAgeOnly)
        let index = set.addOnIndex(chain: chain)
        /// A row a note may offer: with the facility's 施設基準 stated, one that names none or one it holds, and not a 「在支診等以外」 row at
        /// a 在支診 (home-care-support.json; reviews 416 JD-4, 421 JI-1). Nothing is derived by it.
        func facilityMayBill(_ code: UInt64) -> Bool {
            guard let held = standards, let i = t.codeIndex(of: code), let w = t.version(ofCode: i, on: date) else { return true }
            let named = standardsOf(t, w)
            if !named.isEmpty { return !named.isDisjoint(with: held) }
            return HomeCareSupport.embedded?.mayBill(name: t.string(w, P.abbreviatedName), part: t.bytes(w, P.codeTableAlphabet).first, held: held, on: date) ?? true
        }
        // A 時間外・休日・深夜 type add-on in the order (an add-on row with 時間加算区分 1–5 or 7, or a
        // stand-alone time row in 点数欄 123–125): age add-ons then do not apply (A000 注6, A001 注4
        // ただし書); 夜間・早朝等加算 (6) does not exclude them.
        var timeAddOn = stated.contains { item in
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return false }
            let column = t.integer(v, P.pointColumnOutpatient) ?? 0
            let cls = t.integer(v, P.timeAddOnClass) ?? 0
            return (123...125).contains(column) && cls != 6 || ((t.field(v, P.noticeClass1, is: "7") || t.field(v, P.noticeClass1, is: "9")) && [1, 2, 3, 4, 5, 7].contains(cls))
        }
        // A time add-on the clerk states (any of them, 夜間・早朝等 too) is the visit's: none is derived beside it — the
        // 時間外特例 (A000 注7 / A001 注5 ただし書: in place of the 注7/注5 amounts; 通知 A000 (21) ウ: 時間外加算又は
        // 夜間・早朝等加算は算定しない) and 小児科特例 rows (A000 注8 / A001 注6; A000 注9 / A001 注7 ただし) included.
        let statedTime = timeAddOn || stated.contains { item in
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return false }
            return (t.integer(v, P.timeAddOnClass) ?? 0) == 6 && ((123...125).contains(t.integer(v, P.pointColumnOutpatient) ?? 0)
                || t.field(v, P.noticeClass1, is: "7") || t.field(v, P.noticeClass1, is: "9"))
        }
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  Self.isFamilyBase(t, v), let c = t.integer(v, P.addOnCode), c != 0, t.field(v, P.addOnSerial, is: "0") else { continue }
            // Time add-on.
            if let band, !statedTime, !band.addOnClasses.isEmpty, t.integer(v, P.timeAddOnClass) ?? 0 != 0 {
                var best: [(code: UInt64, serial: String, specific: Int)] = []
                for j in index.family(c) {
                    guard let w = t.version(ofCode: j, on: date), t.field(w, P.noticeClass1, is: "7") || t.field(w, P.noticeClass1, is: "9"),
                          band.addOnClasses.contains(t.integer(w, P.timeAddOnClass) ?? -1), t.integer(w, P.addOnCode) == c else { continue }
                    let serial = t.string(w, P.addOnSerial)
                    let yields = ageOnly.contains("\(c)/\(serial)") && t.bytes(v, P.codeTableAlphabet).first == UInt8(ascii: "A")
                    guard !present.contains("\(c)/\(serial)") || yields, t.allowsFacility(w, facilityKind) else { continue }
                    // A row for one kind of facility (A000 注9・A001 注7 夜間・早朝等加算: 診療所に限る) is not derived when the claim
                    // does not say which it is (review 177 X-3: derived silently with no facility).
                    if facilityKind == nil, t.isFacilityRestricted(w) {
                        notes.append("\(t.code(at: j)) \(t.string(w, P.abbreviatedName)): for one kind of facility (医科診療行為マスター 病院・診療所区分 \(t.string(w, P.facilityType))) and facility.kind is not stated: not derived, state it if it applies")
                        continue
                    }
                    let lower = t.string(w, P.minimumAge), upper = t.string(w, P.maximumAge)
                    guard let ok = age.satisfies(lower: lower, upper: upper, on: date) else {
                        notes.append("\(t.code(at: j)) \(t.string(w, P.abbreviatedName)): age code \(lower)/\(upper) not derived, state it if it applies")
                        continue
                    }
                    if ok { best.append((t.code(at: j), serial, (lower == "00" ? 0 : 1) + (upper == "00" ? 0 : 1))) }
                }
                let top = best.map(\.specific).max()
                let chosen = Self.withoutPediatricException(best.filter { $0.specific == top }, t, date) { $0.code }
                if chosen.count == 1, let pick = chosen.first, !codes.contains(pick.code) {
                    added.append(UnitItem(kind: .procedure, code: pick.code))
                    present.insert("\(c)/\(pick.serial)"); codes.insert(pick.code)
                    if band != .earlyLate { timeAddOn = true }
                    notes.append("\(pick.code): derived from time band \(band.rawValue) (注加算コード \(c) 通番 \(pick.serial))")
                } else if chosen.isEmpty, let column = band.pointColumn {
                    // No 注加算 member for the band: the 区分's stand-alone time row (A001 再診料 注5, 注7).
                    switch standalone(t, base: v, band: band, column: column, date: date, age: age, facilityKind: facilityKind, codes: codes) {
                    case .one(let pick):
                        added.append(UnitItem(kind: .procedure, code: pick))
                        codes.insert(pick)
                        if band != .earlyLate { timeAddOn = true }
                        notes.append("\(pick): derived from time band \(band.rawValue) (same 区分番号, 点数欄集計先 \(column))")
                    case .several(let list):
                        if band != .earlyLate { timeAddOn = true }
                        notes.append("time band \(band.rawValue): several add-ons match (\(list.map { String($0) }.joined(separator: ", "))); none derived, state the one that applies")
                    case .none:
                        if facilityKind == nil, band == .earlyLate {
                            notes.append("time band early_late: 夜間・早朝等加算 is for a 診療所 (A000 注9, A001 注7: 診療所に限る) and facility.kind is not stated: not derived, state it if it applies")
                        }
                    }
                } else if chosen.count > 1 {
                    if band != .earlyLate { timeAddOn = true }
                    // The note lists the rows the facility may bill: with its 施設基準 stated, not a row whose 施設基準 it has none of
                    // (review 416 JD-4: 114011770 在支診等 listed for a facility without 3168/3169). Nothing is derived either way.
                    let shown = chosen.map(\.code).filter(facilityMayBill)
                    notes.append("time band \(band.rawValue): several add-ons match (\((shown.isEmpty ? chosen.map(\.code) : shown).map { String($0) }.joined(separator: ", "))); none derived, state the one that applies")
                }
                // 時間加算区分 7 夜間加算自体 (C000 注1 夜間・休日往診加算: 通知 C000 (6) 夜間 = 午後６時から午前８時, 深夜を除く): the band
                // 時間外 does not tell a 夜間 visit from one before 18時 or after 8時, so a note asks (review 416 JD-3; early_late is
                // inside the 標榜時間, where 通知 C000 (6) ただし gives no 夜間・休日往診加算).
                if band == .overtime, chosen.isEmpty {
                    let night = index.family(c).compactMap { j -> UInt64? in
                        guard let w = t.version(ofCode: j, on: date), t.integer(w, P.addOnCode) == c, t.integer(w, P.timeAddOnClass) == 7,
                              t.field(w, P.noticeClass1, is: "7") || t.field(w, P.noticeClass1, is: "9"), t.allowsFacility(w, facilityKind) else { return nil }
                        return t.code(at: j)
                    }
                    let shown = night.filter(facilityMayBill)
                    if !night.isEmpty {
                        notes.append("time band overtime: \(item.code)'s 夜間 add-ons (時間加算区分 7: \((shown.isEmpty ? night : shown).map { String($0) }.joined(separator: ", "))) apply only to a 夜間 visit (午後６時から午前８時, 深夜を除く; 通知 C000 (6)), which 時間外 does not tell; none derived, state the one that applies")
                    }
                }
            }
            // Age add-ons named by the base row — for 初診料・再診料・外来診療料 unless a time add-on applies (A000 注6, A001 注4,
            // A002 注7: ただし、注7又は注8（注5又は注6, 注8又は注9）に規定する加算を算定する場合は算定しない; R06
            // ika-kokuji.txt 165-167, 235-237, 392-394). No other 部 says so: a 内視鏡検査 of a 3歳未満 child on a 休日 takes
            // 第3節 通則1 乳幼児加算 and 内視鏡 通則5 休日加算 both (通知 第3部 第3節 4, ika-tsuuchi.txt 15416-15419).
            var ageGivesWay = timeAddOn && t.bytes(v, P.codeTableAlphabet).first == UInt8(ascii: "A")
            // One of the rows the base names in its 年齢加算①–④ is stated, in the order or beside it: none other of them is
            // derived (J036: 新生児加算 00〜AA and 乳幼児加算 AA〜03 — 「又は」; reviews 192 AM-01/02, 194 AO-1).
            if !ageGivesWay {
                for n in 0..<4 {
                    guard let named = UInt64(t.string(v, P.ageAddOnFirst + 3 * n + 2)), named != 0,
                          items.contains(where: { $0.kind == .procedure && $0.code == named })
                            || beside.contains(where: { $0.kind == .procedure && $0.code == named && !Self.isPercentRow(t, named, date) }) else { continue }
                    ageGivesWay = true
                    notes.append("age add-ons of \(item.code) not derived — \(named), one of its 年齢加算 rows, is stated")
                    break
                }
            }
            for k in 0..<4 where !ageGivesWay {
                let col = P.ageAddOnFirst + 3 * k
                guard let code = UInt64(t.string(v, col + 2)), code != 0, !codes.contains(code) else { continue }
                guard let ok = age.satisfies(lower: t.string(v, col), upper: t.string(v, col + 1), on: date) else {
                    notes.append("\(code): age code \(t.string(v, col))/\(t.string(v, col + 1)) not derived, state it if it applies")
                    continue
                }
                guard ok, let j = t.codeIndex(of: code), let w = t.version(ofCode: j, on: date), t.allowsFacility(w, facilityKind) else { continue }
                let serial = t.string(w, P.addOnSerial)
                guard !present.contains("\(c)/\(serial)") else { continue }
                added.append(UnitItem(kind: .procedure, code: code))
                present.insert("\(c)/\(serial)"); codes.insert(code)
                notes.append("\(code) \(t.string(w, P.abbreviatedName)): derived from age \(age.years(on: date)) (年齢加算 of \(item.code), \(t.string(v, col))〜\(t.string(v, col + 1)))")
            }
        }
    }

    /// 通則 ％ add-ons of the base's 部 (rows of `CodeGroups.generalAddOns`), for a base row (告示等識別区分 1):
    /// - time (基本項目 時間加算区分 1 = 時間外加算等を算定可能; J 通則5 処置 150点以上, K 通則12): the 加算2
    ///   row whose 時間加算区分 is the band's (1 時間外, 2 休日, 4 深夜) and that needs no 施設基準. When the
    ///   facility holds the 施設基準 of a 加算1 row of the 部 (時間加算区分 8/9), a note asks instead.
    /// - age (通則年齢 1 = 年齢に関する通則加算を算定可能; K 通則7・8, L 通則): the rows with 通則年齢 1 and an age
    ///   limit the patient meets; of several, the narrowest band (the earliest 上限) — 新生児 before 乳幼児.
    ///   Rows with 通則年齢 1 and no age limit (極低出生体重児加算: a weight, not an age) are never derived.
    /// Nothing is added when the order already holds a 通則 ％ row of that kind.
    /// A base is a row of 告示等識別区分（１） 1 基本項目, 3 合成項目 or 5 準用項目 (ギプスシャーレ, 電撃傷処置 …).
    /// `minimums`: a 部's 所定点数 thresholds (第9部 通則5 イ 1,000点, ロ 150点); below them no row of that kind.
    private func general(_ items: [UnitItem], beside: [UnitItem] = [], table t: MasterTable, chain: Int, date: ServiceDate, band: TimeBand?, age: PatientAge,
                         standards: Set<Int>, minimums: [OrderAddOnRules.GeneralTimeMinimum], surgery: Bool? = nil, inpatient: Bool = false,
                         earlyLateVisit: Bool = false, codes: inout Set<UInt64>, added: inout [UnitItem], notes: inout [String]) {
        let P = ProcedureColumn.self
        let index = set.chainCache(chain, "general") { CodeGroups<UInt8>.generalAddOns($0) }
        var basePart: UInt8? = nil, timeBase = false, ageBase = false, baseVersion: Int? = nil
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  Self.isFamilyBase(t, v) else { continue }
            basePart = basePart ?? t.bytes(v, P.codeTableAlphabet).first
            baseVersion = baseVersion ?? v
            if t.integer(v, P.timeAddOnClass) == 1 { timeBase = true }
            if t.integer(v, P.generalAgeRule) == 1 { ageBase = true }
        }
        guard let part = basePart, timeBase || ageBase else { return }
        var rows: [(index: Int, version: Int)] = []
        for j in index.codes(part) { if let w = t.version(ofCode: j, on: date) { rows.append((j, w)) } }
        // What the order already states.
        var statedTime = false, statedAge = false
        for (j, w) in rows where codes.contains(t.code(at: j)) {
            if t.integer(w, P.timeAddOnClass) ?? 0 != 0 { statedTime = true }
            if t.integer(w, P.generalAgeRule) == 1 { statedAge = true }
        }
        // 第11部 通則3 on a 麻酔料 (第1節, L000–L050): only for the 麻酔 of an 緊急 手術 (通知 第11部 通則9 ア, R06
        // ika-tsuuchi.txt 26758-26759); an encounter without any 第10部 手術 has none (review 147 C43: a 検査's 静脈麻酔 took
        // 40%). 神経ブロック料 (第2節, L100–) keeps it (通則9 イ: 緊急やむを得ない理由 alone).
        if timeBase, !statedTime, let band, !band.generalClasses.isEmpty, earlyLateVisit {
            // A 処置・手術・麻酔 following a 初診・再診 that bills 夜間・早朝等加算 (A000 注9, A001 注7: 時間加算区分 6) takes no 通則
            // 時間外・休日・深夜加算 (通知 第9部 通則4 ア・5, 第10部 通則14, 第11部 通則9; R06 ika-tsuuchi.txt 21284-21287, 21294-21296, 22954-22957, 26754-26757; the s master's 03-3 背反 of K 通則12 rows with
            // 112015570 — review 204 AY-1: 1,960 for 1,400).
            notes.append("time band \(band.rawValue): no 通則 時間外・休日・深夜加算 of 部 \(Character(Unicode.Scalar(part))) — the encounter's 初診・再診 bills 夜間・早朝等加算 (A000 注9 / A001 注7), and what follows it is no 時間外 care (通知 第9部 通則4 ア・5, 第10部 通則14, 第11部 通則9)")
        } else if timeBase, !statedTime, let band, !band.generalClasses.isEmpty, part == UInt8(ascii: "L"), surgery == false,
           let bv = baseVersion, (t.integer(bv, P.sectionNumber) ?? 0) < 100 {
            notes.append("time band \(band.rawValue): no 時間外等加算 of 第11部 通則3 — the encounter has no 第10部 手術, and a 麻酔料's 時間外加算等 is for the 麻酔 of an 緊急手術 only (通知 第11部 通則9 ア)")
        } else if timeBase, !statedTime, let band, !band.generalClasses.isEmpty {
            // 第9部 通則5: the order's 所定点数 decides whether 加算１ (1,000点) or 加算２ (150点) can apply at all.
            let minimum = minimums.first { $0.part.utf8.first == part }
            let points = minimum == nil ? nil : Self.orderPoints(items + added, t, date)
            let reachesFirst = points.map { $0 >= minimum!.first * 100 } ?? true
            let reachesSecond = points.map { $0 >= minimum!.second * 100 } ?? true
            let firstKind = !reachesFirst ? [] : rows.filter { [8, 9].contains(t.integer($0.version, P.timeAddOnClass) ?? 0) && !standardsOf(t, $0.version).isDisjoint(with: standards) }
            let second = !reachesSecond ? [] : rows.filter { band.generalClasses.contains(t.integer($0.version, P.timeAddOnClass) ?? -1) && standardsOf(t, $0.version).isEmpty }
            if let points, !reachesSecond {
                notes.append("time band \(band.rawValue): the order's 所定点数 \(points / 100)点 is below \(minimum!.second)点 — no 通則 時間外・休日・深夜加算 of 部 \(Character(Unicode.Scalar(part))) (通則: 所定点数が\(minimum!.second)点以上の場合)")
            }
            if !firstKind.isEmpty {
                notes.append("time band \(band.rawValue): the facility holds the 施設基準 of 時間外等加算1 (\(firstKind.map { String(t.code(at: $0.index)) }.joined(separator: ", "))), but 時間外等加算１ is billed only where the 診療科 that did it is the one notified for it (通知 第9部 通則7, 第10部 通則15), which the claim does not say: none derived — "
                             // 処置 通則5 ロ 加算２ is for 入院中の患者以外 only: an 入院 claim is asked for 加算１ alone (review 154 c33); of 手術
                             // 通則12 ロ only the 時間外加算２ is (its 休日加算２・深夜加算２ are an inpatient's too; review 263 DF-1).
                             + (!inpatient ? "state the 加算１ row if it is, the 加算２ row if not"
                                : part == UInt8(ascii: "K") ? "state the 加算１ row if it is, the 休日加算２ or 深夜加算２ row if not (時間外加算２ is for 入院中の患者以外 only: 第10部 通則12 ロ (2))"
                                : "state the 加算１ row if it is (加算２ is for 入院中の患者以外 only: 第9部 通則5 ロ)"))
            } else if second.count == 1, let pick = second.first {
                let code = t.code(at: pick.index)
                added.append(UnitItem(kind: .procedure, code: code)); codes.insert(code)
                // 手術 通則12 and 麻酔 通則3 are for an 緊急 operation only (通知 第10部 通則12, R06 ika-tsuuchi.txt 22939-22948: 入院外
                // after a 時間外等 初診・再診, within 8 hours of it; 第11部 通則3, 26758-26759): no claim field says 緊急.
                // 通知 第11部 9: ア 麻酔料 — the 麻酔 of an 緊急手術 only; イ 神経ブロック料 (第2節, L100–) — for a 緊急やむを得ない理由
                // (R06 ika-tsuuchi.txt 26754-26759; review 197 AR-7: the note cited 通則3 and asked an operation of a 神経ブロック).
                let block = part == UInt8(ascii: "L") && baseVersion.map { (t.integer($0, P.sectionNumber) ?? 0) >= 100 } == true
                // 処置 通則5: 所定点数が150点以上の緊急処置の場合についてのみ (通知 第9部 通則5, R06 ika-tsuuchi.txt 21281-21294; review 340
                // GE-4: the note said nothing of it).
                let emergency = part == UInt8(ascii: "K") ? "; only for an 緊急 operation (通知 第10部 通則12) — leave it out of a planned one"
                    : part == UInt8(ascii: "J") ? "; only for an 緊急処置 (通知 第9部 通則5) — leave it out of a planned one"
                    : block ? "; only when 緊急やむを得ない理由 made it fall in that time (通知 第11部 通則9 イ) — leave it out otherwise"
                    : part == UInt8(ascii: "L") ? "; only for the 麻酔 of an 緊急 operation (通知 第11部 通則9 ア) — leave it out of a planned one" : ""
                notes.append("\(code) \(t.string(pick.version, P.abbreviatedName)): derived from time band \(band.rawValue) (通則 ％加算 of 部 \(Character(Unicode.Scalar(part))), 時間加算区分 \(t.string(pick.version, P.timeAddOnClass)))\(emergency)")
            } else if second.count > 1 {
                notes.append("time band \(band.rawValue): several 通則 add-ons match (\(second.map { String(t.code(at: $0.index)) }.joined(separator: ", "))); none derived, state the one that applies")
            } else if second.isEmpty && points.map({ $0 >= (minimum?.second ?? 0) * 100 }) ?? true {
                // A 部 whose 通則 time rows are 注加算 rows linked to no base (告示等識別区分 7, 注加算コード 0, 点数識別 5: 第3部
                // 内視鏡検査 通則5 休日・時間外・深夜加算): the 加算 is for an 緊急内視鏡検査 following a 初診・再診 of that band
                // (通知 第3部 第3節 内視鏡検査 (4)(ア)(イ)), which the claim does not say — a note names the row (review 182 AC-1).
                let looseRows = part < 0x80 ? index.codes(part | 0x80) : []
                let fits = looseRows.compactMap { j -> (code: UInt64, version: Int)? in
                    guard let w = t.version(ofCode: j, on: date), band.generalClasses.contains(t.integer(w, P.timeAddOnClass) ?? -1) else { return nil }
                    return (t.code(at: j), w)
                }
                // The row the clerk states in an order of its own: a ％ row has no 所定点数 there, so it is priced on the 検査 it adds
                // to (review 198 AS-6: 1,140 for 1,596) — the band's row, or on an overtime encounter the 時間外特例 row (時間加算区分
                // 5; review 203 AX2).
                let statedBeside = looseRows.lazy.compactMap { j -> (code: UInt64, version: Int)? in
                    let code = t.code(at: j)
                    guard beside.contains(where: { $0.kind == .procedure && $0.code == code }), let w = t.version(ofCode: j, on: date) else { return nil }
                    let cls = t.integer(w, P.timeAddOnClass) ?? -1
                    return band.generalClasses.contains(cls) || (band == .overtime && cls == 5) ? (code, w) : nil
                }.first
                // 入院中の患者: 休日・深夜 only, on a 病状の急変 (通則5 ロ: 時間外加算 入院中の患者以外に限る; 通知 (5); review 183 AD-10).
                if !looseRows.contains(where: { codes.contains(t.code(at: $0)) }), let fit = statedBeside, !(inpatient && band == .overtime) {
                    added.append(UnitItem(kind: .procedure, code: fit.code)); codes.insert(fit.code)
                    notes.append("\(fit.code) \(t.string(fit.version, P.abbreviatedName)): stated in an order of its own — priced here, on the 検査 it adds to (第3部 第3節 内視鏡検査 通則5)")
                } else if !looseRows.contains(where: { codes.contains(t.code(at: $0)) }), let fit = fits.first, fits.count == 1, !(inpatient && band == .overtime) {
                    notes.append("\(fit.code) \(t.string(fit.version, P.abbreviatedName)): not derived — time band \(band.rawValue) fits, but the 加算 is for an 緊急 検査 "
                                 + (inpatient ? "on a 病状の急変 of a patient in hospital (通知 第3部 第3節 内視鏡検査 (5))"
                                              : "following a 初診・再診 of that band (or begun within 8 hours of it; not at the hospital's convenience: 通知 第3部 第3節 内視鏡検査 (4))")
                                 + ", which the claim does not say; state it if so")
                }
            }
        }
        if ageBase, !statedAge {
            var best: (code: UInt64, version: Int, upper: Int)? = nil
            // 手術 通則7: the 新生児加算 only for the 手術 of its list (Masters/params/surgery-neonatal.json).
            let listed = SurgeryNeonatalRules.embedded?.version(on: date)
            // Rows whose condition is a fact beyond the age (未熟児加算（麻酔）: 出生時体重): never derived.
            let conditioned = FactConditionedAddOns.embedded?.version(on: date)?.needs ?? [:]
            var excluded: UInt64? = nil
            var unknownFact: (code: UInt64, version: Int, needs: String)? = nil
            for (j, w) in rows where t.integer(w, P.generalAgeRule) == 1 {
                if let listed, let bv = baseVersion, listed.addOnCodes.contains(t.code(at: j)),
                   !listed.contains(alphabet: t.string(bv, P.codeTableAlphabet), section: t.integer(bv, P.sectionNumber) ?? 0,
                                    branch: t.integer(bv, P.branchNumber) ?? 0, item: t.integer(bv, P.itemNumber) ?? 0) {
                    excluded = t.code(at: j)
                    continue
                }
                let lower = t.string(w, P.minimumAge), upper = t.string(w, P.maximumAge)
                guard lower != "00" || upper != "00", age.satisfies(lower: lower, upper: upper, on: date) == true else { continue }
                if let needs = conditioned[t.code(at: j)] { unknownFact = (t.code(at: j), w, needs); continue }
                let bound: Int
                switch age.threshold(upper) { case .from(let d): bound = d.dayNumber; default: bound = Int.max }
                if best == nil || bound < best!.upper { best = (t.code(at: j), w, bound) }
            }
            if let pick = best {
                added.append(UnitItem(kind: .procedure, code: pick.code)); codes.insert(pick.code)
                notes.append("\(pick.code) \(t.string(pick.version, P.abbreviatedName)): derived from age \(age.years(on: date)) (通則年齢 1, \(t.string(pick.version, P.minimumAge))〜\(t.string(pick.version, P.maximumAge)))"
                             + (excluded.map { "; not \($0): the 手術 is not of the 通則7 list (\(listed?.revision ?? ""))" } ?? ""))
            }
            if let u = unknownFact {
                notes.append("\(u.code) \(t.string(u.version, P.abbreviatedName)) not derived: the patient's age fits, but it needs \(u.needs), which the claim does not state — state it on the order if it applies")
            }
        }
    }

    /// A row of 点数識別 5 (％加算) or 6 (％減算).
    static func isPercentRow(_ t: MasterTable, _ v: Int) -> Bool {
        let kind = t.integer(v, ProcedureColumn.pointKind) ?? 0
        return kind == PointKind.percentAddition.rawValue || kind == PointKind.percentReduction.rawValue
    }

    static func isPercentRow(_ t: MasterTable, _ code: UInt64, _ date: ServiceDate) -> Bool {
        guard let j = t.codeIndex(of: code), let w = t.version(ofCode: j, on: date) else { return false }
        return isPercentRow(t, w)
    }

    /// The order's 所定点数 in hundredths for a 通則 threshold: its 診療行為 rows but 通則加算 (告示等識別区分 9) —
    /// fixed points (点数識別 3) summed, then ％加算 rows (5) as a share of that sum. Nil when a row's points are not
    /// fixed (きざみ, 購入価格 …): the threshold is then not applied.
    static func orderPoints(_ items: [UnitItem], _ t: MasterTable, _ date: ServiceDate) -> Int? {
        let P = ProcedureColumn.self
        var sum = 0, percent = 0
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return nil }
            if t.field(v, P.noticeClass1, is: "9") { continue }
            if (t.integer(v, P.kizamiKind) ?? 0) != 0 { return nil }
            switch t.integer(v, P.pointKind) ?? 0 {
            case PointKind.points.rawValue: sum += t.hundredths(v, P.points) ?? 0
            case PointKind.percentAddition.rawValue: percent += t.hundredths(v, P.points) ?? 0
            default: return nil
            }
        }
        return sum + sum * percent / 10_000
    }

    /// 乳幼児加算（処置） by 処置乳幼児加算区分 (項番46): a base row with class N (1–5: 3歳未満 110/55点,
    /// 6歳未満 110/83/55点) takes the 加算 row (告示等識別区分 7) of the same class whose 下限/上限年齢 the
    /// patient meets — e.g. J000 注 創傷処置 6,000cm²以上 乳幼児加算 55点, J 通則 穿刺 6歳未満 110点. Added
    /// before any 通則 ％ row, so the 時間外等加算 includes it (通知 第9部 通則 10).
    private func infant(_ items: [UnitItem], beside: [UnitItem] = [], table t: MasterTable, chain: Int, date: ServiceDate, age: PatientAge,
                        codes: inout Set<UInt64>, added: inout [UnitItem], notes: inout [String]) {
        let P = ProcedureColumn.self
        // A 乳幼児加算（処置） stated as an order of its own beside the base (review 194 AO-1): the base's, not derived again.
        for x in beside where x.kind == .procedure {
            guard let j = t.codeIndex(of: x.code), let w = t.version(ofCode: j, on: date),
                  t.field(w, P.noticeClass1, is: "7"), (t.integer(w, P.infantProcedureAddOn) ?? 0) != 0 else { continue }
            return
        }
        var wanted: Int? = nil
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  let cls = t.integer(v, P.infantProcedureAddOn), cls != 0 else { continue }
            let k1 = t.bytes(v, P.noticeClass1).first
            if k1 == UInt8(ascii: "7") || k1 == UInt8(ascii: "9") { return }   // stated
            // An age add-on of the base's own 注加算 family is there (stated or derived): the 注 gives one or the other —
            // J036 注 「新生児加算又は乳幼児加算として、それぞれ110点又は55点を加算する」 (review 191 AL01).
            if let family = t.integer(v, P.addOnCode), family != 0,
               let other = (items + added + beside).first(where: { x in
                   guard x.code != item.code, x.kind == .procedure, let j = t.codeIndex(of: x.code), let w = t.version(ofCode: j, on: date),
                         t.integer(w, P.addOnCode) == family, !t.field(w, P.addOnSerial, is: "0") else { return false }
                   let upper = t.string(w, P.maximumAge)
                   return !upper.isEmpty && upper != "00"
               }) {
                notes.append("乳幼児加算（処置） not derived — \(other.code), an age add-on of the same 注 (注加算コード \(family)), is billed: one or the other (J036 注: 新生児加算又は乳幼児加算)")
                continue
            }
            wanted = wanted ?? cls
        }
        guard let cls = wanted else { return }
        let index = set.chainCache(chain, "infant") { CodeGroups<Int>.infantAddOns($0) }
        var fits: [(UInt64, Int)] = []
        for j in index.codes(cls) {
            guard let w = t.version(ofCode: j, on: date),
                  age.satisfies(lower: t.string(w, P.minimumAge), upper: t.string(w, P.maximumAge), on: date) == true else { continue }
            fits.append((t.code(at: j), w))
        }
        if fits.count == 1, let (code, w) = fits.first, !codes.contains(code) {
            added.append(UnitItem(kind: .procedure, code: code)); codes.insert(code)
            notes.append("\(code) \(t.string(w, P.abbreviatedName)): derived from age \(age.years(on: date)) (処置乳幼児加算区分 \(cls))")
        }
    }

    /// The age add-on a base row with no 注加算 family names in its 年齢加算①–④ (項番100–111: 下限年齢, 上限年齢,
    /// 注加算診療行為コード) — D 第3節 生体検査 通則1・2 (R06 ika-kokuji.txt 9381-9383, 9403-9410: 新生児 100分の100,
    /// ３歳未満の乳幼児 100分の70, ３歳以上６歳未満の幼児 100分の40), e.g. D208 心電図検査: the row whose band holds
    /// the patient's age, once per base, unless the order states one of the row's age add-ons. A base of a family
    /// takes them in `bases`; a 処置 with a 処置乳幼児加算区分 in `infant`. A base is of 告示等識別区分 1, 3 or 5.
    private func namedAge(_ items: [UnitItem], table t: MasterTable, chain: Int, date: ServiceDate, age: PatientAge, facilityKind: String?,
                          codes: inout Set<UInt64>, added: inout [UnitItem], notes: inout [String]) {
        let P = ProcedureColumn.self
        // The codes that can be such a base, once per chain: most items skip the version look-ups.
        let eligible = set.chainCache(chain, "namedAge") { NamedAgeIndex($0) }
        for item in items where item.kind == .procedure && eligible.codes.contains(item.code) {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  Self.isFamilyBase(t, v), (t.integer(v, P.addOnCode) ?? 0) == 0,
                  (t.integer(v, P.infantProcedureAddOn) ?? 0) == 0 else { continue }
            var named: [(code: UInt64, col: Int)] = []
            for k in 0..<4 {
                let col = P.ageAddOnFirst + 3 * k
                if let code = UInt64(t.string(v, col + 2)), code != 0 { named.append((code, col)) }
            }
            guard !named.isEmpty, !named.contains(where: { codes.contains($0.code) }) else { continue }
            for (code, col) in named {
                guard age.satisfies(lower: t.string(v, col), upper: t.string(v, col + 1), on: date) == true,
                      let j = t.codeIndex(of: code), let w = t.version(ofCode: j, on: date), t.allowsFacility(w, facilityKind) else { continue }
                added.append(UnitItem(kind: .procedure, code: code)); codes.insert(code)
                notes.append("\(code) \(t.string(w, P.abbreviatedName)): derived from age \(age.years(on: date)) (年齢加算 of \(item.code), \(t.string(v, col))〜\(t.string(v, col + 1)))")
                break
            }
        }
    }

    /// 施設基準コード①–⑩ of a row (nonzero).
    private func standardsOf(_ t: MasterTable, _ v: Int) -> Set<Int> {
        var out = Set<Int>()
        for k in 0..<ProcedureColumn.facilityStandardCount {
            if let c = t.integer(v, ProcedureColumn.facilityStandardFirst + k), c != 0 { out.insert(c) }
        }
        return out
    }

    /// The stand-alone time add-on of the base's 区分番号 (コード表用番号 alphabet + 区分番号) whose
    /// 点数欄集計先 is the band's column, for 入院外, meeting the age; the most specific one.
    enum Match { case none, one(UInt64), several([UInt64]) }

    private func standalone(_ t: MasterTable, base v: Int, band: TimeBand, column: Int, date: ServiceDate, age: PatientAge,
                            facilityKind: String?, codes: Set<UInt64>) -> Match {
        let P = ProcedureColumn.self
        let section = t.string(v, P.codeTableAlphabet) + t.string(v, P.sectionNumber) + "-" + t.string(v, P.branchNumber)
        let chain = (try? set.chainIndex(.procedure, on: date)) ?? 0
        let index = set.chainCache(chain, "section") { CodeGroups<String>.sections($0) }
        var best: [(UInt64, Int)] = []
        for j in index.codes(section) {
            guard let w = t.version(ofCode: j, on: date), t.integer(w, P.pointColumnOutpatient) == column,
                  band.addOnClasses.contains(t.integer(w, P.timeAddOnClass) ?? -1),
                  t.integer(w, P.inpatientApplicability) != 1, t.allowsFacility(w, facilityKind),
                  // A row for one kind of facility (A001 注7 夜間・早朝等加算: 診療所に限る) only when the claim says which it is.
                  facilityKind != nil || !t.isFacilityRestricted(w) else { continue }
            let lower = t.string(w, P.minimumAge), upper = t.string(w, P.maximumAge)
            guard let ok = age.satisfies(lower: lower, upper: upper, on: date), ok else { continue }
            best.append((t.code(at: j), (lower == "00" ? 0 : 1) + (upper == "00" ? 0 : 1)))
        }
        let top = best.map(\.1).max()
        let chosen = Self.withoutPediatricException(best.filter { $0.1 == top }.map(\.0), t, date) { $0 }
        if chosen.count > 1 { return .several(chosen) }
        guard let one = chosen.first, !codes.contains(one) else { return .none }
        return .one(one)
    }

}

extension AddOnDeriver {
    /// A row that heads a 注加算 family: 告示等識別区分（１） 1 基本項目, 3 合成項目 or 5 準用項目 (R06rec1 項番38:
    /// 「注加算が算定可能な診療行為（基本項目、合成項目及び準用項目）」, 項番68) — e.g. 112007950 電話等再診料 and
    /// 112008350 同日再診料 (準用項目 of A001) take A001 注4 乳幼児加算 and 注5 時間外加算 as 再診料 does (通知 A001
    /// (1), (8)ウ・エ).
    @inline(__always) static func isFamilyBase(_ t: MasterTable, _ v: Int) -> Bool {
        guard let b = t.bytes(v, ProcedureColumn.noticeClass1).first else { return false }
        return b == UInt8(ascii: "1") || b == UInt8(ascii: "3") || b == UInt8(ascii: "5")
    }

    /// Of several rows that fit a time band, those of the 小児科 特例 (A000 注8, A001 注6: a 小児科を標榜する
    /// 保険医療機関 seeing a child under six at night, on a 休日 or 深夜 *within its 表示診療時間*; R06
    /// ika-kokuji.txt lines 178–182) are left out while a row of the general rule remains (A000 注7, A001 注5:
    /// 表示診療時間以外, 休日, 深夜 — lines 169–177): the claim does not say the visit was within the 表示診療時間,
    /// and the points are the same. The master tells the two apart only by name (（小児科初診）, （小児科再診）);
    /// a clerk billing the 特例 states its row in the order, and then nothing is derived for that 通番.
    static func withoutPediatricException<T>(_ rows: [T], _ t: MasterTable, _ date: ServiceDate, code: (T) -> UInt64) -> [T] {
        guard rows.count > 1 else { return rows }
        let general = rows.filter { r in
            guard let i = t.codeIndex(of: code(r)), let v = t.version(ofCode: i, on: date) else { return true }
            return !t.string(v, ProcedureColumn.abbreviatedName).containsBytes("小児科")
        }
        return general.isEmpty ? rows : general
    }
}

extension MasterTable {
    /// 病院・診療所区分 (医科診療行為マスター 項番19) of a row against the facility ("hospital" / "clinic"):
    /// 1 病院のみ, 2 診療所のみ; an unstated facility kind allows every row (R06rec1 §3(7) 項番19).
    /// Whether a row is for one kind of facility only (病院・診療所区分 1 or 2).
    func isFacilityRestricted(_ v: Int) -> Bool {
        let only = integer(v, ProcedureColumn.facilityType)
        return only == 1 || only == 2
    }

    func allowsFacility(_ v: Int, _ facilityKind: String?) -> Bool {
        guard let kind = facilityKind else { return true }
        switch integer(v, ProcedureColumn.facilityType) {
        case 1: return kind == "hospital"
        case 2: return kind == "clinic"
        default: return true
        }
    }
}
