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
        XCTAssertNil(limits.allowed(rapid, quantity: 4 * scale, times: 1, on: law, day: first, used: &used), "4 of the first day's 5")
        XCTAssertNil(limits.allowed(rapid, quantity: 5 * scale, times: 1, on: law, day: second, used: &used), "the second day has its own 5")
        let cut = try XCTUnwrap(limits.allowed(rapid, quantity: 3 * scale, times: 1, on: law, day: first, used: &used))
        XCTAssertEqual(cut.steps, 1, "1 left of the first day's 5")
        XCTAssertEqual(cut.before, 4)
        let none = try XCTUnwrap(limits.allowed(rapid, quantity: 1 * scale, times: 1, on: law, day: second, used: &used))
        XCTAssertEqual(none.steps, 0, "nothing left of the second day")
        XCTAssertEqual(none.before, 5)
    }

    /// 数量 × 回数 past Int.max is past the limit, never a trap.
    func testAHugeTimesIsCutNotOverflowed() throws {
        let limits = try XCTUnwrap(DailyQuantityLimits.embedded)
        let day = ServiceDate("2024-07-03")!
        var used: [Int: Int] = [:]
        let cut = try XCTUnwrap(limits.allowed(rapid, quantity: 99_999 * scale, times: Int.max / 2, on: day, day: day, used: &used))
        XCTAssertEqual(cut.steps, 0)
        XCTAssertEqual(cut.before, 0)
    }
}
