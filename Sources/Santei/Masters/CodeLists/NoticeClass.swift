// 告示等識別区分（１）(項番68) and 告示等識別区分（２）(項番69) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番68・69 (p.40, PDF p.44); R06rec2.pdf 別紙7-11
// 「医科点数表等の規定と異なるコードの設定」(pp.164-166, PDF pp.75-77).

/// 告示等識別区分（１）: how the code is treated when recorded on the electronic receipt (基本項目 or 加算項目
/// …). It also decides how the columns of ``AddOnDependentCodeList`` types read: 7 and 9 use the
/// 「加算項目、通則加算項目」 wording.
public struct NoticeClass1: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 1: 基本項目（告示）
    public static let basic = NoticeClass1(rawValue: 1)
    /// 3: 合成項目
    public static let composite = NoticeClass1(rawValue: 3)
    /// 5: 準用項目（通知）
    public static let analogous = NoticeClass1(rawValue: 5)
    /// 7: 加算項目
    public static let addOn = NoticeClass1(rawValue: 7)
    /// 9: 通則加算項目
    public static let generalRuleAddOn = NoticeClass1(rawValue: 9)

    public static let meanings: [Int: String] = [
        1: "基本項目（告示）",
        3: "合成項目",
        5: "準用項目（通知）",
        7: "加算項目",
        9: "通則加算項目",
    ]

    /// Whether the row is a 加算項目 or 通則加算項目 (7 or 9).
    public var isAddOnItem: Bool { rawValue == 7 || rawValue == 9 }
}

/// 告示等識別区分（２）: the kind of the procedure as the 医科点数表 itself defines it.
public struct NoticeClass2: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 1: 基本項目
    public static let basic = NoticeClass2(rawValue: 1)
    /// 3: 合成項目
    public static let composite = NoticeClass2(rawValue: 3)
    /// 7: 加算項目
    public static let addOn = NoticeClass2(rawValue: 7)

    public static let meanings: [Int: String] = [
        1: "基本項目",
        3: "合成項目",
        7: "加算項目",
    ]
}
