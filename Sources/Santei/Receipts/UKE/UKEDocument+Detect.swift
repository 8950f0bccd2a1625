extension UKEDocument {
    /// Whether a batch input is a レセプト電算 file rather than JSON lines: its name ends in `.UKE`
    /// (any case), or its first record is an IR (`IR` followed by a field separator or a line break,
    /// even when the IR is damaged — then the UKE door names the fault instead of the JSON reader).
    public static func looksLikeUKE(_ bytes: [UInt8], name: String) -> Bool {
        if name.uppercased().hasSuffix(".UKE") { return true }
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "I"), bytes[1] == UInt8(ascii: "R") else { return false }
        return bytes[2] == UInt8(ascii: ",") || bytes[2] == 13 || bytes[2] == 10
    }
}
