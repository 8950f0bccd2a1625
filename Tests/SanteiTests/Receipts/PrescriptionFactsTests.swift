import Foundation
import XCTest
@testable import Santei

/// The prescription facts of issue 12 at the door: read from JSON into the claim, bad values refused with
/// their JSON path, and the same claim read by Foundation's decoder.
final class PrescriptionFactsTests: XCTestCase {
    static let line = #"{"id":"p","patient":{"birth_date":"1958-03-12"},"facility":{"kind":"clinic","pharmacist":true},"encounters":[{"date":"2024-06-03","dispensing":"outside","orders":[{"category":21,"times":28,"dispensing":"in_house","temporary":true,"antineoplastic_consent":true,"items":[{"code":"612170709","quantity":1,"generic_name":true,"psychotropic":"hypnotic"}]}]}]}"#

    func parse(_ s: String) throws(ClaimError) -> Claim { try ClaimJSON.parse(ArraySlice(Array(s.utf8))) }

    func testTheFactsAreReadAsWritten() throws {
        let claim = try parse(Self.line)
        XCTAssertEqual(claim.facility?.pharmacist, true)
        XCTAssertEqual(claim.encounters[0].dispensing, "outside")
        let order = claim.encounters[0].orders[0]
        XCTAssertEqual(order.dispensing, "in_house")
        XCTAssertEqual(order.temporary, true)
        XCTAssertEqual(order.antineoplasticConsent, true)
        XCTAssertNil(try parse(Self.line.replacingOccurrences(of: #""antineoplastic_consent":true"#, with: #""antineoplastic_consent":null"#)).encounters[0].orders[0].antineoplasticConsent)
        XCTAssertEqual(order.items[0].genericName, true)
        XCTAssertEqual(order.items[0].psychotropic, "hypnotic")
        XCTAssertEqual(try JSONDecoder().decode(Claim.self, from: Data(Self.line.utf8)), claim, "the strict reader and Foundation agree")
    }

    func testBadValuesAreErrorsNamingTheirPath() {
        func message(_ of: String, _ with: String) -> String {
            do throws(ClaimError) { _ = try parse(Self.line.replacingOccurrences(of: of, with: with)); return "accepted" } catch { return error.message }
        }
        XCTAssertTrue(message(#""dispensing":"outside""#, #""dispensing":"home""#).hasPrefix("encounters[0].dispensing "))
        XCTAssertTrue(message(#""dispensing":"in_house""#, #""dispensing":"pharmacy""#).hasPrefix("encounters[0].orders[0].dispensing "))
        XCTAssertTrue(message(#""psychotropic":"hypnotic""#, #""psychotropic":"sedative""#).hasPrefix("encounters[0].orders[0].items[0].psychotropic "))
        XCTAssertTrue(message(#""generic_name":true"#, #""generic_name":"yes""#).contains("encounters[0].orders[0].items[0].generic_name"))
        XCTAssertTrue(message(#""pharmacist":true"#, #""pharmacist":1"#).contains("facility.pharmacist"))
        XCTAssertTrue(message(#""antineoplastic_consent":true"#, #""antineoplastic_consent":"yes""#).contains("encounters[0].orders[0].antineoplastic_consent"))
    }

    func testTheRulesFilesReadAndCoverBothRevisions() throws {
        let rules = try XCTUnwrap(MedicationRules.embedded)
        XCTAssertEqual(rules.version(on: ServiceDate("2024-05-31")!)?.revision, "R04")
        XCTAssertEqual(rules.version(on: ServiceDate("2024-06-01")!)?.revision, "R06")
        XCTAssertEqual(rules.version(on: ServiceDate("2022-03-31")!)?.revision, "R02")   // R02 告示 第5部 (review 434 JW-6)
        XCTAssertNil(rules.version(on: ServiceDate("2020-03-31")!))
        for v in rules.versions {
            for role in ["F000.internal", "F000.external", "F100.1", "F100.2", "F100.3", "F400.1", "F400.2", "F400.3", "F400.generic1", "F400.generic2", "F500.outpatient",
                         "F100.antineoplastic", "F400.antineoplastic"] {
                let row = try XCTUnwrap(v.codes[role], "\(v.revision) \(role)")
                XCTAssertTrue(row.section.hasPrefix("F") && row.code.count == 9, "\(v.revision) \(role)")
            }
        }
        for v in rules.versions {
            XCTAssertEqual(v.antineoplasticMinBeds, 200, v.revision)
            XCTAssertEqual(v.antineoplasticDrugClasses, ["42"], "\(v.revision): 薬効分類 42 腫瘍用薬 (通知 F100 (10) ウ)")
        }
        let facility = try XCTUnwrap(FacilityAddOnRules.embedded)
        XCTAssertEqual(facility.version(on: ServiceDate("2024-06-01")!)?.revision, "R06")
        XCTAssertEqual(facility.version(on: ServiceDate("2024-05-31")!)?.revision, "R04")
    }
}
