/// The 下限年齢・上限年齢 of a 医科診療行為 (項番41・42) or 特定器材 (項番15・16), applied to a patient on a date.
///
/// R06rec1 §3(7) 項番41-42: a 下限年齢 is inclusive, a 上限年齢 is 「上限値＋１」 and exclusive; "00" = no
/// limit; AA 生後28日, AE 生後90日; B3/B6/BF/BK = the 1st of the month after the day the age of 3/6/15/20 is
/// attained; MG = 未就学児 (up to the first 31 March after the 6th year is attained). Ages are attained the
/// day before the birthday (年齢計算ニ関スル法律).
enum AgeLimit {
    /// Whether the patient may have the code on the date; codes this list does not know allow.
    static func allows(lower: UnsafeBufferPointer<UInt8>, upper: UnsafeBufferPointer<UInt8>, age: PatientAge, on date: ServiceDate) -> Bool {
        if let t = threshold(lower, age), date < t { return false }
        if let t = threshold(upper, age), date >= t { return false }
        return true
    }

    /// Whether both codes are "00"/empty: the common case, checked without any arithmetic.
    @inline(__always) static func isUnlimited(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        code.isEmpty || (code.count == 2 && code[0] == 48 && code[1] == 48)
    }

    /// The first date on which the age code is reached, or nil for "00" and unknown codes.
    static func threshold(_ code: UnsafeBufferPointer<UInt8>, _ age: PatientAge) -> ServiceDate? {
        guard code.count == 2, !isUnlimited(code) else { return nil }
        let a = code[0], b = code[1]
        let birth = age.birth
        func attained(_ years: Int) -> ServiceDate {
            // The birthday of that year (29 February → 1 March), minus one day.
            let y = birth.year + years
            let day = min(birth.day, ServiceDate.daysInMonth(year: y, month: birth.month))
            return ServiceDate(dayNumber: ServiceDate(year: y, month: birth.month, day: day)!.dayNumber - 1)
        }
        func firstOfNextMonth(_ d: ServiceDate) -> ServiceDate {
            d.month == 12 ? ServiceDate(year: d.year + 1, month: 1, day: 1)! : ServiceDate(year: d.year, month: d.month + 1, day: 1)!
        }
        if a >= 48 && a <= 57 && b >= 48 && b <= 57 { return attained(Int(a - 48) * 10 + Int(b - 48)) }
        switch (a, b) {
        case (UInt8(ascii: "A"), UInt8(ascii: "A")): return ServiceDate(dayNumber: birth.dayNumber + 28)
        case (UInt8(ascii: "A"), UInt8(ascii: "E")): return ServiceDate(dayNumber: birth.dayNumber + 90)
        case (UInt8(ascii: "B"), UInt8(ascii: "3")): return firstOfNextMonth(attained(3))
        case (UInt8(ascii: "B"), UInt8(ascii: "6")): return firstOfNextMonth(attained(6))
        case (UInt8(ascii: "B"), UInt8(ascii: "F")): return firstOfNextMonth(attained(15))
        case (UInt8(ascii: "B"), UInt8(ascii: "K")): return firstOfNextMonth(attained(20))
        case (UInt8(ascii: "M"), UInt8(ascii: "G")):
            // 未就学児: until the first 31 March on or after the day 6 is attained; the limit is the day after.
            let six = attained(6)
            let year = six.month <= 3 ? six.year : six.year + 1
            return ServiceDate(year: year, month: 4, day: 1)
        default: return nil
        }
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
