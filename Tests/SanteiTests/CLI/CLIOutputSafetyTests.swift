import Foundation
import XCTest
@testable import Santei

/// Issue 9 items 3 and 6: outputs that cannot hurt (an input is never overwritten, `-` is standard
/// input/output, a FIFO or device is written in place, a failed write is an error, an interrupted run
/// leaves no partial output and no temporary file) and what a new user trips over (a copied binary,
/// `--version`, readable messages).
final class CLIOutputSafetyTests: XCTestCase {
    var temp = ""

    override func setUpWithError() throws {
        temp = NSTemporaryDirectory() + "santei-cli-safety-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: temp) }

    var example: String { Paths.packageRoot + "/docs/examples/claims.jsonl" }

    func copyOfExample(_ name: String = "claims.jsonl") throws -> String {
        let path = temp + "/" + name
        try FileManager.default.copyItem(atPath: example, toPath: path)
        return path
    }

    // MARK: Outputs that would overwrite an input

    func testAnOutputNamingTheInputIsRefusedAndTheInputKept() throws {
        let input = try copyOfExample()
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        for output in [input, temp + "/./claims.jsonl", temp + "/../" + (temp as NSString).lastPathComponent + "/claims.jsonl"] {
            let r = try ProcessRun.santei(["price", "--input", input, "--output", output])
            XCTAssertEqual(r.status, 2, output)
            XCTAssertTrue(r.err.contains("same file as --input"), r.err)
        }
        // Through a symbolic link too.
        let link = temp + "/link.jsonl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        let r = try ProcessRun.santei(["copay", "--input", link, "--output", input])
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: input)), before)
    }

    /// Review 98: `masters compile --out` naming a master file of the folder wrote the snapshot over it.
    func testCompileNeverWritesOverAMasterFileOfItsFolder() throws {
        let dir = NSTemporaryDirectory() + "santei-compile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/kihon/s/full", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/kihon/s/full/s_ALL20240531.csv"
        let bytes = Data(Fixture.cp932(MasterInputTests.good))
        FileManager.default.createFile(atPath: file, contents: bytes)
        let r = try ProcessRun.santei(["masters", "compile", "--masters", dir, "--out", file])
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertTrue(r.err.contains("refusing to overwrite an input"), r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), bytes, "the master file is kept")
    }

    func testReportAndOutputNamingOneFileAreRefused() throws {
        let input = try copyOfExample()
        let out = temp + "/same.out"
        let r = try ProcessRun.santei(["audit", "--input", input, "--output", out, "--report", out])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("--output and --report name the same file"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let history = try ProcessRun.santei(["audit", "--input", input, "--history", input + "," + example, "--output", example])
        XCTAssertEqual(history.status, 2, history.err)
    }

    // MARK: - means standard input / output

    func testDashReadsStandardInputAndWritesStandardOutput() throws {
        let fromFile = try ProcessRun.santei(["price", "--input", example])
        XCTAssertEqual(fromFile.status, 0, fromFile.err)
        let fromStdin = try ProcessRun.santei(["price", "--input", "-", "--output", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: example)))
        XCTAssertEqual(fromStdin.status, 0, fromStdin.err)
        XCTAssertFalse(fromStdin.out.isEmpty)
        XCTAssertEqual(fromStdin.out, fromFile.out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Paths.packageRoot + "/-"))
    }

    // MARK: Special files are written in place

    func testADeviceIsWrittenInPlaceNotReplaced() throws {
        let r = try ProcessRun.santei(["price", "--input", example, "--output", "/dev/null"])
        XCTAssertEqual(r.status, 0, r.err)
        var st = stat()
        XCTAssertEqual(stat("/dev/null", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "/dev/null must still be a character device")
    }

    /// Review 58: `masters compile --out /dev/null` replaced /dev/null with a regular file (Data.write .atomic renames
    /// over whatever is there); a snapshot goes through `AtomicFile` like every other output.
    func testASnapshotWrittenToADeviceLeavesTheDevice() throws {
        try RealData.masters().writeSnapshot(to: "/dev/null")
        var st = stat()
        XCTAssertEqual(stat("/dev/null", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "/dev/null must still be a character device")
        XCTAssertThrowsError(try RealData.masters().writeSnapshot(to: temp)) { XCTAssertTrue("\($0)".contains("folder"), "\($0)") }
    }

    func testAFIFOIsWrittenInPlace() throws {
        let fifo = temp + "/out.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // A reader on the FIFO collects what santei writes.
        let received = LockedData()
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while fd >= 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received.append(Array(buffer[0..<n]))
            }
            close(fd)
            received.finish()
        }
        reader.start()
        let r = try ProcessRun.santei(["price", "--input", example, "--output", fifo])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(received.wait(seconds: 30))
        var st = stat()
        XCTAssertEqual(stat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO must still be a FIFO")
        let expected = try ProcessRun.santei(["price", "--input", example])
        XCTAssertEqual(String(decoding: received.bytes, as: UTF8.self), expected.out)
    }

    // MARK: Write errors

    func testAFullDiskIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let r = try ProcessRun.santei(["price", "--input", example, "--output", "/dev/full"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("cannot write /dev/full: the disk is full"), r.err)
        let stdout = try ProcessRun.santei(["price", "--input", example], stdoutPath: "/dev/full")
        XCTAssertEqual(stdout.status, 1)
        XCTAssertTrue(stdout.err.contains("cannot write standard output: the disk is full"), stdout.err)
    }

    func testAClosedPipeIsAnError() throws {
        let r = try ProcessRun.santei(["price", "--input", example], closeStdout: true)
        XCTAssertEqual(r.status, 1, "a reader that went away must give a non-zero exit, not a silent success")
        XCTAssertTrue(r.err.contains("cannot write standard output: the reader closed the pipe"), r.err)
    }

    /// Review 379 HS-1: `serve --stdio` whose answers cannot be written (a full disk, a reader gone) exits 1 and says so, as every
    /// command does on a failed write — it exited 0 and the calling program could not tell the answers were lost.
    func testStdioModeFailsOnAWriteThatFails() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let line = Data(#"{"id":1,"route":"GET /healthz"}"#.utf8 + [10])
        let full = try ProcessRun.santei(["serve", "--stdio"], stdin: line, stdoutPath: "/dev/full")
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.err.contains("cannot write standard output: the disk is full"), full.err)
        let closed = try ProcessRun.santei(["serve", "--stdio"], stdin: line, closeStdout: true)
        XCTAssertEqual(closed.status, 1)
    }

    func testAMissingOutputFolderAndBadInputsAreSaidPlainly() throws {
        let r = try ProcessRun.santei(["price", "--input", example, "--output", temp + "/no/such/out.jsonl"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("the folder \(temp)/no/such does not exist"), r.err)
        let missing = try ProcessRun.santei(["price", "--input", temp + "/absent.jsonl"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("--input \(temp)/absent.jsonl: no such file"), missing.err)
        let folder = try ProcessRun.santei(["copay", "--input", temp])
        XCTAssertEqual(folder.status, 1)
        XCTAssertTrue(folder.err.contains("is a folder"), folder.err)
        let outputFolder = try ProcessRun.santei(["price", "--input", example, "--output", temp])
        XCTAssertEqual(outputFolder.status, 1)
        XCTAssertTrue(outputFolder.err.contains("it is a folder"), outputFolder.err)
    }

    // MARK: Temporary files

    func testAStaleTemporaryOfADeadRunIsRemovedAndALiveOneKept() throws {
        let out = temp + "/out.jsonl"
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = temp + "/" + AtomicFile.temporaryPrefix("out.jsonl") + "\(dead)-12345"
        let live = temp + "/" + AtomicFile.temporaryPrefix("out.jsonl") + "\(getpid())-12345"
        FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        FileManager.default.createFile(atPath: live, contents: Data("being written".utf8))
        let r = try ProcessRun.santei(["price", "--input", example, "--output", out])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale), "the dead run's temporary must be removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: live), "a running process's temporary must be left alone")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }

    /// SIGTERM while the batch runs, and again while the output is being written: neither a partial
    /// output nor a temporary file is left, and the process ends by the signal.
    func testSIGTERMLeavesNoPartialOutputAndNoTemporary() throws {
        // A large batch: the example claims repeated, so pricing and writing take a noticeable time.
        let lines = try String(contentsOfFile: example, encoding: .utf8).split(separator: "\n")
        var big = ""
        for _ in 0..<(30_000 / max(1, lines.count)) { for l in lines { big += l + "\n" } }
        let input = temp + "/big.jsonl"
        try big.write(toFile: input, atomically: false, encoding: .utf8)
        var sawTemporary = false
        for whileWriting in [false, true] {
            let out = temp + "/out-\(whileWriting).jsonl"
            let p = try ProcessRun.start(["price", "--input", input, "--output", out])
            let prefix = AtomicFile.temporaryPrefix((out as NSString).lastPathComponent)
            let deadline = Date().addingTimeInterval(60)
            var killed = false
            while p.isRunning && Date() < deadline {
                let temporaries = (try? FileManager.default.contentsOfDirectory(atPath: temp))?.filter { $0.hasPrefix(prefix) } ?? []
                if whileWriting ? !temporaries.isEmpty : true {
                    if whileWriting { sawTemporary = true } else { usleep(300_000) }
                    kill(p.processIdentifier, SIGTERM)
                    killed = true
                    break
                }
                usleep(200)
            }
            p.waitUntilExit()
            guard killed else { continue }  // finished before a temporary could be seen: nothing to check
            XCTAssertEqual(p.terminationReason, .uncaughtSignal)
            XCTAssertEqual(p.terminationStatus, SIGTERM)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial output")
            let left = (try FileManager.default.contentsOfDirectory(atPath: temp)).filter { $0.hasPrefix(prefix) }
            XCTAssertEqual(left, [], "no temporary file")
        }
        if !sawTemporary { print("note: the output was written too fast to be interrupted while writing") }
    }

    // MARK: A new user's stumbles

    func testVersionAndGeneratorHelp() throws {
        let v = try ProcessRun.santei(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertEqual(v.out, "santei \(SanteiVersion.string)\n")
        let help = try ProcessRun.santei(["--help"])
        XCTAssertTrue(help.out.contains("SANTEI_MASTERS"), "the environment variable must be documented")
        let gen = try ProcessRun.run(executable: "santei-gen", ["--help"])
        XCTAssertEqual(gen.status, 0, gen.err)
        XCTAssertTrue(gen.out.contains("USAGE: santei-gen"), gen.out)
        let bad = try ProcessRun.run(executable: "santei-gen", ["--claims", "many"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("--claims many"), bad.err)
    }

    /// The release binary copied out of the repository, run from `/` with a fresh HOME: the built-in
    /// default set and the law parameters are there, with and without `--masters`.
    func testACopiedBinaryHasItsDefaultSetAndLaw() throws {
        let exe = temp + "/bin/santei"
        try FileManager.default.createDirectory(atPath: temp + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try ProcessRun.executable("santei"), toPath: exe)
        var env = ProcessInfo.processInfo.environment
        env["SANTEI_MASTERS"] = nil
        env["HOME"] = temp + "/home"
        env["XDG_CACHE_HOME"] = nil
        let r = try ProcessRun.run(path: exe, ["price", "--input", example], environment: env, cwd: "/")
        XCTAssertEqual(r.status, 0, r.err)
        let inRepo = try ProcessRun.santei(["price", "--input", example])
        XCTAssertEqual(r.out, inRepo.out, "the built-in set must answer like Masters/")
        XCTAssertTrue(FileManager.default.fileExists(atPath: temp + "/home/.cache/santei"), "extracted into the cache")
        // A set given with --masters still gets the law parameters (revision calendar, まるめ groups).
        let withMasters = try ProcessRun.run(path: exe, ["masters", "info", "--masters", Paths.mastersDefault], environment: env, cwd: "/")
        XCTAssertEqual(withMasters.status, 0, withMasters.err)
        // A wrong SANTEI_MASTERS is said, not silently replaced.
        env["SANTEI_MASTERS"] = temp + "/nowhere"
        let wrong = try ProcessRun.run(path: exe, ["price", "--input", example], environment: env, cwd: "/")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.err.contains("SANTEI_MASTERS=\(temp)/nowhere is not a masters folder"), wrong.err)
    }

    func testErrorLinesCarryTheClaimIDAndTheGoodLinesArePriced() throws {
        let good = try String(contentsOfFile: example, encoding: .utf8).split(separator: "\n")[0]
        let bad = #"{"id":"bad-date-1","patient":{"birth_date":"1980-01-01"},"encounters":[{"date":"2024-06-31","orders":[]}]}"#
        let r = try ProcessRun.santei(["price", "--input", "-"], stdin: Data((bad + "\n" + good + "\n").utf8))
        XCTAssertEqual(r.status, 1, "a bad line makes the run exit 1")
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains(#""id":"bad-date-1""#), lines[0])
        XCTAssertTrue(lines[0].contains("encounters[0].date"), lines[0])
        XCTAssertTrue(lines[1].contains(#""total_points""#), "the good claim after it is priced: \(lines[1])")
    }

    func testABrokenParameterFileIsSaidInWords() throws {
        let copy = temp + "/Masters"
        try FileManager.default.copyItem(atPath: Paths.mastersDefault, toPath: copy)
        try Data(#"{"groups": 5}"#.utf8).write(to: URL(fileURLWithPath: copy + "/params/bundled-tests.json"))
        var env = ProcessInfo.processInfo.environment
        env["SANTEI_MASTERS"] = copy
        let r = try ProcessRun.run(path: try ProcessRun.executable("santei"), ["price", "--input", example], environment: env)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("bundled-tests.json"), r.err)
        XCTAssertTrue(r.err.contains("groups: expected an array"), r.err)
        XCTAssertFalse(r.err.contains("typeMismatch"), "no raw Foundation error: \(r.err)")
    }

    /// The README's revision-day example on the built-in set: its claims use no 特定器材, so the
    /// 特定器材 master's coverage is not asked for.
    func testTheREADMERevalueExampleRuns() throws {
        let r = try ProcessRun.santei(["revalue", "--input", example, "--from", "2024-05-31", "--to", "2024-06-01"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").count, try String(contentsOfFile: example, encoding: .utf8).split(separator: "\n").count)
        XCTAssertFalse(r.out.contains(#""error""#), r.out)
    }

    /// The generated EmbeddedMasters.swift holds exactly the files of Masters/.
    func testTheBuiltInSetIsCurrentWithMasters() throws {
        let root = Paths.mastersDefault
        var files: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel))
            }
        }
        var embedded: [String: Data] = [:]
        for (path, base64) in EmbeddedMasters.files { embedded[path] = Data(base64Encoded: base64) }
        XCTAssertEqual(Set(embedded.keys), Set(files.keys), "run python3 Tools/embed-masters/embed-masters.py")
        for (path, data) in files { XCTAssertEqual(embedded[path], data, "\(path) differs: run python3 Tools/embed-masters/embed-masters.py") }
    }
}

/// Bytes collected by another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSCondition()
    private var data: [UInt8] = []
    private var done = false
    func append(_ b: [UInt8]) { lock.lock(); data += b; lock.unlock() }
    func finish() { lock.lock(); done = true; lock.broadcast(); lock.unlock() }
    func wait(seconds: Double) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let until = Date().addingTimeInterval(seconds)
        while !done { if !lock.wait(until: until) { return false } }
        return true
    }
    var bytes: [UInt8] { lock.lock(); defer { lock.unlock() }; return data }
}

/// Runs the built executables with standard input, environment, working folder and standard output
/// chosen by the test.
enum ProcessRun {
    struct Result { var status: Int32; var out: String; var err: String }

    static func executable(_ name: String) throws -> String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir.appendingPathComponent(name), dir.deletingLastPathComponent().appendingPathComponent(name)]
        where FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
        throw XCTSkip("\(name) executable not built next to the tests (\(dir.path))")
    }

    static func santei(_ args: [String], stdin: Data? = nil, stdoutPath: String? = nil, closeStdout: Bool = false) throws -> Result {
        try run(path: try executable("santei"), args, stdin: stdin, stdoutPath: stdoutPath, closeStdout: closeStdout)
    }

    static func run(executable name: String, _ args: [String]) throws -> Result {
        try run(path: try executable(name), args)
    }

    static func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try executable("santei"))
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func run(path: String, _ args: [String], stdin: Data? = nil, environment: [String: String]? = nil, cwd: String? = nil,
                    stdoutPath: String? = nil, closeStdout: Bool = false) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? Paths.packageRoot)
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        if let stdoutPath { p.standardOutput = FileHandle(forWritingAtPath: stdoutPath) } else { p.standardOutput = out }
        p.standardError = err
        p.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try p.run()
        if closeStdout { try out.fileHandleForReading.close() }
        if let stdin {
            let w = input.fileHandleForWriting
            DispatchQueue.global().async { w.write(stdin); try? w.close() }
        }
        let e = LockedData()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async { e.append([UInt8](errHandle.readDataToEndOfFile())); e.finish() }
        let o = (stdoutPath == nil && !closeStdout) ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        _ = e.wait(seconds: 120)
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e.bytes, as: UTF8.self))
    }
}
