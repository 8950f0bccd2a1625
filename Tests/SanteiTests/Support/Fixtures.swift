import Foundation
import XCTest
@testable import Santei

/// Small master files written in the official layouts, for tests that need exact rows.
enum Fixture {
    /// One CSV line in the official form: every value quoted, CRLF. `values` maps 0-based column
    /// index to value; other columns are empty (as in 変更 rows) unless `defaults` fills them.
    static func line(_ kind: MasterKind, _ values: [Int: String], columns: Int? = nil) -> String {
        let n = columns ?? kind.layout.columnCount
        var values = values
        // A complete row (変更区分 0 or 3) states the 区分 columns every version must (MasterLayout requiredInCompleteRows):
        // the usual value where a test does not care.
        if ["0", "3"].contains(values[0] ?? "0") {
            let defaults: [Int: String] = switch kind {
            case .procedure: [12: "0", 13: "0", 14: "0", 15: "0", 18: "0", 29: "0", 30: "0", 31: "0", 32: "0", 33: "0", 34: "0", 38: "0", 49: "0", 50: "0", 55: "0"]
            case .drug: [13: "0"]
            case .disease: [20: "00"]
            case .conflictDay, .conflictMonth, .conflictSimultaneous, .conflictWeek: [6: "0"]
            case .countLimit: [6: "0"]
            default: [:]
            }
            for (k, v) in defaults where values[k] == nil && k < n { values[k] = v }
        }
        return (0..<n).map { "\"" + (values[$0] ?? "") + "\"" }.joined(separator: ",") + "\r\n"
    }

    /// A complete 医科診療行為 row (full-file form) with the fields tests care about.
    static func procedure(_ code: String, name: String, points: String, from: String = "20220401", to: String = "99999999",
                          kbn: String = "0", extra: [Int: String] = [:]) -> String {
        var v: [Int: String] = [0: kbn, 1: "S", 2: code, 4: name, 10: "3", 11: points, 12: "0", 13: "0", 14: "110", 18: "0", 38: "0", 55: "0",
                                15: "0", 33: "0.00", 35: "0", 37: "0", 42: "0", 49: "0", 50: "0", 56: "0", 57: "0.00",
                                65: "110", 86: from, 87: to, 112: name]
        for (k, x) in extra { v[k] = x }
        return line(.procedure, v)
    }

    /// A 変更 (5) row: only the given columns.
    static func procedureChange(_ code: String, _ values: [Int: String], kbn: String = "5") -> String {
        var v = values
        v[0] = kbn; v[1] = "S"; v[2] = code
        return line(.procedure, v)
    }

    static func cp932(_ text: String) -> [UInt8] {
        guard let bytes = CP932.encode(text) else { fatalError("fixture text has no CP932 form: \(text)") }
        return bytes
    }

    static let calendar = RevisionCalendar(families: [
        "shinryo": .init(kinds: ["s", "t", "c", "ck", "01", "02", "03-1", "03-2", "03-3", "03-4", "04", "05"], revisions: [
            .init(date: "2022-04-01", name: "R04", source: "test"), .init(date: "2024-06-01", name: "R06", source: "test"),
            .init(date: "2026-06-01", name: "R08", source: "test"),
        ]),
        "yakka": .init(kinds: ["y"], revisions: [.init(date: "2024-04-01", name: "R06 薬価", source: "test")]),
    ])

    static func build(_ files: [(MasterKind, String, SourceRole, String)]) throws -> MasterSet {
        try MasterSetBuilder.build(files: files.map { ($0.0, $0.1, $0.2, cp932($0.3)) }, calendar: calendar)
    }
}

/// Where the project's own files and the shared real masters are.
enum Paths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var mastersDefault: String { packageRoot + "/Masters" }

    static var shared: String {
        let env = ProcessInfo.processInfo.environment["SANTEI_SHARED"] ?? "../shared"
        return env.hasPrefix("/") ? env : packageRoot + "/" + env
    }

    /// The shared folder, or skip (outside CI) / fail (in CI) when it is missing.
    static func requireShared(_ sub: String = "masters") throws -> String {
        let path = shared + "/" + sub
        if FileManager.default.fileExists(atPath: path) { return path }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("SANTEI_SHARED folder \(path) is missing in CI")
        }
        throw XCTSkip("real master files not found at \(path); set SANTEI_SHARED to run this test")
    }

    static func calendar() throws -> RevisionCalendar {
        try RevisionCalendar.load(path: mastersDefault + "/params/revision-calendar.json")
    }
}

/// The official masters of ../shared, built once per test process.
enum RealData {
    nonisolated(unsafe) private static var cached: MasterSet?

    static func masters() throws -> MasterSet {
        let dir = try Paths.requireShared()
        if let set = cached { return set }
        let set = try MasterSetBuilder.build(directory: dir, calendar: Paths.calendar())
        cached = set
        return set
    }

    /// The project's own law parameters (Masters/params: no ../shared needed).
    static func bundledRules() throws -> BundledTestRules {
        try BundledTestRules.load(path: Paths.mastersDefault + "/params/bundled-tests.json")
    }
}

/// The built `santei` executable (next to the test bundle), run in the package root: exit status and output.
enum SanteiExecutable {
    struct Run { var status: Int32; var out: String; var err: String }

    static func run(_ args: [String]) throws -> Run {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = dir.appendingPathComponent("santei")
        if !FileManager.default.fileExists(atPath: exe.path) {
            exe = dir.deletingLastPathComponent().appendingPathComponent("santei")   // .xctest bundle layouts
        }
        guard FileManager.default.fileExists(atPath: exe.path) else { throw XCTSkip("santei executable not built next to the tests (\(dir.path))") }
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }
}
