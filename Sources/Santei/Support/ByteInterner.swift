/// Distinct byte strings stored once, each given a dense id in first-seen order.
///
/// Used when building master tables: every field value of a column is interned, so a table row
/// is an array of small integers and the text lives once in a contiguous buffer. Open addressing
/// over FNV-1a hashes; no allocation per value.
struct ByteInterner {
    private(set) var bytes: [UInt8] = []
    /// Entry `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
    private(set) var offsets: [UInt32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [UInt32]
    private var mask: Int

    init(capacity: Int = 16) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [UInt32](repeating: 0, count: c)
        mask = c - 1
    }

    var count: Int { offsets.count - 1 }

    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// The id of `value`, adding it if new.
    mutating func intern(_ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = ByteInterner.hash(value)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { break }
            let id = Int(slot - 1)
            if hashes[id] == h && equals(id, value) { return UInt32(id) }
            s = (s + 1) & mask
        }
        let id = count
        bytes.append(contentsOf: value)
        offsets.append(UInt32(bytes.count))
        hashes.append(h)
        slots[s] = UInt32(id + 1)
        if count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    mutating func intern(_ value: [UInt8]) -> UInt32 { value.withUnsafeBufferPointer { intern($0) } }

    /// The id of `value` if present.
    func find(_ value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = ByteInterner.hash(value)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { return nil }
            let id = Int(slot - 1)
            if hashes[id] == h && equals(id, value) { return UInt32(id) }
            s = (s + 1) & mask
        }
    }

    func value(_ id: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[id])..<Int(offsets[id + 1])] }

    private func equals(_ id: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(offsets[id]), b = Int(offsets[id + 1])
        guard b - a == value.count else { return false }
        return bytes.withUnsafeBufferPointer { buf in
            for i in 0..<value.count where buf[a + i] != value[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [UInt32](repeating: 0, count: c)
        mask = c - 1
        for id in 0..<count {
            var s = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt32(id + 1)
        }
    }
}
