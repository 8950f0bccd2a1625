/// Rows priced by きざみ whose 数量 is limited per day across orders and encounters (`Masters/params/daily-quantity-limits.json`):
/// D 第1節 第1款 通則3 外来迅速検体検査加算 「５項目を限度」, 通知 外来迅速検体検査加算 (3) 「同一日に２回以上…１日につき５項目を限度」.
/// The s master caps one order's 数量 (きざみ 上限値); this caps the day's Σ 数量 × 回数 over the claim, in claim order.
struct DailyQuantityLimits: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var code: String; var name: String; var limit: Int; var from: String; var to: String?; var passage: String
        /// An add-on of 「各項目」 is also limited to the rows done that day whose コード表用番号 lies in `from`…`to`
        /// (外来迅速検体検査加算: one per 検体検査 項目 done, D000…D025; review 159 E1).
        var itemsOfSections: Sections?
        struct Sections: Decodable, Sendable {
            var from: String; var to: String; var passage: String
            /// The rows of the encounter the add-on is in, not of the whole day (時間外緊急院内検査加算: the 検体検査 done in that
            /// 時間外 visit — 通知 (1)(2); review 213 BH-4).
            var encounterOnly: Bool?
            enum CodingKeys: String, CodingKey { case from, to, passage, encounterOnly = "encounter_only" }
        }
        enum CodingKeys: String, CodingKey { case code, name, limit, from, to, passage, itemsOfSections = "items_of_sections" }
        func applies(on date: ServiceDate) -> Bool { EmbeddedParameters.applies(from: from, to: to, on: date) }
    }
    var rows: [Row]
    /// code → position in `rows` (a code has one row per period: the first that applies on the date is used).
    private(set) var rowsByCode: [UInt64: [Int]] = [:]
    enum CodingKeys: String, CodingKey { case rows }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode([Row].self, forKey: .rows)
        for (n, row) in rows.enumerated() {
            guard let code = UInt64(row.code), row.limit >= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .rows, in: c, debugDescription: "rows[\(n)]: code must be 9 digits and limit at least 1")
            }
            rowsByCode[code, default: []].append(n)
        }
    }

    static let embedded: DailyQuantityLimits? = EmbeddedParameters.decode(DailyQuantityLimits.self, "params/daily-quantity-limits.json")

    /// The 数量 (whole steps) of `quantity` (1e-5 units; 0 = not stated: one step) the day still allows at `times` 回, updating
    /// `used` (key: row and service day); nil when the code has no limit on the date or the order fits. 0: nothing is left
    /// of the day. `date`: the law's date (the masters date: a revaluation prices on another); `day`: the service day counted.
    /// `items`: the number of distinct rows of the day whose コード表用番号 lies in a row's `itemsOfSections` (asked only for such
    /// a row); the day's limit is the smaller of it and the row's `limit`.
    func allowed(_ code: UInt64, quantity stated: Int, times: Int, on date: ServiceDate, day: ServiceDate, used: inout [Int: Int],
                 table: Result<MasterTable, MasterLookupError>? = nil,
                 items: (Row.Sections) -> Int) -> (steps: Int, row: Row, before: Int, limit: Int, byItems: Bool)? {
        guard let list = rowsByCode[code], let n = list.first(where: { rows[$0].applies(on: date) }) else { return nil }
        let row = rows[n]
        var quantity = stated
        if case .success(let t)? = table, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) { quantity = Self.pricedQuantity(stated, t, v) }
        let key = n &* 100_000_000 &+ day.dayNumber
        var billed = used[key] ?? 0
        defer { used[key] = billed }
        let done = row.itemsOfSections.map(items) ?? Int.max
        let limit = min(row.limit, done)
        return Self.cut(quantity: quantity, times: times, limit: limit, billed: &billed).map { ($0.steps, row, $0.before, limit, done < row.limit) }
    }

    /// The distinct 診療行為 rows (not 加算 rows: 告示等識別区分（２） 7) of `day`'s encounters in `claim` whose コード表用番号 (`InpatientPricer.section`) lies in
    /// `sections.from`…`sections.to` (same 部 letter, compared as text: D000 < D007 < D014-2 < D025).
    /// A day of 外来診療料 gives no bound (`Int.max`): the tests A002 注6 includes may be left off the receipt, and the 外来迅速
    /// 加算 is still billed for them (注6 ただし; review 376 HP-2: 3 add-ons cut to the 1 test listed).
    static func rows(of claim: Claim, day: String, in sections: Row.Sections, table t: MasterTable, on date: ServiceDate, encounter only: Int? = nil) -> Int {
        var seen = Set<UInt64>()
        for encounter in claim.encounters where encounter.date == day {
            for order in encounter.orders {
                for item in order.items where item.code.hasPrefix("112") {
                    if let c = UInt64(item.code), OutpatientFeeInclusion.isBase(c, t, on: date) { return .max }
                }
            }
        }
        for (e, encounter) in claim.encounters.enumerated() where encounter.date == day && (sections.encounterOnly != true || only == nil || only == e) {
            for order in encounter.orders {
                for item in order.items where item.code.utf8.count == 9 && item.code.first == "1" {
                    guard let c = UInt64(item.code), !seen.contains(c), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: date),
                          t.integer(v, ProcedureColumn.noticeClass2) != 7 else { continue } // 加算 rows (their own 区分 D000 too) are no 項目
                    let section = InpatientPricer.section(t, v)
                    if section.first == sections.from.first && section >= sections.from && section <= sections.to { seen.insert(c) }
                }
            }
        }
        return seen.count
    }

    /// The 数量 (1e-5 units) the s master prices a row at: past its きざみ 上限値, the 上限値 when its 上下限エラー処理 is 1 or 3
    /// (点数算定式２, no warning: R06rec1 医科診療行為マスター 項番35 and its table; 別紙7-5 names 160177770 外来迅速検体検査加算
    /// as a row of 1). A 数量 recorded past it is no fault, and the day's limit counts the 上限値 (review 387 IA-1: 8 tests
    /// done, 50点 billed, was SA-N007).
    static func pricedQuantity(_ q: Int, _ t: MasterTable, _ v: Int) -> Int {
        guard t.integer(v, ProcedureColumn.kizamiKind) == 1, let handling = t.integer(v, ProcedureColumn.kizamiErrorHandling), handling == 1 || handling == 3,
              let upper = t.integer(v, ProcedureColumn.kizamiUpper), upper > 0, upper < 99_999_999 else { return q }
        return min(q, upper * UnitItem.quantityScale)
    }

    /// The day's limit over orders, for any such limit (`DeviceCountLimits` too): `quantity` (1e-5 units; 0 = not stated:
    /// one) at `times` 回 against `limit` with `billed` already billed that day. Nil when it fits (`billed` grows by it);
    /// else the whole steps a 回 that still fit (0: nothing is left) and what was billed before. Never overflows.
    static func cut(quantity: Int, times: Int, limit: Int, billed: inout Int) -> (steps: Int, before: Int)? {
        let steps = max(1, quantity / UnitItem.quantityScale), t = max(1, times)
        let before = billed, room = max(0, limit - before)
        let (asked, overflow) = steps.multipliedReportingOverflow(by: t)
        if !overflow && asked <= room { billed = before + asked; return nil }
        let fit = room / t
        billed = before + fit * t
        return (fit, before)
    }
}
