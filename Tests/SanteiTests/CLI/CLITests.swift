import Foundation
import XCTest
@testable import Santei

/// Runs the built `santei` executable (next to the test bundle) and checks exit code and output.
final class CLITests: XCTestCase {
    func santei(_ args: String...) throws -> SanteiExecutable.Run { try SanteiExecutable.run(args) }

    /// Review 417 JE-4, JE-9, JE-10: an option followed by another option, an empty --history name and a --max-body of 0 or a
    /// --workers of 1.5 are usage errors (exit 2) naming the option — not "unexpected argument full", no history, a service
    /// that refuses every request.
    func testOptionsWithoutAUsableValueAreUsageErrors() throws {
        let noValue = try santei("price", "--input", "x.jsonl", "--audit", "--explain", "full")
        XCTAssertEqual(noValue.status, 2)
        XCTAssertTrue(noValue.err.contains("--audit needs a value"), noValue.err)
        for history in ["", ",", "a.jsonl,,b.jsonl"] {
            let r = try santei("audit", "--input", "x.jsonl", "--history", history)
            XCTAssertEqual(r.status, 2, history)
            XCTAssertTrue(r.err.contains("--history"), r.err)
        }
        for (option, value) in [("--max-body", "0"), ("--workers", "1.5"), ("--max-connections", "0")] {
            let r = try santei("serve", option, value)
            XCTAssertEqual(r.status, 2, option)
            XCTAssertTrue(r.err.contains("\(option) \(value) is not a whole number in"), r.err)
        }
    }

    /// Review 417 JE-7, JE-11, JE-12: dates on the command line are YYYY-MM-DD as the help says (20240601 refused, as in a claim), counts
    /// have no sign or leading zero, --chunk-mb without a file --output is refused, and a code asked of the wrong --kind says so.
    func testDatesCountsChunksAndKindsAreTakenAsTheHelpWritesThem() throws {
        let compact = try santei("masters", "inspect", "111000110", "--date", "20240601")
        XCTAssertEqual(compact.status, 2)
        XCTAssertTrue(compact.err.contains("--date 20240601 is not a date (YYYY-MM-DD)"), compact.err)
        for threads in ["+5", "007"] {
            let r = try santei("uke", "recalc", Paths.packageRoot + "/Tests/SanteiTests/Receipts/InpatientUKE/inpatient-short-stay-2024-07.UKE", "--check", "--threads", threads)
            XCTAssertEqual(r.status, 2, threads)
            XCTAssertTrue(r.err.contains("--threads \(threads) is not a number of threads"), r.err)
        }
        let chunk = try santei("uke", "recalc", "x.UKE", "--check", "--chunk-mb", "5")
        XCTAssertEqual(chunk.status, 2)
        XCTAssertTrue(chunk.err.contains("--chunk-mb reads chunk by chunk only with --output"), chunk.err)
        // Review 422 JK-6: --check writes nothing, so --output beside it is a usage error, not a file silently left unwritten.
        let both = try santei("uke", "recalc", "x.UKE", "--check", "--output", "y.UKE")
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.err.contains("not both"), both.err)
        let kind = try santei("masters", "inspect", "111000110", "--kind", "y", "--date", "2024-06-01")
        XCTAssertEqual(kind.status, 1)
        XCTAssertTrue(kind.err.contains("the y master (医薬品) has no code 111000110") && kind.err.contains("(s) code"), kind.err)
    }

    func testHelpExplainsEveryCommand() throws {
        let r = try santei("--help")
        XCTAssertEqual(r.status, 0)
        for command in ["masters compile", "masters inspect", "masters diff", "masters info"] { XCTAssertTrue(r.out.contains(command), command) }
        let sub = try santei("masters", "diff", "--help")
        XCTAssertEqual(sub.status, 0)
        XCTAssertTrue(sub.out.contains("--from YYYY-MM-DD --to YYYY-MM-DD"))
    }

    func testInspectDecodesFieldsAndRelationsOnTheEmbeddedDefault() throws {
        let r = try santei("masters", "inspect", "111000110", "--date", "2024-06-01")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("291.00 点 (点数識別 3 点数（プラス）)"), r.out)
        XCTAssertTrue(r.out.contains("A000"), r.out)
        XCTAssertTrue(r.out.contains("110 初診"), r.out)
        XCTAssertTrue(r.out.contains("05 算定回数"), r.out)
        let before = try santei("masters", "inspect", "111000110", "--date", "2024-05-31")
        XCTAssertTrue(before.out.contains("288.00 点"), before.out)
    }

    func testDiffListsTheRevisionDayChanges() throws {
        let r = try santei("masters", "diff", "--from", "2024-05-31", "--to", "2024-06-01")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("111000110 初診料 288.00 → 291.00"), r.out)
        XCTAssertTrue(r.out.contains("112007410 再診料 73.00 → 75.00"), r.out)
        // The sample's 特定疾患処方管理加算１ is abolished on 2024-06-01, 医療ＤＸ推進体制整備加算 is new.
        let abolished = r.out.components(separatedBy: "Abolished:").last ?? ""
        XCTAssertTrue(abolished.contains("120002270"), r.out)
        let new = r.out.components(separatedBy: "Changed:").first ?? ""
        XCTAssertTrue(new.contains("111703370"), r.out)
    }

    func testCompiledSnapshotAnswersLikeTheCSV() throws {
        let path = NSTemporaryDirectory() + "santei-cli-\(UUID().uuidString).snapshot"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try santei("masters", "compile", "--masters", "Masters", "--out", path)
        XCTAssertEqual(c.status, 0, c.err)
        XCTAssertTrue(c.out.contains("wrote \(path)"), c.out)
        let fromCSV = try santei("masters", "inspect", "160008010", "--date", "2024-06-01")
        let fromSnapshot = try santei("masters", "inspect", "160008010", "--date", "2024-06-01", "--snapshot", path)
        XCTAssertEqual(fromSnapshot.status, 0, fromSnapshot.err)
        XCTAssertEqual(fromSnapshot.out, fromCSV.out)
        // A damaged snapshot is refused as bad input.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: path))
        let bad = try santei("masters", "info", "--snapshot", path)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("checksum mismatch"), bad.err)
    }

    func testExitCodesForUsageAndBadInput() throws {
        XCTAssertEqual(try santei("masters", "frobnicate").status, 2)
        XCTAssertEqual(try santei("masters", "inspect", "111000110", "--date", "2024-13-01").status, 2)
        XCTAssertEqual(try santei("masters", "diff", "--from", "2024-05-31").status, 2)
        let uncovered = try santei("masters", "inspect", "111000110", "--date", "2026-06-01")
        XCTAssertEqual(uncovered.status, 1)
        XCTAssertTrue(uncovered.err.contains("covered: 2022-04-01…2026-05-31"), uncovered.err)
        let missing = try santei("masters", "inspect", "199999999", "--date", "2024-06-01")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("no version valid on 2024-06-01"), missing.err)
        let badDir = try santei("masters", "info", "--masters", "/nonexistent")
        XCTAssertEqual(badDir.status, 1)
        // Review 75: an option given twice is a usage error (which one was meant cannot be told).
        let twice = try santei("masters", "inspect", "111000110", "--date", "2024-06-01", "--date", "2024-07-01")
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.err.contains("--date is given twice (2024-06-01, 2024-07-01)"), twice.err)
    }

    func testUKERecalcReproducesTheRealSampleAndChecksDifferences() throws {
        let masters = try Paths.requireShared()
        let input = try Paths.requireShared("cases/uke") + "/RECEIPTC-2021-10-sample.UKE"
        let out = NSTemporaryDirectory() + "santei-\(UUID().uuidString).UKE"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try santei("uke", "recalc", input, "--masters", masters, "--output", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: input)))
        XCTAssertTrue(r.err.contains("87 as stated, 0 differ, 14 not re-priced"), r.err)
        // issue 15 item 3: the 14 units not re-priced are one summary on stderr (counts by reason, five
        // examples) and every one is a JSON line of --report; the file is the same with --threads 1.
        XCTAssertTrue(r.err.contains("14 findings: 9 date_not_covered, 5 code_not_valid; --report FILE lists every one"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").filter { $0.hasPrefix("  RECEIPTC-2021-10-sample.UKE:") }.count, 5, r.err)
        let reportFile = NSTemporaryDirectory() + "santei-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: reportFile) }
        let one = try santei("uke", "recalc", input, "--masters", masters, "--output", out, "--report", reportFile, "--threads", "1")
        XCTAssertEqual(one.status, 0, one.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: input)))
        let lines = try String(contentsOfFile: reportFile, encoding: .utf8).split(separator: "\n")
            .map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(lines.count, 14)
        XCTAssertEqual(lines.filter { $0["reason"] as? String == "code_not_valid" }.compactMap { ($0["codes"] as? [String])?.first }.count, 5)
        XCTAssertTrue(lines.allSatisfy { $0["kind"] as? String == "not_repriced" && $0["line"] as? Int != nil && $0["receipt"] as? String != nil && $0["stated"] as? Int != nil })
        XCTAssertTrue(one.err.contains("every one in \(reportFile)"), one.err)
        XCTAssertEqual(try santei("uke", "recalc", input, "--masters", masters, "--threads", "0").status, 2)
        // A wrong stated point is listed by --check with both numbers.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("SI,11,2,111000110,,288,1"))
        let needle = Array("SI,11,2,111000110,,288,1".utf8)
        let at = bytes.indices.first { bytes[$0..<min($0 + needle.count, bytes.count)].elementsEqual(needle) }!
        bytes.replaceSubrange(at..<(at + needle.count), with: Array("SI,11,2,111000110,,280,1".utf8))
        let bad = NSTemporaryDirectory() + "santei-\(UUID().uuidString).UKE"
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        let check = try santei("uke", "recalc", bad, "--masters", masters, "--check")
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertTrue(check.out.contains("codes 111000110: stated 280, computed 288"), check.out)
        XCTAssertFalse(check.out.contains("HO 合計点数"), "the stated HO total was made with 288: it still agrees")
        XCTAssertTrue(check.out.contains("1 differ"), check.out)
    }

    func testPriceGivesOneLinePerClaimInInputOrderAndErrorLinesForBadOnes() throws {
        let good = try santei("price", "--input", "docs/examples/claims.jsonl")
        XCTAssertEqual(good.status, 0, good.err)
        let lines = good.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.map { $0["id"] as? String }, ["example-1", "example-2", "example-3"])
        // example-1: 初診料 291 (R06) + D007 6項目 まるめ 93 + 判断料 144 + Ｂ－Ｖ 40 + 処方箋料 60; then 再診料 75 + 外来管理加算 52.
        XCTAssertEqual(lines[0]["total_points"] as? Int, 291 + 93 + 144 + 40 + 60 + 75 + 52)
        XCTAssertEqual((lines[0]["by_column"] as? [String: Int])?["600"], 93 + 144 + 40)
        // example-2: 再診料 75 on 2024-06-01 and 2024-06-03 (令和6; one month per claim); 内服 36.5円 → 4点 × 28日.
        XCTAssertEqual(lines[1]["by_encounter"] as? [Int], [75, 75 + 4 * 28])
        // example-3: 創傷処置 52 + フィルム 半切 120円 × 2 ÷ 10 = 24.
        XCTAssertEqual(lines[2]["total_points"] as? Int, 76)
        XCTAssertTrue(good.err.contains("3 claims: 3 priced, 0 errors"), good.err)

        let bad = try santei("price", "--input", "docs/examples/claims-with-errors.jsonl")
        XCTAssertEqual(bad.status, 1, "exit 1 when some lines were not claims")
        let out = bad.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.map { $0["line"] as? Int }, [1, 2, 3, 4, 5])
        XCTAssertEqual(out[0]["error"] as? String, "encounters[0].date \"2024-13-01\" is not a date (YYYY-MM-DD)")
        XCTAssertTrue((out[1]["error"] as? String)?.contains("no loaded 医科診療行為 master covers 2026-06-01; covered: 20") == true, "\(out[1])")
        XCTAssertEqual(out[2]["complete"] as? Bool, false)
        XCTAssertEqual(out[2]["total_points"] as? Int, 75)
        XCTAssertTrue((out[3]["error"] as? String)?.hasPrefix("not JSON") == true)
        XCTAssertEqual(out[4]["error"] as? String, "missing field patient")
    }

    func testRevalueWritesDeltasAndAReportWithAHistogram() throws {
        let report = NSTemporaryDirectory() + "santei-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let r = try santei("revalue", "--input", "docs/examples/claims.jsonl", "--from", "2024-05-31", "--to", "2024-06-01", "--report", report)
        XCTAssertEqual(r.status, 0, "the film claim has no 特定器材 master on 2024-05-31: its film order is unpriced there, not an error")
        let lines = r.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.map { $0["line"] as? Int }, [1, 2, 3])
        // example-2: 再診料 73 → 75 on both visits (every encounter uses the masters of the given date).
        XCTAssertEqual(lines[1]["from_points"] as? Int, 73 + 73 + 4 * 28)
        XCTAssertEqual(lines[1]["delta"] as? Int, 4)
        XCTAssertEqual((lines[0]["delta_by_category"] as? [String: Int])?["11"], 3, "初診料 288 → 291")
        // example-3: 創傷処置 52 on both dates, the film (120円 × 2 ÷ 10 = 24) only on 2024-06-01.
        XCTAssertEqual(lines[2]["unpriced_from"] as? Int, 1)
        XCTAssertEqual(lines[2]["unpriced_to"] as? Int, 0)
        XCTAssertEqual(lines[2]["from_points"] as? Int, 52)
        XCTAssertEqual(lines[2]["to_points"] as? Int, 76)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertTrue(html.contains("<svg") && html.contains("</svg>") && html.contains("<rect"))
        XCTAssertTrue(html.contains("111000110") && html.contains("初診料"), "deltas by code name the code")
        XCTAssertTrue(r.err.contains("3 claims revalued 2024-05-31 → 2024-06-01: 1065 → 1093 点 (+28); 0 errors"), r.err)
        // Not a silent zero: stderr says which claims' deltas are incomplete (review 48).
        XCTAssertTrue(r.err.contains("warning: 1 claims have orders not priced on 2024-05-31, 0 on 2024-06-01") && r.err.contains("line 3"), r.err)
    }
}

extension CLITests {
    /// UKE 入院 (issue 11 item 6), end to end: `santei uke recalc` fills a receipt being built (blank 点数, 合計点数
    /// and 食事 fields) into the receipt stated right, `--check` lists the 金額 units in yen and the HO 食事 fields,
    /// `audit` and `revalue` accept the 入院 fixtures.
    func testUKERecalcAuditAndRevalueOnInpatientReceipts() throws {
        let masters = try Paths.requireShared()
        let dir = Paths.packageRoot + "/Tests/SanteiTests/Receipts/InpatientUKE/"
        let out = NSTemporaryDirectory() + "santei-\(UUID().uuidString).UKE"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try santei("uke", "recalc", dir + "inpatient-blank-points-2024-07.UKE", "--masters", masters, "--output", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("1 receipts, 11 units: 0 as stated, 11 differ, 0 not re-priced"), r.err)
        let filled = UKEDocument(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), name: "out.UKE")
        XCTAssertEqual((5...8).map { String(decoding: filled.bytes[filled.field(2, $0)], as: UTF8.self) }, ["12136", "", "12", "8874"],
                       "HO 合計点数, 予備, 食事 回数, 合計金額")
        let check = try santei("uke", "recalc", dir + "inpatient-blank-points-2024-07.UKE", "--masters", masters, "--check")
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertTrue(check.out.contains("codes 197000110: stated blank, computed 2010 yen"), check.out)
        XCTAssertTrue(check.out.contains("HO 食事療養・生活療養 回数 / 合計金額: stated blank / blank, computed 12 / 8874 yen"), check.out)
        // A receipt stated right goes back byte for byte.
        let same = try santei("uke", "recalc", dir + "inpatient-short-stay-2024-07.UKE", "--masters", masters, "--output", out)
        XCTAssertEqual(same.status, 0, same.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: dir + "inpatient-short-stay-2024-07.UKE")))

        let audit = try santei("audit", "--input", dir + "inpatient-04-conflict-2024-07.UKE", "--masters", masters)
        XCTAssertTrue(audit.err.contains("1 claims audited (advise): 3 errors"), audit.err)
        XCTAssertEqual(audit.out.components(separatedBy: "\"check\":\"SA-B002\"").count - 1, 3, audit.out)
        let revalue = try santei("revalue", "--input", dir + "inpatient-across-2024-06-01.UKE", "--from", "2024-05-31", "--to", "2024-06-01", "--masters", masters)
        XCTAssertEqual(revalue.status, 0, revalue.err)
        XCTAssertTrue(revalue.err.contains("2 claims revalued 2024-05-31 → 2024-06-01: 16800 → 17104 点 (+304); 0 errors"), revalue.err)
    }
}
