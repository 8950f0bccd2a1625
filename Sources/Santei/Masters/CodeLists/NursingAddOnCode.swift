// 看護加算 — 医科診療行為マスター 項番22.
//
// Source (令和6年度版): R06rec2.pdf 別紙7-3「看護加算コード一覧」(p.115, PDF p.26); R06rec1.pdf 本編 項番22
// (p.29). The 令和6年 master also carries 70 and 72 (on 看護補助体制充実加算１・２（看護補助加算）,
// 190832970 / 190833070), which 別紙7-3 does not list.

/// 看護加算: the 看護補助加算 etc. a procedure is.
public struct NursingAddOnCode: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 看護加算に関係しないもの
    public static let none = NursingAddOnCode(rawValue: 0)
    /// 53: 看護補助加算１
    public static let nursingAssistance1 = NursingAddOnCode(rawValue: 53)
    /// 55: 看護補助加算２
    public static let nursingAssistance2 = NursingAddOnCode(rawValue: 55)
    /// 57: 看護補助加算３
    public static let nursingAssistance3 = NursingAddOnCode(rawValue: 57)
    /// 58: 看護配置加算
    public static let nursingStaffing = NursingAddOnCode(rawValue: 58)
    /// 68: 夜間７５対１看護補助加算
    public static let night75to1NursingAssistance = NursingAddOnCode(rawValue: 68)
    /// 69: 夜間看護体制加算（看護補助体制）
    public static let nightNursingSystem = NursingAddOnCode(rawValue: 69)

    public static let meanings: [Int: String] = [
        0: "看護加算に関係しないもの",
        53: "看護補助加算１",
        55: "看護補助加算２",
        57: "看護補助加算３",
        58: "看護配置加算",
        68: "夜間７５対１看護補助加算",
        69: "夜間看護体制加算（看護補助体制）",
    ]
}
