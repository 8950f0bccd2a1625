// B001-2 小児科外来診療料 注3 ただし (R06 ika-kokuji.txt lines 5383-5395; R08 line 5555): the 時間外・休日・深夜
// 加算 of 初診料 (A000 注7) less 115点, of 再診料 (A001 注5) and 外来診療料 (A002 注8) less 70点.

extension OrderAddOnDeriver {
    /// 「区分番号Ａ０００に掲げる初診料の注７及び注８に規定する加算を算定する場合については、それぞれの加算点数から
    /// 115点を減じた点数を、区分番号Ａ００１に掲げる再診料の注５及び注６に規定する加算並びに区分番号Ａ００２に掲げる
    /// 外来診療料の注８及び注９に規定する加算を算定する場合については、それぞれの加算点数から70点を減じた点数を
    /// 算定するものとする。」
    ///
    /// For a 医学管理 order (診療識別 13) holding a B001-2 row of a group (`rules.groups`: 初診時, 再診時, and
    /// 再診時 of a 病院 with `min_beds` beds or more — its patients take A002 外来診療料), on an encounter whose
    /// band is 時間外, 休日 or 深夜: the group's row whose 時間加算区分 is the band's (1; 2 or 3; 4), that carries
    /// the 区分 (`rules.section`) and fits the patient's age (下限・上限年齢). Nothing when a row of the group is
    /// already in the encounter, or when no single row fits (a note).
    func pediatricTime(_ items: [UnitItem], _ rules: OrderAddOnRules.PediatricOutpatientTime, encounter: Claim.Encounter, band: TimeBand,
                       facility: Claim.Facility?, table t: MasterTable, date: ServiceDate, age: PatientAge) -> (added: [UnitItem], notes: [String]) {
        let codes = Set(items.map(\.code))
        let based = rules.groups.filter { g in
            g.bases.contains { UInt64($0).map(codes.contains) ?? false } && (g.byBand != nil || !band.addOnClasses.isEmpty)
        }
        guard !based.isEmpty else { return ([], []) }
        let stated = Set(encounter.orders.flatMap { $0.items.map(\.code) })
        let fitting = based.filter { g in g.visitSection.map { section in stated.contains { row($0, section: section, t, date) != nil } } ?? true }
        guard !fitting.isEmpty else { return ([], []) }
        // The group of the facility: a hospital with at least `min_beds` beds takes the group that names it.
        let beds = facility?.kind == "hospital" ? facility?.beds ?? 0 : 0
        let group = fitting.filter { ($0.minBeds ?? 0) <= beds }.max { ($0.minBeds ?? 0) < ($1.minBeds ?? 0) }
        guard let group else { return ([], []) }
        if group.codes.contains(where: stated.contains) { return ([], []) }
        let P = ProcedureColumn.self
        // A time add-on stated in the encounter (the 再診料's 112001110 時間外加算（再診）, 点数欄集計先 123–125 — review 205 AZC08
        // beside 地域包括診療料) is the visit's: none derived again.
        for code in stated where rules.statedTimeRowsStand == true {
            guard code.utf8.count == 9, let c = UInt64(code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: date) else { continue }
            let column = t.integer(v, P.pointColumnOutpatient) ?? 0
            if (123...125).contains(column) || (!t.field(v, P.noticeClass1, is: "1") && band.addOnClasses.contains(t.integer(v, P.timeAddOnClass) ?? -1)) {
                return ([], [])
            }
        }
        // A stated time row of the fee's own 区分 outside the group (the 小児科特例 乳幼児夜間・休日・深夜加算 rows of B001-2 and
        // B001-2-11: A000 注8, A001 注6 「注７（注５）の規定にかかわらず」) is the visit's: none derived beside it (review 262 DE-1).
        // (A group by band lists those rows of its own in `codes`.)
        for code in stated where group.byBand == nil && code.utf8.count == 9 && code.utf8.first == UInt8(ascii: "1") {
            guard let (_, v) = row(code, section: rules.section, t, date) else { continue }
            // 時間加算区分 2–9: a 休日・深夜・特例・夜間 row itself (1 is the base's 「時間外加算等を算定可能」 as well as a 時間外 row's).
            if (t.integer(v, P.timeAddOnClass) ?? 0) >= 2 { return ([], []) }
        }
        var picks: [(code: UInt64, version: Int)] = []
        for c in group.byBand.map({ $0[band.rawValue] ?? [] }) ?? group.codes {
            guard let (code, v) = row(c, section: rules.section, t, date), group.byBand != nil || band.addOnClasses.contains(t.integer(v, P.timeAddOnClass) ?? -1),
                  // A row of one kind of facility (夜間・早朝等加算: 診療所, A001 注7) only when the claim says which it is.
                  t.allowsFacility(v, facility?.kind), facility?.kind != nil || !t.isFacilityRestricted(v),
                  age.satisfies(lower: t.string(v, P.minimumAge), upper: t.string(v, P.maximumAge), on: date) == true else { continue }
            picks.append((code, v))
        }
        // Of an age-limited row (乳幼児時間外加算, 上限年齢 06) and a row of any age that both fit, the age-limited one (A001 注5:
        // 「６歳未満の乳幼児に対して…行った場合は…それぞれ135点、260点又は590点」 in place of 65/190/420).
        if picks.count > 1 {
            let limited = picks.filter { !AgeLimit.isUnlimited(t.bytes($0.version, P.minimumAge)) || !AgeLimit.isUnlimited(t.bytes($0.version, P.maximumAge)) }
            if limited.count == 1 { picks = limited }
        }
        let label = rules.label ?? "B001-2 注3 ただし: the 初診料・再診料 加算 less 115点・70点"
        guard picks.count == 1, let pick = picks.first else {
            return ([], picks.isEmpty ? [] : ["time band \(band.rawValue): several \(rules.section) 時間外・休日・深夜 加算 rows fit (\(picks.map { String($0.code) }.joined(separator: ", "))); none derived, state the one that applies"])
        }
        return ([UnitItem(kind: .procedure, code: pick.code)],
                ["\(pick.code) \(t.string(pick.version, P.abbreviatedName)): derived from time band \(band.rawValue) (\(label), \(group.visit)\(group.minBeds.map { ", 病院 of \($0)床以上" } ?? ""))"])
    }
}
