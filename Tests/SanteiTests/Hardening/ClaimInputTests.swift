import Foundation
import XCTest
@testable import Santei

/// Claims are checked at the door (`ClaimJSON.parse`: strict JSON, then `ClaimCheck`): every silently
/// accepted value of issue 9 is now an error naming its JSON path, and no input traps.
final class ClaimInputTests: XCTestCase {
    static let good = #"{"id":"g","patient":{"birth_date":"1958-03-12","sex":"1"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]}"#

    /// The error of a claim line, or nil when it reads.
    func error(_ line: String) -> ClaimError? { error(Array(line.utf8)) }
    func error(_ bytes: [UInt8]) -> ClaimError? {
        do throws(ClaimError) { _ = try ClaimJSON.parse(ArraySlice(bytes)); return nil } catch { return error }
    }
    /// `good` with one replacement.
    func variant(_ of: String, _ with: String) -> String {
        precondition(Self.good.contains(of), of)
        return Self.good.replacingOccurrences(of: of, with: with)
    }
    func assertError(_ line: String, _ fragments: String..., file: StaticString = #filePath, line number: UInt = #line) {
        guard let e = error(line) else { return XCTFail("accepted: \(line.prefix(300))", file: file, line: number) }
        for f in fragments { XCTAssertTrue(e.message.contains(f), "\(e.message) lacks \(f)", file: file, line: number) }
    }

    func testTheGoodClaimReads() { XCTAssertNil(error(Self.good)) }

    /// Review 89 W1/W2: a claim without encounters priced to 0 points, complete; an order without items passed the audit.
    /// Both are errors at the door, naming the path; an 入院 claim may state only its stay.
    func testNoEncounterOrAnOrderWithoutItemsIsAnError() {
        assertError(variant(#"[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]"#, "[]"), "encounters", "is empty")
        assertError(variant(#"[{"code":"112007410"}]"#, "[]"), "encounters[0].orders[0].items", "is empty")
    }

    /// Review 98: patient.sex is 1 or 2; any other text was read and counted as no sex.
    func testASexThatIsNot1Or2IsAnError() {
        for sex in ["3", "X", "", "1 "] { assertError(variant(#""sex":"1""#, #""sex":"\#(sex)""#), "patient.sex", "not 1 (男) or 2 (女)") }
        XCTAssertNil(error(variant(#""sex":"1""#, #""sex":"2""#)))
    }

    /// Review 408 IV-5: `late_elderly: true` under 65 is refused at the door with or without `insurance` (only the copay refused it);
    /// at 65〜74 it is the 障害認定 (高齢者の医療の確保に関する法律 第50条 第2号) and reads. `null` in an optional field is absent (IV-1, IV-2:
    /// documented), in a required one refused.
    func testLateElderlyUnder65IsRefusedAndNullIsAbsent() {
        assertError(variant(#""sex":"1""#, #""sex":"1","late_elderly":true"#).replacingOccurrences(of: "1958-03-12", with: "1990-01-20"), "patient.late_elderly", "under 65", "第50条")
        XCTAssertNil(error(variant(#""sex":"1""#, #""sex":"1","late_elderly":true"#)))   // 66 on 2024-06-03
        XCTAssertNil(error(variant(#"}]}]}"#, #"}],"times":null}]}"#)))
        assertError(variant(#""items":[{"code":"112007410"}]"#, #""items":null"#), "encounters[0].orders[0].items")
        assertError(variant(#""category":12"#, #""category":null"#), "encounters[0].orders[0].category")
    }

    /// Review 335 FZ-1, FZ-2: the enumerations are checked at the door of every command (price, audit, the service): a
    /// facility.kind of "Hospital" dropped F400 注5's 加算 without a word, and the audit read an unknown time_band, visit, fact or
    /// 所得区分 as none stated.
    func testEnumerationsOutsideTheirValuesAreErrorsNamingTheField() {
        for kind in ["Hospital", "病院", ""] { assertError(variant(#""encounters""#, #""facility":{"kind":"\#(kind)"},"encounters""#), "facility.kind", "is not clinic (診療所) or hospital (病院)") }
        for kind in ["clinic", "hospital"] { XCTAssertNil(error(variant(#""encounters""#, #""facility":{"kind":"\#(kind)"},"encounters""#)), kind) }
        assertError(variant(#""orders""#, #""time_band":"midnight","orders""#), "encounters[0].time_band", "is not one of daytime")
        XCTAssertNil(error(variant(#""orders""#, #""time_band":"early_late","orders""#)))
        assertError(variant(#""orders""#, #""visit":"third","orders""#), "encounters[0].visit", "is not first (初診) or revisit (再診)")
        XCTAssertNil(error(variant(#""orders""#, #""visit":"revisit","orders""#)))
        assertError(variant(#""encounters""#, #""facility":{"facts":["magic"]},"encounters""#), "facility.facts[0]", "is not a fact the rules read")
        assertError(variant(#""encounters""#, #""insurance":{"income_class":"Z"},"encounters""#), "insurance.income_class", "is not an income class")
        XCTAssertNil(error(variant(#""encounters""#, #""insurance":{"income_class":"一般Ⅱ"},"encounters""#)))
    }

    /// Review 335 FZ-3: a top-level array nested past the limit is named as such (it read "expected an object"); a shallow one
    /// is "a JSON array".
    func testADeepTopLevelArrayNamesTheNestingLimit() {
        assertError(String(repeating: "[", count: 70) + String(repeating: "]", count: 70), "nesting deeper than 64 levels")
        assertError("[[]]", "a claim is a JSON object", "this is a JSON array")
    }

    // MARK: dates

    func testDatesThatAreNotCalendarDatesAreErrorsNamingTheField() {
        assertError(variant("1958-03-12", "9999-99-99"), "patient.birth_date", "not a date")
        assertError(variant("2024-06-03", "2-0-2-4-0-6-0-3"), "encounters[0].date", "not a date")
        assertError(variant("2024-06-03", "20240603"), "encounters[0].date")
        assertError(variant("2024-06-03", "2024-06-31"), "encounters[0].date")
        // Review 349 GO-5: a real date before 1868 is said to be outside the years, not "not a date".
        assertError(variant("1958-03-12", "1867-12-31"), "patient.birth_date", "outside the years 1868…9999")
        assertError(variant("1958-03-12", "1958-3-12"), "patient.birth_date")
        assertError(variant(#""encounters""#, #""diseases":[{"code":"8833421","start":"2024-02-30"}],"encounters""#), "diseases[0].start")
        assertError(variant(#""encounters""#, #""facility":{"standards":[{"code":1,"from":"2024-6-1"}]},"encounters""#), "facility.standards[0].from")
        XCTAssertNil(error(variant(#""encounters""#, #""diseases":[{"code":"8833421","start":"2024-02-29"}],"encounters""#)), "a leap day is a date")
    }

    /// Review 136 BUG-2: a drug or device without its 使用量 is an error naming the field (it was priced as 1点 a day).
    func testADrugWithoutItsQuantityIsAnError() {
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710"}"#), "encounters[0].orders[0].items[1].quantity", "missing")
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710","quantity":null}"#), "encounters[0].orders[0].items[1].quantity")
        XCTAssertNil(error(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710","quantity":1}"#)))
        // Review 265 DH-3: 使用量 0 was billed 1点 a day with its 調剤料 and 処方料.
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710","quantity":0}"#), "encounters[0].orders[0].items[1].quantity", "0 gives none")
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710","quantity":"0.00000"}"#), "encounters[0].orders[0].items[1].quantity")
        XCTAssertNil(error(variant(#"{"code":"112007410"}"#, #"{"code":"112007410"},{"code":"612170710","quantity":"0.00001"}"#)))
        XCTAssertNil(error(variant(#"{"code":"112007410"}"#, #"{"code":"112007410","quantity":0}"#)), "a procedure row's 数量データ may be 0 at the door")
    }

    func testABirthDateAfterTheServiceDateIsAnError() {
        assertError(variant("1958-03-12", "2024-06-04"), "encounters[0].date", "birth date")
        XCTAssertNil(error(variant("1958-03-12", "2024-06-03")), "born on the day of the visit")
    }

    func testEncountersOfTwoMonthsInOneClaimAreAnError() {
        func claim(_ dates: String...) -> String {
            let encounters = dates.map { #"{"date":"\#($0)","orders":[{"category":12,"items":[{"code":"112007410"}]}]}"# }
            return #"{"id":"m","patient":{"birth_date":"1958-03-12"},"encounters":[\#(encounters.joined(separator: ","))]}"#
        }
        assertError(claim("2024-06-03", "2024-07-01"), "encounters[1].date", "2024-06", "one month")
        assertError(claim("2024-06-03", "2024-06-10", "2023-06-10"), "encounters[2].date")
        XCTAssertNil(error(claim("2024-06-03", "2024-06-30", "2024-06-01")))
    }

    // MARK: strict JSON

    func testDuplicateKeysAreAnErrorNamingThePath() {
        assertError(variant(#""id":"g","#, #""id":"g","id":"h","#), "duplicate key \"id\"")
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410","code":"112007410"}"#), "encounters[0].orders[0].items[0]", "duplicate key \"code\"")
        assertError(variant(#""encounters""#, #""x":{"y":[{"z":1,"z":2}]},"encounters""#), "x.y[0].z", "duplicate key")
    }

    /// The key set keeps up to 16 plain keys as byte ranges and then a set of decoded keys: a duplicate is
    /// found whatever the spelling (an escape), the count (past 16) or the key (empty), and distinct keys
    /// of the same length or with the same prefix are not duplicates.
    func testDuplicateKeysAreFoundWithEscapesPastSixteenKeysAndWhenEmpty() {
        assertError(variant(#""id":"g","#, #""id":"g","i\u0064":"h","#), "duplicate key \"id\"")
        assertError(variant(#""id":"g","#, #""i\u0064":"g","id":"h","#), "duplicate key \"id\"")
        assertError(variant(#""encounters""#, #""":1,"":2,"encounters""#), "duplicate key \"\"")
        let many = (0..<20).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        XCTAssertNil(error(variant(#""encounters""#, many + #","encounters""#)), "20 distinct keys")
        for repeated in [0, 15, 16, 19] {
            assertError(variant(#""encounters""#, many + #","k\#(repeated)":0,"encounters""#), "duplicate key \"k\(repeated)\"")
        }
        XCTAssertNil(error(variant(#""encounters""#, #""ab":1,"ba":2,"a":3,"abc":4,"encounters""#)), "same length, same prefix")
    }

    /// Paths are spelled out only for an error, found again from the byte where the bad value starts: the
    /// path of a bad literal, and of a bad value deep inside an unknown key, is the one a clerk looks for.
    func testAnErrorInsideAValueNamesItsPathFromTheBytes() {
        assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410","note":{"a":[1,{"b":tru}]}}"#),
                    "encounters[0].orders[0].items[0].note.a[1].b", "literal")
        assertError(variant(#""date":"2024-06-03""#, #""date":"2024-06-03","time_band":nul"#), "encounters[0].time_band", "literal")
        assertError(variant(#""sex":"1""#, #""sex":"1", "x" : [ 1 , 2 , -]"#), "patient.x[2]")
        assertError(variant(#""encounters""#, #""facility":{"standards":[{"code":1,"from":"2024-06-01","y":{"k\u0041":"v","z":[nul]}}]},"encounters""#),
                    "facility.standards[0].y.z[0]")
        assertError(variant(#""encounters""#, #""q\"uote":[1,2,{"r":01}],"encounters""#), #"q"uote[2].r"#)
    }

    func testInvalidUTF8IsAnError() {
        var bytes = Array(variant(#""id":"g""#, #""id":"g~""#).utf8)
        let k = bytes.firstIndex(of: UInt8(ascii: "~"))!
        for seq: [UInt8] in [[0xFF], [0xC3], [0xED, 0xB0, 0x80], [0xC0, 0x80]] {
            var b = bytes
            b.replaceSubrange(k...k, with: seq)
            XCTAssertTrue(error(b)?.message.contains("invalid UTF-8") == true, "\(seq)")
        }
        // In a value nobody reads (an unknown key) too.
        bytes = Array(variant(#""encounters""#, #""note":"~","encounters""#).utf8)
        let j = bytes.firstIndex(of: UInt8(ascii: "~"))!
        bytes[j] = 0xFE
        XCTAssertTrue(error(bytes)?.message.contains("invalid UTF-8") == true)
    }

    func testInvalidLiteralsAndNumbersAreErrors() {
        for bad in ["tru", "nul", "falsey", "truex"] {
            XCTAssertNotNil(error(variant(#""encounters""#, #""inpatient":\#(bad),"encounters""#)), bad)
            XCTAssertNotNil(error(variant(#""encounters""#, #""unknown":\#(bad),"encounters""#)), bad)
        }
        XCTAssertNotNil(error(variant(#""sex":"1""#, #""sex":nul"#)))
        for bad in ["01", "1.", "-", "1e", ".5", "12x"] {
            XCTAssertNotNil(error(variant(#""category":12"#, #""category":\#(bad)"#)), bad)
            XCTAssertNotNil(error(variant(#""encounters""#, #""unknown":\#(bad),"encounters""#)), bad)
        }
        assertError(variant(#""category":12"#, #""category":12.5"#), "encounters[0].orders[0].category", "whole number")
    }

    func testControlCharactersInStringsAreErrors() {
        assertError(variant(#""id":"g""#, "\"id\":\"g\u{1}\""), "control character")
    }

    func testDeepNestingInAnUnknownKeyIsAnErrorNotAStackOverflow() {
        let deep = variant(#""encounters""#, "\"x\":" + String(repeating: "[", count: 150_000) + "1" + String(repeating: "]", count: 150_000) + ",\"encounters\"")
        assertError(deep, "not JSON", "x", "DomainLimit.maxJSONDepth")
        let shallow = variant(#""encounters""#, "\"x\":" + String(repeating: "[", count: 20) + "{\"a\":null}" + String(repeating: "]", count: 20) + ",\"encounters\"")
        XCTAssertNil(error(shallow))
    }

    // MARK: values

    func testCategoryNotInTheCodeListIsAnError() {
        for bad in [15, 10, 1, 0, -12, 100, 98] {
            assertError(variant(#""category":12"#, #""category":\#(bad)"#), "encounters[0].orders[0].category", "診療識別")
        }
        for ok in [11, 13, 14, 21, 33, 40, 50, 54, 60, 70, 80] {
            XCTAssertNil(error(variant(#""category":12"#, #""category":\#(ok)"#)), "\(ok)")
        }
    }

    func testTimesOutsideItsRangeIsAnError() {
        for bad in ["0", "-1", "1000", "9223372036854775807"] {
            assertError(variant(#""category":12,"#, #""category":12,"times":\#(bad),"#), "encounters[0].orders[0].times")
        }
        assertError(variant(#""category":12,"#, #""category":12,"times":99999999999999999999,"#), "encounters[0].orders[0].times", "out of range")
        XCTAssertNil(error(variant(#""category":12,"#, #""category":12,"times":999,"#)))
    }

    func testQuantityOutsideItsRangeIsAnError() {
        for bad in ["100000000000000", "\"100000000\"", "-1", "\"-1\"", "1e3", "299999999999999"] {
            assertError(variant(#"{"code":"112007410"}"#, #"{"code":"112007410","quantity":\#(bad)}"#), "encounters[0].orders[0].items[0].quantity")
        }
        XCTAssertNil(error(variant(#"{"code":"112007410"}"#, #"{"code":"112007410","quantity":"99999999.99999"}"#)))
    }

    func testCodesOfTheWrongLengthAreErrors() {
        assertError(variant("112007410", "1120074101120074101120074"), "encounters[0].orders[0].items[0].code", "9-digit")
        assertError(variant("112007410", "11200741a"), "items[0].code")
        assertError(variant("112007410", "１１２００７４１０"), "items[0].code")
        assertError(variant(#""encounters""#, #""diseases":[{"code":"883342"}],"encounters""#), "diseases[0].code", "7-digit")
        assertError(variant(#""encounters""#, #""diseases":[{"code":"8833421","modifiers":["20561"]}],"encounters""#), "diseases[0].modifiers[0]", "4-digit")
        assertError(variant(#""items""#, #""comments":[{"code":"81000000"}],"items""#), "encounters[0].orders[0].comments[0].code")
    }

    func testTextOverItsLimitIsAnError() {
        let long = String(repeating: "あ", count: 400)   // 1,200 bytes
        assertError(variant(#""id":"g""#, #""id":"\#(long)""#), "id", "DomainLimit.maxTextBytes")
        assertError(variant(#""items""#, #""comments":[{"text":"\#(long)"}],"items""#), "comments[0].text")
        // Review 349 GO-7: the error line echoes such an id up to the limit only (a 1 MB id gave a 1 MB line).
        let huge = String(repeating: "x", count: 1_000_000)
        let e = error(variant(#""id":"g""#, #""id":"\#(huge)""#))
        var out: [UInt8] = []
        ClaimJSON.writeError(e?.message ?? "", line: 1, id: e?.claimID ?? huge, into: &out)
        XCTAssertLessThan(out.count, 4 * DomainLimit.maxTextBytes)
        XCTAssertTrue(String(decoding: out, as: UTF8.self).contains(String(repeating: "x", count: DomainLimit.maxTextBytes) + "…"))
    }

    func testInsuranceValuesOutsideTheirLimitsAreErrors() {
        func insurance(_ s: String) -> String { variant(#""encounters""#, #""insurance":\#(s),"encounters""#) }
        assertError(insurance(#"{"income_class":"一般","rate_percent":200}"#), "insurance.rate_percent", "200")
        assertError(insurance(#"{"income_class":"一般","rate_percent":-10}"#), "insurance.rate_percent")
        assertError(insurance(#"{"income_class":"一般","long_term_disease_cap_yen":1000000000000000000}"#), "insurance.long_term_disease_cap_yen")
        assertError(insurance(#"{"income_class":"一般","public_programs":[{"law_number":"54","monthly_cap_yen":-1}]}"#), "insurance.public_programs[0].monthly_cap_yen")
        assertError(insurance(#"{"income_class":"一般","public_programs":[{"law_number":"5"}]}"#), "insurance.public_programs[0].law_number")
        XCTAssertNil(error(insurance(#"{"income_class":"一般","rate_percent":30,"public_programs":[{"law_number":"54","monthly_cap_yen":5000}]}"#)))
    }

    func testFacilityBedsOutsideTheirRangeIsAnError() {
        assertError(variant(#""encounters""#, #""facility":{"beds":-1},"encounters""#), "facility.beds")
        assertError(variant(#""encounters""#, #""facility":{"beds":100000},"encounters""#), "facility.beds")
    }

    func testClaimsOverTheBoundsAreOneClearError() {
        let encounter = #"{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}"#
        let many = Array(repeating: encounter, count: DomainLimit.maxEncountersPerClaim + 1).joined(separator: ",")
        assertError(#"{"id":"big","patient":{"birth_date":"1958-03-12"},"encounters":[\#(many)]}"#, "encounters", "DomainLimit.maxEncountersPerClaim")
        let atBound = Array(repeating: encounter, count: DomainLimit.maxEncountersPerClaim).joined(separator: ",")
        XCTAssertNil(error(#"{"id":"big","patient":{"birth_date":"1958-03-12"},"encounters":[\#(atBound)]}"#))
        let item = #"{"code":"112007410"}"#
        let items = Array(repeating: item, count: DomainLimit.maxItemsPerClaim + 1).joined(separator: ",")
        assertError(#"{"id":"big","patient":{"birth_date":"1958-03-12"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[\#(items)]}]}]}"#,
                    "DomainLimit.maxItemsPerClaim")
        // A claim built in code passes the same check.
        var claim = try! ClaimJSON.parse(ArraySlice(Array(Self.good.utf8)))
        claim.encounters = Array(repeating: claim.encounters[0], count: DomainLimit.maxEncountersPerClaim + 1)
        XCTAssertThrowsError(try ClaimCheck.validate(claim))
    }

    func testErrorsCarryTheClaimIDWhenItWasRead() {
        XCTAssertEqual(error(variant("1958-03-12", "9999-99-99"))?.claimID, "g")
        XCTAssertEqual(error(variant(#""category":12"#, #""category":tru"#))?.claimID, "g", "a JSON fault after the id")
        XCTAssertNil(error(#"{"patient":{"birth_date":"x"},"id":"late","encounters":[]}"#.replacingOccurrences(of: "\"x\"", with: "tru"))?.claimID,
                     "a JSON fault before the id: the line is no JSON to read it from")
        // Review 99 W1: a fault of a well-formed line found before `"id"` was reached still names the claim.
        XCTAssertEqual(error(#"{"patient":{"birth_date":"1958-13-40"},"id":"late","encounters":[]}"#)?.claimID, "late")
    }

    func testAClaimDecodedByFoundationMeetsTheSameQuantityLimit() {
        let line = variant(#"{"code":"112007410"}"#, #"{"code":"112007410","quantity":"100000000"}"#)
        XCTAssertThrowsError(try JSONDecoder().decode(Claim.self, from: Data(line.utf8)))
    }
}

/// Dates at the ends of the calendar (years 1868–9999 pass the door) never trap the age rules.
final class CalendarEdgeTests: XCTestCase {
    func testAgesOfAPatientBornIn9999DoNotTrap() throws {
        let age = PatientAge(birth: try XCTUnwrap(ServiceDate(year: 9999, month: 6, day: 1)))
        let date = try XCTUnwrap(ServiceDate(year: 9999, month: 12, day: 31))
        XCTAssertEqual(age.years(on: date), 0)
        XCTAssertEqual(age.birthday(3), .open)
        XCTAssertEqual(age.monthAfterAttaining(70), .open)
        XCTAssertEqual(age.schoolEntry, .open)
        for code in ["03", "99", "B3", "BK", "MG", "AA"] {
            if case .from(let d) = age.threshold(code) { XCTAssertGreaterThan(d, ServiceDate(year: 9999, month: 6, day: 1)!, code) }
        }
        XCTAssertEqual(Yen.roundHalfUp(-15, over: 10), -2, "a negative amount rounds by its size")
        XCTAssertEqual(Yen.percent(30, of: Int.max), Int.max / 100, "saturates instead of trapping")
    }

    func testAClaimOfAPatientBornIn9999Prices() throws {
        let set = try RealData.masters()
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let line = #"{"id":"far","patient":{"birth_date":"9999-01-01"},"encounters":[{"date":"9999-12-31","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]}"#
        let claim = try ClaimJSON.parse(ArraySlice(Array(line.utf8)))
        XCTAssertNoThrow(try? pricer.price(claim), "an error (no masters for 9999) or a price, never a trap")
        XCTAssertNoThrow(try? Auditor(masters: set).audit(claim))
    }
}
