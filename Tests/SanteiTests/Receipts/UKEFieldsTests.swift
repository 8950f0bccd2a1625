import Foundation
import XCTest
@testable import Santei

/// `UKEFields.load` splits a record on commas into a reused buffer: every field range is the one a plain split gives,
/// for lines of every length (runs of commas, CP932 bytes, a last field without a comma, a line longer than the buffer).
final class UKEFieldsTests: XCTestCase {
    func testTheFieldsAreThoseOfAPlainSplit() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {   // SplitMix64: the same lines on every run
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet: [UInt8] = [44, 44, 44, 44, 65, 49, 48, 0x82, 0xA0, 0x2B, 0x2D, 0xAC, 32]
        var lines: [[UInt8]] = [[], [44], [44, 44], Array("SI,11,1,111000110,,288,1".utf8), Array(repeating: 44, count: 64)]
        for _ in 0..<2_000 {
            let n = Int(next() % 300)
            lines.append((0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
        var bytes: [UInt8] = []
        for l in lines { bytes += l + [13, 10] }
        let doc = UKEDocument(bytes: bytes, name: "fields.UKE")
        XCTAssertEqual(doc.lineCount, lines.count)
        var fields = UKEFields()
        for (n, line) in lines.enumerated() {
            fields.load(doc, n)
            let start = Int(doc.lineStart[n])
            var expected: [Range<Int>] = []
            var from = 0
            for (i, c) in line.enumerated() where c == 44 { expected.append((start + from)..<(start + i)); from = i + 1 }
            expected.append((start + from)..<(start + line.count))
            XCTAssertEqual(fields.count, expected.count, "line \(n)")
            XCTAssertEqual((0..<fields.count).map { fields.range($0) }, expected, "line \(n)")
            XCTAssertEqual(fields.range(fields.count), (start + line.count)..<(start + line.count), "past the last field: empty at the end")
        }
    }
}
