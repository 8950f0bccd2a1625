import Foundation
import XCTest
@testable import Santei

/// A000 注6/注7 and similar: add-ons derived from the master's 注加算コード families and 年齢加算
/// columns, on the real 令和6 master (../shared).
final class AddOnDerivationTests: XCTestCase {
    func price(_ json: String) throws -> PricedClaim {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(JSONDecoder().decode(Claim.self, from: Data(json.utf8)))
    }

    func test_A000注7_infantOvertimeIsDerivedFromTheTimeBandAndAge() throws {
        // 初診料 291 + 乳幼児時間外加算 200 (A000 注7: 6歳未満の乳幼児 時間外 200点).
        let r = try price(#"{"id":"a","patient":{"birth_date":"2021-04-10"},"facility":{"kind":"clinic"},"encounters":[{"date":"2024-06-03","time_band":"overtime","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 291 + 200)
        XCTAssertTrue(r.orders[0].explanation.contains { $0.hasPrefix("111011970: derived from time band overtime") })
        // An adult at night: 深夜加算（初診） 480.
        let adult = try price(#"{"id":"b","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","time_band":"night","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#)
        XCTAssertEqual(adult.totalPoints, 291 + 480)
    }

    func test_A000注6_infantAddOnFromTheAgeColumnsUntilTheDayBeforeTheSixthBirthday() throws {
        // Born 2018-06-04: six is attained on 2024-06-03 (the day before the birthday).
        let r = try price(#"{"id":"c","patient":{"birth_date":"2018-06-04"},"encounters":[{"date":"2024-06-02","orders":[{"category":11,"items":[{"code":"111000110"}]}]},{"date":"2024-06-03","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#)
        XCTAssertEqual(r.byEncounter, [291 + 75, 291])
    }

    func testNothingIsDerivedWhenTheOrderStatesAnAddOnOfTheSameSerial() throws {
        let r = try price(#"{"id":"d","patient":{"birth_date":"2021-04-10"},"encounters":[{"date":"2024-06-03","time_band":"overtime","orders":[{"category":11,"items":[{"code":"111000110"},{"code":"111000570"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 291 + 85, "時間外加算 stated: neither 乳幼児時間外 nor 乳幼児加算 is added (same 通番 1)")
    }

    func testDaytimeAdultGetsNothingAndBadBandsAreErrors() throws {
        let r = try price(#"{"id":"e","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","time_band":"daytime","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 291)
        XCTAssertThrowsError(try price(#"{"id":"f","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","time_band":"lunch","orders":[{"category":11,"items":[{"code":"111000110"}]}]}]}"#)) { error in
            XCTAssertTrue("\(error)".contains("time_band \"lunch\""), "\(error)")
        }
    }

    /// Review 265 DH-3: a device of 使用量 0 is no device used — an error naming the field, not 0 点 with its fees derived.
    func testADeviceOfQuantityZeroIsAnError() throws {
        func claim(_ q: String) -> String {
            #"{"id":"o","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":40,"items":[{"code":"140005610"},{"code":"739220000","quantity":\#(q)}]}]}]}"#
        }
        XCTAssertThrowsError(try price(claim("0"))) { XCTAssertTrue("\($0)".contains("items[1].quantity 0"), "\($0)") }
        XCTAssertNoThrow(try price(claim("500")))
    }

    func revisit(_ band: String, birth: String = "1970-01-01", facility: String = "clinic") throws -> PricedClaim {
        try price(#"{"id":"r","patient":{"birth_date":"\#(birth)"},"facility":{"kind":"\#(facility)"},"encounters":[{"date":"2024-06-03","time_band":"\#(band)","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]}"#)
    }

    func test_A001注5_注7_standAloneTimeRowsOfTheSameSection() throws {
        // 再診料 75 + 時間外 65 / 休日 190 / 深夜 420 (A001 注5); 夜間・早朝等加算 50 for 診療所 only (注7).
        XCTAssertEqual(try revisit("overtime").totalPoints, 75 + 65)
        XCTAssertEqual(try revisit("holiday").totalPoints, 75 + 190)
        XCTAssertEqual(try revisit("night").totalPoints, 75 + 420)
        XCTAssertEqual(try revisit("early_late").totalPoints, 75 + 50)
        XCTAssertEqual(try revisit("early_late", facility: "hospital").totalPoints, 75, "病院・診療所区分 2: 診療所 only")
    }

    func test_A001注4_infantAddOnNotWithTimeAddOnsButWithEarlyLate() throws {
        // 6歳未満 on a holiday: 乳幼児休日加算 (A001 注5, 112014870: 260) is derived — its 小児科 特例 row
        // (注6, 112014270, for a 小児科 within its 表示診療時間) needs a fact the claim does not carry — and
        // 乳幼児加算 is not added (注4 ただし書). 再診料 75 + 260.
        let holiday = try revisit("holiday", birth: "2021-04-10")
        XCTAssertEqual(holiday.totalPoints, 75 + 260)
        XCTAssertEqual(holiday.orders[0].added, ["112014870"])
        // 深夜, 3歳: 乳幼児深夜加算 590 (112014970).
        XCTAssertEqual(try revisit("night", birth: "2021-04-10").totalPoints, 75 + 590)
        // 夜間・早朝等加算 does not exclude 乳幼児加算: 75 + 50 + 38.
        XCTAssertEqual(try revisit("early_late", birth: "2021-04-10").totalPoints, 75 + 50 + 38)
    }

    func test_A000注7_notTheA000注8小児科特例_unlessStated() throws {
        // 初診料 291 for a 2-year-old on a 休日: 乳幼児休日加算（初診） 365 (A000 注7, 111012070), not the
        // 小児科 row 111011670 (注8, 表示診療時間内 only); on 深夜 695 (111012170).
        func first(_ band: String, _ extra: String = "") throws -> PricedClaim {
            try price(#"{"id":"i","patient":{"birth_date":"2022-03-01"},"encounters":[{"date":"2024-06-09","time_band":"\#(band)","orders":[{"category":11,"items":[{"code":"111000110"}\#(extra)]}]}]}"#)
        }
        let holiday = try first("holiday")
        XCTAssertEqual(holiday.totalPoints, 291 + 365)
        XCTAssertEqual(holiday.orders[0].added, ["111012070"])
        XCTAssertEqual(try first("night").totalPoints, 291 + 695)
        // The clerk of a 小児科 states the 特例 row: it is billed and nothing else of that 通番 is derived.
        let stated = try first("holiday", #",{"code":"111011670"}"#)
        XCTAssertEqual(stated.totalPoints, 291 + 365)
        XCTAssertEqual(stated.orders[0].added ?? [], [])
    }

    func test_K通則12_facilityWithTheStandardOfAddOn1GetsANoteNotAGuess() throws {
        // 休日加算１ (160/100) needs 施設基準 3397 and the master gives 加算1 rows no field telling 時間外 from
        // 深夜 (時間加算区分 8): with the standard held, nothing is derived and a note asks.
        let r = try price(#"{"id":"k1","patient":{"birth_date":"1970-01-01"},"facility":{"kind":"hospital","standards":[{"code":3397,"from":"2024-04-01"}]},"encounters":[{"date":"2024-06-20","time_band":"holiday","orders":[{"category":50,"items":[{"code":"150011310"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 3750)
        XCTAssertTrue(r.orders[0].explanation.contains { $0.contains("時間外等加算1") }, "\(r.orders[0].explanation)")
        // Held only from after the service date: 加算2 is derived.
        let later = try price(#"{"id":"k2","patient":{"birth_date":"1970-01-01"},"facility":{"kind":"hospital","standards":[{"code":3397,"from":"2024-07-01"}]},"encounters":[{"date":"2024-06-20","time_band":"holiday","orders":[{"category":50,"items":[{"code":"150011310"}]}]}]}"#)
        XCTAssertEqual(later.totalPoints, 3750 + 3000)
    }

    func test_K通則8_statedAgeAddOnIsNotDerivedAgain() throws {
        let r = try price(#"{"id":"k3","patient":{"birth_date":"2022-01-15"},"encounters":[{"date":"2024-06-20","time_band":"daytime","orders":[{"category":50,"items":[{"code":"150011310"},{"code":"150000290"}]}]}]}"#)
        XCTAssertEqual(r.totalPoints, 7500)
        XCTAssertFalse(r.orders[0].explanation.contains { $0.contains("derived") })
    }

    func testEveryAgeCodeOfTheRealMasterHasAThreshold() throws {
        // 下限年齢・上限年齢 (項番41・42) and 年齢加算①〜④ of every version in the real s chains: each code
        // is one the spec defines (two digits, AA, AE, B3, B6, BF, BK, MG), so none is left to the clerk.
        let set = try RealData.masters()
        let age = PatientAge(birth: ServiceDate("20180615")!)
        var seen = Set<String>()
        for date in ["20240601", "20220401"] {
            let t = try set.resolve(.procedure, on: ServiceDate(date)!).table
            let P = ProcedureColumn.self
            for v in 0..<t.versionCount {
                var columns: [Int] = [P.minimumAge, P.maximumAge]
                for k in 0..<4 { columns.append(P.ageAddOnFirst + 3 * k); columns.append(P.ageAddOnFirst + 3 * k + 1) }
                for col in columns {
                    let code = t.string(v, col)
                    if seen.insert(code).inserted { XCTAssertNotEqual(age.threshold(code), .unknown, "age code \(code)") }
                }
            }
        }
        XCTAssertTrue(seen.isSuperset(of: ["B6", "MG", "BK"]), "\(seen.sorted())")
    }

    func testPatientAgeCountsFromTheDayBeforeTheBirthday() {
        let age = PatientAge(birth: ServiceDate("20180604")!)
        XCTAssertEqual(age.years(on: ServiceDate("20240602")!), 5)
        XCTAssertEqual(age.years(on: ServiceDate("20240603")!), 6)
        let leap = PatientAge(birth: ServiceDate("20200229")!)
        XCTAssertEqual(leap.years(on: ServiceDate("20210227")!), 0)
        XCTAssertEqual(leap.years(on: ServiceDate("20210228")!), 1, "born on 2/29: the year is complete on 2/28")
        XCTAssertEqual(age.satisfies(lower: "00", upper: "06", on: ServiceDate("20240602")!), true)
        XCTAssertEqual(age.satisfies(lower: "00", upper: "06", on: ServiceDate("20240603")!), false)
        XCTAssertEqual(leap.attains(1), ServiceDate("20210228")!)
        // B6 「６歳に達した日の翌月の１日」: six attained on 2024-06-03, so under B6 until 2024-06-30.
        XCTAssertEqual(age.satisfies(lower: "00", upper: "B6", on: ServiceDate("20240630")!), true)
        XCTAssertEqual(age.satisfies(lower: "00", upper: "B6", on: ServiceDate("20240701")!), false)
        XCTAssertEqual(age.satisfies(lower: "B3", upper: "00", on: ServiceDate("20210630")!), false, "3 attained 2021-06-03: B3 from 07-01")
        XCTAssertEqual(age.satisfies(lower: "B3", upper: "00", on: ServiceDate("20210701")!), true)
        // MG 未就学児: until the first 31 March after the day six is attained.
        XCTAssertEqual(age.satisfies(lower: "00", upper: "MG", on: ServiceDate("20250331")!), true)
        XCTAssertEqual(age.satisfies(lower: "00", upper: "MG", on: ServiceDate("20250401")!), false)
        // Born 1 April: six is attained on 31 March, which is itself the school year's end.
        let april1 = PatientAge(birth: ServiceDate("20180401")!)
        XCTAssertEqual(april1.satisfies(lower: "00", upper: "MG", on: ServiceDate("20240331")!), true)
        XCTAssertEqual(april1.satisfies(lower: "00", upper: "MG", on: ServiceDate("20240401")!), false)
        XCTAssertEqual(PatientAge(birth: ServiceDate("20180402")!).satisfies(lower: "00", upper: "MG", on: ServiceDate("20240401")!), true)
        XCTAssertNil(age.satisfies(lower: "00", upper: "ZZ", on: ServiceDate("20240603")!), "an age code the spec does not define")
        XCTAssertEqual(PatientAge(birth: ServiceDate("20240601")!).satisfies(lower: "00", upper: "AA", on: ServiceDate("20240620")!), true, "生後28日未満")
    }
}

/// D026: 判断料 once a month per 判断グループ, derived from 検査等実施判断区分/グループ.
final class JudgementFeeTests: XCTestCase {
    func price(_ json: String) throws -> PricedClaim {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        return try pricer.price(JSONDecoder().decode(Claim.self, from: Data(json.utf8)))
    }

    func test_D026_feeAddedOnceOnTheFirstDayOfTheGroupsTests() throws {
        // 末梢血液一般 (group 2 血液学) on 06-03 and 06-10, TP (group 3 生化学Ⅰ) on 06-10.
        let r = try price(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-10","orders":[{"category":60,"items":[{"code":"160008010"}]},{"category":60,"items":[{"code":"160017410"}]}]},{"date":"2024-06-03","orders":[{"category":60,"items":[{"code":"160008010"}]}]}]}"#)
        let derived = r.orders.filter(\.derived)
        XCTAssertEqual(derived.map(\.code), ["160061910", "160061810"])
        XCTAssertEqual(derived.map(\.encounter), [0, 1], "血液学的検査判断料 on 06-03, the group's first test day")
        XCTAssertEqual(r.byEncounter, [21 + 11 + 144, 21 + 125])
    }

    func test_D026_statedFeeIsNotAddedAgain() throws {
        let r = try price(#"{"id":"b","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":60,"items":[{"code":"160008010"}]},{"category":60,"items":[{"code":"160061810"}]}]}]}"#)
        XCTAssertTrue(r.orders.allSatisfy { !$0.derived })
        XCTAssertEqual(r.totalPoints, 21 + 125)
    }
}

/// The 会計 desk call: one encounter priced with its month so far.
final class EncounterPricingTests: XCTestCase {
    func testEachEncounterCarriesWhatTheMonthSoFarCallsForAndTheSumIsTheReceipt() throws {
        let pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        // Listed out of date order: 06-10 first, 06-03 second; 末梢血液一般 on both days.
        let claim = try JSONDecoder().decode(Claim.self, from: Data(#"{"id":"m","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-10","orders":[{"category":12,"items":[{"code":"112007410"}]},{"category":60,"items":[{"code":"160008010"}]}]},{"date":"2024-06-03","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":60,"items":[{"code":"160008010"}]}]}]}"#.utf8))
        let first = try pricer.priceEncounter(claim, encounter: 1)
        let second = try pricer.priceEncounter(claim, encounter: 0)
        // 06-03: 初診料 291 + 末梢血液一般 21 + 血液学的検査判断料 125 (the group's first test day).
        XCTAssertEqual(first.points, 291 + 21 + 125)
        XCTAssertEqual(first.orders.filter(\.derived).map(\.code), ["160061810"])
        XCTAssertTrue(first.orders.allSatisfy { $0.encounter == 1 })
        // 06-10: 再診料 75 + 21, the 判断料 is already billed this month.
        XCTAssertEqual(second.points, 75 + 21)
        XCTAssertEqual(first.points + second.points, try pricer.price(claim).totalPoints)
        XCTAssertThrowsError(try pricer.priceEncounter(claim, encounter: 2))
    }
}
