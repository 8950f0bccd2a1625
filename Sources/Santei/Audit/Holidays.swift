// 休日 of the 診療報酬点数表 (通知 A000 (23) ア, ../shared/legal/R06/ika-tsuuchi.txt 288-290): 日曜日, the 休日 of 国民の祝日に関する法律
// 第３条 (listed by year in Masters/params/holidays.json), and 1月2日・3日, 12月29日〜31日.

/// The 休日 calendar (`Masters/params/holidays.json`).
struct Holidays: Decodable, Sendable {
    enum CodingKeys: String, CodingKey { case years }
    /// Day numbers of the listed 祝日法 休日, and the years listed.
    private(set) var days = Set<Int>()
    private(set) var known = Set<Int>()

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let years = try c.decode([String: [String]].self, forKey: .years)
        for (year, list) in years {
            guard let y = Int(year) else { throw DecodingError.dataCorruptedError(forKey: .years, in: c, debugDescription: "\(year) is not a year") }
            known.insert(y)
            for text in list {
                guard let d = ServiceDate(text), d.year == y else {
                    throw DecodingError.dataCorruptedError(forKey: .years, in: c, debugDescription: "years[\(year)]: \(text) is not a date of \(year)")
                }
                days.insert(d.dayNumber)
            }
        }
    }

    static let embedded: Holidays? = EmbeddedParameters.decode(Holidays.self, "params/holidays.json")

    /// Whether `d` is a 休日: true or false, or nil when it is neither a Sunday nor 12/29–1/3 and its year's 祝日 are not
    /// listed (not known: never guessed).
    func isHoliday(_ d: ServiceDate) -> Bool? {
        if d.weekday == 0 || (d.month == 1 && d.day <= 3) || (d.month == 12 && d.day >= 29) { return true }
        guard known.contains(d.year) else { return nil }
        return days.contains(d.dayNumber)
    }

    /// 通知 B000 (3) ただし書: when the day a period ends (`end`, the first day the fee may be billed) is a 休日, the fee may also
    /// be billed on 「その休日の直前の休日でない日」. The first day the fee may be billed: `end`, or that day. A day whose 休日 is
    /// not known stops the walk (the period is not shortened on a guess).
    func firstBillableDay(from end: ServiceDate) -> ServiceDate {
        guard isHoliday(end) == true else { return end }
        var d = ServiceDate(dayNumber: end.dayNumber - 1)
        while true {
            guard let h = isHoliday(d) else { return end }
            if !h { return d }
            d = ServiceDate(dayNumber: d.dayNumber - 1)
        }
    }
}
