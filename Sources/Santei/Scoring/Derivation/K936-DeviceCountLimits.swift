import Foundation

/// 第10部 第3節 手術医療機器等加算 billed per 個 up to a number the 手術 of the day sets (`Masters/params/device-count-limits.json`).
///
/// - 通知 K936 自動縫合器加算 (1)–(6): 「…に掲げる手術に当たって自動縫合器を使用した場合は、N個を限度として当該加算点数に
///   使用個数を乗じて得た点数を加算する」 — 2, 3, 4, 5, 6 and 8 個 by list of 手術; (7) 左心耳閉塞用クリップ (the master's
///   K936 項番 2 row) 「１個を限度として」.
/// - 通知 K936-2 自動吻合器加算: K655-4, K655-5, K657, K657-2 「２個を限度として、それ以外の手術にあっては１個を限度として」.
/// - 通知 K936-3 微小血管自動縫合器加算: with K017 or K020 「２個を限度として」.
///
/// Checked against ../shared/legal/R06/ika-tsuuchi.txt 26577-26623 and R08/ika-tsuuchi.txt 28680-28728: R08 changes the
/// lists of (3)–(6) (K655-2, K655-5, K657-2 split by 項番; K740-3 and K529-4 added), so those are two dated entries each.
/// The s master does not cap the 個 (きざみ 上限値 99999999 for K936; 2 for K936-2 and K936-3 with 上下限エラー処理 0,
/// 点数算定式１ past it).
///
/// General rule, then exception: a code whose entries name no 手術 of the day keeps its stated 数量 (SA-A001 removes a
/// K936 / K936-2 no 手術 of the day allows); when some do, the largest of their limits is the day's (two listed 手術 of a
/// day: Santei does not split the devices between them), and the day's Σ 数量 × 回数 past it is not billed — counted
/// over the day's orders in claim order, as `DailyQuantityLimits` counts 外来迅速検体検査加算.
struct DeviceCountLimits: Decodable, Sendable {
    struct Limit: Decodable, Sendable {
        /// A row named by code where the master's 項番 cannot tell the sub-item (「Ｋ５９４」の「４」の「イ」).
        struct NamedCode: Decodable, Sendable { var code: String; var name: String }
        /// The paragraph (「K936 (3)」), the add-on row and its name, the most 個, the dates, the passage.
        var id: String; var code: String; var name: String; var limit: Int; var from: String; var to: String?; var passage: String
        /// 区分 of the 手術 (`K514-3`, `K594:3` one 項番, `K702..K703-2` a range both ends included).
        var with: [String]
        var withCodes: [NamedCode]
        /// Parsed `with`: first and last 区分 (equal for one) and the 項番 (nil: every 項番).
        var sections: [(from: SectionCode, to: SectionCode, item: Int?)] = []
        var codes: Set<UInt64> = []
        enum CodingKeys: String, CodingKey { case id, code, name, limit, from, to, passage, with, withCodes = "with_codes" }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id); code = try c.decode(String.self, forKey: .code)
            name = try c.decode(String.self, forKey: .name); limit = try c.decode(Int.self, forKey: .limit)
            from = try c.decode(String.self, forKey: .from); to = try c.decodeIfPresent(String.self, forKey: .to)
            passage = try c.decode(String.self, forKey: .passage)
            with = try c.decode([String].self, forKey: .with)
            withCodes = try c.decodeIfPresent([NamedCode].self, forKey: .withCodes) ?? []
            guard code.utf8.count == 9, UInt64(code) != nil, limit >= 1, ServiceDate(from) != nil, to.map({ ServiceDate($0) != nil }) ?? true else {
                throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "\(id): code must be 9 digits, limit at least 1, from/to dates")
            }
            for text in with {
                let bits = text.split(separator: ":")
                let span = bits[0].components(separatedBy: "..")
                guard bits.count <= 2, span.count <= 2, let first = SectionCode(span[0]), let last = SectionCode(span.last ?? span[0]),
                      first <= last, bits.count == 1 || (span.count == 1 && Int(bits[1]) != nil) else {
                    throw DecodingError.dataCorruptedError(forKey: .with, in: c, debugDescription: "\(id): \"\(text)\" is not a 区分番号 (K514-3), a 項番 of one (K594:3) or a range (K702..K703-2)")
                }
                sections.append((first, last, bits.count == 2 ? Int(bits[1]) : nil))
            }
            for named in withCodes {
                guard named.code.utf8.count == 9, let n = UInt64(named.code) else {
                    throw DecodingError.dataCorruptedError(forKey: .withCodes, in: c, debugDescription: "\(id): \"\(named.code)\" is not a 9-digit code")
                }
                codes.insert(n)
            }
        }

        func applies(on date: ServiceDate) -> Bool { EmbeddedParameters.applies(from: from, to: to, on: date) }

        /// Whether a 手術 row (its code, 区分 and 項番) is one this entry lists.
        func lists(_ s: Surgery) -> Bool {
            codes.contains(s.code) || sections.contains { s.section >= $0.from && s.section <= $0.to && ($0.item == nil || $0.item == s.item) }
        }
    }

    /// A 手術 row of the day: 告示等識別区分（１） 1 基本, 3 合成 or 5 準用 (not an add-on).
    struct Surgery: Sendable {
        var code: UInt64; var section: SectionCode; var item: Int
        /// "150324910 (K719-3)", "150275610 (K594 の 3)".
        var label: String {
            let s = "\(Character(UnicodeScalar(section.alphabet)))\(String(format: "%03d", section.number))" + (section.branch == 0 ? "" : "-\(section.branch)")
            return "\(code) (\(s)\(item == 0 ? "" : " の \(item)"))"
        }
    }

    /// What a code is limited to on a day: the entry and the 手術 that gave it.
    struct DayLimit: Sendable { var limit: Limit; var surgery: Surgery }

    /// The 個 billed so far on a day, by code.
    struct Used: Hashable, Sendable { var code: UInt64; var day: Int }

    var limits: [Limit]
    /// code → positions in `limits`.
    private(set) var limitsByCode: [UInt64: [Int]] = [:]
    enum CodingKeys: String, CodingKey { case limits }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limits = try c.decode([Limit].self, forKey: .limits)
        for (n, l) in limits.enumerated() { limitsByCode[UInt64(l.code) ?? 0, default: []].append(n) }
    }

    static let embedded: DeviceCountLimits? = EmbeddedParameters.decode(DeviceCountLimits.self, "params/device-count-limits.json")

    /// The limits of the codes `encounter` states, from the 手術 of every encounter of `claim` on the same day (a 手術 ordered
    /// at another encounter of the day counts, as for SA-A001). Empty at once when the encounter states no such code.
    func dayLimits(_ encounter: Claim.Encounter, in claim: Claim, table t: MasterTable, on date: ServiceDate) -> [UInt64: DayLimit] {
        var stated: [UInt64] = []
        for order in encounter.orders {
            for item in order.items where item.code.utf8.first == UInt8(ascii: "1") {
                if let c = UInt64(item.code), limitsByCode[c] != nil { stated.append(c) }
            }
        }
        guard !stated.isEmpty else { return [:] }
        let P = ProcedureColumn.self
        var surgeries: [Surgery] = []
        for e in claim.encounters where e.date == encounter.date {
            for order in e.orders {
                for item in order.items where item.code.utf8.first == UInt8(ascii: "1") {
                    guard let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: date),
                          t.field(v, P.noticeClass1, is: "1") || t.field(v, P.noticeClass1, is: "3") || t.field(v, P.noticeClass1, is: "5"),
                          let section = SectionCode(t, v) else { continue }
                    surgeries.append(Surgery(code: c, section: section, item: t.integer(v, P.itemNumber) ?? 0))
                }
            }
        }
        var found: [UInt64: DayLimit] = [:]
        for code in stated where found[code] == nil {
            if let day = self.limit(of: code, surgeries: surgeries, on: date) { found[code] = day }
        }
        return found
    }

    /// The limit of `code` on `date` given the day's 手術: the largest of the entries in force that list one of them
    /// (the first such entry on a tie); nil when none does.
    func limit(of code: UInt64, surgeries: [Surgery], on date: ServiceDate) -> DayLimit? {
        var best: DayLimit? = nil
        for n in limitsByCode[code] ?? [] where limits[n].applies(on: date) {
            guard best.map({ $0.limit.limit < limits[n].limit }) ?? true, let s = surgeries.first(where: limits[n].lists) else { continue }
            best = DayLimit(limit: limits[n], surgery: s)
        }
        return best
    }

    /// The 数量 (whole 個) of `quantity` (1e-5 units; 0 = not stated: one) the day still allows at `times` 回 under `limit`,
    /// updating `used`; nil when the order fits. 0: nothing is left of the day. `before`: the 個 billed earlier that day.
    static func allowed(_ code: UInt64, quantity: Int, times: Int, limit: Int, on date: ServiceDate,
                        used: inout [Used: Int]) -> (count: Int, before: Int)? {
        let key = Used(code: code, day: date.dayNumber)
        var billed = used[key] ?? 0
        defer { used[key] = billed }
        return DailyQuantityLimits.cut(quantity: quantity, times: times, limit: limit, billed: &billed).map { ($0.steps, $0.before) }
    }
}
