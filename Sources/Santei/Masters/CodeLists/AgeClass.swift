// 通則年齢 (項番40) and the age codes of 下限年齢・上限年齢 (項番41・42) and 年齢加算①〜④ (項番100-111) —
// 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番40-42 (pp.32-33, PDF pp.36-37) and 項番100-111 (p.42,
// PDF p.46). 通則年齢 means one thing on 基本項目・合成項目・準用項目 rows and another on 加算項目・通則加算項目
// rows (項番68「告示等識別区分（１）」).

/// 通則年齢: whether the procedure may take an age-related 通則加算 (or 注加算 of E002 撮影の注２), or is one.
public struct GeneralAgeClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 年齢に関する通則加算を算定できない診療行為 / (加算項目等) 年齢に関する通則加算以外の診療行為
    public static let none = GeneralAgeClass(rawValue: 0)
    /// 1: 年齢に関する通則加算を算定可能な診療行為 / (加算項目等) 年齢に関する通則加算自体
    public static let generalRule = GeneralAgeClass(rawValue: 1)
    /// 2: 年齢に関する注加算を算定可能な診療行為 / (加算項目等) 年齢に関する注加算自体
    public static let note = GeneralAgeClass(rawValue: 2)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "年齢に関する通則加算を算定できない診療行為",
        1: "年齢に関する通則加算を算定可能な診療行為",
        2: "年齢に関する注加算を算定可能な診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "年齢に関する通則加算以外の診療行為",
        1: "年齢に関する通則加算自体",
        2: "年齢に関する注加算自体",
    ]
}

/// An age code of 下限年齢 (項番41), 上限年齢 (項番42) or 年齢加算①〜④ (項番100-111): two digits for years, or
/// one of the letter codes below. A 下限年齢 is inclusive (算定可能な年齢 ≧ 下限年齢); a 上限年齢 is
/// 「上限値＋１」 and exclusive (算定可能な年齢 ＜ 上限年齢). "00" means no limit.
public struct AgeCode: MasterCodeList {
    public var rawValue: String
    @inlinable public init(rawValue: String) { self.rawValue = rawValue }

    /// 00: 制限がない (未使用)
    public static let unlimited = AgeCode(rawValue: "00")
    /// AA: 生後２８日
    public static let day28 = AgeCode(rawValue: "AA")
    /// AE: 生後９０日 (上限年齢 only)
    public static let day90 = AgeCode(rawValue: "AE")
    /// B3: ３歳に達した日の翌月の１日
    public static let monthAfter3 = AgeCode(rawValue: "B3")
    /// B6: ６歳に達した日の翌月の１日 (下限年齢・上限年齢 only)
    public static let monthAfter6 = AgeCode(rawValue: "B6")
    /// MG: 未就学児 (上限年齢 only)
    public static let preschool = AgeCode(rawValue: "MG")
    /// BF: １５歳に達した日の翌月の１日
    public static let monthAfter15 = AgeCode(rawValue: "BF")
    /// BK: ２０歳に達した日の翌月の１日
    public static let monthAfter20 = AgeCode(rawValue: "BK")

    /// Wording of "00" and of the letter codes. Two-digit year codes other than "00" are described by
    /// ``years`` instead.
    public static let meanings: [String: String] = [
        "00": "制限がない",
        "AA": "生後２８日",
        "AE": "生後９０日",
        "B3": "３歳に達した日の翌月の１日",
        "B6": "６歳に達した日の翌月の１日",
        "MG": "未就学児",
        "BF": "１５歳に達した日の翌月の１日",
        "BK": "２０歳に達した日の翌月の１日",
    ]

    /// The age in whole years for a two-digit code ("03" → 3; "00" → 0), or nil for letter codes.
    public var years: Int? {
        let bytes = Array(rawValue.utf8)
        guard bytes.count == 2, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
    }

    /// Whether the code means "no limit" ("00").
    public var isUnlimited: Bool { rawValue == "00" }
}
