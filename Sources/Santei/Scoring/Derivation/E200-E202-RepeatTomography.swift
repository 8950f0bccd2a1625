// 第4部 画像診断 第3節 コンピューター断層撮影診断料 通則2 (R06 ika-kokuji.txt lines 10637-10640; R08 lines
// 11296-11299) and its 通知 (R06 ika-tsuuchi.txt lines 17794-17813).

extension OrderAddOnDeriver {
    /// 「Ｅ２００ ＣＴ撮影及びＥ２０２ ＭＲＩ撮影を同一月に２回以上行った場合は、当該月の２回目以降の断層撮影
    /// については、所定点数にかかわらず、一連につき所定点数の100分の80に相当する点数により算定する。」
    ///
    /// Counts the claim's 画像 orders (診療識別 70) in date order (then claim order): an order holding a base
    /// row (告示等識別区分（１） 1) of a `counted` 区分 (E200, E202 — CT and MRI count together, whatever the
    /// 部位) is one 一連; from the month's second on it is reduced. An order of a `counted_before` 区分 (E101-3,
    /// E101-4 ポジトロン断層・CT/MRI複合撮影) counts before them but is not reduced (通知 1(1)). One order = one
    /// 一連 (通知 E200 (2): CT撮影 done together are one). Not derived: 通知 1(2) (a 保険医療機関 of the same 開設者
    /// or a 検査施設提供 contract — facts the claim does not carry).
    ///
    /// Returns the orders (`key`) to reduce, with the 撮影 row each holds. Nothing is looked up for a claim
    /// without 画像 orders. An order of `times` N counts N 一連; the month's first of them, stated N ≥ 2 times, is
    /// left as stated with a note (its 2nd–Nth 一連 are at 100分の80: they belong in an order of their own; review 196 AQ-2).
    func repeatTomographyOrders(_ claim: Claim, mastersDate: ServiceDate?) -> (orders: [Int: UInt64], notes: [String]) {
        guard claim.encounters.contains(where: { $0.orders.contains { $0.category == 70 } }) else { return ([:], []) }
        var notes: [String] = []
        let P = ProcedureColumn.self
        // YYYY-MM-DD strings sort as dates (the door checked them).
        let sequence = claim.encounters.indices.sorted { (claim.encounters[$0].date, $0) < (claim.encounters[$1].date, $1) }
        var seen = 0
        var out: [Int: UInt64] = [:]
        for e in sequence {
            let encounter = claim.encounters[e]
            guard encounter.orders.contains(where: { $0.category == 70 }), let date = ServiceDate(encounter.date) else { continue }
            let on = mastersDate ?? date
            guard let version = rules.version(on: on), case .success(let t) = DatedMasters(set, on: on).procedures else { continue }
            let counted = version.tomographyRepeat.counted.compactMap(SectionCode.init), before = version.tomographyRepeat.countedBefore.compactMap(SectionCode.init)
            for (o, order) in encounter.orders.enumerated() where order.category == 70 {
                var base: UInt64? = nil, countsBefore = false
                for item in order.items {
                    guard item.code.utf8.first == UInt8(ascii: "1"), let code = UInt64(item.code), let i = t.codeIndex(of: code),
                          let v = t.version(ofCode: i, on: on), let s = SectionCode(t, v) else { continue }
                    if t.field(v, P.noticeClass1, is: "1") && counted.contains(s) { base = base ?? code }
                    // A 施設基準不適合 row of E101-3/E101-4 (注3 「所定点数の100分の80」: 告示等識別区分（１） 3) is such a 撮影 too
                    // (通知 第4部 第3節 1(1); review 276 DS-1: the CT after it was billed in full).
                    else if (t.field(v, P.noticeClass1, is: "1") || t.field(v, P.noticeClass1, is: "3")) && before.contains(s) { countsBefore = true }
                }
                let times = max(1, order.times ?? 1)
                if let base {
                    if seen > 0 { out[Self.key(encounter: e, order: o)] = base }
                    else if times > 1 {
                        notes.append("\(encounter.date) order \(o): \(base) is the month's first CT/MRI, stated \(times) times in one order: the 2nd and later 一連 are at 100分の80 (第4部 第3節 通則2) — state them in an order of their own (the reduction is then derived); priced as stated")
                    }
                    seen += times
                } else if countsBefore {
                    seen += times
                }
            }
        }
        return (out, notes)
    }

    /// The reduction of one order `repeatTomographyOrders` chose: the ％減算 row (点数識別 6, 告示等識別区分（１） 7)
    /// of the 撮影 row's 注加算コード family (170022290 ２回目以降減算（ＣＴ、ＭＲＩ） 20%), put right after the
    /// 撮影 row so that it takes 100分の80 of the 撮影 alone — 通知 3: 「２」の所定点数には注に掲げる加算は含まれない
    /// (the 造影剤使用加算 and other 注 rows stated after it stay whole; E203 and 電子画像管理加算 are other
    /// 区分). Nothing when the order states a ％減算 row of the family; a note when the family has none or several.
    func repeatTomography(_ items: inout [UnitItem], base: UInt64, _ rules: OrderAddOnRules.TomographyRepeat, table t: MasterTable,
                          chain: Int, date: ServiceDate) -> (added: [UnitItem], notes: [String]) {
        let P = ProcedureColumn.self
        guard let at = items.firstIndex(where: { $0.kind == .procedure && $0.code == base }), let i = t.codeIndex(of: base),
              let v = t.version(ofCode: i, on: date), let family = t.integer(v, P.addOnCode), family != 0 else { return ([], []) }
        var rows: [(code: UInt64, version: Int)] = []
        for j in set.addOnIndex(chain: chain).family(family) {
            guard let w = t.version(ofCode: j, on: date), t.integer(w, P.pointKind) == 6, t.field(w, P.noticeClass1, is: "7") else { continue }
            rows.append((t.code(at: j), w))
        }
        if rows.contains(where: { row in items.contains { $0.code == row.code } }) { return ([], []) }
        guard rows.count == 1, let row = rows.first else {
            return ([], ["\(base): the month's second or later CT/MRI (第4部 第3節 通則2) but 注加算コード \(family) has \(rows.count) ％減算 rows; none derived, state the one that applies"])
        }
        let unit = UnitItem(kind: .procedure, code: row.code)
        items.insert(unit, at: at + 1)
        return ([unit], ["\(row.code) \(t.string(row.version, P.abbreviatedName)): derived — \(base) is the month's second or later CT/MRI (第4部 第3節 通則2: 一連につき所定点数の100分の80; \(rules.counted.joined(separator: ", ")) counted together, \(rules.countedBefore.joined(separator: ", ")) before them), placed after it so that its 注 加算 are not reduced (通知 3)"])
    }
}
