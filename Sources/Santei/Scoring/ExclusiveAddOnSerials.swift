/// 注加算 of one 注加算コード and one 注加算通番 exclude each other.
///
/// R06rec1 項番39 注加算通番: 「１つの診療行為に対して同時に算定が可能な注加算に、異なる番号を設定する」 — two 注加算 rows
/// (告示等識別区分（１） 7) of the same 注加算コード (項番38) and the same 通番 other than 0 cannot both be billed on one item:
/// e.g. I002 注3 20歳未満加算 and 注4 児童思春期精神科専門管理加算 (R06 ika-kokuji.txt, I002 注3 ただし
/// 「注４…に規定する加算を算定した場合は、算定しない」). Of two such rows in one 算定単位 the one of more points is billed
/// (ties: the first listed), the other not — as the 背反 rule that keeps the higher row.
///
/// One rule for every door: `ClaimPricer` leaves the loser out of a JSON claim's order, `uke recalc` prices a UKE unit
/// without it, and the audit reports it (SA-A007).
/// Beside them, rows the 告示/通知 excludes although the master gives them different 通番 (or no 注加算コード):
/// `Masters/params/exclusive-add-ons.json` (A000 注9 ただし 夜間・早朝等加算 beside 時間外・休日・深夜加算; D 第1款 通則1 ただし
/// 外来迅速検体検査加算 beside 時間外緊急院内検査加算), decided the same way (the row of fewer points is left out).
///
/// One rule for every door: `ClaimPricer` leaves the loser out of a JSON claim's order, `uke recalc` prices a UKE unit
/// without it, and the audit reports it (SA-A007).
public enum ExclusiveAddOnSerials {
    public struct Loser: Sendable, Equatable {
        /// Positions (in the sequence given) of the row not billed and of the row billed in its place.
        public var index: Int
        public var kept: Int
        public var family: Int
        /// The 注加算通番 character ("1"…"9", "A"…"Z"); 0 for a pair of exclusive-add-ons.json (`passage`).
        public var serial: UInt8
        /// The passage of the exclusive-add-ons.json row that excludes the pair; nil for a pair of one 通番.
        public var passage: String? = nil
    }

    /// The rows of `codes` (診療行為 codes; nil for a row of another kind) that lose to another row of their
    /// 注加算コード and 通番 on `date`. Empty for fewer than two rows (no look-up at all); nothing is allocated until a
    /// 注加算 row is met (a lazy map of an order's items costs nothing on the hot path).
    public static func losers(_ codes: some Collection<UInt64?>, _ t: MasterTable, on date: ServiceDate) -> [Loser] {
        guard codes.count >= 2 else { return [] }
        return losers(rows: codes.lazy.map { code in
            code.flatMap { c in t.codeIndex(of: c).flatMap { t.version(ofCode: $0, on: date) }.map { (c, $0) } }
        }, t, on: date)
    }

    /// The same for rows already resolved to their version of `t` on the date (the audit's occurrences): nil for a row of another
    /// kind or without a version.
    public static func losers(rows: some Collection<(code: UInt64, version: Int)?>, _ t: MasterTable, on date: ServiceDate) -> [Loser] {
        guard rows.count >= 2 else { return [] }
        let P = ProcedureColumn.self
        var kept: [(key: Int, index: Int, version: Int, points: Int)] = []
        var out: [Loser] = []
        let pairs = ExclusiveAddOnRules.embedded
        var listed: [(index: Int, code: UInt64, points: Int)] = []
        for (i, row) in rows.enumerated() {
            guard let (code, v) = row else { continue }
            if let pairs, pairs.mentions(code) { listed.append((i, code, t.hundredths(v, P.points) ?? 0)) }
            guard t.field(v, P.noticeClass1, is: "7"), let family = t.integer(v, P.addOnCode), family != 0,
                  let serial = t.bytes(v, P.addOnSerial).first, serial != UInt8(ascii: "0") else { continue }
            let key = family &* 256 &+ Int(serial), points = t.hundredths(v, P.points) ?? 0
            guard let k = kept.firstIndex(where: { $0.key == key }) else { kept.append((key, i, v, points)); continue }
            let other = kept[k]
            guard other.version != v else { continue }   // the same row listed twice
            if points > other.points {
                out.append(Loser(index: other.index, kept: i, family: family, serial: serial))
                kept[k] = (key, i, v, points)
            } else {
                out.append(Loser(index: i, kept: other.index, family: family, serial: serial))
            }
        }
        // exclusive-add-ons.json: a row beside a row it excludes (or that excludes it), neither already out.
        if let pairs, listed.count >= 2 {
            for a in listed.indices {
                for b in listed.indices where b > a {
                    let x = listed[a], y = listed[b]
                    guard let passage = pairs.passage(x.code, y.code, on: date),
                          !out.contains(where: { $0.index == x.index || $0.index == y.index }) else { continue }
                    let (lose, keep) = y.points > x.points ? (x, y) : (y, x)
                    out.append(Loser(index: lose.index, kept: keep.index, family: 0, serial: 0, passage: passage))
                }
            }
        }
        return out
    }

    /// The note a loser carries: which row is billed in its place and why.
    public static func reason(kept code: String, _ loser: Loser) -> String {
        if let passage = loser.passage {
            return "\(code) is billed beside it and the two exclude each other (\(passage.prefix { $0 != ":" && $0 != "(" }.trimmingCharacters(in: .whitespaces)); Masters/params/exclusive-add-ons.json); the one of more points is kept"
        }
        return "\(code) is a 注加算 of the same 注加算コード \(loser.family) and 通番 \(String(UnicodeScalar(loser.serial))) (they exclude each other, R06rec1 項番39); the one of more points is kept"
    }
}

/// `Masters/params/exclusive-add-ons.json`: rows not billed beside others of their 算定単位, dated, each with its passage.
struct ExclusiveAddOnRules: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var code: String; var name: String; var from: String; var to: String?; var excludes: [String]; var passage: String
        func applies(on date: ServiceDate) -> Bool { EmbeddedParameters.applies(from: from, to: to, on: date) }
    }
    var rows: [Row]
    /// code → the rows (positions in `rows`) that name it, as `code` or in `excludes`.
    private var byCode: [UInt64: [Int]] = [:]
    enum CodingKeys: String, CodingKey { case rows }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode([Row].self, forKey: .rows)
        for (n, row) in rows.enumerated() {
            for text in [row.code] + row.excludes {
                guard text.count == 9, let code = UInt64(text) else {
                    throw DecodingError.dataCorruptedError(forKey: .rows, in: c, debugDescription: "rows[\(n)]: \"\(text)\" is not a 9-digit code")
                }
                byCode[code, default: []].append(n)
            }
            guard ServiceDate(row.from) != nil, row.to.map({ ServiceDate($0) != nil }) ?? true, !row.excludes.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .rows, in: c, debugDescription: "rows[\(n)]: from/to are not dates or excludes is empty")
            }
        }
    }

    static let embedded: ExclusiveAddOnRules? = EmbeddedParameters.decode(ExclusiveAddOnRules.self, "params/exclusive-add-ons.json")

    @inline(__always) func mentions(_ code: UInt64) -> Bool { byCode[code] != nil }

    /// The passage of a row that excludes `a` beside `b` (either way round) on `date`; nil when none does.
    func passage(_ a: UInt64, _ b: UInt64, on date: ServiceDate) -> String? {
        guard let list = byCode[a] else { return nil }
        for n in list where rows[n].applies(on: date) {
            let row = rows[n], rowCode = UInt64(row.code)
            if rowCode == a && row.excludes.contains(String(b)) || rowCode == b && row.excludes.contains(String(a)) { return row.passage }
        }
        return nil
    }
}
