import Foundation
import XCTest
@testable import Santei

/// The 検体検査まるめ counted over an encounter's orders, on the real 令和6 master (../shared). Expected
/// points are worked from the 告示 (R06 ika-kokuji.txt lines cited) and the master rows named.
final class OrderAddOnTests: XCTestCase {
    func price(_ json: String) throws -> PricedClaim {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(JSONDecoder().decode(Claim.self, from: Data(json.utf8)))
    }

    // MARK: 検体検査まるめ per 1回の採取 (D007 注, lines 8747-8754; 通知 lines 12639-12644)

    func test_D007注_itemsOfOneDrawSplitOverTwoOrdersAreCountedTogether() throws {
        // Review case R01: 12 D007 items (1〜8 of D007) in two orders of 6 + B-V: one draw → 10項目以上 103, not 93 + 93.
        // 再診 75 + 外来管理加算 52 + 103 + B-V 40 + 生化学的検査(Ⅰ)判断料 144 = 414.
        let r = try price(#"{"id":"R01","patient":{"birth_date":"1970-04-15","sex":"1"},"facility":{"kind":"clinic","beds":0,"standards":[]},"encounters":[{"date":"2024-07-25","time_band":"daytime","visit":"revisit","orders":[{"category":12,"items":[{"code":"112007410"},{"code":"112011010"}]},{"category":60,"items":[{"code":"160017410"},{"code":"160018910"},{"code":"160019010"},{"code":"160019210"},{"code":"160019310"},{"code":"160019410"}]},{"category":60,"items":[{"code":"160022510"},{"code":"160022610"},{"code":"160020410"},{"code":"160020910"},{"code":"160023410"},{"code":"160167250"}]},{"category":60,"items":[{"code":"160095710"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 414)
        XCTAssertEqual(r.orders.filter { $0.encounter == 0 && [1, 2].contains($0.order) }.map(\.points), [103, 0])
        // Two encounters (two visits, two draws): each order is its own count: 93 + 93.
        let apart = try price(#"{"id":"R01b","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-25","orders":[{"category":60,"items":[{"code":"160017410"},{"code":"160018910"},{"code":"160019010"},{"code":"160019210"},{"code":"160019310"},{"code":"160019410"}]}]},{"date":"2024-07-26","orders":[{"category":60,"items":[{"code":"160022510"},{"code":"160022610"},{"code":"160020410"},{"code":"160020910"},{"code":"160023410"},{"code":"160167250"}]}]}]}"#)
        XCTAssertEqual(apart.orders.filter { !$0.derived }.map(\.points), [93, 93])
        // 2 + 2 items over two orders: below 5, each billed at its own points (11 × 2 + 17 × 2 = 56).
        let few = try price(#"{"id":"R01c","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-25","orders":[{"category":60,"items":[{"code":"160017410"},{"code":"160018910"}]},{"category":60,"items":[{"code":"160022510"},{"code":"160022610"}]}]}]}"#)
        XCTAssertEqual(few.orders.filter { !$0.derived }.reduce(0) { $0 + ($1.points ?? 0) }, 56)
    }
}
