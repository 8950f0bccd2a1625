import Foundation
import XCTest
@testable import Santei

/// Bad master CSV input (issue 9): a number past its `DomainLimit` fails the whole load with file,
/// line, column (項番 and name); an empty, missing or folder-replaced file is named as such; no CSV
/// bytes trap the loader.
final class MasterInputTests: XCTestCase {
    static let good = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601")
        + Fixture.procedure("112018390", name: "テスト", points: "50.00", from: "20240601")

    func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "santei-masters-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/full", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testASmallFileLoadsFromBytesAndFromAFolder() throws {
        let set = try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(Self.good), name: "s_ALL20240531.csv")
        let record = try XCTUnwrap(try set.record(.procedure, code: 111000110, on: ServiceDate("2024-06-03")!))
        XCTAssertEqual(record[ProcedureColumn.points], "291.00")

        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(Self.good)))
        let fromFolder = try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)
        XCTAssertEqual(fromFolder.chains(of: .procedure).count, 1)
    }

    func testAThirtyDigitPointsFailsTheLoadWithLineAndColumn() throws {
        // The damaged row of make-damaged-master-30digit-points.sh, built from a two-row fixture.
        let damaged = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601")
            + Fixture.procedure("112018390", name: "テスト", points: "123456789012345678901234567890.00", from: "20240601")
        let expected = MasterLoadError(file: "s_ALL20240531.csv", line: 2, column: 12, field: "新又は現点数",
                                       reason: "\"123456789012345678901234567890.00\" is over the limit (at most 999999999.99)")
        XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(damaged), name: "s_ALL20240531.csv")) {
            XCTAssertEqual($0 as? MasterLoadError, expected)
        }
        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(damaged)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertEqual($0 as? MasterLoadError, expected)
            XCTAssertEqual("\($0)", "s_ALL20240531.csv:2: column 12 (新又は現点数): \"123456789012345678901234567890.00\" is over the limit (at most 999999999.99)")
        }
        // Nine integer digits (leading zeros do not count) are within the limit.
        let wide = Fixture.procedure("111000110", name: "初診料", points: "000999999999.00", from: "20240601")
        XCTAssertNoThrow(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(wide), name: "s_ALL20240531.csv"))
    }

    /// Review 89 B2: an empty 新又は現点数 (or 点数識別) in a complete row loaded and priced the code at 0 points; it fails the
    /// load, named. (An update's 変更 row leaves it empty to keep the earlier version's value, as the official files do:
    /// every real-master test loads such rows.)
    func testAnEmptyPriceInACompleteRowFailsTheLoad() throws {
        for (column, name) in [(11, "新又は現点数"), (10, "点数識別")] {
            let damaged = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601", extra: [column: ""])
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(damaged), name: "s_ALL20240531.csv")) {
                let e = $0 as? MasterLoadError
                XCTAssertEqual(e?.line, 1); XCTAssertEqual(e?.column, column + 1); XCTAssertEqual(e?.field, name)
                XCTAssertTrue("\($0)".contains("empty in a complete row"), "\($0)")
            }
        }
    }

    /// Review 98: columns the pricing reads that loaded damaged and then priced silently wrong — an age limit, a 施設基準
    /// code, a 年齢加算 code — and a 背反区分 outside 1–3, an update named 99999999, an update row whose 廃止年月日 is
    /// before its 変更年月日 but not the day before (it cut the running version short): each fails the load, named.
    func testDamagedColumnsThatPricingReadsFailTheLoad() throws {
        let P = ProcedureColumn.self
        for (column, value) in [(P.minimumAge, String(repeating: "9", count: 30)), (P.maximumAge, "6"), (71, String(repeating: "9", count: 30)),
                                (P.ageAddOnFirst + 2, "12345678"), (P.ageAddOnFirst + 2, "1234567890"), (P.ageAddOnFirst + 1, "9999")] {
            let row = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601", extra: [column: value])
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(row), name: "s_ALL20240531.csv"), "column \(column + 1) \(value)") {
                XCTAssertEqual(($0 as? MasterLoadError)?.column, column + 1, "\($0)")
            }
        }
        let good = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601",
                                     extra: [P.minimumAge: "00", P.maximumAge: "B6", 71: "1234", P.ageAddOnFirst + 2: "0", P.ageAddOnFirst + 5: "111000370"])
        XCTAssertNoThrow(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(good), name: "s_ALL20240531.csv"))
        // Review 149 B1: a きざみ row (114002670: 150点, 下限 1000, きざみ値 1000, きざみ点数 150) with an emptied 下限値, 上限値,
        // きざみ値, きざみ点数 or 識別 loaded and priced 600, 150 or 225,150 for 2,500: a complete row states all of 項番30–35.
        let kizami: [Int: String] = [P.kizamiKind: "1", 30: "1000", 31: "99999999", P.kizamiStep: "1000", 33: "150.00", 34: "0"]
        let step = Fixture.procedure("114002670", name: "在宅酸素", points: "150.00", from: "20240601", extra: kizami)
        XCTAssertNoThrow(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(step), name: "s_ALL20240531.csv"))
        for column in 29...34 {
            var emptied = kizami; emptied[column] = ""
            let row = Fixture.procedure("114002670", name: "在宅酸素", points: "150.00", from: "20240601", extra: emptied)
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(row), name: "s_ALL20240531.csv"), "column \(column + 1) empty") {
                XCTAssertEqual(($0 as? MasterLoadError)?.column, column + 1, "\($0)")
                XCTAssertTrue("\($0)".contains("empty in a complete row"), "\($0)")
            }
        }

        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(Self.good)))
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/updates", withIntermediateDirectories: true)
        let change = Fixture.procedureChange("111000110", [11: "300.00", 86: "20250901", 87: "20250801"])
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20250901.csv", contents: Data(Fixture.cp932(change)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertTrue("\($0)".contains("not the day before"), "\($0)")
        }
        // The official 廃止 pattern (the day before) closes the version.
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20250901.csv",
                                       contents: Data(Fixture.cp932(Fixture.procedureChange("111000110", [86: "20250901", 87: "20250831"], kbn: "9"))))
        let closed = try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)
        XCTAssertNotNil(try closed.record(.procedure, code: 111000110, on: ServiceDate("2025-08-31")!))
        XCTAssertNil(try closed.record(.procedure, code: 111000110, on: ServiceDate("2025-09-01")!))
        try FileManager.default.removeItem(atPath: dir + "/kihon/s/updates/s_20250901.csv")
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_99999999.csv", contents: Data(Fixture.cp932(Fixture.procedureChange("111000110", [11: "300.00"]))))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertTrue("\($0)".contains("99999999 is not a date"), "\($0)")
        }
    }

    /// Review 122: columns that loaded damaged and then changed figures in silence — a 変更年月日 of 99999999 (the chain then
    /// covered every later date), a b 特定疾患等対象区分 or y 麻薬・向精神薬 outside its 区分 (the audit removed a B000, lost a
    /// 30-day limit), an empty 背反区分, a 05 算定回数 of 0 or a 算定単位コード 付表1 does not have (the limit went): each
    /// fails the load, naming the column; the official values load.
    func testDamaged区分ColumnsAndA99999999StartFailTheLoad() throws {
        func fails(_ kind: MasterKind, _ name: String, _ row: String, column: Int, _ file: UInt = #line) {
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: kind, bytes: Fixture.cp932(row), name: name), file: #filePath, line: file) {
                XCTAssertEqual(($0 as? MasterLoadError)?.column, column + 1, "\($0)", file: #filePath, line: file)
            }
        }
        func loads(_ kind: MasterKind, _ name: String, _ row: String, _ file: UInt = #line) {
            XCTAssertNoThrow(try MasterSetBuilder.loadSingle(kind: kind, bytes: Fixture.cp932(row), name: name), file: #filePath, line: file)
        }
        fails(.procedure, "s_ALL20240531.csv", Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "99999999"), column: 86)
        let drug: [Int: String] = [0: "0", 1: "Y", 2: "620000402", 4: "テスト", 10: "1", 11: "8.80", 29: "20240401", 30: "99999999"]
        for value in ["-5", "x", "4", "9"] { fails(.drug, "y_ALL20240321.csv", Fixture.line(.drug, drug.merging([13: value]) { $1 }), column: 13) }
        fails(.drug, "y_ALL20240321.csv", Fixture.line(.drug, drug.merging([29: "99999999"]) { $1 }), column: 29)
        for value in ["0", "5"] { loads(.drug, "y_ALL20240321.csv", Fixture.line(.drug, drug.merging([13: value]) { $1 })) }
        // Review 149 W3: 旧金額 (項番25) is checked as 新又は現金額 is: 30 digits, a sign, full-width digits, 1e3, 0x1F refused.
        for value in [String(repeating: "9", count: 30), "-75.00", "７５", "1e3", "0x1F", "75.555"] {
            fails(.drug, "y_ALL20240321.csv", Fixture.line(.drug, drug.merging([24: value]) { $1 }), column: 24)
        }
        loads(.drug, "y_ALL20240321.csv", Fixture.line(.drug, drug.merging([23: "1", 24: "75.00"]) { $1 }))
        let disease: [Int: String] = [0: "0", 1: "B", 2: "8848310", 5: "テスト", 21: "20020601", 22: "20240601", 23: "99999999"]
        for value in ["-5", "x5", "99", "01"] { fails(.disease, "b_20240601.txt", Fixture.line(.disease, disease.merging([20: value]) { $1 }), column: 20) }
        loads(.disease, "b_20240601.txt", Fixture.line(.disease, disease.merging([20: "05"]) { $1 }))
        let conflict: [Int: String] = [0: "0", 1: "111000110", 2: "初診料", 3: "113000110", 4: "テスト", 5: "1", 6: "0", 8: "20240601", 9: "99999999"]
        fails(.conflictMonth, "03-2背反テーブル2.csv", Fixture.line(.conflictMonth, conflict.merging([5: ""]) { $1 }), column: 5)
        loads(.conflictMonth, "03-2背反テーブル2.csv", Fixture.line(.conflictMonth, conflict))
        let count: [Int: String] = [0: "0", 1: "113001810", 2: "特定疾患療養管理料", 3: "131", 4: "月", 5: "2", 6: "0", 12: "20240601", 13: "99999999"]
        for (column, value) in [(5, ""), (5, "0"), (3, "999"), (3, "152"), (3, ""), (12, "99999999")] {
            fails(.countLimit, "05算定回数テーブル.csv", Fixture.line(.countLimit, count.merging([column: value]) { $1 }), column: column)
        }
        loads(.countLimit, "05算定回数テーブル.csv", Fixture.line(.countLimit, count))
        // s 区分 the pricing branches on (R06rec1 §3(7)): outside their 区分, each fails; a きざみ row needs a きざみ値 of 1 or
        // more and a 下限値 not above its 上限値 (review 118 B3).
        let P = ProcedureColumn.self
        for (column, value) in [(P.pointKind, "2"), (P.pointKind, "9"), (P.inpatientApplicability, "3"), (P.elderlyApplicability, "9"),
                                (P.kizamiKind, "2"), (P.kizamiErrorHandling, "4"), (P.maximumCountErrorHandling, "2"), (P.judgementClass, "3"),
                                (P.diminishingClass, "2"), (P.outpatientManagementClass, "3"), (P.generalAddOnBaseClass, "9"), (P.oldPointKind, "2"),
                                (P.facilityType, "X"), (P.facilityType, ""), (P.pointColumnOutpatient, "999"), (P.pointColumnOutpatient, "121"),
                                (P.pointColumnInpatient, "998"), (P.addOnSerial, "a"), (P.addOnSerial, ""), (P.addOnCode, "12010"), (P.noticeClass1, "2"),
                                (P.bedCountClass, "9"), (P.actualDays, "9"), (P.inpatientApplicability, ""), (P.outpatientManagementClass, ""), (P.judgementClass, "")] {
            fails(.procedure, "s_ALL20240531.csv", Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601", extra: [column: value]), column: column)
        }
        let kizami: [Int: String] = [P.kizamiKind: "1", P.kizamiLower: "1", P.kizamiUpper: "99999999", P.kizamiStep: "1", P.kizamiPoints: "10.00", P.kizamiErrorHandling: "0"]
        loads(.procedure, "s_ALL20240531.csv", Fixture.procedure("150000110", name: "テスト", points: "100.00", from: "20240601", extra: kizami))
        fails(.procedure, "s_ALL20240531.csv", Fixture.procedure("150000110", name: "テスト", points: "100.00", from: "20240601", extra: kizami.merging([P.kizamiStep: "0"]) { $1 }), column: P.kizamiStep)
        fails(.procedure, "s_ALL20240531.csv", Fixture.procedure("150000110", name: "テスト", points: "100.00", from: "20240601", extra: kizami.merging([P.kizamiLower: "100", P.kizamiUpper: "10"]) { $1 }), column: P.kizamiLower)
    }

    /// Review 110 B1: an incremental file with two rows for one code valid from the same day (999点 and 888点) loaded,
    /// the last row winning — now the load fails naming the file, line and code; one row per code still loads.
    func testAnUpdateStatingOneVersionTwiceFailsTheLoad() throws {
        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(Self.good)))
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/updates", withIntermediateDirectories: true)
        let one = Fixture.procedureChange("111000110", [11: "999.00", 86: "20240701"])
        let two = one + Fixture.procedureChange("111000110", [11: "888.00", 86: "20240701"])
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20240621.csv", contents: Data(Fixture.cp932(two)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            let e = $0 as? MasterLoadError
            XCTAssertEqual(e?.line, 2)
            XCTAssertTrue("\($0)".contains("s_20240621.csv") && "\($0)".contains("a second row for key 111000110 valid from 20240701 in one incremental file"), "\($0)")
        }
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20240621.csv", contents: Data(Fixture.cp932(one)))
        let loaded = try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)
        XCTAssertNotNil(try loaded.record(.procedure, code: 111000110, on: ServiceDate("2024-07-15")!))
    }

    /// Review 58: three folders that loaded and then answered wrong or nothing — now each fails the load, named.
    func testADuplicateRowAnEmptyFolderAndAnUpdateNamedWithNoDateFailTheLoad() throws {
        // 111000110 twice in the full file: the second row (999点) silently won.
        let twice = Self.good + Fixture.procedure("111000110", name: "初診料", points: "999.00", from: "20240601")
        XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(twice), name: "s_ALL20240531.csv")) {
            let e = $0 as? MasterLoadError
            XCTAssertEqual(e?.line, 3)
            XCTAssertTrue("\($0)".contains("a second row for key 111000110"), "\($0)")
        }
        // The same code with two validity periods in one full file is a history, not a duplicate.
        let history = Fixture.procedure("111000110", name: "初診料", points: "288.00", from: "20220401", to: "20240531")
            + Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601")
        XCTAssertNoThrow(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(history), name: "s_ALL20240531.csv"))
        // An empty folder: every claim would be "date not covered" while the service said it was ready.
        let empty = NSTemporaryDirectory() + "santei-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: empty) }
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: empty, calendar: Fixture.calendar)) {
            XCTAssertTrue("\($0)".contains("no master file in the folder"), "\($0)")
        }
        // An update whose name's date is no date was skipped, and the chain changed without it.
        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(Self.good)))
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/updates", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20241399.csv", contents: Data(Fixture.cp932(Self.good)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertTrue("\($0)".contains("s_20241399.csv") && "\($0)".contains("not a date"), "\($0)")
        }
    }

    /// Review 85: a second full file of one kind and date (a copy in another folder, with different rows) loaded whichever
    /// came last, and an update holding 変更区分 0 rows (a full file put among the updates) rewrote the chain from before its
    /// own date — both now fail the load, naming the file.
    func testADuplicateFullFileAndAnUpdateWithUnchangedRowsFailTheLoad() throws {
        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data(Fixture.cp932(Self.good)))
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/full/copy", withIntermediateDirectories: true)
        let other = Fixture.procedure("111000110", name: "初診料", points: "999.00", from: "20240601")
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/copy/s_ALL20240531.csv", contents: Data(Fixture.cp932(other)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertEqual("\($0)", "kihon/s/full/s_ALL20240531.csv: a second full 医科診療行為 file published 2024-05-31 (the other is kihon/s/full/copy/s_ALL20240531.csv); keep one")
        }
        try FileManager.default.removeItem(atPath: dir + "/kihon/s/full/copy")
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/updates", withIntermediateDirectories: true)
        let unchanged = Fixture.procedure("111000110", name: "初診料", points: "999.00", from: "20240601")
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20240701.csv", contents: Data(Fixture.cp932(unchanged)))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            let e = $0 as? MasterLoadError
            XCTAssertEqual(e?.file, "s_20240701.csv")
            XCTAssertEqual(e?.line, 1)
            XCTAssertEqual(e?.field, "変更区分")
        }
        // The same row as a change (変更区分 5) loads.
        FileManager.default.createFile(atPath: dir + "/kihon/s/updates/s_20240701.csv",
                                       contents: Data(Fixture.cp932(Fixture.procedure("111000110", name: "初診料", points: "999.00", from: "20240701", kbn: "5"))))
        XCTAssertNoThrow(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar))
    }

    func testEveryNumericColumnIsRangeChecked() throws {
        let cases: [(Int, String, Int)] = [
            (ProcedureColumn.maximumCount, "1234567890", 36),      // 上限回数: digits, 10 of them
            (ProcedureColumn.kizamiUpper, "99999999999999999999", 32),
            (ProcedureColumn.kizamiPoints, "10000000000.00", 34),
            (ProcedureColumn.oldPoints, "99999999999999999999.00", 58),
        ]
        for (column, value, number) in cases {
            let row = Fixture.procedure("111000110", name: "初診料", points: "291.00", from: "20240601", extra: [column: value])
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: Fixture.cp932(row), name: "s_ALL20240531.csv")) {
                let e = $0 as? MasterLoadError
                XCTAssertEqual(e?.line, 1)
                XCTAssertEqual(e?.column, number, "\($0)")
                XCTAssertTrue(e?.reason.contains("over the limit") == true, "\($0)")
            }
        }
        let drug = Fixture.line(.drug, [0: "0", 1: "Y", 2: "620000402", 4: "テスト", 10: "1", 11: "1000000000.00", 29: "20240401", 30: "99999999"])
        XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .drug, bytes: Fixture.cp932(drug), name: "y_ALL20240401.csv")) {
            XCTAssertEqual(($0 as? MasterLoadError)?.column, 12, "\($0)")
        }
    }

    func testAnEmptyFullFileIsNamedAsSuch() throws {
        XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: [], name: "s_ALL20240531.csv")) {
            XCTAssertEqual(($0 as? MasterLoadError)?.reason, "empty file (0 bytes)")
        }
        XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: [13, 10, 13, 10], name: "s_ALL20240531.csv")) {
            XCTAssertTrue(($0 as? MasterLoadError)?.reason.hasPrefix("empty file") == true, "\($0)")
        }
        let dir = try temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", contents: Data())
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertEqual("\($0)", "s_ALL20240531.csv: empty file (0 bytes)")
        }
    }

    func testAMissingFileBehindAMasterNameIsNamedAsSuch() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", withDestinationPath: dir + "/nowhere.csv")
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            let e = $0 as? MasterLoadError
            XCTAssertEqual(e?.file, "kihon/s/full/s_ALL20240531.csv")
            XCTAssertTrue(e?.reason.hasPrefix("missing") == true, "\($0)")
        }
        XCTAssertThrowsError(try LoadedFile.read(path: dir + "/gone.csv", name: "s_ALL20240531.csv", kind: .procedure, role: .full, published: nil)) {
            XCTAssertTrue(($0 as? MasterLoadError)?.reason.hasPrefix("missing") == true, "\($0)")
        }
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir + "/no-such-folder", calendar: Fixture.calendar)) {
            XCTAssertEqual(($0 as? MasterLoadError)?.reason, "no such folder")
        }
    }

    func testAMasterFileReplacedByAFolderIsAnError() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/full/s_ALL20240531.csv", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/kihon/s/full/s_ALL20240531.csv/inside.txt", contents: Data("x".utf8))
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: dir, calendar: Fixture.calendar)) {
            XCTAssertEqual("\($0)", "kihon/s/full/s_ALL20240531.csv: is a folder, not a master file")
        }
        let tensuhyo = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: tensuhyo + "/tensuhyo/R06/01補助マスターテーブル.csv", withIntermediateDirectories: true)
        XCTAssertThrowsError(try MasterSetBuilder.build(directory: tensuhyo, calendar: Fixture.calendar)) {
            XCTAssertTrue(($0 as? MasterLoadError)?.reason == "is a folder, not a master file", "\($0)")
        }
        XCTAssertThrowsError(try LoadedFile.read(path: dir + "/kihon", name: "s_ALL20240531.csv", kind: .procedure, role: .full, published: nil)) {
            XCTAssertTrue(($0 as? MasterLoadError)?.reason.hasPrefix("is a folder") == true, "\($0)")
        }
    }

    /// Hostile bytes: every one is an error (none is a 150-column 医科診療行為 row), none traps.
    func testNoCSVBytesTrapTheLoader() throws {
        let row = Array(Fixture.cp932(Self.good))
        var inputs: [[UInt8]] = [
            Array("\"unterminated".utf8), Array("\"a\"b,".utf8), Array("a\"b".utf8), [0, 0, 0, 13, 10, 0],
            [13], [13, 13, 13], [10], Array(repeating: UInt8(ascii: ","), count: 10_000), [0x81], [0x81, 0x20], [0xFF, 0xFE],
            Array(repeating: UInt8(ascii: "9"), count: 1 << 20), Array("\"\"\"\"".utf8), [0x1A],
            Array(row.prefix(row.count / 2 + 5)), row.map { $0 == 10 ? 13 : $0 }, Array(row.dropLast(3)) + [0x82],
        ]
        // The good file with one byte changed at many places.
        for i in stride(from: 0, to: row.count, by: 97) {
            for b: UInt8 in [0, UInt8(ascii: "\""), UInt8(ascii: ","), 13, 0x81, UInt8(ascii: "9")] {
                var bytes = row
                bytes[i] = b
                inputs.append(bytes)
            }
        }
        var errors = 0
        for bytes in inputs {
            for kind in [MasterKind.procedure, .drug, .comment, .conflictDay, .auxiliary] {
                do { _ = try MasterSetBuilder.loadSingle(kind: kind, bytes: bytes, name: "x.csv") } catch { errors += 1 }
            }
        }
        XCTAssertGreaterThan(errors, inputs.count * 4, "most hostile inputs are refused")
        for (k, bytes) in inputs.prefix(17).enumerated() {
            XCTAssertThrowsError(try MasterSetBuilder.loadSingle(kind: .procedure, bytes: bytes, name: "x.csv"), "input \(k)")
        }
    }
}
