// 第２部 第２節: the 注加算 of an 入院基本料等加算 (「…を更に所定点数に加算する」), e.g. A207-3 注2 夜間30対１
// 急性期看護補助体制加算, 注3 夜間看護体制加算, 注4 看護補助体制充実加算; A234 注2 医療安全対策地域連携加算;
// A234-2 注2–注5 指導強化・連携強化・サーベイランス強化・抗菌薬適正使用体制加算; A200-2 注2・注3.
// Checked against ../shared/legal/R06/ika-kokuji.txt 第２節 and ika-tsuuchi.txt (A207-3 (5)(6)(8), A234-2 (1)).
//
// No 04入院基本料テーブル group lists them: the 医科診療行為マスター links each to its 加算 by 注加算コード
// (項番38: the 加算 rows have 通番 0, their 注加算 another 通番, 項番39 — rows of one 通番 are alternatives,
// rows of different 通番 may be billed together). Where that link does not settle it (the grade of the 加算
// billed, one 注 only without another) Masters/params/inpatient/addition-add-ons.json says so, by date.

extension InpatientPricer {
    /// A 加算 billed on the day: the 加算 whose 注加算 may follow.
    /// `wardWide`: derived as a 加算 of a ward-wide 区分 (ward-additions.json), whose 注加算 are derived too.
    /// `basicFee`: the day's 入院基本料 itself, whose listed 注加算 (`of_basic_fee`) follow it.
    struct Billed { var code: UInt64; var version: Int; var derived: Bool; var wardWide: Bool; var basicFee = false }
    /// A stated 注加算 of a 加算 (`admission.additions[index]`).
    struct StatedAddOn { var index: Int; var code: UInt64; var version: Int; var days: [String]? }

    /// Whether a row is a 注加算 of another row (注加算コード set, 通番 not 0).
    static func isAddOnOfAddition(_ t: MasterTable, _ v: Int) -> Bool {
        (t.integer(v, ProcedureColumn.addOnCode) ?? 0) != 0 && !t.field(v, ProcedureColumn.addOnSerial, is: "0")
    }

    /// The 注加算コード of the rows `of_basic_fee` lists, valid on the day (once per chain and rules version): a
    /// 入院基本料 of another family has none of its own to look at.
    mutating func basicFeeFamilies(_ dm: Day, _ rules: [UInt64: InpatientRules.AdditionAddOn]) -> Set<Int> {
        let from = self.rules.additionAddOns.inForce(on: dm.date)?.from.dayNumber ?? 0
        let key = dm.procedureChain &* 1_000_003 &+ from
        if let f = basicFamilyCache[key] { return f }
        var families = Set<Int>()
        for (c, rule) in rules where rule.ofBasicFee {
            guard let i = dm.table.codeIndex(of: c) else { continue }
            for v in dm.table.versions(ofCode: i) { if let f = dm.table.integer(v, ProcedureColumn.addOnCode), f != 0 { families.insert(f) } }
        }
        basicFamilyCache[key] = families
        return families
    }

    /// The rows `also_bases` links to each 加算 (once per rules version): the day's loop looks up its 加算, not
    /// every rule.
    mutating func alsoBased(_ d: ServiceDate, _ rules: [UInt64: InpatientRules.AdditionAddOn]) -> [UInt64: [UInt64]] {
        let from = self.rules.additionAddOns.inForce(on: d)?.from.dayNumber ?? 0
        if let m = self.rules.alsoBasesIndex[from] { return m }
        if let m = alsoBasesCache[from] { return m }
        var m: [UInt64: [UInt64]] = [:]
        for (c, rule) in rules.sorted(by: { $0.key < $1.key }) { for b in rule.alsoBases { m[b, default: []].append(c) } }
        alsoBasesCache[from] = m
        return m
    }

    /// The 注加算 of the day's 加算.
    ///
    /// Derived for the 入院基本料 or 特定入院料 itself (the day's base, `of_basic_fee`: A108 注4–注6, 注10, 注11;
    /// A304 注2・注5–注9; A308-3 注3–注5・注8; A300 注3・注4; A301 注2・注6; A307 注2・注4・注9・注10; A106 注9・注10 …):
    /// the listed rows linked to it whose 施設基準 the facility holds on the day, within `from_day`…`to_day`, under
    /// `below_age`; a rule with `requires` only on a day one of those is billed (A304 注6–注8 「看護補助体制加算を
    /// 算定する患者に限る」).
    ///
    /// Derived by age (addition-add-ons.json `by_age`: A205 注2・注3, A226-2 注3, A246 注6), for any 加算 billed on
    /// the day, stated or derived: the row whose 下限年齢・上限年齢 hold the patient's legal age on the day.
    ///
    /// Derived, for a 加算 of a ward-wide 区分 (`Billed.wardWide`, ward-additions.json) billed on the day: each row sharing
    /// its 注加算コード with a 通番 other than 0 (or linked by `also_bases`), not itself in the 04 group, whose
    /// 施設基準 (at least one) the facility holds on the day, within its own 05算定回数テーブル 入院中 limit (A207-3
    /// 注2: 14日を限度, 通知 A207-3 (5)); a 加算 billed only on the 入院初日 carries its 入院初日 注加算 that day.
    /// Exactly one row of a 通番 must fit — or exactly one whose every listed 施設基準 the facility holds —:
    /// several → nothing added, a note names them. A 注加算 of a 加算 that
    /// depends on the patient (A246 入退院支援加算 注4 入院時支援加算 …) is billed only when stated.
    ///
    /// Stated (`admission.additions` with such a code): billed on its days (or, without days, on each day its
    /// 加算 is billed) when its 加算 is billed that day and the facility holds its 施設基準; it replaces the
    /// derived row of its 通番 that day.
    mutating func addOns(_ dm: Day, group groups: AdmissionGroupIndex, groupNumber group: Int, billed: [Billed], stated: [StatedAddOn]) {
        let t = dm.table, d = dm.date, P = ProcedureColumn.self
        let rules = self.rules.additionAddOns(on: d)
        // Most days: no 加算 billed heads a 注加算 family and none is named by a rule — nothing to look at.
        let basicFamilies = basicFeeFamilies(dm, rules)
        let also = alsoBased(d, rules)
        guard !stated.isEmpty || billed.contains(where: { b in
            if b.basicFee { return basicFamilies.contains(t.integer(b.version, P.addOnCode) ?? 0) }
            return (t.integer(b.version, P.addOnCode) ?? 0) != 0 || also[b.code] != nil
        }) else { return }
        let holdsFacility = holds(on: d)
        /// (注加算コード, 通番) of a row, as one key; a row the master does not link (linked by `also_bases` only)
        /// is its own alternative.
        func key(_ v: Int) -> Int {
            guard Self.isAddOnOfAddition(t, v) else { return -(t.integer(v, P.code) ?? 0) }
            return FacilityAddOnRules.key(t.integer(v, P.addOnCode) ?? 0, t.bytes(v, P.addOnSerial))
        }
        func code(_ v: Int) -> UInt64 { UInt64(t.integer(v, P.code) ?? 0) }
        /// Whether the 加算 `b` carries the 注加算 row `v` (by the master's link or `also_bases`), with the
        /// rule's `bases` narrowing it.
        func carries(_ b: Billed, _ v: Int, _ c: UInt64) -> Bool {
            let rule = rules[c]
            if let bases = rule?.bases, !bases.contains(b.code) { return false }
            if rule?.alsoBases.contains(b.code) == true { return true }
            return t.field(b.version, P.addOnSerial, is: "0") && (t.integer(b.version, P.addOnCode) ?? 0) != 0
                && t.integer(b.version, P.addOnCode) == t.integer(v, P.addOnCode)
        }
        /// Within the row's own 05 入院中 limit (counted from the 起算日 as its 加算's).
        func withinLimit(_ c: UInt64) -> Bool {
            guard let counts = dm.counts else { return true }
            for r in counts.rows(of: c) where counts.rows[r].dates.contains(d.yyyymmdd) && counts.rows[r].unit == .duringAdmission {
                if counts.rows[r].limit > 0 && stay.dayNumber(d) > counts.rows[r].limit { return false }
            }
            return true
        }
        var added = Set(billed.map(\.code))
        var statedKeys = Set<Int>()
        /// Why the 05 rows of a stated 注加算 do not allow it on the day, nil when they do: 入院初日 (132), 退院時 (134),
        /// and 1日につき with 入院中 N — the first N days counted from the 起算日 as its 加算's (as `due` reads them; a row
        /// of 入院中 N alone counts times, which its 加算 on the day decides).
        func addOnUnitFault(_ c: UInt64, _ dm: Day) -> String? {
            guard let counts = dm.counts else { return nil }
            var perDay = false, limit: Int?
            for r in counts.rows(of: c) where counts.rows[r].dates.contains(d.yyyymmdd) {
                let row = counts.rows[r]
                switch row.unit {
                case .admissionFirstDay where stay.firstDay != d: return "its 算定単位 is 入院初日" + (stay.firstDay.map { " (\($0))" } ?? " (not in this claim)")
                case .atDischarge where stay.discharge != d: return "its 算定単位 is 退院時"
                case .day: perDay = true
                case .duringAdmission: if limit == nil, row.limit > 0 { limit = row.limit }
                default: continue
                }
            }
            // A row with a day window of its own (addition-add-ons.json from_day/to_day: A108 注12 15日以降30日まで) counts
            // its 入院中 days inside the window, checked above.
            if perDay, let limit, rules[c]?.fromDay == nil, rules[c]?.toDay == nil, stay.dayNumber(d) > limit {
                return "1日につき, \(limit) days a stay at most (入院中 \(limit))"
            }
            return nil
        }

        // Stated first (the clerk's facts decide).
        for s in stated {
            let v = s.version
            if let days = s.days, !days.contains(where: { ClaimCheck.date($0) == d }) { continue }
            // A rule's day window holds for a stated row too (A108 注12 介護障害連携加算: 入院日から起算して15日以降30日まで).
            if let r = rules[s.code], r.fromDay != nil || r.toDay != nil, case let n = stay.dayNumber(d), n < (r.fromDay ?? 1) || n > (r.toDay ?? Int.max) {
                if s.days != nil {
                    let first: Int = r.fromDay ?? 1, last: String = r.toDay.map { String($0) } ?? ""
                    let what: String = "admission.additions[\(s.index)] \(s.code) \(Self.name(t, v)) on \(d) (day \(n) of the 入院期間)"
                    note("stated-addon-window:\(s.index):\(d)", what + ": outside days \(first)–\(last) of its 注 (addition-add-ons.json): not billed")
                }
                continue
            }
            guard let b = billed.first(where: { carries($0, v, s.code) }) else {
                if s.days != nil {
                    issue("stated-addon-base:\(s.index):\(d)", "admission.additions[\(s.index)] \(s.code) \(Self.name(t, v)) on \(d): a 注加算 (注加算コード \(t.string(v, P.addOnCode)) 通番 \(t.string(v, P.addOnSerial))) whose 加算 is not billed that day: not billed")
                } else if d == stay.days.first {
                    // 「更に所定点数に加算」: without its 加算 (A214 注2 without A214 …) a 注加算 is not billed — said of the
                    // claim's first day in hospital (later days end its 加算's own window: A205 「７日を限度」).
                    note("stated-addon-base:\(s.index)", "admission.additions[\(s.index)] \(s.code) \(Self.name(t, v)): a 注加算 (注加算コード \(t.string(v, P.addOnCode)) 通番 \(t.string(v, P.addOnSerial))) is billed only on the days its 加算 is billed (not on \(d), the first day of the claim)")
                }
                continue
            }
            // The row's 下限年齢・上限年齢 (A205 注2 乳幼児加算 「６歳未満である場合」: 上限年齢 06): a stated 注加算 the patient's
            // age does not fit is not billed (R06rec1 項番 年齢条件; ika-kokuji.txt A205 注2).
            if let age = patientAge, Self.hasAgeLimit(t, v), age.satisfies(lower: t.bytes(v, P.minimumAge), upper: t.bytes(v, P.maximumAge), on: d) != true {
                note("stated-addon-age:\(s.index)", "admission.additions[\(s.index)] \(s.code) \(Self.name(t, v)): the patient (born \(age.birth), \(age.years(on: d)) on \(d)) is not within its 下限年齢・上限年齢 (\(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge))): not billed")
                continue
            }
            // Its own 05 算定単位 (A214 注2 「入院した日から起算して20日を限度」: 20回/入院中; 注3 「入院初日に限り」: 入院初日),
            // on stated days and, without days, to schedule it.
            if let why = addOnUnitFault(s.code, dm) {
                if s.days != nil {
                    note("stated-addon-limit:\(s.index):\(d)", "admission.additions[\(s.index)] \(s.code) \(Self.name(t, v)) on \(d) (day \(stay.dayNumber(d)) of the 入院期間): \(why) (05算定回数テーブル): not billed")
                }
                continue
            }
            let heldWith = rules[s.code]?.heldWith.contains { c in
                guard let i = t.codeIndex(of: c), let w = t.version(ofCode: i, on: d) else { return false }
                return FacilityStandard.requirementIsMet(columns: Self.standards(t, w), holds: holdsFacility)
            } ?? false
            guard heldWith || FacilityStandard.requirementIsMet(columns: Self.standards(t, v), holds: holdsFacility) else {
                issue("stated-std:\(s.index)", "admission.additions[\(s.index)].code \(s.code) \(Self.name(t, v)): the facility does not hold its 施設基準 on \(d) (facility.standards)")
                continue
            }
            statedKeys.insert(key(v))
            addAddition(t, v, s.code, d, column: t.integer(v, P.pointColumnInpatient),
                        why: "stated (admission.additions[\(s.index)]); 注加算 of \(b.code) \(Self.name(t, b.version)) (注加算コード \(t.string(v, P.addOnCode)) 通番 \(t.string(v, P.addOnSerial)))")
            added.insert(s.code)
        }

        // Derived: the candidates of each derived ward-wide 加算, grouped by (注加算コード, 通番) in master order.
        var byKey: [Int: [(code: UInt64, version: Int, base: Billed)]] = [:]
        var keyOrder: [Int] = []
        let index = masters.addOnIndex(chain: dm.procedureChain)
        for b in billed {
            // A 加算 the clerk stated (or one of a 区分 that depends on the patient) carries only its age-decided 注加算.
            let byFacility = b.derived && b.wardWide
            var rows: [Int] = []   // versions of candidate rows
            if b.basicFee {
                // A 入院基本料 whose 注加算 family no rule lists (A100 …) has nothing to look at.
                guard basicFamilies.contains(t.integer(b.version, P.addOnCode) ?? 0) else { continue }
                // The 入院基本料 or 特定入院料: only the rows addition-add-ons.json lists (the master links 入院期間加算,
                // 減算 and 加算 that depend on the patient too). Its days count from the 起算日 (入院基本料) or from the
                // 入院日 of the unit (特定入院料, 通知 第3節 1); a row of a 通番 the clerk stated (an own 加算 of a
                // 特定入院料, billed above) leaves that 通番 to the stated row.
                let n = Self.isSpecifiedAdmissionFee(t, b.version) ? stay.unitDayNumber(d) : stay.dayNumber(d)
                let ownStated = Set(billed.filter { !$0.basicFee && !$0.derived && Self.isAddOnOfAddition(t, $0.version) }.map { key($0.version) })
                for (c, rule) in rules where rule.ofBasicFee && n >= (rule.fromDay ?? 1) && n <= (rule.toDay ?? Int.max) {
                    guard let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d), carries(b, v, c), !added.contains(c), !statedKeys.contains(key(v)),
                          !ownStated.contains(key(v)),
                          FacilityStandard.requirementIsMet(columns: Self.standards(t, v), holds: holdsFacility) else { continue }
                    if let below = rule.belowAge {
                        guard let age = patientAge, age.years(on: d) < below else { continue }
                    }
                    let k = key(v)
                    if byKey[k] == nil { keyOrder.append(k) }
                    byKey[k, default: []].append((c, v, b))
                }
                continue
            }
            if let c = t.integer(b.version, P.addOnCode), c != 0, t.field(b.version, P.addOnSerial, is: "0") {
                for i in index.family(c) { if let v = t.version(ofCode: i, on: d) { rows.append(v) } }
            }
            for c in also[b.code] ?? [] {
                if let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d) { rows.append(v) }
            }
            for v in rows {
                let c = code(v)
                guard Self.isAddOnOfAddition(t, v) || rules[c]?.alsoBases.contains(b.code) == true, carries(b, v, c), !added.contains(c), !statedKeys.contains(key(v)),
                      groups.addOnClass(c, group: group, on: d.yyyymmdd) == nil, withinLimit(c) else { continue }
                if rules[c]?.byAge == true {
                    // A205 注2・注3 …: the legal age on the day within the row's 下限年齢 (inclusive) and 上限年齢 (上限値＋１).
                    guard let age = patientAge, age.satisfies(lower: t.bytes(v, P.minimumAge), upper: t.bytes(v, P.maximumAge), on: d) == true,
                          FacilityStandard.requirementIsMet(columns: Self.standards(t, v), holds: holdsFacility) else { continue }
                } else {
                    guard byFacility, Self.standards(t, v).contains(where: { $0 != .none }),
                          FacilityStandard.requirementIsMet(columns: Self.standards(t, v), holds: holdsFacility) else { continue }
                }
                let k = key(v)
                if byKey[k] == nil { keyOrder.append(k) }
                if !(byKey[k]?.contains(where: { $0.code == c }) ?? false) { byKey[k, default: []].append((c, v, b)) }
            }
        }
        // Unconditional rows first, then those whose rule looks at the others billed on the day.
        for pass in 0..<2 {
            for k in keyOrder {
                var fits = (byKey[k] ?? []).filter { f in
                    let rule = rules[f.code]
                    guard (rule?.conditional ?? false) == (pass == 1) else { return false }
                    guard let rule, pass == 1 else { return true }
                    return (rule.requires.isEmpty || !rule.requires.isDisjoint(with: added)) && rule.unless.isDisjoint(with: added)
                }
                if fits.isEmpty { continue }
                // Several rows of one 通番: a row a rule prefers over others (`prefer_over`: the 看護補助体制充実加算
                // over the 看護補助加算 it excludes, A308-3 注4, A106 注9, A307 注9) when the facility holds both;
                if fits.count > 1 {
                    let preferred = fits.filter { f in !fits.contains { g in rules[g.code]?.preferOver.contains(f.code) == true } }
                    if !preferred.isEmpty && preferred.count < fits.count { fits = preferred }
                }
                // then the one whose every listed 施設基準 the facility holds wins over one met by only some of its
                // list (A207-3 注4: 充実加算２ lists 3834 and 4053, 充実加算１ 4053 alone — a ward that notified
                // 充実加算１ bills １, and ２ only on the 身体的拘束 days it states).
                if fits.count > 1 {
                    let full = fits.filter { f in Self.standards(t, f.version).allSatisfy { $0 == .none || holdsFacility($0) } }
                    if full.count == 1 { fits = full }
                }
                if fits.count > 1 {
                    note("addon-ambiguous:\(fits.map(\.code))", "\(d): \(fits.map { "\($0.code) \(Self.name(t, $0.version))" }.joined(separator: ", ")) all fit as the 注加算 of \(fits[0].base.code) \(Self.name(t, fits[0].base.version)) (注加算コード \(t.string(fits[0].version, P.addOnCode)) 通番 \(t.string(fits[0].version, P.addOnSerial)): only one may be billed) — the facility holds the 施設基準 of each; none added: state the one that applies in admission.additions")
                    continue
                }
                let f = fits[0], v = f.version, rule = rules[f.code]
                let age = patientAge
                addAddition(t, v, f.code, d, column: t.integer(v, P.pointColumnInpatient),
                            why: "derived: 注加算 of \(f.base.code) \(Self.name(t, f.base.version)) (注加算コード \(t.string(v, P.addOnCode)) 通番 \(t.string(v, P.addOnSerial))); "
                                + (rule?.byAge == true ? "the patient's age on the day (\(age.map { "\($0.years(on: d))" } ?? "?"); 下限年齢・上限年齢 \(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge)))" : "the facility holds its 施設基準 (\(Self.standards(t, v).filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: ", ")))")
                                + (rule.map { "; \($0.passage)" } ?? ""))
                added.insert(f.code)
                if let n = rule?.note { note("addon-note:\(f.code)", "\(f.code) \(Self.name(t, v)): \(n)") }
            }
        }
    }
}
