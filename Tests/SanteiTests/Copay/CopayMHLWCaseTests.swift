import Foundation
import XCTest
@testable import Santei

/// The project's copay parameters (Masters/params/copay), loaded once.
enum CopayFixtures {
    nonisolated(unsafe) private static var cached: CopayParameters?
    static func parameters() throws -> CopayParameters {
        if let p = cached { return p }
        let p = try CopayParameters.load(directory: Paths.mastersDefault + "/params/copay")
        cached = p
        return p
    }
}

/// Every case of ../shared/cases/copay/mhlw-examples.jsonl (MHLW 計算事例, transcribed in myclinic-ts tests):
/// patient_yen and every payer figure the case book states must match exactly.
final class CopayMHLWCaseTests: XCTestCase {
    struct Expected: Decodable {
        var patient_yen: Int
        var payers: [String: [String: Int]]
    }
    struct Line: Decodable { var id: String; var expected: Expected }

    func testEveryMHLWCaseMatchesTheCaseBook() throws {
        let path = try Paths.requireShared("cases/copay/mhlw-examples.jsonl")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let engine = MonthlySettlement(parameters: try CopayFixtures.parameters())
        var failures: [String] = []
        var count = 0
        for (number, range) in Batch.lines(bytes) {
            count += 1
            let line = try JSONDecoder().decode(Line.self, from: Data(bytes[range]))
            do {
                let c = try CopayCase.parse(bytes[range])
                let s = try engine.settle(c.situation, bills: c.bills)
                let result = CopayCaseResult(id: c.id, line: number, settlement: s)
                var diffs: [String] = []
                if result.patientYen != line.expected.patient_yen { diffs.append("patient_yen expected \(line.expected.patient_yen), got \(result.patientYen)") }
                for (payer, fields) in line.expected.payers {
                    guard let got = result.payers[payer] else { diffs.append("payer \(payer) missing"); continue }
                    for (field, want) in fields {
                        let have = field == "charged_yen" ? got.chargedYen : field == "paid_yen" ? got.paidYen : got.remainingYen
                        if have != want { diffs.append("\(payer).\(field) expected \(want), got \(have)") }
                    }
                }
                if !diffs.isEmpty { failures.append("\(line.id): \(diffs.joined(separator: "; "))\n    " + s.explanation.joined(separator: "\n    ")) }
            } catch {
                failures.append("\(line.id): \(error)")
            }
        }
        XCTAssertEqual(count, 75)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(count) cases differ:\n" + failures.joined(separator: "\n"))
    }
}
