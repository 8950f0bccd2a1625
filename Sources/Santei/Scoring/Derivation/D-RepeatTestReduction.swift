// 第3部 検査 第3節 生体検査料: 「同一の患者につき同一月において同一検査を２回以上実施した場合における２回目以降の
// 当該検査の費用は、所定点数の100分の90に相当する点数により算定する」 — 呼吸循環機能検査等 通則1 (D206–D214-2,
// R06 ika-kokuji.txt 9426-9431), 超音波検査等 通則 (D215–D217), 内視鏡検査 通則 and the others whose rows carry
// 逓減対象区分 1 (s master 項番52); 通知 第3節 2–4 (R06 ika-tsuuchi.txt 15408-15418) and 呼吸循環機能検査等 (1)
// 「同一の検査」 (15421-15424). CT/MRI (the E rows of 逓減対象区分 1) are E200-E202-RepeatTomography.swift.

extension OrderAddOnDeriver {
    /// The month's second and later performances of one 検査: in date order (then claim order), every 検査
    /// order (診療識別 60) holding a row of 逓減対象区分 1 whose コード表用番号 letter the rules list (D) counts
    /// one performance of that 検査 — the same code, or the same 区分番号 for those `same_test_sections` names
    /// (D208 心電図検査 1–5, D209, D210: 通知 (1)); from the second on the order is reduced. An order with several
    /// such rows is reduced for the one that repeats; one where two or more repeat, or a first order that performs
    /// its 検査 `times` ≥ 2, is left as stated (`notes`).
    ///
    /// 通知 第3節 3 (外来と入院を通算) reaches beyond one receipt: the claim's month is what is counted.
    /// `unreduced` (for the audit, SA-T001): orders where no row can be derived though a 検査 repeats — two or more of its
    /// 検査 are the month's repeats (review 418 JF-1) — with those codes; `overReduced`: orders that state the 検査逓減 row
    /// after a 検査 that is the month's first (review 418 JF-2: the ％ row took 100分の10 of the first 超音波 too), with those codes.
    func repeatTestOrders(_ claim: Claim, mastersDate: ServiceDate?) -> (orders: [Int: UInt64], notes: [String], unreduced: [Int: [UInt64]], overReduced: [Int: [UInt64]]) {
        guard claim.encounters.contains(where: { $0.orders.contains { $0.category == 60 } }) else { return ([:], [], [:], [:]) }
        let P = ProcedureColumn.self
        let sequence = claim.encounters.indices.sorted { (claim.encounters[$0].date, $0) < (claim.encounters[$1].date, $1) }
        var seen: [String: Int] = [:]
        var out: [Int: UInt64] = [:]
        var notes: [String] = []
        var unreduced: [Int: [UInt64]] = [:], overReduced: [Int: [UInt64]] = [:]
        for e in sequence {
            let encounter = claim.encounters[e]
            guard encounter.orders.contains(where: { $0.category == 60 }), let date = ServiceDate(encounter.date) else { continue }
            let on = mastersDate ?? date
            guard let rule = rules.version(on: on)?.testRepeat, case .success(let t) = DatedMasters(set, on: on).procedures else { continue }
            let sameTest = rule.sameTests
            for (o, order) in encounter.orders.enumerated() where order.category == 60 {
                var tests: [(code: UInt64, identity: String)] = []
                for item in order.items {
                    guard item.code.utf8.first == UInt8(ascii: "1"), let code = UInt64(item.code), let i = t.codeIndex(of: code),
                          let v = t.version(ofCode: i, on: on), t.field(v, P.diminishingClass, is: "1"),
                          // A ％加算・減算 row is no 検査 of its own: 160000190 検査逓減 carries 逓減対象区分 1 too (review 332 FW-6: a
                          // stated 検査逓減 made its order "two 検査" and a note asked to state it).
                          t.integer(v, P.pointKind) != 5, t.integer(v, P.pointKind) != 6,
                          let letter = t.bytes(v, P.codeTableAlphabet).first, rule.letterBytes.contains(letter), let s = SectionCode(t, v) else { continue }
                    let same = sameTest.contains { $0.alphabet == s.alphabet && $0.number == s.number && $0.branch == s.branch }
                    if let g = rule.sameTestGroups?.firstIndex(where: { $0.contains(item.code) }) {
                        tests.append((code, "group-\(g)"))
                    } else {
                        tests.append((code, same ? "\(s.alphabet)-\(s.number)-\(s.branch)" : item.code))
                    }
                }
                guard let test = tests.first else { continue }
                if tests.count > 1 {
                    // Several such 検査 in one order (review 402 IP-2: ECG repeated beside the month's first 超音波 billed 130 + 530 for
                    // 117 + 530): the one that is the month's second or later is reduced by a 検査逓減 row right after it
                    // (`repeatTest` moves it to the head of the order); none repeated, nothing to do; two or more, or 回数 ≥ 2, are
                    // the clerk's to split. An order that states the row is taken as stated.
                    var repeats: [UInt64] = [], firsts: [UInt64] = []
                    for x in tests {
                        if seen[x.identity, default: 0] > 0 { repeats.append(x.code) } else { firsts.append(x.code) }
                        seen[x.identity, default: 0] += order.times ?? 1
                    }
                    if let r = order.items.firstIndex(where: { $0.code == rule.code }) {
                        // The stated ％ row reduces the 検査 rows before it: a month's first among them is reduced too.
                        let before = Set(order.items[..<r].compactMap { UInt64($0.code) })
                        let first = firsts.filter { before.contains($0) }
                        if !first.isEmpty { overReduced[Self.key(encounter: e, order: o)] = first }
                        continue
                    }
                    if repeats.isEmpty && (order.times ?? 1) == 1 { continue }
                    if repeats.count == 1 && (order.times ?? 1) == 1 {
                        out[Self.key(encounter: e, order: o)] = repeats[0]
                    } else {
                        if !repeats.isEmpty { unreduced[Self.key(encounter: e, order: o)] = repeats }
                        notes.append("\(encounter.date) order \(o): \(tests.map { String($0.code) }.joined(separator: ", ")) in one order\((order.times ?? 1) > 1 ? " × \(order.times ?? 1)" : ""), \(repeats.isEmpty ? "each performed again within the order" : repeats.map { String($0) }.joined(separator: ", ") + " the month's second or later performance"): a 検査 of 逓減対象区分 1 is at 100分の90 from its second time in a month (\(rule.passage)); not derived — state each repeated one in an order of its own with 検査逓減 \(rule.code)")
                    }
                    continue
                }
                let before = seen[test.identity, default: 0]
                if before > 0 { out[Self.key(encounter: e, order: o)] = test.code }
                else if (order.times ?? 1) > 1 {
                    notes.append("\(encounter.date) order \(o): \(test.code) performed \(order.times ?? 1) times in one order: the second and later are at 100分の90 (\(rule.passage)) — state them in an order of their own with 検査逓減 \(rule.code)")
                }
                seen[test.identity] = before + (order.times ?? 1)
            }
        }
        return (out, notes, unreduced, overReduced)
    }

    /// The 検査逓減 row (点数識別 6 ％減算, `rule.code`) put right after the reduced 検査 and its 注 rows, so that
    /// it takes 100分の90 of that 検査's 所定点数 with its 注加算 (通知 第3節 2). Nothing when the order states
    /// the row already; when a 検査 row of the same 部 comes before the reduced one (the ％ row would reduce it
    /// too), the reduced 検査 and its rows are priced first.
    func repeatTest(_ items: inout [UnitItem], base: UInt64, _ rule: OrderAddOnRules.TestRepeat, table t: MasterTable, date: ServiceDate) -> (added: [UnitItem], notes: [String]) {
        let P = ProcedureColumn.self
        guard let reduction = UInt64(rule.code), let ri = t.codeIndex(of: reduction), let rv = t.version(ofCode: ri, on: date),
              t.integer(rv, P.pointKind) == 6 else {
            return ([], ["\(base): the month's second or later performance of the 検査, but \(rule.code) is no ％減算 row on \(date): not reduced"])
        }
        if items.contains(where: { $0.kind == .procedure && $0.code == reduction }) { return ([], []) }
        guard let at = items.firstIndex(where: { $0.kind == .procedure && $0.code == base }) else { return ([], []) }
        let letter = t.codeIndex(of: base).flatMap { t.version(ofCode: $0, on: date) }.flatMap { t.bytes($0, P.codeTableAlphabet).first }
        let earlier = items[..<at].contains { item in
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return false }
            return t.bytes(v, P.codeTableAlphabet).first == letter && (t.integer(v, P.pointKind) ?? 0) == 3
        }
        // The base and the rows that follow it up to the next 点数 row of a 検査 (its 注 加算, drugs, films).
        var end = at + 1
        while end < items.count {
            let item = items[end]
            if item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
               t.field(v, P.noticeClass1, is: "1") { break }
            end += 1
        }
        // Other 検査 rows before it (the month's first of another 検査, review 402 IP-2): the ％減算 reduces the 点数 rows
        // before it, so the reduced 検査 with its rows goes to the head of the order, the others after the 検査逓減 row.
        var moved = ""
        if earlier {
            let block = Array(items[at..<end])
            items.removeSubrange(at..<end)
            items.insert(contentsOf: block, at: 0)
            end = block.count
            moved = "; priced first in its order, so that the row reduces it alone"
        }
        let unit = UnitItem(kind: .procedure, code: reduction)
        items.insert(unit, at: end)
        return ([unit], ["\(reduction) \(t.string(rv, P.abbreviatedName)): derived — \(base) is the month's second or later performance of the same 検査 (\(rule.passage)); 100分の90 of its 所定点数 with its 注加算 (通知 第3節 2)\(moved)"])
    }
}
