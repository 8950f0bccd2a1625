/// The insurance situation of one patient for one month at one 保険医療機関 (入院 or 入院外): what the
/// certificates say. Dates are resolved once: `date` picks every dated parameter.
public struct CopaySituation: Sendable {
    /// A day of the service month (the parameters in force on it apply).
    public var date: ServiceDate
    /// 70歳以上 (高齢受給者 or 後期高齢者): the 70歳以上 limit tables apply.
    public var over70: Bool
    public var incomeClass: IncomeClass
    /// The insurance 負担割合 (10, 20 or 30), from `CopayRate` or the certificate.
    public var ratePercent: Int
    public var inpatient: Bool
    /// 多数回該当 (the 4th month with 高額療養費 within 12).
    public var manyTimes: Bool
    /// 75歳到達月の特例 (limits halved).
    public var monthOf75thBirthday: Bool
    /// 特定疾病 (マル長) limit from the 特定疾病療養受療証: 10,000 or 20,000.
    public var longTermDiseaseCapYen: Int?
    /// 後期高齢者 2割 配慮措置 claimed (applied only while in force, for 一般Ⅱ 外来).
    public var transitionRelief: Bool
    /// 公費 in receipt order (第1公費 first), at most four.
    public var programs: [ProgramCertificate]
    /// 食事 標準負担額 区分, needed when bills carry meals.
    public var mealClass: MealClass?

    public init(date: ServiceDate, over70: Bool, incomeClass: IncomeClass, ratePercent: Int, inpatient: Bool, manyTimes: Bool = false,
                monthOf75thBirthday: Bool = false, longTermDiseaseCapYen: Int? = nil, transitionRelief: Bool = false,
                programs: [ProgramCertificate] = [], mealClass: MealClass? = nil) {
        self.date = date; self.over70 = over70; self.incomeClass = incomeClass; self.ratePercent = ratePercent
        self.inpatient = inpatient; self.manyTimes = manyTimes; self.monthOf75thBirthday = monthOf75thBirthday
        self.longTermDiseaseCapYen = longTermDiseaseCapYen; self.transitionRelief = transitionRelief
        self.programs = programs; self.mealClass = mealClass
    }
}

/// One 公費 recipient certificate (受給者証) as it applies this month.
public struct ProgramCertificate: Sendable, Equatable {
    public var law: LawNumber
    public var name: String?
    /// 自己負担上限月額 on the certificate (nil = none stated).
    public var monthlyCapYen: Int?
    /// Already borne under this program elsewhere this month (難病 自己負担上限額管理票).
    public var alreadyPaidYen: Int
    /// A 地方単独公費 rule given with the certificate (programs 80–99 etc.), instead of the national table.
    public var local: LocalProgramRule?

    public init(law: LawNumber, name: String? = nil, monthlyCapYen: Int? = nil, alreadyPaidYen: Int = 0, local: LocalProgramRule? = nil) {
        self.law = law; self.name = name; self.monthlyCapYen = monthlyCapYen; self.alreadyPaidYen = alreadyPaidYen; self.local = local
    }
}

/// 地方単独公費 (子ども医療費助成, マル障, ひとり親 …): applied after insurance and the national programs to
/// what is left. Each municipality sets its own numbers, so they come with the certificate: a share of
/// the 医療費, a fixed amount per visit (or per 入院 day), a cap on counted visits, a monthly cap; none of
/// them = free. domain-facts.md A.5 '地方単独公費' [S].
public struct LocalProgramRule: Sendable, Equatable, Codable {
    /// The patient pays this % of the 医療費 (1円未満四捨五入).
    public var ratePercent: Int?
    /// The patient pays at most this much per visit (入院: per day).
    public var perVisitYen: Int?
    /// Visits counted for `perVisitYen` in the month (e.g. 月2回まで); later visits are free.
    public var maxPaidVisits: Int?
    /// The patient pays at most this much in the month under the program.
    public var monthlyCapYen: Int?
    /// The 高額療養費 limit of the part it covers: the patient's own class unless stated.
    public var highCostBasis: String?
    public init(ratePercent: Int? = nil, perVisitYen: Int? = nil, maxPaidVisits: Int? = nil, monthlyCapYen: Int? = nil, highCostBasis: String? = nil) {
        self.ratePercent = ratePercent; self.perVisitYen = perVisitYen; self.maxPaidVisits = maxPaidVisits
        self.monthlyCapYen = monthlyCapYen; self.highCostBasis = highCostBasis
    }
    enum CodingKeys: String, CodingKey {
        case ratePercent = "rate_percent", perVisitYen = "per_visit_yen", maxPaidVisits = "max_paid_visits"
        case monthlyCapYen = "monthly_cap_yen", highCostBasis = "high_cost_basis"
    }
}

/// Part of the month's 医療費 (10割, yen) and who covers it.
public struct CopayBill: Sendable, Equatable {
    public var yen: Int
    /// Covered by the health insurance (false: 公費単独 or 公費優先).
    public var insurance: Bool
    /// Indices into `CopaySituation.programs`.
    public var programs: [Int]
    /// Visits (入院: days) in this part, for per-visit 地方単独 amounts.
    public var visits: Int
    /// 入院時食事療養 meals served.
    public var meals: Int
    public init(yen: Int, insurance: Bool = true, programs: [Int] = [], visits: Int = 1, meals: Int = 0) {
        self.yen = yen; self.insurance = insurance; self.programs = programs; self.visits = visits; self.meals = meals
    }
}

/// What a payer is asked for, pays and leaves: for the insurance `charged` is the 医療費, `remaining` the
/// 一部負担金 after 高額療養費; for a 公費 `charged` is the amount it is asked to cover and `remaining` the
/// patient's share under it.
public struct PayerAmounts: Sendable, Equatable, Codable {
    public var chargedYen: Int = 0
    public var paidYen: Int = 0
    public var remainingYen: Int = 0
    public init(chargedYen: Int = 0, paidYen: Int = 0, remainingYen: Int = 0) {
        self.chargedYen = chargedYen; self.paidYen = paidYen; self.remainingYen = remainingYen
    }
    mutating func add(charged: Int, remaining: Int) { chargedYen += charged; remainingYen += remaining; paidYen += charged - remaining }
    enum CodingKeys: String, CodingKey { case chargedYen = "charged_yen", paidYen = "paid_yen", remainingYen = "remaining_yen" }
}

/// The month as the receipt states it (1円 units).
public struct Settlement: Sendable {
    /// What the patient bears in the month: 一部負担金 after every payer, plus 食事 標準負担額.
    public var patientYen: Int { medicalPatientYen + mealPatientYen }
    public var medicalPatientYen: Int
    public var mealPatientYen: Int
    public var insurance: PayerAmounts?
    /// Per certificate, in `CopaySituation.programs` order.
    public var programs: [(law: LawNumber, amounts: PayerAmounts)]
    public var meals: MealCharge?
    /// The limits that bound the patient's share: "insurance:<payers of the part>" for a 高額療養費 limit,
    /// "<法別番号>" for a 公費 cap.
    public var boundLimits: Set<String>
    /// Some 高額療養費 limit or 公費 cap bound the patient's share.
    public var limitReached: Bool { !boundLimits.isEmpty }
    public var explanation: [String]

    /// HO 負担金額 医療保険: the 一部負担金 after 高額療養費 (domain-facts.md C.4 field 12).
    public var hoBurdenYen: Int? { insurance?.remainingYen }
    /// KO 負担金額 公費 per 公費 in order: the patient's share after it (C.5 field 7), and 公費給付対象
    /// 一部負担金 (field 8 入院外 / 9 入院): what the program was asked to cover.
    public var koBurdens: [(law: LawNumber, burdenYen: Int, targetCopayYen: Int)] {
        programs.map { ($0.law, $0.amounts.remainingYen, $0.amounts.chargedYen) }
    }
}

public struct MealCharge: Sendable, Equatable {
    public var count: Int
    public var perMealYen: Int
    public var patientYen: Int
    public var coveredYen: Int
}

/// The monthly settlement of one receipt: insurance first, then each 公費 in receipt order, each taking
/// what the payer before it left (domain-facts.md A.5 'Calculation shape').
///
/// Receipt parts (bills of one payer combination) are settled 公費 parts first, in input order, then the
/// insurance-only part:
/// - a 公費 part's 一部負担金 is the 負担割合 share capped by the 高額療養費 limit of the part's programs
///   (own class for 難病/小慢, the 公費 class otherwise, 生活保護 class for 生活保護; high-cost-limits.json
///   public_expense) computed on that part's 医療費 alone; each program then leaves the patient its own share;
/// - the insurance-only part is capped by the patient's own limit on its own 医療費, and by the limit on the
///   医療費 of this part plus the earlier 公費 parts that count (健康保険法施行令第41条: 70歳未満 only parts whose
///   一部負担金 is 21,000円 or more) less what the patient bears in those parts (MHLW 計算事例 平成27年1月 事例17);
/// - 特定疾病 (マル長) caps every insurance part; the 後期 2割 配慮措置 caps the insurance-only 外来 part.
public struct MonthlySettlement: Sendable {
    public let parameters: CopayParameters
    public init(parameters: CopayParameters) { self.parameters = parameters }

    struct Part { var insurance: Bool; var programs: [Int]; var yen: Int; var visits: Int; var meals: Int }

    public func settle(_ s: CopaySituation, bills: [CopayBill]) throws(CopayError) -> Settlement {
        guard s.programs.count <= 4 else { throw CopayError(field: "public_programs", "at most four 公費 per receipt") }
        guard [10, 20, 30].contains(s.ratePercent) else { throw CopayError(field: "patient.copay_rate_percent", "\(s.ratePercent) is not 10, 20 or 30") }
        let limits = try HighCostLimit(parameters: parameters, on: s.date, over70: s.over70, inpatient: s.inpatient,
                                       manyTimes: s.manyTimes, monthOf75thBirthday: s.monthOf75thBirthday)
        var notes: [String] = []
        // Each program's rule in force on the date.
        var rules: [ProgramRuleResolved] = []
        for (n, c) in s.programs.enumerated() {
            rules.append(try ProgramRuleResolved(c, parameters: parameters, on: s.date, field: "public_programs[\(n)]"))
        }

        // Group bills by payer combination (one receipt part each), keeping first-seen order.
        var parts: [Part] = []
        for (n, b) in bills.enumerated() {
            guard b.yen >= 0 else { throw CopayError(field: "bills[\(n)].yen_total", "negative amount") }
            guard b.insurance || !b.programs.isEmpty else { throw CopayError(field: "bills[\(n)].covered_by", "no payer") }
            for p in b.programs where !s.programs.indices.contains(p) { throw CopayError(field: "bills[\(n)].covered_by", "unknown 公費 \(p)") }
            let programs = Array(Set(b.programs)).sorted()
            if let k = parts.firstIndex(where: { $0.insurance == b.insurance && $0.programs == programs }) {
                parts[k].yen += b.yen; parts[k].visits += b.visits; parts[k].meals += b.meals
            } else {
                parts.append(Part(insurance: b.insurance, programs: programs, yen: b.yen, visits: b.visits, meals: b.meals))
            }
        }
        let ordered = parts.filter { !$0.programs.isEmpty } + parts.filter { $0.programs.isEmpty }

        // 特定疾病 (マル長).
        var longTermCap: Int?
        if let cap = s.longTermDiseaseCapYen {
            let (l, src) = try parameters.longTermDisease.value(on: s.date)
            guard cap == l.standard || cap == l.upperIncomeDialysis else {
                throw CopayError(field: "patient.long_term_disease_cap_yen", "\(cap) is not a 特定疾病 limit (\(l.standard) or \(l.upperIncomeDialysis); \(src))")
            }
            longTermCap = cap / limits.divisor
        }
        // 後期高齢者 2割 配慮措置.
        var relief: TransitionRelief?
        if s.transitionRelief {
            let r = try parameters.transitionRelief.value(on: s.date).value
            if r == nil { notes.append("配慮措置: not in force on \(s.date) (ended 2025-09-30); not applied") }
            else if s.incomeClass != .generalII { notes.append("配慮措置: only for 後期高齢者 一般Ⅱ (2割); not applied") }
            else if s.inpatient { notes.append("配慮措置: 外来 only; not applied to 入院") }
            else { relief = r }
        }
        let threshold = s.over70 ? 0 : try parameters.aggregationThresholdUnder70.value(on: s.date).value / limits.divisor

        var insurance = PayerAmounts()
        var programs = Array(repeating: PayerAmounts(), count: s.programs.count)
        var capUsed = s.programs.map(\.alreadyPaidYen)
        var visitsUsed = Array(repeating: 0, count: s.programs.count)
        var patient = 0
        var bound = Set<String>()
        var aggregatedYen = 0, aggregatedPatient = 0
        var mealCount = 0, mealCovered = 0

        for (k, part) in ordered.enumerated() {
            let payers = (part.insurance ? ["insurance"] : []) + part.programs.map { s.programs[$0].law.rawValue }
            notes.append("part \(k + 1): \(Yen.text(part.yen)) covered by \(payers.joined(separator: "+"))")
            var left = part.yen
            var insuranceCopay = 0
            if part.insurance {
                let share = Yen.percent(s.ratePercent, of: part.yen)
                var line = "  insurance: \(s.ratePercent)% = \(Yen.text(share))"
                var cap: Int
                if part.programs.isEmpty {
                    let own = try limits.limit(s.incomeClass, medicalYen: part.yen)
                    cap = own.yen
                    line += "; 高額療養費 limit \(own.text)"
                    if aggregatedYen > 0 && (s.over70 || share >= threshold) {
                        let combined = try limits.limit(s.incomeClass, medicalYen: part.yen + aggregatedYen)
                        let c = min(combined.yen, longTermCap ?? .max) - aggregatedPatient
                        line += "; with the 公費 parts (合算) \(combined.text) − \(Yen.text(aggregatedPatient)) borne there = \(Yen.text(max(0, c)))"
                        cap = min(cap, max(0, c))
                    }
                    if let relief, longTermCap == nil {
                        let r = Yen.percent(relief.basePercent, of: part.yen) + relief.increaseCap
                        line += "; 配慮措置 \(relief.basePercent)% + \(Yen.text(relief.increaseCap)) = \(Yen.text(r))"
                        cap = min(cap, r)
                    }
                } else {
                    let basis = part.programs.map { rules[$0].highCostBasis }
                    let b: ProgramRule.HighCostBasis = basis.contains(.welfare) ? .welfare : basis.contains(.own) ? .own : .other
                    let cls = limits.limitClass(s.incomeClass, basis: b)
                    let l = try limits.limit(cls, medicalYen: part.yen)
                    cap = l.yen
                    line += "; 高額療養費 limit (公費 part, \(b == .own ? "own class" : b == .welfare ? "生活保護 class" : "公費 class")) \(l.text)"
                }
                if let longTermCap, longTermCap < cap { cap = longTermCap; line += "; 特定疾病 \(Yen.text(longTermCap))" }
                insuranceCopay = min(share, cap)
                if insuranceCopay < share { bound.insert("insurance:" + payers.joined(separator: "+")); line += " → 一部負担金 \(Yen.text(insuranceCopay))" }
                else { line += " → not reached, 一部負担金 \(Yen.text(insuranceCopay))" }
                notes.append(line)
                insurance.add(charged: part.yen, remaining: insuranceCopay)
                left = insuranceCopay
            }
            for p in part.programs {
                let before = left
                let (after, text, capBound) = try rules[p].apply(charged: left, medicalYen: part.yen, visits: part.visits,
                                                               capUsed: &capUsed[p], visitsUsed: &visitsUsed[p], field: "public_programs[\(p)]")
                if capBound { bound.insert(s.programs[p].law.rawValue) }
                programs[p].add(charged: before, remaining: after)
                notes.append("  \(s.programs[p].law): asked \(Yen.text(before)); \(text) → patient \(Yen.text(after)), 公費 pays \(Yen.text(before - after))")
                left = after
            }
            patient += left
            if part.insurance && !part.programs.isEmpty {
                if s.over70 || insuranceCopay >= threshold {
                    aggregatedYen += part.yen
                    aggregatedPatient += left
                } else {
                    notes.append("  not added to the insurance part (合算): 一部負担金 \(Yen.text(insuranceCopay)) < \(Yen.text(threshold))")
                }
            }
            if part.meals > 0 {
                mealCount += part.meals
                if part.programs.contains(where: { rules[$0].coversMeals }) { mealCovered += part.meals }
            }
        }

        var meals: MealCharge?
        if mealCount > 0 {
            guard let mc = s.mealClass else { throw CopayError(field: "patient.meal_class", "bills have meals but no 食事 区分 is given") }
            guard let table = parameters.meals[mc] else { throw CopayError(field: "patient.meal_class", "\"\(mc)\" is not a 食事 区分 (\(parameters.meals.keys.map(\.rawValue).sorted().joined(separator: ", ")))") }
            let (per, src) = try table.value(on: s.date)
            let charge = MealCharge(count: mealCount, perMealYen: per, patientYen: per * (mealCount - mealCovered), coveredYen: per * mealCovered)
            notes.append("食事: \(mealCount) meals × \(Yen.text(per)) (\(mc); \(src))" + (mealCovered > 0 ? ", \(mealCovered) covered by 公費" : "") + " → patient \(Yen.text(charge.patientYen))")
            meals = charge
        }
        notes.append("patient: \(Yen.text(patient))" + (meals.map { " + 食事 \(Yen.text($0.patientYen))" } ?? ""))
        return Settlement(medicalPatientYen: patient, mealPatientYen: meals?.patientYen ?? 0,
                          insurance: ordered.contains(where: \.insurance) ? insurance : nil,
                          programs: s.programs.enumerated().map { ($0.element.law, programs[$0.offset]) },
                          meals: meals, boundLimits: bound, explanation: notes)
    }
}
