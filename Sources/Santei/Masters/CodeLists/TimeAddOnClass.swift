// 時間加算区分 — 医科診療行為マスター 項番43.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番43 (pp.33-34, PDF pp.37-38); exceptions in R06rec2.pdf
// 別紙7-11 §3「時間外加算自体の診療行為」(pp.165-166). Values mean one thing on 基本項目・合成項目・準用項目
// rows and another on 加算項目・通則加算項目 rows (項番68「告示等識別区分（１）」).

/// 時間加算区分: whether the procedure relates to 時間外加算等, and which one it is.
public struct TimeAddOnClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 基本項目等 「１」から「７」以外の診療行為 / 加算項目等 「１」から「９」以外の診療行為
    public static let none = TimeAddOnClass(rawValue: 0)
    /// 1: 基本項目等 時間外加算等を算定可能な診療行為（「合成項目」を含む。） / 加算項目等 時間外加算自体
    public static let afterHours = TimeAddOnClass(rawValue: 1)
    /// 2: 休日加算自体
    public static let holiday = TimeAddOnClass(rawValue: 2)
    /// 3: 基本項目等 初診料の休日加算に係る診療行為 / 加算項目等 初診料の休日加算自体
    public static let firstVisitHoliday = TimeAddOnClass(rawValue: 3)
    /// 4: 深夜加算自体
    public static let lateNight = TimeAddOnClass(rawValue: 4)
    /// 5: 時間外特例加算自体
    public static let afterHoursSpecial = TimeAddOnClass(rawValue: 5)
    /// 6: 夜間・早朝加算自体
    public static let nightAndEarlyMorning = TimeAddOnClass(rawValue: 6)
    /// 7: 夜間加算自体
    public static let night = TimeAddOnClass(rawValue: 7)
    /// 8: (加算項目等 only) 時間外、深夜、時間外特例加算（手術又は１，０００点以上の処置）（注加算又は通則加算）自体
    public static let surgeryAfterHoursOrLateNight = TimeAddOnClass(rawValue: 8)
    /// 9: (加算項目等 only) 休日加算（手術又は１，０００点以上の処置）（注加算又は通則加算）自体
    public static let surgeryHoliday = TimeAddOnClass(rawValue: 9)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "「１」から「７」以外の診療行為",
        1: "時間外加算等を算定可能な診療行為（「合成項目」を含む。）",
        2: "休日加算自体",
        3: "初診料の休日加算に係る診療行為",
        4: "深夜加算自体",
        5: "時間外特例加算自体",
        6: "夜間・早朝加算自体",
        7: "夜間加算自体",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "「１」から「９」以外の診療行為",
        1: "時間外加算自体",
        2: "休日加算自体",
        3: "初診料の休日加算自体",
        4: "深夜加算自体",
        5: "時間外特例加算自体",
        6: "夜間・早朝加算自体",
        7: "夜間加算自体",
        8: "時間外、深夜、時間外特例加算（手術又は１，０００点以上の処置）（注加算又は通則加算）自体",
        9: "休日加算（手術又は１，０００点以上の処置）（注加算又は通則加算）自体",
    ]
}
