// 逓減対象区分 (項番52) and 包括逓減区分 (項番63) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番52 (pp.36-37, PDF pp.40-41) and 項番63 (p.39); R06rec2.pdf
// 別紙7-10「包括逓減区分コード一覧」(pp.162-163, PDF pp.73-74): 80 codes. 逓減対象区分 means one thing on
// 基本項目・合成項目・準用項目 rows and another on 加算項目・通則加算項目 rows (項番68「告示等識別区分（１）」).

/// 逓減対象区分: whether the procedure is reduced (逓減) with the number of times it is done, or is the 逓減コード.
public struct TaperingClass: AddOnDependentCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 逓減計算の対象とならない診療行為 / (加算項目等) 逓減コード以外の診療行為
    public static let none = TaperingClass(rawValue: 0)
    /// 1: 逓減計算の対象となる診療行為 / (加算項目等) 逓減コード自体
    public static let tapered = TaperingClass(rawValue: 1)

    /// Wording for 基本項目・合成項目・準用項目 rows.
    public static let meanings: [Int: String] = [
        0: "逓減計算の対象とならない診療行為",
        1: "逓減計算の対象となる診療行為",
    ]

    public static let addOnMeanings: [Int: String] = [
        0: "逓減コード以外の診療行為",
        1: "逓減コード自体",
    ]
}

/// 包括逓減区分: the group of tests etc. whose points are reduced together (検査逓減 over the group).
public struct TaperingGroup: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 逓減規定なし
    public static let none = TaperingGroup(rawValue: 0)
    /// 34: 心電図検査
    public static let electrocardiogram = TaperingGroup(rawValue: 34)
    /// 40: 超音波検査
    public static let ultrasound = TaperingGroup(rawValue: 40)
    /// 201: ＣＴ撮影、ＭＲＩ撮影
    public static let ctOrMRI = TaperingGroup(rawValue: 201)

    public static let meanings: [Int: String] = [
        0: "逓減規定なし",
        17: "心臓カテーテル法による諸検査（左心）",
        18: "心臓カテーテル法による諸検査（右心）",
        19: "肺臓カテーテル法",
        20: "肝臓カテーテル法",
        25: "体液量測定",
        26: "血流量測定",
        27: "皮弁血流検査",
        29: "血管伸展性検査",
        30: "心拍出量測定",
        31: "循環時間測定",
        32: "脳循環測定（色素希釈法）",
        33: "脳循環測定（笑気法）",
        34: "心電図検査",
        35: "負荷心電図検査",
        36: "ホルター型心電図検査",
        37: "トレッドミルによる負荷心肺機能検査",
        39: "心音図検査",
        40: "超音波検査",
        41: "サーモグラフィー検査",
        52: "関節鏡検査",
        53: "喉頭直達鏡検査",
        54: "嗅裂部・鼻咽腔・副鼻腔入口部ファイバースコピー（部位を問わず一連につき）",
        55: "喉頭ファイバースコピー",
        56: "中耳ファイバースコピー",
        58: "気管支ファイバースコピー",
        59: "胸腔鏡検査",
        61: "食道ファイバースコピー",
        63: "胃・十二指腸ファイバースコピー",
        64: "胆道ファイバースコピー",
        66: "直腸鏡検査、コロンブラッシュ法",
        67: "直腸ファイバースコピー",
        68: "大腸内視鏡検査",
        69: "腹腔鏡検査",
        70: "腹腔ファイバースコピー",
        71: "クルドスコピー",
        72: "膀胱尿道ファイバースコピー",
        73: "尿管カテーテル法",
        74: "ヒステロスコピー",
        75: "コルポスコピー",
        76: "子宮ファイバースコピー",
        77: "細胞外液量測定",
        78: "循環血流量測定",
        79: "電子授受式発消色性インジケーター使用皮膚表面温度測定",
        80: "循環血液量測定",
        81: "リアルタイム解析型心電図",
        82: "サイクルエルゴメーターによる心肺機能検査",
        83: "腎盂尿管ファイバースコピー",
        85: "顎関節鏡検査",
        86: "乳管鏡検査",
        87: "膵臓カテーテル法",
        89: "脈波図、心機図、ポリグラフ検査",
        90: "鼻咽腔直達鏡検査",
        91: "縦隔鏡検査",
        92: "エレクトロキモグラフ",
        93: "体表面心電図",
        94: "心外膜興奮伝播図",
        95: "携帯型発作時心電図記録計使用心電図検査",
        96: "肛門鏡検査",
        97: "小腸内視鏡検査（カプセル型内視鏡）",
        98: "小腸内視鏡検査（その他）",
        99: "喘息運動負荷試験",
        100: "植込型心電図検査",
        101: "内視鏡下嚥下機能検査",
        102: "膀胱尿道鏡検査",
        103: "Ｔ波オルタナンス検査",
        104: "時間内歩行試験",
        105: "消化管通過性検査",
        107: "大腸内視鏡検査（カプセル型内視鏡）",
        108: "皮膚灌流圧測定",
        109: "シャトルウォーキングテスト",
        110: "気管支カテーテル気管支肺胞洗浄法検査",
        111: "ＥＧＦＲ遺伝子検査（血漿）",
        112: "小腸内視鏡検査（バルーン内視鏡）",
        113: "回腸嚢ファイバースコピー",
        114: "小腸内視鏡検査（スパイラル内視鏡）",
        115: "内視鏡用テレスコープを用いた咽頭画像等解析",
        201: "ＣＴ撮影、ＭＲＩ撮影",
        301: "歯周組織検査",
        302: "口腔細菌定量検査",
    ]
}
