import Foundation
import XCTest
@testable import Santei

/// Every law parameter file built into the library decodes: a file that does not would silently drop its rules
/// (their readers return nil for an absent file), so a bad edit of `Masters/params` must fail here, not in a price.
final class EmbeddedParameterFilesTests: XCTestCase {
    /// 手術 通則7's list by revision (review 427): R02 has no K147-3 (R02 告示 000603762.pdf p.2); 「Ｋ１４２の６」 is K142's 項番 6
    /// 椎弓形成, not the 区分 K142-6 (JP-1); R08 names 「Ｋ１４２の21からＫ１４２の24まで」 (R08 ika-kokuji.txt 14181).
    func testTheNeonatalSurgeryListFollowsEachRevision() throws {
        let rules = try XCTUnwrap(SurgeryNeonatalRules.embedded)
        func listed(_ date: String, _ section: Int, _ branch: Int, _ item: Int) throws -> Bool {
            try XCTUnwrap(rules.version(on: ServiceDate(date)!), date).contains(alphabet: "K", section: section, branch: branch, item: item)
        }
        XCTAssertEqual(rules.version(on: ServiceDate("2021-10-01")!)?.revision, "R02")
        XCTAssertFalse(try listed("2021-10-01", 147, 3, 0))
        XCTAssertTrue(try listed("2022-10-01", 147, 3, 0))
        for date in ["2021-10-01", "2022-10-01", "2024-10-01"] {
            XCTAssertTrue(try listed(date, 142, 0, 6), date)
            XCTAssertFalse(try listed(date, 142, 6, 0), date)
        }
        XCTAssertTrue(try listed("2026-06-01", 142, 0, 21))
        XCTAssertTrue(try listed("2026-06-01", 142, 0, 24))
        XCTAssertFalse(try listed("2026-06-01", 142, 0, 6))
        XCTAssertNil(rules.version(on: ServiceDate("2020-03-31")!))
    }

    /// 第5部 通則5 by revision (review 434 JW-6): R02 告示 「１処方につき70枚を超えて湿布薬を投薬した場合」 (000603756.pdf p.1), 63枚 from R04.
    func testThePatchLimitFollowsEachRevision() throws {
        let rules = try XCTUnwrap(MedicationRules.embedded)
        XCTAssertEqual(rules.version(on: ServiceDate("2021-10-01")!)?.patchMaxSheets, 70)
        XCTAssertEqual(rules.version(on: ServiceDate("2022-04-01")!)?.patchMaxSheets, 63)
        XCTAssertEqual(rules.version(on: ServiceDate("2024-10-01")!)?.patchMaxSheets, 63)
        XCTAssertNil(rules.version(on: ServiceDate("2020-03-31")!))
    }

    func testEveryEmbeddedParameterFileDecodes() throws {
        XCTAssertNotNil(SurgeryNeonatalRules.embedded, "params/surgery-neonatal.json")
        XCTAssertEqual(FactConditionedAddOns.embedded?.version(on: ServiceDate("2024-07-10")!)?.needs.keys.sorted(), [150286690], "params/fact-conditioned-add-ons.json")
        XCTAssertNotNil(ManagementFeeInclusionRules.embedded, "params/management-fee-inclusion.json")
        XCTAssertNotNil(OutpatientFeeInclusionRules.embedded, "params/outpatient-fee-inclusion.json")
        XCTAssertNotNil(RehabilitationUnitRules.embedded, "params/rehabilitation-units.json")
        XCTAssertNotNil(FacilityAddOnRules.embedded, "params/facility-add-ons.json")
        XCTAssertNotNil(MedicationRules.embedded, "params/medication.json")
        XCTAssertNotNil(OrderAddOnRules.embedded, "params/order-add-ons.json")
        XCTAssertNotNil(OutsidePrescriptionRows.embedded, "params/outside-prescription-rows.json")
        XCTAssertNotNil(CountLimitSupplement.embedded, "params/audit/count-limits.json")
        XCTAssertNotNil(ConflictPreferences.embedded, "params/audit/conflict-preferences.json")
        XCTAssertNotNil(AddOnBases.embedded, "params/audit/add-on-bases.json")
        let exclusive = try XCTUnwrap(ExclusiveAddOnRules.embedded, "params/exclusive-add-ons.json")
        XCTAssertFalse(exclusive.rows.isEmpty, "params/exclusive-add-ons.json has rows (a bad code or date fails its decoding)")
        let daily = try XCTUnwrap(DailyQuantityLimits.embedded, "params/daily-quantity-limits.json")
        XCTAssertFalse(daily.rows.isEmpty, "params/daily-quantity-limits.json has rows (a bad code or limit fails its decoding)")
        let devices = try XCTUnwrap(DeviceCountLimits.embedded, "params/device-count-limits.json")
        XCTAssertTrue(devices.limits.allSatisfy { $0.sections.count == $0.with.count && $0.codes.count == $0.withCodes.count }, "every 手術 of device-count-limits.json parses")
        let mainOnly = try XCTUnwrap(MainOnlyPerDay.embedded, "params/main-only-per-day.json")
        XCTAssertTrue(mainOnly.rules.allSatisfy { $0.sectionCodes.count == ($0.sections?.count ?? 1) }, "every 区分 of main-only-per-day.json parses")
        let bases = try XCTUnwrap(GeneralAddOnBases.embedded, "params/general-add-on-bases.json")
        for (n, rule) in bases.rules.enumerated() {
            XCTAssertEqual(bases.parsed[n].sections.count, rule.excludeSections?.count ?? 0, "every 区分 of general-add-on-bases.json rules[\(n)] parses")
            XCTAssertEqual(bases.parsed[n].timeCodes.count, rule.excludeCodesFromTime?.count ?? 0, "every code of general-add-on-bases.json rules[\(n)] parses")
        }
        // 麻酔 通則7: L009/L010 are out of the 通則 base of 部 L.
        XCTAssertEqual(GeneralAddOnBases.excluded(part: UInt8(ascii: "L"), on: ServiceDate("2024-08-01")!).count, 2)
        // 手術 通則9 (輸血料 K920–K924-3, and K939-5 which the master does not mark) and 処置 通則10 (J200, J201): out of the base
        // (reviews 163 I2, I3, 216 BK-3).
        XCTAssertEqual(GeneralAddOnBases.excluded(part: UInt8(ascii: "K"), on: ServiceDate("2024-08-01")!).count, 13)
        XCTAssertEqual(GeneralAddOnBases.excluded(part: UInt8(ascii: "J"), on: ServiceDate("2024-08-01")!).count, 2)
        XCTAssertTrue(GeneralAddOnBases.excluded(part: UInt8(ascii: "E"), on: ServiceDate("2024-08-01")!).isEmpty)
        XCTAssertNotNil(Holidays.embedded, "params/holidays.json")
        // From R02 on (review 426 JO-1, JO-3: the 令和2年 通知 reads the same), none before the files' first date.
        XCTAssertEqual(GeneralAddOnBases.excluded(part: UInt8(ascii: "L"), on: ServiceDate("2020-08-01")!).count, 2)
        XCTAssertEqual(GeneralAddOnBases.excluded(part: UInt8(ascii: "K"), on: ServiceDate("2021-10-01")!).count, 13)
        XCTAssertTrue(GeneralAddOnBases.isExcludedFromTime(part: UInt8(ascii: "L"), code: 150391070, on: ServiceDate("2021-10-01")!))
        XCTAssertTrue(GeneralAddOnBases.excluded(part: UInt8(ascii: "L"), on: ServiceDate("2020-03-31")!).isEmpty)
        // 通知 L008 (7): 注8–注11 out of the 通則3 time base.
        XCTAssertTrue(GeneralAddOnBases.isExcludedFromTime(part: UInt8(ascii: "L"), code: 150391070, on: ServiceDate("2024-08-01")!))
        XCTAssertEqual(GeneralAddOnBases.timeCodeParts, [UInt8(ascii: "L")])
        XCTAssertFalse(GeneralAddOnBases.isExcludedFromTime(part: UInt8(ascii: "K"), code: 150391070, on: ServiceDate("2024-08-01")!))
        // The audit's dated lists are read (not the `.empty` fallback).
        XCTAssertFalse(AuditParameters.standard.periodRules.isEmpty)
        XCTAssertFalse(AuditParameters.standard.prescriptions.isEmpty)
        XCTAssertFalse(AuditParameters.standard.suspicion.isEmpty)
    }
}
