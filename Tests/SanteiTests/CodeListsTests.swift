import XCTest
@testable import Santei

/// The code lists of `Sources/Santei/Masters/CodeLists/` against the 令和6年度版 specification PDFs
/// (`shared/masters/specs/`), and against the values the real masters carry when `shared/` is present.
final class CodeListsTests: XCTestCase {

    // MARK: - 本編 / 別紙 of the master specification (R06rec1.pdf, R06rec2.pdf)

    func testChangeKind() {
        XCTAssertEqual(ChangeKind.knownValues.map(\.rawValue), [0, 1, 2, 3, 5, 9])
        XCTAssertEqual(ChangeKind.abolished.meaning, "廃止")
        XCTAssertEqual(ChangeKind.revived.meaning, "復活")
        XCTAssertNil(ChangeKind(rawValue: 4).meaning)
        XCTAssertEqual(ChangeKind(field: "5"), .changed)
        XCTAssertNil(ChangeKind(field: ""))
    }

    func testPointKind() {  // 別紙7-1, R06rec1 項番11・57
        XCTAssertEqual(PointKind.knownValues.map(\.rawValue), [0, 1, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(PointKind(rawValue: 5).meaning, "％加算")
        XCTAssertEqual(PointKind.percentReduction.meaning, "％減算")
        XCTAssertEqual(PointKind.points.meaning, "点数（プラス）")
        XCTAssertEqual(PointKind.negativePoints.meaning, "点数（マイナス）")
        XCTAssertEqual(PointKind.purchasePrice.meaning, "購入価格（点数）")
        XCTAssertEqual(PointKind.newlyCreated.meaning, "診療報酬改定又はそれ以降に新設された診療行為")
        XCTAssertEqual(PointKind.percentAddition.description, "5: ％加算")
        XCTAssertEqual(PointKind(rawValue: 2).description, "2")
    }

    func testPointColumn() {  // 別紙7-2
        XCTAssertEqual(PointColumn.meanings.count, 34)
        XCTAssertEqual(PointColumn(rawValue: 110).meaning, "初診")
        XCTAssertEqual(PointColumn(rawValue: 120).meaning, "再診（再診・外来診療料）")
        XCTAssertEqual(PointColumn.revisitOutpatientManagement.meaning, "再診（外来管理加算）")
        XCTAssertEqual(PointColumn(rawValue: 300).meaning, "注射（生物学的製剤・精密持続点滴・麻薬・外来化学療法加算）")
        XCTAssertEqual(PointColumn(rawValue: 600).meaning, "検査・病理診断")
        XCTAssertEqual(PointColumn(rawValue: 975).meaning, "生活療養環境療養（標準負担額）")
        XCTAssertEqual(PointColumn.unused.meaning, "未使用")
        // The 入院 and 入院外 columns of the table.
        XCTAssertTrue(PointColumn.firstVisit.isUsedOnInpatientReceipts)
        XCTAssertTrue(PointColumn.firstVisit.isUsedOnOutpatientReceipts)
        XCTAssertFalse(PointColumn.revisit.isUsedOnInpatientReceipts)
        XCTAssertTrue(PointColumn.dispensingInpatient.isUsedOnInpatientReceipts)
        XCTAssertFalse(PointColumn.dispensingInpatient.isUsedOnOutpatientReceipts)
        XCTAssertFalse(PointColumn.admissionBasicFee.isUsedOnOutpatientReceipts)
        XCTAssertEqual(PointColumn.inpatientCodes.count, 23)
        XCTAssertEqual(PointColumn.outpatientCodes.count, 24)
        XCTAssertEqual(PointColumn.inpatientCodes.union(PointColumn.outpatientCodes).union([0]),
                       Set(PointColumn.meanings.keys))
    }

    func testApplicabilityLists() {  // R06rec1 項番13, 14, 19
        XCTAssertEqual(InpatientApplicability.inpatientOnly.meaning, "入院レセプトに限り記録可能な診療行為")
        XCTAssertEqual(InpatientApplicability.outpatientOnly.meaning, "入院外レセプトに限り記録可能な診療行為")
        XCTAssertTrue(InpatientApplicability.any.allows(inpatient: true))
        XCTAssertFalse(InpatientApplicability.outpatientOnly.allows(inpatient: true))
        XCTAssertEqual(ElderlyApplicability.lateElderlyOnly.meaning, "後期高齢者医療に限り適用される診療行為")
        XCTAssertFalse(ElderlyApplicability.healthInsuranceOnly.allows(lateElderly: true))
        XCTAssertEqual(FacilityType.knownValues.map(\.rawValue), [0, 1, 2, 4])
        XCTAssertEqual(FacilityType(rawValue: 2).meaning, "診療所に限り適用される診療行為")
        XCTAssertEqual(FacilityType(rawValue: 4).meaning, "短期滞在手術等基本料３")
        XCTAssertEqual(DPCApplicability(rawValue: 9).meaning, "診断群分類（ＤＰＣ）点数表の適用外となる診療行為（包括評価対象外）")
    }

    func testAddOnDependentLists() {  // R06rec1 項番43, 46, 56, 40
        XCTAssertEqual(TimeAddOnClass.meanings.count, 8)
        XCTAssertEqual(TimeAddOnClass.addOnMeanings.count, 10)
        XCTAssertEqual(TimeAddOnClass.afterHours.meaning, "時間外加算等を算定可能な診療行為（「合成項目」を含む。）")
        XCTAssertEqual(TimeAddOnClass.afterHours.meaning(for: .addOn), "時間外加算自体")
        XCTAssertEqual(TimeAddOnClass.afterHours.meaning(for: .basic), TimeAddOnClass.afterHours.meaning)
        XCTAssertEqual(TimeAddOnClass.nightAndEarlyMorning.meaning, "夜間・早朝加算自体")
        XCTAssertNil(TimeAddOnClass.surgeryHoliday.meaning)
        XCTAssertEqual(TimeAddOnClass.surgeryHoliday.meaning(for: .generalRuleAddOn),
                       "休日加算（手術又は１，０００点以上の処置）（注加算又は通則加算）自体")
        XCTAssertEqual(InfantAddOnClass(rawValue: 4).meaning, "６歳未満乳幼児加算（処置）（８３点）を算定可能な診療行為")
        XCTAssertEqual(InfantAddOnClass(rawValue: 1).addOnMeaning, "３歳未満乳幼児加算（処置）（１１０点）自体")
        XCTAssertEqual(InfantAddOnClass.under6Points83.ageLimit, 6)
        XCTAssertEqual(InfantAddOnClass.under6Points83.addOnPoints, 83)
        XCTAssertEqual(OutpatientManagementClass.excludesAddOn.meaning, "外来管理加算を算定できない診療行為")
        XCTAssertEqual(OutpatientManagementClass.addOnItself.meaning, "外来管理加算自体")
        XCTAssertEqual(GeneralAgeClass.generalRule.meaning(isAddOnItem: true), "年齢に関する通則加算自体")
        XCTAssertTrue(NoticeClass1.generalRuleAddOn.isAddOnItem)
        XCTAssertFalse(NoticeClass1.analogous.isAddOnItem)
        XCTAssertEqual(NoticeClass1(rawValue: 5).meaning, "準用項目（通知）")
        XCTAssertEqual(NoticeClass2.knownValues.map(\.rawValue), [1, 3, 7])
        XCTAssertEqual(ImageGuidedSurgeryClass(rawValue: 6).addOnMeaning, "実物大心臓３Ｄモデルによる支援加算自体")
        XCTAssertEqual(InfectionControlClass(rawValue: "A").addOnMeaning, "発熱患者等対応加算（在宅医療）自体")
    }

    func testKizamiAndLimits() {  // R06rec1 項番30, 35, 37; 別紙7-5
        XCTAssertEqual(KizamiKind.stepped.meaning, "きざみ値により算定する診療行為")
        XCTAssertEqual(LimitErrorHandling.knownValues.count, 4)
        XCTAssertFalse(LimitErrorHandling(rawValue: 0).rejectsBelowLowerLimit)
        XCTAssertFalse(LimitErrorHandling(rawValue: 0).capsAtUpperLimit)
        XCTAssertTrue(LimitErrorHandling(rawValue: 1).capsAtUpperLimit)
        XCTAssertTrue(LimitErrorHandling(rawValue: 2).rejectsBelowLowerLimit)
        XCTAssertFalse(LimitErrorHandling(rawValue: 2).capsAtUpperLimit)
        XCTAssertTrue(LimitErrorHandling(rawValue: 3).rejectsBelowLowerLimit && LimitErrorHandling(rawValue: 3).capsAtUpperLimit)
        XCTAssertEqual(CountLimitErrorHandling.capAtLimit.meaning, "上限回数を算定する。")
    }

    func testJudgementAndBundledTests() {  // R06rec1 項番50, 51, 16
        XCTAssertEqual(JudgementClass.knownValues.count, 3)
        XCTAssertEqual(JudgementGroup.meanings.count, 20)
        XCTAssertEqual(JudgementGroup(rawValue: 3).meaning, "生化学的検査（Ⅰ）")
        XCTAssertEqual(JudgementGroup(rawValue: 33).meaning, "コンピューター断層診断")
        XCTAssertTrue(JudgementGroup.pathology.covers(.pathologyCytology))
        XCTAssertFalse(JudgementGroup.pathologyHistology.covers(.pathology))
        XCTAssertEqual(BundledTestGroup.meanings.count, 15)
        XCTAssertNil(BundledTestGroup(rawValue: 4).meaning)
        XCTAssertNil(BundledTestGroup(rawValue: 12).meaning)
        XCTAssertEqual(BundledTestGroup(rawValue: 1).meaning, "血液化学検査の包括項目")
        XCTAssertEqual(BundledTestGroup(rawValue: 5).meaning, "腫瘍マーカーの包括項目")
    }

    func testActualDaysAndAges() {  // R06rec1 項番27, 28, 41, 42; 別紙7-4
        XCTAssertEqual(ActualDaysClass(rawValue: 4).meaning, "外泊")
        XCTAssertEqual(DaysCountClass(rawValue: 1).meaning, "初診料")
        XCTAssertEqual(AgeCode(rawValue: "AA").meaning, "生後２８日")
        XCTAssertEqual(AgeCode(rawValue: "MG").meaning, "未就学児")
        XCTAssertEqual(AgeCode(rawValue: "BK").meaning, "２０歳に達した日の翌月の１日")
        XCTAssertEqual(AgeCode(rawValue: "06").years, 6)
        XCTAssertNil(AgeCode(rawValue: "B3").years)
        XCTAssertTrue(AgeCode(field: "00")!.isUnlimited)
    }

    func testFacilityStandard() {  // 別紙7-8, as data: Masters/params/codelists/facility-standards.json
        let list = FacilityStandardList.builtIn
        func count(_ table: String?) -> Int { list.codes.filter { $0.table == table }.count }
        XCTAssertEqual(count("medical") + count("medical_observation") + count("dental"), 1363, "§1 lists 1363 codes")
        XCTAssertEqual(count("medical_observation"), 17)
        XCTAssertEqual(count("dental"), 69)
        XCTAssertEqual(count(nil), 2, "名寄せ元 that only §2 names")
        XCTAssertEqual(FacilityStandard.meanings.count, 1365)
        XCTAssertTrue(list.codes.allSatisfy { $0.table == nil || (121...149).contains($0.page ?? 0) }, "every §1 code has its page of §1")
        XCTAssertEqual(FacilityStandard(rawValue: 3).meaning, "特定機能病院")
        XCTAssertEqual(FacilityStandard(rawValue: 236).meaning, "画像診断管理加算１")
        XCTAssertEqual(FacilityStandard(rawValue: 237).meaning, "画像診断管理加算２")
        // The list's own wording; §3's example calls it 「特定機能病院一般病棟７対１入院基本料」.
        XCTAssertEqual(FacilityStandard(rawValue: 3236).meaning, "特定一般病棟７対１入院基本料")
        XCTAssertEqual(FacilityStandard(rawValue: 3300).meaning, "特定集中治療室管理料１")
        XCTAssertEqual(FacilityStandard(rawValue: 4490).meaning, "診療録管理体制加算１")
        XCTAssertEqual(FacilityStandard(rawValue: 3429).meaning, "急性期一般入院料６（旧急性期一般入院料７）（夜勤時間特別入院基本料）")
        XCTAssertEqual(FacilityStandard(rawValue: 8025).meaning, "地域一般入院基本料（名寄せコード）")
        XCTAssertEqual(FacilityStandard(rawValue: 1390).meaning, "歯科外来・在宅ベースアップ評価料（２）８")
        XCTAssertEqual(FacilityStandard(rawValue: 880).table, .medicalObservation)
        XCTAssertEqual(FacilityStandard(rawValue: 1313).table, .dental)
        XCTAssertEqual(FacilityStandard(rawValue: 236).table, .medical)
        XCTAssertNil(FacilityStandard(rawValue: 9999).meaning)
        XCTAssertEqual(FacilityStandard(rawValue: 3566).meaning, "（旧）回復期リハビリテーション病棟入院料５")
        XCTAssertNil(FacilityStandard(rawValue: 3566).table)

        // §2 名寄せコード一覧.
        XCTAssertEqual(list.aggregations.count, 20)
        XCTAssertEqual(list.aggregationSources(of: 8025), [3531, 3199, 3200, 3538, 3204, 3205])
        XCTAssertEqual(list.aggregationSources(of: 849)?.count, 8)
        XCTAssertEqual(list.aggregationSources(of: 8001)?.count, 33)
        XCTAssertEqual(list.aggregationSources(of: 8026), [1351, 1313])
        XCTAssertTrue(list.aggregations.allSatisfy { (150...159).contains($0.page ?? 0) })
        for a in list.aggregations {
            XCTAssertNotNil(list.entry(a.code)?.table, "\(a.code) is listed in §1")
            for source in a.sources { XCTAssertNotNil(FacilityStandard(rawValue: source).meaning, "\(source)") }
        }

        // §3 設定例① and ②.
        func code(_ v: Int) -> FacilityStandard { FacilityStandard(rawValue: v) }
        let example1 = [236, 237, 0, 0, 0, 0, 0, 0, 0, 0].map(code)
        XCTAssertTrue(FacilityStandard.requirementIsMet(columns: example1) { $0 == code(237) })
        XCTAssertFalse(FacilityStandard.requirementIsMet(columns: example1) { $0 == code(238) })
        let example2 = [3236, 3238, 0, 0, 0, 0, 3300, 0, 0, 0].map(code)
        XCTAssertTrue(FacilityStandard.requirementIsMet(columns: example2) { [3238, 3300].contains($0.rawValue) })
        XCTAssertFalse(FacilityStandard.requirementIsMet(columns: example2) { $0.rawValue == 3236 })
        XCTAssertTrue(FacilityStandard.requirementIsMet(columns: [code(0)]) { _ in false })
        XCTAssertTrue(FacilityStandard.requirementIsMet(columns: [code(8025)]) { $0.rawValue == 3204 })
        XCTAssertFalse(FacilityStandard.requirementIsMet(columns: [code(8025)]) { $0.rawValue == 3531 + 1 })
    }

    func testUnitAndCountUnit() {  // 別紙4-1, tensuhyo 付表1
        XCTAssertEqual(UnitCode.meanings.count, 122)
        XCTAssertNil(UnitCode(rawValue: 152).meaning)
        XCTAssertNil(UnitCode.none.meaning)
        XCTAssertEqual(UnitCode(rawValue: 1).meaning, "分")
        XCTAssertEqual(UnitCode(rawValue: 58).meaning, "ｍＬ（ｇ）")
        XCTAssertEqual(UnitCode(rawValue: 130).meaning, "３分の１顎")
        XCTAssertEqual(CountUnit.meanings, UnitCode.meanings)
        XCTAssertEqual(CountUnit(rawValue: 131).meaning, "月")
        XCTAssertEqual(CountUnit(rawValue: 121).meaning, "日")
        XCTAssertEqual(CountUnit(rawValue: 138).meaning, "週")
        XCTAssertEqual(CountUnit(rawValue: 133).meaning, "入院中")
        XCTAssertEqual(CountUnit(rawValue: 141).meaning, "一連")
        XCTAssertEqual(CountUnit(rawValue: 53).meaning, "患者当り")
        XCTAssertEqual(CountUnit(rawValue: 159).meaning, "初診時")
        XCTAssertEqual(CountUnit(rawValue: 162).meaning, "年度")
        XCTAssertEqual(CountUnit.twoWeeks.span, .weeks(2))
        XCTAssertEqual(CountUnit.twelveMonths.span, .months(12))
        XCTAssertEqual(CountUnit.fiscalYear.span, .fiscalYear)
        XCTAssertNil(CountUnit.duringAdmission.span)
    }

    func testPriceKinds() {  // 別紙4-2, 5-1
        XCTAssertEqual(DrugPriceKind.knownValues.map(\.rawValue), [0, 1, 3, 7])
        XCTAssertEqual(DrugPriceKind.deduction.meaning, "減点")
        XCTAssertEqual(DevicePriceKind.knownValues.map(\.rawValue), [0, 1, 2, 5, 9])
        XCTAssertEqual(DevicePriceKind.multiplier.meaning, "乗算割合")
        XCTAssertEqual(DevicePriceKind.purchasePrice.meaning, "購入価格")
    }

    func testCommentPattern() {  // 別紙6-1
        XCTAssertEqual(CommentPattern.knownValues.map(\.rawValue), [10, 20, 30, 31, 40, 42, 50, 51, 52, 53, 80, 90])
        XCTAssertEqual(CommentPattern(commentCode: 830_181_540), .fixedTextWithFreeText)
        XCTAssertEqual(CommentPattern(commentCode: 842_100_057), .fixedTextWithNumber)
        XCTAssertEqual(CommentPattern(commentCode: 890_000_001), .modifierCodes)
        XCTAssertNil(CommentPattern(commentCode: 160_000_190))
        XCTAssertEqual(CommentPattern.freeText.meaning,
                       "保険医療機関等が電子レセプトに記録したコメント文の文字列を、そのまま出力紙レセプト等に出力する。")
        XCTAssertEqual(EraCode.reiwa.meaning, "令和")
    }

    func testOtherProcedureLists() {
        XCTAssertEqual(NursingAddOnCode.meanings.count, 7)
        XCTAssertEqual(NursingAddOnCode(rawValue: 58).meaning, "看護配置加算")
        XCTAssertEqual(TaperingGroup.meanings.count, 80)
        XCTAssertEqual(TaperingGroup(rawValue: 40).meaning, "超音波検査")
        XCTAssertEqual(TaperingGroup(rawValue: 79).meaning, "電子授受式発消色性インジケーター使用皮膚表面温度測定")
        XCTAssertEqual(TaperingGroup(rawValue: 201).meaning, "ＣＴ撮影、ＭＲＩ撮影")
        XCTAssertEqual(TaperingClass.tapered.meaning(isAddOnItem: true), "逓減コード自体")
        XCTAssertEqual(BedCountClass(rawValue: 4).meaning, "許可病床（２００床以上）")
        XCTAssertEqual(BedCountClass(rawValue: 2).includes(beds: 150), true)
        XCTAssertEqual(BedCountClass(rawValue: 7).includes(beds: 400), false)
        XCTAssertEqual(RegionalAddOnClass(rawValue: 3).meaning, "３級地地域加算自体")
        XCTAssertEqual(AnesthesiaClass(rawValue: 9).meaning, "硬膜外麻酔併施加算")
        XCTAssertEqual(AdmissionFeeReductionClass(rawValue: 3).meaning, "選定療養（１５％減算）の減算コード自体")
        XCTAssertEqual(DonorClass(rawValue: 2).meaning, "造血幹細胞移植（提供者の療養上の費用）加算")
        XCTAssertEqual(CodeTableAlphabet(rawValue: "*").meaning, "医科点数表に区分番号の設定がない診療行為")
        XCTAssertTrue(CodeTableAlphabet(rawValue: "－").isOutsideTariffSections)
        XCTAssertNil(CodeTableAlphabet(rawValue: "K").meaning)
        XCTAssertEqual(ReprocessedDeviceClass(field: "003")?.rawValue, 3)
    }

    // MARK: - 医科電子点数表 (tensuhyo_01.pdf)

    func testTensuhyoLists() {
        XCTAssertEqual(InclusionUnit.knownValues.map(\.rawValue), [0, 1, 2, 3, 5, 6])
        XCTAssertEqual(InclusionUnit(field: "05")?.meaning, "手術前１週間")
        XCTAssertEqual(InclusionUnit.perSurgery.meaning, "１手術につき")
        XCTAssertEqual(InclusionUnit(field: "00"), InclusionUnit.none)
        XCTAssertEqual(ConflictResolution.knownValues.map(\.rawValue), [1, 2, 3])
        XCTAssertEqual(ConflictResolution(rawValue: 2).meaning, "診療行為コード②を算定する。")
        XCTAssertEqual(ConflictResolution.keepEither.meaning, "何れか一方を算定する。")
        XCTAssertEqual(SpecialCondition.present.meaning, "条件あり")
    }

    // MARK: - コメント関連テーブル (ck_1_20240823.pdf)

    func testCommentTableLists() {
        XCTAssertEqual(CommentRequirementSource.knownValues.map(\.rawValue), [0, 1, 3, 4, 5, 6, 7])
        XCTAssertEqual(CommentRequirementSource.medical.meaning, "記載要領別表Ⅰ（医科）に掲載されているもの")
        XCTAssertEqual(CommentRequirementSource.medical.unspecifiedProcedureCode, 199_999_999)
        XCTAssertEqual(CommentRequirementSource.medical.longListedDrugSelectiveCareCode, 819_999_999)
        XCTAssertNil(CommentRequirementSource.testValues.unspecifiedProcedureCode)
        XCTAssertEqual(CommentCondition.knownValues.map(\.rawValue), [0, 1, 2, 3, 10, 11, 12, 13, 20])
        XCTAssertEqual(CommentCondition(field: "02")?.meaning,
                       "対象の診療（調剤）行為の算定が条件であって、入院又は入院外のいずれかで算定した場合")
        XCTAssertEqual(CommentCondition(rawValue: 12).nonDPCEquivalent, .whenChargedInOrOut)
        XCTAssertTrue(CommentCondition(rawValue: 13).isOptionalForDPC)
        XCTAssertFalse(CommentCondition(rawValue: 20).isOptionalForDPC)
        XCTAssertEqual(CommentInOutClass.outpatient.meaning, "入院外")
        XCTAssertEqual(NonChargeReasonComment.yes.rawValue, 1)
    }

    // MARK: - Values found in the real files (skipped when shared/masters is not beside the repository)

    private static let mastersDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/masters")

    /// Rows of a quoted CP932 CSV as byte fields. Splitting on `","` is safe in CP932: neither `,` nor `"`
    /// can be the second byte of a double-byte character.
    private func rows(_ relativePath: String) throws -> [[String]] {
        let url = Self.mastersDirectory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("\(url.path) not present")
        }
        var result: [[String]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            guard bytes.count >= 2 else { continue }
            let inner = bytes[1..<(bytes.count - 1)]
            var fields: [String] = []
            var start = inner.startIndex
            var i = inner.startIndex
            while i < inner.endIndex {
                if i + 2 < inner.endIndex, inner[i] == 0x22, inner[i + 1] == 0x2C, inner[i + 2] == 0x22 {
                    fields.append(asciiOnly(inner[start..<i]))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            fields.append(asciiOnly(inner[start..<inner.endIndex]))
            result.append(fields)
        }
        return result
    }

    private func asciiOnly(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.allSatisfy { $0 < 0x80 } ? String(decoding: bytes, as: UTF8.self) : "<kanji>"
    }

    private func assertKnown<T: MasterCodeList>(
        _ type: T.Type, _ values: [String], _ label: String, allowing extra: Set<String> = [],
        file: StaticString = #filePath, line: UInt = #line
    ) where T.RawValue == Int {
        for value in Set(values) where !extra.contains(value) {
            XCTAssertTrue(T(field: value)?.isKnown ?? false, "\(label): \(value)", file: file, line: line)
        }
    }

    func testEveryValueOfTheReiwa6ProcedureMasterIsListed() throws {
        let master = try rows("kihon/s/full/s_ALL20240531.csv")
        XCTAssertEqual(master.first?.count, 150)
        func column(_ number: Int) -> [String] { master.map { $0[number - 1] } }
        assertKnown(ChangeKind.self, column(1), "変更区分")
        assertKnown(PointKind.self, column(11), "点数識別")
        assertKnown(InpatientApplicability.self, column(13), "入外適用区分")
        assertKnown(ElderlyApplicability.self, column(14), "後期高齢者医療適用区分")
        assertKnown(PointColumn.self, column(15), "点数欄集計先識別（入院外）")
        assertKnown(BundledTestGroup.self, column(16), "包括対象検査")
        assertKnown(DPCApplicability.self, column(18), "ＤＰＣ適用区分")
        assertKnown(FacilityType.self, column(19), "病院・診療所区分")
        assertKnown(MedicalObservationClass.self, column(21), "医療観察法対象区分")
        assertKnown(NursingAddOnCode.self, column(22), "看護加算", allowing: ["70", "72"])
        assertKnown(AnesthesiaClass.self, column(23), "麻酔識別区分")
        assertKnown(DiseaseRelationClass.self, column(25), "傷病名関連区分")
        assertKnown(ActualDaysClass.self, column(27), "実日数")
        assertKnown(DaysCountClass.self, column(28), "日数・回数")
        assertKnown(DrugRelationClass.self, column(29), "医薬品関連区分")
        assertKnown(KizamiKind.self, column(30), "きざみ値計算識別")
        assertKnown(LimitErrorHandling.self, column(35), "上下限エラー処理")
        assertKnown(CountLimitErrorHandling.self, column(37), "上限回数エラー処理")
        assertKnown(StandardConformityClass.self, column(44), "適合区分")
        assertKnown(FacilityStandard.self, column(45), "対象施設基準", allowing: ["0"])
        assertKnown(AdmissionFeeReductionClass.self, column(48), "入院基本料等減算対象識別")
        assertKnown(DonorClass.self, column(49), "ドナー分集計区分")
        assertKnown(JudgementClass.self, column(50), "検査等実施判断区分")
        assertKnown(JudgementGroup.self, column(51), "検査等実施判断グループ区分")
        assertKnown(PointKind.self, column(57), "点数識別（旧）")
        assertKnown(NameChangeFlag.self, column(59), "漢字名称変更区分")
        assertKnown(NameChangeFlag.self, column(60), "カナ名称変更区分")
        assertKnown(SpecimenCommentFlag.self, column(61), "検体検査コメント")
        assertKnown(GeneralRuleBaseClass.self, column(62), "通則加算所定点数対象区分")
        assertKnown(TaperingGroup.self, column(63), "包括逓減区分")
        assertKnown(PointColumn.self, column(66), "点数欄集計先識別（入院）")
        assertKnown(NoticeClass1.self, column(68), "告示等識別区分（１）")
        assertKnown(NoticeClass2.self, column(69), "告示等識別区分（２）")
        assertKnown(RegionalAddOnClass.self, column(70), "地域加算")
        assertKnown(BedCountClass.self, column(71), "病床数区分")
        assertKnown(ShortStaySurgeryClass.self, column(83), "短期滞在手術")
        assertKnown(DentalApplicability.self, column(84), "歯科適用区分")
        assertKnown(LeftAtrialAppendageClosureClass.self, column(123), "左心耳閉鎖術併施区分")
        assertKnown(IncisionalNPWTClass.self, column(127), "切開創局所陰圧閉鎖処置機器加算")
        assertKnown(NurseTreatmentImprovementClass.self, column(128), "看護職員処遇改善評価料等")
        assertKnown(BaseUpEvaluation1Class.self, column(129), "外来・在宅ベースアップ評価料（１）")
        assertKnown(BaseUpEvaluation2Class.self, column(130), "外来・在宅ベースアップ評価料（２）")
        assertKnown(ReprocessedDeviceClass.self, column(131), "再製造単回使用医療機器使用加算")

        // 点数欄集計先 codes sit in the column of 別紙7-2 they belong to.
        for value in Set(column(15)) where value != "0" {
            XCTAssertTrue(PointColumn(field: value)!.isUsedOnOutpatientReceipts, "入院外 \(value)")
        }
        for value in Set(column(66)) where value != "0" {
            XCTAssertTrue(PointColumn(field: value)!.isUsedOnInpatientReceipts, "入院 \(value)")
        }

        // Age codes: two digits or a listed letter code.
        for number in [41, 42, 100, 101, 103, 104, 106, 107, 109, 110] {
            for value in Set(column(number)) {
                let code = AgeCode(rawValue: value)
                XCTAssertTrue(code.years != nil || code.isKnown, "年齢 項番\(number): \(value)")
            }
        }
        for value in Set(column(85)) {
            let code = CodeTableAlphabet(rawValue: value)
            XCTAssertTrue(code.isKnown || ("A"..."Z").contains(value), "コード表用番号: \(value)")
        }

        // Columns read per 告示等識別区分（１）.
        func assertDependent<T: AddOnDependentCodeList>(_ type: T.Type, _ number: Int, _ label: String) where T.RawValue == Int {
            for row in master {
                guard let notice = NoticeClass1(field: row[67]), let value = T(field: row[number - 1]) else {
                    XCTFail("\(label): unreadable \(row[number - 1]) / \(row[67])"); return
                }
                XCTAssertNotNil(value.meaning(for: notice), "\(label): \(row[2]) \(value.rawValue) (告示等識別区分 \(notice.rawValue))")
            }
        }
        assertDependent(ImageGuidedSurgeryClass.self, 20, "画像等手術支援加算")
        assertDependent(GeneralAgeClass.self, 40, "通則年齢")
        assertDependent(TimeAddOnClass.self, 43, "時間加算区分")
        assertDependent(InfantAddOnClass.self, 46, "処置乳幼児加算区分")
        assertDependent(LowBirthWeightInfantClass.self, 47, "極低出生体重児加算区分")
        assertDependent(TaperingClass.self, 52, "逓減対象区分")
        assertDependent(SpinalEvokedPotentialClass.self, 53, "脊髄誘発電位測定等加算区分")
        assertDependent(NeckDissectionClass.self, 54, "頸部郭清術併施加算区分")
        assertDependent(AutoSuturerClass.self, 55, "自動縫合器加算区分")
        assertDependent(OutpatientManagementClass.self, 56, "外来管理加算区分")
        assertDependent(EndoscopicUltrasoundClass.self, 64, "超音波内視鏡検査加算区分")
        assertDependent(AutoAnastomosisClass.self, 67, "自動吻合器加算区分")
        assertDependent(UltrasonicCoagulationClass.self, 82, "超音波凝固切開装置等加算区分")
        assertDependent(SinusEndoscopeClass.self, 114, "副鼻腔手術用内視鏡加算")
        assertDependent(SinusTissueResectorClass.self, 115, "副鼻腔手術用骨軟部組織切除機器加算")
        assertDependent(LongAnesthesiaClass.self, 116, "長時間麻酔管理加算")
        assertDependent(MonitoringAddOnClass.self, 118, "モニタリング加算")
        assertDependent(CryopreservedTissueClass.self, 119, "凍結保存同種組織加算")
        assertDependent(MalignantPathologySpecimenClass.self, 120, "悪性腫瘍病理組織標本加算")
        assertDependent(ExternalFixatorClass.self, 121, "創外固定器加算")
        assertDependent(UltrasonicBoneCutterClass.self, 122, "超音波切削機器加算")
        assertDependent(ENTInfantTreatmentClass.self, 125, "耳鼻咽喉科乳幼児処置加算")
        assertDependent(ENTPediatricAntibioticClass.self, 126, "耳鼻咽喉科小児抗菌薬適正使用支援加算")
        for row in master {
            let notice = NoticeClass1(field: row[67])!
            XCTAssertNotNil(InfectionControlClass(field: row[123])?.meaning(for: notice), "外来感染対策向上加算等: \(row[2])")
        }
    }

    /// 別紙7-8 is the 令和7年6月2日 edition: s_ALL20240531 still carries 173 施設基準 codes that later updates
    /// replaced (e.g. 4142-4306 on 看護職員処遇改善評価料１〜１６５). After applying every incremental file up to
    /// s_20250901, every code on a row still valid on 2025-06-02 is listed.
    func testEveryFacilityStandardInUseSinceJune2025IsListed() throws {
        var state: [String: [String]] = [:]
        for row in try rows("kihon/s/full/s_ALL20240531.csv") { state[row[2]] = row }
        let updates = try FileManager.default.contentsOfDirectory(
            atPath: Self.mastersDirectory.appendingPathComponent("kihon/s/updates").path
        ).filter { $0 > "s_20240531.csv" && $0.hasSuffix(".csv") }.sorted()
        XCTAssertGreaterThanOrEqual(updates.count, 20)
        for name in updates {
            for row in try rows("kihon/s/updates/\(name)") {
                if let old = state[row[2]] {
                    state[row[2]] = zip(row, old).map { new, old in new.isEmpty ? old : new }
                } else {
                    state[row[2]] = row
                }
            }
        }
        var checked = 0
        for (code, row) in state where row[87] >= "20250602" {
            for number in 72...81 where row[number - 1] != "0" {
                XCTAssertTrue(FacilityStandard(field: row[number - 1])?.isKnown ?? false,
                              "\(code) 施設基準 項番\(number): \(row[number - 1])")
                checked += 1
            }
            if row[44] != "0" {
                XCTAssertTrue(FacilityStandard(field: row[44])?.isKnown ?? false, "\(code) 対象施設基準: \(row[44])")
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testEveryValueOfTheTensuhyoTablesIsListed() throws {
        let support = try rows("tensuhyo/ika-R06/01補助マスターテーブル.csv")
        for row in support {
            assertKnown(ChangeKind.self, [row[0]], "01 変更区分")
            assertKnown(InclusionUnit.self, [row[3], row[5], row[7]], "01 包括単位")
        }
        for name in ["03-2背反テーブル2", "03-3背反テーブル3", "03-4背反テーブル4"] {
            let table = try rows("tensuhyo/ika-R06/\(name).csv")
            assertKnown(ConflictResolution.self, table.map { $0[5] }, "\(name) 背反区分")
            assertKnown(SpecialCondition.self, table.map { $0[6] }, "\(name) 特例条件")
        }
        let counts = try rows("tensuhyo/ika-R06/05算定回数テーブル.csv")
        assertKnown(CountUnit.self, counts.map { $0[3] }, "05 算定単位コード")
        assertKnown(SpecialCondition.self, counts.map { $0[6] }, "05 特例条件")
    }

    func testEveryValueOfTheCommentTablesIsListed() throws {
        let table = try rows("kihon/ck/full/ck_ALL_20250901.csv")
        assertKnown(ChangeKind.self, table.map { $0[0] }, "ck 変更区分")
        assertKnown(CommentRequirementSource.self, table.map { $0[1] }, "ck コメント記載通知等")
        assertKnown(CommentCondition.self, table.map { $0[13] }, "ck 条件区分")
        assertKnown(NonChargeReasonComment.self, table.map { $0[14] }, "ck 非算定理由コメント")
        assertKnown(CommentInOutClass.self, table.map { $0[15] }, "ck 入外区分")
        let comments = try rows("kihon/c/full/c_ALL20250715.csv")
        assertKnown(CommentPattern.self, comments.map { $0[3] }, "c パターン")
        for row in comments {
            XCTAssertEqual(CommentPattern(commentCode: Int(row[22]) ?? 0)?.rawValue, Int(row[3]), row[22])
        }
        let drugs = try rows("kihon/y/full/y_ALL20240321.csv")
        assertKnown(DrugPriceKind.self, drugs.map { $0[10] }, "y 金額種別")
        assertKnown(UnitCode.self, drugs.map { $0[7] }, "y 単位コード", allowing: ["0"])
        let devices = try rows("kihon/t/full/t_ALL20251128.csv")
        assertKnown(DevicePriceKind.self, devices.map { $0[10] }, "t 金額種別")
        assertKnown(DevicePriceKind.self, devices.map { $0[16] }, "t 金額種別（旧）")
        assertKnown(UnitCode.self, devices.map { $0[7] }, "t 単位コード", allowing: ["0"])
    }
}
