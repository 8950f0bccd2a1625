/// 負担割合 from birth date and service date (健康保険法第74条第1項, 高齢者の医療の確保に関する法律第67条;
/// domain-facts.md A.2). Legal age is attained on the day before the birthday (年齢計算ニ関スル法律).
public enum CopayRate {
    public enum AgeBand: String, Sendable {
        /// 義務教育就学前: until the first 3月31日 on or after the day before the 6th birthday.
        case preschool
        /// 就学後〜69歳, and 70歳 until the 高齢受給者 month starts.
        case workingAge = "working_age"
        /// 高齢受給者 (70〜74): from the 1st of the month after the day before the 70th birthday
        /// (born on the 1st → from the birthday month).
        case age70to74 = "70_to_74"
        /// 後期高齢者: from the 75th birthday itself.
        case age75AndOver = "75_and_over"

        /// 高額療養費 uses the 70歳以上 tables.
        public var isOver70: Bool { self == .age70to74 || self == .age75AndOver }
    }

    public struct Result: Sendable, Equatable {
        public var band: AgeBand
        public var percent: Int
        /// The service month is the month of the 75th birthday and the birthday is not the 1st
        /// (75歳到達月の特例: limits halved; domain-facts.md A.4).
        public var monthOf75thBirthday: Bool
        public var source: String
    }

    /// The age band on `date` (legal age and its month rules from `PatientAge`).
    public static func band(birth: ServiceDate, on date: ServiceDate) -> AgeBand {
        let age = PatientAge(birth: birth)
        if date < age.schoolEntry { return .preschool }
        if date >= age.birthday(75) { return .age75AndOver }
        if date >= age.monthAfterAttaining(70) { return .age70to74 }
        return .workingAge
    }

    /// The 負担割合 on `date` for someone born on `birth` in `incomeClass`.
    /// `lateElderly`: the patient is under 後期高齢者医療 before the 75th birthday — 65〜74歳 with the 広域連合's 障害認定 (高齢者の
    /// 医療の確保に関する法律 第50条 第2号): the 後期 rates (第67条) and the 70歳以上 limits, and no 75歳到達月 (no change of insurer).
    public static func rate(birth: ServiceDate, on date: ServiceDate, incomeClass: IncomeClass,
                            parameters: CopayParameters, lateElderly: Bool = false) throws(CopayError) -> Result {
        var band = band(birth: birth, on: date)
        let b75 = PatientAge(birth: birth).birthday(75)
        var month75 = b75.year == date.year && b75.month == date.month && b75.day != 1
        if lateElderly && band != .age75AndOver {
            guard date >= PatientAge(birth: birth).birthday(65) else {
                throw CopayError(field: "patient.late_elderly", "true for a patient under 65 on \(date): 後期高齢者医療 before 75 is for 65〜74歳 with the 障害認定 only (高齢者の医療の確保に関する法律 第50条 第2号)")
            }
            band = .age75AndOver
            month75 = false
        }
        switch band {
        case .preschool:
            let (p, s) = try parameters.preschool.value(on: date)
            return Result(band: band, percent: p, monthOfSeventyFifth: month75, source: s)
        case .workingAge:
            let (p, s) = try parameters.workingAge.value(on: date)
            return Result(band: band, percent: p, monthOfSeventyFifth: month75, source: s)
        case .age70to74:
            let (r, s) = try parameters.age70to74.value(on: date)
            return Result(band: band, percent: incomeClass.isActiveIncome ? r.highIncome : r.general, monthOfSeventyFifth: month75, source: s)
        case .age75AndOver:
            let (r, s) = try parameters.age75.value(on: date)
            if incomeClass.isActiveIncome { return Result(band: band, percent: r.highIncome, monthOfSeventyFifth: month75, source: s) }
            if incomeClass == .generalII {
                guard let p = r.generalII else {
                    throw CopayError(field: "income_class", "一般Ⅱ (後期高齢者 2割) does not exist on \(date) (from 2022-10-01)")
                }
                return Result(band: band, percent: p, monthOfSeventyFifth: month75, source: s)
            }
            return Result(band: band, percent: r.general, monthOfSeventyFifth: month75, source: s)
        }
    }
}

extension CopayRate.Result {
    init(band: CopayRate.AgeBand, percent: Int, monthOfSeventyFifth: Bool, source: String) {
        self.init(band: band, percent: percent, monthOf75thBirthday: monthOfSeventyFifth, source: source)
    }
}

extension CopayRate {
    /// The 負担割合 of a claim's `insurance` on `date`: its 所得区分 read, the rate derived from age and
    /// class, then the certificate's `rate_percent` when stated (errors name the claim field). Shared by the
    /// 入院外 visits (`ClaimCopay`) and the 入院 bill (`AdmissionBill`).
    static func claimRate(_ ins: Claim.Insurance, birth: ServiceDate, on date: ServiceDate, lateElderly: Bool? = nil,
                          parameters: CopayParameters) throws(CopayError) -> (IncomeClass, CopayRate.Result) {
        guard let cls = IncomeClass(rawValue: ins.incomeClass) else {
            throw CopayError(field: "insurance.income_class", "\"\(ins.incomeClass)\" is not an income class")
        }
        // `patient.late_elderly: true` before the 75th birthday: the 障害認定 後期高齢者 (review 229 BX-1: 2割 charged, or the
        // 後期 class refused, for a 72-year-old under 後期高齢者医療).
        var rate = try CopayRate.rate(birth: birth, on: date, incomeClass: cls, parameters: parameters, lateElderly: lateElderly == true)
        // 一般Ⅰ・一般Ⅱ are classes of the 後期高齢者医療 (高齢者医療確保法 §67): not of a 70〜74歳 patient under a 健康保険 (review 342 GG-2;
        // 一般Ⅰ was taken on the eve of the 75th birthday).
        if cls.isLateElderlyOnly && rate.band == .age70to74 {
            throw CopayError(field: "insurance.income_class", "\(cls) is a class of the 後期高齢者医療 (75 or over, or patient.late_elderly); the patient is 70〜74 on \(date): 一般, 低所得Ⅱ, 低所得Ⅰ or a 現役並み class")
        }
        if let stated = ins.ratePercent {
            guard DomainLimit.ratePercentRange.contains(stated) else {
                throw CopayError(field: "insurance.rate_percent", "\(stated) is outside 0…100 (DomainLimit.ratePercentRange)")
            }
            // The 負担割合 the class can have, as `santei copay` checks them (`IncomeClass.ratesAllowed`; review 268 DK-1: 30% was
            // charged to a 一般Ⅰ 後期 patient, 10% to a 45-year-old).
            // 70〜74歳 (健康保険法第74条第1項第2号: 百分の二十, 現役並み 百分の三十): the one rate of the date — the 1割 of a 後期高齢者 is
            // no rate of theirs (review 342 GG-1: 10 was taken for a 72-year-old 一般).
            let allowed = rate.band == .age70to74 ? [rate.percent] : cls.ratesAllowed(over70: rate.band.isOver70)
            guard allowed.contains(stated) else {
                throw CopayError(field: "insurance.rate_percent", "\(stated) is not a 負担割合 of \(cls) for a patient aged \(rate.band.rawValue) on \(date) (\(allowed.map { "\($0)" }.joined(separator: " or ")))")
            }
            rate.percent = stated
        }
        return (cls, rate)
    }
}
