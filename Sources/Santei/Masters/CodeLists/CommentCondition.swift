// 条件区分 (項番14), 非算定理由コメント (項番15) and 入外区分 (項番16) — コメント関連テーブル (ck).
//
// Source (令和6年度版): ck_1_20240823.pdf「コメント関連テーブル ファイル仕様説明書」項番14-17 (p.6, PDF p.8).

/// 条件区分: on what condition the comment code (or 患者の状態コード) of a ck row must be recorded.
public struct CommentCondition: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 00: 「０１」、「０２」、「０３」、「１０」、「１１」、「１２」、「１３」及び「２０」以外の場合
    public static let other = CommentCondition(rawValue: 0)
    /// 01: 対象の診療（調剤）行為の算定が条件であって、それ以外の条件がない場合
    public static let whenCharged = CommentCondition(rawValue: 1)
    /// 02: 対象の診療（調剤）行為の算定が条件であって、入院又は入院外のいずれかで算定した場合 (see ``CommentInOutClass``)
    public static let whenChargedInOrOut = CommentCondition(rawValue: 2)
    /// 03: 対象の診療（調剤）行為の算定が条件であって、複数回算定した場合 (ck 項番17 算定回数)
    public static let whenChargedRepeatedly = CommentCondition(rawValue: 3)
    /// 10: ＤＰＣ医療機関は省略可 ＤＰＣ医療機関以外は「００」と同義
    public static let otherDPCOptional = CommentCondition(rawValue: 10)
    /// 11: ＤＰＣ医療機関は省略可 ＤＰＣ医療機関以外は「０１」と同義
    public static let whenChargedDPCOptional = CommentCondition(rawValue: 11)
    /// 12: ＤＰＣ医療機関は省略可 ＤＰＣ医療機関以外は「０２」と同義
    public static let whenChargedInOrOutDPCOptional = CommentCondition(rawValue: 12)
    /// 13: ＤＰＣ医療機関は省略可 ＤＰＣ医療機関以外は「０３」と同義
    public static let whenChargedRepeatedlyDPCOptional = CommentCondition(rawValue: 13)
    /// 20: 長期収載品を選定療養として処方しない場合
    public static let longListedDrugNotSelectiveCare = CommentCondition(rawValue: 20)

    public static let meanings: [Int: String] = [
        0: "「０１」、「０２」、「０３」、「１０」、「１１」、「１２」、「１３」及び「２０」以外の場合",
        1: "対象の診療（調剤）行為の算定が条件であって、それ以外の条件がない場合",
        2: "対象の診療（調剤）行為の算定が条件であって、入院又は入院外のいずれかで算定した場合",
        3: "対象の診療（調剤）行為の算定が条件であって、複数回算定した場合",
        10: "ＤＰＣ医療機関は省略可　ＤＰＣ医療機関以外は「００」と同義",
        11: "ＤＰＣ医療機関は省略可　ＤＰＣ医療機関以外は「０１」と同義",
        12: "ＤＰＣ医療機関は省略可　ＤＰＣ医療機関以外は「０２」と同義",
        13: "ＤＰＣ医療機関は省略可　ＤＰＣ医療機関以外は「０３」と同義",
        20: "長期収載品を選定療養として処方しない場合",
    ]

    /// Whether a ＤＰＣ医療機関 may omit the comment (10-13).
    public var isOptionalForDPC: Bool { (10...13).contains(rawValue) }

    /// The condition that applies to a hospital outside ＤＰＣ: 10-13 read as 00-03; others as they are.
    public var nonDPCEquivalent: CommentCondition {
        isOptionalForDPC ? CommentCondition(rawValue: rawValue - 10) : self
    }
}

/// 非算定理由コメント (ck 項番15): whether the comment is to be recorded when the procedure was NOT charged.
public struct NonChargeReasonComment: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」以外のコメント
    public static let no = NonChargeReasonComment(rawValue: 0)
    /// 1: 対象の診療（調剤）行為を算定しなかった場合であって、条件に合致する場合に記録するコメント
    public static let yes = NonChargeReasonComment(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "「１」以外のコメント",
        1: "対象の診療（調剤）行為を算定しなかった場合であって、条件に合致する場合に記録するコメント",
    ]
}

/// 入外区分 (ck 項番16): with 条件区分 02 (or 12), whether the condition is 入院 or 入院外; otherwise 0.
public struct CommentInOutClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 条件区分が「０２」以外 (上記以外の場合は「０」を設定する。)
    public static let notApplicable = CommentInOutClass(rawValue: 0)
    /// 1: 入院
    public static let inpatient = CommentInOutClass(rawValue: 1)
    /// 2: 入院外
    public static let outpatient = CommentInOutClass(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "上記以外の場合",
        1: "入院",
        2: "入院外",
    ]
}
