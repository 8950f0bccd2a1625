import Foundation

/// 地方単独公費 by prefecture (issue 13): `Masters/params/copay/local/<prefecture>.json`, one entry per
/// program (子ども医療費助成, 重度心身障害者医療費助成, ひとり親家庭等医療費助成, 高齢者 …), each version dated and
/// sourced (the prefecture's page and the day it was read). A case names a program by prefecture + id
/// (`public_programs[].local_program`) instead of spelling the rule; the catalogue turns it into the
/// `LocalProgramRule` in force on the service date for 入院 or 入院外. docs/copay-local-programs.md lists them.
public struct LocalProgramCatalogue: Sendable {
    /// One version of a program: the prefecture's standard rule from `from` until the next version.
    public struct Version: Sendable {
        /// nil: the program does not cover 入院外 (or 入院) for its people (e.g. 子ども 入院 only at school age).
        public var outpatient: LocalProgramRule?
        public var inpatient: LocalProgramRule?
        public var minAgeYears: Int?
        public var maxAgeYears: Int?
        /// How the age limit ends: `fiscal_year_end` (the 31 March after reaching `maxAgeYears`),
        /// `birthday` (the day before the birthday), `month_end` (the end of the birthday month).
        public var ageEnd: String
        public var incomeLimit: Bool
        public var eligibilityText: String
        public var source: String
        public var readOn: String
    }
    public struct Program: Sendable {
        public var prefecture: String
        public var id: String
        public var name: String
        public var law: LawNumber
        public var versions: Dated<Version>
    }
    /// prefecture file name (`tokyo`) → program id → program.
    public var programs: [String: [String: Program]]
    /// prefecture file name → municipalities whose rule differs (text, for the docs and the explanation).
    public var municipalitiesDiffer: [String: [String]]

    public init(programs: [String: [String: Program]] = [:], municipalitiesDiffer: [String: [String]] = [:]) {
        self.programs = programs; self.municipalitiesDiffer = municipalitiesDiffer
    }

    /// The rule of `prefecture`/`program` on `date` for 入院 or 入院外, with the program's 法別番号.
    /// `birthDate`, when given, is checked against the program's age condition (an ineligible patient is an
    /// error naming the program, never a silent full charge).
    public func rule(prefecture: String, program: String, on date: ServiceDate, inpatient: Bool, birthDate: ServiceDate?,
                     field: String) throws(CopayError) -> (rule: LocalProgramRule, program: Program, version: Version) {
        guard let pref = programs[prefecture] else {
            throw CopayError(field: field + ".prefecture", "no 地方単独公費 file Masters/params/copay/local/\(prefecture).json (known: \(programs.keys.sorted().joined(separator: ", ")))")
        }
        guard let p = pref[program] else {
            throw CopayError(field: field + ".program", "\(prefecture) has no program \"\(program)\" (known: \(pref.keys.sorted().joined(separator: ", ")))")
        }
        let v: Version
        do { v = try p.versions.value(on: date).value } catch { throw CopayError(field: field, error.message) }
        if let birthDate {
            if let maxAge = v.maxAgeYears, let end = Self.eligibilityEnd(birth: birthDate, maxAge: maxAge, rule: v.ageEnd), date > end {
                throw CopayError(field: field, "\(p.name) (\(prefecture)/\(program)) ends on \(end) for a patient born \(birthDate) (\(v.eligibilityText))")
            }
            if let minAge = v.minAgeYears, minAge > 0, let end = Self.eligibilityEnd(birth: birthDate, maxAge: minAge, rule: "birthday"), date <= end {
                throw CopayError(field: field, "\(p.name) (\(prefecture)/\(program)) starts at age \(minAge) (\(v.eligibilityText))")
            }
        }
        guard var r = inpatient ? v.inpatient : v.outpatient else {
            throw CopayError(field: field, "\(p.name) (\(prefecture)/\(program)) does not cover \(inpatient ? "入院" : "入院外") (\(v.eligibilityText))")
        }
        // The explanation names the program, its 所得制限 (the certificate stands for it) and the municipalities
        // whose own rule differs from the prefecture's (a clerk there states `local_rule` instead).
        var name = "\(p.name) (\(prefecture)/\(program))"
        if v.incomeLimit { name += ", 所得制限あり (the 受給者証 stands for eligibility)" }
        let differ = (municipalitiesDiffer[prefecture] ?? []).filter { $0.contains("(\(program))") }
        if !differ.isEmpty { name += ", municipalities that differ: " + differ.joined(separator: " / ") }
        r.programName = name
        return (r, p, v)
    }

    /// The last day a patient born on `birth` is eligible when the program runs to `maxAge`
    /// (年齢計算ニ関スル法律: one reaches an age on the day before the birthday).
    static func eligibilityEnd(birth: ServiceDate, maxAge: Int, rule: String) -> ServiceDate? {
        let y = birth.year + maxAge
        guard let birthday = ServiceDate(year: y, month: birth.month, day: min(birth.day, ServiceDate.daysInMonth(year: y, month: birth.month))) else { return nil }
        let reached = birthday.previousDay
        switch rule {
        case "fiscal_year_end": return ServiceDate(year: reached.month >= 4 ? reached.year + 1 : reached.year, month: 3, day: 31)
        case "month_end": return ServiceDate(year: reached.year, month: reached.month, day: ServiceDate.daysInMonth(year: reached.year, month: reached.month))
        default: return reached
        }
    }

    /// Reads every `*.json` of `directory` (absent folder = no programs). A bad file fails the load as a whole.
    public static func load(directory: String) throws(MasterLoadError) -> LocalProgramCatalogue {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else { return LocalProgramCatalogue() }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted() } catch {
            throw MasterLoadError(file: directory, reason: "cannot list the 地方単独公費 files: \(error)")
        }
        var out = LocalProgramCatalogue()
        for name in names {
            let path = directory + "/" + name
            let prefecture = String(name.dropLast(5))
            guard let data = FileManager.default.contents(atPath: path) else { throw MasterLoadError(file: path, reason: "cannot read") }
            let file: LocalFile
            do { file = try JSONDecoder().decode(LocalFile.self, from: data) } catch {
                throw MasterLoadError(file: path, reason: "not a 地方単独公費 file: \(DecodingErrorText.describe(error))")
            }
            func fail(_ field: String, _ reason: String) -> MasterLoadError { MasterLoadError(file: path, field: field, reason: "\(field): \(reason)") }
            var table: [String: Program] = [:]
            for (n, p) in file.programs.enumerated() {
                let f = "programs[\(n)]"
                guard let law = LawNumber(rawValue: p.lawNumber) else { throw fail(f + ".law_number", "\"\(p.lawNumber)\" is not a 2-digit 法別番号") }
                guard table[p.id] == nil else { throw fail(f + ".id", "\"\(p.id)\" is listed twice") }
                guard !p.versions.isEmpty else { throw fail(f + ".versions", "no version") }
                var entries: [Dated<Version>.Entry] = []
                for (k, v) in p.versions.enumerated() {
                    let vf = f + ".versions[\(k)]"
                    guard let from = ServiceDate(v.from) else { throw fail(vf + ".from", "\"\(v.from)\" is not a date") }
                    guard ["fiscal_year_end", "birthday", "month_end"].contains(v.eligibility.ageEnd ?? "birthday") else {
                        throw fail(vf + ".eligibility.age_end", "\"\(v.eligibility.ageEnd ?? "")\" is not fiscal_year_end, birthday or month_end")
                    }
                    guard ["upper_first", "local_first"].contains(v.highCostOrder) else {
                        throw fail(vf + ".high_cost_order", "\"\(v.highCostOrder)\" is not upper_first or local_first")
                    }
                    guard ["patient", "covered"].contains(v.meals) else { throw fail(vf + ".meals", "\"\(v.meals)\" is not patient or covered") }
                    func rule(_ r: RuleShape, _ rf: String) throws(MasterLoadError) -> LocalProgramRule {
                        let any = r.ratePercent != nil || r.perVisitYen != nil || r.perDayYen != nil || r.monthlyCapYen != nil
                        if r.free == true && (any || r.maxPaidVisits != nil) { throw fail(rf, "free with amounts") }
                        if !any && r.free != true { throw fail(rf, "no amount: give rate_percent, per_visit_yen, per_day_yen, monthly_cap_yen or free: true") }
                        if r.perVisitYen != nil && r.perDayYen != nil { throw fail(rf, "both per_visit_yen and per_day_yen") }
                        for (key, value) in [("rate_percent", r.ratePercent), ("per_visit_yen", r.perVisitYen), ("per_day_yen", r.perDayYen),
                                             ("max_paid_visits", r.maxPaidVisits), ("monthly_cap_yen", r.monthlyCapYen)] {
                            if let value, value < 0 { throw fail(rf + "." + key, "negative") }
                        }
                        if let pct = r.ratePercent, pct > 100 { throw fail(rf + ".rate_percent", "over 100") }
                        var out = LocalProgramRule(ratePercent: r.ratePercent, perVisitYen: r.perVisitYen ?? r.perDayYen, maxPaidVisits: r.maxPaidVisits,
                                                   monthlyCapYen: r.monthlyCapYen)
                        out.highCostOrder = v.highCostOrder
                        out.countsForAggregation = v.countsForAggregation
                        out.reimbursement = v.reimbursement
                        out.coversMeals = v.meals == "covered"
                        out.source = v.source + " (read \(v.readOn))"
                        return out
                    }
                    guard v.outpatient != nil || v.inpatient != nil else { throw fail(vf, "neither outpatient nor inpatient") }
                    let version = Version(outpatient: try v.outpatient.map { r throws(MasterLoadError) in try rule(r, vf + ".outpatient") },
                                          inpatient: try v.inpatient.map { r throws(MasterLoadError) in try rule(r, vf + ".inpatient") },
                                          minAgeYears: v.eligibility.minAgeYears, maxAgeYears: v.eligibility.maxAgeYears,
                                          ageEnd: v.eligibility.ageEnd ?? "birthday", incomeLimit: v.eligibility.incomeLimit ?? false,
                                          eligibilityText: v.eligibility.text, source: v.source, readOn: v.readOn)
                    entries.append(.init(from: from, value: version, source: v.source))
                }
                table[p.id] = Program(prefecture: prefecture, id: p.id, name: p.name, law: law,
                                      versions: Dated("地方単独公費 \(prefecture)/\(p.id) \(p.name)", entries))
            }
            out.programs[prefecture] = table
            out.municipalitiesDiffer[prefecture] = (file.municipalitiesDiffer ?? []).map { "\($0.municipality) (\($0.program)): \($0.difference)" }
        }
        return out
    }

    private struct RuleShape: Decodable {
        var ratePercent: Int?; var perVisitYen: Int?; var perDayYen: Int?; var maxPaidVisits: Int?; var monthlyCapYen: Int?; var free: Bool?
        enum CodingKeys: String, CodingKey {
            case ratePercent = "rate_percent", perVisitYen = "per_visit_yen", perDayYen = "per_day_yen"
            case maxPaidVisits = "max_paid_visits", monthlyCapYen = "monthly_cap_yen", free
        }
    }
    private struct LocalFile: Decodable {
        struct Differ: Decodable { var municipality: String; var program: String; var difference: String }
        struct Eligibility: Decodable {
            var minAgeYears: Int?; var maxAgeYears: Int?; var ageEnd: String?; var incomeLimit: Bool?; var text: String
            enum CodingKeys: String, CodingKey { case minAgeYears = "min_age_years", maxAgeYears = "max_age_years", ageEnd = "age_end", incomeLimit = "income_limit", text }
        }
        struct Version: Decodable {
            var from: String; var eligibility: Eligibility; var outpatient: RuleShape?; var inpatient: RuleShape?
            var meals: String; var highCostOrder: String; var countsForAggregation: Bool; var reimbursement: Bool
            var source: String; var readOn: String
            enum CodingKeys: String, CodingKey {
                case from, eligibility, outpatient, inpatient, meals, highCostOrder = "high_cost_order"
                case countsForAggregation = "counts_for_aggregation", reimbursement, source, readOn = "read_on"
            }
        }
        struct Program: Decodable {
            var id: String; var name: String; var lawNumber: String; var versions: [Version]
            enum CodingKeys: String, CodingKey { case id, name, lawNumber = "law_number", versions }
        }
        var prefecture: String
        var municipalitiesDiffer: [Differ]?
        var programs: [Program]
        enum CodingKeys: String, CodingKey { case prefecture, municipalitiesDiffer = "municipalities_differ", programs }
    }
}
