/// 高額療養費 自己負担限度額 for one receipt part (健康保険法施行令第42条; domain-facts.md A.4), resolved for
/// one month: the tables in force, the 75歳到達月 divisor, 入院/外来 and 多数回該当.
public struct HighCostLimit: Sendable {
    public let over70: Bool
    public let inpatient: Bool
    public let manyTimes: Bool
    /// 2 in the 75歳到達月 (each amount halved, the 1% rate kept), else 1.
    public let divisor: Int
    let under70Table: [IncomeClass: LimitFormula]
    let over70Table: Over70Limits
    let publicExpense: PublicExpenseClasses

    /// A limit and how it was found; the text is made when it is read (a settlement without its
    /// explanation reads only `yen`).
    public struct Amount: Sendable {
        public var yen: Int
        private let describe: @Sendable () -> String
        public var text: String { describe() }
        init(yen: Int, text: @escaping @Sendable () -> String) { self.yen = yen; describe = text }
    }

    /// Resolves the tables in force on `date` (refusing a date whose amounts are unknown).
    public init(parameters: CopayParameters, on date: ServiceDate, over70: Bool, inpatient: Bool, manyTimes: Bool,
                monthOf75thBirthday: Bool) throws(CopayError) {
        self.over70 = over70
        self.inpatient = inpatient
        self.manyTimes = manyTimes
        self.divisor = monthOf75thBirthday ? try parameters.birthday75Divisor.value(on: date).value : 1
        // Only the table of the patient's age band must be known on the date.
        if over70 {
            over70Table = try parameters.over70.value(on: date).value
            under70Table = [:]
        } else {
            under70Table = try parameters.under70.value(on: date).value
            over70Table = Over70Limits(household: [:], outpatientIndividual: [:])
        }
        publicExpense = try parameters.publicExpense.value(on: date).value
    }

    /// The class whose limit applies to a part covered by programs of `basis` (own → the patient's class;
    /// other/welfare → the public_expense classes of high-cost-limits.json).
    public func limitClass(_ own: IncomeClass, basis: ProgramRule.HighCostBasis) -> IncomeClass {
        switch basis {
        case .own: own
        case .other: over70 ? publicExpense.over70Other : publicExpense.under70Other
        case .welfare: over70 ? publicExpense.over70Welfare : publicExpense.under70Welfare
        }
    }

    /// The limit for `incomeClass` and a month's 医療費 (10割, yen).
    /// 70歳未満: the ア〜オ table. 70歳以上: 入院 → 世帯 table; 外来 → 外来特例 (個人) where the class has one
    /// (一般, 低所得), else the 世帯 table (現役並み). 多数回該当 replaces the amount where the table has one
    /// (外来特例 and 低所得 have none). In the 75歳到達月 base, threshold and 多数回 amount are divided by
    /// `divisor`; the 1% part is (医療費 − threshold) / 100, 1円未満四捨五入, and 0 below the threshold.
    /// `basis` `.other` (a 公費 part under the 一律 class): 多数回該当 only where the public_expense entry says it applies.
    public func limit(_ incomeClass: IncomeClass, medicalYen: Int, basis: ProgramRule.HighCostBasis? = nil) throws(CopayError) -> Amount {
        let manyTimes = manyTimes && (basis != .other || publicExpense.otherManyTimes)
        let formula: LimitFormula?
        let table: String
        if over70 {
            guard !incomeClass.isUnder70Class else {
                throw CopayError(field: "patient.income_class", "\(incomeClass) is a class of people under 70")
            }
            let row = incomeClass.over70LimitRow
            if !inpatient, let f = over70Table.outpatientIndividual[row] { formula = f; table = "外来特例" }
            else { formula = over70Table.household[row]; table = inpatient ? "入院" : "外来" }
        } else {
            guard incomeClass.isUnder70Class else {
                throw CopayError(field: "patient.income_class", "\(incomeClass) is not a class of people under 70 (ア〜オ)")
            }
            formula = under70Table[incomeClass]; table = inpatient ? "入院" : "外来"
        }
        guard let formula else { throw CopayError(field: "patient.income_class", "no 高額療養費 limit for \(incomeClass)") }
        let halved = divisor > 1 ? ", 75歳到達月 ÷\(divisor)" : ""
        let divisor = divisor
        if manyTimes, let m = formula.manyTimes {
            return Amount(yen: m / divisor) { "\(incomeClass) \(table) 多数回該当\(halved) \(Yen.text(m / divisor))" }
        }
        let base = formula.base / divisor
        guard let t = formula.threshold else {
            return Amount(yen: base) { "\(incomeClass) \(table)\(halved) \(Yen.text(base))" }
        }
        let threshold = t / divisor
        let onePercent = Yen.roundHalfUp(max(0, medicalYen - threshold), over: 100)   // 1円未満四捨五入
        return Amount(yen: base + onePercent) {
            medicalYen > threshold
                ? "\(incomeClass) \(table)\(halved) \(Yen.text(base)) + (\(Yen.text(medicalYen)) − \(Yen.text(threshold))) × 1% = \(Yen.text(base + onePercent))"
                : "\(incomeClass) \(table)\(halved) \(Yen.text(base)) (医療費 \(Yen.text(medicalYen)) ≤ \(Yen.text(threshold)): no 1% part)"
        }
    }
}
