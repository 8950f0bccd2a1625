import Foundation
import XCTest
@testable import Santei

/// `santei serve` over real loopback sockets: routes, error statuses, connection handling.
final class ServeHTTPTests: XCTestCase {
    var server: ServerProcess!

    override func setUpWithError() throws { server = try ServerProcess(["--request-timeout", "1", "--max-connections", "40"]) }
    override func tearDown() { _ = server?.stop() }

    func client() throws -> HTTPClient { try HTTPClient(port: server.port) }

    func testEveryRouteAnswersOverRealSockets() throws {
        let c = try client()
        let enc = try c.request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter)
        XCTAssertEqual(enc.status, 200, enc.text)
        let e = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(enc.body)) as? [String: Any])
        XCTAssertEqual(e["encounter"] as? Int, 1)
        XCTAssertEqual(e["points"] as? Int, 127, enc.text)   // 再診料 75 + 外来管理加算 52 on 2024-06-17
        let window = try XCTUnwrap(e["window"] as? [String: Any])
        XCTAssertEqual(window["window_yen"] as? Int, 380, enc.text)   // 1,270円 × 30% = 381 → 10円未満四捨五入
        XCTAssertEqual((e["month"] as? [String: Any])?["total_points"] as? Int, 755)

        let price = try c.request("POST", "/v1/claims/price", body: ServeFixtures.exampleClaim)
        XCTAssertEqual(price.status, 200)
        XCTAssertTrue(price.text.contains("\"total_points\":755"), price.text)
        let batch = try c.request("POST", "/v1/claims/price", body: Array("[".utf8) + ServeFixtures.exampleClaim + Array(",{\"id\":\"x\"}]".utf8))
        XCTAssertEqual(batch.status, 200)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(batch.body)) as? [[String: Any]])
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["line"] as? Int, 1); XCTAssertEqual(items[0]["total_points"] as? Int, 755)
        XCTAssertEqual(items[1]["line"] as? Int, 2); XCTAssertNotNil(items[1]["error"])

        let audit = try c.request("POST", "/v1/claims/audit?mode=apply", body: ServeFixtures.exampleClaim)
        XCTAssertEqual(audit.status, 200, audit.text)
        XCTAssertTrue(audit.text.contains("\"mode\":\"apply\""), audit.text)

        let copayCase = Array(#"{"id": "a", "service_month": "2025-06", "patient": {"age_band": "under70", "income_class": "ア", "copay_rate_percent": 30, "inpatient": true}, "bills": [{"yen_total": 945760, "covered_by": ["insurance"]}]}"#.utf8)
        let copay = try c.request("POST", "/v1/copay", body: copayCase)
        XCTAssertEqual(copay.status, 200, copay.text)
        XCTAssertTrue(copay.text.contains("\"patient_yen\""), copay.text)
        let badCase = try c.request("POST", "/v1/copay", body: Array(#"{"id": "b", "service_month": "2025-06", "patient": {"age_band": "under70", "income_class": "カ", "copay_rate_percent": 30, "inpatient": true}, "bills": []}"#.utf8))
        XCTAssertEqual(badCase.status, 400, badCase.text)
        XCTAssertTrue(badCase.text.contains("\"field\":\"patient.income_class\"") || badCase.text.contains("\"field\":\"income_class\""), badCase.text)

        let inspect = try c.request("GET", "/v1/masters/111000110?date=2024-06-01")
        XCTAssertEqual(inspect.status, 200)
        XCTAssertTrue(inspect.text.contains("291.00 点"), inspect.text)
        let before = try c.request("GET", "/v1/masters/111000110?date=2024-05-31")
        XCTAssertTrue(before.text.contains("288.00 点"), before.text)
        let masters = try c.request("GET", "/v1/masters")
        XCTAssertEqual(masters.status, 200)
        XCTAssertTrue(masters.text.contains("\"sha256\""), masters.text)
        XCTAssertTrue(masters.text.contains("\"snapshot_id\""), masters.text)
        let checks = try c.request("GET", "/v1/audit/checks")
        XCTAssertTrue(checks.text.contains("SA-C001"), checks.text)
        XCTAssertEqual(try c.request("GET", "/healthz").status, 200)
        XCTAssertEqual(try c.request("GET", "/readyz").status, 200)
        let metrics = try c.request("GET", "/metrics")
        XCTAssertTrue(metrics.headers["content-type"]?.hasPrefix("text/plain") ?? false)
        XCTAssertTrue(metrics.text.contains("santei_requests_total{route=\"POST /v1/encounter\"} 1"), metrics.text)
        XCTAssertTrue(metrics.text.contains("santei_request_duration_seconds_bucket{le=\"+Inf\"}"), metrics.text)
        let reload = try c.request("POST", "/v1/admin/reload", body: [])
        XCTAssertEqual(reload.status, 200, reload.text)
        // The access log has one line per request and no claim content.
        usleep(300_000)
        let log = (try? String(contentsOfFile: server.accessLog, encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("\"route\":\"POST /v1/encounter\",\"status\":200"), log)
        // Quoted and dashed as the claim writes them: a bare "1958" may be a duration in µs or a byte count of the log itself.
        XCTAssertFalse(log.contains("111000110") || log.contains("\"example-1\"") || log.contains("1958-"), "claim content in the access log: \(log)")
    }

    func testErrorStatusesCarryJSONErrorsWithFieldPaths() throws {
        let c = try client()
        let badJSON = try c.request("POST", "/v1/claims/price", body: Array("xyz".utf8))
        XCTAssertEqual(badJSON.status, 400); XCTAssertTrue(badJSON.text.contains("\"code\":\"bad_json\""), badJSON.text)
        var claim = String(decoding: ServeFixtures.exampleClaim, as: UTF8.self)
        claim = claim.replacingOccurrences(of: "\"2024-06-17\"", with: "\"2024-06-99\"")
        let badField = try c.request("POST", "/v1/encounter", body: Array(claim.utf8))
        XCTAssertEqual(badField.status, 400)
        XCTAssertTrue(badField.text.contains("\"field\":\"encounters[1].date\""), badField.text)
        let uncovered = String(decoding: ServeFixtures.exampleClaim, as: UTF8.self).replacingOccurrences(of: "2024-06-", with: "2031-06-")
        let u = try c.request("POST", "/v1/encounter", body: Array(uncovered.utf8))
        XCTAssertEqual(u.status, 422, u.text); XCTAssertTrue(u.text.contains("date_not_covered"), u.text)
        let up = try c.request("POST", "/v1/claims/price", body: Array(uncovered.utf8))
        XCTAssertEqual(up.status, 422, up.text)
        // Review 357 GW-1: both routes name the date as the field.
        XCTAssertTrue(u.text.contains("\"field\":\"encounters[0].date\"") && up.text.contains("\"field\":\"encounters[0].date\""), u.text + up.text)
        XCTAssertEqual(try c.request("GET", "/v1/nothing").status, 404)
        let m = try c.request("GET", "/v1/encounter")
        XCTAssertEqual(m.status, 405); XCTAssertEqual(m.headers["allow"], "POST")
        XCTAssertEqual(try c.request("GET", "/v1/masters/111000110?date=2031-01-01").status, 422)
        XCTAssertEqual(try c.request("GET", "/v1/masters/111999999?date=2024-06-01").status, 404)

        let t = try client()
        try t.send("POST /v1/claims/price HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertEqual(try t.readResponse().status, 415)
        let chunked = try client()
        try chunked.send("POST /v1/claims/price HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        XCTAssertEqual(try chunked.readResponse().status, 411)
        let noLength = try client()
        try noLength.send("POST /v1/claims/price HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try noLength.readResponse().status, 411)
        let big = try client()
        try big.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n")
        XCTAssertEqual(try big.readResponse().status, 431)
        let garbage = try client()
        try garbage.send("HELLO\r\n\r\n")
        XCTAssertEqual(try garbage.readResponse().status, 400)
        // Review 357 GW-4: the answer to a HEAD carries no content (RFC 9110 §9.3.2) — the GET after it on the connection
        // reads its own answer, not the 405's JSON.
        let head = try client()
        try head.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let h = try head.readResponse(bodyless: true)
        XCTAssertEqual(h.status, 405)
        XCTAssertNotEqual(h.headers["content-length"], "0")
        XCTAssertEqual(try head.readResponse().status, 200)
        // The server still answers after all of these.
        XCTAssertEqual(try client().request("GET", "/healthz").status, 200)
    }

    func testOneGiBContentLengthGets413WithoutTheBodyBeingRead() throws {
        let c = try client()
        let start = Date()
        try c.send("POST /v1/encounter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"id\":")
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 413, r.text)
        XCTAssertEqual(r.headers["connection"], "close")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testKeepAliveReusesOneConnection() throws {
        usleep(200_000)   // the readiness probe's connection is closed
        let c = try client()
        for _ in 0..<5 {
            let r = try c.request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter)
            XCTAssertEqual(r.status, 200)
            XCTAssertNil(r.headers["connection"])
        }
        // One connection served them all: the open-connections gauge counts it once.
        let open = try server.metric("santei_open_connections")["santei_open_connections"] ?? -1
        XCTAssertEqual(open, 2)   // this client + the one asking for /metrics
    }

    func testARequestSplitAcrossManySegments() throws {
        let c = try client()
        let bytes = HTTPClient.requestBytes("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter)
        var i = 0
        while i < bytes.count {
            let n = min(7, bytes.count - i)
            try c.send(Array(bytes[i..<(i + n)]))
            usleep(1000)
            i += n
        }
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertTrue(r.text.contains("\"points\":127"), r.text)
    }

    func testExpect100ContinueIsAnsweredBeforeTheBodyIsSent() throws {
        let c = try client()
        let body = ServeFixtures.exampleEncounter
        try c.send("POST /v1/encounter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.count)\r\n\r\n")
        var chunk = [UInt8](repeating: 0, count: 64)
        let n = chunk.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, 0) }
        XCTAssertTrue(n > 0 && String(decoding: chunk[0..<n], as: UTF8.self).hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
        try c.send(body)
        XCTAssertEqual(try c.readResponse().status, 200)
    }

    func testTwoRequestsInOneSegmentAreAnsweredInOrder() throws {
        let c = try client()
        try c.send(HTTPClient.requestBytes("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter) + HTTPClient.requestBytes("GET", "/v1/masters/111000110?date=2024-05-31"))
        let first = try c.readResponse(), second = try c.readResponse()
        XCTAssertTrue(first.text.contains("\"points\":127"), first.text)
        XCTAssertTrue(second.text.contains("288.00 点"), second.text)
    }

    func testInvalidUTF8DeepNestingAndManyKeysAreAnsweredAndTheServiceGoesOn() throws {
        let c = try client()
        let bad = try c.request("POST", "/v1/claims/price", body: Array("{\"id\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8))
        XCTAssertEqual(bad.status, 400, bad.text)
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        let deepObject = Array("{\"id\":\"d\",\"x\":".utf8) + deep + Array("}".utf8)
        for body in [deep, deepObject] {
            let d = try client()
            if let r = try? d.request("POST", "/v1/claims/price", body: body) { XCTAssertTrue(r.status >= 400 && r.status < 500 || r.status == 200, r.text) }
        }
        var many = "{\"id\":\"k\""
        for k in 0..<10_000 { many += ",\"k\(k)\":\(k)" }
        many += "}"
        let k = try client()
        if let r = try? k.request("POST", "/v1/claims/price", body: Array(many.utf8)) { XCTAssertEqual(r.status, 400, r.text) }
        // Whatever became of those requests, every other caller is still served.
        for _ in 0..<4 { XCTAssertEqual(try client().request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).status, 200) }
    }

    func testSlowHeaderSenderGets408AndDoesNotHoldAWorker() throws {
        let slow = try client()
        let head = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: abcdefghijklmnopqrstuvwxyz\r\n\r\n".utf8)
        let start = Date()
        var answeredMeanwhile = 0
        var got408 = false
        for b in head {
            do { try slow.send([b]) } catch { break }
            // Meanwhile every other caller is answered at once (2 workers, 1 slow client each could hold).
            for _ in 0..<2 {
                let t0 = Date()
                XCTAssertEqual(try client().request("GET", "/healthz").status, 200)
                XCTAssertLessThan(Date().timeIntervalSince(t0), 0.5)
                answeredMeanwhile += 1
            }
            usleep(100_000)
            if Date().timeIntervalSince(start) > 1.6 { break }
        }
        if let r = try? slow.readResponse() { got408 = r.status == 408 }
        XCTAssertTrue(got408)
        XCTAssertGreaterThan(answeredMeanwhile, 10)
    }

    func testConnectionsBeyondTheLimitGet503WithRetryAfter() throws {
        _ = server.stop()
        server = try ServerProcess(["--max-connections", "3"])
        usleep(300_000)   // the readiness probe's connection is closed
        var held: [HTTPClient] = []
        for _ in 0..<3 {
            let h = try client()
            XCTAssertEqual(try h.request("GET", "/healthz").status, 200)
            held.append(h)
        }
        // The next connection is refused with 503 (the gauge of open connections is shared by the workers;
        // a connection the other worker has not yet counted may slip through, so allow one more try).
        var refused: HTTPClient.Response?
        for _ in 0..<2 where refused == nil {
            let over = try client()
            let r = try over.request("GET", "/healthz")
            if r.status == 503 { refused = r } else { held.append(over) }
        }
        let r = try XCTUnwrap(refused, "no connection beyond --max-connections was refused")
        XCTAssertEqual(r.headers["retry-after"], "1")
        XCTAssertTrue(r.text.contains("overloaded"))
    }

    /// Review 379 HS-2: a connection that sends nothing is closed after --request-timeout, not the 60 s of an idle keep-alive
    /// one — silent sockets (port scanners, TCP probes) no longer hold the --max-connections slots.
    func testSilentConnectionsAreClosedAfterTheRequestTimeout() throws {
        _ = server.stop()
        server = try ServerProcess(["--max-connections", "3", "--request-timeout", "1"])
        usleep(300_000)   // the readiness probe's connection is closed
        let silent = try (0..<3).map { _ in try client() }
        try withExtendedLifetime(silent) {
            usleep(2_500_000)
            var answered: Int?
            for _ in 0..<2 where answered != 200 { answered = try client().request("GET", "/healthz").status }
            XCTAssertEqual(answered, 200)
        }
    }

    func testReloadIsForbiddenFromAnotherHostUnlessTheTokenIsGiven() throws {
        _ = server.stop()
        server = try ServerProcess(["--admin-token", "s3cret"])
        let c = try client()
        XCTAssertEqual(try c.request("POST", "/v1/admin/reload", body: []).status, 403)
        XCTAssertEqual(try c.request("POST", "/v1/admin/reload", body: [], headers: ["Authorization: Bearer wrong"]).status, 403)
        XCTAssertEqual(try c.request("POST", "/v1/admin/reload", body: [], headers: ["Authorization: Bearer s3cret"]).status, 200)
        let damaged = NSTemporaryDirectory() + "santei-damaged-\(UUID().uuidString).snapshot"
        defer { try? FileManager.default.removeItem(atPath: damaged) }
        try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: damaged))
        let refused = try c.request("POST", "/v1/admin/reload", body: Array("{\"snapshot\":\"\(damaged)\"}".utf8), headers: ["Authorization: Bearer s3cret"])
        XCTAssertEqual(refused.status, 422, refused.text)
        XCTAssertTrue(refused.text.contains("reload_refused"))
        XCTAssertEqual(try c.request("POST", "/v1/encounter", body: ServeFixtures.exampleEncounter).status, 200)
    }
}
