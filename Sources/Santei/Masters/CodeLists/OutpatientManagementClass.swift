// 外来管理加算区分 — 医科診療行為マスター 項番56.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番56 (p.38, PDF p.42). On 加算項目・通則加算項目 rows the
// spec says 「０」を設定する。

/// 外来管理加算区分: whether the procedure excludes 外来管理加算 (or is 外来管理加算 itself).
public struct OutpatientManagementClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為
    public static let none = OutpatientManagementClass(rawValue: 0)
    /// 1: 外来管理加算を算定できない診療行為
    public static let excludesAddOn = OutpatientManagementClass(rawValue: 1)
    /// 2: 外来管理加算自体
    public static let addOnItself = OutpatientManagementClass(rawValue: 2)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "外来管理加算を算定できない診療行為",
        2: "外来管理加算自体",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「０」を設定する。",
    ]
}
