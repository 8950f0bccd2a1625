/// L008 マスク又は気管内挿管による閉鎖循環式全身麻酔 of several 点数区分 in one 全身麻酔 — 通知 L008 (12) ウ
/// (../shared/legal/R06/ika-tsuuchi.txt 26888-26909):
///   (イ) 同じ点数区分にある麻酔の時間について合算する。
///   (ロ) 麻酔時間の基本となる２時間については、その点数の高い区分の麻酔時間から順に充当する。
///   (ハ) (ロ)の計算を行った残りの時間について、それぞれ「注２」の規定に従い30分又はその端数を増すごとに加算を行う。
///   (ニ) (ハ)の場合において、各々の区分に係る麻酔が30分を超えない場合については、それらの麻酔の実施時間を合計し、
///        その中で実施時間の長い区分から順に加算を算定する。なお、いずれの麻酔の実施時間も等しい場合には、その中で
///        最も高い点数の区分に係る加算を算定する。
/// and (10): 「一の全身麻酔」 is one connection to the 麻酔器 — the encounter's L008 rows are taken as one.
///
/// Each 区分 is a master row priced by きざみ on its 数量 (minutes): 基本点数 + ⌈(分 − 下限値 120) ÷ 30⌉ × きざみ点数 (注2).
/// The row of most points is billed with its 基本点数 and the 注2 加算 of its own remaining time; each other 区分 with only
/// the 注2 加算 of its remaining time (`UnitItem.timeOnly`), or not at all when the base 2 hours took its time; a second row
/// of one 区分 is summed into the first (イ). Without this, 第11部 通則4 (主たる麻酔のみ) dropped the other 区分 with its
/// time (review 201 AV-2: 300 分 of ３ and 240 分 of ５ gave 9,170 + 5,400 for 9,170 + 5,400 + 4,800).
enum AnesthesiaTime {
    struct Row {
        var path: SpecifiedFeeInclusion.ItemPath
        var code: UInt64
        /// 基本点数 and きざみ点数 in hundredths; 下限値, きざみ値 and the stated minutes × `UnitItem.quantityScale`.
        var base: Int, stepPoints: Int, lower: Int, step: Int, minutes: Int
    }
    /// What a row is billed as: `quantity` (scaled; nil: not billed) and whether only its きざみ (注2) points count.
    struct Billing { var quantity: Int?; var timeOnly: Bool; var note: String }

    /// The rows of L008 of one encounter (a 診療行為 of 告示等識別区分 1 priced by きざみ with its minutes stated).
    static func rows(_ encounter: Claim.Encounter, e: Int, table t: MasterTable, date: ServiceDate) -> [Row] {
        let P = ProcedureColumn.self
        var rows: [Row] = []
        for (o, order) in encounter.orders.enumerated() where order.category == 50 || order.category == 54 {
            for (i, item) in order.items.enumerated() where item.code.hasPrefix("15") {
                // 分 beyond a year are no 麻酔 (and keep the sums below far from overflow).
                guard let scaled = item.quantity?.scaled, scaled > 0, scaled <= 525_600 * UnitItem.quantityScale, let c = UInt64(item.code), let ci = t.codeIndex(of: c),
                      let v = t.version(ofCode: ci, on: date), t.field(v, P.noticeClass1, is: "1"), t.integer(v, P.kizamiKind) == 1,
                      InpatientPricer.section(t, v) == "L008",
                      let lower = Checked.mul(t.integer(v, P.kizamiLower) ?? 0, UnitItem.quantityScale),
                      let step = Checked.mul(max(1, t.integer(v, P.kizamiStep) ?? 1), UnitItem.quantityScale) else { continue }
                rows.append(Row(path: .init(encounter: e, order: o, item: i), code: c, base: t.hundredths(v, P.points) ?? 0,
                                stepPoints: t.hundredths(v, P.kizamiPoints) ?? 0, lower: lower, step: step, minutes: scaled))
            }
        }
        return rows
    }

    /// The billing of each row when there are two or more (empty otherwise: a single row is priced as it is stated).
    static func combine(_ rows: [Row]) -> [SpecifiedFeeInclusion.ItemPath: Billing] {
        guard rows.count >= 2 else { return [:] }
        func minutes(_ q: Int) -> String { FixedPoint(value: q, decimals: 5).description }
        var out: [SpecifiedFeeInclusion.ItemPath: Billing] = [:]
        // (イ) one group per 区分 (code), in the order first stated.
        let passage = "通知 L008 (12) ウ: the 全身麻酔 of several 区分 — 基本となる２時間 from the 区分 of most points down, the rest of each 区分 by its 注2 30分毎 (those of 30分 or less summed)"
        var groups: [(row: Row, minutes: Int)] = []
        for row in rows {
            if let g = groups.firstIndex(where: { $0.row.code == row.code }) {
                groups[g].minutes += row.minutes
                out[row.path] = Billing(quantity: nil, timeOnly: false, note: "not billed — its \(minutes(row.minutes)) 分 are summed with the same 区分's row (encounters[\(groups[g].row.path.encounter)].orders[\(groups[g].row.path.order)].items[\(groups[g].row.path.item)]; \(passage) (イ))")
                continue
            }
            groups.append((row, row.minutes))
        }
        // (ロ) the base 2 hours from the 区分 of most points down.
        let order = groups.indices.sorted { (groups[$0].row.base, -$0) > (groups[$1].row.base, -$1) }
        var baseLeft = groups[order[0]].row.lower
        var remaining = Array(repeating: 0, count: groups.count)
        for g in order {
            let take = min(baseLeft, groups[g].minutes)
            baseLeft -= take
            remaining[g] = groups[g].minutes - take
        }
        // (ハ) each 区分's remainder by its whole 30 分 steps; (ニ) what is left of each, under 30 分, is summed, and its steps go
        // to the 区分 of the longest such time first (equal times: the one of most points) — 例４ (ika-tsuuchi.txt 26933-26943):
        // 105 分 of ３ give 3 steps and 15 分 to the pool, not ⌈105/30⌉ = 4 (review 209 BD-1).
        var steps = Array(repeating: 0, count: groups.count)
        var left = Array(repeating: 0, count: groups.count)
        var pooledTime = 0
        for g in groups.indices where remaining[g] > 0 {
            steps[g] = remaining[g] / groups[g].row.step
            left[g] = remaining[g] % groups[g].row.step
            pooledTime += left[g]
        }
        if pooledTime > 0 {
            let unit = groups[order[0]].row.step
            var n = (pooledTime - 1) / unit + 1
            for g in groups.indices.filter({ left[$0] > 0 }).sorted(by: { (left[$0], groups[$0].row.base, -$0) > (left[$1], groups[$1].row.base, -$1) }) where n > 0 {
                steps[g] += 1; n -= 1
            }
        }
        let main = order[0]
        for g in groups.indices {
            let r = groups[g].row
            let told = "\(minutes(groups[g].minutes)) 分 (\(minutes(groups[g].minutes - remaining[g])) in the base 2 hours, \(minutes(remaining[g])) after)"
            if g == main {
                out[r.path] = Billing(quantity: r.lower + steps[g] * r.step, timeOnly: false,
                                      note: "the main 区分 of the 全身麻酔, \(told): 基本点数 + \(steps[g]) × 注2 (\(passage))")
            } else if steps[g] > 0 {
                out[r.path] = Billing(quantity: r.lower + steps[g] * r.step, timeOnly: true,
                                      note: "\(told): \(steps[g]) × 注2 加算 of this 区分 only, no 基本点数 (\(passage))")
            } else {
                out[r.path] = Billing(quantity: nil, timeOnly: false, note: "not billed — \(told): no 注2 加算 left to this 区分 (\(passage))")
            }
        }
        return out
    }
}
