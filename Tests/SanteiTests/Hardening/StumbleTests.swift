import Foundation
import XCTest
@testable import Santei

/// Two stumbles of a new user (issue 9 item 6): `masters diff` across a revision, and `revalue` on
/// the README's example.
final class StumbleTests: XCTestCase {
    /// Across 2024-06-01 the real 医科診療行為 files differ in thousands of codes only because columns
    /// 124–131 are blank in one file and "0" in the other: compared by meaning, those are no change.
    func testMastersDiffComparesBlankAndZeroByMeaning() throws {
        let set = try RealData.masters()
        let from = ServiceDate("2024-05-31")!, to = ServiceDate("2024-06-01")!
        let diff = try MasterDiff.compute(set, kind: .procedure, from: from, to: to)
        // The same comparison byte for byte (what the diff did before), for the counts.
        let a = try set.resolve(.procedure, on: from).table, b = try set.resolve(.procedure, on: to).table
        let (_, _, ignored) = MasterDiff.columns(.procedure)
        var rawChanged: [String: [Int]] = [:]
        for i in 0..<b.codeCount {
            guard let w = b.version(ofCode: i, on: to), let j = a.codeIndex(of: b.code(at: i)), let v = a.version(ofCode: j, on: from) else { continue }
            let cols = (1..<min(a.columnCount, b.columnCount)).filter {
                !ignored.contains($0) && $0 != ProcedureColumn.changed && a.string(v, $0) != b.string(w, $0)
            }
            if !cols.isEmpty { rawChanged[String(b.code(at: i)), default: []] = cols }
        }
        XCTAssertGreaterThan(rawChanged.count, 8_000, "byte for byte, as reported in issue 9")
        // 2,418 of 8,364 since the R06 lead-up files' 変更 rows without a 変更年月日 take effect on 2024-06-01
        // (ChainBuilder; before, 277 of them had rewritten the R04 rows back to 2020 and did not show here).
        XCTAssertLessThan(diff.changed.count, rawChanged.count - 5_500, "\(diff.changed.count) of \(rawChanged.count)")
        // A code whose only differences are blank ↔ 0 is not listed.
        let changedCodes = Set(diff.changed.map(\.code))
        let onlyBlankVersusZero = rawChanged.filter { code, cols in
            guard let i = b.codeIndex(of: UInt64(code)!), let w = b.version(ofCode: i, on: to),
                  let j = a.codeIndex(of: UInt64(code)!), let v = a.version(ofCode: j, on: from) else { return false }
            return cols.allSatisfy { c in
                let x = a.string(v, c), y = b.string(w, c)
                return (x.isEmpty && !y.isEmpty && y.allSatisfy { $0 == "0" }) || (y.isEmpty && !x.isEmpty && x.allSatisfy { $0 == "0" })
            }
        }
        XCTAssertGreaterThan(onlyBlankVersusZero.count, 1_000, "\(diff.changed.count) of \(rawChanged.count); e.g. \(rawChanged.first.map { "\($0.key): \($0.value)" } ?? "")")
        for code in onlyBlankVersusZero.keys { XCTAssertFalse(changedCodes.contains(code), code) }
        // A real change is still listed: 初診料 288 → 291.
        let first = try XCTUnwrap(diff.changed.first { $0.code == "111000110" })
        XCTAssertEqual(first.oldAmount, "288.00")
        XCTAssertEqual(first.newAmount, "291.00")
        XCTAssertTrue(first.columns.contains("12 新又は現点数"), "\(first.columns)")
        XCTAssertFalse(first.columns.contains { $0.hasPrefix("124 ") }, "\(first.columns)")
    }

    func testBlankEqualsZeroOnlyWhereTheLayoutSaysSo() {
        func same(_ x: String, _ y: String, _ zero: Bool) -> Bool {
            Array(x.utf8).withUnsafeBufferPointer { a in Array(y.utf8).withUnsafeBufferPointer { b in MasterDiff.sameValue(a, b, zeroWhenBlank: zero) } }
        }
        XCTAssertTrue(same("", "0", true))
        XCTAssertTrue(same("0.00", "", true))
        XCTAssertTrue(same("000", "0", true))
        XCTAssertFalse(same("", "1", true))
        XCTAssertFalse(same("", "0", false), "a text column: blank is not 0")
        XCTAssertTrue(MasterLayout.zeroWhenBlank(.procedure).isSuperset(of: Set(123...130)), "columns 124–131")
        XCTAssertFalse(MasterLayout.zeroWhenBlank(.procedure).contains(ProcedureColumn.abbreviatedName))
    }

    /// `revalue` asks for a kind's master only where a claim uses the kind, per order: on the
    /// embedded sample masters (特定器材 from 2024-06-01 only), the README's film claim prices its
    /// 処置 on 2024-05-31 and counts the film order as unpriced there, instead of failing.
    func testRevalueNeedsAKindsMasterOnlyForTheOrdersThatUseIt() throws {
        let set = try MasterSetBuilder.build(directory: Paths.mastersDefault, calendar: Paths.calendar())
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let text = try String(contentsOfFile: Paths.packageRoot + "/docs/examples/claims.jsonl", encoding: .utf8)
        let claims = try text.split(separator: "\n").map { try ClaimJSON.parse(Array($0.utf8)[...]) }
        XCTAssertEqual(claims.count, 3)
        XCTAssertThrowsError(try set.resolve(.device, on: ServiceDate("2024-05-31")!), "no 特定器材 master covers 2024-05-31")
        var revaluation = Revaluation(from: ServiceDate("2024-05-31")!, to: ServiceDate("2024-06-01")!)
        for (k, claim) in claims.enumerated() {
            let a = try pricer.price(claim, explain: false, mastersDate: revaluation.from)
            let b = try pricer.price(claim, explain: false, mastersDate: revaluation.to)
            revaluation.add(line: k + 1, ClaimSummary(a, claim), ClaimSummary(b, claim))
        }
        XCTAssertTrue(revaluation.errors.isEmpty)
        XCTAssertEqual(revaluation.deltas.map(\.unpricedFrom), [0, 0, 1], "only the film order, on the date no 特定器材 master covers")
        XCTAssertEqual(revaluation.deltas.map(\.unpricedTo), [0, 0, 0])
        // example-3: 創傷処置 52 on both dates; フィルム 半切 120円 × 2 ÷ 10 = 24 only on 2024-06-01.
        XCTAssertEqual(revaluation.deltas[2].fromPoints, 52)
        XCTAssertEqual(revaluation.deltas[2].toPoints, 76)
        // Outside a revaluation a date no master covers still stops the claim.
        var film = claims[2]
        film.encounters[0].date = "2024-05-31"
        XCTAssertThrowsError(try pricer.price(film)) { XCTAssertTrue("\($0)".contains("特定器材"), "\($0)") }
    }
}
