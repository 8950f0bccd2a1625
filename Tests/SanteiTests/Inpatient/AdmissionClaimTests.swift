import Foundation
import XCTest
@testable import Santei

/// The `admission` of a claim at the door: the byte-level reader against JSONDecoder, every fault named by
/// its JSON path, the stay's days and day numbers, and the priced output written like Foundation's.
final class AdmissionClaimTests: XCTestCase {
    func parse(_ s: String) throws -> Claim { try ClaimJSON.parse(ArraySlice(Array(s.utf8))) }
    func message(_ s: String) -> String {
        do { _ = try ClaimJSON.parse(ArraySlice(Array(s.utf8))); return "parsed" } catch { return error.message }
    }
    func line(_ admission: String, encounters: String = "[]", extra: String = "") -> String {
        #"{"id":"i","patient":{"birth_date":"1960-01-01"},"encounters":\#(encounters),"admission":\#(admission)\#(extra)}"#
    }

    let full = #"{"date":"2024-06-10","reckoning_date":"2024-05-30","discharge":"2024-06-20","month":"2024-06","ward":{"basic_fee":"190117710","kind":"01"},"leave":[{"date":"2024-06-12","psychiatric":true},{"date":"2024-06-13"}],"additions":[{"code":"190100470","days":["2024-06-11"]},{"code":"190192310","days":null}],"meals":[{"date":"2024-06-10","served":["lunch","dinner"],"special":["dinner"],"liquid_only":false,"dining_room":true}]}"#

    func testTheReaderAgreesWithJSONDecoder() throws {
        let text = line(full, extra: #","insurance":{"income_class":"ウ","meal_class":"一般"}"#)
        let fast = try parse(text)
        let reference = try JSONDecoder().decode(Claim.self, from: Data(text.utf8))
        XCTAssertEqual(fast, reference)
        XCTAssertEqual(fast.admission?.leave?.count, 2)
        XCTAssertEqual(fast.admission?.meals?.first?.special, ["dinner"])
        XCTAssertEqual(fast.insurance?.mealClass, "一般")
        // Round trip: Foundation's encoding of the claim reads back the same.
        XCTAssertEqual(try parse(String(decoding: try JSONEncoder().encode(fast), as: UTF8.self)), fast)
    }

    func testTheStayCountsFromTheReckoningDateAndKeepsTheClaimsMonth() throws {
        let a = try XCTUnwrap(try parse(line(full)).admission)
        let stay = try AdmissionStay.make(a, claimMonth: nil)
        XCTAssertEqual(stay.days.map(\.day), Array(10...20))
        XCTAssertEqual(stay.dayNumber(ServiceDate(year: 2024, month: 6, day: 10)!), 12)   // 5/30 = day 1, 5/31 = 2, 6/1 = 3 … 6/10 = 12
        XCTAssertNil(stay.firstDay)   // a continued stay has no 入院初日 (通知 第2部 通則8)
        XCTAssertEqual(stay.leave[ServiceDate(year: 2024, month: 6, day: 12)!], true)
        // Without month and encounters: the 退院日's month; a stay across the month end ends on the last day.
        let july = try AdmissionStay.make(Claim.Admission(date: "2024-06-25", discharge: "2024-07-03", ward: .init(basicFee: "190117710")), claimMonth: nil)
        XCTAssertEqual(july.days.map(\.day), [1, 2, 3])
        let june = try AdmissionStay.make(Claim.Admission(date: "2024-06-25", ward: .init(basicFee: "190117710")), claimMonth: nil)
        XCTAssertEqual(june.days.map(\.day), Array(25...30))
        XCTAssertEqual(june.firstDay, ServiceDate(year: 2024, month: 6, day: 25))
    }

    func testEveryFaultNamesItsPath() {
        let cases: [(String, String)] = [
            (line(#"{"ward":{"basic_fee":"190117710"}}"#), "missing field admission.date"),
            (line(#"{"date":"2024-06-10"}"#), "missing field admission.ward"),
            (line(#"{"date":"2024-06-31","ward":{"basic_fee":"190117710"}}"#), "admission.date \"2024-06-31\" is not a date (YYYY-MM-DD)"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"1901177"}}"#), "admission.ward.basic_fee \"1901177\" is not a 9-digit 診療行為 code (the ward's 入院基本料)"),
            (line(#"{"date":"2024-06-10","reckoning_date":"2024-06-11","ward":{"basic_fee":"190117710"}}"#), "admission.reckoning_date 2024-06-11 is after the 入院日 2024-06-10: the 起算日 of a continued stay is the first stay's 入院日"),
            (line(#"{"date":"2024-06-10","discharge":"2024-06-09","ward":{"basic_fee":"190117710"}}"#), "admission.discharge 2024-06-09 is before the 入院日 2024-06-10"),
            (line(#"{"date":"2024-06-10","month":"2024-07","ward":{"basic_fee":"190117710"}}"#, encounters: #"[{"date":"2024-06-11","orders":[]}]"#), "admission.month 2024-07 is not the month of the claim's encounters (2024-06)"),
            (line(#"{"date":"2024-06-10","discharge":"2024-06-20","month":"2024-07","ward":{"basic_fee":"190117710"}}"#), "admission the stay (2024-06-10 – 2024-06-20) has no day in the claim's month 2024-07"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-09"}]}"#), "admission.leave[0].date 2024-06-09 is not a day of the stay in the claim's month"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-12"},{"date":"2024-06-12"}]}"#), "admission.leave[1].date 2024-06-12 is given twice"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-12"}],"meals":[{"date":"2024-06-12","served":["lunch"]}]}"#), "admission.meals[0].date 2024-06-12 is an 外泊 day: no 食事療養 is given while the patient is away"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"meals":[{"date":"2024-06-12","served":["supper"]}]}"#), "admission.meals[0].served[0] \"supper\" is not one of breakfast, lunch, dinner"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"meals":[{"date":"2024-06-12","served":["lunch","lunch"]}]}"#), "admission.meals[0].served[1] \"lunch\" is given twice (at most three meals a day, one each)"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"meals":[{"date":"2024-06-12","served":["lunch"],"special":["dinner"]}]}"#), "admission.meals[0].special[0] \"dinner\" is not a meal served that day"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"meals":[{"date":"2024-06-12","served":[]}]}"#), "admission.meals[0].served is empty (give the meals served: breakfast, lunch, dinner)"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"additions":[{"code":"190100470","days":["2024-06-01"]}]}"#), "admission.additions[0].days[0] 2024-06-01 is not a day of the stay in the claim's month"),
            // Review 328 FS-5: an empty list of days states none.
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"additions":[{"code":"190100470","days":[]}]}"#), "admission.additions[0].days an empty list states no day: give the days it was billed, or leave `days` out (or null) for the days its 算定単位 gives"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"}}"#, extra: #","inpatient":false"#), "inpatient is false but the claim has an admission (an 入院 receipt)"),
            // Review 75/76: the 入院日 and 退院日 are not 外泊 days; encounters outside the stay are another receipt's.
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-10"}]}"#), "admission.leave[0].date 2024-06-10 is the 入院日 (admission.date): the day of admission is not an 外泊 day"),
            (line(#"{"date":"2024-06-10","discharge":"2024-06-20","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-20"}]}"#), "admission.leave[0].date 2024-06-20 is the 退院日 (admission.discharge): the day of discharge is not an 外泊 day"),
            (line(#"{"date":"2024-06-10","discharge":"2024-06-20","ward":{"basic_fee":"190117710"}}"#, encounters: #"[{"date":"2024-06-15","orders":[]},{"date":"2024-06-21","orders":[]}]"#),
             "encounters[1].date 2024-06-21 is not a day of the stay (2024-06-10 – 2024-06-20): an encounter before the 入院日 or after the 退院日 belongs on the 入院外 claim"),
            (line(#"{"date":"2024-06-10","ward":{"basic_fee":"190117710"}}"#, encounters: #"[{"date":"2024-06-09","orders":[]}]"#),
             "encounters[0].date 2024-06-09 is not a day of the stay (2024-06-10 – 2024-06-30): an encounter before the 入院日 or after the 退院日 belongs on the 入院外 claim"),
            // Review 103: a stay that begins before the birth (every day of it is a service day).
            (#"{"id":"b","patient":{"birth_date":"2024-06-15"},"encounters":[],"admission":{"date":"2024-06-10","discharge":"2024-06-20","ward":{"basic_fee":"190117710"}}}"#,
             "admission.date 2024-06-10 is before the patient's birth date 2024-06-15 (patient.birth_date): a stay begins on or after the birth"),
        ]
        for (text, expected) in cases { XCTAssertEqual(message(text), expected, text) }
        XCTAssertEqual(message(#"{"id":"n","patient":{"birth_date":"2024-06-10"},"encounters":[],"admission":{"date":"2024-06-10","ward":{"basic_fee":"190117710"}}}"#), "parsed", "born on the 入院日")
    }

    /// Review 328 FS-1: a misspelt key under `admission` is named by its JSON path (the pricing doors note it), as elsewhere.
    func testAMisspeltKeyOfTheAdmissionIsNamed() throws {
        var unknown: [String] = []
        let text = line(#"{"date":"2024-06-10","dischage":"2024-06-14","ward":{"basic_fee":"190117710","knd":"01"},"leave":[{"date":"2024-06-12","psychatric":true}],"additions":[{"code":"190100470","day":["2024-06-11"]}],"meals":[{"date":"2024-06-11","served":["lunch"],"specal":["lunch"]}]}"#)
        _ = try ClaimJSON.parse(ArraySlice(Array(text.utf8)), unknownFields: &unknown)
        XCTAssertEqual(unknown, ["admission.dischage", "admission.ward.knd", "admission.leave[0].psychatric", "admission.additions[0].day", "admission.meals[0].specal"])
    }

    /// The priced output of an 入院 claim is written by ClaimJSON exactly as Foundation encodes it.
    func testPricedAdmissionWritesLikeFoundation() throws {
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        let text = #"{"id":"w","patient":{"birth_date":"1960-01-01"},"facility":{"kind":"hospital","standards":[{"code":3525,"from":"2024-06-01"},{"code":642,"from":"2024-06-01"}]},"encounters":[{"date":"2024-06-04","orders":[{"category":60,"items":[{"code":"160000410"}]}]}],"admission":{"date":"2024-06-03","discharge":"2024-06-05","ward":{"basic_fee":"190117710"},"meals":[{"date":"2024-06-04","served":["breakfast"]}]}}"#
        let priced = try pricer.price(try parse(text))
        var bytes: [UInt8] = []
        ClaimJSON.write(priced, line: 1, into: &bytes)
        let mine = try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let theirs = NSMutableDictionary(dictionary: try JSONSerialization.jsonObject(with: encoder.encode(priced)) as! [String: Any])
        theirs["line"] = 1
        XCTAssertEqual(mine, theirs)
        // The ordered test is summed by its 点数欄集計先（入院）; the 入院料 in 903; meals (yen) not in the points.
        XCTAssertEqual(priced.byColumn["903"], 2138 * 3)
        XCTAssertEqual(priced.admission?.mealYen, 670)
        XCTAssertEqual(priced.totalPoints, 2138 * 3 + priced.orders.reduce(0) { $0 + ($1.points ?? 0) * $1.times })
        XCTAssertEqual(priced.admission?.points, 2138 * 3)
    }

    /// The June receipt of a stay from May 25 (no encounters, no admission.month: the month of the 退院日, as the stay is priced)
    /// takes the 食事療養標準負担額 of June, 490円 from 2024-06-01 (copay/meals.json), not May's 460 (review 267 DJ-1).
    func testTheBillOfAStayFromAnEarlierMonthTakesTheAmountsOfItsOwnMonth() throws {
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        let copayParameters = try CopayParameters.load(directory: Paths.mastersDefault + "/params/copay")
        let claim = try parse(#"{"id":"c12","patient":{"birth_date":"1960-02-14","sex":"1"},"facility":{"kind":"clinic","beds":12,"standards":[{"code":3259,"from":"2024-04-01"},{"code":642,"from":"2024-04-01"}]},"admission":{"date":"2024-05-25","discharge":"2024-06-05","ward":{"basic_fee":"190169610","kind":"01"},"meals":[{"date":"2024-06-01","served":["breakfast","lunch","dinner"]},{"date":"2024-06-05","served":["breakfast"]}]},"insurance":{"income_class":"ウ","rate_percent":30,"inpatient":true,"meal_class":"一般"},"encounters":[]}"#)
        let priced = try pricer.price(claim)
        XCTAssertEqual(priced.admission?.days, [1, 2, 3, 4, 5])
        let bill = try XCTUnwrap(try ClaimCopay.compute(claim, priced, parameters: copayParameters)?.admission)
        XCTAssertEqual(bill.meals, 4)
        XCTAssertEqual(bill.mealYen, 4 * 490)
    }
}
