import Foundation
import XCTest
@testable import Santei

/// 別紙7-8 施設基準コード as dated data (issue 12 item 5): `Masters/params/codelists/facility-standards.json`,
/// loaded with the masters and carried by the snapshot.
final class FacilityStandardListTests: XCTestCase {
    let defaultList = FacilityStandardList.builtIn

    func listText(_ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        let dir = try XCTUnwrap(MasterLocator.defaultDirectory())
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + FacilityStandardList.fileName))
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&json)
        return [UInt8](try JSONSerialization.data(withJSONObject: json))
    }

    func testTheFileIsTheBuiltInList() throws {
        let dir = try XCTUnwrap(MasterLocator.defaultDirectory())
        XCTAssertEqual(try FacilityStandardList.load(path: dir + "/" + FacilityStandardList.fileName), defaultList)
        XCTAssertFalse(defaultList.source.isEmpty)
        XCTAssertEqual(defaultList.name(236), "画像診断管理加算１")
    }

    /// A later edition's code is an entry with its `from`: named from that day on, not before, with no
    /// code change; an ended code has its `to`.
    func testEntriesAreDated() throws {
        let bytes = try listText { json in
            var codes = json["codes"] as! [[String: Any]]
            codes.append(["code": 9001, "name": "令和8年度改定で新設された施設基準（試験用）", "table": "medical", "page": 1, "from": "2026-06-01"])
            var first = codes[0]
            first["to"] = "2026-05-31"
            codes[0] = first
            codes.append(["code": first["code"]!, "name": "（改称）" + (first["name"] as! String), "table": "medical", "from": "2026-06-01"])
            json["codes"] = codes
        }
        let list = try FacilityStandardList.parse(bytes, file: "edited.json")
        XCTAssertNil(list.name(9001, on: ServiceDate("20260531")))
        XCTAssertEqual(list.name(9001, on: ServiceDate("20260601")), "令和8年度改定で新設された施設基準（試験用）")
        let first = defaultList.codes[0].code
        XCTAssertEqual(list.name(first, on: ServiceDate("20260531")), defaultList.codes[0].name)
        XCTAssertEqual(list.name(first, on: ServiceDate("20260601")), "（改称）" + defaultList.codes[0].name)
    }

    /// A masters folder with its own list: the set loaded from it (and its snapshot) names the new code.
    func testAFoldersOwnListIsLoadedAndCompiledIntoTheSnapshot() throws {
        let source = try XCTUnwrap(MasterLocator.defaultDirectory())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("santei-fs-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = try listText { json in
            json["codes"] = (json["codes"] as! [[String: Any]]) + [["code": 9002, "name": "試験用の施設基準", "table": "medical", "from": "2026-06-01"]]
        }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + FacilityStandardList.fileName))
        let set = try MasterSetBuilder.build(directory: dir, calendar: try MasterLocator.calendar(for: dir))
        XCTAssertEqual(set.facilityStandards.name(9002, on: ServiceDate("20260601")), "試験用の施設基準")
        let image = set.withImage { Array($0) }
        let reloaded = try MasterSet(image: image)
        XCTAssertEqual(reloaded.facilityStandards, set.facilityStandards)
        XCTAssertNil(FacilityStandard(rawValue: 9002).meaning, "the built-in list does not have it: only the loaded set does")
    }

    func testABadListFailsTheLoadNamingTheFileAndPath() throws {
        func error(_ edit: (inout [String: Any]) -> Void) throws -> MasterLoadError? {
            let bytes = try listText(edit)
            do throws(MasterLoadError) { _ = try FacilityStandardList.parse(bytes, file: "bad.json"); return nil } catch { return error }
        }
        let duplicate = try error { json in
            var codes = json["codes"] as! [[String: Any]]
            codes.append(codes[5])
            json["codes"] = codes
        }
        XCTAssertEqual(duplicate?.file, "bad.json")
        XCTAssertEqual(duplicate?.field, "codes[\(defaultList.codes.count)]")
        XCTAssertTrue(duplicate?.reason.contains("two entries in force on the same day") == true, "\(String(describing: duplicate))")
        let badDate = try error { json in
            var codes = json["codes"] as! [[String: Any]]
            codes[2]["from"] = "2026-02-30"
            json["codes"] = codes
        }
        XCTAssertEqual(badDate?.field, "codes[2].from")
        let unknownSource = try error { json in
            var aggregations = json["aggregations"] as! [[String: Any]]
            aggregations[1]["sources"] = [3564, 4]
            json["aggregations"] = aggregations
        }
        XCTAssertEqual(unknownSource?.field, "aggregations[1].sources[1]")
        let missingName = try error { json in
            var codes = json["codes"] as! [[String: Any]]
            codes[0].removeValue(forKey: "name")
            json["codes"] = codes
        }
        XCTAssertTrue(missingName?.reason.contains("codes[0].name") == true, "\(String(describing: missingName))")
        let duplicateKey = try? FacilityStandardList.parse(Array(#"{"codes": [], "codes": []}"#.utf8), file: "dup.json")
        XCTAssertNil(duplicateKey)
    }

    /// SA-C006 names the 施設基準 from the set's own list: a renamed entry in a folder's list shows.
    func testTheAuditNamesTheStandardFromTheSetsList() throws {
        let source = try XCTUnwrap(MasterLocator.defaultDirectory())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("santei-fs-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = try listText { json in
            json["codes"] = (json["codes"] as! [[String: Any]]).map { e in
                var e = e
                if e["code"] as? Int == 3522 { e["name"] = "機能強化加算（試験用の名称）" }
                return e
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + FacilityStandardList.fileName))
        let set = try MasterSetBuilder.build(directory: dir, calendar: try MasterLocator.calendar(for: dir))
        // 111013770 機能強化加算（初診） needs 施設基準 3522.
        let claim = AuditFixture.claim(standards: [], [("2024-06-03", [AuditFixture.O(category: 11, codes: ["111000110", "111013770"])])])
        let result = try Auditor(masters: set).audit(claim, mode: .advise)
        let finding = try XCTUnwrap(AuditFixture.findings(result, .facilityStandard).first)
        XCTAssertTrue(finding.message.contains("3522 機能強化加算（試験用の名称）"), finding.message)
    }
}
