import Foundation
import XCTest
@testable import Santei

/// Review 48: a UTF-8 byte order mark before the first JSON line (as Windows tools write) is skipped, not an error that
/// loses the first claim; a UKE that starts with one is a file fault that says so.
final class ByteOrderMarkTests: XCTestCase {
    func testALeadingBOMIsNotPartOfTheFirstLine() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n{\"b\":2}\n".utf8)
        let lines = Batch.lines(bytes)
        XCTAssertEqual(lines.map(\.number), [1, 2])
        XCTAssertEqual(lines.map { String(decoding: bytes[$0.range], as: UTF8.self) }, ["{\"a\":1}", "{\"b\":2}"])
        // Only at the start: elsewhere it stays (and the JSON reader refuses it where it is).
        let inside: [UInt8] = Array("{}\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("{}".utf8)
        XCTAssertEqual(Batch.lines(inside).last.map { inside[$0.range].count }, 5)
        // Review 75 P08: the claim reader says why such a line is refused.
        let second = Batch.lines(inside).last!.range
        XCTAssertThrowsError(try ClaimJSON.parse(inside[second])) { error in
            XCTAssertTrue("\(error)".contains("byte order mark"), "\(error)")
        }
    }

    /// Review 89 W4: JSON lines ending with CR alone (no LF in the file) are lines; a CR inside a file of LF lines is not.
    func testLinesEndingWithCRAloneAreLines() {
        let mac = Array("{\"a\":1}\r{\"b\":2}\r".utf8)
        XCTAssertEqual(Batch.lines(mac).map { String(decoding: mac[$0.range], as: UTF8.self) }, ["{\"a\":1}", "{\"b\":2}"])
        XCTAssertEqual(Batch.lines(mac).map(\.number), [1, 2])
        let mixed = Array("{\"a\":\r1}\n{\"b\":2}\n".utf8)
        XCTAssertEqual(Batch.lines(mixed).count, 2, "with LF in the file, CR is whitespace inside a line")
    }

    func testAUKEThatStartsWithABOMIsAFileFaultNamingIt() {
        let records = [UKEInputTests.ir] + UKEInputTests.good(1) + [UKEInputTests.go(1, 291)]
        let d = UKEDocument(bytes: [0xEF, 0xBB, 0xBF] + Fixture.cp932(records.joined(separator: "\r\n")) + [13, 10], name: "t.UKE")
        XCTAssertTrue(d.structure.fileError?.reason.contains("byte order mark") == true, "\(d.structure.errors)")
    }
}
