// 処置乳幼児加算区分 — 医科診療行為マスター 項番46.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番46 (pp.34-35, PDF pp.38-39). Values mean one thing on
// 基本項目・合成項目・準用項目 rows and another on 加算項目・通則加算項目 rows (項番68「告示等識別区分（１）」).

/// 処置乳幼児加算区分: which 乳幼児加算（処置） the procedure may take, or which one it is.
public struct InfantAddOnClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「５」以外の診療行為
    public static let none = InfantAddOnClass(rawValue: 0)
    /// 1: ３歳未満乳幼児加算（処置）（１１０点）
    public static let under3Points110 = InfantAddOnClass(rawValue: 1)
    /// 2: ３歳未満乳幼児加算（処置）（５５点）
    public static let under3Points55 = InfantAddOnClass(rawValue: 2)
    /// 3: ６歳未満乳幼児加算（処置）（１１０点）
    public static let under6Points110 = InfantAddOnClass(rawValue: 3)
    /// 4: ６歳未満乳幼児加算（処置）（８３点）
    public static let under6Points83 = InfantAddOnClass(rawValue: 4)
    /// 5: ６歳未満乳幼児加算（処置）（５５点）
    public static let under6Points55 = InfantAddOnClass(rawValue: 5)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」から「５」以外の診療行為",
        1: "３歳未満乳幼児加算（処置）（１１０点）を算定可能な診療行為",
        2: "３歳未満乳幼児加算（処置）（５５点）を算定可能な診療行為",
        3: "６歳未満乳幼児加算（処置）（１１０点）を算定可能な診療行為",
        4: "６歳未満乳幼児加算（処置）（８３点）を算定可能な診療行為",
        5: "６歳未満乳幼児加算（処置）（５５点）を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」から「５」以外の診療行為",
        1: "３歳未満乳幼児加算（処置）（１１０点）自体",
        2: "３歳未満乳幼児加算（処置）（５５点）自体",
        3: "６歳未満乳幼児加算（処置）（１１０点）自体",
        4: "６歳未満乳幼児加算（処置）（８３点）自体",
        5: "６歳未満乳幼児加算（処置）（５５点）自体",
    ]

    /// The age limit of the add-on (3 or 6 years, "未満"), or nil for 0 and unknown values.
    public var ageLimit: Int? {
        switch rawValue {
        case 1, 2: return 3
        case 3, 4, 5: return 6
        default: return nil
        }
    }

    /// The add-on's points (110, 55 or 83), or nil for 0 and unknown values.
    public var addOnPoints: Int? {
        switch rawValue {
        case 1, 3: return 110
        case 2, 5: return 55
        case 4: return 83
        default: return nil
        }
    }
}
