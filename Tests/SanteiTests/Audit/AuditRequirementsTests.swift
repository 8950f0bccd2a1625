import XCTest
@testable import Santei

/// Issue 14's checks on the official files in ../shared (skipped outside CI when missing): each test names
/// the master rows it relies on, as found in the file, and has a claim that triggers the check and a
/// close one that does not.
final class AuditRequirementsTests: XCTestCase {
    typealias O = AuditFixture.O
    typealias D = Claim.Disease
    var auditor: Auditor!

    override func setUpWithError() throws {
        auditor = Auditor(masters: try RealData.masters(), parameters: try AuditParameters.load(directory: Paths.mastersDefault + "/params/audit"),
                          pricer: UnitPricer(bundled: try RealData.bundledRules()))
    }

    func audit(_ c: Claim, history: [Claim] = [], _ mode: AuditMode = .apply) throws -> AuditResult {
        try auditor.audit(c, history: history, mode: mode)
    }

    func ids(_ r: AuditResult, _ id: AuditCheckID) -> [[String]] { AuditFixture.findings(r, id).map(\.codes) }

    // MARK: SA-D006 傷病名 ↔ 算定要件

    /// s: 113001810 特定疾患療養管理料（診療所） has 傷病名関連区分 5. b: 5319009 胃潰瘍 has 特定疾患等対象区分 05;
    /// 8833421 高血圧症 has 00 with 変更年月日 20240601 and 特定疾患等対象区分（変更情報） 1 (the R6 change).
    func testSpecificDiseaseManagementNeedsASpecificDisease() throws {
        func run(_ diseases: [D], on date: String = "2024-06-17") throws -> AuditResult {
            try audit(AuditFixture.claim(diseases: diseases, [(date, [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]))
        }
        XCTAssertEqual(ids(try run([D(code: "5319009", main: true)]), .diseaseRequirement), [])
        let hypertension = try run([D(code: "8833421", main: true)])
        XCTAssertEqual(ids(hypertension, .diseaseRequirement), [["113001810"]])
        XCTAssertEqual(AuditFixture.findings(hypertension, .diseaseRequirement).first?.severity, .error)
        // Every 傷病名 is in the master and none qualifies: removed in apply (R06: 高血圧症 is no 特定疾患).
        XCTAssertEqual(hypertension.changes.filter { $0.check == .diseaseRequirement }.map(\.code), ["113001810"])
        // A 傷病名 the master does not list (未コード化傷病名) might be the one: reported, not removed.
        let uncoded = try run([D(code: "8833421"), D(code: "0000999")])
        XCTAssertEqual(ids(uncoded, .diseaseRequirement), [["113001810"]])
        XCTAssertTrue(uncoded.changes.filter { $0.check == .diseaseRequirement }.isEmpty)
        // … unless the claim names another 主病: the uncoded one is then not the 主病 the fee needs, and the fee is removed.
        let uncodedNotMain = try run([D(code: "8833421", main: true), D(code: "0000999")])
        XCTAssertEqual(uncodedNotMain.changes.filter { $0.check == .diseaseRequirement }.map(\.code), ["113001810"])
        // 疑い does not qualify; nor does a 傷病名 whose 診療開始日 is after the fee.
        XCTAssertEqual(ids(try run([D(code: "5319009", modifiers: ["8002"])]), .diseaseRequirement), [["113001810"]])
        XCTAssertEqual(ids(try run([D(code: "5319009", start: "2024-06-20")]), .diseaseRequirement), [["113001810"]])
        // Before 2024-06-01 the master does not say what 高血圧症 was: not reported.
        XCTAssertEqual(ids(try run([D(code: "8833421")], on: "2024-05-20"), .diseaseRequirement), [])
        // 「…疾患を主病とする患者」 (B000 注1): a claim that names its 主病 is judged on it — 胃潰瘍 beside a 主病 高血圧症 is not
        // the 主病 (review 165 K2); with no 主病 named, any 傷病名 may be it; a 胃潰瘍 named 主病 too qualifies.
        let notMain = try run([D(code: "8833421", main: true), D(code: "5319009")])
        XCTAssertEqual(ids(notMain, .diseaseRequirement), [["113001810"]])
        XCTAssertTrue((AuditFixture.findings(notMain, .diseaseRequirement).first?.message ?? "").contains("主病"))
        XCTAssertEqual(ids(try run([D(code: "8833421"), D(code: "5319009")]), .diseaseRequirement), [])
        XCTAssertEqual(ids(try run([D(code: "8833421", main: true), D(code: "5319009", main: true)]), .diseaseRequirement), [])
    }

    /// s: 113002850 てんかん指導料 (関連区分 7), 113002910 難病外来指導管理料 (9), 113000910 皮膚科特定疾患指導管理料（１） (3),
    /// 113002310 （２） (4). b: 3459001 てんかん 07, 5569003 潰瘍性大腸炎 難病外来対象区分 09, 6961009 乾癬 03,
    /// 6918002 アトピー性皮膚炎 04.
    func testEachManagementFeeNeedsItsOwnKindOfDisease() throws {
        func run(_ code: String, _ disease: String) throws -> [[String]] {
            ids(try audit(AuditFixture.claim(diseases: [D(code: disease)], [("2024-06-17", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: [code])])])), .diseaseRequirement)
        }
        XCTAssertEqual(try run("113002850", "3459001"), [])
        // てんかん指導料 asks for 「てんかん…の患者」, not the 主病: a てんかん beside another 主病 qualifies.
        XCTAssertEqual(ids(try audit(AuditFixture.claim(diseases: [D(code: "5319009", main: true), D(code: "3459001")],
                                                        [("2024-06-17", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113002850"])])])), .diseaseRequirement), [])
        XCTAssertEqual(try run("113002850", "5319009"), [["113002850"]])
        XCTAssertEqual(try run("113002910", "5569003"), [])
        XCTAssertEqual(try run("113002910", "3459001"), [["113002910"]])
        XCTAssertEqual(try run("113000910", "6961009"), [])
        XCTAssertEqual(try run("113000910", "6918002"), [["113000910"]], "アトピー性皮膚炎 is for （Ⅱ）")
        XCTAssertEqual(try run("113002310", "6918002"), [])
    }

    // MARK: SA-D008 a kind of disease no master column flags (disease-kind-rules.json)

    /// s: 130013990 外来化学療法加算１（１５歳以上）, 113704610 外来腫瘍化学療法診療料１（抗悪性腫瘍剤を投与）（初回から３回目）,
    /// 113001310 悪性腫瘍特異物質治療管理料（その他・１項目）. b_20240601: 1519006 胃癌 ICD-10 C169 (悪性腫瘍: C00–C97),
    /// 8833421 高血圧症 I10, 5319009 胃潰瘍 K259.
    func testFeesTheTaxonOfTheMainDiseaseDecides() throws {
        // 728 外来化学療法加算１, 3765 外来腫瘍化学療法診療料１ (the rows' 施設基準: SA-C006 would remove them first).
        let held = [Claim.Facility.Standard(code: 728, from: "2024-01-01"), Claim.Facility.Standard(code: 3765, from: "2024-01-01")]
        func run(_ code: String, _ diseases: [D], category: Int = 33) throws -> AuditResult {
            let orders = category == 33 ? [O(category: 12, codes: ["112007410"]), O(category: 33, codes: ["130003810", code])]
                                        : [O(category: 12, codes: ["112007410"]), O(category: category, codes: [code])]
            return try audit(AuditFixture.claim(facility: "hospital", standards: held, diseases: diseases, [("2024-11-05", orders)]))
        }
        func removed(_ r: AuditResult) -> [String] { r.changes.filter { $0.check == .diseaseKind }.map(\.code) }
        // 第6部 通則6: 「入院中の患者以外の患者（悪性腫瘍を主病とする患者を除く。）」 (review 164 J-3).
        let cancerMain = try run("130013990", [D(code: "1519006", main: true)])
        XCTAssertEqual(ids(cancerMain, .diseaseKind), [["130013990"]])
        XCTAssertEqual(removed(cancerMain), ["130013990"])
        XCTAssertEqual(AuditFixture.findings(cancerMain, .diseaseKind).first?.severity, .error)
        // A 胃癌 that is not the named 主病, or only suspected, does not exclude the patient.
        XCTAssertEqual(ids(try run("130013990", [D(code: "8833421", main: true), D(code: "1519006")]), .diseaseKind), [])
        XCTAssertEqual(ids(try run("130013990", [D(code: "1519006", modifiers: ["8002"], main: true)]), .diseaseKind), [])
        // No 主病 named beside a 胃癌: which is the 主病 is the clerk's to say — reported, not removed.
        let unnamed = try run("130013990", [D(code: "8833421"), D(code: "1519006")])
        XCTAssertEqual(ids(unnamed, .diseaseKind), [["130013990"]])
        XCTAssertEqual(removed(unnamed), [])
        // B001-2-12 注1: 「悪性腫瘍を主病とする患者」.
        XCTAssertEqual(ids(try run("113704610", [D(code: "1519006", main: true)], category: 13), .diseaseKind), [])
        XCTAssertEqual(removed(try run("113704610", [D(code: "8833421", main: true), D(code: "1519006")], category: 13)), ["113704610"])
        XCTAssertEqual(removed(try run("113704610", [D(code: "8833421")], category: 13)), ["113704610"])
        // … an uncoded 傷病名 might be the 悪性腫瘍: reported only.
        let uncoded = try run("113704610", [D(code: "0000999")], category: 13)
        XCTAssertEqual(ids(uncoded, .diseaseKind), [["113704610"]])
        XCTAssertEqual(removed(uncoded), [])
        // B001 3 注1・注2 「悪性腫瘍の患者」 (通知 (1): 既に確定診断がされた): any confirmed one, main or not.
        XCTAssertEqual(ids(try run("113001310", [D(code: "8833421", main: true), D(code: "1519006")], category: 13), .diseaseKind), [])
        XCTAssertEqual(removed(try run("113001310", [D(code: "1519006", modifiers: ["8002"])], category: 13)), ["113001310"])
        XCTAssertEqual(removed(try run("113001310", [D(code: "5319009", main: true)], category: 13)), ["113001310"])
        // 上皮内癌 (D002), 骨髄異形成症候群 (D469) and 腫瘍 (D489) with 修飾語 5001 悪性 may or may not be the 告示's 悪性腫瘍 (review
        // 179 Z6–Z8): reported, never removed — as 主病 of 外来腫瘍化学療法診療料 and of 外来化学療法加算 alike.
        for d in [D(code: "8843029", main: true), D(code: "2899010", main: true), D(code: "8834663", modifiers: ["5001"], main: true)] {
            let needs = try run("113704610", [d], category: 13)
            XCTAssertEqual(ids(needs, .diseaseKind), [["113704610"]], d.code)
            XCTAssertEqual(removed(needs), [], d.code)
            let excluded = try run("130013990", [d])
            XCTAssertEqual(ids(excluded, .diseaseKind), [["130013990"]], d.code)
            XCTAssertEqual(removed(excluded), [], d.code)
        }
        // 腫瘍 without a 修飾語 is no 悪性腫瘍: D48 is uncertain on its own too (性状不詳), so reported.
        XCTAssertEqual(removed(try run("113704610", [D(code: "8834663", main: true)], category: 13)), [])
        // B001 3 注1 is the same in R02 (000603749.pdf p.2; review 429 JR-4): a 2024-05 and a 2021-10 claim are told as a 2024-07 one.
        for date in ["2024-05-20", "2021-10-05"] {
            let earlier = try audit(AuditFixture.claim(facility: "hospital", standards: held, diseases: [D(code: "8833421")],
                                                       [(date, [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001310"])])]))
            XCTAssertEqual(ids(earlier, .diseaseKind), [["113001310"]], date)
        }
    }

    /// Review 358 GX-1, 告示 B001-3 1–3 (脂質異常症／高血圧症／糖尿病を主病とする場合) and B001-3-3 注1: each 生活習慣病管理料（Ⅰ） row
    /// needs the 主病 it names, （Ⅱ） one of the three (b_20240601: 8833421 高血圧症 I10, 5319009 胃潰瘍 K259); a claim without any
    /// 傷病名 is SA-D001's and keeps the fee.
    func testTheLifestyleDiseaseFeeNeedsTheMainDiseaseItsRowNames() throws {
        func run(_ code: String, _ diseases: [D]?) throws -> AuditResult {
            try audit(AuditFixture.claim(diseases: diseases, [("2024-07-03", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: [code])])]))
        }
        func removed(_ r: AuditResult) -> [String] { r.changes.filter { $0.check == .diseaseKind }.map(\.code) }
        XCTAssertEqual(removed(try run("113041710", [D(code: "5319009", main: true)])), ["113041710"], "脂質異常症 row, 胃潰瘍 主病")
        XCTAssertEqual(removed(try run("113041710", [D(code: "8833421", main: true)])), ["113041710"], "脂質異常症 row, 高血圧症 主病")
        XCTAssertEqual(removed(try run("113041810", [D(code: "8833421", main: true)])), [], "高血圧症 row, 高血圧症 主病")
        XCTAssertEqual(removed(try run("113707110", [D(code: "8833421", main: true)])), [], "（Ⅱ）, 高血圧症 主病")
        XCTAssertEqual(removed(try run("113707110", [D(code: "5319009", main: true)])), ["113707110"], "（Ⅱ）, 胃潰瘍 主病")
        XCTAssertEqual(ids(try run("113041710", nil), .diseaseKind), [], "no 傷病名: SA-D001 only")
    }

    // MARK: SA-V003 in days

    /// s: 113013910 外来リハビリテーション診療料１, 113014010 外来リハビリテーション診療料２, 180755710 運動器リハビリテーション料（Ⅰ）.
    /// B001-2-7 注2: 「外来リハビリテーション診療料１を算定する日から起算して７日以内の期間においては、…外来リハビリテーション診療料２は、
    /// 算定しない」 — １ on 10/1 and ２ on 10/7 (day 7): ２ goes, though the 03-4 背反 table would keep the one of more 点数 (review 179 Z2).
    func testTheOutpatientRehabilitationFeeTheNoteNamesIsTheOneRemoved() throws {
        let r = try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)], [
            ("2024-10-01", [O(category: 13, codes: ["113013910"]), O(category: 80, codes: ["180755710"])]),
            ("2024-10-07", [O(category: 13, codes: ["113014010"]), O(category: 80, codes: ["180755710"])])]))
        XCTAssertEqual(AuditFixture.codes(r.corrected!), [["113013910", "180755710"], ["180755710"]])
        XCTAssertEqual(r.changes.filter { $0.kind == .removed }.map(\.code), ["113014010"])
    }

    // MARK: SA-V007 訪問診療 counted for a 月２回以上 row

    /// s: 114033710 在医総管（在支診等以外・月２回～１人）, its 月１回 row 114034010; 114001110 在宅患者訪問診療料（Ⅰ）１イ,
    /// 114042110 （Ⅰ）２ (not counted: 通知 C002 (4) counts C001 「１」 and C001-2 注1 イ). Review 173 T3.
    func testAMonthlyTwiceHomeCareRowNeedsTwoVisitDays() throws {
        func run(_ visits: [(String, String)]) throws -> AuditResult {
            var days: [(String, [O])] = [("2024-07-03", [O(category: 14, codes: ["114033710"])])]
            for (date, code) in visits { days.append((date, [O(category: 14, codes: [code])])) }
            return try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)], days))
        }
        let one = try run([("2024-07-03", "114001110")])
        XCTAssertEqual(ids(one, .visitsInMonth), [["114033710", "114034010"]])
        XCTAssertEqual(AuditFixture.findings(one, .visitsInMonth).first?.action, "bill 114034010 (月１回訪問診療を行っている場合) in place of 114033710")
        XCTAssertFalse(one.changes.contains { $0.check == .visitsInMonth })
        // Two visits on one day are one day; a C001 ２ visit does not count.
        XCTAssertEqual(ids(try run([("2024-07-03", "114001110"), ("2024-07-03", "114001110")]), .visitsInMonth).count, 1)
        XCTAssertEqual(ids(try run([("2024-07-03", "114001110"), ("2024-07-17", "114042110")]), .visitsInMonth).count, 1)
        XCTAssertEqual(ids(try run([("2024-07-03", "114001110"), ("2024-07-17", "114001110")]), .visitsInMonth), [])
        XCTAssertEqual(ids(try run([("2024-07-03", "114001110"), ("2024-07-17", "114042810")]), .visitsInMonth), [])
        // A 訪問診療 the day after a 往診 is not 算定 at a clinic that is no 在支診 (C001 注10; review 183 AD-01): one day left.
        func afterHouseCall(_ standards: [Claim.Facility.Standard]) throws -> AuditResult {
            try audit(AuditFixture.claim(standards: standards, diseases: [D(code: "8833421", main: true)], [
                ("2024-07-03", [O(category: 14, codes: ["114033710"]), O(category: 14, codes: ["114000110"])]),
                ("2024-07-04", [O(category: 14, codes: ["114001110"])]), ("2024-07-17", [O(category: 14, codes: ["114001110"])])]))
        }
        XCTAssertEqual(ids(try afterHouseCall([Claim.Facility.Standard(code: 721, from: "2024-06-01")]), .visitsInMonth), [["114033710", "114034010"]])
        XCTAssertEqual(ids(try afterHouseCall([Claim.Facility.Standard(code: 721, from: "2024-06-01"), Claim.Facility.Standard(code: 3168, from: "2024-06-01")]), .visitsInMonth), [])
    }

    // MARK: SA-N001 特例条件 「処方の内容に変更があった場合」

    /// s: 120002370 薬剤情報提供料 (05: 1回/月, 特例条件あり); y: 620002477, 620007288. 通知 B011-3 (5): その都度 when the 処方
    /// changed, not for the 日数 alone (review 175 V4: the same 処方 twice in a month, both billed).
    func testTheDrugInformationFeeAgainInAMonthNeedsAChangedPrescription() throws {
        func run(_ second: [String], days: Int) throws -> AuditResult {
            try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)], [
                ("2024-07-03", [O(category: 12, codes: ["112007410"]), O(category: 21, codes: ["620002477"], times: 14), O(category: 13, codes: ["120002370"])]),
                ("2024-07-17", [O(category: 12, codes: ["112007410"]), O(category: 21, codes: second, times: days), O(category: 13, codes: ["120002370"])])]))
        }
        let same = try run(["620002477"], days: 28)   // only the 日数 changed
        XCTAssertEqual(same.changes.filter { $0.check == .countLimit }.map { "\($0.encounter):\($0.code)" }, ["1:120002370"])
        XCTAssertTrue(AuditFixture.findings(same, .countLimit).first?.message.contains("same as on 2024-07-03") == true)
        // A day with no 処方 has nothing changed (review 187 AH-05).
        let none = try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)], [
            ("2024-07-03", [O(category: 12, codes: ["112007410"]), O(category: 21, codes: ["620002477"], times: 14), O(category: 13, codes: ["120002370"])]),
            ("2024-07-17", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["120002370"])])]))
        XCTAssertEqual(none.changes.filter { $0.check == .countLimit }.map { "\($0.encounter):\($0.code)" }, ["1:120002370"])
        let changed = try run(["620002477", "620007288"], days: 14)
        XCTAssertFalse(changed.changes.contains { $0.check == .countLimit })
        XCTAssertEqual(ids(changed, .countLimitSpecial), [])
    }

    // MARK: SA-V006 days counted from a date the claim states in a comment

    /// s: 180745310 脳血管疾患等リハビリテーション料（Ⅰ）（理学療法士）, 180030770 早期リハビリテーション加算, 180033870 初期加算;
    /// c: 850100218 発症年月日（脳血管疾患等リハビリテーション料） (パターン 50, 和暦 GYYMMDD). H001 注2 「発症…から30日を限度」,
    /// 注3 14日; day 1 = the 発症日 (review 174 U1: 61 days after the 発症日, billed).
    func testEarlyRehabilitationAddOnsEndDaysAfterTheStatedOnset() throws {
        func run(_ date: String, onset: String?) throws -> AuditResult {
            let comments = onset.map { [Claim.Comment(code: "850100218", text: $0)] }
            return try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)],
                                                [(date, [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180745310", "180030770", "180033870"], times: 2, comments: comments)])]))
        }
        func removed(_ r: AuditResult) -> [String] { r.changes.filter { $0.check == .periodFromCommentDate }.map(\.code) }
        // 発症 R6.7.1: 07-14 is day 14 (both), 07-15 day 15 (初期 out), 07-30 day 30 (早期 in), 07-31 day 31, 08-30 day 61.
        XCTAssertEqual(removed(try run("2024-07-14", onset: "5060701")), [])
        XCTAssertEqual(removed(try run("2024-07-15", onset: "5060701")), ["180033870"])
        XCTAssertEqual(removed(try run("2024-07-30", onset: "5060701")), ["180033870"])
        XCTAssertEqual(removed(try run("2024-07-31", onset: "5060701")), ["180030770", "180033870"])
        let late = try run("2024-08-30", onset: "5060701")
        XCTAssertEqual(ids(late, .periodFromCommentDate), [["180030770"], ["180033870"]])
        XCTAssertTrue((AuditFixture.findings(late, .periodFromCommentDate).first?.message ?? "").contains("day 61"))
        // No date stated: nothing said here (SA-M001 asks for the comment).
        XCTAssertEqual(ids(try run("2024-08-30", onset: nil), .periodFromCommentDate), [])
        // A date after the service date is reported, nothing removed (review 179 Z9).
        let future = try run("2024-07-10", onset: "5060720")
        XCTAssertEqual(ids(future, .periodFromCommentDate), [["180030770"], ["180033870"]])
        XCTAssertEqual(removed(future), [])
        // The date written once in the month (通知 第7部 通則9: 摘要欄) counts for a later day's order without it (review 179 Z1).
        let twoDays = try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)], [
            ("2024-07-10", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180745310", "180030770", "180033870"], times: 2, comments: [Claim.Comment(code: "850100218", text: "5060701")])]),
            ("2024-07-25", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180745310", "180030770", "180033870"], times: 2)])]))
        XCTAssertEqual(twoDays.changes.filter { $0.check == .periodFromCommentDate }.map { "\($0.encounter):\($0.code)" }, ["1:180033870"])
    }

    // MARK: SA-D007 疑い病名

    func testASuspectedDiseaseLeftOpenForMonthsIsAWarning() throws {
        func run(_ d: D) throws -> [AuditFinding] {
            AuditFixture.findings(try audit(AuditFixture.claim(diseases: [D(code: "5319009", main: true), d],
                                                               [("2024-06-10", [O(category: 12, codes: ["112007410"])])])), .suspectedDiseaseOpen)
        }
        XCTAssertEqual(try run(D(code: "5319009", modifiers: ["8002"], start: "2024-04-10")).count, 0, "2 months")
        XCTAssertEqual(try run(D(code: "5319009", modifiers: ["8002"], start: "2024-03-01")).count, 0, "3 months: not more than 3")
        let five = try run(D(code: "5319009", modifiers: ["8002"], start: "2024-01-10"))
        XCTAssertEqual(five.map(\.disease), [1])
        XCTAssertEqual(five.first?.severity, .warning)
        XCTAssertEqual(try run(D(code: "5319009", modifiers: ["8002"], start: "2024-01-10", outcome: "4")).count, 0, "中止 is a 転帰")
        XCTAssertEqual(try run(D(code: "5319009", start: "2024-01-10")).count, 0, "not a 疑い")
    }

    // MARK: SA-A001…SA-A003 加算 and their base

    /// s: 111000370 乳幼児加算（初診） is 告示等識別区分（１） 7, 注加算コード 1101 通番 1; 111000110 初診料 is 1101 通番 0,
    /// 112007410 再診料 1201 通番 0.
    func testAnAddOnNeedsTheBaseOfItsFamily() throws {
        let withBase = try audit(AuditFixture.claim(birth: "2023-01-10", [("2024-06-03", [O(category: 11, codes: ["111000110", "111000370"])])]))
        XCTAssertEqual(ids(withBase, .addOnWithoutBase), [])
        let wrongBase = try audit(AuditFixture.claim(birth: "2023-01-10", [("2024-06-03", [O(category: 12, codes: ["112007410", "111000370"])])]))
        XCTAssertEqual(ids(wrongBase, .addOnWithoutBase), [["111000370", "112007410"]])
        XCTAssertEqual(wrongBase.corrected.map(AuditFixture.codes), [["112007410"]])
    }

    /// s: 140049170 ３歳未満乳幼児加算（処置）（１１０） is 告示等識別区分（１） 7 with 処置乳幼児加算区分 1, no 注加算コード;
    /// 140004110 持続的胸腔ドレナージ has 区分 1, 140003810 喀痰吸引 has 4.
    func testAnInfantProcedureAddOnNeedsAProcedureOfItsClass() throws {
        let with = try audit(AuditFixture.claim(birth: "2023-01-10", [("2024-06-03", [O(category: 40, codes: ["140004110", "140049170"])])]))
        XCTAssertEqual(ids(with, .addOnWithoutBase), [])
        let other = try audit(AuditFixture.claim(birth: "2023-01-10", [("2024-06-03", [O(category: 40, codes: ["140003810", "140049170"])])]))
        XCTAssertEqual(ids(other, .addOnWithoutBase), [["140049170"]])
    }

    /// s: 112011010 外来管理加算 is 告示等識別区分（１） 1, （２） 7, no 注加算コード, コード表用番号 A001; 112007410 再診料 is
    /// A001 with （２） 1. 111000110 初診料 is A000.
    func testOutpatientManagementAddOnNeedsARevisit() throws {
        let revisit = try audit(AuditFixture.claim([("2024-06-10", [O(category: 12, codes: ["112007410", "112011010"])])]))
        XCTAssertEqual(ids(revisit, .sectionAddOnWithoutBase), [])
        let first = try audit(AuditFixture.claim([("2024-06-10", [O(category: 11, codes: ["111000110"]), O(category: 12, codes: ["112011010"])])]))
        XCTAssertEqual(ids(first, .sectionAddOnWithoutBase), [["112011010"]])
        XCTAssertEqual(first.corrected.map(AuditFixture.codes), [["111000110"]])
        // On another day than the 再診料 it has no base either.
        let apart = try audit(AuditFixture.claim([("2024-06-10", [O(category: 12, codes: ["112007410"])]), ("2024-06-11", [O(category: 12, codes: ["112011010"])])]))
        XCTAssertEqual(AuditFixture.findings(apart, .sectionAddOnWithoutBase).map(\.encounter), [1])
    }

    /// s: 150000490 時間外加算２（手術） is 告示等識別区分（１） 9 of 部 K; 150140110 ペースメーカー移植術（心筋電極） is K597 (1).
    func testAGeneralAddOnNeedsAnItemOfItsPart() throws {
        let with = try audit(AuditFixture.claim([("2024-06-03", [O(category: 50, codes: ["150140110", "150000490"])])]))
        XCTAssertEqual(ids(with, .generalAddOnWithoutPart), [])
        let without = try audit(AuditFixture.claim([("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 50, codes: ["150000490"])])]))
        XCTAssertEqual(ids(without, .generalAddOnWithoutPart), [["150000490"]])
    }

    // MARK: SA-V003 periods from another fee

    /// Masters/params/audit/period-rules.json "B000-after-initial-visit" (告示 B000 注2); 1 month = 6月3日〜7月2日.
    func testSpecificDiseaseManagementWithinAMonthOfTheFirstVisit() throws {
        let diseases = [D(code: "5319009", main: true)]
        let sameMonth = try audit(AuditFixture.claim(diseases: diseases, [("2024-06-03", [O(category: 11, codes: ["111000110"])]),
                                                                          ("2024-06-17", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]))
        XCTAssertEqual(ids(sameMonth, .periodFromReference), [["113001810", "111000110"]])
        XCTAssertEqual(sameMonth.corrected.map(AuditFixture.codes), [["111000110"], ["112007410"]])
        let first = AuditFixture.claim(id: "c0", diseases: diseases, [("2024-06-03", [O(category: 11, codes: ["111000110"])])])
        func later(_ date: String) throws -> [[String]] {
            ids(try audit(AuditFixture.claim(id: "c1", diseases: diseases, [(date, [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]),
                          history: [first]), .periodFromReference)
        }
        XCTAssertEqual(try later("2024-07-02"), [["113001810", "111000110"]])
        XCTAssertEqual(try later("2024-07-03"), [])
        // 通知 B000 (3) ただし書 (review 165 K1): 初診 2024-06-14, the month has passed on 7/14, a Sunday; the day before it that
        // is no 休日 is Saturday 7/13. 初診 2024-06-15: 7/15 is 海の日 (祝日), 7/14 a Sunday, so 7/13 again.
        func after(_ initial: String, _ date: String) throws -> [[String]] {
            let first = AuditFixture.claim(id: "c0", diseases: diseases, [(initial, [O(category: 11, codes: ["111000110"])])])
            return ids(try audit(AuditFixture.claim(id: "c1", diseases: diseases, [(date, [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]),
                                 history: [first]), .periodFromReference)
        }
        XCTAssertEqual(try after("2024-06-14", "2024-07-13"), [])
        XCTAssertEqual(try after("2024-06-14", "2024-07-12"), [["113001810", "111000110"]])
        XCTAssertEqual(try after("2024-06-15", "2024-07-13"), [])
        XCTAssertEqual(try after("2024-06-15", "2024-07-12"), [["113001810", "111000110"]])
        XCTAssertEqual(try after("2024-06-12", "2024-07-11"), [["113001810", "111000110"]], "7/12 is a Friday: no shift")
        let calendar = try XCTUnwrap(Holidays.embedded)
        XCTAssertEqual(calendar.isHoliday(ServiceDate("2024-07-15")!), true, "海の日")
        XCTAssertEqual(calendar.isHoliday(ServiceDate("2024-07-16")!), false)
        XCTAssertEqual(calendar.isHoliday(ServiceDate("2030-07-16")!), nil, "a year not listed is not known")
        XCTAssertEqual(calendar.isHoliday(ServiceDate("2030-12-30")!), true, "12/29–1/3 by the 通知 itself")
        XCTAssertEqual(calendar.firstBillableDay(from: ServiceDate("2030-07-15")!), ServiceDate("2030-07-15")!, "not known: not shifted")
    }

    /// period-rules.json "B001-3-II-6-after-I" from_month: 告示 B001-3-3 注5 「生活習慣病管理料（Ⅰ）を算定した日の属する月から起算して
    /// ６月以内」 — (Ⅰ) 113041910 on 2025-05-12: May to October; a (Ⅱ) 113707110 on 11-10 is past it (review 327 FR-1).
    func testLifestyleIIIsCountedFromTheMonthOfI() throws {
        let diseases = [D(code: "2500015", main: true)]
        let first = AuditFixture.claim(id: "c0", diseases: diseases, [("2025-05-12", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113041910"])])])
        func later(_ date: String) throws -> [[String]] {
            ids(try audit(AuditFixture.claim(id: "c1", diseases: diseases, [(date, [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113707110"])])]),
                          history: [first]), .periodFromReference)
        }
        XCTAssertEqual(try later("2025-11-10"), [], "the seventh month counted from May")
        XCTAssertEqual(try later("2025-11-01"), [])
        XCTAssertEqual(try later("2025-10-31"), [["113707110", "113041910"]], "the sixth month")
    }

    /// Review 328 FS-2: the ward's 入院料 the stay's pricing cannot bill (its 施設基準 not held) is a finding of the audit too.
    func testTheWardsFeeTheStayCannotBillIsAFinding() throws {
        let text = #"{"id":"w","patient":{"birth_date":"1960-01-01"},"facility":{"kind":"hospital","beds":150,"standards":[]},"admission":{"date":"2024-06-10","discharge":"2024-06-14","ward":{"basic_fee":"190117710"}},"encounters":[]}"#
        let c = try JSONDecoder().decode(Claim.self, from: Data(text.utf8))
        XCTAssertEqual(ids(try audit(c, .advise), .facilityStandard), [["190117710"]])
        let held = try JSONDecoder().decode(Claim.self, from: Data(text.replacingOccurrences(of: #""standards":[]"#, with: #""standards":[{"code":3525,"from":"2024-06-01"}]"#).utf8))
        XCTAssertEqual(ids(try audit(held, .advise), .facilityStandard), [])
    }

    /// Review 113: the same B000 注2 in 令和2年 告示 — a 2021-10 receipt with 初診 on the 1st and 特定疾患療養管理料 on the
    /// 20th (主病 高血圧症, a B000 disease until 2024-06) is within the month.
    func testSpecificDiseaseManagementWithinAMonthOfTheFirstVisitBeforeR06() throws {
        let r = try audit(AuditFixture.claim(diseases: [D(code: "8833421", main: true)],
                                             [("2021-10-01", [O(category: 11, codes: ["111000110"])]),
                                              ("2021-10-20", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]))
        XCTAssertEqual(ids(r, .periodFromReference), [["113001810", "111000110"]])
    }

    /// Review 34 ped-05: the B001 6 てんかん指導料 rule names no 枝番, so it does not reach B001-2-3 乳幼児育児栄養指導料
    /// (111000470: B001, 枝番 02, 項番 006), which is billed 「初診時に」 (B001-2-3 注1).
    func testARuleWithoutABranchLeavesTheBranchSectionsAlone() throws {
        let r = try audit(AuditFixture.claim(birth: "2022-06-01", [("2024-10-01", [O(category: 11, codes: ["111000110", "111000470"])])]))
        XCTAssertEqual(ids(r, .periodFromReference), [])
        XCTAssertTrue(r.changes.isEmpty, "nothing removed: \(r.changes.map(\.code))")
        if let corrected = r.corrected { XCTAssertEqual(AuditFixture.codes(corrected), [["111000110", "111000470"]]) }
    }

    // MARK: SA-R001 投与日数

    /// y: 610443047 マイスリー錠５ｍｇ (向精神薬 5, 一般名 ゾルピデム酒石酸塩: 30日), 620003654 リボトリール錠０．５ｍｇ
    /// (向精神薬, no 一般名 in the master; 薬価基準収載医薬品コード 1139003 = クロナゼパム: 90日), 622212701 メサペイン錠５ｍｇ
    /// (麻薬, メサドン not listed: 14日), 620098801 ロキソニン錠６０ｍｇ (not controlled).
    func testControlledDrugsOverTheirDays() throws {
        func run(_ drug: String, _ days: Int) throws -> [AuditFinding] {
            AuditFixture.findings(try audit(AuditFixture.claim([("2024-06-10", [O(category: 12, codes: ["112007410"]), O(category: 21, codes: [drug], times: days)])])), .prescriptionDays)
        }
        XCTAssertEqual(try run("610443047", 30).count, 0)
        let over = try run("610443047", 35)
        XCTAssertEqual(over.map(\.codes), [["610443047"]])
        XCTAssertTrue(over.first?.message.contains("limit of 30 days") ?? false, over.first?.message ?? "")
        XCTAssertEqual(try run("620003654", 90).count, 0)
        XCTAssertEqual(try run("620003654", 91).count, 1)
        XCTAssertEqual(try run("622212701", 14).count, 0)
        XCTAssertEqual(try run("622212701", 15).count, 1)
        XCTAssertEqual(try run("620098801", 120).count, 0)
    }

    // MARK: SA-R002 院内・院外 on one day

    /// 通知 F400 (9) (review 248 CQ-1): one 剤 in-house and another by 院外処方箋 on one day is a warning on the 院外 one; the same
    /// with stated rows (a UKE day billing 120001210 処方料（その他） beside 120002910 処方箋料（その他）) on the 処方箋料.
    func testInHouseAndOutsideDrugsOnOneDayAreAWarning() throws {
        func run(_ a: String, _ b: String) throws -> [AuditFinding] {
            let json = #"{"id": "cq1", "patient": {"birth_date": "1960-01-01", "sex": "1"}, "facility": {"kind": "clinic", "beds": 0}, "encounters": [{"date": "2024-10-07", "visit": "revisit", "orders": [{"category": 12, "items": [{"code": "112007410"}]}, {"category": 21, "items": [{"code": "620009451", "quantity": 1}], "times": 14, "dispensing": "\#(a)"}, {"category": 21, "items": [{"code": "620007880", "quantity": 1}], "times": 14, "dispensing": "\#(b)"}]}]}"#
            return AuditFixture.findings(try audit(try ClaimJSON.parse(ArraySlice(Array(json.utf8)))), .mixedDispensing)
        }
        let mixed = try run("in_house", "outside")
        XCTAssertEqual(mixed.map(\.codes), [["620007880"]])
        XCTAssertEqual(mixed.first?.severity, .warning)
        XCTAssertEqual(try run("outside", "outside").count, 0)
        XCTAssertEqual(try run("in_house", "in_house").count, 0)
        func rows(_ codes: [(Int, String)]) throws -> [[String]] {
            let orders = [O(category: 12, codes: ["112007410"])] + codes.map { O(category: $0.0, codes: [$0.1]) }
            return ids(try audit(AuditFixture.claim([("2024-10-07", orders)])), .mixedDispensing)
        }
        XCTAssertEqual(try rows([(25, "120001210"), (80, "120002910")]), [["120002910"]])
        XCTAssertEqual(try rows([(80, "120002910")]), [])
        XCTAssertEqual(try rows([(25, "120001210"), (24, "120000710")]), [])
    }

    /// y update 20240417: 622930701 ボイデヤ錠５０ｍｇ, 薬価基準収載年月日 20240417, 後発品 0, 成分 3999062 new to the
    /// master: 14 days until 2025-05-01 (one year from the first of the month after listing).
    func testANewDrugIsLimitedToFourteenDaysForAYear() throws {
        func run(_ date: String, _ days: Int) throws -> Int {
            AuditFixture.findings(try audit(AuditFixture.claim([(date, [O(category: 12, codes: ["112007410"]), O(category: 21, codes: ["622930701"], times: days)])])), .prescriptionDays).count
        }
        XCTAssertEqual(try run("2025-04-28", 14), 0)
        XCTAssertEqual(try run("2025-04-28", 15), 1)
        XCTAssertEqual(try run("2025-05-01", 30), 0)
    }

    // MARK: SA-P001 stated points

    /// s: 111000110 初診料 291 points (新又は現点数 291.00 in s_ALL20240531).
    func testStatedPointsAreComparedWithTheComputedOnes() throws {
        func run(_ stated: Int) throws -> [AuditFinding] {
            var c = AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])])])
            c.encounters[0].orders[0].statedPoints = stated
            return AuditFixture.findings(try audit(c), .statedPointsDiffer)
        }
        XCTAssertEqual(try run(291).count, 0)
        let f = try run(290)
        XCTAssertEqual(f.count, 1)
        XCTAssertTrue(f[0].message.contains("290") && f[0].message.contains("291"), f[0].message)
    }

    /// Review 402 IP-1: ECG12 × 2 in one order bills the second at full 点数 (260 for 130 + 117): SA-T001 tells it; × 1 does not.
    func testARepeatedTestOfOneOrderIsTold() throws {
        func run(_ times: Int) throws -> [AuditFinding] {
            AuditFixture.findings(try audit(AuditFixture.claim([("2024-08-05", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160068410"], times: times)])]), .advise), .repeatTestUnreduced)
        }
        XCTAssertEqual(try run(1).count, 0)
        let two = try run(2)
        XCTAssertEqual(two.count, 1)
        XCTAssertTrue(two.first?.message.contains("performed 2 times in one order") == true && two.first?.message.contains("160000190") == true, "\(two.map(\.message))")
    }

    /// Review 402 IP-2: the month's second 心電図 in an order beside the month's first 超音波 is told (SA-T001 on the ECG alone).
    func testARepeatedTestBesideAnotherIsTold() throws {
        let c = AuditFixture.claim([("2024-08-05", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160068410"])]),
                                    ("2024-08-20", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160068410", "160072210"])])])
        let f = AuditFixture.findings(try audit(c, .advise), .repeatTestUnreduced)
        XCTAssertEqual(f.count, 1, "\(f.map(\.message))")
        XCTAssertTrue(f.first.map { $0.message.contains("second or later") && $0.encounter == 1 && $0.message.contains("160000190") } == true, "\(f.map(\.message))")
    }

    /// Review 418 JF-1, JF-2: two 逓減 検査 repeated together in one order (no row can be derived) are each SA-T001; a stated 検査逓減
    /// row after the month's first 超音波 (which it would take 100分の10 of) is SA-T001 on the 超音波.
    func testRepeatedTestsTogetherAndAnOverReachingReductionAreTold() throws {
        let pair = O(category: 60, codes: ["160068410", "160072210"])
        let both = AuditFixture.findings(try audit(AuditFixture.claim([("2024-10-03", [pair]), ("2024-10-17", [pair])]), .advise), .repeatTestUnreduced)
        XCTAssertEqual(both.map(\.codes), [["160068410"], ["160072210"]], "\(both.map(\.message))")
        let over = AuditFixture.findings(try audit(AuditFixture.claim([("2024-10-03", [O(category: 60, codes: ["160068410"])]),
                                                                       ("2024-10-17", [O(category: 60, codes: ["160068410", "160072210", "160000190"])])]), .advise), .repeatTestUnreduced)
        XCTAssertEqual(over.map(\.codes), [["160072210"]], "\(over.map(\.message))")
        XCTAssertTrue(over.first?.message.contains("first performance") == true)
        let right = AuditFixture.findings(try audit(AuditFixture.claim([("2024-10-03", [O(category: 60, codes: ["160068410"])]),
                                                                        ("2024-10-17", [O(category: 60, codes: ["160068410", "160000190", "160072210"])])]), .advise), .repeatTestUnreduced)
        XCTAssertEqual(right.map(\.codes), [], "the row right after the repeated ECG reduces it alone")
    }

    /// Review 400 IN-2: the tests of one 採血 stated in units of their own are compared together — AST and ALT in two units of 17
    /// (fewer than 5: each its own 所定点数) are right (SA-P001 said "state 34" and "state 0"); five in five units of 17 + 17 + 11 +
    /// 11 + 11 = 67 are one finding for the five (告示 D007 注 イ ５項目以上７項目以下 93点), not five.
    func testTheUnitsOfOneBloodDrawAreComparedTogether() throws {
        func run(_ units: [(String, Int)]) throws -> [AuditFinding] {
            var c = AuditFixture.claim([("2024-10-02", units.map { O(category: 60, codes: [$0.0]) })])
            for (k, u) in units.enumerated() { c.encounters[0].orders[k].statedPoints = u.1 }
            return AuditFixture.findings(try audit(c, .advise), .statedPointsDiffer)
        }
        XCTAssertEqual(try run([("160022510", 17), ("160022610", 17)]).map(\.message), [])
        let five = try run([("160022510", 17), ("160022610", 17), ("160020410", 11), ("160019210", 11), ("160019510", 11)])
        XCTAssertEqual(five.count, 1, "\(five.map(\.message))")
        XCTAssertTrue(five.first.map { $0.message.contains("state 67 points together") && $0.message.contains("computes 93 points") && $0.order == 0 } == true, "\(five.map(\.message))")
        // One wrong unit of two (no まるめ over fewer than five): the unit itself is told (review 404 IR-5).
        let wrong = try run([("160022510", 17), ("160022610", 18)])
        XCTAssertEqual(wrong.map(\.message), ["the unit states 18 points; Santei computes 17 points (2024-10-02, 診療識別 60)"])
        // The same five tests in two units of 93: two 採血 of the day (review 404 IR-3) — no finding.
        let unit = O(category: 60, codes: ["160022510", "160022610", "160020410", "160019210", "160019510"])
        var c = AuditFixture.claim([("2024-10-02", [unit, unit])])
        c.encounters[0].orders[0].statedPoints = 93
        c.encounters[0].orders[1].statedPoints = 93
        XCTAssertEqual(AuditFixture.findings(try audit(c, .advise), .statedPointsDiffer).map(\.message), [])
    }

    /// Review 370 HJ-2: a unit with I002 注3 20歳未満加算 beside 注4 児童思春期精神科専門管理加算 (one 注加算コード and 通番) states
    /// 330 + 500 = 830, as uke recalc prices it: SA-A007 leaves 注3 out and SA-P001 prices the unit without it (it said 1180).
    func testStatedPointsOfAUnitLeaveOutTheExclusiveAddOnTheAuditRemoves() throws {
        var c = AuditFixture.claim(birth: "2006-05-01", [("2021-10-12", [O(category: 80, codes: ["180031010", "180047270", "180020570"])])])
        c.encounters[0].orders[0].statedPoints = 830
        let r = try audit(c)
        XCTAssertEqual(AuditFixture.findings(r, .statedPointsDiffer).map(\.message), [])
        XCTAssertEqual(AuditFixture.findings(r, .exclusiveAddOns).map(\.item), [2], "注3 (the third row) is the one left out")
    }

    /// Review 203 AX1: a UKE unit of a ％ row only (160204070 時間外加算（内視鏡検査）, 100分の40) stating 456 after the D308
    /// 160093810 unit stating 1,140 is priced on it, as `uke recalc` prices it — 1,596 − 1,140 = 456, no SA-P001; stating 0
    /// is the finding.
    func testAStatedPercentUnitIsPricedOnTheUnitBeforeIt() throws {
        func run(_ stated: Int) throws -> [AuditFinding] {
            var c = AuditFixture.claim([("2024-07-10", [O(category: 60, codes: ["160093810"]), O(category: 60, codes: ["160204070"])])])
            c.encounters[0].timeBand = "overtime"
            c.encounters[0].orders[0].statedPoints = 1140
            c.encounters[0].orders[1].statedPoints = stated
            return AuditFixture.findings(try audit(c), .statedPointsDiffer)
        }
        XCTAssertEqual(try run(456).count, 0)
        let f = try run(0)
        XCTAssertEqual(f.count, 1)
        XCTAssertTrue(f[0].message.contains("computes 456"), f[0].message)
    }

    /// Review 110 B2: t 700010000 半切 (120.00円): 99,999,999.99999 枚 is 1,200,000,000 点 per 回, past the receipt's
    /// 7-digit 点数, and 833,333 枚 × 999 回 passes its 8-digit 合計点数 — `santei price` refuses both claims, and the
    /// audit refuses them too (it advised "state 1200000000" and gave the second a clean result).
    func testAUnitNoReceiptCanHoldIsRefusedByTheAuditAsByPrice() throws {
        func claim(_ quantity: Int, times: Int) -> Claim {
            var c = AuditFixture.claim([("2024-07-01", [O(category: 70, codes: ["700010000"], times: times)])])
            c.encounters[0].orders[0].items[0].quantity = Claim.Quantity(scaled: quantity)
            c.encounters[0].orders[0].statedPoints = 5
            return c
        }
        XCTAssertThrowsError(try audit(claim(9_999_999_999_999, times: 1))) {
            XCTAssertTrue("\($0)".contains("encounters[0].orders[0]: 1200000000 points per 回 is over the receipt's 7-digit 点数"), "\($0)")
        }
        XCTAssertThrowsError(try audit(claim(83_333_300_000, times: 999))) {
            XCTAssertTrue("\($0)".contains("合計点数 limit of 99999999"), "\($0)")
        }
        // Within the limits: the stated 5 differs from 12 (120円 × 1 枚 = 12点), SA-P001 as before.
        XCTAssertEqual(AuditFixture.findings(try audit(claim(100_000, times: 1)), .statedPointsDiffer).count, 1)
        // Review 158 D4: a 数量 whose price overflows (y 629700501 ゾルゲンスマ 167,077,222円 × 99,999,999) was an info
        // finding (SA-P002) and a clean exit; price and uke recalc refuse it.
        var z = AuditFixture.claim([("2024-06-03", [O(category: 33, codes: ["629700501"], times: 1)])])
        z.encounters[0].orders[0].items[0].quantity = Claim.Quantity(scaled: 99_999_999 * UnitItem.quantityScale)
        z.encounters[0].orders[0].statedPoints = 9_999_999
        XCTAssertThrowsError(try audit(z)) {
            XCTAssertTrue("\($0)".contains("encounters[0].orders[0]: 629700501: amount out of range"), "\($0)")
        }
    }

    // MARK: a UKE file

    /// A receipt of 2024-06 in the 記録条件仕様 layout: SY 胃潰瘍 and 胃潰瘍の疑い (8002) since 2024-01-10 with 転帰区分 1,
    /// SI 初診料 stating 290 points on the 3rd (s: 291), SI 外来管理加算 alone on the 10th, IY マイスリー錠５ｍｇ 35 days.
    func testAUKEReceiptIsCheckedAndItsPointsComparedInOnePass() throws {
        func record(_ kind: String, _ category: String, _ code: String, _ quantity: String, _ points: String, _ times: Int, day: Int) -> String {
            var days = [String](repeating: "", count: 31)
            days[day - 1] = String(times)
            return ([kind, category, "1", code, quantity, points, String(times)] + [String](repeating: "", count: 6) + days).joined(separator: ",")
        }
        let text = ["IR,1,12,1,0000000,,,202407,00,05012345678",
                    "RE,1,1112,202406,TEST,1,19600410,,,,,28,,00001,,,,,,,,,,,,,,,,,,,,,,,TEST,",
                    "HO,01010016,1,2,1,1000,,,,,,,,,",
                    "SY,5319009,20240401,1,,,01,",
                    "SY,5319009,20240110,1,8002,,,",
                    record("SI", "11", "111000110", "", "290", 1, day: 3),
                    record("SI", "12", "112011010", "", "52", 1, day: 10),
                    record("IY", "21", "610443047", "1", "2", 35, day: 3),
                    "GO,1,1000,99"].joined(separator: "\r\n") + "\r\n"
        let doc = UKEDocument(bytes: Fixture.cp932(text), name: "t.UKE")
        XCTAssertEqual(UKEClaims.errors(doc).map(\.message), [])
        let claim = try UKEClaims.claims(doc)[0].claim.get()
        XCTAssertEqual(claim.diseases?.map(\.outcome), ["1", "1"])
        XCTAssertEqual(claim.encounters.flatMap { $0.orders.map(\.statedPoints) }, [290, 2, 52])
        let r = try audit(claim, .advise)
        XCTAssertEqual(Set(r.findings.map(\.check)), [.statedPointsDiffer, .prescriptionDays, .sectionAddOnWithoutBase, .suspectedDiseaseOpen, .statedTotalDiffers])
        // The HO states 1000; the units state 290 + 2 × 35 + 52 = 412 (SA-P003).
        XCTAssertEqual(AuditFixture.findings(r, .statedTotalDiffers).map(\.action), ["state 412 on line 3"])
        let points = AuditFixture.findings(r, .statedPointsDiffer)
        XCTAssertEqual(points.map(\.codes), [["111000110"]])
        XCTAssertTrue(points[0].message.contains("states 290 points; Santei computes 291"), points[0].message)
    }

    // MARK: SA-J003 判断料 without a test of its group

    /// s: 160061710 尿・糞便等検査判断料 (検査等実施判断区分 2, グループ 1); 160000310 尿中一般物質定性半定量検査 (区分 0: D026 注2);
    /// 160000410 尿蛋白 (区分 1, グループ 1). Review 255 CX-1.
    func testAJudgementFeeWithoutATestOfItsGroupIsRemoved() throws {
        func run(_ codes: [String], history: [Claim] = []) throws -> AuditResult {
            try audit(AuditFixture.claim(diseases: [D(code: "5319009")], [("2024-07-03", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: codes)])]), history: history)
        }
        let urineOnly = try run(["160000310", "160061710"])
        XCTAssertEqual(ids(urineOnly, .judgementFeeWithoutTest), [["160061710"]])
        XCTAssertEqual(AuditFixture.findings(urineOnly, .judgementFeeWithoutTest).first?.severity, .error)
        XCTAssertEqual(urineOnly.changes.filter { $0.check == .judgementFeeWithoutTest }.map(\.code), ["160061710"])
        XCTAssertEqual(ids(try run(["160061710"]), .judgementFeeWithoutTest), [["160061710"]])
        XCTAssertEqual(ids(try run(["160000410", "160061710"]), .judgementFeeWithoutTest), [])
        // A test earlier in the month (--history) is the fee's test.
        let earlier = AuditFixture.claim(id: "h1", diseases: nil, [("2024-07-01", [O(category: 60, codes: ["160000410"])])])
        XCTAssertEqual(ids(try run(["160061710"], history: [earlier]), .judgementFeeWithoutTest), [])
    }

    /// An 入院 claim that bills only its 入院料 needs its 傷病名 too (記載要領: 傷病名欄は必ず記載; review 267 DJ-4).
    func testAnAdmissionClaimWithoutEncountersNeedsADisease() throws {
        func claim(_ diseases: String) throws -> Claim {
            try ClaimJSON.parse(ArraySlice(Array(#"{"id":"a1","patient":{"birth_date":"1950-05-10","sex":"2"},"facility":{"kind":"clinic","beds":19,"standards":[{"code":3259,"from":"2024-06-01"}]},"admission":{"date":"2024-07-03","discharge":"2024-07-25","ward":{"basic_fee":"190169610","kind":"01"}},"encounters":[]\#(diseases)}"#.utf8)))
        }
        XCTAssertEqual(ids(try audit(try claim("")), .noDisease), [[]])
        XCTAssertEqual(ids(try audit(try claim(#","diseases":[{"code":"5319009","main":true}]"#)), .noDisease), [])
    }

    // MARK: whole claims

    /// A claim with one problem of each kind: apply removes add-ons and included fees only, never adds.
    func testApplyOnlyRemoves() throws {
        // 5319009 胃潰瘍 (特定疾患等対象区分 05): 特定疾患療養管理料 falls to SA-V003 (within a month of the 初診), not SA-D006.
        let c = AuditFixture.claim(birth: "2023-01-10", diseases: [D(code: "5319009")], [
            ("2024-06-03", [O(category: 11, codes: ["111000110"]), O(category: 12, codes: ["112011010"])]),
            ("2024-06-17", [O(category: 12, codes: ["112007410", "111000370"]), O(category: 13, codes: ["113001810"]), O(category: 21, codes: ["610443047"], times: 60)]),
        ])
        let r = try audit(c)
        let before = AuditFixture.codes(c).joined().count, after = r.corrected.map { AuditFixture.codes($0).joined().count } ?? before
        XCTAssertLessThan(after, before)
        XCTAssertTrue(r.changes.allSatisfy { $0.kind == .removed || $0.timesAfter < $0.timesBefore })
        XCTAssertFalse(ids(r, .prescriptionDays).isEmpty)
        XCTAssertEqual(ids(r, .periodFromReference), [["113001810", "111000110"]])
        XCTAssertEqual(ids(r, .diseaseRequirement), [])
        XCTAssertEqual(ids(r, .sectionAddOnWithoutBase), [["112011010"]])
        XCTAssertEqual(ids(r, .addOnWithoutBase), [["111000370", "112007410"]])
    }

    /// Review 377 HQ-3: SA-N009/SA-N010 — 告示 第7部 通則4 (１日６単位, ９単位 for 別表第九の三). 運動器リハ (Ⅰ) 180755710 (理学療法士) on one day:
    /// 6 単位 pass; 8 are a warning (the claim does not say whether the patient is one of 別表第九の三); 10 are an error; 8 with
    /// rehabilitation_nine_units false are an error, with it true they pass.
    func testTheDaysRehabilitationUnitsAreCountedAgainstTheCap() throws {
        func found(_ times: [Int], nine: Bool? = nil) throws -> [AuditCheckID] {
            var c = AuditFixture.claim([("2024-07-10", times.map { O(category: 80, codes: ["180755710"], times: $0) })])
            c.encounters[0].rehabilitationNineUnits = nine
            return try audit(c, .advise).findings.map(\.check).filter { $0 == .rehabilitationDailyUnits || $0 == .rehabilitationDailyUnitsSix }
        }
        XCTAssertEqual(try found([6]), [])
        XCTAssertEqual(try found([4, 2]), [])
        XCTAssertEqual(try found([4, 4]), [.rehabilitationDailyUnitsSix])
        XCTAssertEqual(try found([10]), [.rehabilitationDailyUnits])
        XCTAssertEqual(try found([8], nine: false), [.rehabilitationDailyUnits])
        XCTAssertEqual(try found([8], nine: true), [])
        let c = AuditFixture.claim([("2024-07-10", [O(category: 80, codes: ["180755710"], times: 10)])])
        let severity = try audit(c, .advise).findings.first { $0.check == .rehabilitationDailyUnits }?.severity
        XCTAssertEqual(severity, .error)
        // Review 383 HW-1: the 05 row's 「日 6」 特例 of a 疾患別リハ row is not asked about (SA-N002): the day cap is SA-N009/SA-N010's.
        var nine = AuditFixture.claim([("2024-07-10", [O(category: 80, codes: ["180755710"], times: 9)])])
        nine.encounters[0].rehabilitationNineUnits = true
        XCTAssertTrue(try audit(nine, .advise).findings.filter { $0.check == .countLimitSpecial || $0.check == .rehabilitationDailyUnits }.isEmpty)
    }

    /// Review 370 HJ-3: SA-A009 — 乳幼児加算（再診） beside 時間外加算（再診） for a child of 2 is one 乳幼児時間外加算 (A001 注4 ただし・注5):
    /// apply removes the 38 and bills 112014770 (135) in place of 112001110 (65), a change of kind replaced; the 背反 check then has
    /// nothing left to remove. An adult's 時間外加算 alone is untouched.
    func testAnInfantAddOnBesideATimeAddOnBecomesTheInfantTimeRow() throws {
        let child = AuditFixture.claim(birth: "2022-05-01", [("2024-07-10", [O(category: 12, codes: ["112007410", "112000970", "112001110"])])])
        let r = try audit(child, .apply)
        XCTAssertEqual(r.findings.filter { $0.check == .infantTimeAddOn }.map(\.codes), [["112000970", "112001110", "112014770"]])
        XCTAssertEqual(r.findings.filter { $0.check == .conflictSimultaneous }.count, 0)
        XCTAssertEqual(r.changes.map(\.kind), [.removed, .replaced])
        XCTAssertEqual(r.changes.last?.replacement, "112014770")
        XCTAssertEqual(AuditFixture.codes(try XCTUnwrap(r.corrected)), [["112007410", "112014770"]])
        let adult = AuditFixture.claim([("2024-07-10", [O(category: 12, codes: ["112007410", "112001110"])])])
        XCTAssertTrue(try audit(adult, .apply).findings.filter { $0.check == .infantTimeAddOn }.isEmpty)
    }

    /// Review 424 JM-3: a child's unit that states 乳幼児加算 and 時間外加算 apart, at the 乳幼児 rate (75 + 135): SA-P001 prices it as coded
    /// (75 + 38 + 65) and its action names SA-A009's row rather than ask for 178 alone.
    func testAStatedInfantAndTimePairNamesTheInfantRowInSAP001() throws {
        var child = AuditFixture.claim(birth: "2022-05-01", [("2024-07-10", [O(category: 12, codes: ["112007410", "112000970", "112001110"])])])
        child.encounters[0].orders[0].statedPoints = 210
        let p001 = try audit(child, .advise).findings.filter { $0.check == .statedPointsDiffer }
        XCTAssertEqual(p001.count, 1)
        XCTAssertTrue(p001.first?.message.contains("Santei computes 178 points (2024-07-10, 診療識別 12) as coded") == true, "\(p001)")
        XCTAssertTrue(p001.first?.action?.hasPrefix("bill 112014770") == true, "\(p001)")
        var adult = AuditFixture.claim([("2024-07-10", [O(category: 12, codes: ["112007410", "112001110"])])])
        adult.encounters[0].orders[0].statedPoints = 200
        XCTAssertEqual(try audit(adult, .advise).findings.filter { $0.check == .statedPointsDiffer }.map(\.action), ["state 140"])
    }

    /// Review 380 HT-1: SA-R003 — 特定疾患処方管理加算 (F100 注5, 通知 (9) ウ) on a day whose 内服 are all under 28 日 is a warning (主病 5319009 胃潰瘍, a 特定疾患);
    /// one 内服 of 28 日 (or a 外用 whose period the claim does not state) is enough.
    func testAPrescriptionPeriodAddOnNeedsA28DayPrescription() throws {
        func found(_ orders: [O]) throws -> [AuditSeverity] {
            let c = AuditFixture.claim(diseases: [D(code: "5319009", main: true)],
                                       [("2024-07-10", [O(category: 12, codes: ["112007410"]), O(category: 25, codes: ["120000710", "120005610"])] + orders)])
            return try audit(c, .advise).findings.filter { $0.check == .prescriptionPeriodAddOn }.map(\.severity)
        }
        XCTAssertEqual(try found([O(category: 21, codes: ["620000001"], times: 7)]), [.warning])
        XCTAssertEqual(try found([O(category: 21, codes: ["620000001"], times: 7), O(category: 21, codes: ["620000001"], times: 28)]), [])
        XCTAssertEqual(try found([O(category: 21, codes: ["620000001"], times: 7), O(category: 23, codes: ["620000001"])]), [])
    }
}

/// The claim fields issue 14 adds, read alike by the byte reader and Codable, and checked at the door.
final class AuditClaimFieldTests: XCTestCase {
    func testOutcomeAndStatedPointsReadAlikeAndAreChecked() throws {
        let line = #"{"id":"x","patient":{"birth_date":"1960-04-10"},"diseases":[{"code":"5319009","modifiers":["8002"],"start":"2024-01-10","outcome":"2"}],"encounters":[{"date":"2024-06-03","orders":[{"category":11,"items":[{"code":"111000110"}],"stated_points":291}]}]}"#
        let fast = try ClaimJSON.parse(ArraySlice(Array(line.utf8)))
        XCTAssertEqual(fast, try JSONDecoder().decode(Claim.self, from: Data(line.utf8)))
        XCTAssertEqual(fast.diseases?[0].outcome, "2")
        XCTAssertEqual(fast.diseases?[0].isSuspected, true)
        XCTAssertEqual(fast.diseases?[0].hasEnded, true)
        XCTAssertEqual(fast.encounters[0].orders[0].statedPoints, 291)
        // Codable writes the same keys back.
        let written = String(decoding: try JSONEncoder().encode(fast), as: UTF8.self)
        XCTAssertTrue(written.contains(#""stated_points":291"#) && written.contains(#""outcome":"2""#), written)
        for (bad, path) in [(#""outcome":"2""#, #""outcome":"9""#), (#""stated_points":291"#, #""stated_points":-1"#)] {
            let text = line.replacingOccurrences(of: bad, with: path)
            XCTAssertThrowsError(try ClaimJSON.parse(ArraySlice(Array(text.utf8)))) { e in
                let message = (e as? ClaimError)?.message ?? "\(e)"
                XCTAssertTrue(message.contains(bad.contains("outcome") ? "diseases[0].outcome" : "orders[0].stated_points"), message)
            }
        }
    }
}
