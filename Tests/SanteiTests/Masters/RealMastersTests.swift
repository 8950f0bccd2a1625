import XCTest
@testable import Santei

/// Proofs on the official files in ../shared/masters (SANTEI_SHARED). Skipped with a message
/// outside CI when the folder is missing; a failure in CI.
final class RealMastersTests: XCTestCase {
    func realSet() throws -> MasterSet { try RealData.masters() }

    func d(_ s: String) -> ServiceDate { ServiceDate(s)! }

    /// One full file on its own, without the updates published after it.
    func fullFileAlone(_ kind: MasterKind, _ relative: String) throws -> MasterTable {
        let dir = try Paths.requireShared()
        let name = String(relative.split(separator: "/").last!)
        let plan = MasterSetBuilder.Plan(chains: [.init(kind: kind, label: name, files: [(dir + "/" + relative, name, .full, nil)])], ignored: [])
        let set = try MasterSetBuilder.build(plan: plan, calendar: Paths.calendar())
        Self.keepAlive.append(set)
        return set.chains[0].table
    }
    nonisolated(unsafe) static var keepAlive: [MasterSet] = []

    /// Compares without flooding the log: the count and the first few.
    func assertNone(_ differences: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(differences.isEmpty, "\(differences.count) \(what), e.g. \(differences.prefix(8))", file: file, line: line)
    }

    func testEveryOfficialFileKindLoadsIntoChainsWithCoverage() throws {
        let set = try realSet()
        let counts = Dictionary(grouping: set.chains, by: \.kind).mapValues(\.count)
        XCTAssertEqual(counts[.procedure], 2); XCTAssertEqual(counts[.device], 2); XCTAssertEqual(counts[.comment], 2)
        for kind: MasterKind in [.drug, .commentRelation, .disease, .modifier, .auxiliary, .conflictMonth, .conflictSimultaneous, .conflictWeek, .inpatientBasic, .countLimit] {
            XCTAssertEqual(counts[kind], 1, "\(kind)")
        }
        XCTAssertNil(counts[.inclusion], "02包括 is not in ../shared")
        let s = set.chains(of: .procedure)
        XCTAssertEqual(s[0].label, "s_ALL20220218.csv")
        XCTAssertEqual(s[0].manifest.sources.count, 1 + 58, "the full file and the 58 updates from s_20220304 to s_20240530")
        XCTAssertEqual(s[0].coverage, d("20200401")...d("20260531"))
        XCTAssertEqual(s[1].coverage, d("20240601")...d("20260531"))
        XCTAssertEqual(try set.resolve(.procedure, on: d("20211001")).label, "s_ALL20220218.csv")
        XCTAssertEqual(try set.resolve(.procedure, on: d("20240601")).label, "s_ALL20240531.csv")
        XCTAssertThrowsError(try set.resolve(.procedure, on: d("20260601")), "令和8年度 masters are not loaded")
        XCTAssertEqual(try set.resolve(.drug, on: d("20250901")).coverage, d("20240401")...d("20260331"))
        XCTAssertEqual(try set.resolve(.conflictMonth, on: d("20240601")).coverage, d("20240601")...d("20260531"))
    }

    /// Issue 2, item 4: s_ALL20220218 + every update to s_20240530, on 2024-06-01, equals s_ALL20240531.
    func testUpdatesFrom2022ReproduceThe2024FullFile() throws {
        let set = try realSet()
        let a = set.chains(of: .procedure)[0].table
        let b = try fullFileAlone(.procedure, "kihon/s/full/s_ALL20240531.csv")
        let day = d("20240601")
        func valid(_ t: MasterTable) -> [UInt64: Int] {
            var out: [UInt64: Int] = [:]
            for i in 0..<t.codeCount { if let v = t.version(ofCode: i, on: day) { out[t.code(at: i)] = v } }
            return out
        }
        let va = valid(a), vb = valid(b)
        XCTAssertEqual(va.count, 10_133)
        assertNone(va.keys.filter { vb[$0] == nil }.map { "\($0)" }, "codes valid only after the updates")
        assertNone(vb.keys.filter { va[$0] == nil }.map { "\($0)" }, "codes valid only in the full file")
        let S = ProcedureColumn.self
        let compared: [(Int, String)] = [
            (S.abbreviatedName, "省略漢字名称"), (S.basicName, "基本漢字名称"), (S.pointKind, "点数識別"), (S.points, "新又は現点数"),
            (S.inpatientApplicability, "入外適用区分"), (S.pointColumnOutpatient, "点数欄集計先（入院外）"),
            (S.pointColumnInpatient, "点数欄集計先（入院）"), (S.addOnCode, "注加算コード"), (S.addOnSerial, "注加算通番"),
            (S.generalAgeRule, "通則年齢"), (S.minimumAge, "下限年齢"), (S.maximumAge, "上限年齢"), (S.abolished, "廃止年月日"),
        ] + (0..<12).map { (S.ageAddOnFirst + $0, "年齢加算 \($0 / 3 + 1)") }
        // Known differences, each with its reason. 注加算通番 of 190836370: the updates wrote "Z"
        // in s_20240306 and no later update changed it; the 2024 full file has "1".
        let known: Set<String> = ["190836370/\(S.addOnSerial)"]
        var differences: [String] = []
        for (code, v) in va {
            let w = vb[code]!
            for (column, name) in compared where a.string(v, column) != b.string(w, column) {
                let key = "\(code)/\(column)"
                if !known.contains(key) { differences.append("\(code) \(name): \(a.string(v, column)) ≠ \(b.string(w, column))") }
            }
        }
        assertNone(differences, "unexpected differences")
        for k in known {
            let parts = k.split(separator: "/").map { Int($0)! }
            XCTAssertNotEqual(a.string(va[UInt64(parts[0])]!, parts[1]), b.string(vb[UInt64(parts[0])]!, parts[1]), "known difference \(k) no longer differs: remove it")
        }
    }

    /// t_ALL20240315 + updates to t_20250829 against the full t_ALL20251128, on 2025-11-27.
    func testDeviceUpdatesReproduceTheLaterFullFile() throws {
        let set = try realSet()
        try compareChains(set.chains(of: .device)[0].table, fullFileAlone(.device, "kihon/t/full/t_ALL20251128.csv"), on: d("20251127"),
                          ignoring: [18: "漢字名称変更区分 is relative to each file's previous release",
                                     19: "カナ名称変更区分, likewise",
                                     25: "公表順序番号 is renumbered in each full file"])
    }

    /// c_ALL20230801 + updates to c_20250715 against the full c_ALL20250715, on 2025-10-01.
    func testCommentUpdatesReproduceTheLaterFullFile() throws {
        let set = try realSet()
        try compareChains(set.chains(of: .comment)[0].table, fullFileAlone(.comment, "kihon/c/full/c_ALL20250715.csv"), on: d("20251001"),
                          ignoring: [0: "変更区分 is relative to each file's previous release",
                                     20: "変更年月日: the full file re-dates unchanged rows to 20240601"],
                          knownCells: ["840000082/19": "選択式コメント識別 changed in the full file without an update row"])
    }

    func compareChains(_ a: MasterTable, _ b: MasterTable, on day: ServiceDate, ignoring: [Int: String], knownCells: [String: String] = [:]) throws {
        var onlyA: [UInt64] = [], differences: [String] = [], seenKnown = 0
        for i in 0..<a.codeCount {
            guard let v = a.version(ofCode: i, on: day) else { continue }
            let code = a.code(at: i)
            guard let j = b.codeIndex(of: code), let w = b.version(ofCode: j, on: day) else { onlyA.append(code); continue }
            for c in 1..<a.columnCount where ignoring[c] == nil && a.string(v, c) != b.string(w, c) {
                if knownCells["\(code)/\(c)"] != nil { seenKnown += 1; continue }
                differences.append("\(code) col \(c + 1): \(a.string(v, c)) ≠ \(b.string(w, c))")
            }
        }
        for i in 0..<b.codeCount where b.version(ofCode: i, on: day) != nil {
            XCTAssertNotNil(a.codeIndex(of: b.code(at: i)).flatMap { a.version(ofCode: $0, on: day) }, "\(b.code(at: i)) only in the full file")
        }
        // A code valid only in the older chain must be one the full file re-dated after `day`
        // (a full file keeps only each code's newest version).
        for code in onlyA {
            let j = try XCTUnwrap(b.codeIndex(of: code), "\(code) missing from the full file")
            XCTAssertTrue(b.versions(ofCode: j).allSatisfy { b.validFrom($0) > day }, "\(code) dropped without reason")
        }
        assertNone(differences, "unexpected differences")
        XCTAssertEqual(seenKnown, knownCells.count, "a known difference no longer differs")
    }

    /// y has one full file: every row of every update must hold in the version valid on its 変更年月日.
    func testEveryDrugUpdateRowHoldsOnItsEffectiveDate() throws {
        let dir = try Paths.requireShared()
        let set = try realSet()
        let chain = set.chains(of: .drug)[0]
        XCTAssertEqual(chain.manifest.sources.count, 1 + 23)
        var checked = 0
        var latest: [String: Int] = [:]   // code/date → last update index, later rows win
        var rows: [(String, ServiceDate, [Int: String], Int)] = []
        for (n, source) in chain.manifest.sources.dropFirst().enumerated() {
            let f = try LoadedFile.read(path: dir + "/kihon/y/updates/" + source.name, name: source.name, kind: .drug, role: .update, published: nil)
            for r in 0..<f.records.rowCount where f.records.string(r, 0) == "5" || f.records.string(r, 0) == "3" {
                let code = f.records.string(r, 2)
                guard let date = ServiceDate(f.records.string(r, 29)) else { continue }
                var values: [Int: String] = [:]
                for c in 3..<f.records.fieldCount(row: r) where c != 0 && !f.records.field(r, c).isEmpty { values[c] = f.records.string(r, c) }
                rows.append((code, date, values, n)); latest["\(code)/\(date)"] = n
            }
        }
        for (code, date, values, n) in rows where latest["\(code)/\(date)"] == n {
            let rec = try XCTUnwrap(set.record(.drug, code: UInt64(code)!, on: date), "\(code) on \(date)")
            for (c, value) in values where c != 30 { XCTAssertEqual(rec[c], value, "\(code) col \(c + 1) on \(date)") }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 3000)
    }

    func testElectronicTablesAndNamesDecodeExactly() throws {
        let set = try realSet()
        let day = d("20240601")
        let conflicts = try set.resolve(.conflictMonth, on: day).table
        let pairs = conflicts.versions(where: 1, is: 111000110).filter { conflicts.isValid($0, on: day) }
        XCTAssertTrue(pairs.contains { conflicts.string($0, 3) == "113010370" && conflicts.string($0, 5) == "1" })
        let limits = try set.resolve(.countLimit, on: day).table
        let firstVisit = limits.versions(where: 1, is: 111000110)
        XCTAssertEqual(firstVisit.map { limits.string($0, 3) + "/" + limits.string($0, 5) }, ["159/1"], "初診時 1回")
        let shoshin = try XCTUnwrap(set.record(.procedure, code: 111000110, on: day))
        XCTAssertEqual(shoshin[4], "初診料"); XCTAssertEqual(shoshin[6], "ｼｮｼﾝﾘｮｳ"); XCTAssertEqual(shoshin[11], "291.00")
        XCTAssertEqual(try set.record(.procedure, code: 111000110, on: d("20211001"))?[11], "288.00")
    }
}
