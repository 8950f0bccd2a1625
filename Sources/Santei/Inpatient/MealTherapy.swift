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
            let w = mealWard(t, d, codes)
            // 生活療養 (告示99号 別表 二): the ward's 入院料 row is its 生活療養 variant (meal-codes.json living_row_markers).
            let living = (w?.living ?? false) ? codes.living : nil
            livingCheck(d, section: w?.section, living: living != nil, codes: codes)
            let kind = living == nil ? "食事療養" : "生活療養"
            let mealCode: UInt64
            if let l = living { mealCode = first ? (liquid ? l.meal1Liquid : l.meal1) : l.meal2 }
            else { mealCode = first ? (liquid ? codes.meal1Liquid : codes.meal1) : (liquid ? codes.meal2Liquid : codes.meal2) }
            guard let v = row(mealCode) else {
                issue("meal-row:\(mealCode):\(d)", "\(mealCode) has no 金額 row valid on \(d): meals not priced")
                continue
            }
            func yen(_ v: Int) -> Int { (t.hundredths(v, P.points) ?? 0) / 100 }
            let served = m.served.count
            count += served
            total += served
            if living != nil {
                if first { livingMeals.first += served } else { livingMeals.second += served }
                livingRowClass = w?.medicalClass ?? livingRowClass
            }
            func grade() -> String {
                first ? "(Ⅰ): the facility holds 施設基準 \(Self.standards(t, v1).filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: ", "))" : "(Ⅱ): the facility does not hold the 施設基準 of (Ⅰ)"
            }
            add(LineKey(category: 97, codes: [mealCode], amount: yen(v), isYen: true), day: d, times: served, column: t.integer(v, P.pointColumnInpatient),
                explanation: ["\(mealCode) \(Self.name(t, v)): \(yen(v))円 × meals (1食につき, 1日3食を限度; \(kind) \(grade()))"])
            let special = m.special?.count ?? 0
            if special > 0 {
                if !first {
                    note("special-II", "特別食加算 is given with 入院時\(kind) (Ⅰ) only: the facility does not hold its 施設基準; not billed (admission.meals[\(k)].special)")
                } else if liquid {
                    note("special-liquid:\(d)", "\(d): 特別食加算 is not billed with 流動食のみ (経管栄養) (admission.meals[\(k)])")
                } else if case let sc = living?.special ?? codes.special, let sv = row(sc) {
                    add(LineKey(category: 97, codes: [sc], amount: yen(sv), isYen: true), day: d, times: special, column: t.integer(sv, P.pointColumnInpatient),
                        explanation: ["\(sc) \(Self.name(t, sv)): \(yen(sv))円 × 特別食 meals (1食につき, \(kind) (Ⅰ))"])
                }
            }
            if m.diningRoom ?? false {
                if let section = w?.section, codes.diningExcludedWards.contains(section) {
                    note("dining-ward", "食堂加算 is not given with the ward's 入院料 of \(section) (告示99号 別表 一 注4 「療養病棟に入院する患者を除く」; 留意事項通知 食堂加算 (3): 精神療養病棟入院料等の食堂の設置が要件の一つとなっている点数を算定している場合; meal-codes.json dining_excluded_wards): not billed (admission.meals[\(k)].dining_room)")
                } else if let a = diningExcludedAddition(t, d, codes) {
                    note("dining-addition:\(d)", "\(d): 食堂加算 is not given beside admission.additions[\(a.index)] \(a.code) of \(a.section) (留意事項通知 食堂加算 (3): 診療所療養病床療養環境加算…等の食堂の設置が要件の一つとなっている点数を算定している場合は、食堂加算をあわせて算定することはできない; meal-codes.json dining_excluded_additions): not billed (admission.meals[\(k)].dining_room)")
                } else if !first {
                    note("dining-II", "食堂加算 is given with 入院時\(kind) (Ⅰ) only: the facility does not hold its 施設基準; not billed")
                } else if case let dc = living?.dining ?? codes.dining, let dv = row(dc) {
                    add(LineKey(category: 97, codes: [dc], amount: yen(dv), isYen: true), day: d, column: t.integer(dv, P.pointColumnInpatient),
                        explanation: ["\(dc) \(Self.name(t, dv)): \(yen(dv))円 (1日につき, 食堂 used, \(kind) (Ⅰ))"])
                }
            }
        }
        try priceLivingEnvironment()
        return total
    }

    /// A stated 入院基本料等加算 due on the day whose 区分 takes the 食堂加算's place (meal-codes.json `dining_excluded_additions`;
    /// review 280 DW-2: A223 診療所療養病床療養環境加算 beside 食堂加算).
    func diningExcludedAddition(_ t: MasterTable, _ d: ServiceDate, _ codes: InpatientRules.MealCodes) -> (index: Int, code: String, section: String)? {
        guard !codes.diningExcludedAdditions.isEmpty else { return nil }
        for (k, s) in (admission.additions ?? []).enumerated() {
            guard s.days?.contains(where: { ClaimCheck.date($0) == d }) ?? true, let c = UInt64(s.code), let i = t.codeIndex(of: c),
                  let v = t.version(ofCode: i, on: d) else { continue }
            let section = Self.section(t, v)
            if codes.diningExcludedAdditions.contains(section) { return (k, s.code, section) }
        }
        return nil
    }

    /// The ward's 入院料 row on the day: its 区分 and whether it is a 生活療養 variant (built once per version).
    mutating func mealWard(_ t: MasterTable, _ d: ServiceDate, _ codes: InpatientRules.MealCodes) -> (section: String, living: Bool, medicalClass: Int?)? {
        guard let c = UInt64(admission.ward.basicFee), let i = t.codeIndex(of: c), let w = t.version(ofCode: i, on: d) else { return nil }
        if mealWardCache?.version != w {
            let name = Self.name(t, w)
            mealWardCache = (w, Self.section(t, w), codes.living != nil && codes.livingRowMarkers.contains { name.containsBytes($0) },
                             codes.medicalClassMarkers.first { name.containsBytes($0.marker) }?.medicalClass)
        }
        return mealWardCache.map { ($0.section, $0.living, $0.medicalClass) }
    }

    /// The 医療区分 of a 生活療養 patient (for the 生活療養標準負担額 of 医療区分２・３, copay/meals.json
    /// living_high_need): `admission.medical_class` when stated, else the one the ward's A101 row names
    /// (meal-codes.json medical_class_markers: （入院料１）… of R06, （入院料Ａ）… of R04); nil when neither says.
    mutating func livingMedicalClass() -> Int? {
        let row = livingRowClass
        if let stated = admission.medicalClass {
            if let row, row != stated {
                note("medical-class", "admission.medical_class \(stated) differs from the 医療区分 \(row) of the ward's 入院料 row \(admission.ward.basicFee): the stated class is taken for the 生活療養標準負担額")
            }
            return stated
        }
        return row
    }

    /// 生活療養 (2) 温度、照明及び給水に関する適切な療養環境の形成たる療養 (告示99号 別表 二 (1)(2)・(2)(2)): 1日につき, on
    /// each day in hospital that is not 外泊 (the patient is not in the 療養環境 while away; the 入院料 of the day
    /// is the 外泊 rate), (Ⅰ) or (Ⅱ) as the meals. Only when the claim states the meals (`admission.meals`,
    /// possibly empty): a claim silent on 食事・生活療養 gets a note, not a guessed line.
    mutating func priceLivingEnvironment() throws(ClaimError) {
        var said = false
        for d in stay.days where stay.leave[d] == nil {
            let dm = try dayMasters(d)
            let t = dm.table, P = ProcedureColumn.self
            guard let codes = try? rules.mealCodes.value(on: d).value, let l = codes.living, let w = mealWard(t, d, codes), w.living else { continue }
            // The row against the patient's age on each day, meals stated or not (review 126 B3: a （生活療養） row for a patient
            // of 60 with no meals was priced with its 環境療養 and no note).
            livingCheck(d, section: w.section, living: true, codes: codes)
            guard admission.meals != nil else {
                if !said { note("living-no-meals", "the ward's 入院料 is a 生活療養 row, but the claim does not state the meals (admission.meals): 生活療養 (食事 and 環境療養 1日につき) not priced"); said = true }
                continue
            }
            guard let v1 = t.codeIndex(of: codes.meal1).flatMap({ t.version(ofCode: $0, on: d) }) else { continue }
            let first = FacilityStandard.requirementIsMet(columns: Self.standards(t, v1), holds: holds(on: d))
            livingRowClass = w.medicalClass ?? livingRowClass
            let c = first ? l.environment1 : l.environment2
            guard let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d), t.integer(v, P.pointKind) == 1 else {
                issue("living-row:\(c):\(d)", "\(c) (生活療養 環境療養) has no 金額 row valid on \(d): not priced")
                continue
            }
            let yen = (t.hundredths(v, P.points) ?? 0) / 100
            livingDays += 1
            add(LineKey(category: 97, codes: [c], amount: yen, isYen: true), day: d, column: t.integer(v, P.pointColumnInpatient),
                explanation: ["\(c) \(Self.name(t, v)): \(yen)円 (1日につき, a day in hospital not 外泊; 生活療養 \(first ? "(Ⅰ)" : "(Ⅱ)"))"])
        }
    }

    /// 特定長期入院被保険者 (健康保険法第63条第２項第２号: 療養病床に入院する、65歳に達する日の属する月の翌月以後の者)
    /// in a 療養病床 入院基本料 (meal-codes.json living_wards) receive 生活療養, and their 入院料 is the 生活療養 row
    /// (A101 「生活療養を受ける場合にあっては」): a stated row that disagrees with the patient's age is noted, not changed.
    mutating func livingCheck(_ d: ServiceDate, section: String?, living: Bool, codes: InpatientRules.MealCodes) {
        guard let section, codes.livingWards.contains(section), let age = patientAge else { return }
        let from = age.monthAfterAttaining(65)
        if d >= from && !living {
            note("living-expected", "the patient is a 特定長期入院被保険者 from \(from) (療養病床, the month after reaching 65: 健康保険法第63条第２項第２号) but admission.ward.basic_fee \(admission.ward.basicFee) is not the 入院料's （生活療養） row: meals priced as 食事療養 as stated")
        } else if d < from && living {
            note("living-unexpected", "admission.ward.basic_fee \(admission.ward.basicFee) is a （生活療養） row but the patient is not a 特定長期入院被保険者 on \(d) (from \(from)): meals priced as 生活療養 as stated")
        }
    }
}
