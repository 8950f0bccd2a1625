import Foundation

// The 医科電子点数表: 02包括, 03-1〜03-4背反, 04入院基本料, 05算定回数, and the master's 上限回数.

extension AuditRun {
    // MARK: 包括 (02包括テーブル via 01補助マスターテーブル)

    /// SA-I001/SA-I009 — tensuhyo_01 §3(2): a code (子) in the 02 group of another code (親) billed in the
    /// 親's 包括単位 is 「所定点数に含まれる」 and not billable. 包括単位 01 same day, 02 same month, 03 same
    /// encounter (同時), 05 the week before the 親 (手術前１週間), 06 the 親's day (１手術につき).
    ///
    /// Cost: a parent looks only at the items whose code its group includes (by code, `InclusionIndex.codesByGroup`),
    /// not at every item of the claim.
    mutating func checkInclusion() {
        let byCode = liveProceduresByCode(history: false)
        var candidates: [Int] = []
        for p in 0..<currentCount where isLiveProcedure(p) {
            let parent = occurrences[p]
            let r = rules[parent.rules]
            guard let aux = r.auxiliary, let inclusion = r.inclusion, let av = aux.version(of: parent.code, on: parent.date) else { continue }
            for g in 0..<3 {
                let (unit, group) = aux.inclusion(av, g)
                guard unit != 0 else { continue }
                // The claim's items of the codes the group includes, in claim order.
                candidates.removeAll(keepingCapacity: true)
                let groupCodes = inclusion.codesByGroup[group] ?? []
                if groupCodes.count <= byCode.count {
                    for code in groupCodes { if let list = byCode[code] { candidates += list } }
                } else {
                    byCode.forEachGroup { code, list in if inclusion.hasRows(group: group, code: code) { candidates += list } }
                }
                candidates.sort()
                for c in candidates where c != p && isLiveProcedure(c) {
                    let child = occurrences[c]
                    guard child.code != parent.code, inclusion.includedCodes.contains(child.code) else { continue }
                    let within: Bool
                    switch InclusionUnit(rawValue: Int(unit)) {
                    case .perDay, .perSurgery: within = child.day == parent.day
                    case .sameMonth: within = child.yearMonth == parent.yearMonth
                    case .simultaneous: within = child.encounter == parent.encounter
                    case .weekBeforeSurgery: within = child.day <= parent.day && child.day >= parent.day - 7
                    default: within = false
                    }
                    guard within, let row = inclusion.row(group: group, code: child.code, on: child.date.yyyymmdd) else { continue }
                    let unitName = InclusionUnit(rawValue: Int(unit)).meaning ?? "\(unit)"
                    let what = "\(name(c)) is included in \(name(p)) (02包括 group \(aux.groupName(group)), 包括単位 \(unitName))"
                    if row.special {
                        report(.includedSpecial, c, codes: [parent.code], what + "; the row has a 特例条件: check the condition")
                    } else {
                        remove(c, .included, codes: [parent.code], what)
                    }
                }
            }
        }
    }

    /// SA-I002 — 告示 A002 注6: the 検体検査 and 処置 an 外来診療料 includes, billed beside it on the day (a UKE whose レセコン
    /// billed them; review 94). Reported only: `santei price` already leaves them out (`OutpatientFeeInclusion`), and a
    /// removal here would also hide the tests a 判断料 counts (通知 A002).
    mutating func checkOutpatientFeeInclusion() {
        guard !inpatient, let rules = OutpatientFeeInclusionRules.embedded else { return }
        for (e, encounter) in claim.encounters.enumerated() {
            // Only a day with a 再診 row (A002 rows are 112…) can hold an 外来診療料: no masters look-up on the others.
            guard encounter.orders.contains(where: { $0.items.contains { $0.code.hasPrefix("112") } }),
                  let date = ServiceDate(encounter.date) else { continue }
            // An 外来診療料 a 医学管理料 includes (B001-2-12 注1: 外来腫瘍化学療法診療料 — 外来診療料…は、別に算定できない) is not billed
            // and includes nothing (review 373 HM-2), as `santei price` reads it.
            if includedInManagementFee.contains(where: { k in
                let o = occurrences[k]
                guard o.encounter == e, let t = self.rules[o.rules].procedures else { return false }
                return OutpatientFeeInclusion.isBase(o.code, t, on: o.date)
            }) { continue }
            var notes: [String] = []
            for x in OutpatientFeeInclusion(rules: rules).included(encounter, e: e, dated: DatedMasters(auditor.masters, on: date), notes: &notes) {
                guard let k = (0..<currentCount).first(where: { occurrences[$0].encounter == e && occurrences[$0].order == x.order && occurrences[$0].item == x.item }),
                      isLiveProcedure(k) else { continue }
                report(.includedInOutpatientFee, k, "\(name(k)) on \(encounter.date) is \(x.why)")
                includedInOutpatientFee.insert(k)
            }
        }
    }

    /// Whether a 背反 table (03-1…03-4) pairs the occurrence's code with `code`.
    func isConflictPartner(_ k: Int, _ code: UInt64) -> Bool {
        let o = occurrences[k]
        for n in MasterKind.conflictKinds.indices {
            if let index = rules[o.rules].conflicts[n], index.partners[o.code]?.contains(code) == true { return true }
        }
        return false
    }

    /// SA-I003 — a row a fee of its day, order or month includes (Masters/params/management-fee-inclusion.json: B001-2, C002, J119 注2
    /// …), as the pricer reads it (`ManagementFeeInclusion.why`), billed in the claim: a receipt sent as stated bills it (review 332
    /// FW-1: two J119 療法 of one day passed the audit though santei price leaves one out).
    /// Returns the rows it named (but those its including fee is the 背反 partner of): they take no part in the 背反 check (`checkConflicts`) — a row not billed cannot make another
    /// go (review 343 GH-1: C101 was removed as C109's 背反 partner, and C109 was then left out as included in the month's C002, so
    /// neither 指導管理料 was billed).
    mutating func checkManagementFeeInclusion() -> [Int] {
        var named: [Int] = []
        guard currentCount > 0, let feeRules = ManagementFeeInclusionRules.embedded else { return named }
        let inclusion = ManagementFeeInclusion(rules: feeRules, claim: claim, masters: auditor.masters, mastersDate: nil)
        guard !inclusion.isEmpty else { return named }
        // A fee an earlier check removed (SA-C012: 小児科外来診療料 on a パリビズマブ day) includes nothing (review 345 GK-2).
        let removedFees = Set((0..<currentCount).filter { !occurrences[$0].alive && occurrences[$0].kind == .procedure }.map { occurrences[$0].code })
        var notes: [String] = []
        var sectionsOfOrder: [Int: [String]] = [:]   // the 区分 of an order's 診療行為 rows, read once per order
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard o.version >= 0, let t = rules[o.rules].procedures, claim.encounters.indices.contains(o.encounter),
                  claim.encounters[o.encounter].orders.indices.contains(o.order) else { continue }
            let order = claim.encounters[o.encounter].orders[o.order]
            let orderKey = o.encounter << 20 | o.order
            let orderSections: [String]
            if let known = sectionsOfOrder[orderKey] { orderSections = known } else {
                orderSections = order.items.compactMap { item in
                    guard item.code.first == "1", let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: o.date),
                          !t.field(v, ProcedureColumn.noticeClass1, is: "9") else { return nil }
                    return InpatientPricer.section(t, v)
                }
                sectionsOfOrder[orderKey] = orderSections
            }
            guard let found = inclusion.inclusion(code: String(o.code), category: order.category, section: InpatientPricer.section(t, o.version),
                                                  generalAddOn: t.field(o.version, ProcedureColumn.noticeClass1, is: "9"), encounter: o.encounter, order: o.order,
                                                  date: o.date, orderSections: orderSections, notes: &notes) else { continue }
            let fee = UInt64(found.fee)
            if let fee, removedFees.contains(fee) { continue }
            report(.includedInManagementFee, k, "\(name(k)) on \(o.date) is \(found.why)")
            includedInManagementFee.insert(k)
            // Set aside for the 背反 check unless the fee that includes it is its own 背反 partner: then the table decides between
            // them (B001-2 注2: no 小児科外来診療料 in a month of C103 — the 03-2 row keeps the C103; review 256 P5).
            if let fee, isConflictPartner(k, fee) { continue }
            named.append(k)
        }
        return named
    }

    // MARK: 背反 (03-1〜03-4)

    /// SA-H001…SA-H004, SA-H009 — tensuhyo_01 §3(3), §5(3): a pair of codes in a 背反 table, billed within the
    /// table's span (03-1 the same day, 03-2 the same month, 03-3 the same encounter, 03-4 within 7 days),
    /// keeps the code its 背反区分 names (1 コード①, 2 コード②); 3 (何れか一方) keeps the one with more points,
    /// or the one already billed in an earlier claim. A pair whose row has a 特例条件 is only reported.
    ///
    /// Cost: an item looks only at the items (claim and history) of the codes it is paired with
    /// (`ConflictIndex.partners`), in claim order, not at every item.
    mutating func checkConflicts() {
        let checks: [AuditCheckID] = [.conflictDay, .conflictMonth, .conflictSimultaneous, .conflictWeek]
        let byCode = liveProceduresByCode(history: true)
        var candidates: [Int] = []
        for (n, kind) in MasterKind.conflictKinds.enumerated() {
            for a in 0..<currentCount where isLiveProcedure(a) {
                guard let index = rules[occurrences[a].rules].conflicts[n], index.codes.contains(occurrences[a].code) else { continue }
                candidates.removeAll(keepingCapacity: true)
                // The items of the code's partners: by partner, or, when the code has more partners than the
                // claim has codes (初診料 pairs with hundreds), by the claim's codes that are partners (sorted list).
                let partners = index.partners[occurrences[a].code] ?? []
                if partners.count <= byCode.count {
                    for code in partners { if let list = byCode[code] { candidates += list } }
                } else {
                    byCode.forEachGroup { code, list in if ItemsByCode.sortedContains(partners, code) { candidates += list } }
                }
                candidates.sort()
                for b in candidates where b != a && isLiveProcedure(b) && occurrences[a].alive {
                    let x = occurrences[a], y = occurrences[b]
                    // Each pair of the claim once (a < b); a history item pairs with every claim item.
                    if !y.isHistory && b < a { continue }
                    guard x.code != y.code else { continue }
                    let within: Bool
                    switch kind {
                    case .conflictDay: within = x.day == y.day
                    case .conflictMonth: within = x.yearMonth == y.yearMonth
                    case .conflictSimultaneous: within = !y.isHistory && x.encounter == y.encounter
                    default: within = abs(x.day - y.day) < 7
                    }
                    guard within else { continue }
                    let d = max(x.date, y.date).yyyymmdd
                    let forward = index.row(x.code, y.code, on: d), backward = index.row(y.code, x.code, on: d)
                    guard forward != nil || backward != nil else { continue }
                    // Which stands: 1 → コード①, 2 → コード②, 3 → either (a direction saying 3 wins, §4(2)ウ).
                    var keep: Int?   // a or b
                    if let f = forward, f.resolution != 3, backward?.resolution != 3 { keep = f.resolution == 1 ? a : b }
                    else if forward == nil, let g = backward, g.resolution != 3 { keep = g.resolution == 1 ? b : a }
                    let special = (forward?.special ?? 0) == 1 || (backward?.special ?? 0) == 1
                    let rowText = forward.map { "背反区分 \($0.resolution)" } ?? backward.map { "背反区分 \($0.resolution) (as ②/①)" } ?? ""
                    var loser: Int
                    // 背反区分 3 whose choice the 告示 makes (B001 6 注4: てんかん指導料 gives way to B000 …):
                    // Masters/params/audit/conflict-preferences.json.
                    let preferred = keep == nil ? ConflictPreferences.embedded?.loser(x.code, y.code, on: max(x.date, y.date)) : nil
                    if let keep { loser = keep == a ? b : a }
                    else if let p = preferred { loser = p.loser == x.code ? a : b }
                    else if y.isHistory { loser = a }
                    else { loser = points(a) >= points(b) ? b : a }
                    let winner = loser == a ? b : a
                    if occurrences[loser].isHistory {
                        // The table keeps the current item over one already billed: report, nothing to remove.
                        report(checks[n], a, codes: [y.code], "\(name(a)) and \(name(b))\(billedBefore(b)) may not both be billed (\(kind.rawValue) \(kind.japaneseName), \(rowText)); the table keeps \(name(a))")
                        continue
                    }
                    let what = "\(name(loser)) may not be billed with \(name(winner))\(billedBefore(winner)) (\(kind.rawValue) \(kind.japaneseName), \(rowText)\(keep == nil ? (preferred.map { ", either one by the table; the 告示 decides: \($0.passage)" } ?? ", either one: the one with fewer points goes") : ""))"
                    if special {
                        report(.conflictSpecial, loser, codes: [occurrences[winner].code], what + "; the row has a 特例条件: check the condition")
                    } else {
                        remove(loser, checks[n], codes: [occurrences[winner].code], what)
                    }
                }
            }
        }
    }

    /// Where an item outside the claim's orders was billed: an earlier claim, or the claim's own `admission.additions`.
    func billedBefore(_ k: Int) -> String {
        let o = occurrences[k]
        guard o.isHistory else { return "" }
        return o.encounter == Occurrence.statedAddition ? " (admission.additions, \(o.date))" : " (billed \(o.date) in an earlier claim)"
    }

    /// The stated 入院基本料等加算 of an 入院 claim on their stated days, as items already billed, for the 03 背反 check
    /// only (`Auditor.audit`): an ordered item the table does not allow beside one is removed — B001 10 入院栄養食事指導料 in
    /// the week of A233-2 栄養サポートチーム加算 (03-4背反テーブル 1週間: the 加算 stands; A233-2 注1, R06 ika-kokuji.txt
    /// 2198-2200). A 加算 stated without days is left to the stay's pricing (its days follow from the 05 算定単位).
    mutating func addStatedAdditions() {
        guard let additions = claim.admission?.additions else { return }
        for a in additions {
            guard let days = a.days, let code = Self.code9(a.code), Self.kind(code) == .procedure else { continue }
            for text in days {
                guard let date = ServiceDate(text) else { continue }
                let r = rulesIndex(date)
                guard let t = rules[r].procedures, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { continue }
                var occ = Occurrence(encounter: Occurrence.statedAddition, order: -1, item: -1, date: date, day: date.dayNumber, code: code,
                                     kind: .procedure, times: 1, originalTimes: 1, rules: r)
                occ.version = v
                occurrences.append(occ)
            }
        }
    }

    // MARK: 入院基本料 (04 via 01)

    /// SA-B001/SA-B002 — tensuhyo_01 §3(4): on a day with an 入院基本料 (01 入院基本料識別 ≠ 000), an
    /// 入院基本料加算 (a code of 04) must be in the 入院基本料's group, and two 加算 of one group with the same
    /// 加算識別 cannot both be billed.
    mutating func checkAdmissionAddOns() {
        // 入院基本料 and 加算 by day: an item looks at its own day only.
        var basesByDay: [Int: [(k: Int, group: Int)]] = [:]
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            if let aux = rules[o.rules].auxiliary, let v = aux.version(of: o.code, on: o.date), aux.admissionGroup(v) != 0 {
                basesByDay[o.day, default: []].append((k, aux.admissionGroup(v)))
            }
        }
        guard !basesByDay.isEmpty else { return }
        var addOns: [Int] = []
        var addOnsByDay: [Int: [Int]] = [:]
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard basesByDay[o.day] != nil, let admission = rules[o.rules].admission, admission.isAddOn(o.code, on: o.date.yyyymmdd) else { continue }
            addOns.append(k)
            addOnsByDay[o.day, default: []].append(k)
        }
        for k in addOns where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let admission = rules[o.rules].admission else { continue }
            let sameDay = (basesByDay[o.day] ?? []).filter { occurrences[$0.k].alive }
            guard !sameDay.isEmpty else { continue }
            guard let base = sameDay.first(where: { admission.addOnClass(o.code, group: $0.group, on: o.date.yyyymmdd) != nil }) else {
                remove(k, .admissionAddOnNotInGroup, codes: [occurrences[sameDay[0].k].code],
                       "\(name(k)) is not an 入院基本料加算 of \(name(sameDay[0].k)) (04 group \(String(format: "%03d", sameDay[0].group)))")
                continue
            }
            guard let cls = admission.addOnClass(o.code, group: base.group, on: o.date.yyyymmdd) else { continue }
            // Only 加算 of the same day can share a 加算識別 (a code with a 加算識別 in a group is an 加算).
            for j in addOnsByDay[o.day] ?? [] where j < k && isLiveProcedure(j) && occurrences[j].code != o.code {
                guard admission.addOnClass(occurrences[j].code, group: base.group, on: o.date.yyyymmdd) == cls else { continue }
                let loser = points(j) > points(k) ? k : j
                let winner = loser == k ? j : k
                remove(loser, .admissionAddOnsExclusive, codes: [occurrences[winner].code],
                       "\(name(loser)) and \(name(winner)) have the same 加算識別 \(cls) in 04 group \(String(format: "%03d", base.group)) of \(name(base.k)): only one may be billed")
                if loser == k { break }
            }
        }
    }

    // MARK: 算定回数 (05)

    /// The 医薬品 (code and 使用量) the claim orders on a day in orders of the given 診療識別, sorted: a 処方 to compare
    /// (B011-3 (5): the 日数 of a 剤, its order's 回数, is left out).
    func prescription(on day: Int, _ categories: [Int]) -> [String] {
        var out: [String] = []
        for encounter in claim.encounters where ServiceDate(encounter.date)?.dayNumber == day {
            for order in encounter.orders where categories.contains(order.category) {
                for item in order.items where item.code.utf8.first == UInt8(ascii: "6") { out.append(item.code + ":" + String(item.quantity?.scaled ?? 0)) }
            }
        }
        return out.sorted()
    }

    /// SA-N001/SA-N002 — tensuhyo_01 §3(5): the count of a code per 算定単位 may not exceed 算定回数.
    /// 日, 週 (日曜日〜土曜日), 月 (月の初日〜末日: 通知 第1章 通則6), 年度 (4月〜3月) are calendar periods;
    /// ２週 is 14 days, ２月〜１２月 the calendar months ending with the item's, ２年・５年 likewise; 患者当り
    /// counts every claim given. Earlier claims (`--history`) count; their items are never reported. 初診時 rows are
    /// billable at a 初診 only. 入院中 counts over the stay of an 入院 claim (from admission.date; with `inpatient: true` alone, over the claim). Other units (一連, 手術当り …) need
    /// facts a claim does not carry and are not checked.
    /// 主たるもののみ (Masters/params/main-only-per-day.json): the rows the pricer leaves unbilled beside the day's (or the
    /// encounter's) main one take no part in the counts that follow (review 330 FU-2: an unbilled B001-2-12 イ(2) beside the
    /// day's イ(1) made the week's other イ(2) "the second" and SA-N001 removed it). Each is named once as SA-N008 (warning, not
    /// removed: the pricer leaves it out; a receipt sent as stated bills it — review 332 FW-1). Not the
    /// rules of a fact the claim lacks (`advise`), nor the 麻酔 rules (診療識別 54), which the pricer weighs with their 麻酔管理.
    /// Returns the rows set aside; `checkCountLimits` done, they are put back (`restore`): the other checks see them as before
    /// (review 330 EU31: a C005 加算 of the day's second visit was removed once its base was set aside).
    mutating func setAsideMainOnlyLosers() -> [Int] {
        var setAside: [Int] = []
        guard let file = MainOnlyPerDay.embedded, currentCount > 0 else { return setAside }
        // Most claims hold at most one row of the rules' 区分: one pass over the items, no master look-up beyond the row's own.
        var candidates = 0
        for k in 0..<currentCount where isLiveProcedure(k) {
            guard let t = rules[occurrences[k].rules].procedures, let sc = SectionCode(t, occurrences[k].version), file.allSections.contains(sc) else { continue }
            candidates += 1
            if candidates > 1 { break }
        }
        guard candidates > 1 else { return setAside }
        var byDay: [String: [Int]] = [:]
        for (e, encounter) in claim.encounters.enumerated() where encounter.orders.contains(where: { file.covers($0.category, day: true) || file.covers($0.category, day: false) }) {
            byDay[encounter.date, default: []].append(e)
        }
        for (day, list) in byDay {
            guard let date = ServiceDate(day), let k0 = (0..<currentCount).first(where: { occurrences[$0].date == date }),
                  let t = rules[occurrences[k0].rules].procedures else { continue }
            for rule in file.rules where rule.advise == nil && rule.category != 54 && rule.applies(on: date) {
                let perDay = rule.perDay == true
                for group in perDay ? [list] : list.map({ [$0] }) {
                    guard group.contains(where: { e in claim.encounters[e].orders.contains { rule.covers($0.category) } }) else { continue }
                    let found = rule.rows(in: group, of: claim, table: t, date: date, basesOnly: perDay)
                    guard found.count > 1, let keep = MainOnlyPerDay.Rule.main(of: found) else { continue }
                    // A second row of the main one's own code is the count's to judge (C005 twice a day: the 05 table's 1日 and the
                    // 難病等複数回訪問加算 of the second visit — review 304 EU31).
                    for (n, f) in found.enumerated() where n != keep.offset && f.code != keep.element.code {
                        for k in 0..<currentCount where occurrences[k].alive && occurrences[k].encounter == f.path.encounter && occurrences[k].order == f.path.order && occurrences[k].item == f.path.item {
                            // SA-N008: a receipt sent as stated bills it (review 332 FW-1: two J119 療法 of one day passed the audit).
                            if !setAside.contains(where: { occurrences[$0].encounter == f.path.encounter && occurrences[$0].order == f.path.order && occurrences[$0].item == f.path.item }) {
                                report(.mainOnlyOfDay, k, codes: [UInt64(keep.element.code) ?? 0],
                                       "\(name(k)) on \(occurrences[k].date) is not billed beside \(keep.element.code), the main \(rule.section) of the \(perDay ? "day" : "encounter") — 主たるもののみ (\(rule.citation)); santei price leaves it out",
                                       action: "leave out \(occurrences[k].code)")
                            }
                            occurrences[k].alive = false
                            setAside.append(k)
                        }
                    }
                }
            }
        }
        return setAside
    }

    mutating func restore(_ setAside: [Int]) { for k in setAside { occurrences[k].alive = true } }

    mutating func checkCountLimits() {
        checkGroupCountLimits()
        // Every live claim item and every history item, grouped by code, in date order (claim items before
        // history ones on the same day): one sort per claim, no allocation per code.
        var order: [Int] = []
        order.reserveCapacity(occurrences.count)
        for k in 0..<occurrences.count where occurrences[k].isHistory || isLiveProcedure(k) { order.append(k) }
        order.sort { (occurrences[$0].code, occurrences[$0].day, occurrences[$0].isHistory ? 1 : 0, $0) < (occurrences[$1].code, occurrences[$1].day, occurrences[$1].isHistory ? 1 : 0, $1) }
        var accepted: [(day: Int, yearMonth: Int, times: Int)] = []
        // prefix[n] = Σ times of accepted[0..<n]: the items in an item's window are a suffix of `accepted`
        // (items come in date order and every window ends on the item's day), so the count used in the
        // window is one subtraction and the window's start only moves forward — O(n) per code and row.
        var prefix: [Int] = [0]
        var start = 0
        while start < order.count {
            let code = occurrences[order[start]].code
            var end = start + 1
            while end < order.count && occurrences[order[end]].code == code { end += 1 }
            defer { start = end }
            guard let k = order[start..<end].first(where: { !occurrences[$0].isHistory }), let counts = rules[occurrences[k].rules].counts else { continue }
            for r in counts.rows(of: code) {
                let row = counts.rows[r]
                // 初診時 (算定単位 159: E203 他医撮影の診断料, I002 初診日に60分以上 …): billable only at a 初診 — an encounter
                // stated `visit: first` or billing a 初診料 row (111…) that day (通知 E203 (3): 初診料を算定した日に限り).
                if row.unit == .atFirstVisit, row.dates.contains(occurrences[k].date.yyyymmdd) {
                    // A 第1部 row of 初診時 (小児科外来診療料・小児かかりつけ診療料 初診時: B001-2 注3, B001-2-11 注3 include the
                    // 初診料) is the 初診's own fee: no 初診料 row goes with it, and a UKE receipt has no `visit` (review 212 BG-3:
                    // audit apply removed 113003710 from a legal receipt).
                    if code / 1_000_000 == 113 { continue }
                    for j in order[start..<end] where !occurrences[j].isHistory && occurrences[j].alive && !isFirstVisit(occurrences[j].encounter) {
                        remove(j, .countLimit, "\(name(j)): 算定単位 初診時 (05算定回数テーブル) on \(occurrences[j].date), which bills no 初診 (no 初診料 and encounters[\(occurrences[j].encounter)].visit is not \"first\")")
                    }
                    continue
                }
                // 入院初日 (算定単位 132: A207 診療録管理体制加算, A245 データ提出加算 …「入院初日に限り」): billable on the 入院の日 only,
                // and not at all on a 再入院 whose 起算日 is an earlier stay's (通知 第2部 通則8); a UKE 入院 receipt's 入院年月日 (RE)
                // is that day (review 359 GY-3: 190832110 on day 3 of the stay passed). Stated 加算 of `admission.additions` are the
                // stay pricing's.
                if row.unit == .admissionFirstDay, row.dates.contains(occurrences[k].date.yyyymmdd) {
                    // 「入院初日及び入院期間が90日を超えるごとに１回」 (A234-2 感染対策向上加算３ and its 注加算): the SA-V004 rule of the code
                    // decides (review 365 HE-1: day 91 removed).
                    if auditor.parameters.admissionPeriods.contains(where: { $0.everyDays != nil && $0.codes.contains(code) && $0.applies(on: occurrences[k].date) }) { continue }
                    let first: ServiceDate?
                    if let a = claim.admission { first = a.reckoningDate == nil || a.reckoningDate == a.date ? ServiceDate(a.date) : nil }
                    else if let d = claim.receiptAdmissionDate { first = d }
                    else { continue }
                    for j in order[start..<end] where !occurrences[j].isHistory && occurrences[j].alive && occurrences[j].encounter >= 0 && occurrences[j].date != first {
                        let why = first.map { "the 入院の日 is \($0)" } ?? "the stay is a 再入院 counted from \(claim.admission?.reckoningDate ?? "")"
                        remove(j, .countLimit, "\(name(j)): 算定単位 入院初日 (05算定回数テーブル) on \(occurrences[j].date), and \(why)")
                    }
                    continue
                }
                guard row.dates.contains(occurrences[k].date.yyyymmdd), row.limit > 0 else { continue }
                // 入院中 (算定単位 133: I008-2 精神科ショート・ケア（入院中の患者） 入院中1回 …): on an 入院 claim, the stay from its
                // 入院日 (admission.date) — earlier claims of the stay (`--history`) count; an 入院外 claim has no stay to count in.
                let span: Span
                if let s = Self.span(row.unit) { span = s }
                else if row.unit == .duringAdmission, let a = claim.admission, let start = ServiceDate(a.date) { span = .since(start.dayNumber) }
                // A UKE 入院 receipt: its RE 入院年月日 (review 359 GY-3).
                else if row.unit == .duringAdmission, let start = claim.receiptAdmissionDate { span = .since(start.dayNumber) }
                else if row.unit == .duringAdmission, inpatient, let first = claim.encounters.compactMap({ ServiceDate($0.date)?.dayNumber }).min() {
                    // An 入院 receipt stated by `inpatient: true` alone: its month is in the stay (its 入院日 unknown).
                    span = .since(first)
                }
                // 一連 (算定単位 141: D206 心臓カテーテル法による諸検査 「一連の検査について」, 網膜光凝固術 …): a series the claim does
                // not delimit; more than its 回数 in one day is asked about, not removed (a second eye, a second site may be one of
                // its own — review 313 FD-3: 左心カテーテル twice on a day billed twice, nothing said).
                else if row.unit == .series { span = .day }
                else { continue }
                // A 特例条件 row of a code counted with others (count-limits.json groups: I002, C001): the group decides.
                if row.special, let supplement = CountLimitSupplement.embedded, let gs = supplement.groupOf[code],
                   gs.contains(where: { supplement.groups[$0].unit == row.unit.rawValue }) { continue }
                accepted.removeAll(keepingCapacity: true)
                // 回数 over the limit already lowered in this pass: the message counts them too (review 317 FH-4: days 15–20 of a
                // 14日以内 row each said "15 in one 入院中").
                var over: [(day: Int, yearMonth: Int, times: Int)] = []
                prefix.removeAll(keepingCapacity: true)
                prefix.append(0)
                var windowStart = 0
                // 特例条件 「処方の内容に変更があった場合」 (count-limits.json prescription_change): the day it was last billed.
                let changeRule = row.special ? CountLimitSupplement.embedded?.prescriptionChange(of: code, on: occurrences[k].date) : nil
                var lastBilled: (day: Int, date: ServiceDate, yearMonth: Int)? = nil
                func accept(_ a: (day: Int, yearMonth: Int, times: Int)) {
                    accepted.append(a)
                    prefix.append(prefix[prefix.count - 1] + a.times)   // ≤ items × 999 (DomainLimit.timesRange)
                }
                for j in order[start..<end] {
                    let o = occurrences[j]
                    guard o.isHistory || o.alive else { continue }
                    if o.isHistory { accept((o.day, o.yearMonth, o.times)); continue }
                    while windowStart < accepted.count,
                          !Self.sameWindow(span, accepted[windowStart].day, accepted[windowStart].yearMonth, o.day, o.yearMonth) { windowStart += 1 }
                    let used = prefix[accepted.count] - prefix[windowStart]
                    let allowed = max(0, row.limit - used)
                    if o.times > allowed {
                        let earlier = over.reduce(0) { n, x in Self.sameWindow(span, x.day, x.yearMonth, o.day, o.yearMonth) ? n + x.times : n }
                        let what = "\(name(j)): \(used + earlier + o.times) in one \(row.unit.meaning ?? "\(row.unit.rawValue)") (05算定回数テーブル: \(row.limit) per \(row.name))"
                        if let rule = changeRule, let last = lastBilled, last.day != o.day, Self.sameWindow(span, last.day, last.yearMonth, o.day, o.yearMonth) {
                            // B011-3 (5): その都度 when the 処方 changed; not for 処方日数 alone.
                            let now = prescription(on: o.day, rule.categories)
                            if now.isEmpty || now == prescription(on: last.day, rule.categories) {   // no 処方 that day: nothing changed (review 187 AH-05)
                                lower(j, to: allowed, .countLimit, what + (now.isEmpty ? "; no 処方 of 内服・頓服・外用 that day" : "; the 処方 (医薬品 and 使用量) is the same as on \(last.date)") + ", so its 特例 (処方の内容に変更があった場合) does not hold — \(rule.source)")
                                if allowed > 0 { accept((o.day, o.yearMonth, allowed)) }
                            } else {
                                accept((o.day, o.yearMonth, o.times)); lastBilled = (o.day, o.date, o.yearMonth)
                            }
                        } else if row.unit == .series {
                            report(.countLimitSpecial, j, what + " on one day — the 05 unit is 一連 (a series): if this is the same 一連, bill it once")
                            accept((o.day, o.yearMonth, o.times))
                        } else if row.special, let t = rules[o.rules].procedures, RehabilitationUnitRules.embedded?.counts(o.code, t, on: o.date) == true {
                            // A 疾患別リハ row's 「１日６単位（…９単位）」 特例 is SA-N009/SA-N010's, counted over the 区分 together and told
                            // by rehabilitation_nine_units (review 383 HW-1: a correct 9-unit day with the fact stated was asked about).
                            accept((o.day, o.yearMonth, o.times))
                        } else if row.special {
                            report(.countLimitSpecial, j, what + "; the row has a 特例条件: check the condition")
                            accept((o.day, o.yearMonth, o.times))
                        } else {
                            lower(j, to: allowed, .countLimit, what)
                            if allowed > 0 { accept((o.day, o.yearMonth, allowed)) }
                            over.append((o.day, o.yearMonth, o.times - allowed))
                        }
                    } else {
                        accept((o.day, o.yearMonth, o.times))
                        if changeRule != nil { lastBilled = (o.day, o.date, o.yearMonth) }
                    }
                }
            }
        }
    }

    /// SA-N001 — codes counted together per 算定単位 (`Masters/params/audit/count-limits.json` groups): I002 注1
    /// 「１と２を合わせて週１回」 (退院後４週間以内 週２回), C001 注1 「イ及びロを併せて」週３回 (別に厚生労働大臣が定める疾病等の
    /// 患者を除く). The 05 table gives each code its own row with a 特例条件; the group counts them together, in date
    /// order, earlier claims (`--history`) included; the encounter's fact (`encounters[].facts`) gives the exception's limit.
    mutating func checkGroupCountLimits() {
        guard let supplement = CountLimitSupplement.embedded, !supplement.groups.isEmpty else { return }
        var members: [Int: [Int]] = [:]
        for k in 0..<occurrences.count where occurrences[k].isHistory || isLiveProcedure(k) {
            for g in supplement.groupOf[occurrences[k].code] ?? [] { members[g, default: []].append(k) }
        }
        // A row a fee of its day includes (management-fee-inclusion.json: I008-2 精神科ショート・ケア takes the day's other 精神科専門療法)
        // is not 算定 and does not count (review 284 EA-2: the I002 of a ショート・ケア day made the week's only billed I002 the second).
        guard !members.isEmpty else { return }
        let inclusion = ManagementFeeInclusionRules.embedded.map { ManagementFeeInclusion(rules: $0, claim: claim, masters: auditor.masters, mastersDate: nil) }
        func included(_ k: Int) -> Bool {
            let o = occurrences[k]
            guard let inclusion, !o.isHistory, o.version >= 0, claim.encounters.indices.contains(o.encounter),
                  claim.encounters[o.encounter].orders.indices.contains(o.order), let t = rules[o.rules].procedures else { return false }
            var notes: [String] = []
            return inclusion.why(code: String(o.code), category: claim.encounters[o.encounter].orders[o.order].category,
                                 section: InpatientPricer.section(t, o.version), encounter: o.encounter, order: o.order, notes: &notes) != nil
        }
        for (g, list) in members.sorted(by: { $0.key < $1.key }) {
            let group = supplement.groups[g]
            guard let span = Self.span(CountUnit(rawValue: group.unit)) else { continue }
            // In date order; on one day the row of more points first, so that the one over the limit is the lesser row whatever
            // order the clerk wrote them in (通知 I002 (11): the 家族 通院精神療法 of the patient's day is included in the patient's —
            // review 230 BY-1: the patient's 410 was removed for the 家族's 315 when the 家族 order came first).
            func points(_ k: Int) -> Int {
                let o = occurrences[k]
                guard o.version >= 0, let t = rules[o.rules].procedures else { return 0 }
                return t.hundredths(o.version, ProcedureColumn.points) ?? 0
            }
            let sorted = list.sorted { (occurrences[$0].day, occurrences[$0].isHistory ? 1 : 0, -points($0), $0) < (occurrences[$1].day, occurrences[$1].isHistory ? 1 : 0, -points($1), $1) }
            var accepted: [(day: Int, yearMonth: Int, times: Int)] = []
            // `only_with_codes_in_month`: the months of the claim that bill one of those codes (read once per group).
            let monthsWithCodes: Set<Int>? = group.onlyWithCodesInMonth.map { list in
                let codes = Set(list.compactMap(UInt64.init))
                return Set((0..<currentCount).filter { isLiveProcedure($0) && codes.contains(occurrences[$0].code) }.map { occurrences[$0].yearMonth })
            }
            for j in sorted {
                let o = occurrences[j]
                // An earlier month of --history counts toward the limit in force on the claim's day, from before the group's
                // first date too (review 289 EF-1: C158 of April and May 2024 were not counted for June's ３月).
                if o.isHistory { accepted.append((o.day, o.yearMonth, o.times)); continue }
                guard group.dates(supplement, g).contains(o.date.yyyymmdd) else { continue }
                guard o.alive, !included(j) else { continue }
                if let months = monthsWithCodes, !months.contains(o.yearMonth) { continue }
                let byFact = group.exceptionFact.map { fact in claim.encounters.indices.contains(o.encounter) && claim.encounters[o.encounter].facts?.contains(fact) == true } ?? false
                let byCode = group.exceptionCodesInMonth.map { codes in
                    list.contains { m in !occurrences[m].isHistory && occurrences[m].yearMonth == o.yearMonth && codes.contains(String(occurrences[m].code)) }
                } ?? false
                // I004 注4: within 4 weeks of the 初診日 when the claim holds the 初診; without it the window is unknown.
                var byFirstVisit = false, firstVisitUnknown = false
                if let days = group.exceptionDaysFromFirstVisit, !byFact {
                    let firsts = claim.encounters.indices.filter { isFirstVisit($0) }.compactMap { ServiceDate(claim.encounters[$0].date)?.dayNumber }
                    if let first = firsts.filter({ $0 <= o.date.dayNumber }).max() { byFirstVisit = o.date.dayNumber - first < days } else { firstVisitUnknown = true }
                }
                // I001 注2: within 4 weeks of the 入院の日 (the stay's 起算日, 通知 I001 (7)).
                var byAdmission = false
                if let days = group.exceptionDaysFromAdmission, !byFact, let a = claim.admission, let start = ServiceDate(a.reckoningDate ?? a.date) {
                    byAdmission = o.date.dayNumber - start.dayNumber < days
                }
                let excepted = byFact || byCode || byFirstVisit || byAdmission
                let limit = excepted ? group.exceptionLimit : group.limit
                let used = accepted.reduce(0) { n, a in Self.sameWindow(span, a.day, a.yearMonth, o.day, o.yearMonth) ? n + a.times : n }
                guard let limit else { accepted.append((o.day, o.yearMonth, o.times)); continue }
                let allowed = max(0, limit - used)
                if o.times > allowed {
                    // The 初診 on an earlier receipt (review 134: I004 twice in a week billed on a guess that it was within 4
                    // weeks): the limit without the exception, as without any fact — the clerk states the fact that lifts it.
                    let unitName = CountUnit.meanings[group.unit] ?? "\(group.unit)"
                    let fact = group.exceptionFact ?? ""
                    let why: String
                    if byFact { why = " (\(fact))" }
                    else if byCode { why = " (the month of the 初回)" }
                    else if byFirstVisit { why = " (within 4 weeks of the 初診日)" }
                    else if byAdmission { why = " (within 4 weeks of the 入院の日)" }
                    else if firstVisitUnknown {
                        let higher = group.exceptionLimit.map { String($0) } ?? "no limit"
                        why = "; the 初診 is not in this claim: encounters[].facts \"\(fact)\" when it is within 4 weeks of the 初診日 (\(higher) allowed then)"
                    } else { why = group.exceptionFact == nil ? "" : "; encounters[].facts \"\(fact)\" when it applies" }
                    lower(j, to: allowed, .countLimit, "\(name(j)): \(used + o.times) of \(group.name) in one \(unitName), \(limit) allowed\(why) (\(group.source.prefix(while: { $0 != ":" })); Masters/params/audit/count-limits.json)")
                    if allowed > 0 { accepted.append((o.day, o.yearMonth, allowed)) }
                } else {
                    accepted.append((o.day, o.yearMonth, o.times))
                }
            }
        }
    }

    /// Whether the claim's encounter is a 初診: stated `visit: "first"`, or it bills a 初診料 row (コード 111…).
    func isFirstVisit(_ e: Int) -> Bool {
        guard claim.encounters.indices.contains(e) else { return false }
        let encounter = claim.encounters[e]
        if encounter.visit == "first" { return true }
        // A 初診料 row: コード 111… of 区分 A000 — not B001-2-3 乳幼児育児栄養指導料 111000470, a 111 code of 初診時 itself (review 262
        // DE-2: it made its own 再診 day a 初診).
        return encounter.orders.contains { $0.items.contains { item in
            guard item.code.hasPrefix("111") else { return false }
            // The master is asked only for a 111 code (most encounters have none).
            guard let d = ServiceDate(encounter.date), case .success(let t) = auditor.dated(d).procedures, let c = UInt64(item.code),
                  let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d) else { return true }
            return t.bytes(v, ProcedureColumn.codeTableAlphabet).first == UInt8(ascii: "A") && t.integer(v, ProcedureColumn.sectionNumber) == 0
        } }
    }

    enum Span { case day, week, month, fiscalYear, rollingDays(Int), rollingMonths(Int), patient, since(Int) }

    static func span(_ unit: CountUnit) -> Span? {
        if unit == .perPatient { return .patient }
        switch unit.span {
        case .days(1): return .day
        case .days(let n): return .rollingDays(n)
        case .weeks(1): return .week
        case .weeks(let n): return .rollingDays(7 * n)
        case .months(1): return .month
        case .months(let n): return .rollingMonths(n)
        case .years(let n): return .rollingMonths(12 * n)
        case .fiscalYear: return .fiscalYear
        case nil: return nil
        }
    }

    /// Whether an earlier item (day0, month0) falls in the same period as the item (day, month) counted now.
    static func sameWindow(_ span: Span, _ day0: Int, _ month0: Int, _ day: Int, _ month: Int) -> Bool {
        guard day0 <= day else { return false }
        switch span {
        case .day: return day0 == day
        case .week: return (day0 + 4).floorDiv(7) == (day + 4).floorDiv(7)   // 1970-01-01 was a Thursday: weeks start on Sunday
        case .month: return month0 == month
        case .fiscalYear: return (month0 - 3).floorDiv(12) == (month - 3).floorDiv(12)
        case .rollingDays(let n): return day - day0 < n
        case .rollingMonths(let n): return month - month0 < n
        case .patient: return true
        case .since(let start): return day0 >= start
        }
    }

    // MARK: 上限回数 (s 項番36-37)

    /// SA-N003/SA-N004 — R06rec1 §3(7) 項番36-37: the count of a code on the receipt may not exceed its
    /// 上限回数; with 上限回数エラー処理 1 the count is lowered to 上限回数, with 0 it is to be checked.
    mutating func checkMaximumCounts() {
        let P = ProcedureColumn.self
        // Once per code, at its first live item: the items of each code are grouped once (O(n)); a code's
        // items are changed only while its own group is processed.
        let byCode = liveProceduresByCode(history: false)
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let group = byCode[o.code], group.first == k else { continue }
            guard let t = rules[o.rules].procedures, let limit = t.integer(o.version, P.maximumCount), limit > 0 else { continue }
            var total = 0
            for j in group where isLiveProcedure(j) { total += occurrences[j].times }   // ≤ items × 999 (DomainLimit.timesRange)
            guard total > limit else { continue }
            let capped = t.integer(o.version, P.maximumCountErrorHandling) == 1
            let all = group.filter { isLiveProcedure($0) }.sorted { (occurrences[$0].day, $0) < (occurrences[$1].day, $1) }
            var used = 0
            for j in all {
                let times = occurrences[j].times
                if used + times > limit {
                    let what = "\(name(j)): more than the master's 上限回数 \(limit) on the receipt"
                    if capped { lower(j, to: limit - used, .maximumCountCapped, what + " (上限回数エラー処理 1: 上限回数を算定)") }
                    else { report(.maximumCountCheck, j, what + " (上限回数エラー処理 0: 確認)"); break }
                }
                used = min(limit, used + times)
            }
        }
    }
}

extension Int {
    @inline(__always) func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}

extension AuditRun {
    /// Live 診療行為 with a valid version, by code, in claim order (history items after the claim's when
    /// `history`): built once per check in O(n), so a check looks up the items of a code instead of scanning
    /// every item for every item (the audit stays O(n log n) in the claim's items).
    func liveProceduresByCode(history: Bool) -> ItemsByCode {
        var pairs: [(code: UInt64, item: Int)] = []
        pairs.reserveCapacity(history ? occurrences.count : currentCount)
        for k in 0..<(history ? occurrences.count : currentCount) where isLiveProcedure(k) { pairs.append((occurrences[k].code, k)) }
        return ItemsByCode(pairs)
    }
}

/// Items grouped by code, each group in claim order: two flat arrays sorted by (code, item) — a few
/// allocations per check instead of a dictionary with an array per code (the audit runs on every window call).
struct ItemsByCode {
    private var codes: [UInt64] = []
    private var items: [Int] = []
    /// Distinct codes.
    private(set) var count = 0

    init(_ pairs: [(code: UInt64, item: Int)]) {
        let sorted = pairs.sorted { ($0.code, $0.item) < ($1.code, $1.item) }
        codes = sorted.map(\.code)
        items = sorted.map(\.item)
        for k in codes.indices where k == 0 || codes[k] != codes[k - 1] { count += 1 }
    }

    /// The items of `code` in claim order, or nil when the code has none (two binary searches: O(log n)
    /// however many items the code has).
    subscript(code: UInt64) -> ArraySlice<Int>? {
        let lo = Self.lowerBound(codes, code)
        guard lo < codes.count, codes[lo] == code else { return nil }
        return items[lo..<Self.lowerBound(codes, code + 1, from: lo)]
    }

    /// The first index of `sorted` from `start` whose value is ≥ `value`.
    static func lowerBound(_ sorted: [UInt64], _ value: UInt64, from start: Int = 0) -> Int {
        var lo = start, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < value { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    static func sortedContains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        let k = lowerBound(sorted, value)
        return k < sorted.count && sorted[k] == value
    }

    /// Each code with its items, in code order.
    /// O(codes × log n): a group's end is found by binary search, not by walking its items (one code may
    /// have 100,000 items).
    func forEachGroup(_ body: (UInt64, ArraySlice<Int>) -> Void) {
        var start = 0
        while start < codes.count {
            let end = Self.lowerBound(codes, codes[start] + 1, from: start + 1)
            body(codes[start], items[start..<end])
            start = end
        }
    }
}

/// Masters/params/audit/add-on-substitutions.json (SA-A009): a 乳幼児加算 and a 時間外・休日・深夜加算 of one 初診・再診・外来診療料 that the
/// 告示 bills as one 乳幼児 rate (A000 注6 ただし・注7, A001 注4 ただし・注5, A002 注7 ただし・注8).
struct AddOnSubstitutions: Decodable, Sendable {
    struct Pair: Decodable, Sendable { var time: String; var use: String; var name: String }
    struct Group: Decodable, Sendable { var name: String; var infant: String; var passage: String; var pairs: [Pair] }
    struct Version: Decodable, Sendable { var from: String; var to: String?; var source: String; var groups: [Group] }
    var versions: [Version]
    enum CodingKeys: String, CodingKey { case versions }
    /// The 乳幼児加算 codes and the time rows of every version.
    var infants: Set<UInt64> = []
    var times: Set<UInt64> = []

    /// The 乳幼児 row of a time row on `date` (a child's 時間外・休日・深夜加算 stated at the adult rate), with its name and passage.
    func rule(time: UInt64, on date: ServiceDate) -> (infant: UInt64, use: UInt64, name: String, passage: String)? {
        for v in versions where EmbeddedParameters.applies(from: v.from, to: v.to, on: date) {
            for g in v.groups {
                for p in g.pairs where UInt64(p.time) == time {
                    if let use = UInt64(p.use), let infant = UInt64(g.infant) { return (infant, use, p.name, g.passage) }
                }
            }
        }
        return nil
    }

    /// The 乳幼児 row that bills a 乳幼児加算 and a time row both among `codes` on `date` (SA-A009's pair), if any.
    func pairRow(_ codes: some Sequence<UInt64>, on date: ServiceDate) -> (use: UInt64, name: String)? {
        let codes = Array(codes)
        for time in codes where times.contains(time) {
            if let r = rule(time: time, on: date), codes.contains(r.infant) { return (r.use, r.name) }
        }
        return nil
    }

    static let embedded: AddOnSubstitutions? = {
        guard var file = EmbeddedParameters.decode(AddOnSubstitutions.self, "params/audit/add-on-substitutions.json") else { return nil }
        file.infants = Set(file.versions.flatMap { $0.groups.compactMap { UInt64($0.infant) } })
        file.times = Set(file.versions.flatMap { $0.groups.flatMap { $0.pairs.compactMap { UInt64($0.time) } } })
        return file
    }()
}

extension AuditRun {
    /// SA-A009 — a 乳幼児加算 billed beside a 時間外・休日・深夜加算 (or 時間外特例医療機関加算) of the same encounter: the 告示 bills the one
    /// 乳幼児 rate instead (A001 注4: 「ただし、注５又は注６に規定する加算を算定する場合は算定しない」; 注5: 「（６歳未満の乳幼児の場合にあっては、
    /// それぞれ135点、260点又は590点）」 — A000 注6・注7, A002 注7・注8 alike). The 乳幼児加算 is removed and the time row becomes its 乳幼児
    /// row (review 370 HJ-3: the 03-3 背反 removed the 38 and left 65 where 135 is right). Runs before the 背反 check.
    mutating func checkInfantTimeAddOns() {
        guard let subs = AddOnSubstitutions.embedded else { return }
        for a in 0..<currentCount where isLiveProcedure(a) && !occurrences[a].isHistory && subs.infants.contains(occurrences[a].code) {
            for b in 0..<currentCount where b != a && isLiveProcedure(b) && !occurrences[b].isHistory && occurrences[b].encounter == occurrences[a].encounter
                && subs.times.contains(occurrences[b].code) {
                // The pair of the same 初診料・再診料・外来診療料, and its 乳幼児 row valid on the day (else nothing is changed).
                guard let r = subs.rule(time: occurrences[b].code, on: occurrences[a].date), r.infant == occurrences[a].code,
                      version(of: r.use, k: b) != nil else { continue }
                let message = "\(name(a)) and \(name(b)) of one visit are billed as one 加算, \(r.use) (\(r.name)): \(r.passage)"
                remove(a, .infantTimeAddOn, codes: [occurrences[b].code, r.use], message)
                findings[findings.count - 1].action = "remove \(occurrences[a].code); bill \(r.use) in place of \(occurrences[b].code)"
                replace(b, by: r.use, .infantTimeAddOn, message)
                break
            }
        }
        // A time row alone for a child under 6 on its day: the 乳幼児 rate is the 加算 (review 385 HY-8: 深夜加算 420 for a child of 2,
        // where 590 is right).
        for b in 0..<currentCount where isLiveProcedure(b) && !occurrences[b].isHistory && occurrences[b].statedCode == nil && subs.times.contains(occurrences[b].code) {
            let o = occurrences[b], years = age.years(on: o.date)
            guard years < 6, let r = subs.rule(time: o.code, on: o.date), version(of: r.use, k: b) != nil else { continue }
            let message = "\(name(b)) for a child of \(years) (６歳未満) is billed at the 乳幼児 rate, \(r.use) (\(r.name)): \(r.passage)"
            report(.infantTimeAddOn, b, codes: [r.use], message, action: "bill \(r.use) in place of \(o.code)")
            findings[findings.count - 1].applied = mode == .apply
            replace(b, by: r.use, .infantTimeAddOn, message)
        }
    }
}

/// 背反区分 3 pairs whose choice the 告示 makes (`Masters/params/audit/conflict-preferences.json`).
struct ConflictPreferences: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var name: String; var losers: [String]; var winners: [String]; var from: String; var to: String?; var passage: String
    }
    var rules: [Rule]
    /// (loser code, winner code) → rule position.
    var pairs: [UInt64: [(winner: Set<UInt64>, rule: Int)]] = [:]
    enum CodingKeys: String, CodingKey { case rules }

    /// The code of the two that gives way, with the passage, when a rule names the pair.
    func loser(_ c1: UInt64, _ c2: UInt64, on date: ServiceDate) -> (loser: UInt64, passage: String)? {
        for (lose, win) in [(c1, c2), (c2, c1)] {
            for entry in pairs[lose] ?? [] where entry.winner.contains(win) {
                let r = rules[entry.rule]
                guard EmbeddedParameters.applies(from: r.from, to: r.to, on: date) else { continue }
                return (lose, r.passage)
            }
        }
        return nil
    }

    static let embedded: ConflictPreferences? = {
        guard var file = EmbeddedParameters.decode(ConflictPreferences.self, "params/audit/conflict-preferences.json") else { return nil }
        for (n, r) in file.rules.enumerated() {
            let winners = Set(r.winners.compactMap(UInt64.init))
            for l in r.losers { if let c = UInt64(l) { file.pairs[c, default: []].append((winners, n)) } }
        }
        return file
    }()
}

extension AuditRun {
    /// `admission.additions` of an 入院 claim (docs/claim-format.md "入院"): the stay's pricing reads them against the
    /// 04 group of the ward's 入院基本料 and its 加算識別 (tensuhyo_01 §3(4), §5(4)), the row's age, 施設基準 and 05
    /// 算定単位, and leaves out what fails; each such finding of the pricing is reported here under the check of the
    /// same rule (SA-B001, SA-B002, SA-C001, SA-C005, SA-C006, SA-N001), pointing at the addition. Nothing is
    /// changed in `apply`: the pricing already bills without it.
    mutating func checkAdmissionAdditions(_ pricer: ClaimPricer) throws(ClaimError) {
        guard let stay = try pricer.priceAdmission(claim, explain: true) else { return }
        var seen = Set<String>()
        for f in stay.statedFindings {
            let check: AuditCheckID
            switch f.kind {
            case "stated-group": check = .admissionAddOnNotInGroup
            case "stated-class": check = .admissionAddOnsExclusive
            case "stated-valid": check = .codeNotValid
            case "stated-age", "stated-addon-age": check = .ageLimit
            case "stated-std": check = .facilityStandard
            case "stated-limit", "stated-week", "stated-addon-limit", "stated-count": check = .countLimit
            // The ward's 入院料 (admission.ward.basic_fee) the pricing cannot bill on some day.
            case "ward-std": check = .facilityStandard
            case "ward", "ward-kind", "ward-column": check = .codeNotValid
            case "ward-age": check = .ageLimit
            case "ward-window", "ward-window-rows", "ward-specified-period": check = .countLimit
            default: continue
            }
            guard seen.insert("\(check.rawValue):\(f.addition)").inserted else { continue }
            let code = f.addition < 0 ? claim.admission?.ward.basicFee ?? ""
                : claim.admission?.additions.flatMap { f.addition < $0.count ? $0[f.addition].code : nil } ?? ""
            var finding = AuditFinding(check: check, claim: claim.id, codes: [code], message: f.addition < 0 ? "admission.ward.basic_fee: " + f.text : f.text,
                                       action: "the pricing does not bill it")
            if f.addition >= 0 { finding.addition = f.addition }
            findings.append(finding)
        }
    }
}

extension AuditRun {
    /// SA-H010 — `conditional-pairs.json`: a `second` row on a day that bills a `first` row, which the 通知 allows together only on a
    /// fact no field carries (通知 D261 (3): 屈折検査 with D263 ２ 矯正視力検査 only on the first examination for a suspected 屈折異常 —
    /// a 眼鏡処方箋 is D263 １; D261 １ (６歳未満) only for 弱視・不同視の疑い, ３月に１回). A rule of `first_visit_sections` is quiet when
    /// neither row was billed on an earlier day of the claim or its history and the day is a 初診 or a history comes with the claim; a
    /// rule of `once_in_months` names an earlier `second` row within them. Otherwise a warning to check (reviews 419 JG-1, 421 JI-3,
    /// JI-4). Nothing is removed: the fact may hold.
    mutating func checkConditionalPairs() {
        guard let file = ConditionalPairs.embedded, currentCount > 0 else { return }
        let P = ProcedureColumn.self
        let hasHistory = occurrences.contains(where: \.isHistory)
        for rule in file.rules {
            for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory && rule.second.contains(occurrences[k].code) {
                let o = occurrences[k]
                guard EmbeddedParameters.applies(from: rule.from, to: rule.to, on: o.date),
                      let f = (0..<currentCount).first(where: { isLiveProcedure($0) && occurrences[$0].day == o.day && rule.first.contains(occurrences[$0].code) }) else { continue }
                func billedBefore(_ codes: Set<UInt64>) -> Int? {
                    occurrences.indices.last { j in
                        let p = occurrences[j]
                        return (p.isHistory || p.alive) && p.kind == .procedure && p.day < o.day && codes.contains(p.code)
                    }
                }
                func when(_ j: Int) -> String { "\(occurrences[j].code) was billed on \(occurrences[j].date)\(occurrences[j].isHistory ? " (earlier claim)" : "")" }
                let why: String
                if !rule.firstVisitSections.isEmpty {
                    // The first examination: an earlier one of either row says it is not; a 初診 day, or a history that shows none, says
                    // it may be (review 421 JI-4: a 再診 a few days after the 初診, with that history, was told).
                    let earlier = billedBefore(rule.first.union(rule.second))
                    let firstVisit = (0..<currentCount).contains { j in
                        guard isLiveProcedure(j), occurrences[j].day == o.day, let t = rules[occurrences[j].rules].procedures else { return false }
                        let v = occurrences[j].version
                        let alphabet = t.bytes(v, P.codeTableAlphabet), number = t.bytes(v, P.sectionNumber)
                        return rule.firstVisitSections.contains { s in alphabet.elementsEqual(s.utf8.prefix(1)) && number.elementsEqual(s.utf8.dropFirst()) }
                    }
                    if earlier == nil && (firstVisit || hasHistory) { continue }
                    why = earlier.map { when($0) + ", so this is not the first examination" }
                        ?? "the day has no 初診 (\(rule.firstVisitSections.joined(separator: ", "))) and no history shows an earlier visit without them"
                } else if let months = rule.onceInMonths, let j = billedBefore(rule.second),
                          case let apart = o.yearMonth - occurrences[j].yearMonth, apart < months || (apart == months && occurrences[j].date.day > o.date.day) {
                    why = when(j) + ", within \(months) months"
                } else {
                    why = "the claim does not say so"
                }
                report(.conditionalPair, k, codes: [occurrences[f].code],
                       "\(name(k)) beside \(name(f)) on \(o.date): billed together only when \(rule.fact); \(why) — check (\(rule.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)))")
            }
        }
    }
}

/// Masters/params/audit/conditional-pairs.json (SA-H010).
struct ConditionalPairs: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var name: String; var first: Set<UInt64>; var second: Set<UInt64>; var firstVisitSections: [String]; var onceInMonths: Int?; var fact: String
        var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case name, first, second, firstVisitSections = "first_visit_sections", onceInMonths = "once_in_months", fact, from, to, passage }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func codes(_ key: CodingKeys) throws -> Set<UInt64> {
                let list = try c.decode([String].self, forKey: key)
                return Set(try list.map { s in
                    guard s.utf8.count == 9, let v = UInt64(s) else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(s) is not a 9-digit code") }
                    return v
                })
            }
            name = try c.decode(String.self, forKey: .name); first = try codes(.first); second = try codes(.second)
            firstVisitSections = try c.decode([String].self, forKey: .firstVisitSections); fact = try c.decode(String.self, forKey: .fact)
            onceInMonths = try c.decodeIfPresent(Int.self, forKey: .onceInMonths)
            from = try c.decode(String.self, forKey: .from); to = try c.decodeIfPresent(String.self, forKey: .to); passage = try c.decode(String.self, forKey: .passage)
        }
    }
    var rules: [Rule]
    static let embedded: ConditionalPairs? = EmbeddedParameters.decode(ConditionalPairs.self, "params/audit/conditional-pairs.json")
}
