// ＤＰＣ適用区分 — 医科診療行為マスター 項番18.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番18 (p.28, PDF p.32).

/// ＤＰＣ適用区分: whether the procedure is included in the 診断群分類（ＤＰＣ）点数表's points.
public struct DPCApplicability: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 診断群分類（ＤＰＣ）点数表に規定する点数に含まれる診療行為（包括評価対象）
    public static let included = DPCApplicability(rawValue: 0)
    /// 1: ＤＰＣレセプトの出来高部分で算定可能な診療行為
    public static let chargeableOutsideBundle = DPCApplicability(rawValue: 1)
    /// 2: ＤＰＣ専用（特定機能病院が使用する診療行為）
    public static let dpcOnlySpecialFunctionHospital = DPCApplicability(rawValue: 2)
    /// 3: ＤＰＣ専用（「２」及び「４」以外の診療行為）
    public static let dpcOnlyOther = DPCApplicability(rawValue: 3)
    /// 4: ＤＰＣ専用（専門病院が使用する診療行為）
    public static let dpcOnlySpecialtyHospital = DPCApplicability(rawValue: 4)
    /// 9: 診断群分類（ＤＰＣ）点数表の適用外となる診療行為（包括評価対象外）
    public static let notApplicable = DPCApplicability(rawValue: 9)

    public static let meanings: [Int: String] = [
        0: "診断群分類（ＤＰＣ）点数表に規定する点数に含まれる診療行為（包括評価対象）",
        1: "ＤＰＣレセプトの出来高部分で算定可能な診療行為",
        2: "ＤＰＣ専用（特定機能病院が使用する診療行為）",
        3: "ＤＰＣ専用（「２」及び「４」以外の診療行為）",
        4: "ＤＰＣ専用（専門病院が使用する診療行為）",
        9: "診断群分類（ＤＰＣ）点数表の適用外となる診療行為（包括評価対象外）",
    ]
}
