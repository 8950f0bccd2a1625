// 上下限エラー処理 (項番35) and 上限回数エラー処理 (項番37) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番35 (p.31, PDF p.35: the 0-3 table) and 項番37 (p.32,
// PDF p.36); R06rec2.pdf 別紙7-5「きざみ値の上下限エラー処理」(pp.117-118, PDF pp.28-29).
//
// 項番35, per p.31:
//
// | データ範囲 | 0 | 1 | 2 | 3 |
// |---|---|---|---|---|
// | データ ≦（下限値－きざみ値） | 基本点数 | 基本点数 | 点数算定せず（返戻） | 点数算定せず（返戻） |
// | （下限値－きざみ値）＜ データ ≦ 下限値 | 基本点数 | 基本点数 | 基本点数 | 基本点数 |
// | 下限値 ＜ データ ≦ 上限値 | 点数算定式１ | 点数算定式１ | 点数算定式１ | 点数算定式１ |
// | 上限値 ＜ データ | 点数算定式１（警告） | 点数算定式２ | 点数算定式１（警告） | 点数算定式２ |
//
// 点数算定式１ = 基本点数 + ⌈(データ − 下限値) ÷ きざみ値⌉ × きざみ点数;
// 点数算定式２ = 基本点数 + ⌈(上限値 − 下限値) ÷ きざみ値⌉ × きざみ点数 (p.32; the quotient is 切上げ and the
// result 四捨五入).

/// 上下限エラー処理: what to do when a stepped (きざみ) procedure's 数量データ is at or below
/// 「下限値－きざみ値」 or above 上限値.
public struct LimitErrorHandling: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 下限 → 新又は現点数を算定 (数量データ「０」は返戻); 上限値超 → 数量データに従いきざみ計算（要確認）
    public static let baseBelowWarnAbove = LimitErrorHandling(rawValue: 0)
    /// 1: 下限 → 新又は現点数を算定 (数量データ「０」は返戻); 上限値超 → 上限値に従いきざみ計算
    public static let baseBelowCapAbove = LimitErrorHandling(rawValue: 1)
    /// 2: 下限 → 点数を算定できない（返戻）; 上限値超 → 数量データに従いきざみ計算（要確認）
    public static let rejectBelowWarnAbove = LimitErrorHandling(rawValue: 2)
    /// 3: 下限 → 点数を算定できない（返戻）; 上限値超 → 上限値に従いきざみ計算
    public static let rejectBelowCapAbove = LimitErrorHandling(rawValue: 3)

    public static let meanings: [Int: String] = [
        0: "（下限値－きざみ値）以下：基本点数／上限値超：点数算定式１（警告）",
        1: "（下限値－きざみ値）以下：基本点数／上限値超：点数算定式２",
        2: "（下限値－きざみ値）以下：点数算定せず（返戻）／上限値超：点数算定式１（警告）",
        3: "（下限値－きざみ値）以下：点数算定せず（返戻）／上限値超：点数算定式２",
    ]

    /// Whether data at or below 「下限値－きざみ値」 cannot be charged (返戻): true for 2 and 3.
    public var rejectsBelowLowerLimit: Bool { rawValue == 2 || rawValue == 3 }
    /// Whether data above 上限値 is charged as if it were 上限値 (点数算定式２): true for 1 and 3.
    /// Otherwise the data is used as is (点数算定式１) and the receipt needs checking (警告).
    public var capsAtUpperLimit: Bool { rawValue == 1 || rawValue == 3 }
}

/// 上限回数エラー処理 (項番37): what to do when the count exceeds 上限回数 (項番36).
public struct CountLimitErrorHandling: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 上限回数を確認する。
    public static let check = CountLimitErrorHandling(rawValue: 0)
    /// 1: 上限回数を算定する。
    public static let capAtLimit = CountLimitErrorHandling(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "上限回数を確認する。",
        1: "上限回数を算定する。",
    ]
}
