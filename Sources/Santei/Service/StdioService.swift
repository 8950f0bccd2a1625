import Foundation

/// `santei serve --stdio`: one request a line on standard input, `{"id": any, "route": "POST /v1/encounter",
/// "body": {…}}` (a GET route may carry its query: `"GET /v1/masters/111000110?date=2024-06-01"`; a route
/// without a method is POST when a body is given, else GET), and one answer a line on standard output,
/// in order: `{"id": <the id as given>, "status": 200, "body": <the same bytes the HTTP service answers>}`
/// (a text answer such as /metrics is a JSON string).
public enum StdioService {
    /// How a run ended: the requests answered, and the `errno` of a write to the output that failed (a reader that closed the
    /// pipe, a full disk) — the command then exits 1, as every command does on a failed write (review 379 HS-1: exit 0).
    public struct Outcome: Sendable {
        public var answered: Int
        public var writeError: Int32?
    }

    /// Serves until end of input, or until an answer cannot be written.
    @discardableResult
    public static func run(_ engine: SanteiEngine, input: Int32 = 0, output: Int32 = 1, maxLine: Int = 8 << 20) -> Outcome {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var answered = 0
        var skipping = false
        // The physical line a request is on, as `santei price` counts lines (review 366 HF-4: blank lines were not counted):
        // LF, CR and CRLF each end one line.
        var lineNumber = 0
        var afterCR = false
        while true {
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer += chunk[0..<n]
            var start = 0
            // A line ends at LF or at CR (CRLF gives an empty line, skipped): a client whose lines end with CR alone
            // gets one answer a request, as `santei price` splits such a file (review 190 AK3).
            while let nl = buffer[start...].firstIndex(where: { $0 == 10 || $0 == 13 }) {
                let crlf = afterCR && nl == start && buffer[nl] == 10
                afterCR = buffer[nl] == 13
                if !crlf { lineNumber += 1 }
                if skipping { skipping = false; start = nl + 1; continue }
                let line = buffer[start..<nl]
                start = nl + 1
                if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
                if !write(answer(line, engine, lineNumber: lineNumber), to: output) { return Outcome(answered: answered, writeError: errno) }
                answered += 1
            }
            buffer.removeFirst(start)
            if buffer.count > maxLine {
                if !skipping {
                    var out = Array("{\"id\":null,\"status\":413,\"body\":".utf8)
                    out += ServiceResponse.error(.payloadTooLarge, "line \(lineNumber + 1): request line longer than \(maxLine) bytes").body
                    out += Array("}\n".utf8)
                    if !write(out, to: output) { return Outcome(answered: answered, writeError: errno) }
                    answered += 1
                }
                skipping = true
                buffer.removeAll()
            }
        }
        if !buffer.isEmpty && !skipping, !buffer.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
            if !write(answer(buffer[...], engine, lineNumber: lineNumber + 1), to: output) { return Outcome(answered: answered, writeError: errno) }
            answered += 1
        }
        return Outcome(answered: answered, writeError: nil)
    }

    private static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { AtomicFile.writeAll(fd, $0) }
    }

    /// The answer line (with its line break) to one request line; `lineNumber`: where it is in the input (1-based, blank
    /// lines counted), named in the error of a line that is no request (review 361 HA-4: a client sending many found
    /// the one at fault by counting answers).
    public static func answer(_ line: ArraySlice<UInt8>, _ engine: SanteiEngine, lineNumber: Int? = nil) -> [UInt8] {
        let start = ServiceClock.monotonicMicros()
        // A UTF-8 byte order mark before a line is skipped, as the CLI skips one (review 76 H5).
        let line = line.starts(with: SanteiEngine.byteOrderMark) ? line.dropFirst(3) : line
        var id: [UInt8] = Array("null".utf8)
        let response: ServiceResponse
        switch RequestLine.read(line) {
        case .failure(let f):
            // The id when it was read before the fault: the caller matches the error to its request.
            if let given = f.id { id = given }
            response = .error(.badJSON, lineNumber.map { "line \($0): " + f.message } ?? f.message)
        case .success(let r):
            id = r.id
            let method = r.method ?? (r.body == nil ? "GET" : "POST")
            let answer = engine.handle(method: method, target: r.target, body: r.body ?? [][...])
            // A POST route named without a method and without a body was read as GET: say the body is missing,
            // not that GET is not allowed (review 48).
            if r.method == nil, r.body == nil, answer.error == .methodNotAllowed {
                response = .error(.badRequest, "body: missing (\(r.target) is POST with a body: {\"id\", \"route\", \"body\": {…}})", field: "body", route: answer.route)
            } else {
                response = answer
            }
        }
        engine.metrics.record(route: response.route, error: response.error, micros: ServiceClock.monotonicMicros() - start)
        var out = Array("{\"id\":".utf8) + id + Array(",\"status\":".utf8)
        ClaimJSON.put(response.status, &out)
        out += Array(",\"body\":".utf8)
        if response.contentType.hasPrefix("application/json") { out += response.body } else { ClaimJSON.put(String(decoding: response.body, as: UTF8.self), &out) }
        out += Array("}\n".utf8)
        return out
    }

    struct Failure: Error { var message: String; var id: [UInt8]? = nil }
    struct RequestLine {
        var id: [UInt8]
        var method: String?
        var target: String
        var body: ArraySlice<UInt8>?

        /// The end of the JSON value starting at `start` by its brackets and strings alone (no recursion, no validation:
        /// the route reads it strictly), or nil when it does not end before the line does.
        static func valueEnd(_ b: ArraySlice<UInt8>, _ start: Int) -> Int? {
            var i = start, depth = 0, inString = false
            while i < b.endIndex {
                let c = b[i]
                if inString {
                    if c == 92 { i += 1 } else if c == 34 { inString = false; if depth == 0 { return i + 1 } }
                } else if c == 34 {
                    inString = true
                } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    if depth == 0 { return i }
                    depth -= 1
                    if depth == 0 { return i + 1 }
                } else if depth == 0 && c == 44 {
                    return i
                }
                i += 1
            }
            return depth == 0 && !inString ? i : nil
        }

        /// Reads the top level of `{"id", "route", "body"}`; the values are kept as their bytes.
        static func read(_ b: ArraySlice<UInt8>) -> Result<RequestLine, Failure> {
            guard UTF8Check.isValid(b) else { return .failure(Failure(message: "the request line is not UTF-8")) }
            var i = b.startIndex
            func ws() { while i < b.endIndex, [32, 9, 10, 13].contains(b[i]) { i += 1 } }
            ws()
            guard i < b.endIndex, b[i] == UInt8(ascii: "{") else { return .failure(Failure(message: "not JSON: a request line is {\"id\", \"route\", \"body\"}")) }
            i += 1
            var fields: [String: ArraySlice<UInt8>] = [:]
            ws()
            if i < b.endIndex, b[i] == UInt8(ascii: "}") { i += 1 } else {
                while true {
                    ws()
                    guard i < b.endIndex, b[i] == 34 else { return .failure(Failure(message: "not JSON: expected a key at byte \(i - b.startIndex + 1)")) }
                    let keyStart = i + 1
                    i += 1
                    while i < b.endIndex, b[i] != 34 { if b[i] == 92 { i += 1 }; i += 1 }
                    guard i < b.endIndex else { return .failure(Failure(message: "not JSON: a key does not end")) }
                    let key = String(decoding: b[keyStart..<i], as: UTF8.self)
                    i += 1; ws()
                    guard i < b.endIndex, b[i] == 58 else { return .failure(Failure(message: "not JSON: expected ':' at byte \(i - b.startIndex + 1)")) }
                    i += 1; ws()
                    let valueStart = i
                    // The value's span, read strictly (StrictJSON: strings, nesting, literals, numbers).
                    var failed: JSONInputError?
                    b.withUnsafeBufferPointer { p in
                        var k = i - b.startIndex
                        // The body is its own document (depth counted from it, as the HTTP door counts it).
                        do throws(JSONInputError) { try StrictJSON.skipValue(p, &k, depth: key == "body" ? 0 : 1, path: key) } catch { failed = error }
                        i = b.startIndex + k
                    }
                    if failed != nil, key == "body", let end = Self.valueEnd(b, valueStart) {
                        // A body the strict reader refuses (nested past the limit, a bad number …) goes to the route as it is:
                        // its answer is then the HTTP door's, byte for byte (review 136: stdio answered field null and
                        // "body.x[0]…" where HTTP names the field "x[0]…").
                        i = end; failed = nil
                    }
                    if let failed { return .failure(Failure(message: "not JSON: \(failed.description)", id: fields["id"].map(Array.init))) }
                    ws()
                    guard i < b.endIndex, b[i] == 44 || b[i] == UInt8(ascii: "}") else { return .failure(Failure(message: "not JSON: the request line does not end")) }
                    var end = i
                    while end > valueStart, [32, 9, 10, 13].contains(b[end - 1]) { end -= 1 }
                    guard end > valueStart else { return .failure(Failure(message: "not JSON: \(key) has no value")) }
                    guard fields[key] == nil else { return .failure(Failure(message: "\(key) is given twice")) }
                    fields[key] = b[valueStart..<end]
                    if b[i] == UInt8(ascii: "}") { i += 1; break }
                    i += 1
                }
            }
            ws()
            guard i == b.endIndex else { return .failure(Failure(message: "not JSON: unexpected text after the request")) }
            for k in fields.keys where !["id", "route", "body"].contains(k) { return .failure(Failure(message: "\(k): unknown field (a request line is {\"id\", \"route\", \"body\"})", id: fields["id"].map(Array.init))) }
            guard let routeBytes = fields["route"], let route = try? JSONDecoder().decode(String.self, from: Data(routeBytes)) else {
                return .failure(Failure(message: "route: missing or not a string (e.g. \"POST /v1/encounter\")", id: fields["id"].map(Array.init)))
            }
            let parts = route.split(separator: " ", maxSplits: 1)
            var method: String?, target = route
            if parts.count == 2 { method = String(parts[0]); target = String(parts[1]) }
            return .success(RequestLine(id: fields["id"].map(Array.init) ?? Array("null".utf8), method: method, target: target, body: fields["body"]))
        }
    }
}
