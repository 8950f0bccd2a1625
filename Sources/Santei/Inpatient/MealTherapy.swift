// 入院時食事療養 (入院時食事療養費に係る食事療養及び入院時生活療養費に係る生活療養の費用の額の算定に関する基準,
// 平成18年厚生労働省告示第99号, 別表 一): per meal, at most three a day, in yen from the master's 金額 rows.

extension InpatientPricer {
    /// The meals of the stay. Each day: the 食事療養 (Ⅰ) row when the facility holds its 施設基準 (642) on
    /// the day, else (Ⅱ) — 1食につき, × meals served (the 流動食のみ row when only 流動食 was given, 経管栄養);
    /// 特別食加算 1食につき per 特別食 meal, with (Ⅰ) only and not with 流動食のみ; 食堂加算 1日につき when
    /// the 食堂 was used, with (Ⅰ) only, not in a 療養病棟 (meal-codes.json `dining_excluded_wards`). Amounts: 点数識別 1 (金額) of the row on the day, in yen.
    /// Which rows play which role: Masters/params/inpatient/meal-codes.json.
    mutating func priceMeals(count: inout Int) throws(ClaimError) -> Int {
        var total = 0
        var wardSection: (version: Int, section: String)?
        for (k, m) in (admission.meals ?? []).enumerated() {
            guard let d = ClaimCheck.date(m.date) else { continue }
            let dm = try dayMasters(d)
            let t = dm.table, P = ProcedureColumn.self
            guard let codes = try? rules.mealCodes.value(on: d).value else {
                issue("meal-codes:\(d)", "no Masters/params/inpatient/meal-codes.json entry covers \(d): meals not priced")
                continue
            }
            func row(_ c: UInt64) -> Int? {
                guard let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d), t.integer(v, P.pointKind) == 1 else { return nil }
                return v
            }
            guard let v1 = row(codes.meal1) else {
                issue("meal-row:\(d)", "\(codes.meal1) (食事療養 (Ⅰ)) has no 金額 row valid on \(d): meals not priced")
                continue
            }
            let first = FacilityStandard.requirementIsMet(columns: Self.standards(t, v1), holds: holds(on: d))
            let liquid = m.liquidOnly ?? false
            let mealCode = first ? (liquid ? codes.meal1Liquid : codes.meal1) : (liquid ? codes.meal2Liquid : codes.meal2)
            guard let v = row(mealCode) else {
                issue("meal-row:\(mealCode):\(d)", "\(mealCode) has no 金額 row valid on \(d): meals not priced")
                continue
            }
            func yen(_ v: Int) -> Int { (t.hundredths(v, P.points) ?? 0) / 100 }
            let served = m.served.count
            count += served
            total += served
            let grade = first ? "(Ⅰ): the facility holds 施設基準 \(Self.standards(t, v1).filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: ", "))" : "(Ⅱ): the facility does not hold the 施設基準 of (Ⅰ)"
            add(LineKey(category: 97, codes: [mealCode], amount: yen(v), isYen: true), day: d, times: served, column: t.integer(v, P.pointColumnInpatient),
                explanation: ["\(mealCode) \(Self.name(t, v)): \(yen(v))円 × meals (1食につき, 1日3食を限度; 食事療養 \(grade))"])
            let special = m.special?.count ?? 0
            if special > 0 {
                if !first {
                    note("special-II", "特別食加算 is given with 入院時食事療養 (Ⅰ) only: the facility does not hold its 施設基準; not billed (admission.meals[\(k)].special)")
                } else if liquid {
                    note("special-liquid:\(d)", "\(d): 特別食加算 is not billed with 流動食のみ (経管栄養) (admission.meals[\(k)])")
                } else if let sv = row(codes.special) {
                    add(LineKey(category: 97, codes: [codes.special], amount: yen(sv), isYen: true), day: d, times: special, column: t.integer(sv, P.pointColumnInpatient),
                        explanation: ["\(codes.special) \(Self.name(t, sv)): \(yen(sv))円 × 特別食 meals (1食につき, 食事療養 (Ⅰ))"])
                }
            }
            if m.diningRoom ?? false {
                // The ward's 区分 (its row's version on the day; the String built once per version).
                let ward = codes.diningExcludedWards.isEmpty ? nil : UInt64(admission.ward.basicFee).flatMap { c in t.codeIndex(of: c).flatMap { t.version(ofCode: $0, on: d) } }
                if let w = ward, wardSection?.version != w { wardSection = (w, Self.section(t, w)) }
                let section = ward == nil ? nil : wardSection?.section
                if let section, codes.diningExcludedWards.contains(section) {
                    note("dining-ward", "食堂加算 is not given to a patient of a 療養病棟 (告示99号 別表 一 注4 「療養病棟に入院する患者を除く」; the ward's 入院料 is of \(section)): not billed (admission.meals[\(k)].dining_room)")
                } else if !first {
                    note("dining-II", "食堂加算 is given with 入院時食事療養 (Ⅰ) only: the facility does not hold its 施設基準; not billed")
                } else if let dv = row(codes.dining) {
                    add(LineKey(category: 97, codes: [codes.dining], amount: yen(dv), isYen: true), day: d, column: t.integer(dv, P.pointColumnInpatient),
                        explanation: ["\(codes.dining) \(Self.name(t, dv)): \(yen(dv))円 (1日につき, 食堂 used, 食事療養 (Ⅰ))"])
                }
            }
        }
        return total
    }
}
