import Foundation
import XCTest
@testable import Santei

/// `santei copay` end to end: the built executable on a JSONL file with good and bad lines.
final class CopayCLITests: XCTestCase {
    func santei(_ args: [String]) throws -> SanteiExecutable.Run { try SanteiExecutable.run(args) }

    func testCopaySettlesGoodLinesAndReportsBadOnesByLineNumber() throws {
        let input = """
        {"id": "a", "service_month": "2025-06", "patient": {"age_band": "under70", "income_class": "ア", "copay_rate_percent": 30, "inpatient": true}, "bills": [{"yen_total": 945760, "covered_by": ["insurance"]}]}
        {"id": "b", "service_month": "2025-06", "patient": {"age_band": "under70", "income_class": "カ", "copay_rate_percent": 30, "inpatient": true}, "bills": []}

        {"id": "c", "service_month": "2023-04", "patient": {"age_band": "70plus", "income_class": "一般Ⅱ", "copay_rate_percent": 20, "inpatient": false, "outpatient_transition_relief": true}, "public_programs": [{"law_number": "54", "monthly_cap_yen": 5000}], "bills": [{"yen_total": 35000, "covered_by": ["insurance", "54"]}, {"yen_total": 105000, "covered_by": ["insurance"]}]}
        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("santei-copay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inPath = dir.appendingPathComponent("cases.jsonl").path, outPath = dir.appendingPathComponent("out.jsonl").path
        try input.write(toFile: inPath, atomically: true, encoding: .utf8)

        let r = try santei(["copay", "--input", inPath])
        XCTAssertEqual(r.status, 1, r.err)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, r.out)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["id"] as? String, "a")
        XCTAssertEqual(first["patient_yen"] as? Int, 253638)
        XCTAssertEqual(((first["payers"] as? [String: Any])?["insurance"] as? [String: Any])?["remaining_yen"] as? Int, 253638)
        XCTAssertFalse((first["explanation"] as? [String] ?? []).isEmpty)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
        XCTAssertEqual(second["line"] as? Int, 2)
        XCTAssertTrue((second["error"] as? String ?? "").hasPrefix("patient.income_class"), lines[1])
        let third = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as! [String: Any]
        XCTAssertEqual(third["line"] as? Int, 4)
        XCTAssertEqual(third["patient_yen"] as? Int, 18000)
        let ko = ((third["receipt"] as? [String: Any])?["ko"] as? [[String: Any]])?.first
        XCTAssertEqual(ko?["law_number"] as? String, "54")
        XCTAssertEqual(ko?["burden_yen"] as? Int, 5000)
        XCTAssertTrue(r.err.contains("3 cases: 2 settled, 1 errors"), r.err)

        let w = try santei(["copay", "--input", inPath, "--output", outPath])
        XCTAssertEqual(w.status, 1)
        XCTAssertEqual(w.out, "")
        XCTAssertEqual(try String(contentsOfFile: outPath, encoding: .utf8), r.out)
    }

    func testCopayHelpAndUsageErrors() throws {
        let help = try santei(["--help"])
        XCTAssertTrue(help.out.contains("copay"), help.out)
        let sub = try santei(["copay", "--help"])
        XCTAssertEqual(sub.status, 0)
        XCTAssertTrue(sub.out.contains("--input CASES.jsonl"), sub.out)
        let missing = try santei(["copay"])
        XCTAssertEqual(missing.status, 2, missing.err)
    }

    func testTheWholeMHLWFileSettlesWithoutErrors() throws {
        let path = try Paths.requireShared("cases/copay/mhlw-examples.jsonl")
        let r = try santei(["copay", "--input", path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").count, 75)
    }
}
