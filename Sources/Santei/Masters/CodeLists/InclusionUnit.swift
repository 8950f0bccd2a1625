// 包括単位 — 医科電子点数表 01補助マスターテーブル 項番4・6・8（包括単位①〜③）.
//
// Source (令和6年度版): tensuhyo_01.pdf「医科電子点数表の活用手引き」§5(1) (p.25): 包括する期間を表す。
// There is no 04. 付表2 (p.33) explains 01 as 「同一日に含まれるもの」.

/// 包括単位: over which period the procedure includes (包括) the procedures of its group in
/// 02包括テーブル.
public struct InclusionUnit: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 00: 関連なし
    public static let none = InclusionUnit(rawValue: 0)
    /// 01: １日につき
    public static let perDay = InclusionUnit(rawValue: 1)
    /// 02: 同一月内
    public static let sameMonth = InclusionUnit(rawValue: 2)
    /// 03: 同時
    public static let simultaneous = InclusionUnit(rawValue: 3)
    /// 05: 手術前１週間
    public static let weekBeforeSurgery = InclusionUnit(rawValue: 5)
    /// 06: １手術につき
    public static let perSurgery = InclusionUnit(rawValue: 6)

    public static let meanings: [Int: String] = [
        0: "関連なし",
        1: "１日につき",
        2: "同一月内",
        3: "同時",
        5: "手術前１週間",
        6: "１手術につき",
    ]
}
