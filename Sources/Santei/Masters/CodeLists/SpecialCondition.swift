// 特例条件 — 医科電子点数表 02包括テーブル 項番5, 03背反テーブル 項番7, 05算定回数テーブル 項番7.
//
// Source (令和6年度版): tensuhyo_01.pdf「医科電子点数表の活用手引き」§5(2) (p.27), §5(3) (p.28), §5(5) (p.30).
// Example (p.24): リンパ浮腫複合的治療料（重症）, 月 1 回 with 特例条件 1 because 「２月以内は計１１回」.

/// 特例条件: whether a 電子点数表 row has a special condition the table does not express, so it cannot
/// be applied mechanically.
public struct SpecialCondition: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 条件なし
    public static let none = SpecialCondition(rawValue: 0)
    /// 1: 条件あり
    public static let present = SpecialCondition(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "条件なし",
        1: "条件あり",
    ]
}
