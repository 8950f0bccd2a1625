// 包括対象検査 — 医科診療行為マスター 項番16.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番16 (pp.27-28, PDF pp.31-32). There is no 4 or 12.

/// 包括対象検査: the group of tests whose points depend on how many items of the group were done.
public struct BundledTestGroup: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「１４」以外の診療行為 (not bundled; the spec's wording predates 15 and 16)
    public static let none = BundledTestGroup(rawValue: 0)
    /// 1: 血液化学検査の包括項目
    public static let bloodChemistry = BundledTestGroup(rawValue: 1)
    /// 2: 内分泌学的検査の包括項目
    public static let endocrinology = BundledTestGroup(rawValue: 2)
    /// 3: 肝炎ウイルス関連検査の包括項目
    public static let hepatitisVirus = BundledTestGroup(rawValue: 3)
    /// 5: 腫瘍マーカーの包括項目
    public static let tumorMarkers = BundledTestGroup(rawValue: 5)
    /// 6: 出血・凝固検査の包括項目
    public static let coagulation = BundledTestGroup(rawValue: 6)
    /// 7: 自己抗体検査の包括項目
    public static let autoantibodies = BundledTestGroup(rawValue: 7)
    /// 8: 内分泌負荷試験の包括項目
    public static let endocrineLoad = BundledTestGroup(rawValue: 8)
    /// 9: 感染症免疫学的検査のうち、ウイルス抗体価（定性・半定量・定量）
    public static let viralAntibodyTiter = BundledTestGroup(rawValue: 9)
    /// 10: 感染症免疫学的検査のうち、グロブリンクラス別ウイルス抗体価
    public static let globulinClassViralAntibodyTiter = BundledTestGroup(rawValue: 10)
    /// 11: 血漿蛋白免疫学的検査のうち、特異的ＩｇＥ半定量・定量
    public static let specificIgE = BundledTestGroup(rawValue: 11)
    /// 13: 悪性腫瘍遺伝子検査（処理が容易なもの）
    public static let tumorGeneSimple = BundledTestGroup(rawValue: 13)
    /// 14: 悪性腫瘍遺伝子検査（処理が複雑なもの）
    public static let tumorGeneComplex = BundledTestGroup(rawValue: 14)
    /// 15: 悪性腫瘍遺伝子検査（血液・血漿）（ＲＯＳ１融合遺伝子検査 … ＥＧＦＲ遺伝子検査（血漿））
    public static let tumorGeneBlood1 = BundledTestGroup(rawValue: 15)
    /// 16: 悪性腫瘍遺伝子検査（血液・血漿）（ＭＥＴｅｘ１４遺伝子検査、ＮＴＲＫ融合遺伝子検査、ＨＥＲ２遺伝子検査（肺癌に係るもの））
    public static let tumorGeneBlood2 = BundledTestGroup(rawValue: 16)

    public static let meanings: [Int: String] = [
        0: "「１」から「１４」以外の診療行為",
        1: "血液化学検査の包括項目",
        2: "内分泌学的検査の包括項目",
        3: "肝炎ウイルス関連検査の包括項目",
        5: "腫瘍マーカーの包括項目",
        6: "出血・凝固検査の包括項目",
        7: "自己抗体検査の包括項目",
        8: "内分泌負荷試験の包括項目",
        9: "感染症免疫学的検査のうち、ウイルス抗体価（定性・半定量・定量）",
        10: "感染症免疫学的検査のうち、グロブリンクラス別ウイルス抗体価",
        11: "血漿蛋白免疫学的検査のうち、特異的ＩｇＥ半定量・定量",
        13: "悪性腫瘍遺伝子検査（処理が容易なもの）",
        14: "悪性腫瘍遺伝子検査（処理が複雑なもの）",
        15: "悪性腫瘍遺伝子検査（血液・血漿）（ＲＯＳ１融合遺伝子検査、ＡＬＫ融合遺伝子検査、ＲＡＳ遺伝子検査、ＢＲＡＦ遺伝子検査、ＨＥＲ２遺伝子検査（大腸癌に係るもの）、マイクロサテライト不安定性検査、ＥＧＦＲ遺伝子検査（血漿））",
        16: "悪性腫瘍遺伝子検査（血液・血漿）（ＭＥＴｅｘ１４遺伝子検査、ＮＴＲＫ融合遺伝子検査、ＨＥＲ２遺伝子検査（肺癌に係るもの））",
    ]
}
