// 金額種別 — 医薬品マスター 項番11（新又は現金額）and 項番24（旧金額）.
//
// Source (令和6年度版): R06rec2.pdf 別紙4-2「医薬品マスターの「金額種別」」(p.101, PDF p.12).

/// 医薬品マスターの金額種別: what kind of amount the price column holds.
public struct DrugPriceKind: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 薬価基準改定又はそれ以降に新設された医薬品 — 旧金額 only; 旧金額 is 0.00.
    public static let newlyListed = DrugPriceKind(rawValue: 0)
    /// 1: 金額 — 薬価基準に規定する医薬品の価格。
    public static let price = DrugPriceKind(rawValue: 1)
    /// 3: 薬剤使用量省略（歯科に限る。）
    public static let dentalUsageOmitted = DrugPriceKind(rawValue: 3)
    /// 7: 減点 — 薬剤料減点・薬剤料逓減・包括点数の治験減点分等; the price is 0.00 and the points to deduct are
    /// recorded on the receipt.
    public static let deduction = DrugPriceKind(rawValue: 7)

    public static let meanings: [Int: String] = [
        0: "薬価基準改定又はそれ以降に新設された医薬品",
        1: "金額",
        3: "薬剤使用量省略（歯科に限る。）",
        7: "減点",
    ]
}
