// 算定単位コード — 医科電子点数表 05算定回数テーブル 項番4.
//
// Source (令和6年度版): tensuhyo_01.pdf「医科電子点数表の活用手引き」§5(5) (p.30) and 付表1「算定単位コード一覧」
// (p.32): 122 codes, identical (code for code, name for name) to R06rec2.pdf 別紙4-1「単位コード一覧」, so the
// table is shared with ``UnitCode``. R06rec2.pdf 別紙8 §7 (p.173) also says the 算定単位 of such tables is
// 「別紙４－１「単位コード一覧」の内容に対応するコード」.

/// 算定単位コード: the unit (period or object) per which 05算定回数テーブル limits the count.
public struct CountUnit: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 53: 患者当り
    public static let perPatient = CountUnit(rawValue: 53)
    /// 56: 手術当り
    public static let perSurgery = CountUnit(rawValue: 56)
    /// 121: 日
    public static let day = CountUnit(rawValue: 121)
    /// 131: 月
    public static let month = CountUnit(rawValue: 131)
    /// 132: 入院初日
    public static let admissionFirstDay = CountUnit(rawValue: 132)
    /// 133: 入院中
    public static let duringAdmission = CountUnit(rawValue: 133)
    /// 134: 退院時
    public static let atDischarge = CountUnit(rawValue: 134)
    /// 135: 初回
    public static let firstTime = CountUnit(rawValue: 135)
    /// 138: 週
    public static let week = CountUnit(rawValue: 138)
    /// 141: 一連
    public static let series = CountUnit(rawValue: 141)
    /// 142: ２週
    public static let twoWeeks = CountUnit(rawValue: 142)
    /// 143: ２月
    public static let twoMonths = CountUnit(rawValue: 143)
    /// 144: ３月
    public static let threeMonths = CountUnit(rawValue: 144)
    /// 145: ４月
    public static let fourMonths = CountUnit(rawValue: 145)
    /// 146: ６月
    public static let sixMonths = CountUnit(rawValue: 146)
    /// 147: １２月
    public static let twelveMonths = CountUnit(rawValue: 147)
    /// 148: ５年
    public static let fiveYears = CountUnit(rawValue: 148)
    /// 149: 妊娠中
    public static let duringPregnancy = CountUnit(rawValue: 149)
    /// 150: 検査当り
    public static let perExamination = CountUnit(rawValue: 150)
    /// 151: １疾患当り
    public static let perDisease = CountUnit(rawValue: 151)
    /// 159: 初診時
    public static let atFirstVisit = CountUnit(rawValue: 159)
    /// 160: １分娩当り
    public static let perDelivery = CountUnit(rawValue: 160)
    /// 161: ２年
    public static let twoYears = CountUnit(rawValue: 161)
    /// 162: 年度
    public static let fiscalYear = CountUnit(rawValue: 162)

    /// Same 122 entries as ``UnitCode/meanings`` (付表1 = 別紙4-1).
    public static var meanings: [Int: String] { UnitCode.meanings }

    /// A span of calendar time named by a unit.
    public enum Span: Hashable, Sendable {
        case days(Int)
        case weeks(Int)
        case months(Int)
        case years(Int)
        /// 年度 (April to March).
        case fiscalYear
    }

    /// The calendar span the unit names (日, 週, ２週, 月 … １２月, ２年, ５年, 年度), or nil for units that count
    /// per event or per object (入院中, 一連, 手術当り, 部位 …). How a 週 or 月 is delimited is not part of this list.
    public var span: Span? {
        switch rawValue {
        case 121: return .days(1)
        case 138: return .weeks(1)
        case 142: return .weeks(2)
        case 131: return .months(1)
        case 143: return .months(2)
        case 144: return .months(3)
        case 145: return .months(4)
        case 146: return .months(6)
        case 147: return .months(12)
        case 161: return .years(2)
        case 148: return .years(5)
        case 162: return .fiscalYear
        default: return nil
        }
    }
}
