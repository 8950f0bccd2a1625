// コメントパターン — コメントマスター 項番4「パターン」.
//
// Source (令和6年度版): R06rec2.pdf 別紙6-1「コメントパターンの種類と記録方法」(pp.106-109, PDF pp.17-20);
// R06rec1.pdf 本編 §3(6) (p.24). The 年号区分コード used by patterns 50 and 80 is on p.107 (``EraCode``).
// The comment code's first digit is 8 and the next two are the pattern (e.g. 830181540 is pattern 30).

/// コメントパターン: how a comment code is recorded on the electronic receipt and printed.
public struct CommentPattern: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 10: 記録したコメント文の文字列を、そのまま出力する (free text).
    public static let freeText = CommentPattern(rawValue: 10)
    /// 20: コメントコードに設定しているコメント文を出力する (fixed text).
    public static let fixedText = CommentPattern(rawValue: 20)
    /// 30: 定型のコメント文の後に、記録したコメント文を付加する.
    public static let fixedTextWithFreeText = CommentPattern(rawValue: 30)
    /// 31: 定型のコメント文の後に、記録した診療行為コード（医科）の省略漢字名称を付加する.
    public static let fixedTextWithProcedure = CommentPattern(rawValue: 31)
    /// 40: 定型のコメント文と、記録した数字を組み合せる (レセプト編集情報 gives the positions).
    public static let fixedTextWithDigits = CommentPattern(rawValue: 40)
    /// 42: 定型のコメント文の後に、記録した値（数値として取り扱うものに限る。）を付加する.
    public static let fixedTextWithNumber = CommentPattern(rawValue: 42)
    /// 50: 定型のコメント文の後に、記録した年月日情報（ＧＹＹＭＭＤＤ形式）を付加する.
    public static let fixedTextWithDate = CommentPattern(rawValue: 50)
    /// 51: 定型のコメント文の後に、記録した時刻情報（ＨＨＭＭ形式）を付加する.
    public static let fixedTextWithTime = CommentPattern(rawValue: 51)
    /// 52: 定型のコメント文の後に、記録した時間（分）情報を付加する (５桁).
    public static let fixedTextWithMinutes = CommentPattern(rawValue: 52)
    /// 53: 定型のコメント文の後に、記録した日時情報（ＤＤＨＨＭＭ）を付加する.
    public static let fixedTextWithDayTime = CommentPattern(rawValue: 53)
    /// 80: 定型のコメント文の後に、記録した年月日情報（ＧＹＹＭＭＤＤ）及び値（８桁（頭０埋め））を付加する.
    public static let fixedTextWithDateAndValue = CommentPattern(rawValue: 80)
    /// 90: 記録した修飾語コード（複数記録可）を、翻訳して出力する.
    public static let modifierCodes = CommentPattern(rawValue: 90)

    public static let meanings: [Int: String] = [
        10: "保険医療機関等が電子レセプトに記録したコメント文の文字列を、そのまま出力紙レセプト等に出力する。",
        20: "コメントコードに設定しているコメント文を、出力紙レセプト等に出力する。",
        30: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録したコメント文を付加して出力紙レセプト等に出力する。",
        31: "コメントコードに設定しているコメント文の後に、保険医療機関が記録した診療行為コード（医科）の省略漢字名称を付加して出力紙レセプト等に出力する。",
        40: "コメントコードに設定しているコメント文と、保険医療機関等が記録した数字のコメント文を組み合せて出力紙レセプト等に出力する。",
        42: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した値（数値として取り扱うものに限る。）を付加して出力紙レセプト等に出力する。",
        50: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した年月日情報（ＧＹＹＭＭＤＤ形式）を付加して出力紙レセプト等に出力する",
        51: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した時刻情報（ＨＨＭＭ形式）を付加して出力紙レセプト等に出力する。",
        52: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した時間（分）情報を付加して出力紙レセプト等に出力する。",
        53: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した日時情報（ＤＤＨＨＭＭ）を付加して出力紙レセプト等に出力する。",
        80: "コメントコードに設定しているコメント文の後に、保険医療機関等が記録した年月日情報（ＧＹＹＭＭＤＤ）及び値（８桁（頭０埋め））を付加して出力紙レセプト等に出力する。",
        90: "保険医療機関等が記録した修飾語マスターに収載する修飾語コード（複数記録可）を、翻訳して出力紙レセプト等に出力する。",
    ]

    /// The pattern embedded in a 9-digit comment code (its 2nd and 3rd digits), or nil when the code
    /// is not an 8xxxxxxxx comment code.
    public init?(commentCode: Int) {
        guard (800_000_000...899_999_999).contains(commentCode) else { return nil }
        self.init(rawValue: (commentCode / 1_000_000) % 100)
    }
}

/// 年号区分コード: the leading G of a ＧＹＹＭＭＤＤ date recorded with comment patterns 50 and 80.
public struct EraCode: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 1: 明治
    public static let meiji = EraCode(rawValue: 1)
    /// 2: 大正
    public static let taisho = EraCode(rawValue: 2)
    /// 3: 昭和
    public static let showa = EraCode(rawValue: 3)
    /// 4: 平成
    public static let heisei = EraCode(rawValue: 4)
    /// 5: 令和 — 令和1年5月1日適用
    public static let reiwa = EraCode(rawValue: 5)

    public static let meanings: [Int: String] = [
        1: "明治",
        2: "大正",
        3: "昭和",
        4: "平成",
        5: "令和",
    ]
}
