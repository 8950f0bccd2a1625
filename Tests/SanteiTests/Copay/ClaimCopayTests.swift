import Foundation
import XCTest
@testable import Santei

/// A claim with `insurance`: each encounter's window payment and the receipt's 負担金額.
final class ClaimCopayTests: XCTestCase {
    func priced(_ id: String, byEncounter: [Int]) -> PricedClaim {
        PricedClaim(id: id, totalPoints: byEncounter.reduce(0, +), byCategory: [:], byColumn: [:], byEncounter: byEncounter, orders: [], issues: [])
    }

    /// Review 347 GM-1: the copay of a claim not priced in full (its issues) says first that it is provisional; a complete one does not.
    func testTheCopayOfAnIncompleteClaimSaysItIsProvisional() throws {
        let line = #"{"id": "p", "patient": {"birth_date": "1980-03-12"}, "insurance": {"income_class": "ウ"}, "encounters": [{"date": "2024-06-03", "orders": []}]}"#
        let claim = try ClaimJSON.parse(Array(line.utf8)[...])
        var incomplete = priced("p", byEncounter: [291])
        incomplete.issues = ["encounters[0].orders[0]: not priced"]
        let partial = try XCTUnwrap(try ClaimCopay.compute(claim, incomplete, parameters: CopayFixtures.parameters()))
        XCTAssertTrue(partial.explanation.first?.hasPrefix("provisional: the claim is not complete (1 issue)") == true, "\(partial.explanation)")
        XCTAssertEqual(partial.patientYen, 873, "the priced items' share all the same")
        let whole = try XCTUnwrap(try ClaimCopay.compute(claim, priced("p", byEncounter: [291]), parameters: CopayFixtures.parameters()))
        XCTAssertFalse(whole.explanation.contains { $0.hasPrefix("provisional") })
    }

    func testA難病PatientPaysTwentyPercentRoundedAtEachVisit() throws {
        let line = #"{"id": "c1", "patient": {"birth_date": "1958-03-12"}, "insurance": {"income_class": "ウ", "public_programs": [{"law_number": "54", "monthly_cap_yen": 5000}]}, "encounters": [{"date": "2024-06-03", "orders": []}, {"date": "2024-06-10", "orders": []}]}"#
        let claim = try ClaimJSON.parse(Array(line.utf8)[...])
        XCTAssertEqual(claim, try JSONDecoder().decode(Claim.self, from: Data(line.utf8)))
        let copay = try XCTUnwrap(try ClaimCopay.compute(claim, priced("c1", byEncounter: [291, 75]), parameters: CopayFixtures.parameters()))
        // 2,910円: 3割 873, 難病 2割 582 → 580 at the window; month 3,660円 → 2割 732, the visit's 150.
        XCTAssertEqual(copay.visits.map(\.windowYen), [580, 150])
        XCTAssertEqual(copay.patientYen, 732)
        XCTAssertEqual(copay.hoBurdenYen, 1098)
        XCTAssertEqual(copay.ko.first?.burdenYen, 732)
        var out: [UInt8] = []
        var p = priced("c1", byEncounter: [291, 75])
        p.copay = copay
        ClaimJSON.write(p, line: 1, into: &out)
        let json = try JSONSerialization.jsonObject(with: Data(out)) as! [String: Any]
        XCTAssertEqual((json["copay"] as? [String: Any])?["patient_yen"] as? Int, 732)
    }

    func testA71YearOldGeneralPatientPaysTwentyPercentAndAClaimWithoutInsuranceHasNoCopay() throws {
        let params = try CopayFixtures.parameters()
        var claim = Claim(id: "c2", patient: .init(birthDate: "1953-02-10", sex: nil), facility: nil,
                          encounters: [.init(date: "2024-06-03", timeBand: nil, department: nil, visit: nil, orders: [])])
        XCTAssertNil(try ClaimCopay.compute(claim, priced("c2", byEncounter: [1234]), parameters: params))
        claim.insurance = Claim.Insurance(incomeClass: "一般", ratePercent: nil, inpatient: nil, manyTimes: nil, longTermDiseaseCapYen: nil, publicPrograms: nil)
        let copay = try XCTUnwrap(try ClaimCopay.compute(claim, priced("c2", byEncounter: [1234]), parameters: params))
        XCTAssertEqual(copay.ratePercent, 20)
        // 12,340円 × 2割 = 2,468円 → 2,470円 at the window (10円未満四捨五入).
        XCTAssertEqual(copay.visits.map(\.windowYen), [2470])
        XCTAssertEqual(copay.patientYen, 2468)
        var out: [UInt8] = []
        ClaimJSON.write(priced("c2", byEncounter: [1]), line: 1, into: &out)
        XCTAssertFalse(String(decoding: out, as: UTF8.self).contains("copay"))
    }

    /// Review 268 DK-1: a stated 負担割合 the class cannot have is refused, as `santei copay` refuses it: 30% for a 後期 一般Ⅰ
    /// patient of 80, 10% for a patient of 45; the class's own rates are taken.
    func testAStatedRateTheClassCannotHaveIsRefused() throws {
        let params = try CopayFixtures.parameters()
        func copay(_ birth: String, _ cls: String, _ rate: Int) throws -> ClaimCopay? {
            var claim = Claim(id: "r", patient: .init(birthDate: birth, sex: nil), facility: nil,
                              encounters: [.init(date: "2025-06-03", timeBand: nil, department: nil, visit: nil, orders: [])])
            claim.insurance = Claim.Insurance(incomeClass: cls, ratePercent: rate, inpatient: nil, manyTimes: nil, longTermDiseaseCapYen: nil, publicPrograms: nil)
            return try ClaimCopay.compute(claim, priced("r", byEncounter: [291]), parameters: params)
        }
        XCTAssertThrowsError(try copay("1945-03-12", "一般Ⅰ", 30)) { XCTAssertEqual(($0 as? CopayError)?.field, "insurance.rate_percent") }
        XCTAssertThrowsError(try copay("1980-03-12", "ウ", 10)) { XCTAssertEqual(($0 as? CopayError)?.field, "insurance.rate_percent") }
        XCTAssertEqual(try copay("1945-03-12", "一般Ⅰ", 10)?.patientYen, 291)
        XCTAssertEqual(try copay("1980-03-12", "ウ", 30)?.patientYen, 873)
        // Review 342 GG-1, GG-2 (健康保険法第74条第1項第2号: 70〜74歳 百分の二十): 10% for a 72-year-old 一般 is refused, and so is the
        // 後期 class 一般Ⅰ for a patient of 74; the 2割 is taken.
        XCTAssertThrowsError(try copay("1953-03-10", "一般", 10)) { XCTAssertEqual(($0 as? CopayError)?.field, "insurance.rate_percent") }
        XCTAssertThrowsError(try copay("1950-06-15", "一般Ⅰ", 10)) { XCTAssertEqual(($0 as? CopayError)?.field, "insurance.income_class") }
        XCTAssertEqual(try copay("1953-03-10", "一般", 20)?.patientYen, 582)
    }

    /// Review 268 DK-2: a 生活保護 recipient is no 後期高齢者医療 被保険者 (高齢者医療確保法第51条第1号): 12 beside the insurance of
    /// a patient of 75 is refused naming the 公費 (the 広域連合 paid 2,619 of a 2,910 初診); at 45 (被用者保険 + 12) it is settled.
    func testPublicAssistanceBesideTheLateElderlyInsuranceIsRefused() throws {
        let params = try CopayFixtures.parameters()
        func copay(_ birth: String, _ cls: String) throws -> ClaimCopay? {
            let line = #"{"id": "p", "patient": {"birth_date": "\#(birth)"}, "insurance": {"income_class": "\#(cls)", "public_programs": [{"law_number": "12"}]}, "encounters": [{"date": "2025-06-03", "orders": []}]}"#
            return try ClaimCopay.compute(try ClaimJSON.parse(Array(line.utf8)[...]), priced("p", byEncounter: [291]), parameters: params)
        }
        XCTAssertThrowsError(try copay("1945-03-12", "低所得Ⅰ")) { error in
            XCTAssertEqual((error as? CopayError)?.field, "insurance.public_programs[0].law_number")
            XCTAssertTrue("\(error)".contains("第51条"), "\(error)")
        }
        let working = try XCTUnwrap(try copay("1980-03-12", "ウ"))
        XCTAssertEqual(working.patientYen, 0, "生活保護 pays the 3割 of a 被用者保険 member")
    }

    /// Review 302 ES-4: 21 自立支援医療（精神通院） is 通院による精神医療 only (public-programs.json outpatient_only): an 入院 month
    /// naming it is refused (it was capped at 5,000円 for a 330,590円 stay); the same certificate on a 外来 claim is settled.
    func testTheOutpatientMentalHealthProgramIsRefusedOnAnInpatientBill() throws {
        let params = try CopayFixtures.parameters()
        func copay(inpatient: Bool) throws -> ClaimCopay? {
            let line = #"{"id": "m", "patient": {"birth_date": "1980-03-12"}, "insurance": {"income_class": "ウ", "inpatient": \#(inpatient), "public_programs": [{"law_number": "21", "monthly_cap_yen": 5000}]}, "encounters": [{"date": "2024-07-03", "orders": []}]}"#
            return try ClaimCopay.compute(try ClaimJSON.parse(Array(line.utf8)[...]), priced("m", byEncounter: [1000]), parameters: params)
        }
        XCTAssertThrowsError(try copay(inpatient: true)) { error in
            XCTAssertTrue("\(error)".contains("入院外 (通院) care only"), "\(error)")
        }
        // 10,000円: 1割 1,000円 under the 5,000円 cap.
        XCTAssertEqual(try XCTUnwrap(try copay(inpatient: false)).patientYen, 1000)
    }

    /// Review 77: 後期高齢者医療 begins on the 75th birthday itself, so a claim whose encounters run across it holds two
    /// insurers' receipts: refused naming the first encounter from the birthday; a claim wholly before it, or one that
    /// starts on it, is one receipt.
    func testAClaimAcrossThe75thBirthdayIsRefusedNamingTheEncounter() throws {
        let params = try CopayFixtures.parameters()
        func claim(_ dates: [String]) -> Claim {
            var c = Claim(id: "c75", patient: .init(birthDate: "1949-07-15", sex: nil), facility: nil,
                          encounters: dates.map { .init(date: $0, timeBand: nil, department: nil, visit: nil, orders: []) })
            c.insurance = Claim.Insurance(incomeClass: "一般", ratePercent: nil, inpatient: nil, manyTimes: nil, longTermDiseaseCapYen: nil, publicPrograms: nil)
            return c
        }
        XCTAssertThrowsError(try ClaimCopay.compute(claim(["2024-07-10", "2024-07-20"]), priced("c75", byEncounter: [75, 12175]), parameters: params)) { error in
            let e = error as? CopayError
            XCTAssertEqual(e?.field, "encounters[1].date")
            XCTAssertTrue(e?.message.contains("75th birthday 2024-07-15") == true, "\(String(describing: e))")
        }
        XCTAssertEqual(try ClaimCopay.compute(claim(["2024-07-10", "2024-07-14"]), priced("c75", byEncounter: [75, 75]), parameters: params)?.ageBand, "70_to_74")
        XCTAssertEqual(try ClaimCopay.compute(claim(["2024-07-15", "2024-07-20"]), priced("c75", byEncounter: [75, 75]), parameters: params)?.ageBand, "75_and_over")
    }

    /// Review 229 BX-1: a patient of 65〜74 under 後期高齢者医療 by the 障害認定 (`patient.late_elderly`, 高齢者の医療の確保に関する
    /// 法律 第50条 第2号) pays the 後期 rate, 1割 for 一般Ⅰ — it was 2割 (70〜74), or the 後期 class refused under 70.
    func testA障害認定LateElderlyPatientUnder75PaysTheLateElderlyRate() throws {
        let params = try CopayFixtures.parameters()
        func claim(_ birth: String, late: Bool?) -> Claim {
            var c = Claim(id: "le", patient: .init(birthDate: birth, sex: nil, lateElderly: late), facility: nil,
                          encounters: [.init(date: "2024-09-02", timeBand: nil, department: nil, visit: nil, orders: [])])
            c.insurance = Claim.Insurance(incomeClass: "一般Ⅰ", ratePercent: nil, inpatient: nil, manyTimes: nil, longTermDiseaseCapYen: nil, publicPrograms: nil)
            return c
        }
        // 72歳: 127点 = 1,270円 × 1割 = 127円 → 130円 at the window.
        let at72 = try XCTUnwrap(try ClaimCopay.compute(claim("1952-05-05", late: true), priced("le", byEncounter: [127]), parameters: params))
        XCTAssertEqual(at72.ratePercent, 10)
        XCTAssertEqual(at72.ageBand, "75_and_over")
        XCTAssertEqual(at72.visits.map(\.windowYen), [130])
        XCTAssertEqual(at72.patientYen, 127)
        // 68歳 likewise; without the flag the 後期 class is not a 68-year-old's.
        XCTAssertEqual(try ClaimCopay.compute(claim("1956-05-05", late: true), priced("le", byEncounter: [127]), parameters: params)?.ratePercent, 10)
        XCTAssertThrowsError(try ClaimCopay.compute(claim("1956-05-05", late: nil), priced("le", byEncounter: [127]), parameters: params))
        // Under 65 there is no 障害認定 後期: refused naming the field.
        XCTAssertThrowsError(try ClaimCopay.compute(claim("1962-05-05", late: true), priced("le", byEncounter: [127]), parameters: params)) { error in
            XCTAssertEqual((error as? CopayError)?.field, "patient.late_elderly")
        }
    }

}
