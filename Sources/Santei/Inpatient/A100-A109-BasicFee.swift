// 第２部 第１節 入院基本料 (A100–A109): the ward's 入院基本料 of each day, its 入院期間 加算, and 外泊;
// the same for a ward that notified a 第３節 特定入院料 (A300–A319; its 包括: A300-A319-SpecifiedFee.swift).
// Checked against ../shared/legal/R06 (告示 ika-kokuji.txt, 通知 ika-tsuuchi.txt).

extension InpatientPricer {
    /// The 入院基本料 row of a day: code, version, points (hundredths), 点数欄集計先（入院）, 注加算コード, 施設基準.
    struct Base {
        var code: UInt64
        var version: Int
        var hundredths: Int
        var column: Int
        var addOnCode: Int
        var standards: [FacilityStandard]
        /// The 施設基準 by which the facility meets the row's requirement (a 名寄せ先 by the 名寄せ元 it holds):
        /// what the ward notified, which decides the variant of its 入院期間加算.
        var notified: Set<FacilityStandard>
        /// A 第３節 特定入院料 (点数欄 920), not a 第１節 入院基本料 (903).
        var specified: Bool
        /// An 入院基本料 whose row is chosen by the day of the 入院期間 (A108 イ/ロ/ハ: admission-periods.json).
        var byPeriod = false
        var points: Int { Rounding.halfUp(hundredths, divisor: 100) }
    }

    /// The ward's 入院基本料 on a day (A100 注1 etc.: 届け出た病棟に入院している患者について…所定点数を算定する).
    /// The claim names the ward's notified row (`admission.ward.basic_fee`); a 入院基本料 whose points depend
    /// on the 入院期間 itself (A108 有床診療所入院基本料 イ/ロ/ハ) is the row of its family whose window holds
    /// the day (Masters/params/inpatient/admission-periods.json) and whose 施設基準 are the ward row's.
    /// The row must be an 入院基本料 (実日数 3, 別紙7-4) summed in 点数欄 903, or a 特定入院料 (実日数 3,
    /// 点数欄 920, コード表用番号 A300–A399: 第３節), and the facility must hold its 施設基準 on the day;
    /// otherwise the day is an issue, never a silent zero.
    ///
    /// A 特定入院料 is priced the same way, 1日につき (A300 注1 etc.: 届け出た保険医療機関において…それぞれ所定点数
    /// を算定する), with the row of the day's period where the 告示 splits it (救命救急入院料 ３日以内 / ４日以上
    /// ７日以内 / ８日以上, specified-periods.json). Its days count from the 入院日, the day the patient entered
    /// the unit (通知 第3節 1: 当該治療室に入院させた連続する期間; a claim names one ward), not from an earlier
    /// 起算日. A 特定入院料 row with a 上限回数 (the master's sign of a period or a 算定日数 limit) or whose name
    /// names a period (`namesAPeriod`) that no period family lists is an issue: its days cannot be told.
    mutating func basicFee(_ dm: Day) -> Base? {
        let t = dm.table, d = dm.date, P = ProcedureColumn.self
        var n = stay.dayNumber(d)
        let text = admission.ward.basicFee
        guard let ward = UInt64(text), let i = t.codeIndex(of: ward), let wv = t.version(ofCode: i, on: d) else {
            issue("ward:\(d.year)\(d.month)", "admission.ward.basic_fee \(text) has no version valid on \(d) in the 医科診療行為マスター")
            return nil
        }
        guard t.integer(wv, P.actualDays) == ActualDaysClass.admissionFee.rawValue else {
            issue("ward-kind", "admission.ward.basic_fee \(text) \(Self.name(t, wv)) is not an 入院基本料 or 特定入院料 (実日数 \(t.string(wv, P.actualDays)), not 3: 別紙7-4)")
            return nil
        }
        let specified = Self.isSpecifiedAdmissionFee(t, wv)
        guard t.integer(wv, P.pointColumnInpatient) == PointColumn.admissionBasicFee.rawValue || specified else {
            issue("ward-column", "admission.ward.basic_fee \(text) \(Self.name(t, wv)) (\(Self.section(t, wv))) is summed in 点数欄 \(t.string(wv, P.pointColumnInpatient)): neither 903 入院基本料 (第１節) nor 920 特定入院料 (第３節)")
            return nil
        }
        if specified { n = stay.unitDayNumber(d) }
        var code = ward, v = wv
        let window = specified ? rules.specifiedWindow(of: ward, on: d) : rules.window(of: ward, on: d)
        if specified && window == nil && ((t.integer(wv, P.maximumCount) ?? 0) > 0 || Self.namesAPeriod(Self.name(t, wv))) {
            issue("ward-specified-period", "admission.ward.basic_fee \(text) \(Self.name(t, wv)) (\(Self.section(t, wv))): its master row has a 上限回数 (\(t.string(wv, P.maximumCount))) or names a period (its 告示 splits or limits its days) but no family of Masters/params/inpatient/specified-periods.json lists it: not priced")
            return nil
        }
        if let w = window {
            let want = Self.standards(t, wv)
            guard let window = w.family.windows.first(where: { $0.holds(n, reckoning: specified ? nil : stay.reckoning) }) else {
                if specified {
                    issue("ward-window:\(n)", "day \(n) in the unit from the 入院日 (\(d)) is past the last period of \(w.family.name): the 告示 allows it no further (\(w.family.source))")
                } else {
                    issue("ward-window:\(n)", "day \(n) of the 入院期間 (\(d)) is outside every period of \(w.family.name) (\(w.family.source))")
                }
                return nil
            }
            var found: [(UInt64, Int)] = []
            for c in window.codes {
                guard let ci = t.codeIndex(of: c), let cv = t.version(ofCode: ci, on: d), Self.standards(t, cv) == want else { continue }
                found.append((c, cv))
            }
            if found.isEmpty && specified {
                // A period row of a 特定入院料 may carry only part of the ward row's 施設基準 (A311-2 ハ 61日以上
                // 90日以内: 118 without 6): the row whose 施設基準 are all among the ward row's.
                let wardSet = Set(want.filter { $0 != .none })
                for c in window.codes {
                    guard let ci = t.codeIndex(of: c), let cv = t.version(ofCode: ci, on: d) else { continue }
                    let rowSet = Set(Self.standards(t, cv).filter { $0 != .none })
                    if !rowSet.isEmpty && rowSet.isSubset(of: wardSet) { found.append((c, cv)) }
                }
            }
            guard found.count == 1 else {
                if found.isEmpty && specified {
                    issue("ward-window-rows:\(n)", "\(w.family.name): no row of the period of day \(n) (\(d)) has the 施設基準 of \(text): the 告示 allows it no further (\(w.family.source))")
                } else {
                    issue("ward-window-rows:\(n)", "\(w.family.name): \(found.count) rows of the period of day \(n) have the 施設基準 of \(text); cannot choose the 入院基本料 of \(d)")
                }
                return nil
            }
            (code, v) = found[0]
        }
        let standards = Self.standards(t, v)
        let facilityHolds = holds(on: d)
        guard FacilityStandard.requirementIsMet(columns: standards, holds: facilityHolds) else {
            let list = standards.filter { $0 != .none }.map { String($0.rawValue) }.joined(separator: ", ")
            issue("ward-std:\(code)", "\(code) \(Self.name(t, v)): the facility does not hold its 施設基準 (\(list)) on \(d) (facility.standards; \(Self.section(t, v)) 注1: 届け出た病棟に限り算定)")
            return nil
        }
        // The row's 下限年齢・上限年齢 (A311-4 注1: 「20歳未満の精神疾患を有する患者について、所定点数を算定する。ただし、…算定要件に
        // 該当しない場合は、区分番号Ａ１０３に掲げる精神病棟入院基本料の注２に規定する特別入院基本料の例により算定する」: 上限年齢 BK,
        // review 171 R7): a patient outside it is not billed the row; the 入院料 the 告示 then names is the clerk's to state.
        if let age = patientAge, !AgeLimit.allows(lower: t.bytes(v, P.minimumAge), upper: t.bytes(v, P.maximumAge), age: age, on: d) {
            issue("ward-age:\(code)", "\(code) \(Self.name(t, v)) (\(Self.section(t, v))): the patient (born \(age.birth), \(age.years(on: d)) on \(d)) is outside its 下限年齢・上限年齢 (\(t.string(v, P.minimumAge))–\(t.string(v, P.maximumAge))): not billed from \(d); the 告示 of the 入院料 says what is billed instead (A311-4 注1 ただし: A103 注2 特別入院基本料の例) — state it as admission.ward.basic_fee")
            return nil
        }
        var notified = Set<FacilityStandard>()
        for s in standards where s != .none {
            for source in s.satisfyingCodes + [s] where facilityHolds(source) { notified.insert(source) }
        }
        var base = Base(code: code, version: v, hundredths: t.hundredths(v, P.points) ?? 0, column: t.integer(v, P.pointColumnInpatient) ?? 0,
                        addOnCode: t.integer(v, P.addOnCode) ?? 0, standards: standards, notified: notified, specified: specified)
        base.byPeriod = window != nil && !specified
        return base
    }

    /// A master row name that names a period of the 入院期間: （３日以内）, （４１日以上）, （イ）/（ロ） (A308-3: イ 40日以内
    /// の期間, ロ 41日以上の期間) — such a row is one of a family, never the price of every day.
    static func namesAPeriod(_ name: String) -> Bool {
        name.containsBytes("日以内") || name.containsBytes("日以上") || name.containsBytes("日～") || name.containsBytes("（イ）") || name.containsBytes("（ロ）")
    }

    /// A 第３節 特定入院料 row (告示 第２部 第３節, A300–A319 and their 枝番): 実日数 3 (別紙7-4), 点数欄集計先
    /// （入院） 920 特定入院料・その他, コード表用番号 A3xx. (920 also sums other rows: the 区分 decides.)
    static func isSpecifiedAdmissionFee(_ t: MasterTable, _ v: Int) -> Bool {
        let P = ProcedureColumn.self
        guard t.integer(v, P.actualDays) == ActualDaysClass.admissionFee.rawValue,
              t.integer(v, P.pointColumnInpatient) == PointColumn.specificAdmissionFee.rawValue,
              t.string(v, P.codeTableAlphabet) == "A", let number = t.integer(v, P.sectionNumber) else { return false }
        return (300..<400).contains(number)
    }

    /// A day in hospital, not 外泊: the 入院基本料 and the 入院期間 加算 of the day (A100 注3, A102 注4,
    /// A103 注3, A106 注3: 当該病棟の入院患者の入院期間に応じ、…１日につき所定点数に加算する), counted from
    /// the 起算日 (告示 第2部 通則5; 通知 第2部 通則7). The 加算 is the row that shares the 入院基本料's
    /// 注加算コード, is an 入院期間加算 (入院基本料等減算対象識別 2), is listed for the day's window in
    /// admission-periods.json, and whose 施設基準 are met by those the ward notified for its 入院基本料
    /// (名寄せ: 8020 一般病棟入院基本料 vs 8018 特別入院基本料等; 8005 精神病棟 vs 8013 特別). One line per distinct day: 入院基本料 and 加算 together, as a receipt.
    mutating func presentDay(_ dm: Day, base: Base) {
        let t = dm.table, d = dm.date, n = stay.dayNumber(d), P = ProcedureColumn.self
        var codes = [base.code]
        var points = base.points
        var period: (code: UInt64, version: Int, family: InpatientRules.Family, window: InpatientRules.Window)?
        if base.addOnCode != 0 {
            var found: [(UInt64, Int, InpatientRules.Family, InpatientRules.Window)] = []
            // A 名寄せ先 「（患者の要件により算定するもの）」 (8001 一般病棟特別入院基本料, 8002, 8011 …, 別紙7-8 §2)
            // is met only when the patient meets the 告示's requirement (A102 注3: 別に厚生労働大臣が定める患者) —
            // a fact the claim does not state, so the ward's own notification decides the variant.
            let baseHolds: (FacilityStandard) -> Bool = { s in base.notified.contains(s) }
            for f in families(on: d) where !f.exceptBases.contains(base.code) {
                for w in f.windows where w.holds(n, reckoning: stay.reckoning) {
                    for c in w.codes {
                        guard let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: d),
                              t.integer(v, P.addOnCode) == base.addOnCode, (t.integer(v, P.addOnSerial) ?? 0) != 0,
                              t.integer(v, P.admissionFeeReduction) == AdmissionFeeReductionClass.reducibleAdmissionPeriodAddOn.rawValue,
                              Self.requirementIsMet(Self.standards(t, v), withoutPatientRequirement: baseHolds) else { continue }
                        found.append((c, v, f, w))
                    }
                }
            }
            if found.count == 1 {
                period = (found[0].0, found[0].1, found[0].2, found[0].3)
            } else if found.count > 1 {
                note("period-ambiguous:\(n)", "day \(n) of the 入院期間 (\(d)): \(found.map { String($0.0) }.joined(separator: ", ")) all fit as the 入院期間加算 of \(base.code); none added — state the ward's 入院基本料 precisely")
            }
        }
        // 他医療機関受診 (通知 第2部 通則5 (6) ア, R06 ika-tsuuchi.txt 878-886): the day's 入院料 at its 基本点数 less the stated
        // 減算 row's ％ (10％, or 5％ for the listed 画像・放射線治療), 小数点以下第一位を四捨五入; the 入院期間加算 (減算対象識別 2:
        // 標欠・定数超過 only) is not reduced. The row must be of the 入院料's 点数欄 (出来高 903 / 特定入院料 rows of their own).
        var reduction: (code: UInt64, version: Int, percent: Int, points: Int)?
        if let r = otherVisits[d.dayNumber] {
            if t.integer(r.version, P.pointColumnInpatient) == base.column, t.integer(base.version, P.admissionFeeReduction) == AdmissionFeeReductionClass.reducibleAdmissionFee.rawValue {
                let percent = t.hundredths(r.version, P.points) ?? 0
                let reduced = Rounding.halfUp(base.hundredths * (10_000 - percent), divisor: 1_000_000)
                reduction = (r.code, r.version, percent, reduced)
                points = reduced
                codes.append(r.code)
                appliedItems.append(.init(encounter: r.encounter, order: r.order, item: r.item,
                                          why: "applied to the day's 入院料 \(base.code) (他医療機関受診: 基本点数 \(t.string(base.version, P.points))点 less \(t.string(r.version, P.points))％ → \(reduced)点, 通知 第2部 通則5 (6))"))
            } else {
                issue("other-visit-row:\(d)", "\(d): the stated 他医療機関受診 row \(r.code) is not a 減算 of the day's 入院料 \(base.code) (点数欄 \(base.column)); not applied")
            }
        }
        if let p = period {
            codes.append(p.code)
            points += Rounding.halfUp(t.hundredths(p.version, P.points) ?? 0, divisor: 100)
        }
        var explanation: [String] = []
        if explain && lines[LineKey(category: 90, codes: codes, amount: points, isYen: false)] == nil {
            let kind = base.specified ? "特定入院料" : "入院基本料"
            // Review 119 W1: a row chosen by the day of the 入院期間 says which day chose it.
            let day = base.specified ? "day \(stay.unitDayNumber(d)) from the 入院日 \(stay.admitted)"
                : base.byPeriod ? "the ward's notified 入院基本料, the row of day \(stay.dayNumber(d)) of the 入院期間 from the 起算日 \(stay.reckoning)" : "the ward's notified 入院基本料"
            explanation.append("\(base.code) \(Self.name(t, base.version)): \(t.string(base.version, P.points))点 (\(Self.section(t, base.version)) \(kind), 1日につき; \(day))")
            if let r = reduction {
                explanation.append("\(r.code) \(Self.name(t, r.version)): −\(t.string(r.version, P.points))％ of the 基本点数 → \(r.points)点 (他医療機関受診, 通知 第2部 通則5 (6): 小数点以下第一位を四捨五入; the 入院期間加算 is not reduced)")
            }
            if let p = period {
                let range = "\(p.window.firstDay)–" + (p.window.lastDay.map { String($0) } ?? "")
                explanation.append("\(p.code) \(Self.name(t, p.version)): \(t.string(p.version, P.points))点 (\(p.family.name): 入院期間 day \(range) from the 起算日 \(stay.reckoning); \(p.family.source))")
            }
        }
        add(LineKey(category: 90, codes: codes, amount: points, isYen: false), day: d, column: base.column, explanation: explanation)
    }

    /// 外泊 (通知 第2部 通則6(1)): the day's 入院料等 is 15％ of the 入院基本料's 基本点数 (the 外泊 row of
    /// the 入院基本料's 点数欄 with 点数識別 6, ％減算 85), or 30％ (％減算 70) for a 精神及び行動の障害の
    /// 患者's 治療のための外泊 — at most 3 days in a row and 6 days in the month, beyond which 15％ applies;
    /// 1点未満 四捨五入. No 入院期間加算 or other 加算 that day; the day counts in the 入院期間.
    mutating func leave(_ dm: Day, base: Base, psychiatric: Bool) {
        let t = dm.table, d = dm.date, P = ProcedureColumn.self
        var thirty = psychiatric
        if psychiatric && !stay.psychiatricLeaveAtThirtyPercent.contains(d) {
            thirty = false
            note("leave-30:\(d)", "\(d): 外泊 of a 精神及び行動の障害の患者 beyond 3 days in a row or 6 days in the month: 15％ (通知 第2部 通則6(1))")
        }
        // 「連続して３日以内」 runs across the month's end (only the 6 days are 同一暦月): a run that opens the month of a stay begun
        // earlier may continue 外泊 days of the last month, which this claim does not hold (review 181 AB-02).
        let monthStart = d.dayNumber - d.day + 1
        if thirty, d.day <= 3, stay.admitted.dayNumber < monthStart,
           (monthStart...d.dayNumber).allSatisfy({ stay.leave[ServiceDate(dayNumber: $0)] == true }) {
            note("leave-30-carry", "\(d): 外泊 at 30％ in a run that opens the month — 「連続して３日以内」 (通知 第2部 通則6(1)) counts the 外泊 days just before the 1st on last month's receipt too; if the run began then, the 4th day on is 15％: check")
        }
        let rows = dm.leaveRows.versions.filter { v in
            t.isValid(v, on: d) && t.integer(v, P.pointColumnInpatient) == base.column && ((t.integer(v, P.maximumCount) ?? 0) > 0) == thirty
        }
        guard rows.count == 1, let v = rows.first else {
            issue("leave-row:\(d)", "\(d): \(rows.count) 外泊 rows (実日数 4, 点数識別 6) of 点数欄 \(base.column) fit the day; the 外泊 day is not priced")
            return
        }
        let percent = t.hundredths(v, P.points) ?? 0   // ％ in hundredths: 8500 = 85％減算
        // 基本点数 (hundredths) × (100 − X)/100, then 1点未満 四捨五入 (小数点以下第一位を四捨五入).
        let points = Rounding.halfUp(base.hundredths * (10_000 - percent), divisor: 1_000_000)
        let code = UInt64(t.integer(v, P.code) ?? 0)
        add(LineKey(category: 90, codes: [base.code, code], amount: points, isYen: false), day: d, column: base.column,
            explanation: ["\(base.code) \(Self.name(t, base.version)): \(t.string(base.version, P.points))点",
                          "\(code) \(Self.name(t, v)): −\(t.string(v, P.points))％ → \(points)点 (通知 第2部 通則6(1): 外泊期間中は入院基本料の基本点数の\(thirty ? "30" : "15")％, 四捨五入)"])
    }
}

extension InpatientPricer {
    /// `FacilityStandard.requirementIsMet` (別紙7-8 §3: ①〜⑥, ⑦〜⑨, ⑩ groups, any one code of a group) where a
    /// 名寄せ先 named 「（患者の要件により算定するもの）」 (8001 一般病棟特別入院基本料, 8002, 8011 …, §2) does not
    /// count: it stands for the patient meeting the 告示's requirement (A100 注2・A102 注3: 別に厚生労働大臣が
    /// 定める患者), a fact the claim does not state — so the ward's own notification decides the variant.
    /// The 名寄せ先 of 別紙7-8 named 「（患者の要件により算定するもの）」, found once from the built-in 施設基準コード list (Masters/params/codelists/facility-standards.json).
    static let patientRequirementCodes: Set<Int> = Set(FacilityStandard.meanings.filter { $0.value.contains("患者の要件により算定するもの") }.keys)

    static func requirementIsMet(_ columns: [FacilityStandard], withoutPatientRequirement holds: (FacilityStandard) -> Bool) -> Bool {
        func isPatientRequirement(_ c: FacilityStandard) -> Bool { patientRequirementCodes.contains(c.rawValue) }
        // The three groups of the 施設基準 columns (1–6 any of, 7–9 any of, 10), as FacilityStandard.requirementIsMet;
        // no array is built (this runs for every candidate row of every day).
        for (lower, upper) in [(0, 6), (6, 9), (9, 10)] {
            var any = false, met = false
            for i in lower..<min(upper, columns.count) where columns[i] != .none {
                any = true
                let code = columns[i]
                if !isPatientRequirement(code) && (holds(code) || (code.isAggregate && code.satisfyingCodes.contains(where: holds))) { met = true; break }
            }
            if any && !met { return false }
        }
        return true
    }
}

extension InpatientRules {
    /// The families in force on a date: for each name, its newest entry from on or before the date.
    func families(on d: ServiceDate) -> [Family] { Self.families(families, on: d) }

    static func families(_ families: [Family], on d: ServiceDate) -> [Family] {
        var best: [String: Family] = [:]
        for f in families where f.from <= d {
            if let b = best[f.name], b.from >= f.from { continue }
            best[f.name] = f
        }
        return families.filter { f in best[f.name].map { $0.from == f.from } ?? false }
    }
}

extension AdmissionStay {
    /// 外泊 days of a 精神及び行動の障害の患者 billed at 30％: at most 3 in a row and 6 in the month
    /// (通知 第2部 通則6(1)), in date order.
    var psychiatricLeaveAtThirtyPercent: Set<ServiceDate> {
        var out = Set<ServiceDate>()
        var run = 0, previous: ServiceDate?
        for d in days {
            guard leave[d] == true else { run = 0; previous = nil; continue }
            run = (previous.map { $0.dayNumber + 1 == d.dayNumber } ?? false) ? run + 1 : 1
            previous = d
            if run <= 3 && out.count < 6 { out.insert(d) }
        }
        return out
    }
}
