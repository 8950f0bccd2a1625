import Foundation

// Look-up indexes over the 医科電子点数表 and the コメント関連テーブル, built once per chain
// (`MasterSet.chainCache`) and shared by every thread. Every row keeps its 新設年月日 and 廃止年月日 (as the
// chain's version dates), so a look-up answers for one service date without rebuilding anything.
// Keys are the 9-digit codes as integers; look-ups allocate nothing.

/// A row's validity: yyyymmdd from … to (inclusive).
struct RowDates {
    var from: UInt32
    var to: UInt32
    @inline(__always) func contains(_ d: UInt32) -> Bool { from <= d && d <= to }
}

/// 03-1〜03-4 背反テーブル: (診療行為コード①, ②) → 背反区分 and 特例条件 (tensuhyo_01 §5(3)).
/// Every pair is stored both ways in the table (§4(2)ウ); both directions are kept.
final class ConflictIndex: @unchecked Sendable {
    struct Row { var resolution: UInt8; var special: UInt8; var dates: RowDates; var next: Int32 }
    private var first: [UInt64: Int32] = [:]
    private var rows: [Row] = []
    /// The codes that appear in a pair (as ① or ②): a code absent here has no pair in the table.
    private(set) var codes: Set<UInt64> = []
    /// For each code, the codes it is paired with in either direction (each once, never itself): the
    /// audit looks at a claim item's partners only, not at every other item.
    private(set) var partners: [UInt64: [UInt64]] = [:]

    @inline(__always) static func key(_ a: UInt64, _ b: UInt64) -> UInt64 { a &* 1_000_000_000 &+ b }

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let a = t.integer(v, 1), let b = t.integer(v, 3) else { continue }
                let k = Self.key(UInt64(a), UInt64(b))
                rows.append(Row(resolution: UInt8(truncatingIfNeeded: t.integer(v, 5) ?? 3), special: UInt8(truncatingIfNeeded: t.integer(v, 6) ?? 0),
                                dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd), next: first[k] ?? -1))
                first[k] = Int32(rows.count - 1)
                codes.insert(UInt64(a))
                codes.insert(UInt64(b))
                if a != b {
                    partners[UInt64(a), default: []].append(UInt64(b))
                    partners[UInt64(b), default: []].append(UInt64(a))
                }
            }
        }
        for k in partners.keys { partners[k] = Array(Set(partners[k] ?? [])).sorted() }
    }

    /// The row for (a, b) valid on a date.
    @inline(__always) func row(_ a: UInt64, _ b: UInt64, on d: UInt32) -> Row? {
        var r = first[Self.key(a, b)] ?? -1
        while r >= 0 {
            let row = rows[Int(r)]
            if row.dates.contains(d) { return row }
            r = row.next
        }
        return nil
    }
}

/// 05算定回数テーブル rows the loaded table lacks (a code abolished before its release), with their dates:
/// `Masters/params/audit/count-limits.json`.
struct CountLimitSupplement: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var code: String; var unit: Int; var limit: Int; var special: Bool; var from: String; var to: String?; var source: String
    }
    var rows: [Row]
    /// Codes counted together per 算定単位 (I002 注1 「１と２を合わせて」, C001 注1 「イ及びロを併せて」), with the encounter
    /// fact that lifts the limit (`exceptionFact`: `exceptionLimit`, nil = none).
    struct Group: Decodable, Sendable {
        var name: String; var codes: [String]; var unit: Int; var limit: Int
        var exceptionFact: String?; var exceptionLimit: Int?; var from: String; var to: String?; var source: String
        /// The exception holds in a month whose claim bills one of these (B001 9 注1: 初回の指導を行った月).
        var exceptionCodesInMonth: [String]?
        /// The exception holds within this many days from the 初診日 (that day counted: I004 注4 「初診日から起算して
        /// ４週間以内」 = 28); with no 初診 in the claim and no fact stated, an occurrence over the limit is a warning.
        var exceptionDaysFromFirstVisit: Int?
        /// The exception holds within this many days from the 入院の日 of an 入院 claim (its 起算日, that day counted: I001 注2
        /// 「入院の日から起算して４週間以内の期間に行われる場合は週２回」 = 28).
        var exceptionDaysFromAdmission: Int?
        /// The group counts only in a month whose claim bills one of these (J038 注5, J042 注3: 在宅自己腹膜灌流指導管理料又は
        /// 在宅血液透析指導管理料を算定している患者に対して行った場合には、週１回); in another month its rows are not counted.
        var onlyWithCodesInMonth: [String]?
        enum CodingKeys: String, CodingKey {
            case name, codes, unit, limit, exceptionFact = "exception_fact", exceptionLimit = "exception_limit", from, to, source,
                 exceptionCodesInMonth = "exception_codes_in_month", exceptionDaysFromFirstVisit = "exception_days_from_first_visit",
                 exceptionDaysFromAdmission = "exception_days_from_admission", onlyWithCodesInMonth = "only_with_codes_in_month"
        }
        func dates(_ s: CountLimitSupplement, _ n: Int) -> RowDates { s.groupDates[n] }
    }
    var groups: [Group] = []
    /// Codes whose 特例条件 is 「処方の内容に変更があった場合」 (B011-3 薬剤情報提供料, 通知 (5): その都度算定できる。ただし、
    /// 薬剤の処方日数のみの変更の場合は…算定できない): a second one in the 算定単位 holds when the day's 医薬品 of the listed 診療識別
    /// (code and 使用量; not the 日数) differ from those of the day it was last billed, and is over the limit when they are the same.
    struct PrescriptionChange: Decodable, Sendable {
        var codes: [String]; var categories: [Int]; var from: String; var to: String?; var source: String
    }
    var prescriptionChange: [PrescriptionChange] = []
    /// The encounter facts (`encounters[].facts`) the groups read, with what each means.
    var facts: [String: String] = [:]
    /// code → position in `groups`; `groupDates` the (from, to) of each as yyyymmdd.
    var groupOf: [UInt64: [Int]] = [:]
    var groupDates: [RowDates] = []
    enum CodingKeys: String, CodingKey { case rows, groups, facts, prescriptionChange = "prescription_change" }

    /// The `prescriptionChange` rule naming a code on a date.
    func prescriptionChange(of code: UInt64, on date: ServiceDate) -> PrescriptionChange? {
        let key = String(code), day = String(describing: date)
        return prescriptionChange.first { $0.codes.contains(key) && $0.from <= day && day <= ($0.to ?? "9999-12-31") }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode([Row].self, forKey: .rows)
        groups = try c.decodeIfPresent([Group].self, forKey: .groups) ?? []
        facts = try c.decodeIfPresent([String: String].self, forKey: .facts) ?? [:]
        prescriptionChange = try c.decodeIfPresent([PrescriptionChange].self, forKey: .prescriptionChange) ?? []
        for r in prescriptionChange where r.codes.contains(where: { $0.utf8.count != 9 || UInt64($0) == nil }) || ServiceDate(r.from) == nil || r.to.map({ ServiceDate($0) == nil }) == true {
            throw DecodingError.dataCorruptedError(forKey: .prescriptionChange, in: c, debugDescription: "prescription_change: codes must be 9 digits and from/to dates (YYYY-MM-DD)")
        }
        for (n, g) in groups.enumerated() {
            for code in g.codes { if let k = UInt64(code) { groupOf[k, default: []].append(n) } }   // a code may be in several groups (J038: 月14回 and 週１回)
            let from = ServiceDate(g.from)?.yyyymmdd ?? 0, to = g.to.flatMap(ServiceDate.init)?.yyyymmdd ?? 99_999_999
            groupDates.append(RowDates(from: from, to: to))
        }
    }

    static let embedded: CountLimitSupplement? = {
        EmbeddedParameters.decode(CountLimitSupplement.self, "params/audit/count-limits.json")
    }()
}

/// 05算定回数テーブル: code → (算定単位コード, 算定回数, 特例条件) rows (tensuhyo_01 §5(5)).
final class CountLimitIndex: @unchecked Sendable {
    struct Row { var code: UInt64; var unit: CountUnit; var limit: Int; var special: Bool; var dates: RowDates; var name: String }
    private var ranges: [UInt64: Range<Int>] = [:]
    private(set) var rows: [Row] = []

    init(_ t: MasterTable) {
        var all: [Row] = []
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let code = t.integer(v, 1), let unit = t.integer(v, 3), let limit = t.integer(v, 5) else { continue }
                all.append(Row(code: UInt64(code), unit: CountUnit(rawValue: unit), limit: limit, special: t.integer(v, 6) == 1,
                               dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd), name: t.string(v, 4)))
            }
        }
        // Rows of codes abolished before the table's release (`Masters/params/audit/count-limits.json`).
        for r in CountLimitSupplement.embedded?.rows ?? [] {
            guard let code = UInt64(r.code), let from = ServiceDate(r.from), let to = ServiceDate(r.to ?? "9999-12-31") else { continue }
            all.append(Row(code: code, unit: CountUnit(rawValue: r.unit), limit: r.limit, special: r.special,
                           dates: RowDates(from: from.yyyymmdd, to: to.yyyymmdd), name: CountUnit.meanings[r.unit] ?? String(r.unit)))
        }
        all.sort { $0.code < $1.code }
        rows = all
        var start = 0
        while start < all.count {
            var end = start + 1
            while end < all.count && all[end].code == all[start].code { end += 1 }
            ranges[all[start].code] = start..<end
            start = end
        }
    }

    @inline(__always) func rows(of code: UInt64) -> Range<Int> { ranges[code] ?? 0..<0 }
}

/// 01補助マスターテーブル by version: 包括単位①〜③ with their グループ番号 (packed), 入院基本料識別.
final class AuxiliaryIndex: @unchecked Sendable {
    let table: MasterTable
    /// 3 per version: (包括単位, packed グループ番号); unit 0 = none.
    private var inclusion: [(unit: UInt8, group: UInt64)] = []
    private var admissionGroup: [Int32] = []
    /// The 7-character グループ番号 as written, for messages.
    private var groupNames: [UInt64: String] = [:]

    init(_ t: MasterTable) {
        table = t
        inclusion.reserveCapacity(t.versionCount * 3)
        for v in 0..<t.versionCount {
            for k in 0..<3 {
                let unit = t.integer(v, 3 + 2 * k) ?? 0
                let bytes = t.bytes(v, 4 + 2 * k)
                let isNone = bytes.isEmpty || (bytes.count == 1 && bytes[0] == UInt8(ascii: "0"))
                if unit == 0 || isNone { inclusion.append((0, 0)); continue }
                let key = KeyPacking.pack(bytes)
                inclusion.append((UInt8(truncatingIfNeeded: unit), key))
                groupNames[key] = t.string(v, 4 + 2 * k)
            }
            admissionGroup.append(Int32(t.integer(v, 19) ?? 0))
        }
    }

    /// The 01 row of a code valid on a date.
    @inline(__always) func version(of code: UInt64, on date: ServiceDate) -> Int? {
        guard let i = table.codeIndex(of: code) else { return nil }
        return table.version(ofCode: i, on: date)
    }
    @inline(__always) func inclusion(_ v: Int, _ k: Int) -> (unit: UInt8, group: UInt64) { inclusion[3 * v + k] }
    @inline(__always) func admissionGroup(_ v: Int) -> Int { Int(admissionGroup[v]) }
    func groupName(_ key: UInt64) -> String { groupNames[key] ?? String(key) }
}

/// 02包括テーブル: (グループ番号, 被包括 code) → 特例条件 (tensuhyo_01 §5(2)).
final class InclusionIndex: @unchecked Sendable {
    struct Key: Hashable { var group: UInt64; var code: UInt64 }
    struct Row { var special: Bool; var dates: RowDates; var next: Int32 }
    private var first: [Key: Int32] = [:]
    private var rows: [Row] = []
    /// Codes included in some group: a code absent here is never 被包括.
    private(set) var includedCodes: Set<UInt64> = []
    /// The codes each group includes (each once).
    private(set) var codesByGroup: [UInt64: [UInt64]] = [:]

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let code = t.integer(v, 2) else { continue }
                let k = Key(group: KeyPacking.pack(t.bytes(v, 1)), code: UInt64(code))
                rows.append(Row(special: t.integer(v, 4) == 1, dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd), next: first[k] ?? -1))
                first[k] = Int32(rows.count - 1)
                includedCodes.insert(UInt64(code))
                codesByGroup[k.group, default: []].append(UInt64(code))
            }
        }
        for g in codesByGroup.keys { codesByGroup[g] = Array(Set(codesByGroup[g] ?? [])).sorted() }
    }

    /// Whether the group includes the code on some date.
    @inline(__always) func hasRows(group: UInt64, code: UInt64) -> Bool { first[Key(group: group, code: code)] != nil }

    @inline(__always) func row(group: UInt64, code: UInt64, on d: UInt32) -> Row? {
        var r = first[Key(group: group, code: code)] ?? -1
        while r >= 0 {
            let row = rows[Int(r)]
            if row.dates.contains(d) { return row }
            r = row.next
        }
        return nil
    }
}

/// 04入院基本料テーブル: 入院基本料加算 code → (グループ番号, 加算識別) rows (tensuhyo_01 §5(4)).
final class AdmissionIndex: @unchecked Sendable {
    struct Row { var group: Int; var addOnClass: Int; var dates: RowDates }
    private var byCode: [UInt64: [Row]] = [:]

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let group = t.integer(v, 1), let code = t.integer(v, 2) else { continue }
                byCode[UInt64(code), default: []].append(Row(group: group, addOnClass: t.integer(v, 4) ?? 0,
                                                             dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd)))
            }
        }
    }

    /// Whether the code is an 入院基本料加算 of some group on the date.
    func isAddOn(_ code: UInt64, on d: UInt32) -> Bool { byCode[code]?.contains { $0.dates.contains(d) } ?? false }

    /// The 加算識別 of the code within a group on the date, or nil when the group does not list it.
    func addOnClass(_ code: UInt64, group: Int, on d: UInt32) -> Int? {
        byCode[code]?.first { $0.group == group && $0.dates.contains(d) }?.addOnClass
    }
}

/// コメント関連テーブル: 診療行為コード → the comments the 記載要領 asks for (ck_1_20240823).
final class CommentRelationIndex: @unchecked Sendable {
    struct Row {
        /// 項番 × 100 + 枝番: the rows of one requirement (any one of their comments satisfies it).
        var requirement: Int
        var section: String
        var comment: UInt64
        var condition: CommentCondition
        var nonCharge: Bool
        var inOut: CommentInOutClass
        var count: Int
        var dates: RowDates
    }
    private var byCode: [UInt64: [Row]] = [:]

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let code = t.integer(v, 5), let comment = t.integer(v, 8), comment != 0 else { continue }
                let row = Row(requirement: (t.integer(v, 2) ?? 0) * 100 + (t.integer(v, 4) ?? 0), section: t.string(v, 3),
                              comment: UInt64(comment), condition: CommentCondition(rawValue: t.integer(v, 13) ?? 0),
                              nonCharge: t.integer(v, 14) == 1, inOut: CommentInOutClass(rawValue: t.integer(v, 15) ?? 0),
                              count: t.integer(v, 16) ?? 0, dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd))
                byCode[UInt64(code), default: []].append(row)
            }
        }
        for k in byCode.keys { byCode[k]!.sort { ($0.requirement, $0.comment) < ($1.requirement, $1.comment) } }
    }

    func rows(of code: UInt64) -> [Row]? { byCode[code] }
}

/// 医科診療行為マスター: the コード表用番号 (alphabet and 区分番号; the 枝番 is left out, as an add-on of
/// B001-2 小児科外来診療料 is filed there also for the base B001-2-11 小児かかりつけ診療料) that hold a base row
/// (告示等識別区分（２） 1 基本 or 3 合成), for SA-A003. Built once per chain.
final class SectionBaseIndex: @unchecked Sendable {
    private(set) var sections: Set<Int> = []
    /// Section key → the 検査等実施判断グループ of its base rows that are 判断料 (検査等実施判断区分 2: N006 病理診断料,
    /// D026 検体検査判断料), whose add-ons (N006 注4 病理診断管理加算) go with a fee `santei price` derives.
    private(set) var judgementGroups: [Int: Set<Int>] = [:]

    /// alphabet << 16 | 区分番号, or nil when the row's コード表用番号 is not of that shape.
    static func key(_ t: MasterTable, _ v: Int) -> Int? {
        let P = ProcedureColumn.self
        let a = t.bytes(v, P.codeTableAlphabet)
        guard a.count == 1, let section = t.integer(v, P.sectionNumber), section >= 0, section < 65_536 else { return nil }
        return Int(a[0]) << 16 | section
    }

    init(_ t: MasterTable) {
        for v in 0..<t.versionCount {
            let n = t.bytes(v, AuditColumn.procedureNoticeClass2)
            guard n.count == 1, n[0] == UInt8(ascii: "1") || n[0] == UInt8(ascii: "3"), let k = Self.key(t, v) else { continue }
            sections.insert(k)
            if t.integer(v, ProcedureColumn.judgementClass) == 2, let g = t.integer(v, ProcedureColumn.judgementGroup), g != 0 {
                judgementGroups[k, default: []].insert(g)
            }
        }
    }
}

/// 医薬品マスター against one version of the 掲示事項等告示 第十 二 lists (SA-R001): for each code, the days a
/// 内服 剤 may cover — a 麻薬・向精神薬 (項番14 1 or 5) by its 一般名 (the list's entry, or the default), a
/// 新医薬品 for a year from the month after its 薬価基準収載. Built once per chain and list version.
final class DrugLimitIndex: @unchecked Sendable {
    struct Limit { var days: Int; var entry: String? }

    /// Whether `needle` occurs in `hay`, byte for byte (UTF-8 is self-synchronising: a byte match is a
    /// character match).
    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = hay.count
        guard n > 0, n <= h, let first = needle.first else { return n == 0 }
        var i = 0
        while i <= h - n {
            if hay[i] == first {
                var k = 1
                while k < n && hay[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
    /// code index → the limit of a 麻薬・向精神薬.
    private(set) var controlled: [Int: Limit] = [:]
    /// code index → 薬価基準収載年月日 (yyyymmdd) of a drug taken as a 新医薬品.
    private(set) var newDrugs: [Int: UInt32] = [:]

    init(_ t: MasterTable, _ limits: AuditParameters.PrescriptionLimits) {
        let C = AuditColumn.self
        func prefix(_ v: Int) -> [UInt8]? {
            let b = t.bytes(v, C.drugPriceListCode)
            return b.count >= 7 ? Array(b.prefix(7)) : nil
        }
        // Byte-level substring search on the UTF-8 of the names: Foundation's String.contains folds
        // character clusters and took seconds over a whole drug master.
        let needles: [[[UInt8]]] = limits.entries.map { $0.matches.map { Array($0.utf8) } }
        func entry(_ v: Int) -> AuditParameters.PrescriptionLimits.Entry? {
            var text: [UInt8] = []
            text += t.bytes(v, C.drugGenericPrescriptionName); text.append(0x7C)
            text += t.bytes(v, C.drugBasicName); text.append(0x7C)
            text += t.bytes(v, DrugColumn.name)
            return text.withUnsafeBytes { hay -> AuditParameters.PrescriptionLimits.Entry? in
                for (k, list) in needles.enumerated() {
                    for n in list where !n.isEmpty {
                        if Self.contains(hay, n) { return limits.entries[k] }
                    }
                }
                return nil
            }
        }
        // The first listing of each 成分 (薬価基準収載医薬品コード's first 7 characters): 0 when some drug of it
        // carries no 薬価基準収載年月日 (listed before 2023-03, when the column starts).
        var firstListing: [[UInt8]: UInt32] = [:]
        var byPrefix: [[UInt8]: AuditParameters.PrescriptionLimits.Entry] = [:]
        var unmatched: [(Int, [UInt8]?)] = []
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let p = prefix(v) else { continue }
                let listed = UInt32(max(0, t.integer(v, C.drugListedOn) ?? 0))
                firstListing[p] = min(firstListing[p] ?? listed, listed)
            }
            // Names are read only for 麻薬・向精神薬 (項番14 1 or 5); the others only lend their entry to one of
            // those by 成分 (below).
            let v = t.versions(ofCode: i).upperBound - 1
            let flag = t.integer(v, C.drugControlled) ?? 0
            guard flag == 1 || flag == 5 else { continue }
            if let e = entry(v) { controlled[i] = Limit(days: e.days, entry: e.name) } else { unmatched.append((i, prefix(v))) }
        }
        // A 麻薬・向精神薬 whose names match no entry takes the entry of the first drug (in code order) of its
        // 成分 (薬価基準収載医薬品コード's first 7 characters) whose names do.
        let wanted = Set(unmatched.compactMap(\.1))
        if !wanted.isEmpty {
            for i in 0..<t.codeCount {
                let v = t.versions(ofCode: i).upperBound - 1
                guard let p = prefix(v), wanted.contains(p), byPrefix[p] == nil, let e = entry(v) else { continue }
                byPrefix[p] = e
            }
        }
        for (i, p) in unmatched {
            if let p, let e = byPrefix[p] { controlled[i] = Limit(days: e.days, entry: e.name) }
            else { controlled[i] = Limit(days: limits.defaultDays, entry: nil) }
        }
        for i in 0..<t.codeCount {
            let v = t.versions(ofCode: i).upperBound - 1
            guard let listed = t.integer(v, C.drugListedOn), listed > 0, t.integer(v, C.drugGeneric) ?? 0 == 0,
                  let p = prefix(v), firstListing[p] == UInt32(listed) else { continue }
            newDrugs[i] = UInt32(listed)
        }
    }
}

/// Everything the auditor reads for one service date: the tables of the chains that answer for it
/// and their indexes (built once per chain). A kind no loaded chain covers is nil and its checks are
/// skipped (02包括 and 03-1背反 are often absent).
final class AuditRules: @unchecked Sendable {
    let date: ServiceDate
    let procedures: MasterTable?
    let drugs: MasterTable?
    let devices: MasterTable?
    let comments: MasterTable?
    let diseases: MasterTable?
    let modifiers: MasterTable?
    let auxiliary: AuxiliaryIndex?
    let inclusion: InclusionIndex?
    /// 03-1, 03-2, 03-3, 03-4, in `MasterKind.conflictKinds` order.
    let conflicts: [ConflictIndex?]
    let counts: CountLimitIndex?
    let admission: AdmissionIndex?
    let commentRelations: CommentRelationIndex?
    let sectionBases: SectionBaseIndex?
    /// The 投与日数 lists valid on the date and the drug master read against them (SA-R001).
    let prescriptionLimits: AuditParameters.PrescriptionLimits?
    let drugLimits: DrugLimitIndex?

    init(_ set: MasterSet, on date: ServiceDate, parameters: AuditParameters = .empty) {
        self.date = date
        func table(_ kind: MasterKind) -> MasterTable? { try? set.table(kind, on: date) }
        func index<T: AnyObject>(_ kind: MasterKind, _ name: String, _ build: (MasterTable) -> T) -> T? {
            guard let chain = try? set.chainIndex(kind, on: date) else { return nil }
            return set.chainCache(chain, "audit." + name, build)
        }
        procedures = table(.procedure)
        drugs = table(.drug)
        devices = table(.device)
        comments = table(.comment)
        diseases = table(.disease)
        modifiers = table(.modifier)
        auxiliary = index(.auxiliary, "auxiliary") { AuxiliaryIndex($0) }
        inclusion = index(.inclusion, "inclusion") { InclusionIndex($0) }
        conflicts = MasterKind.conflictKinds.map { kind in index(kind, "conflict") { ConflictIndex($0) } }
        counts = index(.countLimit, "counts") { CountLimitIndex($0) }
        admission = index(.inpatientBasic, "admission") { AdmissionIndex($0) }
        commentRelations = index(.commentRelation, "commentRelations") { CommentRelationIndex($0) }
        sectionBases = index(.procedure, "sectionBases") { SectionBaseIndex($0) }
        let limits = parameters.prescriptionLimits(on: date)
        prescriptionLimits = limits
        drugLimits = limits.flatMap { l in index(.drug, "drugLimits.\(l.from.yyyymmdd)") { DrugLimitIndex($0, l) } }
    }
}
