import Foundation
import XCTest
@testable import Santei

/// Runs Tests/SanteiTests/Copay/copay-golden.json: monthly cases (MHLW case-book cases not in the shared
/// file, 地方単独公費, 食事 across 2025-04-01, 配慮措置 across 2025-10-01), refusals, per-visit window
/// payments and 負担割合 at the 6, 70 and 75 birthday rules.
final class CopayGoldenTests: XCTestCase {
    struct File: Decodable {
        var monthly: [Monthly]
        var refused: [Refused]
        var windows: [Window]
        var rates: [Rate]
    }
    struct Expected: Decodable { var patient_yen: Int; var payers: [String: [String: Int]] }
    struct Monthly: Decodable { var name: String; var source: String; var `case`: AnyJSON; var expected: Expected }
    struct Refused: Decodable {
        var name: String; var source: String; var `case`: AnyJSON?; var rate: RateInput?
        var error_contains: String?; var expected_patient_yen: Int?
    }
    struct Window: Decodable {
        var name: String; var source: String; var `case`: AnyJSON
        var expected_window_yen: [Int]; var expected_month_patient_yen: Int
    }
    struct RateInput: Decodable { var birth_date: String; var service_date: String; var income_class: String }
    struct Rate: Decodable {
        var name: String; var source: String; var birth_date: String; var service_date: String; var income_class: String
        var expected_percent: Int; var expected_band: String; var expected_month_of_75th_birthday: Bool
    }
    /// A JSON value kept as its bytes, to be read by the engine's own parser.
    struct AnyJSON: Decodable {
        var bytes: [UInt8]
        init(from decoder: Decoder) throws {
            let value = try JSONValue(from: decoder)
            bytes = [UInt8](try JSONEncoder().encode(value))
        }
    }
    enum JSONValue: Codable {
        case null, bool(Bool), number(Int), string(String), array([JSONValue]), object([String: JSONValue])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Int.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .null: try c.encodeNil()
            case .bool(let b): try c.encode(b)
            case .number(let n): try c.encode(n)
            case .string(let s): try c.encode(s)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            }
        }
    }

    func load() throws -> File {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("copay-golden.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    func testEveryGoldenMonthlyCase() throws {
        let file = try load()
        XCTAssertGreaterThanOrEqual(file.monthly.count, 40)
        let engine = MonthlySettlement(parameters: try CopayFixtures.parameters())
        for g in file.monthly {
            let c = try CopayCase.parse(g.case.bytes[...])
            let s = try engine.settle(c.situation, bills: c.bills)
            let r = CopayCaseResult(id: c.id, line: 0, settlement: s)
            let why = "\(g.name) (\(g.source)):\n    " + s.explanation.joined(separator: "\n    ")
            XCTAssertEqual(r.patientYen, g.expected.patient_yen, why)
            for (payer, fields) in g.expected.payers {
                guard let got = r.payers[payer] else { XCTFail("\(payer) missing: \(why)"); continue }
                for (field, want) in fields {
                    let have = field == "charged_yen" ? got.chargedYen : field == "paid_yen" ? got.paidYen : got.remainingYen
                    XCTAssertEqual(have, want, "\(payer).\(field): \(why)")
                }
            }
        }
    }

    func testRefusedDatesAndInputs() throws {
        let file = try load()
        let parameters = try CopayFixtures.parameters()
        let engine = MonthlySettlement(parameters: parameters)
        for g in file.refused {
            do {
                if let input = g.case {
                    let c = try CopayCase.parse(input.bytes[...])
                    let s = try engine.settle(c.situation, bills: c.bills)
                    if let want = g.expected_patient_yen { XCTAssertEqual(s.patientYen, want, g.name) }
                    else { XCTFail("\(g.name): settled as \(s.patientYen) instead of being refused") }
                } else if let r = g.rate {
                    let rate = try CopayRate.rate(birth: ServiceDate(r.birth_date)!, on: ServiceDate(r.service_date)!,
                                                  incomeClass: IncomeClass(rawValue: r.income_class)!, parameters: parameters)
                    XCTFail("\(g.name): gave \(rate.percent)% instead of being refused")
                }
            } catch {
                guard let want = g.error_contains else { XCTFail("\(g.name): \(error)"); continue }
                XCTAssertTrue("\(error)".contains(want), "\(g.name): \(error)")
            }
        }
    }

    func testWindowPaymentsOverAMonth() throws {
        let file = try load()
        let engine = MonthlySettlement(parameters: try CopayFixtures.parameters())
        for g in file.windows {
            let c = try CopayCase.parse(g.case.bytes[...])
            var ledger = MonthLedger()
            var paid: [Int] = []
            var last: Settlement?
            for bill in c.bills {
                let w = try engine.windowPayment(c.situation, ledger: ledger, visit: [bill])
                paid.append(w.patientYen)
                ledger = w.ledger
                last = w.settlement
            }
            XCTAssertEqual(paid, g.expected_window_yen, g.name)
            XCTAssertEqual(paid.reduce(0, +), g.expected_month_patient_yen, g.name)
            XCTAssertEqual(last?.patientYen, g.expected_month_patient_yen, g.name)
        }
    }

    func testRatesAtTheBirthdayRules() throws {
        let file = try load()
        let parameters = try CopayFixtures.parameters()
        XCTAssertGreaterThanOrEqual(file.rates.count, 12)
        for g in file.rates {
            let r = try CopayRate.rate(birth: ServiceDate(g.birth_date)!, on: ServiceDate(g.service_date)!,
                                       incomeClass: IncomeClass(rawValue: g.income_class)!, parameters: parameters)
            XCTAssertEqual(r.percent, g.expected_percent, g.name)
            XCTAssertEqual(r.band.rawValue, g.expected_band, g.name)
            XCTAssertEqual(r.monthOf75thBirthday, g.expected_month_of_75th_birthday, g.name)
        }
    }
}
