import Foundation

/// Why a look-up could not be answered: the date lies outside every loaded chain of the kind.
/// Never a silent zero: the message says which dates are covered.
public struct MasterLookupError: Error, CustomStringConvertible, Sendable, Equatable {
    public var kind: MasterKind
    public var date: ServiceDate
    public var covered: [ClosedRange<ServiceDate>]

    public var description: String {
        let ranges = covered.isEmpty ? "none (no \(kind.rawValue) file is loaded)"
            : covered.map { "\($0.lowerBound)…\($0.upperBound)" }.joined(separator: ", ")
        return "\(kind.japaneseName) (\(kind.rawValue)): no loaded master covers \(date); covered: \(ranges)"
    }
}

/// One chain of a master set: the full file, its updates, and the dates it answers for.
public struct MasterChain: Sendable {
    public let manifest: ChainManifest
    public let table: MasterTable
    public var kind: MasterKind { manifest.kind }
    public var label: String { manifest.label }
    public var coverage: ClosedRange<ServiceDate> {
        ServiceDate(unchecked: manifest.coverageFrom)...ServiceDate(unchecked: manifest.coverageTo)
    }
}

/// A versioned record: one version of one code, as valid on some dates.
public struct MasterRecord: Sendable {
    public let table: MasterTable
    public let version: Int

    public var kind: MasterKind { table.kind }
    public subscript(column: Int) -> String { table.string(version, column) }
    public var validFrom: ServiceDate { table.validFrom(version) }
    public var validTo: ServiceDate { table.validTo(version) }
    /// All fields, in file order.
    public var fields: [String] { (0..<table.columnCount).map { table.string(version, $0) } }
}

/// Every loaded master: all kinds, all chains (several full files side by side, each with its
/// updates), all versions, and the 医科電子点数表 — in one immutable image shared by all threads.
///
/// Time is resolved here once: `resolve(_:on:)` picks the chain for a service date; everything
/// below it is date-free look-ups in that chain.
public final class MasterSet: @unchecked Sendable {
    let storage: ImageStorage
    public let manifest: SnapshotManifest
    public let chains: [MasterChain]
    /// Each chain's table and its dates, apart from its manifest: the hot path reads them without copying a manifest
    /// (its strings and arrays are retained on every copy).
    public let tables: [MasterTable]
    private let spans: [(from: UInt32, to: UInt32, complete: UInt32)]
    /// 別紙7-8 施設基準コード list loaded with this set (names, 名寄せ; issue 12 item 5).
    public let facilityStandards: FacilityStandardList
    private let chainsByKind: [[Int]]
    /// Lazily built per-chain indexes (注加算コード families, 判断 groups …), guarded by `lock`.
    private var chainCaches: [ChainCacheKey: AnyObject] = [:]
    private struct ChainCacheKey: Hashable { let name: String; let chain: Int }
    private let lock = NSLock()

    init(storage: ImageStorage, file: String) throws(SnapshotError) {
        self.storage = storage
        manifest = try storage.openManifest(file: file)
        let listBytes = Array(storage.array(manifest.facilityStandards, as: UInt8.self))
        do throws(MasterLoadError) { facilityStandards = try FacilityStandardList.parse(listBytes, file: file) } catch {
            throw SnapshotError(file: file, reason: "corrupt 施設基準コード list: \(error.field.map { $0 + ": " } ?? "")\(error.reason)")
        }
        chains = manifest.chains.map { MasterChain(manifest: $0, table: MasterTable($0.table, storage: storage)) }
        tables = chains.map(\.table)
        spans = manifest.chains.map { ($0.coverageFrom, $0.coverageTo, $0.completeFrom) }
        var byKind = [[Int]](repeating: [], count: MasterKind.allCases.count)
        for (i, c) in chains.enumerated() { byKind[c.kind.ordinal].append(i) }
        chainsByKind = byKind
    }

    /// Opens an image built in memory (`MasterSetBuilder`) or read from a snapshot.
    public convenience init(image: [UInt8], file: String = "<memory>") throws(SnapshotError) {
        try self.init(storage: ImageStorage(copying: image), file: file)
    }

    /// Loads a compiled snapshot (`santei masters compile`): reads it, verifies format, size and
    /// checksum, and maps its arrays without parsing any CSV.
    public static func load(snapshot path: String) throws(SnapshotError) -> MasterSet {
        try MasterSet(storage: ImageStorage.read(path: path), file: path)
    }

    /// Runs `body` with the image bytes (valid only inside `body`).
    public func withImage<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(storage.buffer) }
    }

    /// A copy of the image bytes.
    public var imageBytes: [UInt8] { withImage { Array($0) } }

    /// Writes the image as a snapshot file, atomically (a temporary file renamed into place; `AtomicFile`: a
    /// device or FIFO such as /dev/null is written in place, never replaced by a regular file — review 58).
    public func writeSnapshot(to path: String) throws {
        var failure: AtomicFile.WriteError? = nil
        withImage { raw in
            do throws(AtomicFile.WriteError) { try AtomicFile.write(raw, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Chains of a kind, oldest full file first.
    public func chains(of kind: MasterKind) -> [MasterChain] {
        chainsByKind[kind.ordinal].map { chains[$0] }
    }

    public func coverage(of kind: MasterKind) -> [ClosedRange<ServiceDate>] { chains(of: kind).map(\.coverage) }

    /// The chain that answers for a kind on a date. Among chains covering the date, the newest
    /// whose full file is complete on that date wins; otherwise the oldest covering one (it holds
    /// the longest history). No chain → `MasterLookupError` naming the covered dates.
    public func resolve(_ kind: MasterKind, on date: ServiceDate) throws(MasterLookupError) -> MasterChain {
        let i = try resolveIndex(kind, on: date)
        return chains[i]
    }

    /// The position in `chains` of the chain `resolve` answers with.
    func resolveIndex(_ kind: MasterKind, on date: ServiceDate) throws(MasterLookupError) -> Int {
        // No allocation: this runs once per look-up on the hot path.
        let d = date.yyyymmdd
        var complete = -1, oldest = -1
        for i in chainsByKind[kind.ordinal] {
            let m = spans[i]
            guard m.from <= d && d <= m.to else { continue }
            if oldest < 0 { oldest = i }
            if d >= m.complete { complete = i }
        }
        if complete >= 0 { return complete }
        if oldest >= 0 { return oldest }
        // A 背反 or 算定回数 table answers a day before its oldest edition through the rows dated on or before it
        // (MasterKind.readsBackByRowDates).
        if kind.readsBackByRowDates {
            var earliest = -1
            for i in chainsByKind[kind.ordinal] where spans[i].from > d && (earliest < 0 || spans[i].from < spans[earliest].from) { earliest = i }
            if earliest >= 0 { return earliest }
        }
        throw MasterLookupError(kind: kind, date: date, covered: coverage(of: kind))
    }

    /// The table of the chain `resolve` answers with (no manifest copied).
    public func table(_ kind: MasterKind, on date: ServiceDate) throws(MasterLookupError) -> MasterTable {
        tables[try resolveIndex(kind, on: date)]
    }

    /// The version of a code valid on a date: nil if the code has no version valid then; throws
    /// if no loaded master covers the date at all.
    public func record(_ kind: MasterKind, code: UInt64, on date: ServiceDate) throws(MasterLookupError) -> MasterRecord? {
        let t = try table(kind, on: date)
        guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return nil }
        return MasterRecord(table: t, version: v)
    }

    /// A derived index of one chain, built on first use and kept for the life of the set.
    func chainCache<T: AnyObject>(_ chain: Int, _ name: String, _ build: (MasterTable) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        let key = ChainCacheKey(name: name, chain: chain)   // no string built per look-up
        if let cached = chainCaches[key] as? T { return cached }
        let made = build(tables[chain])
        chainCaches[key] = made
        return made
    }

    /// The 注加算コード families of a 医科診療行為 chain.
    func addOnIndex(chain: Int) -> AddOnIndex { chainCache(chain, "addOn") { AddOnIndex($0) } }

    /// The position of a chain in `chains` (its identity for per-chain caches).
    public func chainIndex(_ kind: MasterKind, on date: ServiceDate) throws(MasterLookupError) -> Int {
        try resolveIndex(kind, on: date)
    }

    /// Total versions across chains, for reports.
    public var versionCount: Int { chains.reduce(0) { $0 + $1.table.versionCount } }
}
