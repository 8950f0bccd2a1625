import Foundation
import XCTest
@testable import Santei

/// A `santei serve` process on a free loopback port, talked to over real sockets.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: UInt16
    let accessLog: String
    private let errPipe = Pipe()
    private let errLock = NSLock()
    private var errText = ""

    init(_ extra: [String] = [], workers: Int = 2) throws {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = dir.appendingPathComponent("santei")
        if !FileManager.default.fileExists(atPath: exe.path) { exe = dir.deletingLastPathComponent().appendingPathComponent("santei") }
        guard FileManager.default.fileExists(atPath: exe.path) else { throw XCTSkip("santei executable not built next to the tests") }
        accessLog = NSTemporaryDirectory() + "santei-access-\(UUID().uuidString).log"
        process.executableURL = exe
        // An option is given once (`santei serve` refuses a repeated one): a test's own --access-log replaces this one.
        let log = extra.contains("--access-log") ? [] : ["--access-log", accessLog]
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--workers", "\(workers)"] + log + extra
        process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let handle = errPipe.fileHandleForReading
        let lock = errLock
        var port: UInt16 = 0
        let deadline = Date().addingTimeInterval(60)
        var text = ""
        while port == 0 && Date() < deadline {
            let d = handle.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
            if let r = text.range(of: "\"port\":") {
                port = UInt16(text[r.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        guard port != 0 else { process.terminate(); throw NSError(domain: "serve", code: 1, userInfo: [NSLocalizedDescriptionKey: "server did not start: \(text)"]) }
        self.port = port
        errText = text
        // Keep reading stderr so the server never blocks on it.
        Thread.detachNewThread { [weak self] in
            while true {
                let d = handle.availableData
                if d.isEmpty { return }
                lock.lock(); self?.errText += String(decoding: d, as: UTF8.self); lock.unlock()
            }
        }
        // Ready when every worker serves (its pid is in /metrics only then: a test may signal it, and kill(0, …)
        // would signal the test's own process group).
        while Date() < deadline {
            if let pids = try? workerPIDs(), pids.count == workers, !pids.contains(where: { $0 <= 0 }) { return }
            usleep(50_000)
        }
    }

    var stderr: String { errLock.lock(); defer { errLock.unlock() }; return errText }

    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: accessLog)
        return process.terminationStatus
    }

    func metric(_ name: String) throws -> [String: Double] {
        let text = try HTTPClient(port: port).request("GET", "/metrics").text
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let parts = line.split(separator: " ")
            if parts.count == 2 { out[String(parts[0])] = Double(parts[1]) }
        }
        return out
    }

    func workerPIDs() throws -> [Int32] {
        try metric("santei_worker_pid").sorted { $0.key < $1.key }.map { Int32($0.value) }
    }
}

/// A blocking HTTP/1.1 client on one TCP connection (keep-alive), with raw byte access.
final class HTTPClient {
    struct Response { var status: Int; var headers: [String: String]; var body: [UInt8]; var text: String { String(decoding: body, as: UTF8.self) } }
    struct Closed: Error { var received: Int }
    let fd: Int32
    var buffer: [UInt8] = []

    init(port: UInt16, timeout: Double = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { let e = errno; close(fd); throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }
    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw POSIXError(.EPIPE) }
            off += n
        }
    }
    func send(_ s: String) throws { try send(Array(s.utf8)) }

    static func requestBytes(_ method: String, _ target: String, body: [UInt8]? = nil, headers: [String] = []) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        for h in headers { head += h + "\r\n" }
        return Array((head + "\r\n").utf8) + (body ?? [])
    }

    func request(_ method: String, _ target: String, body: [UInt8]? = nil, headers: [String] = []) throws -> Response {
        try send(Self.requestBytes(method, target, body: body, headers: headers))
        return try readResponse()
    }

    /// Reads one response (Content-Length bodies; `bodyless`: the answer to a HEAD, whose Content-Length names no content).
    func readResponse(bodyless: Bool = false) throws -> Response {
        var received = 0
        func fill() throws {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { throw Closed(received: received + buffer.count) }
            received += n
            buffer += chunk[0..<n]
        }
        while true {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let status = Int(lines[0].split(separator: " ")[1]) ?? 0
                var headers: [String: String] = [:]
                for l in lines.dropFirst() {
                    if let c = l.firstIndex(of: ":") { headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces) }
                }
                if status == 100 { buffer.removeFirst(end + 4); continue }
                let length = bodyless ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while buffer.count < end + 4 + length { try fill() }
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                return Response(status: status, headers: headers, body: body)
            }
            try fill()
        }
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for i in 0...(buffer.count - pattern.count) where buffer[i] == pattern[0] && Array(buffer[i..<(i + pattern.count)]) == pattern { return i }
        return nil
    }
}

enum ServeFixtures {
    /// The README's example claim (docs/examples/claims.jsonl, line 1).
    static var exampleClaim: [UInt8] {
        let text = (try? String(contentsOfFile: Paths.packageRoot + "/docs/examples/claims.jsonl", encoding: .utf8)) ?? ""
        return Array(text.split(separator: "\n")[0].utf8)
    }
    /// The example encounter with insurance (docs/examples/encounter.json).
    static var exampleEncounter: [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot + "/docs/examples/encounter.json")))) ?? []
    }
}
