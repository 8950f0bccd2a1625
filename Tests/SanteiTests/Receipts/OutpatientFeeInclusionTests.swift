import Foundation
import XCTest
@testable import Santei

/// A002 外来診療料 注6 (R06 ika-kokuji.txt lines 360–391) on the real masters: the tests and 処置 it lists are
/// included that day (not billed), their 判断料 is still billed (通知 A002 (10)), what the list excepts or does
/// not name is billed.
final class OutpatientFeeInclusionTests: XCTestCase {
    func price(_ orders: String, date: String = "2024-07-09") throws -> PricedClaim {
        let line = #"{"id":"a","patient":{"birth_date":"1960-01-01"},"facility":{"kind":"hospital","beds":300},"encounters":[{"date":"\#(date)","orders":\#(orders)}]}"#
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(try ClaimJSON.parse(ArraySlice(Array(line.utf8))))
    }
    let visit = #"{"category":12,"items":[{"code":"112011310"}]}"#

    func testIncludedTestsAreNotBilledButTheirJudgementFeeIs() throws {
        // 外来診療料 76 + HbA1c 49 (excepted from 注6 ハ) + 血液学的検査判断料 125; 末梢血液一般 21 included.
        let r = try price("[\(visit),\(#"{"category":60,"items":[{"code":"160008010"},{"code":"160010010"}]}"#)]")
        XCTAssertEqual(r.totalPoints, 76 + 49 + 125)
        XCTAssertTrue(r.notes.contains { $0.contains("160008010") && $0.contains("included in 外来診療料 112011310") }, "\(r.notes)")
        // Only an included test: the order is not billed, the 判断料 is (尿沈渣（鏡検法） 27, D002 in 注6 イ;
        // 尿・糞便等検査判断料 34).
        let urine = try price("[\(visit),\(#"{"category":60,"items":[{"code":"160005010"}]}"#)]")
        XCTAssertEqual(urine.totalPoints, 76 + 34)
    }

    func testGradesThe告示DoesNotNameAreBilled() throws {
        // 創傷処置 100cm²未満 (注6 ニ) included; 500cm²以上3000cm²未満 billed 90.
        XCTAssertEqual(try price("[\(visit),\(#"{"category":40,"items":[{"code":"140000610"}]}"#)]").totalPoints, 76)
        XCTAssertEqual(try price("[\(visit),\(#"{"category":40,"items":[{"code":"140000810"}]}"#)]").totalPoints, 76 + 90)
    }

    func testWithout外来診療料NothingIsIncluded() throws {
        // 再診料 75 + 外来管理加算 52 + 末梢血液一般 21 + 血液学的検査判断料 125.
        let r = try price(#"[{"category":12,"items":[{"code":"112007410"}]},{"category":60,"items":[{"code":"160008010"}]}]"#)
        XCTAssertEqual(r.orders.first { $0.category == 60 }?.points, 21)
    }

    func testAnR04DateHasItsOwnList() throws {
        // 2024-05 (R04 points, 外来診療料 74): the R04 version of A002 注6 includes 末梢血液一般 too (review 329 FT-11).
        let r = try price("[\(visit),\(#"{"category":60,"items":[{"code":"160008010"}]}"#)]", date: "2024-05-15")
        XCTAssertEqual(r.orders.first { $0.category == 60 }?.points, 125, "only its 血液学的検査判断料 stays (通知 A002 (10)): \(r.notes)")
        XCTAssertFalse(r.notes.contains { $0.contains("no A002 注6 list") }, "\(r.notes)")
        XCTAssertTrue(r.notes.contains { $0.contains("160008010") && $0.contains("included in 外来診療料") }, "\(r.notes)")
    }

    func testADateBeforeTheListBillsThemAndSaysSo() throws {
        // Before R02's list (2020-04-01) no list: what a date of no version says. The embedded masters start at 2022-04, so the rule
        // file is read directly.
        let rules = try XCTUnwrap(OutpatientFeeInclusionRules.embedded)
        XCTAssertNil(rules.version(on: ServiceDate("2020-03-31")!))
        XCTAssertEqual(rules.version(on: ServiceDate("2022-03-31")!)?.revision, "R02")
        XCTAssertEqual(rules.version(on: ServiceDate("2022-04-01")!)?.revision, "R04")
    }
}
