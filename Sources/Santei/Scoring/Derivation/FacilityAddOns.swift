import Foundation

// 施設基準-driven add-ons (issue 12 item 2): an add-on whose master row names a 施設基準 (医科診療行為マスター
// 項番72-81 施設基準コード①〜⑩, 別紙7-8) is derived when the facility holds that 施設基準 on the service date
// (`facility.standards`, FacilityStandard.requirementIsMet: the SA-C006 group logic) and its base is in the
// order, within its own limits. Without a 施設基準 nothing is derived.

/// The add-ons of `Masters/params/facility-add-ons.json`: 施設基準 add-ons whose rows name no base (検体検査管理加算
/// D026 注4, 画像診断管理加算 第4部 通則4・5, 病理診断管理加算 N006 注4), one version per 診療報酬改定.
public struct FacilityAddOnRules: Sendable, DatedParameterFile {
    public struct AddOn: Sendable, Decodable {
        public var name: String
        public var section: String
        /// 区分番号 of the bases (コード表用番号 alphabet + 区分番号, e.g. "E203").
        public var bases: [String]
        /// Base rows by code, for an add-on whose bases are some rows of a 区分 only (B001-2 注3: 機能強化加算
        /// （小児科外来診療料） on the 初診時 rows of 小児科外来診療料).
        public var baseCodes: [String]?
        /// Candidate rows, preferred first (加算４・３・２ in place of 加算１).
        public var candidates: [String]
        /// For an 入院 claim, when they differ (D026 注4: （Ⅱ）〜（Ⅳ） 入院中の患者に限る).
        public var inpatientCandidates: [String]?
        /// At most this many a month (nil: no monthly limit of its own).
        public var perMonth: Int?
        public var passage: String
        /// The add-on is billed only beside one of these rows, stated or derived on the same base (第1部 通則4–6, 第2部 通則6–8:
        /// 「前号に規定する外来感染対策向上加算を算定した場合は」).
        public var requires: [String]?
        /// The monthly limit is shared with the `linked` add-ons of this group (B001-2 注3 / B001-2-11 注3: 医療ＤＸ推進体制整備加算
        /// （医学管理等） and A000 注16's, one 月１回 between them); nil: counted by `name`.
        public var group: String?
        /// Rows of other bases that count against `perMonth` when the claim states them (A000 注16 医療ＤＸ推進体制整備加算（初診）
        /// 111703370…: a 初診 earlier in the month billed the 月１回 — review 209 BD-3).
        public var monthCodes: [String]?
        enum CodingKeys: String, CodingKey { case name, section, bases, baseCodes = "base_codes", candidates, inpatientCandidates = "inpatient_candidates", perMonth = "per_month", passage, requires, group, monthCodes = "month_codes" }
    }
    /// Add-ons the masters link to a base (注加算コード, 通番) whose only condition is the 施設基準.
    public struct Linked: Sendable, Decodable {
        public var addOnCode: Int
        public var serials: [String]
        public var name: String
        /// Add-ons sharing one monthly limit (初診 and 再診 rows of one 加算).
        public var group: String
        public var perMonth: Int?
        public var passage: String
        /// A fact of the facility (`facility.facts`) that is the add-on's condition in place of a notified 施設基準
        /// (A001 注11 明細書発行体制等加算: a 施設基準 that needs no 届出, so its row names no 施設基準 code).
        public var fact: String?
        /// Rows of the family that are not 基本項目 (告示等識別区分（１） 1) but carry this add-on too, by code (A001 注9:
        /// 電話等再診料 takes 注10 時間外対応加算 and 注11 明細書発行体制等加算, not 注15–注20; 通知 A001 (9)エ).
        public var extraBases: [String]?
        /// The add-on is billed only with one of this `group` on the same base (A000 注12–14 / A001 注16–18: 連携強化加算,
        /// サーベイランス強化加算, 抗菌薬適正使用体制加算 「注11本文（注15本文）に該当する場合であって」 — with 外来感染対策向上加算).
        public var requiresGroup: String?
        /// 許可病床数 below which a hospital may bill it (A000 注10 機能強化加算: 200床未満の病院又は診療所), when the
        /// master's 病床数区分 does not say it; a clinic, or a claim not stating `facility.beds`, is not limited.
        public var bedsBelow: Int?
        enum CodingKeys: String, CodingKey {
            case addOnCode = "add_on_code", serials, name, group, perMonth = "per_month", passage, fact, extraBases = "extra_bases"
            case requiresGroup = "requires_group", bedsBelow = "beds_below"
        }
    }
    /// A fee the order does not state that a visit earns by facts of the facility and of the visit, derived as an
    /// order of its own (`VisitFeeDeriver`): B001-2-6 夜間休日救急搬送医学管理料.
    public struct VisitFee: Sendable, Decodable {
        public var code: String
        public var name: String
        public var section: String
        /// 診療識別 of the derived order (13 医学管理).
        public var category: Int
        public var facilityFact: String
        /// `encounters[].arrival` the fee needs ("ambulance": 救急用の自動車・救急医療用ヘリコプター).
        public var arrival: String
        /// コード表用番号 (alphabet + 区分番号) of the base the day must carry (A000 初診料: 初診の日に限り).
        public var firstVisitSection: String
        /// Time bands that qualify on any day; on Saturdays `saturdayTimeBands` as well; on other days a band of
        /// `weekdayNoteTimeBands` may or may not be 夜間 (a note asks the clerk to state it).
        public var timeBands: [String]
        public var saturdayTimeBands: [String]
        public var weekdayNoteTimeBands: [String]
        /// Codes whose presence on the day excludes the fee (113013710 B001-2-5 院内トリアージ実施料, 通知(3); its
        /// コード表用番号 B001-02-008 does not print its 区分番号, so the rule names the row).
        public var excludedCodes: [String]
        public var passage: String
        enum CodingKeys: String, CodingKey {
            case code, name, section, category, facilityFact = "facility_fact", arrival, firstVisitSection = "first_visit_section"
            case timeBands = "time_bands", saturdayTimeBands = "saturday_time_bands", weekdayNoteTimeBands = "weekday_note_time_bands"
            case excludedCodes = "excluded_codes", passage
        }
    }
    /// A 診断料 of a 検査等実施判断グループ whose condition is a fact of the facility (N006 病理診断料 注1・注2:
    /// 病理診断を専ら担当する医師が勤務する病院 or 常勤の医師が勤務する診療所 — no 届出, so no 施設基準 code):
    /// without the fact the month's tests of its group earn the fee of `otherwiseGroup` instead (N007 病理判断料),
    /// which is never billed beside it (N007 注2).
    public struct JudgementFact: Sendable, Decodable {
        public var code: String
        public var fact: String
        public var otherwiseGroup: Int
        public var passage: String
        enum CodingKeys: String, CodingKey { case code, fact, otherwiseGroup = "otherwise_group", passage }
    }
    /// A 判断料 that is never derived from its group's tests: its condition is a fact of the patient and of the
    /// management the claim does not carry (D270-2 ロービジョン検査判断料: 視覚障害を有するもの … 療養上の指導管理を
    /// 行った場合に限り, 通知 D270-2 (1)); the clerk states it.
    public struct StatedOnlyJudgement: Sendable, Decodable {
        public var code: String
        public var passage: String
    }
    public struct Version: Sendable, Decodable {
        public var from: String
        public var revision: String
        public var source: String
        public var addOns: [AddOn]
        public var linked: [Linked]
        public var visitFees: [VisitFee]
        public var judgementFacts: [JudgementFact]
        public var judgementStatedOnly: [StatedOnlyJudgement]
        /// First letters of the bases' 区分番号 (`addOns`), to skip other 部 without building strings.
        let baseAlphabets: [UInt8]
        /// Every `base_codes` code of `addOns`.
        let addOnBaseCodes: Set<UInt64>
        /// `FacilityAddOnRules.key` of each fact-linked (注加算コード, 通番) → its fact.
        let factKeys: [Int: String]
        /// Every `extra_bases` code of `linked`.
        let extraBaseCodes: Set<UInt64>
        /// `addOns` with their codes and 区分番号 as integers, read once at load (same order).
        let prepared: [Prepared]
        struct Prepared: Sendable {
            /// `bases` as `FacilityAddOnRules.sectionKey` of their bytes ("E203").
            var baseKeys: [UInt64]
            var baseCodes: [UInt64]
            var candidates: [UInt64]
            var inpatientCandidates: [UInt64]?
        }
        enum CodingKeys: String, CodingKey { case from, revision, source, addOns = "add_ons", linked, visitFees = "visit_fees", judgementFacts = "judgement_facts", judgementStatedOnly = "judgement_stated_only" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try c.decode(String.self, forKey: .from)
            revision = try c.decode(String.self, forKey: .revision)
            source = try c.decode(String.self, forKey: .source)
            addOns = try c.decode([AddOn].self, forKey: .addOns)
            linked = try c.decode([Linked].self, forKey: .linked)
            visitFees = try c.decodeIfPresent([VisitFee].self, forKey: .visitFees) ?? []
            judgementFacts = try c.decodeIfPresent([JudgementFact].self, forKey: .judgementFacts) ?? []
            judgementStatedOnly = try c.decodeIfPresent([StatedOnlyJudgement].self, forKey: .judgementStatedOnly) ?? []
            baseAlphabets = Array(Set(addOns.flatMap { $0.bases.compactMap(\.utf8.first) }))
            addOnBaseCodes = Set(addOns.flatMap { ($0.baseCodes ?? []).compactMap(UInt64.init) })
            var keys: [Int: String] = [:]
            for l in linked { if let f = l.fact { for serial in l.serials { keys[FacilityAddOnRules.key(l.addOnCode, Array(serial.utf8))] = f } } }
            factKeys = keys
            extraBaseCodes = Set(linked.flatMap { ($0.extraBases ?? []).compactMap(UInt64.init) })
            prepared = addOns.map { a in
                Prepared(baseKeys: a.bases.map { FacilityAddOnRules.sectionKey($0.utf8, EmptyCollection<UInt8>()) }, baseCodes: (a.baseCodes ?? []).compactMap(UInt64.init),
                         candidates: a.candidates.compactMap(UInt64.init), inpatientCandidates: a.inpatientCandidates.map { $0.compactMap(UInt64.init) })
            }
        }

        func linked(_ c: Int, _ serial: String) -> Linked? { linked.first { $0.addOnCode == c && $0.serials.contains(serial) } }
    }
    public var versions: [Version]
    /// The facility facts (`facility.facts`) the rules read, with what each means; a claim stating another is refused.
    public var facts: [String: String]
    /// `from` of each version as a day number (same order as `versions`).
    let starts: [Int]

    enum CodingKeys: String, CodingKey { case versions, facts }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decode([Version].self, forKey: .versions)
        facts = try c.decodeIfPresent([String: String].self, forKey: .facts) ?? [:]
        for v in versions {
            for name in v.linked.compactMap(\.fact) + v.visitFees.map(\.facilityFact) where facts[name] == nil {
                throw DecodingError.dataCorruptedError(forKey: .facts, in: c, debugDescription: "version \(v.from): fact \"\(name)\" is not declared in facts")
            }
        }
        starts = try c.versionStarts(versions.map(\.from), forKey: .versions)
    }

    /// (注加算コード, 通番) as one integer: the code and the 通番's first two bytes (通番 is one character).
    @inline(__always) static func key<C: Collection>(_ c: Int, _ serial: C) -> Int where C.Element == UInt8 {
        var k = c << 16
        var it = serial.makeIterator()
        if let a = it.next() { k |= Int(a) << 8; if let b = it.next() { k |= Int(b) } }
        return k
    }

    /// A 区分番号 as written in the rules ("E203"), or as the s master's コード表用番号 alphabet and 区分番号 columns
    /// ("E", "203"), as one integer: the bytes in order (a 区分番号 is at most a few bytes).
    @inline(__always) static func sectionKey<A: Sequence<UInt8>, N: Sequence<UInt8>>(_ alphabet: A, _ number: N) -> UInt64 {
        var k: UInt64 = 0
        for b in alphabet { k = (k &<< 8) | UInt64(b) }
        for b in number { k = (k &<< 8) | UInt64(b) }
        return k
    }

    /// The version in force on `date` (versions in date order), nil before the first.
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    public static func load(path: String) throws -> FacilityAddOnRules { try loadFile(path: path) }

    /// As built into the library, decoded once.
    public static let embedded: FacilityAddOnRules? = embeddedFile("params/facility-add-ons.json")
}

/// Add-ons derived so far in the claim's month: code → the days they were added on (limits per 日 / 月).
struct FacilityAddOnMonth {
    var days: [UInt64: [Int]] = [:]
    /// Rules of `FacilityAddOnRules` (by name) used this month.
    var rules: [String: Int] = [:]
    /// The 診療行為 codes the claim states, with their days: a 背反 partner billed this month (03-2) or this day (03-1)
    /// keeps an add-on from being derived. Read from `claim` when an add-on is first about to be derived.
    private var statedCodes: [UInt64: [Int]]? = nil
    private let claim: Claim?

    init() { claim = nil }
    init(_ claim: Claim) { self.claim = claim }
    /// A hospital's 許可病床数 when the claim states it (`facility.beds`), for a rule's `beds_below`.
    var hospitalBeds: Int? { claim?.facility?.kind == "clinic" ? nil : claim?.facility?.beds }

    mutating func stated(_ code: UInt64) -> [Int] {
        if statedCodes == nil {
            var out: [UInt64: [Int]] = [:]
            for encounter in claim?.encounters ?? [] {
                guard let day = ServiceDate(encounter.date)?.dayNumber else { continue }
                for order in encounter.orders {
                    for item in order.items where item.code.utf8.first == UInt8(ascii: "1") {
                        if let c = UInt64(item.code) { out[c, default: []].append(day) }
                    }
                }
            }
            statedCodes = out
        }
        return statedCodes?[code] ?? []
    }
}

/// Derives the 施設基準 add-ons of one order's items.
///
/// - Linked by the master (R06rec1 項番38/39): for a base row (告示等識別区分（１）1, 注加算コード C, 通番 0), the
///   members of C (告示等識別区分 7 加算 / 9 通則加算) that name a 施設基準, have no 時間加算区分 (time add-ons are
///   `AddOnDeriver`'s), apply to 入院外 (入外適用区分 not 1), to the facility kind (病院・診療所区分) and to the
///   patient's age (下限/上限年齢), and whose 施設基準 the facility holds — one per 通番 (members of one 通番
///   exclude each other; of several that fit, none and a note) — when `FacilityAddOnRules` lists the 通番 as one
///   whose only condition is the 施設基準 (A000 注10 機能強化加算, 注11 外来感染対策向上加算, 注16 医療DX推進体制
///   整備加算; A001 注10 時間外対応加算１〜４, 注15 …); any other (発熱患者等対応加算, 冠動脈CT撮影加算 …) needs a fact
///   of the visit and gets a note instead.
/// - Named in `FacilityAddOnRules` (no 注加算 link in the master): the first candidate row whose 施設基準 the
///   facility holds, for a base of the listed 区分番号.
/// - Limits: the 05算定回数テーブル rows of the add-on for 日 (121) and 月 (131) (e.g. 外来感染対策向上加算 月1回),
///   and `perMonth` of a rule; counted over the add-ons derived in the
///   claim's month and the add-on stated in the order. Nothing is added when the order states a member of
///   that 通番 (or the rule's candidate) already.
struct FacilityAddOnDeriver {
    let set: MasterSet
    let rules: FacilityAddOnRules?

    func derive(_ items: [UnitItem], table t: MasterTable, chain: Int, date: ServiceDate, age: PatientAge, facilityKind: String?,
                standards: Set<Int>, facts: Set<String> = [], inpatient: Bool = false, month: inout FacilityAddOnMonth,
                beside: [UnitItem] = []) -> (added: [UnitItem], notes: [String]) {
        guard !standards.isEmpty || !facts.isEmpty, let version = rules?.version(on: date) else { return ([], []) }
        let P = ProcedureColumn.self
        var added: [UnitItem] = [], notes: [String] = []
        var codes = Set(items.map(\.code))
        var present = Set<Int>()   // FacilityAddOnRules.key of the (注加算コード, 通番) stated or derived
        // An add-on of a base's family stated as an order of its own beside it (the encounter's other orders of the same
        // 診療識別: 外来感染対策向上加算 as an SI record of its own) is the base's: not derived again (review 146 C60).
        for item in beside where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date), let c = t.integer(v, P.addOnCode), c != 0 else { continue }
            let serial = t.bytes(v, P.addOnSerial)
            if !(serial.count == 1 && serial[0] == UInt8(ascii: "0")) { present.insert(FacilityAddOnRules.key(c, serial)) }
        }
        var bases: [(code: UInt64, version: Int, c: Int, extra: Bool)] = []
        var sections: [UInt64] = []   // `FacilityAddOnRules.sectionKey` of the 区分 a rule's alphabet names
        var codeBases = Set<UInt64>()
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { continue }
            if !version.addOnBaseCodes.isEmpty && version.addOnBaseCodes.contains(item.code) { codeBases.insert(item.code) }
            let c = t.integer(v, P.addOnCode) ?? 0, serial = t.bytes(v, P.addOnSerial)
            let isBaseSerial = serial.count == 1 && serial[0] == UInt8(ascii: "0")
            if c != 0 && !isBaseSerial { present.insert(FacilityAddOnRules.key(c, serial)) }
            if t.bytes(v, P.noticeClass1).first == UInt8(ascii: "1") {
                // 入院: only the add-ons named in the rules file (the linked ones are 初診・再診 add-ons).
                if c != 0 && isBaseSerial && !inpatient { bases.append((item.code, v, c, false)) }
                // Only 部 whose 区分 a rule names (D, E): no string for the others.
                if let a = t.bytes(v, P.codeTableAlphabet).first, version.baseAlphabets.contains(a) {
                    let key = FacilityAddOnRules.sectionKey(t.bytes(v, P.codeTableAlphabet), t.bytes(v, P.sectionNumber))
                    if !sections.contains(key) { sections.append(key) }
                }
            } else if c != 0 && isBaseSerial && !inpatient && version.extraBaseCodes.contains(item.code) {
                bases.append((item.code, v, c, true))
            }
        }
        func held(_ w: Int) -> (met: Bool, names: [Int]) {
            var any = false
            for k in 0..<P.facilityStandardCount where (t.integer(w, P.facilityStandardFirst + k) ?? 0) != 0 { any = true; break }
            guard any else { return (false, []) }
            let columns = (0..<P.facilityStandardCount).map { FacilityStandard(rawValue: t.integer(w, P.facilityStandardFirst + $0) ?? 0) }
            let named = columns.filter { $0 != .none }.map(\.rawValue)
            guard !named.isEmpty, !named.contains(9999) else { return (false, named) }
            return (FacilityStandard.requirementIsMet(columns: columns, holds: { standards.contains($0.rawValue) }), named)
        }
        // The 05算定回数テーブル index, looked up once per call and only when an add-on is about to be added.
        var countsLooked = false
        var countsIndex: CountLimitIndex? = nil
        func withinLimits(_ code: UInt64, _ w: Int) -> Bool {
            // What the claim states of the code counts with what was derived (review 146 C61: 外来感染対策向上加算 stated on
            // 07-03 and derived again on 07-10 against its 1回/月).
            let used = month.stated(code) + (month.days[code] ?? [])
            if !countsLooked {
                countsLooked = true
                countsIndex = (try? set.chainIndex(.countLimit, on: date)).map { set.chainCache($0, "audit.counts") { CountLimitIndex($0) } }
            }
            if let counts = countsIndex {
                for r in counts.rows(of: code) {
                    let row = counts.rows[r]
                    guard row.dates.contains(date.yyyymmdd), row.limit > 0 else { continue }
                    if row.unit == .month && used.count >= row.limit { return false }
                    if row.unit == .day && used.filter({ $0 == date.dayNumber }).count >= row.limit { return false }
                }
            }
            // 03-1 (同一日) and 03-2 (同一月内) 背反テーブル: a partner stated or derived on the day / in the month is
            // billed instead (外来感染対策向上加算（再診） and （在宅医療）: 第2部 通則5 ただし, either one a month). Rows
            // with a 特例条件 are left to the audit.
            for (k, window) in [(0, true), (1, false)] {
                guard let chain = try? set.chainIndex(MasterKind.conflictKinds[k], on: date) else { continue }
                let conflicts = set.chainCache(chain, "audit.conflict") { ConflictIndex($0) }
                guard conflicts.codes.contains(code) else { continue }
                for partner in conflicts.partners[code] ?? [] {
                    let partnerDays = month.stated(partner) + (month.days[partner] ?? [])
                    guard !partnerDays.isEmpty, !window || partnerDays.contains(date.dayNumber),
                          let row = conflicts.row(code, partner, on: date.yyyymmdd), row.special == 0 else { continue }
                    notes.append("\(code): not derived — 背反 (\(window ? "同一日" : "同一月内")) with \(partner) billed \(window ? "this day" : "this month")")
                    return false
                }
            }
            return true
        }
        /// `why`: what allowed it ("the facility holds 施設基準 …" or "facility.facts …").
        func add(_ code: UInt64, _ w: Int, _ why: String) {
            added.append(UnitItem(kind: .procedure, code: code)); codes.insert(code)
            month.days[code, default: []].append(date.dayNumber)
            notes.append("\(code) \(t.string(w, P.abbreviatedName)): derived, \(why)")
        }
        // Linked by 注加算コード.
        if bases.isEmpty && sections.isEmpty && codeBases.isEmpty { return ([], []) }
        let index = set.addOnIndex(chain: chain)
        for base in bases {
            var bySerial: [String: [(code: UInt64, version: Int, standards: [Int])]] = [:]
            for j in index.family(base.c) {
                guard let w = t.version(ofCode: j, on: date), t.integer(w, P.addOnCode) == base.c else { continue }
                let k1 = t.bytes(w, P.noticeClass1).first
                guard k1 == UInt8(ascii: "7") || k1 == UInt8(ascii: "9"), (t.integer(w, P.timeAddOnClass) ?? 0) == 0,
                      t.integer(w, P.inpatientApplicability) != InpatientApplicability.inpatientOnly.rawValue,
                      t.allowsFacility(w, facilityKind) else { continue }
                let serialKey = FacilityAddOnRules.key(base.c, t.bytes(w, P.addOnSerial))
                guard !present.contains(serialKey) else { continue }
                var (met, named) = held(w)
                // A fact-linked rule (明細書発行体制等加算): the facility fact in place of a 施設基準 the row does not name.
                if let fact = version.factKeys[serialKey] {
                    guard named.isEmpty || met, facts.contains(fact) else { continue }
                    met = true
                }
                guard met, age.satisfies(lower: t.string(w, P.minimumAge), upper: t.string(w, P.maximumAge), on: date) == true else { continue }
                bySerial[t.string(w, P.addOnSerial), default: []].append((t.code(at: j), w, named))
            }
            for serial in bySerial.keys.sorted() {
                guard let fits = bySerial[serial] else { continue }
                if fits.count > 1 {
                    // The one-add-on message's reason when no rule would derive either (review 416 JD-4: 緊急往診加算 rows read as if one
                    // would be derived were it alone).
                    let factOfVisit = version.linked(base.c, serial) == nil ? ", each needing a fact of the visit as well" : ""
                    notes.append("注加算コード \(base.c) 通番 \(serial): the facility holds the 施設基準 of several add-ons (\(fits.map { String($0.code) }.joined(separator: ", ")))\(factOfVisit); none derived, state the one that applies")
                    continue
                }
                guard let pick = fits.first, !codes.contains(pick.code) else { continue }
                // A base named by `extra_bases` carries only the rules that name it.
                if base.extra && version.linked(base.c, serial)?.extraBases?.contains(String(base.code)) != true { continue }
                guard let rule = version.linked(base.c, serial) else {
                    notes.append("\(pick.code) \(t.string(pick.version, P.abbreviatedName)): the facility holds its 施設基準 \(pick.standards.map { String($0) }.joined(separator: "/")), but the add-on needs a fact of the visit as well; not derived, state it if it applies")
                    continue
                }
                if let below = rule.bedsBelow, let beds = month.hospitalBeds, beds >= below {
                    notes.append("\(pick.code) \(t.string(pick.version, P.abbreviatedName)): not derived — a hospital of \(beds) beds (facility.beds); \(rule.name) is for one of fewer than \(below) (\(rule.passage))")
                    continue
                }
                if let required = rule.requiresGroup {
                    // Serials are taken in order: the required add-on (外来感染対策向上加算, 通番 4/6) comes before its dependants.
                    let serials = version.linked.filter { $0.group == required && $0.addOnCode == base.c }.flatMap(\.serials)
                    guard serials.contains(where: { present.contains(FacilityAddOnRules.key(base.c, Array($0.utf8))) }) else {
                        notes.append("\(pick.code) \(t.string(pick.version, P.abbreviatedName)): not derived — billed only with \(required) on the same 初診・再診, which is not billed here (\(rule.passage))")
                        continue
                    }
                }
                guard (rule.perMonth.map { (month.rules[rule.group] ?? 0) < $0 } ?? true), withinLimits(pick.code, pick.version) else { continue }
                present.insert(FacilityAddOnRules.key(base.c, Array(serial.utf8)))
                month.rules[rule.group, default: 0] += 1
                if let fact = rule.fact {
                    add(pick.code, pick.version, "facility.facts \(fact) (\(rule.name); 注加算コード \(base.c) 通番 \(serial) of \(base.code); \(rule.passage.prefix(while: { $0 != ":" })))")
                } else {
                    add(pick.code, pick.version, "the facility holds 施設基準 \(pick.standards.map { String($0) }.joined(separator: "/")) (\(rule.name); 注加算コード \(base.c) 通番 \(serial) of \(base.code))")
                }
            }
        }
        // Named in Masters/params/facility-add-ons.json.
        if !sections.isEmpty || !codeBases.isEmpty {
            for (r, rule) in version.addOns.enumerated() {
                let ready = version.prepared[r]
                guard ready.baseKeys.contains(where: sections.contains) || ready.baseCodes.contains(where: codeBases.contains) else { continue }
                let candidates = (inpatient ? ready.inpatientCandidates : nil) ?? ready.candidates
                guard !candidates.contains(where: codes.contains) else { continue }
                if let required = rule.requires, !required.contains(where: { UInt64($0).map(codes.contains) ?? false }) { continue }
                // A monthly limit counts the rows the claim states this month as well (N006 注4 病理診断管理加算 stated,
                // N006 derived: not a second time).
                let counter = rule.group ?? rule.name
                if let limit = rule.perMonth {
                    let stated = candidates.reduce(0) { $0 + month.stated($1).count } + (rule.monthCodes ?? []).reduce(0) { $0 + (UInt64($1).map { month.stated($0).count } ?? 0) }
                    guard (month.rules[counter] ?? 0) + stated < limit else { continue }
                }
                let excluded = inpatient ? InpatientApplicability.outpatientOnly.rawValue : InpatientApplicability.inpatientOnly.rawValue
                var fits: [(code: UInt64, version: Int, standards: [Int])] = []
                for code in candidates {
                    guard let j = t.codeIndex(of: code), let w = t.version(ofCode: j, on: date),
                          t.integer(w, P.inpatientApplicability) != excluded, t.allowsFacility(w, facilityKind) else { continue }
                    let (met, named) = held(w)
                    if met { fits.append((code, w, named)) }
                }
                guard let pick = fits.first else { continue }
                // Candidates are in the 告示's order of preference only where their 施設基準 differ (加算２ in place of
                // 加算１). Rows of one 施設基準 (医療ＤＸ推進体制整備加算１〜６ from 2024-10, graded by a rate no master holds)
                // cannot be told apart: none derived, and a note (as for the linked add-ons of one 通番).
                let alike = fits.filter { Set($0.standards) == Set(pick.standards) }
                if alike.count > 1 {
                    notes.append("\(rule.name) (\(rule.section)): the facility holds the 施設基準 of several rows (\(alike.map { String($0.code) }.joined(separator: ", "))); none derived, state the one that applies")
                    continue
                }
                if withinLimits(pick.code, pick.version) {
                    add(pick.code, pick.version, "the facility holds 施設基準 \(pick.standards.map { String($0) }.joined(separator: "/")) (\(rule.section)\(rule.perMonth == 1 ? ", once a month" : ""); facility-add-ons.json \(version.revision))")
                    month.rules[counter, default: 0] += 1
                }
            }
        }
        return (added, notes)
    }

}
