import Foundation
import XCTest
@testable import Santei

/// The fixture 02包括テーブル (Fixtures/tensuhyo/ika-R06, written by make_cases.py in the official layout:
/// CP932, 7 quoted columns, CRLF) read by the 電子点数表 loader, and a bad line of it failing the load.
final class SpecifiedFeeInclusionTests: XCTestCase {
    static let fixturePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tensuhyo/ika-R06/02包括テーブル.csv").path

    func fixtureBytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixturePath))) }

    func testTheFixture02TableLoadsWithItsGroupsAndTheirSpecialConditions() throws {
        let set = try MasterSetBuilder.build(files: [(.inclusion, "ika-R06/02包括テーブル.csv", .full, try fixtureBytes())], calendar: Fixture.calendar)
        let t = try set.resolve(.inclusion, on: ServiceDate("20240604")!).table
        let group = t.versions(where: 1, is: KeyPacking.pack("A300001"))
        XCTAssertEqual(group.map { t.string($0, 2) }.sorted(), ["130003810", "140005610", "160000310", "160008010"])
        XCTAssertEqual(Set(group.map { t.string($0, 4) }), ["0"], "no 特例条件 in the fixture")
        let icu = t.versions(where: 1, is: KeyPacking.pack("A301001"))
        XCTAssertEqual(icu.count, 3)
        XCTAssertEqual(icu.filter { t.string($0, 4) == "1" }.map { t.string($0, 2) }, ["140005610"], "the one 特例条件 row")
        XCTAssertEqual(String(decoding: try fixtureBytes().suffix(2), as: UTF8.self), "\r\n", "CRLF, the last line too")
    }

    func testTheFixture02TableSurvivesASnapshotRoundTrip() throws {
        let set = try MasterSetBuilder.build(files: [(.inclusion, "ika-R06/02包括テーブル.csv", .full, try fixtureBytes())], calendar: Fixture.calendar)
        let path = NSTemporaryDirectory() + "santei-02-\(UUID().uuidString).snapshot"
        try set.writeSnapshot(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try MasterSet.load(snapshot: path)
        XCTAssertEqual(loaded.manifest.chains.map(\.kind), [.inclusion])
        let t = try loaded.resolve(.inclusion, on: ServiceDate("20240604")!).table
        XCTAssertEqual(t.versions(where: 2, is: 160008010).map { t.string($0, 1) }.sorted(), ["A300001", "A301001"])
    }

    func testABadLineOfThe02TableFailsTheWholeLoadNamingFileLineAndField() throws {
        // Line 8: an 8-digit 診療行為コード (項番3).
        let bad = try fixtureBytes() + Fixture.cp932(Fixture.line(.inclusion, [0: "0", 1: "A300001", 2: "16000801", 3: "末梢血液一般検査", 4: "0", 5: "20240601", 6: "99999999"]))
        let aux = Fixture.line(.auxiliary, [0: "0", 1: "190024510", 2: "救命救急入院料１（３日以内）", 3: "1", 4: "A300001", 19: "039", 20: "1", 25: "20100401", 26: "99999999"])
        XCTAssertThrowsError(try MasterSetBuilder.build(files: [(.auxiliary, "ika-R06/01補助マスターテーブル.csv", .full, Fixture.cp932(aux)),
                                                                (.inclusion, "ika-R06/02包括テーブル.csv", .full, bad)], calendar: Fixture.calendar)) { error in
            guard let e = error as? MasterLoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.file, "ika-R06/02包括テーブル.csv")
            XCTAssertEqual(e.line, 8)
            XCTAssertEqual(e.column, 3)
            XCTAssertEqual(e.field, "診療行為コード")
        }
        // A 7-digit 新設年月日 (項番6) names its own column.
        let badDate = Fixture.cp932(Fixture.line(.inclusion, [0: "0", 1: "A300001", 2: "160008010", 3: "末梢血液一般検査", 4: "0", 5: "2024060", 6: "99999999"]))
        XCTAssertThrowsError(try MasterSetBuilder.build(files: [(.inclusion, "02包括テーブル.csv", .full, badDate)], calendar: Fixture.calendar)) { error in
            guard let e = error as? MasterLoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.line, 1)
            XCTAssertEqual(e.column, 6); XCTAssertEqual(e.field, "新設年月日")
        }
    }
}
