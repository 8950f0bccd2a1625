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
public enum ExclusiveAddOnSerials {
    public struct Loser: Sendable, Equatable {
        /// Positions (in the sequence given) of the row not billed and of the row billed in its place.
        public var index: Int
        public var kept: Int
        public var family: Int
        /// The 注加算通番 character ("1"…"9", "A"…"Z").
        public var serial: UInt8
    }

    /// The rows of `codes` (診療行為 codes; nil for a row of another kind) that lose to another row of their
    /// 注加算コード and 通番 on `date`. Empty for fewer than two rows (no look-up at all); nothing is allocated until a
    /// 注加算 row is met (a lazy map of an order's items costs nothing on the hot path).
    public static func losers(_ codes: some Collection<UInt64?>, _ t: MasterTable, on date: ServiceDate) -> [Loser] {
        guard codes.count >= 2 else { return [] }
        return losers(versions: codes.lazy.map { code in code.flatMap { t.codeIndex(of: $0) }.flatMap { t.version(ofCode: $0, on: date) } }, t)
    }

    /// The same for rows already resolved to their version of `t` on the date (the audit's occurrences): nil for a row of another
    /// kind or without a version.
    public static func losers(versions: some Collection<Int?>, _ t: MasterTable) -> [Loser] {
        guard versions.count >= 2 else { return [] }
        let P = ProcedureColumn.self
        var kept: [(key: Int, index: Int, version: Int, points: Int)] = []
        var out: [Loser] = []
        for (i, version) in versions.enumerated() {
            guard let v = version, t.field(v, P.noticeClass1, is: "7"), let family = t.integer(v, P.addOnCode), family != 0,
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
        return out
    }

    /// The note a loser carries: which row is billed in its place and why.
    public static func reason(kept code: String, _ loser: Loser) -> String {
        "\(code) is a 注加算 of the same 注加算コード \(loser.family) and 通番 \(String(UnicodeScalar(loser.serial))) (they exclude each other, R06rec1 項番39); the one of more points is kept"
    }
}
