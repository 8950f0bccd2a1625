import Foundation
import XCTest
@testable import Santei

/// 特定疾患処方管理加算 (F100 注5 / F400 注4: 「別に厚生労働大臣が定める疾患を主病とするもの」) is derived only for a 主病 that is
/// the 主病 on the day: not one only suspected (修飾語 8002), not one whose 診療開始日 is after the prescription (review 172
/// S1/S2). Totals worked by hand: 再診料 75 + 処方箋料 60 (+ 加算 56 where it holds; B000 225 where the 主病 qualifies).
final class SpecificDiseasePrescriptionTests: XCTestCase {
    static let cases: [(name: String, total: Int, claim: String)] = [
        ("胃潰瘍 主病, 28日 院外: B000 225 and the 加算 56 → 75 + 225 + 60 + 56", 416, #"{"id": "S02-gu-main-ht-jul", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-01-10", "main": true}, {"code": "8833421", "start": "2024-01-10"}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 13, "items": [{"code": "113001810"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}]}]}"#),
        ("胃潰瘍 主病 の疑い: neither B000 (SA-D006) nor the 加算 → 75 + 60", 135, #"{"id": "S05-gu-main-suspected-jul", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-01-10", "main": true, "modifiers": ["8002"]}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 13, "items": [{"code": "113001810"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}]}]}"#),
        ("胃潰瘍 主病 from 07-20, prescription on 07-10: neither → 75 + 60", 135, #"{"id": "S06-gu-main-start-after-jul", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-07-20", "main": true}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 13, "items": [{"code": "113001810"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}]}]}"#),
        ("no 主病 named, 胃潰瘍 and 高血圧症; B000 billed and kept (SA-D006: any 傷病名 may be the 主病): the 加算 of the same 告示 condition is derived too (review 172 S7) → 75 + 225 + 60 + 56", 416, #"{"id": "S04-no-main-b000", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-01-10"}, {"code": "8833421", "start": "2024-01-10"}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 13, "items": [{"code": "113001810"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}]}]}"#),
        ("no 主病 named and no B000: which 傷病名 is the 主病 is not known, the 加算 is not derived → 75 + 60", 135, #"{"id": "S04b-no-main-no-b000", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-01-10"}, {"code": "8833421", "start": "2024-01-10"}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}]}]}"#),
        ("処方箋料 120002910 stated by the clerk, the 剤 院外: its 薬剤料 is the pharmacy's (第5部 通則1 ただし書; review 172 S6) → 75 + 60", 135, #"{"id": "S31-stated-F400-outside-no-addon", "patient": {"birth_date": "1958-03-12", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "diseases": [{"code": "5319009", "start": "2024-01-10", "main": true}], "encounters": [{"date": "2024-07-10", "time_band": "daytime", "visit": "revisit", "dispensing": "outside", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 21, "items": [{"code": "612170710", "quantity": 1}], "times": 28}, {"category": 80, "items": [{"code": "120002910"}]}]}]}"#),
    ]

    func testTheAddOnNeedsTheMainDiseaseOnTheDay() throws {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let auditor = Auditor(masters: try RealData.masters())
        for c in Self.cases {
            let claim = try ClaimJSON.parse(ArraySlice(Array(c.claim.utf8)))
            let priced = try ServiceLines.priceAudited(claim, (auditor, .apply), pricer).1
            XCTAssertEqual(priced.totalPoints, c.total, "\(c.name): \(priced.notes)")
        }
    }
}
