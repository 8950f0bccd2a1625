import Foundation

// 第2章第5部 投薬 for 入院外 encounters: F000 調剤料, F100 処方料, F200 薬剤 注3 (7種類以上 逓減),
// F400 処方箋料, F500 調剤技術基本料 and their 注加算, derived from the prescription facts a claim states
// (docs/claim-format.md "投薬"). Checked against ../shared/legal/R06/ika-kokuji.txt 第5部 (lines 10754-10980)
// and ika-tsuuchi.txt (lines 17986-18360); the rows and thresholds per revision are in
// Masters/params/medication.json (`MedicationRules`), the points in the masters.

/// How a 剤 is dispensed: 院内 (the clinic dispenses: F000 + F100 + F200 薬剤料) or 院外 (a 処方箋 is issued:
/// F400 only; 第5部 通則1 ただし書「処方箋を交付した場合は、第５節の所定点数のみにより算定する」).
public enum Dispensing: String, Sendable { case inHouse = "in_house", outside }

/// The classes counted for 向精神薬多剤投与 (F100 1, F400 1; 通知 F100 (3) ア, 別紙36).
public enum PsychotropicClass: String, Sendable { case anxiolytic, hypnotic, antidepressant, antipsychotic }

extension ClaimCheck {
    static func dispensing(_ s: String?, _ path: @autoclosure () -> String) throws(ClaimError) {
        guard let s, Dispensing(rawValue: s) == nil else { return }
        throw fail(path(), "\"\(s.prefix(40))\" is not one of in_house, outside")
    }
}

/// What the 投薬 derivation decided for one encounter.
struct PrescriptionPlan {
    /// Orders of the encounter whose 薬剤料 is billed at a percentage: 0 (院外: not billed by the clinic) or
    /// F200 注3's 100分の90.
    var orderPercent: [Int: (percent: Int, note: String)] = [:]
    /// Fee orders to add: 診療識別 (24 調剤, 25 処方, 27 調基, 80 その他 for 処方箋料), items (base first, then its
    /// add-ons) and why each was chosen.
    var fees: [(category: Int, items: [UnitItem], notes: [String])] = []
    /// What could not be decided (a missing fact), for the claim's notes.
    var notes: [String] = []
    /// 第5部 通則5: items whose 使用量 is billed only up to the 63枚 of the 処方 (order, item) → quantity (1/100000).
    var quantityCap: [Int: [Int: Int]] = [:]
    /// The encounter's 処方 is a 向精神薬多剤投与 (通知 F100 (3) ア): what was counted, e.g. "anxiolytic 3".
    var psychotropicMulti: String? = nil
}

/// Monthly limits across the claim's encounters (in the order they are priced).
struct PrescriptionMonth {
    /// 特定疾患処方管理加算 tier (its F100 code) → times billed this month, by F100 and F400 together
    /// (通知 F100 (9) イ: いずれか一方の加算として月１回).
    var specificDisease: [UInt64: Int] = [:]
    /// F500 注2: 月1回.
    var basicDispensing = false
    /// 抗悪性腫瘍剤処方管理加算 billed this month, by F100 or F400 (通知 F100 (10) イ: いずれか一方の加算として月１回).
    var antineoplastic = false
}

/// Derives the 投薬 fees of one 入院外 encounter.
///
/// - Nothing when the encounter has no 内服/屯服/外用 order (診療識別 21–23 of drugs), when it already states a
///   第5部 row (コード表用番号 F: the clerk priced it), for 入院 claims, or on a date before the first version of
///   the rules. When a 剤 has no `dispensing` (院内/院外), nothing is derived and a note says so.
/// - 院内: F000 1 イ (内服・屯服 剤 present) and 1 ロ (外用), once each (通知 F000 (1): 剤数・日数にかかわらず
///   １回の処方につき); F100 graded 1 / 2 / 3 (`grade`); F200 注3 100分の90 of every 内服 剤's 薬剤料 when
///   2 applies by 7種類以上; F500 2 once a month when `facility.pharmacist` (注1, 注2).
/// - 院外: each 剤's 薬剤料 is not billed (通則1 ただし書); F400 graded 1 / 2 / 3, 一般名処方加算 (`generic`).
/// - Both: 乳幼児加算 under 3 (F100 注4, F400 注3), 特定疾患処方管理加算 (`specificDisease`), 抗悪性腫瘍剤処方管理加算
///   (F100 注6, F400 注5: `antineoplastic`), and on F100 the 外来後発医薬品使用体制加算 whose 施設基準 the facility
///   holds (F100 注8; 通知 (12): 診療所のみ).
struct PrescriptionDeriver {
    let set: MasterSet
    let rules: MedicationRules

    private struct Group {
        var orders: [Int] = []
        /// 内服薬の種類 (通知 F200 (6) ア).
        var kinds = 0
        var psychotropicMulti = false
        var psychotropicNote = ""
        /// The 再診 bills 地域包括診療加算 (A001 注12): 7種類以上 does not grade it.
        var regionalCare = false
        /// Longest 内服 剤 in days (others count 1).
        var maxDays = 0
        var internalOrPRN = false
        var external = false
        /// A drug of the 医薬品マスター 項番14 麻薬・毒薬・覚醒剤原料・向精神薬 (nonzero).
        var narcotic = false
        /// 抗悪性腫瘍剤処方管理加算: the first 剤 stating `antineoplastic_consent: true` that holds a 腫瘍用薬, and that drug.
        var antineoplastic: (order: Int, drug: UInt64)? = nil
        /// A 剤 holds a 腫瘍用薬 but does not state `antineoplastic_consent`.
        var antineoplasticUnstated = false
        /// The first 剤 stating `antineoplastic_consent: true` without a 腫瘍用薬.
        var consentWithoutAntineoplastic: Int? = nil
        /// 第5部 通則5: the 貼付剤 of the 処方 (order, item, 使用量 in 1/100000), and whether a 剤 states the reason.
        var patches: [(order: Int, item: Int, quantity: Int, times: Int)] = []
        var patchReason = false
        /// 第5部 通則4: every drug of the 処方 is a うがい薬.
        var gargleOnly = true
    }

    func plan(claim: Claim, encounter e: Int, dated: DatedMasters, age: PatientAge, standards: Set<Int>,
              month: inout PrescriptionMonth) -> PrescriptionPlan {
        var plan = PrescriptionPlan()
        let encounter = claim.encounters[e]
        guard !claim.isInpatient else { return plan }
        let drugOrders = encounter.orders.indices.filter { o in
            let order = encounter.orders[o]
            return (21...23).contains(order.category) && order.items.allSatisfy { $0.code.first == "6" }
        }
        guard !drugOrders.isEmpty, case .success(let t) = dated.procedures, case .success(let y) = dated.drugs else { return plan }
        let P = ProcedureColumn.self
        // A 第5部 row stated anywhere in the encounter: the clerk priced the 投薬 fees. The 薬剤料 of 剤 given by 処方箋 is still
        // the pharmacy's (第5部 通則1 ただし書: 「処方箋を交付した場合は、第５節の所定点数のみにより算定する」): an order stated
        // "outside", or with no dispensing stated beside a stated F400 処方箋料 (review 172 S6: 56点 billed beside a stated 処方箋料).
        var statedF = false, statedF400 = false
        for order in encounter.orders {
            for item in order.items where item.code.first == "1" {
                if let code = UInt64(item.code), let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: dated.date),
                   t.bytes(v, P.codeTableAlphabet).first == UInt8(ascii: "F") {
                    statedF = true
                    if InpatientPricer.section(t, v) == "F400" { statedF400 = true }
                }
            }
        }
        if statedF {
            for o in drugOrders {
                let mode = (encounter.orders[o].dispensing ?? encounter.dispensing).flatMap(Dispensing.init(rawValue:))
                if mode == .outside || (mode == nil && statedF400) {
                    plan.orderPercent[o] = (0, "院外処方 (処方箋を交付\(mode == nil ? ": a 処方箋料 is stated" : "")): the 薬剤料 is the pharmacy's, not billed here (第5部 通則1 ただし書)")
                }
            }
            statedFeeRules(encounter, e: e, drugOrders: drugOrders, t, y, dated.date, plan: &plan)
            return plan
        }
        let date = dated.date
        guard let version = rules.version(on: date) else {
            plan.notes.append("encounters[\(e)]: no 投薬 rules (Masters/params/medication.json) for \(date); F000/F100/F400 not derived")
            return plan
        }
        var groups: [Dispensing: Group] = [:]
        var missing: [Int] = []
        for o in drugOrders {
            let order = encounter.orders[o]
            guard let mode = (order.dispensing ?? encounter.dispensing).flatMap(Dispensing.init(rawValue:)) else { missing.append(o); continue }
            groups[mode, default: Group()].orders.append(o)
        }
        guard missing.isEmpty else {
            plan.notes.append("encounters[\(e)].orders[\(missing.map { String($0) }.joined(separator: ","))]: 院内 or 院外 not stated (orders[].dispensing or encounters[].dispensing: \"in_house\" / \"outside\"); no 投薬 fees (F000 調剤料, F100 処方料, F400 処方箋料) derived")
            return plan
        }
        let regionalCare = encounter.orders.contains { $0.items.contains { version.regionalCareCodes.contains($0.code) } }
        for (mode, var g) in groups {
            g.regionalCare = regionalCare
            analyze(&g, encounter, y, date, version, outside: mode == .outside)
            if g.psychotropicMulti { plan.psychotropicMulti = g.psychotropicNote }
            groups[mode] = g
        }
        func row(_ role: String) -> UInt64? {
            guard let r = version.codes[role], let code = UInt64(r.code) else {
                plan.notes.append("\(role): no row in Masters/params/medication.json (\(version.revision)); not derived"); return nil
            }
            guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else {
                plan.notes.append("\(role) \(code): not in the 医科診療行為マスター on \(date); not derived"); return nil
            }
            let section = t.string(v, P.codeTableAlphabet) + t.string(v, P.sectionNumber)
            guard section == r.section else {
                plan.notes.append("\(role) \(code): the master row is \(section), not \(r.section); not derived"); return nil
            }
            return code
        }
        /// The clause a row bills, cited short ("F100 3"; the 告示 passage is in Masters/params/medication.json).
        func passage(_ role: String) -> String { self.passage(role, version) }

        // 第5部 通則5 (R06 ika-kokuji.txt lines 10768–10774; 通知 第5部 10, ika-tsuuchi.txt lines 18013–18015): more
        // than 63 鎮痛・消炎の貼付剤 in one 処方 without the reason stated (コメント 830000052) — F000, F100, F400 and
        // F500 are not billed for it, and the 薬剤料 only up to the 63枚 (the 貼付剤 in order, the rest capped).
        var overLimit = Set<Dispensing>()
        for mode in [Dispensing.inHouse, .outside] { if let g = groups[mode], patchLimit(g, e: e, version: version, plan: &plan) { overLimit.insert(mode) } }
        // 第5部 通則4 (lines 10763–10767): 入院中の患者以外の患者に対して、うがい薬のみを投薬した場合には、F000
        // 調剤料、F100 処方料、F200 薬剤、F400 処方箋料及び F500 調剤技術基本料は、算定しない. 通知 第5部 9 excepts a
        // うがい薬 for treatment, a fact the claim does not carry: a clerk billing one for treatment states its 第5部
        // rows (then nothing is derived and the drugs are billed as ordered).
        for (mode, g) in groups where g.gargleOnly && version.gargleDrugClasses != nil {
            for o in g.orders { plan.orderPercent[o] = (0, "第5部 通則4: うがい薬のみの投薬 — 薬剤料 not billed") }
            groups[mode] = nil
            plan.notes.append("encounters[\(e)]: the \(mode == .inHouse ? "院内" : "院外") 処方 is うがい薬 only (薬効分類 \((version.gargleDrugClasses ?? []).joined(separator: "/")) 含嗽剤): no 調剤料, 処方料, 薬剤料, 処方箋料 or 調剤技術基本料 (第5部 通則4); when it is for treatment (通知 第5部 9), state the 第5部 rows")
        }
        let monthBefore = month, feesBefore = plan.fees.count

        if var g = groups[.inHouse] {
            // F000 調剤料: 1 イ 内服・浸煎・屯服, 1 ロ 外用, each once per 処方.
            if g.internalOrPRN, let c = row("F000.internal") {
                plan.fees.append((24, [UnitItem(kind: .procedure, code: c)], ["\(c): derived, 院内 内服/屯服 剤 (\(passage("F000.internal")); 通知 F000 (1))"]))
            }
            if g.external, let c = row("F000.external") {
                plan.fees.append((24, [UnitItem(kind: .procedure, code: c)], ["\(c): derived, 院内 外用 剤 (\(passage("F000.external")))"]))
            }
            // F100 処方料.
            let (role, why) = grade("F100", g, version)
            if let base = row(role) {
                var items = [UnitItem(kind: .procedure, code: base)]
                var notes = ["\(base): derived, 院内 処方 — \(why) (\(passage(role)))"]
                addOns("F100", &g, &items, &notes, claim: claim, date: date, age: age, version: version, month: &month, row: row, passage: passage, plan: &plan)
                antineoplastic("F100", e, g, t, claim: claim, date: date, standards: standards, version: version, month: &month,
                               items: &items, notes: &notes, plan: &plan, row: row)
                genericUseSystem(t, date: date, facilityKind: claim.facility?.kind, standards: standards, items: &items, notes: &notes, plan: &plan)
                plan.fees.append((25, items, notes))
            }
            // F000 注 / F100 注2 麻薬等加算: a drug of 項番14 (1 麻薬, 2 毒薬, 3 覚醒剤原料, 5 向精神薬), once per
            // 処方 (通知 F000 (4), F100 (7)); the receipt's 麻毒 section (26).
            if g.narcotic, let a = row("F000.narcotic"), let b = row("F100.narcotic") {
                plan.fees.append((26, [UnitItem(kind: .procedure, code: a), UnitItem(kind: .procedure, code: b)],
                                  ["\(a), \(b): derived, a 麻薬・毒薬・覚醒剤原料・向精神薬 (医薬品マスター 項番14) dispensed in-house (\(passage("F000.narcotic")); \(passage("F100.narcotic")))"]))
            }
            // F200 注2: 向精神薬多剤投与 → 100分の80 of the 抗不安薬等's 薬剤料; a 剤 of those drugs only is
            // reduced whole; a 剤 mixing them with others is left to the clerk (its price cannot be split here).
            if role == "F100.1" {
                for o in g.orders {
                    let items = encounter.orders[o].items
                    let classed = items.filter { $0.psychotropic.flatMap(PsychotropicClass.init(rawValue:)) != nil }.count
                    if classed == items.count {
                        plan.orderPercent[o] = (version.psychotropicPercent, "F200 注2: 向精神薬多剤投与 → 抗不安薬等の薬剤料 × \(version.psychotropicPercent)/100, 1点未満四捨五入")
                    } else if classed > 0 {
                        plan.notes.append("encounters[\(e)].orders[\(o)]: F200 注2 (抗不安薬等 × \(version.psychotropicPercent)/100) not applied to a 剤 that mixes 抗不安薬等 with other drugs; state them as separate 剤")
                    }
                }
            }
            // F200 注3: 7種類以上の内服薬 → 100分の90 of every 内服 剤's 薬剤料 (not with 向精神薬多剤投与: 注2 first).
            if role == "F100.2" {
                for o in g.orders where encounter.orders[o].category == 21 {
                    plan.orderPercent[o] = (version.manyOralPercent, "F200 注3: \(g.kinds) 種類の内服薬 (\(version.manyOralKinds)種類以上) → 薬剤料 × \(version.manyOralPercent)/100 per 1剤1日分, 1点未満四捨五入")
                }
            }
            // F500 調剤技術基本料 2: 薬剤師が常時勤務 (注1), not when a 処方箋 is issued, 月1回 (注2); 通知 F500 (2)
            // 「同一医療機関において同一月内に処方箋の交付がある場合は、調剤技術基本料は算定できない」 — any
            // encounter of the claim's month (R06 ika-tsuuchi.txt 18359-18360).
            let prescriptionInMonth = claim.encounters.contains { enc in
                enc.orders.contains { (21...23).contains($0.category) && ($0.dispensing ?? enc.dispensing) == Dispensing.outside.rawValue }
            }
            if groups[.outside] == nil, prescriptionInMonth, !month.basicDispensing, claim.facility?.pharmacist == true {
                plan.notes.append("encounters[\(e)]: F500 調剤技術基本料 not derived — a 処方箋 is issued in the same month (通知 F500 (2))")
            }
            if groups[.outside] == nil, !prescriptionInMonth, !month.basicDispensing {
                switch claim.facility?.pharmacist {
                case true?:
                    if let c = row("F500.outpatient") {
                        plan.fees.append((27, [UnitItem(kind: .procedure, code: c)], ["\(c): derived, 院内 投薬 with facility.pharmacist (\(passage("F500.outpatient")))"]))
                        month.basicDispensing = true
                    }
                case false?: break
                case nil: plan.notes.append("encounters[\(e)]: F500 調剤技術基本料 needs facility.pharmacist (薬剤師が常時勤務); not stated, not derived")
                }
            }
        }
        if var g = groups[.outside] {
            for o in g.orders {
                plan.orderPercent[o] = (0, "院外処方 (処方箋を交付): the 薬剤料 is the pharmacy's, not billed here (第5部 通則1 ただし書)")
            }
            let (role, why) = grade("F400", g, version)
            if let base = row(role) {
                var items = [UnitItem(kind: .procedure, code: base)]
                var notes = ["\(base): derived, 院外 処方箋 — \(why) (\(passage(role)))"]
                addOns("F400", &g, &items, &notes, claim: claim, date: date, age: age, version: version, month: &month, row: row, passage: passage, plan: &plan)
                antineoplastic("F400", e, g, t, claim: claim, date: date, standards: standards, version: version, month: &month,
                               items: &items, notes: &notes, plan: &plan, row: row)
                generic(g, encounter, y, date, version, items: &items, notes: &notes, plan: &plan, row: row, passage: passage)
                plan.fees.append((80, items, notes))
            }
        }
        // 第5部 通則5: the 処方 over the 貼付剤 limit bills no fee (院内 and 院外 are one 処方 each; with both, only the
        // one over the limit loses its fees: the other's are kept).
        if !overLimit.isEmpty {
            if overLimit.count == groups.count {
                plan.fees.removeSubrange(feesBefore...)
                month = monthBefore
            } else {
                let codes = overLimit.contains(.inHouse) ? [24, 25, 26, 27] : [80]
                plan.fees.removeAll { codes.contains($0.category) }
            }
        }
        return plan
    }

    /// 種類数, 向精神薬, days and 剤 kinds of one group of 剤.
    /// - 内服薬の種類 (通知 F200 (6) ア): each 銘柄 one 種類, but a 剤 whose 1剤1日分 薬価 is at most
    ///   `lowPriceYen` (205円) is one 種類 (ア (ニ)); 臨時の投薬 of at most `temporaryMaxDays` days is not counted
    ///   (ウ, エ).
    /// - 向精神薬多剤投与 (通知 F100 (3) ア, イ): `psychotropicSameClass` of one class or
    ///   `psychotropicAnxiolyticAndHypnotic` 抗不安薬 and 睡眠薬 together, counted by 一般名 (the first 7 characters of
    ///   医薬品マスター 項番37 一般名コード — 成分, not 剤形・規格 — else the drug code); 臨時 抗うつ薬・抗精神病薬 are not counted, 臨時 抗不安薬・睡眠薬 are ((ハ)).
    /// - 抗悪性腫瘍剤 (通知 F100 (10) ウ: 薬効分類上の腫瘍用薬): a drug whose 項番32 薬価基準収載医薬品コード starts with
    ///   one of `antineoplasticDrugClasses` (42), looked for unless the 剤 states `antineoplastic_consent: false`.
    /// - 一般名処方 (院外, `generic_name: true`): the 種類 of 通知 F400 (6) are counted with each drug at the lowest
    ///   薬価 of its 一般名 (通知 F400 (12): 「種類」の計算に当たっては、該当する医薬品の薬価のうち最も低いものの薬価とみなす).
    private func analyze(_ g: inout Group, _ encounter: Claim.Encounter, _ y: MasterTable, _ date: ServiceDate, _ version: MedicationRules.Version,
                         outside: Bool = false) {
        var brands = Set<UInt64>(), lowPriced = 0
        var generics: GenericPriceIndex? = nil
        var byClass: [PsychotropicClass: Set<String>] = [:]
        for o in g.orders {
            let order = encounter.orders[o]
            let days = order.times ?? 1
            let temporary = order.temporary == true && days <= version.temporaryMaxDays
            switch order.category {
            case 21: g.internalOrPRN = true; g.maxDays = max(g.maxDays, days)
            case 22: g.internalOrPRN = true; g.maxDays = max(g.maxDays, 1)
            default: g.external = true; g.maxDays = max(g.maxDays, 1)
            }
            var yenE7 = 0
            var codes: [UInt64] = []
            let consent = order.antineoplasticConsent
            var antineoplasticDrug: UInt64? = nil
            if order.category == 23, let reasons = version.patchReasonComments,
               order.comments?.contains(where: { c in c.code.map(reasons.contains) ?? false }) == true { g.patchReason = true }
            for (n, item) in order.items.enumerated() {
                guard let code = UInt64(item.code) else { continue }
                codes.append(code)
                if let i = y.codeIndex(of: code), let v = y.version(ofCode: i, on: date) {
                    let narcotic = (y.integer(v, DrugColumn.narcotic) ?? 0) != 0
                    if narcotic { g.narcotic = true }
                    let therapeuticClass = y.bytes(v, DrugColumn.priceStandardCode)
                    if g.gargleOnly, !(version.gargleDrugClasses ?? []).contains(where: { therapeuticClass.starts(with: $0.utf8) }) { g.gargleOnly = false }
                    if order.category == 23, !narcotic, let classes = version.patchDrugClasses,
                       classes.contains(where: { therapeuticClass.starts(with: $0.utf8) }), y.string(v, DrugColumn.unitName) == version.patchUnit {
                        g.patches.append((o, n, item.quantity?.scaled ?? 0, max(1, order.times ?? 1)))
                    }
                    if consent != false, antineoplasticDrug == nil {
                        let therapeutic = y.bytes(v, DrugColumn.priceStandardCode)
                        if version.antineoplasticDrugClasses.contains(where: { therapeutic.starts(with: $0.utf8) }) { antineoplasticDrug = code }
                    }
                    var price = y.hundredths(v, DrugColumn.price) ?? 0
                    if outside, item.genericName == true, case let name = y.string(v, DrugColumn.genericCode), !name.isEmpty {
                        if generics == nil, let chain = try? set.chainIndex(.drug, on: date) {
                            generics = set.chainCache(chain, "drug.generic-prices") { GenericPriceIndex($0) }
                        }
                        if let lowest = generics?.lowestPrice(of: name, in: y, on: date) { price = min(price, lowest) }
                    }
                    let q = item.quantity?.scaled ?? 0
                    if q < Int.max / max(price, 1) { yenE7 = yenE7 &+ price * q }
                    if let cls = item.psychotropic.flatMap(PsychotropicClass.init(rawValue:)),
                       !(temporary && (cls == .antidepressant || cls == .antipsychotic)) {
                        // By 一般名 (通知 F100 (3) イ: 種類数は一般名で計算する): the 一般名コード's first 7 characters (薬効分類 and
                        // 投与経路・成分), not its 剤形・規格 — エチゾラム錠0.5mg and 1mg are one 一般名 (review 223 BR-1: counted as two,
                        // a 向精神薬多剤投与 of 3 was billed for 2), as the 品目 of 一般名処方加算 are counted below.
                        let name = y.string(v, DrugColumn.genericCode)
                        byClass[cls, default: []].insert(name.isEmpty ? item.code : String(name.prefix(7)))
                    }
                } else {
                    g.gargleOnly = false
                }
            }
            if order.category == 21 && !temporary {
                if yenE7 <= version.lowPriceYen * 10_000_000 { lowPriced += 1 } else { brands.formUnion(codes) }
            }
            if let drug = antineoplasticDrug {
                if consent == true { if g.antineoplastic == nil { g.antineoplastic = (o, drug) } } else { g.antineoplasticUnstated = true }
            } else if consent == true, g.consentWithoutAntineoplastic == nil {
                g.consentWithoutAntineoplastic = o
            }
        }
        g.kinds = brands.count + lowPriced
        let counts = byClass.mapValues(\.count)
        let same = counts.values.max() ?? 0
        let anxHyp = (counts[.anxiolytic] ?? 0) + (counts[.hypnotic] ?? 0)
        g.psychotropicMulti = same >= version.psychotropicSameClass || anxHyp >= version.psychotropicAnxiolyticAndHypnotic
        if g.psychotropicMulti {
            g.psychotropicNote = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        }
    }

    /// 第5部 通則5: more than 63 鎮痛・消炎の貼付剤 in the 処方 `g` without the reason stated — caps the 貼付剤's 使用量 (in
    /// order) at the 63枚 in `plan.quantityCap` and says whether the 処方's fees are lost (true).
    private func patchLimit(_ g: Group, e: Int, version: MedicationRules.Version, plan: inout PrescriptionPlan) -> Bool {
        guard let maxSheets = version.patchMaxSheets, !g.patches.isEmpty else { return false }
        let total = g.patches.reduce(0) { $0 + $1.quantity * $1.times }
        guard total > maxSheets * 100_000 else { return false }
        let sheets = FixedPoint(value: total, decimals: 5)
        if g.patchReason {
            plan.notes.append("encounters[\(e)]: \(sheets)枚 of 貼付剤 in one 処方, the reason stated (第5部 通則5 ただし書): billed in full")
            return false
        }
        var left = maxSheets * 100_000
        for p in g.patches {
            let per = min(p.quantity, left / p.times)
            if per < p.quantity { plan.quantityCap[p.order, default: [:]][p.item] = per }
            left -= per * p.times
        }
        plan.notes.append("encounters[\(e)]: \(sheets)枚 of 鎮痛・消炎の貼付剤 in one 処方 (more than \(maxSheets)枚, no reason stated: コメント \((version.patchReasonComments ?? []).joined(separator: "/"))): no 調剤料, 処方料, 処方箋料 or 調剤技術基本料, and the 薬剤料 of \(maxSheets)枚 only (第5部 通則5 \(version.revision))")
        return true
    }

    /// The 薬剤料 rules that hang on the 処方, not on who priced its fees, for an encounter that states its 第5部 rows (review
    /// 291 EH-1–3: a stated F100 kept 7 種類 at 100/100, a stated F100 1 the 睡眠薬 at 100/100, and 70枚 of 湿布 were billed
    /// whole with their 調剤料 and 処方料):
    /// - F200 注2 / 注3 from the drugs' facts (as derived) or from the stated 処方料 / 処方箋料 row's grade, 注2 first; a stated
    ///   grade the facts contradict is named in a note (the stated row is billed as stated);
    /// - 第5部 通則5: past 63枚 without the reason, the 貼付剤 capped and the stated F000, F100, F500 (院内) or F400 (院外) rows
    ///   not billed. 通則4 うがい薬 is not applied: stated rows are how a clerk bills one for treatment (通知 第5部 9).
    private func statedFeeRules(_ encounter: Claim.Encounter, e: Int, drugOrders: [Int], _ t: MasterTable, _ y: MasterTable,
                                _ date: ServiceDate, plan: inout PrescriptionPlan) {
        guard let version = rules.version(on: date) else { return }
        var inHouse = Group(), outside = Group()
        for o in drugOrders { if plan.orderPercent[o]?.percent == 0 { outside.orders.append(o) } else { inHouse.orders.append(o) } }
        // The orders of stated 第5部 rows only, with their 区分 (F000, F100, F400, F500), and the stated codes.
        var feeOrders: [(order: Int, sections: Set<String>)] = []
        var stated = Set<String>()
        for (o, order) in encounter.orders.enumerated() where !order.items.isEmpty {
            var sections = Set<String>()
            for item in order.items {
                guard item.code.utf8.first == UInt8(ascii: "1"), let code = UInt64(item.code), let i = t.codeIndex(of: code),
                      let v = t.version(ofCode: i, on: date), t.bytes(v, ProcedureColumn.codeTableAlphabet).first == UInt8(ascii: "F") else {
                    sections.removeAll(); break
                }
                stated.insert(item.code)
                sections.insert(InpatientPricer.section(t, v))
            }
            if !sections.isEmpty { feeOrders.append((o, sections)) }
        }
        func statedGrade(_ section: String) -> String? {
            ["\(section).1", "\(section).2", "\(section).3"].first { r in version.codes[r].map { stated.contains($0.code) } ?? false }
        }
        let regionalCare = encounter.orders.contains { $0.items.contains { version.regionalCareCodes.contains($0.code) } }
        for (mode, var g) in [(Dispensing.inHouse, inHouse), (.outside, outside)] where !g.orders.isEmpty {
            g.regionalCare = regionalCare
            analyze(&g, encounter, y, date, version, outside: mode == .outside)
            let section = mode == .inHouse ? "F100" : "F400"
            let (derived, why) = grade(section, g, version)
            let statedRole = statedGrade(section)
            if let statedRole, statedRole != derived {
                plan.notes.append("encounters[\(e)]: the stated \(section) row is \(passage(statedRole, version)) but the 処方 gives \(passage(derived, version)): \(why) (通知 F100 (3), (4)); billed as stated")
            }
            if mode == .inHouse {
                if derived == "F100.1" || statedRole == "F100.1" {
                    for o in g.orders {
                        let items = encounter.orders[o].items
                        let classed = items.filter { $0.psychotropic.flatMap(PsychotropicClass.init(rawValue:)) != nil }.count
                        if classed == items.count {
                            plan.orderPercent[o] = (version.psychotropicPercent, "F200 注2: 向精神薬多剤投与 → 抗不安薬等の薬剤料 × \(version.psychotropicPercent)/100, 1点未満四捨五入")
                        }
                    }
                } else if derived == "F100.2" || statedRole == "F100.2" {
                    for o in g.orders where encounter.orders[o].category == 21 {
                        plan.orderPercent[o] = (version.manyOralPercent, "F200 注3: 7種類以上の内服薬 (\(derived == "F100.2" ? "\(g.kinds) 種類" : "the stated 処方料")) → 薬剤料 × \(version.manyOralPercent)/100 per 1剤1日分, 1点未満四捨五入")
                    }
                }
            }
            if patchLimit(g, e: e, version: version, plan: &plan) {
                let lost: Set<String> = mode == .inHouse ? ["F000", "F100", "F500"] : ["F400"]
                for f in feeOrders where f.sections.isSubset(of: lost) {
                    plan.orderPercent[f.order] = (0, "第5部 通則5: more than \(version.patchMaxSheets ?? 0)枚 of 貼付剤 in the 処方 without the reason (コメント \((version.patchReasonComments ?? []).joined(separator: "/"))) — not billed")
                }
            }
        }
    }

    /// A role of Masters/params/medication.json cited short ("F100 2 R06").
    private func passage(_ role: String, _ version: MedicationRules.Version) -> String {
        String(role.map { $0 == "." ? " " : $0 }) + " \(version.revision)"
    }

    /// 1 向精神薬多剤投与, else 2 7種類以上の内服薬, else 3 (F100/F400 1–3; 通知 F100 (3), (4)). 向精神薬長期処方
    /// (2's second case) needs facts a claim does not state and is not derived.
    private func grade(_ section: String, _ g: Group, _ version: MedicationRules.Version) -> (role: String, why: String) {
        if g.psychotropicMulti { return ("\(section).1", "向精神薬多剤投与 (\(g.psychotropicNote) by 一般名)") }
        if g.kinds >= version.manyOralKinds {
            if g.regionalCare { return ("\(section).3", "\(g.kinds) 種類の内服薬, but 地域包括診療加算 is billed (A001 注12: not graded by 7種類以上)") }
            return ("\(section).2", "\(g.kinds) 種類の内服薬 (\(version.manyOralKinds)種類以上)")
        }
        return ("\(section).3", "\(g.kinds) 種類の内服薬, no 向精神薬多剤投与")
    }

    /// The first stated 第1部 fee of the claim, on or before `date`, whose 医科診療行為マスター 項番25 傷病名関連区分 is 5
    /// (特定疾患: B000 特定疾患療養管理料, which needs a 特定疾患 主病 as the 加算 does).
    private func specificDiseaseFee(_ claim: Claim, through date: ServiceDate) -> UInt64? {
        guard let table = try? set.table(.procedure, on: date) else { return nil }
        for e in claim.encounters {
            guard let d = ServiceDate(e.date), d <= date else { continue }
            for o in e.orders {
                for item in o.items {
                    guard item.code.utf8.first == UInt8(ascii: "1"), let code = UInt64(item.code), let i = table.codeIndex(of: code),
                          let v = table.version(ofCode: i, on: d), table.integer(v, AuditColumn.procedureDiseaseRelation) == 5,
                          // F100 注5 / F400 注4 rows carry 5 too: only a 第1部 医学管理等 fee names the 主病.
                          table.bytes(v, ProcedureColumn.codeTableAlphabet).first == UInt8(ascii: "B") else { continue }
                    return code
                }
            }
        }
        return nil
    }

    /// 乳幼児加算 and 特定疾患処方管理加算 of F100 / F400.
    private func addOns(_ section: String, _ g: inout Group, _ items: inout [UnitItem], _ notes: inout [String],
                        claim: Claim, date: ServiceDate, age: PatientAge, version: MedicationRules.Version,
                        month: inout PrescriptionMonth, row: (String) -> UInt64?, passage: (String) -> String, plan: inout PrescriptionPlan) {
        let years = age.years(on: date)
        if years < version.infantBelowAge, let c = row("\(section).infant") {
            items.append(UnitItem(kind: .procedure, code: c))
            notes.append("\(c): derived from age \(years) (\(passage("\(section).infant")))")
        }
        // 特定疾患処方管理加算: 主病 a 特定疾患 (傷病名マスター 特定疾患等対象区分), 診療所 or 200床未満, 処方期間.
        guard let tier = version.specificDisease.first(where: { g.maxDays >= $0.minDays && (month.specificDisease[UInt64($0.F100) ?? 0] ?? 0) < $0.perMonth }) else { return }
        // A 主病 only suspected (修飾語 8002) or whose 診療開始日 is after the prescription is not the 主病 of that day (review 172
        // S1/S2; as SA-D006 judges B000 on the same claim).
        let confirmed = (claim.diseases ?? []).filter { d in
            !d.isSuspected && !(d.start.flatMap { ServiceDate($0) }.map { $0 > date } ?? false)
        }
        var main = confirmed.filter { $0.main == true }
        // No 主病 named: a fee of the claim that needs the same 主病 (B000 特定疾患療養管理料 注1 「別に厚生労働大臣が定める
        // 疾患を主病とする患者」: s 項番25 傷病名関連区分 5), billed on or before the date and kept by the audit (SA-D006 lets
        // any 傷病名 count then), says the 主病 is a 特定疾患: the claim's 特定疾患 is taken as it (review 172 S7: B000 kept,
        // the 加算 of the same 告示 condition not derived).
        var statedBy: UInt64? = nil
        if main.isEmpty {
            if (claim.diseases ?? []).contains(where: { $0.main == true }) {
                plan.notes.append("特定疾患処方管理加算 (\(section)): the 主病 is only suspected (の疑い) or starts after \(date); not derived"); return
            }
            guard !(claim.diseases ?? []).isEmpty else { return }
            guard let fee = specificDiseaseFee(claim, through: date) else {
                plan.notes.append("特定疾患処方管理加算 (\(section)): no 主病 stated (diseases[].main) and no fee of the claim needs a 特定疾患 主病 (B000); not derived"); return
            }
            statedBy = fee
            main = confirmed
        }
        guard let table = try? set.table(.disease, on: date) else {
            plan.notes.append("特定疾患処方管理加算 (\(section)): no loaded 傷病名マスター covers \(date); not derived"); return
        }
        var unknown: [String] = []
        let special = main.first { d in
            guard let code = UInt64(d.code), let i = table.codeIndex(of: code), let v = table.version(ofCode: i, on: date) else { unknown.append(d.code); return false }
            return version.specificDiseaseClasses.contains(table.string(v, DiseaseColumn.specificDiseaseClass))
        }
        guard let disease = special else {
            // A 主病 the loaded 傷病名マスター has no row of on the date (a row changed or new from a later 変更年月日: the
            // file's earlier value is not in it): whether it is a 特定疾患 is not known — said, not guessed.
            if !unknown.isEmpty {
                plan.notes.append("特定疾患処方管理加算 (\(section)): 主病 \(unknown.joined(separator: ", ")) has no version of the loaded 傷病名マスター valid on \(date) (its 特定疾患等対象区分 then is not known); not derived — check")
            }
            return
        }
        switch claim.facility?.kind {
        case "clinic"?: break
        case "hospital"?:
            guard let beds = claim.facility?.beds else {
                plan.notes.append("特定疾患処方管理加算 (\(section)): facility.beds not stated (診療所又は許可病床数が200床未満の病院); not derived"); return
            }
            guard beds <= version.specificDiseaseMaxBeds else { return }
        default:
            plan.notes.append("特定疾患処方管理加算 (\(section)): facility.kind not stated (診療所又は許可病床数が200床未満の病院); not derived"); return
        }
        guard let code = UInt64(section == "F100" ? tier.F100 : tier.F400) else { return }
        items.append(UnitItem(kind: .procedure, code: code))
        month.specificDisease[UInt64(tier.F100) ?? 0, default: 0] += 1
        let named = statedBy.map { "no 主病 named; \(disease.code) taken as it, as the claim bills \($0), which needs a 特定疾患 主病 (B000 注1)" } ?? "主病 \(disease.code)"
        notes.append("\(code): derived, \(named) is a 特定疾患 (傷病名マスター 特定疾患等対象区分 \(version.specificDiseaseClasses.joined(separator: "/"))), 処方期間 \(g.maxDays)日 (\(section) 特定疾患処方管理加算 \(version.revision), \(tier.minDays)日以上, 月\(tier.perMonth)回)")
    }

    /// 外来後発医薬品使用体制加算 (F100 注8): the F100 rows of 告示等識別区分 1 that name 施設基準 (項番72–81),
    /// other than F100 1–3 themselves, whose 施設基準 the facility holds; 診療所のみ (通知 F100 (12)). Of
    /// several, none and a note. Only rows with 後発医薬品 in the name: 抗悪性腫瘍剤処方管理加算 also names a
    /// 施設基準 but needs facts of the 処方 (`antineoplastic`).
    private func genericUseSystem(_ t: MasterTable, date: ServiceDate, facilityKind: String?, standards: Set<Int>,
                                  items: inout [UnitItem], notes: inout [String], plan: inout PrescriptionPlan) {
        guard !standards.isEmpty else { return }
        let P = ProcedureColumn.self
        let chain = (try? set.chainIndex(.procedure, on: date)) ?? 0
        let index = set.chainCache(chain, "section") { CodeGroups<String>.sections($0) }
        var fits: [(UInt64, String)] = []
        for j in index.codes("F100-00") {
            guard let w = t.version(ofCode: j, on: date), t.string(w, P.abbreviatedName).containsBytes("後発医薬品") else { continue }
            let columns = (0..<P.facilityStandardCount).map { FacilityStandard(rawValue: t.integer(w, P.facilityStandardFirst + $0) ?? 0) }
            guard columns.contains(where: { $0 != .none }),
                  FacilityStandard.requirementIsMet(columns: columns, holds: { standards.contains($0.rawValue) }) else { continue }
            fits.append((t.code(at: j), t.string(w, P.abbreviatedName) + " (施設基準 " + Self.standardCodes(columns) + ")"))
        }
        guard !fits.isEmpty else { return }
        guard facilityKind == "clinic" else {
            plan.notes.append("外来後発医薬品使用体制加算: 診療所のみ (通知 F100 (12)); facility.kind is \(facilityKind ?? "not stated"); not derived"); return
        }
        guard fits.count == 1, let pick = fits.first else {
            plan.notes.append("外来後発医薬品使用体制加算: the facility holds the 施設基準 of several (\(fits.map { String($0.0) }.joined(separator: ", "))); none derived, state the one that applies"); return
        }
        items.append(UnitItem(kind: .procedure, code: pick.0))
        notes.append("\(pick.0) \(pick.1): derived, the facility holds its 施設基準 (F100 注8)")
    }

    /// 抗悪性腫瘍剤処方管理加算 (F100 注6 / F400 注5; 通知 F100 (10), F400 (11); R06, unchanged in R08): 施設基準
    /// (the row's 項番72–81) の届出, 許可病床数が200床以上の病院に限る, 治療の開始に当たり文書により説明 (通知 (10) ア:
    /// 文書で説明し同意を得た上で) 抗悪性腫瘍剤 (ウ: 薬効分類上の腫瘍用薬) を処方, 月１回 (イ: F100 と F400 のいずれか一方).
    /// Derived for a 剤 that states `antineoplastic_consent: true` and holds a 腫瘍用薬, at a `hospital` of
    /// `antineoplasticMinBeds` or more that holds the row's 施設基準 on the date, once a month. A 腫瘍用薬 whose 剤
    /// leaves the consent unstated, or a hospital whose `beds` (or a facility whose `kind`) is not stated: nothing, and
    /// a note naming the fact. A 診療所, fewer beds, no 施設基準 or a 剤 stating `false`: nothing. Once a month: not
    /// after a derived one (`month`) nor when the claim states either row on any day.
    private func antineoplastic(_ section: String, _ e: Int, _ g: Group, _ t: MasterTable, claim: Claim, date: ServiceDate,
                                standards: Set<Int>, version: MedicationRules.Version, month: inout PrescriptionMonth,
                                items: inout [UnitItem], notes: inout [String], plan: inout PrescriptionPlan, row: (String) -> UInt64?) {
        let role = "\(section).antineoplastic"
        let name = "抗悪性腫瘍剤処方管理加算 (\(section))"
        if g.antineoplastic == nil, let o = g.consentWithoutAntineoplastic {
            plan.notes.append("encounters[\(e)].orders[\(o)]: antineoplastic_consent, but no drug of the 剤 is a 腫瘍用薬 (薬効分類 \(version.antineoplasticDrugClasses.joined(separator: "/")): 医薬品マスター 項番32); \(name) not derived")
        }
        guard g.antineoplastic != nil || g.antineoplasticUnstated, !month.antineoplastic, let code = row(role),
              let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return }
        let consented = g.antineoplastic != nil
        let columns = InpatientPricer.standards(t, v)
        guard columns.contains(where: { $0 != .none }),
              FacilityStandard.requirementIsMet(columns: columns, holds: { standards.contains($0.rawValue) }) else {
            if consented { plan.notes.append("encounters[\(e)]: \(name): the facility does not hold its 施設基準 (\(Self.standardCodes(columns))) on \(date) (facility.standards); not derived") }
            return
        }
        switch claim.facility?.kind {
        case "hospital"?: break
        case "clinic"?: return
        default: plan.notes.append("encounters[\(e)]: \(name): facility.kind not stated (許可病床数が\(version.antineoplasticMinBeds)床以上の病院に限る); not derived"); return
        }
        guard let beds = claim.facility?.beds else {
            plan.notes.append("encounters[\(e)]: \(name): facility.beds not stated (許可病床数が\(version.antineoplasticMinBeds)床以上の病院に限る); not derived"); return
        }
        guard beds >= version.antineoplasticMinBeds else { return }
        guard let found = g.antineoplastic else {
            plan.notes.append("encounters[\(e)]: \(name): whether the 抗悪性腫瘍剤 was prescribed after 文書による説明・同意 is not stated (orders[].antineoplastic_consent); not derived")
            return
        }
        // 月１回 also against a row the clerk states on any day of the claim (an encounter that states its 第5部 rows
        // is not derived, so `month` does not see it).
        let rows = ["F100.antineoplastic", "F400.antineoplastic"].compactMap { version.codes[$0]?.code }
        if let stated = claim.encounters.lazy.flatMap(\.orders).flatMap(\.items).first(where: { rows.contains($0.code) }) {
            plan.notes.append("encounters[\(e)]: \(name): \(stated.code) is stated on the claim (月１回); not derived again")
            return
        }
        items.append(UnitItem(kind: .procedure, code: code))
        month.antineoplastic = true
        notes.append("\(code): derived, orders[\(found.order)] 腫瘍用薬 \(found.drug) (医薬品マスター 項番32 薬効分類 \(version.antineoplasticDrugClasses.joined(separator: "/"))) prescribed after 文書による説明・同意 (antineoplastic_consent), 病院 \(beds)床 (\(version.antineoplasticMinBeds)床以上), 施設基準 \(Self.standardCodes(columns)) held (\(section) 抗悪性腫瘍剤処方管理加算 \(version.revision), 月1回 by F100 or F400)")
    }

    /// The 施設基準 codes a row names (項番72–81), "827" or "3522/3826".
    static func standardCodes(_ columns: [FacilityStandard]) -> String {
        columns.filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: "/")
    }

    /// 一般名処方加算 (F400 注6; 通知 F400 (12)), from the 医薬品マスター 項番39 一般名処方加算対象区分 (the
    /// 一般名処方マスタ's 一般名処方加算対象: 2 「加算１、２」 = 後発医薬品のある医薬品, 1 「加算１」, 0 not in it) and
    /// the claim's `generic_name` of each drug:
    /// - 加算１: every drug of 区分 2 is written by 一般名, and the drugs so written (区分 1 or 2) are at least
    ///   `generic1MinItems` 品目 counted by 一般名 (項番37 一般名コード);
    /// - else 加算２: at least one drug of 区分 2 is written by 一般名.
    private func generic(_ g: Group, _ encounter: Claim.Encounter, _ y: MasterTable, _ date: ServiceDate, _ version: MedicationRules.Version,
                         items: inout [UnitItem], notes: inout [String], plan: inout PrescriptionPlan,
                         row: (String) -> UInt64?, passage: (String) -> String) {
        var eligible = 0, eligibleWritten = 0, stated = false
        var written = Set<String>()
        for o in g.orders {
            for item in encounter.orders[o].items {
                if item.genericName != nil { stated = true }
                guard let code = UInt64(item.code), let i = y.codeIndex(of: code), let v = y.version(ofCode: i, on: date) else { continue }
                let cls = y.string(v, DrugColumn.genericAddOnClass)
                guard cls == "1" || cls == "2" else { continue }
                let isWritten = item.genericName == true
                if cls == "2" { eligible += 1; if isWritten { eligibleWritten += 1 } }
                // 品目 by 一般的名称 (通知 F400 (12): 品目数については、一般的名称で計算する。ただし、投与経路が異なる場合は…別品目):
                // the 一般名コード's first 7 characters (薬効分類 and 投与経路・成分 of the 薬価基準コード), not its 剤形・規格.
                if isWritten { let n = y.string(v, DrugColumn.genericCode); written.insert(n.isEmpty ? item.code : String(n.prefix(7))) }
            }
        }
        // Drugs of 区分 1 only (「加算１」: 後発医薬品のみの医薬品 …) written by 一般名 earn 加算１ too when they are enough 品目.
        guard eligible > 0 || !written.isEmpty else { return }
        guard stated else {
            plan.notes.append("一般名処方加算 (F400 注6): whether the drugs were written by 一般名 is not stated (items[].generic_name); not derived")
            return
        }
        let role: String, why: String
        if eligibleWritten == eligible && written.count >= version.generic1MinItems {
            role = "F400.generic1"; why = "every 後発医薬品のある医薬品 (\(eligible)) written by 一般名, \(written.count) 品目 by 一般名"
        } else if eligibleWritten > 0 {
            role = "F400.generic2"; why = "\(eligibleWritten) of \(eligible) 後発医薬品のある医薬品 written by 一般名"
        } else { return }
        guard let c = row(role) else { return }
        items.append(UnitItem(kind: .procedure, code: c))
        notes.append("\(c): derived, \(why) (医薬品マスター 項番39 一般名処方加算対象区分; \(passage(role)))")
    }
}

/// 一般名コード (医薬品マスター 項番37) → the drugs that carry it, for the lowest 薬価 of a 一般名 on a date
/// (通知 F400 (12): 一般名処方の「種類」は該当する医薬品の薬価のうち最も低いもの). Built once per chain.
final class GenericPriceIndex: @unchecked Sendable {
    private var drugs: [String: [Int]] = [:]

    init(_ y: MasterTable) {
        for i in 0..<y.codeCount {
            var seen = Set<String>()
            for v in y.versions(ofCode: i) {
                let name = y.string(v, DrugColumn.genericCode)
                if !name.isEmpty, seen.insert(name).inserted { drugs[name, default: []].append(i) }
            }
        }
    }

    /// The lowest 薬価 (hundredths of a yen) of a drug in force on `date` whose row carries the 一般名コード.
    func lowestPrice(of name: String, in y: MasterTable, on date: ServiceDate) -> Int? {
        var lowest: Int? = nil
        for i in drugs[name] ?? [] {
            guard let v = y.version(ofCode: i, on: date), y.string(v, DrugColumn.genericCode) == name, let p = y.hundredths(v, DrugColumn.price) else { continue }
            lowest = min(lowest ?? p, p)
        }
        return lowest
    }
}
