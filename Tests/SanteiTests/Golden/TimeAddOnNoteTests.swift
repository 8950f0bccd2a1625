import Foundation
import XCTest
@testable import Santei

/// 処置 通則5 / 手術 通則12: a facility that holds the 施設基準 of 時間外等加算１ is asked which row applies (通知 第9部 通則7:
/// 加算１ only for the 診療科 notified). 加算２ is for 入院中の患者以外 only, so an 入院 order is asked for 加算１ alone
/// (review 154 c33; the note is written by `AddOnDeriver` for the claim's 入院/入院外, not rewritten afterwards). Of 手術 通則12 ロ
/// only the 時間外加算２ is: an 入院 手術 is asked for 加算１ or the 休日加算２・深夜加算２ (review 263 DF-1).
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
        XCTAssertTrue(notes(inpatient: true).contains { $0.contains("state the 加算１ row if it is (加算２ is for 入院中の患者以外 only: 第9部 通則5 ロ)") }, "\(notes(inpatient: true))")
        XCTAssertFalse(notes(inpatient: true).contains { $0.contains("the 加算２ row if not") })
        // 150181610 K718 1 虫垂切除術, 6,740点, at a facility holding 手術 休日加算１ (3397), on a 休日 band.
        let surgery = AddOnDeriver(set: set).derive([UnitItem(kind: .procedure, code: 150181610)], table: t, chain: chain, date: date, band: .holiday,
                                                    age: PatientAge(birth: ServiceDate("1970-05-05")!), facilityKind: "hospital", standards: [3397],
                                                    standardsStated: true, timeMinimums: minimums, inpatient: true).notes
        XCTAssertTrue(surgery.contains { $0.contains("the 休日加算２ or 深夜加算２ row if not (時間外加算２ is for 入院中の患者以外 only") }, "\(surgery)")
    }
}
