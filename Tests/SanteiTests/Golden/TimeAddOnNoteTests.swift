import Foundation
import XCTest
@testable import Santei

/// 処置 通則5 / 手術 通則12: a facility that holds the 施設基準 of 時間外等加算１ is asked which row applies (通知 第9部 通則7:
/// 加算１ only for the 診療科 notified). 加算２ is for 入院中の患者以外 only, so an 入院 order is asked for 加算１ alone
/// (review 154 c33; the note is written by `AddOnDeriver` for the claim's 入院/入院外, not rewritten afterwards).
final class TimeAddOnNoteTests: XCTestCase {
    func testTheFirstKindNoteAsksForTheSecondKindOnlyOutsideHospital() throws {
        let set = try RealData.masters()
        let date = ServiceDate("2024-07-10")!
        guard case .success(let t) = DatedMasters(set, on: date).procedures else { return XCTFail("no 医科診療行為マスター on \(date)") }
        let chain = try set.chainIndex(.procedure, on: date)
        let minimums = try XCTUnwrap(OrderAddOnRules.embedded).generalTimeMinimums(on: date)
        func notes(inpatient: Bool) -> [String] {
            // 140036610 J001 5 熱傷処置（６０００ｃｍ２以上）, 1,875点: over 1,000点, so 加算１ could apply.
            AddOnDeriver(set: set).derive([UnitItem(kind: .procedure, code: 140036610)], table: t, chain: chain, date: date, band: .overtime,
                                          age: PatientAge(birth: ServiceDate("1970-05-05")!), facilityKind: "hospital", standards: [3398, 3363],
                                          standardsStated: true, timeMinimums: minimums, inpatient: inpatient).notes
        }
        XCTAssertTrue(notes(inpatient: false).contains { $0.contains("state the 加算１ row if it is, the 加算２ row if not") }, "\(notes(inpatient: false))")
        XCTAssertTrue(notes(inpatient: true).contains { $0.contains("state the 加算１ row if it is (加算２ is for 入院中の患者以外 only)") }, "\(notes(inpatient: true))")
        XCTAssertFalse(notes(inpatient: true).contains { $0.contains("the 加算２ row if not") })
    }
}
