import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// The audit on hostile claims (issue 9 item 5): a claim at the door's bounds audits in well under a
/// second, and one past them is a single clear error. The per-claim checks look items up by code and by
/// day instead of pairing every item with every other (they were quadratic: 50,000 encounters took 19.9 s).
final class AuditSpeedTests: XCTestCase {
    /// One claim of `count` encounters in June 2024, the encounters taken from generated claims (real
    /// codes of every kind, tests, drugs, 初診/再診), dated through the month.
    static func bigClaim(encounters count: Int, set: MasterSet) throws -> Claim {
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: 9)
        var encounters: [Claim.Encounter] = []
        var n = 0
        while encounters.count < count {
            let c = try ClaimJSON.parse(ArraySlice(Array(generator.claim(n, using: &rng).utf8)))
            encounters += c.encounters
            n += 1
        }
        var claim = Claim(id: "big", patient: Claim.Patient(birthDate: "1950-01-01", sex: "1", id: "P"), facility: Claim.Facility(kind: "clinic"),
                          encounters: Array(encounters.prefix(count)))
        claim.facility?.standards = nil
        return claim
    }

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func testAClaimAtTheEncounterBoundAuditsFast() throws {
        let set = try RealData.masters()
        let auditor = Auditor(masters: set)
        let claim = try Self.bigClaim(encounters: DomainLimit.maxEncountersPerClaim, set: set)
        try ClaimCheck.validate(claim)
        _ = try auditor.audit(Self.bigClaim(encounters: 10, set: set))   // rule indexes built outside the timing
        var result: AuditResult?
        let t = try seconds { result = try auditor.audit(claim, history: [claim], mode: .apply) }
        XCTAssertLessThan(t, 2, "\(claim.encounters.count) encounters audited in \(t) s")
        XCTAssertFalse(result?.findings.isEmpty ?? true, "a month of repeated visits has findings (counts, 初診, 判断料)")
        // One past the bound: one clear error, from the reader and from the auditor alike.
        var over = claim
        over.encounters.append(claim.encounters[0])
        XCTAssertThrowsError(try auditor.audit(over)) { XCTAssertTrue(($0 as! ClaimError).message.contains("DomainLimit.maxEncountersPerClaim")) }
        XCTAssertThrowsError(try ClaimCheck.validate(over))
    }

    /// The same items many times over (the shape of a hostile claim): the work grows about linearly —
    /// 8× the items take far less than 64× the time.
    func testRepeatedItemsScaleAboutLinearly() throws {
        let set = try RealData.masters()
        let auditor = Auditor(masters: set)
        let base = try Self.bigClaim(encounters: 60, set: set)
        func repeated(_ k: Int) -> Claim {
            var c = base
            c.encounters = (0..<k).flatMap { _ in base.encounters }
            return c
        }
        _ = try auditor.audit(repeated(1))
        let small = repeated(2), large = repeated(16)
        // The fastest of three runs each: a busy machine (a build beside the tests) stretches one run, not the growth.
        let tSmall = try (0..<3).map { _ in try seconds { _ = try auditor.audit(small, mode: .apply) } }.min()!
        let tLarge = try (0..<3).map { _ in try seconds { _ = try auditor.audit(large, mode: .apply) } }.min()!
        XCTAssertLessThan(tLarge, 2, "\(large.encounters.count) encounters in \(tLarge) s")
        XCTAssertLessThan(tLarge, max(0.05, tSmall * 24), "8× the items: \(tSmall) s → \(tLarge) s")
    }

    /// The item bound (1,000 encounters × 100 items): the same code 100,000 times (every item a finding),
    /// and 700 codes cycled. Pairing every item with every other was 10¹⁰ steps; grouped by code and day
    /// it is a second or so. The bound is generous: the machine running the tests is shared.
    func testAClaimAtTheItemBoundAuditsInSeconds() throws {
        let set = try RealData.masters()
        let auditor = Auditor(masters: set)
        let base = try Self.bigClaim(encounters: DomainLimit.maxEncountersPerClaim, set: set)
        let codes = Array(Set(base.encounters.flatMap { $0.orders.flatMap { $0.items.map(\.code) } })).sorted()
        let perEncounter = DomainLimit.maxItemsPerClaim / DomainLimit.maxEncountersPerClaim
        func shape(_ code: (Int, Int) -> String) -> Claim {
            var c = base
            for e in c.encounters.indices {
                c.encounters[e].orders = [Claim.Order(category: 60, items: (0..<perEncounter).map { Claim.Item(code: code(e, $0), quantity: code(e, $0).hasPrefix("1") ? nil : Claim.Quantity(scaled: 100_000)) }, times: nil, comments: nil)]
            }
            return c
        }
        for (name, claim) in [("D 検査 160061910 × 100,000", shape { _, _ in "160061910" }), ("初診料 × 100,000", shape { _, _ in "111000110" }),
                              ("\(codes.count) codes cycled", shape { e, i in codes[(e * perEncounter + i) % codes.count] })] {
            try ClaimCheck.validate(claim)
            var result: AuditResult?
            let t = try seconds { result = try auditor.audit(claim, mode: .apply) }
            XCTAssertLessThan(t, 8, "\(name): \(t) s")
            XCTAssertNotNil(result)
        }
    }
}
