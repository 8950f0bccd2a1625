// 第6部 注射 通則3・4・5 (R06 ika-kokuji.txt lines 10955-10960; R08 lines 11625-11630): the add-ons of an
// injection decided by the drugs it gives, read from the 医薬品マスター.

extension OrderAddOnDeriver {
    /// For a 注射 order (診療識別 31–33), by its drugs on the service date:
    /// - 通則3 生物学的製剤注射加算 (15点): a drug with 医薬品マスター 項番16 生物学的製剤 1 — the 通知 (R06
    ///   ika-tsuuchi.txt lines 18392-18410: トキソイド、ワクチン及び抗毒素, 注射の方法にかかわらず) lists the drugs the
    ///   master marks.
    /// - 通則5 麻薬注射加算 (5点): a drug with 項番14 麻薬・毒薬・覚醒剤原料・向精神薬 1 (麻薬).
    /// Each once per order (one 注射, × the order's 回数), unless the order states the row. 通則4 精密持続点滴
    /// 注射加算 (自動輸液ポンプ, 30mL/時以下; 通知 lines 18411-18418) needs a fact no field carries: never derived.
    func injection(_ items: [UnitItem], _ rules: OrderAddOnRules.Injection, table t: MasterTable, dated: DatedMasters) -> (added: [UnitItem], notes: [String]) {
        guard case .success(let y) = dated.drugs else { return ([], []) }
        var biological: UInt64? = nil, narcotic: UInt64? = nil
        for item in items where item.kind == .drug {
            guard let i = y.codeIndex(of: item.code), let v = y.version(ofCode: i, on: dated.date) else { continue }
            if biological == nil, y.integer(v, DrugColumn.biological) == 1 { biological = item.code }
            if narcotic == nil, y.integer(v, DrugColumn.narcotic) == 1 { narcotic = item.code }
        }
        guard biological != nil || narcotic != nil else { return ([], []) }
        var added: [UnitItem] = [], notes: [String] = []
        for (drug, clause, fact) in [(biological, rules.biological, "生物学的製剤 (医薬品マスター 項番16 = 1): 第6部 通則3"),
                                     (narcotic, rules.narcotic, "麻薬 (医薬品マスター 項番14 = 1): 第6部 通則5")] {
            guard let drug, let (code, v) = row(clause.code, section: clause.section, t, dated.date),
                  !items.contains(where: { $0.code == code }) else { continue }
            if let except = clause.exceptSections, let at = items.first(where: { item in
                guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let w = t.version(ofCode: i, on: dated.date) else { return false }
                return except.contains(InpatientPricer.section(t, w))
            }) {
                // 通知 G012 (2): 結膜下注射又は眼球注射の実施時に使用された麻薬については、「通則５」の加算は算定できない (review 199 AT-01).
                notes.append("\(code) \(t.string(v, ProcedureColumn.abbreviatedName)): not derived from \(drug) — \(at.code) is of \(except.joined(separator: "/")), whose 麻薬 take no 第6部 通則5 加算 (Masters/params/order-add-ons.json)")
                continue
            }
            added.append(UnitItem(kind: .procedure, code: code))
            notes.append("\(code) \(t.string(v, ProcedureColumn.abbreviatedName)): derived from \(drug), \(fact)")
        }
        return (added, notes)
    }
}
