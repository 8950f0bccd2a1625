import XCTest
@testable import Santei

/// 02包括 and 03-1背反 are not in ../shared: fixtures in their official layouts (tensuhyo_01 §5(2)-(3)),
/// with the rows the 活用手引き itself shows, on top of the real s_ALL20240531 and 01補助マスターテーブル.
final class AuditFixtureTablesTests: XCTestCase {
    typealias O = AuditFixture.O

    /// tensuhyo_01 §3(2) (p.16): group D324001 (01: 160171310 血管内視鏡検査, 包括単位① 03 同時) includes
    /// 160027710 血液ガス分析, 160067410 心拍出量測定 …; 160073510 呼吸心拍監視 is given a 特例条件 here.
    static let inclusion =
        Fixture.line(.inclusion, [0: "0", 1: "D324001", 2: "160027710", 3: "血液ガス分析", 4: "0", 5: "20240601", 6: "99999999"])
        + Fixture.line(.inclusion, [0: "0", 1: "D324001", 2: "160067410", 3: "心拍出量測定", 4: "0", 5: "20240601", 6: "99999999"])
        + Fixture.line(.inclusion, [0: "0", 1: "D324001", 2: "160073510", 3: "呼吸心拍監視", 4: "1", 5: "20240601", 6: "99999999"])

    /// 03-1 (1日につき): 外来管理加算 / 創傷処置（１００ｃｍ２未満） 背反区分 2 both ways as the table stores them,
    /// and 初診料 / 再診料 背反区分 3.
    static let conflictDay =
        Fixture.line(.conflictDay, [0: "0", 1: "112011010", 2: "外来管理加算", 3: "140000610", 4: "創傷処置（１００ｃｍ２未満）", 5: "2", 6: "0", 7: "0", 8: "20240601", 9: "99999999"])
        + Fixture.line(.conflictDay, [0: "0", 1: "140000610", 2: "創傷処置（１００ｃｍ２未満）", 3: "112011010", 4: "外来管理加算", 5: "1", 6: "0", 7: "0", 8: "20240601", 9: "99999999"])
        + Fixture.line(.conflictDay, [0: "0", 1: "111000110", 2: "初診料", 3: "112007410", 4: "再診料", 5: "3", 6: "0", 7: "0", 8: "20240601", 9: "99999999"])
        + Fixture.line(.conflictDay, [0: "0", 1: "112007410", 2: "再診料", 3: "111000110", 4: "初診料", 5: "3", 6: "0", 7: "0", 8: "20240601", 9: "99999999"])
        // A row stored one way only (a made-up pair, for the mechanism): ① 160061810 血液学的検査判断料 stands.
        + Fixture.line(.conflictDay, [0: "0", 1: "160061810", 2: "血液学的検査判断料", 3: "160008010", 4: "末梢血液一般検査", 5: "1", 6: "0", 7: "0", 8: "20240601", 9: "99999999"])

    nonisolated(unsafe) static var cached: MasterSet?

    func auditor() throws -> Auditor {
        if let set = Self.cached { return Auditor(masters: set) }
        let dir = try Paths.requireShared()
        func real(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))) }
        let set = try MasterSetBuilder.build(files: [
            (.procedure, "s_ALL20240531.csv", .full, try real("kihon/s/full/s_ALL20240531.csv")),
            (.auxiliary, "01補助マスターテーブル.csv", .full, try real("tensuhyo/ika-R06/01補助マスターテーブル.csv")),
            (.inclusion, "02包括テーブル.csv", .full, Fixture.cp932(Self.inclusion)),
            (.conflictDay, "03-1背反テーブル1.csv", .full, Fixture.cp932(Self.conflictDay)),
        ], calendar: Paths.calendar())
        Self.cached = set
        return Auditor(masters: set)
    }

    func testIncludedTestIsRemovedOnlyWithinTheInclusionUnit() throws {
        let a = try auditor()
        let same = try a.audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 60, codes: ["160171310"]), O(category: 60, codes: ["160027710", "160067410"])])]), mode: .apply)
        let f = AuditFixture.findings(same, .included)
        XCTAssertEqual(f.map(\.codes), [["160027710", "160171310"], ["160067410", "160171310"]])
        XCTAssertTrue(f.allSatisfy(\.applied))
        XCTAssertEqual(same.corrected.map(AuditFixture.codes), [["160171310"]])
        // 包括単位 03 (同時): on another day the two are billed apart.
        let apart = try a.audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 60, codes: ["160171310"])]), ("2024-06-04", [O(category: 60, codes: ["160027710"])])]))
        XCTAssertTrue(AuditFixture.findings(apart, .included).isEmpty)
    }

    func testInclusionRowWithASpecialConditionIsAWarningOnly() throws {
        let r = try auditor().audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 60, codes: ["160171310", "160073510"])])]), mode: .apply)
        XCTAssertEqual(AuditFixture.findings(r, .includedSpecial).map(\.codes), [["160073510", "160171310"]])
        XCTAssertTrue(AuditFixture.findings(r, .included).isEmpty)
        XCTAssertNil(r.corrected)
    }

    func testSameDayConflictKeepsCodeTwoOfTheRow() throws {
        let r = try auditor().audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 12, codes: ["112007410", "112011010"]), O(category: 40, codes: ["140000610"])]),
                                                                   ("2024-06-04", [O(category: 12, codes: ["112007410", "112011010"])])]), mode: .apply)
        XCTAssertEqual(AuditFixture.findings(r, .conflictDay).map { [$0.encounter, $0.item] }, [[0, 1]])
        XCTAssertTrue(AuditFixture.findings(r, .outpatientManagementWithProcedure).isEmpty, "already removed by 03-1")
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["112007410", "140000610"], ["112007410", "112011010"]])
    }

    func testARowStoredOneWayIsFoundFromEitherCode() throws {
        let r = try auditor().audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 60, codes: ["160008010"]), O(category: 60, codes: ["160061810"])])]), mode: .apply)
        XCTAssertEqual(AuditFixture.findings(r, .conflictDay).map(\.codes), [["160008010", "160061810"]])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["160061810"]])
    }

    func testEitherOneConflictKeepsTheCodeWithMorePoints() throws {
        // 初診料 291点, 再診料 75点 (s_ALL20240531).
        let r = try auditor().audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 11, codes: ["111000110"])])]), mode: .apply)
        XCTAssertEqual(AuditFixture.findings(r, .conflictDay).map(\.codes), [["112007410", "111000110"]])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["111000110"]])
    }
}
