import Foundation
import XCTest
@testable import Santei

/// Issue 13: runs Tests/SanteiTests/Copay/copay-issue13-cases.json (マル長 over the receipt parts, 地単-only
/// parts, no 認定証, 法別51, the day-level form with mid-month changes) and
/// Tests/SanteiTests/Golden/copay-local-programs.jsonl (地方単独公費 named by prefecture + program, each amount
/// worked from the program's published rule) through `ServiceLines.copay`, the function behind `santei copay`,
/// the service and the C library. `expected` is a subset of the output line.
final class CopayWindowAndLocalTests: XCTestCase {
    static let loaded = Result { try CopayParameters.loadDefault() }
    static var engine: MonthlySettlement { get throws { MonthlySettlement(parameters: try loaded.get()) } }

    /// `expected` ⊆ `actual`: objects key by key, arrays element by element (same length), numbers and strings equal.
    func assertSubset(_ expected: Any, _ actual: Any?, path: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        switch expected {
        case let e as [String: Any]:
            guard let a = actual as? [String: Any] else { return XCTFail("\(name): \(path) is not an object in \(String(describing: actual))", file: file, line: line) }
            for (k, v) in e { assertSubset(v, a[k], path: path + "." + k, name, file: file, line: line) }
        case let e as [Any]:
            guard let a = actual as? [Any], a.count == e.count else {
                return XCTFail("\(name): \(path) has \((actual as? [Any])?.count ?? -1) elements, expected \(e.count)", file: file, line: line)
            }
            for (n, v) in e.enumerated() { assertSubset(v, a[n], path: path + "[\(n)]", name, file: file, line: line) }
        case let e as NSNumber:
            XCTAssertEqual(e, actual as? NSNumber, "\(name): \(path)", file: file, line: line)
        case let e as String:
            XCTAssertEqual(e, actual as? String, "\(name): \(path)", file: file, line: line)
        default:
            XCTFail("\(name): unexpected expected value at \(path)", file: file, line: line)
        }
    }

    func run(_ caseObject: Any) throws -> [String: Any] {
        let bytes = try JSONSerialization.data(withJSONObject: caseObject)
        let out = ServiceLines.copay([UInt8](bytes)[...], line: 1, engine: try Self.engine)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.bytes)) as? [String: Any])
    }

    func testIssue13Cases() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("copay-issue13-cases.json")
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try XCTUnwrap(doc["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 16)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let out = try run(try XCTUnwrap(c["case"]))
            XCTAssertNil(out["error"], "\(name): \(out["error"] ?? "")")
            assertSubset(try XCTUnwrap(c["expected"]), out, path: "", name)
            if let visits = out["visits"] as? [[String: Any]] {
                // Each visit's window payment is its share rounded to 10円 (四捨五入), so what the window collects
                // over the month is the month's settled patient share to within 5円 a visit.
                let collected = visits.reduce(0) { $0 + ($1["window_yen"] as? Int ?? 0) }
                let settled = try XCTUnwrap(out["patient_yen"] as? Int, name)
                XCTAssertLessThanOrEqual(abs(collected - settled), 5 * visits.count, "\(name): collected \(collected), settled \(settled)")
            }
        }
        let refused = try XCTUnwrap(doc["refused"] as? [[String: Any]])
        for r in refused {
            let name = r["name"] as? String ?? "?"
            let out = try run(try XCTUnwrap(r["case"]))
            let error = try XCTUnwrap(out["error"] as? String, "\(name): not refused: \(out)")
            XCTAssertTrue(error.contains(try XCTUnwrap(r["error_contains"] as? String)), "\(name): \(error)")
        }
    }

    /// Over one receipt, Σ share_yen of the visits equals the monthly settlement of the same bills (each visit a
    /// bill, in date order), to the yen, for every day-level case without mid-month changes.
    func testDayLevelSharesAddUpToTheMonthlySettlement() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("copay-issue13-cases.json")
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var checked = 0
        for c in try XCTUnwrap(doc["cases"] as? [[String: Any]]) {
            let input = try XCTUnwrap(c["case"] as? [String: Any])
            guard input["visits"] != nil else { continue }
            let bytes = [UInt8](try JSONSerialization.data(withJSONObject: input))
            let parsed = try CopayCase.parse(bytes[...])
            let days = try Self.engine.settleDays(parsed)
            for (n, receipt) in days.receipts.enumerated() {
                let visits = days.visits.filter { $0.receipt == n + 1 }
                XCTAssertEqual(visits.reduce(0) { $0 + $1.charge.unroundedYen }, receipt.settlement.medicalPatientYen, "\(c["name"] ?? "")")
                XCTAssertLessThanOrEqual(abs(receipt.windowTotalYen - receipt.settlement.patientYen), 5 * visits.count, "\(c["name"] ?? "")")
            }
            let simple = parsed.changes.isEmpty && parsed.programDates.allSatisfy { $0.validFrom == nil && $0.validUntil == nil && $0.capChanges.isEmpty }
            if simple {
                var s = parsed.situation
                s.date = parsed.visits.last!.date
                let month = try Self.engine.settle(s, bills: parsed.visits.flatMap(\.bills))
                XCTAssertEqual(month.patientYen, days.patientYen, "\(c["name"] ?? ""): the month settled at once")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 2)
    }

    /// 健康保険法第75条 rounds the 一部負担金 itself to 10円 (5円未満切り捨て, 5円以上切り上げ): a visit's share of
    /// 1,234.6円 is collected as 1,230円, not rounded to 1,235円 first and then to 1,240円 (review 105 B1). The
    /// receipt's share stays in 1円 (1,235円). 結核 (法別10) leaves the patient 5%: 24,690円 → 1,234.5円 → 1,230円.
    func testTheWindowRoundsTheExactShareNotItsYenRounding() throws {
        func visit(_ rate: Int, _ yen: Int, programs: [[String: Any]] = [], coveredBy: [String] = ["insurance"]) throws -> [String: Any] {
            let out = try run(["id": "w", "service_month": "2025-06",
                               "patient": ["age_band": rate == 10 ? "70plus" : "under70", "income_class": rate == 10 ? "一般Ⅰ" : "ウ",
                                           "copay_rate_percent": rate, "inpatient": false],
                               "public_programs": programs,
                               "visits": [["date": "2025-06-02", "yen_total": yen, "covered_by": coveredBy]]])
            XCTAssertNil(out["error"], "\(out)")
            return try XCTUnwrap((out["visits"] as? [[String: Any]])?.first)
        }
        // (割合, 医療費, exact share, window): the share's fraction under 10円 in [4.5, 5) goes down, from 5 up.
        for (rate, yen, share, window) in [(20, 6173, 1235, 1230), (30, 4116, 1235, 1230), (10, 12449, 1245, 1240),
                                           (30, 4117, 1235, 1240), (30, 4115, 1235, 1230), (20, 6175, 1235, 1240)] {
            let v = try visit(rate, yen)
            XCTAssertEqual(v["window_yen"] as? Int, window, "\(rate)% of \(yen)")
            XCTAssertEqual(v["share_yen"] as? Int, share, "\(rate)% of \(yen)")
        }
        let tb = try visit(30, 24690, programs: [["law_number": "10"]], coveredBy: ["insurance", "10"])
        XCTAssertEqual(tb["window_yen"] as? Int, 1230)
        XCTAssertEqual(tb["share_yen"] as? Int, 1235)
        XCTAssertEqual(try visit(30, 24710, programs: [["law_number": "10"]], coveredBy: ["insurance", "10"])["window_yen"] as? Int, 1240)   // 1,235.5円
    }

    /// A 高額療養費 limit that binds on the insurer's side of a 公費 part of a rate caps nothing the patient pays: the
    /// 公費's own share is collected 10円未満四捨五入 (domain-facts.md A.1: to the yen only where the window charge itself
    /// is the limit). 区分エ, 結核 (法別10, 5%): 123,457円 → 6,172.85 → 6,170円; then 400,000円: the part's ウ-formula limit
    /// 82,665円 binds on the insurer, the patient's 5% is 20,000円 — not 20,003円 "to the yen" (reviews 138 E03, 143 C4).
    /// 難病 (54, 2割, 上限 30,000円 not reached) under a 多数回 44,400円 limit: 27,332円 → 27,330円 (review 143 C12).
    func testA高額療養費LimitOnTheInsurerSideKeepsThe公費ShareRoundedTo10Yen() throws {
        let tb = try run(["id": "t", "service_month": "2024-10",
                          "patient": ["age_band": "under70", "income_class": "エ", "copay_rate_percent": 30, "inpatient": false],
                          "public_programs": [["law_number": "10"]],
                          "visits": [["date": "2024-10-01", "yen_total": 123457, "covered_by": ["insurance", "10"]],
                                     ["date": "2024-10-31", "yen_total": 400000, "covered_by": ["insurance", "10"]]]])
        XCTAssertNil(tb["error"], "\(tb)")
        XCTAssertEqual(try XCTUnwrap(tb["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [6170, 20000])
        XCTAssertEqual(tb["patient_yen"] as? Int, 26173)   // the receipt's 5% in 1円: 26,172.85 → 26,173
        let nanbyou = try run(["id": "n", "service_month": "2024-10",
                               "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": true, "many_times": true],
                               "public_programs": [["law_number": "54", "monthly_cap_yen": 30000]],
                               "visits": [["date": "2024-10-01", "yen_total": 12343, "covered_by": ["insurance", "54"]],
                                          ["date": "2024-10-31", "yen_total": 136660, "covered_by": ["insurance", "54"]]]])
        XCTAssertNil(nanbyou["error"], "\(nanbyou)")
        XCTAssertEqual(try XCTUnwrap(nanbyou["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [2470, 27330])
        XCTAssertEqual(nanbyou["patient_yen"] as? Int, 29801)
    }

    /// A visit that brings the month to a 公費 cap collects the cap less what was collected, and never less than
    /// nothing (review 105 C15). Three 1,666円 shares round up to 1,670円, but the third visit may collect only the
    /// 1,660円 left under the 5,000円 cap (review 162 H1: the round-ups of earlier visits count against the 上限).
    /// The fourth visit, where the cap binds, collects 0円.
    func testAVisitWhereTheCapBindsAfterRoundingUpCollectsNothingNotARefund() throws {
        let visits = ["2025-06-02", "2025-06-09", "2025-06-16", "2025-06-23"].enumerated().map { n, d in
            ["date": d, "yen_total": n == 3 ? 100 : 16660, "covered_by": ["insurance", "54"]] as [String: Any]
        }
        let out = try run(["id": "c", "service_month": "2025-06",
                           "patient": ["age_band": "70plus", "income_class": "一般Ⅰ", "copay_rate_percent": 10, "inpatient": false],
                           "public_programs": [["law_number": "54", "monthly_cap_yen": 5000]], "visits": visits])
        XCTAssertNil(out["error"], "\(out)")
        let windows = try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }
        XCTAssertEqual(windows, [1670, 1670, 1660, 0])
        XCTAssertEqual(out["patient_yen"] as? Int, 5000)
        XCTAssertEqual(out["window_total_yen"] as? Int, 5000)
    }

    /// Review 169 P1: a 21 上限 lowered from 5,000 to 2,420 on 06-15 after ten visits of 244.4円 collected as 240 (2,400 paid):
    /// the 管理票 counts what was paid, so 20円 is left — 06-16 collects 20 (not 44, the 1円 share 2,444 less 2,400), 06-17
    /// nothing; the month is the 上限, 2,420.
    func testALoweredCapCountsWhatTheWindowTook() throws {
        var visits = (1...10).map { ["date": String(format: "2025-06-%02d", $0), "yen_total": 2444, "covered_by": ["insurance", "21"]] as [String: Any] }
        visits += ["2025-06-16", "2025-06-17"].map { ["date": $0, "yen_total": 2444, "covered_by": ["insurance", "21"]] as [String: Any] }
        let out = try run(["id": "p1", "service_month": "2025-06",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                           "public_programs": [["law_number": "21", "monthly_cap_yen": 5000, "cap_changes": [["from": "2025-06-15", "monthly_cap_yen": 2420]]]],
                           "visits": visits])
        XCTAssertNil(out["error"], "\(out)")
        XCTAssertEqual(try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, Array(repeating: 240, count: 10) + [20, 0])
        XCTAssertEqual(out["window_total_yen"] as? Int, 2420)
        XCTAssertEqual(out["patient_yen"] as? Int, 2420)
    }

    /// Review 166 L1: ウ 3割 with 54 (cap 10,000円). After 06-17 the insurance-only part (280,000円) is at its limit 80,230 and
    /// the 54 part (50,000円, 一部負担金 15,000 < 21,000) is not in the 合算: 90,230 collected. On 06-24 the 54 part's 一部負担金
    /// reaches 33,000 and joins the 合算 (健康保険法施行令第41条第1項): 80,100 + (390,000 − 267,000) × 1% = 81,330, so the
    /// window pays back 8,900. 06-28: 81,375.7 → 81,376, +46. Σ window = the month's 81,376.
    func testAMonthShareThatFallsIsPaidBackAtTheWindow() throws {
        let visits = [("2024-06-03", 30000, false), ("2024-06-10", 50000, true), ("2024-06-17", 250000, false), ("2024-06-24", 60000, true), ("2024-06-28", 4570, false)]
            .map { ["date": $0.0, "yen_total": $0.1, "covered_by": $0.2 ? ["insurance", "54"] : ["insurance"]] as [String: Any] }
        let out = try run(["id": "l1", "service_month": "2024-06",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                           "public_programs": [["law_number": "54", "monthly_cap_yen": 10000]], "visits": visits])
        XCTAssertNil(out["error"], "\(out)")
        let windows = try XCTUnwrap(out["visits"] as? [[String: Any]])
        XCTAssertEqual(windows.map { $0["window_yen"] as? Int }, [9000, 10000, 71230, -8900, 46])
        XCTAssertTrue((windows[3]["rounding"] as? String ?? "").contains("paid back at the window"), "\(windows[3])")
        XCTAssertEqual(out["patient_yen"] as? Int, 81376)
        XCTAssertEqual(out["window_total_yen"] as? Int, 81376)
    }

    /// Review 162 H1/H2: 10円 round-ups never take the window past a limit that has not bound yet. (a) 21 精神通院 1割, cap
    /// 2,500円 (障害者総合支援法施行令第35条): ten visits of 2,454円 round 245.4 up to 250 and collect 2,500 while the month's
    /// share is 2,454; the 11th visit's 45円 keeps the share under the cap (2,499) but nothing is left to collect. (b) 70歳以上
    /// 一般 2割, 外来特例 18,000円 (健康保険法施行令第42条): three visits of 29,975円 round 5,995 up to 6,000; a 50円 visit
    /// (share 10) collects 0. Each month's window total is its limit.
    func testRoundUpsOfEarlierVisitsCountAgainstALimitNotYetBound() throws {
        var visits = (1...10).map { ["date": String(format: "2025-06-%02d", $0), "yen_total": 2454, "covered_by": ["insurance", "21"]] as [String: Any] }
        visits.append(["date": "2025-06-11", "yen_total": 450, "covered_by": ["insurance", "21"]])
        let a = try run(["id": "h1", "service_month": "2025-06",
                         "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                         "public_programs": [["law_number": "21", "monthly_cap_yen": 2500]], "visits": visits])
        XCTAssertNil(a["error"], "\(a)")
        XCTAssertEqual(try XCTUnwrap(a["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, Array(repeating: 250, count: 10) + [0])
        XCTAssertEqual(a["patient_yen"] as? Int, 2499)
        XCTAssertEqual(a["window_total_yen"] as? Int, 2500)
        let b = try run(["id": "h2", "service_month": "2025-06",
                         "patient": ["age_band": "70plus", "income_class": "一般", "copay_rate_percent": 20, "inpatient": false],
                         "visits": [("2025-06-02", 29975), ("2025-06-09", 29975), ("2025-06-16", 29975), ("2025-06-23", 50)].map {
                             ["date": $0.0, "yen_total": $0.1, "covered_by": ["insurance"]] as [String: Any] }])
        XCTAssertNil(b["error"], "\(b)")
        let windows = try XCTUnwrap(b["visits"] as? [[String: Any]])
        XCTAssertEqual(windows.map { $0["window_yen"] as? Int }, [6000, 6000, 6000, 0])
        XCTAssertTrue((windows[3]["rounding"] as? String ?? "").contains("left under the part's 上限額"), "\(windows[3])")
        XCTAssertEqual(b["window_total_yen"] as? Int, 18000)
    }

    /// Review 123 F02: a 21 上限 raised from 2,500 to 5,000 on 11-15 does not charge again what the 公費 paid above the old
    /// cap before the change (自己負担上限額管理票): 11-05 1割 2,000; 11-10 the old cap binds, 500; 11-18 the visit's own 1割
    /// 1,000 — not 1,390 (1割 of the whole month under the new cap, less what was paid). The month: 3,500.
    func testARaisedCapDoesNotChargeAgainWhatThe公費PaidBeforeTheChange() throws {
        let visits = [("2025-11-05", 20000), ("2025-11-10", 8888), ("2025-11-18", 10000)].map { d, y in
            ["date": d, "yen_total": y, "covered_by": ["insurance", "21"]] as [String: Any]
        }
        let out = try run(["id": "f", "service_month": "2025-11",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                           "public_programs": [["law_number": "21", "monthly_cap_yen": 2500, "cap_changes": [["from": "2025-11-15", "monthly_cap_yen": 5000]]]],
                           "visits": visits])
        XCTAssertNil(out["error"], "\(out)")
        XCTAssertEqual(try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [2000, 500, 1000])
        XCTAssertEqual(out["patient_yen"] as? Int, 3500)
    }

    /// Review 138 B07: after an insurance change (05-10) the 21 上限 5,000 binds on 05-12 (the 公費 pays 1,000 above it), then
    /// rises to 10,000 on 05-20: the 05-22 visit collects its own 1割 3,000, not 4,000 (the 1,000 again). Month 9,000.
    func testARaisedCapAfterAnInsuranceChangeDoesNotChargeAgainWhatThe公費Paid() throws {
        let line = #"{"patient": {"age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false}, "patient_changes": [{"from": "2026-05-10", "patient": {"age_band": "under70", "income_class": "エ", "copay_rate_percent": 30, "inpatient": false}}], "public_programs": [{"law_number": "21", "monthly_cap_yen": 5000, "cap_changes": [{"from": "2026-05-20", "monthly_cap_yen": 10000}]}], "visits": [{"date": "2026-05-02", "yen_total": 40000, "covered_by": ["insurance", "21"]}, {"date": "2026-05-12", "yen_total": 20000, "covered_by": ["insurance", "21"]}, {"date": "2026-05-22", "yen_total": 30000, "covered_by": ["insurance", "21"]}, {"date": "2026-05-28", "yen_total": 10000, "covered_by": ["insurance", "21"]}], "id": "B07", "service_month": "2026-05"}"#
        let out = try run(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        XCTAssertNil(out["error"], "\(out)")
        XCTAssertEqual(try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [4000, 1000, 3000, 1000])
        XCTAssertEqual(out["patient_yen"] as? Int, 9000)
    }

    /// Review 138 D11: a per-visit 地単 (300円) after a national 1割 (21, cap not reached) takes 300 from each visit's own 1割
    /// (1,235), as the bills form does — the first visit's 3割 had taken the month's 1割 and the later visits paid 0.
    func testAPerVisitLocalAmountAfterANational公費AsksEachVisitItsOwnShare() throws {
        let line = #"{"patient": {"age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false}, "public_programs": [{"law_number": "21", "monthly_cap_yen": 20000}, {"law_number": "85", "local_rule": {"per_visit_yen": 300}}], "visits": [{"date": "2026-05-01", "yen_total": 12350, "covered_by": ["insurance", "21", "85"]}, {"date": "2026-05-08", "yen_total": 12350, "covered_by": ["insurance", "21", "85"]}, {"date": "2026-05-15", "yen_total": 12350, "covered_by": ["insurance", "21", "85"]}], "id": "D11", "service_month": "2026-05"}"#
        let out = try run(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        XCTAssertNil(out["error"], "\(out)")
        XCTAssertEqual(try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [300, 300, 300])
        XCTAssertEqual(out["patient_yen"] as? Int, 900)
    }

    /// Review 136 BUG-3: a visit before the patient's birth date is refused, naming the visit.
    func testAVisitBeforeTheBirthDateIsRefused() throws {
        let out = try run(["id": "b", "service_month": "2025-06",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 20, "inpatient": false, "birth_date": "2025-06-20"],
                           "visits": [["date": "2025-06-03", "yen_total": 10000, "covered_by": ["insurance"]]]])
        let error = try XCTUnwrap(out["error"] as? String, "\(out)")
        XCTAssertTrue(error.contains("visits[0].date") && error.contains("before the patient's birth date"), error)
    }

    /// Review 268 DK-2: 一般Ⅰ and 一般Ⅱ are 後期高齢者医療 classes, of which a 生活保護 recipient is no 被保険者 (高齢者医療確保法第51条
    /// 第1号): a bill covered by insurance and 12 is refused naming the 12; 12 alone is settled, and 一般 (70〜74, 被用者保険) with 12 too.
    func testPublicAssistanceBesideLateElderlyInsuranceIsRefused() throws {
        func settle(_ cls: String, _ rate: Int, _ payers: [String]) throws -> [String: Any] {
            try run(["id": "g", "service_month": "2025-06",
                     "patient": ["age_band": "70plus", "income_class": cls, "copay_rate_percent": rate, "inpatient": true],
                     "public_programs": [["law_number": "12"]], "bills": [["yen_total": 300000, "covered_by": payers]]])
        }
        let refused = try settle("一般Ⅰ", 10, ["insurance", "12"])
        let error = try XCTUnwrap(refused["error"] as? String, "\(refused)")
        XCTAssertTrue(error.contains("bills[0].covered_by[1]") && error.contains("第51条"), error)
        XCTAssertNil(try settle("一般Ⅰ", 10, ["12"])["error"])
        XCTAssertNil(try settle("一般", 20, ["insurance", "12"])["error"])
        // Review 312 FC-1: 低所得Ⅰ at 1割 in 2025 is a 後期 share (the 70〜74歳 rates are 2割 / 3割 from 2019-04): refused as well; at 2割 it is 70〜74.
        let late = try settle("低所得Ⅰ", 10, ["insurance", "12"])
        let lateError = try XCTUnwrap(late["error"] as? String, "\(late)")
        XCTAssertTrue(lateError.contains("bills[0].covered_by") && lateError.contains("第51条") && lateError.contains("10%"), lateError)
        XCTAssertNil(try settle("低所得Ⅰ", 20, ["insurance", "12"])["error"])
    }

    /// Review 127 W01: a 法別番号 listed twice is refused naming it and both positions.
    func testALawListedTwiceIsNamedWithBothPositions() throws {
        let out = try run(["id": "w", "service_month": "2025-06",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                           "public_programs": [["law_number": "12"], ["law_number": "12"]],
                           "bills": [["yen_total": 1000, "covered_by": ["insurance", "12"]]]])
        let error = try XCTUnwrap(out["error"] as? String, "\(out)")
        XCTAssertTrue(error.contains("public_programs[1].law_number") && error.contains("法別番号 12") && error.contains("public_programs[0]"), error)
    }

    /// Review 112: a visit that brings the month exactly to a cap or limit is where it binds — it collects what is left
    /// to the yen, not its share rounded to 10円. 54 cap 5,000円: 2割 shares 2,495 (window 2,500) then 2,505 (month 5,000
    /// exactly) → 2,500, then 0. エ 57,600円: 3割 28,815 (28,820) then 28,785 (month 57,600) → 28,780, then 0.
    func testAVisitReachingACapExactlyCollectsWhatIsLeft() throws {
        func windows(_ patient: [String: Any], programs: [[String: Any]], _ yen: [Int], coveredBy: [String]) throws -> [Int?] {
            let visits = yen.enumerated().map { n, y in ["date": "2025-11-0\(n + 3)", "yen_total": y, "covered_by": coveredBy] as [String: Any] }
            let out = try run(["id": "x", "service_month": "2025-11", "patient": patient, "public_programs": programs, "visits": visits])
            XCTAssertNil(out["error"], "\(out)")
            return try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }
        }
        XCTAssertEqual(try windows(["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                                   programs: [["law_number": "54", "monthly_cap_yen": 5000]], [12475, 12525, 3000], coveredBy: ["insurance", "54"]),
                       [2500, 2500, 0])
        XCTAssertEqual(try windows(["age_band": "under70", "income_class": "エ", "copay_rate_percent": 30, "inpatient": false],
                                   programs: [], [96050, 95950, 1000], coveredBy: ["insurance"]),
                       [28820, 28780, 0])
    }

    /// Review 112 C35: a visit where a 公費 cap binds collects that part's share to the yen against what that part's
    /// visits paid, not the month's share against every visit: the 3.5円 that 健康保険法第75条 cut from an
    /// insurance-only visit is not collected there. ウ 3割 with 21 (1割, cap 2,500円): 12,345円 with 21 → 1,234.5 →
    /// 1,230; 12,345円 insurance only → 3,703.5 → 3,700; 14,000円 with 21 → cap 2,500 − 1,230 = 1,270 (not 1,274);
    /// then an insurance-only visit after the cap still rounds its own 3割: 1,001円 → 300.3 → 300.
    func testACapReachedBesideAnInsuranceOnlyPartCollectsOnlyThatPartToTheYen() throws {
        let visits: [[String: Any]] = [["date": "2025-11-05", "yen_total": 12345, "covered_by": ["insurance", "21"]],
                                       ["date": "2025-11-10", "yen_total": 12345, "covered_by": ["insurance"]],
                                       ["date": "2025-11-20", "yen_total": 14000, "covered_by": ["insurance", "21"]],
                                       ["date": "2025-11-25", "yen_total": 1001, "covered_by": ["insurance"]]]
        let out = try run(["id": "p", "service_month": "2025-11",
                           "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                           "public_programs": [["law_number": "21", "monthly_cap_yen": 2500]], "visits": visits])
        XCTAssertNil(out["error"], "\(out)")
        let windows = try XCTUnwrap(out["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }
        XCTAssertEqual(windows, [1230, 3700, 1270, 300])
        XCTAssertEqual(out["window_total_yen"] as? Int, 1230 + 3700 + 1270 + 300)
    }

    /// Review 123 D05: a 54 part (cap 5,000円) whose 4,995円 was collected as 5,000 meets its cap at a later visit: that visit
    /// collects 0 for it (the part's share moved 5円 to meet the cap — not rounded again to 10円), beside an insurance-only visit
    /// of 3,703.5 → 3,700. H02: a new insurer from 11-15 (two receipts) with 21 (1割, cap 5,000): the first receipt's windows
    /// 3,000 + 555.5 → 560 count toward the cap as paid, so the second receipt's binding visit collects 5,000 − 3,560 = 1,440.
    func testACapMetOnOnePartAndACapCarriedAcrossAnInsuranceChangeCountWhatWasCollected() throws {
        let ins54: [String] = ["insurance", "54"], ins21: [String] = ["insurance", "21"]
        let patient: [String: Any] = ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false]
        let d05 = try run(["id": "d05", "service_month": "2025-11", "patient": patient, "public_programs": [["law_number": "54", "monthly_cap_yen": 5000]],
                           "visits": [["date": "2025-11-03", "yen_total": 24975, "covered_by": ins54], ["date": "2025-11-09", "yen_total": 12345, "covered_by": ["insurance"]],
                                      ["date": "2025-11-16", "yen_total": 1285, "covered_by": ins54]]])
        XCTAssertNil(d05["error"], "\(d05)")
        XCTAssertEqual(try XCTUnwrap(d05["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [5000, 3700, 0])
        let h02 = try run(["id": "h02", "service_month": "2025-11", "patient": patient, "public_programs": [["law_number": "21", "monthly_cap_yen": 5000]],
                           "visits": [["date": "2025-11-05", "yen_total": 30000, "covered_by": ins21], ["date": "2025-11-10", "yen_total": 5555, "covered_by": ins21],
                                      ["date": "2025-11-20", "yen_total": 20000, "covered_by": ins21], ["date": "2025-11-27", "yen_total": 3000, "covered_by": ins21]],
                           "patient_changes": [["from": "2025-11-15", "patient": patient]]])
        XCTAssertNil(h02["error"], "\(h02)")
        XCTAssertEqual(try XCTUnwrap(h02["visits"] as? [[String: Any]]).map { $0["window_yen"] as? Int }, [3000, 560, 1440, 0])
        XCTAssertEqual(h02["window_total_yen"] as? Int, 5000)
    }

    /// Review 110 W3: `Many_Times` is refused naming it (the decoder dropped it and settled without 多数回); keys the format
    /// does not have at all (`expected`, as the MHLW case lines carry) are left alone.
    func testAMiscasedKeyIsRefusedAndAnUnknownOneIgnored() throws {
        let base: [String: Any] = ["id": "k", "service_month": "2025-06", "bills": [["yen_total": 1000000, "covered_by": ["insurance"]]]]
        var miscased = base
        miscased["patient"] = ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false, "Many_Times": true]
        let out = try run(miscased)
        XCTAssertTrue((out["error"] as? String)?.contains("patient.Many_Times") == true, "\(out)")
        var extra = base
        extra["patient"] = ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false, "many_times": true]
        extra["expected"] = ["patient_yen": 44400]
        XCTAssertEqual(try run(extra)["patient_yen"] as? Int, 44400)
    }

    /// Review 425 JN-2: a 公費 that no bill names in covered_by pays nothing, and the explanation says so (a 54 cap of 1,000円 with
    /// the bill covered by the insurance alone: 3割, 30,000円).
    func testAProgramThatCoversNoBillIsNamed() throws {
        let c: [String: Any] = ["id": "jn2", "service_month": "2025-06",
                                "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                                "public_programs": [["law_number": "54", "monthly_cap_yen": 1000]],
                                "bills": [["yen_total": 100000, "covered_by": ["insurance"]]]]
        let out = try run(c)
        XCTAssertEqual(out["patient_yen"] as? Int, 30000)
        let explanation = out["explanation"] as? [String] ?? []
        XCTAssertTrue(explanation.contains { $0.hasPrefix("公費 54") && $0.contains("covers none of the month's bills") }, "\(explanation)")
        var used = c
        used["bills"] = [["yen_total": 100000, "covered_by": ["insurance", "54"]]]
        let usedOut = try run(used)
        XCTAssertEqual(usedOut["patient_yen"] as? Int, 1000)
        XCTAssertFalse((usedOut["explanation"] as? [String] ?? []).contains { $0.contains("covers none") })
    }

    /// Review 408 IV-3: a slip of a key (`many_time`, `public_program`, `many-times`, `mnay_times`) is refused naming it and the key
    /// meant — settled without it, the month was the 一般 limit 87,430円 for 44,400円, or lost its 公費; `source`, `title`, `name` are not.
    func testASlipOfAKeyIsRefusedNamingTheKeyMeant() throws {
        let patient: [String: Any] = ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": true]
        let base: [String: Any] = ["id": "k", "service_month": "2025-06", "bills": [["yen_total": 1000000, "covered_by": ["insurance"]]]]
        for slip in ["many_time", "many-times", "mnay_times", "Many_Time"] {
            var c = base
            c["patient"] = patient.merging([slip: true]) { a, _ in a }
            let error = try run(c)["error"] as? String
            XCTAssertTrue(error?.contains("patient.\(slip)") == true && error?.contains("many_times") == true, "\(slip): \(String(describing: error))")
        }
        var program = base
        program["patient"] = patient
        program["public_program"] = [["law_number": "54", "monthly_cap_yen": 10000]]
        XCTAssertTrue((try run(program)["error"] as? String)?.contains("public_program") == true)
        var fine = base
        fine["patient"] = patient.merging(["many_times": true]) { a, _ in a }
        fine["source"] = "MHLW"; fine["title"] = "t"
        XCTAssertEqual(try run(fine)["patient_yen"] as? Int, 44400)
        XCTAssertFalse(CopayCase.isSlip("name", of: "law_number"))
        XCTAssertFalse(CopayCase.isSlip("title", of: "bills"))
        XCTAssertTrue(CopayCase.isSlip("covered-by", of: "covered_by"))
        XCTAssertTrue(CopayCase.isSlip("yen_totl", of: "yen_total"))
        // Review 425 JN-1: a unit left off, camelCase, a 75th written 75 — each was dropped and the month settled without it
        // (a 15 cap of 5,000円 lost: 87,430円).
        XCTAssertTrue(CopayCase.isSlip("monthly_cap", of: "monthly_cap_yen"))
        XCTAssertTrue(CopayCase.isSlip("monthlyCapYen", of: "monthly_cap_yen"))
        XCTAssertTrue(CopayCase.isSlip("longTermDiseaseCapYen", of: "long_term_disease_cap_yen"))
        XCTAssertTrue(CopayCase.isSlip("month_of_75_birthday", of: "month_of_75th_birthday"))
        XCTAssertFalse(CopayCase.isSlip("source", of: "service_month"))
        XCTAssertFalse(CopayCase.isSlip("expected", of: "service_month"))
        var capless = base
        capless["patient"] = patient
        capless["bills"] = [["yen_total": 1000000, "covered_by": ["insurance", "15"]]]
        capless["public_programs"] = [["law_number": "15", "monthly_cap": 5000]]
        let capError = try run(capless)["error"] as? String
        XCTAssertTrue(capError?.contains("public_programs[0].monthly_cap") == true && capError?.contains("\"monthly_cap_yen\" was meant") == true, "\(String(describing: capError))")
        capless["public_programs"] = [["law_number": "15", "monthly_cap_yen": 5000]]
        XCTAssertEqual(try run(capless)["patient_yen"] as? Int, 5000)
        // A required key misspelt is named as the slip, not as "missing" (review 418 JF-5).
        var required = base
        required["patient"] = ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatinet": true]
        let missing = try run(required)["error"] as? String
        XCTAssertTrue(missing?.contains("patient.inpatinet") == true && missing?.contains("\"inpatient\" was meant") == true, "\(String(describing: missing))")
    }

    /// 公費負担医療の優先順位 (domain-facts.md A.5: 12 生活保護 last, 他法優先): whatever order the certificates are
    /// listed in, 15 更生医療 (cap 0) takes the 35,400円 the 生活保護-class limit leaves and 12 pays nothing, and
    /// the receipt's KO lists 15 first (review 108: listed [12, 15], 生活保護 paid 更生医療's share).
    func testPublicProgramsAreSettledInTheirPriorityNotTheInputOrder() throws {
        func settle(_ order: [[String: Any]]) throws -> [String: Any] {
            let out = try run(["id": "o", "service_month": "2025-06",
                               "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": true],
                               "public_programs": order, "bills": [["yen_total": 300000, "covered_by": ["insurance", "15", "12"]]]])
            XCTAssertNil(out["error"], "\(out)")
            return out
        }
        let welfare: [String: Any] = ["law_number": "12"], rehab: [String: Any] = ["law_number": "15", "monthly_cap_yen": 0]
        for listed in [[welfare, rehab], [rehab, welfare]] {
            let out = try settle(listed)
            let payers = try XCTUnwrap(out["payers"] as? [String: [String: Int]])
            XCTAssertEqual(payers["15"]?["charged_yen"], 35400)
            XCTAssertEqual(payers["15"]?["paid_yen"], 35400)
            XCTAssertEqual(payers["12"]?["charged_yen"], 0)
            XCTAssertEqual(out["patient_yen"] as? Int, 0)
            let ko = try XCTUnwrap((out["receipt"] as? [String: Any])?["ko"] as? [[String: Any]])
            XCTAssertEqual(ko.map { $0["law_number"] as? String }, ["15", "12"])
        }
    }

    /// The old behaviour the issue reports: each part capped on its own charged 14,000円 against a 10,000円 マル長.
    func testLongTermLimitIsOneLimitOverTheParts() throws {
        var s = CopaySituation(date: ServiceDate("2026-07-01")!, over70: false, incomeClass: .u, ratePercent: 30, inpatient: false,
                               longTermDiseaseCapYen: 10000, programs: [ProgramCertificate(law: .rehabilitation, monthlyCapYen: 4000)])
        let bills = [CopayBill(yen: 400000, insurance: true, programs: [0]), CopayBill(yen: 30000)]
        XCTAssertEqual(try Self.engine.settle(s, bills: bills).patientYen, 10000)
        s.longTermCounting = .copay
        XCTAssertEqual(try Self.engine.settle(s, bills: bills).patientYen, 4000)
    }

    func testLocalProgramCatalogueLoadsAndRefusesUnknowns() throws {
        let p = try CopayParameters.loadDefault()
        XCTAssertGreaterThanOrEqual(p.localPrograms.programs.count, 12, "12 prefectures: \(p.localPrograms.programs.keys.sorted())")
        for (pref, programs) in p.localPrograms.programs {
            XCTAssertGreaterThanOrEqual(programs.count, 2, pref)
            for (_, program) in programs {
                for e in program.versions.entries {
                    XCTAssertTrue(e.source.hasPrefix("http"), "\(pref)/\(program.id): source \(e.source)")
                }
            }
        }
        let d = ServiceDate("2026-07-01")!
        XCTAssertThrowsError(try p.localPrograms.rule(prefecture: "atlantis", program: "x", on: d, inpatient: false, birthDate: nil, field: "f")) {
            XCTAssertTrue("\($0)".contains("atlantis"))
        }
        XCTAssertThrowsError(try p.localPrograms.rule(prefecture: "tokyo", program: "no-such", on: d, inpatient: false, birthDate: nil, field: "f")) {
            XCTAssertTrue("\($0)".contains("no-such"))
        }
    }

    func testALocalFileWithAnUnknownKeyValueFailsTheLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("santei-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = #"{"prefecture": "x", "programs": [{"id": "a", "name": "a", "law_number": "88", "versions": [{"from": "2024-04-01", "eligibility": {"text": "t"}, "outpatient": {}, "inpatient": {"free": true}, "meals": "patient", "high_cost_order": "upper_first", "counts_for_aggregation": true, "reimbursement": false, "source": "https://x", "read_on": "2026-11-30"}]}]}"#
        try Data(bad.utf8).write(to: dir.appendingPathComponent("x.json"))
        XCTAssertThrowsError(try LocalProgramCatalogue.load(directory: dir.path)) {
            let text = "\($0)"
            XCTAssertTrue(text.contains("x.json") && text.contains("outpatient"), text)
        }
    }

    /// Each visit settles the month to date again: more than DomainLimit.maxVisitsPerCase visits is an input error, not a stall.
    func testTooManyVisitsIsAnErrorNamingVisits() throws {
        let visit: [String: Any] = ["date": "2026-07-03", "yen_total": 1000, "covered_by": ["insurance"]]
        let c: [String: Any] = ["id": "many", "service_month": "2026-07",
                                "patient": ["age_band": "under70", "income_class": "ウ", "copay_rate_percent": 30, "inpatient": false],
                                "visits": Array(repeating: visit, count: DomainLimit.maxVisitsPerCase + 1)]
        let out = try run(c)
        XCTAssertTrue((out["error"] as? String ?? "").hasPrefix("visits"), "\(out)")
        var ok = c
        ok["visits"] = Array(repeating: visit, count: DomainLimit.maxVisitsPerCase)
        let settled = try run(ok)
        // 500 × 1,000円 = 500,000円: ウ 80,100 + (500,000 − 267,000) × 1% (健康保険法施行令第42条).
        XCTAssertEqual(settled["patient_yen"] as? Int, 80_100 + (1000 * DomainLimit.maxVisitsPerCase - 267_000) / 100)
        XCTAssertEqual(settled["window_total_yen"] as? Int, settled["patient_yen"] as? Int)
    }

    func testAgeConditionEnds() {
        let born = ServiceDate("2020-05-10")!
        XCTAssertEqual(LocalProgramCatalogue.eligibilityEnd(birth: born, maxAge: 6, rule: "fiscal_year_end"), ServiceDate("2027-03-31"))
        XCTAssertEqual(LocalProgramCatalogue.eligibilityEnd(birth: born, maxAge: 6, rule: "birthday"), ServiceDate("2026-05-09"))
        XCTAssertEqual(LocalProgramCatalogue.eligibilityEnd(birth: born, maxAge: 6, rule: "month_end"), ServiceDate("2026-05-31"))
        // Born on 1 April: the age is reached on 31 March, so the fiscal year ends that day.
        XCTAssertEqual(LocalProgramCatalogue.eligibilityEnd(birth: ServiceDate("2020-04-01")!, maxAge: 6, rule: "fiscal_year_end"), ServiceDate("2026-03-31"))
    }

    /// Every case of Golden/copay-local-programs.jsonl: a program named by prefecture + id, the amount worked by hand.
    func testLocalProgramGoldenCases() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden/copay-local-programs.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        var prefectures = Set<String>()
        var count = 0
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let c = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = c["name"] as? String ?? c["id"] as? String ?? "?"
            let out = try run(c)
            XCTAssertNil(out["error"], "\(name): \(out["error"] ?? "")")
            assertSubset(try XCTUnwrap(c["expected"]), out, path: "", name)
            if let r = c["reimbursement"] as? [String: Any], let refund = r["refund_later_yen"] as? Int {
                // 償還払い: the window amount is expected.patient_yen; what the program pays back later is reported apart.
                let later = (out["reimbursed_later"] as? [String: Int] ?? [:]).values.reduce(0, +)
                XCTAssertEqual(later, refund, "\(name): reimbursed_later")
            }
            for p in c["public_programs"] as? [[String: Any]] ?? [] {
                if let ref = p["local_program"] as? [String: Any], let pref = ref["prefecture"] as? String { prefectures.insert(pref) }
            }
            count += 1
        }
        XCTAssertGreaterThanOrEqual(prefectures.count, 12, "\(prefectures.sorted())")
        XCTAssertGreaterThanOrEqual(count, 24)
    }

    /// Review 75: a patient born after the service month cannot be a case of it (the age conditions of 公費 and 地単 count
    /// from the birth date): refused naming patient.birth_date; born within the month is a case.
    func testABirthDateAfterTheServiceMonthIsRefused() throws {
        func line(_ birth: String) -> ArraySlice<UInt8> {
            Array(#"{"id":"b","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":20,"inpatient":false,"birth_date":"\#(birth)"},"bills":[{"yen_total":30000,"covered_by":["insurance"]}]}"#.utf8)[...]
        }
        XCTAssertThrowsError(try CopayCase.parse(line("2030-01-01"))) { error in
            XCTAssertEqual((error as? CopayError)?.field, "patient.birth_date")
            XCTAssertEqual((error as? CopayError)?.message, "2030-01-01 is after the service month 2025-06")
        }
        XCTAssertThrowsError(try CopayCase.parse(line("2025-07-01")))
        XCTAssertNoThrow(try CopayCase.parse(line("2025-06-30")))
        // Years as every door bounds them, 1868 … 9999 (review 218 BM-5: 0001-01-01 was settled).
        XCTAssertThrowsError(try CopayCase.parse(line("0001-01-01"))) { error in
            XCTAssertEqual((error as? CopayError)?.field, "patient.birth_date")
        }
    }

    /// Review 88: input a careless vendor sends that was settled silently to a believable wrong amount — now refused, each
    /// naming its JSON path.
    func testContradictoryOrMisspeltCopayInputIsRefusedWithItsPath() throws {
        func field(_ json: String) -> String? {
            do { _ = try CopayCase.parse(Array(json.utf8)[...]); return nil } catch { return error.field }
        }
        let visits = #""visits":[{"date":"2025-06-05","yen_total":30000,"covered_by":["insurance","54"]},{"date":"2025-06-20","yen_total":30000,"covered_by":["insurance","54"]}]"#
        // A misspelt key of an inline local_rule (the rule read as {} = free).
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false},"public_programs":[{"law_number":"80","local_rule":{"per_vist_yen":500}}],"bills":[{"yen_total":30000,"covered_by":["insurance","80"]}]}"#),
                       "public_programs[0].local_rule.per_vist_yen")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false},"public_programs":[{"law_number":"80","local_rule":{"per_visit_yen":500,"high_cost_order":"local_frist"}}],"bills":[{"yen_total":30000,"covered_by":["insurance","80"]}]}"#),
                       "public_programs[0].local_rule.high_cost_order")
        // Two 上限額 changes on one day; one outside the month.
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false},"public_programs":[{"law_number":"54","monthly_cap_yen":5000,"cap_changes":[{"from":"2025-06-15","monthly_cap_yen":10000},{"from":"2025-06-15","monthly_cap_yen":2500}]}],"# + visits + "}"),
                       "public_programs[0].cap_changes[1].from")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false},"public_programs":[{"law_number":"54","monthly_cap_yen":5000,"cap_changes":[{"from":"2025-07-10","monthly_cap_yen":10000}]}],"# + visits + "}"),
                       "public_programs[0].cap_changes[0].from")
        // A 負担割合 the class cannot have; a 特定疾病 limit of another class; a band the birth date rules out.
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"70plus","income_class":"現役並みⅢ","copay_rate_percent":10,"inpatient":false},"bills":[{"yen_total":30000,"covered_by":["insurance"]}]}"#),
                       "patient.copay_rate_percent")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false,"long_term_disease_cap_yen":20000},"bills":[{"yen_total":30000,"covered_by":["insurance"]}]}"#),
                       "patient.long_term_disease_cap_yen")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false,"birth_date":"1940-05-01"},"bills":[{"yen_total":30000,"covered_by":["insurance"]}]}"#),
                       "patient.age_band")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"70plus","income_class":"一般","copay_rate_percent":20,"inpatient":false,"birth_date":"2000-05-01"},"bills":[{"yen_total":30000,"covered_by":["insurance"]}]}"#),
                       "patient.age_band")
        // Meals in an 入院外 case; four meals on one day.
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":false},"bills":[{"yen_total":30000,"covered_by":["insurance"],"meals":3}]}"#),
                       "bills[0].meals")
        XCTAssertEqual(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ウ","copay_rate_percent":30,"inpatient":true},"visits":[{"date":"2025-06-05","yen_total":30000,"covered_by":["insurance"],"meals":4}]}"#),
                       "visits[0].meals")
        // The same cases with consistent facts settle.
        XCTAssertNil(field(#"{"id":"a","service_month":"2025-06","patient":{"age_band":"under70","income_class":"ア","copay_rate_percent":30,"inpatient":false,"long_term_disease_cap_yen":20000,"birth_date":"1970-05-01"},"public_programs":[{"law_number":"80","local_rule":{"per_visit_yen":500,"high_cost_order":"local_first"}}],"bills":[{"yen_total":30000,"covered_by":["insurance","80"]}]}"#))
    }

    /// Review 84 c24: `month_of_75th_birthday` true for a patient whose own 75th birthday is the 1st of the service month
    /// (後期高齢者医療 the whole month) or came before it contradicts the birth date: refused naming the flag. Turning 75 on
    /// another day of the month, or younger (a dependent leaving with the insured person), keeps the 特例.
    func testA75thBirthdayMonthFlagThatTheBirthDateContradictsIsRefused() throws {
        func line(_ birth: String) -> ArraySlice<UInt8> {
            Array(#"{"id":"b","service_month":"2025-06","patient":{"age_band":"70plus","income_class":"一般","copay_rate_percent":10,"inpatient":false,"month_of_75th_birthday":true,"birth_date":"\#(birth)"},"bills":[{"yen_total":200000,"covered_by":["insurance"]}]}"#.utf8)[...]
        }
        XCTAssertThrowsError(try CopayCase.parse(line("1950-06-01"))) { error in
            XCTAssertEqual((error as? CopayError)?.field, "patient.month_of_75th_birthday")
            XCTAssertEqual((error as? CopayError)?.message, "true, but the patient turns 75 on 2025-06-01, the 1st of the month: 後期高齢者医療 for the whole month, no 75歳到達月 特例")
        }
        XCTAssertThrowsError(try CopayCase.parse(line("1950-05-20")))
        XCTAssertNoThrow(try CopayCase.parse(line("1950-06-02")))
        XCTAssertNoThrow(try CopayCase.parse(line("1951-01-10")))
    }

}
