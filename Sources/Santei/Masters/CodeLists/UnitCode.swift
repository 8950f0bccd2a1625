// 単位コード — 医薬品・特定器材マスター 項番8「単位コード」and 医科診療行為マスター 項番8「データ規格コード」.
//
// Source (令和6年度版): R06rec2.pdf 別紙4-1「単位コード一覧」(p.100, PDF p.11): 122 codes
// (1-61, 101-151, 153-162; there is no 152). R06rec1.pdf 本編 §3(7) 項番8 (p.26): 数量データの記録が不要な
// 診療行為は「０」を設定する。 The 医科電子点数表's 算定単位コード (tensuhyo_01.pdf 付表1) is the same list:
// see ``CountUnit``.

/// 単位コード: the unit of a drug's or device's price, or of a procedure's 数量データ (データ規格コード).
public struct UnitCode: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: no unit (数量データの記録が不要な診療行為); not part of 別紙4-1, so `meaning` is nil.
    public static let none = UnitCode(rawValue: 0)
    /// 1: 分
    public static let minute = UnitCode(rawValue: 1)
    /// 2: 回
    public static let times = UnitCode(rawValue: 2)
    /// 3: 種
    public static let kinds = UnitCode(rawValue: 3)
    /// 6: 枚
    public static let sheet = UnitCode(rawValue: 6)
    /// 7: 本
    public static let piece = UnitCode(rawValue: 7)
    /// 10: 個
    public static let item = UnitCode(rawValue: 10)
    /// 16: 錠
    public static let tablet = UnitCode(rawValue: 16)
    /// 28: 単位
    public static let unit = UnitCode(rawValue: 28)
    /// 32: ｍｇ
    public static let milligram = UnitCode(rawValue: 32)
    /// 33: ｇ
    public static let gram = UnitCode(rawValue: 33)
    /// 36: ｍＬ
    public static let milliliter = UnitCode(rawValue: 36)
    /// 37: Ｌ
    public static let liter = UnitCode(rawValue: 37)
    /// 40: ｃｍ
    public static let centimeter = UnitCode(rawValue: 40)
    /// 41: ｃｍ２
    public static let squareCentimeter = UnitCode(rawValue: 41)
    /// 54: 気圧
    public static let atmosphere = UnitCode(rawValue: 54)
    /// 121: 日
    public static let day = UnitCode(rawValue: 121)
    /// 131: 月
    public static let month = UnitCode(rawValue: 131)
    /// 138: 週
    public static let week = UnitCode(rawValue: 138)

    public static let meanings: [Int: String] = [
        1: "分",
        2: "回",
        3: "種",
        4: "箱",
        5: "巻",
        6: "枚",
        7: "本",
        8: "組",
        9: "セット",
        10: "個",
        11: "裂",
        12: "方向",
        13: "トローチ",
        14: "アンプル",
        15: "カプセル",
        16: "錠",
        17: "丸",
        18: "包",
        19: "瓶",
        20: "袋",
        21: "瓶（袋）",
        22: "管",
        23: "シリンジ",
        24: "回分",
        25: "テスト分",
        26: "ガラス筒",
        27: "桿錠",
        28: "単位",
        29: "万単位",
        30: "フィート",
        31: "滴",
        32: "ｍｇ",
        33: "ｇ",
        34: "Ｋｇ",
        35: "ｃｃ",
        36: "ｍＬ",
        37: "Ｌ",
        38: "ｍＬＶ",
        39: "バイアル",
        40: "ｃｍ",
        41: "ｃｍ２",
        42: "ｍ",
        43: "μＣｉ",
        44: "ｍＣｉ",
        45: "μｇ",
        46: "管（瓶）",
        47: "筒",
        48: "ＧＢｑ",
        49: "ＭＢｑ",
        50: "ＫＢｑ",
        51: "キット",
        52: "国際単位",
        53: "患者当り",
        54: "気圧",
        55: "缶",
        56: "手術当り",
        57: "容器",
        58: "ｍＬ（ｇ）",
        59: "ブリスター",
        60: "シート",
        61: "カセット",
        101: "分画",
        102: "染色",
        103: "種類",
        104: "株",
        105: "菌株",
        106: "照射",
        107: "臓器",
        108: "件",
        109: "部位",
        110: "肢",
        111: "局所",
        112: "種目",
        113: "スキャン",
        114: "コマ",
        115: "処理",
        116: "指",
        117: "歯",
        118: "面",
        119: "側",
        120: "個所",
        121: "日",
        122: "椎間",
        123: "筋",
        124: "菌種",
        125: "項目",
        126: "箇所",
        127: "椎弓",
        128: "食",
        129: "根管",
        130: "３分の１顎",
        131: "月",
        132: "入院初日",
        133: "入院中",
        134: "退院時",
        135: "初回",
        136: "口腔",
        137: "顎",
        138: "週",
        139: "窩洞",
        140: "神経",
        141: "一連",
        142: "２週",
        143: "２月",
        144: "３月",
        145: "４月",
        146: "６月",
        147: "１２月",
        148: "５年",
        149: "妊娠中",
        150: "検査当り",
        151: "１疾患当り",
        153: "装置",
        154: "１歯１回",
        155: "１口腔１回",
        156: "床",
        157: "１顎１回",
        158: "椎体",
        159: "初診時",
        160: "１分娩当り",
        161: "２年",
        162: "年度",
    ]
}
