/// Prices the month of one stay (第２部 入院料等 and 入院時食事療養) from the claim's facts and the masters:
/// for each day in hospital the ward's 入院基本料 with its 入院期間 加算 (A100–A109), or the 外泊 rate; the
/// 入院基本料等加算 (A200–A253) the facility's 施設基準 and the 04 table give, and those the claim states, each
/// on the days its 05 算定単位 allows; and the meals (食事療養). Rules live in the files named by 区分番号:
/// `A100-A109-BasicFee.swift`, `A200-A253-Additions.swift`, `MealTherapy.swift`.
///
/// Time is resolved per day (STYLE.md §4): each day reads the masters in force on it; a day no loaded
/// 医科診療行為 master covers is an error for the whole claim, never a zero.
struct InpatientPricer {
    let masters: MasterSet
    let rules: InpatientRules
    let claim: Claim
    let admission: Claim.Admission
    let stay: AdmissionStay
    let explain: Bool

    /// The masters of one day: the 医科診療行為 table and the 電子点数表 indexes (nil when no chain covers it).
    struct Day {
        let date: ServiceDate
        let table: MasterTable
        let procedureChain: Int
        let auxiliary: AuxiliaryIndex?
        let groups: AdmissionGroupIndex?
        let counts: CountLimitIndex?
        let leaveRows: LeaveRowIndex
    }

    /// Receipt lines under construction, keyed by what makes two days one line.
    struct LineKey: Hashable { var category: Int; var codes: [UInt64]; var amount: Int; var isYen: Bool }
    var lines: [LineKey: Int] = [:]
    var ordered: [PricedAdmission.Line] = []
    var notes: [String] = []
    /// 生活療養 meals ((Ⅰ), (Ⅱ)) and 環境療養 days priced (MealTherapy.swift), for the 標準負担額.
    var livingMeals = (first: 0, second: 0)
    var livingDays = 0
    /// The ward's 入院料 version on the meal days: its 区分 and whether it is a 生活療養 row.
    var mealWardCache: (version: Int, section: String, living: Bool, medicalClass: Int?)?
    /// The 医療区分 the ward's 入院料 row names on the 生活療養 days (meal-codes.json medical_class_markers).
    var livingRowClass: Int?
    var issues: [String] = []
    var statedFindings: [PricedAdmission.StatedFinding] = []
    /// 他医療機関受診 (通知 第2部 通則5 (6)): the 減算 row (入院基本料等減算対象識別 4, ％減算, not an 外泊 row) an order states on
    /// a day, by `ServiceDate.dayNumber`, with where it is; found once before the days are priced.
    var otherVisits: [Int: (code: UInt64, version: Int, encounter: Int, order: Int, item: Int)] = [:]
    /// The stated 減算 rows applied to the day's 入院基本料: not billed again as ordered items.
    var appliedItems: [PricedAdmission.AppliedItem] = []
    /// The 特定入院料 of each day it is priced (外泊 days too), by `ServiceDate.dayNumber`: what its 包括 applies to.
    var specifiedFees: [Int: PricedAdmission.SpecifiedFee] = [:]
    private var noted = Set<String>()
    /// Look-ups made once per claim (STYLE.md §7: the day loop allocates little): the masters of the month
    /// when every day of it reads the same chains, the facility's 施設基準 by how many are notified by the
    /// day, the period families in force, the 加算 candidates of a 04 group.
    var monthDay: Day?
    /// The note that the 電子点数表 was read back to a day before its edition is said (once a claim).
    var backReadNoted = false
    var heldCache: [Int: Set<Int>] = [:]
    /// The distinct dates from which the facility's 施設基準 apply (`facility.standards[].from`, parsed once),
    /// ascending: the set held on a day is decided by how many of them are on or before it.
    let standardDates: [ServiceDate]
    let standardFroms: [(code: Int, from: ServiceDate?)]
    /// The last day `heldStandards` answered (the day's look-ups ask several times).
    var heldDay: (day: Int, held: Set<Int>)?
    var familiesCache: [Int: [InpatientRules.Family]] = [:]
    var candidateCache: [CandidateKey: [Candidate]] = [:]
    /// `basicFeeFamilies` by chain and addition-add-ons.json version.
    var basicFamilyCache: [Int: Set<Int>] = [:]
    /// The rows addition-add-ons.json links to a 加算 by `also_bases`, by that 加算 (once per rules version).
    var alsoBasesCache: [Int: [UInt64: [UInt64]]] = [:]
    struct CandidateKey: Hashable { var chain: Int; var group: Int; var held: Int; var ward: UInt32; var age: UInt32 }
    /// A 加算 of the group whose 区分 is ward-wide and whose 施設基準 the facility holds, in the versions listed;
    /// `age`: of an age-decided 区分 (A208), due on the days the patient's age is within the row's 年齢.
    /// `needs`: the 部 the claim must order for it (ward-additions.json `needs_parts`, by its 区分; A234-5).
    struct Candidate { var code: UInt64; var addOnClass: Int; var dates: RowDates; var versions: Set<Int>; var age: Bool; var needs: InpatientRules.PartsNeeded? = nil }
    /// The patient's legal age (`patient.birth_date`), nil when the birth date is not a date.
    let patientAge: PatientAge?
    /// Whether an age-decided 加算 fits the patient on some day of the stay (nil: not looked at yet).
    var ageFitsStay: Bool?
    /// The コード表用番号 letters of the claim's ordered 医科診療行為 (built once, for ward-additions.json `needs_parts`).
    var orderedLettersCache: Set<UInt8>?

    init(masters: MasterSet, rules: InpatientRules, claim: Claim, admission: Claim.Admission, stay: AdmissionStay, explain: Bool) {
        self.masters = masters; self.rules = rules; self.claim = claim; self.admission = admission; self.stay = stay; self.explain = explain
        self.patientAge = ClaimCheck.date(claim.patient.birthDate).map { PatientAge(birth: $0) }
        let froms = (claim.facility?.standards ?? []).map { (code: $0.code, from: ClaimCheck.date($0.from)) }
        self.standardFroms = froms
        self.standardDates = Array(Set(froms.compactMap(\.from))).sorted()
    }

    /// A note or issue said once for the month (the same fact on every day is one line).
    mutating func note(_ key: String, _ text: String) {
        guard noted.insert(key).inserted else { return }
        notes.append(text)
        recordStated(key, text)
    }
    mutating func issue(_ key: String, _ text: String) {
        guard noted.insert("issue:" + key).inserted else { return }
        issues.append(text)
        recordStated(key, text)
    }
    /// A note or issue about `admission.additions[k]` (keys "stated-…:k[:date]"), kept for the audit (`PricedAdmission.statedFindings`).
    /// An issue about the ward's 入院料 (keys "ward…") is kept with addition -1: the audit reports it too (review 328 FS-2: `price`
    /// left the 入院料 unbilled for want of its 施設基準 and `audit` said nothing).
    private mutating func recordStated(_ key: String, _ text: String) {
        if key.hasPrefix("ward"), noted.contains("issue:" + key) {
            statedFindings.append(.init(kind: String(key.split(separator: ":").first ?? ""), addition: -1, text: text))
            return
        }
        guard key.hasPrefix("stated-") else { return }
        let parts = key.split(separator: ":")
        guard parts.count >= 2, let k = Int(parts[1]) else { return }
        statedFindings.append(.init(kind: String(parts[0]), addition: k, text: text))
    }

    /// The masters of a day: those of the month when its first and last days read the same chains.
    mutating func dayMasters(_ d: ServiceDate) throws(ClaimError) -> Day {
        if let m = monthDay { return Day(date: d, table: m.table, procedureChain: m.procedureChain, auxiliary: m.auxiliary, groups: m.groups, counts: m.counts, leaveRows: m.leaveRows) }
        return try day(d)
    }

    func day(_ d: ServiceDate) throws(ClaimError) -> Day {
        let table: MasterTable, chain: Int
        do throws(MasterLookupError) {
            table = try masters.table(.procedure, on: d)
            chain = try masters.chainIndex(.procedure, on: d)
        } catch {
            throw ClaimError(message: "admission: \(d) (a day of the stay): \(error)")
        }
        func index<T: AnyObject>(_ kind: MasterKind, _ name: String, _ build: (MasterTable) -> T) -> T? {
            guard let c = try? masters.chainIndex(kind, on: d) else { return nil }
            return masters.chainCache(c, name, build)
        }
        return Day(date: d, table: table, procedureChain: chain,
                   auxiliary: index(.auxiliary, "audit.auxiliary") { AuxiliaryIndex($0) },
                   groups: index(.inpatientBasic, "inpatient.groups") { AdmissionGroupIndex($0) },
                   counts: index(.countLimit, "audit.counts") { CountLimitIndex($0) },
                   leaveRows: masters.chainCache(chain, "inpatient.leave") { LeaveRowIndex($0) })
    }

    /// The facility's 施設基準 notified by a date (`facility.standards`, each from its `from`).
    mutating func heldStandards(on d: ServiceDate) -> Set<Int> {
        if let h = heldDay, h.day == d.dayNumber { return h.held }
        let key = heldKey(on: d)
        let held: Set<Int>
        if let h = heldCache[key] { held = h } else {
            var set = Set<Int>()
            for s in standardFroms where (s.from.map { $0 <= d } ?? false) { set.insert(s.code) }
            heldCache[key] = set
            held = set
        }
        heldDay = (d.dayNumber, held)
        return held
    }
    /// Which set of 施設基準 is held on a day: the number of `standardDates` on or before it.
    func heldKey(on d: ServiceDate) -> Int {
        var n = 0
        while n < standardDates.count && standardDates[n] <= d { n += 1 }
        return n
    }
    mutating func holds(on d: ServiceDate) -> (FacilityStandard) -> Bool {
        let held = heldStandards(on: d)
        return { held.contains($0.rawValue) }
    }

    /// `rules.families(on:)`, once per set of families in force.
    mutating func families(on d: ServiceDate) -> [InpatientRules.Family] {
        let key = rules.families.reduce(0) { $0 + ($1.from <= d ? 1 : 0) }
        if let f = rules.familiesInForce[key] { return f }
        if let f = familiesCache[key] { return f }
        let f = rules.families(on: d)
        familiesCache[key] = f
        return f
    }

    static func standards(_ t: MasterTable, _ v: Int) -> [FacilityStandard] {
        (0..<ProcedureColumn.facilityStandardCount).map { FacilityStandard(rawValue: t.integer(v, ProcedureColumn.facilityStandardFirst + $0) ?? 0) }
    }

    /// コード表用番号 of a row: A + 区分番号 (+ -枝番), e.g. A207-3.
    /// Written in place (a small string, no allocation: it is asked per row on the hot path).
    static func section(_ t: MasterTable, _ v: Int) -> String {
        let alpha = t.bytes(v, ProcedureColumn.codeTableAlphabet)
        let number = t.integer(v, ProcedureColumn.sectionNumber) ?? 0, branch = t.integer(v, ProcedureColumn.branchNumber) ?? 0
        guard alpha.count <= 2, (0...99_999).contains(number), (0...99_999).contains(branch) else {
            let n = String(number)
            return String(decoding: alpha, as: UTF8.self) + String(repeating: "0", count: max(0, 3 - n.count)) + n + (branch == 0 ? "" : "-\(branch)")
        }
        return String(unsafeUninitializedCapacity: 15) { out in
            var k = 0
            for b in alpha { out[k] = b; k += 1 }
            func digits(_ x: Int, minimum: Int) {
                var d = 1, width = 1
                while d * 10 <= x { d *= 10; width += 1 }
                for _ in width..<max(width, minimum) { out[k] = UInt8(ascii: "0"); k += 1 }
                var rest = x
                while d > 0 { out[k] = UInt8(ascii: "0") + UInt8(rest / d); rest %= d; d /= 10; k += 1 }
            }
            digits(number, minimum: 3)
            if branch != 0 { out[k] = UInt8(ascii: "-"); k += 1; digits(branch, minimum: 1) }
            return k
        }
    }

    static func name(_ t: MasterTable, _ v: Int) -> String { t.string(v, ProcedureColumn.abbreviatedName) }

    /// Adds one day (or `times` of one day: meals) to the line of `key`.
    mutating func add(_ key: LineKey, day: ServiceDate, times: Int = 1, column: Int?, explanation: @autoclosure () -> [String]) {
        if let k = lines[key] {
            ordered[k].times += times
            if ordered[k].days.last != day.day { ordered[k].days.append(day.day) }
            return
        }
        lines[key] = ordered.count
        ordered.append(PricedAdmission.Line(category: key.category, codes: key.codes.map { String($0) }, points: key.isYen ? nil : key.amount,
                                            yen: key.isYen ? key.amount : nil, times: times, days: [day.day], pointColumn: column,
                                            explanation: explain ? explanation() : []))
    }

    /// Prices the stay: 入院料 by day, then meals.
    mutating func price() throws(ClaimError) -> PricedAdmission {
        var mealCount = 0
        if let f = stay.days.first, let l = stay.days.last {
            let a = try day(f), b = try day(l)
            if a.procedureChain == b.procedureChain && a.auxiliary === b.auxiliary && a.groups === b.groups && a.counts === b.counts { monthDay = a }
        }
        try findOtherVisits()
        if stay.reckoning != stay.admitted, let first = stay.days.first {
            // 通知 第2部 通則7(2): 再入院 for the same 傷病 within the period counts 「当該保険医療機関の初回入院日を起算日として」 —
            // the 入院期間 (入院期間加算, 14日を限度 …) runs from that day by the calendar, the days between the stays included (review
            // 181 AB-03 asked that it be said).
            note("reckoning", "入院期間 counted from the 起算日 \(stay.reckoning) (admission.reckoning_date; 通知 第2部 通則7(2): 初回入院日を起算日として計算), by the calendar — \(first) is day \(stay.dayNumber(first)) of the 入院期間, the days between the stays included")
        }
        for d in stay.days { try priceDay(try dayMasters(d)) }
        let meals = try priceMeals(count: &mealCount)
        try dropNotWith()
        var points = 0, mealYen = 0
        var roomLines: [PricedAdmission.Line] = [], mealLines: [PricedAdmission.Line] = []
        for line in ordered {
            if let p = line.points {
                guard let amount = Checked.mul(p, line.times), let s = Checked.add(points, amount) else { throw ClaimError(message: "admission: points overflow") }
                points = s
                roomLines.append(line)
            } else if let y = line.yen {
                guard let amount = Checked.mul(y, line.times), let s = Checked.add(mealYen, amount) else { throw ClaimError(message: "admission: meal yen overflow") }
                mealYen = s
                mealLines.append(line)
            }
        }
        _ = meals
        let living = livingMeals.first + livingMeals.second + livingDays > 0 ? LivingUse(meals1: livingMeals.first, meals2: livingMeals.second, days: livingDays, medicalClass: livingMedicalClass()) : nil
        let month = stay.days.first.map { ($0.year, $0.month) }
        return PricedAdmission(admitted: "\(stay.admitted)", reckoning: "\(stay.reckoning)",
                               discharge: stay.discharge.flatMap { d in month.map { $0 == (d.year, d.month) } == true ? "\(d)" : nil },
                               days: stay.days.map(\.day), leaveDays: stay.days.filter { stay.leave[$0] != nil }.map(\.day),
                               lines: roomLines, points: points, meals: mealLines, mealCount: mealCount, mealYen: mealYen,
                               living: living, notes: notes, issues: issues, specifiedFees: specifiedFees, statedFindings: statedFindings,
                               appliedItems: appliedItems, year: stay.year, month: stay.month)
    }

    /// The 他医療機関受診 減算 rows the claim's orders state on days of the stay (`otherVisits`): a 医科診療行為 of 入院基本料等
    /// 減算対象識別 4 and 点数識別 6 that is not an 外泊 row (実日数 4). Two on one day: an issue, neither applied.
    mutating func findOtherVisits() throws(ClaimError) {
        let P = ProcedureColumn.self
        var twice = Set<Int>()
        for (e, encounter) in claim.encounters.enumerated() {
            guard let d = ClaimCheck.date(encounter.date), stay.days.contains(d) else { continue }
            var dm: Day? = nil
            for (o, order) in encounter.orders.enumerated() {
                for (i, item) in order.items.enumerated() where item.code.first == "1" {
                    if dm == nil { dm = try dayMasters(d) }
                    guard let day = dm, let c = UInt64(item.code), let ci = day.table.codeIndex(of: c), let v = day.table.version(ofCode: ci, on: d),
                          day.table.integer(v, P.admissionFeeReduction) == AdmissionFeeReductionClass.otherInstitutionOrLeaveReduction.rawValue,
                          day.table.integer(v, P.pointKind) == 6, !day.leaveRows.versions.contains(v) else { continue }
                    if otherVisits[d.dayNumber] != nil { twice.insert(d.dayNumber) }
                    otherVisits[d.dayNumber] = (c, v, e, o, i)
                }
            }
        }
        for n in twice.sorted() {
            otherVisits[n] = nil
            issue("other-visit-twice:\(n)", "\(ServiceDate(dayNumber: n)): two 他医療機関受診 減算 rows stated on one day; neither applied")
        }
    }

    /// ward-additions.json `not_with`: a 加算 line of a 区分 that is not billed beside a 加算 of another 区分 the stay's
    /// receipt bills on any day (A247 注1: せん妄ハイリスク患者ケア加算 beside 認知症ケア加算; 通知 A234-3 (4): 患者サポート
    /// 体制充実加算 beside がん拠点病院加算), stated or derived alike, is taken out with a note. Run once the days are priced.
    mutating func dropNotWith() throws(ClaimError) {
        guard let first = stay.days.first, let rules = self.rules.notWith.inForce(on: first)?.value, !rules.isEmpty else { return }
        let dm = try dayMasters(first), t = dm.table
        func section(_ code: String) -> String? {
            guard let c = UInt64(code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: first) else { return nil }
            return Self.section(t, v)
        }
        var billed = Set<String>()
        for line in ordered where line.points != nil { for c in line.codes { if let s = section(c) { billed.insert(s) } } }
        guard rules.keys.contains(where: { billed.contains($0) }) else { return }
        var kept: [PricedAdmission.Line] = []
        for line in ordered {
            if line.points != nil, line.codes.count == 1, let s = section(line.codes[0]), let rule = rules[s],
               let other = rule.sections.sorted().first(where: { billed.contains($0) }) {
                note("not-with:\(line.codes[0])", "\(line.codes[0]) (\(s)): not billed — a 加算 of \(other) is billed in this stay's receipt (\(rule.source))")
                continue
            }
            kept.append(line)
        }
        ordered = kept
    }

    /// One day in hospital: the 入院基本料 (or the 外泊 rate) and, on a day not 外泊, the 加算.
    mutating func priceDay(_ dm: Day) throws(ClaimError) {
        guard let base = basicFee(dm) else { return }
        if base.specified {
            specifiedFees[dm.date.dayNumber] = PricedAdmission.SpecifiedFee(code: base.code, name: Self.name(dm.table, base.version), section: Self.section(dm.table, base.version),
                                                                              unitDay: stay.unitDayNumber(dm.date))
        }
        if let psychiatric = stay.leave[dm.date] {
            leave(dm, base: base, psychiatric: psychiatric)
            return
        }
        presentDay(dm, base: base)
        additions(dm, base: base)
    }
}

extension ClaimPricer {
    /// The stay of an 入院 claim priced (nil for a claim without `admission`), with the rules of
    /// Masters/params/inpatient (`inpatientRules`, else the default folder's).
    func priceAdmission(_ claim: Claim, explain: Bool) throws(ClaimError) -> PricedAdmission? {
        guard let a = claim.admission else { return nil }
        var claimMonth: (Int, Int)?
        if let e = claim.encounters.first, let d = ClaimCheck.date(e.date) { claimMonth = (d.year, d.month) }
        let stay = try AdmissionStay.make(a, claimMonth: claimMonth)
        let rules: InpatientRules
        if let r = inpatientRules { rules = r } else {
            switch InpatientRules.standard {
            case .success(let r): rules = r
            case .failure(let e): throw ClaimError(message: "admission: \(e)")
            }
        }
        var pricer = InpatientPricer(masters: masters, rules: rules, claim: claim, admission: a, stay: stay, explain: explain)
        return try pricer.price()
    }
}
