// Columns of the 医科診療行為マスター that tell which 手術・検査 add-ons (加算) a procedure may take, or which one it
// is: 項番20, 47, 53, 54, 55, 64, 67, 82, 114-116, 118-123, 125-127.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) (pp.28-47, PDF pp.32-51); R06rec2.pdf 別紙7-6 (p.119) lists
// these as the 加算 checked by a dedicated column instead of 注加算コード. Values mean one thing on
// 基本項目・合成項目・準用項目 rows and another on 加算項目・通則加算項目 rows (項番68「告示等識別区分（１）」),
// except 項番123 and 127, which have one list.

/// 画像等手術支援加算 (項番20): which 画像等手術支援加算 the procedure may take, or which one it is.
/// Source: R06rec1.pdf 本編 §3(7) 項番20 (pp.28-29).
public struct ImageGuidedSurgeryClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「７」以外の診療行為 / (加算項目等) 「１」、「２」、「４」及び「６」以外の診療行為
    public static let none = ImageGuidedSurgeryClass(rawValue: 0)
    /// 1: ナビゲーションによる支援加算（２，０００点）を算定可能な診療行為 / (加算項目等) ナビゲーションによる支援加算自体
    public static let navigation = ImageGuidedSurgeryClass(rawValue: 1)
    /// 2: 実物大臓器立体モデルによる支援加算（２，０００点）を算定可能な診療行為 / (加算項目等) 実物大臓器立体モデルによる支援加算自体
    public static let lifeSizeOrganModel = ImageGuidedSurgeryClass(rawValue: 2)
    /// 3: ナビゲーション又は実物大臓器立体モデルによる支援加算（共に２，０００点）を算定可能な診療行為 (基本項目等 only)
    public static let navigationOrOrganModel = ImageGuidedSurgeryClass(rawValue: 3)
    /// 4: 患者適合型手術支援ガイドによる支援加算（２，０００点）を算定可能な診療行為 / (加算項目等) 患者適合型手術支援ガイドによる支援加算自体
    public static let patientSpecificGuide = ImageGuidedSurgeryClass(rawValue: 4)
    /// 5: ナビゲーション又は患者適合型手術支援ガイドによる支援加算（共に２，０００点）を算定可能な診療行為 (基本項目等 only)
    public static let navigationOrGuide = ImageGuidedSurgeryClass(rawValue: 5)
    /// 6: 実物大臓器立体モデル又は患者適合型手術支援ガイドによる支援加算（共に２，０００点）を算定可能な診療行為 / (加算項目等) 実物大心臓３Ｄモデルによる支援加算自体
    public static let organModelOrGuide = ImageGuidedSurgeryClass(rawValue: 6)
    /// 7: 実物大心臓３Ｄモデルによる支援加算（１８，０００点）を算定可能な診療行為 (基本項目等 only)
    public static let lifeSizeHeartModel = ImageGuidedSurgeryClass(rawValue: 7)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」から「７」以外の診療行為",
        1: "ナビゲーションによる支援加算（２，０００点）を算定可能な診療行為",
        2: "実物大臓器立体モデルによる支援加算（２，０００点）を算定可能な診療行為",
        3: "ナビゲーション又は実物大臓器立体モデルによる支援加算（共に２，０００点）を算定可能な診療行為",
        4: "患者適合型手術支援ガイドによる支援加算（２，０００点）を算定可能な診療行為",
        5: "ナビゲーション又は患者適合型手術支援ガイドによる支援加算（共に２，０００点）を算定可能な診療行為",
        6: "実物大臓器立体モデル又は患者適合型手術支援ガイドによる支援加算（共に２，０００点）を算定可能な診療行為",
        7: "実物大心臓３Ｄモデルによる支援加算（１８，０００点）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」、「２」、「４」及び「６」以外の診療行為",
        1: "ナビゲーションによる支援加算自体",
        2: "実物大臓器立体モデルによる支援加算自体",
        4: "患者適合型手術支援ガイドによる支援加算自体",
        6: "実物大心臓３Ｄモデルによる支援加算自体",
    ]
}

/// 極低出生体重児加算区分 (項番47): whether the procedure may take 極低出生体重児加算（手術）（４００％）又は新生児加算（手術）（３００％）, or is one.
/// Source: R06rec1.pdf 本編 §3(7) 項番47 (p.35).
public struct LowBirthWeightInfantClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」以外の診療行為
    public static let none = LowBirthWeightInfantClass(rawValue: 0)
    /// 1: 極低出生体重児加算（手術）（４００％）又は新生児加算（手術）（３００％）を算定可能な診療行為 / (加算項目等) 極低出生体重児加算（手術）（４００％）又は新生児加算（手術）（３００％）自体
    public static let eligible = LowBirthWeightInfantClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」以外の診療行為",
        1: "極低出生体重児加算（手術）（４００％）又は新生児加算（手術）（３００％）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」以外の診療行為",
        1: "極低出生体重児加算（手術）（４００％）又は新生児加算（手術）（３００％）自体",
    ]
}

/// 脊髄誘発電位測定等加算区分 (項番53).
/// Source: R06rec1.pdf 本編 §3(7) 項番53 (pp.37-38).
public struct SpinalEvokedPotentialClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = SpinalEvokedPotentialClass(rawValue: 0)
    /// 1: 脊髄誘発電位測定等加算（１ 脳、脊椎、脊髄、大動脈瘤又は食道の手術に用いた場合）を算定可能な診療行為 / (加算項目等) 脊髄誘発電位測定等加算（１ 脳、脊椎、脊髄、大動脈瘤又は食道の手術に用いた場合）自体
    public static let brainSpineAortaEsophagus = SpinalEvokedPotentialClass(rawValue: 1)
    /// 2: 脊髄誘発電位測定等加算（２ 甲状腺又は副甲状腺の手術に用いた場合）を算定可能な診療行為 / (加算項目等) 脊髄誘発電位測定等加算（２ 甲状腺又は副甲状腺の手術に用いた場合）自体
    public static let thyroidParathyroid = SpinalEvokedPotentialClass(rawValue: 2)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "脊髄誘発電位測定等加算（１ 脳、脊椎、脊髄、大動脈瘤又は食道の手術に用いた場合）を算定可能な診療行為",
        2: "脊髄誘発電位測定等加算（２ 甲状腺又は副甲状腺の手術に用いた場合）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "脊髄誘発電位測定等加算（１ 脳、脊椎、脊髄、大動脈瘤又は食道の手術に用いた場合）自体",
        2: "脊髄誘発電位測定等加算（２ 甲状腺又は副甲状腺の手術に用いた場合）自体",
    ]
}

/// 頸部郭清術併施加算: 項番54 — whether the procedure may take 頸部郭清術併施加算 (基本項目等), or is 頸部郭清術併施加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番54 (p.37).
public struct NeckDissectionClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 頸部郭清術併施加算を算定できない診療行為 / (加算項目等) 頸部郭清術併施加算以外の診療行為
    public static let none = NeckDissectionClass(rawValue: 0)
    /// 1: 頸部郭清術併施加算を算定可能な診療行為 / (加算項目等) 頸部郭清術併施加算自体
    public static let eligible = NeckDissectionClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "頸部郭清術併施加算を算定できない診療行為",
        1: "頸部郭清術併施加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "頸部郭清術併施加算以外の診療行為",
        1: "頸部郭清術併施加算自体",
    ]
}

/// 自動縫合器加算区分 (項番55).
/// Source: R06rec1.pdf 本編 §3(7) 項番55 (pp.37-38).
public struct AutoSuturerClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）を算定できない診療行為 / (加算項目等) 自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）以外の診療行為
    public static let none = AutoSuturerClass(rawValue: 0)
    /// 1: 自動縫合器加算を算定可能な診療行為 / (加算項目等) 自動縫合器加算自体
    public static let autoSuturer = AutoSuturerClass(rawValue: 1)
    /// 3: 自動縫合器加算（左心耳閉鎖用クリップ使用）を算定可能な診療行為 / (加算項目等) 自動縫合器加算（左心耳閉鎖用クリップ使用）自体
    public static let leftAtrialAppendageClip = AutoSuturerClass(rawValue: 3)
    /// 4: 自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）を算定可能な診療行為 (基本項目等 only)
    public static let either = AutoSuturerClass(rawValue: 4)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）を算定できない診療行為",
        1: "自動縫合器加算を算定可能な診療行為",
        3: "自動縫合器加算（左心耳閉鎖用クリップ使用）を算定可能な診療行為",
        4: "自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "自動縫合器加算又は自動縫合器加算（左心耳閉鎖用クリップ使用）以外の診療行為",
        1: "自動縫合器加算自体",
        3: "自動縫合器加算（左心耳閉鎖用クリップ使用）自体",
    ]
}

/// 超音波内視鏡検査加算: 項番64 — whether the procedure may take 超音波内視鏡検査加算 (基本項目等), or is 超音波内視鏡検査加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番64 (p.39).
public struct EndoscopicUltrasoundClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 超音波内視鏡検査加算を算定できない診療行為 / (加算項目等) 超音波内視鏡検査加算以外の診療行為
    public static let none = EndoscopicUltrasoundClass(rawValue: 0)
    /// 1: 超音波内視鏡検査加算を算定可能な診療行為 / (加算項目等) 超音波内視鏡検査加算自体
    public static let eligible = EndoscopicUltrasoundClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "超音波内視鏡検査加算を算定できない診療行為",
        1: "超音波内視鏡検査加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "超音波内視鏡検査加算以外の診療行為",
        1: "超音波内視鏡検査加算自体",
    ]
}

/// 自動吻合器加算区分 (項番67). There is no 1.
/// Source: R06rec1.pdf 本編 §3(7) 項番67 (pp.39-40).
public struct AutoAnastomosisClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 自動吻合器加算（５，５００点）を算定できない診療行為 / (加算項目等) 自動吻合器加算（５，５００点）以外の診療行為
    public static let none = AutoAnastomosisClass(rawValue: 0)
    /// 2: 自動吻合器加算（５，５００点）を算定可能な診療行為 / (加算項目等) 自動吻合器加算（５，５００点）自体
    public static let eligible = AutoAnastomosisClass(rawValue: 2)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "自動吻合器加算（５，５００点）を算定できない診療行為",
        2: "自動吻合器加算（５，５００点）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "自動吻合器加算（５，５００点）以外の診療行為",
        2: "自動吻合器加算（５，５００点）自体",
    ]
}

/// 超音波凝固切開装置等加算: 項番82 — whether the procedure may take 超音波凝固切開装置等加算 (基本項目等), or is 超音波凝固切開装置等加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番82 (p.41).
public struct UltrasonicCoagulationClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 超音波凝固切開装置等加算を算定できない診療行為 / (加算項目等) 超音波凝固切開装置等加算以外の診療行為
    public static let none = UltrasonicCoagulationClass(rawValue: 0)
    /// 1: 超音波凝固切開装置等加算を算定可能な診療行為 / (加算項目等) 超音波凝固切開装置等加算自体
    public static let eligible = UltrasonicCoagulationClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "超音波凝固切開装置等加算を算定できない診療行為",
        1: "超音波凝固切開装置等加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "超音波凝固切開装置等加算以外の診療行為",
        1: "超音波凝固切開装置等加算自体",
    ]
}

/// 副鼻腔手術用内視鏡加算: 項番114 — whether the procedure may take 副鼻腔手術用内視鏡加算 (基本項目等), or is 副鼻腔手術用内視鏡加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番114 (p.43).
public struct SinusEndoscopeClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 副鼻腔手術用内視鏡加算を算定できない診療行為 / (加算項目等) 副鼻腔手術用内視鏡加算以外の診療行為
    public static let none = SinusEndoscopeClass(rawValue: 0)
    /// 1: 副鼻腔手術用内視鏡加算を算定可能な診療行為 / (加算項目等) 副鼻腔手術用内視鏡加算自体
    public static let eligible = SinusEndoscopeClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "副鼻腔手術用内視鏡加算を算定できない診療行為",
        1: "副鼻腔手術用内視鏡加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "副鼻腔手術用内視鏡加算以外の診療行為",
        1: "副鼻腔手術用内視鏡加算自体",
    ]
}

/// 副鼻腔手術用骨軟部組織切除機器加算: 項番115 — whether the procedure may take 副鼻腔手術用骨軟部組織切除機器加算 (基本項目等), or is 副鼻腔手術用骨軟部組織切除機器加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番115 (pp.43-44).
public struct SinusTissueResectorClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 副鼻腔手術用骨軟部組織切除機器加算を算定できない診療行為 / (加算項目等) 副鼻腔手術用骨軟部組織切除機器加算以外の診療行為
    public static let none = SinusTissueResectorClass(rawValue: 0)
    /// 1: 副鼻腔手術用骨軟部組織切除機器加算を算定可能な診療行為 / (加算項目等) 副鼻腔手術用骨軟部組織切除機器加算自体
    public static let eligible = SinusTissueResectorClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "副鼻腔手術用骨軟部組織切除機器加算を算定できない診療行為",
        1: "副鼻腔手術用骨軟部組織切除機器加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "副鼻腔手術用骨軟部組織切除機器加算以外の診療行為",
        1: "副鼻腔手術用骨軟部組織切除機器加算自体",
    ]
}

/// 長時間麻酔管理加算 (項番116).
/// Source: R06rec1.pdf 本編 §3(7) 項番116 (p.44).
public struct LongAnesthesiaClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為 / (加算項目等) 長時間麻酔管理加算以外の診療行為
    public static let none = LongAnesthesiaClass(rawValue: 0)
    /// 1: 長時間麻酔管理加算を算定可能な診療行為 / (加算項目等) 長時間麻酔管理加算自体
    public static let eligible = LongAnesthesiaClass(rawValue: 1)
    /// 2: Ｌ００８に掲げるマスク又は気管内挿管による閉鎖循環式全身麻酔の実施時間が８時間を超え、長時間麻酔管理加算を算定する場合に実施している必要がある手術 (基本項目等 only)
    public static let requiredSurgery = LongAnesthesiaClass(rawValue: 2)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "長時間麻酔管理加算を算定可能な診療行為",
        2: "Ｌ００８に掲げるマスク又は気管内挿管による閉鎖循環式全身麻酔の実施時間が８時間を超え、長時間麻酔管理加算を算定する場合に実施している必要がある手術",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "長時間麻酔管理加算以外の診療行為",
        1: "長時間麻酔管理加算自体",
    ]
}

/// モニタリング加算 (項番118): 非侵襲的血行動態モニタリング加算 and 術中脳灌流モニタリング加算.
/// Source: R06rec1.pdf 本編 §3(7) 項番118 (p.44).
public struct MonitoringAddOnClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為 / (加算項目等) 「１」及び「３」以外の診療行為
    public static let none = MonitoringAddOnClass(rawValue: 0)
    /// 1: 非侵襲的血行動態モニタリング加算を算定可能な診療行為 / (加算項目等) 非侵襲的血行動態モニタリング加算自体
    public static let hemodynamicMonitoring = MonitoringAddOnClass(rawValue: 1)
    /// 2: 非侵襲的血行動態モニタリング加算を算定する場合に実施している必要がある手術 (基本項目等 only)
    public static let requiredSurgery = MonitoringAddOnClass(rawValue: 2)
    /// 3: (加算項目等 only) 術中脳灌流モニタリング加算自体
    public static let cerebralPerfusionMonitoring = MonitoringAddOnClass(rawValue: 3)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "非侵襲的血行動態モニタリング加算を算定可能な診療行為",
        2: "非侵襲的血行動態モニタリング加算を算定する場合に実施している必要がある手術",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」及び「３」以外の診療行為",
        1: "非侵襲的血行動態モニタリング加算自体",
        3: "術中脳灌流モニタリング加算自体",
    ]
}

/// 凍結保存同種組織加算: 項番119 — whether the procedure may take 凍結保存同種組織加算 (基本項目等), or is 凍結保存同種組織加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番119 (pp.44-45).
public struct CryopreservedTissueClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 凍結保存同種組織加算を算定できない診療行為 / (加算項目等) 凍結保存同種組織加算以外の診療行為
    public static let none = CryopreservedTissueClass(rawValue: 0)
    /// 1: 凍結保存同種組織加算を算定可能な診療行為 / (加算項目等) 凍結保存同種組織加算自体
    public static let eligible = CryopreservedTissueClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "凍結保存同種組織加算を算定できない診療行為",
        1: "凍結保存同種組織加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "凍結保存同種組織加算以外の診療行為",
        1: "凍結保存同種組織加算自体",
    ]
}

/// 悪性腫瘍病理組織標本加算 (項番120).
/// Source: R06rec1.pdf 本編 §3(7) 項番120 (p.45).
public struct MalignantPathologySpecimenClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」以外の診療行為 / (加算項目等) 悪性腫瘍病理組織標本加算以外の診療行為
    public static let none = MalignantPathologySpecimenClass(rawValue: 0)
    /// 1: 悪性腫瘍病理組織標本加算を算定する場合に実施している必要がある診療行為 / (加算項目等) 悪性腫瘍病理組織標本加算自体
    public static let required = MalignantPathologySpecimenClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」以外の診療行為",
        1: "悪性腫瘍病理組織標本加算を算定する場合に実施している必要がある診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "悪性腫瘍病理組織標本加算以外の診療行為",
        1: "悪性腫瘍病理組織標本加算自体",
    ]
}

/// 創外固定器加算: 項番121 — whether the procedure may take 創外固定器加算 (基本項目等), or is 創外固定器加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番121 (p.45).
public struct ExternalFixatorClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 創外固定器加算を算定できない診療行為 / (加算項目等) 創外固定器加算以外の診療行為
    public static let none = ExternalFixatorClass(rawValue: 0)
    /// 1: 創外固定器加算を算定可能な診療行為 / (加算項目等) 創外固定器加算自体
    public static let eligible = ExternalFixatorClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "創外固定器加算を算定できない診療行為",
        1: "創外固定器加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "創外固定器加算以外の診療行為",
        1: "創外固定器加算自体",
    ]
}

/// 超音波切削機器加算: 項番122 — whether the procedure may take 超音波切削機器加算 (基本項目等), or is 超音波切削機器加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番122 (p.45).
public struct UltrasonicBoneCutterClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 超音波切削機器加算を算定できない診療行為 / (加算項目等) 超音波切削機器加算以外の診療行為
    public static let none = UltrasonicBoneCutterClass(rawValue: 0)
    /// 1: 超音波切削機器加算を算定可能な診療行為 / (加算項目等) 超音波切削機器加算自体
    public static let eligible = UltrasonicBoneCutterClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "超音波切削機器加算を算定できない診療行為",
        1: "超音波切削機器加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "超音波切削機器加算以外の診療行為",
        1: "超音波切削機器加算自体",
    ]
}

/// 左心耳閉鎖術併施区分 (項番123): one list for every kind of row.
/// Source: R06rec1.pdf 本編 §3(7) 項番123 (p.45).
public struct LeftAtrialAppendageClosureClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４」以外の診療行為
    public static let none = LeftAtrialAppendageClosureClass(rawValue: 0)
    /// 1: 左心耳閉鎖術（開胸手術）自体
    public static let openChestClosure = LeftAtrialAppendageClosureClass(rawValue: 1)
    /// 2: 左心耳閉鎖術（開胸手術）を算定するにあたり併せて実施する必要のある診療行為
    public static let requiredWithOpenChest = LeftAtrialAppendageClosureClass(rawValue: 2)
    /// 3: 左心耳閉鎖術（胸腔鏡下）自体
    public static let thoracoscopicClosure = LeftAtrialAppendageClosureClass(rawValue: 3)
    /// 4: 左心耳閉鎖術（胸腔鏡下）を算定するにあたり併せて実施する必要のある診療行為
    public static let requiredWithThoracoscopic = LeftAtrialAppendageClosureClass(rawValue: 4)

    public static let meanings: [Int: String] = [
        0: "「１」から「４」以外の診療行為",
        1: "左心耳閉鎖術（開胸手術）自体",
        2: "左心耳閉鎖術（開胸手術）を算定するにあたり併せて実施する必要のある診療行為",
        3: "左心耳閉鎖術（胸腔鏡下）自体",
        4: "左心耳閉鎖術（胸腔鏡下）を算定するにあたり併せて実施する必要のある診療行為",
    ]
}

/// 耳鼻咽喉科乳幼児処置加算: 項番125 — whether the procedure may take 耳鼻咽喉科乳幼児処置加算 (基本項目等), or is 耳鼻咽喉科乳幼児処置加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番125 (p.46).
public struct ENTInfantTreatmentClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 耳鼻咽喉科乳幼児処置加算を算定できない診療行為 / (加算項目等) 耳鼻咽喉科乳幼児処置加算以外の診療行為
    public static let none = ENTInfantTreatmentClass(rawValue: 0)
    /// 1: 耳鼻咽喉科乳幼児処置加算を算定可能な診療行為 / (加算項目等) 耳鼻咽喉科乳幼児処置加算自体
    public static let eligible = ENTInfantTreatmentClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "耳鼻咽喉科乳幼児処置加算を算定できない診療行為",
        1: "耳鼻咽喉科乳幼児処置加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "耳鼻咽喉科乳幼児処置加算以外の診療行為",
        1: "耳鼻咽喉科乳幼児処置加算自体",
    ]
}

/// 耳鼻咽喉科小児抗菌薬適正使用支援加算: 項番126 — whether the procedure may take 耳鼻咽喉科小児抗菌薬適正使用支援加算 (基本項目等), or is 耳鼻咽喉科小児抗菌薬適正使用支援加算 itself (加算項目等).
/// Source: R06rec1.pdf 本編 §3(7) 項番126 (p.46).
public struct ENTPediatricAntibioticClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 耳鼻咽喉科小児抗菌薬適正使用支援加算を算定できない診療行為 / (加算項目等) 耳鼻咽喉科小児抗菌薬適正使用支援加算以外の診療行為
    public static let none = ENTPediatricAntibioticClass(rawValue: 0)
    /// 1: 耳鼻咽喉科小児抗菌薬適正使用支援加算を算定可能な診療行為 / (加算項目等) 耳鼻咽喉科小児抗菌薬適正使用支援加算自体
    public static let eligible = ENTPediatricAntibioticClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "耳鼻咽喉科小児抗菌薬適正使用支援加算を算定できない診療行為",
        1: "耳鼻咽喉科小児抗菌薬適正使用支援加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "耳鼻咽喉科小児抗菌薬適正使用支援加算以外の診療行為",
        1: "耳鼻咽喉科小児抗菌薬適正使用支援加算自体",
    ]
}

/// 切開創局所陰圧閉鎖処置機器加算 (項番127): one list for every kind of row.
/// Source: R06rec1.pdf 本編 §3(7) 項番127 (pp.46-47).
public struct IncisionalNPWTClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 切開創局所陰圧閉鎖処置機器加算を算定できない診療行為
    public static let none = IncisionalNPWTClass(rawValue: 0)
    /// 1: 切開創局所陰圧閉鎖処置機器加算を算定可能な診療行為
    public static let eligible = IncisionalNPWTClass(rawValue: 1)
    /// 2: 切開創局所陰圧閉鎖処置機器加算自体
    public static let addOnItself = IncisionalNPWTClass(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "切開創局所陰圧閉鎖処置機器加算を算定できない診療行為",
        1: "切開創局所陰圧閉鎖処置機器加算を算定可能な診療行為",
        2: "切開創局所陰圧閉鎖処置機器加算自体",
    ]
}
