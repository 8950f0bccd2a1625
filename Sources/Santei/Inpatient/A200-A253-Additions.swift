// 第２部 第２節 入院基本料等加算 (A200–A253): which 加算 a day of the stay carries.
// Checked against ../shared/legal/R06 (告示 ika-kokuji.txt 第２節; 通知 第2部 通則8) and tensuhyo_01 §5(4)(5).

extension InpatientPricer {
    /// When a 加算 falls due, from its 05算定回数テーブル rows (算定単位, tensuhyo_01 付表1):
    /// 132 入院初日 → the 入院初日 (通知 第2部 通則8: the 起算日, not on a 再入院 whose 入院期間 is continued);
    /// 134 退院時 → the 退院日; 121 日 → every day, up to 133 入院中 N days of the 入院期間 when given
    /// (「入院した日から起算して14日を限度」). nil: the unit needs a fact the claim does not carry (週, 入院中１回 …).
    /// `weekly(N)`: due, by its 週 N unit (the first N days in hospital of the week).
    enum Due { case yes, no, unknown, weekly(Int) }

    /// `unit`: count the 入院中 N days from the 入院日 (a 特定入院料's own 加算: 「入室した日から起算して」).
    /// A recurring 加算 (ward-additions.json `recurring`: A245 データ提出加算３・４) is due on days 91, 181 … of the
    /// 入院期間 counted from the 起算日 (通知 A245(2)), in a ward of the 区分 it lists only.
    ///
    /// 138 週 (A244 病棟薬剤業務実施加算１ 「週１回に限り」, A233-2 栄養サポートチーム加算): with `weekly` (a 加算
    /// derived from the facility's 施設基準) due on the first N days in hospital, not 外泊, of each week — 日曜日
    /// to 土曜日 (通知 第1章 通則: 「週」は日曜日から土曜日までの1週間) —; otherwise unknown (the days are the
    /// clerk's to state).
    ///
    /// 133 入院中 N alone (A236 褥瘡ハイリスク患者ケア加算 「入院中１回に限り」): with `once` (a 加算 the clerk states
    /// without its days) due on the first N days in hospital, not 外泊, of the claim.
    func due(_ code: UInt64, _ dm: Day, base: Base, window: Bool, unit: Bool = false, weekly: Bool = false, once: Bool = false) -> Due {
        let d = dm.date, n = unit ? stay.unitDayNumber(d) : stay.dayNumber(d)
        // A 「…日を限度」 the 05 table does not state on the day (ward-additions.json `limits`: A244 注1 ８週間, A101 注6 14日,
        // A108 注3 21日 — the 05 row 入院中 21 of 190242310 starts only 2025-05-01).
        if let last = rules.lastDay(of: code, ward: Self.section(dm.table, base.version), on: d), stay.dayNumber(d) > last { return .no }
        if let r = rules.recurring(of: code, on: d) {
            // 入院初日 is the 起算日 (通知 第2部 通則8: 入院期間が通算される再入院の初日は算定できない): a 再入院 whose 入院期間
            // continues counts on (通知 A234-2 (1): 感染対策向上加算３については通算した入院期間から算出し算定する).
            if r.admissionDay && stay.firstDay == d { return .yes }
            return r.isDue(day: stay.dayNumber(d)) && (r.wards?.contains(Self.section(dm.table, base.version)) ?? true) ? .yes : .no
        }
        guard let counts = dm.counts else { return .unknown }
        // The 05 rows of the code on the date (no array: this runs for every candidate 加算 of every day).
        var any = false, firstDay = false, discharge = false, perDay = false, limit: Int?, week: Int?
        for r in counts.rows(of: code) where counts.rows[r].dates.contains(d.yyyymmdd) {
            any = true
            switch counts.rows[r].unit {
            case .admissionFirstDay: firstDay = true
            case .atDischarge: discharge = true
            case .day: perDay = true
            case .duringAdmission: if limit == nil { limit = counts.rows[r].limit }
            case .week: if week == nil { week = counts.rows[r].limit }
            default: break
            }
        }
        if !any { return .unknown }
        if firstDay { return stay.firstDay == d ? .yes : .no }
        if discharge { return stay.discharge == d ? .yes : .no }
        if perDay {
            // 「１入院に限りN日を限度」 (ward-additions.json `counted`: A236-2, A237): N days billed in the 入院, whichever they are.
            if let limit, limit > 0, rules.countsBilledDays(code, on: d) { return billedDays(of: code) < limit ? .yes : .no }
            if !window, let limit, limit > 0, n > limit { return .no }
            return .yes
        }
        if weekly, let week, week > 0 {
            return weekOrdinal(d) < week ? .weekly(week) : .no
        }
        if once, week == nil, let limit, limit > 0 {
            let before = stay.days.reduce(0) { $0 + ($1 < d && stay.leave[$1] == nil ? 1 : 0) }
            return before < limit ? .yes : .no
        }
        return .unknown
    }

    /// The days of the claim a 加算 is billed on so far (its 入院料 lines, 診療識別 90).
    func billedDays(of code: UInt64) -> Int {
        var n = 0
        for (key, i) in lines where key.category == 90 && key.codes.count == 1 && key.codes[0] == code { n += ordered[i].days.count }
        return n
    }

    /// Whether the 05算定回数テーブル gives the code only 入院中 units on the day (no 日, 入院初日, 退院時, 週).
    func onlyDuringAdmission(_ code: UInt64, _ dm: Day) -> Bool {
        guard let counts = dm.counts else { return false }
        let rows = counts.rows(of: code).filter { counts.rows[$0].dates.contains(dm.date.yyyymmdd) }
        return !rows.isEmpty && rows.allSatisfy { counts.rows[$0].unit == .duringAdmission }
    }

    /// Whether the 05算定回数テーブル gives the code a 退院時 unit (134) on the day (A246 入退院支援加算 「退院時１回」).
    func atDischarge(_ code: UInt64, _ dm: Day) -> Bool {
        guard let counts = dm.counts else { return false }
        return counts.rows(of: code).contains { counts.rows[$0].dates.contains(dm.date.yyyymmdd) && counts.rows[$0].unit == .atDischarge }
    }

    /// The 05算定回数テーブル 入院中 limit of a code whose only units on the day are 入院中 (133), if any.
    func admissionLimit(_ code: UInt64, _ dm: Day) -> Int? {
        guard onlyDuringAdmission(code, dm), let counts = dm.counts else { return nil }
        for r in counts.rows(of: code) where counts.rows[r].dates.contains(dm.date.yyyymmdd) && counts.rows[r].limit > 0 { return counts.rows[r].limit }
        return nil
    }

    /// The first day (日曜日) of a date's week.
    static func weekStart(_ d: ServiceDate) -> Int { d.dayNumber - d.weekday }   // the Sunday of its week

    /// How many days in hospital, not 外泊, come before `d` in its week (日曜日–土曜日). Days of the week before
    /// the claim's month, from the 入院日 on, count as in hospital: a week across the month's start was billed
    /// on its first day in the earlier month's receipt.
    func weekOrdinal(_ d: ServiceDate) -> Int {
        let start = Self.weekStart(d)
        var n = 0
        if let first = stay.days.first {
            let from = max(start, stay.admitted.dayNumber)
            if first.dayNumber > from { n += first.dayNumber - from }
        }
        return stay.days.reduce(n) { $0 + ($1.dayNumber >= start && $1 < d && stay.leave[$1] == nil ? 1 : 0) }
    }

    /// The 05算定回数テーブル 週 limit of a code on the day (138 週), if any.
    func weekLimit(_ code: UInt64, _ dm: Day) -> Int? {
        guard let counts = dm.counts else { return nil }
        for r in counts.rows(of: code) where counts.rows[r].dates.contains(dm.date.yyyymmdd) && counts.rows[r].unit == .week && counts.rows[r].limit > 0 {
            return counts.rows[r].limit
        }
        return nil
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
    /// from the 入院日. The 注加算 of the 加算 billed on the day follow (`addOns`, A200-A253-AdditionAddOns.swift).
    mutating func additions(_ dm: Day, base: Base) {
        let t = dm.table, d = dm.date, n = stay.dayNumber(d), P = ProcedureColumn.self
        let stated = admission.additions ?? []
        let holdsFacility = holds(on: d)
        // Without 施設基準 or stated 加算 only an age-decided 加算 (A208) can be due: once the first day found
        // none can fit the patient's age in this stay (`ageFitsStay` false), the other days stop here.
        let facts = !(claim.facility?.standards ?? []).isEmpty || !stated.isEmpty
        guard facts || (patientAge != nil && ageFitsStay != false) else { return }
        guard let aux = dm.auxiliary, let groups = dm.groups, dm.counts != nil else {
            // The 入院基本料 itself comes from the 医科診療行為マスター; without the 電子点数表 no 加算 can be
            // derived (a note), and a stated one cannot be checked against its group (an issue).
            if !facts { return }
            if stated.isEmpty {
                note("tables:\(d.year)-\(d.month)", "\(d): no loaded 01補助マスターテーブル, 04入院基本料テーブル or 05算定回数テーブル covers the date: no 入院基本料等加算 derived")
            } else {
                issue("tables:\(d.year)-\(d.month)", "\(d): no loaded 01補助マスターテーブル, 04入院基本料テーブル or 05算定回数テーブル covers the date: the stated 入院基本料等加算 cannot be checked or scheduled")
            }
            return
        }
        // A day before the loaded edition of the 電子点数表 (an R04 day read through the R06 edition's rows dated on or before it:
        // MasterKind.readsBackByRowDates).
        if !backReadNoted, let from = masters.coverage(of: .inpatientBasic).map(\.lowerBound).min(), d < from {
            backReadNoted = true
            note("tables-read-back", "\(d): the 01補助・04入院基本料・05算定回数 tables loaded are the edition from \(from), read back to this day through their rows dated on or before it: a 加算 row that ended before \(from) (a code of the earlier revision) is not in them — state it, and check it by hand")
        }
        guard let av = aux.version(of: base.code, on: d), aux.admissionGroup(av) != 0 else {
            if !facts { return }
            note("no-group:\(base.code)", "\(base.code): the 01補助マスターテーブル gives no 入院基本料識別 (04 group): no 入院基本料等加算 derived")
            return
        }
        let group = aux.admissionGroup(av)
        var statedClasses = Set<Int>()
        // The 加算 billed on the day (their 注加算 follow) and the stated 注加算 of a 加算 (no 04 group lists them).
        var billed: [Billed] = []
        var statedAddOns: [StatedAddOn] = []
        // The 入院基本料 or 特定入院料 heads the 注加算 of its own (A108 注4–注6, A304 注2・注5 …): listed in
        // addition-add-ons.json.
        billed.append(Billed(code: base.code, version: base.version, derived: true, wardWide: false, basicFee: true))
        // Two stated 加算 of one 加算識別 in the group (tensuhyo_01 §5(4) 「同一グループ内で加算識別が同じものは併算定不可」:
        // A221 １ 個室 and ２ ２人部屋) on the day: the one of most points is kept (the first stated of equal points), as the
        // audit's SA-B002 keeps it; a stated 加算 whose days leave out the day takes no part.
        var classWinner: [Int: (index: Int, points: Int)] = [:]
        var contenders = Set<Int>()   // the stated rows due on the day that took part (only they can lose: review 275 DR-5)
        if stated.count > 1 {
            for (k, s) in stated.enumerated() where s.days?.contains(where: { ClaimCheck.date($0) == d }) ?? true {
                guard let c = UInt64(s.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: d),
                      let cls = groups.addOnClass(c, group: group, on: d.yyyymmdd) else { continue }
                // A row of a period family outside its window on the day is not due there (A247 認知症ケア加算 イ 14日以内 stated
                // without days leaves days 15 on to the ロ row: review 275 DR-1).
                if let w = rules.window(of: c, on: d), !w.window.holds(n, reckoning: stay.reckoning) { continue }
                let points = t.hundredths(v, P.points) ?? 0
                contenders.insert(k)
                if let w = classWinner[cls], w.points >= points { continue }
                classWinner[cls] = (k, points)
            }
        }
        // Stated 加算 first (the clerk's facts decide). A 加算 not billed on a day another is billed (ward-additions.json
        // `not_with` same_day: A236-2 beside A237, A237 注3) comes after the others of the day.
        let sameDayRules = stated.isEmpty ? [:] : rules.notWithSameDay.inForce(on: d)?.value ?? [:]
        var order = Array(stated.indices)
        if !sameDayRules.isEmpty, stated.count > 1 {
            func loses(_ k: Int) -> Bool {
                guard let c = UInt64(stated[k].code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: d) else { return false }
                return sameDayRules[Self.section(t, v)] != nil
            }
            order = order.filter { !loses($0) } + order.filter(loses)
        }
        for k in order {
            let s = stated[k]
            guard let c = UInt64(s.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: d) else {
                issue("stated-valid:\(k):\(d)", "admission.additions[\(k)].code \(s.code) has no version valid on \(d)")
                continue
            }
            // A 入院期間加算 of the ward's 入院基本料 (A100 注3, A104 注3 …: its 注加算コード, 入院基本料等減算対象識別 2, a
            // row of admission-periods.json) is derived with the 入院基本料 on each day: stated, it is not billed twice.
            if base.addOnCode != 0, t.integer(v, P.addOnCode) == base.addOnCode,
               t.integer(v, P.admissionFeeReduction) == AdmissionFeeReductionClass.reducibleAdmissionPeriodAddOn.rawValue, rules.window(of: c, on: d) != nil {
                note("stated-period:\(k)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)): an 入院期間加算 of the ward's 入院基本料 \(base.code), derived with it on each day by the day's count from the 起算日 (admission-periods.json): not billed again")
                continue
            }
            let own = base.specified && !Self.isSpecifiedAdmissionFee(t, v) && Self.section(t, v) == Self.section(t, base.version)
            // A 注加算 of the ward's 入院基本料 itself that depends on the patient (A101 注6 急性期患者支援療養病床初期加算, A108
            // 注3 有床診療所在宅患者支援病床初期加算: 「入院した日から起算して14日（21日）を限度」): a row of the same 区分 that is
            // no 入院料 row (実日数 of an 入院料); the 04 group does not list it (review 137: refused as "not an 入院基本料等加算").
            let ofBasicFee = !base.specified && Self.section(t, v) == Self.section(t, base.version)
                && t.integer(v, P.actualDays) != ActualDaysClass.admissionFee.rawValue
            // A stated age-decided 加算 (A208) is checked against the patient's age on the day: one that does not
            // fit is not billed and leaves its 加算識別 to the row the age gives (a child turning 3 mid-stay).
            // Any other stated 加算 with a 下限年齢・上限年齢 likewise (A212 １ イ ６歳未満の場合 800点 / ロ ６歳以上の場合 400点, １日につき:
            // review 301 ER-1 billed the イ past the 6th birthday) — its other row is the clerk's to state.
            // (A 注加算 of a 加算 is checked with its 加算: A200-A253-AdditionAddOns.)
            let derived = rules.ageSections(on: d).contains(Self.section(t, v))
            if let age = patientAge, derived || !Self.isAddOnOfAddition(t, v), Self.hasAgeLimit(t, v),
               age.satisfies(lower: t.bytes(v, P.minimumAge), upper: t.bytes(v, P.maximumAge), on: d) != true {
                note("stated-age:\(k):\(d)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d): the patient (born \(age.birth), \(age.years(on: d)) on that day) is not within its 下限年齢・上限年齢 (\(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge))): not billed; "
                     + (derived ? "the row the age gives is derived" : "state the row of \(Self.section(t, v)) for the patient's age on that day"))
                continue
            }
            // A rule's day window (addition-add-ons.json from_day/to_day) holds for a stated row (A108 注12 介護障害連携加算:
            // 入院日から起算して15日以降30日までの期間に限り).
            if let r = rules.additionAddOns(on: d)[c], r.fromDay != nil || r.toDay != nil, n < (r.fromDay ?? 1) || n > (r.toDay ?? Int.max) {
                if s.days?.contains(where: { ClaimCheck.date($0) == d }) == true {
                    let first: Int = r.fromDay ?? 1, last: String = r.toDay.map { String($0) } ?? ""
                    let what: String = "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d) (day \(n) of the 入院期間)"
                    note("stated-window:\(k):\(d)", what + ": outside days \(first)–\(last) of its 注 (addition-add-ons.json): not billed")
                }
                continue
            }
            if let cls = groups.addOnClass(c, group: group, on: d.yyyymmdd) {
                // A row whose days leave out the day is not billed there whatever the class (`isDue` below), and says nothing of a
                // conflict: 個室 on 7/1–7/2 and ２人部屋 on 7/3–7/5 never meet (review 275 DR-5: two false SA-B002 errors).
                if let w = classWinner[cls], w.index != k, contenders.contains(k) {
                    note("stated-class:\(k)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) from \(d): the same 加算識別 \(cls) of 04 group \(String(format3: group)) as admission.additions[\(w.index)] \(stated[w.index].code), which is kept (more points; 併算定不可, tensuhyo_01 §5(4)): not billed on the days both are due")
                    continue
                }
                statedClasses.insert(cls)
            } else if !own, Self.isAddOnOfAddition(t, v) || rules.additionAddOns(on: d)[c] != nil {
                statedAddOns.append(StatedAddOn(index: k, code: c, version: v, days: s.days))
                continue
            } else if !own && !ofBasicFee {
                issue("stated-group:\(k)", "admission.additions[\(k)].code \(s.code) \(Self.name(t, v)) is not an 入院基本料等加算 of \(base.code) (04 group \(String(format3: group)))\(base.specified ? " nor a 加算 of its 区分 \(Self.section(t, base.version))" : "")")
                continue
            }
            let isDue: Bool
            if let days = s.days {
                isDue = days.contains { ClaimCheck.date($0) == d }
                // 週 N 回 (05 算定単位 138: A233-2, A244): the stated days of one week (日曜日–土曜日) past N are not billed.
                if isDue, let week = weekLimit(c, dm) {
                    let start = Self.weekStart(d)
                    let before = days.reduce(0) { n, x in
                        guard let x = ClaimCheck.date(x), x.dayNumber >= start, x < d, stay.days.contains(x), stay.leave[x] == nil else { return n }
                        return n + 1
                    }
                    if before >= week {
                        note("stated-week:\(k):\(d)", "admission.additions[\(k)] \(s.code) on \(d): its 算定単位 is \(week) a week (05算定回数テーブル 週; the week runs 日曜日 to 土曜日) and \(before) stated day(s) of that week come before: not billed")
                        continue
                    }
                }
                // 入院中 N 回 alone (05 算定単位 133: A236 褥瘡ハイリスク患者ケア加算, A247-2 せん妄ハイリスク患者ケア加算 「入院中１回に限り」): the
                // stated days in hospital past N are not billed (review 314 FE-1, FE-2: two stated days billed 500 × 2).
                if isDue, let limit = admissionLimit(c, dm) {
                    let before = days.reduce(0) { n, x in
                        guard let x = ClaimCheck.date(x), x < d, stay.days.contains(x), stay.leave[x] == nil else { return n }
                        return n + 1
                    }
                    if before >= limit {
                        note("stated-admission:\(k):\(d)", "admission.additions[\(k)] \(s.code) on \(d): its 算定単位 is \(limit) 入院中 (05算定回数テーブル) and \(before) stated day(s) of the stay come before: not billed")
                        continue
                    }
                }
                // A row of a day window (admission-periods.json: A300 注11 ３日以内 / ４日以上７日以内 / ８日以上14日以内, 早期栄養介入管理加算
                // ７日を限度) stated on a day outside it is not billed (review 241 CJ-2: 400点 stated for days 3–10 of a ７日 limit).
                let window = rules.window(of: c, on: d)
                if isDue, let w = window, !w.window.holds(n, reckoning: stay.reckoning) {
                    note("stated-period-window:\(k):\(d)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d) (day \(n) of the 入院期間): outside days \(w.window.firstDay)–\(w.window.lastDay.map { String($0) } ?? "") of \(w.family.name) (admission-periods.json): not billed")
                    continue
                }
                if isDue, case .no = due(c, dm, base: base, window: window != nil, unit: own || ofBasicFee) {
                    // 退院時 (05 算定単位 134): the day is not the 退院日 (review 336 GA-1: "past its 算定単位" said nothing of it).
                    if atDischarge(c, dm) {
                        note("stated-discharge:\(k):\(d)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d): its 算定単位 is 退院時 (05算定回数テーブル) and \(stay.discharge.map { "the 退院日 is \($0)" } ?? "the claim states no discharge this month"): not billed")
                        continue
                    }
                    if rules.countsBilledDays(c, on: d) {
                        note("stated-count:\(k):\(d)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d): already billed on \(billedDays(of: c)) day(s) of this claim, its 05算定回数テーブル 入院中 limit (１入院に限り; ward-additions.json counted): not billed")
                        continue
                    }
                    note("stated-limit:\(k):\(d)", "admission.additions[\(k)] \(s.code) on \(d) (day \(n) of the 入院期間) is past its 算定単位 in the 05算定回数テーブル: not billed")
                    continue
                }
            } else {
                if let w = rules.window(of: c, on: d), !(n >= w.window.firstDay && n <= (w.window.lastDay ?? Int.max)) { continue }
                switch due(c, dm, base: base, window: rules.window(of: c, on: d) != nil, unit: own || ofBasicFee, weekly: true, once: true) {
                case .weekly(let week):
                    isDue = true
                    note("stated-weekly:\(k)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) without days: \(week) a week (05算定回数テーブル 週, 日曜日–土曜日), billed on the first day\(week > 1 ? "s" : "") in hospital of each week; state its days when it fell on others")
                case .yes:
                    isDue = true
                    if rules.recurring(of: c, on: d) == nil, onlyDuringAdmission(c, dm) {
                        note("stated-once:\(k)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) without days: its 算定単位 is 入院中 (05算定回数テーブル), billed on the first day\(d == stay.days.first ? "" : "s") in hospital of this claim (\(d)); state its day, and leave it out when an earlier month of the stay billed it")
                    }
                case .no:
                    isDue = false
                    // 退院時 with no 退院日 in the claim's month: said once (review 336 GA-1: the stated 加算 was dropped without a word).
                    if stay.discharge == nil, atDischarge(c, dm) {
                        note("stated-no-discharge:\(k)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)): its 算定単位 is 退院時 (05算定回数テーブル) and the claim states no discharge this month: not billed — bill it on the receipt of the month of the 退院日")
                    }
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
            if let rule = sameDayRules[Self.section(t, v)],
               let other = billed.first(where: { !$0.basicFee && rule.sections.contains(Self.section(t, $0.version)) }) {
                note("stated-same-day:\(k):\(d)", "admission.additions[\(k)] \(s.code) \(Self.name(t, v)) on \(d): \(other.code) \(Self.name(t, other.version)) is billed that day and includes it (\(rule.source)): not billed")
                continue
            }
            addAddition(t, v, c, d, column: t.integer(v, P.pointColumnInpatient),
                        why: "stated (admission.additions[\(k)])" + (own ? "; a 加算 of the 特定入院料 \(base.code) (\(Self.section(t, base.version)))"
                                                                       : ofBasicFee ? "; a 注加算 of the ward's 入院基本料 \(base.code) (\(Self.section(t, base.version)))" : ""))
            billed.append(Billed(code: c, version: v, derived: false, wardWide: false))
        }
        // Derived from the facility's 施設基準.
        guard let ward = try? rules.wardAdditions.value(on: d).value else {
            issue("ward-additions:\(d)", "no Masters/params/inpatient/ward-additions.json entry covers \(d): no 入院基本料等加算 derived")
            addOns(dm, group: groups, groupNumber: group, billed: billed, stated: statedAddOns)
            return
        }
        var byClass: [Int: [(code: UInt64, version: Int, age: Bool)]] = [:]
        var classOrder: [Int] = []
        let wardFrom = (try? rules.wardAdditions.entry(on: d).from.yyyymmdd) ?? 0
        let ageFrom = rules.ageAdditions.inForce(on: d)?.from.yyyymmdd ?? 0
        let key = CandidateKey(chain: dm.procedureChain, group: group, held: heldKey(on: d), ward: wardFrom, age: ageFrom)
        if candidateCache[key] == nil {
            // Once per claim: the group's 加算 of a ward-wide 区分 with a 施設基準 the facility holds, and those of
            // an age-decided 区分 (age-additions.json) whose 施設基準, if any, it holds and whose 病院・診療所区分
            // fits the facility, by version.
            let ages = rules.ageSections(on: d)
            let needsParts = rules.partsNeeded.inForce(on: d)?.value ?? [:]
            var list: [Candidate] = []
            for row in groups.rows(group: group, on: d.yyyymmdd, all: true) {
                guard let ci = t.codeIndex(of: row.code) else { continue }
                var ok = Set<Int>(), byAge = false, needs: InpatientRules.PartsNeeded?
                for v in t.versions(ofCode: ci) {
                    let section = Self.section(t, v), standards = Self.standards(t, v)
                    if ward.contains(section) {
                        needs = needs ?? needsParts[section]
                        if standards.contains(where: { $0 != .none }) && FacilityStandard.requirementIsMet(columns: standards, holds: holdsFacility) { ok.insert(v) }
                    } else if ages.contains(section), patientAge != nil, t.allowsFacility(v, claim.facility?.kind),
                              FacilityStandard.requirementIsMet(columns: standards, holds: holdsFacility) {
                        ok.insert(v); byAge = true
                    }
                }
                if !ok.isEmpty { list.append(Candidate(code: row.code, addOnClass: row.addOnClass, dates: row.dates, versions: ok, age: byAge, needs: needs)) }
            }
            candidateCache[key] = list
            if ageFitsStay != true { ageFitsStay = ageFits(list, t) }
        }
        for row in candidateCache[key] ?? [] where row.dates.contains(d.yyyymmdd) && !statedClasses.contains(row.addOnClass) {
            guard let ci = t.codeIndex(of: row.code), let v = t.version(ofCode: ci, on: d), row.versions.contains(v) else { continue }
            if row.age {
                // A208 注1・注2: 乳幼児 ３歳未満, 幼児 ３歳以上６歳未満 — the row's 下限年齢 (inclusive) and 上限年齢
                // (上限値＋１) against the legal age on the day (the row changes on the day before the birthday).
                guard let age = patientAge else { continue }
                switch age.satisfies(lower: t.bytes(v, P.minimumAge), upper: t.bytes(v, P.maximumAge), on: d) {
                case true?: break
                case false?: continue
                case nil:
                    note("age-code:\(row.code)", "\(row.code) \(Self.name(t, v)): its 下限年齢・上限年齢 (\(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge))) is not an age code of the master spec: not derived; state it in admission.additions")
                    continue
                }
            }
            let window = rules.window(of: row.code, on: d)
            if let w = window, !(n >= w.window.firstDay && n <= (w.window.lastDay ?? Int.max)) { continue }
            switch due(row.code, dm, base: base, window: window != nil, weekly: true) {
            case .yes: break
            case .weekly(let week):
                note("derived-weekly:\(row.code)", "\(row.code) \(Self.name(t, v)): \(week) a week (05算定回数テーブル 週, 日曜日–土曜日): derived on the first day\(week > 1 ? "s" : "") in hospital of each week; state it in admission.additions with its days when the 業務 fell on others")
            case .no: continue
            case .unknown:
                note("derived-unit:\(row.code)", "\(row.code) \(Self.name(t, v)): the facility holds its 施設基準 but its 算定単位 (05算定回数テーブル) does not give the days: not derived; state it in admission.additions with its days")
                continue
            }
            if let need = row.needs, orderedLetters(of: claim).isDisjoint(with: need.letters) {
                let parts = need.letters.sorted().map { String(UnicodeScalar($0)) }.joined(separator: "/")
                let earlier = stay.admitted < ServiceDate(year: d.year, month: d.month, day: 1)!
                note("needs-parts:\(row.code)", "\(row.code) \(Self.name(t, v)): the facility holds its 施設基準, but the claim orders no 診療行為 of \(parts) (\(need.source)): not derived" + (earlier ? "; the stay began before this month — state it in admission.additions when an earlier month's receipt billed one" : ""))
                continue
            }
            if byClass[row.addOnClass] == nil { classOrder.append(row.addOnClass) }
            byClass[row.addOnClass, default: []].append((row.code, v, row.age))
        }
        for cls in classOrder {
            var fits = byClass[cls] ?? []
            var byPrimary = ""
            if fits.count > 1 {
                // Several grades fit because each row lists the other grade's 施設基準 too (A200-2 急性期充実体制加算
                // 1 / 2 in the s master from 2024-06-28 to 2025-06-01: ① 3819 ② 4051 and ① 4051 ② 3819): the
                // grade whose ① 施設基準コード the facility holds, when exactly one does.
                let primary = fits.filter { let first = Self.standards(t, $0.version)[0]; return first != .none && holdsFacility(first) }
                if primary.count == 1 {
                    byPrimary = "; of \(fits.map { String($0.code) }.joined(separator: ", ")), the one whose ① 施設基準 the facility holds"
                    fits = primary
                }
            }
            if fits.count == 1 {
                let v = fits[0].version, age = patientAge
                addAddition(t, v, fits[0].code, d, column: t.integer(v, P.pointColumnInpatient), why: {
                    let standards = Self.standards(t, v).filter { $0 != .none }
                    let byAge = standards.isEmpty ? "the patient's age on the day (\(age.map { "\($0.years(on: d))" } ?? "?"); 下限年齢・上限年齢 \(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge)))" : "the facility holds its 施設基準 (\(standards.map { String($0.rawValue) }.joined(separator: ", ")))"
                    return "derived: \(byAge); 04 group \(String(format3: group)), 加算識別 \(cls)\(byPrimary)"
                }())
                billed.append(Billed(code: fits[0].code, version: v, derived: true, wardWide: !fits[0].age))
            } else {
                note("class-ambiguous:\(cls):\(fits.map(\.code))", "\(d): \(fits.map { "\($0.code) \(Self.name(t, $0.version))" }.joined(separator: ", ")) all fit (04 group \(String(format3: group)), 加算識別 \(cls): only one may be billed) — the facility holds the 施設基準 of each; none added: state the one that applies in admission.additions")
            }
        }
        addOns(dm, group: groups, groupNumber: group, billed: billed, stated: statedAddOns)
        if stay.firstDay == nil && stay.reckoning != stay.admitted && d == stay.admitted {
            note("continued-first-day", "入院日 \(stay.admitted) continues the 入院期間 from the 起算日 \(stay.reckoning): 入院初日 加算 are not billed (通知 第2部 通則8)")
        }
    }

    /// The コード表用番号 letters (A … N) of every 医科診療行為 the claim orders, each on its encounter's date
    /// (once per claim).
    mutating func orderedLetters(of claim: Claim) -> Set<UInt8> {
        if let l = orderedLettersCache { return l }
        var letters = Set<UInt8>()
        for e in claim.encounters {
            guard let d = ClaimCheck.date(e.date), let t = try? masters.table(.procedure, on: d) else { continue }
            for o in e.orders {
                for item in o.items {
                    guard let c = UInt64(item.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: d),
                          let letter = t.bytes(v, ProcedureColumn.codeTableAlphabet).first else { continue }
                    letters.insert(letter)
                }
            }
        }
        orderedLettersCache = letters
        return letters
    }

    /// Whether a row states a 下限年齢 or 上限年齢 (neither empty nor "00"): read before its 区分 is built as a
    /// String, so a stated 加算 without an age pays nothing per day.
    static func hasAgeLimit(_ t: MasterTable, _ v: Int) -> Bool {
        func none(_ f: UnsafeBufferPointer<UInt8>) -> Bool { f.allSatisfy { $0 == UInt8(ascii: "0") } }
        return !none(t.bytes(v, ProcedureColumn.minimumAge)) || !none(t.bytes(v, ProcedureColumn.maximumAge))
    }

    /// Whether an age-decided candidate of the list fits the patient on some day of the stay (once per claim:
    /// an adult in a facility with no 施設基準 then skips the 加算 look-ups on the other days).
    func ageFits(_ list: [Candidate], _ t: MasterTable) -> Bool {
        guard let age = patientAge else { return false }
        for row in list where row.age {
            guard let ci = t.codeIndex(of: row.code) else { continue }
            for d in stay.days {
                if let v = t.version(ofCode: ci, on: d), row.versions.contains(v),
                   age.satisfies(lower: t.bytes(v, ProcedureColumn.minimumAge), upper: t.bytes(v, ProcedureColumn.maximumAge), on: d) == true { return true }
            }
        }
        return false
    }

    /// `why` is built only for a line's first day, and only with explanations on.
    mutating func addAddition(_ t: MasterTable, _ v: Int, _ code: UInt64, _ d: ServiceDate, column: Int?, why: @autoclosure () -> String) {
        let points = Rounding.halfUp(t.hundredths(v, ProcedureColumn.points) ?? 0, divisor: 100)
        add(LineKey(category: 90, codes: [code], amount: points, isYen: false), day: d, column: column,
            explanation: ["\(code) \(Self.name(t, v)): \(t.string(v, ProcedureColumn.points))点 (\(Self.section(t, v)); \(why()))"])
    }
}

extension String {
    init(format3 v: Int) { let digits = "\(v)"; self = String(repeating: "0", count: Swift.max(0, 3 - digits.count)) + digits }
}
