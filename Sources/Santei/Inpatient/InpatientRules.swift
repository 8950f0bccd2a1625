import Foundation

/// The dated law of 入院 pricing that no master states (Masters/params/inpatient, each value with its
/// effective date and source): the day ranges of period families, the 加算 every patient of a ward earns
/// from the facility's 施設基準, and which master rows are the 食事療養 rows.
public struct InpatientRules: Sendable {
    /// A day range of the 入院期間 (day 1 = 起算日) and the codes that apply in it.
    public struct Window: Sendable, Equatable {
        public var firstDay: Int; public var lastDay: Int?; public var codes: [UInt64]
        /// A window that ends with a period in years (「１年以内」, A103 注3 ホ): it runs to the day before the 起算日's
        /// 応当日 that many years on, or to the end of that month when it has none (民法143条, 暦による計算: 365 or 366
        /// days); `lastDay` is then its length in a common year, used where no 起算日 is at hand.
        public var lastYears: Int? = nil

        /// Whether day `n` of the 入院期間 counted from `reckoning` (day 1) falls in the window.
        public func holds(_ n: Int, reckoning: ServiceDate?) -> Bool {
            guard n >= firstDay else { return false }
            if let years = lastYears, let r = reckoning {
                let y = r.year + years
                let last: ServiceDate?
                if let anniversary = ServiceDate(year: y, month: r.month, day: r.day) {
                    last = ServiceDate(dayNumber: anniversary.dayNumber - 1)
                } else {
                    last = ServiceDate(year: y, month: r.month, day: ServiceDate.daysInMonth(year: y, month: r.month))
                }
                if let last { return n <= last.dayNumber - r.dayNumber + 1 }
            }
            return n <= (lastDay ?? Int.max)
        }
    }
    public struct Family: Sendable {
        public var name: String; public var from: ServiceDate; public var source: String; public var windows: [Window]
        /// 入院基本料 rows the family's 加算 is not for, though the master links them (A106 注6・注13・注14: 「注１及び注３の規定にかかわらず」).
        public var exceptBases: Set<UInt64> = []
    }
    public struct MealCodes: Sendable, Equatable {
        public var meal1: UInt64, meal1Liquid: UInt64, meal2: UInt64, meal2Liquid: UInt64, special: UInt64, dining: UInt64
        /// 区分 (コード表用番号) of the 入院料 whose patients get no 食堂加算 (告示99号 別表 一 注4 「療養病棟に入院する
        /// 患者を除く」: A101 療養病棟入院基本料).
        public var diningExcludedWards: Set<String> = []
        /// 区分 of the 入院基本料等加算 whose patients get no 食堂加算 (留意事項通知 食堂加算 (3): 食堂の設置が要件の一つとなっている
        /// 点数を算定している場合: A223 診療所療養病床療養環境加算), on the days the addition is stated.
        public var diningExcludedAdditions: Set<String> = []
        /// 入院時生活療養 (告示99号 別表 二), for a patient whose ward's 入院料 row is its 生活療養 variant.
        public var living: LivingCodes?
        /// Text in a 入院料 row's name that marks its 生活療養 variant (（生活療養）, （生活・療養…）).
        public var livingRowMarkers: [String] = []
        /// 区分 of the 療養病床 入院基本料 (A101, A109) whose 特定長期入院被保険者 (65歳に達する日の属する月の翌月以後)
        /// receive 生活療養: a stated row that is not the 生活療養 variant is noted.
        public var livingWards: Set<String> = []
        /// Text in an A101 入院料 row's name that gives the patient's 医療区分 (（入院料Ａ）… → 3, 2, 1;
        /// （入院料１）…（入院料３０）: the higher of 疾患・状態 and 処置等), for the 生活療養標準負担額 of 医療区分２・３.
        public var medicalClassMarkers: [MedicalClassMarker] = []
    }
    public struct MedicalClassMarker: Sendable, Equatable { public var marker: String; public var medicalClass: Int }
    /// The 生活療養 rows: 食事の提供たる療養 (1食につき; 流動食のみ, (Ⅰ) only), 環境療養 (1日につき), 特別食加算, 食堂加算.
    public struct LivingCodes: Sendable, Equatable {
        public var meal1: UInt64, meal1Liquid: UInt64, meal2: UInt64, environment1: UInt64, environment2: UInt64, special: UInt64, dining: UInt64
    }

    public var families: [Family] { didSet { familiesByCode = Self.index(families); familiesInForce = Self.inForceIndex(families) } }
    /// `families(on:)` for every set of families in force, by how many entries start on or before the day
    /// (built with `familiesByCode`): a day's look-up reads it instead of rebuilding the set per claim.
    private(set) var familiesInForce: [Int: [Family]] = [:]
    /// `families` positions by code (built by `load` and on every change): a 加算's look-up reads its own
    /// families only — it runs for every candidate 加算 of every day.
    private var familiesByCode: [UInt64: [Int]]? = nil
    /// The 特定入院料 families (specified-periods.json): day 1 = the 入院日. Kept apart from `families`, which
    /// every day of every stay scans for its 入院期間加算.
    public var specifiedFamilies: [Family] = [] { didSet { specifiedByCode = Self.index(specifiedFamilies) } }
    /// `specifiedFamilies` positions by code (built with them): a ward's look-up reads its own families only.
    private var specifiedByCode: [UInt64: [Int]] = [:]

    static func index(_ families: [Family]) -> [UInt64: [Int]] {
        var out: [UInt64: [Int]] = [:]
        for (k, f) in families.enumerated() {
            for c in Set(f.windows.flatMap(\.codes)) { out[c, default: []].append(k) }
        }
        return out
    }
    /// コード表用番号 (A207-3) of the ward-wide 加算, by date.
    public var wardAdditions: Dated<Set<String>>
    /// 加算 due once every `everyDays` days of the 入院期間 past the first `everyDays` (day 1 = 起算日), and only
    /// in a ward whose 入院料 is of one of `wards` (コード表用番号): A245 データ提出加算３・４ 注2
    /// 「入院期間が90日を超えるごとに１回」, 通知 A245(2) 「入院日から起算して91日目、181日目等」 counted over the
    /// 通算した入院期間. The 05算定回数テーブル has no 算定単位 for them (ward-additions.json `recurring`).
    /// `wards` nil: any ward. `admissionDay`: also due on the 入院初日 — the 起算日, not the first day of a 再入院 whose
    /// 入院期間 continues (通知 第2部 通則8) — (A234-2 注1 感染対策向上加算３ 「入院初日及び入院期間が90日を超えるごとに
    /// １回」, 通知 A234-2(1): 通算した入院期間から算出し算定する).
    public struct Recurring: Sendable, Equatable {
        public var codes: Set<UInt64>; public var everyDays: Int; public var wards: Set<String>?; public var admissionDay = false
        /// Whether day `n` of the 入院期間 is one of days everyDays+1, 2·everyDays+1 … (91, 181 … for 90).
        @inline(__always) public func isDue(day n: Int) -> Bool { n > everyDays && (n - 1) % everyDays == 0 }
    }
    public var recurring: Dated<[Recurring]> = Dated("recurring 入院基本料等加算 (ward-additions.json)", [])
    /// A 加算 billed only up to day `lastDay` of the 入院期間 in a ward whose 入院料 is of one of `wards`
    /// (ward-additions.json `limits`: A244 注1 「療養病棟入院基本料、精神病棟入院基本料…を算定している患者については、
    /// 入院した日から起算して８週間を限度とする」).
    public struct DayLimit: Sendable, Equatable { public var codes: Set<UInt64>; public var wards: Set<String>; public var lastDay: Int }
    public var dayLimits: Dated<[DayLimit]> = Dated("ward limits of 入院基本料等加算 (ward-additions.json)", [])
    /// 加算 whose 05算定回数テーブル 入院中 N counts the days it is billed in the 入院, not days 1…N of the 入院期間
    /// (ward-additions.json `counted`: A236-2 注 「１入院に限り20日を限度」, A237 注1・注2 「１入院に限り８日を限度」 — the
    /// 告示 ties the days to no 起算日, unlike 「入院した日から起算して14日を限度」).
    public var countedLimits: Dated<Set<UInt64>> = Dated("入院中 N counted as days billed (ward-additions.json counted)", [])
    /// Whether a code's 入院中 N counts billed days on a date (no throw, no allocation).
    public func countsBilledDays(_ code: UInt64, on date: ServiceDate) -> Bool {
        guard let e = countedLimits.inForce(on: date) else { return false }
        return e.value?.contains(code) ?? false
    }
    /// A ward-wide 加算 whose 告示 also asks for a 部 billed in the stay (ward-additions.json `needs_parts`: A234-5
    /// 報告書管理体制加算 「当該入院中に第４部画像診断又は第13部病理診断に掲げる診療料を算定したもの」): the
    /// コード表用番号 letters (E 第4部, N 第13部) one of the claim's ordered 診療行為 must carry.
    public struct PartsNeeded: Sendable, Equatable { public var letters: Set<UInt8>; public var source: String }
    public var partsNeeded: Dated<[String: PartsNeeded]> = Dated("入院基本料等加算 that need a 部 in the stay (ward-additions.json needs_parts)", [])
    /// A 加算 not billed in a stay whose receipt bills a 加算 of another 区分 (ward-additions.json `not_with`: A247 注1
    /// 「認知症ケア加算を算定する患者については、Ａ２４７－２に掲げるせん妄ハイリスク患者ケア加算は別に算定できない」; 通知 A234-3 (4)
    /// 「がん拠点病院加算を算定している場合は算定できない」), keyed by the excluded 区分.
    public struct NotWith: Sendable, Equatable { public var sections: Set<String>; public var source: String }
    public var notWith: Dated<[String: NotWith]> = Dated("入院基本料等加算 not billed beside another (ward-additions.json not_with)", [])
    /// The `not_with` rules of `same_day`, kept apart at load: only on the days both are billed (A237 注3 「ハイリスク分娩管理又は
    /// 地域連携分娩管理と同一日に行うハイリスク妊娠管理に係る費用は、１又は２に含まれるものとする」) — the excluded 加算 is billed on
    /// its other days.
    public var notWithSameDay: Dated<[String: NotWith]> = Dated("入院基本料等加算 not billed on a day another is (ward-additions.json not_with same_day)", [])
    /// The last day of the 入院期間 a code may be billed in a ward of `section`, if a limit applies.
    public func lastDay(of code: UInt64, ward section: String, on date: ServiceDate) -> Int? {
        guard let list = dayLimits.inForce(on: date)?.value else { return nil }
        for l in list where l.codes.contains(code) && l.wards.contains(section) { return l.lastDay }
        return nil
    }
    /// The recurring rule of a code in force on a date (no throw, no allocation: read for every derived 加算 of
    /// every day).
    public func recurring(of code: UInt64, on date: ServiceDate) -> Recurring? {
        guard let list = recurring.inForce(on: date)?.value else { return nil }
        for r in list where r.codes.contains(code) { return r }
        return nil
    }
    /// コード表用番号 of the 入院基本料等加算 decided by the patient's age alone (age-additions.json: A208
    /// 乳幼児加算・幼児加算): a row of the ward's 04 group is billed on each day the patient's legal age is within
    /// its 下限年齢/上限年齢 (医科診療行為マスター 項番41・42).
    public var ageAdditions: Dated<Set<String>> = Dated("年齢 入院基本料等加算 (age-additions.json)", [])
    /// The age-decided 区分 in force on a date (empty before the first entry).
    public func ageSections(on date: ServiceDate) -> Set<String> {
        ageAdditions.inForce(on: date)?.value ?? []
    }
    public var mealCodes: Dated<MealCodes>

    /// A rule that narrows or widens the master's link (注加算コード, 通番) between an 入院基本料等加算 and one of its
    /// 注加算 (addition-add-ons.json): `bases` only with these 加算 rows (A200-2 注2 イ・ロ by the grade billed),
    /// `alsoBases` with these too (A234-2 注5 with 加算１), `requires` / `unless` one of these billed on the day
    /// (A207-3 注3 with 注2; A200-2 注3 not with 注2), `note` said when it is derived.
    public struct AdditionAddOn: Sendable, Equatable {
        public var code: UInt64
        public var bases: Set<UInt64>?
        public var alsoBases: Set<UInt64> = []
        public var requires: Set<UInt64> = []
        public var unless: Set<UInt64> = []
        public var note: String?
        /// Stated only: its 施設基準 count as held when the facility holds those of one of these rows (A207-3 注4
        /// ただし書, 通知 A207-3 (8): 看護補助体制充実加算２ on a day of 身体的拘束 「の届出は不要」 with 充実加算１).
        public var heldWith: Set<UInt64> = []
        /// Its only condition is the patient's age on the day (its row's 下限年齢・上限年齢): derived for its 加算
        /// stated or derived (A205 注2・注3 乳幼児加算・小児加算, A226-2 注3, A246 注6).
        public var byAge = false
        /// A 注加算 of the day's 入院基本料 or 特定入院料 itself, derived from the 施設基準 alone (A108 注4–注6, 注10,
        /// 注11; A304 注2・注5–注9, A308-3 注3–注5・注8 …); `fromDay`…`toDay`: only on those days of the 入院期間
        /// (A108 注11 「入院日から起算して15日以降」, A304 注5 「入院した日から起算して14日を限度」), counted from the
        /// 起算日 for an 入院基本料 and from the 入院日 of the unit for a 特定入院料; `belowAge`: only while the
        /// patient's legal age on the day is under it (A301 注2 「15歳未満の重篤な患者」), where the row's own age
        /// columns are blank.
        public var ofBasicFee = false
        /// When the facility holds the 施設基準 of both, this row is billed, not those (A308-3 注4 「注５に規定する
        /// 看護補助体制充実加算は別に算定できない」: the 充実加算 the ward notified over the 看護補助者配置加算).
        public var preferOver: Set<UInt64> = []
        public var fromDay: Int?
        public var toDay: Int?
        public var belowAge: Int?
        public var passage: String
        /// Whether it can be decided only once the other 注加算 of the day are known.
        public var conditional: Bool { !requires.isEmpty || !unless.isEmpty }
    }
    /// 処置 an 入院中の患者 is billed only within `days` of an operation (after-surgery.json: J000 注1 創傷処置１,
    /// J001 注2 熱傷処置１, J001-4 注2 重度褥瘡処置１ — 「手術日から起算して14日を限度」).
    public struct AfterSurgery: Sendable, Equatable { public var codes: Set<UInt64>; public var days: Int }
    public var afterSurgery: Dated<AfterSurgery> = Dated("処置 after an operation (after-surgery.json)", [])
    /// Ordered 区分 not billed on a day the stay bills one of `when` (same-day-exclusions.json: A300 注8, A301 注4 …
    /// 早期離床・リハビリテーション加算 「同一日に区分番号Ｈ０００…は、算定できない」; SameDayExclusions.swift).
    public struct SameDayExclusion: Sendable, Equatable {
        public var name: String
        public var when: Set<UInt64>
        var sections: Set<SectionCode>
        /// 診療行為 rows named one by one, where a 区分 holds more than the rule leaves out (B001 10 入院栄養食事指導料 of
        /// the many B001 特定疾患治療管理料).
        public var codes: Set<UInt64> = []
        public var passage: String
        /// The whole month's items, when a day of the month bills a row of `when` (A246 注4: 地域連携診療計画加算, billed at
        /// 退院時, and the stay's B005 退院時共同指導料２ …); else the day's only.
        public var wholeMonth = false
    }
    public var sameDayExclusions: Dated<[SameDayExclusion]> = Dated("ordered 区分 not billed beside an 入院料 row of the day (same-day-exclusions.json)", [])
    /// What a 特定入院料 includes as its 告示 lists it, for days the 02包括テーブル does not cover (specified-fee-inclusions.json).
    public struct SpecifiedFeeList: Sendable, Equatable {
        /// The 特定入院料 it holds for: 区分番号, or single rows (9-digit codes) where the 告示 names one 入院料 of a 区分
        /// (A308 注3: 「回復期リハビリテーション病棟入院料１を算定するものに限る。」); a row's own list comes first.
        var fees: Set<String>
        var parts: Set<UInt8>
        var exceptSections: Set<SectionCode>
        var sections: Set<SectionCode>
        /// 診療行為 rows the 告示 leaves out one by one where their 区分 is otherwise included (A308-3 注7: 区分番号Ｂ００１の34
        /// 二次性骨折予防継続管理料（ロに限る。）).
        var exceptCodes: Set<UInt64> = []
        /// The drugs and 特定保険医療材料 of an included order are included too (A308-3 注7: 「…除外薬剤・注射薬の費用を除く」,
        /// so every other drug is in the 入院料); false: they are billed (A300 注7 lists 診療行為 only).
        var drugsIncluded = false
        /// 区分 the 告示 leaves out only up to a day of the unit (A314 注3: 「区分番号Ｊ０３８に掲げる人工腎臓（入院した日から起算して
        /// 60日以内の期間に限る。）」): billed through day `days`, included after it.
        var exceptWithinDays: [(days: Int, sections: Set<SectionCode>)] = []
        public var passage: String
        /// Whether the 告示 includes a row of 区分 `section` (nil: the row states none) on day `unitDay` of the unit.
        func includes(_ section: SectionCode?, code: UInt64 = 0, unitDay: Int = 0) -> Bool {
            guard let section, !exceptCodes.contains(code) else { return false }
            if exceptWithinDays.contains(where: { unitDay <= $0.days && $0.sections.contains(section) }) { return false }
            return sections.contains(section) || (parts.contains(section.alphabet) && !exceptSections.contains(section))
        }
        public static func == (a: Self, b: Self) -> Bool {
            a.fees == b.fees && a.parts == b.parts && a.exceptSections == b.exceptSections && a.sections == b.sections && a.exceptCodes == b.exceptCodes
                && a.drugsIncluded == b.drugsIncluded && a.passage == b.passage
                && a.exceptWithinDays.map(\.days) == b.exceptWithinDays.map(\.days) && a.exceptWithinDays.map(\.sections) == b.exceptWithinDays.map(\.sections)
        }
    }
    public var specifiedFeeLists: Dated<[SpecifiedFeeList]> = Dated("特定入院料 包括 by the 告示 (specified-fee-inclusions.json)", [])
    /// The rule in force on a date (nil before the first version: the master alone decides).
    public func afterSurgery(on date: ServiceDate) -> AfterSurgery? {
        afterSurgery.inForce(on: date)?.value
    }
    /// 時間外等 ％加算 rows the 告示 limits to 入院中の患者以外 (outpatient-only-add-ons.json: 処置 通則5 イ(2)・ロ,
    /// 手術 通則12 時間外加算１・２, 麻酔 通則3 時間外): not derived on an 入院 claim.
    public var outpatientOnlyAddOns: Dated<Set<UInt64>> = Dated("入院外 only add-ons (outpatient-only-add-ons.json)", [])
    public func outpatientOnlyAddOns(on date: ServiceDate) -> Set<UInt64> {
        outpatientOnlyAddOns.inForce(on: date)?.value ?? []
    }
    /// Of those, the ones billed for a patient who came to the 外来 時間外・休日・深夜 and was admitted that day from the
    /// visit (通知 第3部 第1節 第1款 時間外緊急院内検査加算 (4), 第4部 通則 時間外緊急院内画像診断加算: ただし…引き続き入院と
    /// なった場合は、この限りでない).
    public var admittedAfterVisitAddOns: Dated<Set<UInt64>> = Dated("admitted_after_visit (outpatient-only-add-ons.json)", [])
    /// Add-ons the 告示 gives only for a service outside the 表示する診療時間, on a 休日 or at 深夜 (第3部 第1節 第1款 通則1
    /// 時間外緊急院内検査加算, 第4部 通則3 時間外緊急院内画像診断加算): not billed on an encounter stated daytime.
    public var outOfHoursAddOns: Dated<Set<UInt64>> = Dated("out_of_hours_only (outpatient-only-add-ons.json)", [])
    public func outOfHoursAddOns(on date: ServiceDate) -> Set<UInt64> {
        outOfHoursAddOns.inForce(on: date)?.value ?? []
    }
    /// Time add-ons of 処置, 手術 and 麻酔 the 通知 bars after a visit of 夜間・早朝等加算 (A000 注9, A001 注7), on a 休日 too
    /// (outpatient-only-add-ons.json `not_with_early_late`): not billed on an encounter stated early_late.
    public var earlyLateExcludedAddOns: Dated<Set<UInt64>> = Dated("not_with_early_late (outpatient-only-add-ons.json)", [])
    public func earlyLateExcludedAddOns(on date: ServiceDate) -> Set<UInt64> {
        earlyLateExcludedAddOns.inForce(on: date)?.value ?? []
    }
    /// Time add-ons the 通知 gives only to a service following (引き続き) a 初診・再診 of the encounter that bills its own 時間外・休日・
    /// 深夜加算 (A000 注7, A001 注5, A002 注8): 処置 通則5 休日加算２・時間外加算２・深夜加算２ (通知 第9部 通則5; outpatient-only-add-ons.json
    /// `after_timed_visit_only`; review 381 HU-1). Not derived, and not billed, on an encounter with no 初診料・再診料.
    public var afterTimedVisitAddOns: Dated<Set<UInt64>> = Dated("after_timed_visit_only (outpatient-only-add-ons.json)", [])
    public func afterTimedVisitAddOns(on date: ServiceDate) -> Set<UInt64> {
        afterTimedVisitAddOns.inForce(on: date)?.value ?? []
    }
    /// 区分 whose rows an 入院 claim bills on the 退院日 only (第2部 第2節 在宅療養指導管理料・材料加算: 入院中の患者以外の患者, 通則4
    /// 退院の日; outpatient-only-add-ons.json `discharge_day_only_sections`).
    var dischargeDayOnlySections: Dated<[ClosedRange<SectionCode>]> = Dated("discharge_day_only_sections (outpatient-only-add-ons.json)", [])
    func isDischargeDayOnly(_ section: SectionCode, on date: ServiceDate) -> Bool {
        dischargeDayOnlySections.inForce(on: date)?.value?.contains { $0.contains(section) } ?? false
    }
    public func admittedAfterVisitAddOns(on date: ServiceDate) -> Set<UInt64> {
        admittedAfterVisitAddOns.inForce(on: date)?.value ?? []
    }
    public var additionAddOns: Dated<[UInt64: AdditionAddOn]> = Dated("注加算 of 入院基本料等加算 (addition-add-ons.json)", []) {
        didSet { alsoBasesIndex = Self.alsoBasesIndex(additionAddOns) }
    }
    /// For each version of addition-add-ons.json (by its `from` day number): the rows `also_bases` links to each
    /// 加算, by that 加算 — built once at load, not per claim.
    private(set) var alsoBasesIndex: [Int: [UInt64: [UInt64]]] = [:]

    static func alsoBasesIndex(_ dated: Dated<[UInt64: AdditionAddOn]>) -> [Int: [UInt64: [UInt64]]] {
        var index: [Int: [UInt64: [UInt64]]] = [:]
        for e in dated.entries {
            var m: [UInt64: [UInt64]] = [:]
            for (c, rule) in (e.value ?? [:]).sorted(by: { $0.key < $1.key }) { for b in rule.alsoBases { m[b, default: []].append(c) } }
            index[e.from.dayNumber] = m
        }
        return index
    }

    static func inForceIndex(_ families: [Family]) -> [Int: [Family]] {
        var index: [Int: [Family]] = [:]
        for d in Set(families.map(\.from)) {
            index[families.reduce(0) { $0 + ($1.from <= d ? 1 : 0) }] = Self.families(families, on: d)
        }
        return index
    }
    /// The rules in force on a date (empty before the first version: the master's link alone decides).
    public func additionAddOns(on date: ServiceDate) -> [UInt64: AdditionAddOn] {
        additionAddOns.inForce(on: date)?.value ?? [:]
    }

    /// The window a code belongs to on a date (the newest family version in force that lists it).
    public func window(of code: UInt64, on date: ServiceDate) -> (family: Family, window: Window)? {
        guard let index = familiesByCode else { return Self.window(of: code, on: date, in: families) }
        guard let positions = index[code] else { return nil }
        var best: (Family, Window)?
        for k in positions where families[k].from <= date {
            let f = families[k]
            for w in f.windows where w.codes.contains(code) {
                if best == nil || best!.0.from < f.from { best = (f, w) }
            }
        }
        return best
    }

    /// The 特定入院料 family window a code belongs to on a date (specified-periods.json).
    public func specifiedWindow(of code: UInt64, on date: ServiceDate) -> (family: Family, window: Window)? {
        guard let positions = specifiedByCode[code] else { return nil }
        return Self.window(of: code, on: date, in: positions.map { specifiedFamilies[$0] })
    }

    static func window(of code: UInt64, on date: ServiceDate, in families: [Family]) -> (family: Family, window: Window)? {
        var best: (Family, Window)?
        for f in families where f.from <= date {
            for w in f.windows where w.codes.contains(code) {
                if best == nil || best!.0.from < f.from { best = (f, w) }
            }
        }
        return best
    }

    /// Loads `directory` (normally Masters/params/inpatient).
    public static func load(directory: String) throws(MasterLoadError) -> InpatientRules {
        struct PeriodsFile: Decodable {
            struct F: Decodable { var family: String; var from: String; var source: String; var windows: [W]; var except_bases: [String]? }
            struct W: Decodable { var first_day: Int; var last_day: Int?; var last_years: Int?; var codes: [String] }
            var families: [F]
        }
        struct AdditionsFile: Decodable {
            struct V: Decodable { var from: String; var source: String; var sections: [String]; var recurring: [R]?; var limits: [L]?; var needs_parts: [N]?; var not_with: [X]?; var counted: [C]? }
            struct X: Decodable { var section: String; var not_with: [String]; var same_day: Bool?; var source: String }
            struct C: Decodable { var codes: [String]; var source: String }
            struct R: Decodable { var codes: [String]; var every_days: Int; var wards: [String]?; var admission_day: Bool?; var source: String }
            struct N: Decodable { var section: String; var parts: [String]; var source: String }
            struct L: Decodable { var codes: [String]; var wards: [String]; var last_day: Int; var source: String }
            var versions: [V]
        }
        struct MealsFile: Decodable {
            struct V: Decodable { var from: String; var meal_1: String; var meal_1_liquid: String; var meal_2: String; var meal_2_liquid: String; var special: String; var dining: String; var dining_excluded_wards: [String]?; var dining_excluded_additions: [String]?; var source: String
                struct L: Decodable { var meal_1: String; var meal_1_liquid: String; var meal_2: String; var environment_1: String; var environment_2: String; var special: String; var dining: String }
                var living: L?; var living_row_markers: [String]?; var living_wards: [String]?; var living_source: String?
                var medical_class_markers: [String: Int]?; var medical_class_source: String?
            }
            var versions: [V]
        }
        func decode<T: Decodable>(_ name: String) throws(MasterLoadError) -> T {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw MasterLoadError(file: path, reason: "cannot read the 入院 parameters") }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw MasterLoadError(file: path, reason: "not an 入院 parameter file: \(DecodingErrorText.describe(error))")
            }
        }
        func date(_ t: String, _ file: String) throws(MasterLoadError) -> ServiceDate {
            guard let d = ClaimCheck.date(t) else { throw MasterLoadError(file: directory + "/" + file, reason: "\"\(t)\" is not a date") }
            return d
        }
        func code(_ t: String, _ file: String) throws(MasterLoadError) -> UInt64 {
            guard ClaimCheck.isDigits(t, length: 9), let c = UInt64(t) else { throw MasterLoadError(file: directory + "/" + file, reason: "\"\(t)\" is not a 9-digit code") }
            return c
        }
        func periodFamilies(_ file: String) throws(MasterLoadError) -> [Family] {
            let periods: PeriodsFile = try decode(file)
            var families: [Family] = []
            for f in periods.families {
                var windows: [Window] = []
                for w in f.windows {
                    guard w.first_day >= 1, (w.last_day ?? Int.max) >= w.first_day else {
                        throw MasterLoadError(file: directory + "/" + file, reason: f.family + ": a window from day \(w.first_day) is empty")
                    }
                    var codes: [UInt64] = []
                    for c in w.codes { codes.append(try code(c, file)) }
                    windows.append(Window(firstDay: w.first_day, lastDay: w.last_day, codes: codes, lastYears: w.last_years))
                }
                var except = Set<UInt64>()
                for c in f.except_bases ?? [] { except.insert(try code(c, file)) }
                families.append(Family(name: f.family, from: try date(f.from, file), source: f.source, windows: windows, exceptBases: except))
            }
            return families
        }
        let families = try periodFamilies("admission-periods.json")
        let specifiedFamilies = try periodFamilies("specified-periods.json")
        let additions: AdditionsFile = try decode("ward-additions.json")
        var addEntries: [Dated<Set<String>>.Entry] = [], recurringEntries: [Dated<[Recurring]>.Entry] = [], limitEntries: [Dated<[DayLimit]>.Entry] = []
        var needsEntries: [Dated<[String: PartsNeeded]>.Entry] = []
        var notWithEntries: [Dated<[String: NotWith]>.Entry] = [], sameDayEntries: [Dated<[String: NotWith]>.Entry] = []
        var countedEntries: [Dated<Set<UInt64>>.Entry] = []
        for v in additions.versions {
            let from = try date(v.from, "ward-additions.json")
            addEntries.append(.init(from: from, value: Set(v.sections), source: v.source))
            var recurring: [Recurring] = []
            for r in v.recurring ?? [] {
                guard r.every_days >= 1 else { throw MasterLoadError(file: directory + "/ward-additions.json", reason: "recurring every_days \(r.every_days) is not a day count") }
                var codes = Set<UInt64>()
                for c in r.codes { codes.insert(try code(c, "ward-additions.json")) }
                recurring.append(Recurring(codes: codes, everyDays: r.every_days, wards: r.wards.map { Set($0) }, admissionDay: r.admission_day ?? false))
            }
            recurringEntries.append(.init(from: from, value: recurring, source: v.source))
            var limits: [DayLimit] = []
            for l in v.limits ?? [] {
                guard l.last_day >= 1 else { throw MasterLoadError(file: directory + "/ward-additions.json", reason: "limits last_day \(l.last_day) is not a day count") }
                var codes = Set<UInt64>()
                for c in l.codes { codes.insert(try code(c, "ward-additions.json")) }
                limits.append(DayLimit(codes: codes, wards: Set(l.wards), lastDay: l.last_day))
            }
            limitEntries.append(.init(from: from, value: limits, source: v.source))
            var needs: [String: PartsNeeded] = [:]
            for n in v.needs_parts ?? [] {
                guard !n.parts.isEmpty, n.parts.allSatisfy({ $0.count == 1 && $0.first!.isASCII && $0.first!.isUppercase }) else {
                    throw MasterLoadError(file: directory + "/ward-additions.json", reason: "needs_parts of \(n.section): parts \(n.parts) are not コード表用番号 letters (E, N …)")
                }
                needs[n.section] = PartsNeeded(letters: Set(n.parts.map { UInt8(ascii: $0.unicodeScalars.first!) }), source: n.source)
            }
            needsEntries.append(.init(from: from, value: needs, source: v.source))
            var notWith: [String: NotWith] = [:], sameDay: [String: NotWith] = [:]
            for x in v.not_with ?? [] {
                guard !x.not_with.isEmpty, !x.section.isEmpty else {
                    throw MasterLoadError(file: directory + "/ward-additions.json", reason: "not_with of \"\(x.section)\": no 区分 named")
                }
                if x.same_day == true { sameDay[x.section] = NotWith(sections: Set(x.not_with), source: x.source) }
                else { notWith[x.section] = NotWith(sections: Set(x.not_with), source: x.source) }
            }
            notWithEntries.append(.init(from: from, value: notWith, source: v.source))
            sameDayEntries.append(.init(from: from, value: sameDay, source: v.source))
            var counted = Set<UInt64>()
            for c in v.counted ?? [] { for k in c.codes { counted.insert(try code(k, "ward-additions.json")) } }
            countedEntries.append(.init(from: from, value: counted, source: v.source))
        }
        let ages: AdditionsFile = try decode("age-additions.json")
        var ageEntries: [Dated<Set<String>>.Entry] = []
        for v in ages.versions { ageEntries.append(.init(from: try date(v.from, "age-additions.json"), value: Set(v.sections), source: v.source)) }
        struct AddOnsFile: Decodable {
            struct V: Decodable { var from: String; var source: String; var rules: [R] }
            struct R: Decodable { var code: String; var bases: [String]?; var also_bases: [String]?; var requires: [String]?; var unless: [String]?; var note: String?; var held_with: [String]?; var by_age: Bool?; var of_basic_fee: Bool?; var prefer_over: [String]?; var from_day: Int?; var to_day: Int?; var below_age: Int?; var passage: String }
            var versions: [V]
        }
        let addOnsFile: AddOnsFile = try decode("addition-add-ons.json")
        var addOnEntries: [Dated<[UInt64: AdditionAddOn]>.Entry] = []
        for v in addOnsFile.versions {
            let f = "addition-add-ons.json"
            func codes(_ list: [String]?) throws(MasterLoadError) -> Set<UInt64> {
                var out = Set<UInt64>()
                for c in list ?? [] { out.insert(try code(c, f)) }
                return out
            }
            var rules: [UInt64: AdditionAddOn] = [:]
            for r in v.rules {
                let c = try code(r.code, f)
                guard rules[c] == nil else { throw MasterLoadError(file: directory + "/" + f, reason: "\(r.code) has two rules in the version from \(v.from)") }
                rules[c] = AdditionAddOn(code: c, bases: r.bases == nil ? nil : try codes(r.bases), alsoBases: try codes(r.also_bases),
                                         requires: try codes(r.requires), unless: try codes(r.unless), note: r.note,
                                         heldWith: try codes(r.held_with), byAge: r.by_age ?? false,
                                         ofBasicFee: r.of_basic_fee ?? false, preferOver: try codes(r.prefer_over), fromDay: r.from_day, toDay: r.to_day, belowAge: r.below_age, passage: r.passage)
            }
            addOnEntries.append(.init(from: try date(v.from, f), value: rules, source: v.source))
        }
        struct AfterSurgeryFile: Decodable {
            struct V: Decodable { var from: String; var source: String; var days: Int; var codes: [String] }
            var versions: [V]
        }
        let afterFile: AfterSurgeryFile = try decode("after-surgery.json")
        var afterEntries: [Dated<AfterSurgery>.Entry] = []
        for v in afterFile.versions {
            guard v.days >= 1 else { throw MasterLoadError(file: directory + "/after-surgery.json", reason: "days \(v.days) is not a day count") }
            var codes = Set<UInt64>()
            for c in v.codes { codes.insert(try code(c, "after-surgery.json")) }
            afterEntries.append(.init(from: try date(v.from, "after-surgery.json"), value: AfterSurgery(codes: codes, days: v.days), source: v.source))
        }
        struct ExclusionsFile: Decodable {
            struct V: Decodable { var from: String; var source: String; var rules: [R] }
            struct R: Decodable { var name: String; var when: [String]; var sections: [String]?; var codes: [String]?; var passage: String; var scope: String? }
            var versions: [V]
        }
        let exclusionsFile: ExclusionsFile = try decode("same-day-exclusions.json")
        var exclusionEntries: [Dated<[SameDayExclusion]>.Entry] = []
        for v in exclusionsFile.versions {
            let f = "same-day-exclusions.json"
            var list: [SameDayExclusion] = []
            for r in v.rules {
                var when = Set<UInt64>(), sections = Set<SectionCode>(), codes = Set<UInt64>()
                for c in r.when { when.insert(try code(c, f)) }
                for s in r.sections ?? [] {
                    guard let c = SectionCode(s) else { throw MasterLoadError(file: directory + "/" + f, reason: "\(r.name): \"\(s)\" is not a 区分番号") }
                    sections.insert(c)
                }
                for c in r.codes ?? [] { codes.insert(try code(c, f)) }
                guard !when.isEmpty, !sections.isEmpty || !codes.isEmpty else { throw MasterLoadError(file: directory + "/" + f, reason: "\(r.name): no code in when, or no 区分 in sections and no code in codes") }
                guard r.scope == nil || r.scope == "day" || r.scope == "month" else {
                    throw MasterLoadError(file: directory + "/" + f, reason: "\(r.name): scope \"\(r.scope ?? "")\" is not day or month")
                }
                list.append(SameDayExclusion(name: r.name, when: when, sections: sections, codes: codes, passage: r.passage, wholeMonth: r.scope == "month"))
            }
            exclusionEntries.append(.init(from: try date(v.from, f), value: list, source: v.source))
        }
        struct CodesFile: Decodable {
            struct V: Decodable {
                var from: String; var source: String; var codes: [String]
                var admittedAfterVisit: [String]?
                var outOfHoursOnly: [String]?
                var notWithEarlyLate: [String]?
                var afterTimedVisitOnly: [String]?
                var dischargeDayOnlySections: [[String]]?
                enum CodingKeys: String, CodingKey {
                    case from, source, codes, admittedAfterVisit = "admitted_after_visit", outOfHoursOnly = "out_of_hours_only"
                    case dischargeDayOnlySections = "discharge_day_only_sections", notWithEarlyLate = "not_with_early_late"
                    case afterTimedVisitOnly = "after_timed_visit_only"
                }
            }
            var versions: [V]
        }
        let onlyFile: CodesFile = try decode("outpatient-only-add-ons.json")
        var onlyEntries: [Dated<Set<UInt64>>.Entry] = []
        var afterVisitEntries: [Dated<Set<UInt64>>.Entry] = []
        var outOfHoursEntries: [Dated<Set<UInt64>>.Entry] = []
        var earlyLateEntries: [Dated<Set<UInt64>>.Entry] = []
        var timedVisitEntries: [Dated<Set<UInt64>>.Entry] = []
        var dischargeDayEntries: [Dated<[ClosedRange<SectionCode>]>.Entry] = []
        for v in onlyFile.versions {
            var ranges: [ClosedRange<SectionCode>] = []
            for pair in v.dischargeDayOnlySections ?? [] {
                guard pair.count == 2, let first = SectionCode(pair[0]), let last = SectionCode(pair[1]), first <= last else {
                    throw MasterLoadError(file: directory + "/outpatient-only-add-ons.json", reason: "discharge_day_only_sections \(pair) is not a pair of 区分番号 [first, last]")
                }
                ranges.append(first...last)
            }
            var codes = Set<UInt64>(), afterVisit = Set<UInt64>(), outOfHours = Set<UInt64>()
            for c in v.outOfHoursOnly ?? [] { outOfHours.insert(try code(c, "outpatient-only-add-ons.json")) }
            var earlyLate = Set<UInt64>()
            for c in v.notWithEarlyLate ?? [] { earlyLate.insert(try code(c, "outpatient-only-add-ons.json")) }
            var timedVisit = Set<UInt64>()
            for c in v.afterTimedVisitOnly ?? [] { timedVisit.insert(try code(c, "outpatient-only-add-ons.json")) }
            for c in v.codes { codes.insert(try code(c, "outpatient-only-add-ons.json")) }
            for c in v.admittedAfterVisit ?? [] { afterVisit.insert(try code(c, "outpatient-only-add-ons.json")) }
            let from = try date(v.from, "outpatient-only-add-ons.json")
            onlyEntries.append(.init(from: from, value: codes, source: v.source))
            afterVisitEntries.append(.init(from: from, value: afterVisit, source: v.source))
            outOfHoursEntries.append(.init(from: from, value: outOfHours, source: v.source))
            earlyLateEntries.append(.init(from: from, value: earlyLate, source: v.source))
            timedVisitEntries.append(.init(from: from, value: timedVisit, source: v.source))
            dischargeDayEntries.append(.init(from: from, value: ranges, source: v.source))
        }
        let meals: MealsFile = try decode("meal-codes.json")
        var mealEntries: [Dated<MealCodes>.Entry] = []
        for v in meals.versions {
            var m = MealCodes(meal1: try code(v.meal_1, "meal-codes.json"), meal1Liquid: try code(v.meal_1_liquid, "meal-codes.json"),
                              meal2: try code(v.meal_2, "meal-codes.json"), meal2Liquid: try code(v.meal_2_liquid, "meal-codes.json"),
                              special: try code(v.special, "meal-codes.json"), dining: try code(v.dining, "meal-codes.json"),
                              diningExcludedWards: Set(v.dining_excluded_wards ?? []), diningExcludedAdditions: Set(v.dining_excluded_additions ?? []))
            if let l = v.living {
                let f = "meal-codes.json"
                m.living = LivingCodes(meal1: try code(l.meal_1, f), meal1Liquid: try code(l.meal_1_liquid, f), meal2: try code(l.meal_2, f),
                                       environment1: try code(l.environment_1, f), environment2: try code(l.environment_2, f),
                                       special: try code(l.special, f), dining: try code(l.dining, f))
                m.livingRowMarkers = v.living_row_markers ?? []
                m.livingWards = Set(v.living_wards ?? [])
                for (marker, c) in (v.medical_class_markers ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard (1...3).contains(c), !marker.isEmpty else { throw MasterLoadError(file: directory + "/" + f, reason: "medical_class_markers \"\(marker)\": \(c) is not a 医療区分 (1, 2 or 3)") }
                    m.medicalClassMarkers.append(MedicalClassMarker(marker: marker, medicalClass: c))
                }
            }
            mealEntries.append(.init(from: try date(v.from, "meal-codes.json"), value: m, source: v.source))
        }
        var rules = InpatientRules(families: families, wardAdditions: Dated("入院基本料等加算 of the ward (ward-additions.json)", addEntries),
                              mealCodes: Dated("食事療養 codes (meal-codes.json)", mealEntries))
        rules.specifiedFamilies = specifiedFamilies
        rules.familiesByCode = Self.index(families)
        rules.familiesInForce = Self.inForceIndex(families)
        rules.recurring = Dated("recurring 入院基本料等加算 (ward-additions.json)", recurringEntries)
        rules.dayLimits = Dated("ward limits of 入院基本料等加算 (ward-additions.json)", limitEntries)
        rules.partsNeeded = Dated("入院基本料等加算 that need a 部 in the stay (ward-additions.json needs_parts)", needsEntries)
        rules.notWith = Dated("入院基本料等加算 not billed beside another (ward-additions.json not_with)", notWithEntries)
        rules.notWithSameDay = Dated("入院基本料等加算 not billed on a day another is (ward-additions.json not_with same_day)", sameDayEntries)
        rules.countedLimits = Dated("入院中 N counted as days billed (ward-additions.json counted)", countedEntries)
        rules.ageAdditions = Dated("年齢 入院基本料等加算 (age-additions.json)", ageEntries)
        rules.additionAddOns = Dated("注加算 of 入院基本料等加算 (addition-add-ons.json)", addOnEntries)
        rules.afterSurgery = Dated("処置 after an operation (after-surgery.json)", afterEntries)
        rules.sameDayExclusions = Dated("ordered 区分 not billed beside an 入院料 row of the day (same-day-exclusions.json)", exclusionEntries)
        struct ListsFile: Decodable {
            struct V: Decodable { var from: String; var source: String; var rules: [R] }
            struct R: Decodable {
                struct Within: Decodable { var days: Int; var sections: [String] }
                var fees: [String]; var parts: [String]; var except_sections: [String]?; var except_codes: [String]?; var drugs_included: Bool?
                var except_sections_within_days: [Within]?
                var sections: [String]; var passage: String
            }
            var versions: [V]
        }
        let listsName = "specified-fee-inclusions.json"
        let listsFile: ListsFile = try decode(listsName)
        var listEntries: [Dated<[SpecifiedFeeList]>.Entry] = []
        for v in listsFile.versions {
            var lists: [SpecifiedFeeList] = []
            for r in v.rules {
                func sections(_ texts: [String]) throws(MasterLoadError) -> Set<SectionCode> {
                    var out = Set<SectionCode>()
                    for t in texts {
                        guard let c = SectionCode(t) else { throw MasterLoadError(file: directory + "/" + listsName, reason: "\"\(t)\" is not a 区分番号") }
                        out.insert(c)
                    }
                    return out
                }
                for f in r.fees where SectionCode(f) == nil && !(f.utf8.count == 9 && f.first == "1" && UInt64(f) != nil) {
                    throw MasterLoadError(file: directory + "/" + listsName, reason: "\"\(f)\" is not a 区分番号 or a 診療行為コード")
                }
                guard r.parts.allSatisfy({ $0.utf8.count == 1 }) else { throw MasterLoadError(file: directory + "/" + listsName, reason: "a part is one letter (\(r.parts))") }
                var codes = Set<UInt64>()
                for c in r.except_codes ?? [] {
                    guard c.utf8.count == 9, c.first == "1", let n = UInt64(c) else { throw MasterLoadError(file: directory + "/" + listsName, reason: "\"\(c)\" is not a 診療行為コード (9 digits, 1…)") }
                    codes.insert(n)
                }
                var within: [(days: Int, sections: Set<SectionCode>)] = []
                for w in r.except_sections_within_days ?? [] {
                    guard (1...3650).contains(w.days) else { throw MasterLoadError(file: directory + "/" + listsName, reason: "except_sections_within_days: days \(w.days) is outside 1…3650") }
                    within.append((w.days, try sections(w.sections)))
                }
                lists.append(SpecifiedFeeList(fees: Set(r.fees), parts: Set(r.parts.compactMap(\.utf8.first)), exceptSections: try sections(r.except_sections ?? []),
                                              sections: try sections(r.sections), exceptCodes: codes, drugsIncluded: r.drugs_included ?? false,
                                              exceptWithinDays: within, passage: r.passage))
            }
            listEntries.append(.init(from: try date(v.from, listsName), value: lists, source: v.source))
        }
        rules.specifiedFeeLists = Dated("特定入院料 包括 by the 告示 (specified-fee-inclusions.json)", listEntries)
        rules.outpatientOnlyAddOns = Dated("入院外 only add-ons (outpatient-only-add-ons.json)", onlyEntries)
        rules.dischargeDayOnlySections = Dated("discharge_day_only_sections (outpatient-only-add-ons.json)", dischargeDayEntries)
        rules.outOfHoursAddOns = Dated("add-ons of a visit outside the 診療時間 only (outpatient-only-add-ons.json out_of_hours_only)", outOfHoursEntries)
        rules.earlyLateExcludedAddOns = Dated("time add-ons not after a visit of 夜間・早朝等加算 (outpatient-only-add-ons.json not_with_early_late)", earlyLateEntries)
        rules.afterTimedVisitAddOns = Dated("time add-ons only after a 初診・再診 that bills its 時間外等加算 (outpatient-only-add-ons.json after_timed_visit_only)", timedVisitEntries)
        rules.admittedAfterVisitAddOns = Dated("入院外 only add-ons that a patient admitted from that 外来 visit keeps (outpatient-only-add-ons.json admitted_after_visit)", afterVisitEntries)
        return rules
    }

    /// The default folder's rules (`MasterLocator`), loaded once.
    /// The rules in a class: a claim holds one reference, not a copy of every table (the pricer's hot path).
    public final class Box: Sendable {
        public let rules: InpatientRules
        public init(_ rules: InpatientRules) { self.rules = rules }
    }
    /// `standard` boxed, nil when it failed to load.
    public static let standardBox: Box? = (try? standard.get()).map(Box.init)

    public static let standard: Result<InpatientRules, MasterLoadError> = Result { () throws(MasterLoadError) -> InpatientRules in
        guard let dir = MasterLocator.defaultDirectory() else {
            throw MasterLoadError(file: "Masters/params/inpatient", reason: "no Masters folder found: run from the Santei folder or set SANTEI_MASTERS")
        }
        return try load(directory: dir + "/params/inpatient")
    }
}
