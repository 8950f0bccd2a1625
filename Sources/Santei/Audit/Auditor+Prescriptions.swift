// 投与日数 (SA-R001), 院内・院外 on one day (SA-R002) and the points a unit states against the points Santei computes (SA-P001, SA-P002).

extension AuditRun {
    /// SA-R001 — 平成18年厚生労働省告示第107号 第十 二: a 内服 剤 (診療識別 21, 回数 = days) of a 麻薬・向精神薬
    /// may cover 14 days, or 30 / 90 for the 一般名 the 告示 lists; a 新医薬品 14 days until one year after the
    /// first of the month following its 薬価基準収載 (`Masters/params/audit/prescription-limits.json`).
    mutating func checkPrescriptionDays() {
        for k in 0..<currentCount where occurrences[k].alive && occurrences[k].kind == .drug && occurrences[k].version >= 0 {
            let o = occurrences[k]
            guard let index = rules[o.rules].drugLimits, let limits = rules[o.rules].prescriptionLimits,
                  let t = rules[o.rules].drugs, let i = t.codeIndex(of: o.code), index.controlled[i] != nil || index.newDrugs[i] != nil,
                  claim.encounters[o.encounter].orders[o.order].category == ServiceCategory.internalMedicine.rawValue else { continue }
            var limit: Int?, why = ""
            if let c = index.controlled[i] {
                limit = c.days
                why = c.entry.map { "\($0): \(c.days)日分 (告示 第十 二)" } ?? "麻薬・向精神薬 not in the 30/90-day lists: \(c.days)日分 (告示 第十 二 (一))"
            }
            if let listed = index.newDrugs[i], let listedOn = ServiceDate(year: Int(listed / 10000), month: Int(listed / 100 % 100), day: Int(listed % 100)),
               let nextMonth = ServiceDate(year: listedOn.month == 12 ? listedOn.year + 1 : listedOn.year, month: listedOn.month % 12 + 1, day: 1),
               let end = nextMonth.adding(months: limits.newDrugMonths), o.date < end, limits.newDrugDays < (limit ?? Int.max) {
                limit = limits.newDrugDays
                why = "新医薬品 listed \(listedOn) (薬価基準収載; first of its 成分 in the master): \(limits.newDrugDays)日分 until \(end) (告示 第十 二 (一) ハ)"
            }
            guard let limit, o.times > limit else { continue }
            report(.prescriptionDays, k, "\(name(k)): \(o.times) days in one 内服 剤, over the limit of \(limit) days — \(why)")
        }
    }

    /// SA-R002 — 通知 F400 (9): 同一の患者に対して、同一診療日に、一部の薬剤を院内において投薬し、他の薬剤を院外処方箋により投薬する
    /// ことは、原則として認められない. An 入院外 day whose 剤 are stated both ways (投薬 orders of dispensing "in_house" and
    /// "outside", the encounter's when the order states none), or that bills a 処方料・調剤料 row (F000, F100) beside a 処方箋料
    /// row (F400): a warning on the day's first 院外 剤 or 処方箋料 row (「原則として」: the clerk decides; review 248 CQ-1).
    mutating func checkMixedDispensing() {
        guard !inpatient else { return }
        let F0 = SectionCode(alphabet: UInt8(ascii: "F"), number: 0, branch: 0), F100 = SectionCode(alphabet: UInt8(ascii: "F"), number: 100, branch: 0)
        let F400 = SectionCode(alphabet: UInt8(ascii: "F"), number: 400, branch: 0)
        for (e, encounter) in claim.encounters.enumerated() {
            // The day's encounters, once: from its first.
            guard let date = ServiceDate(encounter.date), !claim.encounters[..<e].contains(where: { $0.date == encounter.date }) else { continue }
            let day = claim.encounters.indices.filter { claim.encounters[$0].date == encounter.date }
            var inHouse = false, outside: Int? = nil, inHouseRow = false, outsideRow: Int? = nil
            for k in 0..<currentCount where occurrences[k].alive && !occurrences[k].isHistory && day.contains(occurrences[k].encounter) {
                let o = occurrences[k]
                let order = claim.encounters[o.encounter].orders[o.order]
                if (21...23).contains(order.category) {
                    switch order.dispensing ?? claim.encounters[o.encounter].dispensing {
                    case "in_house"?: inHouse = true
                    case "outside"?: if outside == nil { outside = k }
                    default: break
                    }
                }
                guard o.kind == .procedure, o.version >= 0, let t = rules[o.rules].procedures, let s = SectionCode(t, o.version) else { continue }
                if s == F0 || s == F100 { inHouseRow = true } else if s == F400, outsideRow == nil { outsideRow = k }
            }
            let mixed = (inHouse ? outside : nil) ?? (inHouseRow ? outsideRow : nil)
            guard let k = mixed else { continue }
            report(.mixedDispensing, k, "\(name(k)) on \(date): the day's 剤 are given in-house and by 院外処方箋 (通知 F400 (9): 同一診療日に、一部の薬剤を院内において投薬し、他の薬剤を院外処方箋により投薬することは、原則として認められない) — give them one way, or state the reason")
        }
    }

    /// SA-R003 — a 処方料 加算 the 告示 gives for a 処方期間 of at least N days (F100 注5 特定疾患処方管理加算: 28日以上; 通知 F100 (9) ウ:
    /// one drug of that period is enough) on a day whose 内服 orders (回数 = days) are all shorter and that has no 頓服 or 外用 whose
    /// period the claim does not state — a warning (review 380 HT-1: a 7-day 内服 with 特定疾患処方管理加算２ passed).
    mutating func checkPrescriptionPeriodAddOns() {
        guard let file = PrescriptionPeriodAddOns.embedded else { return }
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory && occurrences[k].encounter >= 0 && file.codes.contains(occurrences[k].code) {
            let o = occurrences[k]
            guard let rule = file.rules.first(where: { $0.codes.contains(String(o.code)) && EmbeddedParameters.applies(from: $0.from, to: $0.to, on: o.date) }) else { continue }
            let day = claim.encounters[o.encounter].date
            let orders = claim.encounters.lazy.filter { $0.date == day }.flatMap(\.orders)
            guard !orders.contains(where: { rule.unlessCategories.contains($0.category) }) else { continue }
            guard let longest = orders.filter({ rule.categories.contains($0.category) }).map({ max(1, $0.times ?? 1) }).max(), longest < rule.minDays else { continue }
            report(.prescriptionPeriodAddOn, k, "\(name(k)) on \(o.date): the day's 内服 are prescribed for at most \(longest) 日, and the 加算 is for a 処方期間 of \(rule.minDays)日以上 of the 特定疾患's drugs (\(rule.passage)) — check the 処方期間")
        }
    }

    /// SA-R004 — `prescription-variants.json`: 小児科外来診療料 「２ 処方箋を交付しない場合」 in a month that bills 「１」 on a day (通知
    /// B001-2 (5): the month is 「１」 once a day of it gave an 院外処方箋; 「２」 for a 夜間緊急 visit 等 with the reason in the 摘要欄), and
    /// 小児かかりつけ診療料 「ロ」 likewise (B001-2-11 (4)) — a warning on each 「２」 row (review 415 JC-3: 406 + 524 passed for 406 × 2).
    mutating func checkPrescriptionVariants() {
        guard let file = PrescriptionVariants.embedded else { return }
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory && file.notIssued.contains(occurrences[k].code) {
            let o = occurrences[k]
            guard let rule = file.rules.first(where: { $0.notIssued.contains(String(o.code)) && EmbeddedParameters.applies(from: $0.from, to: $0.to, on: o.date) }),
                  // The month's history counts too: a receipt of the same month before a change of insurer (review 418 JF-3).
                  let j = occurrences.indices.first(where: { (occurrences[$0].isHistory || isLiveProcedure($0)) && occurrences[$0].yearMonth == o.yearMonth && rule.issued.contains(String(occurrences[$0].code)) })
            else { continue }
            report(.prescriptionVariantOfMonth, k, codes: [occurrences[j].code],
                   "\(name(k)) on \(o.date): \(name(j)) is billed on \(occurrences[j].date) of the month, a day that gave an 院外処方箋 — the month's \(rule.name) is the 処方箋を交付する場合 row, the other only for a 夜間緊急 visit 等 with its reason in the 摘要欄 (\(rule.passage.prefix(while: { $0 != ":" })))")
        }
    }

    /// SA-P003 — a UKE receipt whose every unit states its 点数: the HO and each KO 合計点数 is the sum of the 点数 × 回数 of the units
    /// whose 負担区分 names that payer (記録条件仕様 医科 HO・KO 合計点数; domain-facts C.7), a 返戻 reason when it is not (review 374 HN-4:
    /// HO 999 over units of 250 passed the audit; review 386 HZ-1: a KO of a 医保＋公費 receipt; `uke recalc --check` told them).
    /// The units' own 点数 are SA-P001's; this compares what the receipt states with itself.
    mutating func checkStatedTotal() {
        guard hasStatedPoints, !claim.receiptStatedTotals.isEmpty else { return }
        // A unit of blank 点数 (re-pricing input): the stated units do not tell the total.
        for encounter in claim.encounters {
            for order in encounter.orders where !order.items.isEmpty && order.statedPoints == nil { return }
        }
        for total in claim.receiptStatedTotals {
            guard let sum = total.units, sum != total.points, total.points != nil || sum != 0 else { continue }
            let payer = total.record == "HO" ? "医療保険" : "第\(total.record.dropFirst(2))公費"
            findings.append(AuditFinding(check: .statedTotalDiffers, claim: claim.id, codes: [],
                                         message: "the \(total.record) 合計点数 (line \(total.line)) \(total.points.map { "states \($0) points" } ?? "is blank"); the units whose 負担区分 names the \(payer) state 点数 × 回数 adding up to \(sum) — the 合計点数 is their sum (記録条件仕様): correct it or the units (uke recalc rewrites both from the masters)",
                                         action: "state \(sum) on line \(total.line)"))
        }
    }

    /// SA-P004 — a UKE receipt's HO・KO 診療実日数 (項目5) against its days (review 423 JL-1: 5 and 3 stated for 3 and 2 passed recalc
    /// and audit): never fewer than the days a row of s 項番27 実日数 2 (初診料・再診料・外来診療料 and the fees holding them) or 3
    /// (入院基本料・特定入院料) charged to the payer falls on, never more than the days any record charged to it falls on. Between the
    /// two (a 往診 day, a 外泊 day) the count is the clerk's. Not checked when a record has no 算定日情報.
    mutating func checkStatedDays() {
        guard !claim.receiptDayRows.isEmpty else { return }
        var flagOf: [UInt64: Int] = [:]
        for o in occurrences where !o.isHistory && o.kind == .procedure && o.version >= 0 && flagOf[o.code] == nil {
            flagOf[o.code] = rules[o.rules].procedures?.integer(o.version, ProcedureColumn.actualDays) ?? 0
        }
        var visitDays = [UInt32](repeating: 0, count: 5)
        for row in claim.receiptDayRows where flagOf[row.code] == 2 || flagOf[row.code] == 3 {
            for bit in 0..<5 where row.payers & (1 << bit) != 0 { visitDays[bit] |= row.days }
        }
        func days(_ mask: UInt32) -> String { (0..<31).filter { mask & (1 << UInt32($0)) != 0 }.map { String($0 + 1) }.joined(separator: ", ") }
        for total in claim.receiptStatedTotals {
            guard let stated = total.statedDays, total.dayMask != 0 else { continue }
            let bit = total.record == "HO" ? 0 : Int(total.record.dropFirst(2)) ?? 0
            let low = visitDays[bit].nonzeroBitCount, high = total.dayMask.nonzeroBitCount
            guard stated < low || stated > high else { continue }
            let payer = total.record == "HO" ? "医療保険" : "第\(total.record.dropFirst(2))公費"
            let why = stated < low
                ? "its 初診料・再診料・入院料 rows (s 項番27 実日数 2・3) charged to the \(payer) fall on \(low) days (\(days(visitDays[bit])))"
                : "the records charged to the \(payer) fall on \(high) days only (\(days(total.dayMask)))"
            findings.append(AuditFinding(check: .statedDaysImpossible, claim: claim.id, codes: [],
                                         message: "the \(total.record) 診療実日数 (line \(total.line)) states \(stated); \(why) — the 診療実日数 is the days of 診療 of that payer (記録条件仕様 HO・KO 診療実日数): correct it",
                                         action: nil))
        }
    }

    /// SA-P001/SA-P002 — an order that states its 点数 (a UKE unit's) is priced as `santei price` prices a unit
    /// (codes and quantities, masters of its date); a difference is reported with both numbers.
    mutating func checkStatedPoints() {
        guard hasStatedPoints, let pricer = auditor.pricer else { return }
        var k = 0
        var total = 0   // Σ computed 点数 × 回数 of the units priced here
        // A UKE unit of several 算定日 is one order a day: its difference is told once, on its first day (review 400 IN-6: one
        // wrong 入院料 unit of 16 days was 16 errors), when every day states and computes the same.
        var told: [Int: (finding: Int, stated: Int, computed: Int, days: Int)] = [:]
        defer {
            for (_, t) in told where t.days > 1 { findings[t.finding].message += " — the same on each of the unit's \(t.days) 算定日, told once" }
        }
        for (e, encounter) in claim.encounters.enumerated() {
            // The unit before, of this encounter (one 算定日): a unit of ％ rows only is priced on it, as `uke recalc` prices it.
            var previous: (category: Int, times: Int, items: [UnitItem], points: Int)? = nil
            // 検体検査まるめ over the encounter's orders, as `santei price` counts it (`EncounterBundles`).
            var bundles: EncounterBundles? = nil
            if let date = ServiceDate(encounter.date), case .success(let t) = auditor.dated(date).procedures {
                bundles = EncounterBundles.of(encounter, table: t, date: date, rules: pricer.bundled) { _, _ in false }
            }
            // Units that hold the tests of one まるめ group (one 採血: 告示 D007 注, 患者から１回に採取した血液を用いて) between them are compared together: `santei price`
            // bills the group on its first order and 0 on the others, while a receipt states each unit of fewer than 5 tests at its
            // own 点数 (review 400 IN-2: AST and ALT in two units of 17 were told to state 34 and 0). Each order's component (the
            // orders linked by groups), and per component the units' stated and computed 点数 × 回数.
            var component: [Int: Int] = [:]
            for g in (bundles?.groups.values).map(Array.init) ?? [] where Set(g.orders).count >= 2 {
                let ids = Set(g.orders.compactMap { component[$0] }).union([g.orders.min()!])
                let id = ids.min()!
                for (order, c) in component where ids.contains(c) { component[order] = id }
                for order in g.orders { component[order] = id }
            }
            /// Whether the order's UKE unit was told already with the same numbers (then counted); else it is noted as told now.
            func once(_ e: Int, _ o: Int, _ stated: Int, _ computed: Int) -> Bool {
                guard e < claim.receiptUnitOfOrder.count, o < claim.receiptUnitOfOrder[e].count else { return false }
                let unit = claim.receiptUnitOfOrder[e][o]
                if let t = told[unit], t.stated == stated, t.computed == computed { told[unit]!.days += 1; return true }
                if told[unit] == nil { told[unit] = (findings.count, stated, computed, 1) }
                return false
            }
            struct LinkedUnit { var order: Int; var stated: Int; var computed: Int; var alone: Int; var times: Int; var codes: [String]; var date: ServiceDate; var category: Int }
            var linked: [Int: [LinkedUnit]] = [:]
            for (o, order) in encounter.orders.enumerated() {
                defer { k += order.items.count }
                guard let stated = order.statedPoints, !order.items.isEmpty, k < currentCount else { previous = nil; continue }
                let date = occurrences[k].date
                var items: [UnitItem] = []
                items.reserveCapacity(order.items.count)
                for (n, item) in order.items.enumerated() where !includedInOutpatientFee.contains(k + n) {
                    // The code the unit states (SA-A009 bills another in its place: the unit is compared as stated; review 385 HY-2).
                    items.append(UnitItem(kind: occurrences[k + n].kind, code: occurrences[k + n].statedCode ?? occurrences[k + n].code, quantity: item.quantity?.scaled ?? 0))
                }
                let codes = (0..<order.items.count).map { String(occurrences[k + $0].statedCode ?? occurrences[k + $0].code) }
                var f: AuditFinding
                let dated = auditor.dated(date)
                // The unit is priced without the rows SA-A007 leaves out (`ExclusiveAddOnSerials`), as `uke recalc` prices it (review
                // 370 HJ-2: I002 注3 beside 注4 — SA-A007 removed 注3 and SA-P001 still priced it in, 1180 against a right 830).
                if items.count >= 2, case .success(let t) = dated.procedures {
                    let losers = ExclusiveAddOnSerials.losers(items.lazy.map { $0.kind == .procedure ? $0.code : nil }, t, on: dated.date)
                    if !losers.isEmpty {
                        let out = Set(losers.map(\.index))
                        items = items.indices.filter { !out.contains($0) }.map { items[$0] }
                    }
                }
                var priced: Result<UnitPrice, UnitPricingIssue> = items.isEmpty ? .success(UnitPrice(points: 0, explanation: []))
                    : pricer.price(items, category: order.category, masters: dated, bundles: bundles?.view(order: o))
                let times = max(1, order.times ?? 1)
                if let prev = previous, prev.category == order.category, prev.times == times, items.count <= 2, UnitPricer.percentOnly(items, dated),
                   case .success(var p) = priced, !p.isYen, case .success(let whole) = pricer.price(prev.items + items, category: order.category, masters: dated), !whole.isYen {
                    // A ％加算・減算 stated as its own unit (review 203 AX1: SA-P001 advised "state 0" for a 456-point 時間外加算):
                    // what it adds to the unit before it.
                    p.points = whole.points - prev.points
                    priced = .success(p)
                    previous = (order.category, times, prev.items + items, whole.points)
                } else if case .success(let p) = priced, !p.isYen {
                    previous = (order.category, times, items, p.points)
                } else {
                    previous = nil
                }
                switch priced {
                case .success(let p) where p.isYen:
                    // A 金額 unit (入院時食事療養・生活療養, 標準負担額: 点数識別 1) states yen in its 点数 field.
                    guard p.yen != stated else { continue }
                    if once(e, o, stated, p.yen) { continue }
                    f = AuditFinding(check: .statedPointsDiffer, claim: claim.id, encounter: e, order: o, item: 0, codes: codes,
                                     message: "the unit states \(stated) yen (金額); Santei computes \(p.yen) yen (\(date), 診療識別 \(order.category))",
                                     action: "state \(p.yen)")
                case .success(let p):
                    // What cannot be written on a receipt is refused as `santei price` refuses it (review 110: SA-P001
                    // advised "state 1200000000" for a 7-digit field, and a receipt past 合計点数 was a clean result).
                    let path = "encounters[\(e)].orders[\(o)]"
                    guard abs(p.points) <= DomainLimit.maxUnitPoints else {
                        if receiptLimitError == nil { receiptLimitError = ClaimError(message: "\(path): \(p.points) points per 回 is over the receipt's 7-digit 点数 (DomainLimit.maxUnitPoints)") }
                        continue
                    }
                    total = Checked.add(total, p.points * max(1, order.times ?? 1)) ?? .max
                    if total > DomainLimit.maxReceiptPoints, receiptLimitError == nil {
                        receiptLimitError = ClaimError(message: "\(path): the units add up to more than the receipt's 合計点数 limit of \(DomainLimit.maxReceiptPoints) (DomainLimit.maxReceiptPoints)")
                    }
                    if let c = component[o] {
                        // Its price alone too (each unit of two 採血 of the day states its own).
                        var alone = p.points
                        if case .success(let a) = pricer.price(items, category: order.category, masters: dated), !a.isYen { alone = a.points }
                        linked[c, default: []].append(LinkedUnit(order: o, stated: stated, computed: p.points, alone: alone, times: times, codes: codes, date: date, category: order.category))
                        continue
                    }
                    guard p.points != stated else { continue }
                    if once(e, o, stated, p.points) { continue }
                    // A child's 乳幼児加算 and 時間外等加算 coded apart are priced as coded (the 乳幼児加算 is not billed beside it); SA-A009
                    // bills the one 乳幼児 row instead, and the action says so rather than ask for the coded price alone (review 424
                    // JM-3: "state 373" beside SA-A009's 111011970, which gives the stated 488).
                    let infantRow = AddOnSubstitutions.embedded?.pairRow((0..<order.items.count).map { occurrences[k + $0].statedCode ?? occurrences[k + $0].code }, on: date)
                    f = AuditFinding(check: .statedPointsDiffer, claim: claim.id, encounter: e, order: o, item: 0, codes: codes,
                                     message: "the unit states \(stated) points; Santei computes \(p.points) points (\(date), 診療識別 \(order.category))"
                                        + (infantRow.map { " as coded; the 乳幼児加算 and the 時間外等加算 of a child's visit are one row, \($0.use) (\($0.name)): SA-A009" } ?? ""),
                                     action: infantRow.map { "bill \($0.use) in place of the 乳幼児加算 and the 時間外等加算 (SA-A009), or state \(p.points)" } ?? "state \(p.points)")
                case .failure(let issue):
                    // A unit whose 数量 × price overflows cannot be written on a receipt: refused, as `santei price` and
                    // `uke recalc` refuse it (review 158 D4: an info finding, exit 0).
                    if case .overflow = issue, receiptLimitError == nil {
                        receiptLimitError = ClaimError(message: "encounters[\(e)].orders[\(o)]: \(issue)")
                        continue
                    }
                    f = AuditFinding(check: .statedPointsUnpriced, claim: claim.id, encounter: e, order: o, item: 0, codes: codes,
                                     message: "the unit states \(stated) points; Santei cannot price it: \(issue)")
                }
                findings.append(f)
            }
            for (_, units) in linked.sorted(by: { $0.value[0].order < $1.value[0].order }) {
                let stated = units.reduce(0) { $0 + $1.stated * $1.times }, computed = units.reduce(0) { $0 + $1.computed * $1.times }
                let alone = units.reduce(0) { $0 + $1.alone * $1.times }
                // No まるめ over them (fewer tests than its threshold): each unit is its own (review 404 IR-5: one wrong ALT was told
                // as a group of 50 for 56).
                if computed == alone {
                    for u in units where u.stated != u.alone {
                        findings.append(AuditFinding(check: .statedPointsDiffer, claim: claim.id, encounter: e, order: u.order, item: 0, codes: u.codes,
                                                     message: "the unit states \(u.stated) points; Santei computes \(u.alone) points (\(u.date), 診療識別 \(u.category))",
                                                     action: "state \(u.alone)"))
                    }
                    continue
                }
                guard stated != computed else { continue }
                // Each states its own price and a test is in two of them: two 採血 of the day, two まるめ (review 404 IR-3).
                let eachAlone = units.allSatisfy { $0.stated == $0.alone }
                var seen = Set<String>(), repeated = false
                for u in units { for c in Set(u.codes) { if !seen.insert(c).inserted { repeated = true } } }
                if eachAlone && repeated { continue }
                findings.append(AuditFinding(check: .statedPointsDiffer, claim: claim.id, encounter: e, order: units[0].order, item: 0, codes: units.flatMap(\.codes),
                                             message: "the units holding the tests of one 採血 (検体検査 まるめ: 告示 D007 注 and its like, 患者から１回に採取した血液を用いて…行った場合) state \(stated) points together; Santei computes \(computed) points for them together (\(units[0].date)): the まるめ counts the tests of the 採血, not of a unit"
                                             + (eachAlone ? " — if they are of two 採血 of the day, each unit is right as it is" : ""),
                                             action: "state the tests as one unit of \(computed) points"))
            }
        }
    }
}

/// Masters/params/audit/prescription-period-add-ons.json (SA-R003).
struct PrescriptionPeriodAddOns: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var name: String; var codes: [String]; var minDays: Int; var categories: [Int]; var unlessCategories: [Int]
        var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey {
            case name, codes, categories, from, to, passage, minDays = "min_days", unlessCategories = "unless_categories"
        }
    }
    var rules: [Rule]
    /// Every rule's codes: the one test an item of the claim meets (no text made per item).
    var codes: Set<UInt64> = []
    enum CodingKeys: String, CodingKey { case rules }
    static let embedded: PrescriptionPeriodAddOns? = {
        guard var file = EmbeddedParameters.decode(PrescriptionPeriodAddOns.self, "params/audit/prescription-period-add-ons.json") else { return nil }
        file.codes = Set(file.rules.flatMap { $0.codes.compactMap(UInt64.init) })
        return file
    }()
}

/// Masters/params/audit/prescription-variants.json (SA-R004).
struct PrescriptionVariants: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var name: String; var issued: [String]; var notIssued: [String]; var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case name, issued, from, to, passage, notIssued = "not_issued" }
    }
    var rules: [Rule]
    /// Every rule's 'not_issued' codes: the one test an item of the claim meets.
    var notIssued: Set<UInt64> = []
    enum CodingKeys: String, CodingKey { case rules }
    static let embedded: PrescriptionVariants? = {
        guard var file = EmbeddedParameters.decode(PrescriptionVariants.self, "params/audit/prescription-variants.json") else { return nil }
        file.notIssued = Set(file.rules.flatMap { $0.notIssued.compactMap(UInt64.init) })
        return file
    }()
}
