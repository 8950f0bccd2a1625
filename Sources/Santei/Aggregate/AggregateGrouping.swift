/// What `santei aggregate` groups by, and the keys of its cells.
///
/// Four tables come out of one run, one per kind of line on a receipt: 診療行為 (SI), 医薬品 (IY, by 薬効
/// where the master gives it), 特定器材 (TO) and 傷病名 (SY, by ICD-10 from the 傷病名マスター). Every table
/// is grouped by its code and by the dimensions the user chose (service day, 都道府県, 5-year age band, sex,
/// 診療識別). Patients' names, ids and birth dates are read only to count distinct patients and to find the
/// age band; none of them is ever part of a key or an output.

/// A dimension a table can be grouped by (`--by`).
public enum AggregateDimension: String, CaseIterable, Sendable, Codable {
    /// The row's code: 診療行為/特定器材 code, 薬効分類 (or 医薬品 code), ICD-10. Always grouped.
    case code
    /// The service day (算定日 of the unit; for 傷病名 see `AggregateTable.diseases`).
    case day
    /// 都道府県番号 of the 医療機関 (IR record; `facility.prefecture` of a JSON claim).
    case prefecture
    /// 5-year age band at the service month (`AgeBand`).
    case ageBand = "age_band"
    /// 男女区分 (1 男, 2 女).
    case sex
    /// 診療識別 (2 digits) of the 算定単位.
    case category
}

/// The dimensions of one run, in the order they were asked for (that is the column order of the CSV).
public struct AggregateGrouping: Sendable, Equatable {
    public private(set) var dimensions: [AggregateDimension] {
        didSet { mask = dimensions.reduce(0) { $0 | Self.bit($1) } }
    }
    /// One bit per grouped dimension (the hot path's `project`).
    private var mask: UInt8 = 0
    private static func bit(_ d: AggregateDimension) -> UInt8 { 1 << UInt8(AggregateDimension.allCases.firstIndex(of: d)!) }

    /// `code,day,prefecture,…`: `code` is required, every name at most once.
    public init(parsing text: String) throws(AggregateError) {
        var dims: [AggregateDimension] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: " ")
            guard let d = AggregateDimension(rawValue: name) else {
                throw AggregateError(message: "--by: \"\(name)\" is not one of \(AggregateDimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !dims.contains(d) else { throw AggregateError(message: "--by: \(name) is given twice") }
            dims.append(d)
        }
        guard dims.contains(.code) else { throw AggregateError(message: "--by must include code") }
        dimensions = dims
        mask = dims.reduce(0) { $0 | Self.bit($1) }
    }

    public init(_ dimensions: [AggregateDimension]) {
        self.dimensions = dimensions.contains(.code) ? dimensions : [.code] + dimensions
        mask = self.dimensions.reduce(0) { $0 | Self.bit($1) }
    }

    public func has(_ d: AggregateDimension) -> Bool { mask & Self.bit(d) != 0 }

    /// The key with every dimension that is not grouped set to its "not grouped" value.
    @inline(__always) func project(_ k: CellKey) -> CellKey {
        var k = k
        if mask & 0b10 == 0 { k.day = 0 }
        if mask & 0b100 == 0 { k.prefecture = 0 }
        if mask & 0b1000 == 0 { k.age = 0 }
        if mask & 0b10000 == 0 { k.sex = 0 }
        if mask & 0b100000 == 0 { k.category = 0 }
        return k
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}

/// 5-year age bands as the NDB オープンデータ (厚生労働省) tabulates them: 0〜4歳, 5〜9歳, …, 85〜89歳,
/// 90歳以上 (19 bands). The age is the patient's completed years on the first day of the receipt's
/// service month (診療年月), so every line of one receipt falls in one band and no finer date of birth
/// can be read back from the tables.
public enum AgeBand {
    public static let count = 19

    /// Band index 1…19 (0 is kept for "not grouped"), or nil when the birth date is after the month
    /// (a child born during the month is 0).
    public static func band(birth: ServiceDate, year: Int, month: Int) -> UInt8? {
        var age = year - birth.year
        // Completed years on the 1st of the month: the birthday is passed when (month, 1) ≥ (birth month, birth day).
        if month < birth.month || (month == birth.month && 1 < birth.day) { age -= 1 }
        // Born during the service month: 0 (a receipt of a newborn).
        if age == -1 && year == birth.year && month == birth.month { age = 0 }
        guard age >= 0 else { return nil }
        return UInt8(min(age / 5, count - 1) + 1)
    }

    /// "0-4", "5-9", …, "85-89", "90+".
    public static func label(_ band: UInt8) -> String {
        let k = Int(band) - 1
        return k == count - 1 ? "\(5 * k)+" : "\(5 * k)-\(5 * k + 4)"
    }
}

/// The four tables of a run.
public enum AggregateTable: UInt8, CaseIterable, Sendable {
    /// 診療行為 by code (SI records; Santei-derived add-ons of a JSON claim too).
    case procedures = 1
    /// 医薬品 by 薬効分類 (the first 3 digits of the 薬価基準収載医薬品コード, y master 項番32) where the
    /// master gives it, else by the 9-digit 医薬品 code.
    case drugs
    /// 特定器材 by code.
    case devices
    /// 傷病名 by ICD-10 (傷病名マスター 項番16 ＩＣＤ－１０－１（２０１３）); "unknown" when the master has
    /// none for the code or does not cover the month.
    case diseases

    public var fileName: String {
        switch self {
        case .procedures: "procedures.csv"
        case .drugs: "drugs.csv"
        case .devices: "devices.csv"
        case .diseases: "diseases.csv"
        }
    }
    public var title: String {
        switch self {
        case .procedures: "診療行為"
        case .drugs: "医薬品 (薬効分類)"
        case .devices: "特定器材"
        case .diseases: "傷病名 (ICD-10)"
        }
    }
}

/// The key of one cell. A dimension that is not grouped is 0; unknown values are 0 too for
/// prefecture and sex (written empty) and 0 for an age band that cannot be computed.
/// `margin` marks the totals the CSV publishes beside the cells: bit 0 — over every code (a column
/// total), bit 1 — over every other dimension (a code's row total); 3 is the table's grand total.
struct CellKey: Hashable, Comparable, Sendable {
    var table: UInt8
    var margin: UInt8 = 0
    var code: UInt64
    var day: UInt32
    var prefecture: UInt8
    var age: UInt8
    var sex: UInt8
    var category: UInt8

    static let overCodes: UInt8 = 1, overColumns: UInt8 = 2

    /// Two words instead of eight fields: the hot path hashes keys millions of times.
    @inline(__always) func hash(into hasher: inout Hasher) {
        let (x, y) = CellIndex.words(self)
        hasher.combine(x)
        hasher.combine(y)
    }

    static func < (a: CellKey, b: CellKey) -> Bool {
        if (a.table, a.margin, a.code) != (b.table, b.margin, b.code) { return (a.table, a.margin, a.code) < (b.table, b.margin, b.code) }
        return (a.day, a.prefecture, a.age, a.sex, a.category) < (b.day, b.prefecture, b.age, b.sex, b.category)
    }

    /// The cell's column: every dimension but the code.
    var column: ColumnKey { ColumnKey(day: day, prefecture: prefecture, age: age, sex: sex, category: category) }

    func withMargin(_ m: UInt8) -> CellKey {
        var k = self
        k.margin = m
        if m & CellKey.overCodes != 0 { k.code = 0 }
        if m & CellKey.overColumns != 0 { k.day = 0; k.prefecture = 0; k.age = 0; k.sex = 0; k.category = 0 }
        return k
    }
}

/// Every dimension of a cell but its code.
struct ColumnKey: Hashable, Comparable, Sendable {
    var day: UInt32
    var prefecture: UInt8
    var age: UInt8
    var sex: UInt8
    var category: UInt8
    static func < (a: ColumnKey, b: ColumnKey) -> Bool {
        (a.day, a.prefecture, a.age, a.sex, a.category) < (b.day, b.prefecture, b.age, b.sex, b.category)
    }
}

/// A bad input of `santei aggregate` (an option, a file, a record), in words that name it.
public struct AggregateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// ICD-10 codes (up to 8 ASCII characters) packed into a cell's code.
enum PackedText {
    static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        for b in bytes.prefix(8) { v = v << 8 | UInt64(b) }
        return v
    }
    static func unpack(_ v: UInt64) -> String {
        var bytes: [UInt8] = []
        var x = v
        while x != 0 { bytes.insert(UInt8(x & 0xff), at: 0); x >>= 8 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
