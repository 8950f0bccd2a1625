// 第２部 第３節 特定入院料: ordered 区分 not billed on a day the stay bills a given 入院料 row — A300 注8, A301 注4,
// A301-2 注3, A301-3 注3, A301-4 注3 早期離床・リハビリテーション加算 「この場合において、同一日に区分番号Ｈ０００…
// Ｈ００１…Ｈ００１－２…Ｈ００２…Ｈ００３…Ｈ００７…及びＨ００７－２…は、算定できない」
// (../shared/legal/R06/ika-kokuji.txt 2720-2730, 2816-2826, 2870-2880, 2910-2920, 2957-2967). The rows and the 区分
// are data: Masters/params/inpatient/same-day-exclusions.json.

extension ClaimPricer {
    /// Marks in `out` the ordered items of the claim a same-day rule leaves unbilled: an item whose row is of a
    /// rule's 区分 on a day whose 入院料 lines (診療識別 90: derived, or stated in `admission.additions`) hold one
    /// of the rule's rows. Each is listed in `admission.included` (removed) and named in a note.
    func sameDayExclusions(_ claim: Claim, _ stay: PricedAdmission, law: InpatientRules?, into out: inout SpecifiedFeeInclusion) {
        guard let law, !law.sameDayExclusions.entries.isEmpty, let first = claim.encounters.first.flatMap({ ServiceDate($0.date) }) else { return }
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date), date.year == first.year, date.month == first.month,
                  let rules = law.sameDayExclusions.inForce(on: date)?.value, !rules.isEmpty else { continue }
            // The 入院料 rows billed on the day, and each rule one of them triggers (早期離床 and 早期栄養介入 both).
            var triggers: [(rule: InpatientRules.SameDayExclusion, code: UInt64)] = []
            for rule in rules {
                search: for line in stay.lines where line.category == 90 && (rule.wholeMonth || line.days.contains(date.day)) {
                    for text in line.codes {
                        guard let c = UInt64(text), rule.when.contains(c) else { continue }
                        triggers.append((rule, c)); break search
                    }
                }
            }
            guard !triggers.isEmpty, case .success(let t) = DatedMasters(masters, on: date).procedures else { continue }
            for (rule, by) in triggers {
                for (o, order) in encounter.orders.enumerated() {
                    for (i, item) in order.items.enumerated() {
                        guard item.code.first == "1", item.code.utf8.count == 9, let code = UInt64(item.code),
                              let k = t.codeIndex(of: code), let v = t.version(ofCode: k, on: date) else { continue }
                        guard rule.codes.contains(code) || SectionCode(t, v).map({ rule.sections.contains($0) }) == true else { continue }
                        let path = "encounters[\(e)].orders[\(o)].items[\(i)]"
                        guard out.removed.insert(.init(encounter: e, order: o, item: i)).inserted else { continue }
                        let why = rule.wholeMonth ? "not billed: \(by) is billed in the month (\(rule.passage.prefix(while: { $0 != ":" })): 別に算定できない)"
                                                 : "not billed: \(by) is billed on \(date) (\(rule.passage.prefix(while: { $0 != ":" })): 同一日に…算定できない)"
                        out.report.append(.init(path: path, code: item.code, day: date.day, includedIn: String(by), group: nil, removed: true, reason: why))
                        out.notes.append("\(path) \(item.code) on \(date): \(why)")
                    }
                }
            }
        }
    }
}
