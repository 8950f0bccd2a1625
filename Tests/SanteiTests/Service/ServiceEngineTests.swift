import Foundation
import XCTest
@testable import Santei
@testable import SanteiHTTP

/// The engine and the HTTP head reader, called directly.
final class ServiceEngineTests: XCTestCase {
    static let engine: SanteiEngine? = try? SanteiEngine(.embedded)

    func engine() throws -> SanteiEngine { try XCTUnwrap(Self.engine, "the embedded masters did not load") }

    func testTheWindowCallPricesTheLastEncounterAsPriceEncounterDoes() throws {
        let e = try engine()
        let r = e.handle(method: "POST", target: "/v1/encounter", body: ServeFixtures.exampleEncounter[...])
        XCTAssertEqual(r.status, 200, String(decoding: r.body, as: UTF8.self))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
        let claim = try ClaimJSON.parse(ServeFixtures.exampleEncounter[...])
        let reference = try e.loaded.pricer.priceEncounter(claim, encounter: claim.encounters.count - 1)
        XCTAssertEqual(json["points"] as? Int, reference.points)
        let orders = try XCTUnwrap(json["orders"] as? [[String: Any]])
        XCTAssertEqual(orders.map { $0["points"] as? Int }, reference.orders.sorted { $0.order < $1.order }.map(\.points))
        XCTAssertEqual(orders.map { $0["encounter"] as? Int }, reference.orders.map { _ in reference.encounter })
        // The window payment is ClaimCopay's visit for that encounter.
        let priced = try e.loaded.pricer.price(claim)
        let copay = try XCTUnwrap(try ClaimCopay.compute(claim, priced, parameters: try e.loaded.copayParameters.get()))
        XCTAssertEqual((json["window"] as? [String: Any])?["window_yen"] as? Int, copay.visits.last?.windowYen)
        XCTAssertEqual((json["month"] as? [String: Any])?["window_total_yen"] as? Int, copay.windowTotalYen)
    }

    /// A reload from a FIFO (no writer) or a device is refused at once — the open had blocked a worker for good —
    /// and a path with NUL (\u0000), which the system would cut and read as another file, is a 4xx naming the field
    /// (robustness sweep). Both times the running set keeps serving.
    func testAReloadFromAFIFOOrAPathWithNULIsRefused() throws {
        let e = try engine()
        let before = e.loaded.snapshotID
        let fifo = NSTemporaryDirectory() + "santei-reload-\(UUID().uuidString).fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let refused = e.handle(method: "POST", target: "/v1/admin/reload", body: Array("{\"snapshot\":\"\(fifo)\"}".utf8)[...])
        XCTAssertEqual(refused.status, 422, String(decoding: refused.body, as: UTF8.self))
        XCTAssertTrue(String(decoding: refused.body, as: UTF8.self).contains("not a regular file"), String(decoding: refused.body, as: UTF8.self))
        let device = e.handle(method: "POST", target: "/v1/admin/reload", body: Array(#"{"snapshot":"/dev/zero"}"#.utf8)[...])
        XCTAssertEqual(device.status, 422, String(decoding: device.body, as: UTF8.self))
        for key in ["snapshot", "masters"] {
            let nul = e.handle(method: "POST", target: "/v1/admin/reload", body: Array("{\"\(key)\":\"/tmp/x.snapshot\\u0000garbage\"}".utf8)[...])
            XCTAssertTrue((400..<500).contains(nul.status) && nul.status != 422, "\(nul.status) \(String(decoding: nul.body, as: UTF8.self))")
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(nul.body)) as? [String: Any])
            XCTAssertEqual((json["error"] as? [String: Any])?["field"] as? String ?? json["field"] as? String, key, "\(json)")
        }
        XCTAssertEqual(e.loaded.snapshotID, before, "the running set keeps serving")
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/encounter", body: ServeFixtures.exampleEncounter[...]).status, 200)
    }

    /// issue 12 item 3: the window amount is the one after 背反 (03-1: 140000610 創傷処置 / 112011010 外来管理加算,
    /// 背反区分 1 keeps 創傷処置); `audit=off` prices what was ordered; any other value is a 400 naming `audit`.
    func testTheWindowCallAppliesTheAuditByDefault() throws {
        let e = try engine()
        let claim = #"{"id":"w","patient":{"birth_date":"1958-03-12","sex":"1"},"insurance":{"income_class":"ウ"},"facility":{"kind":"clinic","beds":0},"encounters":[{"date":"2024-06-17","visit":"revisit","orders":[{"category":12,"items":[{"code":"112007410"},{"code":"112011010"}]},{"category":40,"items":[{"code":"140000610"}]}]}]}"#
        func answer(_ query: String) throws -> [String: Any] {
            let r = e.handle(method: "POST", target: "/v1/encounter" + query, body: Array(claim.utf8)[...])
            XCTAssertEqual(r.status, 200, String(decoding: r.body, as: UTF8.self))
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
        }
        let applied = try answer(""), off = try answer("?audit=off"), apply = try answer("?audit=apply")
        let appliedPoints = try XCTUnwrap(applied["points"] as? Int), offPoints = try XCTUnwrap(off["points"] as? Int)
        let addOn = try XCTUnwrap(try e.loaded.pricer.price(try ClaimJSON.parse(Array(#"{"id":"a","patient":{"birth_date":"1958-03-12","sex":"1"},"encounters":[{"date":"2024-06-17","orders":[{"category":12,"items":[{"code":"112011010"}]}]}]}"#.utf8)[...])).totalPoints)
        XCTAssertGreaterThan(addOn, 0)
        XCTAssertEqual(offPoints - appliedPoints, addOn, "外来管理加算 is not billed with 創傷処置 on the day")
        XCTAssertEqual(apply["points"] as? Int, appliedPoints)
        XCTAssertTrue((applied["notes"] as? [String] ?? []).contains { $0.hasPrefix("audit SA-H001: removed 112011010") }, "\(applied["notes"] ?? "")")
        let windowApplied = try XCTUnwrap((applied["window"] as? [String: Any])?["window_yen"] as? Int)
        let windowOff = try XCTUnwrap((off["window"] as? [String: Any])?["window_yen"] as? Int)
        XCTAssertLessThan(windowApplied, windowOff, "the window payment is the amount after the rule")
        let bad = e.handle(method: "POST", target: "/v1/encounter?audit=yes", body: Array(claim.utf8)[...])
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(String(decoding: bad.body, as: UTF8.self).contains("\"field\":\"audit\""))
    }

    func testAnEarlierEncounterDatedAfterTheWindowOneIsRefusedWithItsPath() throws {
        let text = String(decoding: ServeFixtures.exampleClaim, as: UTF8.self).replacingOccurrences(of: "\"2024-06-03\"", with: "\"2024-06-20\"")
        let r = try engine().handle(method: "POST", target: "/v1/encounter", body: Array(text.utf8)[...])
        XCTAssertEqual(r.status, 400)
        XCTAssertTrue(String(decoding: r.body, as: UTF8.self).contains("\"field\":\"encounters[0].date\""))
    }

    /// Review 66: a copay fault of the window call names its field by the claim's path (insurance.…), as
    /// `santei price` does, and a 地方単独公費 says that a claim cannot carry its rule.
    func testTheWindowCallNamesCopayFieldsByTheClaimsPath() throws {
        var claim = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ServeFixtures.exampleClaim)) as? [String: Any])
        claim["insurance"] = ["income_class": "ウ", "public_programs": [["law_number": "88"]]]
        let body = try JSONSerialization.data(withJSONObject: claim)
        let r = try engine().handle(method: "POST", target: "/v1/encounter", body: Array(body)[...])
        XCTAssertEqual(r.status, 400)
        let text = String(decoding: r.body, as: UTF8.self)
        XCTAssertTrue(text.contains("\"field\":\"insurance.public_programs[0].law_number\""), text)
        XCTAssertTrue(text.contains("does not carry them"), text)
    }

    func testFieldPathsAreTakenFromTheReadersMessages() {
        XCTAssertEqual(SanteiEngine.fieldPath("encounters[0].orders[1].items[2].code \"x\" is not a 9-digit code"), "encounters[0].orders[1].items[2].code")
        XCTAssertEqual(SanteiEngine.fieldPath("patient.birth_date: not a date"), "patient.birth_date")
        XCTAssertEqual(SanteiEngine.fieldPath("missing field patient"), "patient")
        XCTAssertEqual(SanteiEngine.fieldPath("copay: insurance.income_class: \"x\" is not an income class"), "insurance.income_class")
        XCTAssertNil(SanteiEngine.fieldPath("not JSON: expected '{' at byte 1"))
        // Review 58: the first word of a sentence is no path, and a full stop is not part of one.
        XCTAssertNil(SanteiEngine.fieldPath("a claim is a JSON object ({\"patient\": …}); this is a JSON array at byte 1"))
        XCTAssertEqual(SanteiEngine.fieldPath("insurance. expected an object"), "insurance")
        XCTAssertEqual(SanteiEngine.fieldPath("encounters \"x\" is not an array"), "encounters")
    }

    func testBatchesKeepOrderAndAreLimited() throws {
        let e = try engine()
        let one = ServeFixtures.exampleClaim
        let r = e.handle(method: "POST", target: "/v1/claims/price", body: (Array(" [".utf8) + one + Array(" , \"x\" ,".utf8) + one + Array("]\n".utf8))[...])
        XCTAssertEqual(r.status, 200)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body)) as? [[String: Any]])
        XCTAssertEqual(list.map { $0["line"] as? Int }, [1, 2, 3])
        XCTAssertNotNil(list[1]["error"]); XCTAssertNil(list[2]["error"])
        let tooMany = Array("[".utf8) + Array(repeating: Array("{},".utf8), count: 1001).flatMap { $0 }.dropLast() + Array("]".utf8)
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/claims/price", body: tooMany[...]).status, 400)
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/claims/price", body: Array("[{}".utf8)[...]).status, 400)
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/claims/price", body: Array("[]".utf8)[...]).body, Array("[]".utf8))
        // Review 166 L2: an element with a key twice, or nested past the limit, is answered in place as the CLI answers
        // its line; the good ones are kept (the whole batch was a 400).
        let twice = Array(#"{"id": "d", "id": "d"}"#.utf8), deep = Array(repeating: UInt8(ascii: "["), count: 5_000) + Array(repeating: UInt8(ascii: "]"), count: 5_000)
        let notUTF8: [UInt8] = [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]
        for bad in [twice, deep, notUTF8] {
            let mixed = e.handle(method: "POST", target: "/v1/claims/price", body: (Array("[".utf8) + one + [44] + bad + [44] + one + Array("]".utf8))[...])
            XCTAssertEqual(mixed.status, 200, String(decoding: mixed.body.prefix(300), as: UTF8.self))
            let answers = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(mixed.body)) as? [[String: Any]])
            XCTAssertEqual(answers.map { $0["line"] as? Int }, [1, 2, 3])
            XCTAssertNil(answers[0]["error"]); XCTAssertNil(answers[2]["error"])
            XCTAssertNotNil(answers[1]["error"] as? String, "\(answers[1])")
        }
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/claims/price", body: (Array("[".utf8) + one + Array(#",{"a": "x]"#.utf8))[...]).status, 400, "a string that never closes")
    }

    func testRoutesMatchTemplatesAndMethods() {
        XCTAssertEqual(Route.match(method: "GET", path: "/v1/masters/111000110"), .route(.mastersCode, code: "111000110"))
        XCTAssertEqual(Route.match(method: "GET", path: "/v1/masters"), .route(.masters, code: nil))
        XCTAssertEqual(Route.match(method: "POST", path: "/v1/masters"), .methodNotAllowed(allow: ["GET"]))
        XCTAssertEqual(Route.match(method: "GET", path: "/v1/masters/1/2"), .notFound)
    }

    func parse(_ s: String, _ limits: HTTPLimits = HTTPLimits()) -> HTTPParser.Result {
        Array(s.utf8).withUnsafeBytes { HTTPParser.parseHead($0, limits: limits) }
    }

    func testTheHeadReaderKeepsWhatTheServiceUsesAndRefusesTheRest() {
        let text = "POST /v1/encounter?x=1 HTTP/1.1\r\nHost: a\r\ncontent-LENGTH: 12\r\nConnection: close\r\nExpect: 100-continue\r\n\r\n{\"a\":1}"
        guard case .head(let h, let n) = parse(text) else { return XCTFail() }
        XCTAssertEqual(h.method, "POST"); XCTAssertEqual(h.target, "/v1/encounter?x=1"); XCTAssertEqual(h.contentLength, 12)
        XCTAssertFalse(h.keepAlive); XCTAssertTrue(h.expectContinue); XCTAssertEqual(n, text.utf8.count - 7)
        guard case .head(let h10, _) = parse("GET / HTTP/1.0\r\n\r\n") else { return XCTFail() }
        XCTAssertFalse(h10.keepAlive)
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nHost: a\r\n"), .incomplete)
        guard case .head(let te, _) = parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") else { return XCTFail() }
        XCTAssertTrue(te.chunked)
        if case .failure(let code, _) = parse("GET / HTTP/2.0\r\n\r\n") { XCTAssertEqual(code, .badRequest) } else { XCTFail() }
        if case .failure(let code, _) = parse("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") { XCTAssertEqual(code, .badRequest) } else { XCTFail() }
        // Review 58: a Content-Length past an Int is too large (413), not "not a number"; leading zeros do not count;
        // a head of bare-LF lines is refused at once, not left to time out; a lower-case method is named as such.
        if case .failure(let code, _) = parse("POST / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n") { XCTAssertEqual(code, .payloadTooLarge) } else { XCTFail() }
        guard case .head(let zeros, _) = parse("POST / HTTP/1.1\r\nContent-Length: 00000000000000000000012\r\n\r\n") else { return XCTFail() }
        XCTAssertEqual(zeros.contentLength, 12)
        if case .failure(let code, let why) = parse("GET /healthz HTTP/1.1\nHost: a\n\n") { XCTAssertEqual(code, .badRequest); XCTAssertTrue(why.contains("LF alone"), why) } else { XCTFail() }
        if case .failure(_, let why) = parse("post / HTTP/1.1\r\n\r\n") { XCTAssertTrue(why.contains("capitals"), why) } else { XCTFail() }
        if case .failure(let code, _) = parse("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") { XCTAssertEqual(code, .badRequest) } else { XCTFail() }
        if case .failure(let code, _) = parse("GET / HTTP/1.1\r\n x: folded\r\n\r\n") { XCTAssertEqual(code, .badRequest) } else { XCTFail() }
        var small = HTTPLimits(); small.maxHead = 64
        if case .failure(let code, _) = parse("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100), small) { XCTAssertEqual(code, .headersTooLarge) } else { XCTFail() }
        var few = HTTPLimits(); few.maxHeaders = 2
        if case .failure(let code, _) = parse("GET / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n", few) { XCTAssertEqual(code, .headersTooLarge) } else { XCTFail() }
    }

    /// A query pair with an empty key (`=`, `=x`, `==`) trapped the engine (fuzz-http reproducer, kept
    /// in Tools/fuzz/corpus/fuzz-http/regression-query-empty-key): skipped, the other pairs still read.
    func testQueryPairsWithAnEmptyKeyAreSkipped() throws {
        for q in ["=", "&=&", "==", "=x&date=2024-06-01", "a=1&=2&&b", "date=2024-06-01&="] {
            let query = ServiceQuery(q)
            XCTAssertNil(query[""], q)
            if q.contains("date=2024-06-01") { XCTAssertEqual(query["date"], "2024-06-01", q) }
        }
        let engine = try SanteiEngine(.embedded)
        let r = engine.handle(method: "GET", target: "/v1/masters/111000110?=&date=2024-06-01&==", body: [])
        XCTAssertEqual(r.status, 200, String(decoding: r.body, as: UTF8.self))
        let line = try Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot + "/Tools/fuzz/corpus/fuzz-http/regression-query-empty-key"))
        XCTAssertFalse(StdioService.answer([UInt8](line)[...], engine).isEmpty)
    }

    /// Review 48: a request line whose id was read before its fault answers with that id (the caller matches the error
    /// to its request), not null. (A batch — a body that is an array — answers a bad element in place, 200: review 166 L2.)
    func testABadStdioRequestKeepsTheIDItGave() throws {
        let engine = try XCTUnwrap(Self.engine)
        for line in [#"{"id": 17, "route": 5}"#, #"{"id": "a-7", "body": {}}"#, #"{"id": 17, "route": "POST /v1/claims/price", "extra": 1}"#,
                     #"{"id": 17, "route": "POST /v1/claims/price", "body": {"a": "# + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}}"] {
            let answer = StdioService.answer(Array(line.utf8)[...], engine)
            let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any], line)
            XCTAssertEqual(o["status"] as? Int, 400, line)
            XCTAssertFalse(o["id"] is NSNull, "\(line) → \(String(decoding: answer, as: UTF8.self))")
        }
        // Without an id before the fault: null.
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(StdioService.answer(Array(#"{"route": 5, "id": 3}"#.utf8)[...], engine))) as? [String: Any])
        XCTAssertEqual(o["status"] as? Int, 400)
    }

    /// Review 136 BUG-1: a body is its own document on stdio as over HTTP — nested exactly to the 64 levels of the limit it
    /// is priced (the envelope made it 65 and it was refused), and nested past them the answer's body is the HTTP door's,
    /// byte for byte (stdio named field null and "body.x[0]…").
    func testAStdioBodyIsReadAsTheHTTPBodyIsAtAnyDepth() throws {
        let engine = try XCTUnwrap(Self.engine)
        func claim(_ depth: Int) -> String {
            #"{"id":"n","patient":{"birth_date":"1980-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}],"x":"#
                + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}"
        }
        for (depth, status) in [(64, 200), (65, 400), (300, 400)] {
            let body = claim(depth)
            let http = engine.handle(method: "POST", target: "/v1/claims/price", body: Array(body.utf8)[...])
            XCTAssertEqual(http.status, status, "depth \(depth): \(String(decoding: http.body.prefix(200), as: UTF8.self))")
            let line = #"{"id":1,"route":"POST /v1/claims/price","body":"# + body + "}"
            let stdio = StdioService.answer(Array(line.utf8)[...], engine)
            let expected = Array(#"{"id":1,"status":\#(status),"body":"#.utf8) + http.body + Array("}\n".utf8)
            XCTAssertEqual(String(decoding: stdio, as: UTF8.self), String(decoding: expected, as: UTF8.self), "depth \(depth)")
        }
    }

    /// A POST route named without a method and without a body: the answer says the body is missing (400), not that
    /// GET is not allowed; an explicit `GET` on a POST route is still 405.
    func testAStdioRequestWithoutItsBodySaysTheBodyIsMissing() throws {
        let engine = try XCTUnwrap(Self.engine)
        func answer(_ line: String) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(StdioService.answer(Array(line.utf8)[...], engine))) as? [String: Any], line)
        }
        let missing = try answer(#"{"id": 4, "route": "/v1/claims/price"}"#)
        XCTAssertEqual(missing["status"] as? Int, 400)
        let error = try XCTUnwrap((missing["body"] as? [String: Any])?["error"] as? [String: Any])
        XCTAssertEqual(error["field"] as? String, "body")
        XCTAssertTrue((error["message"] as? String)?.contains("missing") == true, "\(error)")
        XCTAssertEqual(try answer(#"{"id": 5, "route": "GET /v1/claims/price"}"#)["status"] as? Int, 405)
        XCTAssertEqual(try answer(#"{"id": 6, "route": "/healthz"}"#)["status"] as? Int, 200)
    }

    /// Review 58: `?audit=off&audit=apply` priced with the last value, silently.
    func testAQueryParameterGivenTwiceIsRefused() throws {
        let engine = try XCTUnwrap(Self.engine)
        let twice = engine.handle(method: "POST", path: "/v1/claims/price", query: "audit=off&audit=apply", body: Array(ServeFixtures.exampleClaim)[...])
        XCTAssertEqual(twice.status, 400)
        XCTAssertTrue(String(decoding: twice.body, as: UTF8.self).contains("audit given twice"))
        XCTAssertEqual(engine.handle(method: "POST", path: "/v1/claims/price", query: "audit=off&audit=off", body: Array(ServeFixtures.exampleClaim)[...]).status, 200)
    }

    func testUTF8CheckRefusesOverlongsSurrogatesAndTruncations() {
        XCTAssertTrue(UTF8Check.isValid(Array("診療 abc".utf8)[...]))
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE3, 0x81], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
            XCTAssertFalse(UTF8Check.isValid(bad[...]), "\(bad)")
        }
    }

    // MARK: Review 76: the reload body, query parameters, whole-body errors, byte order marks

    func errorField(_ r: ServiceResponse) throws -> Any? {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any], String(decoding: r.body, as: UTF8.self))
        return try XCTUnwrap(json["error"] as? [String: Any], "\(json)")["field"] as Any?
    }

    /// Finding 4: `{"snapshto": …}` reloaded the current set and said 200; `{"snapshot": 5}` named no field.
    func testAReloadBodyWithAnUnknownKeyOrAPathThatIsNoStringIsRefusedNamingTheKey() throws {
        let e = try engine()
        let before = e.loaded
        for (body, field) in [(#"{"snapshto":"/nonexistent.snapshot"}"#, "snapshto"), (#"{"snapshot":"/x.snapshot","force":true}"#, "force"),
                              (#"{"snapshot":5}"#, "snapshot"), (#"{"masters":null}"#, "masters"), (#"{"masters":["/srv"]}"#, "masters")] {
            let r = e.handle(method: "POST", target: "/v1/admin/reload", body: Array(body.utf8)[...])
            XCTAssertEqual(r.status, 400, body)
            XCTAssertEqual(r.error, .badField, body)
            XCTAssertEqual(try errorField(r) as? String, field, String(decoding: r.body, as: UTF8.self))
        }
        for body in ["[1]", "{\"snapshot\":", "5"] {
            let r = e.handle(method: "POST", target: "/v1/admin/reload", body: Array(body.utf8)[...])
            XCTAssertEqual(r.status, 400, body)
            XCTAssertEqual(r.error, .badJSON, body)
        }
        XCTAssertTrue(e.loaded === before, "a refused reload body loaded a set")
    }

    /// Weak A6: `?explian=full` was ignored and the answer came back compact.
    func testAQueryParameterTheRouteDoesNotReadIsRefusedNamingIt() throws {
        let e = try engine()
        for (target, field) in [("/v1/encounter?explian=full", "explian"), ("/v1/claims/price?explain=full&audti=off", "audti"),
                                ("/v1/claims/audit?explain=full", "explain"), ("/v1/masters?date=2024-06-01", "date")] {
            let method = target.hasPrefix("/v1/masters") ? "GET" : "POST"
            let r = e.handle(method: method, target: target, body: method == "POST" ? ServeFixtures.exampleEncounter[...] : [])
            XCTAssertEqual(r.status, 400, target)
            XCTAssertEqual(try errorField(r) as? String, field, String(decoding: r.body, as: UTF8.self))
        }
        XCTAssertEqual(e.handle(method: "POST", target: "/v1/encounter?explain=full&audit=advise", body: ServeFixtures.exampleEncounter[...]).status, 200)
        XCTAssertEqual(e.handle(method: "GET", target: "/v1/masters/111000110?date=2024-06-01&kind=s", body: []).status, 200)
        // Review 393 IG-2: a long code is quoted short (a 10 MB one was echoed whole through santei_call).
        let long = e.handle(method: "GET", target: "/v1/masters/" + String(repeating: "9", count: 100_000) + "?date=2024-06-01", body: [])
        XCTAssertEqual(long.status, 400)
        XCTAssertEqual(try errorField(long) as? String, "code")
        XCTAssertLessThan(long.body.count, 1_000, String(decoding: long.body.prefix(300), as: UTF8.self))
        XCTAssertTrue(String(decoding: long.body, as: UTF8.self).contains("(100000 bytes)"))
        // Review 401 IO-4: a 9-digit code whose first digit names no master is told so (it was told it needs 9 digits).
        let nine = e.handle(method: "GET", target: "/v1/masters/999999999?date=2024-06-01", body: [])
        XCTAssertEqual(nine.status, 400)
        XCTAssertTrue(String(decoding: nine.body, as: UTF8.self).contains("the first digit of a 9-digit code names its master"), String(decoding: nine.body, as: UTF8.self))
    }

    /// Weak B5: an error about the whole body said `"field": null` in some answers and `"field": ""` in others.
    func testAnErrorAboutTheWholeBodyHasFieldNull() throws {
        let e = try engine()
        let batch = "[" + Array(repeating: "1", count: SanteiEngine.maxBatch + 1).joined(separator: ",") + "]"
        // A body cut short or not closed is no JSON document: no field either (review 229 BX-3: `{"id":` named "id").
        for (route, body) in [("/v1/encounter", Array("null".utf8)), ("/v1/encounter", Array("{bad".utf8)), ("/v1/claims/price", [0xFF, 0x7B]),
                              ("/v1/encounter", Array(#"{"id":"#.utf8)), ("/v1/encounter", Array(#"{"id":"a","patient":{"birth_date":"#.utf8)), ("/v1/encounter", Array(#"{"id":"a",}"#.utf8)),
                              ("/v1/claims/price", Array(batch.utf8)), ("/v1/copay", Array(batch.utf8))] {
            let r = e.handle(method: "POST", target: route, body: body[...])
            XCTAssertEqual(r.status, 400, "\(route) \(String(decoding: body.prefix(20), as: UTF8.self))")
            XCTAssertTrue(try errorField(r) is NSNull, String(decoding: r.body, as: UTF8.self))
            XCTAssertFalse(String(decoding: r.body, as: UTF8.self).contains("\"field\":\"\""))
        }
    }

    /// Weak D7/H5: a body or stdio line starting with a UTF-8 byte order mark got "unexpected character at byte 1".
    func testABodyOrStdioLineStartingWithAByteOrderMarkIsReadAsWithoutIt() throws {
        let e = try engine()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let plain = e.handle(method: "POST", target: "/v1/encounter", body: ServeFixtures.exampleEncounter[...])
        let marked = e.handle(method: "POST", target: "/v1/encounter", body: (bom + ServeFixtures.exampleEncounter)[...])
        XCTAssertEqual(marked.status, 200, String(decoding: marked.body, as: UTF8.self))
        XCTAssertEqual(marked.body, plain.body)
        let line = Array(#"{"id":1,"route":"POST /v1/encounter","body":"#.utf8) + ServeFixtures.exampleEncounter.filter { $0 != 10 } + Array("}".utf8)
        XCTAssertEqual(StdioService.answer((bom + line)[...], e), StdioService.answer(line[...], e))
        XCTAssertTrue(String(decoding: StdioService.answer((bom + line)[...], e), as: UTF8.self).hasPrefix("{\"id\":1,\"status\":200,"))
    }
}
