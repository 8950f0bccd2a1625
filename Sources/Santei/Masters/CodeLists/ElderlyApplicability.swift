// 後期高齢者医療適用区分 — 医科診療行為マスター 項番14.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番14 (p.27, PDF p.31).

/// 後期高齢者医療適用区分: whether the procedure applies under 医療保険, 後期高齢者医療, or both.
public struct ElderlyApplicability: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為 (no restriction)
    public static let any = ElderlyApplicability(rawValue: 0)
    /// 1: 医療保険に限り適用される診療行為
    public static let healthInsuranceOnly = ElderlyApplicability(rawValue: 1)
    /// 2: 後期高齢者医療に限り適用される診療行為
    public static let lateElderlyOnly = ElderlyApplicability(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "医療保険に限り適用される診療行為",
        2: "後期高齢者医療に限り適用される診療行為",
    ]

    /// Whether a procedure with this value applies to a patient under 後期高齢者医療
    /// (`lateElderly == true`) or under other 医療保険. Unknown values allow both.
    public func allows(lateElderly: Bool) -> Bool {
        switch self {
        case .healthInsuranceOnly: return !lateElderly
        case .lateElderlyOnly: return lateElderly
        default: return true
        }
    }
}
