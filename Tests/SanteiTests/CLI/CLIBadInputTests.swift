import Foundation
import XCTest
@testable import Santei

/// Issue 9 proof: every file of `../shared/cases/bad-input/` (and every fuzz reproducer there), given to
/// the commands it stopped, ends with exit 1 and a message naming the place; the good records of the
/// same batch are in the output; nothing crashes.
final class CLIBadInputTests: XCTestCase {
    func badInput() throws -> String { try Paths.requireShared("cases/bad-input") }

    func files(_ dir: String, where keep: (String) -> Bool) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter(keep).sorted().map { dir + "/" + $0 }
    }

    /// Exit 1 by `exit`, not by a signal (a trap is SIGILL/SIGTRAP/SIGSEGV).
    func assertBadInputExit(_ r: ProcessRun.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, "\(what): \(r.err.suffix(600))", file: file, line: line)
        XCTAssertFalse(r.err.contains("Fatal error") || r.err.contains("Crash"), "\(what) crashed: \(r.err.suffix(600))", file: file, line: line)
    }

    func testEveryBadJSONFileIsOneErrorLineAndTheGoodLinesAreKept() throws {
        let dir = try badInput()
        let masters = try Paths.requireShared()
        for path in try files(dir, where: { $0.hasSuffix(".jsonl") }) {
            let name = (path as NSString).lastPathComponent
            let commands: [[String]] = name.hasPrefix("copay-") ? [["copay", "--input", path]]
                : [["price", "--input", path, "--masters", masters], ["audit", "--input", path, "--masters", masters]]
            let inputLines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
            for args in commands {
                let r = try ProcessRun.santei(args)
                assertBadInputExit(r, "\(args[0]) \(name)")
                let lines = r.out.split(separator: "\n").map(String.init)
                XCTAssertEqual(lines.count, inputLines, "\(args[0]) \(name): one output line per input line")
                let errors = lines.filter { $0.hasPrefix(#"{"error""#) }
                XCTAssertEqual(errors.count, 1, "\(args[0]) \(name): exactly the bad line is an error: \(errors)")
                XCTAssertTrue(errors.allSatisfy { $0.contains(#""line":2"#) }, "\(args[0]) \(name): the error names line 2: \(errors)")
                for good in ["g0", "g1", "g2", "c1", "c2"] where (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\"\(good)\"") == true {
                    XCTAssertTrue(lines.contains { !$0.hasPrefix(#"{"error""#) && $0.contains("\"\(good)\"") }, "\(args[0]) \(name): good record \(good) is in the output")
                }
            }
        }
    }

    /// A line far over `DomainLimit.maxLineBytes` (2 GiB of NUL bytes, a sparse file) between good claims: the over-long
    /// line is one error and the claims after it are priced, in bounded memory — under a 1.5 GB address-space limit,
    /// where reading the line whole aborted the run and lost every claim (review 190 AK1). The same for stdio lines
    /// ending in CR alone: one answer each (AK3).
    func testAnOverLongLineIsOneErrorReadInBoundedMemory() throws {
        let santei = try ProcessRun.executable("santei")
        let dir = NSTemporaryDirectory() + "santei-longline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = #"{"id": "g0", "patient": {"birth_date": "1980-01-01"}, "encounters": [{"date": "2024-06-03", "orders": [{"category": 12, "items": [{"code": "112007410"}]}]}]}"#
        let path = dir + "/long.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data((claim + "\n").utf8))
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try h.seekToEnd()
        try h.truncate(atOffset: UInt64(claim.utf8.count + 1) + (2 << 30))   // a sparse hole: no disk used
        try h.seekToEnd()
        try h.write(contentsOf: Data(("\n" + claim.replacingOccurrences(of: "g0", with: "g1") + "\n").utf8))
        try h.close()
        let r = try ProcessRun.run(path: "/bin/sh", ["-c", "ulimit -v 1500000; exec \"$0\" price --input \"$1\" --audit off", santei, path])
        XCTAssertEqual(r.status, 1, r.err)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, r.err)
        XCTAssertTrue(lines.count == 3 && lines[0].contains(#""id":"g0""#) && lines[2].contains(#""id":"g1""#) && lines[2].contains(#""total_points":75"#), "\(lines.map { $0.prefix(120) })")
        XCTAssertTrue(lines.count == 3 && lines[1].contains("over the limit") && lines[1].contains(#""line":2"#), "\(lines.map { $0.prefix(200) })")

        let stdio = try ProcessRun.santei(["serve", "--stdio"], stdin: Data(#"{"id":"a","route":"GET /healthz"}\#r{"id":"b","route":"GET /healthz"}\#r"#.utf8))
        XCTAssertEqual(stdio.out.split(separator: "\n").map(String.init), [#"{"id":"a","status":200,"body":{"status":"ok"}}"#, #"{"id":"b","status":200,"body":{"status":"ok"}}"#], stdio.err)
    }

    /// `santei price` and `santei audit` read their input 16 MiB of whole lines at a time (review 397 IK-1: the input was held
    /// whole, 560 MB for 300 MB of blank lines): claims on both sides of a block boundary, an over-long line across one and a last line without
    /// its line break keep their line numbers and their order, as the whole-file read gave them.
    func testPriceReadsItsInputBlockByBlockAndKeepsLineNumbers() throws {
        let dir = NSTemporaryDirectory() + "santei-blocks-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func claim(_ id: String) -> String {
            #"{"id": "\#(id)", "patient": {"birth_date": "1980-01-01"}, "encounters": [{"date": "2024-06-03", "orders": [{"category": 12, "items": [{"code": "112007410"}]}]}]}"#
        }
        let blank = 10 << 20   // blank lines: cheap to read, and they move the claims across the 16 MiB blocks
        var data = Data()
        data.append(Data((claim("g0") + "\r\n").utf8))                                   // line 1
        data.append(Data(repeating: 10, count: blank))                                     // lines 2 … 1 + blank
        data.append(Data((claim("g1") + "\n").utf8))                                      // line 2 + blank
        data.append(Data(repeating: UInt8(ascii: "x"), count: 9 << 20)); data.append(10)   // line 3 + blank: over the limit, across the first boundary
        data.append(Data(repeating: 10, count: blank))
        data.append(Data(claim("g2").utf8))                                                // line 4 + 2 × blank, no line break
        let path = dir + "/blocks.jsonl"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data))
        let r = try ProcessRun.santei(["price", "--input", path, "--audit", "off"])
        XCTAssertEqual(r.status, 1, r.err)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, "\(lines.map { $0.prefix(120) })")
        guard lines.count == 4 else { return }
        for (k, id) in [(0, "g0"), (1, "g1"), (3, "g2")] {
            XCTAssertTrue(lines[k].contains(#""id":"\#(id)""#) && lines[k].contains(#""total_points":75"#), String(lines[k].prefix(200)))
        }
        XCTAssertTrue(lines[2].contains("over the limit") && lines[2].contains(#""line":\#(3 + blank)"#), String(lines[2].prefix(300)))
        XCTAssertTrue(r.err.contains("4 claims: 3 priced, 1 errors"), r.err)
        // Each priced line is the line priced alone.
        let alone = dir + "/alone.jsonl"
        XCTAssertTrue(FileManager.default.createFile(atPath: alone, contents: Data((claim("g2") + "\n").utf8)))
        // audit reads the same file block by block too: one line per claim, in order, the over-long line an error naming its line.
        let audited = try ProcessRun.santei(["audit", "--input", path])
        XCTAssertEqual(audited.status, 1, audited.err)
        let auditLines = audited.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(auditLines.count, 4, "\(auditLines.map { $0.prefix(120) })")
        if auditLines.count == 4 {
            for (k, number) in [(0, 1), (1, 2 + blank), (3, 4 + 2 * blank)] {
                XCTAssertTrue(auditLines[k].contains(#""line":\#(number)"#) && !auditLines[k].hasPrefix(#"{"error""#), String(auditLines[k].prefix(200)))
            }
            XCTAssertTrue(auditLines[2].hasPrefix(#"{"error""#) && auditLines[2].contains(#""line":\#(3 + blank)"#), String(auditLines[2].prefix(300)))
        }
        XCTAssertTrue(audited.err.contains("3 claims audited"), audited.err)
        // From standard input the same (review 405 IS-1: a pipe was read whole).
        XCTAssertEqual(try ProcessRun.santei(["audit", "--input", "-"], stdin: data).out, audited.out)
        let again = try ProcessRun.santei(["price", "--input", alone, "--audit", "off"]).out.split(separator: "\n").map(String.init)
        XCTAssertEqual(again.map { $0.replacingOccurrences(of: #""line":1,"#, with: "") }, [lines[3].replacingOccurrences(of: #""line":\#(4 + 2 * blank),"#, with: "")])
    }

    /// A master file over the size limit is refused before it is read: a 2 GiB sparse `s` file under a 1 GB address-space
    /// limit gets the named refusal, not an abort (review 190 AK2).
    func testAnOversizedMasterFileIsRefusedBeforeItIsRead() throws {
        let santei = try ProcessRun.executable("santei")
        let dir = NSTemporaryDirectory() + "santei-bigmaster-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/s/full", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s/full/s_ALL20240531.csv"
        FileManager.default.createFile(atPath: path, contents: Data())
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try h.truncate(atOffset: 2 << 30)
        try h.close()
        let r = try ProcessRun.run(path: "/bin/sh", ["-c", "ulimit -v 1000000; exec \"$0\" masters info --masters \"$1\"", santei, dir])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("s_ALL20240531.csv: 2147483648 bytes, more than the 1073741824 a master file may have"), r.err)
    }

    func testEveryBadUKEFileIsAnErrorNamingItsLineOnEveryDoor() throws {
        let dir = try badInput()
        let masters = try Paths.requireShared()
        let ukes = try files(dir, where: { $0.hasSuffix(".UKE") }) + files(dir + "/fuzz", where: { $0.hasPrefix("uke-") })
        XCTAssertGreaterThanOrEqual(ukes.count, 10)
        for path in ukes {
            let name = (path as NSString).lastPathComponent
            let out = NSTemporaryDirectory() + "santei-bad-\(UUID().uuidString).UKE"
            defer { try? FileManager.default.removeItem(atPath: out) }
            let recalc = try ProcessRun.santei(["uke", "recalc", path, "--masters", masters, "--output", out])
            assertBadInputExit(recalc, "uke recalc \(name)")
            XCTAssertNotNil(recalc.err.range(of: NSRegularExpression.escapedPattern(for: name) + #":\d+: "#, options: .regularExpression),
                            "uke recalc \(name) names file and line: \(recalc.err)")
            let audit = try ProcessRun.santei(["audit", "--input", path, "--masters", masters])
            assertBadInputExit(audit, "audit \(name)")
            XCTAssertTrue(audit.out.contains(#""error""#), "audit \(name): an error line: \(audit.out.prefix(400))")
        }
    }

    func testEveryClaimFuzzReproducerIsAnErrorNotACrash() throws {
        let dir = try badInput() + "/fuzz"
        let masters = try Paths.requireShared()
        for path in try files(dir, where: { $0.hasPrefix("claim-") }) {
            for command in ["price", "audit"] {
                let r = try ProcessRun.santei([command, "--input", path, "--masters", masters])
                assertBadInputExit(r, "\(command) \((path as NSString).lastPathComponent)")
                XCTAssertTrue(r.out.contains(#""error""#), r.out)
            }
        }
    }

    /// The shared script's damaged masters (a 30-digit 点数): the load fails as a whole, naming file,
    /// line and column; nothing is priced with it.
    func testAMasterRowWithA30DigitPointsFailsTheLoad() throws {
        let script = try badInput() + "/make-damaged-master-30digit-points.sh"
        let out = NSTemporaryDirectory() + "santei-masters-30digit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = [script, try Paths.requireShared(), out]
        make.standardOutput = FileHandle.nullDevice
        try make.run(); make.waitUntilExit()
        XCTAssertEqual(make.terminationStatus, 0)
        let claim = #"{"id":"p30","patient":{"birth_date":"1958-03-12"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112018390"}]}]}]}"#
        let r = try ProcessRun.santei(["price", "--input", "-", "--masters", out], stdin: Data((claim + "\n").utf8))
        assertBadInputExit(r, "price with damaged masters")
        XCTAssertTrue(r.err.contains("s_ALL20240531.csv:101"), r.err)
        XCTAssertTrue(r.err.contains("新又は現点数"), r.err)
        XCTAssertEqual(r.out, "", "nothing is priced with a master set that failed to load")
    }
}
