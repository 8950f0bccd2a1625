/// A read-only view of one chain's versions inside an image. Cheap to copy; valid while the
/// `MasterSet` that made it is alive.
///
/// Look-ups: `codeIndex(of:)` is O(1) (open addressing), `version(ofCode:on:)` scans the code's
/// few versions, `field(_:_:)` is two array reads. Nothing here allocates except `string`.
public struct MasterTable: @unchecked Sendable {
    public let kind: MasterKind
    public let columnCount: Int
    public let versionCount: Int
    public let codeCount: Int
    private let cells16: UnsafeBufferPointer<UInt16>
    private let cells32: UnsafeBufferPointer<UInt32>
    private let wide: Bool
    private let dictBytes: UnsafeBufferPointer<UInt8>
    private let dictOffsets: UnsafeBufferPointer<UInt32>
    private let columnDictBase: UnsafeBufferPointer<UInt32>
    let codeKeys: UnsafeBufferPointer<UInt64>
    private let codeFirstVersion: UnsafeBufferPointer<UInt32>
    private let versionFrom: UnsafeBufferPointer<UInt32>
    private let versionTo: UnsafeBufferPointer<UInt32>
    private let hashSlots: UnsafeBufferPointer<UInt32>
    /// Up to two secondary indexes, held inline so that copying a table view never touches the heap.
    private typealias Index = (column: Int, keys: UnsafeBufferPointer<UInt64>, versions: UnsafeBufferPointer<UInt32>)
    private let index0: Index?
    private let index1: Index?

    init(_ m: TableManifest, storage: ImageStorage) {
        kind = m.kind
        columnCount = m.columnCount
        versionCount = m.versionCount
        codeCount = m.codeCount
        wide = m.cellWidth == 4
        cells16 = wide ? UnsafeBufferPointer(start: nil, count: 0) : storage.array(m.cells, as: UInt16.self)
        cells32 = wide ? storage.array(m.cells, as: UInt32.self) : UnsafeBufferPointer(start: nil, count: 0)
        dictBytes = storage.array(m.dictBytes, as: UInt8.self)
        dictOffsets = storage.array(m.dictOffsets, as: UInt32.self)
        columnDictBase = storage.array(m.columnDictBase, as: UInt32.self)
        codeKeys = storage.array(m.codeKeys, as: UInt64.self)
        codeFirstVersion = storage.array(m.codeFirstVersion, as: UInt32.self)
        versionFrom = storage.array(m.versionFrom, as: UInt32.self)
        versionTo = storage.array(m.versionTo, as: UInt32.self)
        hashSlots = storage.array(m.hashSlots, as: UInt32.self)
        let all: [Index] = m.indexes.map { ($0.column, storage.array($0.keys, as: UInt64.self), storage.array($0.versions, as: UInt32.self)) }
        precondition(all.count <= 2, "a table has at most two indexed columns")
        index0 = all.first
        index1 = all.count > 1 ? all[1] : nil
    }

    // MARK: codes and versions

    /// The dense index of a code (numeric-key kinds: s, y, t, c, b, z, 01), or nil.
    public func codeIndex(of code: UInt64) -> Int? {
        guard !hashSlots.isEmpty else { return nil }
        let mask = hashSlots.count - 1
        var s = KeyPacking.slot(code, mask: mask)
        while true {
            let slot = hashSlots[s]
            if slot == 0 { return nil }
            if codeKeys[Int(slot) - 1] == code { return Int(slot) - 1 }
            s = (s + 1) & mask
        }
    }

    /// The numeric code at a code index.
    public func code(at index: Int) -> UInt64 { codeKeys[index] }

    /// All versions of a code, oldest first.
    public func versions(ofCode index: Int) -> Range<Int> {
        Int(codeFirstVersion[index])..<Int(codeFirstVersion[index + 1])
    }

    /// The version of a code valid on a date (変更年月日 ≤ date ≤ effective 廃止年月日), or nil.
    @inline(__always) public func version(ofCode index: Int, on date: ServiceDate) -> Int? {
        let d = date.yyyymmdd
        var v = Int(codeFirstVersion[index + 1]) - 1
        let first = Int(codeFirstVersion[index])
        while v >= first {
            if versionFrom[v] <= d && d <= versionTo[v] { return v }
            v -= 1
        }
        return nil
    }

    public func validFrom(_ version: Int) -> ServiceDate { ServiceDate(unchecked: versionFrom[version]) }
    /// The last valid day: the earlier of 廃止年月日 and the day before the next version.
    public func validTo(_ version: Int) -> ServiceDate { ServiceDate(unchecked: versionTo[version]) }
    public func isValid(_ version: Int, on date: ServiceDate) -> Bool {
        versionFrom[version] <= date.yyyymmdd && date.yyyymmdd <= versionTo[version]
    }

    // MARK: fields

    @inline(__always) func entry(_ version: Int, _ column: Int) -> Int {
        let i = version * columnCount + column
        let local = wide ? Int(cells32[i]) : Int(cells16[i])
        return Int(columnDictBase[column]) + local
    }

    /// The raw UTF-8 bytes of a field.
    @inline(__always) public func bytes(_ version: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let e = entry(version, column)
        let s = Int(dictOffsets[e]), t = Int(dictOffsets[e + 1])
        return UnsafeBufferPointer(rebasing: dictBytes[s..<t])
    }

    public func string(_ version: Int, _ column: Int) -> String {
        String(decoding: bytes(version, column), as: UTF8.self)
    }

    /// Whether a field is exactly `text` (`string(version, column) == text` without making a String).
    @inline(__always) public func field(_ version: Int, _ column: Int, is text: StaticString) -> Bool {
        let f = bytes(version, column)
        guard f.count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for k in 0..<f.count where f[k] != t[k] { return false }
        return true
    }

    /// A field as an integer (digits only; empty is 0, anything else nil).
    /// More than 18 digits is nil, never a wrapped value (the load bounds every column the engine
    /// reads as a number: `FieldCheck.overLimit`).
    @inline(__always) public func integer(_ version: Int, _ column: Int) -> Int? {
        let field = bytes(version, column)
        guard field.count <= 18 else { return nil }
        var v = 0
        for b in field {
            guard b >= 48 && b <= 57 else { return nil }
            v = v &* 10 &+ Int(b &- 48)
        }
        return v
    }

    /// A decimal field ("291.00") in hundredths (29100); nil if not a decimal.
    /// More than 16 characters is nil, never a wrapped value.
    @inline(__always) public func hundredths(_ version: Int, _ column: Int) -> Int? {
        let field = bytes(version, column)
        guard field.count <= 16 else { return nil }
        var v = 0, decimals = -1
        for b in field {
            if b == UInt8(ascii: ".") { guard decimals < 0 else { return nil }; decimals = 0; continue }
            guard b >= 48 && b <= 57 else { return nil }
            v = v &* 10 &+ Int(b &- 48)
            if decimals >= 0 { decimals += 1 }
        }
        switch decimals {
        case -1, 0: return v * 100
        case 1: return v * 10
        case 2: return v
        default: return nil
        }
    }

    // MARK: secondary indexes

    /// Versions whose `column` holds `key` (an indexed column: 背反 codes, 包括 groups and codes,
    /// 入院基本料 groups, 算定回数 codes, コメント関連 codes).
    public func versions(where column: Int, is key: UInt64) -> [Int] {
        guard let index = index0?.column == column ? index0 : index1?.column == column ? index1 : nil else {
            preconditionFailure("column \(column) of \(kind.rawValue) is not indexed")
        }
        var lo = 0, hi = index.keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if index.keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        while lo < index.keys.count && index.keys[lo] == key { out.append(Int(index.versions[lo])); lo += 1 }
        return out
    }

}
