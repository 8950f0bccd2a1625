// コメント記載通知等 — コメント関連テーブル (ck) 項番2.
//
// Source (令和6年度版): ck_1_20240823.pdf「コメント関連テーブル ファイル仕様説明書」項番2 (p.2, PDF p.4) and
// 項番6・8 (pp.3-5: the placeholder 診療（調剤）行為コード and 省略漢字名称 per source).

/// コメント記載通知等: which table of the 記載要領 lists the required comment.
public struct CommentRequirementSource: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「７」以外の箇所に掲載されているもの
    public static let other = CommentRequirementSource(rawValue: 0)
    /// 1: 記載要領別表Ⅰ（医科）に掲載されているもの
    public static let medical = CommentRequirementSource(rawValue: 1)
    /// 3: 記載要領別表Ⅰ（歯科）に掲載されているもの
    public static let dental = CommentRequirementSource(rawValue: 3)
    /// 4: 記載要領別表Ⅰ（調剤）に掲載されているもの
    public static let pharmacy = CommentRequirementSource(rawValue: 4)
    /// 5: 記載要領別表Ⅱ（医薬品）に掲載されているもの
    public static let drugs = CommentRequirementSource(rawValue: 5)
    /// 6: 記載要領別表Ⅲ（検査値）に掲載されているもの
    public static let testValues = CommentRequirementSource(rawValue: 6)
    /// 7: 記載要領（訪問看護）別表Ⅰに掲載されているもの
    public static let visitingNursing = CommentRequirementSource(rawValue: 7)

    public static let meanings: [Int: String] = [
        0: "「１」から「７」以外の箇所に掲載されているもの",
        1: "記載要領別表Ⅰ（医科）に掲載されているもの",
        3: "記載要領別表Ⅰ（歯科）に掲載されているもの",
        4: "記載要領別表Ⅰ（調剤）に掲載されているもの",
        5: "記載要領別表Ⅱ（医薬品）に掲載されているもの",
        6: "記載要領別表Ⅲ（検査値）に掲載されているもの",
        7: "記載要領（訪問看護）別表Ⅰに掲載されているもの",
    ]

    /// The 診療（調剤）行為コード (ck 項番6) used when the procedure cannot be specified
    /// (「診療（調剤）行為が特定できない場合」): 199999999 (1), 399999999 (3), 499999999 (4),
    /// 699999999 (5), 799999999 (7).
    public var unspecifiedProcedureCode: Int? {
        switch rawValue {
        case 1: return 199_999_999
        case 3: return 399_999_999
        case 4: return 499_999_999
        case 5: return 699_999_999
        case 7: return 799_999_999
        default: return nil
        }
    }

    /// The 診療（調剤）行為コード (ck 項番6) that stands for the drugs of 「長期収載品の選定療養に関する取扱い」
    /// (医薬品マスター 項番42「選定療養区分」 = 1): 819999999 (1), 839999999 (3), 849999999 (4).
    public var longListedDrugSelectiveCareCode: Int? {
        switch rawValue {
        case 1: return 819_999_999
        case 3: return 839_999_999
        case 4: return 849_999_999
        default: return nil
        }
    }

    /// Official 省略漢字名称 (ck 項番8) set on rows whose 項番6 is one of the placeholder codes above.
    public static let placeholderNames: [Int: String] = [
        199_999_999: "＊＊＊ 医科診療行為特定不能 ＊＊＊",
        399_999_999: "＊＊＊ 歯科診療行為特定不能 ＊＊＊",
        499_999_999: "＊＊＊ 調剤行為特定不能 ＊＊＊",
        799_999_999: "＊＊＊ 訪問看護療養費特定不能 ＊＊＊",
        819_999_999: "＊＊＊ 選定療養対象医薬品１ ＊＊＊",
        839_999_999: "＊＊＊ 選定療養対象医薬品３ ＊＊＊",
        849_999_999: "＊＊＊ 選定療養対象医薬品４ ＊＊＊",
    ]
}
