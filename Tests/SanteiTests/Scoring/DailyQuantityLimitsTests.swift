import Foundation
import XCTest
@testable import Santei

/// `Masters/params/daily-quantity-limits.json`: 外来迅速検体検査加算 「１日につき５項目を限度」 (第3部 第1節 第1款 通則3;
/// 通知 外来迅速検体検査加算 (3)) counts the 数量 of each service day, whatever the date of the law it is priced on —
/// a revaluation prices every day of the month on one masters date, and the days must not merge into one.
final class DailyQuantityLimitsTests: XCTestCase {
    let rapid: UInt64 = 160177770
    let scale = UnitItem.quantityScale

    func testEachServiceDayHasItsOwnLimitOnOneLawDate() throws {
        let limits = try XCTUnwrap(DailyQuantityLimits.embedded)
        let law = ServiceDate("2024-08-01")!, first = ServiceDate("2024-07-03")!, second = ServiceDate("2024-07-10")!
        var used: [Int: Int] = [:]
        XCTAssertNil(limits.allowed(rapid, quantity: 4 * scale, times: 1, on: law, day: first, used: &used, items: { _ in Int.max }), "4 of the first day's 5")
        XCTAssertNil(limits.allowed(rapid, quantity: 5 * scale, times: 1, on: law, day: second, used: &used, items: { _ in Int.max }), "the second day has its own 5")
        let cut = try XCTUnwrap(limits.allowed(rapid, quantity: 3 * scale, times: 1, on: law, day: first, used: &used, items: { _ in Int.max }))
        XCTAssertEqual(cut.steps, 1, "1 left of the first day's 5")
        XCTAssertEqual(cut.before, 4)
        let none = try XCTUnwrap(limits.allowed(rapid, quantity: 1 * scale, times: 1, on: law, day: second, used: &used, items: { _ in Int.max }))
        XCTAssertEqual(none.steps, 0, "nothing left of the second day")
        XCTAssertEqual(none.before, 5)
    }

    /// 数量 × 回数 past Int.max is past the limit, never a trap.
    func testAHugeTimesIsCutNotOverflowed() throws {
        let limits = try XCTUnwrap(DailyQuantityLimits.embedded)
        let day = ServiceDate("2024-07-03")!
        var used: [Int: Int] = [:]
        let cut = try XCTUnwrap(limits.allowed(rapid, quantity: 99_999 * scale, times: Int.max / 2, on: day, day: day, used: &used, items: { _ in Int.max }))
        XCTAssertEqual(cut.steps, 0)
        XCTAssertEqual(cut.before, 0)
    }

    /// 「各項目の所定点数にそれぞれ10点」: no more 項目 than the 検体検査 done that day (review 159 E1: 5 stated with 3 tests).
    func testTheDayIsAlsoLimitedToTheTestsDone() throws {
        let limits = try XCTUnwrap(DailyQuantityLimits.embedded)
        let day = ServiceDate("2024-08-05")!
        var used: [Int: Int] = [:]
        var asked: DailyQuantityLimits.Row.Sections?
        let cut = try XCTUnwrap(limits.allowed(rapid, quantity: 5 * scale, times: 1, on: day, day: day, used: &used, items: { asked = $0; return 3 }))
        XCTAssertEqual(cut.steps, 3)
        XCTAssertEqual(cut.limit, 3)
        XCTAssertTrue(cut.byItems)
        XCTAssertEqual(asked?.from, "D000")
        XCTAssertEqual(asked?.to, "D025")
        XCTAssertNil(limits.allowed(rapid, quantity: 2 * scale, times: 1, on: day, day: ServiceDate("2024-08-06")!, used: &used, items: { _ in 3 }), "2 of 3 done")
    }
}
