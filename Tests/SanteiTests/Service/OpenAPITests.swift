import Foundation
import XCTest
@testable import Santei

/// docs/api/openapi.json and the server agree: the same routes, the documented statuses, the claim
/// schema of docs/claim-format.md, the error codes.
final class OpenAPITests: XCTestCase {
    func document() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot + "/docs/api/openapi.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testTheDocumentListsExactlyTheServersRoutes() throws {
        let doc = try document()
        XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, methods) in paths { for m in methods.keys { documented.insert("\(m.uppercased()) \(path)") } }
        XCTAssertEqual(documented, Set(Route.allCases.map(\.rawValue)))
    }

    /// A query parameter a route does not read is refused (review 76 A6): the parameters each route reads are the documented ones.
    func testEachRouteReadsExactlyItsDocumentedQueryParameters() throws {
        let paths = try XCTUnwrap(try document()["paths"] as? [String: [String: [String: Any]]])
        for route in Route.allCases {
            let operation = try XCTUnwrap(paths[route.pathTemplate]?[route.method.lowercased()], route.rawValue)
            let documented = ((operation["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
            XCTAssertEqual(Set(documented), route.queryParameters, route.rawValue)
        }
    }

    func testEveryDocumentedRouteIsServedAndItsWrongMethodIsADocumented405() throws {
        let doc = try document()
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: [String: Any]]])
        let server = try ServerProcess([], workers: 1)
        defer { _ = server.stop() }
        let c = try HTTPClient(port: server.port)
        for (template, methods) in paths {
            let path = template.replacingOccurrences(of: "{code}", with: "111000110") + (template.contains("{code}") ? "?date=2024-06-01" : "")
            for (method, operation) in methods {
                let responses = try XCTUnwrap(operation["responses"] as? [String: Any])
                let body: [UInt8]? = method == "post" ? (template == "/v1/copay" || template == "/v1/admin/reload" ? Array("{}".utf8) : ServeFixtures.exampleEncounter) : nil
                let r = try c.request(method.uppercased(), path, body: body)
                XCTAssertNotEqual(r.status, 404, "\(method) \(template): \(r.text)")
                XCTAssertNotNil(responses["\(r.status)"], "\(method) \(template) answered \(r.status), not documented")
                let wrong = method == "get" ? "POST" : "GET"
                let w = try c.request(wrong, path, body: wrong == "POST" ? [] : nil)
                XCTAssertEqual(w.status, 405, "\(wrong) \(template)")
                XCTAssertNotNil(responses["405"], "\(method) \(template) does not document 405")
            }
        }
    }

    func testTheClaimSchemaIsTheOneOfTheClaimFormatAndTheErrorCodesAreTheServers() throws {
        let doc = try document()
        let schemas = try XCTUnwrap((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let markdown = try String(contentsOfFile: Paths.packageRoot + "/docs/claim-format.md", encoding: .utf8)
        let afterHeading = try XCTUnwrap(markdown.components(separatedBy: "## JSON Schema").dropFirst().first)
        let json = try XCTUnwrap(afterHeading.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        var schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        schema["$schema"] = nil
        XCTAssertEqual(schemas["Claim"] as? NSDictionary, schema as NSDictionary, "docs/api/openapi.json's Claim differs from docs/claim-format.md")
        let error = try XCTUnwrap(((((schemas["Error"] as? [String: Any])?["properties"] as? [String: Any])?["error"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any])
        XCTAssertEqual(Set(error["enum"] as? [String] ?? []), Set(ServiceErrorCode.allCases.map(\.rawValue)))
    }
}
