extension StringProtocol {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. Master names and markers are plain text
    /// from the same decoder; Foundation's `contains` goes through UTF-16 and a locale-aware search, tens of
    /// times slower, and sat on the 入院 hot path (ward-row markers, 期間 names).
    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            if let hit = self.utf8.withContiguousStorageIfAvailable({ Self.search($0, n) }) { return hit }
            var copy = String(self)
            return copy.withUTF8 { Self.search($0, n) }
        }
    }

    private static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !n.isEmpty else { return true }
        guard h.count >= n.count else { return false }
        let first = n[0]
        var i = 0
        outer: while i <= h.count - n.count {
            if h[i] == first {
                var k = 1
                while k < n.count { if h[i + k] != n[k] { i += 1; continue outer }; k += 1 }
                return true
            }
            i += 1
        }
        return false
    }
}
