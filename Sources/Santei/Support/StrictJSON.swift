/// A JSON input that is not strict JSON (RFC 8259) or passes a documented size limit: where it is (the
/// byte offset in the line, 0-based, and the JSON path of the value being read) and what is wrong.
public struct JSONInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset (0-based) in the input where the fault was found.
    public var offset: Int
    /// The path of the value being read (`encounters[0].orders[1]`, empty for the top level).
    public var path: String
    public var message: String
    public init(offset: Int, path: String, _ message: String) { self.offset = offset; self.path = path; self.message = message }
    /// `path: message at byte N` (1-based byte, as a text editor counts columns of ASCII).
    public var description: String { (path.isEmpty ? "" : path + ": ") + "\(message) at byte \(offset + 1)" }
}

/// Strict JSON at every door (JSON claims, copay cases, audit history, the coming HTTP service): one
/// lexer for all of them, so that what one door refuses no other door accepts.
///
/// Refused, each with the byte offset and the JSON path: nesting deeper than `DomainLimit.maxJSONDepth`,
/// input over `DomainLimit.maxLineBytes`, a key twice in one object, invalid UTF-8 (overlong forms,
/// surrogates, code points past U+10FFFF, truncated sequences — anywhere, in or out of strings), a
/// `\u` escape that is a lone surrogate, control characters in strings, literals other than exactly
/// `true` / `false` / `null`, numbers outside the JSON grammar (`01`, `1.`, `-`, `1e`, `.5`, `+1`).
///
/// Nothing here recurses: nesting is followed with an explicit stack whose depth is bounded, so no
/// input can overflow the thread's stack. The validator allocates per object (its keys, for the
/// duplicate check) and never per byte.
public enum StrictJSON {
    /// Validates a whole document (one JSON value, optionally surrounded by white space).
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = DomainLimit.maxJSONDepth,
                                maxBytes: Int = DomainLimit.maxLineBytes) throws(JSONInputError) {
        guard bytes.count <= maxBytes else {
            throw JSONInputError(offset: maxBytes, path: "", "input of \(bytes.count > maxBytes + 1 ? "\(bytes.count) bytes" : "more than \(maxBytes) bytes") is over the limit of \(maxBytes) bytes (DomainLimit.maxLineBytes)")
        }
        var i = 0
        skipWhitespace(bytes, &i)
        guard i < bytes.count else { throw JSONInputError(offset: i, path: "", "no JSON value") }
        try skipValue(bytes, &i, depth: 0, maxDepth: maxDepth, path: "")
        skipWhitespace(bytes, &i)
        guard i == bytes.count else { throw JSONInputError(offset: i, path: "", "unexpected text after the JSON value") }
    }

    /// Validates a whole document held in an array slice.
    public static func validate(_ bytes: ArraySlice<UInt8>, maxDepth: Int = DomainLimit.maxJSONDepth,
                                maxBytes: Int = DomainLimit.maxLineBytes) throws(JSONInputError) {
        var failure: JSONInputError?
        bytes.withUnsafeBufferPointer { p in
            do throws(JSONInputError) { try validate(p, maxDepth: maxDepth, maxBytes: maxBytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 13 || c == 9 }

    @inline(__always) public static func skipWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < b.count, isWhitespace(b[i]) { i += 1 }
    }

    // MARK: Values

    /// One frame of the explicit nesting stack: an object (with the keys seen so far) or an array.
    private struct Frame {
        var isObject: Bool
        var count = 0
        var key = ""
        /// Keys seen in this object; a small array first, a set once the object is large.
        var keys: [String] = []
        var keySet: Set<String>? = nil

        mutating func insert(_ k: String) -> Bool {
            if keySet != nil { return keySet!.insert(k).inserted }
            if keys.contains(k) { return false }
            keys.append(k)
            if keys.count > 16 { keySet = Set(keys); keys = [] }
            return true
        }
    }

    /// The path of the value being read: at most 12 levels are spelled out (a deep input gives `…`).
    private static func path(_ base: String, _ stack: [Frame]) -> String {
        var p = base
        for (n, f) in stack.enumerated() {
            if n == 12 { p += "…"; break }
            if f.isObject { if !f.key.isEmpty { p += (p.isEmpty ? "" : ".") + f.key } } else { p += "[\(f.count)]" }   // no key read yet: the object's own path
        }
        return p
    }

    /// Skips one JSON value starting at `i` (after white space), validating it strictly; `depth` is the
    /// nesting depth of the container the value is in (0 at the top), `path` its JSON path (for errors).
    public static func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, depth: Int, maxDepth: Int = DomainLimit.maxJSONDepth,
                                 path base: @autoclosure () -> String) throws(JSONInputError) {
        var stack: [Frame] = []
        func fail(_ message: String) -> JSONInputError { JSONInputError(offset: i, path: path(base(), stack), message) }
        // Reads a scalar or opens a container; returns true when a container was opened.
        func value() throws(JSONInputError) -> Bool {
            skipWhitespace(b, &i)
            guard i < b.count else { throw fail("unexpected end of input, expected a value") }
            switch b[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth + stack.count < maxDepth else {
                    throw fail("nesting deeper than \(maxDepth) levels (DomainLimit.maxJSONDepth)")
                }
                stack.append(Frame(isObject: b[i] == UInt8(ascii: "{")))
                i += 1
                return true
            case UInt8(ascii: "\""): try skipString(b, &i, path: path(base(), stack))
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): _ = try literal(b, &i, path: path(base(), stack))
            default: _ = try number(b, &i, path: path(base(), stack))
            }
            return false
        }
        // Reads the key of the next member of the object on top and its ':'.
        func key() throws(JSONInputError) {
            skipWhitespace(b, &i)
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key (a string)") }
            let k = try string(b, &i, path: path(base(), stack))
            stack[stack.count - 1].key = k
            guard stack[stack.count - 1].insert(k) else { throw fail("duplicate key \"\(k)\"") }
            skipWhitespace(b, &i)
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
        }
        guard try value() else { return }
        // A container was opened: its first member or its end.
        var opened = true
        while let top = stack.last {
            skipWhitespace(b, &i)
            guard i < b.count else { throw fail("unexpected end of input inside \(top.isObject ? "an object" : "an array")") }
            let close = top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if opened {
                opened = false
                if b[i] == close { i += 1; stack.removeLast(); continue }
            } else {
                if b[i] == close {
                    i += 1
                    stack.removeLast()
                    continue
                }
                guard b[i] == UInt8(ascii: ",") else { throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                i += 1
                if !top.isObject { stack[stack.count - 1].count += 1 }
            }
            if stack[stack.count - 1].isObject { try key() }
            if try value() { opened = true }
        }
    }

    // MARK: Scalars

    /// Reads exactly `true`, `false` or `null` at `i`; returns true, false or nil.
    public static func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
            // The literal must end here: `truex`, `nullnull` are not literals.
            if i + n < b.count, isLiteralContinuation(b[i + n]) { return false }
            return true
        }
        if matches("true") { i += 4; return true }
        if matches("false") { i += 5; return false }
        if matches("null") { i += 4; return nil }
        throw JSONInputError(offset: i, path: path(), "invalid literal (only true, false and null)")
    }

    @inline(__always) static func isLiteralContinuation(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c >= 0x80
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
    }

    /// Reads a number at `i` by the JSON grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and
    /// returns its byte range; anything else (`01`, `1.`, `-`, `1e`, `.5`, `+1`, `1x`) is an error.
    public static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) -> Range<Int> {
        let start = i
        func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= 48 && b[k] <= 57 }
        func bad() -> JSONInputError {
            JSONInputError(offset: start, path: path(), i < b.count && start == i && !(b[i] == UInt8(ascii: "-") || isDigit(i))
                           ? "unexpected character" : "invalid number")
        }
        var k = i
        if k < b.count, b[k] == UInt8(ascii: "-") { k += 1 }
        guard isDigit(k) else { throw bad() }
        // The decimal magnitude of the number (nil for zero): the power of ten of its first significant digit.
        var magnitude: Int? = nil
        if b[k] == 48 {
            k += 1
            if isDigit(k) { throw bad() }   // leading zero
        } else {
            let first = k
            while isDigit(k) { k += 1 }
            magnitude = k - first - 1
        }
        if k < b.count, b[k] == UInt8(ascii: ".") {
            k += 1
            guard isDigit(k) else { throw bad() }
            let first = k
            while isDigit(k) {
                if magnitude == nil, b[k] != 48 { magnitude = first - k - 1 }
                k += 1
            }
        }
        if k < b.count, b[k] == UInt8(ascii: "e") || b[k] == UInt8(ascii: "E") {
            k += 1
            var negative = false
            if k < b.count, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { negative = b[k] == UInt8(ascii: "-"); k += 1 }
            guard isDigit(k) else { throw bad() }
            var exponent = 0
            while isDigit(k) { exponent = min(exponent * 10 + Int(b[k] - 48), 1_000_000); k += 1 }
            if let m = magnitude { magnitude = m + (negative ? -exponent : exponent) }
        }
        if k < b.count, isLiteralContinuation(b[k]) { throw bad() }
        // No field of any claim, case or request holds a number of 1e308 or more (nor one as small as 1e-308): such a
        // number is refused here, with its path, instead of as "not valid JSON" by a decoder that names nothing.
        if let m = magnitude, m > 307 || m < -307 {
            throw JSONInputError(offset: start, path: path(), "number \(String(decoding: UnsafeBufferPointer(rebasing: b[start..<min(k, start + 40)]), as: UTF8.self)) is out of range (1e308 or more, or under 1e-307 — no field holds one)")
        }
        i = k
        return start..<k
    }

    /// Skips a string at `i` (which is at its opening quote), validating escapes and UTF-8, without
    /// building it. Returns whether it held escapes.
    @discardableResult
    public static func skipString(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) -> Bool {
        var escapes = false
        i += 1
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return escapes }
            if c == UInt8(ascii: "\\") {
                escapes = true
                _ = try escape(b, &i, path: path())
                continue
            }
            if c < 0x20 { throw JSONInputError(offset: i, path: path(), "control character \(c) in a string (write it as an escape)") }
            if c < 0x80 { i += 1; continue }
            try utf8Scalar(b, &i, path: path())
        }
        throw JSONInputError(offset: i, path: path(), "unterminated string")
    }

    /// Reads a string at `i` (its opening quote) into a `String`, validating it as `skipString` does.
    public static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) -> String {
        let start = i + 1
        var k = i
        let escaped = try skipString(b, &k, path: path())
        if !escaped {
            // Validated UTF-8 without escapes: the bytes are the string.
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<(k - 1)]), as: UTF8.self)
            i = k
            return s
        }
        var out: [UInt8] = []
        out.reserveCapacity(k - start)
        i = start
        while i < k - 1 {
            let c = b[i]
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            let scalar = try escape(b, &i, path: path())
            if scalar < 0x80 { out.append(UInt8(scalar)) } else if let u = Unicode.Scalar(scalar) { out.append(contentsOf: String(Character(u)).utf8) }
        }
        i = k
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads one escape at `i` (its backslash) and returns the code point it stands for. A `\u` high
    /// surrogate must be followed by a `\u` low surrogate; a lone surrogate is an error.
    static func escape(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) -> UInt32 {
        let start = i
        guard i + 1 < b.count else { throw JSONInputError(offset: start, path: path(), "unterminated escape") }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return UInt32(e)
        case UInt8(ascii: "b"): return 8
        case UInt8(ascii: "f"): return 12
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "r"): return 13
        case UInt8(ascii: "t"): return 9
        case UInt8(ascii: "u"):
            guard let high = hex4(b, &i) else { throw JSONInputError(offset: start, path: path(), "bad \\u escape") }
            if (0xDC00...0xDFFF).contains(high) { throw JSONInputError(offset: start, path: path(), "lone low surrogate in a \\u escape") }
            guard (0xD800...0xDBFF).contains(high) else { return high }
            guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                throw JSONInputError(offset: start, path: path(), "lone high surrogate in a \\u escape")
            }
            i += 2
            guard let low = hex4(b, &i), (0xDC00...0xDFFF).contains(low) else {
                throw JSONInputError(offset: start, path: path(), "bad surrogate pair in a \\u escape")
            }
            return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        default: throw JSONInputError(offset: start, path: path(), "bad escape")
        }
    }

    static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: return nil
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    /// Validates one multi-byte UTF-8 sequence at `i` (a byte ≥ 0x80) by the Unicode table of
    /// well-formed sequences (no overlong forms, no surrogates, nothing past U+10FFFF) and steps over it.
    @inline(__always)
    static func utf8Scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, path: @autoclosure () -> String) throws(JSONInputError) {
        let c = b[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < b.count && b[i + k] >= lo && b[i + k] <= hi }
        let ok: Bool, n: Int
        switch c {
        case 0xC2...0xDF: n = 2; ok = cont(1)
        case 0xE0: n = 3; ok = cont(1, 0xA0) && cont(2)
        case 0xE1...0xEC, 0xEE...0xEF: n = 3; ok = cont(1) && cont(2)
        case 0xED: n = 3; ok = cont(1, 0x80, 0x9F) && cont(2)
        case 0xF0: n = 4; ok = cont(1, 0x90) && cont(2) && cont(3)
        case 0xF1...0xF3: n = 4; ok = cont(1) && cont(2) && cont(3)
        case 0xF4: n = 4; ok = cont(1, 0x80, 0x8F) && cont(2) && cont(3)
        default: n = 1; ok = false
        }
        guard ok else { throw JSONInputError(offset: i, path: path(), "invalid UTF-8") }
        i += n
    }

    /// Whether `bytes` are well-formed UTF-8 (for text read outside JSON strings).
    public static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            do throws(JSONInputError) { try utf8Scalar(b, &i, path: "") } catch { return false }
        }
        return true
    }
}
