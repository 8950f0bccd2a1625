import CSanteiSHA

/// SHA-256 (FIPS 180-4), used to record the source files a snapshot was compiled from and the inputs of
/// `santei aggregate`. Foundation on Linux has no CommonCrypto and the package takes no dependencies: the
/// compression is the CPU's SHA instructions where it has them (`Sources/CSanteiSHA`, about five times
/// the speed), else the portable one below; both give the same digest (SupportTests).
public struct SHA256: Sendable {
    /// Whether the CPU's SHA instructions are used (asked once).
    public static let usesHardware = csantei_sha256_hardware() == 1
    /// For tests: the portable compression even where the CPU has the instructions.
    var portable = false

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ data: UnsafeRawBufferPointer) {
        length &+= UInt64(data.count)
        var i = 0
        if !buffer.isEmpty {
            while i < data.count && buffer.count < 64 { buffer.append(data[i]); i += 1 }
            if buffer.count == 64 {
                let block = buffer
                block.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (data.count - i) / 64
        if blocks > 0 { compress(data.baseAddress! + i, blocks: blocks); i += blocks * 64 }
        while i < data.count { buffer.append(data[i]); i += 1 }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        while (Int(length) + tail.count) % 64 != 56 { tail.append(0) }
        for s in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s))) }
        let saved = length
        update(tail)
        length = saved
        var out: [UInt8] = []
        for w in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
            out += [UInt8(w >> 24), UInt8(truncatingIfNeeded: w >> 16), UInt8(truncatingIfNeeded: w >> 8), UInt8(truncatingIfNeeded: w)]
        }
        return out
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256(); hash.update(bytes)
        return hash.hexDigest()
    }

    /// The digest as 64 lower-case hex digits.
    public mutating func hexDigest() -> String {
        let digest = finalize()
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func hexPortable(_ bytes: [UInt8]) -> String {
        var hash = SHA256(); hash.portable = true; hash.update(bytes)
        return hash.hexDigest()
    }

    /// Compresses `blocks` 64-byte blocks at `p` into the state: the CPU's SHA instructions, else the portable
    /// compression.
    private mutating func compress(_ p: UnsafeRawPointer, blocks: Int) {
        if SHA256.usesHardware && !portable {
            withUnsafeMutableBytes(of: &h) { state in
                csantei_sha256_blocks(state.baseAddress!.assumingMemoryBound(to: UInt32.self), p.assumingMemoryBound(to: UInt8.self), blocks)
            }
        } else {
            for b in 0..<blocks { compress(p + 64 * b) }
        }
    }

    private mutating func compress(_ p: UnsafeRawPointer) {
        // The message schedule on the stack: no allocation per 64-byte block (input files of 100+ MB).
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for t in 0..<16 { w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self)) }
            for t in 16..<64 {
                let s0 = w[t-15].rotr(7) ^ w[t-15].rotr(18) ^ (w[t-15] >> 3)
                let s1 = w[t-2].rotr(17) ^ w[t-2].rotr(19) ^ (w[t-2] >> 10)
                w[t] = w[t-16] &+ s0 &+ w[t-7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            // The round constants (FIPS 180-4 §4.2.2): one table, the C target's.
            do {
                let k = csantei_sha256_constants()!
                for t in 0..<64 {
                    let s1 = e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }
}

extension UInt32 {
    @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
