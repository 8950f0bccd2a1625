import XCTest
@testable import Santei

/// The 02包括 and 03-1背反 tables are not in ../shared: these fixtures follow their official
/// layouts (tensuhyo_01.pdf §5; LAYOUTS.md) — 02: 7 columns, 03-x: 10 columns.
final class TensuhyoTableTests: XCTestCase {
    let inclusion =
        Fixture.line(.inclusion, [0: "0", 1: "A000001", 2: "160000310", 3: "尿中一般物質定性半定量検査", 4: "0", 5: "20220401", 6: "99999999"])
        + Fixture.line(.inclusion, [0: "0", 1: "A000001", 2: "160008010", 3: "末梢血液一般検査", 4: "1", 5: "20220401", 6: "20240531"])
        + Fixture.line(.inclusion, [0: "0", 1: "B000002", 2: "160000310", 3: "尿中一般物質定性半定量検査", 4: "0", 5: "20240601", 6: "99999999"])
    let conflictDay =
        Fixture.line(.conflictDay, [0: "0", 1: "112011010", 2: "外来管理加算", 3: "140000610", 4: "創傷処置（１００平方センチメートル未満）", 5: "2", 6: "0", 7: "0", 8: "20220401", 9: "99999999"])
        + Fixture.line(.conflictDay, [0: "0", 1: "111000110", 2: "初診料", 3: "112007410", 4: "再診料", 5: "3", 6: "1", 7: "0", 8: "20220401", 9: "99999999"])

    func testInclusionGroupsAndIncludedCodesAreLookedUpBothWays() throws {
        let set = try Fixture.build([(.inclusion, "02包括テーブル.csv", .full, inclusion)])
        let chain = try set.resolve(.inclusion, on: ServiceDate("20240601")!)
        let t = chain.table
        let group = t.versions(where: 1, is: KeyPacking.pack("A000001"))
        XCTAssertEqual(group.map { t.string($0, 2) }.sorted(), ["160000310", "160008010"])
        XCTAssertEqual(group.filter { t.isValid($0, on: ServiceDate("20240601")!) }.map { t.string($0, 2) }, ["160000310"],
                       "a row past its 廃止年月日 no longer applies")
        let byCode = t.versions(where: 2, is: 160000310)
        XCTAssertEqual(Set(byCode.map { t.string($0, 1) }), ["A000001", "B000002"])
        XCTAssertEqual(t.string(group.first { t.string($0, 2) == "160008010" }!, 4), "1", "特例条件")
    }

    func testConflictPairsAreFoundFromEitherCode() throws {
        let set = try Fixture.build([(.conflictDay, "03-1背反テーブル1.csv", .full, conflictDay)])
        let t = try set.resolve(.conflictDay, on: ServiceDate("20230101")!).table
        let left = t.versions(where: 1, is: 112011010)
        XCTAssertEqual(left.map { t.string($0, 3) }, ["140000610"])
        XCTAssertEqual(t.string(left[0], 5), "2", "背反区分 2: code ② is the one that may be billed")
        let right = t.versions(where: 3, is: 112007410)
        XCTAssertEqual(right.map { t.string($0, 1) }, ["111000110"])
        XCTAssertTrue(t.versions(where: 1, is: 999999999).isEmpty)
    }

    func testTableFileNamesOfBothRevisionsAreRecognised() {
        XCTAssertEqual(MasterSetBuilder.tensuhyoKind("02包括テーブル.csv"), .inclusion)
        XCTAssertEqual(MasterSetBuilder.tensuhyoKind("03-1背反テーブル1.csv"), .conflictDay)
        XCTAssertEqual(MasterSetBuilder.tensuhyoKind("01 補助マスターテーブル.csv"), .auxiliary)
        XCTAssertEqual(MasterSetBuilder.tensuhyoKind("05 算定回数テーブル.csv"), .countLimit)
        XCTAssertNil(MasterSetBuilder.tensuhyoKind("README.md"))
        XCTAssertEqual(MasterSetBuilder.kihonFile("ck_ALL_20250901.csv")?.0, .commentRelation)
        XCTAssertEqual(MasterSetBuilder.kihonFile("s_20240621.csv")?.1, false)
        XCTAssertEqual(MasterSetBuilder.kihonFile("s_ALL20240531.csv")?.2, ServiceDate("20240531"))
    }

    func testBadConflictRowNamesItsColumn() {
        let bad = Fixture.line(.conflictDay, [0: "0", 1: "11201101", 3: "140000610", 5: "2", 6: "0", 7: "0", 8: "20220401", 9: "99999999"])
        XCTAssertThrowsError(try Fixture.build([(.conflictDay, "03-1背反テーブル1.csv", .full, bad)])) { error in
            let e = error as! MasterLoadError
            XCTAssertEqual(e.column, 2); XCTAssertEqual(e.field, "診療行為コード①")
            XCTAssertTrue(e.reason.contains("9-digit"), e.reason)
        }
    }
}

final class MasterKindTests: XCTestCase {
    func testOrdinalIsThePositionInAllCases() {
        XCTAssertEqual(MasterKind.allCases.map(\.ordinal), Array(0..<MasterKind.allCases.count))
    }

    func testEveryLayoutNamesEveryColumn() {
        for kind in MasterKind.allCases {
            XCTAssertEqual(kind.layout.columnNames.count, kind.layout.columnCount, "\(kind)")
        }
    }
}
