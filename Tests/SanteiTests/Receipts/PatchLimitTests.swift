import Foundation
import XCTest
@testable import Santei

/// 第5部 通則5 (R06 ika-kokuji.txt lines 10768–10774; 通知 第5部 10): more than 63 鎮痛・消炎の貼付剤 in one 処方
/// without the reason stated — no F000/F100/F400/F500, and the 薬剤料 of 63枚 only. On the real masters.
final class PatchLimitTests: XCTestCase {
    // ロキソニンテープ５０ｍｇ ７ｃｍ×１０ｃｍ, 12.90円/枚, 薬価基準コード 2649735S2024.
    let tape = "620007812"

    func price(sheets: String, dispensing: String = "in_house", comment: String = "") throws -> PricedClaim {
        let line = #"{"id":"p","patient":{"birth_date":"1960-01-01"},"facility":{"kind":"clinic"},"encounters":[{"date":"2024-07-09","dispensing":"\#(dispensing)","orders":["#
            + #"{"category":12,"items":[{"code":"112007410"}]},{"category":23,"items":[{"code":"\#(tape)","quantity":\#(sheets)}]\#(comment)}]}]}"#
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(try ClaimJSON.parse(ArraySlice(Array(line.utf8))))
    }
    func patchOrder(_ r: PricedClaim) -> Int? { r.orders.first { $0.category == 23 }?.points }
    func fees(_ r: PricedClaim) -> [String] { r.orders.filter(\.derived).compactMap(\.code).filter { $0.hasPrefix("1200") } }

    func testSeventySheetsBillSixtyThreeAndNoFee() throws {
        // 70枚 = 903円 → (903 − 15) / 10 = 88.8 → 89 + 1 = 90点; 63枚 = 812.7円 → 79.77 → 80 + 1 = 81点.
        let r = try price(sheets: "70")
        XCTAssertEqual(patchOrder(r), 81)
        XCTAssertEqual(fees(r), [], "no 調剤料 / 処方料 (第5部 通則5)")
        XCTAssertTrue(r.notes.contains { $0.contains("70枚 of 鎮痛・消炎の貼付剤") }, "\(r.notes)")
    }

    func testSixtyThreeSheetsOrAStatedReasonBillInFull() throws {
        let limit = try price(sheets: "63")
        XCTAssertEqual(patchOrder(limit), 81)
        XCTAssertEqual(Set(fees(limit)), ["120001010", "120001210"], "F000 1 ロ 外用 8 and F100 3 42")
        let reason = try price(sheets: "70", comment: #","comments":[{"code":"830000052","text":"両膝関節痛のため"}]"#)
        XCTAssertEqual(patchOrder(reason), 90)
        XCTAssertEqual(Set(fees(reason)), ["120001010", "120001210"])
    }

    func testOutsidePrescriptionLosesItsPrescriptionFee() throws {
        // 院外: the 薬剤料 is the pharmacy's (0 here) and F400 処方箋料 is not billed.
        let r = try price(sheets: "70", dispensing: "outside")
        XCTAssertEqual(fees(r), [])
        XCTAssertEqual(Set(fees(try price(sheets: "56", dispensing: "outside"))), ["120002910"])
    }
}
