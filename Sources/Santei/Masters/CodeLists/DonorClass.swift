// ドナー分集計区分 — 医科診療行為マスター 項番49.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番49 (pp.35-36, PDF pp.39-40).

/// ドナー分集計区分: whether the procedure adds an organ donor's costs to the recipient's receipt.
public struct DonorClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「６」以外の診療行為
    public static let none = DonorClass(rawValue: 0)
    /// 1: 生体腎移植術（提供者の療養上の費用）加算
    public static let livingKidney = DonorClass(rawValue: 1)
    /// 2: 造血幹細胞移植（提供者の療養上の費用）加算
    public static let hematopoieticStemCell = DonorClass(rawValue: 2)
    /// 3: 生体皮膚移植（提供者の療養上の費用）加算
    public static let livingSkin = DonorClass(rawValue: 3)
    /// 4: 生体部分肝移植術（提供者の療養上の費用）加算
    public static let livingPartialLiver = DonorClass(rawValue: 4)
    /// 5: 生体部分肺移植術（提供者の療養上の費用）加算
    public static let livingPartialLung = DonorClass(rawValue: 5)
    /// 6: 生体部分小腸移植術（提供者の療養上の費用）加算
    public static let livingPartialSmallIntestine = DonorClass(rawValue: 6)

    public static let meanings: [Int: String] = [
        0: "「１」から「６」以外の診療行為",
        1: "生体腎移植術（提供者の療養上の費用）加算",
        2: "造血幹細胞移植（提供者の療養上の費用）加算",
        3: "生体皮膚移植（提供者の療養上の費用）加算",
        4: "生体部分肝移植術（提供者の療養上の費用）加算",
        5: "生体部分肺移植術（提供者の療養上の費用）加算",
        6: "生体部分小腸移植術（提供者の療養上の費用）加算",
    ]
}
