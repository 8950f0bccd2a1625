import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

/// UKE 入院 (issue 11 item 6): 医科 入院 receipts read, re-priced and written by `uke recalc`, and accepted by
/// `audit` and `revalue`. The fixtures (InpatientUKE/, written by make_fixtures.py in the 記録条件仕様 layout,
/// CP932, CRLF) state 点数 and 金額 typed from the master rows valid on their days (listed in the script);
/// every expected value below is that arithmetic, never Santei's own output.
final class InpatientUKETests: XCTestCase {
    static func fixture(_ name: String) throws -> UKEDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("InpatientUKE/" + name)
        return UKEDocument(bytes: [UInt8](try Data(contentsOf: url)), name: name)
    }

    func recalc(_ doc: UKEDocument, mastersDate: ServiceDate? = nil) throws -> UKERecalc.Report {
        UKERecalc.run(doc, masters: try RealData.masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()),
                      options: .init(mastersDate: mastersDate))
    }

    /// Field `f` (0-based; 0 is the record ID) of line `l` as text.
    func field(_ doc: UKEDocument, _ l: Int, _ f: Int) -> String {
        String(decoding: doc.bytes[doc.field(l, f)], as: UTF8.self)
    }

    /// The unit whose first record is line `l` (0-based).
    func unit(_ r: UKERecalc.Receipt, at l: Int, file: StaticString = #filePath, line: UInt = #line) throws -> UKERecalc.Unit {
        try XCTUnwrap(r.units.first { $0.firstLine == l }, "no unit starts at line \(l + 1)", file: file, line: line)
    }

    // Lines (0-based) of inpatient-short-stay-2024-07.UKE: 0 IR, 1 RE, 2 HO, 3 SY, 4–6 入院基本料 + 入院期間加算 (one
    // unit, 点数 on 5), 6 急性期看護補助体制加算, 7 診療録管理体制加算２, 8–9 検査, 10–17 食事 (97), 18 GO.

    /// 急性期一般入院料１ 1688 + 一般病棟入院期間加算（14日以内） 450 = 2138 × 5 days; 25対1急性期看護補助体制加算
    /// 240 × 5; 診療録管理体制加算２ 100 (入院初日); 末梢血液一般検査 21 and 血液学的検査判断料 125: 合計点数
    /// 10,690 + 1,200 + 100 + 21 + 125 = 12,136. Meals (入院時食事療養（１） 670円 a meal, in 数量データ the meals of
    /// the day): 2 + 3 × 3 + 1 = 12 meals, 1,340 + 2,010 × 3 + 670 = 8,040円; 特別食加算 76円 × 3 meals × 3 days =
    /// 684円; 食堂加算 50円 × 3 days = 150円: 合計金額 8,874円. 標準負担額 490円 × 12 meals = 5,880円.
    func testAShortStayIsRepricedAsStatedWithMealsInYenApartFromPoints() throws {
        let doc = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let report = try recalc(doc)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        let r = try XCTUnwrap(report.receipts.first)
        XCTAssertTrue(r.inpatient, "レセプト種別 1111: 4桁目 1 = 入院 (本人)")
        XCTAssertEqual(r.admissionDate, ServiceDate("2024-07-08"))
        XCTAssertNil(r.wardKind, "病棟区分 blank (一般病棟)")
        XCTAssertEqual(r.unitCount, 13)
        XCTAssertEqual(r.flaggedCount, 0, "\(r.units.filter(\.isFlagged).map(\.result))")
        XCTAssertEqual(r.differingCount, 0)

        let basic = try unit(r, at: 4)
        XCTAssertEqual(basic.lastLine, 5)
        XCTAssertEqual(basic.items.map(\.code), [190117710, 190079470])
        XCTAssertEqual(basic.points, 2138)
        XCTAssertEqual(basic.times, 5)
        XCTAssertEqual(basic.date, ServiceDate("2024-07-08"), "priced on its first 算定日")
        XCTAssertEqual(try unit(r, at: 6).points, 240)
        XCTAssertEqual(try unit(r, at: 7).points, 100)
        XCTAssertEqual(try unit(r, at: 8).points, 21)
        XCTAssertEqual(try unit(r, at: 9).points, 125)

        // 金額 units: yen per 回 in the 点数 field, 0 points.
        let meals: [(line: Int, yen: Int, times: Int)] = [(10, 1340, 1), (11, 2010, 3), (12, 670, 1), (13, 228, 3), (14, 50, 3),
                                                          (15, 980, 1), (16, 1470, 3), (17, 490, 1)]
        for m in meals {
            let u = try unit(r, at: m.line)
            XCTAssertTrue(u.isYen, "line \(m.line + 1)")
            XCTAssertEqual(u.yen, m.yen, "line \(m.line + 1)")
            XCTAssertEqual(u.points, 0, "line \(m.line + 1): yen never count as points")
            XCTAssertEqual(u.times, m.times, "line \(m.line + 1)")
            XCTAssertEqual(u.lastLine, m.line, "each 97 record is one unit")
        }

        XCTAssertEqual(r.total, 12136)
        XCTAssertEqual(r.meals, UKERecalc.Meals(count: 12, yen: 8874, standardCharge: 5880, unpriced: 0))
        let ho = try XCTUnwrap(r.payers.first)
        XCTAssertEqual(ho.computed, 12136)
        XCTAssertEqual(ho.meals?.count, 12)
        XCTAssertEqual(ho.meals?.yen, 8874)
        XCTAssertFalse(ho.mealsDiffer)
        XCTAssertEqual(report.goComputed, 12136)
        XCTAssertEqual(UKERecalc.rewrite(doc, report), doc.bytes, "a receipt stated right is written back byte for byte")
    }

    /// The same stay being built (no 点数, no 合計点数, no 食事 fields, no GO total): recalc fills them. Without
    /// 点数 the 算定単位 come from the structure: the 90 records of the same 算定日 and 回数 are one unit
    /// (1688 + 450 + 240 = 2378 × 5), the 入院初日 加算 of another day its own (100); the 検査 section one unit
    /// (21 + 125 = 146); each 97 record its own 金額.
    func testBlankPointsAreFilledFromTheMasters() throws {
        let doc = try Self.fixture("inpatient-blank-points-2024-07.UKE")
        let report = try recalc(doc)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        let out = UKEDocument(bytes: UKERecalc.rewrite(doc, report), name: "out.UKE")
        XCTAssertEqual(out.lineCount, doc.lineCount)
        let points: [Int: String] = [4: "", 5: "", 6: "2378", 7: "100", 8: "", 9: "146",
                                     10: "1340", 11: "2010", 12: "670", 13: "228", 14: "50", 15: "980", 16: "1470", 17: "490"]
        for (l, v) in points { XCTAssertEqual(field(out, l, 5), v, "line \(l + 1) 点数") }
        XCTAssertEqual(field(out, 2, 5), "12136", "HO 合計点数")
        XCTAssertEqual(field(out, 2, 7), "12", "HO 食事療養・生活療養 回数")
        XCTAssertEqual(field(out, 2, 8), "8874", "HO 食事療養・生活療養 合計金額")
        XCTAssertEqual(field(out, 18, 2), "12136", "GO 総合計点数")
        // Every other field is as it came (the record's other fields, CP932 names, CRLF).
        for l in 0..<doc.lineCount where points[l] == nil && l != 2 && l != 18 {
            XCTAssertEqual(Array(out.bytes[Int(out.lineStart[l])..<Int(out.lineEnd[l])]), Array(doc.bytes[Int(doc.lineStart[l])..<Int(doc.lineEnd[l])]), "line \(l + 1)")
        }
        XCTAssertEqual(Array(out.bytes.suffix(2)), [13, 10])
        let r = try XCTUnwrap(report.receipts.first)
        XCTAssertEqual(r.meals?.standardCharge, 5880)
        XCTAssertEqual(try unit(r, at: 4).lastLine, 6)
        XCTAssertEqual(try unit(r, at: 4).times, 5)
    }

    /// Wrong 金額 and 食事 fields are corrected, and never move the 合計点数: a 97 unit stating 1,280円 for 2 meals
    /// (670 × 2 = 1,340) and an HO stating 11 meals / 9,000円 come back as 1,340 and 12 / 8,874; 合計点数 stays 12,136.
    func testStatedMealErrorsAreCorrectedWithoutTouchingThePoints() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let doc = UKEDocument(bytes: good.writing([10: [(5, "1280")], 2: [(7, "11"), (8, "9000")]]), name: "bad-meals.UKE")
        let report = try recalc(doc)
        let r = try XCTUnwrap(report.receipts.first)
        XCTAssertEqual(r.differingCount, 1)
        XCTAssertEqual(r.total, 12136)
        XCTAssertEqual(try XCTUnwrap(r.payers.first).statedMeals.count, 11)
        XCTAssertTrue(try XCTUnwrap(r.payers.first).mealsDiffer)
        XCTAssertEqual(UKERecalc.rewrite(doc, report), good.bytes)
        let findings = UKERecalc.findings(report)
        XCTAssertEqual(findings.filter { $0.kind == .differs }.map(\.computed), [1340])
        XCTAssertEqual(findings.filter { $0.reason == "meals_differ" }.map(\.computed), [8874])
    }

    /// Review 246 CO-3: a meal row whose 数量データ (食数) alone passes three a day is the receipt's fault at 項目 5, the field
    /// that holds it — not at the 算定日情報 of its day, which holds 1.
    func testFourMealsInOneRowNameTheirQuantityField() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let doc = UKEDocument(bytes: good.writing([10: [(4, "4")]]), name: "four-meals.UKE")
        let r = try XCTUnwrap(try recalc(doc).receipts.first)
        let fault = try XCTUnwrap(r.fault)
        XCTAssertEqual(fault.line, 11)
        XCTAssertEqual(fault.field, 5)
        XCTAssertEqual(fault.fieldName, "数量データ")
        XCTAssertTrue(fault.reason.contains("4 meals"), fault.reason)
    }

    /// A stay across the 令和6年度改定: the May receipt is priced on the R04 rows (急性期一般入院料１ 1650 +
    /// 450 = 2100 × 5; 食事療養（１） 640 × 3 = 1,920円 × 5 days), the June one on the R06 rows (1688 + 450 =
    /// 2138 × 3; 670 × 3 = 2,010円 × 2 + 670 × 1). A May receipt stating R06 points is corrected to R04.
    func testAStayAcrossRevisionDayIsPricedOnEachMonthsMasters() throws {
        let doc = try Self.fixture("inpatient-across-2024-06-01.UKE")
        let report = try recalc(doc)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        XCTAssertEqual(report.receipts.map(\.total), [10500, 6414])
        XCTAssertEqual(report.receipts.map(\.admissionDate), [ServiceDate("2024-05-27"), ServiceDate("2024-05-27")], "one stay, two receipts")
        XCTAssertEqual(try recalc(UKEDocument(bytes: doc.writing([1: [(9, "01")]]), name: "ward.UKE")).receipts.first?.wardKind, "01", "病棟区分 carried as stated")
        XCTAssertEqual(report.receipts.map { $0.meals?.count }, [15, 7])
        XCTAssertEqual(report.receipts.map { $0.meals?.yen }, [9600, 4690])
        XCTAssertEqual(try unit(report.receipts[0], at: 4).points, 2100)
        XCTAssertEqual(try unit(report.receipts[0], at: 4).date, ServiceDate("2024-05-27"))
        XCTAssertEqual(try unit(report.receipts[0], at: 6).yen, 1920)
        XCTAssertEqual(try unit(report.receipts[1], at: 10).points, 2138)
        XCTAssertEqual(try unit(report.receipts[1], at: 12).yen, 2010)
        XCTAssertEqual(report.goComputed, 16914)
        XCTAssertEqual(UKERecalc.rewrite(doc, report), doc.bytes)

        // The May receipt stating the June (R06) amounts: corrected to R04.
        let wrong = UKEDocument(bytes: doc.writing([5: [(5, "2138")], 6: [(5, "2010")], 2: [(5, "10690"), (8, "10050")]]), name: "wrong.UKE")
        let fixed = try recalc(wrong)
        XCTAssertEqual(UKERecalc.rewrite(wrong, fixed), doc.bytes)
    }

    /// `revalue`: each receipt priced on the masters of 2024-05-31 and of 2024-06-01. 入院基本料 +38 a day (1650 →
    /// 1688): May +190 (5 days), June +114 (3 days); the 食事 (yen) are in no 診療識別 of points.
    func testRevalueAcceptsInpatientReceiptsAndLeavesMealsOut() throws {
        let doc = try Self.fixture("inpatient-across-2024-06-01.UKE")
        var revaluation = Revaluation(from: ServiceDate("2024-05-31")!, to: ServiceDate("2024-06-01")!)
        revaluation.add(uke: doc, masters: try RealData.masters(), pricer: UnitPricer(bundled: try RealData.bundledRules()))
        XCTAssertTrue(revaluation.errors.isEmpty, "\(revaluation.errors)")
        XCTAssertEqual(revaluation.deltas.map(\.fromPoints), [10500, 6300])
        XCTAssertEqual(revaluation.deltas.map(\.toPoints), [10690, 6414])
        XCTAssertEqual(revaluation.deltas.map(\.byCategory), [["90": 190], ["90": 114]])
        XCTAssertEqual(Set(revaluation.byCategory.keys), [90], "no 97: 金額 units are not points")
        XCTAssertNil(revaluation.byCode[197000110])
    }

    /// `audit` reads the 入院 receipt (入院: レセプト種別 4桁目 odd) as orders per 算定日, accepts it without a
    /// finding (the 97 units' stated yen agree with the masters), and runs the 04 入院基本料テーブル checks on the
    /// stated 入院料: two 急性期看護補助体制加算 of 加算識別 10 in group 001 of 急性期一般入院料１ are SA-B002 on
    /// each of the 3 days.
    func testAuditAcceptsInpatientReceiptsAndChecksTheStated04Group() throws {
        let auditor = Auditor(masters: try RealData.masters())
        let entries = UKEClaims.claims(try Self.fixture("inpatient-short-stay-2024-07.UKE"))
        XCTAssertEqual(entries.count, 1)
        let claim = try entries[0].claim.get()
        XCTAssertEqual(claim.inpatient, true)
        XCTAssertEqual(claim.encounters.map(\.date), ["2024-07-08", "2024-07-09", "2024-07-10", "2024-07-11", "2024-07-12"])
        let result = try auditor.audit(claim)
        XCTAssertTrue(result.findings.isEmpty, "\(result.findings.map { "\($0.check.rawValue) \($0.message)" })")

        let conflict = UKEClaims.claims(try Self.fixture("inpatient-04-conflict-2024-07.UKE"))
        let findings = try auditor.audit(try conflict[0].claim.get()).findings
        XCTAssertEqual(findings.map(\.check.rawValue), ["SA-B002", "SA-B002", "SA-B002"])
        XCTAssertEqual(findings.map(\.encounter), [0, 1, 2] as [Int?])
        XCTAssertTrue(findings.allSatisfy { $0.codes == ["190135910", "190145710"] }, "\(findings.map(\.codes))")
    }

    /// SA-B001 on the stated 入院料: 診療所療養病床療養環境加算 (190106370, 100点, 04 group 037 only) on the first day
    /// of a stay in 急性期一般入院料１ (group 001) is outside the group of the day's 入院基本料.
    func testAuditFindsAnAdditionOutsideTheGroupOfTheStated入院基本料() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let doc = UKEDocument(bytes: good.writing([7: [(3, "190106370")]]), name: "outside-group.UKE")
        let findings = try Auditor(masters: try RealData.masters()).audit(try UKEClaims.claims(doc)[0].claim.get()).findings
        XCTAssertEqual(findings.map(\.check.rawValue), ["SA-B001"])
        XCTAssertEqual(findings.first?.encounter, 0, "2024-07-08")
        XCTAssertEqual(findings.first?.codes.first, "190106370")
    }

    /// Review 359 GY-3: the RE 入院年月日 dates the stay for the audit. Admitted 2024-06-01, the receipt's 7/8–7/12 are days
    /// 38–42: 一般病棟入院期間加算（１４日以内） (190079470; A100 注3 イ 「14日以内の期間」) is removed on each of the 5 days (SA-V004),
    /// and 診療録管理体制加算２ (190832110, 05 算定単位 入院初日) on 7/8, not the 入院の日, too (SA-N001). The fixture's own 入院年月日
    /// (7/8, its first day) has no finding (`testAuditAcceptsInpatientReceiptsAndChecksTheStated04Group`).
    func testAuditCountsTheStayFromTheStated入院年月日() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        let early = try UKEClaims.claims(UKEDocument(bytes: good.writing([1: [(8, "20240601")]]), name: "early.UKE"))[0].claim.get()
        let result = try auditor.audit(early, mode: .apply)
        // 25対1急性期看護補助体制加算 (190145710; A207-3 「入院した日から起算して14日を限度」) goes on each day too (review 365 HE-3).
        let nursing = result.findings.filter { $0.check == .periodFromAdmission && $0.codes == ["190145710"] }
        XCTAssertEqual(nursing.map(\.encounter), [0, 1, 2, 3, 4] as [Int?])
        let period = result.findings.filter { $0.check == .periodFromAdmission && $0.codes != ["190145710"] }
        XCTAssertEqual(period.map(\.encounter), [0, 1, 2, 3, 4] as [Int?])
        XCTAssertTrue(period.allSatisfy { $0.codes == ["190079470"] && $0.message.contains("counted from the 入院年月日 2024-06-01 (RE)") && $0.message.contains("through day 14") }, "\(period.map(\.message))")
        XCTAssertEqual(period.first.map { $0.message.contains("day 38") }, true, "\(period.map(\.message))")
        let firstDay = result.findings.filter { $0.check == .countLimit }
        XCTAssertEqual(firstDay.map(\.codes), [["190832110"]])
        XCTAssertTrue(firstDay.first?.message.contains("入院初日") == true && firstDay.first?.message.contains("2024-06-01") == true, "\(firstDay.map(\.message))")
        // Applied: the 5 加算 and the 入院初日 row are gone; the 入院料 stays.
        let kept = try XCTUnwrap(result.corrected).encounters.flatMap { $0.orders.flatMap { $0.items.map(\.code) } }
        XCTAssertFalse(kept.contains("190079470") || kept.contains("190832110") || kept.contains("190145710"))
        XCTAssertEqual(kept.filter { $0 == "190117710" }.count, 5)

        // The 15日以上30日以内 row (a start after day 14) is not judged from an RE date, which may be later than the 起算日 of
        // a 再入院 (第２部通則５): a stay admitted 7/1 billing it on days 8–12 passes.
        let late = try UKEClaims.claims(UKEDocument(bytes: good.writing([1: [(8, "20240701")], 5: [(3, "190079670")]]), name: "15-30.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(late).findings.filter { $0.check == .periodFromAdmission }.isEmpty)

        // Review 365 HE-1: 感染対策向上加算３ (190243810, 05 入院初日) is billed 「入院初日及び入院期間が90日を超えるごとに１回」: on 7/8, day 91 of
        // a stay from 2024-04-09, it is no 入院初日 fault (nor, from an RE date alone, any other).
        let ninety = try UKEClaims.claims(UKEDocument(bytes: good.writing([1: [(8, "20240409")], 7: [(3, "190243810"), (5, "75")]]), name: "90.UKE"))[0].claim.get()
        XCTAssertTrue(ninety.encounters[0].orders.contains { $0.items.contains { $0.code == "190243810" } }, "the row is on 7/8: the check below is not empty-handed")
        let found = try auditor.audit(ninety).findings.filter { $0.codes.first == "190243810" }
        XCTAssertTrue(found.allSatisfy { $0.check != .countLimit && $0.check != .periodFromAdmission }, "\(found.map(\.message))")
    }

    /// Review 359 GY-4: a day of an 入院 receipt before its 入院年月日 (7/8 and 7/9 of a stay stated to begin 7/10) is SA-B003 once
    /// per day, an error that changes nothing; the 入院初日 row on 7/8 is not the 入院の日 either.
    func testAuditNamesDaysBeforeThe入院年月日() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let claim = try UKEClaims.claims(UKEDocument(bytes: good.writing([1: [(8, "20240710")]]), name: "late.UKE"))[0].claim.get()
        let result = try Auditor(masters: try RealData.masters()).audit(claim, mode: .apply)
        let before = result.findings.filter { $0.check == .dayBeforeAdmission }
        XCTAssertEqual(before.map(\.encounter), [0, 1] as [Int?])
        XCTAssertEqual(before.first?.severity, .error)
        XCTAssertTrue(before.first?.message.contains("2024-07-10") == true, "\(before.map(\.message))")
        XCTAssertEqual(result.findings.filter { $0.check == .countLimit }.map(\.codes), [["190832110"]])
        let kept = try XCTUnwrap(result.corrected).encounters.flatMap { $0.orders.flatMap { $0.items.map(\.code) } }
        XCTAssertEqual(kept.filter { $0 == "190117710" }.count, 5, "SA-B003 removes nothing")
        XCTAssertTrue(result.findings.filter { $0.check == .admissionDateMissing }.isEmpty, "the 入院年月日 is stated")
        // Review 365 HE-6: a blank 入院年月日 is SA-B004, one warning, and nothing is counted from it.
        let blank = try UKEClaims.claims(UKEDocument(bytes: good.writing([1: [(8, "")]]), name: "blank.UKE"))[0].claim.get()
        let unknown = try Auditor(masters: try RealData.masters()).audit(blank, mode: .apply)
        XCTAssertEqual(unknown.findings.filter { $0.check == .admissionDateMissing }.map(\.severity), [.warning])
        XCTAssertTrue(unknown.findings.filter { $0.check == .dayBeforeAdmission || $0.check == .periodFromAdmission }.isEmpty)
    }

    /// Review 375 HO-1: 特別食加算 and 食堂加算 on days whose meals are 入院時食事療養（Ⅱ） (197000710) are SA-B005, removed — as
    /// santei price leaves them out of a JSON stay; beside (Ⅰ) meals (the fixture as it is) they are billed.
    func testAuditRemovesMealAddOnsOfADayWithNoFirstClassMeal() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        let asIs = try UKEClaims.claims(UKEDocument(bytes: good.bytes, name: "good.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(asIs).findings.filter { $0.check == .mealAddOn }.isEmpty)
        let second = try UKEClaims.claims(UKEDocument(bytes: good.writing([11: [(3, "197000710")]]), name: "meal2.UKE"))[0].claim.get()
        let found = try auditor.audit(second, mode: .apply).findings.filter { $0.check == .mealAddOn }
        XCTAssertEqual(Set(found.compactMap(\.codes.first)), ["197000470", "197000570"], "\(found.map(\.message))")
        XCTAssertTrue(found.allSatisfy { $0.severity == .error && $0.applied })
    }

    /// Review 400 IN-4: more than three meals on a day (告示99号 「１日につき３食を限度」) is SA-B006 on the row that passes three — 2 + 2 on
    /// 2024-07-08 here; the fixture's 2 meals that day and the 標準負担額 rows (197000810, not a meal row) are not counted.
    func testAuditTellsMoreThanThreeMealsADay() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        let asIs = try UKEClaims.claims(UKEDocument(bytes: good.bytes, name: "good.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(asIs).findings.filter { $0.check == .mealsPerDay }.isEmpty)
        let four = try UKEClaims.claims(UKEDocument(bytes: good.writing([10: [(4, "4"), (5, "2680")]]), name: "four.UKE"))[0].claim.get()
        let found = try auditor.audit(four).findings.filter { $0.check == .mealsPerDay }
        XCTAssertEqual(found.count, 1, "\(found.map(\.message))")
        XCTAssertTrue(found.first.map { $0.severity == .error && $0.message.contains("4 meals") && $0.message.contains("2024-07-08") && $0.codes == ["197000110"] } == true, "\(found.map(\.message))")
    }

    /// Review 418 JF-UNCLEAR: 特別食加算 is 「１食につき」 — the fixture's 3 add-ons beside 3 (Ⅰ) meals on 2024-07-09…11 pass; 4 a day
    /// are SA-B005 on each of the three days, told and not removed (the meals are there).
    func testAuditTellsMoreSpecialMealAddOnsThanMeals() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        let asIs = try UKEClaims.claims(UKEDocument(bytes: good.bytes, name: "good.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(asIs).findings.filter { $0.check == .mealAddOn }.isEmpty)
        let four = try UKEClaims.claims(UKEDocument(bytes: good.writing([13: [(4, "4"), (5, "304")]]), name: "four.UKE"))[0].claim.get()
        let found = try auditor.audit(four, mode: .apply).findings.filter { $0.check == .mealAddOn }
        XCTAssertEqual(found.count, 3, "\(found.map(\.message))")
        XCTAssertTrue(found.allSatisfy { $0.severity == .error && !$0.applied && $0.message.contains("4 特別食加算 that day against 3 meals") && $0.codes == ["197000470"] },
                      "\(found.map(\.message))")
    }

    /// Review 400 IN-6: one wrong unit of five 算定日 (the 入院料 unit stating 2139 for 2138) is one SA-P001, not five.
    func testAWrongUnitOfSeveralDaysIsToldOnce() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let claim = try UKEClaims.claims(UKEDocument(bytes: good.writing([5: [(5, "2139")]]), name: "wrong.UKE"))[0].claim.get()
        let found = try Auditor(masters: try RealData.masters()).audit(claim).findings.filter { $0.check == .statedPointsDiffer }
        XCTAssertEqual(found.count, 1, "\(found.map(\.message))")
        XCTAssertTrue(found.first.map { $0.message.contains("states 2139") && $0.message.contains("2138") && $0.message.contains("5 算定日") && $0.encounter == 0 } == true, "\(found.map(\.message))")
    }

    /// Review 374 HN-4: SA-P003 — the HO 合計点数 against the units' stated 点数 × 回数 (the 97 meal units, in yen, left out):
    /// the fixture's 12,136 = 2,138 × 5 + 240 × 5 + 100 + 21 + 125 passes; a stated 12,000 is one error naming both numbers.
    func testAuditComparesTheHOTotalWithTheUnits() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        let asIs = try UKEClaims.claims(UKEDocument(bytes: good.bytes, name: "good.UKE"))[0].claim.get()
        XCTAssertEqual(asIs.receiptStatedTotals, [Claim.StatedTotal(record: "HO", line: 3, points: 12136, units: 12136, statedDays: 5, dayMask: 0b1111_1000_0000)])
        XCTAssertTrue(try auditor.audit(asIs).findings.filter { $0.check == .statedTotalDiffers }.isEmpty)
        let wrong = try UKEClaims.claims(UKEDocument(bytes: good.writing([2: [(5, "12000")]]), name: "wrong.UKE"))[0].claim.get()
        let found = try auditor.audit(wrong).findings.filter { $0.check == .statedTotalDiffers }
        XCTAssertEqual(found.map(\.severity), [.error])
        XCTAssertEqual(found.first?.action, "state 12136 on line 3")
        XCTAssertTrue(found.first?.message.contains("HO 合計点数 (line 3) states 12000 points") == true, "\(found.map(\.message))")
        // A blank HO 合計点数 beside units that state 点数 is one too (review 385 HY-5).
        let none = try UKEClaims.claims(UKEDocument(bytes: good.writing([2: [(5, "")]]), name: "none.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(none).findings.filter { $0.check == .statedTotalDiffers }.map(\.message).first?.contains("(line 3) is blank") == true)
        // A receipt whose units' 点数 are blank (re-pricing input) is not compared: the units do not tell the total.
        let blank = try UKEClaims.claims(UKEDocument(bytes: good.writing([2: [(5, "12000")], 5: [(5, "")], 6: [(5, "")], 7: [(5, "")], 8: [(5, "")], 9: [(5, "")]]),
                                                     name: "blank.UKE"))[0].claim.get()
        XCTAssertTrue(try auditor.audit(blank).findings.filter { $0.check == .statedTotalDiffers }.isEmpty)
    }

    /// Review 382 HV-3: a UKE 入院 receipt states no `admission`; the 入院料 row it bills on a day makes that ward's inclusions hold —
    /// with 療養病棟入院料 (190817610) in place of the fixture's 一般病棟 row, the day's 末梢血液一般 (D005, A101 注3 第3部検査) is SA-I003;
    /// beside the 一般病棟 row it is not.
    func testAUKEInpatientReceiptsWardRowIncludesWhatItsNoteThree() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let auditor = Auditor(masters: try RealData.masters())
        func included(_ bytes: [UInt8]) throws -> [String] {
            let claim = try UKEClaims.claims(UKEDocument(bytes: bytes, name: "ward.UKE"))[0].claim.get()
            return try auditor.audit(claim).findings.filter { $0.check == .includedInManagementFee }.compactMap(\.codes.first)
        }
        XCTAssertEqual(try included(good.bytes), [])
        XCTAssertTrue(try included(good.writing([4: [(3, "190817610")]])).contains("160008010"))
    }

    /// The audit's SA-P001 compares a 97 unit's stated yen with the master's: 1,280円 for 2 meals of 670円.
    func testAuditReportsAWrongMealAmountInYen() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let doc = UKEDocument(bytes: good.writing([10: [(5, "1280")]]), name: "bad-meal.UKE")
        let claim = try UKEClaims.claims(doc)[0].claim.get()
        let findings = try Auditor(masters: try RealData.masters()).audit(claim).findings
        XCTAssertEqual(findings.map(\.check.rawValue), ["SA-P001"])
        XCTAssertEqual(findings.first?.action, "state 1340")
    }

    /// 公費 (レセプト種別 1121: 医保 + 1 公費, 入院 本人): each payer's 合計点数 and 食事 are the units its 負担区分
    /// names. The 入院基本料 unit and the three 入院時食事療養 units are 負担区分 2 (医保 + 第1公費), the rest 1:
    /// KO 合計点数 2,138 × 5 = 10,690; KO 食事 12 meals, 1,340 + 6,030 + 670 = 8,040円; HO as before (12,136;
    /// 12 meals, 8,874円). The KO 食事 fields are its 項目 11・12.
    func testEachPayerGetsTheMealsOfItsBurdenClass() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let changed = good.writing([1: [(2, "1121")], 5: [(2, "2")], 10: [(2, "2")], 11: [(2, "2")], 12: [(2, "2")]])
        // A KO record after the HO (line 3), its 合計点数 and 食事 fields blank.
        let hoEnd = changed.indices.filter { changed[$0] == 10 }[2] + 1
        let bytes = Array(changed[..<hoEnd]) + Array("KO,12136015,1234567,,5,,,,,,,\r\n".utf8) + Array(changed[hoEnd...])
        let doc = UKEDocument(bytes: bytes, name: "kohi.UKE")
        let report = try recalc(doc)
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors)")
        let r = try XCTUnwrap(report.receipts.first)
        XCTAssertEqual(r.payers.map(\.bit), [0, 1])
        XCTAssertEqual(r.payers.map(\.computed), [12136, 10690])
        XCTAssertEqual(r.payers.map { $0.meals?.count }, [12, 12])
        XCTAssertEqual(r.payers.map { $0.meals?.yen }, [8874, 8040])
        let out = UKEDocument(bytes: UKERecalc.rewrite(doc, report), name: "out.UKE")
        XCTAssertEqual(field(out, 3, 5), "10690")
        XCTAssertEqual(field(out, 3, 10), "12")
        XCTAssertEqual(field(out, 3, 11), "8040")
        XCTAssertEqual(out.fieldCount(3), 12)
    }

    /// At the door: RE 入院年月日 must be a date when stated, HO 食事 fields numbers within their limits; a
    /// receipt at fault is left as it is and names the field.
    func testInpatientFieldsAreCheckedAtTheDoor() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let cases: [(changes: [Int: [(field: Int, value: String)]], field: Int, name: String)] = [
            ([1: [(8, "20241340")]], 9, "入院年月日"),
            ([2: [(7, "1x")]], 8, "食事療養・生活療養 回数"),
            ([2: [(8, "123456789")]], 9, "食事療養・生活療養 合計金額"),
            // Review 75: a stay that begins after the 診療年月; four meals on the 8th — 3 on line 11 and the 1 of line 13 moved
            // from the 12th to the 8th (a row that alone states 4 names its 数量データ: `testFourMealsInOneRowNameTheirQuantityField`).
            ([1: [(8, "20240815")]], 9, "入院年月日"),
            ([10: [(4, "3"), (5, "2010")], 12: [(20, "1"), (24, "")]], 21, "算定日情報 8日"),
        ]
        for c in cases {
            let doc = UKEDocument(bytes: good.writing(c.changes), name: "bad.UKE")
            let report = try recalc(doc)
            let fault = try XCTUnwrap(report.receipts.first?.fault, c.name)
            XCTAssertEqual(fault.field, c.field, c.name)
            XCTAssertEqual(fault.fieldName, c.name)
            XCTAssertEqual(UKERecalc.rewrite(doc, report), doc.bytes, "\(c.name): left as it is")
        }
    }

    /// Review 75: a file cut short inside its GO (3 fields, no CR LF) is a fault of the file, and the GO is left as it is.
    func testAGOCutShortIsAFaultAndIsLeftAsItIs() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        let tail = Array("GO,1,12136,99\r\n".utf8)
        XCTAssertEqual(Array(good.bytes.suffix(tail.count)), tail)
        let cut = Array(good.bytes.dropLast(tail.count)) + Array("GO,1,121".utf8)
        let doc = UKEDocument(bytes: cut, name: "cut.UKE")
        let report = try recalc(doc)
        XCTAssertTrue(report.errors.contains { $0.reason.contains("the GO record has 3 fields") }, "\(report.errors)")
        XCTAssertEqual(UKERecalc.rewrite(doc, report), cut, "the GO's 121 is not rewritten to 12136")
        XCTAssertTrue(try recalc(good).errors.isEmpty)
    }

    /// A unit that mixes a 金額 row with 点数 rows cannot state both in one 点数 field: flagged, stated kept.
    func testAUnitMixingYenAndPointsIsFlagged() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        // The first 食事 record (line 11) made the continuation of the 検査 unit (lines 9–10): its 診療識別 97 and
        // the 検査' 点数 blanked, so one 点数 field would cover 末梢血液一般検査, 判断料 and the meals of a day.
        let doc = UKEDocument(bytes: good.writing([8: [(5, "")], 9: [(5, "")], 10: [(1, "")]]), name: "mixed.UKE")
        let report = try recalc(doc)
        let r = try XCTUnwrap(report.receipts.first)
        let u = try unit(r, at: 8)
        XCTAssertEqual(u.lastLine, 10)
        guard case .failure(.mixedYenAndPoints(197000110)) = u.result else { return XCTFail("\(u.result)") }
        XCTAssertFalse(u.isYen)
    }

    /// Review 102: 130009310 点滴注射（その他） (G004 3 「入院中の患者以外の患者に限る」, 入外適用区分 2) on an 入院 receipt is not
    /// billable there: the unit is not re-priced, its stated 点数 kept (blank: nothing) and named `outpatient_only`.
    func testAnOutpatientOnlyRowOnAnInpatientReceiptIsNamedNotPriced() throws {
        let good = try Self.fixture("inpatient-short-stay-2024-07.UKE")
        for (stated, counted) in [("53", 53), ("", 0)] {
            let doc = UKEDocument(bytes: good.writing([8: [(1, "33"), (3, "130009310"), (5, stated)], 9: [(1, "60")]]), name: "drip.UKE")
            let report = try recalc(doc)
            let r = try XCTUnwrap(report.receipts.first)
            let u = try unit(r, at: 8)
            guard case .failure(.outpatientOnly(130009310)) = u.result else { return XCTFail("\(u.result)") }
            XCTAssertEqual(r.total, 12_136 - 21 + counted, "stated \"\(stated)\"")
            XCTAssertTrue(UKERecalc.findings(report).contains { $0.codes.contains(130009310) }, "named")
        }
    }
}

/// A master change inside the month (fixture masters: 急性期一般入院料１ 1688 from 2024-06-01, 1700 from
/// 2024-06-15): an 入院 unit whose 算定日 run over it cannot state one 点数 for both prices.
final class InpatientUKERevisionInsideTheMonthTests: XCTestCase {
    func masters() throws -> MasterSet {
        let P = ProcedureColumn.self
        let row = Fixture.procedure("190117710", name: "急性期一般入院料１", points: "1688.00", from: "20240601",
                                    extra: [P.pointColumnOutpatient: "0", P.pointColumnInpatient: "903", P.inpatientApplicability: "1"])
        let change = Fixture.procedureChange("190117710", [P.points: "1700.00", P.changed: "20240615"])
        return try Fixture.build([(.procedure, "s_ALL20240531.csv", .full, row), (.procedure, "s_20240610.csv", .update, change)])
    }

    func file(kind: String, days: ClosedRange<Int>) -> UKEDocument {
        let dayFields = (1...31).map { days.contains($0) ? "1" : "" }.joined(separator: ",")
        let text = ["IR,1,13,1,1234567,,TEST,202407,00,0",
                    "RE,1,\(kind),202406,TEST,1,19600401,,20240610",
                    "HO,06132013,1,1,\(days.count),\(1688 * days.count)",
                    "SI,90,1,190117710,,1688,\(days.count),,,,,,," + dayFields,
                    "GO,1,\(1688 * days.count),99"].joined(separator: "\r\n") + "\r\n"
        return UKEDocument(bytes: Fixture.cp932(text), name: "revision.UKE")
    }

    func testAnInpatientUnitAcrossAMasterChangeIsFlaggedAndKeepsItsStatedPoints() throws {
        let set = try masters()
        let pricer = UnitPricer(bundled: try RealData.bundledRules())
        // Days 10–20: 1688 on the 10th, 1700 on the 20th.
        let doc = file(kind: "1111", days: 10...20)
        let report = UKERecalc.run(doc, masters: set, pricer: pricer)
        let u = try XCTUnwrap(report.receipts.first?.units.first)
        guard case .failure(.pricesDifferWithinUnit(190117710, let day, 1688, 1700)) = u.result else { return XCTFail("\(u.result)") }
        XCTAssertEqual(day, ServiceDate("2024-06-20"))
        XCTAssertEqual(report.receipts.first?.total, 1688 * 11, "the stated 点数 stand")
        XCTAssertEqual(UKERecalc.rewrite(doc, report), doc.bytes)
        XCTAssertEqual(UKERecalc.findings(report).map(\.reason), ["prices_differ_within_unit"])

        // Days 1–14 lie before the change: priced, as stated.
        let before = file(kind: "1111", days: 1...14)
        let ok = UKERecalc.run(before, masters: set, pricer: pricer)
        guard case .success(let p) = ok.receipts.first?.units.first?.result else { return XCTFail() }
        XCTAssertEqual(p.points, 1688)
        // Priced on one date for all days (revalue's masters date): no split is asked.
        let revalued = UKERecalc.run(doc, masters: set, pricer: pricer, options: .init(mastersDate: ServiceDate("2024-06-30")))
        guard case .success(let q) = revalued.receipts.first?.units.first?.result else { return XCTFail() }
        XCTAssertEqual(q.points, 1700)
    }
}

/// Generated 入院 stays of 2024-06 (`santei-gen --inpatient`) priced by `ClaimPricer` from their facts (入院料 by
/// day, 加算, meals), written as 入院 receipts with the points and yen stated (`UKEClaimWriter`), and re-priced by
/// `uke recalc` from the codes alone: the two paths agree on every HO 合計点数 and 食事 回数 / 合計金額.
final class GeneratedInpatientUKERoundTripTests: XCTestCase {
    func testUKERecalcAgreesWithInpatientClaimPricing() throws {
        let set = try RealData.masters()
        let rules = try RealData.bundledRules()
        var pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: rules))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: 13)
        var claims: [(claim: Claim, priced: PricedClaim)] = []
        for n in 0..<200 {
            let claim = try ClaimJSON.parse(Array(generator.inpatientClaim(n, using: &rng).utf8)[...])
            claims.append((claim, try pricer.price(claim, explain: false)))
        }
        let bytes = UKEClaimWriter.file(claims, year: 2024, month: 6)
        let doc = UKEDocument(bytes: bytes, name: "generated-inpatient.UKE")
        let report = UKERecalc.run(doc, masters: set, pricer: UnitPricer(bundled: rules), options: .init(keepAllUnits: true))
        XCTAssertTrue(report.errors.isEmpty, "\(report.errors.prefix(3))")
        XCTAssertEqual(report.receipts.count, 200)
        var mealReceipts = 0, differing: [String] = []
        for (r, c) in zip(report.receipts, claims) {
            let stay = try XCTUnwrap(c.priced.admission)
            XCTAssertTrue(r.inpatient)
            XCTAssertEqual(r.admissionDate?.description, stay.admitted)
            XCTAssertEqual(r.total, c.priced.totalPoints, "RE \(r.number)")
            XCTAssertEqual(r.meals?.count ?? 0, stay.mealCount, "RE \(r.number)")
            XCTAssertEqual(r.meals?.yen ?? 0, stay.mealYen, "RE \(r.number)")
            if stay.mealCount > 0 { mealReceipts += 1 }
            for u in r.units where u.isFlagged || u.differs {
                differing.append("RE \(r.number) line \(u.firstLine + 1): stated \(u.stated ?? -1), \(u.result)")
            }
        }
        XCTAssertTrue(differing.isEmpty, "\(differing.count): \(differing.prefix(5))")
        XCTAssertGreaterThan(mealReceipts, 100)
        XCTAssertEqual(UKERecalc.rewrite(doc, report), bytes, "nothing to change: the rewrite is the file itself")

        // The same receipts being built (every SI 点数, HO 合計点数 and 食事 field and the GO total blank): the 算定単位
        // found from the structure give the same totals and meals.
        var blanks: [Int: [(field: Int, value: String)]] = [:]
        for l in 0..<doc.lineCount {
            switch doc.recordID(l) {
            case UKEDocument.id("SI"): blanks[l] = [(5, "")]
            case UKEDocument.id("HO"): blanks[l] = [(5, ""), (7, ""), (8, "")]
            case UKEDocument.id("GO"): blanks[l] = [(2, "")]
            default: continue
            }
        }
        let blank = UKEDocument(bytes: doc.writing(blanks), name: "blank-inpatient.UKE")
        let filled = UKERecalc.run(blank, masters: set, pricer: UnitPricer(bundled: rules), options: .init(keepAllUnits: false))
        XCTAssertTrue(filled.errors.isEmpty)
        XCTAssertEqual(filled.receipts.map(\.total), claims.map(\.priced.totalPoints))
        XCTAssertEqual(filled.receipts.map { $0.meals?.yen ?? 0 }, claims.map { $0.priced.admission?.mealYen ?? 0 })
        XCTAssertEqual(filled.receipts.map { $0.meals?.count ?? 0 }, claims.map { $0.priced.admission?.mealCount ?? 0 })
        XCTAssertEqual(filled.flaggedCount, 0)
        XCTAssertEqual(filled.goComputed, report.goComputed)
    }
}
