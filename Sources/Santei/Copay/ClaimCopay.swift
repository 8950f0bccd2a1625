import Foundation

/// Copay for a priced claim that carries `insurance`: each encounter's window payment (in date order, with
/// the month-to-date ledger) and the receipt's 負担金額. 1点 = 10円; every encounter is one visit covered by
/// the insurance and all the claim's 公費.
public struct ClaimCopay: Sendable, Encodable {

    /// A copay error of the settlement, its field named as the claim names it (`insurance.rate_percent`, not the copay
    /// case's `patient.copay_rate_percent`): the window route's `field`.
    public static func claimError(_ e: CopayError) -> CopayError {
        let map: [(String, String)] = [("patient.copay_rate_percent", "insurance.rate_percent"), ("patient.income_class", "insurance.income_class"),
                                       ("patient.long_term_disease_cap_yen", "insurance.long_term_disease_cap_yen"),
                                       ("patient.many_times", "insurance.many_times"), ("patient.meal_class", "insurance.meal_class"), ("patient.inpatient", "insurance.inpatient"),
                                       ("public_programs", "insurance.public_programs"), ("service_month", "encounters")]
        for (from, to) in map where e.field.hasPrefix(from) { return CopayError(field: to + e.field.dropFirst(from.count), e.message) }
        return e
    }

    public struct Visit: Sendable, Encodable {
        public var encounter: Int
        public var date: String
        public var yenTotal: Int
        public var windowYen: Int
        public var rounding: String
        enum CodingKeys: String, CodingKey { case encounter, date, yenTotal = "yen_total", windowYen = "window_yen", rounding }
    }
    public struct KO: Sendable, Encodable {
        public var lawNumber: String; public var burdenYen: Int; public var targetCopayYen: Int
        enum CodingKeys: String, CodingKey { case lawNumber = "law_number", burdenYen = "burden_yen", targetCopayYen = "target_copay_yen" }
    }
    public var ratePercent: Int
    public var ageBand: String
    public var visits: [Visit]
    /// The month's share (1円) and the sum of window payments.
    public var patientYen: Int
    public var windowTotalYen: Int
    public var hoBurdenYen: Int?
    public var ko: [KO]
    public var explanation: [String]
    /// An 入院 claim's bill at discharge or month end (Sources/Santei/Inpatient/AdmissionBill.swift).
    public var admission: AdmissionBill? = nil
    enum CodingKeys: String, CodingKey {
        case ratePercent = "rate_percent", ageBand = "age_band", visits, patientYen = "patient_yen", windowTotalYen = "window_total_yen"
        case hoBurdenYen = "ho_burden_yen", ko, explanation, admission
    }

    /// nil when the claim has no `insurance`.
    /// `explain: false` leaves the month's settlement explanation out (the window call does not show it).
    public static func compute(_ claim: Claim, _ priced: PricedClaim, parameters: CopayParameters, explain: Bool = true) throws(CopayError) -> ClaimCopay? {
        guard var copay = try settle(claim, priced, parameters: parameters, explain: explain) else { return nil }
        // A claim not priced in full (its issues) has a bill of the priced items only: said first, not shown as the month's (review 347
        // GM-1: a day past an A308-3 period was left out and the bill read "the month's 31 days").
        if !priced.complete {
            copay.explanation.insert("provisional: the claim is not complete (\(priced.issues.count) issue\(priced.issues.count == 1 ? "" : "s")), so these amounts are of the priced items only, not the month's bill", at: 0)
        }
        return copay
    }

    static func settle(_ claim: Claim, _ priced: PricedClaim, parameters: CopayParameters, explain: Bool) throws(CopayError) -> ClaimCopay? {
        guard let ins = claim.insurance else { return nil }
        if claim.admission != nil { return try admissionBill(claim, priced, insurance: ins, parameters: parameters) }
        guard let birth = ServiceDate(claim.patient.birthDate) else { throw CopayError(field: "patient.birth_date", "not a date") }
        var dated: [(e: Int, date: ServiceDate)] = []
        for (e, enc) in claim.encounters.enumerated() {
            guard let d = ServiceDate(enc.date) else { throw CopayError(field: "encounters[\(e)].date", "not a date") }
            dated.append((e, d))
        }
        guard let first = dated.map(\.date).min() else { throw CopayError(field: "encounters", "no encounters") }
        // 後期高齢者医療 begins on the 75th birthday itself (高齢者医療確保法 第52条; domain-facts.md A): the days from it are
        // another insurer's receipt, at another rate. A claim of one insurance combination cannot hold both sides.
        let b75 = PatientAge(birth: birth).birthday(75)
        // A 障害認定 後期高齢者 (`patient.late_elderly`) is under 後期 on both sides of it: one receipt.
        if first < b75, claim.patient.lateElderly != true, let after = dated.first(where: { $0.date >= b75 }) {
            throw CopayError(field: "encounters[\(after.e)].date", "\(after.date) is on or after the patient's 75th birthday \(b75): from that day the patient is insured by 後期高齢者医療 on a receipt of its own; give the encounters from \(b75) as a second claim")
        }
        let (cls, rate) = try CopayRate.claimRate(ins, birth: birth, on: first, lateElderly: claim.patient.lateElderly, parameters: parameters)
        var programs: [ProgramCertificate] = []
        for (n, p) in (ins.publicPrograms ?? []).enumerated() {
            guard let law = LawNumber(rawValue: p.lawNumber) else { throw CopayError(field: "insurance.public_programs[\(n)].law_number", "not a 2-digit 法別番号") }
            guard !programs.contains(where: { $0.law == law }) else {
                throw CopayError(field: "insurance.public_programs[\(n)].law_number", "法別番号 \(law) is listed twice (one certificate each, as santei copay)")
            }
            programs.append(ProgramCertificate(law: law, monthlyCapYen: p.monthlyCapYen, alreadyPaidYen: p.alreadyPaidYen ?? 0))
            // A claim's insurance beside 12 is a 医療保険 (12 併用); from 75 (or 障害認定) that insurer is the 後期高齢者医療, of which a
            // 生活保護 recipient is no 被保険者 (高齢者医療確保法第51条第1号): the month is 生活保護単独 (review 268 DK-2: the 広域連合
            // was made to pay 2,619 of a 2,910 初診).
            // 21 自立支援医療（精神通院）: 通院による精神医療 only (its rule's outpatient_only): an 入院 receipt does not name it (review 302
            // ES-4: an 入院 month was capped at 5,000円). `santei copay` settles bills of both kinds in one case: there each bill names its payers.
            if claim.isInpatient { try parameters.refuseOutpatientOnly(law, on: first, field: "insurance.public_programs[\(n)].law_number") }
            if law == .publicAssistance, rate.band == .age75AndOver {
                throw CopayError(field: "insurance.public_programs[\(n)].law_number", "12 生活保護 beside the 後期高齢者医療 (the patient is 75 or over on \(first), or patient.late_elderly): a 生活保護 recipient is no 後期高齢者医療 被保険者 (高齢者医療確保法第51条第1号), so the month is 生活保護単独 — settle it with santei copay and covered_by [\"12\"]")
            }
        }
        guard rate.band.isOver70 != cls.isUnder70Class else {
            throw CopayError(field: "insurance.income_class", "\(cls) is not a class of a patient aged \(rate.band.rawValue) on \(first)")
        }
        // 配慮措置 applies to every 一般Ⅱ 外来 patient while in force (MonthlySettlement checks the date).
        let situation = CopaySituation(date: first, over70: rate.band.isOver70, incomeClass: cls, ratePercent: rate.percent,
                                       inpatient: claim.isInpatient, manyTimes: ins.manyTimes ?? false,
                                       monthOf75thBirthday: rate.monthOf75thBirthday, longTermDiseaseCapYen: ins.longTermDiseaseCapYen,
                                       transitionRelief: cls == .generalII && !claim.isInpatient, programs: programs)
        var engine = MonthlySettlement(parameters: parameters)
        engine.explain = explain
        var quiet = engine   // the visits before the last: amounts only (their explanations are not shown)
        quiet.explain = false
        var ledger = MonthLedger()
        var visits: [Visit] = []
        var last: Settlement?
        let order = dated.sorted(by: { ($0.date, $0.e) < ($1.date, $1.e) })
        for (k, (e, date)) in order.enumerated() {
            let points = priced.byEncounter.indices.contains(e) ? priced.byEncounter[e] : 0
            // 1点 = 10円; an encounter's 医療費 must be a yen amount the settlement can take (0…yenRange).
            guard let yen = Checked.mul(points, 10), DomainLimit.yenRange.contains(yen) else {
                throw CopayError(field: "encounters[\(e)]", "\(points) points is not a 医療費 the copay can settle (0…\(DomainLimit.yenRange.upperBound / 10) points)")
            }
            let bill = CopayBill(yen: yen, insurance: true, programs: Array(programs.indices))
            let w = try (k == order.count - 1 ? engine : quiet).windowPayment(situation, ledger: ledger, visit: [bill], settledBefore: last)   // one situation all month
            visits.append(Visit(encounter: e, date: "\(date)", yenTotal: yen, windowYen: w.patientYen, rounding: w.rounding))
            ledger = w.ledger
            last = w.settlement
        }
        guard let s = last else { throw CopayError(field: "encounters", "no encounters") }
        return ClaimCopay(ratePercent: rate.percent, ageBand: rate.band.rawValue, visits: visits.sorted { $0.encounter < $1.encounter },
                          patientYen: s.patientYen, windowTotalYen: ledger.patientChargedYen + ledger.mealChargedYen,
                          hoBurdenYen: s.hoBurdenYen,
                          ko: s.koBurdens.map { KO(lawNumber: $0.law.rawValue, burdenYen: $0.burdenYen, targetCopayYen: $0.targetCopayYen) },
                          explanation: ["負担割合 \(rate.percent)% (\(rate.band.rawValue)\(rate.monthOf75thBirthday ? ", 75歳到達月" : ""))"] + s.explanation)
    }

    /// One JSON object (keys sorted).
    public func json() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(self))) ?? Array("null".utf8)
    }
}
