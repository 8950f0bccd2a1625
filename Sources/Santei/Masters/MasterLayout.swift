/// How a value must look, checked on every non-empty field the engine relies on.
enum FieldFormat: Sendable {
    /// YYYYMMDD, a real calendar day, or 99999999.
    case date
    /// As `date`, or 00000000 (e.g. 特定器材 経過措置年月日 "none").
    case dateOrZero
    /// A 変更年月日・新設年月日・収載年月日: a real calendar day only — 99999999 is the 廃止年月日's "no end" mark, and as
    /// the day a version starts it would make the chain cover every later date (review 122).
    case startDate
    /// Digits whose value is in one of the ranges (算定単位コード of 付表1, 算定回数 1 or more).
    case integerIn([ClosedRange<Int>])
    /// Integer part, '.', 2 decimals (新又は現点数, 金額): "291.00"; at most
    /// `DomainLimit.maxMasterAmountScaled` (9 integer digits).
    case decimal
    /// Digits only; at most `DomainLimit.maxMasterNumber` (9 digits).
    case digits
    /// Exactly n digits (codes).
    case code(Int)
    /// "0" (none) or exactly n digits: a code column that may be empty of a code (年齢加算 注加算診療行為コード).
    case codeOrZero(Int)
    /// Exactly n ASCII letters or digits (英数 n 固定: 下限年齢・上限年齢 "00", "B6", "AA").
    case alphanumeric(Int)
    /// One of the listed values (a 区分 whose table the specification closes: 背反区分 1, 2, 3).
    case oneOf([String])
}

/// The column layout of one file kind and the columns that give a row its identity and validity.
/// Column numbers here are 0-based indexes; messages print the specification's 1-based 項番.
public struct MasterLayout: Sendable {
    public let kind: MasterKind
    /// Accepted column counts (older layouts first); rows are padded to the last one.
    public let columnCounts: [Int]
    public var columnCount: Int { columnCounts.last! }
    /// Column 2's マスター種別 letter (S, Y, T, C, B, Z), when the kind has one.
    let masterType: UInt8?
    /// Columns whose values together identify an entity across versions; with `keyWidths`
    /// the key is numeric: the digit columns zero-padded to those widths and concatenated.
    let keyColumns: [Int]
    let keyWidths: [Int]?
    /// 変更年月日 (新設年月日) and 廃止年月日 columns; `startFallbackColumn` (収載年月日) is used when the
    /// start column is empty.
    let startColumn: Int
    let startFallbackColumn: Int?
    let endColumn: Int
    /// Columns holding codes to look rows up by (e.g. both codes of a 背反 pair).
    let indexColumns: [Int]
    /// 変更区分 values the kind defines (LAYOUTS.md: 2 復活 only for b, z, ck).
    let changeKinds: [UInt8]
    let rules: [(column: Int, format: FieldFormat)]
    public let columnNames: [String]
    /// Columns a complete row (a full file's, or an update's 新規 row: no earlier version to keep a value from)
    /// must fill: the price itself — an empty 新又は現点数 or 金額 would price the code at 0 (review 89).
    var requiredInCompleteRows: [Int] = []

    /// Numeric code of a single-code kind (s, y, t, c, b, z, 01).
    public var hasNumericKey: Bool { keyWidths != nil }

    public func columnName(_ index: Int) -> String {
        index < columnNames.count ? columnNames[index] : "予備"
    }

    static func of(_ kind: MasterKind) -> MasterLayout {
        switch kind {
        case .procedure: procedure
        case .drug: drug
        case .device: device
        case .comment: comment
        case .commentRelation: commentRelation
        case .disease: disease
        case .modifier: modifier
        case .auxiliary: auxiliary
        case .inclusion: inclusion
        case .conflictDay: conflict(.conflictDay)
        case .conflictMonth: conflict(.conflictMonth)
        case .conflictSimultaneous: conflict(.conflictSimultaneous)
        case .conflictWeek: conflict(.conflictWeek)
        case .inpatientBasic: inpatientBasic
        case .countLimit: countLimit
        }
    }

    private static let basic: [UInt8] = [0, 1, 3, 5, 9]
    private static let withRevival: [UInt8] = [0, 1, 2, 3, 5, 9]

    static let procedure = MasterLayout(
        kind: .procedure, columnCounts: [150], masterType: UInt8(ascii: "S"),
        keyColumns: [2], keyWidths: [9], startColumn: 86, startFallbackColumn: nil, endColumn: 87,
        indexColumns: [], changeKinds: basic,
        rules: [(2, .code(9)), (10, .oneOf(pointKinds)), (11, .decimal), (12, .oneOf(["0", "1", "2"])), (13, .oneOf(["0", "1", "2"])),
                (15, .digits), (30, .digits), (31, .digits), (32, .digits), (33, .decimal), (35, .digits),
                (49, .oneOf(["0", "1", "2"])), (50, .digits), (56, .oneOf(["0"] + pointKinds)), (57, .decimal), (86, .startDate), (87, .date),
                // Review 124 (ahead of it) and 118 B3: the 区分 the pricing branches on, closed as R06rec1 §3(7) lists them —
                // きざみ値計算識別 0/1, 上下限エラー処理 0–3, 上限回数エラー処理 0/1, 逓減対象区分 0/1, 外来管理加算区分 0–2,
                // 通則加算所定点数対象区分 0/1 (a 9 loaded and priced as 0).
                (29, .oneOf(["0", "1"])), (34, .oneOf(["0", "1", "2", "3"])), (36, .oneOf(["0", "1"])), (51, .oneOf(["0", "1"])),
                (55, .oneOf(["0", "1", "2"])), (61, .oneOf(["0", "1"])),
                // Review 124: 病院・診療所区分 0–4, 実日数 0–4, 注加算コード 4 digits, 注加算通番 英数1 (0–9, A–Z), 時間加算区分 1 digit,
                // 告示等識別区分（１）1/3/5/7/9 and （２）1/3/7, 病床数区分 0–8, 点数欄集計先識別 of 別紙7-2 (R06rec2) or 0.
                (18, .oneOf(["0", "1", "2", "3", "4"])), (26, .oneOf(["0", "1", "2", "3", "4"])), (37, .integerIn([0...9999])),
                (38, .oneOf(noticeSerials)), (42, .code(1)), (67, .oneOf(["1", "3", "5", "7", "9"])), (68, .oneOf(["1", "3", "7"])),
                (70, .integerIn([0...8])), (14, .oneOf(pointColumns)), (65, .oneOf(pointColumns)),
                // Review 98: columns the pricing reads whose damage loaded silently (an age limit or a 施設基準 dropped,
                // a 乳幼児加算 lost): 下限年齢・上限年齢 (項番41・42, 英数2), 施設基準コード①〜⑩ (項番72–81, 数字4),
                // 年齢加算①〜④ 下限・上限年齢 (英数2) and 注加算診療行為コード (数字9, or 0).
                (40, .alphanumeric(2)), (41, .alphanumeric(2))] + procedurePricingColumns,
        // 項番30–35 きざみ値計算識別, 下限値, 上限値, きざみ値, きざみ点数, 上下限エラー処理 too: every complete row of the
        // published files states them ("0" when unused); an empty one priced きざみ as 0 or 1 (review 149 B1: 225,150点).
        columnNames: procedureColumnNames, requiredInCompleteRows: [10, 11, 12, 13, 14, 15, 18, 29, 30, 31, 32, 33, 34, 38, 49, 50, 55])

    /// 点数識別 (R06rec1 §3(7) 項番11, 別紙7-1): 1 金額, 3 点数（プラス）, 4 購入価格, 5 ％加算, 6 ％減算, 7 減点診療行為, 8 点数（マイナス）.
    static let pointKinds = ["1", "3", "4", "5", "6", "7", "8"]
    /// 点数欄集計先識別 (R06rec2 別紙7-2), or 0 (not on that receipt).
    static let pointColumns: [String] = ["0", "110", "114", "115", "120", "122", "123", "124", "125", "130", "140", "210", "230", "240", "250",
                                         "260", "270", "300", "311", "321", "331", "400", "500", "502", "540", "600", "700", "800", "903", "920",
                                         "970", "971", "972", "973", "974", "975"]
    /// 注加算通番 (項番39, 英数 1): 0, 1–9, A–Z.
    static let noticeSerials: [String] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".map { String($0) }

    /// 施設基準コード①〜⑩ (項番72–81) and 年齢加算①〜④ (項番100–111: 下限年齢, 上限年齢, 注加算診療行為コード).
    private static let procedurePricingColumns: [(column: Int, format: FieldFormat)] = {
        var rules: [(column: Int, format: FieldFormat)] = []
        for c in 71...80 { rules.append((c, .digits)) }
        for k in 0..<4 {
            rules.append((99 + 3 * k, .alphanumeric(2)))
            rules.append((100 + 3 * k, .alphanumeric(2)))
            rules.append((101 + 3 * k, .codeOrZero(9)))
        }
        return rules
    }()

    static let drug = MasterLayout(
        kind: .drug, columnCounts: [40, 42], masterType: UInt8(ascii: "Y"),
        keyColumns: [2], keyWidths: [9], startColumn: 29, startFallbackColumn: nil, endColumn: 30,
        indexColumns: [], changeKinds: basic,
        // 項番14 麻薬・毒薬・覚醒剤原料・向精神薬: 0 none, 1 麻薬, 2 毒薬, 3 覚醒剤原料, 5 向精神薬 (SA-R001 reads it; review 122).
        // 項番24・25 金額種別（旧金額）, 旧金額: checked as the 新又は現 ones are (review 149 W3: 30 digits loaded).
        rules: [(2, .code(9)), (10, .digits), (11, .decimal), (13, .oneOf(["0", "1", "2", "3", "5"])), (23, .digits), (24, .decimal), (29, .startDate), (30, .date)],
        columnNames: drugColumnNames, requiredInCompleteRows: [10, 11, 13])

    static let device = MasterLayout(
        kind: .device, columnCounts: [38], masterType: UInt8(ascii: "T"),
        keyColumns: [2], keyWidths: [9], startColumn: 27, startFallbackColumn: nil, endColumn: 29,
        indexColumns: [], changeKinds: basic,
        rules: [(2, .code(9)), (10, .digits), (11, .decimal), (17, .decimal), (27, .startDate), (28, .dateOrZero), (29, .date)],
        columnNames: deviceColumnNames, requiredInCompleteRows: [10, 11])

    /// コメントコード (項番23) = 区分 "8" + パターン (2 digits) + 一連番号 (6 digits); update rows
    /// leave 項番23 empty, so the key is built from 項番3–5.
    static let comment = MasterLayout(
        kind: .comment, columnCounts: [30], masterType: UInt8(ascii: "C"),
        keyColumns: [2, 3, 4], keyWidths: [1, 2, 6], startColumn: 20, startFallbackColumn: nil, endColumn: 21,
        indexColumns: [], changeKinds: basic,
        rules: [(2, .digits), (3, .digits), (4, .digits), (20, .startDate), (21, .date), (22, .code(9))],
        columnNames: commentColumnNames)

    static let commentRelation = MasterLayout(
        kind: .commentRelation, columnCounts: [30], masterType: nil,
        keyColumns: [1, 2, 4, 5, 8], keyWidths: nil, startColumn: 11, startFallbackColumn: nil, endColumn: 12,
        indexColumns: [5, 8], changeKinds: withRevival,
        rules: [(5, .code(9)), (8, .code(9)), (11, .startDate), (12, .date), (13, .digits), (16, .digits)],
        columnNames: commentRelationColumnNames)

    static let disease = MasterLayout(
        kind: .disease, columnCounts: [46], masterType: UInt8(ascii: "B"),
        keyColumns: [2], keyWidths: [7], startColumn: 22, startFallbackColumn: 21, endColumn: 23,
        indexColumns: [], changeKinds: withRevival,
        // 項番21 特定疾患等対象区分 (R06rec1 §2: 00, 03, 04, 05, 07, 08; SA-D006 reads it; review 122).
        rules: [(2, .code(7)), (20, .oneOf(["00", "03", "04", "05", "07", "08"])), (21, .startDate), (22, .startDate), (23, .date)],
        columnNames: diseaseColumnNames, requiredInCompleteRows: [20])

    static let modifier = MasterLayout(
        kind: .modifier, columnCounts: [19], masterType: UInt8(ascii: "Z"),
        keyColumns: [2], keyWidths: [4], startColumn: 14, startFallbackColumn: 13, endColumn: 15,
        indexColumns: [], changeKinds: withRevival,
        rules: [(2, .code(4)), (13, .startDate), (14, .startDate), (15, .date)],
        columnNames: modifierColumnNames)

    static let auxiliary = MasterLayout(
        kind: .auxiliary, columnCounts: [27], masterType: nil,
        keyColumns: [1], keyWidths: [9], startColumn: 25, startFallbackColumn: nil, endColumn: 26,
        indexColumns: [], changeKinds: basic,
        rules: [(1, .code(9)), (3, .digits), (5, .digits), (7, .digits), (9, .digits), (10, .digits),
                (11, .digits), (12, .digits), (19, .digits), (20, .digits), (25, .startDate), (26, .date)],
        columnNames: auxiliaryColumnNames)

    static let inclusion = MasterLayout(
        kind: .inclusion, columnCounts: [7], masterType: nil,
        keyColumns: [1, 2], keyWidths: nil, startColumn: 5, startFallbackColumn: nil, endColumn: 6,
        indexColumns: [1, 2], changeKinds: basic,
        rules: [(2, .code(9)), (4, .digits), (5, .startDate), (6, .date)],
        columnNames: inclusionColumnNames)

    static func conflict(_ kind: MasterKind) -> MasterLayout {
        MasterLayout(
            kind: kind, columnCounts: [10], masterType: nil,
            keyColumns: [1, 3], keyWidths: nil, startColumn: 8, startFallbackColumn: nil, endColumn: 9,
            indexColumns: [1, 3], changeKinds: basic,
            // 背反区分 1 (コード①を算定), 2 (コード②), 3 (何れか一方); 特例条件 0 or 1 (LAYOUTS; review 98: a 9 loaded as 3).
            // Both stated on every row (review 122: an empty 背反区分 was read as 0 and the audit removed the wrong fee).
            rules: [(1, .code(9)), (3, .code(9)), (5, .oneOf(["1", "2", "3"])), (6, .oneOf(["0", "1"])), (8, .startDate), (9, .date)],
            columnNames: conflictColumnNames, requiredInCompleteRows: [5, 6])
    }

    static let inpatientBasic = MasterLayout(
        kind: .inpatientBasic, columnCounts: [8], masterType: nil,
        keyColumns: [1, 2], keyWidths: nil, startColumn: 6, startFallbackColumn: nil, endColumn: 7,
        indexColumns: [1, 2], changeKinds: basic,
        rules: [(1, .digits), (2, .code(9)), (4, .digits), (6, .startDate), (7, .date)],
        columnNames: inpatientBasicColumnNames)

    static let countLimit = MasterLayout(
        kind: .countLimit, columnCounts: [14], masterType: nil,
        keyColumns: [1, 3], keyWidths: nil, startColumn: 12, startFallbackColumn: nil, endColumn: 13,
        indexColumns: [1], changeKinds: basic,
        // 算定単位コード of 付表1 (tensuhyo_01 p.32: 1–61, 101–151, 153–162), 算定回数 1 or more, 特例条件 0/1, each stated
        // (review 122: an empty or 0 算定回数, or a unit 付表1 does not have, loaded and the limit silently went).
        rules: [(1, .code(9)), (3, .integerIn(countUnits)), (5, .integerIn([1...999])), (6, .oneOf(["0", "1"])), (12, .startDate), (13, .date)],
        columnNames: countLimitColumnNames, requiredInCompleteRows: [3, 5, 6])

    /// 算定単位コード一覧 (tensuhyo_01.pdf 付表1).
    static let countUnits: [ClosedRange<Int>] = [1...61, 101...151, 153...162]
}
