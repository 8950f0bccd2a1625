// 実日数 (項番27) and 日数・回数 (項番28) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番27・28 (p.30, PDF p.34); R06rec2.pdf 別紙7-4「項番２７
// 「実日数」と項番２８「日数・回数」の設定条件と対象診療行為」(p.116, PDF p.27).
//
// The combinations in 別紙7-4:
//
// | 実日数 | 日数・回数 | 設定条件 |
// |---|---|---|
// | 0 | 0 | 診療実日数に関連する確認を要しない診療行為 |
// | 1 | 0 | 当該診療行為の「回数」≦診療実日数 |
// | 2 | 1 | 初診料 (初診料、再診料等の累積回数≦診療実日数, 入院外) |
// | 2 | 2 | 再診料、外来診療料等 (同上) |
// | 3 | 3 | 入院基本料、特定入院料 (入院基本料等の累積回数≦診療実日数, 入院) |
// | 4 | 0 | 外泊 |

/// 実日数: whether the procedure's count is tied to the number of 診療実日数.
public struct ActualDaysClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４」以外の診療行為
    public static let none = ActualDaysClass(rawValue: 0)
    /// 1: 算定回数が診療実日数以下の診療行為
    public static let countAtMostDays = ActualDaysClass(rawValue: 1)
    /// 2: 初診料、再診料、外来診療料等
    public static let visitFee = ActualDaysClass(rawValue: 2)
    /// 3: 入院基本料、特定入院料
    public static let admissionFee = ActualDaysClass(rawValue: 3)
    /// 4: 外泊
    public static let overnightLeave = ActualDaysClass(rawValue: 4)

    public static let meanings: [Int: String] = [
        0: "「１」から「４」以外の診療行為",
        1: "算定回数が診療実日数以下の診療行為",
        2: "初診料、再診料、外来診療料等",
        3: "入院基本料、特定入院料",
        4: "外泊",
    ]
}

/// 日数・回数: refines 実日数 (項番27) per the table of 項番28 (p.30) and 別紙7-4.
public struct DaysCountClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: with 実日数 0, 1 or 4 (no refinement)
    public static let none = DaysCountClass(rawValue: 0)
    /// 1: 初診料 (with 実日数 2)
    public static let firstVisit = DaysCountClass(rawValue: 1)
    /// 2: 再診料、外来診療料自体、又は再診料、外来診療料が含まれる診療行為 (with 実日数 2)
    public static let revisit = DaysCountClass(rawValue: 2)
    /// 3: 入院基本料、特定入院料 (with 実日数 3)
    public static let admissionFee = DaysCountClass(rawValue: 3)

    /// The 対象診療行為 column of the 項番28 table (p.30); 0 is the wording for 実日数 0.
    public static let meanings: [Int: String] = [
        0: "当該診療行為の算定回数と実日数の確認を要しない診療行為",
        1: "初診料",
        2: "再診料、外来診療料自体、又は再診料、外来診療料が含まれる診療行為",
        3: "入院基本料、特定入院料",
    ]
}
