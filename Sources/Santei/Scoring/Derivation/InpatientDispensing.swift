/// 入院中の患者の投薬 fees (第2章第5部): what an 入院 receipt bills for the drugs its orders give.
///
/// - F000 調剤料 2 入院中の患者に対して投薬を行った場合（１日につき） 7点 (R06 ika-kokuji.txt line 10775): once
///   for each day of the month on which a drug of the claim is taken in hospital — a 内服 剤 (診療識別 21)
///   from its order's date for its `times` days, a 屯服 (22) or 外用 (23) 剤 on its order's date — counting
///   neither 外泊 days nor days outside the stay (通知 F000 (3): 外泊期間中及び入院実日数を超えた部分について、
///   調剤料は算定できない; ika-tsuuchi.txt line 18028).
/// - F000 注 麻薬等加算 (入院: １日につき１点, lines 10776–10778; 通知 F000 (4)(5)): on each such day on which a
///   drug of the 医薬品マスター 項番14 (麻薬・毒薬・覚醒剤原料・向精神薬) is taken.
/// - F500 調剤技術基本料 1 入院中の患者に投薬を行った場合 42点 (lines 10938–10948): once a month (注2) with
///   `facility.pharmacist` (注1: 薬剤師が常時勤務する保険医療機関), not for a patient billed B008 薬剤管理指導料 or
///   C008 in the claim (注4).
/// F100 処方料 is not billed (注1: 入院中の患者以外の患者に対する１回の処方について算定する).
///
/// The rows are those of `Masters/params/medication.json` (roles `F000.inpatient`, `F000.narcotic.inpatient`,
/// `F500.inpatient`); nothing is derived when the claim already states a 第5部 row (the clerk priced it) but a 加算 none of these is (F500 注3 院内製剤加算).
struct InpatientDispensingDeriver {
    let set: MasterSet
    let rules: MedicationRules

    /// The month so far: days already billed 調剤料 / 麻薬等加算, and whether F500 1 was billed.
    struct Month {
        var days = Set<Int>()
        var narcoticDays = Set<Int>()
        var basic = false
        /// The claim states a 第5部 row, or B008/C008 (F500 注4): decided once per claim.
        var decided = false
        var statesSection5 = false
        var pharmacyManagement = false
    }

    /// The fees of encounter `e` of an 入院 claim: each new day its 剤 cover, as one 調剤料 order of that
    /// many days (and one 麻薬等加算 order), and F500 1 on the first encounter with drugs.
    /// `inHospital`: the day numbers (`ServiceDate.dayNumber`) of the month in hospital, 外泊 days left out.
    func plan(claim: Claim, encounter e: Int, dated: DatedMasters, inHospital: Set<Int>, month: inout Month)
        -> (fees: [(category: Int, items: [UnitItem], notes: [String], times: Int)], notes: [String]) {
        let encounter = claim.encounters[e]
        let drugOrders = encounter.orders.filter { (21...23).contains($0.category) && $0.items.contains { $0.code.first == "6" } }
        guard !drugOrders.isEmpty, case .success(let t) = dated.procedures, case .success(let y) = dated.drugs else { return ([], []) }
        let P = ProcedureColumn.self
        if !month.decided {
            month.decided = true
            // The rows this deriver bills: a stated 加算 row of 第5部 that is none of them (F500 注3 院内製剤加算, 告示等識別区分（２） 7)
            // goes beside them and does not stop them (review 316 FG-2: the stated 院内製剤加算 lost F000 2 and F500 1).
            let own = Set(["F000.inpatient", "F000.narcotic.inpatient", "F500.inpatient"].compactMap { rules.version(on: dated.date)?.codes[$0].flatMap { UInt64($0.code) } })
            for other in claim.encounters {
                for order in other.orders {
                    for item in order.items where item.code.first == "1" {
                        guard let code = UInt64(item.code), let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: dated.date) else { continue }
                        let alpha = t.string(v, P.codeTableAlphabet), number = t.integer(v, P.sectionNumber) ?? 0
                        // A stated 第5部 row the 入院 claim bills (not one of 入外適用区分 2, e.g. F100 処方料, which is
                        // refused there) means the clerk states the 投薬 fees.
                        if alpha == "F" && t.integer(v, P.inpatientApplicability) != InpatientApplicability.outpatientOnly.rawValue
                            && (own.contains(code) || !t.field(v, P.noticeClass2, is: "7")) { month.statesSection5 = true }
                        if (alpha == "B" || alpha == "C") && number == 8 { month.pharmacyManagement = true }
                    }
                }
            }
        }
        guard !month.statesSection5 else { return ([], []) }
        let date = dated.date
        guard let version = rules.version(on: date) else {
            return ([], ["encounters[\(e)]: no 投薬 rules (Masters/params/medication.json) for \(date); F000 2 調剤料 (入院) not derived"])
        }
        var notes: [String] = []
        func row(_ role: String) -> (code: UInt64, passage: String)? {
            guard let r = version.codes[role], let code = UInt64(r.code) else {
                notes.append("\(role): no row in Masters/params/medication.json (\(version.revision)); not derived"); return nil
            }
            guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date),
                  t.string(v, P.codeTableAlphabet) + t.string(v, P.sectionNumber) == r.section else {
                notes.append("\(role) \(code): not a \(r.section) row of the 医科診療行為マスター on \(date); not derived"); return nil
            }
            return (code, "\(r.section) \(version.revision): \(r.passage)")
        }
        // The days this encounter's 剤 are taken in hospital (not 外泊), in the stay's month.
        var newDays = 0, newNarcotic = 0
        for order in drugOrders {
            let span = order.category == 21 ? max(1, order.times ?? 1) : 1
            let narcotic = order.items.contains { item in
                guard item.code.first == "6", let code = UInt64(item.code), let i = y.codeIndex(of: code), let v = y.version(ofCode: i, on: date) else { return false }
                return (y.integer(v, DrugColumn.narcotic) ?? 0) != 0
            }
            for k in 0..<min(span, 31) {
                let day = date.dayNumber + k
                guard inHospital.contains(day) else { continue }
                if month.days.insert(day).inserted { newDays += 1 }
                if narcotic, month.narcoticDays.insert(day).inserted { newNarcotic += 1 }
            }
        }
        var fees: [(category: Int, items: [UnitItem], notes: [String], times: Int)] = []
        if newDays > 0, let r = row("F000.inpatient") {
            fees.append((24, [UnitItem(kind: .procedure, code: r.code)], ["\(r.code): derived, \(newDays) day(s) of 投薬 in hospital from this encounter's 剤 (内服: its 日数 from the order's date; 屯服・外用: that day; not 外泊 — 通知 F000 (3)) (\(r.passage))"], newDays))
        }
        if newNarcotic > 0, let r = row("F000.narcotic.inpatient") {
            fees.append((24, [UnitItem(kind: .procedure, code: r.code)], ["\(r.code): derived, \(newNarcotic) day(s) of a 麻薬・毒薬・覚醒剤原料・向精神薬 (医薬品マスター 項番14) in hospital (\(r.passage))"], newNarcotic))
        }
        if newDays > 0, !month.basic {
            switch claim.facility?.pharmacist {
            case true?:
                if month.pharmacyManagement {
                    notes.append("encounters[\(e)]: F500 1 調剤技術基本料 (入院) not derived: the claim bills B008/C008 薬剤管理指導料 (F500 注4)")
                } else if let r = row("F500.inpatient") {
                    fees.append((27, [UnitItem(kind: .procedure, code: r.code)], ["\(r.code): derived, 入院中の投薬 with facility.pharmacist, once a month (\(r.passage))"], 1))
                }
                month.basic = true
            case false?:
                month.basic = true
            case nil:
                notes.append("encounters[\(e)]: F500 1 調剤技術基本料 (入院) needs facility.pharmacist (薬剤師が常時勤務); not stated, not derived")
                month.basic = true
            }
        }
        return (fees, notes)
    }
}
