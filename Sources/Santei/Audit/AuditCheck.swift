// The catalogue of pre-audit (事前点検) checks: one entry per check, with its stable ID, severity, the
// table or master column it reads, the 告示/通知 passage it implements and what `apply` does with it.
// docs/audit-checks.md is generated from this list (`santei audit --list-checks --markdown`), and a test
// keeps the two equal.

/// How serious a finding is (KBV Prüfmodul / NCCI style): an error makes the claim wrong as sent
/// (返戻・査定), a warning needs a person to look, info is a note.
public enum AuditSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case error, warning, info

    var rank: Int { switch self { case .error: 0; case .warning: 1; case .info: 2 } }
    public static func < (a: AuditSeverity, b: AuditSeverity) -> Bool { a.rank < b.rank }
}

/// A check's stable ID, `SA-` + family letter + number. IDs are never reused for another meaning.
public struct AuditCheckID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ raw: String) { rawValue = raw }
    public var description: String { rawValue }
    public static func < (a: AuditCheckID, b: AuditCheckID) -> Bool { a.rawValue < b.rawValue }

    // Codes (医科診療行為・医薬品・特定器材マスター)
    public static let codeNotValid = AuditCheckID("SA-C001")
    public static let inpatientApplicability = AuditCheckID("SA-C002")
    public static let elderlyApplicability = AuditCheckID("SA-C003")
    public static let facilityType = AuditCheckID("SA-C004")
    public static let ageLimit = AuditCheckID("SA-C005")
    public static let facilityStandard = AuditCheckID("SA-C006")
    public static let bedCount = AuditCheckID("SA-C007")
    public static let bedCountGeneralBeds = AuditCheckID("SA-C008")
    public static let outOfHoursAddOnInHours = AuditCheckID("SA-C009")
    public static let categoryColumn = AuditCheckID("SA-C010")
    public static let arrivalExcluded = AuditCheckID("SA-C011")
    public static let drugExcluded = AuditCheckID("SA-C012")
    public static let masterNotLoaded = AuditCheckID("SA-C013")
    public static let homeCareBeds = AuditCheckID("SA-C014")
    public static let homeCareSupport = AuditCheckID("SA-C015")
    // 算定回数
    public static let countLimit = AuditCheckID("SA-N001")
    public static let countLimitSpecial = AuditCheckID("SA-N002")
    public static let maximumCountCapped = AuditCheckID("SA-N003")
    public static let maximumCountCheck = AuditCheckID("SA-N004")
    public static let repeatedBundledTest = AuditCheckID("SA-N005")
    public static let repeatedBundledTestOtherOrder = AuditCheckID("SA-N006")
    public static let dayQuantityLimit = AuditCheckID("SA-N007")
    public static let mainOnlyOfDay = AuditCheckID("SA-N008")
    public static let rehabilitationDailyUnits = AuditCheckID("SA-N009")
    public static let rehabilitationDailyUnitsSix = AuditCheckID("SA-N010")
    // 背反
    public static let conflictDay = AuditCheckID("SA-H001")
    public static let conflictMonth = AuditCheckID("SA-H002")
    public static let conflictSimultaneous = AuditCheckID("SA-H003")
    public static let conflictWeek = AuditCheckID("SA-H004")
    public static let conflictSpecial = AuditCheckID("SA-H009")
    public static let conditionalPair = AuditCheckID("SA-H010")
    // 包括
    public static let included = AuditCheckID("SA-I001")
    public static let includedSpecial = AuditCheckID("SA-I009")
    public static let includedInOutpatientFee = AuditCheckID("SA-I002")
    public static let includedInManagementFee = AuditCheckID("SA-I003")
    // 入院基本料
    public static let admissionAddOnNotInGroup = AuditCheckID("SA-B001")
    public static let admissionAddOnsExclusive = AuditCheckID("SA-B002")
    public static let dayBeforeAdmission = AuditCheckID("SA-B003")
    public static let admissionDateMissing = AuditCheckID("SA-B004")
    public static let mealAddOn = AuditCheckID("SA-B005")
    public static let mealsPerDay = AuditCheckID("SA-B006")
    // コメント
    public static let commentMissing = AuditCheckID("SA-M001")
    public static let commentMalformed = AuditCheckID("SA-M002")
    public static let commentCodeNotValid = AuditCheckID("SA-M003")
    // 傷病名
    public static let noDisease = AuditCheckID("SA-D001")
    public static let diseaseNotValid = AuditCheckID("SA-D002")
    public static let modifierNotValid = AuditCheckID("SA-D003")
    public static let diseaseSex = AuditCheckID("SA-D004")
    public static let diseaseNotBillable = AuditCheckID("SA-D005")
    public static let diseaseRequirement = AuditCheckID("SA-D006")
    public static let suspectedDiseaseOpen = AuditCheckID("SA-D007")
    public static let diseaseKind = AuditCheckID("SA-D008")
    public static let diseaseStartImpossible = AuditCheckID("SA-D009")
    // 注加算・通則加算 and their base
    public static let addOnWithoutBase = AuditCheckID("SA-A001")
    public static let generalAddOnWithoutPart = AuditCheckID("SA-A002")
    public static let sectionAddOnWithoutBase = AuditCheckID("SA-A003")
    public static let neonatalAddOnOffList = AuditCheckID("SA-A004")
    public static let percentRowsAlone = AuditCheckID("SA-A005")
    public static let monthAddOnWithoutBase = AuditCheckID("SA-A006")
    public static let exclusiveAddOns = AuditCheckID("SA-A007")
    public static let infantTimeAddOn = AuditCheckID("SA-A009")
    // 月単位
    public static let firstVisitWithinMonth = AuditCheckID("SA-V001")
    public static let firstVisitTwiceADay = AuditCheckID("SA-V005")
    public static let outpatientManagementWithProcedure = AuditCheckID("SA-V002")
    public static let judgementFeeDuplicated = AuditCheckID("SA-J001")
    public static let judgementFeeMissing = AuditCheckID("SA-J002")
    public static let judgementFeeWithoutTest = AuditCheckID("SA-J003")
    public static let periodFromReference = AuditCheckID("SA-V003")
    public static let periodFromAdmission = AuditCheckID("SA-V004")
    public static let periodFromCommentDate = AuditCheckID("SA-V006")
    public static let unitsPastStandardDays = AuditCheckID("SA-V009")
    public static let visitsInMonth = AuditCheckID("SA-V007")
    public static let secondDepartmentTwice = AuditCheckID("SA-V008")
    // 手術
    public static let surgeriesOfOneDay = AuditCheckID("SA-K001")
    public static let procedureOnSurgeryDay = AuditCheckID("SA-K002")
    // 画像診断
    public static let repeatTomographyUnreduced = AuditCheckID("SA-E001")
    public static let imageManagementPerSeries = AuditCheckID("SA-E002")
    // 検査
    public static let repeatTestUnreduced = AuditCheckID("SA-T001")
    // 投薬
    public static let prescriptionDays = AuditCheckID("SA-R001")
    public static let mixedDispensing = AuditCheckID("SA-R002")
    public static let prescriptionPeriodAddOn = AuditCheckID("SA-R003")
    public static let prescriptionVariantOfMonth = AuditCheckID("SA-R004")
    // 点数
    public static let statedPointsDiffer = AuditCheckID("SA-P001")
    public static let statedPointsUnpriced = AuditCheckID("SA-P002")
    public static let statedTotalDiffers = AuditCheckID("SA-P003")
    public static let statedDaysImpossible = AuditCheckID("SA-P004")
}

/// One check of the catalogue.
public struct AuditCheck: Sendable {
    public var id: AuditCheckID
    public var severity: AuditSeverity
    /// The family heading in the documentation.
    public var family: String
    public var title: String
    /// The table or master columns the check reads.
    public var source: String
    /// The 告示/通知 (or specification) passage it implements.
    public var reference: String
    /// What `--mode apply` does; nil when the check only advises.
    public var applies: String?

    /// Every check, in documentation order.
    public static let catalogue: [AuditCheck] = [
        AuditCheck(id: .codeNotValid, severity: .error, family: "Codes", title: "Code has no version valid on the service date",
                   source: "s/y/t 変更年月日・廃止年月日 (R06rec1 §3)", reference: "記録条件仕様: 診療行為・医薬品・特定器材コードは基本マスターに収載されたもの", applies: "a row the master holds but not on the date (abolished, or not yet valid) is removed, the order's other items kept; a code the master never held is only reported (the order is not priced); a date no master covers is SA-C013"),
        AuditCheck(id: .masterNotLoaded, severity: .warning, family: "Codes", title: "No loaded master (医科診療行為, 医薬品 or 特定器材) covers the service date: the claim's rows of that kind are not checked",
                   source: "the masters loaded (--masters / --snapshot) against the rows' service dates; one finding per kind and claim, naming how many rows",
                   reference: "記録条件仕様: コードは基本マスターに収載されたもの — Santei cannot tell without the master of the date (a 2021 receipt read with masters that begin in 2024); the rows are not priced (SA-P002) and their stated 点数 stand", applies: nil),
        AuditCheck(id: .inpatientApplicability, severity: .error, family: "Codes", title: "Procedure not allowed on this kind of receipt (入院／入院外)",
                   source: "s 項番13 入外適用区分", reference: "R06rec1 §3(7) 項番13", applies: "a 入院のみ row on an 入院外 receipt is removed (not billable, 査定); a 入院外のみ row on an 入院 receipt is left out by the pricer; a 在宅療養指導管理料 or 材料加算 on an 入院 day other than the 退院日 is removed (第2部 第2節 第1款 通則4), and so not counted against its 月１回"),
        AuditCheck(id: .elderlyApplicability, severity: .error, family: "Codes", title: "Procedure not allowed under the patient's insurance (医療保険／後期高齢者医療)",
                   source: "s 項番14 後期高齢者医療適用区分", reference: "R06rec1 §3(7) 項番14; 高齢者の医療の確保に関する法律 §50 (75歳以上)", applies: nil),
        AuditCheck(id: .facilityType, severity: .error, family: "Codes", title: "Procedure for 病院 only or 診療所 only billed by the other kind",
                   source: "s 項番19 病院・診療所区分", reference: "R06rec1 §3(7) 項番19 (e.g. A001 再診料 注8 外来管理加算の診療所・病院別)", applies: "the item is removed (a row of the other kind of facility is not billable, 査定)"),
        AuditCheck(id: .ageLimit, severity: .error, family: "Codes", title: "Patient's age outside the code's 下限年齢／上限年齢",
                   source: "s 項番41・42, t 項番15・16 下限年齢・上限年齢; the month a B code leaves open narrowed by Masters/params/audit/age-month-rules.json", reference: "R06rec1 §3(7) 項番41-42 (上限年齢 = 上限値＋1; AA 生後28日, B3/B6/BF/BK 到達翌月1日, MG 未就学児); 年齢計算ニ関スル法律; 通知 B001-2 (8) (小児科外来診療料 after the 6th birthday only when a visit of the month before it billed it)", applies: "the item is removed (a row of another age is not billable, 査定: I002 注3 20歳未満加算 for an adult)"),
        AuditCheck(id: .facilityStandard, severity: .error, family: "Codes", title: "Procedure needs a 施設基準 the facility has not notified for the date",
                   source: "s 項番72-81 施設基準コード①〜⑩ (R06rec2 別紙7-8); checked when the claim states facility.standards (code, from)", reference: "告示「別に厚生労働大臣が定める施設基準に適合しているものとして地方厚生局長等に届け出た保険医療機関において」; 別紙7-8 §3 設定要領 (①〜⑥, ⑦〜⑨, ⑩ の各群のいずれか)", applies: "the item is removed when the facility states its 施設基準 (the list of what it notified; an empty list: none) and the list does not meet the row's requirement (not billable, 査定)"),
        AuditCheck(id: .bedCount, severity: .error, family: "Codes", title: "Procedure for a bed count (病床数区分) the hospital's beds are outside (外来診療料 below 200 beds, データ提出加算 of the other size …)",
                   source: "s 項番71 病床数区分 (1 許可病床1〜99, 2 100〜199, 3 0〜199, 4 200以上, 6 一般病床200以上, 7 400未満, 8 400以上) against facility.beds (許可病床数) of a hospital (facility.kind \"hospital\" or not stated); a 一般病床 class is decided by it only where the 許可病床 already decide it",
                   reference: "R06rec1 §3(7) 項番71; 告示 A002 外来診療料 注1 (許可病床のうち一般病床に係るものの数が200以上の病院), A245 データ提出加算, B000 特定疾患療養管理料 2・3 …",
                   applies: "the item is removed (a row of a 許可病床 class the hospital is outside is not billable, 査定: 通知 B000 (1), B001-3 注1 …)"),
        AuditCheck(id: .outOfHoursAddOnInHours, severity: .error, family: "Codes", title: "時間外緊急院内検査加算 / 時間外緊急院内画像診断加算 / 内視鏡検査 通則5 休日・時間外・深夜加算 / 処置 通則5 休日・時間外・深夜加算２ / B001-2-5 院内トリアージ実施料 / B001-2-6 夜間休日救急搬送医学管理料 on an encounter inside the 診療時間 (time_band daytime, or early_late on a day that is no 休日); 処置 通則5 加算２ on an 入院外 encounter that bills no 初診料・再診料",
                   source: "Masters/params/inpatient/outpatient-only-add-ons.json out_of_hours_only, after_timed_visit_only; the encounter's time_band, its 初診・再診 (診療識別 11/12 or visit); the 休日 of Masters/params/holidays.json (日曜, 祝日, 12/29–1/3)",
                   reference: "告示 第3部 第1節 第1款 通則1, 第4部 通則3: 保険医療機関が表示する診療時間以外の時間、休日又は深夜において; B001-2-5 注 (夜間であって別に厚生労働大臣が定める時間、休日又は深夜において), B001-2-6 注1; 第3部 第3節 内視鏡検査 通則5 with 通知 内視鏡検査 (4)・(6) (時間の取扱いは初診料と同様; 夜間・早朝等加算を算定する場合は算定しない); 通知 第9部 通則5 (加算２: Ａ０００の注７、Ａ００１の注５、Ａ００２の注８に規定する加算を算定する初診又は再診に引き続き行われた…緊急処置の場合についてのみ)", applies: "the 加算 is removed (before the 05 table counts it: a later out-of-hours encounter of the day keeps its own)"),
        AuditCheck(id: .arrivalExcluded, severity: .error, family: "Codes", title: "A fee the 告示 withholds from a patient brought by 救急用の自動車 (B001-2-5 院内トリアージ実施料) on an encounter whose arrival is ambulance",
                   source: "Masters/params/audit/add-on-bases.json excluded_arrivals; the encounter's arrival",
                   reference: "告示 B001-2-5 注: 入院中の患者以外の患者（救急用の自動車等により緊急に搬送された者を除く。）であって…; 通知 B001-2-5 (1) ただし, B001-2-6 (3)", applies: "the row is removed (B001-2-6 夜間休日救急搬送医学管理料 can then be derived)"),
        AuditCheck(id: .drugExcluded, severity: .error, family: "Codes", title: "A fee the 告示 withholds on a day the patient is given a named drug (B001-2 小児科外来診療料 on a パリビズマブ day)",
                   source: "Masters/params/audit/add-on-bases.json excluded_drugs (薬価基準収載医薬品コード prefixes, y 項番32 by the drug's row on the day)",
                   reference: "告示 B001-2 注2: 別に厚生労働大臣が定める薬剤を投与している場合については、算定しない; 通知 B001-2 (2): パリビズマブを投与している患者（投与当日に限る。）については、小児科外来診療料の算定対象とはならない (R06 ika-tsuuchi.txt 6994-6998)", applies: "the fee is removed; the day's other rows are then billed on their own (a 再診料 the clerk states)"),
        AuditCheck(id: .categoryColumn, severity: .warning, family: "Codes", title: "診療識別 of the order is not the 部 of the row's 点数欄集計先 (再診料 under 13, 処方箋料 under 13, …), or a drug under 11–13: the receipt's 点数欄 and by_category are wrong",
                   source: "s 項番15 点数欄集計先識別（入院外） / 項番66（入院） against the order's 診療識別 (UKE SI 診療識別): 1xx → 11–14, 2xx → 21–27, 3xx → 31–33, 400 → 40, 5xx → 50・54, 600 → 60, 700 → 70, 800 → 80, 9xx → 90–97; a row with 集計先 0 is not checked; a 医薬品 row (IY) under 11 初診, 12 再診 or 13 医学管理, which have no 薬剤料 点数欄",
                   reference: "R06rec1 医科診療行為マスター 項番15・66, R06rec2 別紙7-2 点数欄集計先コード一覧 (110 初診 … 800 その他, 903 入院基本料); 記載要領: 診療識別 is the 点数欄 the row is summed in", applies: nil),
        AuditCheck(id: .homeCareBeds, severity: .error, family: "Codes", title: "在宅 row of 「病床を有する場合」 billed by a clinic of 0 beds, or of 「病床を有しない場合」 by a hospital or a clinic with beds",
                   source: "Masters/params/audit/home-care-beds.json (with_beds / without_beds in the s 省略漢字名称 of C rows) against facility.kind and facility.beds",
                   reference: "告示 C000 注1 イ (1) 病床を有する場合 (2) 病床を有しない場合, C002 1 イ・ロ; 通知 C000 (8) (在宅療養支援診療所の施設基準 第9 2(1)(2))",
                   applies: "the item is removed (the facility bills the other row)"),
        AuditCheck(id: .homeCareSupport, severity: .error, family: "Codes", title: "在宅 row of 「在支診等以外」 billed by a 在宅療養支援診療所・病院",
                   source: "Masters/params/audit/home-care-support.json (the marker 在支診等以外 in the s 省略漢字名称 of C rows) against facility.standards (3168/3169, 3055–3058 notified on the day)",
                   reference: "告示 C000 注1 ハ 「イからロまでに掲げるもの以外の保険医療機関の保険医が行う場合」 (R06 ika-kokuji.txt 6623-6627), 注3 イ(3)・ロ(3), C002 ３ 「イ及びロに掲げるもの以外の場合」",
                   applies: nil),
        AuditCheck(id: .bedCountGeneralBeds, severity: .warning, family: "Codes", title: "Procedure for 一般病床 0〜199 (再診料 …) at a hospital of 200 許可病床 or more: the 一般病床 count decides",
                   source: "s 項番71 病床数区分 5 (一般病床0〜199) against facility.beds (許可病床数) ≥ 200 of a hospital; the claim does not carry the 一般病床 count",
                   reference: "告示 A001 再診料 注1 (R06 ika-kokuji.txt lines 223-226): 保険医療機関（許可病床のうち一般病床に係るものの数が200以上のものを除く。）— such a hospital bills A002 外来診療料", applies: nil),

        AuditCheck(id: .countLimit, severity: .error, family: "Counts (算定回数)", title: "Count over the 05算定回数テーブル limit for its 算定単位",
                   source: "05算定回数テーブル (算定単位コード, 算定回数); a 特例条件 that is a change of the 処方 (Masters/params/audit/count-limits.json prescription_change: B011-3 薬剤情報提供料, 手帳記載加算) is decided by the day's 医薬品 and 使用量 against the day last billed", reference: "tensuhyo_01 §3(5)・§4(3); 通知 B011-3 (5): 処方の内容に変更があった場合…その都度…ただし、薬剤の処方日数のみの変更の場合は…算定できない; 通知 通則6: 週 = 日曜日から土曜日, 月 = 月の初日から末日; ２週 = 14日; ２月〜１２月・２年・５年 = calendar months ending with the item's; 年度 = 4月〜3月; 患者当り over the history given. 入院中 counts over the stay of an 入院 claim (from admission.date, earlier claims of the stay included); units that need facts a claim does not carry (一連, 手術当り …) are not checked", applies: "the occurrences over the limit are removed (latest first kept out), or 回数 lowered to the limit"),
        AuditCheck(id: .countLimitSpecial, severity: .warning, family: "Counts (算定回数)", title: "Count over a 05算定回数テーブル limit that has a 特例条件",
                   source: "05算定回数テーブル 特例条件 1", reference: "tensuhyo_01 §4(3) (e.g. H007-4 注2「２月以内は計１１回」)", applies: nil),
        AuditCheck(id: .maximumCountCapped, severity: .error, family: "Counts (算定回数)", title: "Count on the receipt over the master's 上限回数 (上限回数エラー処理 1: 上限回数を算定)",
                   source: "s 項番36 上限回数, 項番37 上限回数エラー処理 1", reference: "R06rec1 §3(7) 項番36-37", applies: "回数 lowered to 上限回数"),
        AuditCheck(id: .maximumCountCheck, severity: .warning, family: "Counts (算定回数)", title: "Count on the receipt over the master's 上限回数 (上限回数エラー処理 0: 確認)",
                   source: "s 項番36 上限回数, 項番37 上限回数エラー処理 0", reference: "R06rec1 §3(7) 項番36-37", applies: nil),
        AuditCheck(id: .repeatedBundledTest, severity: .error, family: "Counts (算定回数)", title: "A 検体検査 of a まるめ group keyed twice in one order (one 採取): one 検査 is one 項目",
                   source: "s 項番16 包括対象検査 (≠ 0), the order's items", reference: "告示 D007 注 (and the 注 of D006, D008, D009, D010, D013, D014, D015 …): 「患者から１回に採取した血液を用いて…検査を５項目以上行った場合」 — the まるめ counts 検査, not keyings",
                   applies: "the later copies are removed, so the まるめ counts the test once"),
        AuditCheck(id: .repeatedBundledTestOtherOrder, severity: .warning, family: "Counts (算定回数)", title: "A 検体検査 of a まるめ group billed in two orders of one encounter: a second 採取, or keyed twice?",
                   source: "s 項番16 包括対象検査 (≠ 0), the encounter's orders", reference: "告示 D007 注: 「患者から１回に採取した血液を用いて」 — each 採取 is counted on its own", applies: nil),
        AuditCheck(id: .dayQuantityLimit, severity: .error, family: "Counts (算定回数)", title: "More of a row in a day than the 告示 allows across orders (３臓器を限度: N000 1, N001, N002 8)",
                   source: "Masters/params/daily-quantity-limits.json: the day's Σ 数量 × 回数 of the row over its orders and encounters (a 回 of no 数量 is one)", reference: "告示 第13部 第1節 通則1 (R06 ika-kokuji.txt 17531-17532): ３臓器以上の標本作製を行った場合は、３臓器を限度として算定する", applies: nil),

        AuditCheck(id: .rehabilitationDailyUnits, severity: .error, family: "Counts (算定回数)", title: "疾患別リハビリテーション料 of a day past 9 単位 (past 6 where the encounter states rehabilitation_nine_units false)",
                   source: "Masters/params/rehabilitation-units.json (the 区分 counted, daily_units, extended_daily_units): the day's 単位 (回数, or the 数量 of a row priced by きざみ) over its orders and encounters, in claim order",
                   reference: "告示 第7部 通則4 (R06 ika-kokuji.txt 11154-11159): 患者１人につき１日６単位（別に厚生労働大臣が定める患者については１日９単位）に限り算定できる; santei price bills the 単位 within the cap", applies: nil),
        AuditCheck(id: .rehabilitationDailyUnitsSix, severity: .warning, family: "Counts (算定回数)", title: "疾患別リハビリテーション料 of a day past 6 単位 (up to 9): only for a patient of 別表第九の三, which the claim does not state",
                   source: "Masters/params/rehabilitation-units.json as SA-N009; the encounter's rehabilitation_nine_units absent",
                   reference: "告示 第7部 通則4; 特掲診療料の施設基準等 別表第九の三 (回復期リハビリテーション病棟入院料を算定する患者, 脳血管疾患等の患者のうち発症後60日以内のもの …); santei price bills 6 unless rehabilitation_nine_units", applies: nil),
        AuditCheck(id: .mainOnlyOfDay, severity: .warning, family: "Counts (算定回数)", title: "A second row of a 区分 billed 主たるもののみ beside the day's (or the encounter's) main one (J054 two 光線療法, D306・D308, 訪問診療料等 of one day …; not the 麻酔・神経ブロック rules, 診療識別 54)",
                   source: "Masters/params/main-only-per-day.json (per 区分: 診療識別, the 区分番号 of s 項番 コード表用番号・区分番号・枝番, per_day, codes); the main one: the row of most 点数, the first of equal ones; not the rules of a fact the claim lacks (advise) nor the 麻酔 rules (診療識別 54)",
                   reference: "the rule's own passage, e.g. 通知 J054 (7) (同一日に行った場合は、主たるものの所定点数のみにより算定する), 通知 第2部 第1節 1 (訪問診療料等 いずれか１つを算定した日); santei price leaves the others out", applies: nil),
        AuditCheck(id: .conflictDay, severity: .error, family: "背反", title: "Two procedures that may not both be billed on one day",
                   source: "03-1背反テーブル1 (1日につき), 背反区分", reference: "tensuhyo_01 §3(3)・§4(2)・§5(3): 1 コード①を算定, 2 コード②を算定, 3 何れか一方", applies: "the code the 背反区分 does not keep is removed (区分 3: the one with fewer points)"),
        AuditCheck(id: .conflictMonth, severity: .error, family: "背反", title: "Two procedures that may not both be billed in one month",
                   source: "03-2背反テーブル2 (同一月内), 背反区分", reference: "tensuhyo_01 §3(3)・§5(3); e.g. 第2章 第1部 通則 (特定疾患療養管理料 … 同一月に算定できない)", applies: "the code the 背反区分 does not keep is removed (区分 3: the one with fewer points)"),
        AuditCheck(id: .conflictSimultaneous, severity: .error, family: "背反", title: "Two procedures that may not both be billed at the same time (同じ受診)",
                   source: "03-3背反テーブル3 (同時), 背反区分", reference: "tensuhyo_01 §3(3)・§5(3); 同時 = the same encounter", applies: "the code the 背反区分 does not keep is removed (区分 3: the one with fewer points)"),
        AuditCheck(id: .conflictWeek, severity: .error, family: "背反", title: "Two procedures that may not both be billed within one week",
                   source: "03-4背反テーブル4 (1週間につき), 背反区分", reference: "tensuhyo_01 §3(3) (体外ペースメーキング術 と ペースメーカー移植術); 1週間 = within 7 days", applies: "the code the 背反区分 does not keep is removed (区分 3: the one with fewer points)"),
        AuditCheck(id: .conflictSpecial, severity: .warning, family: "背反", title: "A 背反 pair with a 特例条件: check by hand",
                   source: "03-1〜03-4 特例条件 1", reference: "tensuhyo_01 §5(3) 特例条件", applies: nil),
        AuditCheck(id: .conditionalPair, severity: .warning, family: "背反", title: "Two rows of one day billed together only on a fact the claim does not carry (屈折検査 with 矯正視力検査 ２ past the first examination)",
                   source: "Masters/params/audit/conditional-pairs.json (first, second, first_visit_sections) against the day's rows and the earlier days of the claim and its history",
                   reference: "通知 D261 (3) (R06 ika-tsuuchi.txt 16434-16435): 屈折異常の疑いがあるとして初めて検査を行った場合又は眼鏡処方箋を交付した場合に限り併せて算定できる", applies: nil),

        AuditCheck(id: .included, severity: .error, family: "包括", title: "Procedure included (包括) in another procedure billed in the same 包括単位",
                   source: "01補助マスターテーブル 包括単位①〜③・グループ番号①〜③, 02包括テーブル", reference: "tensuhyo_01 §3(2)・§4(1):「所定点数に含まれる」; 包括単位 01 1日, 02 同一月, 03 同時, 05 手術前1週間, 06 1手術", applies: "the included code is removed"),
        AuditCheck(id: .includedInOutpatientFee, severity: .warning, family: "包括", title: "Test or 処置 billed beside 外来診療料 though A002 注6 includes it",
                   source: "Masters/params/outpatient-fee-inclusion.json (the 告示's list, by revision)", reference: "告示 A002 注6 (R06 ika-kokuji.txt 360-372): 第２章第３部検査及び第９部処置のうち次に掲げるものは、外来診療料に含まれる; `santei price` leaves such an item out", applies: nil),
        AuditCheck(id: .includedInManagementFee, severity: .warning, family: "包括", title: "A row billed beside a fee of its day, order or month that includes it (医学管理・在宅・処置 inclusions the 電子点数表 does not state: B001-2 小児科外来診療料, C002 在宅時医学総合管理料, J119 注2 one 療法 a day …)",
                   source: "Masters/params/management-fee-inclusion.json (by revision: each fee's base rows, scope day / order / month / ward, and the 区分 or codes it includes)", reference: "each fee's own passage, e.g. 告示 J119 注2 (同一日において、１から３までの療法のうち２以上の療法を行った場合は、主たる療法の所定点数のみにより算定する), C002 注3 and 通知 C002 (9), B001-2 注3; `santei price` leaves such a row out", applies: nil),
        AuditCheck(id: .includedSpecial, severity: .warning, family: "包括", title: "A 包括 row with a 特例条件: check by hand",
                   source: "02包括テーブル 特例条件 1", reference: "tensuhyo_01 §5(2) 特例条件", applies: nil),

        AuditCheck(id: .admissionAddOnNotInGroup, severity: .error, family: "入院基本料", title: "入院基本料加算 not allowed with the 入院基本料 billed that day",
                   source: "01補助マスターテーブル 入院基本料識別, 04入院基本料テーブル", reference: "tensuhyo_01 §3(4): the group of the 入院基本料 lists the 加算 that may be added", applies: "the 加算 is removed"),
        AuditCheck(id: .admissionAddOnsExclusive, severity: .error, family: "入院基本料", title: "Two 入院基本料加算 with the same 加算識別 on one day",
                   source: "04入院基本料テーブル 加算識別", reference: "tensuhyo_01 §3(4):「加算識別が同じ値の場合は併算定できない」", applies: "the 加算 with fewer points is removed"),
        AuditCheck(id: .dayBeforeAdmission, severity: .error, family: "入院基本料", title: "A day of an 入院 receipt before its 入院年月日",
                   source: "the encounters' dates against admission.date (UKE RE 入院年月日)",
                   reference: "記載要領 (入院年月日: 当該患者の入院年月日) — an 入院 receipt bills the days of the stay; the days of the month before it are 入院外", applies: nil),

        AuditCheck(id: .admissionDateMissing, severity: .warning, family: "入院基本料", title: "An 入院 receipt (UKE) with a blank 入院年月日: the checks counted from the 入院の日 are not run",
                   source: "UKE RE 入院年月日 (項目8) of an 入院 receipt (レセプト種別), when the claim states no admission",
                   reference: "記載要領 (入院年月日: 当該患者の入院年月日); 記録条件仕様 医科 RE — SA-V004, SA-B003 and the 05算定回数テーブル's 入院初日・入院中 counts need it", applies: nil),

        AuditCheck(id: .mealAddOn, severity: .error, family: "入院基本料", title: "特別食加算 or 食堂加算 (食事療養・生活療養) on a day 告示99号 gives none: no (Ⅰ) meal (特別食加算: none but 流動食), or 食堂加算 in a 療養病棟; more 特別食加算 than such meals that day",
                   source: "the day's 97 rows against Masters/params/inpatient/meal-codes.json (meal_1, meal_1_liquid, special, dining, dining_excluded_wards) and the day's 入院料 区分",
                   reference: "平成18年厚生労働省告示第99号 別表 一 (1) 入院時食事療養（Ⅰ） の注 (特別食加算: １食につき, 流動食のみを提供する場合を除く; 食堂加算: (Ⅰ), 療養病棟に入院する患者を除く); 留意事項通知 食堂加算 (3)", applies: "the add-on is removed (santei price leaves it out of a JSON stay); more 特別食加算 than meals is told, not changed"),

        AuditCheck(id: .mealsPerDay, severity: .error, family: "入院基本料", title: "More than three meals (食事療養・生活療養) on one day",
                   source: "the day's meal rows — 点数欄集計先（入院） 970 入院時食事療養 or 生活療養, 告示等識別区分（２） 1 (the meal, not its 加算): Σ 数量 (食数, 1 when not stated) × 回数 past 3; as uke recalc counts them",
                   reference: "平成18年厚生労働省告示第99号 別表 一 (1)(2), 二 (1)(2) 「１食につき」「１日につき３食を限度として算定する」; the master's きざみ 上限値 3 and 05算定回数テーブル 3回/日", applies: nil),

        AuditCheck(id: .commentMissing, severity: .error, family: "コメント", title: "A コメント the コメント関連テーブル requires for a billed procedure is missing",
                   source: "ck 条件区分 01/02/03 (and 11/12/13 outside ＤＰＣ), 入外区分, 算定回数, 非算定理由コメント 0", reference: "ck_1_20240823 項番14-17; 記載要領 別表Ⅰ (one of the comments of the 項番・枝番)", applies: nil),
        AuditCheck(id: .commentMalformed, severity: .error, family: "コメント", title: "A コメント's text does not fit its パターン",
                   source: "c 項番4 パターン, 項番10-17 レセプト編集情報", reference: "R06rec2 別紙6-1 (10/30 文字, 31 診療行為コード, 40 数字の桁数, 42 数値, 50 GYYMMDD, 51 HHMM, 52 分5桁, 53 DDHHMM, 80 GYYMMDD+値8桁, 90 修飾語コード)", applies: nil),
        AuditCheck(id: .commentCodeNotValid, severity: .error, family: "コメント", title: "コメントコード unknown or abolished on the service date",
                   source: "c 変更年月日・廃止年月日", reference: "R06rec1 §3(6)", applies: nil),

        AuditCheck(id: .noDisease, severity: .error, family: "傷病名", title: "Claim without any 傷病名",
                   source: "claim diseases (UKE SY)", reference: "記載要領: 傷病名欄は必ず記載; 記録条件仕様 SY レコード (1件以上)", applies: nil),
        AuditCheck(id: .diseaseNotValid, severity: .error, family: "傷病名", title: "傷病名コード unknown or abolished on the service date",
                   source: "b 変更年月日・廃止年月日 (0000999 未コード化傷病名 needs its name)", reference: "R06rec1 §3(1)", applies: nil),
        AuditCheck(id: .diseaseStartImpossible, severity: .error, family: "傷病名", title: "診療開始日 after the claim's month, or before the patient's birth date",
                   source: "claim diseases[].start (UKE SY 診療開始日) against the month of the claim's last service date and patient.birth_date (RE 生年月日)",
                   reference: "記載要領 傷病名欄 (診療開始日: 当該傷病名について診療を開始した年月日) — a date the receipt's month has not reached, or before the patient was born, is a wrong entry", applies: nil),
        AuditCheck(id: .modifierNotValid, severity: .error, family: "傷病名", title: "修飾語コード unknown or abolished on the service date",
                   source: "z 変更年月日・廃止年月日", reference: "R06rec1 §3(2)", applies: nil),
        AuditCheck(id: .diseaseSex, severity: .warning, family: "傷病名", title: "傷病名 for one sex only on a patient of the other sex",
                   source: "b 項番16 ICD-10-1 (2013), patient sex", reference: "ICD-10 categories for one sex only (WHO ICD-10 Vol.2): O00-O99, C51-C58, D06, D25-D28, N70-N98, Q50-Q52 女性; C60-C63, D29, D40, N40-N51, Q53-Q55 男性", applies: nil),
        AuditCheck(id: .diseaseNotBillable, severity: .warning, family: "傷病名", title: "傷病名 outside insurance claims (保険請求外)",
                   source: "b 項番20 保険請求外区分 1", reference: "R06rec1 §3(1) 項番20", applies: nil),
        AuditCheck(id: .diseaseRequirement, severity: .error, family: "傷病名", title: "管理料 whose 算定要件 is a kind of 傷病名 billed without one (特定疾患療養管理料, 特定疾患処方管理加算, 皮膚科特定疾患指導管理料（Ⅰ）（Ⅱ）, てんかん指導料, 難病外来指導管理料)",
                   source: "s 項番25 傷病名関連区分 (3 皮膚科Ⅰ, 4 皮膚科Ⅱ, 5 特定疾患, 7 てんかん, 9 難病外来) against b 項番21 特定疾患等対象区分 (03, 04, 05, 07; 08 = 05 and 07) and 項番43 難病外来対象区分 (09), on the service date; for 5 and 9 (「…疾患を主病とする患者」) only the claim's 主病 (diseases[].main, UKE SY 主傷病) count when it names one; a 傷病名 with 修飾語 8002 の疑い, started after the date, or not valid on the date does not qualify; before a row's 変更年月日 with 項番37/33（変更情報） 1 the old value is unknown and the item is not reported",
                   reference: "告示 B000 注1 (別に厚生労働大臣が定める疾患を主病とする患者), B001 6 注1, 7 注1, 8 注1, F100 注5・F400 注4 (特定疾患処方管理加算); 特掲診療料の施設基準等 別表第一・第二; R06rec1 §3(1) 項番21・43, §3(7) 項番25", applies: "the item is removed when every 傷病名 of the claim is in the 傷病名マスター and none qualifies (e.g. 高血圧症 with 特定疾患療養管理料 from 2024-06); with a 未コード化傷病名 (0000999) or a code the master does not list, only reported"),
        AuditCheck(id: .diseaseKind, severity: .error, family: "傷病名", title: "fee billed for a patient the 告示 names by a kind of disease no master flags (外来化学療法加算 for a 悪性腫瘍 主病; 外来腫瘍化学療法診療料 or 悪性腫瘍特異物質治療管理料 without a 悪性腫瘍; 生活習慣病管理料（Ⅰ）（Ⅱ） without the 主病 its row names)",
                   source: "b 項番16 ICD-10-1 (2013) of each claim 傷病名 on the service date against the kinds of Masters/params/audit/disease-kind-rules.json (悪性腫瘍: C00–C97); a 傷病名 with 修飾語 8002 の疑い or started after the date does not count; for 「…を主病とする患者」 only the claim's 主病 (diseases[].main) count when it names one",
                   reference: "告示 第6部 通則6 (悪性腫瘍を主病とする患者を除く), B001-2-12 注1 (悪性腫瘍を主病とする患者), B001 3 注1・注2 (悪性腫瘍の患者; 通知 B001 3 (1) 既に確定診断がされた患者), B001-3 1–3 and 注1, B001-3-3 注1 (脂質異常症、高血圧症又は糖尿病を主病とする患者)", applies: "removed when the claim's 傷病名 decide it; with no 主病 named (外来化学療法加算), a 傷病名 the master does not list (0000999), or one that may or may not be of the kind (上皮内新生物 D00–D09, 性状不詳 D37–D48, a benign 腫瘍 with a 修飾語), only reported"),
        AuditCheck(id: .suspectedDiseaseOpen, severity: .warning, family: "傷病名", title: "疑い病名 left open: 診療開始日 more than N months before the claim month and no 転帰",
                   source: "claim diseases (SY 修飾語 8002 の疑い, 診療開始日, 転帰区分); N from Masters/params/audit/suspected-diseases.json (default 3)",
                   reference: "記載要領 傷病名欄: 疑い病名は確定又は中止の転帰を記載; the months are a setting of this check, not law (審査 practice)", applies: nil),

        AuditCheck(id: .addOnWithoutBase, severity: .error, family: "加算 and its base", title: "注加算 billed without a base of its 注加算コード family on the same day",
                   source: "s 項番68 告示等識別区分（１） 7, 項番38 注加算コード, 項番39 注加算通番 (base = 通番 0 of the same 注加算コード); 乳幼児加算（処置） rows (no 注加算コード): 項番46 処置乳幼児加算区分 (base = a 処置 of the same 区分)",
                   reference: "R06rec1 §3(7) 項番38-39 (注加算が算定可能な診療行為と当該注加算に同一の注加算コード); 告示「所定点数に加算する」(e.g. A000 注6 乳幼児加算, A001 注4)", applies: "the 注加算 is removed"),
        AuditCheck(id: .generalAddOnWithoutPart, severity: .error, family: "加算 and its base", title: "通則加算 billed without an item of its 部 on the same day",
                   source: "s 項番68 告示等識別区分（１） 9, 項番85 コード表用番号 (部 letter) against the day's 基本・合成・準用項目 (告示等識別区分（１） 1, 3, 5) of that letter",
                   reference: "告示 第2章 各部 通則 (e.g. J 通則5, K 通則7・8・12, L 通則2・3, B 通則3 外来感染対策向上加算)", applies: "the 通則加算 is removed"),
        AuditCheck(id: .sectionAddOnWithoutBase, severity: .error, family: "加算 and its base", title: "加算 row of a 区分 billed without a base item of that 区分 on the same day (外来管理加算 without 再診料, 特定疾患処方管理加算 without 処方料・処方箋料 …)",
                   source: "s 項番69 告示等識別区分（２） 7 with 項番68 1 and no 注加算コード; base = a row of the same コード表用番号 alphabet and 区分番号 (any 枝番: B001-2's add-ons serve B001-2-11 too) with 告示等識別区分（２） 1 or 3; checked only where the master has such a base row",
                   reference: "告示「所定点数に加算する」in the 区分's 注 (e.g. A001 注8 外来管理加算, F100 注5 特定疾患処方管理加算)", applies: "the 加算 is removed"),
        AuditCheck(id: .neonatalAddOnOffList, severity: .error, family: "加算 and its base", title: "新生児加算（手術） (第10部 通則7) billed for a 手術 that is not of its list",
                   source: "Masters/params/surgery-neonatal.json (the 通則7 区分 list and its 加算 rows) against the day's 手術 (告示等識別区分（１） 1, 3, 5 of 部 K)",
                   reference: "告示 第10部 通則7 (区分番号Ｋ００２、Ｋ１３８…に掲げる手術を…新生児…に対して実施する場合には…100分の300; R06 ika-kokuji.txt 13233-13251); 通則8 (３歳未満の乳幼児…100分の100; 13252-13255)", applies: "the 新生児加算 is removed (the pricer then derives 通則8's 乳幼児加算 for a 3歳未満 patient)"),
        AuditCheck(id: .monthAddOnWithoutBase, severity: .warning, family: "加算 and its base", title: "在宅療養指導管理材料加算 (C150–C175) in a month whose receipt (and --history) bills no 在宅療養指導管理料 (C100–C121)",
                   source: "Masters/params/audit/add-on-bases.json month_rules: the 加算's 区分 range against the month's rows (告示等識別区分（１） 1) of the base range, in the claim and its history",
                   reference: "告示 第2部 第2節 第2款 通則1 (在宅療養指導管理料のいずれかの所定点数を算定する場合に); 通知 第2節 第2款 1: 要件を満たせば、第１款在宅療養指導管理料を算定するか否かにかかわらず、別に算定できる (the 指導管理料 on an 入院 receipt's 退院日, 第1款 通則4; the main one of ２以上の指導管理) — nothing is removed: check that the patient is under the 指導管理 this month", applies: nil),
        AuditCheck(id: .exclusiveAddOns, severity: .error, family: "加算 and its base", title: "Two 注加算 of one 注加算コード and 注加算通番 in one order (算定単位), or two rows Masters/params/exclusive-add-ons.json excludes beside each other: they exclude each other (e.g. I002 注3 20歳未満加算 and 注4 児童思春期精神科専門管理加算; A000 注9 夜間・早朝等加算 and 注7 時間外加算)",
                   source: "s 項番68 告示等識別区分（１） 7, 項番38 注加算コード and 項番39 注加算通番 (not 0) of the order's rows on the date, and the dated rows of exclusive-add-ons.json; the row of fewer points (項番12) is the one reported (ties: the later listed)",
                   reference: "R06rec1 §3(7) 項番39 (１つの診療行為に対して同時に算定が可能な注加算に、異なる番号を設定する); e.g. 告示 I002 注3 ただし 注４に規定する加算を算定した場合は、算定しない; A000 注9 ただし and 通知 A000 (23) カ; D 第1款 通則1 ただし (外来迅速検体検査加算)", applies: "the row of fewer points is removed (`santei price` and `uke recalc` bill the other only)"),
        AuditCheck(id: .infantTimeAddOn, severity: .error, family: "加算 and its base", title: "乳幼児加算 beside a 時間外・休日・深夜加算 of one 初診・再診・外来診療料: the 告示 bills one 乳幼児時間外・休日・深夜加算 instead",
                   source: "Masters/params/audit/add-on-substitutions.json (per 初診料・再診料・外来診療料: the 乳幼児加算 row, each time row and its 乳幼児 row)",
                   reference: "告示 A000 注6 ただし・注7, A001 注4 ただし・注5, A002 注7 ただし・注8 (R06 ika-kokuji.txt 165-176, 235-243, 392-400)",
                   applies: "the 乳幼児加算 is removed and the time row replaced by its 乳幼児 row (a change of kind replaced)"),
        AuditCheck(id: .percentRowsAlone, severity: .warning, family: "加算 and its base", title: "An order whose 診療行為 are ％ rows only (％加算・％減算 with no 所定点数 in the order; a 材料 is none), or of ％ 材料 rows only: they price 0 there",
                   source: "s 項番11 点数識別 5 ％加算 / 6 ％減算, t 項番11 金額種別 5 ％加算 (酸素補正率, フィルム料（乳幼児）加算) of every row of the order; an order that states its 点数 (a UKE unit) is priced on the unit before it instead (SA-P001)",
                   reference: "告示「所定点数の100分の○○に相当する点数を加算する／により算定する」: the share is of the 所定点数 of the item the row goes with (e.g. 手術 通則14 ただし書 従たる手術の100分の50, E002 注2 乳幼児加算)", applies: nil),

        AuditCheck(id: .firstVisitWithinMonth, severity: .warning, family: "Month", title: "初診料 again within one month of an earlier visit",
                   source: "s コード表用番号 A000 (告示等識別区分（１） 1), the claim and --history", reference: "通知 A000 (14)・(15): 診療中止後１月以上経過した後は初診 (1月 = 2月10日〜3月9日); 慢性疾患等は初診としない", applies: nil),
        AuditCheck(id: .outpatientManagementWithProcedure, severity: .error, family: "Month", title: "外来管理加算 with a procedure that excludes it on the same day",
                   source: "s 項番56 外来管理加算区分 (1 算定できない, 2 外来管理加算自体)", reference: "告示 A001 注8; 通知 A001 (7) ア: 処置、リハビリテーション等を行った場合は算定できない", applies: "外来管理加算 is removed"),
        AuditCheck(id: .judgementFeeDuplicated, severity: .error, family: "Month", title: "判断料 of one 検査等実施判断グループ billed more than once in the month",
                   source: "s 項番50-51 検査等実施判断区分 2・グループ区分, the claim and --history of the month", reference: "告示 D026 注: 月１回に限り算定", applies: "the later 判断料 is removed"),
        AuditCheck(id: .judgementFeeMissing, severity: .info, family: "Month", title: "Tests of a 判断グループ billed without its 判断料",
                   source: "s 項番50-51 検査等実施判断区分 1・グループ区分", reference: "告示 D026 (santei price derives it when one fee applies)", applies: nil),
        AuditCheck(id: .judgementFeeWithoutTest, severity: .error, family: "Month", title: "検体検査・生体検査 判断料 billed with no test of its 判断グループ in the month",
                   source: "s 項番50-51 検査等実施判断区分 1・2・グループ区分 (D000 尿中一般物質定性半定量検査 is 区分 0), the claim and --history of the month",
                   reference: "告示 D026 注1: 該当する検体検査の種類又は回数にかかわらずそれぞれ月１回に限り算定; 注2: Ｄ０００の所定点数を算定した場合にあっては、当該検査については尿・糞便等検査判断料は算定しない; 第3節 生体検査 判断料 alike", applies: "the 判断料 is removed"),
        AuditCheck(id: .periodFromReference, severity: .error, family: "Month", title: "Fee billed within a period the 告示 counts from another fee (e.g. B000 特定疾患療養管理料 within one month of 初診)",
                   source: "Masters/params/audit/period-rules.json (code's 区分番号・項番, reference fee, period, source passage), the claim and --history",
                   reference: "告示 B000 注2, B001 6 注2, 7 注2, 8 注2, 21 注2, C010 注2 …:「初診料を算定する初診の日に行った管理又は当該初診の日から１月以内に行った管理の費用は、初診料に含まれる」; 通知 B000 (3) ただし書: when the month ends on a 休日 (Masters/params/holidays.json), B000 also on the last day before it that is no 休日", applies: "the fee is removed"),
        AuditCheck(id: .periodFromAdmission, severity: .error, family: "Month", title: "Fee billed outside the period the 告示 counts from the 入院の日 (e.g. I001 入院精神療法（Ⅰ） after 3 months)",
                   source: "Masters/params/audit/period-rules.json admission (codes, within_months or after_months, source passage), the claim's admission.date / reckoning_date",
                   reference: "告示 I001 注1 「入院の日から起算して３月を限度として」, I001 2 イ・ロ 「入院の日から起算して６月以内／６月を超えた期間に行った場合」, I002-3 注2; 通知 I001 (7): 入院の日…は入院基本料の取扱いの例による", applies: "the fee is removed"),
        AuditCheck(id: .periodFromCommentDate, severity: .error, family: "Month", title: "Add-on billed past the days the 告示 counts from a date the claim states in a comment (早期リハビリテーション加算 30日, 初期加算 14日 from the 発症・手術・急性増悪年月日)",
                   source: "Masters/params/audit/period-rules.json comment_dates (codes, comments, days, source passage), the order's (else the encounter's) date comments (コメント パターン 50, 和暦 GYYMMDD); day 1 = the latest date stated",
                   reference: "告示 H001 注2・注3・注4, H002 注2・注3・注4 (それぞれ発症、手術又は急性増悪から30日／14日を限度として)", applies: "the add-on is removed"),
        AuditCheck(id: .unitsPastStandardDays, severity: .warning, family: "Month", title: "リハビリテーション past its 標準的算定日数 over 13 単位 in a calendar month",
                   source: "Masters/params/audit/period-rules.json comment_dates with month_units_after: the codes, the 発症・手術・急性増悪年月日 comments they count from, the days (H001 180, H002 150) and the month's cap; 単位 = 回数 × 数量, in date order",
                   reference: "告示 H001 注5, H002 注5: …それぞれ発症、手術若しくは急性増悪又は最初に診断された日から150日（H001: 180日）を超えてリハビリテーションを行った場合は、１月13単位に限り、算定できる; 通知 H000 (7)・H002 (11): 別表第九の八に掲げる患者であって別表第九の九に掲げる場合は標準的算定日数内の期間と同様に算定できる — not a fact the claim carries, hence a warning", applies: nil),
        AuditCheck(id: .visitsInMonth, severity: .warning, family: "Month", title: "在宅時医学総合管理料 / 施設入居時等医学総合管理料 「月２回以上訪問診療を行っている場合」 billed with fewer than two 訪問診療 in the month",
                   source: "Masters/params/audit/visit-count-rules.json (the 月２回以上 rows with their 月１回 row, the 訪問診療 rows: C001 「１」, C001-2 注1 イ), the claim and --history of the month: distinct days",
                   reference: "告示 C002 1 イ（1）（2） …「月２回以上訪問診療を行っている場合」／（4）「月１回訪問診療を行っている場合」, C002-2; 通知 C002 (4): 在宅患者訪問診療料(Ⅰ)の「１」又は(Ⅱ)（注１のイ）を月２回以上算定した場合には「月２回以上…」を、月１回算定した場合には「月１回訪問診療を行っている場合」を算定する", applies: nil),
        AuditCheck(id: .secondDepartmentTwice, severity: .error, family: "Month", title: "A second 2科目 再診料 / 外来診療料 on one day (a third department)",
                   source: "s コード表用番号 A001・A002 (告示等識別区分（１） 1 or 5) whose 省略名称 names ２科目 (再診料, 電話等再診料, 外来診療料 and their 情報通信機器・特定妥結率 rows): a second such row on a day, or 回数 above 1",
                   reference: "告示 A001 注3, A002 注5 (R06 ika-kokuji.txt 231-234, 355-358): ２つ目の診療科に限り 38点; 通知 A001 (4): 現に診療継続中の診療科１つに限り", applies: "the later row is removed (a 回数 above 1 lowered to 1)"),
        AuditCheck(id: .firstVisitTwiceADay, severity: .error, family: "Month", title: "初診料 billed twice on one day",
                   source: "s コード表用番号 A000 (告示等識別区分（１） 1): the same code twice on a day, two rows that take the 注加算 (注加算コード ≠ 0: 初診料, 情報通信機器, 文書による紹介がない患者 …) on a day, or 回数 above 1; a 2科目 row (注加算コード 0) beside one is not",
                   reference: "告示 A000 注5 (R06 ika-kokuji.txt 158-160): 他の傷病について初診を行った場合は、それらの傷病に係る初診料は、併せて１回; a second 診療科 the same day bills its own code (２つ目の診療科に限り 146点)",
                   applies: "the later copy is removed (a 回数 above 1 lowered to 1)"),

        AuditCheck(id: .repeatTomographyUnreduced, severity: .warning, family: "画像診断", title: "The month's second or later CT/MRI billed without its ％減算 row (100分の80)",
                   source: "s コード表用番号 E200・E202 (告示等識別区分（１） 1; E101-3・E101-4 counted before them: Masters/params/order-add-ons.json tomography_repeat), the 注加算コード family's ％減算 row (点数識別 6, 告示等識別区分（１） 7: 170022290 ２回目以降減算（ＣＴ、ＭＲＩ）)",
                   reference: "告示 第4部 第3節 通則2 (R06 ika-kokuji.txt 10637-10640): 同一月に２回以上行った場合は…２回目以降…一連につき所定点数の100分の80; 通知 (ika-tsuuchi.txt 17794-17813); santei price derives the row", applies: nil),
        AuditCheck(id: .repeatTestUnreduced, severity: .warning, family: "検査", title: "The month's second or later performance of one 生体検査 (逓減対象区分 1) billed without 検査逓減 (100分の90) — in an order of its own, or as the 回数 2 or more of one order",
                   source: "s 項番52 逓減対象区分 1 of a コード表用番号 D row (one 検査: the same code, or the same 区分番号 for D208・D209・D210, or a group of Masters/params/order-add-ons.json test_repeat), counted in date order over the claim; its order without the ％減算 row test_repeat.code (160000190 検査逓減, 点数識別 6)",
                   reference: "告示 第3部 第3節 呼吸循環機能検査等 通則1, 超音波検査等・内視鏡検査 の通則 (R06 ika-kokuji.txt 9426-9431): 同一の患者につき同一月において同一検査を２回以上実施した場合における２回目以降の当該検査の費用は、所定点数の100分の90に相当する点数により算定する; 通知 第3節 2–4 (ika-tsuuchi.txt 15408-15424); santei price derives the row", applies: nil),
        AuditCheck(id: .imageManagementPerSeries, severity: .error, family: "画像診断", title: "電子画像管理加算 billed for each 撮影 of one 一連 (同一部位・同時 of two 撮影方法)",
                   source: "Masters/params/audit/image-series.json: the 電子画像管理加算 rows of 撮影 and the 写真診断・撮影 rows at their 同時併施 rate (他方と同時併施 / 他方同時); a day allows (加算 rows − 同時併施 rows), at least one",
                   reference: "告示 第4部 第1節 通則4 (一連の撮影について); 通知 第4部 第1節 2 (2): 同一の部位につき、同時に２種類以上の撮影方法を使用した場合は一連の撮影とみなし、主たる撮影の点数のみ算定する", applies: "the extra 加算 rows, lowest 点数 first, are removed"),
        AuditCheck(id: .surgeriesOfOneDay, severity: .warning, family: "手術", title: "Two or more 手術 on one day (or one 手術 of 回数 2 or more): 同時 in one 手術野 or 病巣, or the same 手術 again? Then only the 主たる手術 is billed",
                   source: "s コード表用番号 K000–K915 (第1節 手術料, 告示等識別区分（１） 1) on one day; the 主たる手術 is the row of most points; a row of 回数 2 or more (通知 第10部 通則3: 同種の手術が同一日に２回以上 — unless 特別の理由, or a row priced per 指 or 部位)",
                   reference: "告示 第10部 通則14 (R06 ika-kokuji.txt 13293-13303): 同一手術野又は同一病巣につき、２以上の手術を同時に行った場合…主たる手術の所定点数のみ (ただし書: 植皮術・骨移植術 … 合算; 複数手術に係る費用の特例 100分の50); 通知 第10部 通則18 (1) 「同一皮切により行い得る範囲」 (e.g. 虫垂切除術と盲腸縫縮術)", applies: nil),
        AuditCheck(id: .procedureOnSurgeryDay, severity: .warning, family: "手術", title: "A 処置 (ギプスを除く) or a 注射 手技料 on the day of a 手術, or an 内視鏡検査 on the day of a 手術 by 内視鏡: if done in connection with it (同時), not billable",
                   source: "the day's 第10部 第1節 手術 rows (K000–K915, 告示等識別区分（１） 1) and its 第9部 第1節 処置 rows (J000–J121, J130–, ギプス J122–J129-4 excepted) and 第6部 第1節 第1款 注射実施料 rows (G000–G018); 第3部 第3節 内視鏡検査 rows (D295–D325) on a day whose 手術 row's 省略名称 names 内視鏡 or …鏡下",
                   reference: "通知 第10部 手術 通則4 (R06 ika-tsuuchi.txt 22891-22893): 手術当日に、手術（自己血貯血を除く。）に関連して行う処置（ギプスを除く。）の費用及び注射の手技料は、術前、術後にかかわらず算定できない。また、内視鏡を用いた手術を行う場合、これと同時に行う内視鏡検査料は別に算定できない", applies: nil),
        AuditCheck(id: .prescriptionDays, severity: .error, family: "投薬", title: "内服 剤 of a 麻薬・向精神薬 or 新医薬品 prescribed for more days than the 告示 allows (14 / 30 / 90 days)",
                   source: "y 項番14 麻薬・毒薬・覚醒剤原料・向精神薬 (1 麻薬, 5 向精神薬), 項番38 一般名処方の標準的な記載・項番5/35 名称, 項番32 薬価基準収載医薬品コード, 項番36 薬価基準収載年月日, 項番17 後発品; the 告示's lists by 一般名 in Masters/params/audit/prescription-limits.json; 日数 = the 内服 order's 回数",
                   reference: "平成18年厚生労働省告示第107号 (掲示事項等告示) 第十 二: 十四日分 (麻薬, 向精神薬, 新医薬品 for one year from the first of the month after 薬価収載), 三十日分 and 九十日分 (lists by 一般名); 療担規則 第20条第2号ヘ", applies: nil),

        AuditCheck(id: .mixedDispensing, severity: .warning, family: "投薬", title: "One 入院外 day gives some 剤 in-house and others by 院外処方箋 (原則として認められない)",
                   source: "the day's 投薬 orders (診療識別 21–23) stating dispensing in_house and outside (the encounter's when the order states none), or its F000 調剤料 / F100 処方料 rows beside an F400 処方箋料 row (s コード表用番号)",
                   reference: "通知 F400 (9) (R06 ika-tsuuchi.txt 18308-18310): 同一の患者に対して、同一診療日に、一部の薬剤を院内において投薬し、他の薬剤を院外処方箋により投薬することは、原則として認められない; 告示 第5部 通則1 ただし (処方箋を交付した場合は、第５節の所定点数のみにより算定する)", applies: nil),

        AuditCheck(id: .prescriptionPeriodAddOn, severity: .warning, family: "投薬", title: "A 処方料 加算 for a 処方期間 of 28日以上 (特定疾患処方管理加算) on a day whose 内服 are all shorter",
                   source: "Masters/params/audit/prescription-period-add-ons.json (codes, min_days, categories 21, unless 22/23) against the day's orders (their 回数 are days)",
                   reference: "告示 F100 注5 (R06 ika-kokuji.txt 10805-10808: 薬剤の処方期間が28日以上の処方を行った場合); 通知 F100 (9) ウ (ika-tsuuchi.txt 18137-18139); R02・R04 F100 注6 特定疾患処方管理加算２", applies: nil),
        AuditCheck(id: .prescriptionVariantOfMonth, severity: .warning, family: "投薬", title: "小児科外来診療料 (小児かかりつけ診療料) 「２ 処方箋を交付しない場合」 in a month that bills 「１」 on a day that gave an 院外処方箋",
                   source: "Masters/params/audit/prescription-variants.json (issued / not_issued codes per fee) against the month's rows",
                   reference: "通知 B001-2 (5) (R06 ika-tsuuchi.txt 7014-7018): 同一月において、院外処方箋を交付した日がある場合は、当該月においては、「１」の所定点数により算定する (「２」 for a 夜間緊急 visit 等, the reason in the 摘要欄); 通知 B001-2-11 (4)", applies: nil),
        AuditCheck(id: .statedPointsDiffer, severity: .error, family: "点数", title: "A unit's stated 点数 differs from what Santei computes (both numbers in the message)",
                   source: "the order's stated_points (UKE SI/IY/TO 点数 of the unit) against santei price of the unit on its service date; a unit of 金額 rows (点数識別 1: 入院時食事療養・生活療養, 標準負担額 — 診療識別 97) states yen and is compared in yen; units that hold the tests of one まるめ group of one day between them (one 採血) are compared together, their Σ 点数 × 回数 (one finding for them)",
                   reference: "記録条件仕様: 点数は算定単位内の最終レコードに記録; 医科点数表 (the unit's codes and quantities); 告示 D007 注 and its like (患者から１回に採取した血液を用いて…５項目以上: the まるめ is per 採血, not per unit)", applies: nil),
        AuditCheck(id: .statedPointsUnpriced, severity: .info, family: "点数", title: "A unit with stated 点数 that Santei cannot price (購入価格, a code without a version …)",
                   source: "the order's stated_points and the pricing issue", reference: "—", applies: nil),
        AuditCheck(id: .statedTotalDiffers, severity: .error, family: "点数", title: "A UKE receipt's 合計点数 (HO, or a KO) is not the sum of the stated 点数 × 回数 of the units charged to that payer",
                   source: "the RE's SI/IY/TO units that state 点数 (every unit; 診療識別 97 states yen and is left out) against the HO and each KO 項目6 合計点数 (its 5th field after the record ID): the units whose 負担区分 names that payer (1 医保, 2 医保＋第1公費, 5 第1公費のみ … ; blank: the receipt's one payer)",
                   reference: "記録条件仕様 医科 (HO・KO 合計点数: 当該レセプトの合計点数, 公費に係る合計点数; domain-facts C.7: 合計点数 = Σ 点数 × 回数 of the lines whose 負担区分 includes that payer); `uke recalc` rewrites them from the units", applies: nil),
        AuditCheck(id: .statedDaysImpossible, severity: .error, family: "点数", title: "A UKE receipt's 診療実日数 (HO, or a KO) is fewer than the days its 初診料・再診料・入院料 rows fall on, or more than the days any of its records falls on",
                   source: "HO・KO 項目5 against the 算定日情報 of the records whose 負担区分 names that payer: at least the days of a row of s 項番27 実日数 2 (初診料, 再診料, 外来診療料 and the fees that hold them) or 3 (入院基本料, 特定入院料), at most the days of any record; not checked when a record has no 算定日情報",
                   reference: "記録条件仕様 医科 HO・KO 診療実日数 (domain-facts C.4–C.5); R06rec1 §3(7) 項番27 実日数 (２：初診料、再診料、外来診療料等, ３：入院基本料、特定入院料)", applies: nil),
    ]

    /// Checks that need the 支払基金 コンピュータチェックマスタ (医薬品の適応・禁忌・併用禁忌・用量), which is not
    /// published in `../shared`: the catalogue keeps their IDs so they can be added as tables (a loader
    /// reading drug ↔ disease, drug ↔ drug and dose rows by effective date, like the 電子点数表 indexes).
    public static let needingCheckMasters: [(id: String, title: String, table: String)] = [
        ("SA-X001", "医薬品 without a 傷病名 of its 適応 (drug ↔ disease)", "コンピュータチェックマスタ 医薬品・傷病名 (適応)"),
        ("SA-X002", "医薬品 with a 傷病名 it is 禁忌 for (drug ↔ disease)", "コンピュータチェックマスタ 医薬品・傷病名 (禁忌)"),
        ("SA-X003", "Two 医薬品 that are 併用禁忌 in one encounter (drug ↔ drug)", "コンピュータチェックマスタ 医薬品・医薬品 (併用禁忌)"),
        ("SA-X004", "医薬品 dose (1日量) over its 用量 (dose)", "コンピュータチェックマスタ 医薬品 用量"),
        ("SA-X005", "診療行為 without a 傷病名 of its 適応 (procedure ↔ disease, beyond 傷病名関連区分)", "コンピュータチェックマスタ 診療行為・傷病名"),
    ]

    /// The entry for an ID.
    public static func of(_ id: AuditCheckID) -> AuditCheck {
        guard let check = byID[id] else { preconditionFailure("no audit check \(id)") }
        return check
    }
    private static let byID: [AuditCheckID: AuditCheck] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.id, $0) })

    /// docs/audit-checks.md: the catalogue as Markdown, generated so the documentation cannot drift.
    public static func markdown() -> String {
        var out = """
        # Pre-audit checks (事前点検)

        Generated from `AuditCheck.catalogue` (`Sources/Santei/Audit/AuditCheck.swift`) by
        `santei audit --list-checks --markdown`; a test keeps this file equal to the generated text.

        Each finding names its check ID, severity, the claim, and the encounter, order and item it points at
        (0-based indexes into the claim's `encounters`, `orders` and `items`). `--mode advise` reports;
        `--mode apply` also produces the corrected claim where the table decides the outcome mechanically
        (the "apply" column) and lists each change with its reason. Apply never adds an item or raises a 回数.
        On an 入院 claim with `admission`, a finding about a stated 加算 names it by `addition` (its index in
        `admission.additions`) and changes nothing: the stay's pricing does not bill it (SA-B001, SA-B002, SA-C001,
        SA-C005, SA-C006, SA-N001).

        Severities: **error** — the claim is wrong as sent (返戻・査定); **warning** — needs a person to look;
        **info** — a note.

        """
        var family = ""
        for c in catalogue {
            if c.family != family {
                family = c.family
                out += "\n## \(family)\n\n| ID | severity | check | source | 告示・通知 / specification | apply |\n|---|---|---|---|---|---|\n"
            }
            func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
            out += "| \(c.id) | \(c.severity.rawValue) | \(cell(c.title)) | \(cell(c.source)) | \(cell(c.reference)) | \(cell(c.applies ?? "—")) |\n"
        }
        out += """

        ## Not yet checked: needs the コンピュータチェックマスタ

        These checks need the 社会保険診療報酬支払基金 コンピュータチェックマスタ (drug ↔ disease 適応・禁忌,
        drug ↔ drug 併用禁忌, doses), whose files are not among the masters Santei is given. Their IDs are
        reserved; each would be a dated table read like the 電子点数表 (rows with 新設・廃止年月日, an index per
        chain) and a check over the claim's items and 傷病名.

        | ID | check | needs |
        |---|---|---|

        """
        for x in needingCheckMasters { out += "| \(x.id) | \(x.title) | \(x.table) |\n" }
        return out
    }
}
