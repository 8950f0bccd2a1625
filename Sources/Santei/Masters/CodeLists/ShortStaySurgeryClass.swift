// 短期滞在手術 — 医科診療行為マスター 項番83.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番83 (p.41, PDF p.45).

/// 短期滞在手術: whether the procedure is, or may take, 短期滞在手術等基本料１.
public struct ShortStaySurgeryClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「３」以外の診療行為
    public static let none = ShortStaySurgeryClass(rawValue: 0)
    /// 1: 短期滞在手術等基本料１
    public static let basicFee1 = ShortStaySurgeryClass(rawValue: 1)
    /// 3: 短期滞在手術等基本料１を算定可能な診療行為（手術）
    public static let surgeryEligibleForBasicFee1 = ShortStaySurgeryClass(rawValue: 3)

    public static let meanings: [Int: String] = [
        0: "「１」及び「３」以外の診療行為",
        1: "短期滞在手術等基本料１",
        3: "短期滞在手術等基本料１を算定可能な診療行為（手術）",
    ]
}
