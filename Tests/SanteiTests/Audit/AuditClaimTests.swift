import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// Whole-claim properties of the audit: `apply` never raises points, the new claim fields read the same
/// by both readers, and the documentation is the catalogue.
final class AuditClaimTests: XCTestCase {
    func testApplyNeverRaisesAClaimsPoints() throws {
        let set = try RealData.masters()
        let auditor = Auditor(masters: set)
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: 5)
        var changed = 0
        var previous: Claim?
        for n in 0..<1_500 {
            let claim = try ClaimJSON.parse(ArraySlice(Array(generator.claim(n, using: &rng).utf8)))
            // Every third claim has the previous one as history (as if the same patient's earlier month).
            let history = n % 3 == 0 ? previous.map { [$0] } ?? [] : []
            let result = try auditor.audit(claim, history: history, mode: .apply)
            previous = claim
            // Both modes find the same; every item finding points at the item whose code it names.
            let advised = try auditor.audit(claim, history: history, mode: .advise)
            XCTAssertEqual(advised.findings.map(\.check), result.findings.map(\.check), "claim \(n)")
            XCTAssertNil(advised.corrected)
            for f in result.findings {
                guard let e = f.encounter, let o = f.order, let i = f.item else { continue }
                XCTAssertEqual(claim.encounters[e].orders[o].items[i].code, f.codes.first, "claim \(n): \(f.message)")
            }
            guard let corrected = result.corrected else {
                XCTAssertTrue(result.changes.isEmpty)
                continue
            }
            changed += 1
            let before = try pricer.price(claim, explain: false).totalPoints
            let after = try pricer.price(corrected, explain: false).totalPoints
            XCTAssertLessThanOrEqual(after, before, "claim \(n): \(result.changes.map(\.reason))")
            // The corrected claim has nothing left for apply to do.
            XCTAssertTrue(try auditor.audit(corrected, history: history, mode: .apply).changes.isEmpty, "claim \(n)")
        }
        XCTAssertGreaterThan(changed, 0, "the generated claims exercise apply")
    }

    func testNewClaimFieldsReadAlikeByTheByteReaderAndCodable() throws {
        let line = #"{"id":"x","inpatient":false,"patient":{"birth_date":"1955-04-10","sex":"2","id":"P-7","late_elderly":true},"diseases":[{"code":"8833421","modifiers":["2056"],"start":"2024-05-01","main":true},{"code":"0000999","name":"未コード化"}],"encounters":[{"date":"2024-06-03","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#
        let fast = try ClaimJSON.parse(ArraySlice(Array(line.utf8)))
        let reference = try JSONDecoder().decode(Claim.self, from: Data(line.utf8))
        XCTAssertEqual(fast, reference)
        XCTAssertEqual(fast.patient.id, "P-7")
        XCTAssertEqual(fast.patient.lateElderly, true)
        XCTAssertEqual(fast.diseases?.map(\.code), ["8833421", "0000999"])
        XCTAssertEqual(fast.diseases?[0].modifiers, ["2056"])
        XCTAssertEqual(fast.inpatient, false)
        XCTAssertThrowsError(try ClaimJSON.parse(ArraySlice(Array(#"{"id":"x","inpatient":"no","patient":{"birth_date":"1960-04-10"},"encounters":[]}"#.utf8)))) {
            XCTAssertEqual(($0 as! ClaimError).message, "inpatient: expected true or false")
        }
    }

    /// Review 94: a 検体検査 and a 処置 that 外来診療料 includes (A002 注6), billed beside it as a faulty レセコン would, passed
    /// the audit silently; SA-I002 names them (reported only: the price already leaves them out). Not on another day.
    func testItemsIncludedInTheOutpatientFeeAreReported() throws {
        let auditor = Auditor(masters: try RealData.masters())
        let visit = #"{"date":"2024-07-08","orders":[{"category":12,"items":[{"code":"112011310"}]},{"category":40,"items":[{"code":"140000610"}]}TEST]}"#
        let test = #"{"category":60,"items":[{"code":"160008010"}]}"#
        func claim(_ encounters: String) throws -> Claim {
            try ClaimJSON.parse(ArraySlice(Array((#"{"id":"a002","patient":{"birth_date":"1970-01-01","sex":"1"},"facility":{"kind":"hospital","beds":300},"diseases":[{"code":"8833421","start":"2024-07-01"}],"encounters":["#
                + encounters + "]}").utf8)))
        }
        let same = try auditor.audit(try claim(visit.replacingOccurrences(of: "TEST", with: "," + test)), mode: .apply).findings.filter { $0.check == .includedInOutpatientFee }
        XCTAssertEqual(same.map(\.codes.first), ["140000610", "160008010"])
        XCTAssertTrue(same.allSatisfy { $0.severity == .warning && !$0.applied && $0.message.contains("A002 注6") }, "\(same.map(\.message))")
        let otherDay = visit.replacingOccurrences(of: "TEST", with: "") + #",{"date":"2024-07-09","orders":["# + test + "]}"
        let other = try auditor.audit(try claim(otherDay), mode: .apply).findings.filter { $0.check == .includedInOutpatientFee }
        XCTAssertEqual(other.map(\.codes.first), ["140000610"], "the test of another day is billed")
    }

    /// Review 361 HA-2: the audit door prices the claim for points that do not fit the receipt. 620002477 (21.30円) × 99,999,999.99999
    /// comes to 2,129,999,999.9998円 → 1 + ⌈(円 − 15) ÷ 10⌉ = 213,000,000 points per 回, over the 7-digit 点数: the same error as
    /// `santei price`; one tablet of it is audited as before (SA-D001 alone), and a date no master covers stays a finding (SA-C001).
    func testTheAuditDoorRefusesAClaimWhosePointsDoNotFitTheReceipt() throws {
        let masters = try RealData.masters()
        let pricer = ClaimPricer(masters: masters, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let auditor = Auditor(masters: masters)
        func line(_ quantity: String, date: String = "2024-07-01") -> ArraySlice<UInt8> {
            ArraySlice(Array(#"{"id":"x","patient":{"birth_date":"1990-01-20"},"encounters":[{"date":"\#(date)","orders":[{"category":21,"items":[{"code":"620002477","quantity":\#(quantity)}],"times":1}]}]}"#.utf8))
        }
        for mode in [AuditMode.advise, .apply] {
            guard case .failure(let e) = ServiceLines.audit(line("99999999.99999"), auditor: auditor, mode: mode, pricer: pricer) else { return XCTFail("audited") }
            XCTAssertTrue(e.overflow)
            XCTAssertTrue(e.message.contains("213000000 points per 回 is over the receipt's 7-digit 点数"), e.message)
        }
        guard case .success(let fine) = ServiceLines.audit(line("1"), auditor: auditor, mode: .advise, pricer: pricer) else { return XCTFail("refused") }
        XCTAssertEqual(fine.findings.map(\.check.rawValue), ["SA-D001"])
        guard case .success(let uncovered) = ServiceLines.audit(line("1", date: "9999-12-31"), auditor: auditor, mode: .advise, pricer: pricer) else { return XCTFail("refused") }
        // A date no loaded master covers: one SA-C013 warning per kind of master (review 380 HT-4), not an SA-C001 error a row.
        XCTAssertEqual(uncovered.findings.filter { $0.check.rawValue == "SA-C013" }.map(\.severity), [.warning])
        XCTAssertFalse(uncovered.findings.contains { $0.check.rawValue == "SA-C001" })
    }

    func testTheChecksDocumentIsGeneratedFromTheCatalogue() throws {
        let text = try String(contentsOfFile: Paths.packageRoot + "/docs/audit-checks.md", encoding: .utf8)
        XCTAssertEqual(text, AuditCheck.markdown(), "regenerate: santei audit --list-checks --markdown > docs/audit-checks.md")
    }

    func testCheckIDsAreUniqueAndWellFormed() {
        let ids = AuditCheck.catalogue.map(\.id.rawValue)
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids { XCTAssertNotNil(id.range(of: #"^SA-[A-Z][0-9]{3}$"#, options: .regularExpression), id) }
        XCTAssertTrue(AuditCheck.catalogue.filter { $0.applies != nil }.allSatisfy { $0.severity == .error }, "apply only acts on errors")
    }
}
