// 傷病名関連区分 (項番25) and 医薬品関連区分 (項番29) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番25 and 項番29 (p.30, PDF p.34).

/// 傷病名関連区分: whether the procedure requires a particular kind of 傷病名.
public struct DiseaseRelationClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「３」から「９」以外の診療行為
    public static let none = DiseaseRelationClass(rawValue: 0)
    /// 3: 皮膚科特定疾患指導管理料（Ⅰ）
    public static let dermatologyDisease1 = DiseaseRelationClass(rawValue: 3)
    /// 4: 皮膚科特定疾患指導管理料（Ⅱ）
    public static let dermatologyDisease2 = DiseaseRelationClass(rawValue: 4)
    /// 5: 特定疾患療養管理料、特定疾患処方管理加算（処方料）、特定疾患処方管理加算（処方箋料）
    public static let specificDisease = DiseaseRelationClass(rawValue: 5)
    /// 7: てんかん指導料
    public static let epilepsy = DiseaseRelationClass(rawValue: 7)
    /// 9: 難病外来指導管理料
    public static let intractableDisease = DiseaseRelationClass(rawValue: 9)

    public static let meanings: [Int: String] = [
        0: "「３」から「９」以外の診療行為",
        3: "皮膚科特定疾患指導管理料（Ⅰ）",
        4: "皮膚科特定疾患指導管理料（Ⅱ）",
        5: "特定疾患療養管理料、特定疾患処方管理加算（処方料）、特定疾患処方管理加算（処方箋料）",
        7: "てんかん指導料",
        9: "難病外来指導管理料",
    ]
}

/// 医薬品関連区分: whether the procedure requires a particular kind of drug.
public struct DrugRelationClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４」以外の診療行為
    public static let none = DrugRelationClass(rawValue: 0)
    /// 1: 麻薬等加算、麻薬注射加算
    public static let narcotics = DrugRelationClass(rawValue: 1)
    /// 3: 神経ブロック（神経破壊剤使用）
    public static let neurolyticBlock = DrugRelationClass(rawValue: 3)
    /// 4: 生物学的製剤加算
    public static let biologics = DrugRelationClass(rawValue: 4)

    public static let meanings: [Int: String] = [
        0: "「１」から「４」以外の診療行為",
        1: "麻薬等加算、麻薬注射加算",
        3: "神経ブロック（神経破壊剤使用）",
        4: "生物学的製剤加算",
    ]
}
