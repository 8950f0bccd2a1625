import XCTest
@testable import Santei

/// Audit checks on the official 令和6年度 files in ../shared (skipped outside CI when missing). Each
/// test names the table row it relies on, as found in the file.
final class AuditRealTablesTests: XCTestCase {
    typealias O = AuditFixture.O
    var auditor: Auditor!

    override func setUpWithError() throws { auditor = Auditor(masters: try RealData.masters()) }

    func audit(_ c: Claim, history: [Claim] = [], _ mode: AuditMode = .apply) throws -> AuditResult {
        try auditor.audit(c, history: history, mode: mode)
    }

    // MARK: admission.additions (入院 claims)

    /// 04 group 001 (190117710 急性期一般入院料１): 190105870 個室 and 190105970 ２人部屋 share 加算識別 21 (SA-B002, the
    /// ２人部屋 of fewer points named); 190120210 療養病棟療養環境加算１ is only in groups 113/114 (SA-B001). Each finding
    /// names its `admission.additions` index; `apply` changes nothing (the pricing does not bill them); the pricing
    /// door asks for no such findings (its priced stay says it).
    func testStatedAdmissionAdditionsAreAudited() throws {
        func claim(_ additions: [String], days: [String?] = []) throws -> Claim {
            let rows = additions.enumerated().map { k, c in "{\"code\":\"\(c)\"" + (k < days.count ? days[k].map { ",\"days\":\($0)" } ?? "" : "") + "}" }
            let json = """
            {"id":"a","patient":{"birth_date":"1942-02-22"},"facility":{"kind":"hospital","beds":300,"standards":[{"code":3525,"from":"2024-04-01"},{"code":19,"from":"2024-04-01"}]},
             "diseases":[{"code":"4860030","start":"2024-06-10","main":true}],"encounters":[],
             "admission":{"date":"2024-06-10","discharge":"2024-06-14","ward":{"basic_fee":"190117710"},"additions":[\(rows.joined(separator: ","))]}}
            """
            return try ClaimJSON.parse(ArraySlice(Array(json.utf8)))
        }
        let rooms = try audit(claim(["190105870", "190105970"]))
        let exclusive = AuditFixture.findings(rooms, .admissionAddOnsExclusive)
        XCTAssertEqual(exclusive.map(\.addition), [1])
        XCTAssertEqual(exclusive.map(\.codes), [["190105970"]])
        XCTAssertEqual(exclusive.first?.severity, .error)
        XCTAssertNil(rooms.corrected)
        // Review 275 DR-5: 個室 on two days and ２人部屋 on the next three never meet: no SA-B002 (there were two errors).
        let apart = try audit(claim(["190105870", "190105970"], days: [#"["2024-06-10","2024-06-11"]"#, #"["2024-06-12","2024-06-13","2024-06-14"]"#]))
        XCTAssertEqual(AuditFixture.findings(apart, .admissionAddOnsExclusive).count, 0)
        let meet = try audit(claim(["190105870", "190105970"], days: [#"["2024-06-10","2024-06-11","2024-06-12"]"#, #"["2024-06-12","2024-06-13","2024-06-14"]"#]))
        XCTAssertEqual(AuditFixture.findings(meet, .admissionAddOnsExclusive).map(\.addition), [1], "on 06-12 both are due: the ２人部屋 loses")
        let wrongGroup = try audit(claim(["190120210"]))
        XCTAssertEqual(AuditFixture.findings(wrongGroup, .admissionAddOnNotInGroup).map(\.addition), [0])
        XCTAssertTrue(try audit(claim(["190105870"])).findings.allSatisfy { $0.addition == nil }, "a stated 加算 of the group: no finding")
        XCTAssertTrue(try auditor.audit(claim(["190105870", "190105970"]), mode: .apply, admission: false).findings.allSatisfy { $0.addition == nil })
    }

    /// Review 365 HE-1/HE-4: a row billed 「入院期間が90日を超えるごとに１回」 counts from the stay's 起算日 (day 1 = the 入院の日;
    /// 通知 A245 (2): 91日目、181日目等). Admitted 2024-06-10: データ提出加算３ (190217510) on 07-29 is day 50 — removed (SA-V004); on
    /// 09-08, day 91, it stands. 感染対策向上加算３ (190243810, 05 算定単位 入院初日) on day 91 stands too: not the 入院初日 check's.
    func testRowsOfEveryNinetyDaysCountFromTheAdmission() throws {
        func claim(_ code: String, on date: String) throws -> Claim {
            let json = """
            {"id":"a","patient":{"birth_date":"1942-02-22"},"facility":{"kind":"hospital","beds":300,"standards":[{"code":3525,"from":"2024-04-01"},{"code":19,"from":"2024-04-01"},{"code":3558,"from":"2024-04-01"},{"code":3837,"from":"2024-04-01"}]},
             "diseases":[{"code":"4860030","start":"2024-06-10","main":true}],
             "encounters":[{"date":"\(date)","orders":[{"category":90,"items":[{"code":"\(code)"}]}]}],
             "admission":{"date":"2024-06-10","ward":{"basic_fee":"190117710"},"month":"\(date.prefix(7))"}}
            """
            return try ClaimJSON.parse(ArraySlice(Array(json.utf8)))
        }
        let early = AuditFixture.findings(try audit(claim("190217510", on: "2024-07-29")), .periodFromAdmission)
        XCTAssertEqual(early.map(\.codes), [["190217510"]])
        XCTAssertTrue(early.first?.message.contains("is day 50") == true && early.first?.message.contains("next: day 91, 2024-09-08") == true, "\(early.map(\.message))")
        XCTAssertTrue(AuditFixture.findings(try audit(claim("190217510", on: "2024-09-08")), .periodFromAdmission).isEmpty)
        let ninetyFirst = try audit(claim("190243810", on: "2024-09-08"))
        XCTAssertTrue(AuditFixture.findings(ninetyFirst, .periodFromAdmission).isEmpty && AuditFixture.findings(ninetyFirst, .countLimit).isEmpty,
                      "\(ninetyFirst.findings.map(\.message))")
        XCTAssertEqual(AuditFixture.findings(try audit(claim("190243810", on: "2024-09-09")), .periodFromAdmission).map(\.codes), [["190243810"]], "day 92")
    }

    // MARK: 03-2 同一月, 03-3 同時, 03-4 1週間

    /// 03-2: "111000110 初診料 / 113041810 生活習慣病管理料１（高血圧症を主病）, 背反区分 1" — 初診料 stays.
    func testSameMonthConflictKeepsTheCodeItsResolutionNames() throws {
        let c = AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])]),
                                    ("2024-06-20", [O(category: 13, codes: ["113041810"])])])
        let r = try audit(c)
        let f = AuditFixture.findings(r, .conflictMonth)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f.first?.codes, ["113041810", "111000110"])
        XCTAssertEqual([f.first?.encounter, f.first?.order, f.first?.item], [1, 0, 0])
        XCTAssertEqual(f.first?.severity, .error)
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["111000110"], []])
        XCTAssertEqual(r.changes.map(\.code), ["113041810"])
    }

    /// 03-3: "111000110 初診料 / 114061210 外来在宅共同指導料２, 背反区分 2" — only at the same encounter.
    func testSimultaneousConflictAppliesOnlyWithinOneEncounter() throws {
        let same = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"]), O(category: 13, codes: ["114061210"])])]))
        XCTAssertEqual(AuditFixture.findings(same, .conflictSimultaneous).map(\.codes), [["111000110", "114061210"]])
        XCTAssertEqual(same.corrected.map(AuditFixture.codes), [["114061210"]])
        let apart = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])]),
                                                  ("2024-06-04", [O(category: 13, codes: ["114061210"])])]))
        XCTAssertTrue(AuditFixture.findings(apart, .conflictSimultaneous).isEmpty)
    }

    /// 03-4: "150267310 体外ペースメーキング術 / 150140110 ペースメーカー移植術（心筋電極）, 背反区分 2", and the
    /// reverse row with 1: the 移植術 stays. Within 7 days only.
    func testWeekConflictRemovesTheTemporaryPacingWithinSevenDays() throws {
        let near = try audit(AuditFixture.claim([("2024-06-03", [O(category: 50, codes: ["150267310"])]),
                                                 ("2024-06-08", [O(category: 50, codes: ["150140110"])])]))
        XCTAssertEqual(AuditFixture.findings(near, .conflictWeek).map(\.codes), [["150267310", "150140110"]])
        XCTAssertEqual(near.corrected.map(AuditFixture.codes), [[], ["150140110"]])
        let far = try audit(AuditFixture.claim([("2024-06-03", [O(category: 50, codes: ["150267310"])]),
                                                ("2024-06-12", [O(category: 50, codes: ["150140110"])])]))
        XCTAssertTrue(AuditFixture.findings(far, .conflictWeek).isEmpty)
    }

    /// 03-4: "111000110 初診料 / 113013910 外来リハビリテーション診療料１, 背反区分 2, 特例条件 1": reported as a
    /// warning, nothing removed.
    func testConflictWithSpecialConditionIsOnlyAWarning() throws {
        let r = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])]),
                                              ("2024-06-05", [O(category: 13, codes: ["113013910"])])]))
        let f = AuditFixture.findings(r, .conflictSpecial)
        XCTAssertEqual(f.map(\.codes), [["111000110", "113013910"]])
        XCTAssertEqual(f.first?.severity, .warning)
        XCTAssertFalse(r.changes.contains { $0.check == .conflictSpecial })
    }

    // MARK: 04 入院基本料

    /// 01: 190117710 急性期一般入院料１ has 入院基本料識別 001; 04 group 001 lists 190190410 総合入院体制加算１ and
    /// 190190510 総合入院体制加算２ with 加算識別 1, and 190099870 地域医療支援病院入院診療加算 with 2.
    func testAdmissionAddOnsWithTheSameClassCannotBeCombined() throws {
        let c = AuditFixture.claim(facility: "hospital", inpatient: true, [("2024-06-03", [O(category: 90, codes: ["190117710", "190190410", "190190510", "190099870"])])])
        let r = try audit(c)
        let f = AuditFixture.findings(r, .admissionAddOnsExclusive)
        XCTAssertEqual(f.count, 1)
        XCTAssertTrue(["190190410", "190190510"].contains(f.first?.codes.first ?? ""))
        XCTAssertTrue(AuditFixture.findings(r, .admissionAddOnNotInGroup).isEmpty, "190099870 is in group 001")
        XCTAssertEqual(r.corrected?.encounters[0].orders[0].items.count, 3)
    }

    /// 04: 190103770 看護補助加算１ is in groups 002, 003 … 111, not in 001 (急性期一般入院料１).
    func testAdmissionAddOnOutsideTheGroupOfTheDayIsRemoved() throws {
        let c = AuditFixture.claim(facility: "hospital", inpatient: true, [("2024-06-03", [O(category: 90, codes: ["190117710"]), O(category: 92, codes: ["190103770"])])])
        let r = try audit(c)
        XCTAssertEqual(AuditFixture.findings(r, .admissionAddOnNotInGroup).map(\.codes), [["190103770", "190117710"]])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["190117710"]])
    }

    // MARK: 05 算定回数

    /// 05: "113001810 特定疾患療養管理料（診療所）, 131 月, 2".
    func testMonthlyCountOverTheLimitIsLowered() throws {
        // 5319009 胃潰瘍 (特定疾患等対象区分 05): the fee is billable (SA-D006 does not remove it).
        let c = AuditFixture.claim(diseases: [Claim.Disease(code: "5319009", main: true)], [("2024-06-03", [O(category: 13, codes: ["113001810"])]),
                                    ("2024-06-10", [O(category: 13, codes: ["113001810"])]),
                                    ("2024-06-17", [O(category: 13, codes: ["113001810"])])])
        let r = try audit(c)
        let f = AuditFixture.findings(r, .countLimit)
        XCTAssertEqual(f.map(\.encounter), [2])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["113001810"], ["113001810"], []])
        let advise = try audit(c, .advise)
        XCTAssertEqual(AuditFixture.findings(advise, .countLimit).count, 1)
        XCTAssertNil(advise.corrected)
    }

    /// 05: "140002210 消炎鎮痛等処置（湿布処置）, 121 日, 1": 回数 2 on one day becomes 1.
    func testDailyCountLowersTheTimesOfTheOrder() throws {
        let r = try audit(AuditFixture.claim([("2024-06-03", [O(category: 40, codes: ["140002210"], times: 2)])]))
        XCTAssertEqual(AuditFixture.findings(r, .countLimit).count, 1)
        XCTAssertEqual(r.corrected?.encounters[0].orders[0].times, 1)
        XCTAssertEqual(r.changes.first.map { [$0.timesBefore, $0.timesAfter] }, [2, 1])
    }

    /// 05: "113000310 ウイルス疾患指導料１, 53 患者当り, 1": an earlier month's claim of the patient counts.
    func testPerPatientCountUsesTheHistory() throws {
        let now = AuditFixture.claim(id: "c2", [("2024-07-01", [O(category: 13, codes: ["113000310"])])])
        XCTAssertTrue(AuditFixture.findings(try audit(now), .countLimit).isEmpty)
        let before = AuditFixture.claim(id: "c1", [("2024-06-03", [O(category: 13, codes: ["113000310"])])])
        let r = try audit(now, history: [before])
        XCTAssertEqual(AuditFixture.findings(r, .countLimit).map(\.codes), [["113000310"]])
        XCTAssertTrue(r.findings.allSatisfy { $0.claim == "c2" })
    }

    /// 05: "113010810 薬剤管理指導料（安全管理を要する医薬品投与患者）, 138 週, 1"; 週 = 日曜日〜土曜日 (通知 通則6).
    /// 2024-06-03 is a Monday, 06-08 a Saturday, 06-09 a Sunday.
    func testWeeklyCountRunsFromSundayToSaturday() throws {
        let sameWeek = try audit(AuditFixture.claim(inpatient: true, [("2024-06-03", [O(category: 13, codes: ["113010810"])]), ("2024-06-08", [O(category: 13, codes: ["113010810"])])]))
        XCTAssertEqual(AuditFixture.findings(sameWeek, .countLimit).map(\.encounter), [1])
        let nextWeek = try audit(AuditFixture.claim(inpatient: true, [("2024-06-08", [O(category: 13, codes: ["113010810"])]), ("2024-06-09", [O(category: 13, codes: ["113010810"])])]))
        XCTAssertTrue(AuditFixture.findings(nextWeek, .countLimit).isEmpty)
    }

    /// 05: "113008410 ニコチン依存症管理料１（２回目から４回目まで）（対面）, 147 １２月, 3": the 12 calendar months
    /// ending with the item's month count, earlier ones do not.
    func testTwelveMonthCountLooksBackTwelveCalendarMonths() throws {
        let now = AuditFixture.claim(id: "c9", [("2024-06-10", [O(category: 13, codes: ["113008410"])])])
        func history(_ months: [String]) -> [Claim] {
            months.enumerated().map { AuditFixture.claim(id: "h\($0.offset)", [("\($0.element)-10", [O(category: 13, codes: ["113008410"])])]) }
        }
        let within = try audit(now, history: history(["2023-07", "2024-01", "2024-05"]))
        XCTAssertEqual(AuditFixture.findings(within, .countLimit).count, 1)
        let older = try audit(now, history: history(["2023-06", "2024-01", "2024-05"]))
        XCTAssertTrue(AuditFixture.findings(older, .countLimit).isEmpty, "2023-06 is the 13th month back")
    }

    // MARK: master fields

    /// 病床数区分 (項番71): 112007410 再診料 5 (一般病床0〜199), 112011310 外来診療料 6 (一般病床200以上), 113001910
    /// 特定疾患療養管理料（１００床未満） 1. Review case P17: a 300-bed hospital bills 再診料 (A001 注1 excludes 一般病床
    /// 200以上) — a warning, as `beds` counts every 許可病床.
    func testBedCountClassAgainstTheHospitalsBeds() throws {
        func claim(_ beds: Int?, _ codes: [String], kind: String = "hospital") -> Claim {
            var c = AuditFixture.claim(facility: kind, [("2024-07-22", [O(category: 12, codes: codes)])])
            c.facility?.beds = beds
            return c
        }
        let large = try audit(claim(300, ["112007410", "112011010"]), .advise)
        XCTAssertEqual(AuditFixture.findings(large, .bedCountGeneralBeds).map(\.codes), [["112007410"]])
        XCTAssertEqual(AuditFixture.findings(large, .bedCountGeneralBeds).first?.severity, .warning)
        XCTAssertTrue(AuditFixture.findings(large, .bedCount).isEmpty)
        let small = try audit(claim(150, ["112011310"]), .advise)
        XCTAssertEqual(AuditFixture.findings(small, .bedCount).map(\.codes), [["112011310"]], "外来診療料 below 200 beds: certain")
        XCTAssertEqual(AuditFixture.findings(small, .bedCount).first?.severity, .error)
        XCTAssertTrue(AuditFixture.ids(try audit(claim(150, ["112007410"]), .advise)).allSatisfy { !["SA-C007", "SA-C008"].contains($0) })
        XCTAssertTrue(AuditFixture.ids(try audit(claim(300, ["112011310"]), .advise)).allSatisfy { !["SA-C007", "SA-C008"].contains($0) })
        XCTAssertTrue(AuditFixture.ids(try audit(claim(nil, ["112007410"]), .advise)).allSatisfy { !["SA-C007", "SA-C008"].contains($0) }, "beds not stated")
        XCTAssertTrue(AuditFixture.ids(try audit(claim(300, ["112007410"], kind: "clinic"), .advise)).allSatisfy { !["SA-C007", "SA-C008"].contains($0) }, "a 診療所's codes are told by 病院・診療所区分")
        // Review 27: apply removes a row of a 許可病床 class the hospital is outside (113002010 特定疾患療養管理料
        // （１００床以上２００床未満）, class 2, at 250 beds: 通知 B000 (1)); the 一般病床 warning removes nothing.
        var b000 = AuditFixture.claim(facility: "hospital", [("2024-07-22", [O(category: 12, codes: ["112011310"]), O(category: 13, codes: ["113002010"])])])
        b000.facility?.beds = 250
        let applied = try audit(b000, .apply)
        XCTAssertEqual(applied.changes.map(\.code), ["113002010"])
        XCTAssertEqual(applied.changes.map(\.check), [.bedCount])
        XCTAssertEqual(applied.corrected.map(AuditFixture.codes), [["112011310"]])
        XCTAssertTrue(try audit(claim(300, ["112007410", "112011010"]), .apply).changes.isEmpty, "SA-C008 is a warning: nothing removed")
    }

    func testMasterFieldsOfTheCodeAreChecked() throws {
        // 111000370 乳幼児加算（初診）: 上限年齢 06, 後期高齢者医療適用区分 1 (医療保険に限る).
        let infant = try audit(AuditFixture.claim(birth: "1945-01-01", [("2024-06-03", [O(category: 11, codes: ["111000110", "111000370"])])]))
        XCTAssertEqual(AuditFixture.findings(infant, .ageLimit).map(\.codes), [["111000370"]])
        XCTAssertEqual(AuditFixture.findings(infant, .elderlyApplicability).map(\.codes), [["111000370"]], "79 years old: 後期高齢者")
        // 112007410 再診料: 入外適用区分 2; 113001810 特定疾患療養管理料（診療所）: 病院・診療所区分 2.
        let r = try audit(AuditFixture.claim(facility: "hospital", inpatient: true, [("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])])]))
        XCTAssertEqual(AuditFixture.findings(r, .inpatientApplicability).map(\.codes), [["112007410"], ["113001810"]])
        XCTAssertEqual(AuditFixture.findings(r, .facilityType).map(\.codes), [["113001810"]])
        // 999999999 is in no master; 111013770 機能強化加算（初診） needs 施設基準 3522.
        let std = try audit(AuditFixture.claim(standards: [], [("2024-06-03", [O(category: 11, codes: ["111000110", "111013770", "999999999"])])]))
        XCTAssertEqual(AuditFixture.findings(std, .facilityStandard).map(\.codes), [["111013770"]])
        XCTAssertTrue(AuditFixture.findings(std, .facilityStandard).first?.message.contains("3522") == true
                      && AuditFixture.findings(std, .facilityStandard).first?.message.contains("(not notified)") == true,
                      "each 施設基準 is named with whether it was notified (review 134 P14)")
        XCTAssertFalse((std.corrected.map(AuditFixture.codes) ?? []).joined().contains("111013770"), "an empty list states none notified: apply removes the row")
        XCTAssertEqual(AuditFixture.findings(std, .codeNotValid).map(\.codes), [["999999999"]])
        XCTAssertTrue((std.corrected.map(AuditFixture.codes) ?? []).joined().contains("999999999"), "a code no master holds is only reported")
        // Review 234 CC-1: 120002570 特定疾患処方管理加算１（処方箋料） of R04 (abolished 2024-05-31) on 2024-07-03 is in the R04 master only:
        // named with its validity and removed, the 処方箋料 kept.
        let abolished = try audit(AuditFixture.claim([("2024-07-03", [O(category: 80, codes: ["120002910", "120002570"])])]))
        let old = AuditFixture.findings(abolished, .codeNotValid)
        XCTAssertEqual(old.map(\.codes), [["120002570"]])
        XCTAssertTrue(old.first?.message.contains("…2024-05-31") == true && old.first?.message.contains("not in the master") == false, "\(old.map(\.message))")
        XCTAssertEqual(abolished.corrected.map(AuditFixture.codes), [["120002910"]])
        // 180746610 脳血管疾患等リハビリテーション料（Ⅰ）（要介護）: 入外適用区分 1 (入院のみ, H001 注6 入院中の要介護被保険者等).
        let ward = try audit(AuditFixture.claim([("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180746610"])])]))
        XCTAssertEqual(AuditFixture.findings(ward, .inpatientApplicability).map(\.codes), [["180746610"]])
        XCTAssertEqual(ward.corrected.map(AuditFixture.codes), [["112007410"]], "a 入院のみ row on an 入院外 receipt is removed")
        XCTAssertEqual(AuditFixture.findings(try audit(AuditFixture.claim([("2024-06-03", [O(category: 80, codes: ["180746610"])])]), .advise), .inpatientApplicability).count, 1, "advise: reported")
        let notified = try audit(AuditFixture.claim(standards: [Claim.Facility.Standard(code: 3522, from: "2024-04-01")], [("2024-06-03", [O(category: 11, codes: ["111000110", "111013770"])])]))
        XCTAssertTrue(AuditFixture.findings(notified, .facilityStandard).isEmpty)
        let late = try audit(AuditFixture.claim(standards: [Claim.Facility.Standard(code: 3522, from: "2024-07-01")], [("2024-06-03", [O(category: 11, codes: ["111000110", "111013770"])])]))
        XCTAssertEqual(AuditFixture.findings(late, .facilityStandard).count, 1, "notified only from July")
    }

    /// 113003810 小児科外来診療料（処方箋を交付しない）再診時: 上限年齢 B6 (6歳到達翌月1日). Born 2018-06-15: the 6th
    /// birthday is 2024-06-15 and B6 leaves June open; 通知 B001-2 (8) (age-month-rules.json) keeps the row after
    /// the birthday only when a visit of June before it billed the fee (③ 誕生日以後の受診のみ = 出来高).
    func testPediatricOutpatientFeeAfterTheSixthBirthdayNeedsAVisitBeforeIt() throws {
        let after = try audit(AuditFixture.claim(birth: "2018-06-15", [("2024-06-20", [O(category: 13, codes: ["113003810"])])]))
        let f = AuditFixture.findings(after, .ageLimit)
        XCTAssertEqual(f.map(\.codes), [["113003810"]])
        XCTAssertTrue(f.first?.message.contains("B001-2 (8)") == true, f.first?.message ?? "")
        XCTAssertEqual(after.corrected.map(AuditFixture.codes), [[]], "apply removes the row")
        let onTheBirthday = try audit(AuditFixture.claim(birth: "2018-06-15", [("2024-06-15", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertEqual(AuditFixture.findings(onTheBirthday, .ageLimit).count, 1, "誕生日以後: the birthday itself")
        let both = try audit(AuditFixture.claim(birth: "2018-06-15", [("2024-06-10", [O(category: 13, codes: ["113003810"])]),
                                                                      ("2024-06-20", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertTrue(AuditFixture.findings(both, .ageLimit).isEmpty, "a visit before the birthday billed it: the month stays 小児科外来診療料")
        XCTAssertNil(both.corrected)
        let before = try audit(AuditFixture.claim(birth: "2018-06-15", [("2024-06-14", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertTrue(AuditFixture.findings(before, .ageLimit).isEmpty, "before the birthday")
        let july = try audit(AuditFixture.claim(birth: "2018-06-15", [("2024-07-01", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertEqual(AuditFixture.findings(july, .ageLimit).count, 1, "the month after: B6 itself")
        let may = AuditFixture.claim(id: "may", birth: "2018-06-15", [("2024-05-10", [O(category: 13, codes: ["113003810"])])])
        let june = AuditFixture.claim(birth: "2018-06-15", [("2024-06-20", [O(category: 13, codes: ["113003810"])])])
        XCTAssertEqual(AuditFixture.findings(try audit(june, history: [may]), .ageLimit).count, 1, "a visit of another month does not count")
        // The R02/R04 通知 has the same sentence (review 415 JC-2: 2021-10's only visit, after the 6th birthday, passed).
        let r02 = try audit(AuditFixture.claim(birth: "2015-10-05", [("2021-10-20", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertEqual(AuditFixture.findings(r02, .ageLimit).map(\.codes), [["113003810"]])
        let r02Both = try audit(AuditFixture.claim(birth: "2015-10-05", [("2021-10-01", [O(category: 13, codes: ["113003810"])]),
                                                                         ("2021-10-20", [O(category: 13, codes: ["113003810"])])]))
        XCTAssertTrue(AuditFixture.findings(r02Both, .ageLimit).isEmpty)
    }

    /// Review 415 JC-3: 小児科外来診療料 「２」 (113003810) in a month that bills 「１」 (113003610, 院外処方箋) on another day is SA-R004 on the
    /// 「２」 row (通知 B001-2 (5)); 「１」 on both days, or 「２」 alone, is not.
    func testThePediatricFeeOfAMonthWithAnOutsidePrescriptionIsTheFirst() throws {
        let both = try audit(AuditFixture.claim(birth: "2017-03-03", [("2021-10-05", [O(category: 13, codes: ["113003610"])]), ("2021-10-12", [O(category: 13, codes: ["113003810"])])]))
        let f = AuditFixture.findings(both, .prescriptionVariantOfMonth)
        XCTAssertEqual(f.map(\.codes), [["113003810", "113003610"]], "\(f.map(\.message))")
        XCTAssertEqual(f.first?.severity, .warning)
        XCTAssertTrue(AuditFixture.findings(try audit(AuditFixture.claim(birth: "2020-03-03", [("2024-10-05", [O(category: 13, codes: ["113003610"])]), ("2024-10-12", [O(category: 13, codes: ["113003610"])])])), .prescriptionVariantOfMonth).isEmpty)
        XCTAssertTrue(AuditFixture.findings(try audit(AuditFixture.claim(birth: "2020-03-03", [("2024-10-12", [O(category: 13, codes: ["113003810"])])])), .prescriptionVariantOfMonth).isEmpty)
        // The month's history counts (review 418 JF-3: a receipt of the month before a change of insurer).
        let before = AuditFixture.claim(id: "h", birth: "2020-03-03", [("2024-10-03", [O(category: 13, codes: ["113003610"])])])
        let after = AuditFixture.claim(birth: "2020-03-03", [("2024-10-25", [O(category: 13, codes: ["113003810"])])])
        XCTAssertEqual(AuditFixture.findings(try audit(after, history: [before]), .prescriptionVariantOfMonth).map(\.codes), [["113003810", "113003610"]])
    }

    /// Review 416 JD-1: a clinic of 0 beds billing 114017670 深夜往診加算（機能強化・病床あり） is SA-C014, removed; 114017970 (病床なし)
    /// is its row; a hospital billing the 病床なし row is told too.
    func testAHomeCareRowOfTheOtherBedStateIsRemoved() throws {
        func run(kind: String, beds: Int, _ code: String) throws -> [AuditFinding] {
            var c = AuditFixture.claim([("2024-08-05", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114000110", code])])])
            c.facility = Claim.Facility(kind: kind, beds: beds)
            return AuditFixture.findings(try audit(c), .homeCareBeds)
        }
        XCTAssertEqual(try run(kind: "clinic", beds: 0, "114017670").map(\.codes), [["114017670"]])
        XCTAssertTrue(try run(kind: "clinic", beds: 0, "114017970").isEmpty)
        XCTAssertTrue(try run(kind: "clinic", beds: 19, "114017670").isEmpty)
        XCTAssertEqual(try run(kind: "hospital", beds: 100, "114017970").map(\.codes), [["114017970"]])
        XCTAssertTrue(try run(kind: "clinic", beds: 0, "114000570").isEmpty, "no bed mark: not this check's")
    }

    /// Review 416 JD-2: a 在支診 (3168 notified) billing 114000570 深夜往診加算（在支診等以外） is SA-C015, told and not removed; the
    /// same row at a facility without a 在支診 施設基準, one whose notification starts later, and the 在支診 row 114011770 are not.
    func testAnOtherThanSupportRowAtASupportClinicIsTold() throws {
        func run(_ standards: [Claim.Facility.Standard], _ code: String) throws -> AuditResult {
            var c = AuditFixture.claim([("2024-08-05", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114000110", code])])])
            c.facility = Claim.Facility(kind: "clinic", beds: 0, standards: standards)
            return try audit(c, .apply)
        }
        let support = try run([.init(code: 3168, from: "2024-06-01")], "114000570")
        let f = AuditFixture.findings(support, .homeCareSupport)
        XCTAssertEqual(f.map(\.codes), [["114000570"]])
        XCTAssertTrue(f.allSatisfy { $0.severity == .error && !$0.applied && $0.message.contains("3168") }, "\(f.map(\.message))")
        XCTAssertTrue(support.changes.isEmpty, "told, not removed")
        XCTAssertTrue(AuditFixture.findings(try run([], "114000570"), .homeCareSupport).isEmpty)
        XCTAssertTrue(AuditFixture.findings(try run([.init(code: 3168, from: "2024-09-01")], "114000570"), .homeCareSupport).isEmpty, "notified after the day")
        XCTAssertTrue(AuditFixture.findings(try run([.init(code: 3168, from: "2024-06-01")], "114011770"), .homeCareSupport).isEmpty)
        XCTAssertTrue(f.first?.message.contains("ニ row") == true, "\(f.map(\.message))")
        // Review 421 JI-2: R02 has no 注1 ニ rows — a 2021 message names the 在支診等 row only.
        var old = AuditFixture.claim([("2021-10-05", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114000110", "114000570"])])])
        old.facility = Claim.Facility(kind: "clinic", beds: 0, standards: [.init(code: 3168, from: "2020-04-01")])
        let r02 = AuditFixture.findings(try audit(old, .apply), .homeCareSupport)
        XCTAssertEqual(r02.count, 1)
        XCTAssertTrue(r02.allSatisfy { $0.message.contains("在支診等 row") && !$0.message.contains("ニ") }, "\(r02.map(\.message))")
    }

    /// Review 419 JG-1: 屈折検査 (D261 ２) with 矯正視力検査 ２ on a 再診 day is SA-H010, a warning naming both (通知 D261 (3): together only on
    /// the first examination or with a 眼鏡処方箋); on a 初診 day with nothing earlier it is quiet, with an earlier 屈折検査 in the history
    /// it is told again, and D263 １ (眼鏡処方箋の交付) is never told.
    func testRefractionWithCorrectedVisionIsToldPastTheFirstExamination() throws {
        let revisit = try audit(AuditFixture.claim([("2021-10-18", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160208010"]), O(category: 60, codes: ["160179110"])])]))
        let f = AuditFixture.findings(revisit, .conditionalPair)
        XCTAssertEqual(f.map(\.codes), [["160179110", "160208010"]], "\(f.map(\.message))")
        XCTAssertTrue(f.allSatisfy { $0.severity == .warning && $0.message.contains("初診") }, "\(f.map(\.message))")
        XCTAssertTrue(revisit.changes.isEmpty)
        let first = AuditFixture.claim([("2021-10-18", [O(category: 11, codes: ["111000110"]), O(category: 60, codes: ["160208010"]), O(category: 60, codes: ["160179110"])])])
        XCTAssertTrue(AuditFixture.findings(try audit(first), .conditionalPair).isEmpty)
        let before = AuditFixture.claim(id: "h", [("2021-09-06", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160208010"])])])
        let again = AuditFixture.findings(try audit(first, history: [before]), .conditionalPair)
        XCTAssertEqual(again.count, 1)
        XCTAssertTrue(again.first?.message.contains("2021-09-06 (earlier claim)") == true, "\(again.map(\.message))")
        let glasses = try audit(AuditFixture.claim([("2021-10-18", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160208010"]), O(category: 60, codes: ["160082810"])])]))
        XCTAssertTrue(AuditFixture.findings(glasses, .conditionalPair).isEmpty)
        // Review 421 JI-4: a 再診 whose history (the 初診 a week before) shows no 屈折検査 may be the first examination: quiet.
        let visit = AuditFixture.claim(id: "h", [("2021-10-11", [O(category: 11, codes: ["111000110"])])])
        XCTAssertTrue(AuditFixture.findings(try audit(AuditFixture.claim([("2021-10-18", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160208010"]), O(category: 60, codes: ["160179110"])])]), history: [visit]), .conditionalPair).isEmpty)
        // Review 421 JI-3: D261 １ (６歳未満) with D263 ２ is told on any day (弱視・不同視の疑い, a fact no field carries), and with an earlier D263
        // within 3 months the message names it.
        func child(_ history: [Claim]) throws -> [AuditFinding] {
            AuditFixture.findings(try audit(AuditFixture.claim(birth: "2020-03-01", [("2024-06-03", [O(category: 11, codes: ["111000110"]), O(category: 60, codes: ["160207910"]), O(category: 60, codes: ["160179110"])])]), history: history), .conditionalPair)
        }
        let young = try child([])
        XCTAssertEqual(young.map(\.codes), [["160179110", "160207910"]])
        XCTAssertTrue(young.first?.message.contains("弱視又は不同視") == true, "\(young.map(\.message))")
        let earlierPair = AuditFixture.claim(id: "h2", birth: "2020-03-01", [("2024-05-10", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160207910"]), O(category: 60, codes: ["160179110"])])])
        XCTAssertTrue(try child([earlierPair]).first?.message.contains("2024-05-10 (earlier claim), within 3 months") == true)
    }

    /// Review 419 JG-2: 皮膚科特定疾患指導管理料（Ⅱ） for アトピー性皮膚炎 counts only from 16 (通知 B001 8 (2); requirement_ages): a child of 10
    /// with it alone is SA-D006, removed, the message naming the age; at 16, or a child of 10 with じんま疹 beside it, it stands.
    func testTheSecondDermatologyFeeForAtopicDermatitisNeedsSixteen() throws {
        func run(_ birth: String, _ diseases: [String]) throws -> [AuditFinding] {
            let c = AuditFixture.claim(birth: birth, diseases: diseases.map { Claim.Disease(code: $0, main: true) },
                                       [("2021-10-07", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113002310"])])])
            return AuditFixture.findings(try audit(c), .diseaseRequirement)
        }
        let child = try run("2011-01-01", ["6918002"])
        XCTAssertEqual(child.map(\.codes), [["113002310"]])
        XCTAssertTrue(child.first.map { $0.applied && $0.message.contains("16 or more") && $0.message.contains("is 10") } == true, "\(child.map(\.message))")
        XCTAssertTrue(try run("2005-01-01", ["6918002"]).isEmpty)
        XCTAssertTrue(try run("2011-01-01", ["6918002", "8841304"]).isEmpty, "じんま疹 beside it")
    }

    /// Review 421 JI-5: a 加算 whose base the day states but SA-C006 removes (在医総管 without 721) is told that its base is not billed,
    /// not that the day has none.
    func testAnAddOnWhoseBaseIsRemovedSaysSo() throws {
        var c = AuditFixture.claim([("2024-08-05", [O(category: 14, codes: ["114001110"]), O(category: 14, codes: ["114034010", "114717410"])])])
        c.facility = Claim.Facility(kind: "clinic", beds: 0, standards: [.init(code: 3168, from: "2024-06-01")])
        let f = AuditFixture.findings(try audit(c), .sectionAddOnWithoutBase)
        XCTAssertEqual(f.map(\.codes), [["114717410"]])
        XCTAssertTrue(f.first?.message.contains("114034010") == true && f.first?.message.contains("is not billed (another finding removes it)") == true, "\(f.map(\.message))")
    }

    /// Review 423 JL-2: B001 15 慢性維持透析患者外来医学管理料 includes 末梢血液一般 on R02 dates too (management-fee-inclusion.json R02/R04
    /// entries): SA-I003 tells it, and SA-J002 no longer asks for the 血液学的検査判断料 the fee excludes.
    func testTheDialysisFeeIncludesItsTestsOnR02Dates() throws {
        let r = try audit(AuditFixture.claim([("2021-10-01", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113002510"])]),
                                              ("2021-10-04", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160008010"])])]), .advise)
        XCTAssertEqual(AuditFixture.findings(r, .includedInManagementFee).map(\.codes.first), ["160008010"], "\(r.findings.map(\.message))")
        XCTAssertTrue(AuditFixture.findings(r, .judgementFeeMissing).isEmpty, "\(AuditFixture.findings(r, .judgementFeeMissing).map(\.message))")
    }

    /// Review 407 IU-3: 血糖自己測定器加算 (C150) of 2021-10 in a month without a 在宅療養指導管理料 (C100–C121) is SA-A006 as from R06.
    func testAMaterialAddOnWithoutItsManagementFeeIsToldOnR02Dates() throws {
        let alone = try audit(AuditFixture.claim([("2021-10-09", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114007410"])])]))
        XCTAssertEqual(AuditFixture.findings(alone, .monthAddOnWithoutBase).map(\.codes), [["114007410"]])
    }

    /// Review 100: 170028810 電子画像管理加算（コンピューター断層診断料） needs a CT or MRI 撮影 of the day (第4部 第3節 通則3),
    /// not a 単純撮影 of 第1節 (SA-A002 took any item of 部 E); 160161510 入院時初回加算 is for 入院中の患者 only (D007
    /// 注の注) though the master's 入外適用区分 is 0 (add-on-bases.json).
    func testSectionAddOnsNeedTheirOwnSectionAndAnInpatientOnlyAddOn() throws {
        let xray = try audit(AuditFixture.claim([("2024-07-08", [O(category: 70, codes: ["170000410", "170027910", "170000210"]), O(category: 70, codes: ["170028810"])])]))
        XCTAssertEqual(AuditFixture.findings(xray, .generalAddOnWithoutPart).map(\.codes), [["170028810"]])
        XCTAssertEqual(xray.changes.map(\.code), ["170028810"])
        let ct = try audit(AuditFixture.claim([("2024-07-08", [O(category: 70, codes: ["170011710", "170028810"])])]))
        XCTAssertTrue(AuditFixture.findings(ct, .generalAddOnWithoutPart).isEmpty, "a CT 撮影 (E200) of the day is its base")
        let tests = ["160017410", "160018910", "160022510", "160022610", "160020410", "160019010", "160019210", "160019310", "160019410", "160020910"]
        let outpatient = try audit(AuditFixture.claim([("2024-07-08", [O(category: 60, codes: tests + ["160161510"])])]))
        XCTAssertEqual(AuditFixture.findings(outpatient, .inpatientApplicability).map(\.codes), [["160161510"]])
        XCTAssertEqual(outpatient.changes.map(\.code), ["160161510"])
        let ward = try audit(AuditFixture.claim(inpatient: true, [("2024-07-08", [O(category: 60, codes: tests + ["160161510"])])]))
        XCTAssertFalse(AuditFixture.findings(ward, .inpatientApplicability).contains { $0.codes == ["160161510"] }, "入院中: billable")
    }

    /// Review 107: 後期高齢者医療 from the 75th birthday itself (not the day before, when the legal age is attained):
    /// 150034710 関節脱臼非観血的整復術（小児肘内障）, 後期高齢者医療適用区分 1 (医療保険に限る).
    func testLateElderlyFromThe75thBirthday() throws {
        let before = try audit(AuditFixture.claim(birth: "1949-06-10", [("2024-06-09", [O(category: 40, codes: ["150034710"])])]), .advise)
        XCTAssertTrue(AuditFixture.findings(before, .elderlyApplicability).isEmpty, "the day before the birthday: 医療保険")
        let on = try audit(AuditFixture.claim(birth: "1949-06-10", [("2024-06-10", [O(category: 40, codes: ["150034710"])])]), .advise)
        XCTAssertEqual(AuditFixture.findings(on, .elderlyApplicability).map(\.codes), [["150034710"]])
    }

    /// Review 107: a fee its 傷病名 does not allow (SA-D006: 113000910 皮膚科特定疾患指導管理料（１） without a 皮膚科 傷病名)
    /// is out before the 背反 check, so apply keeps the B000 (113001810, 慢性胃炎 5351003 区分 05) it conflicted with.
    func testAFeeItsDiseaseDoesNotAllowLeavesNoConflictBehind() throws {
        let c = AuditFixture.claim(diseases: [Claim.Disease(code: "5351003", start: "2024-01-10", main: true)],
                                   [("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113001810"])]),
                                    ("2024-06-17", [O(category: 12, codes: ["112007410"]), O(category: 13, codes: ["113000910"])])])
        let r = try audit(c, .apply)
        XCTAssertEqual(r.changes.map(\.code), ["113000910"])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["112007410", "113001810"], ["112007410"]])
    }

    // MARK: month-level

    /// s: 112011010 外来管理加算 has 外来管理加算区分 2, 140000610 創傷処置（１００ｃｍ２未満） has 1.
    func testOutpatientManagementAddOnGoesWithAProcedureTheSameDay() throws {
        let c = AuditFixture.claim([("2024-06-03", [O(category: 12, codes: ["112007410", "112011010"]), O(category: 40, codes: ["140000610"])]),
                                    ("2024-06-10", [O(category: 12, codes: ["112007410", "112011010"])])])
        let r = try audit(c)
        XCTAssertEqual(AuditFixture.findings(r, .outpatientManagementWithProcedure).map { [$0.encounter, $0.item] }, [[0, 1]])
        XCTAssertEqual(r.corrected.map(AuditFixture.codes), [["112007410", "140000610"], ["112007410", "112011010"]])
    }

    /// Review 390 ID-1: 判断グループ 16's fee D270-2 ロービジョン検査判断料 is billed only for a 視覚障害 patient under 指導管理
    /// (facility-add-ons.json judgement_stated_only, R02 too): a 2021 精密眼底検査 is not told a 判断料 is missing — and, since review 419
    /// JG-4, gets no line about the group at all; a 検体検査 without its 判断料 still does.
    func testAnEyeTestIsNotToldItsGroupLacksAFee() throws {
        for day in ["2021-10-07", "2024-10-07"] {
            let r = try audit(AuditFixture.claim([(day, [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160081130"])])]))
            XCTAssertTrue(AuditFixture.findings(r, .judgementFeeMissing).isEmpty, "\(day): \(AuditFixture.findings(r, .judgementFeeMissing).map(\.message))")
            let blood = try audit(AuditFixture.claim([(day, [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160008010"])])]))
            XCTAssertEqual(AuditFixture.findings(blood, .judgementFeeMissing).count, 1, day)
        }
    }

    /// s: 160008010 末梢血液一般検査 is a test of 判断グループ 2, 160061810 血液学的検査判断料 its fee.
    func testJudgementFeesOncePerMonthAndMissingOnesAreNoted() throws {
        let missing = try audit(AuditFixture.claim([("2024-06-03", [O(category: 60, codes: ["160008010"])])]))
        XCTAssertEqual(AuditFixture.findings(missing, .judgementFeeMissing).map(\.severity), [.info])
        let history = AuditFixture.claim(id: "c0", [("2024-06-01", [O(category: 60, codes: ["160008010", "160061810"])])])
        let twice = try audit(AuditFixture.claim([("2024-06-10", [O(category: 60, codes: ["160008010", "160061810"])])]), history: [history])
        // 05 also limits 160061810 to 月 1: the 判断料's own rule (SA-J001) names it, once (review 114).
        let removed = twice.findings.filter { $0.codes.first == "160061810" && $0.applied }
        XCTAssertEqual(removed.map(\.check), [.judgementFeeDuplicated])
        XCTAssertTrue(AuditFixture.findings(twice, .judgementFeeMissing).isEmpty)
        // Review 102: a history claim with the claim's own id but other content is another claim (every RECEIPTC.UKE
        // numbers its receipts from 1); only the claim itself is left out of its history.
        let sameID = AuditFixture.claim(id: "c1", [("2024-06-01", [O(category: 60, codes: ["160008010", "160061810"])])])
        let current = AuditFixture.claim(id: "c1", [("2024-06-10", [O(category: 60, codes: ["160008010", "160061810"])])])
        XCTAssertEqual(try audit(current, history: [sameID]).findings.filter { $0.codes.first == "160061810" && $0.applied }.count, 1)
        XCTAssertTrue(try audit(current, history: [current]).findings.filter { $0.codes.first == "160061810" }.isEmpty, "the claim itself given as history")
    }

    /// 通知 A000 (14): 1 month = 2月10日〜3月9日.
    func testFirstVisitWithinAMonthOfAnEarlierVisitIsAWarning() throws {
        let earlier = AuditFixture.claim(id: "c0", [("2024-05-10", [O(category: 12, codes: ["112007410"])])])
        let within = try audit(AuditFixture.claim([("2024-06-09", [O(category: 11, codes: ["111000110"])])]), history: [earlier])
        XCTAssertEqual(AuditFixture.findings(within, .firstVisitWithinMonth).map(\.severity), [.warning])
        let after = try audit(AuditFixture.claim([("2024-06-10", [O(category: 11, codes: ["111000110"])])]), history: [earlier])
        XCTAssertTrue(AuditFixture.findings(after, .firstVisitWithinMonth).isEmpty)
        // Review 346 GL-2, 通知 A000 (13) (現に診療継続中の患者 only): a new illness begun on the 初診 day, none under treatment, is no
        // finding; beside an illness still 継続 it is.
        let newIllness = try audit(AuditFixture.claim(diseases: [Claim.Disease(code: "5351003", start: "2024-06-09", main: true)], [("2024-06-09", [O(category: 11, codes: ["111000110"])])]), history: [earlier])
        XCTAssertTrue(AuditFixture.findings(newIllness, .firstVisitWithinMonth).isEmpty)
        let beside = try audit(AuditFixture.claim(diseases: [Claim.Disease(code: "5351003", start: "2024-06-09", main: true), Claim.Disease(code: "8833421", start: "2024-04-01")],
                                                  [("2024-06-09", [O(category: 11, codes: ["111000110"])])]), history: [earlier])
        XCTAssertEqual(AuditFixture.findings(beside, .firstVisitWithinMonth).count, 1)
    }

    // MARK: comments

    /// ck: "0001/02 111011810 初診料（同一日複数科受診時の２科目） → 830100002, 条件区分 01"; c: 830100002 is パターン 30.
    func testRequiredCommentMissingOrMalformedOrUnknown() throws {
        let missing = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111011810"])])]))
        XCTAssertEqual(AuditFixture.findings(missing, .commentMissing).first?.codes, ["111011810", "830100002"])
        let empty = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111011810"], comments: [Claim.Comment(code: "830100002", text: "")])])]))
        XCTAssertTrue(AuditFixture.findings(empty, .commentMissing).isEmpty)
        XCTAssertEqual(AuditFixture.findings(empty, .commentMalformed).map(\.comment), [0])
        let good = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111011810"], comments: [Claim.Comment(code: "830100002", text: "内科")])])]))
        XCTAssertTrue(good.findings.filter { $0.check.rawValue.hasPrefix("SA-M") }.isEmpty)
        let unknown = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"], comments: [Claim.Comment(code: "899999999", text: nil)])])]))
        XCTAssertEqual(AuditFixture.findings(unknown, .commentCodeNotValid).count, 1)
    }

    /// c: 850100186 算定開始年月日（呼吸心拍監視等） is パターン 50 (R06rec2 別紙6-1's example "５０２０９１１").
    func testDateCommentsNeedGYYMMDD() throws {
        func run(_ text: String) throws -> Int {
            let r = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"], comments: [Claim.Comment(code: "850100186", text: text)])])]))
            return AuditFixture.findings(r, .commentMalformed).count
        }
        XCTAssertEqual(try run("５０６０６０３"), 0)
        XCTAssertEqual(try run("5060603"), 0)
        XCTAssertEqual(try run("5061303"), 1, "month 13")
        XCTAssertEqual(try run("2024-06-03"), 1)
    }

    // MARK: 傷病名

    func testDiseasesAreRequiredValidAndMatchTheSex() throws {
        let none = try audit(AuditFixture.claim(diseases: nil, [("2024-06-03", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertEqual(AuditFixture.ids(none), ["SA-D001"])
        // b: 2189004 子宮筋腫 (ICD-10 D259), 8850703 ＣＯＶＩＤ－１９の予防接種 (保険請求外区分 1); z: 2056 右.
        let r = try audit(AuditFixture.claim(sex: "1", diseases: [Claim.Disease(code: "2189004"), Claim.Disease(code: "8850703"),
                                                                   Claim.Disease(code: "1234567"), Claim.Disease(code: "8833421", modifiers: ["2056", "9998"]),
                                                                   Claim.Disease(code: "0000999")],
                                             [("2024-06-03", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertEqual(AuditFixture.findings(r, .diseaseSex).map(\.disease), [0])
        XCTAssertEqual(AuditFixture.findings(r, .diseaseNotBillable).map(\.disease), [1])
        XCTAssertEqual(AuditFixture.findings(r, .diseaseNotValid).map(\.disease), [2, 4])
        XCTAssertEqual(AuditFixture.findings(r, .modifierNotValid).map(\.codes), [["8833421", "9998"]])
    }

    /// b: "2500013 糖尿病" is a 変更 (5) row with 変更年月日 2024-06-01 and no 収載年月日: listed before then too.
    func testADiseaseChangedLaterWasAlreadyListedBefore() throws {
        let r = try audit(AuditFixture.claim(diseases: [Claim.Disease(code: "2500013", main: true)], [("2022-10-03", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertTrue(r.findings.filter { $0.check.rawValue.hasPrefix("SA-D") }.isEmpty, "\(r.findings.map(\.message))")
    }

    // MARK: whole claims

    /// 再診 on both days (a 初診 on 06-03 would include the 06-17 特定疾患療養管理料: B000 注2), 胃潰瘍 (特定疾患等対象区分 05).
    func testACleanClaimHasNoFindings() throws {
        let c = AuditFixture.claim(standards: [], diseases: [Claim.Disease(code: "5319009", start: "2024-04-01", main: true)], [
            ("2024-06-03", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160008010"]), O(category: 60, codes: ["160061810"]),
                            O(category: 80, codes: ["120002910"])]),
            ("2024-06-17", [O(category: 12, codes: ["112007410", "112011010"]), O(category: 13, codes: ["113001810"]), O(category: 80, codes: ["120002910"])]),
        ])
        for mode in AuditMode.allCases {
            let r = try audit(c, mode)
            XCTAssertEqual(r.findings, [], "\(mode)")
            XCTAssertNil(r.corrected)
        }
    }

    func testInputThatIsNotAClaimIsAnErrorNotAFinding() {
        let c = AuditFixture.claim([("2024-13-03", [O(category: 11, codes: ["111000110"])])])
        XCTAssertThrowsError(try audit(c)) { XCTAssertTrue(($0 as! ClaimError).message.contains("encounters[0].date")) }
        let d = AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["11100011"])])])
        XCTAssertThrowsError(try audit(d)) { XCTAssertTrue(($0 as! ClaimError).message.contains("9-digit")) }
    }

    /// Review 103 BUG-3 (a): ＴＰ (160017410, D007 1, 包括対象検査 group) keyed five times in one order is one 検査 of
    /// one 採取, one 項目 (D007 注): SA-N005 removes the four copies, so the まるめ does not bill five tests. In two
    /// orders of one encounter it may be a second 採取: SA-N006 warns and removes nothing.
    func testATestKeyedTwiceInOneOrderIsOneItem() throws {
        let five = try audit(AuditFixture.claim([("2024-06-03", [O(category: 60, codes: Array(repeating: "160017410", count: 5))])]))
        XCTAssertEqual(AuditFixture.findings(five, .repeatedBundledTest).map(\.item), [1, 2, 3, 4])
        XCTAssertEqual(AuditFixture.findings(five, .repeatedBundledTest).map(\.severity), Array(repeating: .error, count: 4))
        XCTAssertEqual(five.corrected.map(AuditFixture.codes), [["160017410"]])
        let two = try audit(AuditFixture.claim([("2024-06-03", [O(category: 60, codes: ["160017410", "160008010"]), O(category: 60, codes: ["160017410"])])]))
        XCTAssertEqual(AuditFixture.findings(two, .repeatedBundledTestOtherOrder).map { [$0.order, $0.item] }, [[1, 0]])
        XCTAssertEqual(AuditFixture.findings(two, .repeatedBundledTestOtherOrder).map(\.severity), [.warning])
        XCTAssertNil(two.corrected, "nothing removed")
        // Review 114: 特異的ＩｇＥ (160056110, D015 13: 数量 = 種類, 1,430点を限度) in two rows of one order is 8 + 7 種類,
        // not a keying twice: no finding, nothing removed.
        var ige = AuditFixture.claim([("2024-06-03", [O(category: 60, codes: ["160056110", "160056110"])])])
        ige.encounters[0].orders[0].items[0].quantity = Claim.Quantity(scaled: 800_000)
        ige.encounters[0].orders[0].items[1].quantity = Claim.Quantity(scaled: 700_000)
        let igeResult = try audit(ige)
        XCTAssertTrue(AuditFixture.findings(igeResult, .repeatedBundledTest).isEmpty && AuditFixture.findings(igeResult, .repeatedBundledTestOtherOrder).isEmpty)
        // Different tests, and the same test on two days, are no finding.
        let apart = try audit(AuditFixture.claim([("2024-06-03", [O(category: 60, codes: ["160017410", "160008010"])]),
                                                  ("2024-06-10", [O(category: 60, codes: ["160017410"])])]))
        XCTAssertTrue(AuditFixture.findings(apart, .repeatedBundledTest).isEmpty && AuditFixture.findings(apart, .repeatedBundledTestOtherOrder).isEmpty)
    }

    /// Review 103 BUG-3 (b), 告示 A000 注5: the 初診料 of one day are 併せて１回 — twice in one order, in two encounters of
    /// the day, or with 回数 2, the extra is removed (SA-V005); on two days it is SA-V001's question, not this one's.
    func testFirstVisitFeeTwiceOnOneDayIsRemoved() throws {
        let oneOrder = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110", "111000110"])])]))
        XCTAssertEqual(AuditFixture.findings(oneOrder, .firstVisitTwiceADay).map { [$0.encounter, $0.item] }, [[0, 1]])
        XCTAssertEqual(oneOrder.corrected.map(AuditFixture.codes), [["111000110"]])
        let twoVisits = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])]), ("2024-06-03", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertEqual(AuditFixture.findings(twoVisits, .firstVisitTwiceADay).map(\.encounter), [1])
        let times = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"], times: 2)])]))
        XCTAssertEqual(AuditFixture.findings(times, .firstVisitTwiceADay).map(\.action), ["lower 回数 of 111000110 to 1"])
        // Review 114: two different 初診料 rows (111012510 文書による紹介がない患者 and 111000110) on one day are two 初診 too;
        // the 2科目 row (111011810, 注5 ただし書: no 注加算) beside one is not.
        let variants = try audit(AuditFixture.claim(facility: "hospital", [("2024-06-10", [O(category: 11, codes: ["111012510"])]), ("2024-06-10", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertEqual(AuditFixture.findings(variants, .firstVisitTwiceADay).map(\.codes), [["111000110", "111012510"]])
        let secondDepartment = try audit(AuditFixture.claim([("2024-06-10", [O(category: 11, codes: ["111000110"])]), ("2024-06-10", [O(category: 11, codes: ["111011810"])])]))
        XCTAssertTrue(AuditFixture.findings(secondDepartment, .firstVisitTwiceADay).isEmpty)
        let twoDays = try audit(AuditFixture.claim([("2024-06-03", [O(category: 11, codes: ["111000110"])]), ("2024-06-20", [O(category: 11, codes: ["111000110"])])]))
        XCTAssertTrue(AuditFixture.findings(twoDays, .firstVisitTwiceADay).isEmpty)
    }

    /// Review 289 EF-1: a count group (count-limits.json: C157 2・C158・C159 1 合わせて３月に３回) counts the --history months before
    /// its first date too: C158 in April and May 2024 with C159 1 in April make June's C158 the 4th — removed.
    func testAGroupLimitCountsEarlierMonthsOfTheHistory() throws {
        let june = AuditFixture.claim(id: "jun", [("2024-06-12", [O(category: 14, codes: ["114003710"]), O(category: 14, codes: ["114006210"])])])
        let april = AuditFixture.claim(id: "apr", [("2024-04-10", [O(category: 14, codes: ["114003710"]), O(category: 14, codes: ["114006210"]), O(category: 14, codes: ["114004910"])])])
        let may = AuditFixture.claim(id: "may", [("2024-05-15", [O(category: 14, codes: ["114003710"]), O(category: 14, codes: ["114006210"])])])
        let r = try audit(june, history: [april, may])
        XCTAssertEqual(AuditFixture.findings(r, .countLimit).map(\.codes), [["114006210"]])
        XCTAssertTrue(AuditFixture.findings(try audit(june, history: [may]), .countLimit).isEmpty, "2 + 1: within the limit")
    }

    /// Review 109 S17, 第10部 通則14: K718 1 虫垂切除術 150181610 (6,740) and K733 盲腸縫縮術 150185810 (4,400) on one day —
    /// the 通知's own example of one 手術野 — is a warning naming the 主たる手術 K718; nothing removed. One 手術 a day, or
    /// one on each of two days, is no finding.
    func testTwoSurgeriesOnOneDayAskWhetherTheyShareAField() throws {
        let both = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150181610"]), O(category: 50, codes: ["150185810"])])]))
        let f = AuditFixture.findings(both, .surgeriesOfOneDay)
        XCTAssertEqual(f.map(\.codes), [["150185810", "150181610"]])
        XCTAssertEqual(f.map(\.severity), [.warning])
        XCTAssertNil(both.corrected)
        let apart = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150181610"])]), ("2024-07-11", [O(category: 50, codes: ["150185810"])])]))
        XCTAssertTrue(AuditFixture.findings(apart, .surgeriesOfOneDay).isEmpty)
        // Review 288 EE-3, 通知 第10部 通則3: one 手術 row of 回数 2 on one day is a warning too (同種の手術 — unless 特別の理由 or a
        // row priced per 指 or 部位); nothing removed.
        let twice = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150181610"], times: 2)])]))
        XCTAssertEqual(AuditFixture.findings(twice, .surgeriesOfOneDay).map(\.codes), [["150181610"]])
        XCTAssertNil(twice.corrected)
    }

    /// Review 191 AL04, 通知 第10部 通則4: a 処置 (J000 1 創傷処置 140000610) and a 注射 手技 (G001 静脈内注射 130003510) on the
    /// day of K000 4 創傷処理 150001010 are a warning each (related to the 手術 or not: the claim does not say); ギプス
    /// (J122 四肢ギプス包帯 140040810) is not; a 処置 of another day is not.
    func testAProcedureOnTheDayOfASurgeryIsAsked() throws {
        let day = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150001010"]), O(category: 40, codes: ["140000610"]), O(category: 32, codes: ["130003510"]), O(category: 40, codes: ["140040810"])])]))
        let f = AuditFixture.findings(day, .procedureOnSurgeryDay)
        XCTAssertEqual(f.map(\.codes), [["140000610", "150001010"], ["130003510", "150001010"]])
        XCTAssertEqual(Set(f.map(\.severity)), [.warning])
        XCTAssertNil(day.corrected)
        let apart = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150001010"])]), ("2024-07-11", [O(category: 40, codes: ["140000610"])])]))
        XCTAssertTrue(AuditFixture.findings(apart, .procedureOnSurgeryDay).isEmpty)
        // A 準用 手術 (告示等識別区分 5: 150180350 腸閉塞症手術) makes a 手術 day too (review 194 AO-4).
        let analogous = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150180350"]), O(category: 40, codes: ["140000610"])])]))
        XCTAssertEqual(AuditFixture.findings(analogous, .procedureOnSurgeryDay).map(\.codes), [["140000610", "150180350"]])
    }

    /// Review 374 HN-1/HN-2/HN-3 (2021-10, R02): 特定疾患処方管理加算２ on the 処方料 of 10/4 and on the 処方箋料 of 10/25 is one too
    /// many (通知 F100 (9) イ: いずれか一方の加算として月１回 — count-limits.json groups), as is a third 加算１ over both; the
    /// 外来迅速検体検査加算 × 5 on a day of 3 検体検査 is over the day's items (通則3: 各項目…10点, daily-quantity-limits.json).
    func testPrescriptionAddOnsCountOverBothFeesAndTheRapidAddOnOverTheDaysTests() throws {
        let two = try audit(AuditFixture.claim([("2021-10-04", [O(category: 12, codes: ["112007410"]), O(category: 25, codes: ["120001210", "120003170"])]),
                                                 ("2021-10-25", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["120002910", "120003270"])])]))
        XCTAssertEqual(AuditFixture.findings(two, .countLimit).map(\.codes.first), ["120003270"])
        let three = try audit(AuditFixture.claim([("2021-10-04", [O(category: 12, codes: ["112007410"]), O(category: 25, codes: ["120001210", "120002270"])]),
                                                   ("2021-10-11", [O(category: 12, codes: ["112007410"]), O(category: 25, codes: ["120001210", "120002270"])]),
                                                   ("2021-10-25", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["120002910", "120002570"])])]))
        XCTAssertEqual(AuditFixture.findings(three, .countLimit).map(\.codes.first), ["120002570"])
        var rapid = AuditFixture.claim([("2021-10-04", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160017410", "160019010", "160019210"]),
                                                         O(category: 60, codes: ["160177770"])])])
        rapid.encounters[0].orders[2].items[0].quantity = Claim.Quantity(scaled: 5 * UnitItem.quantityScale)
        XCTAssertEqual(AuditFixture.findings(try audit(rapid), .dayQuantityLimit).map(\.codes.first), ["160177770"])
        rapid.encounters[0].orders[2].items[0].quantity = Claim.Quantity(scaled: 3 * UnitItem.quantityScale)
        XCTAssertTrue(AuditFixture.findings(try audit(rapid), .dayQuantityLimit).isEmpty, "3 add-ons for 3 tests")
        // Review 387 IA-1: the s master prices 160177770 past its きざみ 上限値 5 at 5 (上下限エラー処理 1: 点数算定式２, R06rec1 項番35);
        // 数量 8 for 8 tests done is no fault, and the day counts 5 of its 5. A second order of the day still passes the day's 5.
        func eightTests(_ rapidOrders: Int) -> Claim {
            var c = AuditFixture.claim([("2021-10-04", [O(category: 12, codes: ["112007410"]),
                                                         O(category: 60, codes: ["160008010", "160017410", "160019010", "160019210", "160000310", "160020410", "160021010", "160022510"])]
                                                        + Array(repeating: O(category: 60, codes: ["160177770"]), count: rapidOrders))])
            c.encounters[0].orders[2].items[0].quantity = Claim.Quantity(scaled: 8 * UnitItem.quantityScale)
            return c
        }
        XCTAssertTrue(AuditFixture.findings(try audit(eightTests(1)), .dayQuantityLimit).isEmpty, "8 recorded, 5 priced")
        XCTAssertEqual(AuditFixture.findings(try audit(eightTests(2)), .dayQuantityLimit).map(\.order), [3], "a second order past the day's 5")
    }

    /// Review 212 BG-1, 第13部 第1節 通則1 「３臓器を限度」: N000 1 組織切片 160060010 at 4 回 in one order is an error (SA-N007) that
    /// apply lowers to 3; 2 + 2 over two orders of a day lowers the second to 1; 3 + 3 on two days is kept. Review 204 AY-2 / 209
    /// BD-6: an 内視鏡検査 (D308 160093810) beside a 手術 by 内視鏡 (K721 1 150285010) is a warning (SA-K002), beside one by 顕微鏡
    /// (K142-8 150426110) it is not.
    func testTheDayOrganLimitAndTheEndoscopicSurgeryDay() throws {
        let four = try audit(AuditFixture.claim([("2024-10-01", [O(category: 60, codes: ["160060010"], times: 4)])]))
        XCTAssertEqual(AuditFixture.findings(four, .dayQuantityLimit).map(\.severity), [.error])
        XCTAssertEqual(four.corrected?.encounters[0].orders.first?.times, 3)
        let split = try audit(AuditFixture.claim([("2024-10-01", [O(category: 60, codes: ["160060010"], times: 2), O(category: 60, codes: ["160060010"], times: 2)])]))
        XCTAssertEqual(AuditFixture.findings(split, .dayQuantityLimit).map(\.order), [1])
        XCTAssertEqual(split.corrected?.encounters[0].orders.map { $0.times ?? 1 }, [2, 1])
        let days = try audit(AuditFixture.claim([("2024-10-01", [O(category: 60, codes: ["160060010"], times: 3)]), ("2024-10-02", [O(category: 60, codes: ["160060010"], times: 3)])]))
        XCTAssertTrue(AuditFixture.findings(days, .dayQuantityLimit).isEmpty)
        let scope = try audit(AuditFixture.claim([("2024-10-01", [O(category: 50, codes: ["150285010"]), O(category: 60, codes: ["160093810"])])]))
        XCTAssertEqual(AuditFixture.findings(scope, .procedureOnSurgeryDay).map(\.codes), [["160093810", "150285010"]])
        let microscope = try audit(AuditFixture.claim([("2024-10-01", [O(category: 50, codes: ["150426110"]), O(category: 60, codes: ["160093810"])])]))
        XCTAssertTrue(AuditFixture.findings(microscope, .procedureOnSurgeryDay).isEmpty)
    }

    /// Review 194 AO-3, 手術 通則7・8: 新生児加算（手術） 150000190 stated for a newborn beside K718 虫垂切除術 150181610 (not of the
    /// 通則7 list) is removed (SA-A004, error); beside K002 デブリードマン 150002210 (of the list) it stays.
    func testANeonatalSurgeryAddOnOffTheListIsRemoved() throws {
        let off = try audit(AuditFixture.claim(birth: "2024-10-20", [("2024-11-05", [O(category: 50, codes: ["150181610", "150000190"])])]))
        let f = AuditFixture.findings(off, .neonatalAddOnOffList)
        XCTAssertEqual(f.map(\.codes), [["150000190"]])
        XCTAssertEqual(f.map(\.severity), [.error])
        XCTAssertEqual(off.corrected?.encounters[0].orders[0].items.map(\.code), ["150181610"])
        let on = try audit(AuditFixture.claim(birth: "2024-10-20", [("2024-11-05", [O(category: 50, codes: ["150002210", "150000190"])])]))
        XCTAssertTrue(AuditFixture.findings(on, .neonatalAddOnOffList).isEmpty)
    }

    /// Review 198 AS-10: 150268970 ２以上の手術の５０％併施加算 (％減算) in an order of its own prices 0 — a warning (SA-A005); in the
    /// order of the 従たる手術 it is no finding.
    func testAnOrderOfPercentRowsOnlyIsAsked() throws {
        let alone = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150159410"]), O(category: 50, codes: ["150159010"]), O(category: 50, codes: ["150268970"])])]))
        let f = AuditFixture.findings(alone, .percentRowsAlone)
        XCTAssertEqual(f.map(\.codes), [["150268970"]])
        XCTAssertEqual(f.map(\.severity), [.warning])
        let beside = try audit(AuditFixture.claim([("2024-07-10", [O(category: 50, codes: ["150159410"]), O(category: 50, codes: ["150159010", "150268970"])])]))
        XCTAssertTrue(AuditFixture.findings(beside, .percentRowsAlone).isEmpty)
    }

    /// Reviews 189 AJ-5, 190 AK5: 処方箋料 120002910 (点数欄集計先 800) under 診療識別 13 and 再診料 112007410 (120) under 99 are a
    /// warning each (R06rec2 別紙7-2); the same rows under 80 and 12 are not.
    func testARowUnderAnotherCategoryThanItsColumnIsAsked() throws {
        let wrong = try audit(AuditFixture.claim([("2024-07-10", [O(category: 99, codes: ["112007410"]), O(category: 13, codes: ["120002910"])])]))
        XCTAssertEqual(AuditFixture.findings(wrong, .categoryColumn).map(\.codes), [["112007410"], ["120002910"]])
        // Within 第1部 the 点数欄 is exact (review 194 AO-5): 再診料 under 13, 外来管理加算 (122) under 14.
        let within = try audit(AuditFixture.claim([("2024-07-10", [O(category: 13, codes: ["112007410"]), O(category: 14, codes: ["112011010"])])]))
        XCTAssertEqual(AuditFixture.findings(within, .categoryColumn).map(\.codes), [["112007410"], ["112011010"]])
        let right = try audit(AuditFixture.claim([("2024-07-10", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["120002910"])])]))
        XCTAssertTrue(AuditFixture.findings(right, .categoryColumn).isEmpty)
        // Review 371 HK-3: a drug (620002477) under 12 再診 has no 薬剤料 点数欄; under 21 内服 it has.
        var drug = AuditFixture.claim([("2024-07-10", [O(category: 12, codes: ["112007410", "620002477"])])])
        drug.encounters[0].orders[0].items[1].quantity = Claim.Quantity(scaled: 100_000)
        XCTAssertEqual(AuditFixture.findings(try audit(drug), .categoryColumn).map(\.codes), [["620002477"]])
        drug.encounters[0].orders = [Claim.Order(category: 12, items: [drug.encounters[0].orders[0].items[0]], times: nil, comments: nil), Claim.Order(category: 21, items: [drug.encounters[0].orders[0].items[1]], times: nil, comments: nil)]
        XCTAssertTrue(AuditFixture.findings(try audit(drug), .categoryColumn).isEmpty)
    }

    /// Review 115, 第2部 第2節 第2款 通則1: 114007410 血糖自己測定器加算 (C150) in a month without any 在宅療養指導管理料
    /// (C100–C121) is asked (SA-A006), not removed — 通知 第2節 第2款 1 lets it be billed without one when its requirements are
    /// met (review 330 FU-3); with 114040610 (C101) on another day of the month, or in the history, nothing is asked.
    func testAHomeCareMaterialAddOnNeedsAGuidanceFeeInTheMonth() throws {
        let alone = try audit(AuditFixture.claim([("2024-07-19", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114007410"])])]))
        XCTAssertEqual(AuditFixture.findings(alone, .monthAddOnWithoutBase).map(\.codes), [["114007410"]])
        XCTAssertEqual(AuditFixture.findings(alone, .sectionAddOnWithoutBase).map(\.codes), [])
        XCTAssertNil(alone.corrected, "nothing is removed")
        let withFee = try audit(AuditFixture.claim([("2024-07-05", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114040610"])]),
                                                    ("2024-07-19", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114007410"])])]))
        XCTAssertTrue(AuditFixture.findings(withFee, .monthAddOnWithoutBase).isEmpty)
        let history = AuditFixture.claim(id: "h", [("2024-07-05", [O(category: 14, codes: ["114040610"])])])
        let withHistory = try auditor.audit(AuditFixture.claim([("2024-07-19", [O(category: 12, codes: ["112007410"]), O(category: 14, codes: ["114007410"])])]), history: [history], mode: .apply)
        XCTAssertTrue(AuditFixture.findings(withHistory, .monthAddOnWithoutBase).isEmpty)
    }
    /// Review 298 EO-2, B001-2-5 注 (入院中の患者以外の患者（救急用の自動車等により緊急に搬送された者を除く。）): a 院内トリアージ実施料 on
    /// an encounter whose arrival is ambulance is removed (SA-C011); the same encounter walked in keeps it.
    func testTriageIsNotForAPatientBroughtByAmbulance() throws {
        func claim(_ arrival: String) throws -> Claim {
            try ClaimJSON.parse(ArraySlice(Array((#"{"id":"t","patient":{"birth_date":"1980-05-10","sex":"1"},"diseases":[{"code":"8833421","start":"2024-07-01"}],"facility":{"kind":"hospital","beds":150,"standards":[{"code":3050,"from":"2024-06-01"}]},"encounters":[{"date":"2024-07-03","time_band":"night","visit":"first","arrival":""# + arrival + #"","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":13,"items":[{"code":"113013710"}]}]}]}"#).utf8)))
        }
        let carried = try audit(claim("ambulance"))
        XCTAssertEqual(AuditFixture.findings(carried, .arrivalExcluded).map(\.codes), [["113013710"]])
        XCTAssertEqual(carried.corrected.map(AuditFixture.codes), [["111000110"]])
        XCTAssertTrue(AuditFixture.findings(try audit(claim("walk_in")), .arrivalExcluded).isEmpty)
    }

    /// Review 295 EL-3, 通知 K600 (2): IABP beside a PCI of the same day is billed with it — no SA-K001 warning; two 手術 of one
    /// day still are asked.
    func testHeartAssistIsNoSecondSurgeryOfTheDay() throws {
        let pci = try audit(AuditFixture.claim(inpatient: true, [("2024-07-10", [O(category: 50, codes: ["150375410"]), O(category: 50, codes: ["150148010"])])]))
        XCTAssertTrue(AuditFixture.findings(pci, .surgeriesOfOneDay).isEmpty)
        let two = try audit(AuditFixture.claim(inpatient: true, [("2024-07-10", [O(category: 50, codes: ["150375410"]), O(category: 50, codes: ["150159410"])])]))
        XCTAssertEqual(AuditFixture.findings(two, .surgeriesOfOneDay).count, 1)
    }

    /// Review 332 FW-5, 告示 第3部 第3節 呼吸循環機能検査等 通則1 (２回目以降…100分の90): the month's second ECG of a receipt sent as
    /// stated without 検査逓減 160000190 is asked (SA-T001, warning); with the row in its order it is not (FW-6: the stated row is no
    /// second 検査 of its own).
    func testASecondTestOfTheMonthWithoutItsReductionIsAsked() throws {
        let bare = try audit(AuditFixture.claim([("2024-07-01", [O(category: 60, codes: ["160068410"])]), ("2024-07-08", [O(category: 60, codes: ["160068410"])])]), .advise)
        let f = AuditFixture.findings(bare, .repeatTestUnreduced)
        XCTAssertEqual(f.map(\.codes), [["160068410"]])
        XCTAssertEqual(f.map(\.encounter), [1])
        XCTAssertEqual(f.map(\.severity), [.warning])
        let reduced = try audit(AuditFixture.claim([("2024-07-01", [O(category: 60, codes: ["160068410"])]), ("2024-07-08", [O(category: 60, codes: ["160068410", "160000190"])])]), .advise)
        XCTAssertTrue(AuditFixture.findings(reduced, .repeatTestUnreduced).isEmpty)
    }

    /// Review 332 FW-1, 告示 J119 注2 (１から３までの療法のうち２以上の療法を行った場合は、主たる療法の所定点数のみ): the day's second 療法 is
    /// named (SA-N008 main-only-per-day — one rule since review 392 IF-1, where SA-I003 and SA-N008 each kept another and both were
    /// left out; warning, nothing removed: santei price leaves it out); on another day it is not.
    func testASecondPainReliefTherapyOfTheDayIsAsked() throws {
        let sameDay = try audit(AuditFixture.claim([("2024-07-01", [O(category: 40, codes: ["140029610"]), O(category: 40, codes: ["140002210"])])]), .apply)
        let f = AuditFixture.findings(sameDay, .mainOnlyOfDay)
        XCTAssertEqual(f.map(\.codes.first), ["140002210"])
        XCTAssertEqual(f.map(\.severity), [.warning])
        XCTAssertTrue(AuditFixture.findings(sameDay, .includedInManagementFee).isEmpty, "one rule names it")
        XCTAssertFalse(sameDay.findings.contains { $0.applied }, "advice only")
        let twoDays = try audit(AuditFixture.claim([("2024-07-01", [O(category: 40, codes: ["140029610"])]), ("2024-07-02", [O(category: 40, codes: ["140002210"])])]), .apply)
        XCTAssertTrue(AuditFixture.findings(twoDays, .mainOnlyOfDay).isEmpty)
    }

    /// Review 332 FW-4: a receipt without 点数 that repeats an ECG's 診療識別, 回数 and 算定日 on its 検査逓減 row is one unit for the audit
    /// as for uke recalc (`UKERecalc.joinsOpenUnit`): no SA-A005 for a ％ row "alone" and no SA-T001 for a reduction it carries.
    func testAUKEWithoutPointsKeepsAPercentRowWithItsTest() throws {
        let si = { (category: String, code: String, day: Int) in
            "SI,\(category),1,\(code),,,1,,,,,,," + (1...31).map { $0 == day ? "1" : "" }.joined(separator: ",")
        }
        let lines = ["IR,1,13,1,1234567,,TEST,202408,00,0312345678", "RE,1,1112,202407,TEST,1,19600410,,,,,,,00001", "HO,06131015,1,1,2,0",
                     "SY,8833421,20240701,1,,,01,", si("60", "160068410", 1), si("60", "160068410", 8), si("60", "160000190", 8), "GO,1,0,99"]
        let bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        let doc = UKEDocument(bytes: bytes, name: "t.UKE")
        let read = try UKEClaims.claims(doc, masters: RealData.masters())[0].claim.get()
        XCTAssertEqual(read.encounters.flatMap { $0.orders.map { $0.items.map(\.code) } }, [["160068410"], ["160068410", "160000190"]])
        let r = try audit(read, .advise)
        XCTAssertTrue(AuditFixture.findings(r, .percentRowsAlone).isEmpty)
        XCTAssertTrue(AuditFixture.findings(r, .repeatTestUnreduced).isEmpty)
        // Without masters the ％ row starts a unit of its own, as before.
        let bare = try UKEClaims.claims(doc)[0].claim.get()
        XCTAssertEqual(bare.encounters.flatMap { $0.orders.map { $0.items.map(\.code) } }.count, 3)
    }

    /// Main-only-per-day rules (通知 J054 (7): 赤外線療法、紫外線療法… を同一日に行った場合は、主たるものの所定点数のみ): the day's second
    /// J054 row is named (SA-N008, warning; not removed — santei price leaves it out); on another day it is not.
    func testTheDaysSecondRowOfAMainOnlyRuleIsAsked() throws {
        let sameDay = try audit(AuditFixture.claim([("2024-07-01", [O(category: 40, codes: ["140028810"]), O(category: 40, codes: ["140051510"])])]), .apply)
        let f = AuditFixture.findings(sameDay, .mainOnlyOfDay)
        XCTAssertEqual(f.count, 1, "\(sameDay.findings.map(\.message))")
        XCTAssertEqual(f.map(\.severity), [.warning])
        XCTAssertFalse(f.contains { $0.applied })
        let twoDays = try audit(AuditFixture.claim([("2024-07-01", [O(category: 40, codes: ["140028810"])]), ("2024-07-02", [O(category: 40, codes: ["140051510"])])]), .apply)
        XCTAssertTrue(AuditFixture.findings(twoDays, .mainOnlyOfDay).isEmpty)
    }

    /// Review 338 GC-1, 告示 B001-2 注2 and 通知 B001-2 (2) (パリビズマブを投与している患者（投与当日に限る。）): 小児科外来診療料 on the day
    /// シナジス is given is removed (SA-C012, error); on another day of the month it stays.
    /// Review 387 IA-2, 通知 第6部 通則 (9) (management-fee-inclusion.json, R02 and R04 as R06): a G001 静注 beside the day's G004
    /// 点滴 is not billed (SA-I003, removed in apply); two 静注 of a day (G001 is 1回につき), or a 静注 and a 点滴 on two days, are.
    func testAnIntravenousInjectionBesideTheDaysDripIsNotBilled() throws {
        for day in ["2021-10-05", "2023-10-05", "2024-10-07"] {
            let both = try audit(AuditFixture.claim([(day, [O(category: 12, codes: ["112007410"]), O(category: 32, codes: ["130003510"]), O(category: 33, codes: ["130003810"])])]))
            let f = AuditFixture.findings(both, .includedInManagementFee)
            XCTAssertEqual(f.map(\.codes.first), ["130003510"], "\(day): \(both.findings.map(\.message))")
            XCTAssertEqual(f.map(\.order), [1])
            let twoShots = try audit(AuditFixture.claim([(day, [O(category: 12, codes: ["112007410"]), O(category: 32, codes: ["130003510"]), O(category: 32, codes: ["130003510"])])]))
            XCTAssertTrue(AuditFixture.findings(twoShots, .includedInManagementFee).isEmpty, day)
        }
        let twoDays = try audit(AuditFixture.claim([("2021-10-05", [O(category: 32, codes: ["130003510"])]), ("2021-10-06", [O(category: 33, codes: ["130003810"])])]))
        XCTAssertTrue(AuditFixture.findings(twoDays, .includedInManagementFee).isEmpty)
    }

    func testThePediatricFeeIsNotBilledOnAPalivizumabDay() throws {
        let sameDay = try audit(AuditFixture.claim(birth: "2024-03-10", [("2024-10-02", [O(category: 13, codes: ["113003810"]), O(category: 31, codes: ["130000510", "622197301"])])]), .apply)
        XCTAssertEqual(AuditFixture.findings(sameDay, .drugExcluded).map(\.codes), [["113003810"]])
        XCTAssertEqual(sameDay.corrected.map(AuditFixture.codes), [["130000510", "622197301"]])
        let otherDay = try audit(AuditFixture.claim(birth: "2024-03-10", [("2024-10-02", [O(category: 13, codes: ["113003810"])]), ("2024-10-09", [O(category: 31, codes: ["130000510", "622197301"])])]), .apply)
        XCTAssertTrue(AuditFixture.findings(otherDay, .drugExcluded).isEmpty)
    }

    /// Review 339 GD-1, 告示 H002 注5 (150日を超えて…１月13単位に限り): 4 × 4 単位 of 運動器リハ in July, 175 days after the 発症年月日
    /// comment: the day that takes the month past 13 単位 is asked (SA-V009, warning: a 除外対象患者 is not capped); 3 × 4 are not.
    func testRehabilitationPastItsStandardDaysIsCappedAt13UnitsAMonth() throws {
        func claim(_ days: [String]) -> Claim {
            AuditFixture.claim(days.map { ($0, [O(category: 80, codes: ["180755710"], times: 4, comments: [Claim.Comment(code: "850100224", text: "5060110")])]) })
        }
        let four = try audit(claim(["2024-07-02", "2024-07-09", "2024-07-16", "2024-07-23"]), .advise)
        let f = AuditFixture.findings(four, .unitsPastStandardDays)
        XCTAssertEqual(f.map(\.encounter), [3], "\(four.findings.map(\.message))")
        XCTAssertEqual(f.map(\.severity), [.warning])
        XCTAssertTrue(AuditFixture.findings(try audit(claim(["2024-07-02", "2024-07-09", "2024-07-16"]), .advise), .unitsPastStandardDays).isEmpty)
        // Within the 150 days (発症 2024-05-01: day 63–84) nothing is asked.
        let early = AuditFixture.claim(["2024-07-02", "2024-07-09", "2024-07-16", "2024-07-23"].map { ($0, [O(category: 80, codes: ["180755710"], times: 4, comments: [Claim.Comment(code: "850100224", text: "5060501")])]) })
        XCTAssertTrue(AuditFixture.findings(try audit(early, .advise), .unitsPastStandardDays).isEmpty)
    }

    /// Review 346 GL-1, 通知 A002 (10) (外来診療料には、包括されている検査項目に係る判断料が含まれず、別に算定できる): a 血液学的検査判断料 on a
    /// month with 外来診療料 is no SA-J003 though no 血液学的検査 is listed (the fee includes it); without 外来診療料 it is.
    func testAJudgementFeeOfATestTheOutpatientFeeIncludesStands() throws {
        let fee = try audit(AuditFixture.claim(facility: "hospital", [("2025-06-09", [O(category: 12, codes: ["112011310"]), O(category: 60, codes: ["160061810"])])]), .advise)
        XCTAssertTrue(AuditFixture.findings(fee, .judgementFeeWithoutTest).isEmpty, "\(fee.findings.map(\.message))")
        let clinic = try audit(AuditFixture.claim([("2025-06-09", [O(category: 12, codes: ["112007410"]), O(category: 60, codes: ["160061810"])])]), .advise)
        XCTAssertEqual(AuditFixture.findings(clinic, .judgementFeeWithoutTest).map(\.codes), [["160061810"]])
    }

    /// Review 348 GN-1, R06rec1 項番39 (同時に算定が可能な注加算に、異なる番号) and 告示 I002 注3 ただし (注４に規定する加算を算定した場合は、
    /// 算定しない): 通院精神療法 with its 20歳未満加算 (320点) and 児童思春期精神科専門管理加算 (1,200点), both 注加算コード 8028 通番 1 —
    /// the 20歳未満加算 is removed (SA-A007, error); with one of them only nothing is found.
    func testTwoAddOnsOfOneSerialExcludeEachOther() throws {
        let both = try audit(AuditFixture.claim(birth: "2010-05-01", [("2024-07-10", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180067410", "180020570", "180047370"])])]), .apply)
        let f = AuditFixture.findings(both, .exclusiveAddOns)
        XCTAssertEqual(f.map(\.codes), [["180020570", "180047370"]], "\(both.findings.map(\.message))")
        XCTAssertEqual(f.map(\.severity), [.error])
        XCTAssertEqual(both.corrected.map(AuditFixture.codes), [["112007410", "180067410", "180047370"]])
        let one = try audit(AuditFixture.claim(birth: "2010-05-01", [("2024-07-10", [O(category: 12, codes: ["112007410"]), O(category: 80, codes: ["180067410", "180020570"])])]), .apply)
        XCTAssertTrue(AuditFixture.findings(one, .exclusiveAddOns).isEmpty)
    }

    /// Review 349 GO-2, 記載要領 傷病名欄 (診療開始日): a 診療開始日 after the claim's month, or before the birth date, is SA-D009 (error);
    /// one earlier in the month or years before is not.
    func testAStartDateTheMonthHasNotReachedOrBeforeBirthIsAnError() throws {
        func findings(_ start: String) throws -> [AuditFinding] {
            var d = Claim.Disease(code: "8833421", main: true)
            d.start = start
            return AuditFixture.findings(try audit(AuditFixture.claim(birth: "1980-01-01", diseases: [d], [("2024-07-10", [O(category: 12, codes: ["112007410"])])]), .advise), .diseaseStartImpossible)
        }
        XCTAssertEqual(try findings("2099-01-01").map(\.severity), [.error])
        XCTAssertEqual(try findings("2024-08-01").count, 1)
        XCTAssertEqual(try findings("1979-12-31").count, 1)
        XCTAssertEqual(try findings("2024-07-31").count, 0, "in the month")
        XCTAssertEqual(try findings("1980-01-01").count, 0)
    }
}
