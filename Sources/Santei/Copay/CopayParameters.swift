import Foundation

/// A law quantity keyed by start date (OpenFisca-style): the value at a date is the newest entry whose
/// `from` is on or before it. An entry without a value marks a known change whose amounts are not known:
/// a date on or after it is refused, never guessed. A date before the first entry is not covered.
public struct Dated<Value: Sendable>: Sendable {
    public struct Entry: Sendable {
        public var from: ServiceDate
        public var value: Value?
        public var source: String
    }
    public let what: String
    public let entries: [Entry]

    public init(_ what: String, _ entries: [Entry]) {
        self.what = what
        self.entries = entries.sorted { $0.from < $1.from }
    }

    /// The entry in force on `date` (the newest whose `from` is on or before it), nil before the first — for the
    /// rule lists whose absence means "no rule" rather than an unknown amount.
    public func inForce(on date: ServiceDate) -> Entry? { entries.last(where: { $0.from <= date }) }

    public func entry(on date: ServiceDate) throws(CopayError) -> Entry {
        guard let e = inForce(on: date) else {
            // The date is the case's service month (its days, a change within it): that field is what to fix.
            throw CopayError(field: "service_month", "\(what): no parameter for \(date) (known from \(entries.first.map { "\($0.from)" } ?? "never"))")
        }
        return e
    }

    /// The value in force on `date`, with its source.
    public func value(on date: ServiceDate) throws(CopayError) -> (value: Value, source: String) {
        let e = try entry(on: date)
        guard let v = e.value else {
            // The date is the case's service month, as for a date before the first entry (review 89 W6: no field was named).
            throw CopayError(field: "service_month", "\(what): the amounts in force from \(e.from) are not known; refusing \(date) rather than guessing (\(e.source))")
        }
        return (v, e.source)
    }
}

/// One 高額療養費 limit: `base` + (医療費 − `threshold`) × 1% when a threshold is given, else `base`;
/// `manyTimes` is the 多数回該当 amount (健康保険法施行令第42条; domain-facts.md A.4).
public struct LimitFormula: Sendable, Decodable, Equatable {
    public var base: Int
    public var threshold: Int?
    public var manyTimes: Int?
    enum CodingKeys: String, CodingKey { case base, threshold, manyTimes = "many_times" }
}

/// The 70歳以上 tables: 世帯 (入院 and 現役並み 外来) and 外来特例 (個人, 一般・低所得).
public struct Over70Limits: Sendable {
    public var household: [IncomeClass: LimitFormula]
    public var outpatientIndividual: [IncomeClass: LimitFormula]
}

/// Which class the 高額療養費 limit of a 公費 receipt part uses (high-cost-limits.json public_expense).
public struct PublicExpenseClasses: Sendable {
    public var under70Other: IncomeClass
    public var under70Welfare: IncomeClass
    public var over70Other: IncomeClass
    public var over70Welfare: IncomeClass
    /// Whether 多数回該当 lowers the limit of a part under the `other` class (high-cost-limits.json `other_class_many_times`;
    /// the 特定給付対象療養's 一律 limit has no 多数回 amount: only 難病・小児慢性 were given one, with their own class).
    public var otherManyTimes: Bool = true
}

/// 特定疾病 (マル長) limits.
public struct LongTermDiseaseLimits: Sendable { public var standard: Int; public var upperIncomeDialysis: Int }

/// 後期高齢者 2割 配慮措置: the month's 外来 share at most `basePercent` % of the 医療費 + `increaseCap`.
public struct TransitionRelief: Sendable { public var increaseCap: Int; public var basePercent: Int }

/// 負担割合 by age band (copay-rates.json).
public struct AgeRates: Sendable {
    public var general: Int
    public var generalII: Int?
    public var highIncome: Int
}

/// A 公費 program's rule (public-programs.json).
extension CopayParameters {
    /// A claim's 入院 receipt naming a program of `outpatient_only` (21 自立支援医療（精神通院）: 通院による精神医療, 障害者総合支援法施行令
    /// 第1条の2第3号; reviews 302 ES-4, 420 JH-1) is refused. `santei copay` is not asked this: its case settles bills of both kinds, each
    /// naming its payers, and `patient.inpatient` chooses the limit (the MHLW 70歳以上 事例53・55: 外来・精神通院 beside an 入院 limit).
    func refuseOutpatientOnly(_ law: LawNumber, on date: ServiceDate, field: String) throws(CopayError) {
        guard let def = programs[law], (try? def.rules.value(on: date).value.outpatientOnly) == true else { return }
        throw CopayError(field: field, "公費 \(law) \(def.name) covers 入院外 (通院) care only; an 入院 receipt is settled without it (Masters/params/copay/public-programs.json outpatient_only)")
    }
}

public struct ProgramRule: Sendable {
    public enum Share: Sendable, Equatable {
        /// The patient pays `percent` % of the 医療費 (never more than the payer before left), at most the
        /// certificate's monthly cap when it gives one.
        case rate(percent: Int)
        /// The program pays all above a monthly cap: the certificate's, else `defaultCap` (a program whose certificate must
        /// state one has `ProgramRule.capRequired`).
        case cap(defaultCap: Int?)
    }
    public enum HighCostBasis: String, Sendable, Decodable { case own, other, welfare }
    public var share: Share
    public var highCostBasis: HighCostBasis
    public var coversMeals: Bool
    /// The program pays half of the 食事療養標準負担額 (52 小児慢性特定疾病: 入院時の食費は２分の１自己負担; meals "half").
    public var halvesMeals: Bool = false
    public var source: String
    /// The program covers 通院 (入院外) care only (21 自立支援医療 精神通院: 通院医療); an 入院 claim naming it is refused.
    public var outpatientOnly: Bool = false
    /// The 食事 区分 a 受給者 of the program has (public-programs.json `meal_classes`; 52/54: 難病小慢 or a 低所得 区分, never 一般 —
    /// review 399 IM-1); nil: any.
    public var mealClasses: [MealClass]? = nil
    /// The certificate must state its 自己負担上限月額 (`share.cap_required`): 54 and 52 charge 2割 up to the 階層's cap, which only
    /// the 受給者証 gives (review 389 IC-1: a null cap settled an uncapped 2割), as 38 has no cap without it.
    public var capRequired: Bool = false
}

public struct ProgramDefinition: Sendable {
    public var law: LawNumber
    public var name: String
    /// 公費 order on the receipt (smaller first).
    public var priority: Int
    public var rules: Dated<ProgramRule>
}

/// The dated law parameters of patient copay, read from `Masters/params/copay/*.json`.
public struct CopayParameters: Sendable {
    public var under70: Dated<[IncomeClass: LimitFormula]>
    public var over70: Dated<Over70Limits>
    public var publicExpense: Dated<PublicExpenseClasses>
    public var aggregationThresholdUnder70: Dated<Int>
    public var birthday75Divisor: Dated<Int>
    public var longTermDisease: Dated<LongTermDiseaseLimits>
    /// nil value = not in force (ended), which is a known state, not an unknown amount.
    public var transitionRelief: Dated<TransitionRelief?>
    public var preschool: Dated<Int>
    public var workingAge: Dated<Int>
    public var age70to74: Dated<AgeRates>
    public var age75: Dated<AgeRates>
    public var meals: [MealClass: Dated<Int>]
    /// 生活療養標準負担額 by 区分 (meals.json `living`): 食費 per meal under 生活療養 (Ⅰ)/(Ⅱ), 居住費 per day.
    public var living: [MealClass: Dated<LivingBurden>] = [:]
    /// The 区分 whose 生活療養標準負担額 differs for a patient of 医療区分２・３ (meals.json `living_high_need`).
    public var livingHighNeed: [MealClass: Dated<LivingBurden>] = [:]
    public var programs: [LawNumber: ProgramDefinition]
    /// 法別番号 of the 別表 whose rule is not encoded: a case naming one is refused with the reason.
    public var unencodedPrograms: [LawNumber: (name: String, reason: String)] = [:]
    /// 地方単独公費 by prefecture (`local/*.json`).
    public var localPrograms = LocalProgramCatalogue()

    /// Loads the four files of `directory` (normally `Masters/params/copay`).
    public static func load(directory: String) throws(MasterLoadError) -> CopayParameters {
        let limits: LimitsFile = try decode(directory + "/high-cost-limits.json")
        let rates: RatesFile = try decode(directory + "/copay-rates.json")
        let meals: MealsFile = try decode(directory + "/meals.json")
        let programs: ProgramsFile = try decode(directory + "/public-programs.json")
        let lp = directory + "/high-cost-limits.json"

        func date(_ text: String, _ file: String, _ field: String) throws(MasterLoadError) -> ServiceDate {
            guard let d = ServiceDate(text) else { throw paramError(file: file, field: field, reason: "\"\(text)\" is not a date") }
            return d
        }
        func classes(_ m: [String: LimitFormula]?, _ field: String) throws(MasterLoadError) -> [IncomeClass: LimitFormula] {
            var out: [IncomeClass: LimitFormula] = [:]
            for (k, v) in m ?? [:] {
                guard let c = IncomeClass(rawValue: k) else { throw paramError(file: lp, field: field, reason: "\"\(k)\" is not an income class") }
                out[c] = v
            }
            return out
        }
        func cls(_ s: String?, _ field: String) throws(MasterLoadError) -> IncomeClass {
            guard let s, let c = IncomeClass(rawValue: s) else { throw paramError(file: lp, field: field, reason: "missing or unknown income class") }
            return c
        }

        var under70: [Dated<[IncomeClass: LimitFormula]>.Entry] = []
        for (n, e) in limits.under70.enumerated() {
            let f = "under70[\(n)]"
            under70.append(.init(from: try date(e.from, lp, f + ".from"), value: e.unknown == true ? nil : try classes(e.classes, f + ".classes"), source: e.source))
        }
        var over70: [Dated<Over70Limits>.Entry] = []
        for (n, e) in limits.over70.enumerated() {
            let f = "over70[\(n)]"
            let v = e.unknown == true ? nil : Over70Limits(household: try classes(e.household, f + ".household"),
                                                           outpatientIndividual: try classes(e.outpatientIndividual, f + ".outpatient_individual"))
            over70.append(.init(from: try date(e.from, lp, f + ".from"), value: v, source: e.source))
        }
        var pe: [Dated<PublicExpenseClasses>.Entry] = []
        for (n, e) in limits.publicExpense.enumerated() {
            let f = "public_expense[\(n)]"
            pe.append(.init(from: try date(e.from, lp, f + ".from"),
                            value: PublicExpenseClasses(under70Other: try cls(e.under70Other, f), under70Welfare: try cls(e.under70Welfare, f),
                                                        over70Other: try cls(e.over70Other, f), over70Welfare: try cls(e.over70Welfare, f),
                                                        otherManyTimes: e.otherManyTimes ?? true),
                            source: e.source))
        }
        var agg: [Dated<Int>.Entry] = []
        for (n, e) in limits.aggregationUnder70.enumerated() {
            agg.append(.init(from: try date(e.from, lp, "aggregation_under70[\(n)].from"), value: e.minCopayYen, source: e.source))
        }
        var div: [Dated<Int>.Entry] = []
        for (n, e) in limits.monthOf75thBirthday.enumerated() {
            div.append(.init(from: try date(e.from, lp, "month_of_75th_birthday[\(n)].from"), value: e.divisor, source: e.source))
        }
        var ltd: [Dated<LongTermDiseaseLimits>.Entry] = []
        for (n, e) in limits.longTermDisease.enumerated() {
            ltd.append(.init(from: try date(e.from, lp, "long_term_disease[\(n)].from"),
                             value: LongTermDiseaseLimits(standard: e.standardYen, upperIncomeDialysis: e.upperIncomeDialysisYen), source: e.source))
        }
        var relief: [Dated<TransitionRelief?>.Entry] = []
        for (n, e) in limits.lateElderlyTransitionRelief.enumerated() {
            let value: TransitionRelief?
            if e.ended == true { value = nil } else {
                guard let c = e.increaseCapYen, let p = e.basePercent else {
                    throw paramError(file: lp, field: "late_elderly_transition_relief[\(n)]", reason: "needs increase_cap_yen and base_percent")
                }
                value = TransitionRelief(increaseCap: c, basePercent: p)
            }
            relief.append(.init(from: try date(e.from, lp, "late_elderly_transition_relief[\(n)].from"), value: .some(value), source: e.source))
        }

        let rp = directory + "/copay-rates.json"
        func percents(_ list: [RatesFile.Percent], _ field: String) throws(MasterLoadError) -> [Dated<Int>.Entry] {
            var out: [Dated<Int>.Entry] = []
            for (n, e) in list.enumerated() { out.append(.init(from: try date(e.from, rp, "\(field)[\(n)].from"), value: e.percent, source: e.source)) }
            return out
        }
        func bands(_ list: [RatesFile.Band], _ field: String) throws(MasterLoadError) -> [Dated<AgeRates>.Entry] {
            var out: [Dated<AgeRates>.Entry] = []
            for (n, e) in list.enumerated() {
                out.append(.init(from: try date(e.from, rp, "\(field)[\(n)].from"),
                                 value: AgeRates(general: e.generalPercent, generalII: e.generalIIPercent, highIncome: e.highIncomePercent), source: e.source))
            }
            return out
        }

        let mp = directory + "/meals.json"
        var mealTable: [MealClass: Dated<Int>] = [:]
        for (k, list) in meals.classes {
            var entries: [Dated<Int>.Entry] = []
            for (n, e) in list.enumerated() {
                entries.append(.init(from: try date(e.from, mp, "classes.\(k)[\(n)].from"), value: e.unknown == true ? nil : e.yen, source: e.source))
            }
            mealTable[MealClass(rawValue: k)] = Dated("入院時食事療養 標準負担額 (\(k))", entries)
        }
        func livingTable(_ key: String, _ table: [String: [MealsFile.LivingEntry]]?) throws(MasterLoadError) -> [MealClass: Dated<LivingBurden>] {
            var livingTable: [MealClass: Dated<LivingBurden>] = [:]
            for (k, list) in table ?? [:] {
                var entries: [Dated<LivingBurden>.Entry] = []
                for (n, e) in list.enumerated() {
                    let f = "\(key).\(k)[\(n)]"
                    var value: LivingBurden?
                    if e.unknown != true {
                        guard let a = e.food_1, let b = e.food_2, let r = e.residence, a >= 0, b >= 0, r >= 0 else {
                            throw paramError(file: mp, field: f, reason: "food_1, food_2 and residence (yen, not negative) are required unless unknown is true")
                        }
                        value = LivingBurden(food1Yen: a, food2Yen: b, residenceYen: r)
                    }
                    entries.append(.init(from: try date(e.from, mp, f + ".from"), value: value, source: e.source))
                }
                livingTable[MealClass(rawValue: k)] = Dated("入院時生活療養 標準負担額 (\(k)\(key == "living" ? "" : ", 医療区分２・３"))", entries)
            }
            return livingTable
        }

        let pp = directory + "/public-programs.json"
        var table: [LawNumber: ProgramDefinition] = [:]
        for (n, p) in programs.programs.enumerated() {
            guard let law = LawNumber(rawValue: p.lawNumber) else { throw paramError(file: pp, field: "programs[\(n)].law_number", reason: "not a 2-digit 法別番号") }
            var entries: [Dated<ProgramRule>.Entry] = []
            for (k, v) in p.versions.enumerated() {
                let f = "programs[\(n)].versions[\(k)]"
                let share: ProgramRule.Share
                switch v.share.kind {
                case "rate":
                    guard let pct = v.share.percent else { throw paramError(file: pp, field: f + ".share.percent", reason: "a rate needs a percent") }
                    share = .rate(percent: pct)
                case "cap": share = .cap(defaultCap: v.share.defaultCapYen)
                default: throw paramError(file: pp, field: f + ".share.kind", reason: "\"\(v.share.kind)\" is not rate or cap")
                }
                var rule = ProgramRule(share: share, highCostBasis: v.highCostBasis, coversMeals: v.meals == "covered", halvesMeals: v.meals == "half", source: v.source,
                                       outpatientOnly: v.outpatientOnly ?? false)
                rule.capRequired = v.share.capRequired ?? false
                if let classes = v.mealClasses {
                    for (j, c) in classes.enumerated() where mealTable[MealClass(rawValue: c)] == nil {
                        throw paramError(file: pp, field: f + ".meal_classes[\(j)]", reason: "\"\(c)\" is not a 食事 区分 of meals.json")
                    }
                    rule.mealClasses = classes.map(MealClass.init(rawValue:))
                }
                entries.append(.init(from: try date(v.from, pp, f + ".from"), value: rule, source: v.source))
            }
            table[law] = ProgramDefinition(law: law, name: p.name, priority: p.priority, rules: Dated("公費 \(law) \(p.name)", entries))
        }

        var unencoded: [LawNumber: (name: String, reason: String)] = [:]
        for (n, u) in (programs.notEncoded ?? []).enumerated() {
            guard let law = LawNumber(rawValue: u.lawNumber) else { throw paramError(file: pp, field: "not_encoded[\(n)].law_number", reason: "not a 2-digit 法別番号") }
            guard table[law] == nil else { throw paramError(file: pp, field: "not_encoded[\(n)].law_number", reason: "\(law) also has a rule") }
            unencoded[law] = (u.name, u.reason)
        }

        var out = CopayParameters(
            under70: Dated("高額療養費 (70歳未満)", under70), over70: Dated("高額療養費 (70歳以上)", over70),
            publicExpense: Dated("高額療養費 (公費併用)", pe), aggregationThresholdUnder70: Dated("合算対象 21,000円", agg),
            birthday75Divisor: Dated("75歳到達月の特例", div), longTermDisease: Dated("特定疾病 (マル長)", ltd),
            transitionRelief: Dated("後期高齢者 2割 配慮措置", relief),
            preschool: Dated("負担割合 (未就学)", try percents(rates.preschool, "preschool")),
            workingAge: Dated("負担割合 (6〜69歳)", try percents(rates.workingAge, "working_age")),
            age70to74: Dated("負担割合 (70〜74歳)", try bands(rates.age70to74, "age_70_to_74")),
            age75: Dated("負担割合 (75歳以上)", try bands(rates.age75AndOver, "age_75_and_over")),
            meals: mealTable, programs: table)
        out.unencodedPrograms = unencoded
        out.living = try livingTable("living", meals.living)
        out.livingHighNeed = try livingTable("living_high_need", meals.livingHighNeed)
        out.localPrograms = try LocalProgramCatalogue.load(directory: directory + "/local")
        return out
    }

    /// `Masters/params/copay` of the project (see `MasterLocator`).
    public static func loadDefault() throws(MasterLoadError) -> CopayParameters {
        guard let dir = MasterLocator.defaultDirectory() else {
            throw MasterLoadError(file: "Masters/params/copay", reason: "no Masters folder found: run from the Santei folder or set SANTEI_MASTERS")
        }
        return try load(directory: dir + "/params/copay")
    }

    private static func decode<T: Decodable>(_ path: String) throws(MasterLoadError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw MasterLoadError(file: path, reason: "cannot read the copay parameters") }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw MasterLoadError(file: path, reason: "not a copay parameter file: \(DecodingErrorText.describe(error))")
        }
    }
}

// MARK: - File shapes

private struct LimitsFile: Decodable {
    struct Under70: Decodable { var from: String; var unknown: Bool?; var source: String; var classes: [String: LimitFormula]? }
    struct Over70: Decodable {
        var from: String; var unknown: Bool?; var source: String
        var household: [String: LimitFormula]?; var outpatientIndividual: [String: LimitFormula]?
        enum CodingKeys: String, CodingKey { case from, unknown, source, household, outpatientIndividual = "outpatient_individual" }
    }
    struct PublicExpense: Decodable {
        var from: String; var source: String
        var under70Other: String?; var under70Welfare: String?; var over70Other: String?; var over70Welfare: String?
        var otherManyTimes: Bool?
        enum CodingKeys: String, CodingKey {
            case from, source, under70Other = "under70_other_class", under70Welfare = "under70_welfare_class"
            case over70Other = "over70_other_class", over70Welfare = "over70_welfare_class", otherManyTimes = "other_class_many_times"
        }
    }
    struct Aggregation: Decodable {
        var from: String; var minCopayYen: Int; var source: String
        enum CodingKeys: String, CodingKey { case from, minCopayYen = "min_copay_yen", source }
    }
    struct Divisor: Decodable { var from: String; var divisor: Int; var source: String }
    struct LongTerm: Decodable {
        var from: String; var standardYen: Int; var upperIncomeDialysisYen: Int; var source: String
        enum CodingKeys: String, CodingKey { case from, standardYen = "standard_yen", upperIncomeDialysisYen = "upper_income_dialysis_yen", source }
    }
    struct Relief: Decodable {
        var from: String; var increaseCapYen: Int?; var basePercent: Int?; var ended: Bool?; var source: String
        enum CodingKeys: String, CodingKey { case from, increaseCapYen = "increase_cap_yen", basePercent = "base_percent", ended, source }
    }
    var under70: [Under70]
    var over70: [Over70]
    var publicExpense: [PublicExpense]
    var aggregationUnder70: [Aggregation]
    var monthOf75thBirthday: [Divisor]
    var longTermDisease: [LongTerm]
    var lateElderlyTransitionRelief: [Relief]
    enum CodingKeys: String, CodingKey {
        case under70, over70, publicExpense = "public_expense", aggregationUnder70 = "aggregation_under70"
        case monthOf75thBirthday = "month_of_75th_birthday", longTermDisease = "long_term_disease"
        case lateElderlyTransitionRelief = "late_elderly_transition_relief"
    }
}

private struct RatesFile: Decodable {
    struct Percent: Decodable { var from: String; var percent: Int; var source: String }
    struct Band: Decodable {
        var from: String; var generalPercent: Int; var generalIIPercent: Int?; var highIncomePercent: Int; var source: String
        enum CodingKeys: String, CodingKey {
            case from, source, generalPercent = "general_percent", generalIIPercent = "general_ii_percent", highIncomePercent = "high_income_percent"
        }
    }
    var preschool: [Percent]
    var workingAge: [Percent]
    var age70to74: [Band]
    var age75AndOver: [Band]
    enum CodingKeys: String, CodingKey { case preschool, workingAge = "working_age", age70to74 = "age_70_to_74", age75AndOver = "age_75_and_over" }
}

private struct MealsFile: Decodable {
    struct Entry: Decodable { var from: String; var yen: Int?; var unknown: Bool?; var source: String }
    struct LivingEntry: Decodable { var from: String; var food_1: Int?; var food_2: Int?; var residence: Int?; var unknown: Bool?; var source: String }
    var classes: [String: [Entry]]
    var living: [String: [LivingEntry]]?
    var livingHighNeed: [String: [LivingEntry]]?
    enum CodingKeys: String, CodingKey { case classes, living, livingHighNeed = "living_high_need" }
}

/// 生活療養標準負担額 of a 区分 on a date: 食費 per meal under 入院時生活療養 (Ⅰ) and (Ⅱ), 居住費 (光熱水費) per day.
public struct LivingBurden: Sendable, Equatable {
    public var food1Yen: Int, food2Yen: Int, residenceYen: Int
}

private struct ProgramsFile: Decodable {
    struct Share: Decodable {
        var kind: String; var percent: Int?; var defaultCapYen: Int?; var capRequired: Bool?
        enum CodingKeys: String, CodingKey { case kind, percent, defaultCapYen = "default_cap_yen", capRequired = "cap_required" }
    }
    struct Version: Decodable {
        var from: String; var share: Share; var highCostBasis: ProgramRule.HighCostBasis; var meals: String; var source: String
        var outpatientOnly: Bool?
        var mealClasses: [String]?
        enum CodingKeys: String, CodingKey {
            case from, share, highCostBasis = "high_cost_basis", meals, source, outpatientOnly = "outpatient_only", mealClasses = "meal_classes"
        }
    }
    struct Program: Decodable {
        var lawNumber: String; var name: String; var priority: Int; var versions: [Version]
        enum CodingKeys: String, CodingKey { case lawNumber = "law_number", name, priority, versions }
    }
    struct NotEncoded: Decodable {
        var lawNumber: String; var name: String; var reason: String
        enum CodingKeys: String, CodingKey { case lawNumber = "law_number", name, reason }
    }
    var programs: [Program]
    var notEncoded: [NotEncoded]?
    enum CodingKeys: String, CodingKey { case programs, notEncoded = "not_encoded" }
}

/// A parameter-file error that names its field in the message (MasterLoadError prints `field` only with a column).
private func paramError(file: String, field: String, reason: String) -> MasterLoadError {
    MasterLoadError(file: file, field: field, reason: "\(field): \(reason)")
}
