import Foundation
import XCTest
@testable import Santei

/// A small deterministic mutation run over the UKE and master CSV doors (the fuzz targets run the
/// same doors for minutes in CI): thousands of damaged files, no trap, and every damaged UKE is
/// either read whole or reports its faults.
final class MutationTests: XCTestCase {
    /// Damaged files per test: 3,000, or SANTEI_MUTATIONS for a longer run by hand (SANTEI_MUTATION_SEED
    /// picks another sequence).
    static let iterations = Int(ProcessInfo.processInfo.environment["SANTEI_MUTATIONS"] ?? "") ?? 3_000

    /// SplitMix64: the same sequence on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let tokens: [[UInt8]] = [",", "\r\n", "\n", "\r", "RE,", "GO,", "IR,", "HO,", "SI,", "IY,", "TO,", "CO,", "XX,",
                                    "99999999999999999999", "0", "00", "31", "202402", "50602", ".", "..", "1.123456", " ", "\u{1A}"]
        .map { Array($0.utf8) } + [[0], [0x81], [0xFF]]

    static func mutate(_ base: [UInt8], _ rng: inout Random) -> [UInt8] {
        var b = base
        for _ in 0..<(1 + rng.below(4)) {
            let at = rng.below(b.count + 1)
            switch rng.below(4) {
            case 0 where at < b.count: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(contentsOf: tokens[rng.below(tokens.count)], at: at)
            case 2 where at < b.count: b.removeSubrange(at..<min(b.count, at + 1 + rng.below(40)))
            default:
                // Splice a piece of the file elsewhere (concatenations, repeated records).
                let from = rng.below(b.count), length = rng.below(200)
                b.insert(contentsOf: b[from..<min(b.count, from + length)], at: min(at, b.count))
            }
        }
        return b
    }

    func testDamagedUKEFilesNeverTrapAnyDoor() throws {
        let masters = try MasterSetBuilder.build(directory: Paths.mastersDefault, calendar: Paths.calendar())
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        let auditor = Auditor(masters: masters)
        let base = Array(([UKEInputTests.ir] + UKEInputTests.good(1)
                          + [UKEInputTests.re(2), UKEInputTests.ho(366), UKEInputTests.item(),
                             UKEInputTests.item(category: "12", code: "112007410", points: "75", day: 10),
                             UKEInputTests.item("IY", category: "21", code: "620000402", quantity: "1.5", points: "5", times: "7")]
                          + UKEInputTests.good(3) + [UKEInputTests.go(3, 948)]).joined(separator: "\r\n").utf8) + [13, 10]
        // The real-format sample too, when ../shared is there (HO/KO with 公費, SN, SY, CO, 25 receipts).
        var bases = [base]
        if let dir = try? Paths.requireShared("cases/uke"),
           let sample = FileManager.default.contents(atPath: dir + "/RECEIPTC-2021-10-sample.UKE") { bases.append([UInt8](sample)) }
        // 入院 receipts (issue 11 item 6): meals in yen with 数量データ, HO 食事 fields, blank points, two months.
        for name in ["inpatient-short-stay-2024-07.UKE", "inpatient-blank-points-2024-07.UKE", "inpatient-across-2024-06-01.UKE"] {
            bases.append(try InpatientUKETests.fixture(name).bytes)
        }
        var rng = Random(state: UInt64(ProcessInfo.processInfo.environment["SANTEI_MUTATION_SEED"] ?? "") ?? 9)
        var faulty = 0
        for k in 0..<Self.iterations {
            let bytes = Self.mutate(bases[k % bases.count], &rng)
            let doc = UKEDocument(bytes: bytes, name: "m\(k).UKE")
            let report = UKERecalc.run(doc, masters: masters, pricer: pricer, options: .init(parallel: false))
            _ = UKERecalc.rewrite(doc, report)
            if !report.errors.isEmpty { faulty += 1 }
            for e in report.errors { XCTAssertTrue(e.line >= 1 && e.line <= max(1, doc.lineCount), "\(k): \(e)") }
            for entry in UKEClaims.claims(doc) {
                if case .success(let claim) = entry.claim { _ = try? auditor.audit(claim, history: [], mode: .apply) }
            }
            var revaluation = Revaluation(from: ServiceDate("2024-05-31")!, to: ServiceDate("2024-06-01")!)
            revaluation.add(uke: doc, masters: masters, pricer: pricer)
            for d in revaluation.deltas { _ = d.delta }
        }
        XCTAssertGreaterThan(faulty, Self.iterations / 3, "most damaged files report a fault")
    }

    func testDamagedMasterFilesNeverTrapTheLoader() throws {
        let base = Fixture.cp932(MasterInputTests.good + Fixture.procedure("160000310", name: "検査", points: "26.00", from: "20240601",
                                                                         extra: [ProcedureColumn.kizamiKind: "1", ProcedureColumn.kizamiLower: "1",
                                                                                 ProcedureColumn.kizamiUpper: "99999999", ProcedureColumn.kizamiStep: "1",
                                                                                 ProcedureColumn.kizamiPoints: "10.00"]))
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        var rng = Random(state: UInt64(ProcessInfo.processInfo.environment["SANTEI_MUTATION_SEED"] ?? "") ?? 7)
        var loaded = 0
        for _ in 0..<Self.iterations {
            let bytes = Self.mutate(base, &rng)
            guard let set = try? MasterSetBuilder.loadSingle(kind: .procedure, bytes: bytes, name: "s_ALL20240531.csv") else { continue }
            loaded += 1
            for chain in set.chains {
                let t = chain.table
                for v in 0..<t.versionCount {
                    for c in 0..<t.columnCount { _ = t.integer(v, c); _ = t.hundredths(v, c) }
                }
            }
            for code: UInt64 in [111000110, 112018390, 160000310] { _ = try? set.record(.procedure, code: code, on: ServiceDate("2024-06-03")!) }
            let dated = DatedMasters(set, on: ServiceDate("2024-06-03")!)
            for code: UInt64 in [111000110, 160000310] {
                _ = pricer.price([UnitItem(kind: .procedure, code: code, quantity: 5 * UnitItem.quantityScale)], category: 60, masters: dated, explain: true)
            }
        }
        XCTAssertGreaterThan(loaded, 0)
    }
}
