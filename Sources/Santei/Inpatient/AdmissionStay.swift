// The stay of an 入院 claim as checked values (STYLE.md §6: parse at the door). `ClaimCheck.validate` builds
// it once to check the claim; the pricer builds it again from the validated claim (it cannot fail then).

/// The month of one stay, date-checked: which days of the month the patient was in hospital, which were
/// 外泊, and each day's number in the 入院期間 counted from the 起算日.
public struct AdmissionStay: Sendable, Equatable {
    public var admitted: ServiceDate
    /// 起算日 (告示 第2部 通則5): `reckoning_date`, else the 入院日.
    public var reckoning: ServiceDate
    public var discharge: ServiceDate?
    public var year: Int
    public var month: Int
    /// The days of the month in hospital, in order.
    public var days: [ServiceDate]
    /// 外泊 days → psychiatric (精神及び行動の障害の患者の治療のための外泊).
    public var leave: [ServiceDate: Bool]

    /// 入院期間 day number of a date: 1 on the 起算日 (「起算して」: the 起算日 is day 1).
    @inline(__always) public func dayNumber(_ d: ServiceDate) -> Int { d.dayNumber - reckoning.dayNumber + 1 }
    /// Day number in the unit of a 特定入院料: 1 on the 入院日 (通知 第3節 1: 当該治療室に入院させた連続する期間;
    /// an earlier 起算日 does not carry over).
    @inline(__always) public func unitDayNumber(_ d: ServiceDate) -> Int { d.dayNumber - admitted.dayNumber + 1 }

    /// 入院初日 (通知 第2部 通則8): the 起算日, and only when the stay starts there (a 再入院 whose 入院期間 is
    /// continued has no 入院初日).
    public var firstDay: ServiceDate? { reckoning == admitted && days.contains(admitted) ? admitted : nil }

    /// The stay's month, checked: every fault names its JSON path under `admission`.
    /// `claimMonth` is the month of the claim's encounters (nil when it has none).
    public static func make(_ a: Claim.Admission, claimMonth: (year: Int, month: Int)?) throws(ClaimError) -> AdmissionStay {
        typealias C = ClaimCheck
        let admitted = try C.checkedDate(a.date, "admission.date")
        let reckoning = try a.reckoningDate.map { (t: String) throws(ClaimError) -> ServiceDate in try C.checkedDate(t, "admission.reckoning_date") } ?? admitted
        guard reckoning <= admitted else {
            throw C.fail("admission.reckoning_date", "\(reckoning) is after the 入院日 \(admitted): the 起算日 of a continued stay is the first stay's 入院日")
        }
        if let m = a.medicalClass, !(1...3).contains(m) {
            throw C.fail("admission.medical_class", "\(m) is not a 医療区分 (1, 2 or 3)")
        }
        var discharge: ServiceDate?
        if let t = a.discharge {
            let d = try C.checkedDate(t, "admission.discharge")
            guard admitted <= d else { throw C.fail("admission.discharge", "\(d) is before the 入院日 \(admitted)") }
            discharge = d
        }
        var ym: (year: Int, month: Int)
        if let t = a.month {
            guard let d = C.date(t + "-01") else { throw C.fail("admission.month", "\"\(t.utf8.count > 40 ? String(decoding: t.utf8.prefix(40), as: UTF8.self) + "…" : t)\" is not a month (YYYY-MM)") }
            ym = (d.year, d.month)
            if let m = claimMonth, m != ym {
                throw C.fail("admission.month", "\(t) is not the month of the claim's encounters (\(String(format4: m.year))-\(String(format2: m.month)))")
            }
        } else if let m = claimMonth {
            ym = m
        } else {
            // No encounters and no month: the month of the 退院日, else of the 入院日.
            let d = discharge ?? admitted
            ym = (d.year, d.month)
        }
        guard let first = ServiceDate(year: ym.year, month: ym.month, day: 1),
              let last = ServiceDate(year: ym.year, month: ym.month, day: ServiceDate.daysInMonth(year: ym.year, month: ym.month)) else {
            throw C.fail("admission.month", "is not a month")
        }
        var from = max(first, admitted), to = min(last, discharge ?? last)
        guard from <= to else {
            throw C.fail("admission", "the stay (\(admitted) – \(discharge.map { "\($0)" } ?? "")) has no day in the claim's month \(String(format4: ym.year))-\(String(format2: ym.month))")
        }
        // A month of the stay on two receipts (75歳到達, a change of insurer): this receipt's days only.
        if let t = a.receiptFrom {
            let d = try C.checkedDate(t, "admission.receipt_from")
            guard from <= d && d <= to else { throw C.fail("admission.receipt_from", "\(d) is not a day of the stay in the claim's month (\(from) – \(to))") }
            from = d
        }
        if let t = a.receiptTo {
            let d = try C.checkedDate(t, "admission.receipt_to")
            // Before receipt_from (review 136 W4: "not a day of the stay" was said of a day of the stay).
            if a.receiptFrom != nil, d < from, d >= max(first, admitted) {
                throw C.fail("admission.receipt_to", "\(d) is before admission.receipt_from \(from): a receipt's last day comes after its first")
            }
            guard from <= d && d <= to else { throw C.fail("admission.receipt_to", "\(d) is not a day of the stay in the claim's month (\(from) – \(to))") }
            to = d
        }
        var days: [ServiceDate] = []
        for n in from.dayNumber...to.dayNumber { days.append(ServiceDate(dayNumber: n)) }
        var stay = AdmissionStay(admitted: admitted, reckoning: reckoning, discharge: discharge, year: ym.year, month: ym.month, days: days, leave: [:])
        for (n, l) in (a.leave ?? []).enumerated() {
            let d = try C.checkedDate(l.date, "admission.leave[\(n)].date")
            guard stay.contains(d) else { throw C.fail("admission.leave[\(n)].date", "\(d) is not a day of the stay in the claim's month") }
            guard stay.leave[d] == nil else { throw C.fail("admission.leave[\(n)].date", "\(d) is given twice") }
            // The 入院日 and the 退院日 are days in hospital, never 外泊 days (通知 第2部 通則6: the 外泊期間; C100 通知 (3)
            // ika-tsuuchi.txt 11155: 入院料の取扱い上は外泊とならない１泊２日).
            guard d != admitted else { throw C.fail("admission.leave[\(n)].date", "\(d) is the 入院日 (admission.date): the day of admission is not an 外泊 day") }
            guard d != discharge else { throw C.fail("admission.leave[\(n)].date", "\(d) is the 退院日 (admission.discharge): the day of discharge is not an 外泊 day") }
            stay.leave[d] = l.psychiatric ?? false
        }
        return stay
    }

    @inline(__always) public func contains(_ d: ServiceDate) -> Bool {
        guard let f = days.first, let l = days.last else { return false }
        return f <= d && d <= l
    }
}

extension ClaimCheck {
    /// `admission` (docs/claim-format.md "入院"): dates, month, codes, 外泊 days, stated 加算 days and meals.
    static func admission(_ claim: Claim, claimMonth: (year: Int, month: Int)?) throws(ClaimError) {
        guard let a = claim.admission else { return }
        if claim.inpatient == false { throw fail("inpatient", "is false but the claim has an admission (an 入院 receipt)") }
        if claim.insurance?.inpatient == false { throw fail("insurance.inpatient", "is false but the claim has an admission (an 入院 receipt)") }
        let stay = try AdmissionStay.make(a, claimMonth: claimMonth)
        // Every day of the stay is a service day: the patient is born on or before the 入院日 (review 103: a birth
        // date inside the stay priced days before it with 乳幼児加算 at age −1).
        if let birth = ServiceDate(claim.patient.birthDate), let admitted = ServiceDate(a.date), birth > admitted {
            throw fail("admission.date", "\(admitted) is before the patient's birth date \(birth) (patient.birth_date): a stay begins on or after the birth")
        }
        // An 入院 receipt holds the days of the stay: what was done before the 入院日 or after the 退院日 is on the
        // 入院外 receipt of the month (the 入院日 itself may carry the 外来 visit that led to it).
        for (e, encounter) in claim.encounters.enumerated() {
            let d = try checkedDate(encounter.date, "encounters[\(e)].date")
            guard stay.contains(d) else {
                throw fail("encounters[\(e)].date", "\(d) is not a day of the stay (\(stay.days.first.map { "\($0)" } ?? "") – \(stay.days.last.map { "\($0)" } ?? "")): \(a.receiptFrom != nil || a.receiptTo != nil ? "an encounter outside this receipt's days (admission.receipt_from, receipt_to) belongs on the other receipt of the month" : "an encounter before the 入院日 or after the 退院日 belongs on the 入院外 claim")")
            }
        }
        try code(a.ward.basicFee, length: DomainLimit.itemCodeLength, "admission.ward.basic_fee", "診療行為 code (the ward's 入院基本料)")
        if let k = a.ward.kind { try code(k, length: 2, "admission.ward.kind", "病棟区分") }
        for (n, add) in (a.additions ?? []).enumerated() {
            try code(add.code, length: DomainLimit.itemCodeLength, "admission.additions[\(n)].code", "診療行為 code")
            // An empty list states no day: the 加算 would be dropped without a word (review 328 FS-5); null or absent gives the days
            // of its 算定単位.
            if add.days?.isEmpty == true { throw fail("admission.additions[\(n)].days", "an empty list states no day: give the days it was billed, or leave `days` out (or null) for the days its 算定単位 gives") }
            var seen = Set<ServiceDate>()
            for (k, t) in (add.days ?? []).enumerated() {
                let d = try checkedDate(t, "admission.additions[\(n)].days[\(k)]")
                guard stay.contains(d) else { throw fail("admission.additions[\(n)].days[\(k)]", "\(d) is not a day of the stay in the claim's month") }
                guard seen.insert(d).inserted else { throw fail("admission.additions[\(n)].days[\(k)]", "\(d) is given twice") }
                guard stay.leave[d] == nil else { throw fail("admission.additions[\(n)].days[\(k)]", "\(d) is an 外泊 day: only the reduced 入院基本料 is billed (通知 第2部 通則6(1))") }
            }
        }
        var mealDays = Set<ServiceDate>()
        for (n, m) in (a.meals ?? []).enumerated() {
            var p: String { "admission.meals[\(n)]" }
            let d = try checkedDate(m.date, p + ".date")
            guard stay.contains(d) else { throw fail(p + ".date", "\(d) is not a day of the stay in the claim's month") }
            guard stay.leave[d] == nil else { throw fail(p + ".date", "\(d) is an 外泊 day: no 食事療養 is given while the patient is away") }
            guard mealDays.insert(d).inserted else { throw fail(p + ".date", "\(d) is given twice") }
            guard !m.served.isEmpty else { throw fail(p + ".served", "is empty (give the meals served: breakfast, lunch, dinner)") }
            var served = Set<String>()
            for (k, s) in m.served.enumerated() {
                guard Claim.Admission.mealNames.contains(s) else { throw fail(p + ".served[\(k)]", "\"\(s.utf8.count > 40 ? String(decoding: s.utf8.prefix(40), as: UTF8.self) + "…" : s)\" is not one of breakfast, lunch, dinner") }
                guard served.insert(s).inserted else { throw fail(p + ".served[\(k)]", "\"\(s)\" is given twice (at most three meals a day, one each)") }
            }
            var special = Set<String>()
            for (k, s) in (m.special ?? []).enumerated() {
                guard served.contains(s) else { throw fail(p + ".special[\(k)]", "\"\(s.utf8.count > 40 ? String(decoding: s.utf8.prefix(40), as: UTF8.self) + "…" : s)\" is not a meal served that day") }
                guard special.insert(s).inserted else { throw fail(p + ".special[\(k)]", "\"\(s)\" is given twice") }
            }
        }
        if let c = claim.insurance?.mealClass { try text(c, "insurance.meal_class") }
    }
}
