import Foundation
import XCTest
@testable import Santei

/// Copay cases at the door: strict JSON first (JSONDecoder never sees deep nesting or a key twice),
/// then every number inside its `DomainLimit`; a bad line is one error naming the field.
final class CopayInputTests: XCTestCase {
    static let good = #"{"id": "c", "service_month": "2025-06", "patient": {"age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false}, "public_programs": [{"law_number": "54", "monthly_cap_yen": 5000}], "bills": [{"yen_total": 100000, "covered_by": ["insurance", "54"], "visits": 2, "meals": 0}]}"#

    func error(_ line: String) -> CopayError? { error(Array(line.utf8)) }
    func error(_ bytes: [UInt8]) -> CopayError? {
        do throws(CopayError) { _ = try CopayCase.parse(ArraySlice(bytes)); return nil } catch { return error }
    }
    func variant(_ of: String, _ with: String) -> String {
        precondition(Self.good.contains(of), of)
        return Self.good.replacingOccurrences(of: of, with: with)
    }
    func assertError(_ line: String, field: String, _ fragment: String = "", file: StaticString = #filePath, line number: UInt = #line) {
        guard let e = error(line) else { return XCTFail("accepted: \(line.prefix(200))", file: file, line: number) }
        XCTAssertEqual(e.field, field, e.description, file: file, line: number)
        if !fragment.isEmpty { XCTAssertTrue(e.description.contains(fragment), e.description, file: file, line: number) }
    }

    func testTheGoodCaseReadsAndSettles() throws {
        XCTAssertNil(error(Self.good))
        let c = try CopayCase.parse(ArraySlice(Array(Self.good.utf8)))
        XCTAssertNoThrow(try MonthlySettlement(parameters: try CopayParameters.loadDefault()).settle(c.situation, bills: c.bills))
    }

    /// Review 389 IC-1: 54 and 52 charge 2割 up to the 階層's 自己負担上限月額, which only the 受給者証 states — a case without it
    /// is refused naming the field (as 38 is), not settled at an uncapped 2割; 15 and 21 without one are 1割 as before.
    func testASpecifiedDiseaseProgramWithoutItsCapIsRefused() throws {
        let settlement = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        for law in ["54", "52"] {
            let line = variant(#"{"law_number": "54", "monthly_cap_yen": 5000}"#, #"{"law_number": "\#(law)"}"#).replacingOccurrences(of: #"["insurance", "54"]"#, with: #"["insurance", "\#(law)"]"#)
            let c = try CopayCase.parse(ArraySlice(Array(line.utf8)))
            XCTAssertThrowsError(try settlement.settle(c.situation, bills: c.bills), law) { error in
                XCTAssertTrue("\(error)".contains("public_programs[0].monthly_cap_yen"), "\(error)")
                XCTAssertTrue("\(error)".contains("自己負担上限月額"), "\(error)")
            }
        }
        let rehab = variant(#"{"law_number": "54", "monthly_cap_yen": 5000}"#, #"{"law_number": "15"}"#).replacingOccurrences(of: #"["insurance", "54"]"#, with: #"["insurance", "15"]"#)
        let c = try CopayCase.parse(ArraySlice(Array(rehab.utf8)))
        XCTAssertEqual(try settlement.settle(c.situation, bills: c.bills).patientYen, 10000, "15 without a cap: 1割 of 100,000")
    }

    /// Review 349 GO-6: an empty `visits` (no bills) is named as such; no list at all is "no bills".
    func testAnEmptyVisitsListIsNamed() {
        let bills = #""bills": [{"yen_total": 100000, "covered_by": ["insurance", "54"], "visits": 2, "meals": 0}]"#
        assertError(variant(bills, #""visits": []"#), field: "visits", "no visits")
        assertError(variant(", " + bills, ""), field: "bills", "no bills")
    }

    func testRatePercent200IsAnError() {
        assertError(variant(#""copay_rate_percent": 30"#, #""copay_rate_percent": 200"#), field: "patient.copay_rate_percent", "200")
        assertError(variant(#""copay_rate_percent": 30"#, #""copay_rate_percent": -30"#), field: "patient.copay_rate_percent")
        // 後期高齢者 一般Ⅰ is 1割 and 一般Ⅱ 2割 (高齢者医療確保法 §67 第1項): 一般Ⅰ at 2割 was settled at 2割 (review 155 A1).
        func over70(_ cls: String, _ rate: Int) -> String {
            variant(#""age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30"#,
                    #""age_band": "70plus", "income_class": "\#(cls)", "copay_rate_percent": \#(rate)"#)
        }
        assertError(over70("一般Ⅰ", 20), field: "patient.copay_rate_percent", "一般Ⅰ (10)")
        assertError(over70("一般Ⅱ", 10), field: "patient.copay_rate_percent", "一般Ⅱ (20)")
        XCTAssertNil(error(over70("一般Ⅰ", 10)))
        XCTAssertNil(error(over70("一般", 20)))
        XCTAssertNil(error(over70("一般", 10)), "70–74 before 2014-04, or 後期 before 2022-10")
    }

    func testNegativeVisitsAndMealsAreErrors() {
        assertError(variant(#""visits": 2"#, #""visits": -1"#), field: "bills[0].visits")
        assertError(variant(#""meals": 0"#, #""meals": -3"#), field: "bills[0].meals")
        assertError(variant(#""meals": 0"#, #""meals": 100000000000000000"#), field: "bills[0].meals")
    }

    func testYenOutsideItsRangeIsAnError() {
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 1000000000000000000"#), field: "bills[0].yen_total", "DomainLimit.yenRange")
        assertError(variant(#""yen_total": 100000"#, #""yen_total": -5"#), field: "bills[0].yen_total")
        assertError(variant(#""monthly_cap_yen": 5000"#, #""monthly_cap_yen": 99999999999"#), field: "public_programs[0].monthly_cap_yen")
        assertError(variant(#""monthly_cap_yen": 5000"#, #""monthly_cap_yen": 5000, "already_paid_yen": -1"#), field: "public_programs[0].already_paid_yen")
        assertError(variant(#""inpatient": false"#, #""inpatient": false, "long_term_disease_cap_yen": 10000000000000"#), field: "patient.long_term_disease_cap_yen")
    }

    /// Past Int by one (-9223372036854775809, 9223372036854775808) or a fraction: valid JSON that JSONDecoder refuses
    /// without a path — the error names the field (robustness sweep: it said "not JSON" with no field).
    func testANumberPastIntOrAFractionNamesItsField() {
        assertError(variant(#""yen_total": 100000"#, #""yen_total": -9223372036854775809"#), field: "bills[0].yen_total", "whole number")
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 9223372036854775808"#), field: "bills[0].yen_total", "whole number")
        assertError(variant(#""visits": 2"#, #""visits": 2.5"#), field: "bills[0].visits", "whole number")
        XCTAssertNil(CopayCase.firstNonWholeNumber(ArraySlice(Array(Self.good.utf8))), "every number of the good case is whole")
    }

    /// Review 141 B2: a number Foundation reads as a whole double (`2.99999999999999999` → 3.0, `1e5`) is not whole as
    /// written: refused naming its path, never settled as 3 meals or 100,000円. Keys the case does not read keep any number.
    func testAFractionOrExponentThatRoundsToAWholeDoubleIsRefused() {
        assertError(variant(#""meals": 0"#, #""meals": 2.99999999999999999"#), field: "bills[0].meals", "without a fraction or an exponent")
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 99999.99999999999999"#), field: "bills[0].yen_total", "whole number")
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 1e5"#), field: "bills[0].yen_total", "whole number")
        assertError(variant(#""copay_rate_percent": 30"#, #""copay_rate_percent": 30.0"#), field: "patient.copay_rate_percent", "whole number")
        assertError(variant(#""monthly_cap_yen": 5000"#, #""monthly_cap_yen": 5000.000000000000001"#), field: "public_programs[0].monthly_cap_yen")
        XCTAssertNil(error(variant(#""id": "c""#, #""id": "c", "expected": {"ratio": 0.5, "yen": 1e5}"#)), "an unread key may hold any number")
    }

    /// A service month before the law's first figures (or after the last known): refused, naming service_month.
    func testAServiceMonthWithoutParametersNamesTheField() throws {
        let c = try CopayCase.parse(ArraySlice(Array(variant(#""service_month": "2025-06""#, #""service_month": "1867-12""#).utf8)))
        let settlement = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        do throws(CopayError) {
            _ = try settlement.settle(c.situation, bills: c.bills)
            XCTFail("1867-12 settled")
        } catch {
            XCTAssertEqual(error.field, "service_month", error.description)
            XCTAssertTrue(error.message.contains("no parameter for 1867-12"), error.message)
        }
    }

    /// Review 89/90: refused with their path — a payer listed twice in one bill's covered_by, more meals in the month
    /// than three a day (each bill was within 999), a 食事 区分 that is none even when no bill has meals, and the
    /// class 一般Ⅱ (後期 2割) in a month before it existed (2022-10-01: it settled 2割).
    func testDuplicatePayersTooManyMealsUnknownMealClassAndAClassNotYetInForce() throws {
        assertError(variant(#""covered_by": ["insurance", "54"]"#, #""covered_by": ["insurance", "54", "54"]"#), field: "bills[0].covered_by[2]", "twice")
        let inpatient = variant(#""inpatient": false"#, #""inpatient": true, "meal_class": "難病小慢""#)
        let meals = inpatient.replacingOccurrences(of: #""meals": 0}"#, with: #""meals": 50}, {"yen_total": 1000, "covered_by": ["insurance"], "meals": 50}"#)
        assertError(meals, field: "bills", "100 meals in the month, more than 90")
        let settlement = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        func settled(_ line: String) throws -> CopayError? {
            let c = try CopayCase.parse(ArraySlice(Array(line.utf8)))
            do throws(CopayError) { _ = try settlement.settle(c.situation, bills: c.bills); return nil } catch { return error }
        }
        XCTAssertNil(try settled(inpatient.replacingOccurrences(of: #""meals": 0}"#, with: #""meals": 90}"#)), "three a day for 30 days")
        let unknownClass = try settled(variant(#""inpatient": false"#, #""inpatient": false, "meal_class": "特別""#))
        XCTAssertEqual(unknownClass?.field, "patient.meal_class", "\(String(describing: unknownClass))")
        let late = #"{"id": "k", "service_month": "2022-09", "patient": {"age_band": "70plus", "income_class": "一般Ⅱ", "copay_rate_percent": 20, "inpatient": false}, "public_programs": [], "bills": [{"yen_total": 10000, "covered_by": ["insurance"]}]}"#
        let e = try settled(late)
        XCTAssertEqual(e?.field, "patient.income_class", "\(String(describing: e))")
        XCTAssertNil(try settled(late.replacingOccurrences(of: "2022-09", with: "2022-10")), "in force from 2022-10-01")
        // Review 103: a 低所得 食事 区分 follows the 所得区分 (低所得Ⅰ: 70歳以上 低所得Ⅰ; 低所得Ⅱ: オ or 低所得Ⅱ).
        func meal(_ band: String, _ income: String, _ mealClass: String) throws -> CopayError? {
            try settled(variant(#""inpatient": false"#, #""inpatient": true, "meal_class": "\#(mealClass)""#)
                .replacingOccurrences(of: #""age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30"#,
                                      with: #""age_band": "\#(band)", "income_class": "\#(income)", "copay_rate_percent": \#(band == "70plus" ? 20 : 30)"#))
        }
        XCTAssertEqual(try meal("under70", "ウ", "低所得Ⅰ")?.field, "patient.meal_class")
        XCTAssertEqual(try meal("under70", "ウ", "低所得Ⅱ")?.field, "patient.meal_class")
        XCTAssertEqual(try meal("70plus", "一般", "低所得Ⅰ")?.field, "patient.meal_class")
        XCTAssertNil(try meal("under70", "オ", "低所得Ⅱ"))
        XCTAssertNil(try meal("70plus", "低所得Ⅰ", "低所得Ⅰ"))
        XCTAssertNil(try meal("under70", "オ", "一般"), "no 減額認定証 shown: 一般")
    }

    /// Review 399 IM-1: a 54/52 受給者's meals are at the 区分 of the program (難病小慢 of 一般所得, else 低所得), never 一般 — a 54
    /// bill with meals stated 一般 was charged 510円 a meal for 300円; meals on an insurance-only bill keep 一般.
    func testTheMealsOfASpecifiedDiseaseBillNeedTheProgramsMealClass() throws {
        let settlement = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        func settled(_ mealClass: String, law: String = "54", mealsCoveredBy: String = #"["insurance", "54"]"#) throws -> Result<Settlement, CopayError> {
            let line = variant(#""inpatient": false"#, #""inpatient": true, "meal_class": "\#(mealClass)""#)
                .replacingOccurrences(of: #""income_class": "ウ""#, with: mealClass.hasPrefix("低所得") ? #""income_class": "オ""# : #""income_class": "ウ""#)
                .replacingOccurrences(of: #""meals": 0}"#, with: #""meals": 0}, {"yen_total": 20000, "covered_by": \#(mealsCoveredBy), "meals": 30}"#)
                .replacingOccurrences(of: #""54""#, with: #""\#(law)""#)
            let c = try CopayCase.parse(ArraySlice(Array(line.utf8)))
            do throws(CopayError) { return .success(try settlement.settle(c.situation, bills: c.bills)) } catch { return .failure(error) }
        }
        for law in ["54", "52"] {
            guard case .failure(let e) = try settled("一般", law: law) else { XCTFail("\(law) with 一般 accepted"); continue }
            XCTAssertEqual(e.field, "patient.meal_class", e.description)
            XCTAssertTrue(e.description.contains("難病小慢"), e.description)
            guard case .success(let s) = try settled("難病小慢", law: law) else { XCTFail("\(law) with 難病小慢 refused"); continue }
            // 2025-06: 300円 a meal (s 197003310 from 2025-04-01); 52 pays half of it (public-programs.json meals half).
            XCTAssertEqual(s.meals?.patientYen, law == "54" ? 30 * 300 : 30 * 150, "\(law)")
            if case .failure(let e) = try settled("低所得Ⅱ", law: law) { XCTFail("\(law) 低所得Ⅱ: \(e)") }
        }
        // Meals on a bill the program does not cover: the patient's own 区分 stays.
        if case .failure(let e) = try settled("一般", mealsCoveredBy: #"["insurance"]"#) { XCTFail("insurance-only meals: \(e)") }
    }

    /// A month of many digits is an error naming the field, not a trap (fuzz-copay found the one-pass date
    /// reader overflowing on ten digits; the case is also in Tools/fuzz/corpus/fuzz-copay).
    func testAMonthOfManyDigitsIsAnErrorNotATrap() {
        for month in ["46116860184273879042026-07", "4611686018", "9999999999-07", "2025-0600"] {
            assertError(variant(#""service_month": "2025-06""#, #""service_month": "\#(month)""#), field: "service_month", "not a month")
        }
    }

    func testStrictJSONComesFirst() {
        assertError(variant(#""id": "c", "#, #""id": "c", "id": "d", "#), field: "id", "duplicate key")
        assertError(variant(#""inpatient": false"#, #""inpatient": fals"#), field: "patient.inpatient", "invalid literal")
        let deep = error(variant(#""id": "c", "#, #""x": \#(String(repeating: "[", count: 150_000)), "#))
        XCTAssertTrue(deep?.field.hasPrefix("x[0][0]") == true && deep?.field.hasSuffix("…") == true, "\(String(describing: deep))")
        XCTAssertTrue(deep?.description.contains("DomainLimit.maxJSONDepth") == true)
        // Review 136 W3: the error line keeps the id read before the fault.
        let deepLine = variant(#""id": "c", "#, #""id": "c", "x": \#(String(repeating: "[", count: 100)), "#)
        XCTAssertEqual(CopayCase.idOf(Array(deepLine.utf8)[...]), "c")
        var bytes = Array(variant(#""id": "c""#, #""id": "c~""#).utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "~"))!] = 0xFF
        XCTAssertTrue(error(bytes)?.description.contains("invalid UTF-8") == true)
    }

    /// ../shared/cases/bad-input/copay-*.jsonl: the bad lines are errors naming the field, the good ones settle.
    func testTheBadInputFilesGiveErrorsAndTheGoodLinesSettle() throws {
        let dir = try Paths.requireShared("cases/bad-input")
        let engine = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        for name in ["copay-yen-1e18.jsonl", "copay-meals-1e17.jsonl"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            var settled = 0, errors: [String] = []
            for (_, range) in Batch.lines(bytes) {
                do throws(CopayError) {
                    let c = try CopayCase.parse(bytes[range])
                    _ = try engine.settle(c.situation, bills: c.bills)
                    settled += 1
                } catch { errors.append(error.description) }
            }
            XCTAssertEqual(errors.count, 1, "\(name): \(errors)")
            XCTAssertTrue(errors.allSatisfy { $0.hasPrefix("bills[0].") }, "\(name): \(errors)")
            XCTAssertGreaterThanOrEqual(settled, 1, name)
        }
    }

    // MARK: review 48 / 46

    func testANumberThatIsNotWholeIsAnErrorNamingItsPath() {
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 100000.5"#), field: "bills[0].yen_total", "whole number")
        assertError(variant(#""monthly_cap_yen": 5000"#, #""monthly_cap_yen": 5000.25"#), field: "public_programs[0].monthly_cap_yen", "whole number")
        assertError(variant(#""copay_rate_percent": 30"#, #""copay_rate_percent": 30.5"#), field: "patient.copay_rate_percent", "whole number")
        // Past what Foundation reads at all (review 48: "not JSON" without a path): the strict lexer names it.
        assertError(variant(#""yen_total": 100000"#, #""yen_total": 1e400"#), field: "bills[0].yen_total", "out of range")
    }

    func testAServiceDateOutsideTheServiceMonthIsAnError() {
        assertError(variant(#""service_month": "2025-06""#, #""service_month": "2025-06", "service_date": "2026-08-01""#), field: "service_date", "not in service_month 2025-06")
        XCTAssertNil(error(variant(#""service_month": "2025-06""#, #""service_month": "2025-06", "service_date": "2025-06-20""#)))
    }

    func testTheErrorRecordOfALineThatIsNotACaseKeepsItsID() throws {
        let bad = variant(#""yen_total": 100000"#, #""yen_total": "lots""#)
        let engine = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        let (bytes, e) = ServiceLines.copay(ArraySlice(Array(bad.utf8)), line: 7, engine: engine)
        XCTAssertNotNil(e)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        XCTAssertEqual(o["id"] as? String, "c")
        XCTAssertEqual(o["line"] as? Int, 7)
        XCTAssertTrue((o["error"] as? String)?.hasPrefix("bills[0].yen_total") == true, "\(o)")
    }

    /// A month of two receipts (後期高齢者 from the 75th birthday, 75歳到達月: each 外来 limit halved to 9,000): the
    /// top-level `receipt` is the month's, summed over the receipts, as `patient_yen` and `payers` are (docs/copay-format.md).
    func testTheReceiptFiguresOfAMonthOfTwoReceiptsAreSummed() throws {
        let line = #"{"id": "F5-visits-75th-birthday-switch", "service_month": "2024-10", "patient": {"age_band": "70plus", "income_class": "一般", "copay_rate_percent": 20, "inpatient": false, "many_times": false, "month_of_75th_birthday": true, "long_term_disease_cap_yen": null, "outpatient_transition_relief": false}, "public_programs": [], "visits": [{"date": "2024-10-03", "yen_total": 40000, "covered_by": ["insurance"]}, {"date": "2024-10-10", "yen_total": 30000, "covered_by": ["insurance"]}, {"date": "2024-10-20", "yen_total": 60000, "covered_by": ["insurance"]}, {"date": "2024-10-28", "yen_total": 50000, "covered_by": ["insurance"]}], "patient_changes": [{"from": "2024-10-15", "patient": {"age_band": "70plus", "income_class": "一般Ⅰ", "copay_rate_percent": 10, "inpatient": false, "many_times": false, "month_of_75th_birthday": true, "long_term_disease_cap_yen": null, "outpatient_transition_relief": false}}]}"#
        let engine = MonthlySettlement(parameters: try CopayParameters.loadDefault())
        let (bytes, e) = ServiceLines.copay(ArraySlice(Array(line.utf8)), line: 1, engine: engine)
        XCTAssertNil(e)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let receipts = try XCTUnwrap(o["receipts"] as? [[String: Any]])
        XCTAssertEqual(receipts.count, 2)
        let each = receipts.compactMap { ($0["receipt"] as? [String: Any])?["ho_burden_yen"] as? Int }
        XCTAssertEqual(each, [9000, 9000], "each receipt at its halved 外来 limit")
        XCTAssertEqual((o["receipt"] as? [String: Any])?["ho_burden_yen"] as? Int, each.reduce(0, +))
        XCTAssertEqual(o["patient_yen"] as? Int, 18000)
    }
}
