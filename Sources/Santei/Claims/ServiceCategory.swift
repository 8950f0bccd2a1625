// 診療識別 — レセプト電算処理システム 記録条件仕様（医科）別表「診療識別コード」, as transcribed in
// shared/docs/domain-facts.md §C.7 (90/92/97 for 入院 receipts as the same 別表 lists them).

/// 診療識別: the section of the receipt an order (算定単位) is billed in (UKE SI/IY/TO field 2; JSON
/// `orders[].category`). An order's category must be one the 別表 lists; 01 全体 is a comment-only code
/// and is not an order's category.
public struct ServiceCategory: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    public static let firstVisit = ServiceCategory(rawValue: 11)
    public static let revisit = ServiceCategory(rawValue: 12)
    public static let internalMedicine = ServiceCategory(rawValue: 21)
    public static let examination = ServiceCategory(rawValue: 60)

    public static let meanings: [Int: String] = [
        1: "全体", 11: "初診", 12: "再診", 13: "医学管理", 14: "在宅",
        21: "内服", 22: "屯服", 23: "外用", 24: "調剤", 25: "処方", 26: "麻毒", 27: "調基", 28: "投薬その他",
        31: "皮下筋肉内", 32: "静脈内", 33: "注射その他", 39: "薬剤料減点",
        40: "処置", 50: "手術", 54: "麻酔", 60: "検査・病理", 70: "画像診断", 80: "その他",
        90: "入院基本料", 92: "特定入院料・その他", 97: "食事療養・生活療養・標準負担額", 99: "全体（99）",
    ]

    /// Whether an order may carry this 診療識別: listed in the 別表, and not 01 全体.
    public var isOrderCategory: Bool { isKnown && rawValue >= 11 }

    /// `isKnown` by 2-digit value (0–99), read once per UKE record at the door without a dictionary look-up.
    static let knownByValue: [Bool] = (0..<100).map { ServiceCategory(rawValue: $0).isKnown }
}
