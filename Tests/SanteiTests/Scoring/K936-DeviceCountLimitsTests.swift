import Foundation
import XCTest
@testable import Santei

/// 通知 K936 / K936-2 / K936-3 (`Masters/params/device-count-limits.json`): the limit the day's 手術 set, on both sides
/// of 2026-06-01, where R08 changed the lists of (3)–(6) (../shared/legal/R06/ika-tsuuchi.txt 26590-26607,
/// R08/ika-tsuuchi.txt 28693-28712). The 手術 are given by 区分 and 項番: no master of 2026 is in ../shared.
final class DeviceCountLimitsTests: XCTestCase {
    let stapler: UInt64 = 150339210, clip: UInt64 = 150422510, anastomat: UInt64 = 150339310, microvascular: UInt64 = 150339410
    let r06 = ServiceDate("2024-07-10")!, lastR06 = ServiceDate("2026-05-31")!, firstR08 = ServiceDate("2026-06-01")!

    func surgery(_ section: String, _ item: Int = 0, code: UInt64 = 150000000) -> DeviceCountLimits.Surgery {
        DeviceCountLimits.Surgery(code: code, section: SectionCode(section)!, item: item)
    }

    func limit(_ code: UInt64, _ surgeries: [DeviceCountLimits.Surgery], _ date: ServiceDate) throws -> Int? {
        try XCTUnwrap(DeviceCountLimits.embedded).limit(of: code, surgeries: surgeries, on: date)?.limit.limit
    }

    func testEveryEntryParses() throws {
        let file = try XCTUnwrap(DeviceCountLimits.embedded, "params/device-count-limits.json")
        XCTAssertEqual(file.limits.count, 14)
        for l in file.limits {
            XCTAssertEqual(l.sections.count, l.with.count, l.id)
            XCTAssertEqual(l.codes.count, l.withCodes.count, l.id)
        }
    }

    /// 通知 K936 (3) 「Ｋ７１９」から「Ｋ７１９－３」まで 4個; (1) 「Ｋ６７５」の「２」から「Ｋ６７５」の「５」まで 2個 (not の 1).
    func testTheListsOfR06() throws {
        XCTAssertEqual(try limit(stapler, [surgery("K719-3")], r06), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K719", 1)], r06), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K703-2", 2)], r06), 4, "K702..K703-2, the range's last end")
        XCTAssertEqual(try limit(stapler, [surgery("K709-5")], r06), 3)
        XCTAssertEqual(try limit(stapler, [surgery("K675", 2)], r06), 2)
        XCTAssertNil(try limit(stapler, [surgery("K675", 1)], r06))
        XCTAssertEqual(try limit(stapler, [surgery("K657", 2)], r06), 5)
        XCTAssertNil(try limit(stapler, [surgery("K657", 3)], r06), "(4) 「Ｋ６５７」（「３」を除く。）")
        XCTAssertEqual(try limit(stapler, [surgery("K514-2", 3)], r06), 8)
        // K514-2 の 4・5: the 告示 allows the 加算 (K936 注1), no 通知 paragraph limits it.
        XCTAssertNil(try limit(stapler, [surgery("K514-2", 4)], r06))
        // Two listed 手術 of a day: the larger limit.
        XCTAssertEqual(try limit(stapler, [surgery("K719-3"), surgery("K716-2", 1)], r06), 6)
    }

    /// 「Ｋ５９４」の「４」の「イ」及び「ロ」: one 項番 4 in the master with ハ, so named by code.
    func testK594SubItemsByCode() throws {
        XCTAssertEqual(try limit(stapler, [surgery("K594", 4, code: 150415010)], r06), 2, "４ イ 開胸")
        XCTAssertEqual(try limit(stapler, [surgery("K594", 4, code: 150424650)], r06), 2, "４ ロ 胸腔鏡下")
        XCTAssertNil(try limit(stapler, [surgery("K594", 4, code: 150410850)], r06), "４ ハ 経カテーテル")
        XCTAssertEqual(try limit(stapler, [surgery("K594", 3)], r06), 2)
        // (7) 左心耳閉塞用クリップ: K594 の 3 and ４ のロ only.
        XCTAssertEqual(try limit(clip, [surgery("K594", 3)], r06), 1)
        XCTAssertEqual(try limit(clip, [surgery("K594", 4, code: 150424650)], r06), 1)
        XCTAssertNil(try limit(clip, [surgery("K594", 4, code: 150415010)], r06))
        XCTAssertEqual(try limit(clip, [surgery("K560", 5)], r06), 1)
    }

    /// R08: K655-5 (「１」を除く。) and K657-2 (「１」及び「３」を除く。) move to (5), K655-2 の 2・3 from (4) to (5);
    /// K740-3 joins (3), K529-4 joins (6).
    func testTheR08ListsFrom20260601() throws {
        XCTAssertEqual(try limit(stapler, [surgery("K655-5", 2)], lastR06), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K655-5", 2)], firstR08), 6)
        XCTAssertEqual(try limit(stapler, [surgery("K655-5", 1)], firstR08), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K657-2", 4)], lastR06), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K657-2", 4)], firstR08), 6)
        XCTAssertEqual(try limit(stapler, [surgery("K657-2", 3)], firstR08), 4)
        XCTAssertEqual(try limit(stapler, [surgery("K655-2", 3)], lastR06), 5)
        XCTAssertEqual(try limit(stapler, [surgery("K655-2", 3)], firstR08), 6)
        XCTAssertEqual(try limit(stapler, [surgery("K655-2", 1)], firstR08), 5)
        XCTAssertNil(try limit(stapler, [surgery("K740-3", 1)], lastR06))
        XCTAssertEqual(try limit(stapler, [surgery("K740-3", 1)], firstR08), 4)
        XCTAssertNil(try limit(stapler, [surgery("K529-4", 1)], lastR06))
        XCTAssertEqual(try limit(stapler, [surgery("K529-4", 1)], firstR08), 8)
        // Unchanged paragraphs hold on both sides.
        XCTAssertEqual(try limit(stapler, [surgery("K680")], firstR08), 2)
        XCTAssertEqual(try limit(stapler, [surgery("K695", 7)], firstR08), 3)
    }

    /// K936-2: 2個 with K655-4, K655-5, K657, K657-2; 1個 with any other 手術. K936-3: 2個 with K017, K020.
    func testAnastomatAndMicrovascularStapler() throws {
        XCTAssertEqual(try limit(anastomat, [surgery("K655", 2)], r06), 1)
        XCTAssertEqual(try limit(anastomat, [surgery("K657", 2)], r06), 2)
        XCTAssertEqual(try limit(anastomat, [surgery("K655", 2), surgery("K657", 2)], r06), 2)
        XCTAssertEqual(try limit(anastomat, [surgery("K740-2", 2)], firstR08), 1)
        XCTAssertNil(try limit(anastomat, [surgery("K920")], r06), "輸血 is not a 手術 of 第1節")
        XCTAssertEqual(try limit(microvascular, [surgery("K017", 2)], r06), 2)
        XCTAssertNil(try limit(microvascular, [surgery("K016")], r06))
    }

    func testTheDayIsCountedAcrossOrders() {
        var used: [DeviceCountLimits.Used: Int] = [:]
        let q = UnitItem.quantityScale, next = ServiceDate("2024-07-11")!
        XCTAssertNil(DeviceCountLimits.allowed(stapler, quantity: 3 * q, times: 1, limit: 4, on: r06, used: &used))
        let second = DeviceCountLimits.allowed(stapler, quantity: 3 * q, times: 1, limit: 4, on: r06, used: &used)
        XCTAssertEqual(second?.count, 1); XCTAssertEqual(second?.before, 3)
        let third = DeviceCountLimits.allowed(stapler, quantity: 0, times: 1, limit: 4, on: r06, used: &used)
        XCTAssertEqual(third?.count, 0); XCTAssertEqual(third?.before, 4)
        XCTAssertNil(DeviceCountLimits.allowed(stapler, quantity: 4 * q, times: 1, limit: 4, on: next, used: &used), "another day")
        XCTAssertEqual(DeviceCountLimits.allowed(clip, quantity: Int.max, times: 999, limit: 1, on: r06, used: &used)?.count, 0, "no overflow")
    }
}
