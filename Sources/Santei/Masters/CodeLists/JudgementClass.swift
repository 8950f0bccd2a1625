// 検査等実施判断区分 (項番50) and 検査等実施判断グループ区分 (項番51) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番50 and 項番51 (p.36, PDF p.40).

/// 検査等実施判断区分: whether the procedure is an 実施料 or a 判断料・診断料 of 検査・画像診断・病理.
public struct JudgementClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = JudgementClass(rawValue: 0)
    /// 1: 検体検査実施料、生体検査実施料、核医学撮影料、コンピューター断層撮影料又は病理標本作製料に関する診療行為
    public static let performance = JudgementClass(rawValue: 1)
    /// 2: 検体検査判断料、生体検査判断料、核医学診断料、コンピューター断層診断料、病理診断料又は病理判断料に関する診療行為
    public static let judgement = JudgementClass(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "検体検査実施料、生体検査実施料、核医学撮影料、コンピューター断層撮影料又は病理標本作製料に関する診療行為",
        2: "検体検査判断料、生体検査判断料、核医学診断料、コンピューター断層診断料、病理診断料又は病理判断料に関する診療行為",
    ]
}

/// 検査等実施判断グループ区分: the group of 判断料・診断料 an 実施料 belongs to (an 実施料 and a 判断料 of
/// the same group go together).
public struct JudgementGroup: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４２」以外の診療行為
    public static let none = JudgementGroup(rawValue: 0)
    /// 1: 尿・糞便等検査
    public static let urineAndFeces = JudgementGroup(rawValue: 1)
    /// 2: 血液学的検査
    public static let hematology = JudgementGroup(rawValue: 2)
    /// 3: 生化学的検査（Ⅰ）
    public static let biochemistry1 = JudgementGroup(rawValue: 3)
    /// 4: 生化学的検査（Ⅱ）
    public static let biochemistry2 = JudgementGroup(rawValue: 4)
    /// 5: 免疫学的検査
    public static let immunology = JudgementGroup(rawValue: 5)
    /// 6: 微生物学的検査
    public static let microbiology = JudgementGroup(rawValue: 6)
    /// 8: 基本的検体検査
    public static let basicSpecimen = JudgementGroup(rawValue: 8)
    /// 17: 遺伝子関連・染色体検査判断料
    public static let geneticAndChromosome = JudgementGroup(rawValue: 17)
    /// 40: 病理診断 — includes 41 and 42.
    public static let pathology = JudgementGroup(rawValue: 40)
    /// 41: 病理診断（組織診断）
    public static let pathologyHistology = JudgementGroup(rawValue: 41)
    /// 42: 病理診断（細胞診断）
    public static let pathologyCytology = JudgementGroup(rawValue: 42)

    public static let meanings: [Int: String] = [
        0: "「１」から「４２」以外の診療行為",
        1: "尿・糞便等検査",
        2: "血液学的検査",
        3: "生化学的検査（Ⅰ）",
        4: "生化学的検査（Ⅱ）",
        5: "免疫学的検査",
        6: "微生物学的検査",
        8: "基本的検体検査",
        11: "呼吸機能検査",
        13: "脳波検査",
        14: "神経・筋検査",
        15: "ラジオアイソトープ検査",
        16: "眼科学的検査",
        17: "遺伝子関連・染色体検査判断料",
        31: "核医学診断（「Ｅ１０１－２」から「Ｅ１０１－５」）",
        32: "核医学診断（「３１：核医学診断」以外）",
        33: "コンピューター断層診断",
        40: "病理診断",
        41: "病理診断（組織診断）",
        42: "病理診断（細胞診断）",
    ]

    /// Whether a 判断料 of group `self` covers an 実施料 of group `other`: equal groups, plus
    /// 「４０：病理診断」 which 「は、「４１：病理診断（組織診断）」及び「４２：病理診断（細胞診断）」を含む。」
    public func covers(_ other: JudgementGroup) -> Bool {
        self == other || (self == .pathology && (other == .pathologyHistology || other == .pathologyCytology))
    }
}
