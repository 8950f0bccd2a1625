import Foundation
import Santei

/// Limits of what a request may be before it is read: the head (request line and headers) and the body.
public struct HTTPLimits: Sendable {
    /// Request line + headers, bytes (over: 431).
    public var maxHead = 16 << 10
    /// Header lines (over: 431).
    public var maxHeaders = 100
    /// `Content-Length` (over: 413, the body is not read).
    public var maxBody = 8 << 20
    public init() {}
}

/// A request's head, read from bytes at the door; only what the service uses is kept.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    public var target: String
    /// HTTP/1.0 (false) or HTTP/1.1 (true).
    public var http11: Bool
    public var contentLength: Int?
    public var chunked: Bool
    public var keepAlive: Bool
    public var expectContinue: Bool
    public var contentType: String?
    public var authorization: String?
}

/// Reads HTTP/1.1 request heads from bytes: no allocation beyond the few strings kept, every size limited.
public enum HTTPParser {
    public enum Result: Sendable, Equatable {
        /// Not all of the head is there yet.
        case incomplete
        /// The head and how many bytes it took (the body starts there).
        case head(HTTPRequestHead, length: Int)
        /// A head that cannot be served: answer with `code` and close.
        case failure(ServiceErrorCode, String)
    }

    public static func parseHead(_ b: UnsafeRawBufferPointer, limits: HTTPLimits) -> Result {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        var start = 0
        while start + 1 < b.count, b[start] == 13, b[start + 1] == 10 { start += 2 }
        // Find the blank line that ends the head.
        var end = -1
        var i = start
        let limit = min(b.count, start + limits.maxHead)
        var bareLF = false   // a blank line of LF alone ("\n\n"): a head that would never end in CRLF CRLF
        while i + 1 < b.count && i < limit {
            if i + 3 < b.count && b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 { end = i; break }
            if b[i] == 10 && b[i + 1] == 10 && (i == start || b[i - 1] != 13) { bareLF = true; break }
            i += 1
        }
        if bareLF { return .failure(.badRequest, "the request's lines end with LF alone; HTTP/1.1 lines end with CR LF") }
        if end < 0 {
            if b.count - start >= limits.maxHead { return .failure(.headersTooLarge, "request head over \(limits.maxHead) bytes") }
            return .incomplete
        }
        if end + 4 - start > limits.maxHead { return .failure(.headersTooLarge, "request head over \(limits.maxHead) bytes") }
        // Request line.
        var p = start
        func lineEnd(_ from: Int) -> Int { var k = from; while k < end && !(b[k] == 13 && b[k + 1] == 10) { k += 1 }; return k }
        let rlEnd = lineEnd(p)
        var sp1 = p
        while sp1 < rlEnd, b[sp1] != 32 {
            guard b[sp1] >= 65 && b[sp1] <= 90 else {
                let letter = (b[sp1] >= 97 && b[sp1] <= 122)
                return .failure(.badRequest, letter ? "bad request line: the method is not in capitals (GET, POST)" : "bad request line: the method is not a token")
            }
            sp1 += 1
        }
        guard sp1 > p, sp1 < rlEnd else { return .failure(.badRequest, "bad request line") }
        let method = String(decoding: UnsafeRawBufferPointer(rebasing: b[p..<sp1]), as: UTF8.self)
        var sp2 = sp1 + 1
        while sp2 < rlEnd, b[sp2] != 32 { guard b[sp2] > 32 && b[sp2] < 127 else { return .failure(.badRequest, "bad request line: the target has a control or non-ASCII byte") }; sp2 += 1 }
        guard sp2 > sp1 + 1, sp2 < rlEnd, b[sp1 + 1] == UInt8(ascii: "/") else { return .failure(.badRequest, "bad request line: the target is not a path") }
        let target = String(decoding: UnsafeRawBufferPointer(rebasing: b[(sp1 + 1)..<sp2]), as: UTF8.self)
        let version = Array(UnsafeRawBufferPointer(rebasing: b[(sp2 + 1)..<rlEnd]))
        let http11: Bool
        if version == Array("HTTP/1.1".utf8) { http11 = true } else if version == Array("HTTP/1.0".utf8) { http11 = false } else {
            return .failure(.badRequest, "bad request line: only HTTP/1.1 and HTTP/1.0 are served")
        }
        var head = HTTPRequestHead(method: method, target: target, http11: http11, contentLength: nil, chunked: false,
                                   keepAlive: http11, expectContinue: false, contentType: nil, authorization: nil)
        // Header lines.
        p = rlEnd + 2
        var count = 0
        var sawConnection = false
        while p < end {
            let le = lineEnd(p)
            count += 1
            if count > limits.maxHeaders { return .failure(.headersTooLarge, "more than \(limits.maxHeaders) header lines") }
            guard b[p] != 32 && b[p] != 9 else { return .failure(.badRequest, "obsolete header line folding") }
            var colon = p
            while colon < le, b[colon] != 58 {
                let c = b[colon]
                guard c > 32 && c < 127 && c != 34 && c != 40 && c != 41 && c != 44 && c != 47 && c != 59 && c != 60 && c != 61 && c != 62 && c != 63 && c != 64 && c != 91 && c != 92 && c != 93 && c != 123 && c != 125 else {
                    return .failure(.badRequest, "bad header name")
                }
                colon += 1
            }
            guard colon < le, colon > p else { return .failure(.badRequest, "header line without a name and ':'") }
            var vs = colon + 1, ve = le
            while vs < ve, b[vs] == 32 || b[vs] == 9 { vs += 1 }
            while ve > vs, b[ve - 1] == 32 || b[ve - 1] == 9 { ve -= 1 }
            for k in vs..<ve where b[k] < 32 && b[k] != 9 || b[k] == 127 { return .failure(.badRequest, "control byte in a header value") }
            let name = UnsafeRawBufferPointer(rebasing: b[p..<colon])
            let value = UnsafeRawBufferPointer(rebasing: b[vs..<ve])
            if equalsLower(name, "content-length") {
                guard value.count >= 1, value.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    return .failure(.badRequest, "Content-Length is not a number")
                }
                // A number of more digits than an Int holds is a body too large, not "not a number" (review 58).
                let digits = value.drop { $0 == 48 }
                guard digits.count <= 18 else { return .failure(.payloadTooLarge, "Content-Length \(digits.count) digits long is over any body limit") }
                let n = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
                if let old = head.contentLength, old != n { return .failure(.badRequest, "two different Content-Length headers") }
                head.contentLength = n
            } else if equalsLower(name, "transfer-encoding") {
                head.chunked = true
            } else if equalsLower(name, "connection") {
                let v = String(decoding: value, as: UTF8.self).lowercased()
                let tokens = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if tokens.contains("close") { head.keepAlive = false; sawConnection = true }
                else if tokens.contains("keep-alive") && !sawConnection { head.keepAlive = true }
            } else if equalsLower(name, "expect") {
                if equalsLower(value, "100-continue") { head.expectContinue = true }
            } else if equalsLower(name, "content-type") {
                head.contentType = String(decoding: value, as: UTF8.self)
            } else if equalsLower(name, "authorization") {
                head.authorization = String(decoding: value, as: UTF8.self)
            }
            p = le + 2
        }
        return .head(head, length: end + 4)
    }

    static func equalsLower(_ b: UnsafeRawBufferPointer, _ lower: StaticString) -> Bool {
        guard b.count == lower.utf8CodeUnitCount else { return false }
        let l = lower.utf8Start
        for k in 0..<b.count {
            var c = b[k]
            if c >= 65 && c <= 90 { c += 32 }
            if c != l[k] { return false }
        }
        return true
    }

    /// Whether a Content-Type names JSON (`application/json`, any parameters such as `charset=utf-8`).
    public static func isJSON(_ contentType: String) -> Bool {
        var bytes = Substring(contentType).utf8.drop { $0 == 32 || $0 == 9 }[...]
        let media: StaticString = "application/json"
        let m = UnsafeBufferPointer(start: media.utf8Start, count: media.utf8CodeUnitCount)
        for c in m {
            guard var b = bytes.first else { return false }
            if b >= 65 && b <= 90 { b += 32 }
            guard b == c else { return false }
            bytes = bytes.dropFirst()
        }
        guard let next = bytes.first else { return true }
        return next == UInt8(ascii: ";") || next == 32 || next == 9
    }
}
