// 点数識別 — 医科診療行為マスター 項番11 (for 項番12「新又は現点数」) and 項番57 (for 項番58「旧点数」).
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番11 (p.27) and 項番57 (p.38);
// R06rec2.pdf 別紙7-1「診療行為マスターの「点数識別」」(pp.111-113, PDF pp.22-24).

/// 点数識別: what kind of amount the 点数 column holds, i.e. how to compute the claimed points from it.
public struct PointKind: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 診療報酬改定又はそれ以降に新設された診療行為 — 項番57 (旧点数) only; 旧点数 is 0.00.
    public static let newlyCreated = PointKind(rawValue: 0)
    /// 1: 金額 — 食事療養費及び生活療養費並びに標準負担額等の単位を「金額」で設定している。
    public static let yen = PointKind(rawValue: 1)
    /// 3: 点数（プラス） — 診療行為の単位を「点数」で設定している。
    public static let points = PointKind(rawValue: 3)
    /// 4: 購入価格（点数） — 所定点数が確定していない診療行為 (生体移植の提供者の療養上の費用, 他医療機関診療費 等);
    /// the column holds 0.00 and the points are recorded on the receipt.
    public static let purchasePrice = PointKind(rawValue: 4)
    /// 5: ％加算 — 「所定点数の１００分の○○に相当する点数を加算する。」; the column holds the percentage.
    public static let percentAddition = PointKind(rawValue: 5)
    /// 6: ％減算 — 「所定点数の１００分の○○に相当する点数により算定する」; the column holds the percentage
    /// to subtract (e.g. 検査逓減 160000190 = 10.00, so the 2nd and later tests are charged at 90/100).
    public static let percentReduction = PointKind(rawValue: 6)
    /// 7: 減点診療行為 — 治験・公害補償法の対象となる包括診療行為の点数を合算して減点するためのコード; 0.00.
    public static let deductionProcedure = PointKind(rawValue: 7)
    /// 8: 点数（マイナス） — 所定点数を減点する診療行為; the column holds the points to subtract.
    public static let negativePoints = PointKind(rawValue: 8)

    public static let meanings: [Int: String] = [
        0: "診療報酬改定又はそれ以降に新設された診療行為",
        1: "金額",
        3: "点数（プラス）",
        4: "購入価格（点数）",
        5: "％加算",
        6: "％減算",
        7: "減点診療行為",
        8: "点数（マイナス）",
    ]
}
