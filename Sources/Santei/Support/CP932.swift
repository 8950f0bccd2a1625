import Glibc

/// Decodes CP932 (Windows-31J, the masters' and UKE files' encoding) to UTF-8 through glibc iconv.
///
/// CP932 is Shift_JIS with the NEC/IBM extensions and Microsoft's mapping: 0x8160 → U+FF5E ～,
/// 0x817C → U+FF0D －, 0x8740 → ① , 0x878A → ㈱, 0xFBFC → 髙, 0xFAB1 → 﨑. Every structural byte of
/// a CSV (`"` `,` CR LF) is ASCII and never the trail byte of a double-byte character, so a whole
/// file can be converted at once and parsed as UTF-8.
public enum CP932 {
    /// Where the input stopped being CP932.
    public struct DecodingError: Error, Sendable {
        /// Byte offset of the first undecodable byte in the input.
        public let offset: Int
        /// The offending bytes (up to 2), for the message.
        public let bytes: [UInt8]
    }

    /// Converts a whole buffer. Throws `DecodingError` at the first byte sequence that is not CP932.
    public static func decode(_ input: UnsafeRawBufferPointer) throws(DecodingError) -> [UInt8] {
        if input.isEmpty { return [] }
        // Fast path: pure ASCII needs no conversion.
        if !input.contains(where: { $0 >= 0x80 }) { return Array(input) }
        let cd = iconv_open("UTF-8", "CP932")
        guard cd != iconv_t(bitPattern: -1) else { fatalError("glibc iconv has no CP932 converter") }
        defer { iconv_close(cd) }
        // A CP932 character is 1 or 2 bytes; its UTF-8 form is at most 3 bytes.
        var output = [UInt8](repeating: 0, count: input.count * 3 / 2 + 16)
        var failedAt = -1
        let produced: Int = output.withUnsafeMutableBytes { out in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
            var inLeft = input.count
            var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            if r == -1 || inLeft != 0 { failedAt = input.count - inLeft }
            return out.count - outLeft
        }
        if failedAt >= 0 {
            let end = Swift.min(failedAt + 2, input.count)
            throw DecodingError(offset: failedAt, bytes: Array(input[failedAt..<end]))
        }
        output.removeSubrange(produced...)
        return output
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> [UInt8] {
        var result: Result<[UInt8], DecodingError> = .success([])
        bytes.withUnsafeBytes { raw in
            do throws(DecodingError) { result = .success(try decode(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Encodes UTF-8 text to CP932 (for writing UKE files). Characters with no CP932 form fail.
    public static func encode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        if input.isEmpty { return [] }
        if !input.contains(where: { $0 >= 0x80 }) { return input }
        let cd = iconv_open("CP932", "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var ok = true
        let produced: Int = input.withUnsafeBytes { inRaw in
            output.withUnsafeMutableBytes { out in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: inRaw.baseAddress!.assumingMemoryBound(to: CChar.self))
                var inLeft = inRaw.count
                var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft != 0 { ok = false }
                return out.count - outLeft
            }
        }
        guard ok else { return nil }
        return Array(output[..<produced])
    }
}
