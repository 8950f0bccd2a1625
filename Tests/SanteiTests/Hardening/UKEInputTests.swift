import Foundation
import XCTest
@testable import Santei

/// Bad RECEIPTC.UKE input on every UKE door (issue 9): `UKERecalc` (uke recalc), `UKEClaims` (audit)
/// and `Revaluation.add(uke:)` (revalue). A receipt with a structural or field fault is one error
/// naming its line (and field), the other receipts are processed, the GO total keeps every receipt
/// of the file, nothing traps.
final class UKEInputTests: XCTestCase {
    // MARK: a small hand-made file (2024-06, codes of the embedded sample masters)

    static let ir = "IR,1,13,1,9999999,,TEST,202406,00,0000000000"

    static func re(_ n: Int, kind: String = "1112", month: String = "202406") -> String {
        "RE,\(n),\(kind),\(month),TEST\(n),1,19580312,,,,,,,\(String(format: "%05d", n))"
    }

    static func ho(_ total: Int) -> String { "HO,01010016,1,1,1,\(total)" }

    /// An SI/IY record: 診療識別, 負担区分, code, quantity, points, 回数, then 6 comment fields and 31 day fields.
    static func item(_ id: String = "SI", category: String = "11", burden: String = "1", code: String = "111000110",
                     quantity: String = "", points: String = "291", times: String = "1", day: Int = 3, dayCount: String? = nil) -> String {
        var days = Array(repeating: "", count: 31)
        if day >= 1 && day <= 31 { days[day - 1] = dayCount ?? times }
        return ([id, category, burden, code, quantity, points, times] + Array(repeating: "", count: 6) + days).joined(separator: ",")
    }

    /// A good receipt: 初診料 291 on 2024-06-03.
    static func good(_ n: Int) -> [String] { [re(n), ho(291), item()] }

    static func go(_ count: Int, _ total: Int) -> String { "GO,\(count),\(total),99" }

    /// The records in CP932, CR LF; `patch` changes the bytes (a byte no text can hold).
    static func doc(_ records: [String], name: String = "test.UKE", patch: (([UInt8]) -> [UInt8])? = nil) -> UKEDocument {
        let bytes = Fixture.cp932(records.joined(separator: "\r\n")) + [13, 10]
        return UKEDocument(bytes: patch?(bytes) ?? bytes, name: name)
    }

    nonisolated(unsafe) static var defaultMasters: MasterSet?

    func masters() throws -> MasterSet {
        if let m = Self.defaultMasters { return m }
        let m = try MasterSetBuilder.build(directory: Paths.mastersDefault, calendar: Paths.calendar())
        Self.defaultMasters = m
        return m
    }

    func recalc(_ doc: UKEDocument) throws -> UKERecalc.Report {
        UKERecalc.run(doc, masters: try masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()))
    }

    /// Runs every door on a file with good receipts 1 and 3 around a bad receipt 2 (`bad`, starting at
    /// line 5), and checks that exactly receipt 2 is an error at `line` (1-based) and `field`.
    func assertOneBadReceipt(_ bad: [String], line: Int, field: Int?, contains words: String, patch: (([UInt8]) -> [UInt8])? = nil,
                             file: StaticString = #filePath, fileLine: UInt = #line) throws {
        let records = [Self.ir] + Self.good(1) + bad + Self.good(3) + [Self.go(3, 291 * 3)]
        let d = Self.doc(records, patch: patch)
        // uke recalc
        let report = try recalc(d)
        XCTAssertEqual(report.receipts.count, 3, "no receipt dropped", file: file, line: fileLine)
        XCTAssertEqual(report.errors.count, 1, "\(report.errors)", file: file, line: fileLine)
        let e = try XCTUnwrap(report.errors.first, file: file, line: fileLine)
        XCTAssertEqual(e.line, line, "\(e)", file: file, line: fileLine)
        XCTAssertEqual(e.field, field, "\(e)", file: file, line: fileLine)
        XCTAssertEqual(e.file, "test.UKE", file: file, line: fileLine)
        XCTAssertTrue(e.description.contains(words), e.description, file: file, line: fileLine)
        XCTAssertNotNil(report.receipts[1].fault, file: file, line: fileLine)
        XCTAssertNotNil(report.receipts[1].error, file: file, line: fileLine)
        for k in [0, 2] {
            XCTAssertNil(report.receipts[k].fault, file: file, line: fileLine)
            XCTAssertEqual(report.receipts[k].unitCount, 1, file: file, line: fileLine)
            XCTAssertEqual(report.receipts[k].total, 291, file: file, line: fileLine)
        }
        // audit
        let entries = UKEClaims.claims(d)
        XCTAssertEqual(entries.count, 3, file: file, line: fileLine)
        XCTAssertNotNil(try? entries[0].claim.get(), file: file, line: fileLine)
        XCTAssertNotNil(try? entries[2].claim.get(), file: file, line: fileLine)
        guard case .failure(let claimError) = entries[1].claim else { return XCTFail("receipt 2 read as a claim", file: file, line: fileLine) }
        XCTAssertTrue(claimError.message.contains("line \(line)"), claimError.message, file: file, line: fileLine)
        XCTAssertTrue(claimError.message.contains(words), claimError.message, file: file, line: fileLine)
        XCTAssertTrue(UKEClaims.errors(d).isEmpty, file: file, line: fileLine)
        // revalue
        var revaluation = Revaluation(from: ServiceDate("2024-06-01")!, to: ServiceDate("2024-06-03")!)
        revaluation.add(uke: d, masters: try masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()))
        XCTAssertEqual(revaluation.deltas.map(\.line), [2, 2 + 3 + bad.count], file: file, line: fileLine)
        XCTAssertEqual(revaluation.errors.map(\.line), [5], file: file, line: fileLine)
        XCTAssertTrue(revaluation.errors.first?.message.contains(words) == true, "\(revaluation.errors)", file: file, line: fileLine)
    }

    func testTheHandMadeFileIsReadWithoutFault() throws {
        let d = Self.doc([Self.ir] + Self.good(1) + Self.good(2) + [Self.go(2, 582)])
        let report = try recalc(d)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        XCTAssertEqual(report.receipts.map(\.total), [291, 291])
        XCTAssertEqual(report.differingCount, 0)
        XCTAssertEqual(report.goComputed, 582)
        XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes, "as stated: nothing to rewrite")
    }

    func testBlankLinesAndAnEOFMarkLineAreNotRecords() throws {
        let d = Self.doc([Self.ir, ""] + Self.good(1) + ["", Self.go(1, 291), "\u{1A}", ""])
        let report = try recalc(d)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        XCTAssertEqual(report.receipts.map(\.total), [291])
        XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes)
    }

    // MARK: one fault per receipt

    /// Records of 600,000 項目 are one error each, at once (review 158 D1: a look-up per 項目 was quadratic — a 3 MB record
    /// of 3,000,000 empty 項目 held uke recalc, audit, revalue and aggregate for an hour).
    func testARecordOfManyFieldsIsOneErrorAtOnce() throws {
        let empty = "SI" + String(repeating: ",", count: 600_000)
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), empty], line: 8, field: nil, contains: "項目")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), empty + "1"], line: 8, field: nil, contains: "600001 項目")
    }

    /// Review 168 N1: one CR alone (not followed by LF) joined a record with the next receipt's RE: that receipt was lost
    /// and the GO rewritten to 291 for 582. The file is one fault naming the line; nothing is rewritten.
    func testACRAloneInsideTheFileIsAFileFault() throws {
        let records = [Self.ir] + Self.good(1) + Self.good(2) + [Self.go(2, 582)]
        var text = records.joined(separator: "\r\n") + "\r\n"
        let cut = try XCTUnwrap(text.range(of: "\r\nRE,2,"))
        text.replaceSubrange(cut, with: "\rRE,2,")
        let report = try recalc(UKEDocument(bytes: Fixture.cp932(text), name: "test.UKE"))
        XCTAssertTrue(report.errors.contains { $0.line == 4 && $0.reason.contains("CR (0D) alone") }, "\(report.errors)")
        XCTAssertTrue(report.changes.isEmpty, "nothing rewritten: \(report.changes)")
    }

    func testAnUnknownRecordTypeIsItsReceiptsError() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "XX,1,2,3", Self.item()], line: 7, field: 1, contains: "unknown record type \"XX\"")
        // Review 129 U92: a レコード識別情報 of three characters is no record kind ("SI " was read as SI).
        var padded = Self.item().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        padded[0] = "SI "
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), padded.joined(separator: ",")], line: 8, field: 1, contains: "unknown record type \"SI \"")
    }

    func testAServiceMonthThatIsNotAMonth() throws {
        try assertOneBadReceipt([Self.re(2, month: "202413"), Self.ho(291), Self.item()], line: 5, field: 4, contains: "診療年月")
        try assertOneBadReceipt([Self.re(2, month: "000006"), Self.ho(291), Self.item()], line: 5, field: 4, contains: "診療年月")
    }

    /// Review 189 AJ-7: a receipt whose 診療年月 is after the IR's 請求年月 (2024-06) is its receipt's fault; an earlier month
    /// (月遅れ) is read. The 和暦 form is compared alike (R6-07 = 50607).
    func testAServiceMonthAfterTheClaimMonth() throws {
        try assertOneBadReceipt([Self.re(2, month: "202407"), Self.ho(291), Self.item()], line: 5, field: 4,
                                contains: "2024-07 is after the file's 請求年月 2024-06")
        try assertOneBadReceipt([Self.re(2, month: "50607"), Self.ho(291), Self.item()], line: 5, field: 4, contains: "請求年月")
        let late = try recalc(Self.doc([Self.ir, Self.re(1, month: "202405"), Self.ho(291), Self.item(), Self.go(1, 291)]))
        XCTAssertTrue(late.errors.isEmpty, "a 月遅れ receipt is read: \(late.errors)")
        XCTAssertNil(late.receipts.first?.fault)
    }

    /// 記録条件仕様 別表 レセプト種別: 4 digits outside the table (1桁目 not 医科, an unknown 保険 or 併用, a 4桁目 公費単独 or
    /// 後期高齢者 do not have) are the receipt's fault — 9999 had been read as an 入院 receipt (robustness sweep).
    func testAReceiptKindOutsideTheTable() throws {
        try assertOneBadReceipt([Self.re(2, kind: "9999"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "医科")
        try assertOneBadReceipt([Self.re(2, kind: "0000"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "医科")
        try assertOneBadReceipt([Self.re(2, kind: "1512"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "2桁目")
        try assertOneBadReceipt([Self.re(2, kind: "1162"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "3桁目")
        try assertOneBadReceipt([Self.re(2, kind: "1312"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "後期高齢者")
        try assertOneBadReceipt([Self.re(2, kind: "1218"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "公費単独")
        for kind in ["1112", "1111", "1118", "1110", "1122", "1152", "1318", "1310", "1212", "1242", "1412"] {
            XCTAssertNil(UKEStructure.receiptKindFault(Array(kind.utf8)[...]), kind)
        }
    }

    /// A 生年月日 after the 診療年月 or before 1868 (docs/limits.md, as for a JSON claim): the audit's error for that receipt.
    func testABirthDateAfterTheServiceMonthOrBefore1868() throws {
        func re(birth: String) -> String { "RE,2,1112,202406,TEST2,1,\(birth),,,,,,,00002" }
        // Review 103: born on the 15th, a record of the 3rd: 生年月日 after a 算定日 of the receipt.
        for (birth, words) in [("99991231", "after the 診療年月 2024-06"), ("20240701", "after the 診療年月 2024-06"), ("18671231", "1868"),
                               ("20240615", "after the 算定日 2024-06-03")] {
            let d = Self.doc([Self.ir] + Self.good(1) + [re(birth: birth), Self.ho(291), Self.item()] + Self.good(3) + [Self.go(3, 873)])
            let entries = UKEClaims.claims(d)
            XCTAssertEqual(entries.count, 3)
            XCTAssertNotNil(try? entries[0].claim.get())
            XCTAssertNotNil(try? entries[2].claim.get())
            guard case .failure(let e) = entries[1].claim else { XCTFail("\(birth) read as a claim"); continue }
            XCTAssertTrue(e.message.contains("line 5") && e.message.contains("生年月日") && e.message.contains(words), e.message)
        }
        // Review 152 W-2: a 生年月日 that is no date is the receipt's fault in every door (uke recalc and revalue read it).
        try assertOneBadReceipt([re(birth: "19910231"), Self.ho(291), Self.item()], line: 5, field: 7, contains: "生年月日")
        // Born before the service day: a claim.
        let d = Self.doc([Self.ir] + [re(birth: "20240601"), Self.ho(291), Self.item()] + [Self.go(1, 291)])
        XCTAssertNotNil(try? UKEClaims.claims(d)[0].claim.get())
    }

    func testAServiceDayBeyondTheMonth() throws {
        // June has 30 days: 算定日 31 is field 14 + 30 = 44.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(day: 31)], line: 7, field: 44, contains: "算定日 31 is not a day of 2024-06")
    }

    /// Review 403 IQ-1: the ten D007 tests of one 採血 written as two units of five, stated 0 and 103 (告示 D007 注 ハ １０項目以上 103点),
    /// were re-priced 93 + 93 and the HO raised to 186; units of one まるめ group on one day are now priced together and stay as
    /// stated when they state the group's price. Two units of five stated 93 each (two 採血 of the day) keep each unit's own price;
    /// a unit of 0 beside a wrong one is one 採血, the price on the last unit.
    func testAMaruMeGroupSplitOverUnitsIsPricedTogether() throws {
        let tests = ["160022510", "160022610", "160020410", "160020910", "160023410", "160167250", "160019010", "160019210", "160019310", "160019410"]
        func unit(_ codes: ArraySlice<String>, _ points: String) -> [String] {
            codes.enumerated().map { k, c in Self.item(category: k == 0 ? "60" : "", code: c, points: k == codes.count - 1 ? points : "") }
        }
        func run(_ a: String, _ b: String, total: Int) throws -> UKERecalc.Report {
            try recalc(Self.doc([Self.ir, Self.re(1), Self.ho(total)] + unit(tests[0..<5], a) + unit(tests[5..<10], b) + [Self.go(1, total)]))
        }
        let split = try run("0", "103", total: 103)
        XCTAssertEqual(split.errors.map(\.description), [])
        XCTAssertEqual(split.receipts.first?.differingCount, 0)
        XCTAssertEqual(split.receipts.first?.total, 103)
        let twoDraws = try run("93", "93", total: 186)
        XCTAssertEqual(twoDraws.receipts.first?.differingCount, 0)
        XCTAssertEqual(twoDraws.receipts.first?.total, 186)
        // A sum that fits neither, a unit of 0 among them (one 採血, review 404 IR-1): the last unit is given 103 and the first keeps 0 —
        // it was rewritten 93 + 93.
        for last in ["93", "150"] {
            let wrong = try run("0", last, total: 150)
            XCTAssertEqual(wrong.receipts.first?.differingCount, 1, last)
            XCTAssertEqual(wrong.receipts.first?.total, 103, last)
        }
    }

    func testTimesZeroOrPastTheLimit() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "0", dayCount: "1")], line: 7, field: 7, contains: "回数")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "99999999999999999", dayCount: "1")], line: 7, field: 7, contains: "回数")
        // Review 396 IJ-1: a continuation record with neither 回数 nor 算定日 is told so (it read "blank, but the 算定日情報 count 0").
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(points: "", times: "", day: 0), Self.item(category: "", code: "111000110")],
                                line: 7, field: 7, contains: "blank, and so is every 算定日情報: each record of a 算定単位, a continuation record too")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "1", dayCount: "1000")], line: 7, field: 16, contains: "算定日情報 3日")
    }

    func testTimesThatAreNotTheSumOfTheServiceDays() throws {
        // 記録条件仕様: 回数 = Σ 算定日情報 (review 7 finding B): 回数 3 with 2 days recorded, a blank 回数 with 2.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "3", dayCount: "2")], line: 7, field: 7, contains: "3 is not the sum of the 算定日情報 (2)")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "", dayCount: "2")], line: 7, field: 7, contains: "the 算定日情報 count 2")
        // Review 361 HA-3: from 2012-04 a 回数 with no 算定日 at all is the same fault (day 0: no day field).
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(times: "3", day: 0)], line: 7, field: 7, contains: "3 is not the sum of the 算定日情報 (0)")
    }

    func testAnUnknownBurdenClass() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(burden: "A")], line: 7, field: 3, contains: "負担区分")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(burden: "12")], line: 7, field: 3, contains: "負担区分")
    }

    /// Review 386 HZ-2: a blank 負担区分 is the receipt's one payer. On a 公費単独 receipt it is the 第1公費 (recalc read it as
    /// 医保 and left the unit out of the KO 合計点数, while audit counted it); on a 併用 receipt it names none: a fault.
    func testABlankBurdenClass() throws {
        try assertOneBadReceipt([Self.re(2, kind: "1122"), Self.ho(291), "KO,54130018,1234566,,1,291", Self.item(burden: "")],
                                line: 8, field: 3, contains: "more than one payer")
        let publicOnly = Self.doc([Self.ir, Self.re(1, kind: "1212"), "KO,12130019,4567897,,1,291", Self.item(burden: ""), Self.go(1, 291)])
        let report = try recalc(publicOnly)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        XCTAssertEqual(report.receipts.first?.payers.map(\.bit), [1])
        XCTAssertEqual(report.receipts.first?.payers.map(\.computed), [291], "the blank line counts for the 第1公費")
        let claim = try XCTUnwrap(UKEClaims.claims(publicOnly).first?.claim.get())
        XCTAssertEqual(claim.receiptStatedTotals.map(\.record), ["KO1"])
        XCTAssertEqual(claim.receiptStatedTotals.map(\.units), [291], "audit reads the blank line as recalc does")
        // 医保単独: blank is 医保, as before.
        let insured = try recalc(Self.doc([Self.ir, Self.re(1), Self.ho(291), Self.item(burden: ""), Self.go(1, 291)]))
        XCTAssertTrue(insured.errors.isEmpty)
        XCTAssertEqual(insured.receipts.first?.payers.map(\.computed), [291])
    }

    /// Review 388 IB-1, IB-2: a byte that is no CP932 text is the receipt's fault, naming its 項目 — 81 FF (a lead byte whose next
    /// byte is no trail byte) in the RE 氏名, a NUL at the end of an SI, a TAB in a SY; CP932 kanji and 半角カナ are text.
    func testBytesThatAreNoCP932Text() throws {
        // "〓" (81 AC) marks the place of 81 FF.
        let leadWithoutTrail: ([UInt8]) -> [UInt8] = { b in
            var b = b
            if let i = b.indices.dropLast().first(where: { b[$0] == 0x81 && b[$0 + 1] == 0xAC }) { b[i + 1] = 0xFF }
            return b
        }
        try assertOneBadReceipt([Self.re(2).replacingOccurrences(of: "TEST2", with: "〓TEST2"), Self.ho(291), Self.item()],
                                line: 5, field: 5, contains: "0x81 0xFF", patch: leadWithoutTrail)
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item() + "\u{0}"], line: 7, field: 44, contains: "control byte 0x0")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,8833421,20240603,01,\t", Self.item()], line: 7, field: 5, contains: "control byte 0x9")
        // A quoted comma shifts the fields; the message says so (review 412 IZ-9 b).
        try assertOneBadReceipt([Self.re(2).replacingOccurrences(of: "TEST2", with: "\"TE,ST2\""), Self.ho(291), Self.item()], line: 5, field: 6,
                                contains: "UKE fields have no quoting")
        // The 項目 by name (review 412 IZ-9 a: "field 5 (項目 5)").
        try assertOneBadReceipt([Self.re(2).replacingOccurrences(of: "TEST2", with: "〓TEST2"), Self.ho(291), Self.item()],
                                line: 5, field: 5, contains: "(氏名)", patch: leadWithoutTrail)
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item() + "\u{0}"], line: 7, field: 44, contains: "(算定日情報 31日)")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,8833421,20240603,01,\t", Self.item()], line: 7, field: 5, contains: "(修飾語コード)")
        let japanese = Self.doc([Self.ir, Self.re(1).replacingOccurrences(of: "TEST1", with: "山田　太郎ﾔﾏﾀﾞ"), Self.ho(291), Self.item(), Self.go(1, 291)])
        XCTAssertTrue(try recalc(japanese).errors.isEmpty)
        XCTAssertTrue(UKEClaims.errors(japanese).isEmpty)
        XCTAssertNotNil(try UKEClaims.claims(japanese).first?.claim.get())
    }

    /// Review 423 JL-1: SA-P004 — the HO 診療実日数 is at least the days of its 初診料・再診料 rows (s 項番27 実日数 2) and at most the
    /// days of any record: 2 for 初診 on the 3rd and 再診 on the 10th passes, 5 and 1 are told with the days.
    func testTheStatedDaysLieBetweenTheVisitDaysAndTheRecordDays() throws {
        let auditor = Auditor(masters: try masters())
        func findings(_ days: Int, _ items: [String]) throws -> [AuditFinding] {
            let records = [Self.ir, Self.re(1), "HO,01010016,1,1,\(days),366"] + items + [Self.go(1, 366)]
            let claim = try UKEClaims.claims(Self.doc(records), masters: try masters())[0].claim.get()
            return try auditor.audit(claim).findings.filter { $0.check == .statedDaysImpossible }
        }
        let visits = [Self.item(), Self.item(category: "12", code: "112007410", points: "75", day: 10)]
        XCTAssertTrue(try findings(2, visits).isEmpty)
        let five = try findings(5, visits)
        XCTAssertEqual(five.count, 1)
        XCTAssertTrue(five.first.map { $0.severity == .error && $0.message.contains("states 5") && $0.message.contains("2 days only (3, 10)") } == true, "\(five.map(\.message))")
        let one = try findings(1, visits)
        XCTAssertTrue(one.first?.message.contains("fall on 2 days (3, 10)") == true, "\(one.map(\.message))")
    }

    /// Review 412 IZ-6: a 外字 (user-defined area F040–F9FC) is the receipt's fault, naming its 項目; the NEC and IBM extensions
    /// (① 87 40, 髙 FB FC) are CP932 characters and pass.
    func testAUserDefinedCharacterIsAFault() throws {
        let gaiji: ([UInt8]) -> [UInt8] = { b in
            var b = b
            if let i = b.indices.dropLast().first(where: { b[$0] == 0x81 && b[$0 + 1] == 0xAC }) { b[i] = 0xF0; b[i + 1] = 0x40 }
            return b
        }
        try assertOneBadReceipt([Self.re(2).replacingOccurrences(of: "TEST2", with: "〓TEST2"), Self.ho(291), Self.item()],
                                line: 5, field: 5, contains: "外字", patch: gaiji)
        let extensions = Self.doc([Self.ir, Self.re(1).replacingOccurrences(of: "TEST1", with: "①髙"), Self.ho(291), Self.item(), Self.go(1, 291)])
        let passed = try recalc(extensions)
        XCTAssertTrue(passed.errors.isEmpty, "\(passed.errors)")
    }

    /// Review 412 IZ-1: a 1212 (公費単独) receipt with no KO states no 合計点数: the file's total is unknown and the GO is left as it
    /// is — it was rewritten without the receipt's points (624 for 936).
    func testAReceiptWithNeitherHONorKOLeavesTheGO() throws {
        let records = [Self.ir] + Self.good(1) + [Self.re(2, kind: "1212"), Self.item(burden: "5")] + Self.good(3) + [Self.go(3, 873)]
        let report = try recalc(Self.doc(records))
        XCTAssertNotNil(report.receipts[1].fault)
        XCTAssertTrue(report.receipts[1].totalUnreadable)
        XCTAssertFalse(report.changes.contains { Int($0.line) == records.count - 1 }, "the GO is not rewritten")
    }

    /// Review 412 IZ-4, IZ-5: the IR's 点数表 is 1 (医科) — another is no file Santei reads; a 都道府県 outside 01–47 and bytes of no
    /// CP932 character in the IR or the GO are told naming the 項目, and the receipts are still read.
    func testTheIRAndGOFieldsAreChecked() throws {
        func places(_ errors: [UKEError]) -> [String] {
            errors.map { e -> String in
                let field: String = e.field.map { String($0) } ?? "-"
                return "\(e.line) " + field
            }
        }
        let dental = try recalc(Self.doc([Self.ir.replacingOccurrences(of: "IR,1,13,1,", with: "IR,1,13,3,")] + Self.good(1) + [Self.go(1, 291)]))
        XCTAssertEqual(places(dental.errors), ["1 4"], "\(dental.errors)")
        XCTAssertTrue(dental.errors.first?.description.contains("点数表") == true)
        let prefecture = try recalc(Self.doc([Self.ir.replacingOccurrences(of: "IR,1,13,1,", with: "IR,1,99,1,")] + Self.good(1) + [Self.go(1, 291)]))
        XCTAssertEqual(places(prefecture.errors), ["1 3"], "\(prefecture.errors)")
        XCTAssertEqual(prefecture.receipts.first?.fault == nil, true)
        XCTAssertEqual(prefecture.receipts.first?.total, 291)
        // 〓 (81 AC) in the IR name and in the GO volume field marks where a byte of no character goes.
        let bad: ([UInt8]) -> [UInt8] = { b in
            var b = b
            for i in b.indices.dropLast() where b[i] == 0x81 && b[i + 1] == 0xAC { b[i] = 0x80; b[i + 1] = 0x41 }
            return b
        }
        let ir = try recalc(Self.doc([Self.ir.replacingOccurrences(of: "TEST", with: "〓")] + Self.good(1) + [Self.go(1, 291)], patch: bad))
        XCTAssertEqual(places(ir.errors), ["1 7"], "\(ir.errors)")
        XCTAssertEqual(ir.receipts.first?.total, 291)
        let go = try recalc(Self.doc([Self.ir] + Self.good(1) + ["GO,1,291,9〓"], patch: bad))
        XCTAssertEqual(places(go.errors), ["5 4"], "\(go.errors)")
        let volume = try recalc(Self.doc([Self.ir] + Self.good(1) + ["GO,1,291,9X"]))
        XCTAssertEqual(places(volume.errors), ["5 4"], "\(volume.errors)")
        XCTAssertTrue(UKEClaims.errors(Self.doc([Self.ir.replacingOccurrences(of: "IR,1,13,1,", with: "IR,1,99,1,")] + Self.good(1) + [Self.go(1, 291)])).contains { $0.line == 1 && $0.field == 3 })
    }

    /// Review 385 HY-1: a continuation record whose 回数 is blank (some writers leave it so: domain-facts C.7) continues the unit
    /// in audit as in uke recalc — one order of the 静注 and its drug, not two.
    func testABlankTimesOnAContinuationRecordContinuesTheUnit() throws {
        let d = Self.doc([Self.ir, Self.re(1), Self.ho(42),
                          Self.item(category: "33", code: "130003510", points: "", times: "1", day: 5),
                          Self.item("IY", category: "33", code: "620000402", quantity: "1", points: "42", times: "", day: 5, dayCount: "1"),
                          Self.go(1, 42)])
        let claim = try XCTUnwrap(UKEClaims.claims(d).first?.claim.get())
        XCTAssertEqual(claim.encounters.flatMap(\.orders).map { $0.items.map(\.code) }, [["130003510", "620000402"]])
        let report = try recalc(d)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        XCTAssertEqual(report.receipts.first?.unitCount, 1)
    }

    /// Review 386 HZ-1, 385 HY-4: SA-P003 compares each KO 合計点数 too — with the units whose 負担区分 names that 公費 — as
    /// `uke recalc --check` does.
    func testTheAuditComparesEachKOTotal() throws {
        let d = Self.doc([Self.ir, Self.re(1, kind: "1122"), Self.ho(291), "KO,54130018,1234566,,1,100", Self.item(burden: "2"), Self.go(1, 291)])
        let claim = try XCTUnwrap(UKEClaims.claims(d).first?.claim.get())
        XCTAssertEqual(claim.receiptStatedTotals.map(\.record), ["HO", "KO1"])
        XCTAssertEqual(claim.receiptStatedTotals.map(\.units), [291, 291])
        let found = try Auditor(masters: try masters()).audit(claim).findings.filter { $0.check == .statedTotalDiffers }
        XCTAssertEqual(found.map(\.action), ["state 291 on line 4"])
        XCTAssertTrue(found.first?.message.contains("第1公費") == true, "\(found.map(\.message))")
        let report = try recalc(d)
        XCTAssertEqual(report.receipts.first?.payers.map(\.computed), [291, 291], "recalc says the same")
    }

    func testAReceiptKindThatIsNotFourDigits() throws {
        try assertOneBadReceipt([Self.re(2, kind: "112 "), Self.ho(291), Self.item()], line: 5, field: 3, contains: "レセプト種別")
        try assertOneBadReceipt([Self.re(2, kind: "11122"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "レセプト種別")
    }

    func testQuantitiesPointsAndTotalsPastTheirLimits() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(code: "160000310", quantity: "100000000000000", points: "26")],
                                line: 7, field: 5, contains: "数量データ")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item("IY", category: "21", code: "620000402", quantity: "100000000000000", points: "5")],
                                line: 7, field: 5, contains: "使用量")
        // Review 366 HF-3: 使用量 has 5 integer digits (記録条件仕様); 100000 is a fault though the JSON limit would hold it.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item("IY", category: "21", code: "620000402", quantity: "100000", points: "5")],
                                line: 7, field: 5, contains: "more than 5 integer digits")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(points: "10000000")], line: 7, field: 6, contains: "点数")
        // A 合計点数 past its 8 digits: that receipt's fault, and the file's total is then unknown (the GO stays as stated).
        let wide = try recalc(Self.doc([Self.ir] + Self.good(1) + [Self.re(2), Self.ho(123_456_789), Self.item()] + Self.good(3) + [Self.go(3, 291 * 3)]))
        XCTAssertEqual(wide.errors.map(\.line), [6, 11], "\(wide.errors)")
        XCTAssertEqual(wide.errors.map(\.field), [6, 3])
        XCTAssertTrue(wide.errors[0].description.contains("合計点数"))
        XCTAssertEqual(wide.receipts.map { $0.fault != nil }, [false, true, false])
        XCTAssertEqual(wide.goComputed, 291 * 3)
        // Stated 点数 × 回数: 9,999,999 × 999 passes the 8-digit 合計点数; so do two units of 9,999,999 × 6.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(code: "199999999", points: "9999999", times: "999")],
                                line: 7, field: 6, contains: "passes the 合計点数 limit")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(points: "9999999", times: "6"), Self.item(points: "9999999", times: "6")],
                                line: 8, field: nil, contains: "add up to more than")
    }

    func testACodeThatIsNotNineDigits() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(code: "1110001100000000000000000")], line: 7, field: 4, contains: "9-digit code")
    }

    func testCommentAndDiseaseCodesAreCheckedCodes() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), "CO,,1,8100000011234567890123456,text"], line: 8, field: 4, contains: "コメントコード")
        var withComment = Self.item().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        withComment[7] = "81000000X"
        try assertOneBadReceipt([Self.re(2), Self.ho(291), withComment.joined(separator: ",")], line: 7, field: 8, contains: "コメントコード")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,25000131234,20240601,1,,,01,", Self.item()], line: 7, field: 2, contains: "傷病名コード")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,2500013,20240601,1,807,,01,", Self.item()], line: 7, field: 5, contains: "修飾語コード")
        // Review 152 BUG-1: a 診療開始日 that is no date (month 13) was read as none and switched SA-D007 off.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,2500013,20241301,1,,,01,", Self.item()], line: 7, field: 3, contains: "診療開始日")
    }

    // MARK: structure

    func testAReceiptAfterTheGOIsAnErrorAndTheFilesReceiptsAreProcessed() throws {
        let d = Self.doc([Self.ir] + Self.good(1) + [Self.go(1, 291)] + Self.good(2))
        let report = try recalc(d)
        XCTAssertEqual(report.receipts.count, 2)
        XCTAssertNil(report.receipts[0].fault)
        XCTAssertEqual(report.receipts[1].place, .outside)
        XCTAssertEqual(report.errors.map(\.line), [6])
        XCTAssertTrue(report.errors[0].reason.contains("after the GO record (line 5)"), report.errors[0].reason)
        XCTAssertEqual(report.goComputed, 291, "a receipt after the GO is not part of the file's total")
        XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes)
        // Review 129 B1: a GO that does not total the receipts before it (here the whole file's, 582, with a receipt after
        // it) is left as stated, a fault on its line — it was rewritten to the 291 of the receipts before it.
        let early = Self.doc([Self.ir] + Self.good(1) + [Self.go(2, 582)] + Self.good(2))
        let e = try recalc(early)
        XCTAssertEqual(e.goComputed, 582)
        XCTAssertTrue(e.errors.contains { $0.line == 5 && $0.reason.contains("GO left as it is") }, "\(e.errors)")
        XCTAssertEqual(UKERecalc.rewrite(early, e), early.bytes)
        XCTAssertFalse(UKERecalc.findings(e).contains { $0.unit == "GO" && $0.kind == .totalDiffers },
                       "a GO left as stated is no 総合計点数 rewrite (review 149 B3)")
        // Review 149 B2: a GO that states exactly what the receipts between IR and GO state totals them, whatever lies
        // outside: those receipts are re-priced (HO 280 → 291) and the GO follows them (280 → 291), the receipt after it
        // left as it is with its fault.
        let wrong = [Self.re(1), Self.ho(280), Self.item(points: "280")]
        let totals = Self.doc([Self.ir] + wrong + [Self.go(1, 280)] + Self.good(2))
        let t = try recalc(totals)
        XCTAssertEqual(t.goComputed, 291)
        XCTAssertTrue(String(decoding: UKERecalc.rewrite(totals, t), as: UTF8.self).contains("GO,1,291,99"))
        let entries = UKEClaims.claims(d)
        XCTAssertEqual(entries.count, 2)
        XCTAssertNotNil(try? entries[0].claim.get())
        XCTAssertNil(try? entries[1].claim.get())
    }

    func testRecordsAfterTheGOBeforeTheIRAndOutsideAReceipt() throws {
        let after = try recalc(Self.doc([Self.ir] + Self.good(1) + [Self.go(1, 291), "HO,1,2,3,4,5", "SI,11"]))
        XCTAssertEqual(after.errors.map(\.line), [6], "one error for a run of records")
        XCTAssertTrue(after.errors[0].reason.contains("after the GO") && after.errors[0].reason.contains("1 more"), after.errors[0].reason)
        XCTAssertEqual(after.receipts.count, 1)
        XCTAssertNil(after.receipts[0].fault)

        let before = Self.doc(["SI,11,1,111000110", Self.re(9), Self.ho(291), Self.ir] + Self.good(1) + [Self.go(1, 291)])
        let b = try recalc(before)
        XCTAssertEqual(b.errors.map(\.line), [1, 2])
        XCTAssertTrue(b.errors[0].reason.contains("before the IR"))
        XCTAssertTrue(b.errors[1].reason.contains("receipt before the IR record (line 4)"), b.errors[1].reason)
        XCTAssertEqual(b.receipts.count, 2)
        XCTAssertNil(b.receipts[1].fault)
        XCTAssertEqual(b.goComputed, 291)
        XCTAssertEqual(UKEClaims.errors(before).map(\.line), [1])

        let outside = try recalc(Self.doc([Self.ir, Self.ho(5)] + Self.good(1) + [Self.go(1, 291)]))
        XCTAssertEqual(outside.errors.map(\.line), [2])
        XCTAssertTrue(outside.errors[0].reason.contains("outside a receipt"))
    }

    func testASecondIRAndASecondGO() throws {
        // Two files concatenated, the first without its GO.
        let d = Self.doc([Self.ir] + Self.good(1) + [Self.ir] + Self.good(2) + [Self.go(1, 291), Self.go(1, 291)])
        let report = try recalc(d)
        XCTAssertEqual(report.receipts.count, 2)
        XCTAssertNil(report.receipts[0].fault)
        // Line 9: the GO states 1 receipt of 291 points; the file has two receipts (see below).
        XCTAssertEqual(report.errors.map(\.line), [5, 6, 9, 9, 10], "\(report.errors)")
        XCTAssertTrue(report.errors[0].reason.contains("second IR"))
        XCTAssertTrue(report.errors[1].reason.contains("after a second IR record (line 5)"))
        XCTAssertTrue(report.errors[4].reason.contains("second GO"))
        // Review 103: the receipt after the second IR is still before the file's GO: a receipt of the file at fault
        // (the GO was written as 0 for IR, IR, receipts, GO). Review 132 C37: whose receipts the GO totals cannot be told
        // (here it states the second file's 291, not 291 + 291): it is left as stated, a fault on its line.
        XCTAssertNotNil(report.receipts[1].fault)
        XCTAssertEqual(report.goComputed, 291)
        XCTAssertTrue(report.errors.contains { $0.line == 9 && $0.reason.contains("a second IR on line 5 comes before it") }, "\(report.errors)")
        XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes)
        let doubled = try recalc(Self.doc([Self.ir, Self.ir] + Self.good(1) + [Self.go(1, 291)]))
        XCTAssertEqual(doubled.goComputed, 291, "the GO keeps the receipts' points")
    }

    func testFileLevelFaultsAreOneErrorForTheWholeFile() throws {
        let cases: [(UKEDocument, String)] = [
            (UKEDocument(bytes: [], name: "t.UKE"), "empty file"),
            (UKEDocument(bytes: [0x1A], name: "t.UKE"), "empty file"),
            (Self.doc(Self.good(1) + [Self.go(1, 291)]), "no IR record"),
            (Self.doc(["IR,1,13,1,9999999,,TEST,202499,00"] + Self.good(1) + [Self.go(1, 291)]), "請求年月"),
            (Self.doc(["IR"] + Self.good(1)), "請求年月"),
        ]
        for (d, words) in cases {
            let report = try recalc(d)
            XCTAssertEqual(report.errors.count, 1, "\(report.errors)")
            XCTAssertTrue(report.errors.first?.description.contains(words) == true, "\(report.errors)")
            XCTAssertTrue(report.receipts.isEmpty)
            XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes, "left as it is")
            XCTAssertTrue(UKEClaims.claims(d).isEmpty)
            XCTAssertEqual(UKEClaims.errors(d).count, 1)
            var revaluation = Revaluation(from: ServiceDate("2024-06-01")!, to: ServiceDate("2024-06-03")!)
            revaluation.add(uke: d, masters: try masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()))
            XCTAssertEqual(revaluation.errors.count, 1)
            XCTAssertTrue(revaluation.deltas.isEmpty)
        }
    }

    // MARK: review 48 (robustness): shapes that lost receipts or passed silently

    func testARecordCutShortOrLongerThanItsLayoutIsItsReceiptsError() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SI,11,1,111000110"], line: 7, field: nil, contains: "has 4 項目")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item() + String(repeating: ",", count: 65)], line: 7, field: nil, contains: "has 109 項目")
    }

    /// Review 122 B6/B7: HO and KO come right after RE, one HO (医保) and as many KO as the レセプト種別 says; an HO or KO
    /// cut in the middle (the 合計点数 read as 診療実日数) or longer than its layout, an RE, SY or CO longer than its
    /// layout: each is its receipt's fault (a KO before its HO lost the receipt's 合計点数 from the GO; a repeated KO was
    /// rewritten to 0; a KO without its 4th field had its 公費負担金額 overwritten).
    func testHOAndKOOutOfOrderOrCountOrShapeAreTheReceiptsError() throws {
        let ko = "KO,12345678,1234567,,1,291,0"
        try assertOneBadReceipt([Self.re(2, kind: "1122"), ko, Self.ho(291), Self.item()], line: 7, field: nil, contains: "HO record after a KO")
        try assertOneBadReceipt([Self.re(2, kind: "1122"), Self.ho(291), ko, ko, Self.item()], line: 5, field: 3, contains: "gives 1 HO and 1 KO; the receipt has 1 HO and 2 KO")
        try assertOneBadReceipt([Self.re(2, kind: "1122"), Self.ho(291), Self.item()], line: 5, field: 3, contains: "the receipt has 1 HO and 0 KO")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.ho(291), Self.item()], line: 7, field: nil, contains: "a second HO")
        try assertOneBadReceipt([Self.re(2), Self.item(), Self.ho(291)], line: 7, field: nil, contains: "after the receipt's other records")
        // An HO/KO whose fields are cut, added to or shifted (a 診療実日数 past 31), or a KO without the HO the レセプト種別
        // gives: the receipt's fault, and the GO is left as it is — the receipt's stated total cannot be trusted (review 124
        // B9: an HO with a field added gave its 実日数 to the GO).
        for (bad, line, words) in [(["HO,01010016,1,1,291"], 6, "HO record has 5 項目"), (["HO,01010016,1,291,291,0"], 6, "診療実日数"),
                                   (["HO,01010016,X,１,１,1,291"], 6, "診療実日数"), ([Self.ho(291), "KO,12345678,1234567,1,1,291,0,,,,,,9"], 7, "KO record has 13 項目"),
                                   (["KO,12345678,1234567,,1,291,0"], 5, "gives 1 HO and 1 KO; the receipt has 0 HO and 1 KO")] {
            let kind = bad.contains { $0.hasPrefix("KO") } ? "1122" : "1112"
            let r = try recalc(Self.doc([Self.ir] + Self.good(1) + [Self.re(2, kind: kind)] + bad + [Self.item(), Self.go(2, 582)]))
            let goLine = 6 + bad.count + 1
            XCTAssertEqual(r.errors.map(\.line), [line, goLine], "\(bad): \(r.errors)")
            XCTAssertTrue(r.errors.first?.description.contains(words) == true, "\(r.errors)")
            XCTAssertEqual(r.goComputed, 582, "GO left as stated")
        }
        try assertOneBadReceipt([Self.re(2) + String(repeating: ",", count: 30) + "X", Self.ho(291), Self.item()], line: 5, field: nil, contains: "RE record has 44 項目")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,4659007,20240603,1,,,01,,X", Self.item()], line: 7, field: nil, contains: "SY record has 9 項目")
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), "CO,,1,810000001,X,Y"], line: 8, field: nil, contains: "CO record has 6 項目")
        // Trailing empty fields (a writer's trailing comma) are no 項目 past the layout.
        let trailing = try recalc(Self.doc([Self.ir, Self.re(1) + ",,,,,,,,,,,,,,,,,,,,,,,,,,", Self.ho(291) + ",,,,,,,,,,,", "SY,4659007,20240603,1,,,01,,,", Self.item(), "CO,,1,810000001,X,", Self.go(1, 291)]))
        XCTAssertEqual(trailing.errors.map(\.description), [])
        // Review 124 B8: a 負担区分 that names a payer the receipt has no HO/KO for (5 第1公費のみ on a 1112; 3 医保+第2公費 on a
        // 1122) is the receipt's fault: its 合計点数 would be rewritten without those points.
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(burden: "5")], line: 7, field: 3, contains: "第1公費")
        try assertOneBadReceipt([Self.re(2, kind: "1122"), Self.ho(291), ko, Self.item(burden: "3")], line: 8, field: 3, contains: "第2公費")
        try assertOneBadReceipt([Self.re(2, kind: "1212"), ko, Self.item(burden: "1")], line: 7, field: 3, contains: "医療保険")
        // Review 124: 男女区分 is 1 or 2, as the JSON door's patient.sex.
        try assertOneBadReceipt([Self.re(2).replacingOccurrences(of: "TEST2,1,", with: "TEST2,3,"), Self.ho(291), Self.item()], line: 5, field: 6, contains: "男女区分")
        // 公費単独 (1212): one KO, no HO — and a receipt of 1122 with both reads.
        let fine = UKEInputTests.doc([Self.ir, Self.re(1, kind: "1212"), ko, Self.item(burden: "5"), Self.re(2, kind: "1122"), Self.ho(291), ko, Self.item(burden: "2"), Self.go(2, 582)])
        XCTAssertEqual(try recalc(fine).errors.map(\.description), [])
    }

    func testAReceiptWithoutAnythingToPriceIsItsReceiptsError() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291)], line: 5, field: nil, contains: "no SI, IY or TO record")
    }

    func testAUsedQuantityOfMoreThanFiveDecimalsIsItsReceiptsError() throws {
        try assertOneBadReceipt([Self.re(2), Self.ho(291), Self.item(), Self.item("IY", category: "21", code: "620000001", quantity: "1.123456", points: "")],
                                line: 8, field: 5, contains: "not a number of at most 5 decimals")
    }

    func testAFileWithoutItsGOIsAnErrorAndItsReceiptsAreRead() throws {
        let d = Self.doc([Self.ir] + Self.good(1) + Self.good(2))
        let report = try recalc(d)
        XCTAssertEqual(report.receipts.map(\.total), [291, 291], "the receipts are read")
        XCTAssertEqual(report.errors.count, 1, "\(report.errors)")
        XCTAssertTrue(report.errors.first?.description.contains("no GO record") == true, "\(report.errors)")
        XCTAssertEqual(report.errors.first?.line, 7, "the file's last record")
    }

    func testAGOCountThatIsNotTheFilesReceiptsIsAnError() throws {
        for (count, words) in [("3", "3 receipts stated, the file has 2"), ("99999999999999999999", "not a count of at most 6 digits")] {
            let d = Self.doc([Self.ir] + Self.good(1) + Self.good(2) + ["GO,\(count),999,99"])
            let report = try recalc(d)
            XCTAssertEqual(report.errors.count, 1, "\(report.errors)")
            XCTAssertEqual(report.errors.first?.field, 2)
            XCTAssertTrue(report.errors.first?.description.contains(words) == true, "\(report.errors)")
            XCTAssertEqual(report.receipts.map(\.total), [291, 291])
            // Review 349 GO-3: which receipts the 総合計点数 totals cannot be told — the GO is left as it is, its 999 too (it was
            // rewritten to 582 under a message saying "left as it is").
            XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes)
        }
        // A volume of several (マルチボリューム識別情報 not 99) counts the receipts of every volume: not checked.
        let multi = Self.doc([Self.ir] + Self.good(1) + ["GO,5,291,01"])
        XCTAssertTrue(try recalc(multi).errors.isEmpty)
    }

    func testRecordsEndingWithCRAloneAreAFileFault() throws {
        let records = [Self.ir] + Self.good(1) + [Self.go(1, 291)]
        let d = UKEDocument(bytes: Fixture.cp932(records.joined(separator: "\r")) + [13], name: "t.UKE")
        let report = try recalc(d)
        XCTAssertEqual(report.errors.count, 1, "\(report.errors)")
        XCTAssertTrue(report.errors.first?.description.contains("CR alone") == true, "\(report.errors)")
        XCTAssertTrue(UKEClaims.claims(d).isEmpty)
        XCTAssertEqual(UKEClaims.errors(d).count, 1)
        // A file that does not start with a record is told it is no UKE, not that its records end with CR alone (review
        // 397 IK-5: random bytes).
        let junk = try recalc(UKEDocument(bytes: Array("\u{7}junk\rmore\r".utf8), name: "j.UKE"))
        XCTAssertEqual(junk.errors.map(\.description), ["j.UKE:1: not a RECEIPTC.UKE: the file does not start with a record (a record ID such as IR followed by a comma)"])
    }

    /// Review 397 IK-7: "-0" is the quantity 0 (it was told it is negative); "-1" and "-0.5" are negative.
    func testMinusZeroIsTheQuantityZero() throws {
        for text in ["-0", "-0.00", "0"] {
            XCTAssertEqual(try Claim.Quantity.checked(Array(text.utf8), path: "q").scaled, 0, text)
        }
        for text in ["-1", "-0.5", "-00.1"] {
            XCTAssertThrowsError(try Claim.Quantity.checked(Array(text.utf8), path: "q"), text) { error in
                XCTAssertTrue((error as? ClaimError)?.message.contains("is negative") == true, "\(text): \(error)")
            }
        }
    }

    /// Review 48: a UKE saved as UTF-8 is a file fault that says so, not receipts whose names read as other characters.
    func testAUKESavedAsUTF8IsAFileFault() throws {
        let records = [Self.ir, "RE,1,1112,202406,山田　太郎,1,19580312,,,,,,,00001", Self.ho(291), Self.item(), Self.go(1, 291)]
        let d = UKEDocument(bytes: Array(records.joined(separator: "\r\n").utf8) + [13, 10], name: "test.UKE")
        XCTAssertTrue(d.structure.fileError?.reason.contains("UTF-8") == true, "\(d.structure.errors)")
        // The same file in CP932 reads.
        let cp932 = try XCTUnwrap(CP932.encode(records.joined(separator: "\r\n")))
        let ok = UKEDocument(bytes: Array(cp932) + [13, 10], name: "test.UKE")
        XCTAssertNil(ok.structure.fileError, "\(ok.structure.errors)")
        XCTAssertTrue(try recalc(ok).errors.isEmpty)
    }

    func testAReceiptAtFaultStillCountsInTheGOTotal() throws {
        // Receipt 2 states 500 and is at fault (回数 0): it is left as it is and its 500 stays in the GO.
        let d = Self.doc([Self.ir] + Self.good(1) + [Self.re(2), Self.ho(500), Self.item(times: "0", dayCount: "1")] + [Self.go(2, 791)])
        let report = try recalc(d)
        XCTAssertEqual(report.errors.count, 1)
        XCTAssertEqual(report.faultyReceiptCount, 1)
        XCTAssertEqual(report.receipts[1].total, 500)
        XCTAssertEqual(report.goComputed, 791)
        XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes, "nothing dropped, nothing to rewrite")
    }

    /// Review 89 B1: a receipt at fault whose HO 合計点数 cannot be read leaves the file's total unknown: the GO stays as
    /// stated and says why (it was recomputed as if that receipt had 0 points).
    func testAReceiptWhoseTotalCannotBeReadLeavesTheGOAsItIs() throws {
        for bad in ["-1", "999999999999999999999999999999"] {
            let d = Self.doc([Self.ir] + Self.good(1) + [Self.re(2), "HO,01010016,1,1,1,\(bad)", Self.item()] + [Self.go(2, 582)])
            let report = try recalc(d)
            XCTAssertEqual(report.faultyReceiptCount, 1, "\(report.errors)")
            XCTAssertEqual(report.goComputed, 582, "GO left as stated")
            XCTAssertTrue(report.errors.contains { $0.line == 8 && $0.field == 3 && $0.reason.contains("receipt 2") && $0.reason.contains("GO left as it is") }, "\(report.errors)")
            XCTAssertEqual(UKERecalc.rewrite(d, report), d.bytes, "nothing rewritten")
        }
    }

    /// Review 89 B3/B4: a GO 総合計点数 that is no number within its 11 digits is a file fault (it read as blank), and the
    /// GO's faults are the audit's file faults too (it said nothing of a wrong 総件数).
    func testGOFaultsOnEveryDoor() throws {
        let total = Self.doc([Self.ir] + Self.good(1) + ["GO,1,999999999999999999999999999999,99"])
        let report = try recalc(total)
        XCTAssertEqual(report.errors.map(\.field), [3], "\(report.errors)")
        XCTAssertTrue(report.errors.first?.reason.contains("at most 99999999999") == true, "\(report.errors)")
        XCTAssertEqual(UKEClaims.errors(total).map(\.field), [3])
        let count = Self.doc([Self.ir] + Self.good(1) + Self.good(2) + ["GO,3,582,99"])
        XCTAssertEqual(UKEClaims.errors(count).map(\.field), [2], "audit reports the 総件数 as recalc does")
        XCTAssertEqual(UKEClaims.claims(count).count, 2, "and reads the receipts")
        var aggregation = Aggregation(grouping: try AggregateGrouping(parsing: "code"), masters: try masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()))
        aggregation.add(uke: count)
        XCTAssertEqual(aggregation.errors.map(\.line), [8], "\(aggregation.errors)")
    }

    /// Review 89 B5: a UKE field longer than the free-text limit (1,024 bytes; SJ 症状詳記データ 2,400) is its receipt's fault.
    func testAFieldPastTheTextLimitIsItsReceiptsFault() throws {
        let long = String(repeating: "A", count: 1_025)
        try assertOneBadReceipt([Self.re(2), Self.ho(291), "SY,0000999,20240601,1,,\(long),,", Self.item()], line: 7, field: 6, contains: "1025 bytes")
        let sj = Self.doc([Self.ir, Self.re(1), Self.ho(291), Self.item(), "SJ,01,\(String(repeating: "A", count: 2_400))", Self.go(1, 291)])
        XCTAssertTrue(try recalc(sj).errors.isEmpty, "an SJ 症状詳記 of 2,400 bytes is within its layout")
    }

    func testQuantityParsingIsBoundedAndKeepsTheOldReadings() {
        let bytes = Array("1.5|20|123456789|99999999.99999|100000000|1.123456|..|1e3|".utf8)
        func q(_ k: Int, _ integerOnly: Bool = false) -> UKEFields.Quantity {
            let parts = bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            let r = parts[k].startIndex..<parts[k].endIndex
            return UKEFields.quantity(bytes, r, integerOnly: integerOnly)
        }
        XCTAssertEqual(q(0), .value(150_000))
        XCTAssertEqual(q(1, true), .value(2_000_000))
        XCTAssertEqual(q(2, true), .outOfRange)
        XCTAssertEqual(q(3), .value(DomainLimit.maxQuantityScaled))
        XCTAssertEqual(q(4), .outOfRange)
        XCTAssertEqual(q(5), .malformed)
        XCTAssertEqual(q(6), .malformed)
        XCTAssertEqual(q(7), .malformed)
        XCTAssertEqual(q(0, true), .malformed, "数量データ is an integer")
        XCTAssertEqual(UKEFields.bounded(Array("99999999999999999999999".utf8), 0..<23, max: Int.max), nil)
        XCTAssertEqual(UKEFields.bounded(Array("0999".utf8), 0..<4, max: 999), 999)
    }

    /// The 算定日 fields read in one pass are what `integer` reads field by field (nil as 0): empty, digits,
    /// leading zeros, a letter, a sign, a huge number, and a record that ends before its 31st day.
    func testDayFieldsReadInOnePassAreTheFieldByFieldReadings() {
        let days = ["", "1", "12", "03", "x", "1a", "-1", "99999999999999999999999", "0", "", "2"]
        let lines = ["SI,11,1,111000110,,288,1," + (0..<6).map { _ in "" }.joined(separator: ",") + "," + days.joined(separator: ","),
                     "SI,,,111000110,,288,1",
                     "SI," + Array(repeating: "7", count: 60).joined(separator: ",")]
        let doc = UKEDocument(bytes: Fixture.cp932(lines.joined(separator: "\r\n")) + [13, 10], name: "days.UKE")
        var fields = UKEFields()
        var out = [Int](repeating: -1, count: 31)
        for l in 0..<lines.count {
            fields.load(doc, l)
            for first in [13, 17] {
                out.withUnsafeMutableBufferPointer { fields.integers(doc.bytes, from: first, into: $0) }
                XCTAssertEqual(out, (0..<31).map { UKEFields.integer(doc.bytes, fields.range(first + $0)) ?? 0 }, "line \(l) from \(first)")
            }
        }
        fields.load(doc, 0)
        out.withUnsafeMutableBufferPointer { fields.integers(doc.bytes, from: 13, into: $0) }
        XCTAssertEqual(Array(out[0..<4]), [0, 1, 12, 3])
    }

    // MARK: the crash files of ../shared/cases/bad-input

    func badInputs() throws -> [(name: String, bytes: [UInt8])] {
        let dir = try Paths.requireShared("cases/bad-input")
        var out: [(String, [UInt8])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".UKE") {
            out.append((name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/fuzz").sorted() where name.hasPrefix("uke-") {
            out.append((name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/fuzz/" + name)))))
        }
        XCTAssertEqual(out.count, 14, "7 .UKE files and 7 fuzz reproducers")
        return out
    }

    func testEveryBadInputUKEIsAnErrorOnEveryDoorAndNothingTraps() throws {
        let set = try RealData.masters()
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        let auditor = Auditor(masters: set)
        for (name, bytes) in try badInputs() {
            let d = UKEDocument(bytes: bytes, name: name)
            let report = UKERecalc.run(d, masters: set, pricer: pricer)
            XCTAssertFalse(report.errors.isEmpty, "\(name): no error")
            for e in report.errors { XCTAssertEqual(e.file, name); XCTAssertTrue((1...max(1, d.lineCount)).contains(e.line), "\(name): \(e)") }
            _ = UKERecalc.rewrite(d, report)
            var claimErrors = UKEClaims.errors(d).count
            for entry in UKEClaims.claims(d) {
                switch entry.claim {
                case .success(let claim): _ = try? auditor.audit(claim, history: [], mode: .apply)
                case .failure: claimErrors += 1
                }
            }
            XCTAssertGreaterThan(claimErrors, 0, "\(name): the audit reads it without an error")
            var revaluation = Revaluation(from: ServiceDate("2021-10-01")!, to: ServiceDate("2024-06-01")!)
            revaluation.add(uke: d, masters: set, pricer: pricer)
            XCTAssertFalse(revaluation.errors.isEmpty, name)
        }
    }

    /// The crafted copies of the 25-receipt sample: one receipt (or the run after the GO) is at fault,
    /// the other receipts are re-priced as the sample's are.
    func testTheGoodReceiptsOfTheCraftedFilesAreProcessed() throws {
        let set = try RealData.masters()
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        let expected: [String: (faulty: Int, line: Int)] = [
            "audit-uke-re-kind-4th-char-space.UKE": (1, 2),
            "uke-iy-quantity-1e14.UKE": (1, 12),
            "uke-si-quantity-1e14.UKE": (1, 8),
            "uke-times-1e17.UKE": (1, 8),
            "uke-stated-points-x-times-overflow.UKE": (1, 58),
        ]
        for (name, bytes) in try badInputs() {
            let d = UKEDocument(bytes: bytes, name: name)
            let report = UKERecalc.run(d, masters: set, pricer: pricer)
            if let (faulty, line) = expected[name] {
                XCTAssertEqual(report.faultyReceiptCount, faulty, "\(name): \(report.errors)")
                XCTAssertEqual(report.errors.first?.line, line, "\(name): \(report.errors)")
                XCTAssertGreaterThan(report.receipts.count - faulty, 20, name)
                XCTAssertGreaterThan(report.unitCount, 80, "\(name): the good receipts are re-priced")
            }
            if name == "uke-go-before-last-RE.UKE" || name == "uke-concat-complete-plus-truncated.UKE" {
                XCTAssertGreaterThan(report.receipts.filter { $0.fault == nil }.count, 0, name)
                XCTAssertTrue(report.errors.contains { $0.reason.contains("GO") || $0.reason.contains("IR") }, "\(name): \(report.errors)")
            }
        }
    }
}
