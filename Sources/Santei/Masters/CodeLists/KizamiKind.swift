// きざみ値計算識別 — 医科診療行為マスター 項番30.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番30-35 (pp.31-32, PDF pp.35-36). The formulas that use
// 下限値・上限値・きざみ値・きざみ点数 are on p.32 (【点数算定式１】【点数算定式２】); the error handling is
// ``LimitErrorHandling``.

/// きざみ値計算識別: whether the points grow in steps (きざみ) with the 数量データ.
public struct KizamiKind: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: きざみ値により算定しない診療行為（項番１２「新又は現点数」により算定する。）
    public static let fixed = KizamiKind(rawValue: 0)
    /// 1: きざみ値により算定する診療行為
    public static let stepped = KizamiKind(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "きざみ値により算定しない診療行為（項番１２「新又は現点数」により算定する。）",
        1: "きざみ値により算定する診療行為",
    ]
}
