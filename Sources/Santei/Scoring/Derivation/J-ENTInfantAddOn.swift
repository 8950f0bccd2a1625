// 第9部 処置 通則7 耳鼻咽喉科乳幼児処置加算 (R06 new: ika-kokuji.txt lines 12397-12400; R08 lines 13308-13311).

extension OrderAddOnDeriver {
    /// 「耳鼻咽喉科を標榜する保険医療機関において、耳鼻咽喉科を担当する医師が、６歳未満の乳幼児に対して、
    /// Ｊ０９５からＪ１１５－２までに掲げる処置を行った場合は、耳鼻咽喉科乳幼児処置加算として、１日につき60点を
    /// 所定点数に加算する。この場合において、Ｊ１１３の注に規定する乳幼児加算は別に算定できない。」
    ///
    /// For a 処置 order (診療識別 40) of an encounter whose `department` names the 耳鼻咽喉科 (the rules'
    /// `department`), a patient under 6 on the day (legal age) and a base row (告示等識別区分（１） 1) of a 区分
    /// in J095…J115-2: the 加算 row is added to the first such order of the day, once a day over the claim's
    /// encounters (none when an order of the encounter states it). The J113 注 乳幼児加算 (the 乳幼児加算（処置）
    /// row of the J113 row's 処置乳幼児加算区分) derived or stated in an order of such a day is not billed, with a note.
    func entInfant(_ items: inout [UnitItem], added: inout [UnitItem], _ rules: OrderAddOnRules.ENTInfant, encounter: Claim.Encounter,
                   table t: MasterTable, date: ServiceDate, age: PatientAge, month: inout OrderAddOnMonth) -> (added: [UnitItem], notes: [String]) {
        guard let department = encounter.department, department.contains(rules.department), age.years(on: date) < rules.belowAge,
              let first = SectionCode(rules.first), let last = SectionCode(rules.last),
              let (code, version) = row(rules.code, section: rules.section, t, date) else { return ([], []) }
        let P = ProcedureColumn.self
        var inRange = false
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date), t.field(v, P.noticeClass1, is: "1"),
                  let s = SectionCode(t, v), first <= s, s <= last else { continue }
            inRange = true; break
        }
        guard inRange else { return ([], []) }
        var notes: [String] = []
        // J113 注 乳幼児加算: not with 通則7. The master gives it as a 乳幼児加算（処置） row (告示等識別区分（１） 7)
        // of the J113 row's 処置乳幼児加算区分 (5: 140057170 ６歳未満乳幼児加算（処置）（５５）), shared with other 区分.
        var classes = Set<Int>()
        if let excluded = SectionCode(rules.excludesInfantAddOnOf) {
            for item in items where item.kind == .procedure {
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date), t.field(v, P.noticeClass1, is: "1"),
                      SectionCode(t, v) == excluded, let c = t.integer(v, P.infantProcedureAddOn), c != 0 else { continue }
                classes.insert(c)
            }
        }
        func isExcludedAddOn(_ item: UnitItem) -> Bool {
            guard !classes.isEmpty, item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  t.field(v, P.noticeClass1, is: "7"), let c = t.integer(v, P.infantProcedureAddOn) else { return false }
            return classes.contains(c)
        }
        let dropped = added.filter(isExcludedAddOn)
        if !dropped.isEmpty {
            let codes = Set(dropped.map(\.code))
            items.removeAll { codes.contains($0.code) }
            added.removeAll { codes.contains($0.code) }
            notes.append("\(codes.sorted().map { String($0) }.joined(separator: ", ")): \(rules.excludesInfantAddOnOf) 注 乳幼児加算 not derived with 耳鼻咽喉科乳幼児処置加算 (第9部 通則7)")
        } else if items.contains(where: isExcludedAddOn) {
            // Stated, it is not billed either: the day bills 通則7 (derived below, or stated) — 「この場合において、区分番号Ｊ１１３の注に
            // 規定する乳幼児加算は別に算定できない」 (review 226 BU-1: 160 + 55 + 60 billed).
            let codes = Set(items.filter(isExcludedAddOn).map(\.code))
            items.removeAll { codes.contains($0.code) }
            notes.append("\(codes.sorted().map { String($0) }.joined(separator: ", ")): \(rules.excludesInfantAddOnOf) 注 乳幼児加算 stated: not billed with 耳鼻咽喉科乳幼児処置加算 (第9部 通則7: 区分番号Ｊ１１３の注に規定する乳幼児加算は別に算定できない)")
        }
        guard !month.entInfantDays.contains(date.dayNumber) else { return ([], notes) }
        month.entInfantDays.insert(date.dayNumber)
        // Stated in this order or another of the encounter: nothing to add.
        if encounter.orders.contains(where: { $0.items.contains { $0.code == rules.code } }) { return ([], notes) }
        notes.append("\(code) \(t.string(version, P.abbreviatedName)): derived from department \(department), age \(age.years(on: date)) and a 処置 of J095–J115-2 (第9部 通則7, １日につき)")
        return ([UnitItem(kind: .procedure, code: code)], notes)
    }
}
