// 金額種別 — 特定器材マスター 項番11（新又は現金額）and 項番17（旧金額）.
//
// Source (令和6年度版): R06rec2.pdf 別紙5-1「特定器材マスターの「金額種別」」(pp.102-103, PDF pp.13-14).

/// 特定器材マスターの金額種別: what kind of amount the price column holds.
public struct DevicePriceKind: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 材料価格基準改定又はそれ以降に新設された特定器材 — 旧金額 only.
    public static let newlyListed = DevicePriceKind(rawValue: 0)
    /// 1: 金額（整数部１０桁、小数部２桁） — 材料価格基準に規定する特定器材の価格等。
    public static let price = DevicePriceKind(rawValue: 1)
    /// 2: 購入価格 — the price is 0.00; the purchase price is recorded on the receipt.
    public static let purchasePrice = DevicePriceKind(rawValue: 2)
    /// 5: ％加算 — フィルム料（乳幼児）加算 (10.00) or 酸素補正率 (30.00): the percentage to add.
    public static let percentAddition = DevicePriceKind(rawValue: 5)
    /// 9: 乗算割合 — 高気圧酸素治療の気圧数を記録するための特定器材コード; the price is 0.00.
    public static let multiplier = DevicePriceKind(rawValue: 9)

    public static let meanings: [Int: String] = [
        0: "材料価格基準改定又はそれ以降に新設された特定器材",
        1: "金額（整数部１０桁、小数部２桁）",
        2: "購入価格",
        5: "％加算",
        9: "乗算割合",
    ]
}
