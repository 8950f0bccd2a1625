/// The insurance situation of one patient for one month at one 保険医療機関 (入院 or 入院外): what the
/// certificates say. Dates are resolved once: `date` picks every dated parameter.
public struct CopaySituation: Sendable {
    /// A day of the service month (the parameters in force on it apply).
    public var date: ServiceDate
    /// 70歳以上 (高齢受給者 or 後期高齢者): the 70歳以上 limit tables apply.
    public var over70: Bool
    /// The patient's birth date, when known: checked against a named 地単 program's age condition.
    public var birthDate: ServiceDate?
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
    /// The 高額療養費 区分 is known at the window (限度額適用認定証 or オンライン資格確認). When it is not,
    /// 70歳未満 pay the 負担割合 without the limit on the insurance-only part (the insurer pays the
    /// 高額療養費 back later); 70歳以上 without a 認定証 are charged as 現役並みⅢ (現役並みⅠ・Ⅱ) or 一般 (低所得).
    /// domain-facts.md A.4 (高額療養費 applied at the window when the 区分 is known) [S].
    public var limitKnown: Bool = true
    /// What counts toward the 特定疾病 (マル長) limit over the receipt's parts (`LongTermCounting`).
    public var longTermCounting: LongTermCounting = .patientShare

    public init(date: ServiceDate, over70: Bool, incomeClass: IncomeClass, ratePercent: Int, inpatient: Bool, manyTimes: Bool = false,
                monthOf75thBirthday: Bool = false, longTermDiseaseCapYen: Int? = nil, transitionRelief: Bool = false,
                programs: [ProgramCertificate] = [], mealClass: MealClass? = nil) {
        self.date = date; self.over70 = over70; self.incomeClass = incomeClass; self.ratePercent = ratePercent
        self.inpatient = inpatient; self.manyTimes = manyTimes; self.monthOf75thBirthday = monthOf75thBirthday
        self.longTermDiseaseCapYen = longTermDiseaseCapYen; self.transitionRelief = transitionRelief
        self.programs = programs; self.mealClass = mealClass
    }
}

/// What counts toward the 特定疾病 (マル長) limit, which is one limit per 医療機関 per month (入院・入院外
/// separately; 健康保険法施行令第41条第9項, domain-facts.md A.4 '特定疾病' [V]) over every receipt part:
/// - `patientShare` (default): what the patient bears in each part after every 公費 — the same measure the
///   MHLW 計算事例 (平成27年1月 事例17) uses when a 公費 part joins the insurance-only part's limit (the limit
///   less what the patient bears there). The patient never pays more than the limit in the month.
/// - `copay`: the insurance 一部負担金 of each part, including what a 公費 paid for the patient (insurers and
///   prefectures that count the 公費's payment toward the limit); the patient then often pays less.
public enum LongTermCounting: String, Sendable {
    case patientShare = "patient_share"
    case copay
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
    /// A 地方単独公費 named by prefecture (file name under Masters/params/copay/local) and program id.
    public var localProgram: LocalProgramReference?

    public init(law: LawNumber, name: String? = nil, monthlyCapYen: Int? = nil, alreadyPaidYen: Int = 0, local: LocalProgramRule? = nil,
                localProgram: LocalProgramReference? = nil) {
        self.law = law; self.name = name; self.monthlyCapYen = monthlyCapYen; self.alreadyPaidYen = alreadyPaidYen; self.local = local
        self.localProgram = localProgram
    }
}

/// `{"prefecture": "tokyo", "program": "maru-nyu"}`: a program of `LocalProgramCatalogue`.
public struct LocalProgramReference: Sendable, Equatable, Codable {
    public var prefecture: String
    public var program: String
    public init(prefecture: String, program: String) { self.prefecture = prefecture; self.program = program }
}

/// 地方単独公費 (子ども医療費助成, マル障, ひとり親 …): applied after insurance and the national programs to
/// what is left. Each municipality sets its own numbers: given with the certificate (`local_rule`) or named
/// by prefecture + program (`local_program`, `LocalProgramCatalogue`): a share of the 医療費, a fixed amount
/// per visit (or per 入院 day), a cap on counted visits, a monthly cap; none of them = free.
/// domain-facts.md A.5 '地方単独公費' [S]; issue 13.
public struct LocalProgramRule: Sendable, Equatable, Codable {
    /// The patient pays this % of the 医療費 (1円未満四捨五入).
    public var ratePercent: Int?
    /// The patient pays at most this much per visit (入院: per day).
    public var perVisitYen: Int?
    /// Visits counted for `perVisitYen` in the month (e.g. 月2回まで); later visits are free.
    public var maxPaidVisits: Int?
    /// The patient pays at most this much in the month under the program.
    public var monthlyCapYen: Int?
    /// The 高額療養費 limit of the part it covers: the patient's own class unless stated. A part a 地単
    /// covers with no national 公費 is an insurance-only part for 高額療養費 and 合算, and a 地単 never changes
    /// the class a national 公費 gives its part, so this only applies to an inline rule that says so.
    public var highCostBasis: String?
    /// `upper_first` (default): the 地単 takes what insurance after 高額療養費 and the national 公費 leave;
    /// `local_first`: the 高額療養費 is not applied at the window on the part it covers (the program pays
    /// and the municipality claims the 高額療養費 from the insurer later).
    public var highCostOrder: String?
    /// false: the part the program covers is kept out of the insurance-only part's 高額療養費 合算 (own limit).
    public var countsForAggregation: Bool?
    /// 償還払い: nothing is taken off at the window; the program pays back its part later.
    public var reimbursement: Bool?
    /// The program also pays the 食事 標準負担額.
    public var coversMeals: Bool?
    /// Where the rule comes from and the program's name: set by `LocalProgramCatalogue` for a `local_program`
    /// and printed in the 地単 explanation line; not read from an inline `local_rule` (not in CodingKeys).
    public var source: String?
    public var programName: String?
    public init(ratePercent: Int? = nil, perVisitYen: Int? = nil, maxPaidVisits: Int? = nil, monthlyCapYen: Int? = nil, highCostBasis: String? = nil) {
        self.ratePercent = ratePercent; self.perVisitYen = perVisitYen; self.maxPaidVisits = maxPaidVisits
        self.monthlyCapYen = monthlyCapYen; self.highCostBasis = highCostBasis
    }
    enum CodingKeys: String, CodingKey, CaseIterable {
        case ratePercent = "rate_percent", perVisitYen = "per_visit_yen", maxPaidVisits = "max_paid_visits"
        case monthlyCapYen = "monthly_cap_yen", highCostBasis = "high_cost_basis", highCostOrder = "high_cost_order"
        case countsForAggregation = "counts_for_aggregation", reimbursement, coversMeals = "covers_meals"
    }
}

extension LocalProgramRule {
    /// The keys an inline `local_rule` may have (its CodingKeys): a misspelt one (`per_vist_yen`) would leave the rule
    /// free (0円) unseen.
    static let keys: Set<String> = Set(CodingKeys.allCases.map(\.stringValue))

    /// `high_cost_order` is absent, `upper_first` or `local_first`.
    func checkHighCostOrder(field: String) throws(CopayError) {
        guard [nil, "upper_first", "local_first"].contains(highCostOrder) else {
            throw CopayError(field: field + ".high_cost_order", "\"\(highCostOrder ?? "")\" is not upper_first or local_first")
        }
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
    /// The visit's day (yyyymmdd) in the day-level form, else 0: the bills of one day are one visit for a
    /// per-visit 地単 amount.
    public var day: Int = 0
    /// 入院時生活療養: meals under (Ⅰ) and (Ⅱ) (not among `meals`) and 環境療養 days, for the 生活療養標準負担額.
    public var living = LivingUse()
    public init(yen: Int, insurance: Bool = true, programs: [Int] = [], visits: Int = 1, meals: Int = 0, day: Int = 0) {
        self.yen = yen; self.insurance = insurance; self.programs = programs; self.visits = visits; self.meals = meals; self.day = day
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
    /// Per certificate: what a 償還払い 地単 pays back after the month (nothing was taken off at the window).
    public var reimbursedLaterYen: [Int] = []
    /// Without a known 区分 (`limitKnown` false): what the insurer pays back as 高額療養費 after the month.
    public var highCostRefundYen: Int?
    /// `medicalPatientYen` exact in 1/100 円 where it is 負担割合 × 医療費 (no limit, cap or fixed amount set it):
    /// 1,234.6円 where `medicalPatientYen` is 1,235. The window's 10円 rounding starts from it.
    public var medicalPatientHundredths: Int = 0
    /// Indexes of `programs` in the receipt's order (第1公費 first: the 優先順位, then the 地方単独); nil: as listed.
    public var receiptOrder: [Int]?
    /// The patient's share of each receipt part (bills of one payer combination), in settlement order: the window
    /// collects a capped part to the yen and rounds the others (健康保険法第75条; `windowPayment`).
    public var partShares: [PartShare] = []

    /// One receipt part's patient share. `key`: the payer combination.
    public struct PartShare: Sendable, Equatable {
        public var key: PartKey
        public var yen: Int
        /// Exact in 1/100 円 where 負担割合 × 医療費 sets it (as `medicalPatientHundredths`).
        public var hundredths: Int
        /// A 高額療養費 limit or a 公費 cap set (or exactly met) this part's share.
        public var bound: Bool
        /// The most the patient can bear on this part in the month under the limits that apply to it (the 高額療養費
        /// limit of a one-part group, the room left under each 公費 上限月額), nil when none does. Where no limit is
        /// reached yet, the window still collects no more than this on the part: earlier visits' 10円 round-ups must
        /// not take the patient past a 上限額 (review 162 H1/H2: 2,550円 collected on a 2,500円 21 精神通院 cap).
        public var ceilingYen: Int? = nil
    }

    /// The payer combination of a receipt part or a bill: insurance or not, and its 公費 (indexes, ascending, once each).
    public struct PartKey: Sendable, Hashable {
        public var insurance: Bool
        public var programs: [Int]
        public init(insurance: Bool, programs: [Int]) { self.insurance = insurance; self.programs = Array(Set(programs)).sorted() }
    }

    /// HO 負担金額 医療保険: the 一部負担金 after 高額療養費 (domain-facts.md C.4 field 12).
    public var hoBurdenYen: Int? { insurance?.remainingYen }
    /// KO 負担金額 公費 per 公費 in order: the patient's share after it (C.5 field 7), and 公費給付対象
    /// 一部負担金 (field 8 入院外 / 9 入院): what the program was asked to cover.
    public var koBurdens: [(law: LawNumber, burdenYen: Int, targetCopayYen: Int)] {
        (receiptOrder ?? Array(programs.indices)).map { (programs[$0].law, programs[$0].amounts.remainingYen, programs[$0].amounts.chargedYen) }
    }
}

public struct MealCharge: Sendable, Equatable {
    public var count: Int
    public var perMealYen: Int
    public var patientYen: Int
    public var coveredYen: Int
    /// 生活療養 meals and days and their 標準負担額 (食費 (Ⅰ)/(Ⅱ) per meal, 居住費 per day), included in the yen above.
    public var living: LivingUse = LivingUse()
    public var livingBurden: LivingBurden?
}

/// 入院時生活療養 received: meals under (Ⅰ) and (Ⅱ) and days of 環境療養 (a priced stay's `living`, a bill's).
/// `medicalClass`: the patient's 医療区分 when known (the claim's or the ward row's); 2 and 3 take the
/// 生活療養標準負担額 of 医療区分２・３ (copay/meals.json living_high_need).
public struct LivingUse: Sendable, Equatable, Codable {
    enum CodingKeys: String, CodingKey { case meals1 = "meals_1", meals2 = "meals_2", days, medicalClass = "medical_class" }
    public var meals1 = 0, meals2 = 0, days = 0
    public var medicalClass: Int? = nil
    public init(meals1: Int = 0, meals2: Int = 0, days: Int = 0, medicalClass: Int? = nil) {
        self.meals1 = meals1; self.meals2 = meals2; self.days = days; self.medicalClass = medicalClass
    }
    public var isEmpty: Bool { meals1 == 0 && meals2 == 0 && days == 0 }
    /// The parts of one stay's bill: their counts add up; the class is the one known (the higher, should two differ).
    static func + (a: LivingUse, b: LivingUse) -> LivingUse {
        let known = [a.medicalClass, b.medicalClass].compactMap { $0 }.max()
        return LivingUse(meals1: a.meals1 + b.meals1, meals2: a.meals2 + b.meals2, days: a.days + b.days, medicalClass: known)
    }
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
    /// Whether `settle` writes its explanation (on by default; `ClaimCopay` turns it off for the visits
    /// before the last, whose settlements only carry amounts forward).
    public var explain = true
    public init(parameters: CopayParameters) { self.parameters = parameters }

    struct Part {
        var insurance: Bool; var programs: [Int]; var yen: Int; var visits: Int; var meals: Int; var living = LivingUse()
        /// The bills of the part (医療費, visits, day or 0), in input order: per-visit 地単 amounts are taken bill by bill.
        var bills: [(yen: Int, visits: Int, day: Int)]
    }

    /// The receipt parts that share one 高額療養費 limit: the insurance with the same national 公費 (a 地単
    /// never changes the class a national 公費 gives, and a part only a 地単 covers is an insurance-only part
    /// for 高額療養費 and 合算; issue 13). `uncapped`: no 高額療養費 at the window (地単 `local_first`).
    /// `own`: a 地単 that keeps its part out of the 合算 (`counts_for_aggregation: false`) has a group of its own.
    struct GroupKey: Equatable { var insurance: Bool; var national: [Int]; var uncapped: Bool; var own: Int? }

    public func settle(_ s: CopaySituation, bills: [CopayBill]) throws(CopayError) -> Settlement {
        guard s.programs.count <= 4 else { throw CopayError(field: "public_programs", "at most four 公費 per receipt") }
        guard [10, 20, 30].contains(s.ratePercent) else { throw CopayError(field: "patient.copay_rate_percent", "\(s.ratePercent) is not 10, 20 or 30") }
        // 一般Ⅱ (後期高齢者 一定以上所得 2割) exists from the date copay-rates.json gives it a rate (高齢者の医療の確保に
        // 関する法律第67条第1項第2号, 令和4年10月1日〜): before it a 後期 patient is 1割 or 3割, never this class.
        if s.incomeClass == .generalII, try parameters.age75.value(on: s.date).value.generalII == nil {
            throw CopayError(field: "patient.income_class", "一般Ⅱ (後期高齢者 2割) does not exist on \(s.date) (copay-rates.json age_75_and_over general_ii_percent)")
        }
        // A 食事 区分 is one of meals.json's, whether or not this month's bills have meals (a misspelt class is an input fault).
        if let mc = s.mealClass, parameters.meals[mc] == nil, parameters.living[mc] == nil {
            let known = Set(parameters.meals.keys).union(parameters.living.keys).map(\.rawValue).sorted()
            throw CopayError(field: "patient.meal_class", "\"\(mc)\" is not a 食事 区分 (\(known.joined(separator: ", ")))")
        }
        // The 低所得 食事 区分 follow the 所得区分 (domain-facts.md A.6; 健康保険法施行規則 標準負担額減額認定証): 低所得Ⅰ is
        // 70歳以上 低所得Ⅰ only, 低所得Ⅱ is 住民税非課税 (70歳未満 オ, 70歳以上 低所得Ⅱ). A patient of another 所得区分 with
        // such a 区分 is an input fault (review 103: ウ with 低所得Ⅰ was charged 110円 a meal). 一般 with オ or 低所得 is
        // possible (no 減額認定証 shown) and stays.
        if let mc = s.mealClass {
            if mc == .lowI && !(s.over70 && s.incomeClass == .lowI) {
                throw CopayError(field: "patient.meal_class", "低所得Ⅰ is the 食事 区分 of a patient of 70 or over of 所得区分 低所得Ⅰ only; the patient is \(s.over70 ? "70 or over" : "under 70"), 所得区分 \(s.incomeClass)")
            }
            if (mc == .lowII || mc == .lowIILongStay) && ![IncomeClass.o, .lowII].contains(s.incomeClass) {
                throw CopayError(field: "patient.meal_class", "\(mc) is the 食事 区分 of a 住民税非課税 patient (所得区分 オ under 70, 低所得Ⅱ from 70); the patient's 所得区分 is \(s.incomeClass)")
            }
        }
        let limits = try HighCostLimit(parameters: parameters, on: s.date, over70: s.over70, inpatient: s.inpatient,
                                       manyTimes: s.manyTimes, monthOf75thBirthday: s.monthOf75thBirthday)
        var notes: [String] = []
        /// The explanation, made only when `explain` (the window call settles the month at every visit).
        func note(_ text: @autoclosure () -> String) { if explain { notes.append(text()) } }
        // Each program's rule in force on the date.
        var rules: [ProgramRuleResolved] = []
        for (n, c) in s.programs.enumerated() {
            rules.append(try ProgramRuleResolved(c, parameters: parameters, on: s.date, inpatient: s.inpatient, birthDate: s.birthDate,
                                                 field: "public_programs[\(n)]"))
        }
        // A 受給者 of 52/54 has the 食事 区分 of the program (難病小慢 of 一般所得, else 低所得), never 一般 (review 399 IM-1: a 54
        // 受給者 stated 一般 was charged 510円 a meal for 300円): a bill with meals the program covers and another 区分 is refused.
        if let mc = s.mealClass {
            for (n, r) in rules.enumerated() {
                guard let allowed = r.mealClasses, !allowed.contains(mc),
                      bills.contains(where: { ($0.meals > 0 || !$0.living.isEmpty) && $0.programs.contains(n) }) else { continue }
                throw CopayError(field: "patient.meal_class", "\(mc) is not the 食事 区分 of a 受給者 of 公費 \(s.programs[n].law) \(r.lawName): it is one of \(allowed.map(\.rawValue).joined(separator: ", ")) (難病小慢: 食事療養標準負担額（指定難病・小児慢性特定疾病患者）, s 197003310; Masters/params/copay/public-programs.json meal_classes)")
            }
        }

        // A 公費 no bill names in `covered_by` pays nothing: said, as a certificate stated but never used is most often a
        // `covered_by` that left it out (review 425 JN-2: a 54 受給者's month settled at 3割 without a word).
        for n in s.programs.indices where !bills.contains(where: { $0.programs.contains(n) }) {
            note("公費 \(s.programs[n].law) (public_programs[\(n)]) covers none of the month's bills — no bill names it in covered_by — so it pays nothing and its KO holds no 実日数 or 点数")
        }

        // The 公費 in their 優先順位 (公費負担医療の優先順位, domain-facts.md A.5: 第1公費 first; 12 生活保護 last of the
        // national ones, 他法優先; `public-programs.json` priority), then the 地方単独 (they apply to what is left),
        // each group in input order. The receipt's KO and the chain of payers within a part follow it, however the
        // input lists them (review 108: 12 listed before 15 paid 更生医療's share).
        let rank = s.programs.indices.map { p in
            (rules[p].localRule == nil ? 0 : 1, rules[p].localRule == nil ? parameters.programs[s.programs[p].law]?.priority ?? Int.max : 0, p)
        }
        let receiptOrder = s.programs.indices.sorted { rank[$0] < rank[$1] }
        // Group bills by payer combination (one receipt part each), keeping first-seen order; within a part
        // the 公費 in `receiptOrder`.
        var parts: [Part] = []
        for (n, b) in bills.enumerated() {
            guard b.yen >= 0 else { throw CopayError(field: "bills[\(n)].yen_total", "negative amount") }
            guard b.insurance || !b.programs.isEmpty else { throw CopayError(field: "bills[\(n)].covered_by", "no payer") }
            for p in b.programs where !s.programs.indices.contains(p) { throw CopayError(field: "bills[\(n)].covered_by", "unknown 公費 \(p)") }
            // A 70歳以上 share the 70〜74歳 rates of the date do not have (1割 from 2019-04: copay-rates.json age_70_to_74) is the
            // 後期高齢者医療's, of which a 生活保護 recipient is no 被保険者 (高齢者医療確保法第51条第1号): insurance beside 12 cannot be
            // (review 312 FC-1: 低所得Ⅰ at 10% was settled with the 広域連合 paying 92,000 of 100,000).
            if b.insurance, s.over70, b.programs.contains(where: { s.programs[$0].law == .publicAssistance }) {
                let young = try parameters.age70to74.value(on: s.date).value
                if s.ratePercent != young.general && s.ratePercent != young.highIncome {
                    throw CopayError(field: "bills[\(n)].covered_by", "12 生活保護 beside insurance at \(s.ratePercent)% for a 70歳以上 patient: the 70〜74歳 share on \(s.date) is \(young.general)% or \(young.highIncome)%, so the insurance is the 後期高齢者医療, of which a 生活保護 recipient is no 被保険者 (高齢者医療確保法第51条第1号) — the bill is 生活保護単独, covered_by [\"12\"]")
                }
            }
            let programs = Array(Set(b.programs)).sorted { rank[$0] < rank[$1] }
            if let k = parts.firstIndex(where: { $0.insurance == b.insurance && $0.programs == programs }) {
                parts[k].yen += b.yen; parts[k].visits += b.visits; parts[k].meals += b.meals; parts[k].living = parts[k].living + b.living
                parts[k].bills.append((b.yen, b.visits, b.day))
            } else {
                parts.append(Part(insurance: b.insurance, programs: programs, yen: b.yen, visits: b.visits, meals: b.meals, living: b.living, bills: [(b.yen, b.visits, b.day)]))
            }
        }
        // 高額療養費 groups: national 公費 parts first (input order), then the insurance-only parts.
        func key(_ k: Int) -> GroupKey {
            let part = parts[k]
            let national = part.programs.filter { !rules[$0].isLocalOwnClass }
            let locals = part.programs.compactMap { rules[$0].localRule }
            let uncapped = part.insurance && locals.contains { $0.highCostOrder == "local_first" }
            let own = national.isEmpty && locals.contains { $0.countsForAggregation == false } ? k : nil
            return GroupKey(insurance: part.insurance, national: national, uncapped: uncapped, own: own)
        }
        var groups: [(key: GroupKey, parts: [Int])] = []
        for k in parts.indices {
            let g = key(k)
            if let i = groups.firstIndex(where: { $0.key == g }) { groups[i].parts.append(k) } else { groups.append((g, [k])) }
        }
        groups = groups.filter { !$0.key.national.isEmpty || !$0.key.insurance } + groups.filter { $0.key.national.isEmpty && $0.key.insurance }

        // 特定疾病 (マル長): one limit for the month over every insurance part (`longTermCounting`).
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
            if r == nil { note("配慮措置: not in force on \(s.date) (ended 2025-09-30); not applied") }
            else if s.incomeClass != .generalII { note("配慮措置: only for 後期高齢者 一般Ⅱ (2割); not applied") }
            else if s.inpatient { note("配慮措置: 外来 only; not applied to 入院") }
            else { relief = r }
        }
        let threshold = s.over70 ? 0 : try parameters.aggregationThresholdUnder70.value(on: s.date).value / limits.divisor
        // No 認定証: 70歳未満 no limit on the insurance-only part; 70歳以上 the class the 高齢受給者証 shows.
        var ownClass = s.incomeClass
        if !s.limitKnown {
            if s.over70 {
                if [.activeII, .activeI].contains(s.incomeClass) { ownClass = .activeIII }
                if [.lowII, .lowI].contains(s.incomeClass) { ownClass = .general }
                note("限度額 not known at the window (no 認定証): 70歳以上 \(s.incomeClass) charged as \(ownClass)")
            } else {
                note("限度額 not known at the window (no 認定証): the insurance-only part is charged the 負担割合 without the 高額療養費 limit (the insurer pays it back)")
            }
        }

        var insurance = PayerAmounts()
        var programs = Array(repeating: PayerAmounts(), count: s.programs.count)
        var later = Array(repeating: 0, count: s.programs.count)
        var capUsed = s.programs.map(\.alreadyPaidYen)
        var visitLedgers = Array(repeating: VisitLedger(), count: s.programs.count)
        var patient = 0
        // The same share exact in 1/100 円 (負担割合 × 医療費 before 1円 rounding): the window rounds the visit's
        // share from it (健康保険法第75条; `windowPayment`). Where a cap, limit or fixed amount set a part's share,
        // that share in whole yen.
        var patientExact = 0
        var bound = Set<String>()
        var aggregatedYen = 0, aggregatedPatient = 0
        // 合算 into the patient's own limit: whether an insurance-only part took the 公費 parts in, and what the patient bore
        // over that limit (a 公費 part's share above the own 区分's limit: 結核 5% for エ・オ — review 188 AI-1).
        var ownJoined = false, ownExcess = 0
        var longTermUsed = 0
        var mealCount = 0, mealCovered = 0, mealHalved = 0
        var living = LivingUse(), livingCovered = LivingUse()
        var partNumber = 0
        var partShares: [Settlement.PartShare] = []
        // The 配慮措置 caps the insurance-only 外来 part: a month whose every bill has a 公費 has none to cap (review 312 FC-2: the
        // relief claimed was not applied and nothing said why).
        if relief != nil, !groups.contains(where: { $0.key.national.isEmpty }) {
            note("配慮措置: caps the insurance-only 外来 part; every bill of the month has a 公費 (its own limit applies), so it is not applied")
        }

        for group in groups {
            let groupYen = group.parts.reduce(0) { $0 + parts[$1].yen }
            let national = group.key.national
            var groupCopay = 0
            var groupCapped = false   // a limit or cap set the group's 一部負担金 (its share is then whole yen)
            var groupBound = false    // … or its share met the limit exactly
            var allocation: [Int] = []
            var insuranceLine: String?
            var groupCeiling: Int?
            if group.key.insurance {
                let share = Yen.percent(s.ratePercent, of: groupYen)
                let names = national.map { s.programs[$0].law.rawValue }
                var line = ""
                func add(_ text: @autoclosure () -> String) { if explain { line += text() } }
                add("insurance" + (group.parts.count > 1 ? " (\(group.parts.count) parts with one 高額療養費 limit, \(Yen.text(groupYen)) together)" : ""))
                add(": \(s.ratePercent)% = \(Yen.text(share))")
                var cap = Int.max
                if group.key.uncapped {
                    add("; 高額療養費 not applied at the window (地単 local_first: claimed from the insurer later)")
                } else if national.isEmpty {
                    if s.limitKnown || s.over70 {
                        let own = try limits.limit(ownClass, medicalYen: groupYen)
                        cap = own.yen
                        add("; 高額療養費 limit \(own.text)")
                        if aggregatedYen > 0 && (s.over70 || share >= threshold) && group.key.own == nil {
                            let combined = try limits.limit(ownClass, medicalYen: groupYen + aggregatedYen)
                            let c = min(combined.yen, longTermCap ?? .max) - aggregatedPatient
                            // The 特定疾病 limit is named when it is the lower (review 139 W2: "18,000円 − 5,000円 = 5,000円").
                            let basis = longTermCap.map { $0 < combined.yen ? "特定疾病 \(Yen.text($0))" : combined.text } ?? combined.text
                            add("; with the 公費 parts (合算) \(basis) − \(Yen.text(aggregatedPatient)) borne there = \(Yen.text(max(0, c)))")
                            cap = min(cap, max(0, c))
                            ownJoined = true
                            if c < 0 { ownExcess = -c }
                        } else if aggregatedYen > 0 && !s.over70 && group.key.own == nil {
                            // 70歳未満: a part joins the 合算 only with an 一部負担金 of 21,000円 or more (review 406 IT-1: the reason was
                            // written for a small 公費 part only).
                            add("; not 合算 with the 公費 parts: 一部負担金 \(Yen.text(share)) < \(Yen.text(threshold)) (健康保険法施行令第41条 「二万一千円以上のものに限る」)")
                        }
                    } else {
                        add("; no 高額療養費 limit at the window (限度額 not known)")
                    }
                    if let relief, longTermCap == nil {
                        let r = Yen.percent(relief.basePercent, of: groupYen) + relief.increaseCap
                        add("; 配慮措置 \(relief.basePercent)% + \(Yen.text(relief.increaseCap)) = \(Yen.text(r))")
                        cap = min(cap, r)
                    } else if relief != nil {
                        // MHLW 計算事例21: マル長 on 40,000円 → 8,000円 (the 2割), not the 配慮措置's 7,000円 (review 139 W1).
                        add("; 配慮措置 not applied with a 特定疾病 (マル長) limit")
                    }
                } else {
                    let basis = national.map { rules[$0].highCostBasis }
                    let b: ProgramRule.HighCostBasis = basis.contains(.welfare) ? .welfare : basis.contains(.own) ? .own : .other
                    let cls = limits.limitClass(b == .own ? ownClass : s.incomeClass, basis: b)
                    let l = try limits.limit(cls, medicalYen: groupYen, basis: b)
                    cap = l.yen
                    add("; 高額療養費 limit (公費 part \(names.joined(separator: "+")), \(b == .own ? "own class" : b == .welfare ? "生活保護 class" : "公費 class")) \(l.text)")
                }
                if let longTermCap {
                    let room = max(0, longTermCap - longTermUsed)
                    if room < cap {
                        cap = room
                        add("; 特定疾病 \(Yen.text(longTermCap))" + (longTermUsed > 0 ? " − \(Yen.text(longTermUsed)) counted in earlier parts (\(s.longTermCounting.rawValue)) = \(Yen.text(room))" : ""))
                    }
                }
                groupCopay = min(share, cap)
                groupCeiling = group.parts.count == 1 && cap != Int.max ? cap : nil
                groupCapped = groupCopay < share
                let payers = (["insurance"] + names).joined(separator: "+")
                // A share exactly at the limit has reached it too (review 112: the visit that brought the month to 57,600円
                // exactly was rounded to 10円 as if no limit were near, and the month collected 57,610円).
                groupBound = groupCapped || cap == share
                if groupBound { bound.insert("insurance:" + payers); add(" → 一部負担金 \(Yen.text(groupCopay))") }
                else { add(" → not reached, 一部負担金 \(Yen.text(groupCopay))") }
                insuranceLine = "  " + line
                allocation = group.parts.count == 1 ? [groupCopay] : Yen.allocate(groupCopay, by: group.parts.map { parts[$0].yen })
            }
            var groupLeft = 0
            for (i, k) in group.parts.enumerated() {
                let part = parts[k]
                partNumber += 1
                let payers = (part.insurance ? ["insurance"] : []) + part.programs.map { s.programs[$0].law.rawValue }
                note("part \(partNumber): \(Yen.text(part.yen)) covered by \(payers.joined(separator: "+"))")
                if i == 0, let insuranceLine { note(insuranceLine) }
                var left = part.yen
                var exactLeft = Checked.mul(part.yen, 100) ?? .max
                var partBound = group.key.insurance && groupBound
                var ceiling = groupCeiling
                if part.insurance {
                    insurance.add(charged: part.yen, remaining: allocation[i])
                    left = allocation[i]
                    exactLeft = groupCapped ? left * 100 : Yen.hundredths(s.ratePercent, of: part.yen)
                    if group.parts.count > 1 { note("  insurance: this part's 一部負担金 \(Yen.text(left)) (in proportion to its 医療費)") }
                }
                // What each bill asks of the next payer: its insurance share, then what each program leaves of it.
                var asks = part.bills.map { (yen: part.insurance ? Yen.percent(s.ratePercent, of: $0.yen) : $0.yen, visits: $0.visits, day: $0.day) }
                for p in part.programs {
                    let before = left
                    if rules[p].localRule?.reimbursement != true, let cap = rules[p].monthlyCapYen {
                        ceiling = min(ceiling ?? .max, max(0, cap - capUsed[p]))
                    }
                    var (after, text, capBound) = try rules[p].apply(charged: left, medicalYen: part.yen, visits: part.visits, bills: asks,
                                                                     capUsed: &capUsed[p], visitLedger: &visitLedgers[p], field: "public_programs[\(p)]")
                    if rules[p].localRule?.reimbursement == true {
                        later[p] += before - after
                        text += "; 償還払い: nothing off at the window, \(Yen.text(before - after)) paid back later"
                        after = before
                    } else {
                        exactLeft = rules[p].exactShare(asked: exactLeft, left: after, medicalYen: part.yen)
                        if capBound { bound.insert(s.programs[p].law.rawValue); partBound = true }
                        // A program that takes the patient's share below what the insurer's 高額療養費 limit left makes
                        // that share its own (結核 5%, 難病 2割 under its 上限): no limit caps what the patient pays, so the
                        // window rounds it 10円未満四捨五入 (健康保険法第75条; domain-facts.md A.1: to the yen only where
                        // the window charge itself is capped — reviews 138 E03, 143 C4/C12: 20,003円 for a 5% of 400,000円).
                        else if after < before { partBound = false }
                    }
                    programs[p].add(charged: before, remaining: after)
                    note("  \(s.programs[p].law): asked \(Yen.text(before)); \(text) → patient \(Yen.text(after)), 公費 pays \(Yen.text(before - after))")
                    if p != part.programs.last { asks = rules[p].sharesOfBills(asks, medical: part.bills.map(\.yen), total: after) }
                    left = after
                }
                patient += left
                patientExact = Checked.add(patientExact, exactLeft) ?? .max
                partShares.append(.init(key: Settlement.PartKey(insurance: part.insurance, programs: part.programs), yen: left, hundredths: exactLeft, bound: partBound, ceilingYen: ceiling))
                groupLeft += left
                if part.meals > 0 {
                    mealCount += part.meals
                    if part.programs.contains(where: { rules[$0].coversMeals }) { mealCovered += part.meals }
                    else if part.programs.contains(where: { rules[$0].halvesMeals }) { mealHalved += part.meals }
                }
                if !part.living.isEmpty {
                    living = living + part.living
                    if part.programs.contains(where: { rules[$0].coversMeals }) { livingCovered = livingCovered + part.living }
                }
            }
            if group.key.insurance {
                longTermUsed += s.longTermCounting == .copay ? groupCopay : groupLeft
                if !national.isEmpty {
                    if s.over70 || groupCopay >= threshold {
                        aggregatedYen += groupYen
                        aggregatedPatient += groupLeft
                    } else {
                        note("  not added to the insurance part (合算): 一部負担金 \(Yen.text(groupCopay)) < \(Yen.text(threshold))")
                    }
                }
            }
        }

        // 高額療養費 合算 (健康保険法施行令第41条・第42条; MHLW 計算事例 平成27年1月 事例29・31): the 公費 parts that join it count
        // at what the patient bore there. Where that alone is over the patient's own limit (the 公費 part is limited by the
        // 公費 class, its rate share — 結核 5% — can exceed an エ・オ or 低所得 limit), the insurer pays the rest back after
        // the month: the month's burden is the own limit, the refund is `high_cost_refund_yen` (review 188 AI-1).
        if !ownJoined, aggregatedYen > 0, s.limitKnown || s.over70 {
            let combined = try limits.limit(ownClass, medicalYen: aggregatedYen)
            let lim = min(combined.yen, longTermCap ?? .max)
            if aggregatedPatient > lim {
                ownExcess = aggregatedPatient - lim
                note("合算: the 公費 parts' share \(Yen.text(aggregatedPatient)) is over the own limit \(longTermCap.map { $0 < combined.yen ? "特定疾病 \(Yen.text($0))" : combined.text } ?? combined.text)")
            }
        }
        if ownExcess > 0 {
            patient -= ownExcess
            note("高額療養費 (合算) paid back by the insurer after the month: \(Yen.text(ownExcess)) (the patient bore it in a 公費 part, over the own 区分's limit)")
        }

        var meals: MealCharge?
        if mealCount > 0 || !living.isEmpty {
            guard let mc = s.mealClass else { throw CopayError(field: "patient.meal_class", "bills have meals but no 食事 区分 is given") }
            var charge = MealCharge(count: mealCount, perMealYen: 0, patientYen: 0, coveredYen: 0)
            if mealCount > 0 {
                guard let table = parameters.meals[mc] else { throw CopayError(field: "patient.meal_class", "\"\(mc)\" is not a 食事 区分 (\(parameters.meals.keys.map(\.rawValue).sorted().joined(separator: ", ")))") }
                let (per, src) = try table.value(on: s.date)
                // A program that halves the 標準負担額 (52 小児慢性: 食費の２分の１): the patient pays half of each meal's, 1円未満切り捨て.
                let half = per / 2
                charge.perMealYen = per
                charge.patientYen = per * (mealCount - mealCovered - mealHalved) + half * mealHalved
                charge.coveredYen = per * mealCovered + (per - half) * mealHalved
                note("食事: \(mealCount) meals × \(Yen.text(per)) (\(mc); \(src))" + (mealCovered > 0 ? ", \(mealCovered) covered by 公費" : "")
                     + (mealHalved > 0 ? ", \(mealHalved) at half (\(Yen.text(half)) each; 公費 pays the other half)" : "") + " → patient \(Yen.text(charge.patientYen))")
            }
            if !living.isEmpty {
                // 生活療養標準負担額 (健康保険法第85条の２第２項): 食費 per meal ((Ⅰ)/(Ⅱ)) and 居住費 per day, by 区分.
                guard let general = parameters.living[mc] else { throw CopayError(field: "patient.meal_class", "\"\(mc)\" is not a 生活療養 区分 (\(parameters.living.keys.map(\.rawValue).sorted().joined(separator: ", ")))") }
                // 医療区分２・３ (医療の必要性の高い者): the 区分 whose 食費 is then the 食事療養標準負担額 (living_high_need).
                let high = parameters.livingHighNeed[mc]
                let table = (living.medicalClass ?? 0) >= 2 ? high ?? general : general
                if high != nil, living.medicalClass == nil {
                    note("生活療養: the patient's 医療区分 is not known (admission.medical_class; the ward's 入院料 row does not name it): the 生活療養標準負担額 of 医療区分１ is taken for \(mc)")
                }
                let (b, src) = try table.value(on: s.date)
                func yen(_ u: LivingUse) -> Int { u.meals1 * b.food1Yen + u.meals2 * b.food2Yen + u.days * b.residenceYen }
                let all = yen(living), covered = yen(livingCovered)
                charge.count += living.meals1 + living.meals2
                charge.patientYen += all - covered; charge.coveredYen += covered
                charge.living = living; charge.livingBurden = b
                note("生活療養: \(living.meals1 + living.meals2) meals (食費 \(living.meals1 > 0 ? "(Ⅰ) \(living.meals1) × \(Yen.text(b.food1Yen))" : "")\(living.meals1 > 0 && living.meals2 > 0 ? ", " : "")\(living.meals2 > 0 ? "(Ⅱ) \(living.meals2) × \(Yen.text(b.food2Yen))" : "")), 居住費 \(living.days) days × \(Yen.text(b.residenceYen)) (\(mc)\(living.medicalClass.map { ", 医療区分\($0)" } ?? ""); \(src))" + (covered > 0 ? ", \(Yen.text(covered)) covered by 公費" : "") + " → patient \(Yen.text(all - covered))")
            }
            meals = charge
        }
        note("patient: \(Yen.text(patient))" + (meals.map { " + 食事 \(Yen.text($0.patientYen))" } ?? ""))
        var out = Settlement(medicalPatientYen: patient, mealPatientYen: meals?.patientYen ?? 0,
                             insurance: parts.contains(where: \.insurance) ? insurance : nil,
                             programs: s.programs.enumerated().map { ($0.element.law, programs[$0.offset]) },
                             meals: meals, boundLimits: bound, explanation: notes)
        out.reimbursedLaterYen = later
        out.medicalPatientHundredths = patientExact
        out.receiptOrder = receiptOrder
        out.partShares = partShares
        if ownExcess > 0 { out.highCostRefundYen = ownExcess }
        if !s.limitKnown {
            var known = s
            known.limitKnown = true
            let k = try settle(known, bills: bills)
            out.highCostRefundYen = max(0, patient - k.medicalPatientYen)
            if explain { out.explanation.append("高額療養費 paid back later by the insurer (with the 区分 known): \(Yen.text(out.highCostRefundYen ?? 0))") }
        }
        return out
    }
}
