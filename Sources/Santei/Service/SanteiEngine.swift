import Foundation

/// The one engine every door calls — the HTTP service (`santei serve`), `santei serve --stdio` and the C
/// library (`libSanteiC`): a loaded master set behind a swappable reference, and `handle`, which turns a
/// request (method, path, query, body bytes) into the documented JSON answer (docs/api/openapi.json).
///
/// Thread-safe: any number of threads may call `handle` at once. `reload` loads the new set beside the
/// running one and swaps the reference; a request holds the set it started with until it ends.
public final class SanteiEngine: @unchecked Sendable {
    private var current: LoadedSet
    private let lock = NSLock()
    private var isDraining = false
    /// The request counters `/metrics` shows (the server gives a shared mapping).
    public let metrics: ServiceMetrics
    /// More Prometheus lines for `/metrics` (the server's workers, restarts, reloads).
    public var extraMetrics: (@Sendable () -> String)?
    /// Set by the HTTP server: takes the set a `POST /v1/admin/reload` loaded and verified, publishes it to the other
    /// workers and installs it here (in place of the plain swap). Throwing refuses the reload; the old set keeps serving.
    public var publishReload: (@Sendable (LoadedSet) throws(EngineError) -> Void)?
    /// EF BB BF.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// Largest batch (JSON array) one request may carry.
    public static let maxBatch = 1000

    public init(_ source: MasterSource, metrics: ServiceMetrics = ServiceMetrics()) throws(EngineError) {
        current = try LoadedSet.load(source)
        self.metrics = metrics
    }

    /// An engine on a set loaded already (a server worker: the published serving copy).
    public init(set: LoadedSet, metrics: ServiceMetrics = ServiceMetrics()) {
        current = set
        self.metrics = metrics
    }

    /// Swaps `set` in: requests that start from now on run on it; those running keep theirs.
    public func install(_ set: LoadedSet) { lock.lock(); current = set; lock.unlock() }

    /// The set requests start on now.
    public var loaded: LoadedSet { lock.lock(); defer { lock.unlock() }; return current }

    /// While draining (SIGTERM) `/readyz` answers 503.
    public var draining: Bool {
        get { lock.lock(); defer { lock.unlock() }; return isDraining }
        set { lock.lock(); isDraining = newValue; lock.unlock() }
    }

    /// Loads `source` (default: the running set's source) beside the running set and swaps it in. A
    /// set that fails to load (a damaged snapshot, a bad file) is refused and the old one keeps serving.
    @discardableResult
    public func reload(_ source: MasterSource? = nil) throws(EngineError) -> (old: LoadedSet, new: LoadedSet) {
        let old = loaded
        let new = try LoadedSet.load(source ?? old.source)
        lock.lock(); current = new; lock.unlock()
        return (old, new)
    }

    /// `handle(method:path:query:body:)` with a request target `path?query`.
    public func handle(method: String, target: String, body: ArraySlice<UInt8>) -> ServiceResponse {
        if let q = target.firstIndex(of: "?") {
            return handle(method: method, path: String(target[..<q]), query: String(target[target.index(after: q)...]), body: body)
        }
        return handle(method: method, path: target, query: nil, body: body)
    }

    /// Answers one request. Never throws and never traps on input: every failure is an error answer.
    public func handle(method: String, path: String, query: String?, body: ArraySlice<UInt8>) -> ServiceResponse {
        // A UTF-8 byte order mark before the body is skipped, as the CLI skips one before the first line
        // (.NET's and Java's writers add it by default; review 76 D7).
        let body = body.starts(with: Self.byteOrderMark) ? body.dropFirst(3) : body
        switch Route.match(method: method, path: path) {
        case .notFound:
            return .error(.notFound, "no route \(path) (see docs/api/openapi.json)")
        case .methodNotAllowed(let allow):
            return .error(.methodNotAllowed, "\(method) is not allowed on \(path); use \(allow.joined(separator: ", "))", headers: [("Allow", allow.joined(separator: ", "))])
        case .route(let route, let code):
            let set = loaded
            let q = ServiceQuery(query)
            if let key = q.repeated {
                var r = ServiceResponse.error(.badRequest, "query parameter \(key) given twice with different values", field: key)
                r.route = route
                return r
            }
            // A parameter the route does not read is refused, not ignored: `?explian=full` answered compact (review 76 A6).
            if let key = q.values.keys.sorted().first(where: { !route.queryParameters.contains($0) }) {
                let reads = route.queryParameters.isEmpty ? "reads no query parameter" : "reads " + route.queryParameters.sorted().joined(separator: ", ")
                var r = ServiceResponse.error(.badRequest, "unknown query parameter \(key): \(route.rawValue) \(reads)", field: key)
                r.route = route
                return r
            }
            var r = answer(route, code: code, query: q, body: body, set)
            r.route = route
            return r
        }
    }

    /// The `field` of a body that StrictJSON refuses: the path of a value at fault (a key twice, a string with a control character), none
    /// when the body is no JSON document at all — cut short, or a structure that does not close (docs/embedding.md: `null` when the fault
    /// is the whole body; review 229 BX-3: HTTP named "id" for the body `{"id":`, stdio named none).
    static func faultField(_ e: JSONInputError) -> String? {
        e.message.hasPrefix("unexpected end of input") || e.message.hasPrefix("expected ") || e.path.isEmpty ? nil : e.path
    }

    private func answer(_ route: Route, code: String?, query: ServiceQuery, body: ArraySlice<UInt8>, _ set: LoadedSet) -> ServiceResponse {
        // Every JSON body is read strictly once at the door (UTF-8, depth, duplicate keys, literals,
        // numbers: StrictJSON, as every other door); the records' own readers then take their parts.
        // A batch (a JSON array) is read element by element instead (`JSONArraySplit`): a bad element is answered in place
        // and the good ones are kept (review 166 L2: one duplicate key made the whole batch a 400).
        if route.method == "POST", route != .reload, !Self.isArray(body) {
            guard UTF8Check.isValid(body) else { return .error(.badJSON, "the body is not UTF-8") }
            do throws(JSONInputError) { try StrictJSON.validate(body, maxBytes: Int.max) } catch {
                return .error(.badJSON, "not JSON: \(error.description)", field: Self.faultField(error))
            }
        }
        switch route {
        case .encounter, .claimsPrice:
            // audit=apply (default) | advise | off: issue 12 item 3, as `santei price --audit`.
            guard let setting = ServiceLines.auditSetting(query["audit"]) else {
                return .error(.badField, "audit=\(query["audit"] ?? "") is not apply, advise or off", field: "audit")
            }
            // explain=compact (default) | full: issue 15 item 4, as `santei price --explain`.
            guard let explain = ServiceLines.explainSetting(query["explain"]) else {
                return .error(.badField, "explain=\(query["explain"] ?? "") is not compact or full", field: "explain")
            }
            let audit = setting.mode.map { (set.auditor, $0) }
            if route == .encounter { return ServiceEncounter.answer(body, set, audit: audit, explain: explain) }
            let context = ServiceLines.PriceContext(pricer: set.pricer, audit: audit, copayParameters: set.copayParameters, explain: explain)
            return records(body, noun: "claims") { bytes, line in
                switch ServiceLines.price(bytes, line: line, context) {
                case .success(let out): return (out, nil)
                case .failure(let e): return (Self.errorLine(e, line), Self.claimFailure(e, set))
                }
            }
        case .claimsAudit:
            let modeText = query["mode"] ?? "advise"
            guard let mode = AuditMode(rawValue: modeText) else { return .error(.badField, "mode=\(modeText) is not advise or apply", field: "mode") }
            return records(body, noun: "claims") { bytes, line in
                switch ServiceLines.audit(bytes, auditor: set.auditor, mode: mode, pricer: set.pricer) {
                case .success(let r):
                    var out: [UInt8] = []
                    AuditOutput.write(r, line: line, into: &out)
                    return (out, nil)
                case .failure(let e): return (Self.errorLine(e, line), Self.claimFailure(e, set))
                }
            }
        case .copay:
            guard case .success(let parameters) = set.copayParameters else {
                return .error(.internalError, "no copay parameters (Masters/params/copay)")
            }
            let engine = MonthlySettlement(parameters: parameters)
            return records(body, noun: "cases") { bytes, line in
                let r = ServiceLines.copay(bytes, line: line, engine: engine)
                guard let e = r.error else { return (r.bytes, nil) }
                return (r.bytes, .error(.badField, e.description, field: e.field.isEmpty ? nil : e.field))
            }
        case .mastersCode: return ServiceMasters.inspect(code ?? "", query: query, set)
        case .masters: return ServiceMasters.info(set)
        case .auditChecks: return ServiceMasters.checks()
        case .healthz: return ServiceResponse(status: 200, body: Array("{\"status\":\"ok\"}".utf8))
        case .readyz:
            if draining { return .error(.draining, "draining: finishing requests in flight before exit") }
            return ServiceResponse(status: 200, body: Array("{\"snapshot_id\":\"\(set.snapshotID)\",\"status\":\"ready\"}".utf8))
        case .metrics:
            return ServiceResponse(status: 200, contentType: "text/plain; version=0.0.4", body: Array(metrics.prometheus(extra: extraMetrics?() ?? "").utf8))
        case .reload: return reloadAnswer(body)
        }
    }

    /// A single record (a JSON object: the CLI line, 200, or an error answer) or a JSON array of up to
    /// `maxBatch` (200: an array of CLI lines, an error record in place of a bad one, in order).
    private func records(_ body: ArraySlice<UInt8>, noun: String,
                         _ one: (ArraySlice<UInt8>, Int) -> (bytes: [UInt8], error: ServiceResponse?)) -> ServiceResponse {
        guard Self.isArray(body) else {
            let r = one(body, 1)
            if let error = r.error { return error }
            return ServiceResponse(status: 200, body: r.bytes)
        }
        let elements: [Range<Int>]
        switch JSONArraySplit.elements(body, limit: Self.maxBatch) {
        case .failure(let e): return .error(e.tooMany ? .badField : .badJSON, e.message)
        case .success(let list): elements = list
        }
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (k, range) in elements.enumerated() {
            if k > 0 { out.append(44) }
            out += one(body[range], k + 1).bytes
        }
        out.append(UInt8(ascii: "]"))
        return ServiceResponse(status: 200, body: out)
    }

    /// Whether the body's first byte after white space opens a JSON array.
    static func isArray(_ body: ArraySlice<UInt8>) -> Bool {
        body.first { ![32, 9, 10, 13].contains($0) } == UInt8(ascii: "[")
    }

    /// The CLI's error line for a record that is not a claim (`{"error", "line"}`).
    static func errorLine(_ e: ClaimError, _ line: Int) -> [UInt8] {
        var out: [UInt8] = []
        ClaimJSON.writeError(e.message, line: line, id: e.claimID, into: &out)
        return out
    }

    /// A claim that could not be priced or audited: 422 when a service date is one no loaded master
    /// covers (never a zero price), else 400 with the field path from the message.
    static func claimFailure(_ e: ClaimError, _ set: LoadedSet) -> ServiceResponse {
        if e.message.contains("master covers") {
            // An encounter's date is what no master covers: named as /v1/encounter names it (review 357 GW-1: `encounters[0]`
            // on one route, `encounters[0].date` on the other).
            var field = fieldPath(e.message)
            if let f = field, f.hasPrefix("encounters["), f.hasSuffix("]"), !f.dropFirst(11).contains("[") { field = f + ".date" }
            return .error(.dateNotCovered, e.message, field: field)
        }
        if e.message.hasPrefix("not JSON") { return .error(.badJSON, e.message) }
        return .error(.badField, e.message, field: fieldPath(e.message))
    }

    /// The JSON path at the head of an error message (`encounters[0].date: …`, `missing field patient.birth_date`,
    /// `copay: insurance.income_class: …`), or nil.
    static let topLevelFields: Set<String> = ["id", "patient", "facility", "encounters", "diseases", "insurance", "admission", "inpatient", "service_month"]

    public static func fieldPath(_ message: String) -> String? {
        var text = Substring(message)
        for prefix in ["copay: ", "missing field "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        let word = text.prefix { $0 != " " && $0 != ":" }
        let colon = text.dropFirst(word.count).first == ":"
        // A sentence's last word may end with a full stop ("insurance."): not part of the path.
        var head = word
        while head.last == "." { head = head.dropLast() }
        guard !head.isEmpty, head.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_[].".contains($0)) }),
              head.first?.isLetter == true, head != "not", head != "encounter" || head.contains("[") else { return nil }
        // A path: "path: …", a dotted or indexed path, or a claim's top-level field — not the first word of a sentence
        // ("a claim is a JSON object …" named the field "a"; review 58).
        guard colon || head.contains(".") || head.contains("[") || Self.topLevelFields.contains(String(head)) else { return nil }
        return String(head)
    }

    /// `POST /v1/admin/reload`: an empty body reloads the running set's source; `{"snapshot": FILE}` or
    /// `{"masters": DIR}` switches to another. Any other key is refused naming it — a misspelt key had reloaded
    /// the current set and said 200 (review 76 F5) — and a member that is not a string names its key (F4).
    private func reloadAnswer(_ body: ArraySlice<UInt8>) -> ServiceResponse {
        var source: MasterSource?
        if body.contains(where: { ![32, 9, 10, 13].contains($0) }) {
            let shape = "the body is {\"snapshot\": FILE} or {\"masters\": DIR} or empty"
            guard UTF8Check.isValid(body) else { return .error(.badJSON, "the body is not UTF-8") }
            do throws(JSONInputError) { try StrictJSON.validate(body, maxBytes: Int.max) } catch {
                return .error(.badJSON, "not JSON: \(error.description)", field: Self.faultField(error))
            }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
                return .error(.badJSON, shape)
            }
            if let key = object.keys.sorted().first(where: { $0 != "snapshot" && $0 != "masters" }) {
                return .error(.badField, "\(key): unknown field; \(shape)", field: key)
            }
            var paths: [String: String] = [:]
            for key in ["snapshot", "masters"] {
                guard let value = object[key] else { continue }
                guard let path = value as? String else { return .error(.badField, "\(key): expected a string (a path); \(shape)", field: key) }
                // A path with NUL (\u0000) would be cut there by the system and name another file.
                if path.contains("\0") { return .error(.badField, "\(key): a path cannot contain NUL (\\u0000)", field: key) }
                paths[key] = path
            }
            if paths.count == 2 { return .error(.badField, "give snapshot or masters, not both", field: "snapshot") }
            if let s = paths["snapshot"] { source = .snapshot(s) }
            if let m = paths["masters"] { source = .masters(m) }
        }
        do throws(EngineError) {
            let old = loaded
            let new = try LoadedSet.load(source ?? old.source)
            if let publishReload { try publishReload(new) } else { install(new) }
            struct Answer: Encodable { var reloaded: Bool; var source: String; var snapshot_id: String; var previous_snapshot_id: String }
            return ServiceJSON.encode(Answer(reloaded: true, source: new.source.description, snapshot_id: new.snapshotID, previous_snapshot_id: old.snapshotID))
        } catch {
            // The key whose path was refused (review 92 W2: field was null); an empty body names no field.
            let field: String? = switch source { case .snapshot: "snapshot"; case .masters: "masters"; default: nil }
            return .error(.reloadRefused, "reload refused, the running set keeps serving: \(error.message)", field: field)
        }
    }
}

/// `a=1&b=2` with percent-decoding.
struct ServiceQuery {
    var values: [String: String] = [:]
    /// A key given twice (`audit=off&audit=apply`): the routes refuse the query rather than pick one (review 58).
    var repeated: String? = nil
    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            // `=`, `=x` and `==` are pairs with an empty key: skipped (a fuzz-http reproducer trapped here).
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = kv.first, !key.isEmpty else { continue }
            let k = String(key).removingPercentEncoding ?? String(key)
            let v = kv.count > 1 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(kv[1])) : ""
            if values[k] != nil, values[k] != v, repeated == nil { repeated = k }
            values[k] = v
        }
    }
    subscript(_ key: String) -> String? { values[key] }
}

/// JSON answers of the small routes, with Foundation's encoder (sorted keys).
enum ServiceJSON {
    static func encode<T: Encodable>(_ value: T, status: Int = 200) -> ServiceResponse {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? e.encode(value) else { return .error(.internalError, "cannot encode the answer") }
        return ServiceResponse(status: status, body: [UInt8](data))
    }
}

/// UTF-8 well-formedness (no overlongs, no surrogates, ≤ U+10FFFF): StrictJSON's validator.
public enum UTF8Check {
    public static func isValid(_ b: ArraySlice<UInt8>) -> Bool { b.withUnsafeBufferPointer { StrictJSON.isValidUTF8($0) } }
}

/// The top-level elements of a JSON array, found without reading them (strings and nesting tracked,
/// no recursion): each element is then read by the record's own reader.
enum JSONArraySplit {
    struct Failure: Error { var message: String; var tooMany = false }

    static func elements(_ b: ArraySlice<UInt8>, limit: Int) -> Result<[Range<Int>], Failure> {
        var i = b.startIndex
        func ws() { while i < b.endIndex, [32, 9, 10, 13].contains(b[i]) { i += 1 } }
        ws()
        guard i < b.endIndex, b[i] == UInt8(ascii: "[") else { return .failure(Failure(message: "not JSON: expected '['")) }
        i += 1
        var out: [Range<Int>] = []
        ws()
        if i < b.endIndex, b[i] == UInt8(ascii: "]") {
            i += 1; ws()
            return i == b.endIndex ? .success([]) : .failure(Failure(message: "not JSON: unexpected text after the array at byte \(i - b.startIndex + 1)"))
        }
        while true {
            ws()
            let start = i
            // One element's span, read strictly (nesting and strings tracked without recursion).
            var failed: JSONInputError?
            b.withUnsafeBufferPointer { p in
                var k = i - b.startIndex
                do throws(JSONInputError) { try StrictJSON.skipValue(p, &k, depth: 1, path: "[\(out.count)]") } catch { failed = error }
                i = b.startIndex + k
            }
            if let failed {
                // An element that is not a good record (a key twice, nesting past the limit, a bad string) is still one
                // element when its brackets and strings close: its own reader answers it in place, as the CLI answers
                // its line, and the good ones are kept (review 166 L2: one duplicate key lost the whole batch).
                guard let end = Self.lenientEnd(b, start) else { return .failure(Failure(message: "not JSON: \(failed.description)")) }
                i = end
            }
            ws()
            guard i < b.endIndex else { return .failure(Failure(message: "not JSON: the array does not end")) }
            var end = i
            while end > start, [32, 9, 10, 13].contains(b[end - 1]) { end -= 1 }
            guard end > start else { return .failure(Failure(message: "not JSON: empty array element at byte \(i - b.startIndex + 1)")) }
            out.append(start..<end)
            guard out.count <= limit else { return .failure(Failure(message: "more than \(limit) records in one request; split the batch", tooMany: true)) }
            if b[i] == UInt8(ascii: "]") { break }
            guard b[i] == 44 else { return .failure(Failure(message: "not JSON: unexpected '\(Character(Unicode.Scalar(b[i])))' at byte \(i - b.startIndex + 1)")) }
            i += 1
        }
        i += 1
        ws()
        guard i == b.endIndex else { return .failure(Failure(message: "not JSON: unexpected text after the array at byte \(i - b.startIndex + 1)")) }
        return .success(out)
    }

    /// The end of the value at `start` by its brackets and strings alone (no recursion, no depth limit, keys not read):
    /// nil when the body ends first.
    static func lenientEnd(_ b: ArraySlice<UInt8>, _ start: Int) -> Int? {
        var i = start, depth = 0, inString = false
        while i < b.endIndex {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false; if depth == 0 { return i + 1 } }
            } else {
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return i }
                    depth -= 1
                    if depth == 0 { return i + 1 }
                case 44, 32, 9, 10, 13: if depth == 0 { return i }
                default: break
                }
            }
            i += 1
        }
        return depth == 0 && !inString && i > start ? i : nil
    }
}
