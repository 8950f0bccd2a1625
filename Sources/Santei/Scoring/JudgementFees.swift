/// 検査等実施判断グループ区分 → the codes that are its 判断料/診断料 (検査等実施判断区分 2), per chain.
final class JudgementIndex: @unchecked Sendable {
    private(set) var fees: [Int: [Int]] = [:]
    /// Code index → group, for a row that is its group's fee by 区分 though the master gives it no group (E203
    /// 他医撮影のコンピューター断層診断: 区分 E203, 検査等実施判断区分 0): a base row (告示等識別区分（１） 1, 3 or 5) of
    /// a 区分 whose 判断料 rows are of one group only. Billed, it is that group's fee of the month (通知 E203 (1)
    /// 月１回; (3) 他医撮影 on the 初診 day).
    private(set) var aliases: [Int: Int] = [:]

    init(_ t: MasterTable) {
        let P = ProcedureColumn.self
        var sectionGroups: [SectionCode: Set<Int>] = [:]
        for i in 0..<t.codeCount {
            var seen = Set<Int>()
            for v in t.versions(ofCode: i) where t.integer(v, P.judgementClass) == 2 {
                if let g = t.integer(v, P.judgementGroup), g != 0, seen.insert(g).inserted {
                    fees[g, default: []].append(i)
                    if let s = SectionCode(t, v) { sectionGroups[s, default: []].insert(g) }
                }
            }
        }
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) where (t.integer(v, P.judgementClass) ?? 0) == 0 && (t.integer(v, P.judgementGroup) ?? 0) == 0 {
                let k1 = t.bytes(v, P.noticeClass1).first
                guard k1 == UInt8(ascii: "1") || k1 == UInt8(ascii: "3") || k1 == UInt8(ascii: "5"),
                      let s = SectionCode(t, v), let groups = sectionGroups[s], groups.count == 1, let g = groups.first else { continue }
                aliases[i] = g
                break
            }
        }
    }
}

/// D026 検体検査判断料 (and the 診断料 the master groups the same way, e.g. E203 コンピューター断層診断):
/// "月1回に限り算定" (R06 ika-kokuji.txt, D026 通則). For each 検査等実施判断グループ with a test
/// (検査等実施判断区分 1) in the month and no fee of that group stated, the group's fee is added once,
/// on the first day such a test was done — when exactly one fee code of the group applies to the receipt
/// (入外適用区分: 入院外, or 入院 for an 入院 claim) on that day (groups with several, such as 脳波検査判断料１/２,
/// depend on the facility: stated by the clerk).
///
/// A 診断料 whose condition is a fact of the facility (facility-add-ons.json `judgement_facts`: N006 病理診断料, 病理診断を
/// 専ら担当する医師) is derived only with that fact (`facility.facts`); without it the group's tests earn the fee of
/// its `otherwise_group` (N007 病理判断料, once a month whatever the tests), and a stated fee of either stops the other
/// (N007 注2: N006 を算定した場合には算定しない).
struct JudgementFeeDeriver {
    /// The passage that bills a 判断料・診断料 once a month, by its 区分 (review 276 DS-5: E102 and E203 were cited as D026):
    /// R06 ika-kokuji.txt 9314-9315 (D026 注1), 10628-10629 (E102 注), 10738-10739 (E203 注); R08 9943, 11287, 11401 the same.
    static func monthlyRule(_ t: MasterTable, _ v: Int) -> String {
        let section = t.string(v, ProcedureColumn.codeTableAlphabet) + t.string(v, ProcedureColumn.sectionNumber)
        switch section {
        case "E102": return "E102 注: 行った核医学診断の種類又は回数にかかわらず、月１回に限り算定"
        case "E203": return "E203 注: コンピューター断層撮影の種類又は回数にかかわらず、月１回に限り算定"
        case "D026": return "D026 注1: 該当する検体検査の種類又は回数にかかわらずそれぞれ月１回に限り算定"
        default: return "\(section) 注: 月１回に限り算定"
        }
    }

    let set: MasterSet
    var rules: FacilityAddOnRules? = nil
    var facts: Set<String> = []
    /// The facility's 施設基準 and the day each holds from (`facility.standards`; nil: not stated).
    var standards: [(code: Int, from: Int)]? = nil

    struct Test { var encounter: Int; var date: ServiceDate; var code: UInt64 }

    /// (encounter, fee code, note) to add, or notes when the fee cannot be chosen.
    func derive(tests: [(encounter: Int, date: ServiceDate, items: [UnitItem])], inpatient: Bool = false) -> (added: [(encounter: Int, code: UInt64, category: Int, note: String)], notes: [String]) {
        let P = ProcedureColumn.self
        var firstTest: [Int: Test] = [:]      // group → first test
        var stated = Set<Int>()              // groups whose fee is already billed
        var statedOn: [Int: ServiceDate] = [:]
        var cached: (chain: Int, index: JudgementIndex)? = nil   // one cache look-up (a lock) per chain, not per order
        for entry in tests {
            guard let chain = try? set.chainIndex(.procedure, on: entry.date) else { continue }
            let t = set.tables[chain]
            let index: JudgementIndex
            if let c = cached, c.chain == chain { index = c.index } else {
                index = set.chainCache(chain, "judgement") { JudgementIndex($0) }
                cached = (chain, index)
            }
            for item in entry.items where item.kind == .procedure {
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: entry.date) else { continue }
                guard let g = t.integer(v, P.judgementGroup), g != 0 else {
                    // A base row that is its 区分's fee without a group (E203 他医撮影のコンピューター断層診断): stated.
                    if let a = index.aliases[i] { stated.insert(a); statedOn[a] = entry.date }
                    continue
                }
                switch t.integer(v, P.judgementClass) {
                case 1:
                    if let f = firstTest[g], f.date <= entry.date { continue }
                    firstTest[g] = Test(encounter: entry.encounter, date: entry.date, code: item.code)
                case 2: stated.insert(g); statedOn[g] = entry.date
                default: break
                }
            }
        }
        var added: [(Int, UInt64, Int, String)] = [], notes: [String] = []
        var looked: [Int: [(UInt64, Int)]] = [:]   // by group and day: each is looked up once
        func candidates(_ g: Int, _ date: ServiceDate) -> [(UInt64, Int)] {
            let key = g &* 1_000_003 &+ date.dayNumber
            if let c = looked[key] { return c }
            let c = lookUp(g, date)
            looked[key] = c
            return c
        }
        func lookUp(_ g: Int, _ date: ServiceDate) -> [(UInt64, Int)] {
            guard let chain = try? set.chainIndex(.procedure, on: date) else { return [] }
            let t = set.tables[chain]
            let index = set.chainCache(chain, "judgement") { JudgementIndex($0) }
            let all = (index.fees[g] ?? []).compactMap { i -> (UInt64, Int)? in
                guard let v = t.version(ofCode: i, on: date), t.integer(v, P.inpatientApplicability) != (inpatient ? 2 : 1) else { return nil }
                return (t.code(at: i), v)
            }
            // A 判断料 row that names a 施設基準 (D270-2 ロービジョン検査判断料 3062, D238 脳波検査判断料１ 3480) is the
            // fee of a facility that notified it: not derived unless the claim's facility.standards hold it on the
            // day; one that does is chosen before the group's fee without a 施設基準 (脳波検査判断料１ before ２).
            let columns = { (v: Int) in (0..<P.facilityStandardCount).map { FacilityStandard(rawValue: t.integer(v, P.facilityStandardFirst + $0) ?? 0) } }
            let needs = { (v: Int) in columns(v).contains { $0 != .none } }
            guard all.contains(where: { needs($0.1) }) else { return all }
            let held = Set((standards ?? []).filter { $0.from <= date.dayNumber }.map(\.code))
            let met = all.filter { needs($0.1) && set.facilityStandards.requirementIsMet(columns: columns($0.1), on: date, holds: { held.contains($0.rawValue) }) }
            return met.isEmpty ? all.filter { !needs($0.1) } : met
        }
        // A group whose one fee needs a fact the facility does not state earns its `otherwise_group`'s fee instead;
        // a gated fee billed (stated, or derived with the fact) stops the otherwise-group's fee (N007 注2).
        var groups: [Int: (test: Test, via: String?)] = [:]
        var excluded = Set<Int>()
        for (g, date) in statedOn {
            guard let version = rules?.version(on: date), !version.judgementFacts.isEmpty else { continue }
            let c = candidates(g, date)
            if c.count == 1, let rule = version.judgementFacts.first(where: { $0.code == String(c[0].0) }) { excluded.insert(rule.otherwiseGroup) }
        }
        for (g, test) in firstTest.sorted(by: { $0.key < $1.key }) {
            var target = g, via: String?
            if let version = rules?.version(on: test.date), !version.judgementFacts.isEmpty {
                let c = candidates(g, test.date)
                if c.count == 1, let rule = version.judgementFacts.first(where: { $0.code == String(c[0].0) }) {
                    if stated.contains(g) {
                        continue
                    } else if stated.contains(rule.otherwiseGroup) {
                        notes.append("判断グループ \(g): \(rule.code) not derived — the fee of 判断グループ \(rule.otherwiseGroup) is stated (\(rule.passage))")
                        continue
                    } else if !facts.contains(rule.fact) {
                        target = rule.otherwiseGroup
                        via = "in place of \(rule.code), which needs facility.facts \"\(rule.fact)\" (\(rule.passage))"
                    } else {
                        excluded.insert(rule.otherwiseGroup)
                    }
                }
            }
            if stated.contains(target) { continue }
            if let e = groups[target], e.test.date <= test.date { continue }
            groups[target] = (test, via)
        }
        for (g, entry) in groups.sorted(by: { $0.key < $1.key }) {
            let test = entry.test
            if excluded.contains(g) {
                notes.append("判断グループ \(g): not derived — a 診断料 that excludes it is billed this month (N007 注2)")
                continue
            }
            guard let chain = try? set.chainIndex(.procedure, on: test.date) else { continue }
            let t = set.tables[chain]
            let candidates = candidates(g, test.date)
            guard candidates.count == 1, let (code, v) = candidates.first else {
                if !candidates.isEmpty {
                    notes.append("判断グループ \(g): several fees apply (\(candidates.map { String($0.0) }.joined(separator: ", "))); none derived, state the one that applies")
                }
                continue
            }
            if let rule = rules?.version(on: test.date)?.judgementStatedOnly.first(where: { $0.code == String(code) }) {
                notes.append("判断グループ \(g): \(code) \(t.string(v, P.abbreviatedName)) not derived — its condition is a fact of the patient and the care the claim does not carry; state it when it holds (\(rule.passage))")
                continue
            }
            let category = t.integer(v, inpatient ? P.pointColumnInpatient : P.pointColumnOutpatient) == 700 ? 70 : 60
            added.append((test.encounter, code, category, "\(code) \(t.string(v, P.abbreviatedName)): derived once for the month for 判断グループ \(g) (first test \(test.code) on \(test.date); \(Self.monthlyRule(t, v)))" + (entry.via.map { "; \($0)" } ?? "")))
        }
        return (added, notes)
    }
}
