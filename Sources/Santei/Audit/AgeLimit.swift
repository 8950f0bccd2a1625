/// The 下限年齢・上限年齢 of a 医科診療行為 (項番41・42) or 特定器材 (項番15・16), applied to a patient on a
/// date through `PatientAge` (the one reading of the age codes, shared with pricing).
enum AgeLimit {
    /// Whether the patient may have the code on the date; codes the spec does not define allow.
    static func allows(lower: UnsafeBufferPointer<UInt8>, upper: UnsafeBufferPointer<UInt8>, age: PatientAge, on date: ServiceDate) -> Bool {
        age.satisfies(lower: lower, upper: upper, on: date) ?? true
    }

    /// Whether the code is "00"/empty: the common case, checked without any arithmetic.
    @inline(__always) static func isUnlimited(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        code.isEmpty || (code.count == 2 && code[0] == 48 && code[1] == 48)
    }
}

/// ICD-10 categories for one sex only (WHO ICD-10 Volume 2, sex-specific categories; the 3-character
/// blocks below are the ones whose every code is so restricted). Read from the 傷病名マスター's
/// ICD-10-1 (2013) column (項番16).
enum DiseaseSex {
    /// "1" 男 / "2" 女 (UKE 男女区分) the ICD-10 code is limited to, or nil.
    static func restriction(icd10 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 3, let letter = Optional(bytes[0]), bytes[1] >= 48, bytes[1] <= 57, bytes[2] >= 48, bytes[2] <= 57 else { return nil }
        let n = Int(bytes[1] - 48) * 10 + Int(bytes[2] - 48)
        switch letter {
        case UInt8(ascii: "O"): return "2"                                   // O00-O99 妊娠、分娩及び産じょく
        case UInt8(ascii: "C"): return (51...58).contains(n) ? "2" : (60...63).contains(n) ? "1" : nil
        case UInt8(ascii: "N"): return (70...98).contains(n) ? "2" : (40...51).contains(n) ? "1" : nil
        case UInt8(ascii: "D"): return n == 6 || (25...28).contains(n) ? "2" : n == 29 || n == 40 ? "1" : nil
        case UInt8(ascii: "Q"): return (50...52).contains(n) ? "2" : (53...55).contains(n) ? "1" : nil
        default: return nil
        }
    }
}
