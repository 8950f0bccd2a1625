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
        /// The ordered items a 特定入院料 concerns (`admission.included`), when given: exactly these.
        var included: [Included]?
        struct Included: Decodable, Hashable { var code: String; var day: Int; var removed: Bool }
    }
    struct Case: Decodable {
        var name: String; var section: String; var source: String; var claim: Claim; var expected: Expected
        /// "fixture-02": the real masters plus Fixtures/tensuhyo/ika-R06/02包括テーブル.csv.
        var masters: String?
    }

    /// The real masters with the fixture 02包括テーブル as one more chain (../shared/masters lacks the file).
    static func mastersWithFixtureInclusion() throws -> MasterSet {
        let dir = try Paths.requireShared()
        var plan = try MasterSetBuilder.plan(directory: dir)
        XCTAssertFalse(plan.chains.contains { $0.kind == .inclusion }, "../shared/masters now has a 02包括テーブル: the fixture would be a second one")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tensuhyo/ika-R06/02包括テーブル.csv").path
        plan.chains.append(.init(kind: .inclusion, label: "ika-R06", files: [(fixture, "ika-R06/02包括テーブル.csv", .full, nil)]))
        return try MasterSetBuilder.build(plan: plan, calendar: Paths.calendar(), facilityStandards: try FacilityStandardList.locate(for: dir))
    }

    func testEveryInpatientGoldenCase() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("inpatient-cases.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        var fixturePricer: ClaimPricer?
        let copayParameters = try CopayParameters.load(directory: Paths.mastersDefault + "/params/copay")
        XCTAssertGreaterThanOrEqual(file.cases.count, 20)
        for c in file.cases {
            let what = "\(c.section) \(c.name)"
            // The claim goes through the door as a line would (ClaimJSON + ClaimCheck).
            let line = try JSONEncoder().encode(c.claim)
            let claim = try ClaimJSON.parse(ArraySlice([UInt8](line)))
            var casePricer = pricer
            if let m = c.masters {
                XCTAssertEqual(m, "fixture-02", what)
                if fixturePricer == nil {
                    var p = ClaimPricer(masters: try Self.mastersWithFixtureInclusion(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
                    p.inpatientRules = pricer.inpatientRules
                    fixturePricer = p
                }
                casePricer = fixturePricer!
            }
            let priced = try casePricer.price(claim)
            let admission = try XCTUnwrap(priced.admission, what)
            XCTAssertEqual(priced.totalPoints, c.expected.total_points, what)
            let got = Set(admission.lines.map { Line(codes: $0.codes, points: $0.points, yen: nil, times: $0.times, days: $0.days) })
            XCTAssertEqual(got, Set(c.expected.lines), "\(what) (\(c.source)): \(admission.lines.flatMap(\.explanation)) notes \(admission.notes) issues \(admission.issues)")
            let meals = Set(admission.meals.map { Line(codes: $0.codes, points: nil, yen: $0.yen, times: $0.times, days: $0.days) })
            XCTAssertEqual(meals, Set(c.expected.meals), "\(what): \(admission.meals.flatMap(\.explanation)) notes \(admission.notes)")
            if let expected = c.expected.included {
                let got = (admission.included ?? []).map { Expected.Included(code: $0.code, day: $0.day, removed: $0.removed) }
                XCTAssertEqual(got.count, expected.count, "\(what): \(admission.included ?? [])")
                XCTAssertEqual(Set(got), Set(expected), "\(what): \(admission.included ?? [])")
            } else {
                XCTAssertNil(admission.included, what)
            }
            // The byte writer writes the stay (`included` too) as Foundation's encoder does.
            var bytes: [UInt8] = []
            admission.write(into: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(decoding: admission.json(), as: UTF8.self), what)
            // The stay's notes, or the claim's (an ordered item of the stay: J000 注1 …).
            for n in c.expected.notes_contain { XCTAssertTrue((admission.notes + priced.notes).contains { $0.contains(n) }, "\(what): no note with \"\(n)\" in \(admission.notes + priced.notes)") }
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
