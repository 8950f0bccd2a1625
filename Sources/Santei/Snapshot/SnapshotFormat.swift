/// The binary image that holds a whole master set: every kind, every chain, every version and
/// the 電子点数表. The same image is what a CSV load builds in memory and what
/// `santei masters compile` writes to disk, so the engine has one representation.
///
/// Layout (little-endian):
///
///     0   magic "SANTEIMS"                         8 bytes
///     8   format version (UInt32), header size (UInt32 = 64)
///     16  total size (UInt64)
///     24  manifest offset (UInt64), 32 manifest length (UInt64)
///     40  checksum of bytes [64, total size) (UInt64): XXH64 of the XXH64s of its 1 MiB
///         chunks, so that a load verifies the chunks on every core
///     48  reserved (16 bytes)
///     64  arrays, each aligned to 8 bytes, then the manifest (JSON) at the end.
///
/// The manifest names every array by offset and count, lists the source files with their SHA-256,
/// each chain's coverage, the revision calendar and the 施設基準コード list used. A reader checks the magic, the version,
/// the size, the checksum and every array's bounds before it trusts anything.
public enum SnapshotFormat {
    public static let magic: [UInt8] = Array("SANTEIMS".utf8)
    /// Bumped whenever the layout or the manifest's meaning changes; older snapshots are refused.
    /// 2: the manifest carries the 施設基準コード list (`facilityStandards`).
    public static let version: UInt32 = 2
    static let headerSize = 64
    static let checksumChunk = 1 << 20

    /// XXH64 over the little-endian XXH64 of each 1 MiB chunk: the same value whatever the number
    /// of threads that computed it.
    static func checksum(_ data: UnsafeRawBufferPointer) -> UInt64 {
        let chunks = (data.count + checksumChunk - 1) / checksumChunk
        guard chunks > 1 else { return XXH64.hash(data) }
        var sums = [UInt64](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { out in
            let out = UncheckedSendable(out), input = UncheckedSendable(data)
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let start = i * checksumChunk
                let end = Swift.min(start + checksumChunk, input.value.count)
                out.value[i] = XXH64.hash(UnsafeRawBufferPointer(rebasing: input.value[start..<end])).littleEndian
            }
        }
        return sums.withUnsafeBytes { XXH64.hash($0) }
    }
}

/// A value handed to concurrent tasks that each touch a disjoint part of it.
struct UncheckedSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// An array inside the image.
struct ArrayRef: Codable, Sendable {
    var offset: Int
    var count: Int
}

struct IndexManifest: Codable, Sendable {
    var column: Int
    var keys: ArrayRef
    var versions: ArrayRef
}

struct TableManifest: Codable, Sendable {
    var kind: MasterKind
    var columnCount: Int
    var versionCount: Int
    var codeCount: Int
    /// 2 or 4: bytes per cell.
    var cellWidth: Int
    var cells: ArrayRef
    var dictBytes: ArrayRef
    var dictOffsets: ArrayRef
    var columnDictBase: ArrayRef
    var codeKeys: ArrayRef
    var codeFirstVersion: ArrayRef
    var versionFrom: ArrayRef
    var versionTo: ArrayRef
    var hashSlots: ArrayRef
    var indexes: [IndexManifest]
}

/// One chain: a full file and the updates applied on it, and the dates it answers for.
public struct ChainManifest: Codable, Sendable {
    public var kind: MasterKind
    /// The full file's name, e.g. `s_ALL20240531.csv` or the 電子点数表 folder.
    public var label: String
    public var sources: [SourceRecord]
    /// First and last service date (YYYYMMDD) this chain answers for.
    public var coverageFrom: UInt32
    public var coverageTo: UInt32
    /// From this date on the full file holds every version (its newest row's 変更年月日); before
    /// it, an older chain is preferred where one covers the date.
    public var completeFrom: UInt32
    var table: TableManifest
}

public struct SnapshotManifest: Codable, Sendable {
    public var formatVersion: UInt32
    public var createdBy: String
    public var chains: [ChainManifest]
    public var calendar: RevisionCalendar
    /// The bytes of the 別紙7-8 施設基準コード list the set was loaded with (`Masters/params/codelists/
    /// facility-standards.json`), read by `FacilityStandardList.parse` when the set opens.
    var facilityStandards: ArrayRef
}

/// Why a snapshot was refused.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Appends arrays to an image.
struct ImageWriter {
    private(set) var bytes = [UInt8](repeating: 0, count: SnapshotFormat.headerSize)

    mutating func align() { while bytes.count % 8 != 0 { bytes.append(0) } }

    mutating func append<T: FixedWidthInteger>(_ array: [T]) -> ArrayRef {
        align()
        let offset = bytes.count
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return ArrayRef(offset: offset, count: array.count)
    }

    mutating func append(bytes: [UInt8]) -> ArrayRef { append(bytes) }

    mutating func append(_ t: TableData) -> TableManifest {
        let narrow = zip(t.columnDictBase, t.columnDictBase.dropFirst()).allSatisfy { $1 - $0 <= 65_536 }
        let cells = narrow ? append(t.cells.map { UInt16(truncatingIfNeeded: $0) }) : append(t.cells)
        return TableManifest(
            kind: t.kind, columnCount: t.columnCount, versionCount: t.versionCount, codeCount: t.codeCount,
            cellWidth: narrow ? 2 : 4, cells: cells, dictBytes: append(t.dictBytes), dictOffsets: append(t.dictOffsets),
            columnDictBase: append(t.columnDictBase), codeKeys: append(t.codeKeys),
            codeFirstVersion: append(t.codeFirstVersion), versionFrom: append(t.versionFrom),
            versionTo: append(t.versionTo), hashSlots: append(t.hashSlots),
            indexes: t.indexes.map { IndexManifest(column: $0.column, keys: append($0.keys), versions: append($0.versions)) })
    }

    /// Appends the manifest and fills in the header.
    mutating func finish(_ manifest: SnapshotManifest) throws -> [UInt8] {
        align()
        let json = try JSONCoding.encoder.encode(manifest)
        let manifestOffset = bytes.count
        bytes.append(contentsOf: json)
        align()
        put(SnapshotFormat.magic, at: 0)
        put(SnapshotFormat.version, at: 8)
        put(UInt32(SnapshotFormat.headerSize), at: 12)
        put(UInt64(bytes.count), at: 16)
        put(UInt64(manifestOffset), at: 24)
        put(UInt64(json.count), at: 32)
        let sum = bytes.withUnsafeBytes { SnapshotFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[SnapshotFormat.headerSize...])) }
        put(sum, at: 40)
        return bytes
    }

    private mutating func put(_ v: [UInt8], at offset: Int) { for (i, b) in v.enumerated() { bytes[offset + i] = b } }
    private mutating func put<T: FixedWidthInteger>(_ v: T, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { raw in for (i, b) in raw.enumerated() { bytes[offset + i] = b } }
    }
}

import Dispatch
import Foundation

enum JSONCoding {
    static var encoder: JSONEncoder { let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]; return e }
    static var decoder: JSONDecoder { JSONDecoder() }
}
