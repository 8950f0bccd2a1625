/// 検査等実施判断グループ区分 → the codes that are its 判断料/診断料 (検査等実施判断区分 2), per chain.
final class JudgementIndex: @unchecked Sendable {
    private(set) var fees: [Int: [Int]] = [:]

    init(_ t: MasterTable) {
        let P = ProcedureColumn.self
        for i in 0..<t.codeCount {
            var seen = Set<Int>()
            for v in t.versions(ofCode: i) where t.integer(v, P.judgementClass) == 2 {
                if let g = t.integer(v, P.judgementGroup), g != 0, seen.insert(g).inserted { fees[g, default: []].append(i) }
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
struct JudgementFeeDeriver {
    let set: MasterSet

    struct Test { var encounter: Int; var date: ServiceDate; var code: UInt64 }

    /// (encounter, fee code, note) to add, or notes when the fee cannot be chosen.
    func derive(tests: [(encounter: Int, date: ServiceDate, items: [UnitItem])], inpatient: Bool = false) -> (added: [(encounter: Int, code: UInt64, category: Int, note: String)], notes: [String]) {
        let P = ProcedureColumn.self
        var firstTest: [Int: Test] = [:]      // group → first test
        var stated = Set<Int>()              // groups whose fee is already billed
        for entry in tests {
            guard let chain = try? set.chainIndex(.procedure, on: entry.date) else { continue }
            let t = set.chains[chain].table
            for item in entry.items where item.kind == .procedure {
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: entry.date),
                      let g = t.integer(v, P.judgementGroup), g != 0 else { continue }
                switch t.integer(v, P.judgementClass) {
                case 1:
                    if let f = firstTest[g], f.date <= entry.date { continue }
                    firstTest[g] = Test(encounter: entry.encounter, date: entry.date, code: item.code)
                case 2: stated.insert(g)
                default: break
                }
            }
        }
        var added: [(Int, UInt64, Int, String)] = [], notes: [String] = []
        for (g, test) in firstTest.sorted(by: { $0.key < $1.key }) where !stated.contains(g) {
            guard let chain = try? set.chainIndex(.procedure, on: test.date) else { continue }
            let t = set.chains[chain].table
            let index = set.chainCache(chain, "judgement") { JudgementIndex($0) }
            let candidates = (index.fees[g] ?? []).compactMap { i -> (UInt64, Int)? in
                guard let v = t.version(ofCode: i, on: test.date), t.integer(v, P.inpatientApplicability) != (inpatient ? 2 : 1) else { return nil }
                return (t.code(at: i), v)
            }
            guard candidates.count == 1, let (code, v) = candidates.first else {
                if !candidates.isEmpty {
                    notes.append("判断グループ \(g): several fees apply (\(candidates.map { String($0.0) }.joined(separator: ", "))); none derived, state the one that applies")
                }
                continue
            }
            let category = t.integer(v, inpatient ? P.pointColumnInpatient : P.pointColumnOutpatient) == 700 ? 70 : 60
            added.append((test.encounter, code, category, "\(code) \(t.string(v, P.abbreviatedName)): derived once for the month for 判断グループ \(g) (first test \(test.code) on \(test.date); D026 月1回)"))
        }
        return (added, notes)
    }
}
