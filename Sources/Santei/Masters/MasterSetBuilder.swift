import Dispatch
import Foundation

/// Finds the official files in a folder and builds a `MasterSet` from them.
///
/// File names as published: full files `s_ALL20240531.csv`, `ck_ALL_20250901.csv`, `b_20240601.txt`;
/// incremental files `s_20240621.csv`; 医科電子点数表 tables `01補助マスターテーブル.csv` … `05算定回数テーブル.csv`
/// (also with a space after the number, as the 令和8年度 zip names them), one folder per revision.
/// A file under a folder named `full` is a full file and one under `updates` an incremental file,
/// whatever its name. Each incremental file is applied, in publication order, to the newest full
/// file published before it (a full file of the same date already contains it).
public enum MasterSetBuilder {
    /// One planned chain: a full file and its updates.
    public struct PlannedChain: Sendable {
        public var kind: MasterKind
        public var label: String
        public var files: [(path: String, name: String, role: SourceRole, published: ServiceDate?)]
    }

    /// What was found in a folder.
    public struct Plan: Sendable {
        public var chains: [PlannedChain]
        /// Files that are not master files (READMEs, PDFs …), listed so nothing is skipped silently.
        public var ignored: [String]
    }

    public static func plan(directory: String) throws(MasterLoadError) -> Plan {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw MasterLoadError(file: directory, reason: "no such folder")
        }
        guard let walker = fm.enumerator(atPath: directory) else {
            throw MasterLoadError(file: directory, reason: "cannot list the folder")
        }
        var fulls: [MasterKind: [(String, String, ServiceDate?)]] = [:]
        var updates: [MasterKind: [(String, String, ServiceDate?)]] = [:]
        var tensuhyo: [String: [(MasterKind, String, String)]] = [:]
        var ignored: [String] = []
        var relatives: [String] = []
        while let item = walker.nextObject() as? String { relatives.append(item) }
        for relative in relatives.sorted() {
            let path = directory + "/" + relative
            let parts = relative.split(separator: "/").map(String.init)
            guard let name = parts.last else { continue }
            let folders = Set(parts.dropLast())
            if folders.contains("params") || folders.contains("specs") || parts.first == "params" || parts.first == "specs" { continue }
            let looksLikeMaster = tensuhyoKind(name) != nil || kihonFile(name) != nil
            var d: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &d) else {
                // A name the loader would read, but nothing behind it (a broken link): never skipped silently.
                if looksLikeMaster { throw MasterLoadError(file: relative, reason: "missing: the name is there but no file behind it (a broken link?)") }
                ignored.append(relative); continue
            }
            if d.boolValue {
                if looksLikeMaster { throw MasterLoadError(file: relative, reason: "is a folder, not a master file") }
                continue
            }
            if let kind = tensuhyoKind(name) {
                let folder = parts.count >= 2 ? parts[parts.count - 2] : "tensuhyo"
                tensuhyo[parts.dropLast().joined(separator: "/"), default: []].append((kind, path, folder + "/" + name))
                continue
            }
            guard let (kind, isAll, published) = kihonFile(name) else {
                // A master's name whose date is no date (s_20241399.csv) is a file the loader would read: never skipped.
                if let fault = kihonNameFault(name) { throw MasterLoadError(file: relative, reason: fault) }
                ignored.append(relative); continue
            }
            let role: SourceRole = folders.contains("full") ? .full : folders.contains("updates") ? .update
                : (isAll || kind == .disease || kind == .modifier) ? .full : .update
            if role == .full { fulls[kind, default: []].append((path, name, published)) }
            else { updates[kind, default: []].append((path, name, published)) }
        }
        // Two files of one kind, role and date (a copy kept in another folder, a re-download): which one the chain
        // reads would depend on folder order, and their rows may differ — refused naming both.
        for (role, files) in [("full", fulls), ("incremental", updates)] {
            for (kind, list) in files {
                var seen: [UInt32: String] = [:]
                for f in list.sorted(by: { $0.0 < $1.0 }) {
                    let date = f.2?.yyyymmdd ?? 0
                    if let other = seen[date] {
                        throw MasterLoadError(file: String(f.0.dropFirst(directory.count + 1)),
                                              reason: "a second \(role) \(kind.japaneseName) file published \(f.2.map { "\($0)" } ?? "on the same day") (the other is \(other.dropFirst(directory.count + 1))); keep one")
                    }
                    seen[date] = f.0
                }
            }
        }
        var chains: [PlannedChain] = []
        for kind in MasterKind.allCases where !kind.isTensuhyo {
            let fs = (fulls[kind] ?? []).sorted { ($0.2?.yyyymmdd ?? 0, $0.1) < ($1.2?.yyyymmdd ?? 0, $1.1) }
            var planned = fs.map { PlannedChain(kind: kind, label: $0.1, files: [($0.0, $0.1, .full, $0.2)]) }
            let us = (updates[kind] ?? []).sorted { ($0.2?.yyyymmdd ?? 0, $0.1) < ($1.2?.yyyymmdd ?? 0, $1.1) }
            for u in us {
                let date = u.2?.yyyymmdd ?? 0
                let target = fs.lastIndex { ($0.2?.yyyymmdd ?? 0) < date } ?? fs.lastIndex { ($0.2?.yyyymmdd ?? 0) == date }
                guard let target else {
                    throw MasterLoadError(file: u.1, reason: "incremental file published before every full \(kind.rawValue) file; add the full file it applies to")
                }
                planned[target].files.append((u.0, u.1, .update, u.2))
            }
            chains += planned
        }
        for folder in tensuhyo.keys.sorted() {
            for (kind, path, name) in tensuhyo[folder]!.sorted(by: { $0.0 < $1.0 }) {
                if chains.contains(where: { $0.kind == kind && $0.label == folder }) {
                    throw MasterLoadError(file: name, reason: "a second \(kind.japaneseName) in the same folder")
                }
                chains.append(PlannedChain(kind: kind, label: folder, files: [(path, name, .full, nil)]))
            }
        }
        // An empty folder (or one of other files only) is no master set: every claim would be "date not covered".
        guard !chains.isEmpty else {
            throw MasterLoadError(file: directory, reason: "no master file in the folder (kihon/s/full/s_ALL…csv, y_…, 01補助マスターテーブル.csv …)"
                                  + (ignored.isEmpty ? "" : "; other files: \(ignored.prefix(3).joined(separator: ", "))\(ignored.count > 3 ? " …" : "")"))
        }
        return Plan(chains: chains, ignored: ignored)
    }

    /// Why a name that has the shape of a 基本マスター file (`s_ALL20240531.csv`, `y_20240621.csv`) is not read: its
    /// 8 digits are no date. Nil for any other name.
    static func kihonNameFault(_ name: String) -> String? {
        guard let (kind, _, digits) = kihonName(name), publicationDate(digits) == nil else { return nil }
        return "the name's date \(digits) is not a date (YYYYMMDD): a \(kind.japaneseName) file is named by its publication date"
    }

    /// `s_ALL20240531.csv` → (s, true, 2024-05-31); `ck_ALL_20250901.csv`; `s_20240621.csv` → (s, false, …).
    static func kihonFile(_ name: String) -> (MasterKind, Bool, ServiceDate?)? {
        guard let (kind, isAll, digits) = kihonName(name), let date = publicationDate(digits) else { return nil }
        return (kind, isAll, date)
    }

    /// The publication day a file name's 8 digits give; nil for no date — 99999999 is the masters' "no end" mark, never
    /// a publication day (review 98: s_99999999.csv was applied as an update).
    static func publicationDate(_ digits: Substring) -> ServiceDate? {
        digits == "99999999" ? nil : ServiceDate(digits)
    }

    /// A name of the shape `<kind>_[ALL[_]]<8 digits>.csv|txt`: its kind, whether it is a full file, its 8 digits.
    static func kihonName(_ name: String) -> (MasterKind, Bool, Substring)? {
        let lower = name.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".txt") else { return nil }
        let stem = lower.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        guard let kind = MasterKind(rawValue: String(stem[..<underscore])), !kind.isTensuhyo else { return nil }
        var rest = stem[stem.index(after: underscore)...]
        var isAll = false
        if rest.hasPrefix("all") { isAll = true; rest = rest.dropFirst(3); if rest.hasPrefix("_") { rest = rest.dropFirst() } }
        guard rest.count == 8, rest.allSatisfy(\.isNumber) else { return nil }
        return (kind, isAll, rest)
    }

    /// `01補助マスターテーブル.csv`, `03-2背反テーブル2.csv`, `01 補助マスターテーブル.csv` → kind.
    static func tensuhyoKind(_ name: String) -> MasterKind? {
        guard name.lowercased().hasSuffix(".csv") else { return nil }
        let prefixes: [(String, MasterKind, String)] = [
            ("01", .auxiliary, "補助"), ("02", .inclusion, "包括"), ("03-1", .conflictDay, "背反"), ("03-2", .conflictMonth, "背反"),
            ("03-3", .conflictSimultaneous, "背反"), ("03-4", .conflictWeek, "背反"), ("04", .inpatientBasic, "入院基本料"), ("05", .countLimit, "算定回数"),
        ]
        for (p, kind, word) in prefixes where name.hasPrefix(p) {
            let rest = name.dropFirst(p.count).drop { $0 == " " || $0 == "_" }
            if rest.hasPrefix(word) { return kind }
        }
        return nil
    }

    /// Builds every chain of a folder (in parallel, one chain per task) into one image.
    /// Any error fails the whole load; the first error in plan order is reported.
    /// The 施設基準コード list is the folder's own (`params/codelists/`), else the default's, else the
    /// built-in one (`FacilityStandardList.locate`), unless given.
    public static func build(directory: String, calendar: RevisionCalendar,
                             facilityStandards: FacilityStandardList? = nil) throws(MasterLoadError) -> MasterSet {
        let plan = try plan(directory: directory)
        let list: FacilityStandardList
        if let facilityStandards { list = facilityStandards } else { list = try FacilityStandardList.locate(for: directory) }
        return try build(plan: plan, calendar: calendar, facilityStandards: list)
    }

    public static func build(plan: Plan, calendar: RevisionCalendar,
                             facilityStandards: FacilityStandardList = .builtIn) throws(MasterLoadError) -> MasterSet {
        let jobs = plan.chains
        let results = UnsafeResults<Result<ChainBuilder, MasterLoadError>>(count: jobs.count)
        // Largest chains first so two cores finish together.
        let order = jobs.indices.sorted { jobs[$0].files.count > jobs[$1].files.count }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[order[i]]
            var builder = ChainBuilder(kind: job.kind, calendar: calendar)
            do throws(MasterLoadError) {
                for f in job.files {
                    let file = try LoadedFile.read(path: f.path, name: f.name, kind: job.kind, role: f.role, published: f.published)
                    try builder.apply(file)
                }
                results.set(order[i], .success(builder))
            } catch {
                results.set(order[i], .failure(error))
            }
        }
        var builders: [(PlannedChain, ChainBuilder)] = []
        for (i, job) in jobs.enumerated() { builders.append((job, try results.get(i).get())) }
        return try assemble(builders, calendar: calendar, facilityStandards: facilityStandards)
    }

    /// Builds from files already in memory (tests, fixtures): (kind, name, role, bytes) in chain
    /// order; the first file of each kind must be its full file.
    /// Loads ONE master file from its bytes, as the only file of its kind (`role` .full: a full file;
    /// .update needs the full file, so it fails unless a full file comes first — use `build(files:)`).
    /// Every check of a folder load applies (CP932, CSV, column counts, formats and `DomainLimit`
    /// ranges, an empty file); nothing on any bytes traps. Without `calendar`, coverage runs from the
    /// file's oldest row to "open" (no revision dates). For tests and the master CSV fuzz target.
    public static func loadSingle(kind: MasterKind, bytes: [UInt8], name: String, role: SourceRole = .full,
                                  calendar: RevisionCalendar = RevisionCalendar(families: [:])) throws(MasterLoadError) -> MasterSet {
        try build(files: [(kind, name, role, bytes)], calendar: calendar)
    }

    public static func build(files: [(kind: MasterKind, name: String, role: SourceRole, bytes: [UInt8])], calendar: RevisionCalendar,
                             facilityStandards: FacilityStandardList = .builtIn) throws(MasterLoadError) -> MasterSet {
        var builders: [(PlannedChain, ChainBuilder)] = []
        for f in files {
            let published = kihonFile(f.name)?.2
            let file = try LoadedFile.parse(raw: f.bytes, name: f.name, kind: f.kind, role: f.role, published: published)
            if f.role == .full {
                builders.append((PlannedChain(kind: f.kind, label: f.name, files: []), ChainBuilder(kind: f.kind, calendar: calendar)))
            }
            guard let i = builders.lastIndex(where: { $0.0.kind == f.kind }) else {
                throw MasterLoadError(file: f.name, reason: "incremental file without a full \(f.kind.rawValue) file before it")
            }
            try builders[i].1.apply(file)
        }
        return try assemble(builders, calendar: calendar, facilityStandards: facilityStandards)
    }

    /// Every check a load makes on `files` (CSV bytes, layout, 変更区分, dates, numeric ranges, chain
    /// rules) without assembling the image; returns the versions the chains would hold. The cheap door
    /// for fuzzing the CSV loader (`Tools/fuzz`, fuzz-master) and for validating files before a load.
    public static func check(files: [(kind: MasterKind, name: String, role: SourceRole, bytes: [UInt8])]) throws(MasterLoadError) -> Int {
        var builders: [(MasterKind, ChainBuilder)] = []
        for f in files {
            let file = try LoadedFile.parse(raw: f.bytes, name: f.name, kind: f.kind, role: f.role, published: kihonFile(f.name)?.2)
            if f.role == .full { builders.append((f.kind, ChainBuilder(kind: f.kind))) }
            guard let i = builders.lastIndex(where: { $0.0 == f.kind }) else {
                throw MasterLoadError(file: f.name, reason: "incremental file without a full \(f.kind.rawValue) file before it")
            }
            try builders[i].1.apply(file)
        }
        return builders.reduce(0) { $0 + $1.1.finish().versionCount }
    }

    static func assemble(_ builders: [(PlannedChain, ChainBuilder)], calendar: RevisionCalendar,
                         facilityStandards: FacilityStandardList) throws(MasterLoadError) -> MasterSet {
        var writer = ImageWriter()
        var chains: [ChainManifest] = []
        for (job, builder) in builders {
            let data = builder.finish()
            let maxStart = builder.maxRowStart
            let (from, to) = calendar.coverage(kind: job.kind, fullMinStart: builder.fullMinStart,
                                               fullMaxStart: builder.fullMaxStart, maxStart: maxStart)
            chains.append(ChainManifest(kind: job.kind, label: job.label, sources: builder.sources,
                                        coverageFrom: from, coverageTo: to,
                                        completeFrom: max(from, builder.fullMaxStart), table: writer.append(data)))
        }
        // The 医科電子点数表 is published as one set per revision: a table none of whose rows changed since
        // an earlier revision (R06's 03-4背反, whose newest row is of 2022-04-01) still answers for the
        // revision of its folder, so every table of a folder takes the folder's newest coverage.
        for label in Set(chains.filter(\.kind.isTensuhyo).map(\.label)) {
            let folder = chains.indices.filter { chains[$0].kind.isTensuhyo && chains[$0].label == label }
            let from = folder.map { chains[$0].coverageFrom }.max()!, to = folder.map { chains[$0].coverageTo }.max()!
            for i in folder {
                chains[i].coverageFrom = from
                chains[i].coverageTo = to
                chains[i].completeFrom = max(chains[i].completeFrom, from)
            }
        }
        chains.sort { ($0.kind, $0.coverageFrom, $0.label) < ($1.kind, $1.coverageFrom, $1.label) }
        let manifest = SnapshotManifest(formatVersion: SnapshotFormat.version, createdBy: "santei", chains: chains, calendar: calendar,
                                        facilityStandards: writer.append(bytes: facilityStandards.raw))
        do {
            let image = try writer.finish(manifest)
            return try MasterSet(image: image)
        } catch {
            throw MasterLoadError(file: "<image>", reason: "could not assemble the master image: \(error)")
        }
    }
}

/// Slots written once each from concurrent tasks, read after they all finish.
final class UnsafeResults<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); items[i] = value; lock.unlock() }
    func get(_ i: Int) -> T { lock.lock(); defer { lock.unlock() }; return items[i]! }
}
