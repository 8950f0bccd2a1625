import Foundation
import XCTest
import SanteiHTTP
@testable import Santei

/// Keep-alive clients in threads, each sending the example encounter until stopped.
final class LoadClients: @unchecked Sendable {
    struct Tally { var ok = 0; var failures = 0; var cutOff = 0; var refused = 0; var bodies: [String: Int] = [:] }
    private let lock = NSLock()
    private var stopFlag = false
    private(set) var tallies: [Tally]
    private var threads: [Thread] = []
    private let done = DispatchGroup()

    init(port: UInt16, clients: Int, reconnect: Bool = true, body: [UInt8] = ServeFixtures.exampleEncounter, summarize: @escaping @Sendable ([UInt8]) -> String = { _ in "" }) {
        tallies = Array(repeating: Tally(), count: clients)
        for k in 0..<clients {
            done.enter()
            let t = Thread { [self] in
                defer { done.leave() }
                var c: HTTPClient?
                while !stopped {
                    if c == nil {
                        do { c = try HTTPClient(port: port, timeout: 10) } catch {
                            update(k) { $0.refused += 1 }
                            if !reconnect { return }
                            usleep(20_000); continue
                        }
                    }
                    do {
                        let r = try c!.request("POST", "/v1/encounter", body: body)
                        let key = r.status == 200 ? summarize(r.body) : "status \(r.status)"
                        update(k) { if r.status == 200 { $0.ok += 1 } else { $0.failures += 1 }; $0.bodies[key, default: 0] += 1 }
                        if r.headers["connection"] == "close" { c = nil; if !reconnect { return } }
                    } catch let e as HTTPClient.Closed {
                        // Bytes of an answer, then the end: a request cut off. No byte: the connection was closed.
                        update(k) { if e.received > 0 { $0.cutOff += 1 } else { $0.failures += 1 } }
                        c = nil
                        if !reconnect { return }
                    } catch {
                        update(k) { $0.failures += 1 }
                        c = nil
                        if !reconnect { return }
                    }
                }
            }
            threads.append(t)
            t.start()
        }
    }
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stopFlag }
    private func update(_ k: Int, _ f: (inout Tally) -> Void) { lock.lock(); f(&tallies[k]); lock.unlock() }
    func stop() -> [Tally] {
        lock.lock(); stopFlag = true; lock.unlock()
        done.wait()
        return tallies
    }
    var okCount: Int { lock.lock(); defer { lock.unlock() }; return tallies.reduce(0) { $0 + $1.ok } }
}

/// The supervisor, reload and drain, with the real executable.
final class ServeProcessTests: XCTestCase {
    func testAWorkerKilledMidLoadIsReplacedAndOnlyItsInFlightRequestsFail() throws {
        let server = try ServerProcess([], workers: 2)
        defer { _ = server.stop() }
        let pids = try server.workerPIDs()
        XCTAssertEqual(pids.count, 2)
        let load = LoadClients(port: server.port, clients: 6)
        while load.okCount < 200 { usleep(10_000) }
        guard pids[0] > 0 else { return XCTFail("worker 0 is not serving: \(server.stderr)") }   // kill(0, …) is the test's own group
        kill(pids[0], SIGKILL)
        let afterKill = load.okCount
        // The load goes on on the other worker and on the replacement.
        let deadline = Date().addingTimeInterval(20)
        var replaced: [Int32] = []
        while Date() < deadline {
            replaced = (try? server.workerPIDs()) ?? []
            if replaced.count == 2 && !replaced.contains(pids[0]) && replaced[0] != 0 { break }
            usleep(50_000)
        }
        while load.okCount < afterKill + 500 && Date() < deadline { usleep(10_000) }
        let tallies = load.stop()
        XCTAssertFalse(replaced.contains(pids[0]), "the killed worker was not replaced: \(replaced)")
        XCTAssertEqual(try server.metric("santei_worker_restarts_total")["santei_worker_restarts_total"], 1)
        XCTAssertTrue(server.stderr.contains("\"event\":\"worker_died\",\"worker\":0"), server.stderr)
        // Each client lost at most the one request it had in flight on the killed worker.
        for t in tallies {
            XCTAssertLessThanOrEqual(t.failures + t.cutOff, 1, "\(t)")
            XCTAssertEqual(t.bodies.keys.filter { $0.hasPrefix("status") }.count, 0, "\(t.bodies)")
        }
        XCTAssertGreaterThan(load.okCount, afterKill + 400)
    }

    func testReloadUnderLoadSwitchesToTheNewSetWithoutAFailedRequest() throws {
        let dir = try Self.mastersWithA99PointRevisit()
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let server = try ServerProcess([], workers: 2)
        defer { _ = server.stop() }
        let load = LoadClients(port: server.port, clients: 4) { body in
            let text = String(decoding: body, as: UTF8.self)
            return text.contains("\"points\":127") ? "old" : text.contains("\"points\":151") ? "new" : "other: \(text.prefix(200))"
        }
        while load.okCount < 200 { usleep(10_000) }
        let r = try HTTPClient(port: server.port).request("POST", "/v1/admin/reload", body: Array("{\"masters\":\"\(dir)\"}".utf8))
        XCTAssertEqual(r.status, 200, r.text)
        // Every worker moves to the new set (the others in the background).
        let deadline = Date().addingTimeInterval(30)
        var switched = false
        while Date() < deadline && !switched {
            let answers = try (0..<8).map { _ in try HTTPClient(port: server.port).request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).text }
            switched = answers.allSatisfy { $0.contains("\"points\":151") }
            usleep(100_000)
        }
        let before = load.okCount
        while load.okCount < before + 200 { usleep(10_000) }
        let tallies = load.stop()
        XCTAssertTrue(switched, "not every worker serves the new set")
        for t in tallies {
            XCTAssertEqual(t.failures + t.cutOff, 0, "\(t)")
            XCTAssertEqual(Set(t.bodies.keys).subtracting(["old", "new"]), [], "\(t.bodies)")
        }
        XCTAssertGreaterThan(tallies.reduce(0) { $0 + ($1.bodies["new"] ?? 0) }, 0)
        // SIGHUP reloads the same source again, and the service keeps answering.
        kill(server.process.processIdentifier, SIGHUP)
        usleep(500_000)
        XCTAssertTrue(try HTTPClient(port: server.port).request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).text.contains("\"points\":151"))
        XCTAssertGreaterThanOrEqual(try server.metric("santei_reloads_total")["santei_reloads_total"] ?? 0, 2)
    }

    func testSIGTERMUnderLoadFinishesWhatIsInFlightAndExitsZero() throws {
        let server = try ServerProcess(["--access-log", "/dev/null"], workers: 2)
        let load = LoadClients(port: server.port, clients: 8, reconnect: false)
        while load.okCount < 300 { usleep(10_000) }
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        let tallies = load.stop()
        XCTAssertEqual(server.process.terminationStatus, 0, server.stderr)
        XCTAssertTrue(server.stderr.contains("\"event\":\"stopped\""), server.stderr)
        for t in tallies {
            XCTAssertEqual(t.cutOff, 0, "a request was cut off: \(t)")
            XCTAssertEqual(t.bodies.keys.filter { $0.hasPrefix("status") && $0 != "status 503" }, [], "\(t.bodies)")
        }
    }

    /// One claim, four doors, the same bytes: `santei price`, `serve`, `serve --stdio`, libSanteiC.
    func testResponsesAreByteIdenticalAcrossServeStdioCLibraryAndPrice() throws {
        let claim = ServeFixtures.exampleClaim
        let file = NSTemporaryDirectory() + "santei-one-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(claim + [10]).write(to: URL(fileURLWithPath: file))
        let cli = try SanteiExecutable.run(["price", "--input", file])
        XCTAssertEqual(cli.status, 0, cli.err)
        let cliBody = Array(cli.out.utf8.dropLast())

        let server = try ServerProcess([], workers: 1)
        defer { _ = server.stop() }
        let http = try HTTPClient(port: server.port)
        let httpBody = try http.request("POST", "/v1/claims/price", body: claim).body
        let httpEncounter = try http.request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).body
        XCTAssertEqual(httpBody, cliBody)

        // --stdio
        let stdio = try StdioRun.run([
            Array(#"{"id":1,"route":"POST /v1/claims/price","body":"#.utf8) + claim + Array("}".utf8),
            Array(#"{"id":"w","route":"POST /v1/encounter","body":"#.utf8) + ServeFixtures.exampleEncounter.filter { $0 != 10 } + Array("}".utf8),
        ])
        XCTAssertEqual(stdio.count, 2)
        XCTAssertEqual(stdio[0], Array(#"{"id":1,"status":200,"body":"#.utf8) + cliBody + Array("}".utf8))
        XCTAssertEqual(stdio[1], Array(#"{"id":"w","status":200,"body":"#.utf8) + httpEncounter + Array("}".utf8))

        // The C library, loaded as a C program would.
        let lib = try CLibrary()
        XCTAssertEqual(try lib.call("POST", "/v1/claims/price", claim).body, cliBody)
        XCTAssertEqual(try lib.call("POST", "/v1/encounter", ServeFixtures.exampleEncounter).body, httpEncounter)
    }

    func testTheCLibraryServesManyThreadsReloadsAndReportsErrors() throws {
        let lib = try CLibrary()
        XCTAssertThrowsError(try CLibrary(path: "/nonexistent/santei.snapshot")) { e in XCTAssertTrue("\(e)".contains("nonexistent"), "\(e)") }
        let expected = try lib.call("POST", "/v1/encounter", ServeFixtures.exampleEncounter).body
        let wrong = ErrorCounterBox()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                let r = try? lib.call("POST", "/v1/encounter", ServeFixtures.exampleEncounter)
                if r?.body != expected { wrong.add() }
            }
        }
        XCTAssertEqual(wrong.count, 0)
        XCTAssertEqual(try lib.call("GET", "/v1/nothing", []).status, 404)
        XCTAssertEqual(lib.reload(nil), nil)
        XCTAssertNotNil(lib.reload("/nonexistent/x.snapshot"))
        // Review 92: an empty path is refused (it switched to the built-in sample set); only NULL means that.
        XCTAssertTrue(lib.reload("")?.contains("empty path") == true)
        XCTAssertThrowsError(try CLibrary(path: "")) { e in XCTAssertTrue("\(e)".contains("empty path"), "\(e)") }
        XCTAssertEqual(try lib.call("POST", "/v1/encounter", ServeFixtures.exampleEncounter).body, expected)
    }

    /// Review 58: a call on a closed engine, or a second close, crashed the host process; now -1 and an error.
    func testACallOnAClosedEngineIsAnErrorNotACrash() throws {
        let lib = try CLibrary()
        XCTAssertEqual(try lib.call("GET", "/healthz", []).status, 200)
        lib.closeF(lib.engine)
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        XCTAssertEqual(lib.callF(lib.engine, "GET", "/healthz", nil, 0, &out, &length), -1)
        XCTAssertNil(out)
        XCTAssertTrue(lib.reload(nil)?.contains("closed") == true)
        lib.closeF(lib.engine)   // a second close does nothing (and the deinit's third)
    }

    func testStdioAnswersEveryLineInOrderAndBadLinesInPlace() throws {
        let lines = try StdioRun.run([
            Array(#"{"id":"a","route":"GET /healthz"}"#.utf8),
            Array("not json".utf8),
            Array(#"{"id":3,"route":"GET /v1/masters/111000110?date=2024-05-31"}"#.utf8),
            Array(#"{"id":4,"route":"/v1/claims/price","body":{"id":"x"}}"#.utf8),
        ])
        XCTAssertEqual(lines.count, 4)
        let objects = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        XCTAssertEqual(objects[0]["id"] as? String, "a"); XCTAssertEqual(objects[0]["status"] as? Int, 200)
        XCTAssertEqual(objects[1]["status"] as? Int, 400)
        // Review 361 HA-4, 366 HF-4: the line that is no request is named by its line number.
        XCTAssertTrue(String(decoding: lines[1], as: UTF8.self).contains("line 2: not JSON"), String(decoding: lines[1], as: UTF8.self))
        XCTAssertEqual(objects[2]["id"] as? Int, 3); XCTAssertTrue(String(decoding: lines[2], as: UTF8.self).contains("288.00 点"))
        XCTAssertEqual(objects[3]["status"] as? Int, 400)
        // Blank lines count, as `santei price` counts them (review 366 HF-4): the third line, not the second request.
        let spaced = try StdioRun.run([Array(#"{"id":"a","route":"GET /healthz"}"#.utf8), [], Array("nope".utf8)])
        XCTAssertEqual(spaced.count, 2)
        XCTAssertTrue(String(decoding: spaced[1], as: UTF8.self).contains("line 3: not JSON"), String(decoding: spaced[1], as: UTF8.self))
    }

    // MARK: Review 76: reload, drain and worker replacement

    /// A copy of the default masters where 再診料 (112007410) is 99 点 from 2024-06-01 (the example encounter: 151 points).
    static func mastersWithA99PointRevisit() throws -> String {
        let dir = NSTemporaryDirectory() + "santei-reload-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Paths.mastersDefault, toPath: dir)
        let update = dir + "/kihon/s/updates/s_20240601.csv"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: update)))
        let needle = Array(("\"112007410\"" + String(repeating: ",\"\"", count: 8) + ",\"75.00\"").utf8)
        let at = try XCTUnwrap((0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }, "the sample changed")
        bytes.replaceSubrange((at + needle.count - 6)..<(at + needle.count - 1), with: Array("99.00".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: update))
        return dir
    }

    /// Finding 1: the reload answered 200 while the other worker still loaded the new set, so requests sent right
    /// after it were priced on the old one for up to 2 s. The answer now waits until every worker serves it.
    func testAReloadAnswersOnlyWhenEveryWorkerServesTheNewSet() throws {
        let dir = try Self.mastersWithA99PointRevisit()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try ServerProcess([], workers: 2)
        defer { _ = server.stop() }
        let r = try HTTPClient(port: server.port).request("POST", "/v1/admin/reload", body: Array("{\"masters\":\"\(dir)\"}".utf8))
        XCTAssertEqual(r.status, 200, r.text)
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])?["snapshot_id"] as? String)
        // Right after the answer, on new connections (spread over both workers): every one is priced on the new set.
        let points = try (0..<24).map { _ -> String in
            let text = try HTTPClient(port: server.port).request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).text
            return text.contains("\"points\":151") ? "new" : text.contains("\"points\":127") ? "old" : String(text.prefix(200))
        }
        XCTAssertEqual(Set(points), ["new"], "\(points)")
        for _ in 0..<8 {
            XCTAssertTrue(try HTTPClient(port: server.port).request("GET", "/v1/masters").text.contains(id))
        }
        // SIGHUP: the supervisor loads the source once, publishes it, and logs when every worker serves it.
        kill(server.process.processIdentifier, SIGHUP)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !server.stderr.contains("\"event\":\"reloaded\",\"cause\":\"SIGHUP\"") { usleep(50_000) }
        XCTAssertTrue(server.stderr.contains("\"event\":\"reloaded\",\"cause\":\"SIGHUP\",\"snapshot_id\":\"\(id)\",\"workers\":2"), server.stderr)
    }

    /// Finding 2: SIGTERM while a request's body was still arriving dropped it unanswered and held the exit 20 s.
    /// A request whose head has arrived is finished and answered with `Connection: close`, then the server exits 0.
    func testSIGTERMWhileABodyIsArrivingAnswersItAndExitsPromptly() throws {
        let server = try ServerProcess([], workers: 1)
        let c = try HTTPClient(port: server.port)
        XCTAssertEqual(try c.request("GET", "/healthz").status, 200)   // kept alive
        let idle = try HTTPClient(port: server.port)
        XCTAssertEqual(try idle.request("GET", "/healthz").status, 200)
        let request = HTTPClient.requestBytes("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter)
        let split = request.count - ServeFixtures.exampleEncounter.count + 300
        try c.send(Array(request[..<split]))
        usleep(300_000)
        let sent = Date()
        kill(server.process.processIdentifier, SIGTERM)
        usleep(500_000)
        try c.send(Array(request[split...]))
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.headers["connection"], "close")
        XCTAssertTrue(r.text.contains("\"points\":127"), r.text)
        // The idle keep-alive connection was closed without an answer.
        XCTAssertThrowsError(try idle.readResponse())
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0, server.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(sent), 5, "the drain waited for nothing")
    }

    /// Finding 3: after a refused reload of a snapshot damaged in place, a worker that died was replaced by workers
    /// that loaded the damaged file, exited and were restarted every 1–2 s while /metrics said 2 workers. Workers
    /// now start from the serving copy; one that cannot start is counted, paused longer each time, and not counted
    /// in `santei_workers`.
    func testAWorkerThatDiesAfterARefusedReloadIsReplacedFromTheServingSet() throws {
        let good = NSTemporaryDirectory() + "santei-good-\(UUID().uuidString).snapshot"
        let live = NSTemporaryDirectory() + "santei-live-\(UUID().uuidString).snapshot"
        defer { for f in [good, live] { try? FileManager.default.removeItem(atPath: f) } }
        let compiled = try SanteiExecutable.run(["masters", "compile", "--masters", "Masters", "--out", good])
        XCTAssertEqual(compiled.status, 0, compiled.err)
        try FileManager.default.copyItem(atPath: good, toPath: live)
        let server = try ServerProcess(["--snapshot", live], workers: 2)
        defer { _ = server.stop() }
        func metric(_ name: String) throws -> Double? { try server.metric(name)[name] }
        func waitForTwoWorkers(without old: Int32, _ seconds: Double) -> [Int32] {
            let deadline = Date().addingTimeInterval(seconds)
            var pids: [Int32] = []
            while Date() < deadline {
                pids = (try? server.workerPIDs()) ?? []
                if pids.count == 2 && !pids.contains(old) && !pids.contains(0) { break }
                usleep(50_000)
            }
            return pids
        }

        // The snapshot is damaged in place; SIGHUP is refused and the set that was loaded keeps serving.
        let fd = open(live, O_RDWR)
        XCTAssertGreaterThanOrEqual(fd, 0)
        var byte: UInt8 = 0
        let at = off_t(lseek(fd, 0, SEEK_END) / 3)
        XCTAssertEqual(pread(fd, &byte, 1, at), 1)
        byte ^= 0x40
        XCTAssertEqual(pwrite(fd, &byte, 1, at), 1)
        close(fd)
        kill(server.process.processIdentifier, SIGHUP)
        var deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !server.stderr.contains("\"event\":\"reload_refused\"") { usleep(50_000) }
        XCTAssertTrue(server.stderr.contains("checksum mismatch"), server.stderr)

        // A worker dies: its replacement starts from the set that serves, not from the damaged file.
        let first = try server.workerPIDs()
        guard first[0] > 0 else { return XCTFail("worker 0 is not serving: \(server.stderr)") }   // kill(0, …) is the test's own group
        kill(first[0], SIGKILL)
        let replaced = waitForTwoWorkers(without: first[0], 20)
        XCTAssertFalse(replaced.contains(first[0]) || replaced.contains(0), "\(replaced)\n\(server.stderr)")
        XCTAssertFalse(server.stderr.contains("worker_start_failed"), server.stderr)
        XCTAssertEqual(try metric("santei_workers"), 2)
        XCTAssertEqual(try metric("santei_worker_start_failures_total"), 0)
        for _ in 0..<8 {
            let r = try HTTPClient(port: server.port).request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter)
            XCTAssertTrue(r.text.contains("\"points\":127"), r.text)
        }
        XCTAssertTrue(try HTTPClient(port: server.port).request("GET", "/v1/masters").text.contains(live))

        // When even the serving copy is gone (a /tmp cleaner), a replacement cannot start: it is counted, paused
        // 1 s, 2 s, 4 s …, and santei_workers says 1. A reload that publishes a set brings it back.
        let folders = try FileManager.default.contentsOfDirectory(atPath: "/tmp").filter { $0.hasPrefix("santei-serve-sets-") }
        let copy = try XCTUnwrap(folders.map { "/tmp/\($0)/set-\(server.process.processIdentifier)-1.snapshot" }.first { FileManager.default.fileExists(atPath: $0) })
        XCTAssertEqual(unlink(copy), 0)
        let second = try server.workerPIDs()
        guard second[0] > 0 else { return XCTFail("worker 0 is not serving: \(server.stderr)") }   // kill(0, …) is the test's own group
        kill(second[0], SIGKILL)
        usleep(4_500_000)
        XCTAssertEqual(try metric("santei_workers"), 1, server.stderr)
        let failures = try XCTUnwrap(try metric("santei_worker_start_failures_total"))
        XCTAssertTrue((1...3).contains(failures), "\(failures) start failures in 4.5 s: not paused longer each time\n\(server.stderr)")
        XCTAssertTrue(server.stderr.contains("\"event\":\"worker_start_failed\",\"worker\":0"), server.stderr)
        XCTAssertEqual(try HTTPClient(port: server.port).request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).status, 200)
        let r = try HTTPClient(port: server.port).request("POST", "/v1/admin/reload", body: Array("{\"snapshot\":\"\(good)\"}".utf8))
        XCTAssertEqual(r.status, 200, r.text)
        deadline = Date().addingTimeInterval(40)
        while Date() < deadline, (try? metric("santei_workers")) != 2 { usleep(200_000) }
        XCTAssertEqual(try metric("santei_workers"), 2, server.stderr)
    }
}

/// `santei serve --stdio` with the given request lines; the answer lines.
enum StdioRun {
    static func run(_ lines: [[UInt8]]) throws -> [[UInt8]] {
        let file = NSTemporaryDirectory() + "santei-stdio-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(lines.flatMap { $0 + [10] }).write(to: URL(fileURLWithPath: file))
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = dir.appendingPathComponent("santei")
        if !FileManager.default.fileExists(atPath: exe.path) { exe = dir.deletingLastPathComponent().appendingPathComponent("santei") }
        let p = Process()
        p.executableURL = exe
        p.arguments = ["serve", "--stdio"]
        p.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        p.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data).split(separator: 10).map(Array.init)
    }
}

/// libSanteiC.so through dlopen/dlsym, as a C program links it.
final class CLibrary: @unchecked Sendable {
    typealias Open = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer?
    typealias Call = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<UInt8>?, Int,
                                     UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?) -> Int32
    typealias Reload = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
    typealias Close = @convention(c) (OpaquePointer?) -> Void
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    struct Failure: Error, CustomStringConvertible { var description: String }
    let engine: OpaquePointer
    let callF: Call, reloadF: Reload, closeF: Close, freeF: Free

    init(path: String? = nil) throws {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var lib = dir.appendingPathComponent("libSanteiC.so")
        if !FileManager.default.fileExists(atPath: lib.path) { lib = dir.deletingLastPathComponent().appendingPathComponent("libSanteiC.so") }
        guard let h = dlopen(lib.path, RTLD_NOW | RTLD_LOCAL) else { throw XCTSkip("libSanteiC.so not built next to the tests: \(String(cString: dlerror()))") }
        func sym<T>(_ name: String, _ t: T.Type) throws -> T {
            guard let s = dlsym(h, name) else { throw Failure(description: "no symbol \(name)") }
            return unsafeBitCast(s, to: t)
        }
        let open = try sym("santei_open", Open.self)
        callF = try sym("santei_call", Call.self); reloadF = try sym("santei_reload", Reload.self)
        closeF = try sym("santei_close", Close.self); freeF = try sym("santei_free", Free.self)
        var error: UnsafeMutablePointer<CChar>?
        guard let e = open(path, &error) else {
            let text = error.map { String(cString: $0) } ?? "?"
            freeF(error)
            throw Failure(description: text)
        }
        engine = e
    }
    deinit { closeF(engine) }

    func call(_ method: String, _ target: String, _ body: [UInt8]) throws -> (status: Int32, body: [UInt8]) {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = body.withUnsafeBufferPointer { b in callF(engine, method, target, b.baseAddress, b.count, &out, &length) }
        defer { freeF(out) }
        guard let out else { throw Failure(description: "no answer (status \(status))") }
        return (status, Array(UnsafeBufferPointer(start: out, count: length)))
    }

    /// nil when reloaded, else the error text.
    func reload(_ path: String?) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        if reloadF(engine, path, &error) == 0 { return nil }
        defer { freeF(error) }
        return error.map { String(cString: $0) } ?? "?"
    }
}

final class ErrorCounterBox: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// What the fuzz-http target does (Tools/fuzz/Sources/fuzz-http), on its seed corpus, in process:
/// the HTTP head reader, every route's reader and the --stdio reader answer every seed without a trap.
final class FuzzTargetTests: XCTestCase {
    func testTheHTTPFuzzSeedsAreAnsweredByEveryDoor() throws {
        let corpus = Paths.packageRoot + "/Tools/fuzz/corpus/fuzz-http"
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        let engine = try SanteiEngine(.embedded)
        for f in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + f)))
            _ = bytes.withUnsafeBytes { HTTPParser.parseHead($0, limits: HTTPLimits()) }
            for route in ["/v1/encounter", "/v1/claims/price", "/v1/claims/audit?mode=apply", "/v1/copay"] {
                let r = engine.handle(method: "POST", target: route, body: bytes[...])
                XCTAssertTrue((200..<600).contains(r.status), "\(f) \(route): \(r.status)")
                XCTAssertFalse(r.body.isEmpty, "\(f) \(route): an answer")
            }
            XCTAssertFalse(StdioService.answer(bytes[...], engine).isEmpty, f)
        }
    }

}
