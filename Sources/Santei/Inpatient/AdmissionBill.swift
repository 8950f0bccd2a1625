// The bill of an 入院 claim: what the patient pays at discharge or at the month's end (issue 11 item 5).

/// The month of a stay as one bill: 10割 = all points of the receipt × 10円 (入院料, the ordered items),
/// the meals served (食事 標準負担額 × meals, by `insurance.meal_class`), settled by `MonthlySettlement`
/// with the 入院 高額療養費 limits (70歳以上: the 世帯 (入院) table; 多数回該当; 75歳到達月 halved) and the
/// claim's 公費 as for 外来, and collected once: 一部負担金 10円未満四捨五入 (健康保険法第75条), to the yen when
/// a 高額療養費 limit or 公費 cap binds (`MonthlySettlement.windowPayment`). A stay across a month end is
/// two receipts, each settled in its month.
public struct AdmissionBill: Sendable, Encodable {
    /// 10割 of the receipt's points (1点 = 10円).
    public var yenTotal: Int
    public var days: Int
    public var meals: Int
    /// 一部負担金 collected (rounded as `rounding` says) and 食事 標準負担額.
    public var copayYen: Int
    public var mealYen: Int
    public var rounding: String
    enum CodingKeys: String, CodingKey { case yenTotal = "yen_total", days, meals, copayYen = "copay_yen", mealYen = "meal_yen", rounding }
}

extension ClaimCopay {
    static func admissionBill(_ claim: Claim, _ priced: PricedClaim, insurance ins: Claim.Insurance, parameters: CopayParameters) throws(CopayError) -> ClaimCopay {
        guard let birth = ServiceDate(claim.patient.birthDate) else { throw CopayError(field: "patient.birth_date", "not a date") }
        guard let stay = priced.admission, let firstDay = stay.days.first, claim.admission != nil else {
            throw CopayError(field: "admission", "the stay was not priced")
        }
        // The month the stay was priced in (review 267 DJ-1: the June receipt of a stay from May 25, without encounters, took its
        // 標準負担額 and 負担割合 on May 1).
        let month = (stay.year, stay.month)
        guard let first = ServiceDate(year: month.0, month: month.1, day: firstDay) else { throw CopayError(field: "admission", "no day in the month") }
        // 後期高齢者医療 begins on the 75th birthday itself (高齢者の医療の確保に関する法律第52条; domain-facts.md A): the
        // days from it are another insurer's receipt, at another rate (review 119: a stay across it was billed whole to
        // the first insurer). As for 外来 (`ClaimCopay.compute`), one claim cannot hold both sides.
        let b75 = PatientAge(birth: birth).birthday(75)
        if first < b75, claim.patient.lateElderly != true, let lastDay = stay.days.last, let last = ServiceDate(year: month.0, month: month.1, day: lastDay), b75 <= last {
            let eve = ServiceDate(dayNumber: b75.dayNumber - 1)
            throw CopayError(field: "admission", "the stay's days of \(first) – \(last) run across the patient's 75th birthday \(b75): from that day the patient is insured by 後期高齢者医療 on a receipt of its own; give admission.receipt_to \(eve) on this claim and a second claim with admission.receipt_from \(b75) and the 後期高齢者医療 insurance")
        }
        let (cls, rate) = try CopayRate.claimRate(ins, birth: birth, on: first, lateElderly: claim.patient.lateElderly, parameters: parameters)
        guard rate.band.isOver70 != cls.isUnder70Class else {
            throw CopayError(field: "insurance.income_class", "\(cls) is not a class of a patient aged \(rate.band.rawValue) on \(first)")
        }
        var programs: [ProgramCertificate] = []
        for (n, p) in (ins.publicPrograms ?? []).enumerated() {
            guard let law = LawNumber(rawValue: p.lawNumber) else { throw CopayError(field: "insurance.public_programs[\(n)].law_number", "not a 2-digit 法別番号") }
            // An admission claim is an 入院 receipt: 21 精神通院 is not on it (review 420 JH-1: capped at 5,000円, as review 302 ES-4 was
            // for a claim marked inpatient).
            try parameters.refuseOutpatientOnly(law, on: first, field: "insurance.public_programs[\(n)].law_number")
            programs.append(ProgramCertificate(law: law, monthlyCapYen: p.monthlyCapYen, alreadyPaidYen: p.alreadyPaidYen ?? 0))
        }
        if (stay.mealCount > 0 || stay.living != nil) && ins.mealClass == nil {
            throw CopayError(field: "insurance.meal_class", "the stay has \(stay.mealCount) meals\(stay.living.map { " and \($0.days) days of 生活療養" } ?? "") but no 食事・生活療養 標準負担額 区分 is given (一般, 難病小慢, 低所得Ⅱ, 低所得Ⅱ長期, 低所得Ⅰ)")
        }
        let situation = CopaySituation(date: first, over70: rate.band.isOver70, incomeClass: cls, ratePercent: rate.percent,
                                       inpatient: true, manyTimes: ins.manyTimes ?? false, monthOf75thBirthday: rate.monthOf75thBirthday,
                                       longTermDiseaseCapYen: ins.longTermDiseaseCapYen, transitionRelief: false, programs: programs,
                                       mealClass: ins.mealClass.map(MealClass.init(rawValue:)))
        guard let yen = Checked.mul(priced.totalPoints, 10), DomainLimit.yenRange.contains(yen) else {
            throw CopayError(field: "admission", "\(priced.totalPoints) points is not a 医療費 the copay can settle")
        }
        // 生活療養 meals are taken on the 生活療養標準負担額 (食費 and 居住費), the others on the 食事療養 one.
        let living = stay.living ?? LivingUse()
        var bill = CopayBill(yen: yen, insurance: true, programs: Array(programs.indices), visits: stay.days.count, meals: stay.mealCount - living.meals1 - living.meals2)
        bill.living = living
        let w = try MonthlySettlement(parameters: parameters).windowPayment(situation, ledger: MonthLedger(), visit: [bill])
        let s = w.settlement
        return ClaimCopay(ratePercent: rate.percent, ageBand: rate.band.rawValue, visits: [],
                          patientYen: s.patientYen, windowTotalYen: w.patientYen, hoBurdenYen: s.hoBurdenYen,
                          ko: s.koBurdens.map { KO(lawNumber: $0.law.rawValue, burdenYen: $0.burdenYen, targetCopayYen: $0.targetCopayYen) },
                          explanation: ["負担割合 \(rate.percent)% (\(rate.band.rawValue)\(rate.monthOf75thBirthday ? ", 75歳到達月" : "")); 入院: one bill for the month's \(stay.days.count) days"] + s.explanation,
                          admission: AdmissionBill(yenTotal: yen, days: stay.days.count, meals: stay.mealCount, copayYen: w.copayYen,
                                                   mealYen: w.mealYen, rounding: w.rounding))
    }
}
