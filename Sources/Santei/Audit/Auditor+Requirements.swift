import Foundation

// Checks of issue 14: 傷病名 ↔ 算定要件 (SA-D006), 疑い病名 left open (SA-D007), 加算 without their base
// (SA-A001…SA-A003), periods counted from another fee (SA-V003).

/// s 項番25 傷病名関連区分 → the 傷病名マスター column and values that qualify (R06rec1 §3(1) 項番21・43,
/// §3(7) 項番25; read against b_20240601: 03 乾癬 etc., 04 アトピー性皮膚炎 etc., 05 胃潰瘍 etc., 07 てんかん,
/// 08 脳卒中後てんかん (both 特定疾患 and てんかん), 難病外来対象区分 09).
struct DiseaseRequirement {
    var column: Int
    var changedColumn: Int
    var values: [Int]
    var meaning: String
    /// The 告示 asks for the kind of 傷病名 as the 主病 (B000 注1, B001 7 注1, F100 注5: 「…疾患を主病とする患者」), not
    /// merely as one the patient has (B001 6 てんかんの患者, B001 8 「疾患に罹患している患者」).
    var asMain: Bool { values.contains(5) || values.contains(9) }

    init?(relation: Int) {
        let C = AuditColumn.self
        switch relation {
        case 3: self.init(column: C.diseaseSpecificClass, changedColumn: C.diseaseSpecificClassChanged, values: [3], meaning: "特定疾患等対象区分 03 (皮膚科特定疾患指導管理料（Ⅰ）)")
        case 4: self.init(column: C.diseaseSpecificClass, changedColumn: C.diseaseSpecificClassChanged, values: [4], meaning: "特定疾患等対象区分 04 (皮膚科特定疾患指導管理料（Ⅱ）)")
        case 5: self.init(column: C.diseaseSpecificClass, changedColumn: C.diseaseSpecificClassChanged, values: [5, 8], meaning: "特定疾患等対象区分 05/08 (特定疾患療養管理料)")
        case 7: self.init(column: C.diseaseSpecificClass, changedColumn: C.diseaseSpecificClassChanged, values: [7, 8], meaning: "特定疾患等対象区分 07/08 (てんかん指導料)")
        case 9: self.init(column: C.diseaseIntractableClass, changedColumn: C.diseaseIntractableClassChanged, values: [9], meaning: "難病外来対象区分 09 (難病外来指導管理料)")
        default: return nil
        }
    }

    init(column: Int, changedColumn: Int, values: [Int], meaning: String) {
        self.column = column; self.changedColumn = changedColumn; self.values = values; self.meaning = meaning
    }
}

extension AuditRun {
    /// SA-D006 — 告示 B000 注1 (別に厚生労働大臣が定める疾患を主病とする患者), B001 6・7・8 注1, F100 注5 / F400 注4
    /// (R06): the fee's 傷病名関連区分 names the kind of 傷病名 it needs; a claim 傷病名 qualifies when its master
    /// row on the date has the value, it is not a 疑い (修飾語 8002) and its 診療開始日 is not after the date.
    /// The 傷病名マスター is one row per code: before the row's 変更年月日, when its 変更情報 for the column is 1
    /// (e.g. 高血圧症 left 特定疾患 on 2024-06-01), the old value is unknown and the fee is not reported.
    mutating func checkDiseaseRequirements() {
        let diseases = claim.diseases ?? []
        guard !diseases.isEmpty else { return }   // SA-D001 reports the claim
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            let r = rules[o.rules]
            guard let t = r.procedures, let relation = t.integer(o.version, AuditColumn.procedureDiseaseRelation), relation != 0,
                  let need = DiseaseRequirement(relation: relation), let b = r.diseases else { continue }
            var qualifies = false, unknown = false, unread = false, tooYoung: String? = nil
            let ages = auditor.parameters.requirementAges.filter { $0.relation == relation && $0.from <= o.date && ($0.to.map { o.date <= $0 } ?? true) }
            // Where the claim names its 主病 (`main`; UKE SY 主傷病) and the fee needs one, only those count (review 165 K2:
            // B000 beside a 主病 高血圧症 — not a 特定疾患 from 2024-06-01 — and a 胃潰瘍 not marked main).
            let mains = need.asMain ? diseases.filter { $0.main == true } : []
            for d in (mains.isEmpty ? diseases : mains) where !d.isSuspected {
                // 0000999 未コード化傷病名 (R06rec1 §3(1)): its name, not its code, says what it is.
                if d.code == "0000999" { unread = true; continue }
                guard d.code.utf8.count == 7, let code = UInt64(d.code), let i = b.codeIndex(of: code),
                      let v = Self.listedVersion(b, i, on: o.date, listedColumn: DiseaseColumn.listed) else { unread = true; continue }
                if let s = d.start, let start = ServiceDate(s), start > o.date { continue }
                if o.date < b.validFrom(v) && b.integer(v, need.changedColumn) == 1 { unknown = true; continue }
                if need.values.contains(b.integer(v, need.column) ?? 0) {
                    // A kind the 通知 names only from an age (B001 8 (2): アトピー性皮膚炎 16 歳以上; requirement_ages).
                    if let a = ages.first(where: { auditor.parameters.diseaseKinds[$0.kind].contains(icd10: b.bytes(v, DiseaseColumn.icd10First)) }),
                       age.years(on: o.date) < a.minAge {
                        if tooYoung == nil { tooYoung = "\(d.code) \(b.string(v, DiseaseColumn.name)) counts only for a patient of \(a.minAge) or more, and the patient is \(age.years(on: o.date)) (\(a.source.components(separatedBy: " (R06").first ?? a.source))" }
                        continue
                    }
                    qualifies = true; break
                }
            }
            guard !qualifies && !unknown else { continue }
            let suspected = diseases.filter(\.isSuspected).count
            let message = (mains.isEmpty
                ? "\(name(k)) needs a 傷病名 of \(need.meaning) on \(o.date); none of the claim's \(diseases.count) 傷病名 has it"
                : "\(name(k)) needs a 主病 of \(need.meaning) on \(o.date) (「…疾患を主病とする患者」); none of the claim's \(mains.count) 主病 (main) has it")
                + (suspected > 0 ? " (\(suspected) with の疑い do not count)" : "") + (tooYoung.map { "; \($0)" } ?? "")
            // Every 傷病名 read in the master and none qualifies: the fee is not billable (removed in apply). A
            // 傷病名 the master does not list (未コード化傷病名 0000999 …) might be the one: reported only.
            if unread { report(.diseaseRequirement, k, message + "; a 傷病名 not in the 傷病名マスター may be it: check") }
            else { remove(k, .diseaseRequirement, message) }
        }
    }

    /// SA-D008 — fees whose 告示 names the patient by a kind of disease that no master column flags
    /// (`disease-kind-rules.json`): 第6部 通則6 外来化学療法加算 「入院中の患者以外の患者（悪性腫瘍を主病とする患者を
    /// 除く。）」, B001-2-12 注1 外来腫瘍化学療法診療料 「悪性腫瘍を主病とする患者」, B001 3 注1・注2 悪性腫瘍特異物質
    /// 治療管理料 「悪性腫瘍の患者」 (通知 B001 3 (1): 既に確定診断がされた). A claim 傷病名 is of the kind when its
    /// 傷病名マスター 項番16 ICD-10-1 on the date falls in the kind's ranges; an の疑い (8002) or one started after the
    /// date is not counted. Where the rule is 「…を主病とする」 and the claim names its 主病 (`main`), only those count.
    /// - `requires`: no counted 傷病名 of the kind → removed; with a 傷病名 the master cannot read (0000999 …) only reported.
    /// - `excludes`: a named 主病 of the kind → removed; with no 主病 named and a 傷病名 of the kind, only reported (the
    ///   clerk knows which is the 主病).
    mutating func checkDiseaseKinds() {
        let list = auditor.parameters.diseaseKindRules
        guard !list.isEmpty, currentCount > 0 else { return }
        // A claim without any 傷病名 is SA-D001's (as SA-D006 leaves it): its fees are not removed for want of one.
        let diseases = claim.diseases ?? []
        guard !diseases.isEmpty else { return }
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let rule = list.first(where: { r in
                r.codes.contains(o.code) && r.applies(on: o.date)
                    && (r.withCodesInMonth.isEmpty || (0..<currentCount).contains { j in
                        isLiveProcedure(j) && occurrences[j].yearMonth == o.yearMonth && r.withCodesInMonth.contains(occurrences[j].code) })
            }) else { continue }
            let kind = auditor.parameters.diseaseKinds[rule.kind]
            let mains = rule.asMain ? diseases.filter { $0.main == true && !$0.isSuspected } : []
            var found: String? = nil, unread = false, uncertain: String? = nil
            for d in (mains.isEmpty ? diseases : mains) where !d.isSuspected {
                if let s = d.start, let start = ServiceDate(s), start > o.date { continue }
                // 0000999 未コード化傷病名 (R06rec1 §3(1)): its name, not its code, says what it is.
                if d.code == "0000999" { unread = true; continue }
                guard d.code.utf8.count == 7, let code = UInt64(d.code), let b = rules[o.rules].diseases, let i = b.codeIndex(of: code),
                      let v = Self.listedVersion(b, i, on: o.date, listedColumn: DiseaseColumn.listed) else { unread = true; continue }
                let described = "\(d.code) \(b.string(v, DiseaseColumn.name)) (ICD-10 \(b.string(v, DiseaseColumn.icd10First)))"
                if kind.contains(icd10: b.bytes(v, DiseaseColumn.icd10First)) { found = described; break }
                let modified = (d.modifiers ?? []).contains { $0 != "8002" }
                if uncertain == nil, kind.isUncertain(icd10: b.bytes(v, DiseaseColumn.icd10First), modified: modified) {
                    uncertain = described + (modified ? " with 修飾語 \((d.modifiers ?? []).joined(separator: "/"))" : "")
                }
            }
            let whom = rule.asMain ? "主病" : "傷病名"
            let passage = " (\(rule.source))"
            if rule.excludes {
                guard let found else {
                    // A named 主病 that may be one (上皮内癌 …): the clerk decides.
                    if !mains.isEmpty, let uncertain {
                        report(.diseaseKind, k, "\(name(k)): \(rule.name) is not billable for a patient whose 主病 is \(kind.id); the claim's 主病 \(uncertain) may be one: check" + passage)
                    }
                    continue
                }
                if mains.isEmpty {
                    report(.diseaseKind, k, "\(name(k)): \(rule.name) is not billable for a patient whose 主病 is \(kind.id); the claim names no 主病 (diseases[].main) and has \(found): check which is the 主病" + passage)
                } else {
                    remove(k, .diseaseKind, "\(name(k)): \(rule.name) is not billable for a patient whose 主病 is \(kind.id); the claim's 主病 \(found) is one" + passage)
                }
            } else {
                guard found == nil else { continue }
                let message = "\(name(k)): \(rule.name) needs a \(whom) of \(kind.id) (ICD-10 \(kind.ranges.map { String(decoding: $0.low, as: UTF8.self) + "–" + String(decoding: $0.high, as: UTF8.self) }.joined(separator: ", "))) on \(o.date), confirmed (not の疑い); none of the claim's \(mains.isEmpty ? diseases.count : mains.count) \(mains.isEmpty ? "傷病名" : "主病 (main)") is one" + passage
                if let uncertain { report(.diseaseKind, k, message + "; \(uncertain) may be one: check") }
                else if unread { report(.diseaseKind, k, message + "; a 傷病名 not in the 傷病名マスター may be it: check") }
                else { remove(k, .diseaseKind, message) }
            }
        }
    }

    /// SA-D007 — a 疑い病名 (修飾語 8002) whose 診療開始日 is more than N calendar months before the claim month
    /// and that has no 転帰 (N: `Masters/params/audit/suspected-diseases.json`).
    mutating func checkSuspectedDiseases() {
        guard currentCount > 0, let months = auditor.parameters.suspicionMonths(on: occurrences[0].date) else { return }
        let month = occurrences[0].yearMonth
        for (n, d) in (claim.diseases ?? []).enumerated() where d.isSuspected && !d.hasEnded {
            guard let s = d.start, let start = ServiceDate(s) else { continue }
            let open = month - (start.year * 12 + start.month - 1)
            guard open > months else { continue }
            diseaseFinding(.suspectedDiseaseOpen, n, [d.code, "8002"],
                           "傷病名 \(d.code) の疑い since \(start) (診療開始日), \(open) months before the claim month, has no 転帰 (setting: more than \(months) months)")
        }
    }

    /// SA-A001…SA-A003 — an add-on is billed with its base in the same encounter (告示「所定点数に加算する」):
    /// The base is looked for among the claim's 診療行為 of the same day (UKE receipts have one encounter a day).
    /// - SA-A001: a 注加算 row (告示等識別区分（１） 7) needs a row of its 注加算コード with 通番 0 (R06rec1 項番38-39);
    ///   a 乳幼児加算（処置） row (7, no 注加算コード) a 処置 of its 処置乳幼児加算区分 (項番46).
    /// - SA-A002: a 通則加算 row (告示等識別区分（１） 9), and a 加算 row filed under 区分番号 000 (the 部's 通則),
    ///   needs a 基本・合成・準用 item (告示等識別区分（１） 1, 3, 5) of its 部 (コード表用番号 alphabet).
    /// - SA-A003: a stand-alone 加算 row (告示等識別区分（１） 1, （２） 7, no 注加算コード) needs a base row
    ///   (告示等識別区分（２） 1 or 3) of its 区分番号 (alphabet and number, any 枝番), where the master has one
    ///   (A001 注8 外来管理加算 → 再診料).
    /// `apply` removes the add-on.
    /// SA-A003 over the month — `add-on-bases.json` month_rules: 第2部 第2節 第2款 通則1 (R06 ika-kokuji.txt 8103-8104)
    /// 「本款各区分に掲げる在宅療養指導管理材料加算は、第１款各区分に掲げる在宅療養指導管理料のいずれかの所定点数を算定する場合に」
    /// — a C150–C175 加算 in a month without a C100–C121 指導管理料 is not billable (review 115: 血糖自己測定器加算 830点,
    /// 酸素ボンベ加算 3,950点 were billed alone). The claim is the month's receipt.
    mutating func checkMonthBases() {
        guard let rules = AddOnBases.embedded?.monthRules, !rules.isEmpty else { return }
        let P = ProcedureColumn.self
        func place(_ k: Int) -> (UInt8, Int)? {
            guard isLiveProcedure(k) else { return nil }
            return placeAny(k)
        }
        func placeAny(_ k: Int) -> (UInt8, Int)? {
            guard occurrences[k].version >= 0, let t = self.rules[occurrences[k].rules].procedures else { return nil }
            let a = t.bytes(occurrences[k].version, P.codeTableAlphabet)
            guard a.count == 1, let n = t.integer(occurrences[k].version, P.sectionNumber) else { return nil }
            return (a[0], n)
        }
        for k in 0..<currentCount {
            guard let (a, n) = place(k) else { continue }
            for r in rules {
                guard let (ra, lo, hi) = r.addOns, ra == a, lo <= n, n <= hi, let (ba, blo, bhi) = r.bases,
                      EmbeddedParameters.applies(from: r.from, to: r.to, on: occurrences[k].date) else { continue }
                let month = occurrences[k].yearMonth
                // The history counts too: an 入院 receipt's 退院日 bills the month's 指導管理料 (第1款 通則4; review 330 FU-3).
                let hasBase = occurrences.indices.contains { j in
                    guard j != k, occurrences[j].yearMonth == month, occurrences[j].isHistory || isLiveProcedure(j), let (ja, jn) = placeAny(j), ja == ba, blo <= jn, jn <= bhi,
                          let t = self.rules[occurrences[j].rules].procedures else { return false }
                    return t.bytes(occurrences[j].version, P.noticeClass1).first == UInt8(ascii: "1")
                }
                if !hasBase {
                    // 通知 第2節 第2款 1: billable whether or not the 指導管理料 is (要件を満たせば): asked, not removed.
                    report(.monthAddOnWithoutBase, k, "\(name(k)) is a \(r.name); the month bills no \(r.baseSections.joined(separator: "–")) (\(r.passage.prefix(while: { $0 != ":" })); Masters/params/audit/add-on-bases.json) — 通知 第2節 第2款 1 lets it be billed without one when its requirements are met (the 指導管理料 on an 入院 receipt's 退院日, the main one of two 指導管理): check")
                }
                break
            }
        }
    }

    /// SA-A005 — an order whose rows are all ％ rows (診療行為 of 点数識別 5 ％加算 / 6 ％減算, 特定器材 of 金額種別 5: 酸素補正率,
    /// フィルム料（乳幼児）加算; `UnitPricer.percentOnly`): a ％ row takes its share of the order it stands in, so it prices 0
    /// there. `santei price` moves an age or time add-on it can derive into its base's order; a reduction (手術 通則14
    /// ２以上の手術の50％併施加算, 2回目以降減算) or a フィルム料 加算 is lost (reviews 198 AS-10, AS-14c; 203 AX4). One warning
    /// per order; a UKE unit stating 点数 is priced on the unit before it (SA-P001) and not asked, nor an 入院 claim's 入院料 ％
    /// row (診療識別 90/92), which the stay applies to the day's derived 入院料.
    /// The runs of `occurrences` (of the claim and its history) that are one order each: an order's occurrences stand together,
    /// one per item, in claim order.
    func orderRuns() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < currentCount {
            var end = start + 1
            while end < currentCount && occurrences[end].encounter == occurrences[start].encounter && occurrences[end].order == occurrences[start].order { end += 1 }
            runs.append(start..<end)
            start = end
        }
        return runs
    }

    mutating func checkPercentOnlyOrders() {
        for run in orderRuns() {
            let rows = run.filter { occurrences[$0].alive }
            guard let k = rows.first, !occurrences[k].isHistory, occurrences[k].version >= 0 else { continue }
            let o = occurrences[k]
            guard claim.encounters[o.encounter].orders[o.order].statedPoints == nil else { continue }
            // An 入院 claim's ％ row of 入院料 (診療識別 90/92: 入院基本料減算（他医受診）, 通知 第2部 通則5 (6)) is applied to the
            // day's 入院料, which the stay derives and no order states (docs/claim-format.md; review 221 BP-1).
            if claim.admission != nil, [90, 92].contains(claim.encounters[o.encounter].orders[o.order].category) { continue }
            let items = rows.map { UnitItem(kind: occurrences[$0].kind, code: occurrences[$0].code) }
            let dated = auditor.dated(o.date)
            // Its 診療行為 rows all ％ rows (a 材料 beside them is no 所定点数: 通知 第9部 通則 10; review 201 AV-4), or every row a ％ row.
            let procedures = items.filter { $0.kind == .procedure }
            guard UnitPricer.percentOnly(procedures.isEmpty ? items : procedures, dated) else { continue }
            report(.percentRowsAlone, k, codes: rows.filter { $0 != k }.map { occurrences[$0].code },
                   "\(name(k)) is a ％ row in an order with no 所定点数 of its own (a 材料 is none): it prices 0 there — state it in the order of the item it applies to (an age or time add-on Santei can derive is priced on its base; a reduction such as 手術 通則14's 50％, or a フィルム料 加算, is lost)")
        }
    }

    /// SA-A007 — two 注加算 of one 注加算コード and 通番 in one order (`ExclusiveAddOnSerials`, R06rec1 項番39: 同時に算定が可能な
    /// 注加算に、異なる番号): the one of fewer points is removed, as `santei price` and `uke recalc` bill the other only (review
    /// 348 GN-1: a UKE unit with I002 注3 and 注4 passed the audit).
    mutating func checkExclusiveAddOns() {
        for run in orderRuns() where run.count >= 2 {
            let start = run.lowerBound, o = occurrences[start]
            guard !o.isHistory, let t = rules[o.rules].procedures else { continue }
            let losers: [ExclusiveAddOnSerials.Loser]
            do {   // (the rows read from a copy that ends here, before `remove` writes to them; their versions already resolved)
                let rows = occurrences[run]
                losers = ExclusiveAddOnSerials.losers(rows: rows.lazy.map { $0.alive && $0.kind == .procedure && $0.version >= 0 ? ($0.code, $0.version) : nil }, t, on: o.date)
            }
            for l in losers {
                let k = start + l.index, kept = start + l.kept
                remove(k, .exclusiveAddOns, codes: [occurrences[kept].code], "\(name(k)): not billed — " + ExclusiveAddOnSerials.reason(kept: name(kept), l))
            }
        }
    }

    /// SA-C011 — a row of Masters/params/audit/add-on-bases.json whose `excluded_arrivals` holds the encounter's `arrival`
    /// (B001-2-5 注: 入院中の患者以外の患者（救急用の自動車等により緊急に搬送された者を除く。）; review 298 EO-2: a 院内トリアージ実施料
    /// was billed for a patient brought by ambulance, and kept the B001-2-6 夜間休日救急搬送医学管理料 from being derived).
    mutating func checkArrivalExclusions() {
        guard let table = AddOnBases.embedded, table.hasArrivalExclusions,
              claim.encounters.contains(where: { $0.arrival != nil }) else { return }
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory {
            let o = occurrences[k]
            guard let arrival = claim.encounters[o.encounter].arrival, let rule = table.rule(o.code, on: o.date),
                  rule.excludedArrivals?.contains(arrival) == true else { continue }
            remove(k, .arrivalExcluded, "\(name(k)) on \(o.date): not for a patient whose arrival is \(arrival) (\(rule.passage.prefix(while: { $0 != ":" })): 救急用の自動車等により緊急に搬送された者を除く; Masters/params/audit/add-on-bases.json)")
        }
    }

    /// SA-C012 — a fee not billed on a day the patient is given one of its `excluded_drugs` (add-on-bases.json: B001-2 小児科外来診療料
    /// 注2 「別に厚生労働大臣が定める薬剤を投与している場合については、算定しない」, 通知 B001-2 (2) パリビズマブ 投与当日; review 338 GC-1:
    /// the fee took the day's 再診料, 注射 and a 51,725円 drug into it). The day's other rows are then billed on their own.
    mutating func checkDrugExclusions() {
        guard let table = AddOnBases.embedded, table.hasDrugExclusions else { return }
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory {
            let o = occurrences[k]
            guard let rule = table.rule(o.code, on: o.date), let prefixes = rule.excludedDrugs, !prefixes.isEmpty else { continue }
            let drug = (0..<currentCount).first { j in
                let d = occurrences[j]
                guard d.alive, d.kind == .drug, d.day == o.day, d.version >= 0, let y = rules[d.rules].drugs else { return false }
                let standard = y.string(d.version, DrugColumn.priceStandardCode)
                return prefixes.contains { standard.hasPrefix($0) }
            }
            guard let j = drug else { continue }
            remove(k, .drugExcluded, "\(name(k)) on \(o.date): not billed on a day the patient is given \(name(j)) (\(rule.passage.prefix(while: { $0 != ":" }))); bill the day's 初診料・再診料 and its other rows on their own (Masters/params/audit/add-on-bases.json)")
        }
    }

    mutating func checkAddOnBases() {
        let P = ProcedureColumn.self
        for k in 0..<currentCount where isLiveProcedure(k) {
            do {
                let o = occurrences[k]
                guard let t = rules[o.rules].procedures else { continue }
                let notice1 = t.bytes(o.version, P.noticeClass1).first ?? 0
                // Only add-on rows go further (告示等識別区分（１） 7 or 9, or （２） 7), and the fees add-on-classes.json ties to a base row.
                // (Looked up for the other rows only: most rows of a claim are neither.)
                let addOnRow = notice1 == UInt8(ascii: "7") || notice1 == UInt8(ascii: "9") || t.bytes(o.version, AuditColumn.procedureNoticeClass2).first == UInt8(ascii: "7")
                let linked = addOnRow ? nil : AddOnClassColumns.embedded.flatMap { $0.addOn(t, o.version, on: o.date) }.flatMap { $0.0.baseRows == true ? $0 : nil }
                guard addOnRow || linked != nil || AddOnBases.embedded?.rule(o.code, on: o.date)?.checksFee(inpatient: inpatient) == true else { continue }
                // The claim's 診療行為 of the same day: a base billed at another encounter of the day counts.
                let day = o.day
                let range = (0..<currentCount).filter { occurrences[$0].day == day }
                let alphabet = t.bytes(o.version, P.codeTableAlphabet)
                let addOn = t.integer(o.version, P.addOnCode) ?? 0
                func live(_ j: Int) -> (MasterTable, Int)? {
                    guard j != k, isLiveProcedure(j), let u = rules[occurrences[j].rules].procedures else { return nil }
                    return (u, occurrences[j].version)
                }
                /// Whether the day bills one of `bases` (an add-on-bases.json rule's rows).
                func hasOne(of bases: Set<UInt64>) -> Bool { range.contains { j in live(j) != nil && bases.contains(occurrences[j].code) } }
                /// A 基本・合成・準用 item (告示等識別区分（１） 1, 3, 5) that is no 加算 (（２） 7): what a 通則加算 adds to.
                func isBaseRow(_ u: MasterTable, _ w: Int) -> Bool {
                    let n = u.bytes(w, P.noticeClass1).first ?? 0
                    return (n == UInt8(ascii: "1") || n == UInt8(ascii: "3") || n == UInt8(ascii: "5")) && u.bytes(w, AuditColumn.procedureNoticeClass2).first != UInt8(ascii: "7")
                }
                /// The day's base rows of the row's 部.
                func partBases() -> [Int] {
                    range.filter { j in
                        guard let (u, w) = live(j) else { return false }
                        return isBaseRow(u, w) && u.bytes(w, P.codeTableAlphabet).elementsEqual(alphabet)
                    }
                }
                func partBase() -> Bool { !partBases().isEmpty }
                /// Those of the row's own order — what it adds to — or, in an order of its own, the day's (reviews 198 AS-1, AS-7).
                func ownOrDayPartBases() -> [Int] {
                    let day = partBases()
                    let own = day.filter { occurrences[$0].encounter == o.encounter && occurrences[$0].order == o.order }
                    return own.isEmpty ? day : own
                }
                let generalSection = t.bytes(o.version, P.sectionNumber).elementsEqual("000".utf8)
                let infantClass = t.integer(o.version, P.infantProcedureAddOn) ?? 0
                if let (column, bases) = linked {
                    // O100 外来・在宅ベースアップ評価料(Ⅰ) by the day's visit (s 項番129: 初診 1 → 2, 再診 3 → 4, 訪問診療 5 → 6,
                    // 7 → 8); O101 (Ⅱ) イ / ロ by the day's O100 row (項番130 1 / 2 → 項番129 2・6・8 / 4) (review 200 AU-1, AU-2).
                    let baseColumn = column.baseColumn ?? column.column
                    let hasBase = range.contains { j in
                        guard let (u, w) = live(j) else { return false }
                        return bases.contains(u.integer(w, baseColumn) ?? 0)
                    }
                    guard !hasBase else { continue }
                    remove(k, .addOnWithoutBase, "\(name(k)): the day \(o.date) bills no row it goes with (\(column.name): \(bases.map { String($0) }.joined(separator: "/")); \(column.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)); Masters/params/audit/add-on-classes.json)")
                } else if let rule = AddOnBases.embedded?.rule(o.code, on: o.date), addOn == 0 || rule.checksFee(inpatient: inpatient), !rule.sections.isEmpty {
                    // (A fee of its own may head a 注加算 family: B001-2-6 注加算コード 1315, its 注2・注3 加算 under it.)
                    // A 通則加算 of a 節 whose 通則 names the 区分 it adds to (第4部 第3節 通則3 電子画像管理加算（コンピューター
                    // 断層診断料）: E200–E202 撮影; 第2節 通則3: E100–E102), not any item of the 部 (SA-A002 would take a 単純撮影).
                    let hasBase = hasOne(of: rule.codes(inpatient: inpatient) ?? []) || range.contains { j in
                        guard let (u, w) = live(j), isBaseRow(u, w) else { return false }
                        let a = u.bytes(w, P.codeTableAlphabet), section = u.bytes(w, P.sectionNumber)
                        return rule.sections.contains { a.count == 1 && a[0] == $0.0 && section.elementsEqual($0.1) }
                    }
                    guard !hasBase else { continue }
                    remove(k, .generalAddOnWithoutPart, "\(name(k)) is billed with \(rule.name)'s bases only (\(((rule.baseSections ?? []) + rule.bases).joined(separator: ", "))); the day \(o.date) has none (\(rule.passage.prefix(while: { $0 != ":" })); Masters/params/audit/add-on-bases.json)")
                } else if let rule = AddOnBases.embedded?.rule(o.code, on: o.date), addOn == 0 || rule.checksFee(inpatient: inpatient), let bases = rule.codes(inpatient: inpatient) {
                    // A stand-alone 加算 the 告示 allows on some rows of its 区分 only (I002 注5 特定薬剤副作用評価加算: １のハの（１）
                    // and ２のハの（１）（２）, not the 30分未満 rows; Masters/params/audit/add-on-bases.json).
                    guard !hasOne(of: bases), !rule.exempts(age, on: o.date) else { continue }
                    if bases.isEmpty && !inpatient {
                        // `outpatient_bases: []`: a 加算 the 告示 gives 入院中の患者 only where the master's 入外適用区分 is 0
                        // (D007 注の注 入院時初回加算): not billable on an 入院外 claim.
                        remove(k, .inpatientApplicability, "\(name(k)): \(rule.name) is for a patient in hospital only (\(rule.passage.prefix(while: { $0 != ":" }))); not billable on an 入院外 claim (Masters/params/audit/add-on-bases.json; the master's 入外適用区分 is 0)")
                        continue
                    }
                    remove(k, .sectionAddOnWithoutBase, "\(name(k)) is billed with \(rule.name)'s bases only; the day \(o.date) has none (\(rule.passage.prefix(while: { $0 != ":" })); Masters/params/audit/add-on-bases.json)")
                } else if notice1 == UInt8(ascii: "7"), addOn == 0, infantClass == 0, let classes = AddOnClassColumns.embedded,
                   let (column, bases) = classes.addOn(t, o.version, on: o.date) {
                    // 自動縫合器加算 (K936), 自動吻合器加算 (K936-2): a 手術 of the day whose class column allows it.
                    let hasBase = range.contains { j in
                        guard let (u, w) = live(j), u.bytes(w, P.noticeClass1).first != UInt8(ascii: "7") else { return false }
                        return bases.contains(u.integer(w, column.column) ?? 0)
                    }
                    if hasBase, let need = column.requiresDuration {
                        // L009 注4 長時間麻酔管理加算: the day's L008 stated over 480 minutes (review 197 AR-4: 300 minutes billed 7,500) —
                        // summed over its rows, as 通知 L008 (12) ウ counts one 全身麻酔 of several 区分 (review 201 AV-2: 300 + 240).
                        var scaled = 0
                        for j in range {
                            guard let (u, w) = live(j), occurrences[j].encounter >= 0 else { continue }
                            guard need.sections.contains(InpatientPricer.section(u, w)) else { continue }
                            let p = occurrences[j]
                            scaled += claim.encounters[p.encounter].orders[p.order].items[p.item].quantity?.scaled ?? 0
                        }
                        if scaled <= need.overMinutes * UnitItem.quantityScale {
                            remove(k, .addOnWithoutBase, "\(name(k)): needs \(need.sections.joined(separator: "/")) of more than \(need.overMinutes) minutes on \(o.date); "
                                   + (scaled > 0 ? "the day's is \(FixedPoint(value: scaled, decimals: 5))" : "the day states none") + " (\(column.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)); Masters/params/audit/add-on-classes.json)")
                        }
                        continue
                    }
                    guard !hasBase else { continue }
                    remove(k, .addOnWithoutBase, "\(name(k)): no 手術 of \(o.date) allows it (\(column.name) of the day's rows is not \(bases.map { String($0) }.joined(separator: "/")); \(column.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)); Masters/params/audit/add-on-classes.json)")
                } else if notice1 == UInt8(ascii: "7"), addOn == 0, infantClass == 0, alphabet.count == 1, (t.integer(o.version, P.timeAddOnClass) ?? 0) != 0 {
                    // A 部 通則's time row linked to no base (第3部 第3節 内視鏡検査 通則5 休日・時間外・深夜加算: 告示等識別区分 7, 注加算
                    // コード 0) adds to the day's rows of that 部 whose 時間加算区分 is 1 — not to a 区分 the 通則 excepts (D324, D325:
                    // 時間加算区分 0) nor to one whose own 注 gives its time add-on (D296-3 注 時間外加算 200点): 通則5 「区分番号Ｄ２９６－３、
                    // Ｄ３２４及びＤ３２５に掲げるものを除く」 (R06 ika-kokuji.txt 10119-10126; review 195 AP-1).
                    let chain = try? auditor.masters.chainIndex(.procedure, on: o.date)
                    // The 部's rows of the row's own order (review 198 AS-7: stated with D324, it was kept for a D308 of another
                    // order and priced on the D324).
                    let hasBase = ownOrDayPartBases().contains { j in
                        guard let (u, w) = live(j), u.integer(w, P.timeAddOnClass) == 1 else { return false }
                        guard let c = u.integer(w, P.addOnCode), c != 0, let chain else { return true }
                        return !auditor.masters.addOnIndex(chain: chain).family(c).contains { m in
                            guard let x = u.version(ofCode: m, on: o.date) else { return false }
                            return u.bytes(x, P.noticeClass1).first == UInt8(ascii: "7") && (u.integer(x, P.timeAddOnClass) ?? 0) != 0
                        }
                    }
                    guard !hasBase else { continue }
                    remove(k, .generalAddOnWithoutPart, "\(name(k)) is a 通則 time add-on of 部 \(String(decoding: alphabet, as: UTF8.self)); the day \(o.date) has no row of that 部 it adds to (時間加算区分 1; not a 区分 the 通則 excepts or whose own 注 gives its time add-on: D296-3, D324, D325 for 内視鏡検査 通則5)")
                } else if notice1 == UInt8(ascii: "7"), addOn == 0, infantClass != 0 {
                    // 乳幼児加算（処置）: the family is the 処置乳幼児加算区分 (R06rec1 項番46; J 通則 / 注).
                    let hasBase = range.contains { j in
                        guard let (u, w) = live(j) else { return false }
                        return u.bytes(w, P.noticeClass1).first != UInt8(ascii: "7") && u.integer(w, P.infantProcedureAddOn) == infantClass
                    }
                    guard !hasBase else { continue }
                    remove(k, .addOnWithoutBase, "\(name(k)) is a 乳幼児加算 of 処置乳幼児加算区分 \(infantClass); the day \(o.date) has no 処置 of that 区分")
                } else if notice1 == UInt8(ascii: "7"), addOn != 0, !t.bytes(o.version, P.addOnSerial).elementsEqual("0".utf8) {
                    let hasBase = range.contains { j in
                        guard let (u, w) = live(j) else { return false }
                        return u.integer(w, P.addOnCode) == addOn && u.bytes(w, P.addOnSerial).elementsEqual("0".utf8)
                    }
                    if hasBase, let rule = AddOnBases.embedded?.rule(o.code, on: o.date), let bases = rule.codes(inpatient: inpatient) {
                        // An add-on the 告示 allows on some rows of its family only (D215 注2 パルスドプラ法加算: ２ only; H000–H003
                        // 注2・注3 早期リハビリテーション加算・初期加算: 入院外 with H001・H002 only).
                        guard !hasOne(of: bases), !rule.exempts(age, on: o.date) else { continue }
                        let which = inpatient || rule.outpatientBases == nil ? "" : " on an 入院外 claim"
                        remove(k, .addOnWithoutBase, "\(name(k)) is billed with \(rule.name)'s bases only\(which); the day \(o.date) has none (\(rule.passage.prefix(while: { $0 != ":" })); Masters/params/audit/add-on-bases.json)")
                        continue
                    }
                    guard !hasBase else { continue }
                    let others = range.filter { j in live(j).map { u, w in (u.integer(w, P.addOnCode) ?? 0) != 0 && u.bytes(w, P.addOnSerial).elementsEqual("0".utf8) } ?? false }
                    remove(k, .addOnWithoutBase, codes: others.map { occurrences[$0].code },
                           "\(name(k)) is a 注加算 of 注加算コード \(addOn); the day \(o.date) has no base of that family"
                           + (others.isEmpty ? "" : " (its base \(others.map { name($0) }.joined(separator: ", ")) is of another family)"))
                } else if notice1 == UInt8(ascii: "9") || (notice1 == UInt8(ascii: "1") && generalSection && isStandAloneAddOn(t, o.version)) {
                    if notice1 == UInt8(ascii: "9"), let listed = SurgeryNeonatalRules.embedded?.version(on: o.date), listed.addOnCodes.contains(o.code) {
                        // SA-A004: 第10部 通則7 新生児加算 for the 手術 of its list only; another 手術 of a 新生児 takes 通則8's
                        // 乳幼児加算 (review 194 AO-3: K718 with 新生児加算 stated, 26,960 for 13,480).
                        // The 手術 of the row's own order (review 198 AS-1: an unlisted 手術 kept its 新生児加算 beside a listed one
                        // of the day).
                        let surgeries = ownOrDayPartBases()
                        let onList = surgeries.contains { j in
                            guard let (u, w) = live(j) else { return false }
                            return listed.contains(alphabet: u.string(w, P.codeTableAlphabet), section: u.integer(w, P.sectionNumber) ?? 0,
                                                   branch: u.integer(w, P.branchNumber) ?? 0, item: u.integer(w, P.itemNumber) ?? 0)
                        }
                        if !surgeries.isEmpty && !onList {
                            remove(k, .neonatalAddOnOffList, "\(name(k)) is the 新生児加算 of 第10部 通則7, for the 手術 of its list only; the day's \(surgeries.map { name($0) }.joined(separator: ", ")) is not of it (\(listed.revision); Masters/params/surgery-neonatal.json) — a 新生児 takes 通則8's 乳幼児加算 for it")
                            continue
                        }
                    }
                    if notice1 == UInt8(ascii: "9"), o.encounter >= 0, alphabet.count == 1, let cls = t.integer(o.version, P.timeAddOnClass), cls != 0,
                       let minimum = auditor.orderAddOnRules?.generalTimeMinimums(on: o.date).first(where: { $0.part.utf8.first == alphabet[0] }) {
                        // 第9部 通則5: 所定点数が150点以上 (加算１: 1,000点以上) — the order's, when the row stands with its 処置 (review 198
                        // AS-9: 時間外加算２ beside a 52点 創傷処置 was billed; in an order of its own the pricer already judges it).
                        let units = claim.encounters[o.encounter].orders[o.order].items.compactMap { item -> UnitItem? in
                            guard item.code.utf8.first == UInt8(ascii: "1"), let c = UInt64(item.code) else { return nil }
                            return UnitItem(kind: .procedure, code: c, quantity: item.quantity?.scaled ?? 0)
                        }
                        let hasBase = units.contains { u in
                            guard let i = t.codeIndex(of: u.code), let w = t.version(ofCode: i, on: o.date) else { return false }
                            return isBaseRow(t, w) && t.bytes(w, P.codeTableAlphabet).elementsEqual(alphabet)
                        }
                        let threshold = cls == 8 || cls == 9 ? minimum.first : minimum.second
                        if hasBase, let points = AddOnDeriver.orderPoints(units, t, o.date), points < threshold * 100 {
                            remove(k, .generalAddOnWithoutPart, "\(name(k)): the order's 所定点数 \(points / 100)点 is below \(threshold)点 — 部 \(String(decoding: alphabet, as: UTF8.self)) 通則's 時間外等加算 is for 所定点数が\(threshold)点以上 (第9部 通則5)")
                            continue
                        }
                    }
                    guard alphabet.count == 1, alphabet[0] != UInt8(ascii: "-"), !partBase() else { continue }
                    // A row for 入院 receipts only (入外適用区分 1) stands alone there: 112017790 時間外加算（再診）（入院）, the 再診料 注5
                    // 加算 that 通知 第1章第1部 通則4 excepts when the patient is admitted after an out-of-hours 再診 — the 再診料 itself is
                    // not billed (review 324 FO-1).
                    if claim.admission != nil, t.field(o.version, P.inpatientApplicability, is: "1") { continue }
                    remove(k, .generalAddOnWithoutPart, "\(name(k)) is a 通則加算 of 部 \(String(decoding: alphabet, as: UTF8.self)); the day \(o.date) has no item of that 部 it could add to")
                } else if notice1 == UInt8(ascii: "1"), isStandAloneAddOn(t, o.version), let key = SectionBaseIndex.key(t, o.version),
                          rules[o.rules].sectionBases?.sections.contains(key) == true {
                    let hasBase = range.contains { j in
                        guard let (u, w) = live(j), SectionBaseIndex.key(u, w) == key else { return false }
                        let n = u.bytes(w, AuditColumn.procedureNoticeClass2).first
                        return n == UInt8(ascii: "1") || n == UInt8(ascii: "3")
                    }
                    guard !hasBase else { continue }
                    // An 入院 claim's 入院基本料 is priced from `admission.ward`, not ordered: its 区分 is a base on the stay's
                    // days (review 137: A101 注10 在宅復帰機能強化加算 stated as orders was removed — "the day has no base item
                    // of A101" — beside a ward of 療養病棟入院料１).
                    if let a = claim.admission, let ward = UInt64(a.ward.basicFee), let wi = t.codeIndex(of: ward),
                       let wv = t.version(ofCode: wi, on: o.date), SectionBaseIndex.key(t, wv) == key,
                       let admitted = ServiceDate(a.date), admitted <= o.date, a.discharge.flatMap(ServiceDate.init).map({ o.date <= $0 }) ?? true { continue }
                    // The 区分's base is a 判断料 `santei price` derives from the month's tests of its 判断グループ (N006 注4
                    // 病理診断管理加算 stated, N006 組織診断料 left to the engine): the add-on keeps its base.
                    if let groups = rules[o.rules].sectionBases?.judgementGroups[key], judgementFeeDerived(groups, month: o.yearMonth) { continue }
                    // A 加算 the 告示 lets a day bill alone (C007 注2 特別訪問看護指示加算 月２回, under a 指示書 of an earlier month;
                    // add-on-bases.json stand_alone; review 239 CH-1).
                    if AddOnBases.embedded?.standsAlone(o.code, on: o.date) == true { continue }
                    let section = t.string(o.version, P.codeTableAlphabet) + t.string(o.version, P.sectionNumber)
                    // A base the day states but another finding removed (SA-C006 施設基準 …) is named as that, not as missing (review 421 JI-5).
                    let removedBase = range.first { j in
                        let p = occurrences[j]
                        guard !p.alive, p.kind == .procedure, p.version >= 0, let u = rules[p.rules].procedures, SectionBaseIndex.key(u, p.version) == key else { return false }
                        let n = u.bytes(p.version, AuditColumn.procedureNoticeClass2).first
                        return n == UInt8(ascii: "1") || n == UInt8(ascii: "3")
                    }
                    remove(k, .sectionAddOnWithoutBase, "\(name(k)) is a 加算 of 区分 \(section); " + (removedBase.map { "the day's base item of \(section), \(name($0)), is not billed (another finding removes it)" }
                        ?? "the day \(o.date) has no base item of \(section) (告示等識別区分（２） 1 or 3)"))
                }
            }
        }
    }

    /// Whether a 判断料 of one of `groups` will be derived this month: a live test (検査等実施判断区分 1) of the group in
    /// the claim and no 判断料 (区分 2) of it billed in the claim or its history (D026 注: 月１回; SA-J002).
    private func judgementFeeDerived(_ groups: Set<Int>, month: Int) -> Bool {
        let P = ProcedureColumn.self
        var tested = Set<Int>(), billed = Set<Int>()
        for j in 0..<occurrences.count where occurrences[j].yearMonth == month && (occurrences[j].isHistory || isLiveProcedure(j)) {
            let q = occurrences[j]
            guard q.version >= 0, let u = rules[q.rules].procedures, let g = u.integer(q.version, P.judgementGroup), groups.contains(g) else { continue }
            switch u.integer(q.version, P.judgementClass) {
            case 1: if !q.isHistory { tested.insert(g) }
            case 2: billed.insert(g)
            default: break
            }
        }
        return !tested.subtracting(billed).isEmpty
    }

    /// A 加算 row that is not in a 注加算 family: 告示等識別区分（２） 7 and no 注加算コード.
    private func isStandAloneAddOn(_ t: MasterTable, _ v: Int) -> Bool {
        t.bytes(v, AuditColumn.procedureNoticeClass2).first == UInt8(ascii: "7") && (t.integer(v, ProcedureColumn.addOnCode) ?? 0) == 0
    }

    /// SA-V003 — fees the 告示 includes in another fee billed within a period before them (e.g. B000 注2: the
    /// 管理 on the day of the 初診 or within one month of it is included in the 初診料), from
    /// `Masters/params/audit/period-rules.json`; the reference fee may be in the claim or in --history. One
    /// month = the same day through the day before the same date a month later (通知 A000 (14): 2月10日〜3月9日); a rule with
    /// `holiday_shift` (B000: 通知 (3) ただし書) also allows the last day before the period's end that is no 休日 when the end
    /// is one (`Holidays`, Masters/params/holidays.json; review 165 K1).
    /// `days`: the rules counted in days (B001-2-7 注1–注3), run before the 背反 check: the 告示 says which of 外来リハビリテーション
    /// 診療料１・２ is not billed, where the 03-4 table (区分 3) would keep the one of more 点数 (review 179 Z2); false: the rest.
    mutating func checkPeriodRules(days: Bool = false) {
        let periodRules = days ? auditor.periodRulesOfDays : auditor.periodRulesOfMonths
        guard !periodRules.isEmpty else { return }
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let t = rules[o.rules].procedures else { continue }
            let alphabet = t.bytes(o.version, ProcedureColumn.codeTableAlphabet).first
            for r in periodRules.indices where periodRules[r].code.alphabet == alphabet {
                guard periodRules[r].applies(on: o.date) && periodRules[r].code.matches(t, o.version) else { continue }
                let rule = periodRules[r]
                // The latest reference fee on or before the day, within the period.
                var found: Int?
                for j in 0..<occurrences.count where j != k && (occurrences[j].isHistory || isLiveProcedure(j)) {
                    let q = occurrences[j]
                    guard q.version >= 0, q.day <= o.day, let u = rules[q.rules].procedures, rule.reference.matches(u, q.version),
                          var end = rule.days.map({ ServiceDate(dayNumber: q.date.dayNumber + $0) })
                            ?? (rule.fromMonth ? ServiceDate(year: q.date.year, month: q.date.month, day: 1) : q.date)?.adding(months: rule.months) else { continue }
                    // 通知 B000 (3) ただし書: a period ending on a 休日 lets the fee be billed on the day before it that is none.
                    if rule.holidayShift != nil, let holidays = Holidays.embedded { end = holidays.firstBillableDay(from: end) }
                    guard o.date < end else { continue }
                    if found == nil || occurrences[found!].day < q.day { found = j }
                }
                guard let j = found else { continue }
                let ref = occurrences[j]
                remove(k, .periodFromReference, codes: [ref.code],
                       "\(name(k)) on \(o.date) is within \(rule.days.map { "\($0) days" } ?? "\(rule.months) month\(rule.months == 1 ? "" : "s")") of \(name(j)) on \(ref.date)\(ref.isHistory ? " (earlier claim)" : ""): \(rule.days == nil ? "included in it" : "not billed") (\(rule.source))")
                break
            }
        }
    }
}

extension AuditRun {
    /// SA-V004 — a fee the 告示 allows only within (I001 注1 入院精神療法（Ⅰ） 「入院の日から起算して３月を限度として」; A100 注3
    /// イ 入院期間加算 「14日以内の期間」) or only after (I001 2 ロ 「６月を超えた期間に行った場合」; A100 注3 ロ 「15日以上30日以内の
    /// 期間」) a period counted from the 入院の日 of an 入院 claim: the stay's 起算日 (`admission.reckoning_date`, else
    /// `admission.date`; 第２部通則５; 通知 I001 (7): 入院の日及び入院の期間の取扱いについては、入院基本料の取扱いの例による). N
    /// months = up to the day before the same date N months later, as `adding(months:)`; N days = day 1 (the 起算日) to day N.
    /// A UKE 入院 receipt states its 入院年月日 (RE) and no 起算日: the 起算日 is that day or earlier (a 再入院 counts from the
    /// first stay), so only the limits "within" a period are judged from it (review 359 GY-3: 入院期間加算（１４日以内） on days
    /// 32–36 of a stay passed).
    mutating func checkAdmissionPeriods() {
        let list = auditor.parameters.admissionPeriods
        guard !list.isEmpty else { return }
        let start: ServiceDate, exact: Bool, named: String
        if let a = claim.admission, let s = ServiceDate(a.reckoningDate ?? a.date) { start = s; exact = true; named = "the 入院の日 \(s)" }
        else if let s = claim.receiptAdmissionDate { start = s; exact = false; named = "the 入院年月日 \(s) (RE)" }
        else { return }
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            // A day before the stay is SA-B003's.
            let day = o.date.dayNumber - start.dayNumber + 1
            guard day >= 1 else { continue }
            for rule in list where rule.codes.contains(o.code) && rule.applies(on: o.date) {
                if let m = rule.withinMonths, let end = start.adding(months: m), o.date >= end {
                    remove(k, .periodFromAdmission, "\(name(k)) on \(o.date): billable only within \(m) month\(m == 1 ? "" : "s") of \(named) (to \(end.previousDay)) (\(rule.source))")
                    break
                }
                if exact, let m = rule.afterMonths, let end = start.adding(months: m), o.date < end {
                    remove(k, .periodFromAdmission, "\(name(k)) on \(o.date): billable only after \(m) month\(m == 1 ? "" : "s") from \(named) (from \(end)) (\(rule.source))")
                    break
                }
                if let n = rule.withinDays, day > n {
                    remove(k, .periodFromAdmission, "\(name(k)) on \(o.date) is day \(day) counted from \(named): billable only through day \(n) (to \(ServiceDate(dayNumber: start.dayNumber + n - 1))) (\(rule.source))")
                    break
                }
                // Day 1 + k × N only; from an RE date alone the days are not known (a 再入院's 起算日 is earlier).
                if exact, let n = rule.everyDays, (day - 1) % n != 0 || (day == 1 && !rule.firstDay) {
                    let next = day < 1 + n ? 1 + n : day + (n - (day - 1) % n)
                    remove(k, .periodFromAdmission, "\(name(k)) on \(o.date) is day \(day) counted from \(named): billable \(rule.firstDay ? "on day 1 and " : "")on day \(1 + n), \(1 + 2 * n) … only (next: day \(next), \(ServiceDate(dayNumber: start.dayNumber + next - 1))) (\(rule.source))")
                    break
                }
                if exact, let n = rule.afterDays, day <= n {
                    remove(k, .periodFromAdmission, "\(name(k)) on \(o.date) is day \(day) counted from \(named): billable only from day \(n + 1) (\(ServiceDate(dayNumber: start.dayNumber + n))) (\(rule.source))")
                    break
                }
            }
        }
    }

    /// SA-B003 — a row of an 入院 receipt dated before its 入院年月日 (`admission.date`, or the UKE RE's): an 入院 receipt bills
    /// the days of the stay (記載要領: the 入院外 days of the month go on an 入院外 receipt); either the date or the 入院年月日 is
    /// wrong, so nothing is changed (review 359 GY-4: 入院基本料 on 4/5–4/6 of a stay that began 4/10 passed).
    mutating func checkDaysBeforeAdmission() {
        // SA-B004 — a UKE 入院 receipt with a blank 入院年月日: nothing is counted from it, and the clerk is told so (review 365 HE-6:
        // the periods were skipped with no word).
        if inpatient, claim.admission == nil, claim.receiptAdmissionDateMissing,
           let k = (0..<currentCount).first(where: { !occurrences[$0].isHistory && occurrences[$0].encounter >= 0 }) {
            report(.admissionDateMissing, k, "the RE 入院年月日 is blank on this 入院 receipt: the rows limited from the 入院の日 (SA-V004), the days before it (SA-B003) and the 入院初日・入院中 counts of the 05算定回数テーブル are not checked — state the 入院年月日")
        }
        guard inpatient, let start = claim.admission.flatMap({ ServiceDate($0.date) }) ?? claim.receiptAdmissionDate else { return }
        var said = Set<Int>()
        for k in 0..<currentCount where !occurrences[k].isHistory && occurrences[k].alive && occurrences[k].encounter >= 0 {
            let o = occurrences[k]
            guard o.date < start, said.insert(o.encounter).inserted else { continue }
            report(.dayBeforeAdmission, k, "encounters[\(o.encounter)] (\(o.date)) is before the 入院年月日 \(start): an 入院 receipt bills the days of the stay — check the date or the 入院年月日")
        }
    }
}

extension AuditRun {
    /// SA-V006 — an add-on the 告示 limits to N days counted from an event whose date the claim states in a comment (H001・H002
    /// 注2 早期リハビリテーション加算 「それぞれ発症、手術又は急性増悪から30日を限度として」, 注3 初期加算 14日, 注4 急性期リハビリテーション
    /// 加算 14日; the 発症・手術・急性増悪年月日 comments of the 記載要領): day 1 = the date; the latest such date the order, else the
    /// encounter, else any encounter of the claim states, starts the count (通知 第7部 通則9: the 発症日等 is written once in the
    /// 摘要欄 — review 179 Z1: a later day without the comment kept its 加算). Without one nothing is said here (SA-M001 asks for
    /// the comment); a date after the service date is reported (Z9).
    mutating func checkCommentDatePeriods() {
        let list = auditor.parameters.commentDatePeriods
        guard !list.isEmpty else { return }
        struct PastPeriodKey: Hashable { var rule: String; var month: Int }
        var pastPeriodUnits: [PastPeriodKey: Int] = [:]
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let rule = list.first(where: { $0.codes.contains(o.code) && $0.applies(on: o.date) }) else { continue }
            let encounter = claim.encounters[o.encounter]
            func latest(_ comments: [Claim.Comment], notAfter limit: ServiceDate? = nil) -> (ServiceDate, String)? {
                var best: (ServiceDate, String)? = nil
                for c in comments {
                    guard let text = c.code, let code = UInt64(text), rule.comments.contains(code), let value = c.text,
                          let d = Self.eraDate(Self.halfWidth(value)[...]), limit.map({ d <= $0 }) ?? true else { continue }
                    if best == nil || best!.0 < d { best = (d, text) }
                }
                return best
            }
            guard let (start, comment) = latest(encounter.orders[o.order].comments ?? []) ?? latest(encounter.orders.flatMap { $0.comments ?? [] })
                    ?? latest(claim.encounters.flatMap { $0.orders.flatMap { $0.comments ?? [] } }, notAfter: o.date) else { continue }
            if start > o.date {
                // Said once, by the 加算's own rule: a cap past the 標準的算定日数 has nothing to add (the base row).
                if rule.monthUnitsAfter != nil { continue }
                report(.periodFromCommentDate, k, "\(name(k)) on \(o.date): the date it counts from, \(start) (comment \(comment)), is after the service date: check it (\(rule.source))")
                continue
            }
            guard o.date.dayNumber - start.dayNumber + 1 > rule.days else { continue }
            if let cap = rule.monthUnitsAfter {
                // Past the 標準的算定日数: the month's 単位 of the rule's codes are counted in date order (review 339 GD-1: 16 units of
                // H002 in a month 175 days after the 発症日 passed).
                let item = claim.encounters[o.encounter].orders[o.order].items[o.item]
                let units = o.times * max(1, (item.quantity?.scaled ?? 0) / UnitItem.quantityScale)
                let before = pastPeriodUnits[PastPeriodKey(rule: rule.id, month: o.yearMonth), default: 0]
                pastPeriodUnits[PastPeriodKey(rule: rule.id, month: o.yearMonth)] = before + units
                if before + units > cap {
                    report(.unitsPastStandardDays, k, "\(name(k)) on \(o.date) is day \(o.date.dayNumber - start.dayNumber + 1) from \(start) (comment \(comment)), past the \(rule.days) days of \(rule.name): \(before + units) 単位 this month, \(cap) allowed (\(rule.source.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces))) — unless the patient is a 除外対象患者 (別表第九の八); check it")
                }
                continue
            }
            remove(k, .periodFromCommentDate, "\(name(k)) on \(o.date) is day \(o.date.dayNumber - start.dayNumber + 1) from \(start) (comment \(comment)); \(rule.name) is billable for \(rule.days) days from it, to \(ServiceDate(dayNumber: start.dayNumber + rule.days - 1)) (\(rule.source))")
        }
    }
}

extension ServiceDate {
    /// The same day `months` calendar months later (the month's last day when it has fewer days).
    func adding(months: Int) -> ServiceDate? {
        let m = year * 12 + (month - 1) + months
        let y = m / 12, mo = m % 12 + 1
        return ServiceDate(year: y, month: mo, day: min(day, ServiceDate.daysInMonth(year: y, month: mo)))
    }
}

/// 注加算 allowed on some rows of their family only (`Masters/params/audit/add-on-bases.json`).
struct AddOnBases: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        /// `bases`: the rows it goes with (empty: any row of its family or 区分); `outpatient_bases`, when given, the rows
        /// it goes with on an 入院外 claim.
        /// `base_sections`, when given: 区分番号 (alphabet and number, e.g. "E200") whose rows of any 枝番 are bases too —
        /// a 通則加算 of a 節 that names its 区分 (第4部 第3節 通則3 電子画像管理加算: E200–E202 撮影).
        var addOn: String; var name: String; var bases: [String]; var baseSections: [String]?; var outpatientBases: [String]?; var from: String; var to: String?; var passage: String
        /// `fee`: the row is a fee of its own (告示等識別区分（１） 1: G020 無菌製剤処理料), checked like a 加算 on 入院外 claims
        /// only (an 入院 day's 点滴 under 500 mL bills no G004 row to find).
        var fee: Bool?
        /// `fee_inpatient`: such a fee is checked on 入院 claims too (K939-5 胃瘻造設時嚥下機能評価加算 goes with the K664 of its day
        /// wherever the patient is).
        var feeInpatient: Bool?
        /// `excluded_arrivals`: the row is not billed for an encounter whose `arrival` is one of these (B001-2-5 院内トリアージ実施料:
        /// 救急用の自動車等により緊急に搬送された者を除く; SA-C011).
        var excludedArrivals: [String]?
        /// `unless_age_below`: a patient younger than this (years, on the day) needs none of the `bases` (D256 注 広角眼底撮影加算:
        /// ３歳未満の乳幼児, or with 蛍光眼底法 — 通知 D256 (8) ア・イ).
        var unlessAgeBelow: Int?
        /// `excluded_drugs`: the row is not billed on a day the patient is given a drug whose 薬価基準収載医薬品コード begins with one
        /// of these (B001-2 小児科外来診療料: 通知 B001-2 (2) パリビズマブを投与している患者（投与当日に限る。）; SA-C012).
        var excludedDrugs: [String]?
        /// Whether the row is checked as a fee of its own on a claim of this kind.
        func checksFee(inpatient: Bool) -> Bool { fee == true && (!inpatient || feeInpatient == true) }
        var baseCodes: Set<UInt64> = []
        var outpatientCodes: Set<UInt64>?
        /// `base_sections` as (alphabet, 区分番号 bytes).
        var sections: [(UInt8, [UInt8])] = []
        enum CodingKeys: String, CodingKey { case addOn = "add_on", name, bases, baseSections = "base_sections", outpatientBases = "outpatient_bases", from, to, passage, fee, feeInpatient = "fee_inpatient", excludedArrivals = "excluded_arrivals", unlessAgeBelow = "unless_age_below", excludedDrugs = "excluded_drugs" }

        /// Whether the patient's age on the day lets the row go without its bases (`unless_age_below`).
        func exempts(_ age: PatientAge, on date: ServiceDate) -> Bool { unlessAgeBelow.map { age.years(on: date) < $0 } ?? false }

        /// The rows the add-on needs one of on the day, nil when any base of its family will do.
        func codes(inpatient: Bool) -> Set<UInt64>? {
            if !inpatient, let o = outpatientCodes { return o }
            return baseCodes.isEmpty ? nil : baseCodes
        }
    }
    var rules: [Rule]
    /// 加算 of a range of 区分 that need a base of another range in the month (第2部 第2節 第2款 通則1: 在宅療養指導管理材料加算
    /// C150–C175 with a 第1款 在宅療養指導管理料 C100–C121 of the month).
    struct MonthRule: Decodable, Sendable {
        var name: String; var sections: [String]; var baseSections: [String]; var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case name, sections, baseSections = "base_sections", from, to, passage }
        /// `sections` and `base_sections` read once at load: (alphabet, lowest 区分番号, highest).
        var addOns: (UInt8, Int, Int)? = nil, bases: (UInt8, Int, Int)? = nil
        /// (alphabet, lowest 区分番号, highest) of "C150..C175".
        static func range(_ r: [String]) -> (UInt8, Int, Int)? {
            guard r.count == 2, let a = r[0].utf8.first, r[1].utf8.first == a,
                  let lo = Int(r[0].dropFirst()), let hi = Int(r[1].dropFirst()), lo <= hi else { return nil }
            return (a, lo, hi)
        }
    }
    var monthRules: [MonthRule]?
    /// Stand-alone 加算 a day bills without a base row of their 区分 (C007 注2 特別訪問看護指示加算: 月２回, under a 指示書 of
    /// an earlier month; review 239 CH-1): SA-A003 leaves them.
    struct StandAlone: Decodable, Sendable {
        var addOn: String; var name: String; var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case addOn = "add_on", name, from, to, passage }
    }
    var standAlone: [StandAlone]?
    var byCode: [UInt64: Int] = [:]
    var standAloneByCode: [UInt64: Int] = [:]
    enum CodingKeys: String, CodingKey { case rules, monthRules = "month_rules", standAlone = "stand_alone" }

    /// Whether `code` is a stand-alone 加算 billed without its 区分's base on `date`.
    func standsAlone(_ code: UInt64, on date: ServiceDate) -> Bool {
        guard let n = standAloneByCode[code], let r = standAlone?[n] else { return false }
        return EmbeddedParameters.applies(from: r.from, to: r.to, on: date)
    }

    /// Whether some rule names `excluded_arrivals` (read once).
    var hasArrivalExclusions: Bool { rules.contains { $0.excludedArrivals?.isEmpty == false } }
    /// Whether some rule names `excluded_drugs` (read once at load).
    var hasDrugExclusions = false

    func rule(_ code: UInt64, on date: ServiceDate) -> Rule? {
        guard let n = byCode[code] else { return nil }
        let r = rules[n]
        guard EmbeddedParameters.applies(from: r.from, to: r.to, on: date) else { return nil }
        return r
    }

    static let embedded: AddOnBases? = {
        guard var file = EmbeddedParameters.decode(AddOnBases.self, "params/audit/add-on-bases.json") else { return nil }
        for n in file.rules.indices {
            file.rules[n].baseCodes = Set(file.rules[n].bases.compactMap(UInt64.init))
            file.rules[n].outpatientCodes = file.rules[n].outpatientBases.map { Set($0.compactMap(UInt64.init)) }
            file.rules[n].sections = (file.rules[n].baseSections ?? []).compactMap { s in
                let b = Array(s.utf8)
                return b.count == 4 ? (b[0], Array(b[1...])) : nil
            }
            if let c = UInt64(file.rules[n].addOn) { file.byCode[c] = n }
        }
        for (n, r) in (file.standAlone ?? []).enumerated() { if let c = UInt64(r.addOn) { file.standAloneByCode[c] = n } }
        file.hasDrugExclusions = file.rules.contains { $0.excludedDrugs?.isEmpty == false }
        for n in (file.monthRules ?? []).indices {
            file.monthRules![n].addOns = MonthRule.range(file.monthRules![n].sections)
            file.monthRules![n].bases = MonthRule.range(file.monthRules![n].baseSections)
        }
        return file
    }()
}

/// 加算 rows tied to their bases by a class column of the 医科診療行為マスター (`Masters/params/audit/add-on-classes.json`):
/// K936 自動縫合器加算 (項番55), K936-2 自動吻合器加算 (項番67), K931 超音波凝固切開装置等加算 (項番82), L009 注4 長時間麻酔管理加算
/// (項番116, with the day's L008 over 480 minutes).
struct AddOnClassColumns: Decodable, Sendable {
    struct Column: Decodable, Sendable {
        var column: Int; var name: String; var addOnToBases: [String: [Int]]; var from: String; var to: String?; var passage: String
        /// The 加算 also needs a row of one of `sections` (区分番号, e.g. "L008") on the day whose stated 数量 (minutes) is over
        /// `overMinutes` (L009 注4: 閉鎖循環式全身麻酔の実施時間が８時間を超えた場合).
        var requiresDuration: Duration?
        struct Duration: Decodable, Sendable {
            var sections: [String]; var overMinutes: Int
            enum CodingKeys: String, CodingKey { case sections, overMinutes = "over_minutes" }
        }
        /// The row is a fee of its own (告示等識別区分（１） 1: O100, O101 ベースアップ評価料), not a 加算 row, and its base is
        /// any row of the day (a 初診料, an O100 row) whose `baseColumn` (default `column`) holds one of the values.
        var baseRows: Bool?
        var baseColumn: Int?
        enum CodingKeys: String, CodingKey {
            case column, name, addOnToBases = "add_on_to_bases", from, to, passage, requiresDuration = "requires_duration", baseRows = "base_rows", baseColumn = "base_column"
        }
    }
    var columns: [Column]

    /// The column and the base values of an add-on row, nil when the row is no such add-on on the date.
    func addOn(_ t: MasterTable, _ v: Int, on date: ServiceDate) -> (Column, [Int])? {
        for c in columns {
            guard let value = t.integer(v, c.column), value != 0, let bases = c.addOnToBases[String(value)],
                  EmbeddedParameters.applies(from: c.from, to: c.to, on: date) else { continue }
            return (c, bases)
        }
        return nil
    }

    static let embedded: AddOnClassColumns? = EmbeddedParameters.decode(AddOnClassColumns.self, "params/audit/add-on-classes.json")
}

extension AuditRun {
    /// SA-B005 — a 食事療養・生活療養 add-on a UKE 入院 receipt bills on a day 告示99号 gives it none (meal-codes.json): 特別食加算
    /// (1食につき, with (Ⅰ) only, not with 流動食のみ) on a day with no (Ⅰ) meal other than 流動食; 食堂加算 (1日につき, (Ⅰ) only) on a
    /// day with no (Ⅰ) meal, or for a patient of a ward the 注 leaves out (`dining_excluded_wards`: A101 療養病棟, A312). `santei price`
    /// leaves them out of a JSON stay (`MealTherapy`); a receipt billed them unchecked (review 375 HO-1, HO-2).
    mutating func checkMealAddOns() {
        guard inpatient, let box = InpatientRules.standardBox else { return }
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory {
            let o = occurrences[k]
            guard o.code / 1_000_000 == 197, let codes = box.rules.mealCodes.inForce(on: o.date)?.value else { continue }
            let special = o.code == codes.special || o.code == codes.living?.special
            let dining = o.code == codes.dining || o.code == codes.living?.dining
            guard special || dining else { continue }
            var regular = false, first = false, ward: String? = nil
            // 特別食加算 is 「１食につき」 (告示99号 別表 一 (1) 注): the day's (Ⅰ) meals other than 流動食 and the add-ons before this row,
            // each its 食数 × 回数 (review 418 JF-UNCLEAR: 4 add-ons beside 3 meals passed).
            var regularMeals = 0, specialsBefore = 0
            for j in 0..<currentCount where j != k && occurrences[j].alive && occurrences[j].day == o.day && occurrences[j].kind == .procedure {
                let c = occurrences[j].code
                if c == codes.meal1 || c == codes.living?.meal1 { regularMeals = Checked.add(regularMeals, mealCount(j)) ?? Int.max }
                if special && j < k && (c == codes.special || c == codes.living?.special) { specialsBefore = Checked.add(specialsBefore, mealCount(j)) ?? Int.max }
                if c == codes.meal1 || c == codes.living?.meal1 { regular = true; first = true }
                if c == codes.meal1Liquid || c == codes.living?.meal1Liquid { first = true }
                if ward == nil, c / 1_000_000 == 190, occurrences[j].version >= 0, let t = rules[occurrences[j].rules].procedures {
                    let s = InpatientPricer.section(t, occurrences[j].version)
                    if codes.diningExcludedWards.contains(s) { ward = s }
                }
            }
            // The passage of the row's own table: 生活療養 is 別表 二 (review 421 JI-6).
            let specialPassage = o.code == codes.living?.special ? "告示99号 別表 二 (1) 入院時生活療養（Ⅰ） の注" : "告示99号 別表 一 (1) 入院時食事療養（Ⅰ） の注"
            if special && regular, case let now = Checked.add(specialsBefore, mealCount(k)) ?? Int.max, specialsBefore <= regularMeals, now > regularMeals {
                report(.mealAddOn, k, "\(name(k)) on \(o.date): \(now) 特別食加算 that day against \(regularMeals) meal\(regularMeals == 1 ? "" : "s") of 入院時食事療養（Ⅰ）・入院時生活療養（Ⅰ） other than 流動食 — it is given 「１食につき」 (\(specialPassage): 特別食加算)")
            }
            if special && !regular {
                remove(k, .mealAddOn, "\(name(k)) on \(o.date): 特別食加算 is given with 入院時食事療養（Ⅰ）・入院時生活療養（Ⅰ） only, and not with 流動食のみ — the day bills no such meal (\(specialPassage): 特別食加算, 流動食のみを提供する場合を除く; meal-codes.json)")
            } else if dining && !first {
                remove(k, .mealAddOn, "\(name(k)) on \(o.date): 食堂加算 is given with 入院時食事療養（Ⅰ）・入院時生活療養（Ⅰ） only — the day bills no such meal (告示99号 別表 一 注4; meal-codes.json)")
            } else if dining, let ward {
                remove(k, .mealAddOn, "\(name(k)) on \(o.date): 食堂加算 is not given to a patient of the ward's 入院料 \(ward) (告示99号 別表 一 注4 「療養病棟に入院する患者を除く」; 留意事項通知 食堂加算 (3); meal-codes.json dining_excluded_wards)")
            }
        }
    }

    /// SA-B006 — 告示99号 別表 一 (1)(2), 二 (1)(2): 入院時食事療養・入院時生活療養 「１食につき」, 「１日につき３食を限度として算定する」. The
    /// day's meal rows — 点数欄集計先（入院） 970 入院時食事療養 or the 生活療養 column, 告示等識別区分（２） 1 (the meal itself, not its
    /// 特別食加算 or 食堂加算), as `uke recalc` counts them — add their 食数 (the きざみ 数量, one when not stated) × 回数; the row that
    /// passes three is told (review 400 IN-4: 4 meals on a day were a receipt fault in recalc and passed the audit).
    /// A meal row's meals: its 食数 (the きざみ 数量, one when not stated) × 回数; `Int.max` past the range.
    func mealCount(_ k: Int) -> Int {
        let o = occurrences[k]
        let stated = claim.encounters[o.encounter].orders[o.order].items[o.item].quantity?.scaled ?? 0
        let (meals, overflow) = max(1, stated / UnitItem.quantityScale).multipliedReportingOverflow(by: max(1, o.times))
        return overflow ? Int.max : meals
    }

    mutating func checkMealsPerDay() {
        guard inpatient else { return }
        let P = ProcedureColumn.self
        var perDay: [Int: Int] = [:]
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory {
            let o = occurrences[k]
            guard o.code / 1_000_000 == 197, o.version >= 0, let t = rules[o.rules].procedures else { continue }
            let column = t.integer(o.version, P.pointColumnInpatient) ?? 0
            guard column == PointColumn.inpatientMeals.rawValue || column == PointColumn.livingCareMeals.rawValue,
                  t.integer(o.version, P.noticeClass2) == 1 else { continue }
            let meals = mealCount(k)
            let before = perDay[o.day] ?? 0
            let now = Checked.add(before, meals) ?? Int.max
            perDay[o.day] = now
            if before <= 3 && now > 3 {
                report(.mealsPerDay, k, "\(name(k)) on \(o.date): \(now == Int.max ? "more than 3" : String(now)) meals (食事療養・生活療養) that day" + (before > 0 ? " (\(before) before this row)" : "")
                       + ", at most three a day (告示99号 別表 一 「１日につき３食を限度として算定する」)")
            }
        }
    }
}
