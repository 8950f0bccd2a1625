/// The service's routes: one list that the HTTP server, `--stdio`, the C library and the OpenAPI
/// document (docs/api/openapi.json, checked by a test) all agree on.
public enum Route: String, CaseIterable, Sendable {
    case encounter = "POST /v1/encounter"
    case claimsPrice = "POST /v1/claims/price"
    case claimsAudit = "POST /v1/claims/audit"
    case copay = "POST /v1/copay"
    case mastersCode = "GET /v1/masters/{code}"
    case masters = "GET /v1/masters"
    case auditChecks = "GET /v1/audit/checks"
    case reload = "POST /v1/admin/reload"
    case healthz = "GET /healthz"
    case readyz = "GET /readyz"
    case metrics = "GET /metrics"

    public var method: String { String(rawValue.prefix { $0 != " " }) }
    public var pathTemplate: String { String(rawValue.drop { $0 != " " }.dropFirst()) }

    /// What a request line finds: a route (with the `{code}` segment), or 404, or 405 with the allowed methods.
    public enum Match: Sendable, Equatable {
        case route(Route, code: String?)
        case notFound
        case methodNotAllowed(allow: [String])
    }

    private static let table: [(route: Route, method: String, template: String, prefix: String?)] = allCases.map { r in
        let t = r.pathTemplate
        return (r, r.method, t, t.hasSuffix("/{code}") ? String(t.dropLast("{code}".count)) : nil)
    }

    public static func match(method: String, path: String) -> Match {
        var candidates: [(Route, String?)] = []
        for (r, m, t, prefix) in table {
            if t == path {
                if m == method { return .route(r, code: nil) }
                candidates.append((r, nil)); continue
            }
            if let prefix, path.hasPrefix(prefix), path.utf8.count > prefix.utf8.count {
                let rest = String(path.dropFirst(prefix.count))
                if !rest.contains("/") {
                    if m == method { return .route(r, code: rest) }
                    candidates.append((r, rest))
                }
            }
        }
        if candidates.isEmpty { return .notFound }
        return .methodNotAllowed(allow: candidates.map(\.0.method))
    }

    /// The query parameters the route reads; a request with any other is refused naming it.
    public var queryParameters: Set<String> {
        switch self {
        case .encounter, .claimsPrice: ["audit", "explain"]
        case .claimsAudit: ["mode"]
        case .mastersCode: ["date", "kind"]
        default: []
        }
    }

    /// A dense index for counters (`allCases` order).
    public var index: Int { Route.allCases.firstIndex(of: self) ?? 0 }
}

/// The kinds of error an answer can carry (`{"error": {"code", …}}`), each with its HTTP status.
public enum ServiceErrorCode: String, CaseIterable, Sendable {
    case badRequest = "bad_request"
    case badJSON = "bad_json"
    case badField = "bad_field"
    case forbidden = "forbidden"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case requestTimeout = "request_timeout"
    case lengthRequired = "length_required"
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case dateNotCovered = "date_not_covered"
    case reloadRefused = "reload_refused"
    case headersTooLarge = "headers_too_large"
    case internalError = "internal"
    case overloaded = "overloaded"
    case draining = "draining"

    public var status: Int {
        switch self {
        case .badRequest, .badJSON, .badField: 400
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .requestTimeout: 408
        case .lengthRequired: 411
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .dateNotCovered, .reloadRefused: 422
        case .headersTooLarge: 431
        case .internalError: 500
        case .overloaded, .draining: 503
        }
    }
    public var index: Int { ServiceErrorCode.allCases.firstIndex(of: self) ?? 0 }
}

/// An answer: status, headers beyond Content-Type/Content-Length, and the body bytes.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The route it answered (nil: no route matched) and the error kind, for metrics and logs.
    public var route: Route?
    public var error: ServiceErrorCode?

    public init(status: Int, contentType: String = "application/json", headers: [(String, String)] = [], body: [UInt8], route: Route? = nil, error: ServiceErrorCode? = nil) {
        self.status = status; self.contentType = contentType; self.headers = headers; self.body = body; self.route = route; self.error = error
    }

    /// `{"error": {"code", "field", "message"}}` with the code's status. `field` is the JSON path (or query
    /// parameter) at fault, `null` when the fault is the whole body or request: an empty path is written `null`
    /// too, so a whole-body error has one spelling (review 76 B5: some said `""`).
    public static func error(_ code: ServiceErrorCode, _ message: String, field: String? = nil, route: Route? = nil, headers: [(String, String)] = []) -> ServiceResponse {
        var out: [UInt8] = []
        out += Array("{\"error\":{\"code\":".utf8); ClaimJSON.put(code.rawValue, &out)
        out += Array(",\"field\":".utf8)
        if let field, !field.isEmpty { ClaimJSON.put(field, &out) } else { out += Array("null".utf8) }
        out += Array(",\"message\":".utf8); ClaimJSON.put(message, &out)
        out += Array("}}".utf8)
        return ServiceResponse(status: code.status, headers: headers, body: out, route: route, error: code)
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
