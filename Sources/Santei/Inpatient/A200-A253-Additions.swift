// 第２部 第２節 入院基本料等加算 (A200–A253): which 加算 a day of the stay carries.
// Checked against ../shared/legal/R06 (告示 ika-kokuji.txt 第２節; 通知 第2部 通則8) and tensuhyo_01 §5(4)(5).

extension InpatientPricer {
    /// When a 加算 falls due, from its 05算定回数テーブル rows (算定単位, tensuhyo_01 付表1):
    /// 132 入院初日 → the 入院初日 (通知 第2部 通則8: the 起算日, not on a 再入院 whose 入院期間 is continued);
    /// 134 退院時 → the 退院日; 121 日 → every day, up to 133 入院中 N days of the 入院期間 when given
    /// (「入院した日から起算して14日を限度」). nil: the unit needs a fact the claim does not carry (週, 入院中１回 …).
    enum Due { case yes, no, unknown }

    /// `unit`: count the 入院中 N days from the 入院日 (a 特定入院料's own 加算: 「入室した日から起算して」).
    func due(_ code: UInt64, _ dm: Day, window: Bool, unit: Bool = false) -> Due {
        let d = dm.date, n = unit ? stay.unitDayNumber(d) : stay.dayNumber(d)
        guard let counts = dm.counts else { return .unknown }
        var units: [(unit: CountUnit, limit: Int)] = []
        for r in counts.rows(of: code) where counts.rows[r].dates.contains(d.yyyymmdd) { units.append((counts.rows[r].unit, counts.rows[r].limit)) }
        if units.isEmpty { return .unknown }
        if units.contains(where: { $0.unit == .admissionFirstDay }) { return stay.firstDay == d ? .yes : .no }
        if units.contains(where: { $0.unit == .atDischarge }) { return stay.discharge == d ? .yes : .no }
        if units.contains(where: { $0.unit == .day }) {
            if !window, let limit = units.first(where: { $0.unit == .duringAdmission })?.limit, limit > 0, n > limit { return .no }
            return .yes
        }
        return .unknown
    }

    /// The 入院基本料等加算 of a day not 外泊.
    ///
    /// Derived: a 加算 of the 入院基本料's 04 group (01補助 入院基本料識別 → 04入院基本料テーブル), of a 区分 whose
    /// 告示 sets no condition on the patient (Masters/params/inpatient/ward-additions.json), whose 施設基準 the
    /// facility holds on the day, in its period window when it has one (A200-2), due by its 05 算定単位. Among
    /// the 加算 of one 加算識別 (「同一グループ内で加算識別が同じものは併算定不可」, tensuhyo_01 §5(4)) exactly one
    /// must fit: when several do (the facility lists the 施設基準 of two grades) nothing is added and a note
    /// names them. Stated (`admission.additions`): any 加算 of the group whose 施設基準 the facility holds, on
    /// its stated days or, without days, on the days its 算定単位 gives; a stated 加算 replaces the derived one
    /// of its 加算識別. With a 特定入院料 a stated code may also be one of its own 注 加算 (the rows of its
    /// 区分番号 that are not 特定入院料 rows: A300 注3 救急体制充実加算, 注8 早期離床・リハビリテーション加算 …),
    /// which no 04 group lists; their 施設基準 and 05 算定単位 are checked the same way, their 「N日を限度」 counted
    /// from the 入院日.
    mutating func additions(_ dm: Day, base: Base) {
        let t = dm.table, d = dm.date, n = stay.dayNumber(d), P = ProcedureColumn.self
        let stated = admission.additions ?? []
        let holdsFacility = holds(on: d)
        guard !(claim.facility?.standards ?? []).isEmpty || !stated.isEmpty else { return }
        guard let aux = dm.auxiliary, let groups = dm.groups, dm.counts != nil else {
            // The 入院基本料 itself comes from the 医科診療行為マスター; without the 電子点数表 no 加算 can be
            // derived (a note), and a stated one cannot be checked against its group (an issue).
            if stated.isEmpty {
                note("tables:\(d.year)-\(d.month)", "\(d): no loaded 01補助マスターテーブル, 04入院基本料テーブル or 05算定回数テーブル covers the date: no 入院基本料等加算 derived")
            } else {
                issue("tables:\(d.year)-\(d.month)", "\(d): no loaded 01補助マスターテーブル, 04入院基本料テーブル or 05算定回数テーブル covers the date: the stated 入院基本料等加算 cannot be checked or scheduled")
            }
            return
        }
        guard let av = aux.version(of: base.code, on: d), aux.admissionGroup(av) != 0 else {
            note("no-group:\(base.code)", "\(base.code): the 01補助マスターテーブル gives no 入院基本料識別 (04 group): no 入院基本料等加算 derived")
            return
        }
        let group = aux.admissionGroup(av)
        var statedClasses = Set<Int>()
        // Stated 加算 first (the clerk's facts decide).
        for (k, s) in stated.enumerated() {
            guard let c = UInt64(s.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: d) else {
                issue("stated-valid:\(k):\(d)", "admission.additions[\(k)].code \(s.code) has no version valid on \(d)")
                continue
            }
            let own = base.specified && !Self.isSpecifiedAdmissionFee(t, v) && Self.section(t, v) == Self.section(t, base.version)
            if let cls = groups.addOnClass(c, group: group, on: d.yyyymmdd) {
                statedClasses.insert(cls)
            } else if !own {
                issue("stated-group:\(k)", "admission.additions[\(k)].code \(s.code) \(Self.name(t, v)) is not an 入院基本料等加算 of \(base.code) (04 group \(String(format3: group)))\(base.specified ? " nor a 加算 of its 区分 \(Self.section(t, base.version))" : "")")
                continue
            }
            let isDue: Bool
            if let days = s.days {
                isDue = days.contains { ClaimCheck.date($0) == d }
                if isDue, case .no = due(c, dm, window: rules.window(of: c, on: d) != nil, unit: own) {
                    note("stated-limit:\(k):\(d)", "admission.additions[\(k)] \(s.code) on \(d) (day \(n) of the 入院期間) is past its 算定単位 in the 05算定回数テーブル: not billed")
                    continue
                }
            } else {
                if let w = rules.window(of: c, on: d), !(n >= w.window.firstDay && n <= (w.window.lastDay ?? Int.max)) { continue }
                switch due(c, dm, window: rules.window(of: c, on: d) != nil, unit: own) {
                case .yes: isDue = true
                case .no: isDue = false
                case .unknown:
                    issue("stated-days:\(k)", "admission.additions[\(k)].code \(s.code) \(Self.name(t, v)): its 算定単位 (05算定回数テーブル) does not give the days; state them (admission.additions[\(k)].days)")
                    isDue = false
                }
            }
            guard isDue else { continue }
            guard FacilityStandard.requirementIsMet(columns: Self.standards(t, v), holds: holdsFacility) else {
                issue("stated-std:\(k)", "admission.additions[\(k)].code \(s.code) \(Self.name(t, v)): the facility does not hold its 施設基準 on \(d) (facility.standards)")
                continue
            }
            addAddition(t, v, c, d, column: t.integer(v, P.pointColumnInpatient),
                        why: "stated (admission.additions[\(k)])" + (own ? "; a 加算 of the 特定入院料 \(base.code) (\(Self.section(t, base.version)))" : ""))
        }
        // Derived from the facility's 施設基準.
        guard let ward = try? rules.wardAdditions.value(on: d).value else {
            issue("ward-additions:\(d)", "no Masters/params/inpatient/ward-additions.json entry covers \(d): no 入院基本料等加算 derived")
            return
        }
        var byClass: [Int: [(code: UInt64, version: Int)]] = [:]
        var classOrder: [Int] = []
        let wardFrom = (try? rules.wardAdditions.entry(on: d).from.yyyymmdd) ?? 0
        let key = CandidateKey(chain: dm.procedureChain, group: group, held: heldStandards(on: d).sorted(), ward: wardFrom)
        if candidateCache[key] == nil {
            // Once per claim: the group's 加算 of a ward-wide 区分 with a 施設基準 the facility holds, by version.
            var list: [Candidate] = []
            for row in groups.rows(group: group, on: d.yyyymmdd, all: true) {
                guard let ci = t.codeIndex(of: row.code) else { continue }
                var ok = Set<Int>()
                for v in t.versions(ofCode: ci) where ward.contains(Self.section(t, v)) {
                    let standards = Self.standards(t, v)
                    if standards.contains(where: { $0 != .none }) && FacilityStandard.requirementIsMet(columns: standards, holds: holdsFacility) { ok.insert(v) }
                }
                if !ok.isEmpty { list.append(Candidate(code: row.code, addOnClass: row.addOnClass, dates: row.dates, versions: ok)) }
            }
            candidateCache[key] = list
        }
        for row in candidateCache[key] ?? [] where row.dates.contains(d.yyyymmdd) && !statedClasses.contains(row.addOnClass) {
            guard let ci = t.codeIndex(of: row.code), let v = t.version(ofCode: ci, on: d), row.versions.contains(v) else { continue }
            let window = rules.window(of: row.code, on: d)
            if let w = window, !(n >= w.window.firstDay && n <= (w.window.lastDay ?? Int.max)) { continue }
            switch due(row.code, dm, window: window != nil) {
            case .yes: break
            case .no: continue
            case .unknown:
                note("derived-unit:\(row.code)", "\(row.code) \(Self.name(t, v)): the facility holds its 施設基準 but its 算定単位 (05算定回数テーブル) does not give the days: not derived; state it in admission.additions with its days")
                continue
            }
            if byClass[row.addOnClass] == nil { classOrder.append(row.addOnClass) }
            byClass[row.addOnClass, default: []].append((row.code, v))
        }
        for cls in classOrder {
            let fits = byClass[cls] ?? []
            if fits.count == 1 {
                addAddition(t, fits[0].version, fits[0].code, d, column: t.integer(fits[0].version, P.pointColumnInpatient),
                            why: "derived: the facility holds its 施設基準 (\(Self.standards(t, fits[0].version).filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: ", "))); 04 group \(String(format3: group)), 加算識別 \(cls)")
            } else {
                note("class-ambiguous:\(cls):\(fits.map(\.code))", "\(d): \(fits.map { "\($0.code) \(Self.name(t, $0.version))" }.joined(separator: ", ")) all fit (04 group \(String(format3: group)), 加算識別 \(cls): only one may be billed) — the facility holds the 施設基準 of each; none added: state the one that applies in admission.additions")
            }
        }
        if stay.firstDay == nil && stay.reckoning != stay.admitted && d == stay.admitted {
            note("continued-first-day", "入院日 \(stay.admitted) continues the 入院期間 from the 起算日 \(stay.reckoning): 入院初日 加算 are not billed (通知 第2部 通則8)")
        }
    }

    mutating func addAddition(_ t: MasterTable, _ v: Int, _ code: UInt64, _ d: ServiceDate, column: Int?, why: String) {
        let points = Rounding.halfUp(t.hundredths(v, ProcedureColumn.points) ?? 0, divisor: 100)
        add(LineKey(category: 90, codes: [code], amount: points, isYen: false), day: d, column: column,
            explanation: ["\(code) \(Self.name(t, v)): \(t.string(v, ProcedureColumn.points))点 (\(Self.section(t, v)); \(why))"])
    }
}

extension String {
    init(format3 v: Int) { let digits = "\(v)"; self = String(repeating: "0", count: Swift.max(0, 3 - digits.count)) + digits }
}
