// 点数欄集計先識別 — 医科診療行為マスター 項番15（入院外）and 項番66（入院）.
//
// Source (令和6年度版): R06rec2.pdf 別紙7-2「点数欄集計先コード一覧」(p.114, PDF p.25); R06rec1.pdf 本編
// 項番15 (p.27) and 項番66 (p.39): "入院外（入院）レセプトに使用する診療行為以外は「０」を設定する。"
// The table has one column for 入院 and one for 入院外; a code crossed out in a column is not used there
// (see `isUsedOnInpatientReceipts` / `isUsedOnOutpatientReceipts`).

/// 点数欄集計先識別: the box of the paper receipt's 点数欄 a procedure's points are totalled into.
public struct PointColumn: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 未使用 (the procedure is not used on this kind of receipt)
    public static let unused = PointColumn(rawValue: 0)
    /// 110: 初診
    public static let firstVisit = PointColumn(rawValue: 110)
    /// 120: 再診（再診・外来診療料） — 入院外 only
    public static let revisit = PointColumn(rawValue: 120)
    /// 122: 再診（外来管理加算） — 入院外 only
    public static let revisitOutpatientManagement = PointColumn(rawValue: 122)
    /// 123: 再診（時間外） — 入院外 only
    public static let revisitAfterHours = PointColumn(rawValue: 123)
    /// 124: 再診（休日） — 入院外 only
    public static let revisitHoliday = PointColumn(rawValue: 124)
    /// 125: 再診（深夜） — 入院外 only
    public static let revisitLateNight = PointColumn(rawValue: 125)
    /// 130: 医学管理
    public static let medicalManagement = PointColumn(rawValue: 130)
    /// 140: 在宅
    public static let homeCare = PointColumn(rawValue: 140)
    /// 210: 投薬（内服・頓服調剤）（入院外） — 入院外 only
    public static let dispensingInternal = PointColumn(rawValue: 210)
    /// 230: 投薬（外用調剤）（入院外） — 入院外 only
    public static let dispensingExternal = PointColumn(rawValue: 230)
    /// 240: 投薬（調剤）（入院） — 入院 only
    public static let dispensingInpatient = PointColumn(rawValue: 240)
    /// 250: 投薬（処方） — 入院外 only
    public static let prescription = PointColumn(rawValue: 250)
    /// 260: 投薬（麻毒）
    public static let narcotics = PointColumn(rawValue: 260)
    /// 270: 投薬（調基）
    public static let dispensingBasic = PointColumn(rawValue: 270)
    /// 300: 注射（生物学的製剤・精密持続点滴・麻薬・外来化学療法加算）
    public static let injectionAddOns = PointColumn(rawValue: 300)
    /// 311: 注射（皮下筋肉内） — 入院外 only
    public static let injectionSubcutaneousIntramuscular = PointColumn(rawValue: 311)
    /// 321: 注射（静脈内） — 入院外 only
    public static let injectionIntravenous = PointColumn(rawValue: 321)
    /// 331: 注射（その他）
    public static let injectionOther = PointColumn(rawValue: 331)
    /// 400: 処置
    public static let treatment = PointColumn(rawValue: 400)
    /// 500: 手術（手術）
    public static let surgery = PointColumn(rawValue: 500)
    /// 502: 手術（輸血）
    public static let transfusion = PointColumn(rawValue: 502)
    /// 540: 麻酔
    public static let anesthesia = PointColumn(rawValue: 540)
    /// 600: 検査・病理診断
    public static let examination = PointColumn(rawValue: 600)
    /// 700: 画像診断
    public static let imaging = PointColumn(rawValue: 700)
    /// 800: その他
    public static let other = PointColumn(rawValue: 800)
    /// 903: 入院基本料 — 入院 only
    public static let admissionBasicFee = PointColumn(rawValue: 903)
    /// 920: 特定入院料・その他 — 入院 only
    public static let specificAdmissionFee = PointColumn(rawValue: 920)
    /// 970: 入院時食事療養 — 入院 only
    public static let inpatientMeals = PointColumn(rawValue: 970)
    /// 971: 入院時食事療養（標準負担額） — 入院 only
    public static let inpatientMealsStandardCharge = PointColumn(rawValue: 971)
    /// 972: 生活療養食事療養 — 入院 only
    public static let livingCareMeals = PointColumn(rawValue: 972)
    /// 973: 生活療養食事療養（標準負担額） — 入院 only
    public static let livingCareMealsStandardCharge = PointColumn(rawValue: 973)
    /// 974: 生活療養環境療養 — 入院 only
    public static let livingCareEnvironment = PointColumn(rawValue: 974)
    /// 975: 生活療養環境療養（標準負担額） — 入院 only
    public static let livingCareEnvironmentStandardCharge = PointColumn(rawValue: 975)

    public static let meanings: [Int: String] = [
        0: "未使用",
        110: "初診",
        120: "再診（再診・外来診療料）",
        122: "再診（外来管理加算）",
        123: "再診（時間外）",
        124: "再診（休日）",
        125: "再診（深夜）",
        130: "医学管理",
        140: "在宅",
        210: "投薬（内服・頓服調剤）（入院外）",
        230: "投薬（外用調剤）（入院外）",
        240: "投薬（調剤）（入院）",
        250: "投薬（処方）",
        260: "投薬（麻毒）",
        270: "投薬（調基）",
        300: "注射（生物学的製剤・精密持続点滴・麻薬・外来化学療法加算）",
        311: "注射（皮下筋肉内）",
        321: "注射（静脈内）",
        331: "注射（その他）",
        400: "処置",
        500: "手術（手術）",
        502: "手術（輸血）",
        540: "麻酔",
        600: "検査・病理診断",
        700: "画像診断",
        800: "その他",
        903: "入院基本料",
        920: "特定入院料・その他",
        970: "入院時食事療養",
        971: "入院時食事療養（標準負担額）",
        972: "生活療養食事療養",
        973: "生活療養食事療養（標準負担額）",
        974: "生活療養環境療養",
        975: "生活療養環境療養（標準負担額）",
    ]

    /// Codes of the 別紙7-2 column 点数集計先識別（入院） (項番66), excluding 0.
    public static let inpatientCodes: Set<Int> = [
        110, 130, 140, 240, 260, 270, 300, 331, 400, 500, 502, 540, 600, 700, 800,
        903, 920, 970, 971, 972, 973, 974, 975,
    ]
    /// Codes of the 別紙7-2 column 点数集計先識別（入院外） (項番15), excluding 0.
    public static let outpatientCodes: Set<Int> = [
        110, 120, 122, 123, 124, 125, 130, 140, 210, 230, 250, 260, 270, 300, 311, 321, 331,
        400, 500, 502, 540, 600, 700, 800,
    ]

    /// Whether 別紙7-2 lists this code in the 入院 column (項番66).
    public var isUsedOnInpatientReceipts: Bool { Self.inpatientCodes.contains(rawValue) }
    /// Whether 別紙7-2 lists this code in the 入院外 column (項番15).
    public var isUsedOnOutpatientReceipts: Bool { Self.outpatientCodes.contains(rawValue) }
}
