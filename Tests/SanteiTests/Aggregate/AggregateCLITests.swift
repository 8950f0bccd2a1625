import Foundation
import XCTest
@testable import Santei

/// `santei aggregate` end to end: the files it writes, the manifest's SHA-256 against the system's
/// sha256sum, refusal of --no-suppress without the confirmation, bad records.
final class AggregateCLITests: XCTestCase {
    func santei(_ args: [String]) throws -> SanteiExecutable.Run { try SanteiExecutable.run(args) }

    func folder() -> String {
        let dir = NSTemporaryDirectory() + "santei-aggregate-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testTheSampleGivesTheTablesAManifestWithItsSHA256AndAPage() throws {
        let sample = try Paths.requireShared(AggregateDataTests.sample)
        let masters = try Paths.requireShared()
        let out = folder()
        let r = try santei(["aggregate", "--input", sample, "--masters", masters, "--output", out, "--by", "code,day,age_band,sex", "--min-cell", "3",
                           "--i-understand-not-safe-to-publish"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("25 receipts from 1 files"), r.err)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(files, ["devices.csv", "diseases.csv", "drugs.csv", "manifest.json", "procedures.csv", "summary.html"])
        let procedures = try String(contentsOfFile: out + "/procedures.csv", encoding: .utf8)
        XCTAssertTrue(procedures.hasPrefix("level,code,name,day,age_band,sex,receipts,patients,times,points,stated_points,unpriced_units,suppressed\n"))

        // The input's SHA-256 as the system computes it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [sample]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { throw XCTSkip("no /usr/bin/sha256sum") }
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        p.waitUntilExit()
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        let inputs = try XCTUnwrap(manifest["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.first?["sha256"] as? String, String(expected))
        XCTAssertEqual(inputs.first?["receipts"] as? Int, 25)
        XCTAssertEqual(manifest["grouping"] as? [String], ["code", "day", "age_band", "sex"])
        let suppression = try XCTUnwrap(manifest["suppression"] as? [String: Any])
        XCTAssertEqual(suppression["min_cell"] as? Int, 3)
        XCTAssertEqual(suppression["safe_to_publish"] as? Bool, false, "3 is under the NDB's 10")
        XCTAssertEqual(suppression["measure"] as? String, "patients")
        let tables = try XCTUnwrap(manifest["tables"] as? [[String: Any]])
        // Row counts: the CSV lines after the header.
        for t in tables {
            let name = try XCTUnwrap(t["file"] as? String)
            let lines = try String(contentsOfFile: out + "/" + name, encoding: .utf8).split(separator: "\n").count - 1
            XCTAssertEqual(t["rows"] as? Int, lines, name)
        }
        let masterNames = (manifest["masters"] as? [[String: Any]] ?? []).compactMap { $0["chain"] as? String }
        XCTAssertTrue(masterNames.contains("s_ALL20220218.csv"), "\(masterNames)")
        let html = try String(contentsOfFile: out + "/summary.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.contains("<script"), "self-contained, no script")
    }

    /// Review 98 BUG-6: a run that fails part way leaves no manifest.json (the earlier run's is removed first and
    /// the new one written last), so the folder never claims a mix of two runs is one.
    func testARunThatFailsPartWayLeavesNoManifest() throws {
        let sample = try Paths.requireShared(AggregateDataTests.sample)
        let masters = try Paths.requireShared()
        let out = folder()
        let args = ["aggregate", "--input", sample, "--masters", masters, "--output", out, "--min-cell", "3", "--i-understand-not-safe-to-publish"]
        let first = try santei(args)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/manifest.json"))
        // summary.html becomes a folder with a file in it: the new run cannot replace it.
        try FileManager.default.removeItem(atPath: out + "/summary.html")
        try FileManager.default.createDirectory(atPath: out + "/summary.html/keep", withIntermediateDirectories: true)
        let second = try santei(args)
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.err.contains("no manifest.json"), second.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/manifest.json"), "the earlier run's manifest does not describe the mixed folder")
        try FileManager.default.removeItem(atPath: out + "/summary.html")
        let third = try santei(args)
        XCTAssertEqual(third.status, 0, third.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/manifest.json"), "a whole run writes it again")
    }

    func testNoSuppressNeedsItsConfirmationAndWarns() throws {
        let out = folder()
        let claims = Paths.packageRoot + "/docs/examples/claims.jsonl"
        let refused = try santei(["aggregate", "--input", claims, "--output", out, "--no-suppress"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.err.contains("--i-understand-not-safe-to-publish"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/procedures.csv"))
        let done = try santei(["aggregate", "--input", claims, "--output", out, "--no-suppress", "--i-understand-not-safe-to-publish"])
        XCTAssertEqual(done.status, 0, done.err)
        XCTAssertTrue(done.err.contains("NOT safe to publish"), done.err)
        let procedures = try String(contentsOfFile: out + "/procedures.csv", encoding: .utf8)
        XCTAssertFalse(procedures.contains(",1\n"), "nothing suppressed")
    }

    /// Review 417 JE-1: a threshold under 10 publishes small cells, so it needs the confirmation --no-suppress needs,
    /// warns, and the manifest and page say the tables are not safe to publish; 10 and more need nothing.
    func testAMinCellUnderTenNeedsTheConfirmation() throws {
        let out = folder()
        let claims = Paths.packageRoot + "/docs/examples/claims.jsonl"
        let refused = try santei(["aggregate", "--input", claims, "--output", out, "--min-cell", "1"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.err.contains("--i-understand-not-safe-to-publish"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "refused before the folder is made")
        let done = try santei(["aggregate", "--input", claims, "--output", out, "--min-cell", "1", "--i-understand-not-safe-to-publish"])
        XCTAssertEqual(done.status, 0, done.err)
        XCTAssertTrue(done.err.contains("NOT safe to publish"), done.err)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        XCTAssertEqual((manifest["suppression"] as? [String: Any])?["safe_to_publish"] as? Bool, false)
        // Review 422 JK-5: the rule does not claim the NDB's 10 for a threshold of 1.
        let rule = try XCTUnwrap((manifest["suppression"] as? [String: Any])?["rule"] as? String)
        XCTAssertTrue(rule.contains("fewer than 1 ") && rule.contains("not safe to publish") && !rule.contains("(NDB オープンデータ: 10 未満は秘匿)"), rule)
        XCTAssertTrue(try String(contentsOfFile: out + "/summary.html", encoding: .utf8).contains("not safe to publish"))
        let ten = try santei(["aggregate", "--input", claims, "--output", out, "--min-cell", "10"])
        XCTAssertEqual(ten.status, 0, ten.err)
        XCTAssertFalse(ten.err.contains("NOT safe"), ten.err)
        let m10 = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        XCTAssertEqual((m10["suppression"] as? [String: Any])?["safe_to_publish"] as? Bool, true)
    }

    /// Review 417 JE-5, JE-6: arguments are checked before the output folder is made, and one file given twice
    /// (by another path too) is refused rather than counted twice.
    func testBadArgumentsLeaveNoFolderAndAFileTwiceIsRefused() throws {
        let claims = Paths.packageRoot + "/docs/examples/claims.jsonl"
        let out1 = folder()
        XCTAssertEqual(try santei(["aggregate", "--input", claims, "--output", out1, "--chunk-mb", "abc"]).status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out1))
        let missing = try santei(["aggregate", "--input", out1 + "-none.jsonl", "--output", out1])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("-none.jsonl"), missing.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out1))
        let twice = try santei(["aggregate", "--input", claims, "--input", Paths.packageRoot + "/docs/../docs/examples/claims.jsonl", "--output", out1])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.err.contains("counted twice"), twice.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out1))
    }

    func testUsageErrorsAndABadLine() throws {
        let out = folder()
        XCTAssertEqual(try santei(["aggregate", "--output", out]).status, 2, "no input")
        XCTAssertEqual(try santei(["aggregate", "--input", "x.jsonl"]).status, 2, "no output")
        let claims = Paths.packageRoot + "/docs/examples/claims.jsonl"
        let byAge = try santei(["aggregate", "--input", claims, "--output", out, "--by", "code,age"])
        XCTAssertEqual(byAge.status, 2)
        XCTAssertTrue(byAge.err.contains("\"age\" is not one of"), byAge.err)
        XCTAssertEqual(try santei(["aggregate", "--input", claims, "--output", out, "--min-cell", "0"]).status, 2)
        // A line that is not a claim: one error naming the file and line, the other claims counted, exit 1.
        let bad = NSTemporaryDirectory() + "santei-aggregate-\(UUID().uuidString).jsonl"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: bad) }
        var text = try String(contentsOfFile: claims, encoding: .utf8)
        let good = text.split(separator: "\n").count
        text += "{\"id\": \"broken\"\n"
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try santei(["aggregate", "--input", bad, "--output", out])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains((bad as NSString).lastPathComponent + ":\(good + 1):"), r.err)
        XCTAssertTrue(r.err.contains("\(good) receipts from 1 files"), r.err)
    }
}
