import XCTest
@testable import Santei

/// The strict JSON lexer every JSON door shares: what it refuses, where it says the fault is.
final class StrictJSONTests: XCTestCase {
    func validate(_ bytes: [UInt8], maxDepth: Int = DomainLimit.maxJSONDepth) -> JSONInputError? {
        do throws(JSONInputError) { try StrictJSON.validate(ArraySlice(bytes), maxDepth: maxDepth); return nil } catch { return error }
    }
    func validate(_ s: String) -> JSONInputError? { validate(Array(s.utf8)) }

    func testStrictJSONIsAccepted() {
        for s in [#"{"a":[1,-0,0.5,-1.25e+3,2E-2,true,false,null,"x\u00e9\ud83d\ude00\n"],"b":{}}"#, "[]", " 0 ", #""初診""#, "[[[]]]"] {
            XCTAssertNil(validate(s), s)
        }
    }

    func testNumbersPastTheRangeOfAnyFieldAreRefusedWithThePath() throws {
        for s in [#"{"a":[1,1e400]}"#, #"{"a":[1,1e308]}"#, #"{"a":[1,-12.5e307]}"#, #"{"a":[1,1e-400]}"#, #"{"a":[1,0.0001e-306]}"#, #"{"a":[1,\#(String(repeating: "9", count: 310))]}"#] {
            let e = try XCTUnwrap(validate(s), s)
            XCTAssertEqual(e.path, "a[1]", s)
            XCTAssertTrue(e.message.contains("out of range"), e.message)
        }
        // At the edge and inside it: accepted (zero has no magnitude however it is written).
        for s in ["9.99e307", "-1e307", "0.1e-306", "0e999999", "0.000e400", "123456789012345678901234567890"] { XCTAssertNil(validate(s), s) }
    }

    /// Review 58: a body cut inside an object named the path "insurance." (the key not read yet).
    func testAnObjectCutBeforeItsFirstKeyIsNamedByItsOwnPath() throws {
        let e = try XCTUnwrap(validate(#"{"id":"x","insurance":{"#))
        XCTAssertEqual(e.path, "insurance")
    }

    func testDuplicateKeysAreRefusedWithThePath() throws {
        let e = try XCTUnwrap(validate(#"{"a":{"b":[{"c":1,"c":2}]}}"#))
        XCTAssertEqual(e.path, "a.b[0].c")
        XCTAssertTrue(e.message.contains("duplicate key \"c\""), e.message)
        // The same key written with an escape is the same key.
        XCTAssertNotNil(validate(#"{"ab":1,"\u0061b":2}"#))
        // Many keys (past the small-array stage): a duplicate is still found.
        let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        XCTAssertNil(validate("{\(many)}"))
        XCTAssertNotNil(validate("{\(many),\"k3\":0}"))
    }

    func testInvalidUTF8IsRefusedAnywhere() {
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE3, 0x81], [0x80]]
        for seq in bad {
            let inString = Array(#"{"a":"x"#.utf8) + seq + Array(#""}"#.utf8)
            XCTAssertTrue(validate(inString)?.message.contains("invalid UTF-8") == true, "\(seq)")
            let inKey = Array(#"{"x"#.utf8) + seq + Array(#"":1}"#.utf8)
            XCTAssertNotNil(validate(inKey), "\(seq)")
            let outside = Array(#"{"a":1}"#.utf8) + seq
            XCTAssertNotNil(validate(outside), "\(seq)")
        }
        XCTAssertNil(validate(Array(#"{"a":"初診 é 😀"}"#.utf8)))
        XCTAssertNotNil(validate(#"{"a":"\ud83d"}"#), "a lone high surrogate escape")
        XCTAssertNotNil(validate(#"{"a":"\ude00"}"#), "a lone low surrogate escape")
    }

    func testInvalidLiteralsAndNumbersAreRefused() {
        for v in ["tru", "nul", "falsey", "truex", "nulll", "True", "NaN", "Infinity", "undefined"] {
            XCTAssertNotNil(validate("{\"a\":\(v)}"), v)
        }
        for v in ["01", "1.", "-", "1e", "1e+", ".5", "+1", "1.e3", "0x10", "--1", "1-2", "00"] {
            XCTAssertNotNil(validate("{\"a\":\(v)}"), v)
        }
        for v in ["0", "-0", "10", "1.5", "1e9", "1E-9", "-12.5e+3"] {
            XCTAssertNil(validate("{\"a\":\(v)}"), v)
        }
    }

    func testControlCharactersInStringsAreRefused() {
        XCTAssertTrue(validate(Array("{\"a\":\"x\ty\"}".utf8))?.message.contains("control character") == true)
        XCTAssertNotNil(validate(Array("{\"a\":\"x\u{0}y\"}".utf8)))
        XCTAssertNil(validate(#"{"a":"x\ty"}"#))
    }

    func testNestingIsBoundedWithoutRecursion() throws {
        // 150,000 levels: an error, not a stack overflow.
        let deep = "{\"x\":" + String(repeating: "[", count: 150_000)
        let e = try XCTUnwrap(validate(deep))
        XCTAssertTrue(e.message.contains("DomainLimit.maxJSONDepth"), e.message)
        XCTAssertEqual(e.offset, 5 + DomainLimit.maxJSONDepth - 1, "the first bracket past the limit")
        // At the limit it is fine.
        let atLimit = String(repeating: "[", count: DomainLimit.maxJSONDepth) + String(repeating: "]", count: DomainLimit.maxJSONDepth)
        XCTAssertNil(validate(atLimit))
        XCTAssertNotNil(validate("[" + atLimit + "]"))
    }

    func testOffsetsAndPathsNameTheFault() throws {
        let e = try XCTUnwrap(validate(#"{"a":[1,2,{"b":tru}]}"#))
        XCTAssertEqual(e.path, "a[2].b")
        XCTAssertEqual(e.offset, 15)
        XCTAssertEqual(e.description, "a[2].b: invalid literal (only true, false and null) at byte 16")
        XCTAssertNotNil(validate(#"{"a":1} x"#))
        XCTAssertNotNil(validate(#"{"a":1,}"#))
        XCTAssertNotNil(validate(#"[1,]"#))
        XCTAssertNotNil(validate(#"{"a" 1}"#))
        XCTAssertNotNil(validate(""))
        XCTAssertNotNil(validate(#"{"a":"x"#))
    }

    func testSizeIsBounded() {
        let big = [UInt8](repeating: 32, count: 100) + Array("1".utf8)
        var failure: JSONInputError?
        big.withUnsafeBufferPointer { p in
            do throws(JSONInputError) { try StrictJSON.validate(p, maxBytes: 50) } catch { failure = error }
        }
        XCTAssertTrue(failure?.message.contains("over the limit") == true)
    }
}
