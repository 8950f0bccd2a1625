/// 法別番号: the first two digits of a 公費負担者番号 (公費負担医療の番号設定要領), naming the law a
/// 公費 program rests on. 80–99 and other locally assigned numbers are 地方単独公費.
/// domain-facts.md A.5 'Main 法別番号'.
public struct LawNumber: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// Two digits, else nil.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 2, rawValue.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.rawValue = rawValue
    }
    public var description: String { rawValue }

    /// 感染症法第37条の2 結核 適正医療 (patient 5%).
    public static let tuberculosisOutpatient = LawNumber(rawValue: "10")!
    /// 感染症法第37条 結核 入院勧告.
    public static let tuberculosisInpatient = LawNumber(rawValue: "11")!
    /// 生活保護法 医療扶助 (last in 公費 order).
    public static let publicAssistance = LawNumber(rawValue: "12")!
    /// 障害者総合支援法 自立支援医療 更生医療.
    public static let rehabilitation = LawNumber(rawValue: "15")!
    /// 障害者総合支援法 自立支援医療 育成医療.
    public static let childRehabilitation = LawNumber(rawValue: "16")!
    /// 障害者総合支援法 自立支援医療 精神通院.
    public static let psychiatricOutpatient = LawNumber(rawValue: "21")!
    /// 感染症法 一類・二類・指定感染症 入院.
    public static let infectiousDisease = LawNumber(rawValue: "28")!
    /// 肝炎治療特別促進事業.
    public static let hepatitis = LawNumber(rawValue: "38")!
    /// 児童福祉法 小児慢性特定疾病医療費.
    public static let pediatricChronic = LawNumber(rawValue: "52")!
    /// 難病法 特定医療費 (指定難病).
    public static let intractableDisease = LawNumber(rawValue: "54")!
}

/// 所得区分 for 高額療養費 (and the 負担割合 of 70歳以上): 70歳未満 ア〜オ (健康保険法施行令第42条第1項),
/// 70歳以上 現役並みⅢ〜Ⅰ, 一般, 低所得Ⅱ/Ⅰ; 後期高齢者 一般Ⅰ (1割) and 一般Ⅱ (2割, 令和4年10月〜).
/// domain-facts.md A.2, A.4.
public struct IncomeClass: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init?(rawValue: String) {
        guard IncomeClass.all.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }
    private init(_ v: String) { rawValue = v }
    public var description: String { rawValue }

    static let all: Set<String> = ["ア", "イ", "ウ", "エ", "オ", "現役並みⅢ", "現役並みⅡ", "現役並みⅠ", "一般", "一般Ⅰ", "一般Ⅱ", "低所得Ⅱ", "低所得Ⅰ"]

    /// 70歳未満 標準報酬月額83万円以上.
    public static let a = IncomeClass("ア")
    /// 70歳未満 標準報酬月額53万〜79万円.
    public static let i = IncomeClass("イ")
    /// 70歳未満 標準報酬月額28万〜50万円.
    public static let u = IncomeClass("ウ")
    /// 70歳未満 標準報酬月額26万円以下.
    public static let e = IncomeClass("エ")
    /// 70歳未満 住民税非課税.
    public static let o = IncomeClass("オ")
    /// 70歳以上 現役並み所得 (標準報酬月額83万円以上).
    public static let activeIII = IncomeClass("現役並みⅢ")
    /// 70歳以上 現役並み所得 (53万〜79万円).
    public static let activeII = IncomeClass("現役並みⅡ")
    /// 70歳以上 現役並み所得 (28万〜50万円).
    public static let activeI = IncomeClass("現役並みⅠ")
    /// 70歳以上 一般.
    public static let general = IncomeClass("一般")
    /// 後期高齢者 一般 1割.
    public static let generalI = IncomeClass("一般Ⅰ")
    /// 後期高齢者 一定以上所得 2割 (令和4年10月〜).
    public static let generalII = IncomeClass("一般Ⅱ")
    /// 70歳以上 住民税非課税.
    public static let lowII = IncomeClass("低所得Ⅱ")
    /// 70歳以上 住民税非課税 (所得なし).
    public static let lowI = IncomeClass("低所得Ⅰ")

    /// ア〜オ: the classes of people under 70.
    public var isUnder70Class: Bool { ["ア", "イ", "ウ", "エ", "オ"].contains(rawValue) }
    /// 現役並み所得者 (3割 at 70 and over).
    public var isActiveIncome: Bool { rawValue.hasPrefix("現役並み") }
    /// The 負担割合 (％) a patient of the class can have (健保法 §74, 高齢者医療確保法 §67; domain-facts.md A): under 70 3割
    /// (未就学 2割); 現役並み 3割; 一般Ⅱ 2割 and 一般Ⅰ 1割 (後期 only: 高齢者医療確保法 §67 第1項 第1号・第2号, 2022-10-01〜); the
    /// other 70歳以上 classes 2割 (70–74) or 1割 (後期, or 70–74 before 2014-04) (review 155 A1: 一般Ⅰ at 2割 was settled).
    func ratesAllowed(over70: Bool) -> [Int] {
        !over70 ? [30, 20] : isActiveIncome ? [30] : self == .generalII ? [20] : self == .generalI ? [10] : [20, 10]
    }
    /// 一般Ⅰ and 一般Ⅱ: classes of the 後期高齢者医療 only (高齢者医療確保法 §67 第1項 第1号・第2号).
    public var isLateElderlyOnly: Bool { self == .generalI || self == .generalII }
    /// The row of the 70歳以上 limit tables: 後期 一般Ⅰ and 一般Ⅱ share the 一般 limits (domain-facts.md A.4).
    var over70LimitRow: IncomeClass { isLateElderlyOnly ? .general : self }
}

/// 入院時食事療養 標準負担額の区分 (Masters/params/copay/meals.json; domain-facts.md A.6).
public struct MealClass: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    /// 一般 (食事療養).
    public static let general = MealClass(rawValue: "一般")
    /// 指定難病・小児慢性特定疾病 受給者 (一般所得).
    public static let intractable = MealClass(rawValue: "難病小慢")
    /// 低所得Ⅱ (70歳未満 区分オ を含む), 90日まで.
    public static let lowII = MealClass(rawValue: "低所得Ⅱ")
    /// 低所得Ⅱ, 91日目以降 (長期該当).
    public static let lowIILongStay = MealClass(rawValue: "低所得Ⅱ長期")
    /// 低所得Ⅰ (70歳以上).
    public static let lowI = MealClass(rawValue: "低所得Ⅰ")
}

/// An input or parameter problem, with the field (JSON path) it is about.
public struct CopayError: Error, Sendable, CustomStringConvertible, Equatable {
    public var field: String
    public var message: String
    public init(field: String, _ message: String) { self.field = field; self.message = message }
    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

/// Exact yen arithmetic: every rounding step named. No floating point on money.
public enum Yen {
    /// 1円未満四捨五入 of `numerator / denominator` (both ≥ 0): the 1% part of a 高額療養費 limit
    /// (健康保険法施行令第42条), a percentage share of the 医療費.
    /// Written on quotient and remainder (no overflow); a negative amount rounds by its size, as
    /// `roundToTenYen` does, instead of stopping the process.
    @inlinable public static func roundHalfUp(_ numerator: Int, over denominator: Int) -> Int {
        Rounding.halfUp(numerator, divisor: max(1, denominator))
    }

    /// 10円未満四捨五入 (健康保険法第75条, 国民健康保険法第42条の2): 5円未満切り捨て, 5円以上切り上げ.
    /// A negative amount (a refund) is rounded the same way by its size.
    @inlinable public static func roundToTenYen(_ yen: Int) -> Int {
        yen >= 0 ? (yen + 5) / 10 * 10 : -((-yen + 5) / 10 * 10)
    }

    /// 10円未満四捨五入 of an exact amount in 1/100 円 (`percent` × yen before any 1円 rounding): 健康保険法第75条
    /// rounds the 一部負担金 itself, so 1,234.6円 is 1,230円, not 1,235円 → 1,240円. A negative amount by its size.
    @inlinable public static func roundToTenYen(hundredths x: Int) -> Int {
        x >= 0 ? (x / 100 + (x % 1_000 >= 500 ? 10 : 0)) / 10 * 10 : -roundToTenYen(hundredths: x == .min ? .max : -x)
    }

    /// An amount in 1/100 円 as text: 1,234.6円, 1,235円.
    public static func text(hundredths x: Int) -> String {
        guard x >= 0 else { return "-" + text(hundredths: x == .min ? .max : -x) }
        let whole = text(x / 100), cents = x % 100
        guard cents != 0 else { return whole }
        let frac = cents % 10 == 0 ? String(cents / 10) : (cents < 10 ? "0" : "") + String(cents)
        return String(whole.dropLast()) + "." + frac + "円"
    }

    /// `percent` % of `yen`, exact in 1/100 円 (saturating as `percent(_:of:)` does).
    @inlinable public static func hundredths(_ percent: Int, of yen: Int) -> Int {
        Checked.mul(yen, percent) ?? ((yen >= 0) == (percent >= 0) ? .max : .min)
    }

    /// `percent` % of `yen`, 1円未満四捨五入. Inputs are inside `DomainLimit` (yen ≤ 10¹⁰ per bill, Σ over
    /// ≤ 10⁴ bills, percent ≤ 100), so the product is below 10¹⁷; beyond that it saturates instead of trapping.
    @inlinable public static func percent(_ percent: Int, of yen: Int) -> Int {
        roundHalfUp(Checked.mul(yen, percent) ?? ((yen >= 0) == (percent >= 0) ? .max : .min), over: 100)
    }

    /// `total` shared out in proportion to `weights` (each ≥ 0): floor shares, the remainder to the last
    /// part with weight, so the shares add up to `total` exactly. All-zero weights put `total` on the last.
    public static func allocate(_ total: Int, by weights: [Int]) -> [Int] {
        guard weights.count > 1 else { return weights.isEmpty ? [] : [total] }
        let sum = weights.reduce(0, +)
        var out = Array(repeating: 0, count: weights.count)
        guard sum > 0 else { out[out.count - 1] = total; return out }
        var given = 0
        for (k, w) in weights.enumerated() {
            // total and w are bounded by DomainLimit; the product stays below 10¹⁷ (saturating otherwise).
            let share = (Checked.mul(total, w) ?? .max) / sum
            out[k] = share
            given += share
        }
        let last = weights.lastIndex(where: { $0 > 0 }) ?? weights.count - 1
        out[last] += total - given
        return out
    }

    /// "1,234円".
    public static func text(_ yen: Int) -> String {
        let digits = String(abs(yen))
        var out = ""
        for (n, c) in digits.enumerated() {
            if n > 0 && (digits.count - n) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (yen < 0 ? "-" : "") + out + "円"
    }
}
