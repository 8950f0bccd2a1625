import Foundation
import XCTest
@testable import Santei

/// Add-ons and reductions of an order that no master links to their facts (`Masters/params/order-add-ons.json`)
/// and the 検体検査まるめ counted over an encounter's orders, on the real 令和6 master (../shared). Expected
/// points are worked from the 告示 (R06 ika-kokuji.txt lines cited) and the master rows named.
final class OrderAddOnTests: XCTestCase {
    func price(_ json: String) throws -> PricedClaim {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(JSONDecoder().decode(Claim.self, from: Data(json.utf8)))
    }

    func testTheParameterFileIsDatedAndEmbedded() throws {
        let rules = try OrderAddOnRules.load(path: Paths.mastersDefault + "/params/order-add-ons.json")
        XCTAssertNil(rules.version(on: ServiceDate("2020-03-31")!), "R02 is the first version")
        XCTAssertEqual(rules.version(on: ServiceDate("2022-03-31")!)?.revision, "R02")
        XCTAssertNil(rules.version(on: ServiceDate("2022-03-31")!)?.entInfant, "第9部 通則7 is new in R04")
        XCTAssertEqual(rules.version(on: ServiceDate("2024-05-31")!)?.revision, "R04")
        XCTAssertEqual(rules.version(on: ServiceDate("2024-06-01")!)?.revision, "R06")
        XCTAssertEqual(rules.version(on: ServiceDate("2026-06-01")!)?.revision, "R08")
        XCTAssertNotNil(OrderAddOnRules.embedded)
    }

    // MARK: 第4部 第3節 通則2 (lines 10637-10640): the month's second CT/MRI at 100分の80

    func test_E第3節通則2_theSecondCTOfTheMonthIsReducedToEightyPercent() throws {
        // Review case C1a: 300-bed hospital with 237 (画像診断管理加算2), 852/3064 (CT 16列以上64列未満).
        // 07-04: 初診 291 + E200 1 ロ 900 + E203 450 + 電子画像管理加算 120 + 画像診断管理加算2 175 = 1,936.
        // 07-18: 外来診療料 76 + 900 × 80/100 = 720 + 電子画像管理加算 120 (通則3: 前２号により算定した点数に) = 916.
        let claim = #"{"id":"C1a","patient":{"birth_date":"1980-05-10","sex":"1"},"facility":{"kind":"hospital","beds":300,"standards":[{"code":237,"from":"2024-06-01"},{"code":852,"from":"2024-06-01"},{"code":3064,"from":"2024-06-01"}]},"encounters":[{"date":"2024-07-04","time_band":"daytime","visit":"first","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":70,"items":[{"code":"170011810"},{"code":"170015410"},{"code":"170028810"}]}]},{"date":"2024-07-18","time_band":"daytime","visit":"revisit","orders":[{"category":12,"items":[{"code":"112011310"}]},{"category":70,"items":[{"code":"170011810"},{"code":"170028810"}]}]}]}"#
        let r = try price(claim)
        XCTAssertEqual(r.byEncounter, [1936, 916])
        XCTAssertEqual(r.totalPoints, 2852)
        let second = try XCTUnwrap(r.orders.first { $0.encounter == 1 && $0.order == 1 })
        XCTAssertEqual(second.added, ["170022290"])
        XCTAssertTrue(second.explanation.contains { $0.hasPrefix("170022290") && $0.contains("第4部 第3節 通則2") }, "\(second.explanation)")
        XCTAssertNil(r.orders.first { $0.encounter == 0 && $0.order == 1 }?.added?.first { $0 == "170022290" }, "the first CT is full")
        // C1b: the clerk states the reduction row: the same total, nothing derived twice.
        let stated = try price(claim.replacingOccurrences(of: #"{"code":"170011810"},{"code":"170028810"}]}]}]}"#, with: #"{"code":"170011810"},{"code":"170022290"},{"code":"170028810"}]}]}]}"#))
        XCTAssertEqual(stated.totalPoints, 2852)
    }

    func test_E第3節通則2_CTandMRICountTogetherInDateOrderAndTheirAddOnsStayWhole() throws {
        // The MRI of 07-04 is listed after the CT of 07-18, but it is the first of the month: the CT is reduced.
        // 07-04: E202 2 (1.5T以上3T未満) 1,330 + E203 コンピューター断層診断 450 (derived once a month on the first
        // day, E203 注 lines 10737-10738). 07-18: E200 1 ロ 900 → 720 + E200 注3 造影剤使用加算 500 (通知 3: the 注 加算
        // are not in 通則2's 所定点数) = 1,220.
        let r = try price(#"{"id":"c2","patient":{"birth_date":"1980-05-10"},"facility":{"kind":"hospital","beds":300},"encounters":[{"date":"2024-07-18","orders":[{"category":70,"items":[{"code":"170011810"},{"code":"170012070"}]}]},{"date":"2024-07-04","orders":[{"category":70,"items":[{"code":"170020110"}]}]}]}"#)
        XCTAssertEqual(r.byEncounter, [1220, 1330 + 450])
        // A second and third the same day (other 部位): reduced too. 1,330 × 80/100 = 1,064; E203 450 once.
        let three = try price(#"{"id":"c3","patient":{"birth_date":"1980-05-10"},"encounters":[{"date":"2024-07-04","orders":[{"category":70,"items":[{"code":"170020110"}]},{"category":70,"items":[{"code":"170020110"}]},{"category":70,"items":[{"code":"170020110"}]}]}]}"#)
        XCTAssertEqual(three.totalPoints, 1330 + 1064 + 1064 + 450)
        // On an R04 day (2024-05) the R04 version holds the same 通則2 (review 329 FT-9): the second CT is reduced.
        let before = try price(#"{"id":"c4","patient":{"birth_date":"1980-05-10"},"encounters":[{"date":"2024-05-07","orders":[{"category":70,"items":[{"code":"170020110"}]},{"category":70,"items":[{"code":"170020110"}]}]}]}"#)
        XCTAssertEqual(before.orders.compactMap(\.added).flatMap { $0 }, ["170022290"], "the R04 second CT takes the ％減算 row")
    }

    // MARK: 第6部 通則3・5 (lines 10955-10960)

    func test_G通則3_biologicalInjectionAddOnFromTheDrugMaster() throws {
        // Review case T03b: 初診 291 + K000 4 530; 沈降破傷風トキソイド (y 項番16 生物学的製剤 1, 1,063円) 筋注:
        // G000 25 + 薬剤 1点 + ⌈(1,063 − 15) ÷ 10⌉ = 106 (G100) + 生物学的製剤注射加算 15 = 146. Total 967.
        let r = try price(#"{"id":"T03b","patient":{"birth_date":"1970-04-15","sex":"1"},"facility":{"kind":"clinic","beds":0,"standards":[]},"encounters":[{"date":"2024-07-29","time_band":"daytime","visit":"first","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":50,"items":[{"code":"150001010"}]},{"category":31,"items":[{"code":"130000510"},{"code":"646320003","quantity":1}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 967)
        let injection = try XCTUnwrap(r.orders.first { $0.order == 2 })
        XCTAssertEqual(injection.points, 25 + 106 + 15)
        XCTAssertEqual(injection.added, ["130000110"])
        XCTAssertTrue(injection.explanation.contains { $0.contains("derived from 646320003") && $0.contains("通則3") }, "\(injection.explanation)")
        // T03a states it: not added twice.
        let stated = try price(#"{"id":"T03a","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-29","orders":[{"category":31,"items":[{"code":"130000510"},{"code":"646320003","quantity":1},{"code":"130000110"}]}]}]}"#)
        XCTAssertEqual(stated.totalPoints, 146)
    }

    func test_G通則5_narcoticInjectionAddOn() throws {
        // モルヒネ塩酸塩注射液10mg「シオノギ」 (y 項番14 麻薬 1, 305円) 皮下注: G000 25 + 1 + ⌈(305 − 15) ÷ 10⌉ = 30
        // + 麻薬注射加算 5 = 60. A drug that is neither (生理食塩液 is not): nothing added.
        let r = try price(#"{"id":"n","patient":{"birth_date":"1950-01-01"},"encounters":[{"date":"2024-07-10","orders":[{"category":31,"items":[{"code":"130000510"},{"code":"620009277","quantity":1}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 60)
        XCTAssertEqual(r.orders[0].added, ["130000310"])
    }

    // MARK: 第9部 通則7 (lines 12397-12400)

    func test_J通則7_ENTInfantAddOnOnceADay() throws {
        // Review case R22: 3歳 耳鼻咽喉科 再診 75 + 乳幼児加算 38 (A001 注4), J095 耳処置 27, J097 鼻処置 16,
        // 耳鼻咽喉科乳幼児処置加算 60 (１日につき, on the first J095–J115-2 order only) = 216.
        let claim = #"{"id":"R22","patient":{"birth_date":"2021-05-01","sex":"1"},"facility":{"kind":"clinic","beds":0,"standards":[]},"encounters":[{"date":"2024-07-26","time_band":"daytime","visit":"revisit","orders":[{"category":12,"items":[{"code":"112007410"}]},{"category":40,"items":[{"code":"140019310"}]},{"category":40,"items":[{"code":"140019710"}]}],"department":"耳鼻咽喉科"}]}"#
        let r = try price(claim)
        XCTAssertEqual(r.totalPoints, 216)
        XCTAssertEqual(r.orders.filter { $0.added?.contains("140061990") == true }.map(\.order), [1])
        // Another 診療科: nothing (75 + 38 + 27 + 16).
        XCTAssertEqual(try price(claim.replacingOccurrences(of: "耳鼻咽喉科", with: "小児科")).totalPoints, 156)
        // Six on the day (born 2018-07-27: six attained 2024-07-26): nothing.
        XCTAssertEqual(try price(claim.replacingOccurrences(of: "2021-05-01", with: "2018-07-27")).totalPoints, 75 + 27 + 16)
    }

    func test_J通則7_J113InfantAddOnIsNotDerivedWithIt() throws {
        // 3歳 耳鼻咽喉科: J113 耳垢栓塞除去（複雑）（片） 90; its 注 乳幼児加算 55 (処置乳幼児加算区分 5, 140057170) is
        // not billed with 通則7: 75 + 38 + 90 + 60 = 263. At another 診療科 the 注 applies: 75 + 38 + 90 + 55 = 258.
        let claim = #"{"id":"j113","patient":{"birth_date":"2021-05-01"},"encounters":[{"date":"2024-07-26","department":"耳鼻咽喉科","orders":[{"category":12,"items":[{"code":"112007410"}]},{"category":40,"items":[{"code":"140022610"}]}]}]}"#
        XCTAssertEqual(try price(claim).totalPoints, 263)
        XCTAssertEqual(try price(claim.replacingOccurrences(of: "耳鼻咽喉科", with: "小児科")).totalPoints, 258)
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

    // MARK: tests billed as fewer when done together (通知 D007 (5), (7); Masters/params/bundled-tests.json same_time_sets)

    func test_D007通知5_HDLTotalAndLDLCholesterolBillTheMainTwo() throws {
        // Review 28 t04: AST 17 + HDL 17 + 総コレステロール 17 + LDL 18 → AST + LDL + one of the 17s = 52 (3 items, no まるめ).
        let four = try price(#"{"id":"t04","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-25","orders":[{"category":60,"items":[{"code":"160022510"},{"code":"160023410"},{"code":"160022410"},{"code":"160167250"}]}]}]}"#)
        XCTAssertEqual(four.orders.filter { !$0.derived }.map(\.points), [52])
        XCTAssertTrue(four.orders.flatMap(\.explanation).contains { $0.contains("not billed") && $0.contains("D007 (5)") })
        // Two of the three are billed as they are (AST + HDL + LDL = 52 as well, but nothing is left unbilled).
        let two = try price(#"{"id":"t04b","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-25","orders":[{"category":60,"items":[{"code":"160022510"},{"code":"160023410"},{"code":"160167250"}]}]}]}"#)
        XCTAssertEqual(two.orders.filter { !$0.derived }.map(\.points), [52])
        XCTAssertFalse(two.orders.flatMap(\.explanation).contains { $0.contains("not billed") })
        // 総蛋白・アルブミン・蛋白分画 (7) and the three lipids (5) with AST, ALT: 8 listed, 6 counted → 5〜7項目 93, not 8項目 99.
        let eight = try price(#"{"id":"t03","patient":{"birth_date":"1970-04-15"},"encounters":[{"date":"2024-07-25","orders":[{"category":60,"items":[{"code":"160017410"},{"code":"160018910"},{"code":"160022810"},{"code":"160023410"},{"code":"160022410"},{"code":"160167250"},{"code":"160022510"},{"code":"160022610"}]}]}]}"#)
        XCTAssertEqual(eight.orders.filter { !$0.derived }.map(\.points), [93])
    }
}
