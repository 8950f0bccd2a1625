import Foundation
import XCTest
@testable import Santei

/// Runs Tests/SanteiTests/Inpatient/inpatient-cases.json on the real masters: each case's expected receipt
/// lines were derived by hand from the 告示/通知 text its `source` cites (make_cases.py keeps the arithmetic).
/// Every line must match (codes, points or yen per 回, 回数, days); no other line may appear.
final class InpatientGoldenTests: XCTestCase {
    struct File: Decodable { var cases: [Case] }
    struct Line: Decodable, Hashable { var codes: [String]; var points: Int?; var yen: Int?; var times: Int; var days: [Int] }
    struct Expected: Decodable {
        var total_points: Int
        var lines: [Line]
        var meals: [Line]
        var notes_contain: [String]
        var issues_contain: [String]
        var copay: Copay?
        struct Copay: Decodable { var copay_yen: Int; var meal_yen: Int; var yen_total: Int }
    }
    struct Case: Decodable { var name: String; var section: String; var source: String; var claim: Claim; var expected: Expected }

    func testEveryInpatientGoldenCase() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("inpatient-cases.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        let copayParameters = try CopayParameters.load(directory: Paths.mastersDefault + "/params/copay")
        XCTAssertGreaterThanOrEqual(file.cases.count, 20)
        for c in file.cases {
            let what = "\(c.section) \(c.name)"
            // The claim goes through the door as a line would (ClaimJSON + ClaimCheck).
            let line = try JSONEncoder().encode(c.claim)
            let claim = try ClaimJSON.parse(ArraySlice([UInt8](line)))
            let priced = try pricer.price(claim)
            let admission = try XCTUnwrap(priced.admission, what)
            XCTAssertEqual(priced.totalPoints, c.expected.total_points, what)
            let got = Set(admission.lines.map { Line(codes: $0.codes, points: $0.points, yen: nil, times: $0.times, days: $0.days) })
            XCTAssertEqual(got, Set(c.expected.lines), "\(what) (\(c.source)): \(admission.lines.flatMap(\.explanation)) notes \(admission.notes) issues \(admission.issues)")
            let meals = Set(admission.meals.map { Line(codes: $0.codes, points: nil, yen: $0.yen, times: $0.times, days: $0.days) })
            XCTAssertEqual(meals, Set(c.expected.meals), "\(what): \(admission.meals.flatMap(\.explanation)) notes \(admission.notes)")
            for n in c.expected.notes_contain { XCTAssertTrue(admission.notes.contains { $0.contains(n) }, "\(what): no note with \"\(n)\" in \(admission.notes)") }
            if c.expected.issues_contain.isEmpty {
                XCTAssertTrue(priced.complete, "\(what): \(priced.issues)")
            } else {
                XCTAssertFalse(priced.complete, what)
                for n in c.expected.issues_contain { XCTAssertTrue(priced.issues.contains { $0.contains(n) }, "\(what): no issue with \"\(n)\" in \(priced.issues)") }
            }
            if let expected = c.expected.copay {
                let copay = try XCTUnwrap(try ClaimCopay.compute(claim, priced, parameters: copayParameters)?.admission, what)
                XCTAssertEqual(copay.yenTotal, expected.yen_total, what)
                XCTAssertEqual(copay.copayYen, expected.copay_yen, "\(what): \(copay.rounding)")
                XCTAssertEqual(copay.mealYen, expected.meal_yen, what)
            }
        }
    }
}
