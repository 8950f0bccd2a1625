// J038 人工腎臓 注1 / J038-2 持続緩徐式血液濾過 注1 時間外・休日加算 (R06: ika-kokuji.txt lines 12671-12673,
// 12720-12722; 通知 ika-tsuuchi.txt lines 21795-21805 (J038 (12)–(15)), 21911-21912 (J038-2 (6)), 391-393
// (A000 (23) キ); R08: ika-kokuji.txt lines 13588-13590, ika-tsuuchi.txt lines 23558-23566).

extension OrderAddOnDeriver {
    /// 「入院中の患者以外の患者に対して、午後５時以降に開始した場合若しくは午後９時以降に終了した場合又は休日に
    /// 行った場合は、時間外・休日加算として、380点（J038-2: 300点）を所定点数に加算する。」
    ///
    /// The 加算 row carries no 時間加算区分 (its 注加算 family cannot be picked by the band), so the rule names it
    /// (`session_time_add_ons`). For a 処置 order of an 入院外 claim holding a base row (告示等識別区分（１） 1) of the
    /// rule's 区分:
    /// - band in `bands` (時間外, 深夜: started at 17:00 or later; 休日): the row is added, once an order; on a
    ///   Sunday that is the band 休日 only when `sunday_holidays` (J038 (14): 日曜日である休日 is not a 休日 of this
    ///   加算, except 12月29日〜1月3日).
    /// - the 通則5 時間外加算等 (a ％ row of 部 J with a 時間加算区分) derived from the band for the same order is
    ///   taken back out: the session's own time is what the band tells; 通則5 needs 緊急 (J038 (12): not with
    ///   注1), which the claim states when it applies.
    /// - band in `note_bands` (夜間・早朝等: may start before or after 17:00): nothing, a note asks.
    /// The 夜間・早朝等加算 of the day's 初診料/再診料 (A000 (23) キ, J038 (13)) is not billed with the 加算:
    /// `management-fee-inclusion.json`.
    func sessionTime(_ items: inout [UnitItem], added: inout [UnitItem], _ rules: [OrderAddOnRules.SessionTime], encounter: Claim.Encounter,
                     table t: MasterTable, date: ServiceDate, band: TimeBand) -> (added: [UnitItem], notes: [String]) {
        let P = ProcedureColumn.self
        var notes: [String] = [], found: [UnitItem] = []
        for rule in rules {
            guard let want = SectionCode(rule.section) else { continue }
            let hasBase = items.contains { item in
                guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                      t.field(v, P.noticeClass1, is: "1"), let s = SectionCode(t, v) else { return false }
                return s == want
            }
            guard hasBase, let (code, version) = row(rule.code, section: rule.section, t, date) else { continue }
            let name = band.rawValue
            let stated = encounter.orders.contains { $0.items.contains { $0.code == rule.code } }
            if rule.noteBands.contains(name) && !stated {
                notes.append("\(code) \(t.string(version, P.abbreviatedName)): time_band \(name) does not tell \(rule.noteFact ?? "whether the session started at 17:00 or later (\(rule.section) 注1)"); not derived, state it if it applies")
                continue
            }
            guard rule.bands.contains(name) else { continue }
            func isGeneral(_ x: UnitItem) -> Bool {
                guard x.kind == .procedure, let i = t.codeIndex(of: x.code), let v = t.version(ofCode: i, on: date),
                      t.bytes(v, P.codeTableAlphabet).first == want.alphabet, t.field(v, P.noticeClass1, is: "9"), t.integer(v, P.pointKind) == 5 else { return false }
                return (t.integer(v, P.timeAddOnClass) ?? 0) != 0
            }
            // A 通則5 row the clerk stated (a session begun 緊急のため): 注1 is not billed with it (J038 (12): 通則５による
            // 時間外加算等が算定できる場合にあっては、併せて算定できない; review 191 AL02).
            if !stated, let given = items.first(where: { x in isGeneral(x) && !added.contains { $0.code == x.code } }) {
                notes.append("\(code) \(t.string(version, P.abbreviatedName)): not derived — the order states the 通則5 row \(given.code) (緊急), which \(rule.section) 注1 is not billed with (\(rule.passageRef))")
                continue
            }
            // 通則5 derived from the band for this order: out (needs 緊急; J038 (12)).
            let general = added.filter(isGeneral)
            if !general.isEmpty {
                let codes = Set(general.map(\.code))
                items.removeAll { codes.contains($0.code) }
                added.removeAll { codes.contains($0.code) }
                notes.append("\(codes.sorted().map { String($0) }.joined(separator: ", ")): 処置 通則5 時間外加算等 not derived for \(rule.section) — the band gives its 注1 時間外・休日加算; 通則5 applies only to a session begun 緊急のため, and then without 注1 (\(rule.passageRef)): state it")
            }
            if name == TimeBand.holiday.rawValue && !rule.sundayHolidays {
                let sunday = date.weekday == 0
                let yearEnd = (date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3)
                if sunday && !yearEnd {
                    notes.append("\(code) \(t.string(version, P.abbreviatedName)): not derived — a Sunday is not a 休日 of \(rule.section) 注1 (日曜日である休日を除く, 12月29日〜1月3日 apart)")
                    continue
                }
            }
            // The band 休日 on a day the calendar knows is no 休日 (日曜・祝日・12月29日〜1月3日: Masters/params/holidays.json; J038
            // (14) 初診料の休日): the 注1 is not derived from it (review 191 AL06).
            if name == TimeBand.holiday.rawValue, Holidays.embedded?.isHoliday(date) == false {
                notes.append("\(code) \(t.string(version, P.abbreviatedName)): not derived — time_band holiday on \(date), which is no 休日 (日曜・祝日・12月29日〜1月3日: 初診料の休日, Masters/params/holidays.json; \(rule.section) 注1); state it if the session began at 17:00 or later")
                continue
            }
            if stated || items.contains(where: { $0.code == code }) { continue }
            found.append(UnitItem(kind: .procedure, code: code))
            notes.append("\(code) \(t.string(version, P.abbreviatedName)): derived from time band \(name) (\(rule.passageRef.containsBytes("注") ? rule.passageRef : "\(rule.section) 注1"), 入院中の患者以外)")
        }
        return (found, notes)
    }
}
