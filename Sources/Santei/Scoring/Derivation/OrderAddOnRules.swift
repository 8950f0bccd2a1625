import Foundation

/// The law that calls for an add-on or a reduction of an order where no master links the row to the
/// facts (`Masters/params/order-add-ons.json`), one version per 診療報酬改定 with its effective date and
/// source: which row bills each clause, and the 区分番号 ranges, department and age it names. The points
/// are read from the masters on the service date, never from here. The rules: `G-InjectionAddOns.swift`
/// (第6部 通則3・5), `J-ENTInfantAddOn.swift` (第9部 通則7), `E200-E202-RepeatTomography.swift` (第4部
/// 第3節 通則2), `B001-2-PediatricTimeAddOn.swift` (B001-2 注3 ただし).
public struct OrderAddOnRules: Sendable, DatedParameterFile {
    /// A clause's row: code, the 区分 it must carry, the passage (as `MedicationRules.Row`).
    public typealias Row = MedicationRules.Row

    /// 第6部 通則3・4・5.
    public struct Injection: Sendable, Decodable {
        public var biological: Row
        public var narcotic: Row
        /// 精密持続点滴注射加算: named so that its note can cite it; never derived (a fact no field carries).
        public var preciseDrip: Row
        enum CodingKeys: String, CodingKey { case biological, narcotic, preciseDrip = "precise_drip" }
    }

    /// 第4部 第3節 通則2: the 区分 whose 撮影 count toward the month and are reduced from the second on, and
    /// those that only count before them (通知 1(1)).
    /// 第3部 第3節 ２回目以降 100分の90 (D-RepeatTestReduction.swift): the ％減算 row, the コード表用番号 letters
    /// whose rows of 逓減対象区分 1 are counted, and the 区分 whose items are one 検査 (通知 呼吸循環機能検査等 (1)).
    public struct TestRepeat: Sendable, Decodable {
        public var code: String
        public var letters: [String]
        public var sameTestSections: [String]
        /// Rows one 検査 though of different 項番 (D313 1 イ・ロ・ハ: 内視鏡 通知; D215 3 心臓超音波検査, one 部位: 通知 D215 (1)).
        public var sameTestGroups: [[String]]?
        public var passage: String
        /// `letters` and `sameTestSections` read once, at load (asked per 検査 item).
        let letterBytes: [UInt8]
        let sameTests: [SectionCode]
        enum CodingKeys: String, CodingKey { case code, letters, sameTestSections = "same_test_sections", sameTestGroups = "same_test_groups", passage }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            letters = try c.decode([String].self, forKey: .letters)
            sameTestSections = try c.decode([String].self, forKey: .sameTestSections)
            sameTestGroups = try c.decodeIfPresent([[String]].self, forKey: .sameTestGroups)
            passage = try c.decode(String.self, forKey: .passage)
            letterBytes = letters.compactMap { $0.utf8.first }
            sameTests = sameTestSections.compactMap(SectionCode.init)
        }
    }

    public struct TomographyRepeat: Sendable, Decodable {
        public var counted: [String]
        public var countedBefore: [String]
        public var passage: String
        enum CodingKeys: String, CodingKey { case counted, countedBefore = "counted_before", passage }
    }

    /// 第9部 通則7 耳鼻咽喉科乳幼児処置加算.
    public struct ENTInfant: Sendable, Decodable {
        public var code: String
        public var section: String
        /// The first and last 区分 of the range (J095 … J115-2), both included.
        public var first: String
        public var last: String
        /// The encounter's `department` that is the 耳鼻咽喉科 (the 告示: 耳鼻咽喉科を担当する医師).
        public var department: String
        public var belowAge: Int
        /// The 区分 whose 注 乳幼児加算 is not billed with this 加算 (J113).
        public var excludesInfantAddOnOf: String
        public var passage: String
        enum CodingKeys: String, CodingKey { case code, section, first, last, department, belowAge = "below_age", excludesInfantAddOnOf = "excludes_infant_add_on_of", passage }
    }

    /// B001-2 小児科外来診療料 注3 ただし: the 時間外・休日・深夜 加算 (less 115点 / 70点) as rows of B001-2 that no
    /// 注加算コード links to the fee; per group of bases (初診時, 再診時, 再診時 of a 病院 of `minBeds` or more
    /// beds — 外来診療料), the rows among which the band's 時間加算区分 picks.
    public struct PediatricOutpatientTime: Sendable, Decodable {
        public struct Group: Sendable, Decodable {
            public var visit: String
            public var minBeds: Int?
            public var bases: [String]
            public var codes: [String]
            /// The group applies only to an encounter that states a row of this 区分 (A000 初診料, A001 再診料, A002 外来診療料):
            /// a fee whose rows are the same on either visit (B001-2-12 外来腫瘍化学療法診療料) takes the 加算 of the visit it stands for.
            public var visitSection: String?
            /// The rows by time band (`TimeBand` raw value: daytime, overtime, holiday, night, early_late), where the master's
            /// 時間加算区分 does not tell them (B001-2-12: 乳幼児休日加算 and 乳幼児深夜加算 carry 1) or a row goes with the daytime
            /// visit (乳幼児加算): the band's rows that fit the patient's age, an age-limited one before one of any age. `codes` lists
            /// every row of the group, these among them (one stated leaves the group to the clerk).
            public var byBand: [String: [String]]?
            enum CodingKeys: String, CodingKey { case visit, minBeds = "min_beds", bases, codes, visitSection = "visit_section", byBand = "by_band" }
        }
        public var section: String
        public var groups: [Group]
        public var passage: String
        /// What the note names as the rule (nil: B001-2 注3 ただし).
        public var label: String?
        /// A 時間外・休日・深夜 row stated for the 再診料 in the encounter (点数欄集計先 123–125) stands for the fee's own, whose
        /// points are the same (B001-2-9 注2: the 再診料's 注5 加算 itself is not included): none derived.
        public var statedTimeRowsStand: Bool?
        enum CodingKeys: String, CodingKey { case section, groups, passage, label, statedTimeRowsStand = "stated_time_rows_stand" }
    }

    /// An age add-on a row names in its 年齢加算 columns whose 注 asks a further fact no claim field carries
    /// (I002 注3: within one year of the first 精神科 visit): never derived from the age alone.
    public struct ConditionalAgeAddOn: Sendable, Decodable {
        public var code: String
        public var section: String
        public var condition: String
        public var passage: String
    }

    /// J038 注1 / J038-2 注1 時間外・休日加算 (`J038-DialysisTimeAddOn.swift`): the row, the 区分 of the base, the
    /// bands that derive it, the bands that only get a note, and whether a Sunday in the band 休日 counts.
    public struct SessionTime: Sendable, Decodable {
        public var code: String
        public var section: String
        public var bands: [String]
        public var noteBands: [String]
        public var sundayHolidays: Bool
        public var passage: String
        /// The 通知 item the notes cite (e.g. "J038 (12)").
        public var passageRef: String
        /// What a band of `noteBands` leaves open (nil: whether the session started at 17:00 or later — J038 注1).
        public var noteFact: String?
        enum CodingKeys: String, CodingKey {
            case code, section, bands, noteBands = "note_bands", sundayHolidays = "sunday_holidays", passage, passageRef = "passage_ref", noteFact = "note_fact"
        }
    }

    /// A class: `version(on:)` hands out a reference, not a copy of every list (asked per encounter).
    public final class Version: Sendable, Decodable {
        public let from: String
        public let revision: String
        public let source: String
        public let injection: Injection
        public let tomographyRepeat: TomographyRepeat
        public let testRepeat: TestRepeat?
        /// 第9部 通則7 耳鼻咽喉科乳幼児処置加算: from R04 (2022-04-01); an earlier version has none.
        public let entInfant: ENTInfant?
        public let pediatricOutpatientTime: PediatricOutpatientTime?
        /// The same for the 医学管理 fees that include the 再診料 but not its 注5–注7 加算 (B001-2-9 注2, B001-2-10 注2):
        /// their own 時間外・休日・深夜 rows.
        public let managementFeeTime: [PediatricOutpatientTime]?
        public let ageAddOnsWithACondition: [ConditionalAgeAddOn]?
        public let sessionTimeAddOns: [SessionTime]?
        /// 通則 時間外等加算 that need a 所定点数 (第9部 通則5: 加算１ from 1,000点, 加算２ from 150点).
        public let generalTimeMinimumPoints: [GeneralTimeMinimum]?
        /// Rows that bill none of their 区分's 加算 (`BaseWithoutAddOns`).
        public let basesWithoutAddOns: [BaseWithoutAddOns]?
        enum CodingKeys: String, CodingKey {
            case from, revision, source, injection, tomographyRepeat = "tomography_repeat", testRepeat = "test_repeat", entInfant = "ent_infant"
            case pediatricOutpatientTime = "pediatric_outpatient_time", managementFeeTime = "management_fee_time", ageAddOnsWithACondition = "age_add_ons_with_a_condition"
            case sessionTimeAddOns = "session_time_add_ons", generalTimeMinimumPoints = "general_time_minimum_points"
            case basesWithoutAddOns = "bases_without_add_ons"
        }
    }

    /// A row that takes none of its 区分's 加算 (A000 注5 ただし書: the 2つ目の診療科 初診料 146点 — 注６から注16までに規定する加算は
    /// 算定しない): in an encounter that bills `code` and no other row (告示等識別区分（１） 1) of `section`, the `section`'s 加算 rows
    /// (告示等識別区分（１） 7 or 9) are not billed.
    public struct BaseWithoutAddOns: Sendable, Decodable {
        public var code: String
        public var section: String
        public var passage: String
        /// Only these 加算 of the 区分 are not billed beside it (A001 注9 電話等再診料: 注8, 注12, 注13, 注15–注20, its time and
        /// age 加算 being billed); every 加算 of the 区分 when absent.
        public var addOns: [String]? = nil
        enum CodingKeys: String, CodingKey { case code, section, passage, addOns = "add_ons" }
        /// Whether the 加算 row `code` is one the base does not bill.
        func excludes(_ code: String) -> Bool { addOns?.contains(code) ?? true }
    }

    /// The 所定点数 (the order's 診療行為 rows and their 注 加算, not its drugs, materials or 通則 rows) from which
    /// a 部's 通則 時間外・休日・深夜加算 applies: `first` for 加算１ (時間加算区分 8/9, 施設基準), `second` for 加算２.
    public struct GeneralTimeMinimum: Sendable, Decodable {
        public var part: String
        public var first: Int
        public var second: Int
        public var passage: String
    }

    public var versions: [Version]
    /// `from` of each version as a day number (ascending, same order as `versions`).
    let starts: [Int]

    enum CodingKeys: String, CodingKey { case versions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decode([Version].self, forKey: .versions)
        starts = try c.versionStarts(versions.map(\.from), forKey: .versions)
    }

    /// The version in force on `date`: the newest whose `from` is on or before it; nil before the first.
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    /// `generalTimeMinimumPoints` of the version in force, without copying the version (asked per order).
    public func generalTimeMinimums(on date: ServiceDate) -> [GeneralTimeMinimum] {
        guard let i = versionIndex(on: date) else { return [] }
        return versions[i].generalTimeMinimumPoints ?? []
    }

    public static func load(path: String) throws -> OrderAddOnRules { try loadFile(path: path) }

    /// The rules built into the library (`Masters/params/order-add-ons.json` as embedded), decoded once.
    public static let embedded: OrderAddOnRules? = embeddedFile("params/order-add-ons.json")
}

/// A 区分番号 as the params name it ("E200", "E101-3", "J115-2"): コード表用番号 alphabet, 区分番号, 枝番.
struct SectionCode: Comparable, Hashable, Sendable {
    var alphabet: UInt8
    var number: Int
    var branch: Int

    init(alphabet: UInt8, number: Int, branch: Int) { self.alphabet = alphabet; self.number = number; self.branch = branch }

    init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard let first = parts.first, let a = first.utf8.first, let n = Int(first.dropFirst()), parts.count <= 2 else { return nil }
        alphabet = a; number = n
        if parts.count == 2 { guard let b = Int(parts[1]) else { return nil }; branch = b } else { branch = 0 }
    }

    /// The 区分 of a master row (項番85 alphabet, 項番92 区分番号, 項番93 枝番).
    init?(_ t: MasterTable, _ v: Int) {
        let P = ProcedureColumn.self
        guard let a = t.bytes(v, P.codeTableAlphabet).first, let n = t.integer(v, P.sectionNumber) else { return nil }
        alphabet = a; number = n; branch = t.integer(v, P.branchNumber) ?? 0
    }

    static func < (a: SectionCode, b: SectionCode) -> Bool { (a.alphabet, a.number, a.branch) < (b.alphabet, b.number, b.branch) }
}

/// What the order rules carry from one order to the next over the claim's month.
struct OrderAddOnMonth {
    /// Days (day numbers) whose 耳鼻咽喉科乳幼児処置加算 is billed (1日につき).
    var entInfantDays: Set<Int> = []
    /// Orders (`OrderAddOnDeriver.key`) that are a second or later 断層撮影 of the month, with the 撮影 row.
    var repeatTomography: [Int: UInt64] = [:]
    /// Orders that are a second or later performance of a 検査 of the month (第3部 第3節), with the 検査 row.
    var repeatTest: [Int: UInt64] = [:]
}

/// Derives, for one order, the add-ons and reductions of `OrderAddOnRules` (第6部 通則3・5, 第9部 通則7,
/// 第4部 第3節 通則2, B001-2 注3 ただし). Returns at once for an order of another 診療識別, so the common order pays nothing.
struct OrderAddOnDeriver {
    let set: MasterSet
    let rules: OrderAddOnRules

    /// One order's position in the claim, as a key.
    static func key(encounter e: Int, order o: Int) -> Int { e << 20 | o }

    /// The row of a clause on the date, if the master has it with the 区分 the rules name.
    func row(_ code: String, section: String, _ t: MasterTable, _ date: ServiceDate) -> (code: UInt64, version: Int)? {
        guard let code = UInt64(code), let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date),
              let want = SectionCode(section), SectionCode(t, v).map({ $0.alphabet == want.alphabet && $0.number == want.number }) == true else { return nil }
        return (code, v)
    }

    /// `items`: the order's items with the add-ons derived so far, to which the rows found are added (a
    /// reduction right after its base); `added`: those add-ons (a row this removes is taken out of both).
    /// Returns the rows added and the notes.
    func derive(_ items: inout [UnitItem], added: inout [UnitItem], category: Int, encounter: Claim.Encounter, e: Int, o: Int,
                table t: MasterTable, chain: Int, dated: DatedMasters, age: PatientAge, band: TimeBand?, facility: Claim.Facility?,
                outpatient: Bool, month: inout OrderAddOnMonth) -> (added: [UnitItem], notes: [String]) {
        switch category {
        case 13:
            guard let band, let version = rules.version(on: dated.date) else { return ([], []) }
            var found: (added: [UnitItem], notes: [String]) = ([], [])
            for rule in (version.pediatricOutpatientTime.map { [$0] } ?? []) + (version.managementFeeTime ?? []) {
                let more = pediatricTime(items, rule, encounter: encounter, band: band, facility: facility, table: t, date: dated.date, age: age)
                items += more.added; found.added += more.added; found.notes += more.notes
            }
            return found
        case 31...33:
            guard let version = rules.version(on: dated.date) else { return ([], []) }
            let found = injection(items, version.injection, table: t, dated: dated)
            items += found.added
            return found
        case 40:
            guard let version = rules.version(on: dated.date) else { return ([], []) }
            var found: (added: [UnitItem], notes: [String]) = ([], [])
            if encounter.department != nil, let ent = version.entInfant {
                found = entInfant(&items, added: &added, ent, encounter: encounter, table: t, date: dated.date, age: age, month: &month)
                items += found.added
            }
            if outpatient, let band, band != .daytime, let session = version.sessionTimeAddOns, !session.isEmpty {
                let more = sessionTime(&items, added: &added, session, encounter: encounter, table: t, date: dated.date, band: band)
                items += more.added
                found.added += more.added; found.notes += more.notes
            }
            return found
        case 14:
            // 在宅 (C005 注12 夜間・早朝／深夜訪問看護加算: a row of its own, 時間加算区分 4, that no 注加算コード links).
            guard outpatient, let band, band != .daytime, let session = rules.version(on: dated.date)?.sessionTimeAddOns, !session.isEmpty else { return ([], []) }
            let found = sessionTime(&items, added: &added, session, encounter: encounter, table: t, date: dated.date, band: band)
            items += found.added
            return found
        case 60:
            guard let base = month.repeatTest[Self.key(encounter: e, order: o)], let rule = rules.version(on: dated.date)?.testRepeat else { return ([], []) }
            return repeatTest(&items, base: base, rule, table: t, date: dated.date)
        case 70:
            guard let base = month.repeatTomography[Self.key(encounter: e, order: o)], let version = rules.version(on: dated.date) else { return ([], []) }
            return repeatTomography(&items, base: base, version.tomographyRepeat, table: t, chain: chain, date: dated.date)
        default:
            return ([], [])
        }
    }
}
