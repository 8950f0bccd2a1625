// 適合区分 — 医科診療行為マスター 項番44 (基準適合識別); 項番45「対象施設基準」holds a ``FacilityStandard``.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番44・45 (p.34, PDF p.38).

/// 適合区分: whether the procedure is charged at reduced points when a 基準 is not met.
public struct StandardConformityClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = StandardConformityClass(rawValue: 0)
    /// 1: 逓減コード自体
    public static let reductionCode = StandardConformityClass(rawValue: 1)
    /// 2: 基準を満たさない場合、逓減した点数を算定する診療行為
    public static let reducedWhenNotMet = StandardConformityClass(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "逓減コード自体",
        2: "基準を満たさない場合、逓減した点数を算定する診療行為",
    ]
}
