// Two-valued columns of the 医科診療行為マスター: 漢字名称変更区分・カナ名称変更区分 (項番59・60; the same 0/1 is used
// by the 変更情報 columns of the 傷病名・修飾語マスター), 検体検査コメント (項番61), 通則加算所定点数対象区分 (項番62)
// and 歯科適用区分 (項番84); and the コード表用番号（アルファベット部）(項番85).
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番59-62 (pp.38-39, PDF pp.42-43), 項番84・85 (p.41, PDF p.45);
// R06rec2.pdf 別紙7-9 (p.161) for the 検体 codes.

/// 漢字名称変更区分・カナ名称変更区分 (項番59・60): whether the item changed in this release.
public struct NameChangeFlag: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 当該項目の内容に変更なし
    public static let unchanged = NameChangeFlag(rawValue: 0)
    /// 1: 当該項目の内容に変更あり
    public static let changed = NameChangeFlag(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "当該項目の内容に変更なし",
        1: "当該項目の内容に変更あり",
    ]
}

/// 検体検査コメント (項番61): whether the code is a 検体コメント (a specimen name such as 〈尿〉, 別紙7-9).
public struct SpecimenCommentFlag: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 検体コメント以外の診療行為
    public static let no = SpecimenCommentFlag(rawValue: 0)
    /// 1: 検体コメント
    public static let specimenComment = SpecimenCommentFlag(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "検体コメント以外の診療行為",
        1: "検体コメント",
    ]
}

/// 通則加算所定点数対象区分 (項番62): whether the procedure counts toward the 所定点数 a 通則加算 is computed on.
public struct GeneralRuleBaseClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 所定点数の対象となる診療行為
    public static let included = GeneralRuleBaseClass(rawValue: 0)
    /// 1: 所定点数の対象とならない診療行為
    public static let excluded = GeneralRuleBaseClass(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "所定点数の対象となる診療行為",
        1: "所定点数の対象とならない診療行為",
    ]
}

/// 歯科適用区分 (項番84): whether the procedure may be charged in 歯科診療.
public struct DentalApplicability: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 歯科診療において算定できない診療行為
    public static let no = DentalApplicability(rawValue: 0)
    /// 1: 歯科診療において算定可能な診療行為
    public static let yes = DentalApplicability(rawValue: 1)

    public static let meanings: [Int: String] = [
        0: "歯科診療において算定できない診療行為",
        1: "歯科診療において算定可能な診療行為",
    ]
}

/// コード表用番号（アルファベット部）(項番85; 項番86 for the 準用元): the letter of the 医科点数表 区分番号 (A, B …
/// O), or one of two marks. Only the marks have a meaning here; letters are described by the 点数表 itself.
public struct CodeTableAlphabet: MasterCodeList {
    public var rawValue: String
    @inlinable public init(rawValue: String) { self.rawValue = rawValue }

    /// *: 医科点数表に区分番号の設定がない診療行為
    public static let noSectionNumber = CodeTableAlphabet(rawValue: "*")
    /// -: 「医科点数表の第３章に掲げる介護老人保健施設入所者に係る診療料」、「医療観察診療報酬点数表に規定する診療行為」、「入院時食事療養及び入院時生活療養」及び「標準負担額」
    public static let outsideTariffSections = CodeTableAlphabet(rawValue: "-")

    public static let meanings: [String: String] = [
        "-": "「医科点数表の第３章に掲げる介護老人保健施設入所者に係る診療料」、「医療観察診療報酬点数表に規定する診療行為」、「入院時食事療養及び入院時生活療養」及び「標準負担額」",
        "*": "医科点数表に区分番号の設定がない診療行為",
    ]

    /// Whether the mark is 「＊」. The master files write the marks in ASCII ("*", "-") although the
    /// specification prints them full-width (「＊」, 「－」); both spellings are accepted here, and the
    /// `meanings` keys are the ASCII ones.
    public var isNoSectionNumber: Bool { rawValue == "*" || rawValue == "＊" }
    /// Whether the mark is 「－」（ハイフン） (either spelling).
    public var isOutsideTariffSections: Bool { rawValue == "-" || rawValue == "－" }
}
