import XCTest
@testable import Santei

/// 変更区分 semantics on small files in the official 医科診療行為 layout.
final class VersioningTests: XCTestCase {
    let full = Fixture.procedure("111000110", name: "初診料", points: "288.00")
        + Fixture.procedure("112007410", name: "再診料", points: "73.00")
        + Fixture.procedure("113000910", name: "廃止予定の管理料", points: "100.00")

    func date(_ s: String) -> ServiceDate { ServiceDate(s)! }

    func points(_ set: MasterSet, _ code: UInt64, _ d: String) throws -> Int? {
        guard let r = try set.record(.procedure, code: code, on: date(d)) else { return nil }
        return r.table.hundredths(r.version, 11)
    }

    func testPartialChangeKeepsTheOldVersionForEarlierDates() throws {
        // 変更 row: only points, 旧点数 and 変更年月日 filled; the name column is empty = unchanged.
        let update = Fixture.procedureChange("111000110", [11: "291.00", 56: "3", 57: "288.00", 86: "20240601"])
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20240515.csv", .update, update)])
        XCTAssertEqual(try points(set, 111000110, "20240531"), 28800)
        XCTAssertEqual(try points(set, 111000110, "20240601"), 29100)
        let r = try XCTUnwrap(set.record(.procedure, code: 111000110, on: date("20240601")))
        XCTAssertEqual(r[4], "初診料", "empty column in a 変更 row means unchanged")
        XCTAssertEqual(r[0], "5")
        XCTAssertEqual(r.validFrom, date("20240601"))
        let old = try XCTUnwrap(set.record(.procedure, code: 111000110, on: date("20230101")))
        XCTAssertEqual(old.validTo, date("20240531"), "the old version ends the day before the new one starts")
    }

    func testCorrectionWithTheSameStartDateReplacesTheVersion() throws {
        let update = Fixture.procedureChange("112007410", [4: "再診料（訂正）"])
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20220501.csv", .update, update)])
        let r = try XCTUnwrap(set.record(.procedure, code: 112007410, on: date("20220401")))
        XCTAssertEqual(r[4], "再診料（訂正）")
        XCTAssertEqual(r.table.versions(ofCode: r.table.codeIndex(of: 112007410)!).count, 1)
    }

    func testAbolitionWrittenAsRevisionDayAndDayBeforeClosesTheCode() throws {
        let update = Fixture.procedureChange("113000910", [86: "20240601", 87: "20240531"], kbn: "9")
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20240515.csv", .update, update)])
        XCTAssertEqual(try points(set, 113000910, "20240531"), 10000)
        XCTAssertNil(try set.record(.procedure, code: 113000910, on: date("20240601")))
        let r = try XCTUnwrap(set.record(.procedure, code: 113000910, on: date("20240531")))
        XCTAssertEqual(r[87], "20240531", "the stored 廃止年月日 is the abolition day")
    }

    /// Review 129 B2: a 廃止 row in its full-record form that restates an older version's 変更年月日 (20220401, the code having a
    /// newer version from 20240601) still ends the code at its 廃止年月日 (R06rec1 変更区分 9: 当該コードが使用できなくなった).
    func testAnAbolitionRestatingAnOlderVersionEndsEveryVersion() throws {
        let change = Fixture.procedureChange("113000910", [11: "110.00", 86: "20240601"])
        let abolish = Fixture.procedure("113000910", name: "廃止予定の管理料", points: "100.00", from: "20220401", to: "20250930", kbn: "9")
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20240515.csv", .update, change),
                                     (.procedure, "s_20250901.csv", .update, abolish)])
        XCTAssertEqual(try points(set, 113000910, "20250930"), 11000, "the newer version holds to the 廃止年月日")
        XCTAssertNil(try set.record(.procedure, code: 113000910, on: date("20251001")), "abolished from the day after")
        XCTAssertEqual(try XCTUnwrap(set.record(.procedure, code: 113000910, on: date("20250930")))[87], "20250930")
    }

    func testNewCodeAndErasure() throws {
        let new = Fixture.procedure("111014010", name: "医療ＤＸ推進体制整備加算", points: "8.00", from: "20240601", kbn: "3")
        let erase = Fixture.procedure("111014010", name: "医療ＤＸ推進体制整備加算", points: "8.00", from: "20240601", kbn: "1")
        var set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20240306.csv", .update, new)])
        XCTAssertEqual(try points(set, 111014010, "20240601"), 800)
        XCTAssertNil(try points(set, 111014010, "20240531"), "not valid before its 変更年月日")
        set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_20240306.csv", .update, new),
                                 (.procedure, "s_20240321.csv", .update, erase)])
        XCTAssertNil(try points(set, 111014010, "20240601"), "抹消 removes the version")
    }

    func testTwoFullFilesSideBySideEachAnswerTheirOwnDates() throws {
        let full2024 = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601")
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full), (.procedure, "s_ALL20240531.csv", .full, full2024)])
        XCTAssertEqual(set.chains(of: .procedure).count, 2)
        XCTAssertEqual(try points(set, 111000110, "20230101"), 28800)
        XCTAssertEqual(try points(set, 111000110, "20250101"), 29100)
        XCTAssertEqual(try set.resolve(.procedure, on: date("20250101")).label, "s_ALL20240531.csv")
        XCTAssertEqual(try set.resolve(.procedure, on: date("20230101")).label, "s_ALL20220401.csv")
    }

    func testDateOutsideEveryChainIsAnErrorNamingTheCoveredDates() throws {
        let set = try Fixture.build([(.procedure, "s_ALL20220401.csv", .full, full)])
        XCTAssertThrowsError(try set.record(.procedure, code: 111000110, on: date("20210101"))) { error in
            let e = error as! MasterLookupError
            XCTAssertEqual(e.covered, [date("20220401")...date("20240531")])
            XCTAssertTrue(e.description.contains("2022-04-01…2024-05-31"), e.description)
        }
        // The next revision (2024-06-01) is beyond what the 令和4 file knows: refused, not priced on old points.
        XCTAssertThrowsError(try set.record(.procedure, code: 111000110, on: date("20240601")))
        XCTAssertThrowsError(try set.record(.drug, code: 620000001, on: date("20240601"))) { error in
            XCTAssertTrue("\(error)".contains("no y file is loaded"), "\(error)")
        }
    }

    func testCommentKeyComesFromPatternAndSerialWhenTheCodeColumnIsEmpty() throws {
        let c = Fixture.line(.comment, [0: "0", 1: "C", 2: "8", 3: "20", 4: "100001", 6: "ア　結果のみを聞きに来院", 20: "20220401", 21: "99999999", 22: "820100001"])
        let u = Fixture.line(.comment, [0: "5", 1: "C", 2: "8", 3: "20", 4: "100001", 6: "ア　検査結果のみを聞きに来院", 20: "20240601"])
        let set = try Fixture.build([(.comment, "c_ALL20220401.csv", .full, c), (.comment, "c_20240329.csv", .update, u)])
        XCTAssertEqual(try set.record(.comment, code: 820100001, on: date("20240601"))?[6], "ア　検査結果のみを聞きに来院")
        XCTAssertEqual(try set.record(.comment, code: 820100001, on: date("20240531"))?[6], "ア　結果のみを聞きに来院")
    }

    func testDrugFileAcceptsBothTheFortyAndFortyTwoColumnLayouts() throws {
        let y40 = Fixture.line(.drug, [0: "0", 1: "Y", 2: "610406079", 4: "ガスター散２％", 10: "1", 11: "16.50", 29: "20240401", 30: "99999999"], columns: 40)
        let y42 = Fixture.line(.drug, [0: "5", 1: "Y", 2: "610406079", 11: "15.90", 29: "20241001", 41: "1"], columns: 42)
        let set = try Fixture.build([(.drug, "y_ALL20240321.csv", .full, y40), (.drug, "y_20240906.csv", .update, y42)])
        let r = try XCTUnwrap(set.record(.drug, code: 610406079, on: date("20241001")))
        XCTAssertEqual(r.table.hundredths(r.version, 11), 1590)
        XCTAssertEqual(r[41], "1")
        let old = try XCTUnwrap(set.record(.drug, code: 610406079, on: date("20240901")))
        XCTAssertEqual(old[41], "", "the 40-column row has no 選定療養区分")
    }
}

/// A malformed file fails the whole load, naming file, line, column and reason.
final class MasterLoadErrorTests: XCTestCase {
    func loadError(_ files: [(MasterKind, String, SourceRole, String)]) -> MasterLoadError? {
        do { _ = try Fixture.build(files); return nil } catch { return error as? MasterLoadError }
    }

    let good = Fixture.procedure("111000110", name: "初診料", points: "288.00")

    func testWrongColumnCount() throws {
        let bad = good + "\"0\",\"S\",\"112007410\"\r\n"
        let e = try XCTUnwrap(loadError([(.procedure, "s_ALL20220401.csv", .full, bad)]))
        XCTAssertEqual(e.file, "s_ALL20220401.csv"); XCTAssertEqual(e.line, 2)
        XCTAssertTrue(e.reason.contains("3 columns") && e.reason.contains("150"), e.reason)
    }

    func testDateThatIsNotADate() throws {
        let bad = good + Fixture.procedure("112007410", name: "再診料", points: "73.00", from: "20220231")
        let e = try XCTUnwrap(loadError([(.procedure, "s_ALL20220401.csv", .full, bad)]))
        XCTAssertEqual(e.line, 2); XCTAssertEqual(e.column, 87); XCTAssertEqual(e.field, "変更年月日")
        XCTAssertTrue(e.description.hasPrefix("s_ALL20220401.csv:2: column 87 (変更年月日)"), e.description)
    }

    func testNonNumericPoints() throws {
        let bad = Fixture.procedure("112007410", name: "再診料", points: "7３.00") + good
        let e = try XCTUnwrap(loadError([(.procedure, "s_ALL20220401.csv", .full, bad)]))
        XCTAssertEqual(e.line, 1); XCTAssertEqual(e.column, 12); XCTAssertEqual(e.field, "新又は現点数")
    }

    func testUndecodableBytes() throws {
        var bytes = Fixture.cp932(good + good)
        let secondLine = bytes.firstIndex(of: 10)! + 1
        let nameStart = secondLine + bytes[secondLine...].enumerated().filter { $0.element == UInt8(ascii: ",") }[3].offset + 2
        bytes[nameStart] = 0x85; bytes[nameStart + 1] = 0x40
        let result = Result { () throws(MasterLoadError) -> MasterSet in
            try MasterSetBuilder.build(files: [(.procedure, "s_ALL20220401.csv", .full, bytes)], calendar: Fixture.calendar)
        }
        guard case .failure(let e) = result else { return XCTFail("loaded a file with undecodable bytes") }
        do {
            XCTAssertEqual(e.line, 2); XCTAssertEqual(e.column, 5); XCTAssertEqual(e.field, "省略漢字名称")
            XCTAssertTrue(e.reason.contains("85 40"), e.reason)
        }
    }

    func testUpdateForAnUnknownCode() throws {
        let update = Fixture.procedureChange("199999999", [11: "1.00"])
        let e = try XCTUnwrap(loadError([(.procedure, "s_ALL20220401.csv", .full, good), (.procedure, "s_20220501.csv", .update, update)]))
        XCTAssertEqual(e.file, "s_20220501.csv"); XCTAssertEqual(e.line, 1); XCTAssertEqual(e.column, 3)
        XCTAssertTrue(e.reason.contains("199999999"), e.reason)
    }

    func testWrongMasterTypeAndChangeKind() throws {
        let wrongType = good.replacingOccurrences(of: "\"S\"", with: "\"Y\"")
        XCTAssertEqual(loadError([(.procedure, "s_ALL20220401.csv", .full, wrongType)])?.column, 2)
        let wrongKind = Fixture.procedure("111000110", name: "初診料", points: "288.00", kbn: "2")
        XCTAssertEqual(loadError([(.procedure, "s_ALL20220401.csv", .full, wrongKind)])?.column, 1, "復活 is not a 変更区分 of s")
    }

    func testUnterminatedQuote() throws {
        let e = try XCTUnwrap(loadError([(.procedure, "s_ALL20220401.csv", .full, good + "\"0\",\"S")]))
        XCTAssertEqual(e.line, 2)
        XCTAssertTrue(e.reason.contains("unterminated"), e.reason)
    }
}

/// Older revisions differ in small ways: the 2022 file writes コード表用番号 項番 (項番94) with 2 digits,
/// the 2024 file with 3. Both load, and the value is kept as published.
final class LayoutVariantTests: XCTestCase {
    func testTwoAndThreeDigitItemNumbersBothLoad() throws {
        let r2022 = Fixture.procedure("111000110", name: "初診料", points: "288.00", extra: [ProcedureColumn.itemNumber: "01"])
        let r2024 = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601", extra: [ProcedureColumn.itemNumber: "001"])
        let set = try Fixture.build([(.procedure, "s_ALL20220218.csv", .full, r2022), (.procedure, "s_ALL20240531.csv", .full, r2024)])
        XCTAssertEqual(try set.record(.procedure, code: 111000110, on: ServiceDate("20230101")!)?[ProcedureColumn.itemNumber], "01")
        XCTAssertEqual(try set.record(.procedure, code: 111000110, on: ServiceDate("20240601")!)?[ProcedureColumn.itemNumber], "001")
    }

    func testDiseaseRevivalAndEmptyListingDates() throws {
        // 傷病名: old entries have empty 収載年月日/変更年月日 (valid since always); 9 廃止 then 2 復活.
        let full = Fixture.line(.disease, [0: "0", 1: "B", 2: "8830052", 3: "8830052", 5: "高血圧症", 23: "99999999"])
        let abolish = Fixture.line(.disease, [0: "9", 1: "B", 2: "8830052", 22: "20240601", 23: "20240531"])
        let revive = Fixture.line(.disease, [0: "2", 1: "B", 2: "8830052", 22: "20250601", 23: "99999999"])
        let set = try Fixture.build([(.disease, "b_20240101.txt", .full, full), (.disease, "b_20240501.txt", .update, abolish),
                                     (.disease, "b_20250501.txt", .update, revive)])
        XCTAssertEqual(try set.record(.disease, code: 8830052, on: ServiceDate("20000101")!)?[5], "高血圧症")
        XCTAssertNil(try set.record(.disease, code: 8830052, on: ServiceDate("20240601")!))
        XCTAssertEqual(try set.record(.disease, code: 8830052, on: ServiceDate("20250601")!)?[5], "高血圧症", "復活 keeps the other columns")
    }
}
