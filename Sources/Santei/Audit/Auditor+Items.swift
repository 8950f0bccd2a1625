// Item checks: each code against the fields of its own master row on the service date.

extension AuditRun {
    /// SA-C001…SA-C006 — R06rec1 §3(7) 項番13 入外適用区分, 項番14 後期高齢者医療適用区分, 項番19
    /// 病院・診療所区分, 項番41-42 下限・上限年齢, 項番72-81 施設基準; t 項番15-16 下限・上限年齢.
    mutating func checkItems() {
        let P = ProcedureColumn.self
        let facilityKind: FacilityType? = switch claim.facility?.kind {
        case "hospital": .hospitalOnly
        case "clinic": .clinicOnly
        default: nil
        }
        let standards = claim.facility?.standards
        // SA-C013: a kind of master no loaded chain covers on a row's date — one warning per kind, on its first row (review 380 HT-4:
        // a 2021 receipt read with masters of 2024 on had an SA-C001 error on every drug row of a correct month).
        var uncovered: [UnitItem.Kind: (first: Int, rows: Int, from: Int, to: Int)] = [:]
        defer {
            for (kind, u) in uncovered.sorted(by: { $0.value.first < $1.value.first }) {
                let master = kind == .procedure ? "医科診療行為" : kind == .drug ? "医薬品" : "特定器材"
                let from = ServiceDate(dayNumber: u.from), to = ServiceDate(dayNumber: u.to)
                report(.masterNotLoaded, u.first, "no loaded \(master)マスター covers \(u.from == u.to ? "\(from)" : "\(from) … \(to)"): \(u.rows) \(master) row\(u.rows == 1 ? "" : "s") of the claim \(u.rows == 1 ? "is" : "are") not checked or priced (stated 点数 stand) — load the master of the service month")
            }
        }
        for k in 0..<currentCount {
            let o = occurrences[k]
            let r = rules[o.rules]
            let table: MasterTable? = switch o.kind { case .procedure: r.procedures; case .drug: r.drugs; case .device: r.devices }
            guard let t = table else {
                if !o.isHistory {
                    var u = uncovered[o.kind] ?? (k, 0, o.day, o.day)
                    u.rows += 1; u.from = min(u.from, o.day); u.to = max(u.to, o.day)
                    uncovered[o.kind] = u
                }
                continue
            }
            guard let i = t.codeIndex(of: o.code), let v = t.version(ofCode: i, on: o.date) else {
                var message = "\(o.code) has no version valid on \(o.date)"
                if let i = t.codeIndex(of: o.code) {
                    let vs = t.versions(ofCode: i)
                    message += " (valid \(t.validFrom(vs.lowerBound))…\(t.validTo(vs.upperBound - 1)))"
                    // A row of the master not valid on the date (abolished at a revision: 111703170 医療情報取得加算１ after
                    // 2024-11-30) is not billable: apply removes it and the order's other items are billed (review 177 X-2: the
                    // whole 初診 order was lost). A code the master never held is a typo the clerk must fix: the order stays unpriced.
                    remove(k, .codeNotValid, message)
                } else if let (u, j) = auditor.masters.chains(of: o.kind == .procedure ? .procedure : o.kind == .drug ? .drug : .device)
                            .lazy.compactMap({ c in c.table.codeIndex(of: o.code).map { (c.table, $0) } }).first {
                    // A row of another revision's master (120002570 特定疾患処方管理加算１ of R04, abolished 2024-05-31, billed on
                    // 2024-07-03): not billable either, removed the same way (review 234 CC-1: kept, and called "not in the master").
                    let vs = u.versions(ofCode: j)
                    message += " (valid \(u.validFrom(vs.lowerBound))…\(u.validTo(vs.upperBound - 1)) in another revision's master)"
                    remove(k, .codeNotValid, message)
                } else {
                    message += " (not in the master)"
                    report(.codeNotValid, k, message)
                }
                continue
            }
            occurrences[k].version = v
            switch o.kind {
            case .procedure:
                let inOut = InpatientApplicability(rawValue: t.integer(v, P.inpatientApplicability) ?? 0)
                if !inOut.allows(inpatient: inpatient) {
                    // A 入院のみ row (入外適用区分 1: H001 注6 要介護被保険者等 …) on an 入院外 receipt is not billable (査定):
                    // apply removes it. A 入院外のみ row on an 入院 receipt is left out by the pricer itself (ClaimPricer).
                    let message = "\(name(k)): 入外適用区分 \(inOut) — stated on an \(inpatient ? "入院" : "入院外") receipt, where it is not billable"
                        + (inpatient && !occurrences[k].isHistory ? " (`santei price` of a JSON claim leaves it out; `uke recalc` keeps the stated 点数 and names it)" : "")
                    if inpatient || occurrences[k].isHistory { report(.inpatientApplicability, k, message) } else { remove(k, .inpatientApplicability, message) }
                } else if inpatient, !o.isHistory, let a = claim.admission, a.discharge.flatMap({ ServiceDate($0) }) != o.date,
                          let law = InpatientRules.standardBox, let section = SectionCode(t, v), law.rules.isDischargeDayOnly(section, on: o.date) {
                    // 在宅療養指導管理料・材料加算 (C101–C175: 入院中の患者以外の患者に対して) on an 入院 day other than the 退院日: the pricer
                    // does not bill it (第2部 第2節 第1款 通則4; outpatient-only-add-ons.json `discharge_day_only_sections`), so it takes
                    // no part in the month's count either — the 退院日's C103 is the month's one (review 326 FQ-1: SA-N001 removed it).
                    remove(k, .inpatientApplicability, "\(name(k)) on \(o.date): for 入院中の患者以外の患者 — an 入院 claim bills it on the 退院日 only (第2部 第2節 第1款 通則4: 当該退院の日に所定点数を算定できる)\(a.discharge.map { "; the 退院日 is \($0)" } ?? "; the claim states no 退院日")")
                }
                // SA-C010: the order's 診療識別 against the 部 of the row's 点数欄集計先 (R06rec2 別紙7-2; reviews 189 AJ-5, 190 AK5).
                if !o.isHistory, let column = t.integer(v, inpatient ? P.pointColumnInpatient : P.pointColumnOutpatient), column > 0 {
                    let category = claim.encounters[o.encounter].orders[o.order].category
                    if !Self.categoryFits(category, column: column) {
                        report(.categoryColumn, k, "\(name(k)): 診療識別 \(category), but its 点数欄集計先（\(inpatient ? "入院" : "入院外")） is \(column) (s 項番\(inpatient ? 66 : 15); R06rec2 別紙7-2): the row belongs under 診療識別 \(column / 100)x")
                    }
                }
                let elderly = ElderlyApplicability(rawValue: t.integer(v, P.elderlyApplicability) ?? 0)
                if elderly != .any {
                    // 後期高齢者医療 from the 75th birthday itself (高齢者の医療の確保に関する法律 第52条; domain-facts.md; the copay
                    // reads it so), not from the day before, when the legal age is attained (review 107).
                    let late = claim.patient.lateElderly ?? (o.date >= age.birthday(75))
                    if !elderly.allows(lateElderly: late) {
                        report(.elderlyApplicability, k, "\(name(k)): 後期高齢者医療適用区分 \(elderly) — the patient is under \(late ? "後期高齢者医療" : "医療保険")"
                               + (claim.patient.lateElderly == nil ? " (from the birth date: 後期 from the 75th birthday, \(age.birthday(75)))" : ""))
                    }
                }
                if let facilityKind {
                    let type = FacilityType(rawValue: t.integer(v, P.facilityType) ?? 0)
                    if (type == .hospitalOnly || type == .clinicOnly) && type != facilityKind {
                        // A row of the other kind of facility is not billable here (査定): apply removes it.
                        let message = "\(name(k)): 病院・診療所区分 \(type) — billed by a \(facilityKind == .hospitalOnly ? "病院" : "診療所")"
                        if occurrences[k].isHistory { report(.facilityType, k, message) } else { remove(k, .facilityType, message) }
                    }
                }
                if facilityKind != .clinicOnly, let beds = claim.facility?.beds { checkBedCount(k, t, v, beds) }
                // The row's 部 first (one byte against a set): the dated rule is looked up for the 在宅 rows only.
                if let beds = claim.facility?.beds, let file = HomeCareBeds.embedded, let part = t.bytes(v, P.codeTableAlphabet).first, file.parts.contains(part),
                   let rule = file.rules.first(where: { $0.part.utf8.first == part && EmbeddedParameters.applies(from: $0.from, to: $0.to, on: o.date) }) {
                    checkHomeCareBeds(k, t, v, beds, rule)
                }
                if let standards, let file = HomeCareSupport.embedded, let part = t.bytes(v, P.codeTableAlphabet).first, file.parts.contains(part),
                   let rule = file.rules.first(where: { $0.part.utf8.first == part && EmbeddedParameters.applies(from: $0.from, to: $0.to, on: o.date) }) {
                    checkHomeCareSupport(k, t, v, standards, rule)
                }
                let lower = t.bytes(v, P.minimumAge), upper = t.bytes(v, P.maximumAge)
                if !(AgeLimit.isUnlimited(lower) && AgeLimit.isUnlimited(upper)) && !AgeLimit.allows(lower: lower, upper: upper, age: age, on: o.date) {
                    // A row of another age is not billable (査定; I002 注3 20歳未満加算 for an adult): apply removes it — but a G004 row,
                    // which `santei price` replaces by the row the patient's age and the day's volume give (DripInfusionRows; review
                    // 199 AT-02: removed, the day's 点滴注射 fee was lost).
                    var message = "\(name(k)): 下限年齢 \(t.string(v, P.minimumAge)), 上限年齢 \(t.string(v, P.maximumAge)) (上限値＋1) — the patient is \(age.years(on: o.date)) on \(o.date)"
                    let drip = !occurrences[k].isHistory && DripInfusionRows.embedded?.version(on: o.date).map { [$0.infant, $0.standard, $0.other].contains(String(o.code)) } == true
                    if drip { message += " (`santei price` bills the G004 row the age and the day's volume give)" }
                    if occurrences[k].isHistory || drip { report(.ageLimit, k, message) } else { remove(k, .ageLimit, message) }
                } else if let rule = ageMonthRule(k, t, upper) {
                    // 通知 B001-2 (8): in the birthday month, billable after the birthday only when a visit before it billed
                    // the fee; otherwise the month is 出来高 (a 査定 of the row): apply removes it.
                    let birthday = age.birthday(rule.age)
                    let message = "\(name(k)): 上限年齢 \(t.string(v, P.maximumAge)) — billed on \(o.date), on or after the patient's \(rule.age)th birthday (\(birthday)), "
                        + "with no visit of the month before the birthday billing a row of 上限年齢 \(t.string(v, P.maximumAge)) (\(rule.id); Masters/params/audit/age-month-rules.json)"
                    if occurrences[k].isHistory { report(.ageLimit, k, message) } else { remove(k, .ageLimit, message) }
                }
                if let standards { checkFacilityStandard(k, t, v, standards) }
            case .device:
                let lower = t.bytes(v, 14), upper = t.bytes(v, 15)
                if !(AgeLimit.isUnlimited(lower) && AgeLimit.isUnlimited(upper)) && !AgeLimit.allows(lower: lower, upper: upper, age: age, on: o.date) {
                    let message = "\(name(k)): 下限年齢 \(t.string(v, 14)), 上限年齢 \(t.string(v, 15)) (上限値＋1) — the patient is \(age.years(on: o.date)) on \(o.date)"
                    if occurrences[k].isHistory { report(.ageLimit, k, message) } else { remove(k, .ageLimit, message) }
                }
            case .drug:
                // SA-C010 for a drug: 薬剤料 has no 点数欄 under 11 初診, 12 再診 or 13 医学管理 (R06rec2 別紙7-2: 薬剤 are summed in
                // 投薬・注射 21–33 and in the 部 of the 処置・手術・検査… they are used in) — a drug there is billed in the wrong 点数欄
                // (review 371 HK-3: 620002477 under 12 was priced with no finding).
                if !o.isHistory, (11...13).contains(claim.encounters[o.encounter].orders[o.order].category) {
                    let category = claim.encounters[o.encounter].orders[o.order].category
                    report(.categoryColumn, k, "\(name(k)): a drug (医薬品) under 診療識別 \(category) (\(category == 11 ? "初診" : category == 12 ? "再診" : "医学管理")), which has no 薬剤料 点数欄 (R06rec2 別紙7-2): a drug belongs under 21–33 (投薬・注射), 14 (在宅) or the 部 it is used in (40 処置, 50 手術, 54 麻酔, 60 検査, 70 画像, 80 その他)")
                }
            }
        }
    }

    /// The `age-month-rules.json` rule the row at `k` breaks (SA-C005), or nil: its 上限年齢 is the rule's code, it is
    /// billed on or after the rule's birthday, and no live item of the same month on a day before the birthday is a
    /// row of the same 上限年齢 code (通知 B001-2 (8): 「６歳の誕生日前に…受診し、小児科外来診療料を算定した場合」).
    func ageMonthRule(_ k: Int, _ t: MasterTable, _ upper: UnsafeBufferPointer<UInt8>) -> AuditParameters.AgeMonthRule? {
        guard upper.count == 2, upper[0] == UInt8(ascii: "B") else { return nil }
        let o = occurrences[k]
        guard let rule = auditor.parameters.ageMonthRules.first(where: { upper.elementsEqual($0.upperAge) && $0.applies(on: o.date) }) else { return nil }
        let birthday = age.birthday(rule.age)
        guard o.date >= birthday else { return nil }
        let before = occurrences.indices.contains { j in
            let p = occurrences[j]
            guard j != k, p.alive, p.kind == .procedure, p.yearMonth == o.yearMonth, p.date < birthday,
                  let i = t.codeIndex(of: p.code), let w = t.version(ofCode: i, on: p.date) else { return false }
            return t.bytes(w, ProcedureColumn.maximumAge).elementsEqual(rule.upperAge)
        }
        return before ? nil : rule
    }

    /// SA-C007/SA-C008 — 病床数区分 (R06rec1 §3(7) 項番71) against the hospital's `facility.beds`, read as its
    /// 許可病床数 (as 特定疾患処方管理加算 reads it). A 許可病床 class outside the count is an error (SA-C007), and so
    /// is 6 一般病床200以上 below 200 beds (the 一般病床 are fewer still); 5 一般病床0〜199 at 200 beds or more is
    /// a warning (SA-C008: the 一般病床 may still be fewer than 200) — 再診料 there is A001 注1's exception
    /// (R06 ika-kokuji.txt lines 223-226), where the hospital bills A002 外来診療料.
    mutating func checkBedCount(_ k: Int, _ t: MasterTable, _ v: Int, _ beds: Int) {
        let bedClass = BedCountClass(rawValue: t.integer(v, ProcedureColumn.bedCountClass) ?? 0)
        guard let fits = bedClass.includes(beds: beds), !fits else { return }
        let what = BedCountClass.meanings[bedClass.rawValue] ?? "\(bedClass.rawValue)"
        if bedClass == .general0to199 {
            report(.bedCountGeneralBeds, k, "\(name(k)): 病床数区分 \(bedClass.rawValue) \(what) — the hospital has \(beds) 許可病床; with 200 一般病床 or more it bills A002 外来診療料 (A001 注1)")
        } else {
            // A row of a 許可病床 class the hospital is outside is not billable (査定: B000 注1 / 通知 B000 (1) 200床以上,
            // B001-3 注1 and C002 注1 「許可病床数が200床未満の病院」, A002 外来診療料 200床以上 …): apply removes it.
            let message = "\(name(k)): 病床数区分 \(bedClass.rawValue) \(what) — the hospital has \(beds) 許可病床 (facility.beds)"
            if occurrences[k].isHistory { report(.bedCount, k, message) } else { remove(k, .bedCount, message) }
        }
    }

    /// SA-C014 — `home-care-beds.json`: a 在宅 row of 「病床を有する場合」 billed by a clinic of 0 beds, or of 「病床を有しない場合」 by a
    /// hospital or a clinic with beds (告示 C000 注1 イ(1)(2), C002 1 イ・ロ; 通知 C000 (8)): not the facility's row (review 416 JD-1);
    /// apply removes it, as SA-C007 a row of another 病床数区分.
    mutating func checkHomeCareBeds(_ k: Int, _ t: MasterTable, _ v: Int, _ beds: Int, _ rule: HomeCareBeds.Rule) {
        let title = t.string(v, ProcedureColumn.abbreviatedName)
        let withBeds = rule.withBeds.contains { title.contains($0) }, withoutBeds = rule.withoutBeds.contains { title.contains($0) }
        guard withBeds != withoutBeds else { return }
        let hospital = claim.facility?.kind == "hospital"
        let facilityHasBeds = hospital || beds > 0
        guard withBeds != facilityHasBeds else { return }
        let message = "\(name(k)): a row of 「\(withBeds ? "病床を有する場合" : "病床を有しない場合")」, billed by \(hospital ? "a hospital" : "a clinic of \(beds) beds") (facility.beds) — the facility bills the row of 「\(withBeds ? "病床を有しない場合" : "病床を有する場合")」 (\(rule.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)))"
        if occurrences[k].isHistory { report(.homeCareBeds, k, message) } else { remove(k, .homeCareBeds, message) }
    }

    /// SA-C015 — `home-care-support.json`: a 在宅 row of 「在支診等以外」 (告示 C000 注1 ハ, 注3 (3), C002 ３) billed by a facility that has
    /// notified a 在支診・在支病 施設基準 on the day (review 416 JD-2). Told, not removed: the facility's row is what the rule's `instead`
    /// names (the 在支診等 one; from 2024-06-01 also 注1 ニ for a patient who is not a 定める患者), which the claim cannot tell.
    mutating func checkHomeCareSupport(_ k: Int, _ t: MasterTable, _ v: Int, _ standards: [Claim.Facility.Standard], _ rule: HomeCareSupport.Rule) {
        guard t.string(v, ProcedureColumn.abbreviatedName).contains(rule.marker) else { return }
        let date = occurrences[k].date
        guard let held = standards.first(where: { rule.standards.contains($0.code) && (ServiceDate($0.from) ?? .open) <= date }) else { return }
        let list = auditor.masters.facilityStandards
        report(.homeCareSupport, k, "\(name(k)) is a row of 「\(rule.marker)」, but the facility has notified 施設基準 \(held.code) \(list.name(held.code, on: date) ?? "") (facility.standards) — "
               + "it bills \(rule.instead) (告示 C000 注1 ハ, 注3 (3), C002 ３; home-care-support.json)")
    }

    /// SA-C006 — 施設基準①〜⑩ (R06rec2 別紙7-8 §3): checked only when the claim states the facility's
    /// 施設基準 (an empty list means none notified). 9999 (a code not yet assigned in early update files) is skipped.
    mutating func checkFacilityStandard(_ k: Int, _ t: MasterTable, _ v: Int, _ standards: [Claim.Facility.Standard]) {
        let P = ProcedureColumn.self
        var any = false
        for c in 0..<P.facilityStandardCount {
            let code = t.integer(v, P.facilityStandardFirst + c) ?? 0
            if code == 9999 { return }
            if code != 0 { any = true }
        }
        guard any else { return }
        let columns = (0..<P.facilityStandardCount).map { FacilityStandard(rawValue: t.integer(v, P.facilityStandardFirst + $0) ?? 0) }
        let date = occurrences[k].date
        let held = Set(standards.filter { (ServiceDate($0.from) ?? .open) <= date }.map(\.code))
        let list = auditor.masters.facilityStandards
        if list.requirementIsMet(columns: columns, on: date, holds: { held.contains($0.rawValue) }) { return }
        // Each of the row's 施設基準 with whether the facility notified it (review 134 P14: "needs 15 / 23; the facility has
        // not notified it" at a facility that had notified 15 — which one was missing was not said).
        let needed = columns.filter { $0 != .none }.map { c -> String in
            "\(c.rawValue) \(list.name(c.rawValue, on: date) ?? "")" + (held.contains(c.rawValue) ? " (notified)" : " (not notified)")
        }
        let message = "\(name(k)) needs 施設基準 \(needed.joined(separator: " / ")) (R06rec2 別紙7-8): the facility's 施設基準 on \(date) do not meet the row's"
        // The 告示 bills the row only at a facility that has notified the 施設基準: with the facility's 施設基準 stated
        // (`facility.standards`, the list of what it has notified: `[]` for none; without the field nothing is
        // checked), a row whose requirement the list does not meet is not billable (査定) and apply removes it — also
        // when the facility holds one group of the row's but not the other (C002 在支診等 row 3685 at a facility
        // notified for 721 only: 通知 C002 「１」「２」は在宅療養支援診療所又は在宅療養支援病院に限り).
        if occurrences[k].isHistory { report(.facilityStandard, k, message) } else { remove(k, .facilityStandard, message) }
    }
}

extension AuditRun {
    /// SA-N005/SA-N006 — 告示 D007 注 (R06 ika-kokuji.txt 8747): the まるめ of 検体検査 counts the 項目 of the 検査
    /// done 「患者から１回に採取した血液を用いて」; one 検査 is one 項目 however often its code is keyed. A 検体検査
    /// of a 包括対象検査 group (s 項番16 ≠ 0) keyed twice in one order (one 算定単位, one 採取) is a duplicate entry
    /// that would add a 項目 (five ＴＰ keyed in one order became the 93点 of five tests): SA-N005, apply removes the
    /// later copies. Keyed again in another order of the same encounter it may be a second 採取 (a 回数 of 2 is one
    /// too): SA-N006 asks a person to look.
    ///
    /// Only groups whose まるめ counts 項目 by tiers (D007, D008, D009 …: `bundled-tests.json` tiers, no cap): where the
    /// group is a cap (D015 13 特異的ＩｇＥ: 数量 = 種類, 1,430点を限度; D012 ウイルス抗体価 and グロブリンクラス別: one generic
    /// row per virus, 項目 limited by points) two rows of one code are two 種類 or two viruses, not a keying twice
    /// (review 114: the second ＩｇＥ row of 7 種類 was removed).
    mutating func checkRepeatedBundledTests() {
        guard let bundled = auditor.pricer?.bundled else { return }
        var first: [UInt64: Int] = [:]
        var encounter = Int.min
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard o.encounter >= 0, let t = rules[o.rules].procedures, let group = t.integer(o.version, ProcedureColumn.bundledTestGroup), group != 0,
                  let v = bundled.version(group: group, on: o.date), !v.tiers.isEmpty, v.cap == nil else { continue }
            if o.encounter != encounter { encounter = o.encounter; first.removeAll(keepingCapacity: true) }
            guard let f = first[o.code] else { first[o.code] = k; continue }
            if occurrences[f].order == o.order {
                remove(k, .repeatedBundledTest, codes: [occurrences[f].code],
                       "\(name(k)) is keyed twice in one order: one 検査 of one 採取 is one 項目 of the まるめ (D007 注)")
            } else {
                report(.repeatedBundledTestOtherOrder, k, codes: [occurrences[f].code],
                       "\(name(k)) is billed in two orders of one encounter (orders[\(occurrences[f].order)] and orders[\(o.order)]): each order counts it as a 項目 of its まるめ — right for a second 採取, not for a keying twice (D007 注)")
            }
        }
    }
}

extension AuditRun {
    /// SA-C010: the 診療識別 a row of 点数欄集計先 `column` (R06rec2 別紙7-2) is recorded under — 110 初診 11, 120–125 再診
    /// 12, 130 医学管理 13, 140 在宅 14; 2xx 投薬 21–27 (入院外 調剤料 210/230 go under 24, 注射 通則 加算 300 under 31–33: the
    /// 部 decides); 500・502 手術 50, 540 麻酔 54; 400, 600, 700, 800 their 部; 9xx 入院 90–97.
    static func categoryFits(_ category: Int, column: Int) -> Bool {
        switch column {
        case 110: category == 11
        case 120...125: category == 12
        case 130: category == 13
        case 140: category == 14
        case 540: category == 54
        case 500...539: category == 50
        default: category / 10 == column / 100
        }
    }

    /// SA-K001 — 告示 第10部 通則14 (R06 ika-kokuji.txt 13293-13303); 通知 第10部 通則18 (ika-tsuuchi.txt 22972-): two or
    /// more 手術 of 第1節 (K000–K915, 告示等識別区分（１） 1) on one day. 「同一手術野又は同一病巣につき、２以上の手術を同時に
    /// 行った場合…主たる手術の所定点数のみ」 — unless one of the 通則14 ただし書 pairs (植皮術, 骨移植術 … 合算) or the
    /// 複数手術に係る費用の特例 (従たる手術 100分の50). Whether the two were 同時 in one 手術野 is a fact no claim field
    /// carries (通知 18 (1): 原則として同一皮切により行い得る範囲; 虫垂切除術と盲腸縫縮術 is its own example), so a person
    /// decides: the finding names the 主たる手術 (the most points) and removes nothing.
    mutating func checkSurgeriesOfOneDay() {
        let P = ProcedureColumn.self
        // One pass: the 手術 rows of 告示等識別区分 1 by day (SA-K001), and each day's first 手術 row of 区分 1 or 5 (準用:
        // 腸閉塞症手術, 腱縫合術（切創等の創傷） — review 194 AO-4) for SA-K002.
        var byDay: [Int: [Int]] = [:]
        var surgeryDays: [Int: Int] = [:]
        var endoscopicDays: [Int: Int] = [:]   // a 手術 by 内視鏡 (内視鏡的…, …鏡下…) on the day
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let t = rules[o.rules].procedures else { continue }
            let alphabet = t.bytes(o.version, P.codeTableAlphabet), notice = t.bytes(o.version, P.noticeClass1)
            guard alphabet.count == 1, alphabet[0] == UInt8(ascii: "K"), notice.count == 1, notice[0] == UInt8(ascii: "1") || notice[0] == UInt8(ascii: "5"),
                  let section = t.integer(o.version, P.sectionNumber), section < 920 else { continue }
            if surgeryDays[o.day] == nil { surgeryDays[o.day] = k }
            // 開心術補助手段等 K600–K603 (IABP, 人工心肺, 体外式膜型人工肺, 経皮的心肺補助法 …) are billed beside the 手術 they support
            // (通知 K600 (2): 他手術を併施した場合は、当該手術の所定点数を別に算定できる; R06 ika-tsuuchi.txt 24919-24921; review 295
            // EL-3); among themselves the day's main one is priced (main-only-per-day.json).
            if notice[0] == UInt8(ascii: "1"), !(600...603).contains(section) { byDay[o.day, default: []].append(k) }
            if endoscopicDays[o.day] == nil {
                // 内視鏡的…, 腹腔鏡下・胸腔鏡下・関節鏡下…, 鏡視下…, （気管支鏡）, ファイバースコープ — not 顕微鏡下 (a microscope is no
                // 内視鏡: review 209 BD-6).
                let label = t.string(o.version, P.abbreviatedName)
                let scope = label.containsBytes("内視鏡") || label.containsBytes("鏡視下") || label.containsBytes("ファイバースコープ")
                    || ((label.containsBytes("鏡下") || label.containsBytes("鏡）")) && !label.containsBytes("顕微鏡"))
                if scope { endoscopicDays[o.day] = k }
            }
        }
        // SA-K002 — 通知 第10部 通則4 (R06 ika-tsuuchi.txt 22891-22893): 「手術当日に、手術（自己血貯血を除く。）に関連して行う
        // 処置（ギプスを除く。）の費用及び注射の手技料は、術前、術後にかかわらず算定できない」. Whether the 処置 was related is
        // not in the claim: a warning on each 処置 (J, not ギプス J122–J129) and 注射 手技 (G000–G018) row of a 手術 day
        // (review 191 AL04).
        if !surgeryDays.isEmpty {
            for k in 0..<currentCount where isLiveProcedure(k) {
                let o = occurrences[k]
                guard let surgery = surgeryDays[o.day], let t = rules[o.rules].procedures else { continue }
                let alphabet = t.bytes(o.version, P.codeTableAlphabet), notice = t.bytes(o.version, P.noticeClass1)
                guard alphabet.count == 1, notice.count == 1, notice[0] == UInt8(ascii: "1") || notice[0] == UInt8(ascii: "5"),
                      let section = t.integer(o.version, P.sectionNumber) else { continue }
                // 「また、内視鏡を用いた手術を行う場合、これと同時に行う内視鏡検査料は別に算定できない」: a 内視鏡検査 (D295–D325)
                // on the day of a 手術 by 内視鏡 (review 204 AY-2: D313 beside K721 1). Whether it was 同時 is not in the claim.
                if alphabet[0] == UInt8(ascii: "D"), (295...325).contains(section), notice[0] == UInt8(ascii: "1"), let scope = endoscopicDays[o.day] {
                    report(.procedureOnSurgeryDay, k, codes: [occurrences[scope].code],
                           "\(name(k)) on \(o.date), the day of 手術 \(name(scope)) by 内視鏡: an 内視鏡検査 done 同時 with an 内視鏡を用いた手術 is not billable (通知 第10部 通則4 また書); the claim does not say whether it was")
                    continue
                }
                let related = (alphabet[0] == UInt8(ascii: "J") && section < 200 && !(122...129).contains(section))
                    || (alphabet[0] == UInt8(ascii: "G") && section <= 18)
                guard related else { continue }
                report(.procedureOnSurgeryDay, k, codes: [occurrences[surgery].code],
                       "\(name(k)) on \(o.date), the day of 手術 \(name(surgery)): a 処置 (ギプスを除く) or 注射 手技料 done in connection with the 手術 is not billable, before or after it (通知 第10部 通則4); the claim does not say whether it was")
            }
        }
        // 通知 第10部 通則3: 同種の手術が同一日に２回以上実施される場合には、主たる手術の所定点数のみにより算定する — unless
        // 特別の理由, or a row priced per 指 or 部位 (爪甲除去術 「１指ごとに」: 通則18 (4)); the claim says neither: a 手術 row of
        // 回数 2 or more is a warning (review 288 EE-3: times 2 passed without a word).
        for (_, list) in byDay.sorted(by: { $0.key < $1.key }) {
            for k in list where occurrences[k].times > 1 {
                report(.surgeriesOfOneDay, k,
                       "\(name(k)) on \(occurrences[k].date) is billed \(occurrences[k].times) times: the same 手術 twice on one day bills the 主たる手術 only, unless for a 特別の理由 (通知 第10部 通則3) or where the row is priced per 指 or 部位 (通知 通則18 (4)); the claim does not say")
            }
        }
        for (_, list) in byDay.sorted(by: { $0.key < $1.key }) where list.count > 1 {
            func points(_ k: Int) -> Int { rules[occurrences[k].rules].procedures?.hundredths(occurrences[k].version, P.points) ?? 0 }
            let main = list.max { (points($0), -$0) < (points($1), -$1) }!
            for k in list where k != main {
                report(.surgeriesOfOneDay, k, codes: [occurrences[main].code],
                       "\(name(k)) and \(name(main)) on \(occurrences[k].date): if done 同時 in one 手術野 or 病巣, only the 主たる手術 (\(occurrences[main].code)) is billed (第10部 通則14; 通知 通則18) — unless a 通則14 ただし書 pair or the 複数手術に係る費用の特例; the claim does not say")
            }
        }
    }
}

extension AuditRun {
    /// SA-N007 — the rows of `Masters/params/daily-quantity-limits.json` whose limit is a count of the row itself (N000 1 組織切片,
    /// N001, N002 8: 「１臓器につき」, 第13部 第1節 通則1 「３臓器を限度」): the day's Σ 数量 × 回数 over its orders and encounters (a
    /// 回 of no 数量 is one), in claim order. The occurrence that passes the limit is reported; apply lowers its 回数 to what the
    /// day has left when each 回 is one (review 212 BG-1: a UKE SI of 回数 4 passed `uke recalc` and the audit). `santei price`
    /// cuts a JSON claim the same way (`ClaimPricer.dayLimitCut`). A row limited by the day's 検体検査 項目 too (外来迅速検体検査加算:
    /// 通則3 各項目…10点, 5項目を限度) has the smaller of its limit and the day's distinct 検体検査 rows (review 374 HN-3: 5 add-ons on
    /// a UKE day of 3 tests passed).
    mutating func checkDayQuantityLimits() {
        guard let limits = DailyQuantityLimits.embedded else { return }
        var used: [Int: Int] = [:]   // (row, day) → 数量 billed, keyed as DailyQuantityLimits.allowed keys it
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard !o.isHistory, o.encounter >= 0, let list = limits.rowsByCode[o.code],
                  let n = list.first(where: { limits.rows[$0].applies(on: o.date) }) else { continue }
            let row = limits.rows[n]
            var limit = row.limit
            if let sections = row.itemsOfSections {
                guard let t = rules[o.rules].procedures else { continue }
                limit = min(limit, DailyQuantityLimits.rows(of: claim, day: claim.encounters[o.encounter].date, in: sections, table: t, on: o.date, encounter: o.encounter))
            }
            let item = claim.encounters[o.encounter].orders[o.order].items[o.item]
            // Past the きざみ 上限値 of a row the master prices at it (上下限エラー処理 1, 3), the 数量 counts as the 上限値 (review 387 IA-1).
            let stated = item.quantity?.scaled ?? 0
            let quantity = rules[o.rules].procedures.map { DailyQuantityLimits.pricedQuantity(stated, $0, o.version) } ?? stated
            let each = max(1, quantity / UnitItem.quantityScale)
            let key = n &* 100_000_000 &+ o.day
            var billed = used[key] ?? 0
            let before = billed
            // A 回 of one is cut by 回 (the pricer's `byTimes`); else by 数量 per 回.
            let cut = DailyQuantityLimits.cut(quantity: each == 1 ? max(1, o.times) * UnitItem.quantityScale : quantity,
                                              times: each == 1 ? 1 : o.times, limit: limit, billed: &billed)
            used[key] = billed
            guard let cut else { continue }
            let room = cut.steps
            let (asked, overflow) = each.multipliedReportingOverflow(by: max(1, o.times))
            let message = "\(name(k)) on \(o.date): \(overflow ? asked : before + asked) of a day that allows \(limit)"
                + (limit < row.limit ? " — one per 検体検査 項目 done that day, of at most \(row.limit)" : "") + " (\(before) before this order; \(row.passage))"
            if each == 1 {
                lower(k, to: room, .dayQuantityLimit, message)
                // Its 注 加算 in the order (N002 注2 ４種類以上抗体使用加算 beside N002 8) go with it, 回 for 回 (review 209 BD-2).
                for j in 0..<currentCount where j != k && isLiveProcedure(j) && occurrences[j].encounter == o.encounter && occurrences[j].order == o.order
                    && occurrences[j].times > room {
                    guard let t = rules[occurrences[j].rules].procedures, t.field(occurrences[j].version, ProcedureColumn.noticeClass1, is: "7") else { continue }
                    lower(j, to: room, .dayQuantityLimit, "\(name(j)): a 注 加算 of \(name(k)), lowered with it — \(message)")
                }
            } else {
                report(.dayQuantityLimit, k, message)
            }
        }
    }

    /// SA-N009/SA-N010 — 告示 第7部 通則4 (R06 ika-kokuji.txt 11154-11159): the 疾患別リハビリテーション料 of a patient are billed 「１日６単位
    /// （別に厚生労働大臣が定める患者については１日９単位）に限り」, counted as `santei price` counts them (`RehabilitationUnitRules.billable`,
    /// Masters/params/rehabilitation-units.json) over the day's orders in claim order. Past 9 (or past 6 where the encounter states
    /// `rehabilitation_nine_units` false) is SA-N009; past 6 where the claim does not say whether the patient is one of 別表第九の三 (a UKE
    /// receipt never does) is SA-N010, a warning. Nothing is changed: a 単位 stated as a quantity cannot be lowered by 回数 (review 377
    /// HQ-3: 8単位 of 運動器リハ on one day passed the audit and uke recalc while santei price billed 6).
    mutating func checkRehabilitationDailyUnits() {
        // Only a claim with a 第7部 row (診療行為 codes 18xxxxxxx) has a 単位 to count: no table is built for the others.
        guard let rules = RehabilitationUnitRules.embedded,
              (0..<currentCount).contains(where: { occurrences[$0].code / 10_000_000 == 18 && occurrences[$0].kind == .procedure }) else { return }
        var byOrder: [Int: [Int]] = [:]   // encounter << 20 | order → live procedure occurrences
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory && occurrences[k].encounter >= 0 {
            byOrder[occurrences[k].encounter << 20 | occurrences[k].order, default: []].append(k)
        }
        guard !byOrder.isEmpty else { return }
        var usedSix: [Int: Int] = [:], usedNine: [Int: Int] = [:]
        for key in byOrder.keys.sorted() {
            let ks = byOrder[key]!
            let o = occurrences[ks[0]]
            guard let t = self.rules[o.rules].procedures else { continue }
            let order = claim.encounters[o.encounter].orders[o.order]
            let items = ks.map { k in
                UnitItem(kind: .procedure, code: occurrences[k].code, quantity: order.items[occurrences[k].item].quantity?.scaled ?? 0)
            }
            let times = max(1, order.times ?? 1)
            let stated = claim.encounters[o.encounter].rehabilitationNineUnits
            var six = items, nine = items
            let low = rules.billable(&six, times: times, table: t, date: o.date, nineUnits: stated ?? false, used: &usedSix)
            let high = rules.billable(&nine, times: times, table: t, date: o.date, nineUnits: stated ?? true, used: &usedNine)
            if let note = high.note {
                report(.rehabilitationDailyUnits, ks[0], "\(name(ks[0])): \(note)")
            } else if let note = low.note, stated == nil, !inpatient {
                // An 入院 claim: 別表第九の三 takes in 入院中の患者 of the (Ⅰ) rows and the 回復期 wards (review 382 HV-4), so 9 is
                // no sign of a fault there; past 9 is SA-N009 above.
                report(.rehabilitationDailyUnitsSix, ks[0], "\(name(ks[0])): \(note) — 9 単位 only for a patient of 別表第九の三 (回復期リハビリテーション病棟入院料を算定する患者, 脳血管疾患等の患者のうち発症後60日以内のもの …): check, or state rehabilitation_nine_units")
            }
        }
    }

    /// SA-E001 — 告示 第4部 第3節 通則2 (R06 ika-kokuji.txt 10637-10640; 通知 ika-tsuuchi.txt 17794-17813): the month's
    /// second and later CT/MRI (E200, E202, counted in date order with an E101-3/E101-4 before them, as `santei price`
    /// counts them: `OrderAddOnDeriver.repeatTomographyOrders`) are billed at 100分の80 — on a receipt, by the ％減算 row of
    /// the 撮影 row's 注加算コード family stated in its unit. An order without one is reported (review 121 U1: a second CT
    /// stated at its whole 点数 passed both recalc and audit); nothing is removed or added.
    /// SA-E002 — one 電子画像管理加算 per 一連 (第4部 第1節 通則4 「一連の撮影について」; 通知 第4部 第1節 2 (2): 同一の部位につき、
    /// 同時に２種類以上の撮影方法を使用した場合は一連の撮影とみなし、主たる撮影の点数のみ算定する). Each 写真診断・撮影 row billed at its
    /// 同時併施 rate on a day is one 撮影 merged into another's 一連: the day keeps (加算 rows − 同時併施 rows) 加算, at least
    /// one, the highest 点数 (the 主たる撮影's); the others are removed (review 176 W-1, 159 E2: 57 + 66 billed for one 一連).
    mutating func checkImageSeries() {
        guard currentCount > 0, let series = auditor.parameters.imageSeries.first(where: { $0.applies(on: occurrences[0].date) }) else { return }
        var addOns: [Int: [Int]] = [:], merged: [Int: Int] = [:]
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            if series.addOns.contains(o.code) { addOns[o.day, default: []].append(k) }
            else if series.simultaneous.contains(o.code) { merged[o.day, default: 0] += max(1, o.times) }
        }
        for (day, list) in addOns.sorted(by: { $0.key < $1.key }) {
            guard let m = merged[day], list.count > 1 else { continue }
            let allowed = max(1, list.count - m)
            guard list.count > allowed else { continue }
            func points(_ k: Int) -> Int { rules[occurrences[k].rules].procedures.flatMap { $0.hundredths(occurrences[k].version, ProcedureColumn.points) } ?? 0 }
            let byPoints = list.sorted { (points($0), -$0) < (points($1), -$1) }   // lowest first; of equal ones the later
            for k in byPoints.prefix(list.count - allowed) {
                remove(k, .imageManagementPerSeries, "\(name(k)) on \(occurrences[k].date): \(m) 撮影 of the day \(m == 1 ? "is" : "are") billed at the 同時併施 rate (同一部位・同時), so \(list.count) 電子画像管理加算 stand for \(allowed) 一連; only the 主たる撮影's is billed (\(series.source))")
            }
        }
    }

    /// SA-V007 — a C002 / C002-2 row 「月２回以上訪問診療を行っている場合」 with fewer than two 訪問診療 in the month: 通知 C002 (4)
    /// counts the days that bill 在宅患者訪問診療料（Ⅰ）「１」 or （Ⅱ） 注1 イ (visit-count-rules.json `visits`), of the claim and of
    /// --history in the same month; with one, the 「月１回訪問診療を行っている場合」 row applies (review 173 T3: 2,735 billed for 1,745).
    /// Reported with the 月１回 row; nothing is changed (a visit billed on another receipt of the month cannot be seen).
    mutating func checkVisitsInMonth() {
        guard currentCount > 0, let rule = auditor.parameters.visitCounts.first(where: { $0.applies(on: occurrences[0].date) }) else { return }
        var rowsBilled: [Int] = []
        for k in 0..<currentCount where isLiveProcedure(k) {
            let code = occurrences[k].code
            if code >= rule.lowest && code <= rule.highest && rule.rows[code] != nil { rowsBilled.append(k) }
        }
        guard !rowsBilled.isEmpty else { return }
        // A 訪問診療 that a `next_day` fee of management-fee-inclusion.json leaves unbilled (C001 注10, C001-2 注6: on the 往診 day
        // after it, or the day after; not at a 在支診・在支病; `facility.standards` stated) is not 算定 and does not count (review 183
        // AD-01); a 往診 of --history (the month before's last day) counts as a base (AD-03).
        var unbilled = Set<Int>()   // occurrence indices
        if let held = claim.facility?.standards, let fees = ManagementFeeInclusionRules.embedded?.version(on: occurrences[0].date)?.fees {
            for fee in fees where fee.scope == "next_day" {
                let bases = Set(fee.bases.compactMap(UInt64.init)), sections = Set(fee.sections ?? [])
                let baseAt = occurrences.indices.filter { occurrences[$0].alive && bases.contains(occurrences[$0].code) }
                guard !baseAt.isEmpty else { continue }
                for j in occurrences.indices where occurrences[j].alive && !occurrences[j].isHistory && rule.visits.contains(occurrences[j].code) {
                    guard let t = rules[occurrences[j].rules].procedures, occurrences[j].version >= 0,
                          sections.contains(InpatientPricer.section(t, occurrences[j].version)) else { continue }
                    let o = occurrences[j], day = "\(o.date)"
                    if let unless = fee.unlessStandards, held.contains(where: { unless.contains($0.code) && $0.from <= day }) { continue }
                    if baseAt.contains(where: { b in
                        let x = occurrences[b]
                        return x.day + 1 == o.day || (x.day == o.day && !x.isHistory && x.encounter < o.encounter)
                    }) { unbilled.insert(j) }
                }
            }
        }
        for k in rowsBilled {
            let month = occurrences[k].yearMonth
            var days = Set<Int>()
            for j in occurrences.indices where occurrences[j].alive && occurrences[j].kind == .procedure && occurrences[j].yearMonth == month
                && rule.visits.contains(occurrences[j].code) && !unbilled.contains(j) { days.insert(occurrences[j].day) }
            guard days.count < rule.minVisits else { continue }
            let once = rule.rows[occurrences[k].code] ?? nil
            let action = once.map { "bill \($0) (月１回訪問診療を行っている場合) in place of \(occurrences[k].code)" }
            report(.visitsInMonth, k, codes: once.map { [$0] } ?? [],
                   "\(name(k)): 月２回以上訪問診療を行っている場合, but the month bills 在宅患者訪問診療料（Ⅰ）１ / （Ⅱ）イ on \(days.count) day\(days.count == 1 ? "" : "s"); "
                   + (once.map { "with one, the 月１回 row \($0) applies" } ?? "no single 月１回 row matches this one (情報通信機器 or 減算): check the row")
                   + " (\(rule.source.prefix(while: { $0 != ":" })))", action: action)
        }
    }

    /// SA-C009 — 時間外緊急院内検査加算, 時間外緊急院内画像診断加算 and the 内視鏡検査 通則5 休日・時間外・深夜加算 (通知 内視鏡検査 (6):
    /// 時間の取扱いは初診料と同様) (第3部 第1節 第1款 通則1, 第4部 通則3: 「保険医療機関が表示する
    /// 診療時間以外の時間、休日又は深夜において」) on an encounter the claim says is inside the 診療時間 (`TimeBand.isWithinHoursOnWorkday`)
    /// are not billable: removed before the 05算定回数テーブル counts 「１日につき」 (review 179 Z3: a daytime one, never billed,
    /// made the audit drop the overtime one of the same day).
    mutating func checkOutOfHoursAddOns() {
        // A claim is one month, and the list changes only at a revision (a month's first day): read once.
        guard currentCount > 0, let law = InpatientRules.standardBox else { return }
        let codes = law.rules.outOfHoursAddOns(on: occurrences[0].date), afterEarlyLate = law.rules.earlyLateExcludedAddOns(on: occurrences[0].date)
        let afterTimedVisit = claim.admission == nil ? law.rules.afterTimedVisitAddOns(on: occurrences[0].date) : []
        guard !codes.isEmpty || !afterEarlyLate.isEmpty || !afterTimedVisit.isEmpty else { return }
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            // 処置 通則5 加算２ only after a 初診・再診 of the encounter that bills its 時間外・休日・深夜加算 (通知 第9部 通則5; review 381 HU-1:
            // one stated on an encounter of a 処置 alone was billed).
            if afterTimedVisit.contains(o.code), !claim.encounters[o.encounter].billsVisitFee {
                remove(k, .outOfHoursAddOnInHours, "\(name(k)) on \(o.date): 処置 通則5 休日・時間外・深夜加算２ is billed only for an 緊急処置 following a 初診・再診 that bills its own 時間外・休日・深夜加算 (A000 注7, A001 注5, A002 注8; 通知 第9部 通則5), and the encounter has no 初診料・再診料")
                continue
            }
            // After a visit of 夜間・早朝等加算 (time_band early_late, a 休日 too) no 処置 加算２, 手術 通則12 or 麻酔 通則3 time add-on
            // (通知 第9部 通則5, 第10部 通則14, 第11部 通則9; review 277 DT-1: stated ones were billed beside the derived 50).
            if afterEarlyLate.contains(o.code), claim.encounters[o.encounter].timeBand == TimeBand.earlyLate.rawValue {
                remove(k, .outOfHoursAddOnInHours, "\(name(k)) on \(o.date): not billed after a visit of 夜間・早朝等加算 (A000 注9, A001 注7; 通知 第9部 通則5, 第10部 通則14, 第11部 通則9); the encounter's time_band is early_late")
                continue
            }
            guard codes.contains(o.code), let text = claim.encounters[o.encounter].timeBand, let band = TimeBand(rawValue: text),
                  band.isWithinHoursOnWorkday(o.date) else { continue }
            remove(k, .outOfHoursAddOnInHours, "\(name(k)) on \(o.date): given only outside the 保険医療機関が表示する診療時間, on a 休日 or at 深夜 (第3部 第1節 第1款 通則1, 第3部 第3節 内視鏡検査 通則5 and 通知 (6), 第4部 通則3, B001-2-5 注, B001-2-6 注1; 第9部 通則5 加算２: 通知 第9部 通則5, after a visit that bills its own 時間外・休日・深夜 加算); the encounter's time_band is \(text)\(band == .earlyLate ? " on a day that is no 休日" : "")")
        }
    }

    /// SA-T001 — 第3部 第3節 生体検査料 通則 (呼吸循環機能検査等 通則1, 超音波検査等, 内視鏡検査): the month's second and later
    /// performance of one 検査 of 逓減対象区分 1, as the pricer counts them (`repeatTestOrders`), billed without the 検査逓減 row
    /// in its order (review 332 FW-5: the second 心電図 of a stated receipt at 130, not 117, passed; the CT had SA-E001).
    mutating func checkRepeatTests() {
        guard let orderRules = auditor.orderAddOnRules else { return }
        // Most claims bill at most one row of 逓減対象区分 1: one pass over the items, no claim walk (the price path's cost).
        var candidates = 0
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let t = rules[o.rules].procedures, t.field(o.version, ProcedureColumn.diminishingClass, is: "1") else { continue }
            candidates += 1
            // One order of 回数 2 or more of such a 検査 (review 402 IP-1: ECG12 × 2 in one order billed 260 for 247): its second and
            // later 回 are the month's repeats, and one order of one 点数 cannot bill them at 100分の90.
            guard !o.isHistory, o.encounter >= 0, t.integer(o.version, ProcedureColumn.pointKind) != 5, t.integer(o.version, ProcedureColumn.pointKind) != 6,
                  let times = claim.encounters[o.encounter].orders[o.order].times, times > 1, claim.encounters[o.encounter].orders[o.order].category == 60,
                  let rule = orderRules.version(on: o.date)?.testRepeat, let reduction = UInt64(rule.code),
                  !claim.encounters[o.encounter].orders[o.order].items.contains(where: { UInt64($0.code) == reduction }) else { continue }
            report(.repeatTestUnreduced, k, "\(name(k)) on \(o.date) is performed \(times) times in one order: the second and later are the month's repeats of the same 検査, at 所定点数の100分の90 (第3部 第3節 通則; 通知 第3節 2) — state them in an order of their own with 検査逓減 \(rule.code) (santei price bills the order as stated)")
        }
        guard candidates > 1 else { return }
        let month = OrderAddOnDeriver(set: auditor.masters, rules: orderRules).repeatTestOrders(claim, mastersDate: nil)
        // Orders of two or more repeated 検査 (review 418 JF-1), and a stated 検査逓減 row after a month's first 検査 (JF-2): each
        // code of them is told on its row.
        for (orders, repeated) in [(month.unreduced, true), (month.overReduced, false)] {
            for (key, codes) in orders.sorted(by: { $0.key < $1.key }) {
                let e = key >> 20, o = key & 0xFFFFF
                for code in codes {
                    guard let k = (0..<currentCount).first(where: { occurrences[$0].encounter == e && occurrences[$0].order == o && occurrences[$0].code == code && isLiveProcedure($0) }),
                          let rule = orderRules.version(on: occurrences[k].date)?.testRepeat else { continue }
                    report(.repeatTestUnreduced, k, repeated
                        ? "\(name(k)) on \(occurrences[k].date) is the month's second or later performance of the same 検査, in an order with another such 検査: 所定点数の100分の90 (第3部 第3節 通則; 通知 第3節 2) — state each repeated 検査 in an order of its own with 検査逓減 \(rule.code) (santei price bills the order as stated)"
                        : "\(name(k)) on \(occurrences[k].date) is the month's first performance of the 検査, but the order's 検査逓減 \(rule.code) comes after it and takes 100分の10 of it too (only the 2回目以降 are at 100分の90: 第3部 第3節 通則) — state the repeated 検査 and \(rule.code) in an order of their own")
                }
            }
        }
        let reduced = month.orders
        guard !reduced.isEmpty else { return }
        for (key, base) in reduced.sorted(by: { $0.key < $1.key }) {
            let e = key >> 20, o = key & 0xFFFFF
            let order = (0..<currentCount).filter { occurrences[$0].encounter == e && occurrences[$0].order == o && isLiveProcedure($0) }
            guard let k = order.first(where: { occurrences[$0].code == base }), let rule = orderRules.version(on: occurrences[k].date)?.testRepeat,
                  let reduction = UInt64(rule.code), !order.contains(where: { occurrences[$0].code == reduction }) else { continue }
            report(.repeatTestUnreduced, k, "\(name(k)) on \(occurrences[k].date) is the month's second or later performance of the same 検査: 所定点数の100分の90 (第3部 第3節 通則; 通知 第3節 2) — state 検査逓減 \(rule.code) in its unit (santei price derives it; a receipt sent as stated must carry it)")
        }
    }

    mutating func checkRepeatTomography() {
        guard let orderRules = auditor.orderAddOnRules else { return }
        let reduced = OrderAddOnDeriver(set: auditor.masters, rules: orderRules).repeatTomographyOrders(claim, mastersDate: nil).orders
        guard !reduced.isEmpty else { return }
        let P = ProcedureColumn.self
        for (key, base) in reduced.sorted(by: { $0.key < $1.key }) {
            let e = key >> 20, o = key & 0xFFFFF
            let order = (0..<currentCount).filter { occurrences[$0].encounter == e && occurrences[$0].order == o && isLiveProcedure($0) }
            guard let k = order.first(where: { occurrences[$0].code == base }), let t = rules[occurrences[k].rules].procedures,
                  let family = t.integer(occurrences[k].version, P.addOnCode), family != 0 else { continue }
            let stated = order.contains { j in
                let v = occurrences[j].version
                return t.integer(v, P.addOnCode) == family && t.integer(v, P.pointKind) == 6 && t.field(v, P.noticeClass1, is: "7")
            }
            if !stated {
                report(.repeatTomographyUnreduced, k, "\(name(k)) on \(occurrences[k].date) is the month's second or later CT/MRI: 一連につき所定点数の100分の80 (第4部 第3節 通則2) — state the ％減算 row of its 注加算コード \(family) (170022290 ２回目以降減算（ＣＴ、ＭＲＩ）) in its unit (santei price derives it; a receipt sent as stated must carry it)")
            }
        }
    }
}

/// Masters/params/audit/home-care-support.json (SA-C015).
struct HomeCareSupport: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var from: String; var to: String?; var part: String; var marker: String; var standards: [Int]; var instead: String; var passage: String
    }
    var rules: [Rule]
    /// Every rule's 部 (コード表用番号 alphabet).
    var parts: Set<UInt8> = []
    enum CodingKeys: String, CodingKey { case rules }
    static let embedded: HomeCareSupport? = {
        guard var file = EmbeddedParameters.decode(HomeCareSupport.self, "params/audit/home-care-support.json") else { return nil }
        file.parts = Set(file.rules.compactMap { $0.part.utf8.first })
        return file
    }()

    /// Whether a facility holding `held` may bill the row (`name`: its 省略漢字名称, `part`: its コード表用番号 alphabet) on `date` — not a
    /// 「在支診等以外」 row at a 在支診 (the candidate lists of `santei price` notes; review 421 JI-1).
    func mayBill(name: String, part: UInt8?, held: Set<Int>, on date: ServiceDate) -> Bool {
        !rules.contains { r in
            r.part.utf8.first == part && EmbeddedParameters.applies(from: r.from, to: r.to, on: date) && name.contains(r.marker) && r.standards.contains(where: held.contains)
        }
    }
}

/// Masters/params/audit/home-care-beds.json (SA-C014).
struct HomeCareBeds: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var from: String; var to: String?; var part: String; var withBeds: [String]; var withoutBeds: [String]; var passage: String
        enum CodingKeys: String, CodingKey { case from, to, part, passage, withBeds = "with_beds", withoutBeds = "without_beds" }
    }
    var rules: [Rule]
    /// Every rule's 部 (コード表用番号 alphabet).
    var parts: Set<UInt8> = []
    enum CodingKeys: String, CodingKey { case rules }
    static let embedded: HomeCareBeds? = {
        guard var file = EmbeddedParameters.decode(HomeCareBeds.self, "params/audit/home-care-beds.json") else { return nil }
        file.parts = Set(file.rules.compactMap { $0.part.utf8.first })
        return file
    }()
}
