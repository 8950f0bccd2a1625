import Foundation
import XCTest
@testable import Santei

/// Runs Tests/SanteiTests/Golden/pricing-cases.json: each case a claim priced whole (derivation
/// included) on the real masters, on both sides of 2024-06-01.
final class GoldenPricingTests: XCTestCase {
    struct File: Decodable { var cases: [Case] }
    struct Case: Decodable {
        var name: String
        var section: String
        var source: String
        var date: String
        var claim: Claim
        var expected_total: Int
    }

    func testEveryGoldenCase() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pricing-cases.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        XCTAssertGreaterThanOrEqual(file.cases.count, 20)
        for c in file.cases {
            let priced = try pricer.price(c.claim)
            XCTAssertTrue(priced.complete, "\(c.section) \(c.name): \(priced.issues)")
            XCTAssertEqual(priced.totalPoints, c.expected_total, "\(c.section) \(c.name) on \(c.date) (\(c.source)): \(priced.orders.flatMap(\.explanation))")
        }
    }
}
