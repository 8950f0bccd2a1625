// Columns of the 医科診療行為マスター for 外来感染対策向上加算等 (項番124), 看護職員処遇改善評価料等 (項番128),
// 外来・在宅ベースアップ評価料（１）(項番129) and（２）(項番130), and 再製造単回使用医療機器使用加算 (項番131).
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番124-131 (pp.45-48, PDF pp.49-52). 項番124 is alphanumeric
// (英数, values 0-9 and A) and means one thing on 基本項目・合成項目・準用項目 rows and another on
// 加算項目・通則加算項目 rows.

/// 外来感染対策向上加算等 (項番124).
/// Source: R06rec1.pdf 本編 §3(7) 項番124 (pp.45-46).
public struct InfectionControlClass: AddOnDependentCodeList {
    public var rawValue: String
    @inlinable public init(rawValue: String) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為 / (加算項目等) 「１」から「Ａ」以外の診療行為
    public static let none = InfectionControlClass(rawValue: "0")
    /// 1: 外来感染対策向上加算等（医学管理料等）を算定可能な診療行為 / (加算項目等) 外来感染対策向上加算（医学管理料等）自体
    public static let medicalManagement = InfectionControlClass(rawValue: "1")
    /// 2: 外来感染対策向上加算等（在宅医療）を算定可能な診療行為 / (加算項目等) 連携強化加算（医学管理料等）自体
    public static let homeCare = InfectionControlClass(rawValue: "2")

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [String: String] = [
        "0": "「１」及び「２」以外の診療行為",
        "1": "外来感染対策向上加算等（医学管理料等）を算定可能な診療行為",
        "2": "外来感染対策向上加算等（在宅医療）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [String: String] = [
        "0": "「１」から「Ａ」以外の診療行為",
        "1": "外来感染対策向上加算（医学管理料等）自体",
        "2": "連携強化加算（医学管理料等）自体",
        "3": "サーベイランス強化加算（医学管理料等）自体",
        "4": "外来感染対策向上加算（在宅医療）自体",
        "5": "連携強化加算（在宅医療）自体",
        "6": "サーベイランス強化加算（在宅医療）自体",
        "7": "抗菌薬適正使用体制加算（医学管理料等）自体",
        "8": "抗菌薬適正使用体制加算（在宅医療）自体",
        "9": "発熱患者等対応加算（医学管理料等）自体",
        "A": "発熱患者等対応加算（在宅医療）自体",
    ]
}

/// 看護職員処遇改善評価料等 (項番128): 看護職員処遇改善評価料 and 入院ベースアップ評価料.
/// Source: R06rec1.pdf 本編 §3(7) 項番128 (p.47).
public struct NurseTreatmentImprovementClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = NurseTreatmentImprovementClass(rawValue: 0)
    /// 1: 看護職員処遇改善評価料等を算定可能な診療行為
    public static let eligible = NurseTreatmentImprovementClass(rawValue: 1)
    /// 2: 看護職員処遇改善評価料等自体
    public static let feeItself = NurseTreatmentImprovementClass(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "看護職員処遇改善評価料等を算定可能な診療行為",
        2: "看護職員処遇改善評価料等自体",
    ]
}

/// 外来・在宅ベースアップ評価料（１）(項番129).
/// Source: R06rec1.pdf 本編 §3(7) 項番129 (p.47).
public struct BaseUpEvaluation1Class: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「８」以外の診療行為
    public static let none = BaseUpEvaluation1Class(rawValue: 0)
    /// 1: 外来・在宅ベースアップ評価料（１）１（初診時）を算定可能な診療行為
    public static let firstVisitEligible = BaseUpEvaluation1Class(rawValue: 1)
    /// 2: 外来・在宅ベースアップ評価料（１）１（初診時）自体
    public static let firstVisitFee = BaseUpEvaluation1Class(rawValue: 2)
    /// 3: 外来・在宅ベースアップ評価料（１）２（再診時）を算定可能な診療行為
    public static let revisitEligible = BaseUpEvaluation1Class(rawValue: 3)
    /// 4: 外来・在宅ベースアップ評価料（１）２（再診時）自体
    public static let revisitFee = BaseUpEvaluation1Class(rawValue: 4)
    /// 5: 外来・在宅ベースアップ評価料（１）３（訪問診療時）イを算定可能な診療行為
    public static let homeVisitIEligible = BaseUpEvaluation1Class(rawValue: 5)
    /// 6: 外来・在宅ベースアップ評価料（１）３（訪問診療時）イ自体
    public static let homeVisitIFee = BaseUpEvaluation1Class(rawValue: 6)
    /// 7: 外来・在宅ベースアップ評価料（１）３（訪問診療時）ロを算定可能な診療行為
    public static let homeVisitRoEligible = BaseUpEvaluation1Class(rawValue: 7)
    /// 8: 外来・在宅ベースアップ評価料（１）３（訪問診療時）ロ自体
    public static let homeVisitRoFee = BaseUpEvaluation1Class(rawValue: 8)

    public static let meanings: [Int: String] = [
        0: "「１」から「８」以外の診療行為",
        1: "外来・在宅ベースアップ評価料（１）１（初診時）を算定可能な診療行為",
        2: "外来・在宅ベースアップ評価料（１）１（初診時）自体",
        3: "外来・在宅ベースアップ評価料（１）２（再診時）を算定可能な診療行為",
        4: "外来・在宅ベースアップ評価料（１）２（再診時）自体",
        5: "外来・在宅ベースアップ評価料（１）３（訪問診療時）イを算定可能な診療行為",
        6: "外来・在宅ベースアップ評価料（１）３（訪問診療時）イ自体",
        7: "外来・在宅ベースアップ評価料（１）３（訪問診療時）ロを算定可能な診療行為",
        8: "外来・在宅ベースアップ評価料（１）３（訪問診療時）ロ自体",
    ]
}

/// 外来・在宅ベースアップ評価料（２）(項番130).
/// Source: R06rec1.pdf 本編 §3(7) 項番130 (p.47).
public struct BaseUpEvaluation2Class: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = BaseUpEvaluation2Class(rawValue: 0)
    /// 1: 外来・在宅ベースアップ評価料（２）（初診又は訪問診療）自体
    public static let firstVisitOrHomeVisitFee = BaseUpEvaluation2Class(rawValue: 1)
    /// 2: 外来・在宅ベースアップ評価料（２）（再診時）自体
    public static let revisitFee = BaseUpEvaluation2Class(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "外来・在宅ベースアップ評価料（２）（初診又は訪問診療）自体",
        2: "外来・在宅ベースアップ評価料（２）（再診時）自体",
    ]
}

/// 再製造単回使用医療機器使用加算 (項番131): a 3-digit fixed field ("000"-"003").
/// Source: R06rec1.pdf 本編 §3(7) 項番131 (pp.47-48).
public struct ReprocessedDeviceClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 再製造単回使用医療機器使用加算以外
    public static let none = ReprocessedDeviceClass(rawValue: 0)
    /// 1: 再製造単回使用医療機器使用加算（体外式ペースメーカー用カテーテル電極（再製造・冠状静脈洞型））自体
    public static let pacingCatheterCoronarySinus = ReprocessedDeviceClass(rawValue: 1)
    /// 2: 再製造単回使用医療機器使用加算（体外式ペースメーカー用カテーテル電極（再製造・房室弁輪部型））自体
    public static let pacingCatheterAtrioventricular = ReprocessedDeviceClass(rawValue: 2)
    /// 3: 再製造単回使用医療機器使用加算（心腔内超音波プローブ（再製造・標準型））自体
    public static let intracardiacEchoProbe = ReprocessedDeviceClass(rawValue: 3)

    public static let meanings: [Int: String] = [
        0: "再製造単回使用医療機器使用加算以外",
        1: "再製造単回使用医療機器使用加算（体外式ペースメーカー用カテーテル電極（再製造・冠状静脈洞型））自体",
        2: "再製造単回使用医療機器使用加算（体外式ペースメーカー用カテーテル電極（再製造・房室弁輪部型））自体",
        3: "再製造単回使用医療機器使用加算（心腔内超音波プローブ（再製造・標準型））自体",
    ]
}
