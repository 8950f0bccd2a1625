// 病院・診療所区分 — 医科診療行為マスター 項番19.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番19 (p.28, PDF p.32). The 令和2年 master
// (s_ALL20220218) also carries 3 on two 短期滞在手術等基本料２ rows; 3 is not in the 令和6年度版 list.

/// 病院・診療所区分: whether the procedure applies to 病院 only, 診療所 only, or is 短期滞在手術等基本料３.
public struct FacilityType: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４」以外の診療行為 (病院 and 診療所)
    public static let any = FacilityType(rawValue: 0)
    /// 1: 病院に限り適用される診療行為
    public static let hospitalOnly = FacilityType(rawValue: 1)
    /// 2: 診療所に限り適用される診療行為
    public static let clinicOnly = FacilityType(rawValue: 2)
    /// 4: 短期滞在手術等基本料３
    public static let shortStaySurgery3 = FacilityType(rawValue: 4)

    public static let meanings: [Int: String] = [
        0: "「１」から「４」以外の診療行為",
        1: "病院に限り適用される診療行為",
        2: "診療所に限り適用される診療行為",
        4: "短期滞在手術等基本料３",
    ]
}
