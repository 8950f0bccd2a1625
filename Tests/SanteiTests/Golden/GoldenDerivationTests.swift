import Foundation
import XCTest
@testable import Santei

/// Runs Tests/SanteiTests/Golden/derivation-cases.json (issue 12): claims whose 投薬 fees and 施設基準 add-ons
/// are not stated, priced whole on the real masters; the total and the derived codes were worked by hand.
final class GoldenDerivationTests: XCTestCase {
    struct File: Decodable { var cases: [Case] }
    struct Case: Decodable {
        var name: String
        var section: String
        var source: String
        var date: String
        var claim: Claim
        var expected_total: Int
        var expected_derived: [String]
        var expected_note_contains: String?
        /// A text no note or explanation may hold (a derivation taken back keeps only the note saying why).
        var expected_note_absent: String?
        /// "apply": the claim is priced as `santei price` prices it, after the audit's apply (`ServiceLines.priceAudited`).
        var audit: String?
    }

    func testEveryDerivationCase() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("derivation-cases.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        XCTAssertGreaterThanOrEqual(file.cases.count, 20)
        let auditor = Auditor(masters: try RealData.masters())
        for c in file.cases {
            let priced = c.audit == "apply" ? try ServiceLines.priceAudited(c.claim, (auditor, .apply), pricer).1 : try pricer.price(c.claim)
            let label = "\(c.section) \(c.name) on \(c.date)"
            XCTAssertTrue(priced.complete, "\(label): \(priced.issues)")
            XCTAssertEqual(priced.totalPoints, c.expected_total, "\(label): \(priced.orders.flatMap(\.explanation)) \(priced.notes)")
            // Codes of derived orders, and add-ons added to any order.
            let derived = priced.orders.flatMap { ($0.derived ? [$0.code ?? ""] : []) + ($0.added ?? []) }
            XCTAssertEqual(derived.sorted(), c.expected_derived.sorted(), "\(label): derived")
            if let absent = c.expected_note_absent {
                XCTAssertFalse((priced.notes + priced.orders.flatMap(\.explanation)).contains { $0.contains(absent) }, "\(label): a note contains \(absent)")
            }
            if let note = c.expected_note_contains {
                XCTAssertTrue((priced.notes + priced.orders.flatMap(\.explanation)).contains { $0.contains(note) }, "\(label): no note containing \(note): \(priced.notes)")
            }
        }
    }

    /// Without the facts, the claim prices as before issue 12: no 投薬 fee, 薬剤料 billed.
    func testWithoutRulesNothingIsDerived() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("derivation-cases.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.medicationRules = nil
        for c in file.cases.prefix(3) {
            let priced = try pricer.price(c.claim)
            XCTAssertTrue(priced.orders.allSatisfy { !$0.derived || $0.category == 60 }, c.name)
        }
    }
}

/// Facts in place of a 施設基準 code (facility.facts, encounters[].arrival): a name the rules do not declare, or an
/// arrival that is not one of the two, is refused with its path; a declared fact prices.
final class FacilityFactInputTests: XCTestCase {
    func claimJSON(facts: String, arrival: String) -> String {
        """
        {"id": "f", "patient": {"birth_date": "1960-01-01"}, "facility": {"kind": "hospital", "facts": \(facts)},
         "encounters": [{"date": "2024-06-09", "time_band": "holiday", "arrival": \(arrival), "orders": [{"category": 11, "items": [{"code": "111000110"}]}]}]}
        """
    }

    func testAnUndeclaredFactIsRefusedWithItsPath() throws {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        // Refused at the door, for every command (review 335 FZ-2: the audit read it as no fact).
        XCTAssertThrowsError(try ClaimJSON.parse(Array(claimJSON(facts: #"["emergency_care", "night_clinic"]"#, arrival: #""ambulance""#).utf8)[...])) {
            XCTAssertTrue("\($0)".contains("facility.facts[1]") && "\($0)".contains("night_clinic"), "\($0)")
        }
        let good = try ClaimJSON.parse(Array(claimJSON(facts: #"["emergency_care"]"#, arrival: #""ambulance""#).utf8)[...])
        XCTAssertEqual(try pricer.price(good).orders.filter(\.derived).map(\.code), ["113013810"])
    }

    /// encounters[].facts (count-limits.json "facts"): an undeclared one is refused with its path; a declared one reads.
    func testAnUndeclaredEncounterFactIsRefusedWithItsPath() throws {
        let line = { (facts: String) in
            #"{"id": "e", "patient": {"birth_date": "1960-01-01"}, "encounters": [{"date": "2024-06-10", "facts": \#(facts), "orders": [{"category": 12, "items": [{"code": "112007410"}]}]}]}"#
        }
        XCTAssertThrowsError(try ClaimJSON.parse(Array(line(#"["within_4_weeks_of_discharge", "vip"]"#).utf8)[...])) {
            XCTAssertTrue("\($0)".contains("encounters[0].facts[1]") && "\($0)".contains("vip"), "\($0)")
        }
        let good = try ClaimJSON.parse(Array(line(#"["within_4_weeks_of_discharge"]"#).utf8)[...])
        XCTAssertEqual(good.encounters[0].facts, ["within_4_weeks_of_discharge"])
    }

    func testAnArrivalOutsideTheListIsRefusedWithItsPath() throws {
        XCTAssertThrowsError(try ClaimJSON.parse(Array(claimJSON(facts: #"["emergency_care"]"#, arrival: #""taxi""#).utf8)[...])) {
            XCTAssertTrue("\($0)".contains("encounters[0].arrival"), "\($0)")
        }
    }
}
