/// The arrays of one finished chain, before they are laid into an image: struct-of-arrays, codes
/// interned to dense indexes, each field a small integer into its column's dictionary.
struct TableData {
    let kind: MasterKind
    let columnCount: Int
    /// Row-major: version `v`, column `c` at `v * columnCount + c`; the value is an entry of
    /// column `c`'s dictionary.
    var cells: [UInt32] = []
    var dictBytes: [UInt8] = []
    /// Dictionary entry `e` is `dictBytes[dictOffsets[e] ..< dictOffsets[e + 1]]`.
    var dictOffsets: [UInt32] = [0]
    /// Column `c`'s entries are `columnDictBase[c] ..< columnDictBase[c + 1]`.
    var columnDictBase: [UInt32] = []
    /// Numeric code of each code index (kinds with a numeric key only), ascending.
    var codeKeys: [UInt64] = []
    /// Code `i` has versions `codeFirstVersion[i] ..< codeFirstVersion[i + 1]`, oldest first.
    var codeFirstVersion: [UInt32] = [0]
    var versionFrom: [UInt32] = []
    var versionTo: [UInt32] = []
    /// Open addressing over `codeKeys`: 0 empty, else code index + 1.
    var hashSlots: [UInt32] = []
    var indexes: [(column: Int, keys: [UInt64], versions: [UInt32])] = []

    init(kind: MasterKind, columnCount: Int) {
        self.kind = kind
        self.columnCount = columnCount
    }

    var versionCount: Int { versionFrom.count }
    var codeCount: Int { codeFirstVersion.count - 1 }

    mutating func finishIndexes(layout: MasterLayout) {
        if layout.hasNumericKey {
            var capacity = 16
            while capacity < codeKeys.count * 2 { capacity <<= 1 }
            hashSlots = [UInt32](repeating: 0, count: capacity)
            let mask = capacity - 1
            for (i, k) in codeKeys.enumerated() {
                var s = KeyPacking.slot(k, mask: mask)
                while hashSlots[s] != 0 { s = (s + 1) & mask }
                hashSlots[s] = UInt32(i + 1)
            }
        }
        for column in layout.indexColumns {
            var pairs: [(UInt64, UInt32)] = []
            pairs.reserveCapacity(versionCount)
            let base = Int(columnDictBase[column])
            for v in 0..<versionCount {
                let e = base + Int(cells[v * columnCount + column])
                let value = dictBytes[Int(dictOffsets[e])..<Int(dictOffsets[e + 1])]
                if value.isEmpty { continue }
                pairs.append((KeyPacking.pack(value), UInt32(v)))
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            indexes.append((column, pairs.map(\.0), pairs.map(\.1)))
        }
    }
}

/// Codes as 64-bit keys: a digit string of up to 18 digits is its number; anything else (such as
/// 包括 group numbers "A000001") is a 63-bit hash with the top bit set.
public enum KeyPacking {
    public static func pack<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        if bytes.count <= 18 && !bytes.isEmpty && bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            var v: UInt64 = 0
            for b in bytes { v = v * 10 + UInt64(b - 48) }
            return v
        }
        return (1 << 63) | (XXH64.hash(Array(bytes)) & ~(1 << 63))
    }

    public static func pack(_ text: String) -> UInt64 { pack(Array(text.utf8)) }

    @inline(__always) static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }
}
