import XCTest
@testable import Santei

/// Golden cases per mechanism, on fixture masters in the official layout, with the 区分番号 in the
/// name and the 告示 passage (../shared/legal/R06/ika-kokuji.txt unless stated).
final class UnitPricerTests: XCTestCase {
    let P = ProcedureColumn.self

    lazy var masters: MasterSet = {
        func test(_ code: String, _ name: String, _ points: String, group: String = "0", from: String = "20220401", extra: [Int: String] = [:]) -> String {
            var e = extra; e[P.bundledTestGroup] = group; e[P.pointColumnOutpatient] = "600"
            return Fixture.procedure(code, name: name, points: points, from: from, extra: e)
        }
        var s = test("160068410", "ＥＣＧ１２", "130.00") + test("160093810", "ＥＦ－胃・十二指腸", "1140.00")
            + test("160155390", "乳幼児加算（生体検査）（３歳未満）", "70.00", extra: [P.pointKind: "5"])
            + test("160000190", "検査逓減", "10.00", extra: [P.pointKind: "6"])
            + test("190000001", "減算（テスト）", "5.00", extra: [P.pointKind: "8"])
            + test("160177770", "外来迅速検体検査加算", "10.00", extra: [P.kizamiKind: "1", P.kizamiLower: "1", P.kizamiUpper: "5", P.kizamiStep: "1", P.kizamiPoints: "10.00", P.kizamiErrorHandling: "1"])
            + test("199000001", "きざみ（返戻）", "100.00", extra: [P.kizamiKind: "1", P.kizamiLower: "10", P.kizamiUpper: "30", P.kizamiStep: "5", P.kizamiPoints: "20.00", P.kizamiErrorHandling: "2"])
            + test("199000002", "購入価格", "0.00", extra: [P.pointKind: "4"])
        // D007 血液化学検査 items, 包括対象検査 1, 11点 each.
        let chemistry = ["160017410", "160019210", "160019310", "160020010", "160021410", "160018910", "160019010", "160020910", "160022110", "160022410"]
        for (i, c) in chemistry.enumerated() { s += test(c, "生化学\(i)", "11.00", group: "1") }
        let y = Fixture.line(.drug, [0: "0", 1: "Y", 2: "620000001", 4: "錠剤Ａ", 9: "錠", 10: "1", 11: "5.70", 29: "20240401", 30: "99999999"])
            + Fixture.line(.drug, [0: "0", 1: "Y", 2: "620000002", 4: "注射薬Ｂ", 9: "瓶", 10: "1", 11: "15.00", 29: "20240401", 30: "99999999"])
            + Fixture.line(.drug, [0: "0", 1: "Y", 2: "620000003", 4: "外用薬Ｃ", 9: "ｇ", 10: "1", 11: "25.00", 29: "20240401", 30: "99999999"])
        let t = Fixture.line(.device, [0: "0", 1: "T", 2: "700010000", 4: "半切", 9: "枚", 10: "1", 11: "120.00", 17: "120.00", 27: "20240601", 28: "00000000", 29: "99999999"])
            + Fixture.line(.device, [0: "0", 1: "T", 2: "700020000", 4: "材料Ｄ", 9: "個", 10: "1", 11: "125.00", 17: "125.00", 27: "20240601", 28: "00000000", 29: "99999999"])
        // The 令和6 update re-dates ECG12 to 2024-06-01, so the chain answers for the 令和6 period.
        let r06 = Fixture.procedureChange("160068410", [86: "20240601"])
        return try! Fixture.build([(.procedure, "s_ALL20220401.csv", .full, s), (.procedure, "s_20240515.csv", .update, r06), (.drug, "y_ALL20240401.csv", .full, y), (.device, "t_ALL20240601.csv", .full, t)])
    }()

    lazy var pricer = UnitPricer(bundled: try! RealData.bundledRules())

    func price(_ items: [UnitItem], category: Int = 60, on date: String = "20240601") -> Result<UnitPrice, UnitPricingIssue> {
        pricer.price(items, category: category, masters: DatedMasters(masters, on: ServiceDate(date)!), explain: true)
    }
    func points(_ items: [UnitItem], category: Int = 60, on date: String = "20240601") -> Int? {
        if case .success(let p) = price(items, category: category, on: date) { return p.points }
        return nil
    }
    func s(_ code: UInt64, _ quantity: Int = 0) -> UnitItem { UnitItem(kind: .procedure, code: code, quantity: quantity * UnitItem.quantityScale) }
    func y(_ code: UInt64, _ q: Int) -> UnitItem { UnitItem(kind: .drug, code: code, quantity: q) }
    func t(_ code: UInt64, _ q: Int) -> UnitItem { UnitItem(kind: .device, code: code, quantity: q) }

    func test_D通則_乳幼児加算_seventyPercentOfEachTestRoundedToWholePoints() {
        // 130 × 170/100 = 221; (130 + 1140) × 170/100 = 2159.
        XCTAssertEqual(points([s(160068410), s(160155390)]), 221)
        XCTAssertEqual(points([s(160068410), s(160093810), s(160155390)]), 2159)
    }

    func test_percentReductionAndMinusPoints() {
        // 点数識別 6 ％減算: 130 × 90/100 = 117; 点数識別 8: −5点.
        XCTAssertEqual(points([s(160068410), s(160000190)]), 117)
        XCTAssertEqual(points([s(160068410), s(190000001)]), 125)
    }

    func test_D000通則_外来迅速検体検査加算_byKizami() {
        // R06rec1 点数算定式１: 10 + ⌈(数量 − 1) ÷ 1⌉ × 10; above 上限値 5, 式２ (上下限エラー処理 1).
        XCTAssertEqual(points([s(160177770, 1)]), 10)
        XCTAssertEqual(points([s(160177770, 3)]), 30)
        XCTAssertEqual(points([s(160177770, 5)]), 50)
        XCTAssertEqual(points([s(160177770, 9)]), 50)
        // きざみ値 5 from 下限 10: 12 → 100 + ⌈2/5⌉ × 20 = 120; at or below 下限 − きざみ値 with 処理 2: 返戻.
        XCTAssertEqual(points([s(199000001, 12)]), 120)
        XCTAssertEqual(points([s(199000001, 8)]), 100)
        XCTAssertEqual(price([s(199000001, 5)]), .failure(.quantityBelowLimit(199000001, 5)))
    }

    func test_D007注_bloodChemistryBundledByItemCount_bothSidesOf2024_06_01() {
        let items = [160017410, 160019210, 160019310, 160020010, 160021410, 160018910, 160019010, 160020910, 160022110, 160022410].map { s(UInt64($0)) }
        XCTAssertEqual(points(Array(items.prefix(4))), 44, "4 items: billed one by one")
        XCTAssertEqual(points(Array(items.prefix(5))), 93, "5項目以上7項目以下 93点")
        XCTAssertEqual(points(Array(items.prefix(8))), 99, "8項目又は9項目 99点")
        XCTAssertEqual(points(items), 103, "R06: 10項目以上 103点")
        XCTAssertEqual(points(items, on: "20240531"), 106, "R04: 10項目以上 106点")
        XCTAssertEqual(points(Array(items.prefix(5)) + [s(160068410)]), 93 + 130, "items outside the group are added")
    }

    func test_F200_G100_J300_drugFeeIn10YenSteps() {
        // 5.70円 × 2 = 11.4円: 投薬 1点; 処置 (J300 注1) 算定しない.
        XCTAssertEqual(points([y(620000001, 200_000)], category: 21), 1)
        XCTAssertEqual(points([y(620000001, 200_000)], category: 40), 0)
        // Exactly 15円: 1点 / 0点. 25円: 1 + ⌈10/10⌉ = 2. 25.01円 (not possible here) covered by DrugFee tests.
        XCTAssertEqual(points([y(620000002, 100_000)], category: 33), 1)
        XCTAssertEqual(points([y(620000002, 100_000)], category: 50), 0)
        XCTAssertEqual(points([y(620000003, 100_000)], category: 23), 2)
        // Drugs of one 剤 are summed before the steps: 15 + 25 = 40円 → 1 + ⌈25/10⌉ = 4.
        XCTAssertEqual(points([y(620000002, 100_000), y(620000003, 100_000)], category: 21), 4)
    }

    func test_DrugFeeBoundaries() {
        let yen = 10_000_000
        XCTAssertEqual(DrugFee.points(yenE7: 15 * yen, rule: .dispensing), 1)
        XCTAssertEqual(DrugFee.points(yenE7: 15 * yen + 1, rule: .dispensing), 2)
        XCTAssertEqual(DrugFee.points(yenE7: 25 * yen, rule: .dispensing), 2)
        XCTAssertEqual(DrugFee.points(yenE7: 25 * yen + 1, rule: .procedural), 3)
        XCTAssertEqual(DrugFee.points(yenE7: 0, rule: .procedural), 0)
    }

    func test_特定保険医療材料_priceTimesQuantityDividedBy10RoundedHalfUp() {
        XCTAssertEqual(points([t(700010000, 200_000)], category: 70), 24, "120円 × 2 ÷ 10")
        XCTAssertEqual(points([t(700020000, 100_000)], category: 40), 13, "125円 ÷ 10 = 12.5 → 13 (四捨五入)")
        XCTAssertEqual(points([s(160068410), t(700010000, 100_000)], category: 60), 142, "a test with its film in one unit")
    }

    func test_unpriceableUnitsSayWhy() {
        XCTAssertEqual(price([s(199999999)]), .failure(.codeNotValid(199999999, ServiceDate("20240601")!)))
        XCTAssertEqual(price([s(199000002)]), .failure(.purchasePrice(199000002)))
        XCTAssertEqual(price([y(620000001, 100_000)], on: "20240331"), .failure(.dateNotCovered(.drug, ServiceDate("20240331")!)), "the y chain starts 2024-04-01")
        XCTAssertEqual(price([y(629999999, 100_000)]), .failure(.codeNotValid(629999999, ServiceDate("20240601")!)))
        if case .failure(.dateNotCovered(.procedure, _)) = price([s(160068410)], on: "20260601") {} else { XCTFail("2026-06-01 is beyond the 令和4/6 fixture chain") }
    }

    /// Review 158 D5: a code with leading zeros is named as written (012007410 was named 12007410).
    func testAnIssueNamesItsCodeWithNineDigits() {
        let day = ServiceDate("2024-06-03")!
        XCTAssertEqual(UnitPricingIssue.codeNotValid(12007410, day).description, "012007410 has no version valid on \(day)")
        XCTAssertEqual(UnitPricingIssue.overflow(629700501).description, "629700501: amount out of range")
    }
}


/// Mechanisms on the real 令和2 master (s_ALL20220218 + updates, 2021-10), units written for the test.
final class RealUnitPricerTests: XCTestCase {
    func points(_ items: [(UInt64, Int)], category: Int = 70) throws -> Int? {
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        let units = items.map { UnitItem(kind: .procedure, code: $0.0, quantity: $0.1 * UnitItem.quantityScale) }
        if case .success(let p) = pricer.price(units, category: category, masters: DatedMasters(try RealData.masters(), on: ServiceDate("20211015")!)) {
            return p.points
        }
        return nil
    }

    func test_E001_E002_filmsBeyondTheFirstByKizamiWithHalfPoints() throws {
        // 単純撮影（イ）の写真診断 85点, きざみ 42.50 per further film (E001 注: 2枚目から100分の50).
        XCTAssertEqual(try points([(170000410, 1)]), 85)
        XCTAssertEqual(try points([(170000410, 2)]), 128, "85 + 42.5 = 127.5 → 128 (四捨五入)")
        XCTAssertEqual(try points([(170000410, 3)]), 170)
        // 単純撮影（デジタル撮影） 68点 + 34.00 each further film; with 幼児加算 (画像, 100分の30): 68 × 1.3 = 88.4 → 88.
        XCTAssertEqual(try points([(170027910, 3)]), 136)
        XCTAssertEqual(try points([(170027910, 1), (170034170, 0)]), 88)
    }

    func test_D015_specificIgEByKizamiWithinTheGroupCap() throws {
        // 特異的ＩｇＥ 110点 per 種類 (きざみ 1…13), 包括対象検査 11: 1430点を限度.
        XCTAssertEqual(try points([(160056110, 3)], category: 60), 330)
        XCTAssertEqual(try points([(160056110, 13)], category: 60), 1430)
    }

    func test_I004_percentAddOnOfTwoHundred() throws {
        // 心身医学療法（入院外）（初診時） 110点 + ２０歳未満加算 100分の200: 110 × 3 = 330.
        XCTAssertEqual(try points([(180020610, 0), (180028570, 0)], category: 80), 330)
    }
}
