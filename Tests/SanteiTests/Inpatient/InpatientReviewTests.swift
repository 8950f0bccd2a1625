import Foundation
import XCTest
@testable import Santei

/// 入院 claims hand-priced by an independent review (Santei review 47, from the 告示/通知 text) on rules the engine had
/// wrong: each total is the reviewer's, the passage that decides it is named.
final class InpatientReviewTests: XCTestCase {
    static let cases: [(name: String, why: String, total: Int, claim: String)] = [
        ("c24-a100-readmit-kansen3-data2-no-firstday", "感染対策向上加算３ not on the first day of a 再入院 whose 入院期間 continues (ika-tsuuchi.txt 1006-1007 通則8; 2884-2887)", 12761, #"{"id": "c24-a100-readmit-kansen3-data2-no-firstday", "patient": {"birth_date": "1950-04-01", "sex": "1"}, "facility": {"kind": "hospital", "beds": 100, "standards": [{"code": 3200, "from": "2024-04-01"}, {"code": 3837, "from": "2024-04-01"}, {"code": 3561, "from": "2024-04-01"}]}, "admission": {"date": "2024-09-10", "ward": {"basic_fee": "190077610", "kind": "01"}, "reckoning_date": "2024-08-20", "discharge": "2024-09-20"}, "encounters": []}"#),
        ("c29a-a103-one-year-leap-nov", "A103 注3 ホ 181日以上１年以内 3点 by the calendar: 起算日 2023-12-01, so 2024-11-30 (day 366 of a leap year) is still 「１年以内」 (ika-kokuji.txt 908, 437-440; 民法143条); 30 × 847", 25410, #"{"id": "c29a-a103-one-year-leap-nov", "patient": {"birth_date": "1980-04-01", "sex": "1"}, "facility": {"kind": "hospital", "beds": 300, "standards": [{"code": 3227, "from": "2024-04-01"}]}, "admission": {"date": "2023-12-01", "ward": {"basic_fee": "190083810", "kind": "01"}, "month": "2024-11"}, "encounters": []}"#),
        ("c50-a100-overtime-shoshin-emergency-test-admit", "時間外緊急院内検査加算 kept for a patient who came to the 外来 時間外 and was admitted that day (ika-tsuuchi.txt 12529-12531: ただし…引き続き入院となった場合は、この限りでない)", 4998, #"{"id": "c50-a100-overtime-shoshin-emergency-test-admit", "patient": {"birth_date": "1970-04-01", "sex": "1"}, "facility": {"kind": "hospital", "beds": 150, "standards": [{"code": 3525, "from": "2024-04-01"}]}, "admission": {"date": "2024-06-18", "ward": {"basic_fee": "190117710", "kind": "01"}, "discharge": "2024-06-19"}, "encounters": [{"date": "2024-06-18", "time_band": "overtime", "visit": "first", "orders": [{"category": 11, "items": [{"code": "111000110"}]}, {"category": 60, "items": [{"code": "160008010"}, {"code": "160000210"}]}]}]}"#),
        ("c51-a100-night-shoshin-emergency-xray-admit", "時間外緊急院内画像診断加算 kept for a patient who came to the 外来 at night and was admitted that day (ika-tsuuchi.txt 17237-17239)", 5302, #"{"id": "c51-a100-night-shoshin-emergency-xray-admit", "patient": {"birth_date": "1970-04-01", "sex": "1"}, "facility": {"kind": "hospital", "beds": 150, "standards": [{"code": 3525, "from": "2024-04-01"}]}, "admission": {"date": "2024-06-18", "ward": {"basic_fee": "190117710", "kind": "01"}, "discharge": "2024-06-19"}, "encounters": [{"date": "2024-06-18", "time_band": "night", "visit": "first", "orders": [{"category": 11, "items": [{"code": "111000110"}]}, {"category": 70, "items": [{"code": "170000410"}, {"code": "170001910"}, {"code": "170016010"}]}]}]}"#),
    ]

    func testEachReviewedStayPricesToTheHandTotal() throws {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        for c in Self.cases {
            let claim = try ClaimJSON.parse(ArraySlice(Array(c.claim.utf8)))
            let priced = try pricer.price(claim)
            XCTAssertEqual(priced.totalPoints, c.total, "\(c.name): \(c.why) — \(priced.issues) \(priced.notes)")
        }
    }
}
