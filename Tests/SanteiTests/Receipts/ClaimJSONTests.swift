import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// The byte-level claim reader and writer against Foundation's JSON coding (the reference).
final class ClaimJSONTests: XCTestCase {
    func parse(_ s: String) throws -> Claim { try ClaimJSON.parse(ArraySlice(Array(s.utf8))) }

    func testGeneratedClaimsReadAndPricedClaimsWriteLikeFoundation() throws {
        let set = try RealData.masters()
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        var rng = SplitMix64(seed: 42)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for n in 0..<1_000 {
            let line = generator.claim(n, using: &rng)
            let fast = try parse(line)
            let reference = try JSONDecoder().decode(Claim.self, from: Data(line.utf8))
            XCTAssertEqual(fast, reference, line)
            let priced = try pricer.price(fast)
            var bytes: [UInt8] = []
            ClaimJSON.write(priced, line: n + 1, into: &bytes)
            let mine = try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary
            let theirs = NSMutableDictionary(dictionary: try JSONSerialization.jsonObject(with: encoder.encode(priced)) as! [String: Any])
            theirs["line"] = n + 1
            XCTAssertEqual(mine, theirs, line)
        }
    }

    func testEscapesUnicodeNullsAndUnknownFields() throws {
        let c = try parse(#"{"id":"a\"b\\c\u00e9\ud83d\ude00 初診","extra":{"x":[1,2,{"y":null}],"z":true},"patient":{"birth_date":"1970-01-01","sex":null},"facility":null,"encounters":[{"date":"2024-06-03","orders":[{"category":21,"times":7,"items":[{"code":"612170710","quantity":"1.5"},{"code":"620002477","quantity":0.25}],"comments":[{"code":"810000001","text":"１日３回"}]}]}]}"#)
        XCTAssertEqual(c.id, "a\"b\\cé😀 初診")
        XCTAssertNil(c.patient.sex)
        XCTAssertNil(c.facility)
        XCTAssertEqual(c.encounters[0].orders[0].items.map { $0.quantity?.scaled }, [150_000, 25_000])
        XCTAssertEqual(c.encounters[0].orders[0].comments?.first?.text, "１日３回")
        var out: [UInt8] = []
        ClaimJSON.put(c.id, &out)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String, c.id)
        for text in ["", "tab\tnew\nline\r\u{01}\u{1f}end", "\"\\", "初診料"] {
            out.removeAll()
            ClaimJSON.put(text, &out)
            XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String, text)
        }
        for v in [0, 7, -3, 1_234_567_890, Int.max, Int.min] {
            out.removeAll()
            ClaimJSON.put(v, &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(v))
        }
    }

    /// Review 58: a misspelt key (`time_bnd`) was skipped without a word and the claim priced as 時間内; the reader keeps
    /// the paths of keys the format does not have, and the pricing doors note them.
    func testKeysOfNoFieldAreKeptByPathAndNoted() throws {
        let line = #"{"id":"t","patient":{"birth_date":"1980-01-01","sx":"1"},"encounters":[{"date":"2024-06-10","time_bnd":"night","orders":[{"category":12,"items":[{"code":"112007410","quantitiy":1}]}]}],"insurence":{}}"#
        var unknown: [String] = []
        _ = try ClaimJSON.parse(ArraySlice(Array(line.utf8)), unknownFields: &unknown)
        XCTAssertEqual(unknown, ["patient.sx", "encounters[0].time_bnd", "encounters[0].orders[0].items[0].quantitiy", "insurence"])
        XCTAssertTrue(ClaimJSON.unknownFieldsNote(unknown)?.contains("check the spelling") == true)
        XCTAssertNil(ClaimJSON.unknownFieldsNote([]))
        let context = ServiceLines.PriceContext(pricer: ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules())), copayParameters: .failure(MasterLoadError(file: "-", reason: "unused")))
        guard case .success(let out) = ServiceLines.price(ArraySlice(Array(line.utf8)), line: 1, context) else { return XCTFail() }
        XCTAssertTrue(String(decoding: out, as: UTF8.self).contains("encounters[0].time_bnd"))
    }

    func testErrorsNameTheField() {
        func message(_ s: String) -> String {
            do { _ = try ClaimJSON.parse(ArraySlice(Array(s.utf8))); return "parsed" } catch { return error.message }
        }
        XCTAssertEqual(message(#"{"id":"a","encounters":[]}"#), "missing field patient")
        XCTAssertEqual(message(#"{"id":"a","patient":{},"encounters":[]}"#), "missing field patient.birth_date")
        XCTAssertEqual(message(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":"x","items":[]}]}]}"#),
                       "encounters[0].orders[0].category: expected a whole number")
        // Review 361 HA-5: a number that is not written as a whole number says so (1e17 is one, out of range or not).
        XCTAssertEqual(message(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}],"times":1e17}]}]}"#),
                       "encounters[0].orders[0].times: 1e17 is not a whole number written without a fraction or an exponent")
        XCTAssertEqual(message(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"1","quantity":"1.234567"}]}]}]}"#),
                       "encounters[0].orders[0].items[0].quantity: quantity \"1.234567\" is not a decimal number with at most 5 decimals")
        XCTAssertTrue(message("not json at all").hasPrefix("not JSON"))
        // Review 75 P09: a line cut short inside a value says so.
        XCTAssertEqual(message(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[{"#),
                       "encounters[0]: expected a string — the line ends here (cut short?)")
        // JSON, but not an object: said so (review 48), not "not JSON".
        XCTAssertEqual(message(#""hello""#), #"a claim is a JSON object ({"patient": …, "encounters": […]}); this is a JSON string at byte 1"#)
        XCTAssertTrue(message("null").hasSuffix("this is a JSON null at byte 1"), message("null"))
        XCTAssertTrue(message("[1, 2]").contains("JSON array"), message("[1, 2]"))
        XCTAssertTrue(message(#"{"id":"a","patient":{"birth_date":"1970-01-01"},"encounters":[]} trailing"#).hasPrefix("not JSON: unexpected text after the claim"))
        XCTAssertTrue(message(#"{"id":"a"#).hasPrefix("not JSON"))
    }
}
