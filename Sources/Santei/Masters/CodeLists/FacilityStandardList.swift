import Foundation

/// The 施設基準コード list of 別紙7-8 as dated data (`Masters/params/codelists/facility-standards.json`):
/// every code with its name, the 点数表 heading it is listed under and the printed page, and the 名寄せ
/// (§2) of a 名寄せ先 to its 名寄せ元. A revision's new codes are new entries of the file with their `from`
/// date (issue 12 item 5): no code change is needed for an R8 code to get its name. The list is loaded
/// with the masters (the `params/` folder of the masters folder, else the built-in one) and compiled into
/// the snapshot's manifest, so a snapshot answers with the list it was compiled with.
///
/// ``FacilityStandard`` keeps the few named constants code branches on and reads names through this list.
public struct FacilityStandardList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var code: Int
        public var name: String
        /// "medical", "medical_observation", "dental", or nil for a code only §2 names.
        public var table: String?
        /// Printed page of R06rec2.pdf (or of the edition named by the file's `source`).
        public var page: Int?
        /// First and last day the entry applies (YYYY-MM-DD); nil = before this edition / still in force.
        public var from: String?
        public var to: String?
        public var note: String?
    }

    /// 名寄せコード一覧: a 名寄せ先 and the 名寄せ元 any one of which satisfies it, in the list's order.
    public struct Aggregation: Sendable, Equatable {
        public var code: Int
        public var sources: [Int]
        public var page: Int?
        public var from: String?
        public var to: String?
    }

    public var description: String
    public var source: String
    public var edition: String
    /// The day the file was read from its source.
    public var read: String
    public var codes: [Entry] { didSet { reindex() } }
    public var aggregations: [Aggregation] { didSet { reindex() } }
    /// The file's bytes as read: what a snapshot stores (and reads back with `parse`).
    public internal(set) var raw: [UInt8] = []
    /// Entry and aggregation positions by code (not stored in the file).
    private var codeIndex: [Int: [Int]] = [:]
    private var aggregationIndex: [Int: [Int]] = [:]

    public init(description: String, source: String, edition: String, read: String, codes: [Entry], aggregations: [Aggregation]) {
        self.description = description; self.source = source; self.edition = edition; self.read = read
        self.codes = codes; self.aggregations = aggregations
        reindex()
    }

    private mutating func reindex() {
        codeIndex = [:]; aggregationIndex = [:]
        for (k, e) in codes.enumerated() { codeIndex[e.code, default: []].append(k) }
        for (k, a) in aggregations.enumerated() { aggregationIndex[a.code, default: []].append(k) }
    }

    public static func == (a: Self, b: Self) -> Bool {
        (a.description, a.source, a.edition, a.read) == (b.description, b.source, b.edition, b.read)
            && a.codes == b.codes && a.aggregations == b.aggregations
    }

    // MARK: Lookup

    /// The entry of a code in force on `date` (any date when nil: the newest entry).
    public func entry(_ code: Int, on date: ServiceDate? = nil) -> Entry? {
        var found: Entry?
        for k in codeIndex[code] ?? [] where Self.applies(codes[k].from, codes[k].to, on: date) { found = codes[k] }
        return found
    }

    /// The name of a code on a date, as the list prints it; nil when the list has no such code then.
    public func name(_ code: Int, on date: ServiceDate? = nil) -> String? { entry(code, on: date)?.name }

    /// The 名寄せ元 of a 名寄せ先 on a date, or nil when `code` is not a 名寄せ先 then.
    public func aggregationSources(of code: Int, on date: ServiceDate? = nil) -> [Int]? {
        var found: [Int]?
        for k in aggregationIndex[code] ?? [] where Self.applies(aggregations[k].from, aggregations[k].to, on: date) { found = aggregations[k].sources }
        return found
    }

    /// Whether the facility holds `code` on `date`: the code itself, or for a 名寄せ先 any of its 名寄せ元.
    public func isHeld(_ code: FacilityStandard, on date: ServiceDate? = nil, holds: (FacilityStandard) -> Bool) -> Bool {
        if holds(code) { return true }
        guard let sources = aggregationSources(of: code.rawValue, on: date) else { return false }
        return sources.contains { holds(FacilityStandard(rawValue: $0)) }
    }

    /// Whether a procedure whose 施設基準①〜⑩ (項番72-81) are `columns` may be charged on `date` by a
    /// facility for which `holds` tells which 施設基準 it has notified — 別紙7-8 §3「施設基準コードの設定
    /// 要領」: ①〜⑥, ⑦〜⑨ and ⑩ are three groups; within a group any one code suffices, every group must
    /// be satisfied, and a group that is all「０」is no condition. A 名寄せ先 is satisfied by any of its
    /// 名寄せ元 (or by itself). Missing trailing columns count as 0.
    public func requirementIsMet(columns: [FacilityStandard], on date: ServiceDate? = nil, holds: (FacilityStandard) -> Bool) -> Bool {
        // Allocation-free (called per add-on row on the pricing path): a group is checked code by code, the
        // 名寄せ list only for a code the facility does not hold itself.
        func group(_ lower: Int, _ upper: Int) -> Bool {
            var any = false
            var k = lower
            while k < upper && k < columns.count {
                let code = columns[k]
                k += 1
                guard code != .none else { continue }
                any = true
                if isHeld(code, on: date, holds: holds) { return true }
            }
            return !any
        }
        return group(0, 6) && group(6, 9) && group(9, 10)
    }

    static func applies(_ from: String?, _ to: String?, on date: ServiceDate?) -> Bool {
        guard let date else { return true }
        if let from, let d = ServiceDate(from), date < d { return false }
        if let to, let d = ServiceDate(to), date > d { return false }
        return true
    }

    // MARK: Loading

    public static let fileName = "params/codelists/facility-standards.json"

    /// Reads and checks the file: every code 1–9999 with a name, `table` one of the three headings,
    /// dates that are dates with `from` ≤ `to`, no two entries of one code in force on the same day, and
    /// every 名寄せ元 a listed code. A fault names the file and the JSON path.
    public static func load(path: String) throws(MasterLoadError) -> FacilityStandardList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterLoadError(file: path, reason: "cannot read the 施設基準コード list")
        }
        return try parse([UInt8](data), file: path)
    }

    /// Reads the file's bytes in one strict pass (the claim reader's scanner: UTF-8, depth, duplicate
    /// keys, literals, numbers; unknown keys refused), then `check`s it. Fast enough for every snapshot
    /// open (a 140 KB list in well under a millisecond, where Foundation's decoder took tens).
    public static func parse(_ bytes: [UInt8], file: String) throws(MasterLoadError) -> FacilityStandardList {
        guard bytes.count <= 16 << 20 else { throw MasterLoadError(file: file, reason: "over 16 MiB: not a 施設基準コード list") }
        var result: Result<FacilityStandardList, ClaimError> = .failure(ClaimError(message: "empty"))
        bytes.withUnsafeBufferPointer { p in
            var s = ClaimJSON.Scanner(b: p)
            do throws(ClaimError) {
                let list = try read(&s)
                s.ws()
                guard s.i == p.count else { throw s.syntax("unexpected text after the list") }
                result = .success(list)
            } catch { result = .failure(error) }
        }
        switch result {
        case .failure(let e): throw MasterLoadError(file: file, reason: "not a 施設基準コード list: \(e.message)")
        case .success(var list):
            try list.check(file: file)
            list.raw = bytes
            return list
        }
    }

    private static func read(_ s: inout ClaimJSON.Scanner) throws(ClaimError) -> FacilityStandardList {
        var description: String?, source: String?, edition: String?, read: String?
        var codes: [Entry]?, aggregations: [Aggregation]?
        func optionalString(_ s: inout ClaimJSON.Scanner, _ path: String) throws(ClaimError) -> String? {
            try s.isNull() ? nil : try s.string(path)
        }
        func optionalInt(_ s: inout ClaimJSON.Scanner, _ path: String) throws(ClaimError) -> Int? {
            try s.isNull() ? nil : try s.int(path)
        }
        try s.object("") { (s, key) throws(ClaimError) in
            switch key {
            case "description": description = try s.string(key)
            case "source": source = try s.string(key)
            case "edition": edition = try s.string(key)
            case "read": read = try s.string(key)
            case "codes":
                var list: [Entry] = []
                try s.array(key) { (s, n) throws(ClaimError) in
                    let p = "codes[\(n)]"
                    var code: Int?, name: String?, table: String?, page: Int?, from: String?, to: String?, note: String?
                    try s.object(p) { (s, k) throws(ClaimError) in
                        let path = p + "." + k
                        switch k {
                        case "code": code = try s.int(path)
                        case "name": name = try s.string(path)
                        case "table": table = try optionalString(&s, path)
                        case "page": page = try optionalInt(&s, path)
                        case "from": from = try optionalString(&s, path)
                        case "to": to = try optionalString(&s, path)
                        case "note": note = try optionalString(&s, path)
                        default: throw s.field(path, "unknown field")
                        }
                    }
                    list.append(Entry(code: try s.required(code, p + ".code"), name: try s.required(name, p + ".name"),
                                      table: table, page: page, from: from, to: to, note: note))
                }
                codes = list
            case "aggregations":
                var list: [Aggregation] = []
                try s.array(key) { (s, n) throws(ClaimError) in
                    let p = "aggregations[\(n)]"
                    var code: Int?, sources: [Int]?, page: Int?, from: String?, to: String?
                    try s.object(p) { (s, k) throws(ClaimError) in
                        let path = p + "." + k
                        switch k {
                        case "code": code = try s.int(path)
                        case "sources":
                            var v: [Int] = []
                            try s.array(path) { (s, j) throws(ClaimError) in v.append(try s.int(path + "[\(j)]")) }
                            sources = v
                        case "page": page = try optionalInt(&s, path)
                        case "from": from = try optionalString(&s, path)
                        case "to": to = try optionalString(&s, path)
                        default: throw s.field(path, "unknown field")
                        }
                    }
                    list.append(Aggregation(code: try s.required(code, p + ".code"), sources: try s.required(sources, p + ".sources"),
                                            page: page, from: from, to: to))
                }
                aggregations = list
            default: throw s.field(key, "unknown field")
            }
        }
        return FacilityStandardList(description: try s.required(description, "description"), source: try s.required(source, "source"),
                                    edition: try s.required(edition, "edition"), read: try s.required(read, "read"),
                                    codes: try s.required(codes, "codes"), aggregations: try s.required(aggregations, "aggregations"))
    }

    func check(file: String) throws(MasterLoadError) {
        func fault(_ path: String, _ reason: String) -> MasterLoadError { MasterLoadError(file: file, field: path, reason: reason) }
        func dates(_ from: String?, _ to: String?, _ path: String) throws(MasterLoadError) -> (UInt32, UInt32) {
            var lo: UInt32 = 0, hi = UInt32.max
            if let from { guard let d = ServiceDate(from) else { throw fault(path + ".from", "\"\(from)\" is not a date (YYYY-MM-DD)") }; lo = d.yyyymmdd }
            if let to { guard let d = ServiceDate(to) else { throw fault(path + ".to", "\"\(to)\" is not a date (YYYY-MM-DD)") }; hi = d.yyyymmdd }
            guard lo <= hi else { throw fault(path, "from \(from ?? "") is after to \(to ?? "")") }
            return (lo, hi)
        }
        var spans: [Int: [(UInt32, UInt32)]] = [:]
        for (k, e) in codes.enumerated() {
            let path = "codes[\(k)]"
            guard (1...9999).contains(e.code) else { throw fault(path + ".code", "\(e.code) is not a 施設基準コード (1–9999)") }
            guard !e.name.isEmpty else { throw fault(path + ".name", "empty") }
            if let t = e.table, !["medical", "medical_observation", "dental"].contains(t) {
                throw fault(path + ".table", "\"\(t)\" is not medical, medical_observation or dental")
            }
            let span = try dates(e.from, e.to, path)
            if spans[e.code, default: []].contains(where: { $0.0 <= span.1 && span.0 <= $0.1 }) {
                throw fault(path, "code \(e.code) has two entries in force on the same day")
            }
            spans[e.code, default: []].append(span)
        }
        for (k, a) in aggregations.enumerated() {
            let path = "aggregations[\(k)]"
            guard spans[a.code] != nil else { throw fault(path + ".code", "名寄せ先 \(a.code) is not a listed code") }
            guard !a.sources.isEmpty else { throw fault(path + ".sources", "a 名寄せ先 needs at least one 名寄せ元") }
            for (j, s) in a.sources.enumerated() where spans[s] == nil {
                throw fault(path + ".sources[\(j)]", "名寄せ元 \(s) is not a listed code")
            }
            _ = try dates(a.from, a.to, path)
        }
    }

    /// The masters folder's own list (`DIR/params/codelists/facility-standards.json`) when it has one,
    /// else the default folder's, else the built-in copy.
    public static func locate(for directory: String?) throws(MasterLoadError) -> FacilityStandardList {
        for dir in [directory, MasterLocator.defaultDirectory()].compactMap({ $0 }) {
            let path = dir + "/" + fileName
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        return builtIn
    }

    /// The copy built into the executable (`EmbeddedMasters`, generated from `Masters/`; a test keeps it
    /// current and checks that it reads).
    public static let builtIn: FacilityStandardList = {
        guard let base64 = EmbeddedMasters.files.first(where: { $0.path == fileName })?.base64,
              let data = Data(base64Encoded: base64) else {
            preconditionFailure("the built-in \(fileName) is missing: run python3 Tools/embed-masters/embed-masters.py")
        }
        do { return try parse([UInt8](data), file: "built-in " + fileName) } catch {
            preconditionFailure("the built-in \(fileName) does not read: \(error)")
        }
    }()
}
