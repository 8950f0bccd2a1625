import Foundation

/// The dated law data and settings of the pre-audit that no master encodes (`Masters/params/audit/*.json`,
/// each value with its effective dates and source; formats in `Masters/params/README.md`):
/// - `suspected-diseases.json`: how many months a 疑い病名 may stay open (SA-D007).
/// - `period-rules.json`: fees not billable within a period counted from another fee (SA-V003).
/// - `prescription-limits.json`: 投与日数 limits of the 掲示事項等告示 第十 二 (SA-R001).
/// - `age-month-rules.json`: 上限年齢 months that the 通知 narrows (SA-C005: B001-2 (8)).
/// - `disease-kind-rules.json`: fees the 告示 allows only for, or not for, a kind of disease no master flags (SA-D008).
/// - `image-series.json`: one 電子画像管理加算 per 一連 of 同一部位・同時 撮影 (SA-E002).
public struct AuditParameters: Sendable {
    /// A rule of these files that applies from `from` to `to` (inclusive; open when nil).
    protocol DatedRule: Sendable {
        var from: ServiceDate { get }
        var to: ServiceDate? { get }
    }

    /// SA-D007: months from `from`.
    struct SuspicionSetting: Sendable { var from: ServiceDate; var months: Int }

    /// A fee of the 医科診療行為マスター named by its コード表用番号: alphabet, 区分番号, and optionally 枝番 and 項番.
    /// Without a 告示等識別区分, the 区分's 通則加算 rows (9) are not matched: they are add-ons of the 部; without a
    /// 枝番, only rows of 枝番 00 (B001, not B001-2-3).
    struct FeeSelector: Sendable, Equatable {
        var alphabet: UInt8
        var section: [UInt8]
        var branch: [UInt8]?
        var item: Int?
        /// 告示等識別区分（１）, when the selector asks for one (e.g. "1" 基本項目 for 初診料).
        var noticeClass: UInt8?
        /// Single rows of the 区分, where the 告示 names one 項 (B001-2-7 １ and ２ share 区分, 枝番 and 項番).
        var codes: Set<UInt64>? = nil

        func matches(_ t: MasterTable, _ v: Int) -> Bool {
            let P = ProcedureColumn.self
            if let codes, let c = t.integer(v, P.code), !codes.contains(UInt64(c)) { return false }
            let a = t.bytes(v, P.codeTableAlphabet)
            guard a.count == 1, a[0] == alphabet, t.bytes(v, P.sectionNumber).elementsEqual(section) else { return false }
            // No 枝番 named: the 区分 itself (枝番 00), not its 枝番 区分 — the B001 6 rule does not reach B001-2-3
            // 乳幼児育児栄養指導料 (111000470: B001, 枝番 02, 項番 006).
            let b = t.bytes(v, P.branchNumber)
            if let branch { if !b.elementsEqual(branch) { return false } } else if b.contains(where: { $0 != UInt8(ascii: "0") }) { return false }
            if let item, t.integer(v, P.itemNumber) != item { return false }
            let n = t.bytes(v, P.noticeClass1)
            if let noticeClass {
                guard n.count == 1, n[0] == noticeClass else { return false }
            } else if n.first == UInt8(ascii: "9") {
                // A 通則加算 of the 部 filed under the 区分 (外来感染対策向上加算（医学管理等） under B000: 第1部 通則3) is
                // not the 区分's fee: a rule naming the 区分 (B000 注2) does not reach it.
                return false
            }
            return true
        }

        var description: String {
            String(decoding: [alphabet] + section, as: UTF8.self) + (branch.map { "-" + String(decoding: $0, as: UTF8.self) } ?? "") + (item.map { " \($0)" } ?? "")
        }
    }

    /// SA-V003: `code` is not billable from the day of `reference` until the day before the same date
    /// `months` later.
    struct PeriodRule: DatedRule {
        var id: String
        var code: FeeSelector
        var reference: FeeSelector
        var months: Int
        /// A period of days instead (B001-2-7 注1 「７日間に１回」, 注2 「算定する日から起算して７日以内の期間」): the reference's
        /// day through the day before the same day `days` later; `months` is then 0.
        var days: Int? = nil
        var from: ServiceDate
        var to: ServiceDate?
        var source: String
        /// The passage that lets the fee be billed on the last day before the period's end that is no 休日 when its end is
        /// one (通知 B000 (3) ただし書; `Holidays`); nil: the period is as counted.
        var holidayShift: String? = nil
        /// The period's months are counted from the first day of the reference's month (「…を算定した日の属する月から起算して６月以内」:
        /// B001-3-3 注5; review 327 FR-1), not from its day.
        var fromMonth = false
    }

    /// SA-R001: one version of the 告示's lists.
    struct PrescriptionLimits: DatedRule {
        struct Entry: Sendable { var name: String; var matches: [String]; var days: Int }
        var from: ServiceDate
        var to: ServiceDate?
        var defaultDays: Int
        var newDrugDays: Int
        var newDrugMonths: Int
        var entries: [Entry]
        var source: String
    }

    /// SA-V004: a fee billed only within, or only after, a period counted from the 入院の日 (period-rules.json `admission`).
    struct AdmissionPeriod: DatedRule {
        var id: String
        var codes: Set<UInt64>
        /// Billable only before the same date this many months after the 入院の日 (I001 注1 「３月を限度として」) …
        var withinMonths: Int?
        /// … or only from it on (I001 2 ロ 「６月を超えた期間に行った場合」).
        var afterMonths: Int?
        /// Billable only through day N counted from the 入院の日 as day 1 (A100 注3 イ 「14日以内の期間」) …
        var withinDays: Int? = nil
        /// … or only from day N + 1 on (A100 注3 ロ 「15日以上30日以内の期間」: after 14, within 30).
        var afterDays: Int? = nil
        /// Billable on day 1 + k × N only (A234-2 注1 感染対策向上加算３ 「入院初日及び入院期間が90日を超えるごとに１回」: days 1, 91,
        /// 181 …; 通知 「入院日から起算して91日目、181日目等」), day 1 among them when `firstDay` (A245 データ提出加算３・４: 91, 181 …).
        /// The 05 算定単位 入院初日 of such a row is this rule's, not the 入院初日 check's.
        var everyDays: Int? = nil
        var firstDay = true
        var from: ServiceDate
        var to: ServiceDate?
        var source: String
    }

    /// SA-V006: an add-on billable only through day `days` counted from a date the claim states in a comment (H001 注2
    /// 早期リハビリテーション加算 「発症、手術又は急性増悪から30日を限度として」: day 1 = the 発症年月日 …) (period-rules.json
    /// `comment_dates`).
    struct CommentDatePeriod: DatedRule {
        var id: String
        var name: String
        var codes: Set<UInt64>
        var comments: Set<UInt64>
        var days: Int
        /// `month_units_after`: the rule is no 期間 of a 加算 but a cap past it — 単位 (回数 × 数量) of the codes on days past `days`
        /// are at most this many a calendar month (H001 注5・H002 注5 「…150日を超えて…１月13単位に限り」; SA-V009, a warning: the
        /// 除外対象患者 of 別表第九の八 are not capped).
        var monthUnitsAfter: Int? = nil
        var from: ServiceDate
        var to: ServiceDate?
        var source: String
    }

    /// SA-C005: a row whose 上限年齢 is `upperAge` (「…歳に達した日の翌月の１日」) billed on or after the `age`-th
    /// birthday is billable only when a visit of the same month before the birthday billed such a row
    /// (通知 B001-2 (8)).
    struct AgeMonthRule: DatedRule {
        var id: String
        var upperAge: [UInt8]
        var age: Int
        var from: ServiceDate
        var to: ServiceDate?
        var source: String
    }

    /// SA-D008: a kind of disease by ICD-10 (2013) ranges of the 傷病名マスター 項番16 (disease-kind-rules.json `kinds`).
    struct DiseaseKind: Sendable {
        var id: String
        /// Inclusive ranges of the first three characters (C00…C97).
        var ranges: [(low: [UInt8], high: [UInt8])]
        /// Ranges that may or may not be of the kind (上皮内新生物 D00–D09 …): the fee is only reported.
        var uncertain: [(low: [UInt8], high: [UInt8])] = []
        /// Ranges uncertain when the 傷病名 carries a 修飾語 other than 8002 (a benign 腫瘍 with 5001 悪性).
        var uncertainWithModifier: [(low: [UInt8], high: [UInt8])] = []
        var source: String

        func contains(icd10 code: UnsafeBufferPointer<UInt8>) -> Bool { Self.in(ranges, code) }
        func isUncertain(icd10 code: UnsafeBufferPointer<UInt8>, modified: Bool) -> Bool {
            Self.in(uncertain, code) || (modified && Self.in(uncertainWithModifier, code))
        }
        static func `in`(_ ranges: [(low: [UInt8], high: [UInt8])], _ code: UnsafeBufferPointer<UInt8>) -> Bool {
            guard code.count >= 3 else { return false }
            let head = Array(code.prefix(3))
            return ranges.contains { !head.lexicographicallyPrecedes($0.low) && !$0.high.lexicographicallyPrecedes(head) }
        }
    }

    /// SA-D008: fees billable only for (`excludes` false), or never for (`excludes` true), a patient with a kind of
    /// disease; `asMain`: the 告示 says 「…を主病とする患者」.
    struct DiseaseKindRule: DatedRule {
        var id: String
        var name: String
        var codes: Set<UInt64>
        var kind: Int
        var excludes: Bool
        var asMain: Bool
        var from: ServiceDate
        var to: ServiceDate?
        var source: String
        /// `with_codes_in_month`: the rule holds only in a month that also bills one of these rows (B001-3-3 注1 ただし:
        /// 糖尿病を主病とする場合…区分番号Ｃ１０１に掲げる在宅自己注射指導管理料を算定しているときは、算定できない); empty: always.
        var withCodesInMonth: Set<UInt64> = []
    }

    /// SA-E002: the 電子画像管理加算 of 撮影 and the 同時併施 rows that merge two 撮影 into one 一連 (image-series.json).
    struct ImageSeries: DatedRule {
        var from: ServiceDate
        var to: ServiceDate?
        var addOns: Set<UInt64>
        var simultaneous: Set<UInt64>
        var source: String
    }

    /// SA-V007: rows that need `minVisits` 訪問診療 (`visits`) in the month, each with its 月１回 row (nil: none) (visit-count-rules.json).
    struct VisitCountRule: DatedRule {
        var from: ServiceDate
        var to: ServiceDate?
        var visits: Set<UInt64>
        var minVisits: Int
        var rows: [UInt64: UInt64?]
        var source: String
        /// The lowest and highest code of `rows`: most items are outside, with no hashing.
        var lowest: UInt64 = 0, highest: UInt64 = 0
    }

    var suspicion: [SuspicionSetting] = []
    var imageSeries: [ImageSeries] = []
    var visitCounts: [VisitCountRule] = []
    var diseaseKinds: [DiseaseKind] = []
    var diseaseKindRules: [DiseaseKindRule] = []
    /// SA-D006 narrowed by age (`disease-kind-rules.json` requirement_ages): a 傷病名 of `kind` (index into `diseaseKinds`) counts for a
    /// fee of 傷病名関連区分 `relation` only from `minAge`.
    var requirementAges: [(relation: Int, kind: Int, minAge: Int, from: ServiceDate, to: ServiceDate?, source: String)] = []
    var ageMonthRules: [AgeMonthRule] = []
    var periodRules: [PeriodRule] = []
    var admissionPeriods: [AdmissionPeriod] = []
    var commentDatePeriods: [CommentDatePeriod] = []
    var prescriptions: [PrescriptionLimits] = []

    /// No dated data: the checks that need it report nothing.
    public static let empty = AuditParameters()

    /// The parameters of the default `Masters/` folder (`MasterLocator`), else of the copy built into the
    /// library; `.empty` only when neither can be read (never in a normal build).
    public static let standard: AuditParameters = {
        if let dir = MasterLocator.defaultDirectory() {
            do { return try load(directory: dir + "/params/audit") } catch {
                // A folder that replaces the default set (SANTEI_MASTERS) with a bad audit file: said, not hidden.
                FileHandle.standardError.write(Data("santei: \(error); the audit uses the parameters built into the library\n".utf8))
            }
        }
        let files = Dictionary(EmbeddedMasters.files.map { ($0.path, $0.base64) }, uniquingKeysWith: { a, _ in a })
        do { return try load { name in files["params/audit/" + name].flatMap { Data(base64Encoded: $0) } } } catch {
            // Never in a build whose tests pass (EmbeddedParameterFilesTests).
            FileHandle.standardError.write(Data("santei: \(error); audit checks that need dated lists report nothing\n".utf8))
            return .empty
        }
    }()

    /// The 疑い months setting on a date (nil: no entry covers it).
    func suspicionMonths(on d: ServiceDate) -> Int? { suspicion.last { $0.from <= d }?.months }

    func prescriptionLimits(on d: ServiceDate) -> PrescriptionLimits? { prescriptions.last { $0.applies(on: d) } }

    /// Loads the files of a folder (normally `Masters/params/audit`).
    public static func load(directory: String) throws(MasterLoadError) -> AuditParameters {
        try load { FileManager.default.contents(atPath: directory + "/" + $0) }
    }

    /// 9-digit codes of a list in `file` at `path` (a 診療行為・医薬品・特定器材・コメント code each).
    static func codeSet(_ list: [String], _ file: String, _ path: String) throws(MasterLoadError) -> Set<UInt64> {
        var out = Set<UInt64>()
        for c in list {
            guard c.utf8.count == 9, let v = UInt64(c) else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): \"\(c)\" is not a 9-digit code") }
            out.insert(v)
        }
        return out
    }

    static func load(_ read: (String) -> Data?) throws(MasterLoadError) -> AuditParameters {
        func decode<T: Decodable>(_ name: String, _ type: T.Type) throws(MasterLoadError) -> T {
            let path = "Masters/params/audit/" + name
            guard let data = read(name) else { throw MasterLoadError(file: path, reason: "cannot read the audit parameters") }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw MasterLoadError(file: path, reason: "not an audit parameter file: \(DecodingErrorText.describe(error))")
            }
        }
        func date(_ s: String, _ file: String, _ what: String) throws(MasterLoadError) -> ServiceDate {
            guard let d = ServiceDate(s) else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(what): \"\(s)\" is not a date (YYYY-MM-DD)") }
            return d
        }
        var p = AuditParameters()
        let s = try decode("suspected-diseases.json", SuspicionFile.self)
        for (n, v) in s.versions.enumerated() {
            guard v.months >= 0 && v.months <= 120 else {
                throw MasterLoadError(file: "Masters/params/audit/suspected-diseases.json", reason: "versions[\(n)].months \(v.months) is outside 0…120")
            }
            p.suspicion.append(SuspicionSetting(from: try date(v.from, "suspected-diseases.json", "versions[\(n)].from"), months: v.months))
        }
        p.suspicion.sort { $0.from < $1.from }
        let r = try decode("period-rules.json", PeriodFile.self)
        for (n, rule) in r.rules.enumerated() {
            let file = "period-rules.json", path = "rules[\(n)]"
            guard (rule.days == nil) != (rule.months == nil), (1...120).contains(rule.months ?? 1), (1...3650).contains(rule.days ?? 1) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): give one of months (1…120) and days (1…3650)")
            }
            p.periodRules.append(PeriodRule(id: rule.id, code: try rule.code.selector(file, path + ".code"), reference: try rule.reference.selector(file, path + ".reference"),
                                            months: rule.months ?? 0, days: rule.days, from: try date(rule.from, file, path + ".from"),
                                            to: try rule.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, source: rule.source,
                                            holidayShift: rule.holidayShift, fromMonth: rule.fromMonth ?? false))
        }
        for (n, rule) in (r.admission ?? []).enumerated() {
            let file = "period-rules.json", path = "admission[\(n)]"
            func days(_ n: Int?, _ field: String) throws(MasterLoadError) -> Int? {
                guard let n else { return nil }
                guard (1...3650).contains(n) else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(field) \(n) is outside 1…3650") }
                return n
            }
            // A period: within and/or after N months or days (A100 注3 ロ 「15日以上30日以内」: after 14 and within 30 days).
            guard [rule.withinMonths, rule.afterMonths, rule.withinDays, rule.afterDays, rule.everyDays].contains(where: { $0 != nil }),
                  [rule.withinMonths, rule.afterMonths].allSatisfy({ $0.map { (1...120).contains($0) } ?? true }) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): give within_months or after_months (1…120), within_days, after_days or every_days")
            }
            if let w = rule.withinDays, let a = rule.afterDays, w <= a {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): within_days \(w) is not after after_days \(a)")
            }
            p.admissionPeriods.append(AdmissionPeriod(id: rule.id, codes: try codeSet(rule.codes, file, path + ".codes"), withinMonths: rule.withinMonths, afterMonths: rule.afterMonths,
                                                      withinDays: try days(rule.withinDays, path + ".within_days"), afterDays: try days(rule.afterDays, path + ".after_days"),
                                                      everyDays: try days(rule.everyDays, path + ".every_days"), firstDay: rule.firstDay ?? true,
                                                      from: try date(rule.from, file, path + ".from"),
                                                      to: try rule.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, source: rule.source))
        }
        for (n, rule) in (r.commentDates ?? []).enumerated() {
            let file = "period-rules.json", path = "comment_dates[\(n)]"
            guard (1...3650).contains(rule.days) else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).days \(rule.days) is outside 1…3650") }
            p.commentDatePeriods.append(CommentDatePeriod(id: rule.id, name: rule.name, codes: try codeSet(rule.codes, file, path + ".codes"),
                                                          comments: try codeSet(rule.comments, file, path + ".comments"),
                                                          days: rule.days, monthUnitsAfter: rule.monthUnitsAfter, from: try date(rule.from, file, path + ".from"),
                                                          to: try rule.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, source: rule.source))
        }
        let l = try decode("prescription-limits.json", PrescriptionFile.self)
        for (n, v) in l.versions.enumerated() {
            let file = "prescription-limits.json", path = "versions[\(n)]"
            let days = [v.controlledDefaultDays, v.newDrug.days] + v.limits.map(\.days)
            guard days.allSatisfy({ (1...365).contains($0) }), (1...120).contains(v.newDrug.months) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): a number of days outside 1…365 or months outside 1…120")
            }
            p.prescriptions.append(PrescriptionLimits(
                from: try date(v.from, file, path + ".from"), to: try v.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") },
                defaultDays: v.controlledDefaultDays, newDrugDays: v.newDrug.days, newDrugMonths: v.newDrug.months,
                entries: v.limits.map { PrescriptionLimits.Entry(name: $0.name, matches: [$0.name] + ($0.brands ?? []), days: $0.days) }, source: v.source))
        }
        p.prescriptions.sort { $0.from < $1.from }
        let a = try decode("age-month-rules.json", AgeMonthFile.self)
        for (n, rule) in a.rules.enumerated() {
            let file = "age-month-rules.json", path = "rules[\(n)]"
            let code = Array(rule.upperAge.utf8)
            guard code.count == 2, code[0] == UInt8(ascii: "B") else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).upper_age \"\(rule.upperAge)\" is not a 「…歳に達した日の翌月の１日」 age code (B3, B6, BF, BK)")
            }
            guard (1...120).contains(rule.age) else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).age \(rule.age) is outside 1…120") }
            p.ageMonthRules.append(AgeMonthRule(id: rule.id, upperAge: code, age: rule.age, from: try date(rule.from, file, path + ".from"),
                                                to: try rule.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, source: rule.source))
        }
        let series = try decode("image-series.json", ImageSeriesFile.self)
        for (n, v) in series.versions.enumerated() {
            let file = "image-series.json", path = "versions[\(n)]"
            p.imageSeries.append(ImageSeries(from: try date(v.from, file, path + ".from"),
                                             to: try v.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") },
                                             addOns: try codeSet(v.addOns, file, path + ".add_ons"), simultaneous: try codeSet(v.simultaneous, file, path + ".simultaneous"), source: v.source))
        }
        let visits = try decode("visit-count-rules.json", VisitCountFile.self)
        for (n, v) in visits.versions.enumerated() {
            let file = "visit-count-rules.json", path = "versions[\(n)]"
            var rows: [UInt64: UInt64?] = [:]
            for (m, r) in v.rows.enumerated() {
                guard let code = try codeSet([r.code], file, path + ".rows[\(m)].code").first else { continue }
                guard rows[code] == nil else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).rows[\(m)].code \(r.code) is listed twice") }
                rows[code] = try r.monthlyOnce.map { (s: String) throws(MasterLoadError) -> UInt64 in try codeSet([s], file, path + ".rows[\(m)].monthly_once").first! }
            }
            guard v.minVisits >= 2 else { throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).min_visits \(v.minVisits) is below 2") }
            p.visitCounts.append(VisitCountRule(from: try date(v.from, file, path + ".from"),
                                                to: try v.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") },
                                                visits: try codeSet(v.visits, file, path + ".visits"), minVisits: v.minVisits, rows: rows, source: v.source,
                                                lowest: rows.keys.min() ?? 0, highest: rows.keys.max() ?? 0))
        }
        let k = try decode("disease-kind-rules.json", DiseaseKindFile.self)
        for (n, kind) in k.kinds.enumerated() {
            let file = "disease-kind-rules.json", path = "kinds[\(n)]"
            func ranges(_ list: [[String]], _ what: String) throws(MasterLoadError) -> [(low: [UInt8], high: [UInt8])] {
                var out: [(low: [UInt8], high: [UInt8])] = []
                for (m, r) in list.enumerated() {
                    let b = r.map { Array($0.utf8) }
                    guard b.count == 2, b.allSatisfy({ $0.count == 3 && (65...90).contains($0[0]) && $0[1...].allSatisfy { (48...57).contains($0) } }),
                          !b[1].lexicographicallyPrecedes(b[0]) else {
                        throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).\(what)[\(m)]: give two ICD-10 categories like [\"C00\", \"C97\"], low first")
                    }
                    out.append((b[0], b[1]))
                }
                return out
            }
            p.diseaseKinds.append(DiseaseKind(id: kind.id, ranges: try ranges(kind.icd10, "icd10"), uncertain: try ranges(kind.uncertain ?? [], "uncertain"),
                                              uncertainWithModifier: try ranges(kind.uncertainWithModifier ?? [], "uncertain_with_modifier"), source: kind.source))
        }
        for (n, rule) in k.rules.enumerated() {
            let file = "disease-kind-rules.json", path = "rules[\(n)]"
            guard let kind = p.diseaseKinds.firstIndex(where: { $0.id == rule.kind }) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).kind \"\(rule.kind)\" is not one of kinds[].id")
            }
            p.diseaseKindRules.append(DiseaseKindRule(id: rule.id, name: rule.name, codes: try codeSet(rule.codes, file, path + ".codes"), kind: kind, excludes: rule.excludes, asMain: rule.asMain,
                                                      from: try date(rule.from, file, path + ".from"),
                                                      to: try rule.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, source: rule.source,
                                                      withCodesInMonth: try codeSet(rule.withCodesInMonth ?? [], file, path + ".with_codes_in_month")))
        }
        for (n, a) in (k.requirementAges ?? []).enumerated() {
            let file = "disease-kind-rules.json", path = "requirement_ages[\(n)]"
            guard let kind = p.diseaseKinds.firstIndex(where: { $0.id == a.kind }) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).kind \"\(a.kind)\" is not one of kinds[].id")
            }
            guard DiseaseRequirement(relation: a.relation) != nil, (1...120).contains(a.minAge) else {
                throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path): relation \(a.relation) is no 傷病名関連区分 SA-D006 reads, or min_age \(a.minAge) is not 1…120")
            }
            p.requirementAges.append((a.relation, kind, a.minAge, try date(a.from, file, path + ".from"),
                                      try a.to.map { (s: String) throws(MasterLoadError) -> ServiceDate in try date(s, file, path + ".to") }, a.source))
        }
        return p
    }

    // MARK: file shapes

    private struct ImageSeriesFile: Decodable {
        struct Version: Decodable {
            var from: String; var to: String?; var addOns: [String]; var simultaneous: [String]; var source: String
            enum CodingKeys: String, CodingKey { case from, to, addOns = "add_ons", simultaneous, source }
        }
        var versions: [Version]
    }

    private struct VisitCountFile: Decodable {
        struct Row: Decodable {
            var code: String; var monthlyOnce: String?
            enum CodingKeys: String, CodingKey { case code, monthlyOnce = "monthly_once" }
        }
        struct Version: Decodable {
            var from: String; var to: String?; var visits: [String]; var minVisits: Int; var rows: [Row]; var source: String
            enum CodingKeys: String, CodingKey { case from, to, visits, minVisits = "min_visits", rows, source }
        }
        var versions: [Version]
    }

    private struct DiseaseKindFile: Decodable {
        struct Kind: Decodable {
            var id: String; var icd10: [[String]]; var uncertain: [[String]]?; var uncertainWithModifier: [[String]]?; var source: String
            enum CodingKeys: String, CodingKey { case id, icd10, uncertain, uncertainWithModifier = "uncertain_with_modifier", source }
        }
        struct Rule: Decodable {
            var id: String
            var name: String
            var codes: [String]
            var kind: String
            var excludes: Bool
            var asMain: Bool
            var from: String
            var to: String?
            var source: String
            var withCodesInMonth: [String]?
            enum CodingKeys: String, CodingKey { case id, name, codes, kind, excludes, asMain = "as_main", from, to, source, withCodesInMonth = "with_codes_in_month" }
        }
        struct RequirementAge: Decodable {
            var relation: Int; var kind: String; var minAge: Int; var from: String; var to: String?; var source: String
            enum CodingKeys: String, CodingKey { case relation, kind, minAge = "min_age", from, to, source }
        }
        var kinds: [Kind]
        var rules: [Rule]
        var requirementAges: [RequirementAge]?
        enum CodingKeys: String, CodingKey { case kinds, rules, requirementAges = "requirement_ages" }
    }

    private struct SuspicionFile: Decodable {
        struct Version: Decodable { var from: String; var months: Int; var source: String }
        var versions: [Version]
    }

    private struct PeriodFile: Decodable {
        struct Selector: Decodable {
            var section: String
            var branch: String?
            var item: Int?
            var noticeClass: String?
            var codes: [String]?
            enum CodingKeys: String, CodingKey { case section, branch, item, noticeClass = "notice_class", codes }

            func selector(_ file: String, _ path: String) throws(MasterLoadError) -> FeeSelector {
                let b = Array(section.utf8)
                guard b.count == 4, (65...90).contains(b[0]), b[1...].allSatisfy({ (48...57).contains($0) }) else {
                    throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).section \"\(section)\" is not a 区分番号 like B000")
                }
                if let n = noticeClass, n.utf8.count != 1 {
                    throw MasterLoadError(file: "Masters/params/audit/" + file, reason: "\(path).notice_class \"\(n)\" is not one digit")
                }
                let set = try codes.map { (list: [String]) throws(MasterLoadError) -> Set<UInt64> in try AuditParameters.codeSet(list, file, path + ".codes") }
                return FeeSelector(alphabet: b[0], section: Array(b[1...]), branch: branch.map { Array($0.utf8) }, item: item, noticeClass: noticeClass?.utf8.first, codes: set)
            }
        }
        struct Rule: Decodable {
            var id: String
            var code: Selector
            var reference: Selector
            var months: Int?
            var days: Int?
            var from: String
            var to: String?
            var source: String
            var holidayShift: String?
            var fromMonth: Bool?
            enum CodingKeys: String, CodingKey { case id, code, reference, months, days, from, to, source, holidayShift = "holiday_shift", fromMonth = "from_month" }
        }
        struct AdmissionRule: Decodable {
            var id: String
            var codes: [String]
            var withinMonths: Int?
            var afterMonths: Int?
            var withinDays: Int?
            var afterDays: Int?
            var everyDays: Int?
            var firstDay: Bool?
            var from: String
            var to: String?
            var source: String
            enum CodingKeys: String, CodingKey {
                case id, codes, withinMonths = "within_months", afterMonths = "after_months", withinDays = "within_days", afterDays = "after_days"
                case everyDays = "every_days", firstDay = "first_day", from, to, source
            }
        }
        struct CommentDateRule: Decodable {
            var id: String
            var name: String
            var codes: [String]
            var comments: [String]
            var days: Int
            var monthUnitsAfter: Int?
            var from: String
            var to: String?
            var source: String
            enum CodingKeys: String, CodingKey { case id, name, codes, comments, days, monthUnitsAfter = "month_units_after", from, to, source }
        }
        var rules: [Rule]
        var admission: [AdmissionRule]?
        var commentDates: [CommentDateRule]?
        enum CodingKeys: String, CodingKey { case rules, admission, commentDates = "comment_dates" }
    }

    private struct AgeMonthFile: Decodable {
        struct Rule: Decodable {
            var id: String
            var upperAge: String
            var age: Int
            var from: String
            var to: String?
            var source: String
            enum CodingKeys: String, CodingKey { case id, upperAge = "upper_age", age, from, to, source }
        }
        var rules: [Rule]
    }

    private struct PrescriptionFile: Decodable {
        struct NewDrug: Decodable { var days: Int; var months: Int }
        struct Limit: Decodable { var name: String; var days: Int; var brands: [String]? }
        struct Version: Decodable {
            var from: String
            var to: String?
            var source: String
            var controlledDefaultDays: Int
            var newDrug: NewDrug
            var limits: [Limit]
            enum CodingKeys: String, CodingKey { case from, to, source, controlledDefaultDays = "controlled_default_days", newDrug = "new_drug", limits }
        }
        var versions: [Version]
    }
}

extension AuditParameters.DatedRule {
    func applies(on d: ServiceDate) -> Bool { from <= d && (to.map { d <= $0 } ?? true) }
}
