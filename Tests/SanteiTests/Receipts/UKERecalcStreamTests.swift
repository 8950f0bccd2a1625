import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// issue 15 item 2: `uke recalc` chunk by chunk (`UKERecalc.stream`) writes the same file and the same findings
/// as the whole-file path, for chunks down to one receipt; a file that is not regular is left to the whole-file
/// path (stream answers nil and writes nothing).
final class UKERecalcStreamTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "santei-stream-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func generatedFile(blankEvery: Int) throws -> [UInt8] {
        let set = try RealData.masters()
        let claimPricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: 5)
        var claims: [(claim: Claim, priced: PricedClaim)] = []
        for n in 0..<300 {
            let claim = try ClaimJSON.parse(Array(generator.claim(n, using: &rng).utf8)[...])
            claims.append((claim, try claimPricer.price(claim, explain: false)))
        }
        let bytes = UKEClaimWriter.file(claims, year: 2024, month: 6)
        let doc = UKEDocument(bytes: bytes, name: "g.UKE")
        var blanks: [Int: [(field: Int, value: String)]] = [:]
        for l in 0..<doc.lineCount where doc.recordID(l) == UKEDocument.id("SI") && l % blankEvery == 0 { blanks[l] = [(5, "")] }
        return doc.writing(blanks)
    }

    /// Streams `bytes` with chunks of `chunkBytes` and compares with the whole-file path; returns the chunk count.
    @discardableResult
    func assertSameAsWholeFile(_ bytes: [UInt8], name: String, chunkBytes: Int, threads: Int? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Int? {
        let set = try RealData.masters(), pricer = UnitPricer(bundled: try RealData.bundledRules())
        let input = dir + "/" + name, output = dir + "/out-" + name, report = dir + "/report-" + name + ".jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let doc = UKEDocument(bytes: bytes, name: name)
        let whole = UKERecalc.run(doc, masters: set, pricer: pricer, options: .init(keepAllUnits: false))
        let wholeFindings = UKERecalc.findings(whole)
        var wholeReport: [UInt8] = []
        UKERecalc.writeReport(wholeFindings, file: name, into: &wholeReport)
        guard let streamed = try UKERecalc.stream(path: input, name: name, output: output, reportPath: report, masters: set, pricer: pricer,
                                                  options: .init(keepAllUnits: false, threads: threads), chunkBytes: chunkBytes) else {
            XCTAssertFalse(FileManager.default.fileExists(atPath: output), "\(name): nothing written when the file is not streamed", file: file, line: line)
            return nil
        }
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))), UKERecalc.rewrite(doc, whole), "\(name): output", file: file, line: line)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: report))), wholeReport, "\(name): report", file: file, line: line)
        XCTAssertEqual(streamed.receipts, whole.receipts.count, name, file: file, line: line)
        XCTAssertEqual(streamed.units, whole.unitCount, name, file: file, line: line)
        XCTAssertEqual(streamed.differing, whole.differingCount, name, file: file, line: line)
        XCTAssertEqual(streamed.flagged, whole.flaggedCount, name, file: file, line: line)
        XCTAssertEqual(streamed.faults, whole.errors.count, name, file: file, line: line)
        XCTAssertEqual(streamed.goComputed, whole.goComputed, name, file: file, line: line)
        XCTAssertEqual(UKERecalc.summary(streamed, file: name, reportPath: report), UKERecalc.summary(wholeFindings, file: name, reportPath: report), name, file: file, line: line)
        // Without a report file a chunk keeps and builds only the warnings: the same file, counts and summary.
        let quiet = try XCTUnwrap(try UKERecalc.stream(path: input, name: name, output: output + ".quiet", reportPath: nil, masters: set, pricer: pricer,
                                                       options: .init(keepAllUnits: false, threads: threads), chunkBytes: chunkBytes), file: file, line: line)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: output + ".quiet"))), UKERecalc.rewrite(doc, whole), "\(name): output without a report", file: file, line: line)
        XCTAssertEqual([quiet.receipts, quiet.units, quiet.differing, quiet.flagged, quiet.faults, quiet.goComputed],
                       [streamed.receipts, streamed.units, streamed.differing, streamed.flagged, streamed.faults, streamed.goComputed], name, file: file, line: line)
        XCTAssertEqual(UKERecalc.summary(quiet, file: name, reportPath: nil), UKERecalc.summary(wholeFindings, file: name, reportPath: nil), name, file: file, line: line)
        return streamed.chunks
    }

    func testChunksDownToOneReceiptGiveTheWholeFilesOutput() throws {
        let generated = try generatedFile(blankEvery: 3)
        for chunk in [1, 4_000, 64 << 10, 32 << 20] {
            let chunks = try assertSameAsWholeFile(generated, name: "generated.UKE", chunkBytes: chunk)
            XCTAssertNotNil(chunks, "a generated file is regular")
            if chunk == 1 { XCTAssertEqual(chunks, 300, "one receipt a chunk") }
        }
        let sample = try Paths.requireShared("cases/uke") + "/RECEIPTC-2021-10-sample.UKE"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sample)))
        let chunks = try assertSameAsWholeFile(bytes, name: "RECEIPTC-2021-10-sample.UKE", chunkBytes: 1)
        XCTAssertEqual(chunks, 25, "the real sample streams one receipt a chunk, its IY units not re-priced as in the whole file")
    }

    /// Issue 15: chunks are re-priced on several threads at once and written in file order — the file, the report and
    /// the summary's examples are the whole file's for any number of threads (`--threads N`), with many chunks in
    /// flight (one receipt a chunk) and with few.
    func testAnyNumberOfThreadsWritesTheSameFile() throws {
        let generated = try generatedFile(blankEvery: 4)
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Paths.requireShared("cases/uke") + "/RECEIPTC-2021-10-sample.UKE")))
        for threads in [1, 2, 3, 8] {
            for chunk in [1, 20_000] {
                XCTAssertNotNil(try assertSameAsWholeFile(generated, name: "generated-\(threads).UKE", chunkBytes: chunk, threads: threads))
                XCTAssertNotNil(try assertSameAsWholeFile(sample, name: "sample-\(threads).UKE", chunkBytes: chunk, threads: threads))
            }
        }
    }

    /// Every blank 点数 (a receipt being built): the same units and totals as the whole-file path.
    func testBlankPointsStreamTheSame() throws {
        try assertSameAsWholeFile(try generatedFile(blankEvery: 1), name: "blank.UKE", chunkBytes: 2_000)
    }

    /// The bad inputs of ../shared/cases/bad-input: streamed when regular, else left to the whole-file path, and
    /// either way the same as the whole-file path.
    func testBadInputsAreTheSameEitherWay() throws {
        let folder = try Paths.requireShared("cases/bad-input")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".UKE") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 5)
        var fellBack = 0
        for n in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + n)))
            if try assertSameAsWholeFile(bytes, name: n, chunkBytes: 1) == nil { fellBack += 1 }
        }
        XCTAssertGreaterThan(fellBack, 0, "GO before the last RE, a truncated second file: not regular")
    }

    /// Review 110 B3: a GO 総合計点数 that is not a number (a letter among the digits — the review wrote full-width ones —, 2^63−1) is the GO's file fault and is
    /// left as it is, as the fault says — not rewritten as if it were blank, and not reported as "stated blank";
    /// a blank one is filled in. The same streamed and whole.
    func testAnUnreadableGOTotalIsLeftAsItIs() throws {
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Paths.requireShared("cases/uke/RECEIPTC-2021-10-sample.UKE"))))
        let doc = UKEDocument(bytes: sample, name: "s.UKE")
        let go = try XCTUnwrap((0..<doc.lineCount).last { doc.recordID($0) == UKEDocument.id("GO") })
        let set = try RealData.masters(), pricer = UnitPricer(bundled: try RealData.bundledRules())
        for (stated, left) in [("4O960", true), ("9223372036854775807", true), ("", false)] {
            let bytes = doc.writing([go: [(2, stated)]])
            let bad = UKEDocument(bytes: bytes, name: "go.UKE")
            let report = UKERecalc.run(bad, masters: set, pricer: pricer, options: .init(keepAllUnits: false))
            let out = UKERecalc.rewrite(bad, report)
            let tail = String(decoding: out.suffix(from: out.lastIndex(of: UInt8(ascii: "G"))!), as: UTF8.self)
            if left {
                XCTAssertEqual(tail, "GO,25,\(stated),99\r\n", "\(stated): left as it is")
                XCTAssertFalse(UKERecalc.findings(report).contains { $0.kind == .totalDiffers && $0.unit == "GO" }, "\(stated): no total_differs")
                XCTAssertTrue(report.errors.contains { $0.fieldName == "総合計点数" }, "\(stated): the GO's fault")
            } else {
                XCTAssertEqual(tail, "GO,25,\(report.goComputed),99\r\n", "blank: filled in")
            }
            try assertSameAsWholeFile(bytes, name: "go-\(left)-\(stated.utf8.count).UKE", chunkBytes: 1 << 16)
        }
    }

    /// Review 349 GO-3: a GO 総件数 that is not the file's receipts leaves the GO as it is, its 総合計点数 too — streamed and whole.
    func testAGOWithAWrongCountIsLeftAsItIs() throws {
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Paths.requireShared("cases/uke/RECEIPTC-2021-10-sample.UKE"))))
        let doc = UKEDocument(bytes: sample, name: "s.UKE")
        let go = try XCTUnwrap((0..<doc.lineCount).last { doc.recordID($0) == UKEDocument.id("GO") })
        let bytes = doc.writing([go: [(1, "26"), (2, "12345")]])
        let bad = UKEDocument(bytes: bytes, name: "go.UKE")
        let report = UKERecalc.run(bad, masters: try RealData.masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()), options: .init(keepAllUnits: false))
        let out = UKERecalc.rewrite(bad, report)
        XCTAssertEqual(String(decoding: out.suffix(from: out.lastIndex(of: UInt8(ascii: "G"))!), as: UTF8.self), "GO,26,12345,99\r\n")
        XCTAssertTrue(report.errors.contains { $0.fieldName == "総件数" && $0.description.contains("left as it is") }, "\(report.errors)")
        try assertSameAsWholeFile(bytes, name: "go-count.UKE", chunkBytes: 1 << 16)
    }

    /// Shapes the chunked path must not take: they go to the whole-file path.
    func testIrregularFilesAreNotStreamed() throws {
        let generated = try generatedFile(blankEvery: 3)
        let text = String(decoding: generated, as: UTF8.self)
        let noGO = Array(text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("GO,") }.joined(separator: "\r\n").utf8)
        XCTAssertNil(try assertSameAsWholeFile(noGO, name: "no-go.UKE", chunkBytes: 1))
        let afterGO = generated + Array("RE,9\r\n".utf8)
        XCTAssertNil(try assertSameAsWholeFile(afterGO, name: "after-go.UKE", chunkBytes: 1))
        let twoIR = generated + generated
        XCTAssertNil(try assertSameAsWholeFile(twoIR, name: "two-files.UKE", chunkBytes: 1))
    }
}

extension UKERecalcStreamTests {
    /// UKE 入院 (issue 11 item 6): the 入院 fixtures (meals in yen, HO 食事 fields, blank points) stream as the
    /// whole file does, chunks down to one receipt.
    func testInpatientReceiptsStreamAsTheWholeFile() throws {
        for name in ["inpatient-short-stay-2024-07.UKE", "inpatient-blank-points-2024-07.UKE", "inpatient-across-2024-06-01.UKE"] {
            let bytes = try InpatientUKETests.fixture(name).bytes
            let chunks = try assertSameAsWholeFile(bytes, name: name, chunkBytes: 1)
            XCTAssertEqual(chunks, name.contains("across") ? 2 : 1, name)
            try assertSameAsWholeFile(bytes, name: "whole-" + name, chunkBytes: 32 << 20)
        }
    }
}
