import Foundation
import XCTest
@testable import Santei

/// 入院中の患者の投薬 (第2章第5部) on the real masters: F000 2 調剤料 7点 per day of 投薬 in hospital, not on 外泊
/// days nor past the stay (通知 F000 (3)); F000 注 麻薬等加算 1点 per such day; F500 1 調剤技術基本料 42点 once
/// a month with a pharmacist, not with B008 (注4); no F100 処方料 (注1: 入院中の患者以外).
final class InpatientDispensingTests: XCTestCase {
    let internalDrug = "610406079"    // ガスター散２％ (内服, 項番14 0)
    let narcoticDrug = "610406378"    // ＭＳコンチン錠６０ｍｇ (項番14 1 麻薬)
    let externalDrug = "620000348"    // アクアチム軟膏１％ (外用)

    func price(_ encounters: String, leave: String = "[]", discharge: String = "2024-07-05", pharmacist: String = "true") throws -> PricedClaim {
        let line = #"{"id":"d","patient":{"birth_date":"1960-01-01"},"facility":{"kind":"hospital","beds":120,"pharmacist":\#(pharmacist),"standards":[{"code":1,"from":"2024-06-01"}]},"#
            + #""encounters":\#(encounters),"admission":{"date":"2024-07-01","discharge":"\#(discharge)","ward":{"basic_fee":"190117710"},"leave":\#(leave)}}"#
        let claim = try ClaimJSON.parse(ArraySlice(Array(line.utf8)))
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(claim)
    }
    func derived(_ r: PricedClaim, _ code: String) -> Int {
        r.orders.filter { $0.derived && $0.code == code }.reduce(0) { $0 + $1.times }
    }
    func oral(_ date: String, days: Int, drug: String? = nil) -> String {
        #"{"date":"\#(date)","orders":[{"category":21,"times":\#(days),"items":[{"code":"\#(drug ?? internalDrug)","quantity":1}]}]}"#
    }

    func testOneDayOfDispensingForEachDayADrugIsTakenInHospital() throws {
        // 内服 4日分 from 7/1: 調剤料 7点 × 4 days; F500 1 42点 once; no 処方料.
        let r = try price("[\(oral("2024-07-01", days: 4))]")
        XCTAssertEqual(derived(r, "120001110"), 4)
        XCTAssertEqual(r.orders.first { $0.code == "120001110" }?.points, 7)
        XCTAssertEqual(derived(r, "120001710"), 1)
        XCTAssertEqual(r.byCategory["24"], 7 * 4)
        XCTAssertEqual(r.byCategory["27"], 42)
        XCTAssertFalse(r.orders.contains { $0.code == "120001210" || $0.code == "120000710" }, "no 入院外 調剤料 or 処方料")
    }

    func testNeitherLeaveDaysNorDaysPastTheStayCount() throws {
        // 14日分 from 7/1 but discharged on 7/5 with 外泊 on 7/3: 7/1, 7/2, 7/4, 7/5 = 4 days.
        let r = try price("[\(oral("2024-07-01", days: 14))]", leave: #"[{"date":"2024-07-03"}]"#)
        XCTAssertEqual(derived(r, "120001110"), 4)
    }

    func testADayIsCountedOnceAcrossOrdersAndEncounters() throws {
        // 内服 2日分 on 7/1 (7/1, 7/2); 内服 3日分 on 7/2 (7/3, 7/4 new); 外用 on 7/4 (already counted): 4 days,
        // F500 still once.
        let external = #"{"date":"2024-07-04","orders":[{"category":23,"items":[{"code":"\#(externalDrug)","quantity":1}]}]}"#
        let r = try price("[\(oral("2024-07-01", days: 2)),\(oral("2024-07-02", days: 3)),\(external)]")
        XCTAssertEqual(derived(r, "120001110"), 4)
        XCTAssertEqual(derived(r, "120001710"), 1)
    }

    func testNarcoticAddOnByDayAndNoBasicFeeWithB008OrWithoutAPharmacist() throws {
        // 麻薬 内服 2日分 on 7/2 among 4 days of 投薬: 麻薬等加算 1点 × 2.
        let r = try price("[\(oral("2024-07-01", days: 4)),\(oral("2024-07-02", days: 2, drug: narcoticDrug))]")
        XCTAssertEqual(derived(r, "120001110"), 4)
        XCTAssertEqual(derived(r, "120000410"), 2)
        // B008 薬剤管理指導料 billed in the month: no F500 1 (注4).
        let b008 = #"{"date":"2024-07-03","orders":[{"category":13,"items":[{"code":"120001610"}]}]}"#
        let withB008 = try price("[\(oral("2024-07-01", days: 4)),\(b008)]")
        XCTAssertEqual(derived(withB008, "120001710"), 0)
        XCTAssertEqual(derived(withB008, "120001110"), 4)
        // No pharmacist: no F500 (注1).
        XCTAssertEqual(derived(try price("[\(oral("2024-07-01", days: 4))]", pharmacist: "false"), "120001710"), 0)
    }

    func testAStated第5部RowMeansTheClerkPricedIt() throws {
        let stated = #"{"date":"2024-07-01","orders":[{"category":21,"times":4,"items":[{"code":"\#(internalDrug)","quantity":1}]},{"category":24,"items":[{"code":"120001110"}],"times":4}]}"#
        let r = try price("[\(stated)]")
        XCTAssertEqual(derived(r, "120001110"), 0)
        XCTAssertEqual(r.byCategory["24"], 28)
    }
}

/// D026 注4 検体検査管理加算 on an 入院 claim: （Ⅱ）〜（Ⅳ） are for 入院中の患者 (（Ⅰ） only for the others), the
/// highest whose 施設基準 the facility holds, once a month with the 判断料 (Masters/params/facility-add-ons.json
/// `inpatient_candidates`).
final class InpatientFacilityAddOnTests: XCTestCase {
    func price(standard: Int, inpatient: Bool) throws -> PricedClaim {
        let admission = inpatient ? #","admission":{"date":"2024-07-08","discharge":"2024-07-12","ward":{"basic_fee":"190117710"}}"# : ""
        let line = #"{"id":"k","patient":{"birth_date":"1970-04-15"},"facility":{"kind":"hospital","beds":300,"standards":[{"code":\#(standard),"from":"2024-04-01"}]},"#
            + #""encounters":[{"date":"2024-07-09","orders":[{"category":60,"items":[{"code":"160008010"}]}]},{"date":"2024-07-10","orders":[{"category":60,"items":[{"code":"160008010"}]}]}]\#(admission)}"#
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(try ClaimJSON.parse(ArraySlice(Array(line.utf8))))
    }
    func added(_ r: PricedClaim) -> [String] { r.orders.flatMap { $0.added ?? [] } }

    func testTheHighestHeldGradeForAnInpatientOnceAMonth() throws {
        // 818 (Ⅱ): 160182770 100点 once, with the 血液学的検査判断料.
        XCTAssertEqual(added(try price(standard: 818, inpatient: true)), ["160182770"])
        // 820 (Ⅳ): 160185770 500点.
        XCTAssertEqual(added(try price(standard: 820, inpatient: true)), ["160185770"])
        // 入院外 with 818 or 820: （Ⅰ） 40点 (its row names 817–820), never （Ⅱ）〜（Ⅳ）.
        XCTAssertEqual(added(try price(standard: 818, inpatient: false)), ["160170170"])
        XCTAssertEqual(added(try price(standard: 820, inpatient: false)), ["160170170"])
        // Without a 検体検査管理加算 施設基準: nothing.
        XCTAssertEqual(added(try price(standard: 642, inpatient: true)), [])
    }
}
