/// A calendar day as written in the masters: `YYYYMMDD` packed in one integer so that
/// numeric order is date order. `ServiceDate.open` (99999999) is the masters' "not abolished".
public struct ServiceDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let yyyymmdd: UInt32

    /// 廃止年月日 "99999999": valid with no end.
    public static let open = ServiceDate(unchecked: 99_999_999)
    /// The earliest possible day, used for "valid since always" (an empty 収載年月日).
    public static let distantPast = ServiceDate(unchecked: 0)

    @inlinable public init(unchecked yyyymmdd: UInt32) { self.yyyymmdd = yyyymmdd }

    /// A real calendar day, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= ServiceDate.daysInMonth(year: year, month: month) else { return nil }
        self.yyyymmdd = UInt32(year * 10000 + month * 100 + day)
    }

    /// Parses exactly `YYYY-MM-DD` or `YYYYMMDD` (a real calendar day); `99999999` gives `.open`.
    /// Anything else — `2-0-2-4-0-6-0-3`, `2024-6-3`, `9999-99-99`, signs, spaces — is nil.
    public init?(_ text: some StringProtocol) {
        // One pass over the bytes, no allocation (this runs for every date of every claim): digits,
        // and a '-' only at offsets 4 and 7 of the 10-byte form.
        var v: UInt64 = 0, count = 0, dashes = 0   // ≤ 10 digits: no overflow in 64 bits
        for c in text.utf8 {
            guard count < 10 else { return nil }
            if c == UInt8(ascii: "-") {
                guard count == 4 || count == 7 else { return nil }
                dashes += 1
            } else {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + UInt64(c - 48)
            }
            count += 1
        }
        guard (count == 8 && dashes == 0) || (count == 10 && dashes == 2) else { return nil }
        if v == 99_999_999 { guard count == 8 else { return nil }; self = .open; return }  // the masters' 廃止年月日 form only
        self.init(year: Int(v / 10000), month: Int((v / 100) % 100), day: Int(v % 100))
    }

    /// Exactly `YYYY-MM-DD`, as the help and every message of the command line and the HTTP query name it
    /// (review 417 JE-7: `--date 20240601` was taken while a claim's `"20240603"` is refused).
    public static func dashed(_ text: some StringProtocol) -> ServiceDate? {
        text.utf8.count == 10 ? ServiceDate(text) : nil
    }

    public var year: Int { Int(yyyymmdd / 10000) }
    public var month: Int { Int((yyyymmdd / 100) % 100) }
    public var day: Int { Int(yyyymmdd % 100) }

    public static func < (a: ServiceDate, b: ServiceDate) -> Bool { a.yyyymmdd < b.yyyymmdd }

    /// `YYYY-MM-DD`; `open` prints as `open`.
    public var description: String {
        if self == .open { return "open" }
        if self == .distantPast { return "always" }
        return String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01, day number 0, was a Thursday).
    public var weekday: Int { ((dayNumber + 4) % 7 + 7) % 7 }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
    public var dayNumber: Int {
        let m = month, d = day
        let y = year - (m <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.yyyymmdd = UInt32(y * 10000 + m * 100 + d)
    }

    /// The day before; `open` and `distantPast` stay as they are.
    public var previousDay: ServiceDate {
        if self == .open || self == .distantPast { return self }
        return ServiceDate(dayNumber: dayNumber - 1)
    }
}

extension String {
    init(format2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
    init(format4 v: Int) { let digits = "\(v)"; self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits }
}
