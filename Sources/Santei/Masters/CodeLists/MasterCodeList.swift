// Shared behaviour of the typed code lists in this folder.
//
// Source: 社会保険診療報酬支払基金「レセプト電算処理システム マスターファイル仕様説明書」令和6年度版
// (令和7年6月2日変更) — `R06rec1.pdf` 本編 and `R06rec2.pdf` 別紙 — plus 「医科電子点数表の活用手引き」
// 令和6年度版 (`tensuhyo_01.pdf`) and 「コメント関連テーブル ファイル仕様説明書」令和6年度版
// (`ck_1_20240823.pdf`), all kept under `shared/masters/specs/`. Each list names its own page.
//
// Page numbers in these files are the numbers printed on the page ("- 114 -"); the PDF page index is
// given beside them where it differs (R06rec1: printed + 4; R06rec2: printed − 89; ck: printed + 2).

/// A code list of the 支払基金 master specification, in the style of swift-system's `Errno`: a struct
/// wrapping the raw value found in the master file, named constants for the values code refers to,
/// and the official Japanese wording of every value the specification lists.
///
/// Unknown values are kept, not rejected: masters published after the specification may carry new
/// codes, and the engine must still read them. `meaning` is `nil` for such values.
public protocol MasterCodeList: RawRepresentable, Hashable, Sendable, CustomStringConvertible
where RawValue: Hashable & Comparable & Sendable {
    /// The official wording of every value the specification lists, keyed by raw value.
    static var meanings: [RawValue: String] { get }
}

extension MasterCodeList {
    /// The official Japanese wording of this value, or `nil` when the specification does not list it.
    @inlinable public var meaning: String? { Self.meanings[rawValue] }

    /// Whether the specification lists this value.
    @inlinable public var isKnown: Bool { Self.meanings[rawValue] != nil }

    /// Every value the specification lists, in ascending raw-value order.
    public static var knownValues: [Self] {
        Self.meanings.keys.sorted().compactMap { Self(rawValue: $0) }
    }

    /// `"<raw>: <meaning>"`, or just the raw value when it is not listed.
    public var description: String {
        if let meaning { return "\(rawValue): \(meaning)" }
        return "\(rawValue)"
    }
}

extension MasterCodeList where RawValue == Int {
    /// Reads a numeric master field such as `"3"` or `"03"` (ASCII digits, leading zeros allowed,
    /// surrounding spaces ignored). An empty field (an unchanged column of an incremental file) or a
    /// non-numeric one gives `nil`.
    public init?(field: some StringProtocol) {
        var value = 0
        var digits = 0
        for byte in field.utf8 where byte != UInt8(ascii: " ") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return nil }
        self.init(rawValue: value)
    }
}

extension MasterCodeList where RawValue == String {
    /// Reads an alphanumeric master field as is (surrounding spaces removed); an empty field gives `nil`.
    public init?(field: some StringProtocol) {
        var text = Substring(field)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        guard !text.isEmpty else { return nil }
        self.init(rawValue: String(text))
    }
}

/// A column of the 医科診療行為マスター whose values mean one thing on a 基本項目・合成項目・準用項目
/// row and another on a 加算項目・通則加算項目 row (the kind of row is told by 項番68
/// 「告示等識別区分（１）」, ``NoticeClass1``). `meanings` holds the first wording, `addOnMeanings` the second.
public protocol AddOnDependentCodeList: MasterCodeList {
    /// Wording for rows that are 加算項目 or 通則加算項目 (告示等識別区分（１） 7 or 9).
    static var addOnMeanings: [RawValue: String] { get }
}

extension AddOnDependentCodeList {
    /// The wording for a 加算項目・通則加算項目 row, or `nil` when not listed for such rows.
    @inlinable public var addOnMeaning: String? { Self.addOnMeanings[rawValue] }

    /// The wording for a row of the given kind.
    @inlinable public func meaning(isAddOnItem: Bool) -> String? {
        isAddOnItem ? addOnMeaning : meaning
    }

    /// The wording for a row whose 告示等識別区分（１） is `notice`.
    @inlinable public func meaning(for notice: NoticeClass1) -> String? {
        meaning(isAddOnItem: notice.isAddOnItem)
    }
}
