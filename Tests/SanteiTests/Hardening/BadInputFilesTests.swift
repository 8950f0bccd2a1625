import Foundation
import XCTest
@testable import Santei

/// Every JSON claim file of ../shared/cases/bad-input (price-*, audit-*, fuzz/claim-*) at library level:
/// each bad line is one error value naming the place, the good lines of the same batch still price and
/// audit, and nothing traps.
final class BadInputFilesTests: XCTestCase {
    struct Outcome { var priced: [String] = []; var errors: [(line: Int, id: String?, message: String)] = [] }

    /// What `santei price` and `santei audit` do with each line, without the CLI.
    func run(_ bytes: [UInt8], pricer: ClaimPricer, auditor: Auditor) -> Outcome {
        var out = Outcome()
        for (number, range) in Batch.lines(bytes) {
            do throws(ClaimError) {
                let claim = try ClaimJSON.parse(bytes[range])
                _ = try auditor.audit(claim, mode: .apply)
                let priced = try pricer.price(claim)
                out.priced.append(priced.id)
            } catch { out.errors.append((number, error.claimID, error.message)) }
        }
        return out
    }

    func testEveryJSONClaimFileGivesErrorsNamingThePlaceAndTheGoodLinesPrice() throws {
        let dir = try Paths.requireShared("cases/bad-input")
        let set = try RealData.masters()
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let auditor = Auditor(masters: set)
        // file → (the place its error names, the good ids that must still price)
        let expected: [String: (place: String, good: [String])] = [
            "price-birth-9999-99-99.jsonl": ("patient.birth_date", ["g1", "g2"]),
            "price-quantity-1e14.jsonl": ("encounters[0].orders[0].items[0].quantity", ["g1", "g2"]),
            "price-times-intmax.jsonl": ("encounters[0].orders[0].times", ["g1", "g2"]),
            "price-nested-150k.jsonl": ("DomainLimit.maxJSONDepth", ["g0", "g2"]),
            "audit-code-25-digits.jsonl": ("encounters[0].orders[0].items[0].code", ["g1", "g2"]),
            "fuzz/claim-UKEDocument_317-6730dea6b2c3.jsonl": ("encounters[0]", []),
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix("copay-") }
            + (try FileManager.default.contentsOfDirectory(atPath: dir + "/fuzz")).filter { $0.hasPrefix("claim-") }.map { "fuzz/" + $0 }
        XCTAssertTrue(Set(expected.keys).isSubset(of: Set(files)), "\(files)")
        for name in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            let outcome = run(bytes, pricer: pricer, auditor: auditor)
            XCTAssertFalse(outcome.errors.isEmpty, "\(name): no error")
            guard let want = expected[name] else {
                // A reproducer without its own expectation still gives errors, never a trap.
                continue
            }
            XCTAssertEqual(outcome.errors.count, 1, "\(name): \(outcome.errors)")
            XCTAssertTrue(outcome.errors.allSatisfy { $0.message.contains(want.place) }, "\(name): \(outcome.errors)")
            XCTAssertEqual(outcome.priced, want.good, name)
        }
    }

    /// The fuzz reproducer named UKEDocument_317 stopped in `UKEFields.decimal5` (a 15-digit quantity
    /// × 10⁵ overflowed), which the JSON reader used for quantities; the claim reader has its own
    /// checked reading now.
    func testTheFuzzQuantityReproducerIsAnErrorNamingTheQuantity() throws {
        let dir = try Paths.requireShared("cases/bad-input/fuzz")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/claim-UKEDocument_317-6730dea6b2c3")))
        let lines = Batch.lines(bytes)
        XCTAssertEqual(lines.count, 1)
        do throws(ClaimError) { _ = try ClaimJSON.parse(bytes[lines[0].range]); XCTFail("accepted") } catch {
            XCTAssertTrue(error.message.contains("encounters[0]"), error.message)
            XCTAssertEqual(error.claimID, "gen-3")
        }
        // The quantity alone, in a claim that is otherwise good.
        let line = ClaimInputTests.good.replacingOccurrences(of: #"{"code":"112007410"}"#, with: #"{"code":"112007410","quantity":299999999999999}"#)
        do throws(ClaimError) { _ = try ClaimJSON.parse(ArraySlice(Array(line.utf8))); XCTFail("accepted") } catch {
            XCTAssertTrue(error.message.contains("encounters[0].orders[0].items[0].quantity"), error.message)
        }
    }

    /// In-limit values whose product overflows (the largest 使用量 × a 9-million-yen 薬価): an error naming
    /// the item, and the claims around it still price.
    func testAPriceOverflowIsAClaimErrorNamingTheItem() throws {
        let set = try RealData.masters()
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let line = #"{"id":"big","patient":{"birth_date":"1958-03-12"},"encounters":[{"date":"2024-06-03","orders":[{"category":21,"items":[{"code":"622567201","quantity":"99999999.99999"}],"times":999}]}]}"#
        let claim = try ClaimJSON.parse(ArraySlice(Array(line.utf8)))
        XCTAssertThrowsError(try pricer.price(claim)) { e in
            let error = e as! ClaimError
            XCTAssertTrue(error.message.contains("encounters[0].orders[0].items[0].quantity"), error.message)
            XCTAssertEqual(error.claimID, "big")
        }
        // Smaller quantities: priced, or an error over the receipt's 合計点数 limit or naming the item — never a trap.
        for quantity in ["1", "1000", "100000", "10000000"] {
            let c = try ClaimJSON.parse(ArraySlice(Array(line.replacingOccurrences(of: "99999999.99999", with: quantity).utf8)))
            do { let p = try pricer.price(c); XCTAssertLessThanOrEqual(p.totalPoints, DomainLimit.maxReceiptPoints) } catch {
                XCTAssertTrue(["DomainLimit.maxReceiptPoints", "DomainLimit.maxUnitPoints", "items[0].quantity"].contains { error.message.contains($0) }, error.message)
            }
        }
        let one = try ClaimJSON.parse(ArraySlice(Array(line.replacingOccurrences(of: "\"99999999.99999\"", with: "1").replacingOccurrences(of: "\"times\":999", with: "\"times\":1").utf8)))
        XCTAssertEqual(try pricer.price(one).totalPoints, 949_302, "9,493,024円 → 1 + ⌈(9,493,024 − 15) ÷ 10⌉ points")
    }

    /// `audit --history`: a history file's bad lines are errors with their line numbers; its good claims load.
    func testHistoryFilesKeepTheirGoodClaimsAndNameTheBadLines() throws {
        let dir = try Paths.requireShared("cases/bad-input")
        var history = AuditHistory()
        for name in ["price-nested-150k.jsonl", "audit-code-25-digits.jsonl", "price-times-intmax.jsonl"] {
            history.load(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))), name: name)
        }
        XCTAssertEqual(history.errors.count, 3, "\(history.errors)")
        XCTAssertTrue(history.errors.contains { $0.hasPrefix("price-nested-150k.jsonl line 2: ") && $0.contains("maxJSONDepth") }, "\(history.errors)")
        XCTAssertTrue(history.errors.contains { $0.hasPrefix("audit-code-25-digits.jsonl line 2: ") }, "\(history.errors)")
    }

    /// Review 218 BM-3: a --history RECEIPTC.UKE at fault as a file (cut short without its GO, CR alone) is reported as `--input`
    /// reports it; it was left out without a word and the run exited 0.
    func testAHistoryUKEFileAtFaultIsReported() throws {
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Paths.requireShared("cases/uke") + "/RECEIPTC-2021-10-sample.UKE")))
        var whole = AuditHistory()
        whole.load(bytes: sample, name: "whole.UKE")
        XCTAssertEqual(whole.errors, [])
        var cut = AuditHistory()
        cut.load(bytes: Array(sample.prefix(sample.count / 2)), name: "cut.UKE")
        XCTAssertFalse(cut.errors.isEmpty)
        XCTAssertTrue(cut.errors.allSatisfy { $0.hasPrefix("cut.UKE ") }, "\(cut.errors)")
        var crOnly = AuditHistory()
        crOnly.load(bytes: sample.filter { $0 != 10 }, name: "cr.UKE")
        XCTAssertFalse(crOnly.errors.isEmpty, "a CR alone ends no record")
    }
}
