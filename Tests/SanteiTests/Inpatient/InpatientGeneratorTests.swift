import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// `santei-gen --inpatient` (issue 11 item 7): the generated 入院 claims are claims the engine prices whole —
/// every one parses, has its ward's 入院料 on each day in hospital that is not 外泊, its meals, and no issue.
final class InpatientGeneratorTests: XCTestCase {
    func testGeneratedStaysPriceCompletely() throws {
        let set = try RealData.masters()
        var pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        XCTAssertTrue(generator.canGenerateInpatient)
        let copay = try CopayParameters.loadDefault()
        var rng = SplitMix64(seed: 7)
        var wards = Set<String>(), stays = 0, meals = 0
        for n in 0..<300 {
            let line = generator.inpatientClaim(n, using: &rng)
            let claim = try ClaimJSON.parse(Array(line.utf8)[...])
            let admission = try XCTUnwrap(claim.admission, line)
            wards.insert(admission.ward.basicFee)
            let priced = try pricer.price(claim)
            XCTAssertEqual(priced.issues, [], "gen-in-\(n): \(line.prefix(400))")
            let a = try XCTUnwrap(priced.admission)
            // Every day in hospital has its 入院料 line (外泊 days their reduced one).
            XCTAssertFalse(a.days.isEmpty, "gen-in-\(n)")
            XCTAssertTrue(Set(a.days).isSubset(of: Set(a.lines.flatMap(\.days))), "gen-in-\(n): days \(a.days) without an 入院料 line")
            XCTAssertGreaterThan(a.points, 0)
            // The bill at discharge or month end: the generated 所得区分 fits the patient's age band.
            XCTAssertNoThrow(try ClaimCopay.compute(claim, priced, parameters: copay), "gen-in-\(n)")
            // The byte writer of `santei price` lines writes the stay as Foundation's encoder does, byte for byte.
            var bytes: [UInt8] = []
            a.write(into: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(decoding: a.json(), as: UTF8.self), "gen-in-\(n)")
            meals += a.mealCount
            stays += 1
        }
        XCTAssertEqual(stays, 300)
        XCTAssertGreaterThan(meals, 300)
        XCTAssertGreaterThan(wards.count, 3, "wards picked from the month's 入院基本料 rows: \(wards)")
    }
}
