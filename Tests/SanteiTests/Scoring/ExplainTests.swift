import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// Issue 15 item 4: compact explanations (`points A001 s:112007410`) name the same master rows as the full
/// sentences, line for line, and change nothing else of the priced claim; every door takes the choice.
final class ExplainTests: XCTestCase {
    /// The priced claim as `santei price` writes it, without the orders' explanations.
    func withoutExplanations(_ priced: PricedClaim) throws -> NSDictionary {
        var bytes: [UInt8] = []
        ClaimJSON.write(priced, line: 1, into: &bytes)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        json["orders"] = (json["orders"] as? [[String: Any]] ?? []).map { o in var o = o; o["explanation"] = nil; return o }
        return json as NSDictionary
    }

    func testCompactAndFullNameTheSameRowsAndPriceAlike() throws {
        let set = try RealData.masters()
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: 11)
        let reference = try NSRegularExpression(pattern: #"^[a-z0-9-]+( [A-N][0-9]{3}(-[0-9]+)?)?( [sty]:[0-9]{9}| group:[0-9]+( order:[0-9]+)?)?$"#)
        var rules = Set<String>(), references = 0, sentences = 0
        for n in 0..<400 {
            let claim = try ClaimJSON.parse(Array(generator.claim(n, using: &rng).utf8)[...])
            let full = try pricer.price(claim, explain: .full)
            let compact = try pricer.price(claim, explain: .compact)
            XCTAssertEqual(try withoutExplanations(compact), try withoutExplanations(full), "gen-\(n)")
            XCTAssertEqual(compact.orders.count, full.orders.count)
            for (c, f) in zip(compact.orders, full.orders) {
                XCTAssertEqual(c.explanation.count, f.explanation.count, "gen-\(n): \(c.explanation) vs \(f.explanation)")
                for (short, long) in zip(c.explanation, f.explanation) {
                    if short == long { sentences += 1; continue }   // a derivation or not-billed sentence: the same in both
                    references += 1
                    XCTAssertEqual(reference.numberOfMatches(in: short, range: NSRange(short.startIndex..., in: short)), 1, "gen-\(n): \(short)")
                    let words = short.split(separator: " ")
                    rules.insert(String(words[0]))
                    XCTAssertNotNil(ExplainRule(rawValue: String(words[0])), short)
                    // The row named is the row the sentence is about.
                    if let last = words.last, let colon = last.firstIndex(of: ":") {
                        let value = last[last.index(after: colon)...]
                        if last.hasPrefix("group:") { XCTAssertTrue(long.hasPrefix("包括対象検査 \(value)"), "\(short) vs \(long)") }
                        else { XCTAssertTrue(long.hasPrefix(String(value)), "\(short) vs \(long)") }
                    } else {
                        XCTAssertTrue(long.hasPrefix("薬剤料"), "\(short) vs \(long)")
                    }
                    XCTAssertLessThan(short.utf8.count, long.utf8.count)
                }
            }
        }
        XCTAssertGreaterThan(references, 1_000)
        XCTAssertGreaterThan(sentences, 10)
        XCTAssertTrue(rules.isSuperset(of: ["points", "drug", "drug-fee", "bundle"]), "\(rules)")
    }

    /// Every rule name has its row in docs/explanations.md, the table a reader looks it up in.
    func testEveryRuleIsDocumented() throws {
        let doc = try String(contentsOfFile: Paths.packageRoot + "/docs/explanations.md", encoding: .utf8)
        for rule in ExplainRule.allCases { XCTAssertTrue(doc.contains("| `\(rule.rawValue)"), rule.rawValue) }
    }

    /// The doors: compact unless `explain=full`; any other value is a 400 naming `explain`, as `--explain` is a usage error.
    func testTheServiceTakesExplainAndRefusesOtherValues() throws {
        let engine = try XCTUnwrap(ServiceEngineTests.engine, "the embedded masters did not load")
        let body = Array(ServeFixtures.exampleClaim)[...]
        func explanations(_ query: String) throws -> [String] {
            let r = engine.handle(method: "POST", path: "/v1/claims/price", query: query, body: body)
            XCTAssertEqual(r.status, 200, String(decoding: r.body, as: UTF8.self))
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
            return (json["orders"] as? [[String: Any]] ?? []).flatMap { $0["explanation"] as? [String] ?? [] }
        }
        let byDefault = try explanations(""), compact = try explanations("explain=compact"), full = try explanations("explain=full")
        XCTAssertEqual(byDefault, compact)
        XCTAssertTrue(compact.contains { $0.hasPrefix("points A00") }, "\(compact)")
        XCTAssertTrue(full.contains { $0.contains("点 (点数識別 3)") }, "\(full)")
        XCTAssertEqual(compact.count, full.count)
        let window = engine.handle(method: "POST", path: "/v1/encounter", query: "explain=full", body: Array(ServeFixtures.exampleEncounter)[...])
        XCTAssertTrue(String(decoding: window.body, as: UTF8.self).contains("(点数識別 3)"))
        let bad = engine.handle(method: "POST", path: "/v1/claims/price", query: "explain=short", body: body)
        XCTAssertEqual(bad.status, 400)
        let error = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(bad.body)) as? [String: Any])?["error"] as? [String: Any])
        XCTAssertEqual(error["field"] as? String, "explain")
        let cli = try SanteiExecutable.run(["price", "--input", Paths.packageRoot + "/docs/examples/claims.jsonl", "--explain", "short"])
        XCTAssertEqual(cli.status, 2, cli.err)
        XCTAssertTrue(cli.err.contains("is not compact or full"), cli.err)
    }
}
