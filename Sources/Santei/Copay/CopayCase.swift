import Foundation

/// One monthly copay case in the format of `../shared/cases/copay/mhlw-examples.jsonl`
/// (docs/copay-format.md): one patient, one month, one 医療機関.
public struct CopayCase: Sendable {
    public var id: String
    public var situation: CopaySituation
    public var bills: [CopayBill]

    struct Line: Decodable {
        struct Patient: Decodable {
            var ageBand: String
            var incomeClass: String
            var copayRatePercent: Int
            var inpatient: Bool
            var manyTimes: Bool?
            var monthOf75thBirthday: Bool?
            var longTermDiseaseCapYen: Int?
            var outpatientTransitionRelief: Bool?
            var mealClass: String?
            enum CodingKeys: String, CodingKey {
                case ageBand = "age_band", incomeClass = "income_class", copayRatePercent = "copay_rate_percent", inpatient
                case manyTimes = "many_times", monthOf75thBirthday = "month_of_75th_birthday"
                case longTermDiseaseCapYen = "long_term_disease_cap_yen", outpatientTransitionRelief = "outpatient_transition_relief"
                case mealClass = "meal_class"
            }
        }
        struct Program: Decodable {
            var lawNumber: String
            var name: String?
            var monthlyCapYen: Int?
            var alreadyPaidYen: Int?
            var localRule: LocalProgramRule?
            enum CodingKeys: String, CodingKey {
                case lawNumber = "law_number", name, monthlyCapYen = "monthly_cap_yen", alreadyPaidYen = "already_paid_yen", localRule = "local_rule"
            }
        }
        struct Bill: Decodable {
            var yenTotal: Int
            var coveredBy: [String]
            var visits: Int?
            var meals: Int?
            enum CodingKeys: String, CodingKey { case yenTotal = "yen_total", coveredBy = "covered_by", visits, meals }
        }
        var id: String
        var serviceMonth: String
        var serviceDate: String?
        var patient: Patient
        var publicPrograms: [Program]?
        var bills: [Bill]
        enum CodingKeys: String, CodingKey {
            case id, serviceMonth = "service_month", serviceDate = "service_date", patient, publicPrograms = "public_programs", bills
        }
    }

    /// Reads one JSON line. Errors name the field (`bills[1].covered_by[0]`).
    /// The line is first checked as strict JSON (`StrictJSON`: depth, size, duplicate keys, UTF-8,
    /// literals, numbers), so `JSONDecoder` never meets deep nesting or a key given twice; then every
    /// number is checked against its `DomainLimit` (`make`).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(CopayError) -> CopayCase {
        do throws(JSONInputError) { try StrictJSON.validate(bytes) } catch {
            throw CopayError(field: error.path, "not JSON: \(error.message) at byte \(error.offset + 1)")
        }
        let line: Line
        do { line = try JSONDecoder().decode(Line.self, from: Data(bytes)) } catch let e as DecodingError {
            throw describe(e)
        } catch { throw CopayError(field: "", "not JSON: \(error)") }
        return try make(line)
    }

    static func describe(_ e: DecodingError) -> CopayError {
        func path(_ p: [CodingKey]) -> String {
            var s = ""
            for k in p {
                if let i = k.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + k.stringValue }
            }
            return s
        }
        switch e {
        case .keyNotFound(let k, let c): return CopayError(field: path(c.codingPath + [k]), "missing")
        case .typeMismatch(let t, let c): return CopayError(field: path(c.codingPath), "expected \(t)")
        case .valueNotFound(let t, let c): return CopayError(field: path(c.codingPath), "expected \(t), found null")
        case .dataCorrupted(let c): return CopayError(field: path(c.codingPath), "not JSON: \(c.debugDescription)")
        @unknown default: return CopayError(field: "", "\(e)")
        }
    }

    static func yen(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.yenRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.yenRange.lowerBound)…\(DomainLimit.yenRange.upperBound) yen (DomainLimit.yenRange)")
    }

    static func percent(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.ratePercentRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.ratePercentRange.lowerBound)…\(DomainLimit.ratePercentRange.upperBound) % (DomainLimit.ratePercentRange)")
    }

    static func count(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.countRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.countRange.lowerBound)…\(DomainLimit.countRange.upperBound) (DomainLimit.countRange)")
    }

    /// Every number of the line inside its `DomainLimit`: yen in `yenRange`, 負担割合 in `ratePercentRange`,
    /// visits and meals in `countRange`, at most `maxBillsPerCase` bills. With these bounds every sum and
    /// product the settlement forms (Σ bills ≤ 10⁴ × 10¹⁰ yen, × 100 for a percentage; meals ≤ 10⁴ × 999 ×
    /// a per-meal yen) stays far below `Int.max`.
    static func checkLimits(_ l: Line) throws(CopayError) {
        if l.id.utf8.count > DomainLimit.maxTextBytes { throw CopayError(field: "id", "over \(DomainLimit.maxTextBytes) bytes (DomainLimit.maxTextBytes)") }
        try percent(l.patient.copayRatePercent, "patient.copay_rate_percent")
        try yen(l.patient.longTermDiseaseCapYen, "patient.long_term_disease_cap_yen")
        for (n, p) in (l.publicPrograms ?? []).enumerated() {
            let f = "public_programs[\(n)]"
            try yen(p.monthlyCapYen, f + ".monthly_cap_yen")
            try yen(p.alreadyPaidYen, f + ".already_paid_yen")
            if let r = p.localRule {
                try percent(r.ratePercent, f + ".local_rule.rate_percent")
                try yen(r.perVisitYen, f + ".local_rule.per_visit_yen")
                try count(r.maxPaidVisits, f + ".local_rule.max_paid_visits")
                try yen(r.monthlyCapYen, f + ".local_rule.monthly_cap_yen")
            }
        }
        guard l.bills.count <= DomainLimit.maxBillsPerCase else {
            throw CopayError(field: "bills", "\(l.bills.count) bills, more than \(DomainLimit.maxBillsPerCase) (DomainLimit.maxBillsPerCase)")
        }
        for (n, b) in l.bills.enumerated() {
            try yen(b.yenTotal, "bills[\(n)].yen_total")
            try count(b.visits, "bills[\(n)].visits")
            try count(b.meals, "bills[\(n)].meals")
        }
    }

    static func make(_ l: Line) throws(CopayError) -> CopayCase {
        try checkLimits(l)
        let date: ServiceDate
        if let d = l.serviceDate {
            guard let v = ServiceDate(d) else { throw CopayError(field: "service_date", "\"\(d)\" is not a date (YYYY-MM-DD)") }
            date = v
        } else {
            guard let v = ServiceDate(l.serviceMonth + "-01") else { throw CopayError(field: "service_month", "\"\(l.serviceMonth)\" is not a month (YYYY-MM)") }
            date = v
        }
        let over70: Bool
        switch l.patient.ageBand {
        case "under70": over70 = false
        case "70plus": over70 = true
        default: throw CopayError(field: "patient.age_band", "\"\(l.patient.ageBand)\" is not under70 or 70plus")
        }
        guard let cls = IncomeClass(rawValue: l.patient.incomeClass) else {
            throw CopayError(field: "patient.income_class", "\"\(l.patient.incomeClass)\" is not an income class (ア〜オ, 現役並みⅢ/Ⅱ/Ⅰ, 一般, 一般Ⅰ, 一般Ⅱ, 低所得Ⅱ, 低所得Ⅰ)")
        }
        guard cls.isUnder70Class != over70 else {
            throw CopayError(field: "patient.income_class", "\(cls) is not a class of the \(l.patient.ageBand) band")
        }
        var programs: [ProgramCertificate] = []
        for (n, p) in (l.publicPrograms ?? []).enumerated() {
            guard let law = LawNumber(rawValue: p.lawNumber) else {
                throw CopayError(field: "public_programs[\(n)].law_number", "\"\(p.lawNumber)\" is not a 2-digit 法別番号")
            }
            if let cap = p.monthlyCapYen, cap < 0 { throw CopayError(field: "public_programs[\(n)].monthly_cap_yen", "negative") }
            programs.append(ProgramCertificate(law: law, name: p.name, monthlyCapYen: p.monthlyCapYen, alreadyPaidYen: p.alreadyPaidYen ?? 0, local: p.localRule))
        }
        guard Set(programs.map(\.law)).count == programs.count else { throw CopayError(field: "public_programs", "a 法別番号 is listed twice") }
        var bills: [CopayBill] = []
        for (n, b) in l.bills.enumerated() {
            var bill = CopayBill(yen: b.yenTotal, insurance: false, programs: [], visits: b.visits ?? 1, meals: b.meals ?? 0)
            guard b.yenTotal >= 0 else { throw CopayError(field: "bills[\(n)].yen_total", "negative amount") }
            for (k, payer) in b.coveredBy.enumerated() {
                if payer == "insurance" { bill.insurance = true; continue }
                guard let i = programs.firstIndex(where: { $0.law.rawValue == payer }) else {
                    throw CopayError(field: "bills[\(n)].covered_by[\(k)]", "\"\(payer)\" is neither insurance nor a 法別番号 of public_programs")
                }
                bill.programs.append(i)
            }
            guard !b.coveredBy.isEmpty else { throw CopayError(field: "bills[\(n)].covered_by", "no payer") }
            bills.append(bill)
        }
        guard !bills.isEmpty else { throw CopayError(field: "bills", "no bills") }
        let situation = CopaySituation(date: date, over70: over70, incomeClass: cls, ratePercent: l.patient.copayRatePercent,
                                       inpatient: l.patient.inpatient, manyTimes: l.patient.manyTimes ?? false,
                                       monthOf75thBirthday: l.patient.monthOf75thBirthday ?? false,
                                       longTermDiseaseCapYen: l.patient.longTermDiseaseCapYen,
                                       transitionRelief: l.patient.outpatientTransitionRelief ?? false,
                                       programs: programs, mealClass: l.patient.mealClass.map(MealClass.init(rawValue:)))
        return CopayCase(id: l.id, situation: situation, bills: bills)
    }
}

/// The output line of `santei copay` (docs/copay-format.md).
public struct CopayCaseResult: Encodable, Sendable {
    public struct Receipt: Encodable, Sendable {
        public struct KO: Encodable, Sendable {
            var lawNumber: String; var burdenYen: Int; var targetCopayYen: Int
            enum CodingKeys: String, CodingKey { case lawNumber = "law_number", burdenYen = "burden_yen", targetCopayYen = "target_copay_yen" }
        }
        var hoBurdenYen: Int?
        var ko: [KO]
        enum CodingKeys: String, CodingKey { case hoBurdenYen = "ho_burden_yen", ko }
    }
    public struct Meals: Encodable, Sendable {
        var count: Int; var perMealYen: Int; var patientYen: Int; var coveredYen: Int
        enum CodingKeys: String, CodingKey { case count, perMealYen = "per_meal_yen", patientYen = "patient_yen", coveredYen = "covered_yen" }
    }
    public var id: String
    public var line: Int
    public var patientYen: Int
    public var payers: [String: PayerAmounts]
    public var receipt: Receipt
    public var meals: Meals?
    public var explanation: [String]
    enum CodingKeys: String, CodingKey { case id, line, patientYen = "patient_yen", payers, receipt, meals, explanation }

    public init(id: String, line: Int, settlement s: Settlement) {
        self.id = id
        self.line = line
        patientYen = s.patientYen
        var payers: [String: PayerAmounts] = [:]
        if let i = s.insurance { payers["insurance"] = i }
        for p in s.programs { payers[p.law.rawValue] = p.amounts }
        self.payers = payers
        receipt = Receipt(hoBurdenYen: s.hoBurdenYen, ko: s.koBurdens.map { Receipt.KO(lawNumber: $0.law.rawValue, burdenYen: $0.burdenYen, targetCopayYen: $0.targetCopayYen) })
        meals = s.meals.map { Meals(count: $0.count, perMealYen: $0.perMealYen, patientYen: $0.patientYen, coveredYen: $0.coveredYen) }
        explanation = s.explanation
    }

    /// One JSON line (keys sorted), no line break.
    public func json() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(self))) ?? Array("{\"error\":\"cannot encode\",\"line\":\(line)}".utf8)
    }

    /// `{"error": "…", "line": N}` (with the id when it was read).
    public static func errorJSON(_ message: String, line: Int, id: String? = nil) -> [UInt8] {
        struct E: Encodable { var error: String; var line: Int; var id: String? }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(E(error: message, line: line, id: id)))) ?? Array("{\"line\":\(line)}".utf8)
    }
}
