import Foundation

/// What pricing a claim produced.
public struct PricedClaim: Sendable, Encodable {
    public struct PricedOrder: Sendable, Codable {
        public var encounter: Int
        public var order: Int
        public var category: Int
        /// 点数欄集計先（入院外） of the order's first 診療行為 (別紙7-2), else nil.
        public var pointColumn: Int?
        /// Points per 回 (nil when the order could not be priced).
        public var points: Int?
        public var times: Int
        public var explanation: [String]
        public var issue: String?
        /// Added by Santei (e.g. a 判断料 the month's tests call for), not in the input.
        public var derived: Bool = false
        /// The code of a derived order (input orders are found by `encounter` and `order`).
        public var code: String?
        /// Codes Santei added to this order from the master (time and age add-ons), in the order priced.
        public var added: [String]?
        /// Positions in the order's `items` not billed because a fee includes them (A002 注6, B001-2 注3, B001-3
        /// 注2, A101 注3, a 特定入院料's 02包括): a receipt leaves them out; the notes say which fee.
        public var included: [Int]?

        enum CodingKeys: String, CodingKey {
            case encounter, order, category, pointColumn = "point_column", points, times, explanation, issue, derived, code, added = "added_items"
            case included = "included_items"
        }
    }

    public var id: String
    public var totalPoints: Int
    /// Σ points × 回数 by 診療識別.
    public var byCategory: [String: Int]
    /// Σ points × 回数 by 点数欄集計先 (orders led by a 診療行為), or "識別NN" for drug/device-only orders.
    public var byColumn: [String: Int]
    public var byEncounter: [Int]
    public var orders: [PricedOrder]
    /// Orders that could not be priced, as messages; they add nothing to the totals.
    public var issues: [String]
    /// What Santei could not decide by itself (e.g. which of several 判断料 applies).
    public var notes: [String] = []
    /// Window payments and receipt 負担金額, when the claim carries `insurance` (set by the caller: `ClaimCopay`).
    public var copay: ClaimCopay? = nil
    /// The stay's 入院料 and 食事療養, when the claim carries `admission` (Sources/Santei/Inpatient).
    public var admission: PricedAdmission? = nil
    /// False when some order could not be priced (see `issues`): the totals are then partial.
    public var complete: Bool { issues.isEmpty }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(complete, forKey: .complete)
        try c.encode(totalPoints, forKey: .totalPoints)
        try c.encode(byCategory, forKey: .byCategory)
        try c.encode(byColumn, forKey: .byColumn)
        try c.encode(byEncounter, forKey: .byEncounter)
        try c.encode(orders, forKey: .orders)
        try c.encode(issues, forKey: .issues)
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        if let copay { try c.encode(copay, forKey: .copay) }
        if let admission { try c.encode(admission, forKey: .admission) }
    }

    enum CodingKeys: String, CodingKey {
        case notes, copay, admission
        case id, complete, totalPoints = "total_points", byCategory = "by_category", byColumn = "by_column", byEncounter = "by_encounter", orders, issues
    }
}

/// A claim that could not be read as a claim at all.
/// A claim that could not be read as a claim at all, or that could not be priced or audited as a whole.
/// `message` names the JSON path (`encounters[0].orders[1].items[2].quantity: …`); `claimID` is the
/// claim's `id` when it was read before the fault (error lines carry it).
public struct ClaimError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var claimID: String?
    /// The priced claim would not fit the receipt (a 点数 over its field width, a sum past what an integer holds): the claim
    /// cannot be filed as it is, so the audit door, which does not price, reports it as `santei price` does (review 361 HA-2).
    public var overflow = false
    public init(message: String, claimID: String? = nil, overflow: Bool = false) { self.message = message; self.claimID = claimID; self.overflow = overflow }
    public var description: String { message }
}

/// Prices a `Claim` order by order with `UnitPricer`, on the masters of each encounter's date.
///
/// An order that cannot be priced (a code with no version valid on the date, 購入価格) is reported in
/// `issues`, adds nothing, and marks the claim incomplete. A service date no loaded master covers
/// fails the whole claim: it is never priced as zero.
public struct ClaimPricer: Sendable {
    public let masters: MasterSet
    public let unitPricer: UnitPricer
    /// 第5部 投薬 rows and thresholds (`Masters/params/medication.json`); nil derives no 投薬 fees.
    public var medicationRules: MedicationRules? = MedicationRules.embedded
    /// A002 外来診療料 注6: what it includes (`Masters/params/outpatient-fee-inclusion.json`).
    public var outpatientFeeInclusionRules: OutpatientFeeInclusionRules? = OutpatientFeeInclusionRules.embedded
    /// B001-2 小児科外来診療料, B001-3 生活習慣病管理料（Ⅰ）: what they include (`Masters/params/management-fee-inclusion.json`).
    public var managementFeeInclusionRules: ManagementFeeInclusionRules? = ManagementFeeInclusionRules.embedded
    /// 施設基準 add-ons that the masters do not link to a base (`Masters/params/facility-add-ons.json`).
    public var facilityAddOnRules: FacilityAddOnRules? = FacilityAddOnRules.embedded
    /// Order add-ons and reductions no master links to their facts (`Masters/params/order-add-ons.json`:
    /// 第6部 通則3・5, 第9部 通則7, 第4部 第3節 通則2); nil derives none of them.
    public var orderAddOnRules: OrderAddOnRules? = OrderAddOnRules.embedded
    /// 第7部 通則4: the 疾患別リハ 単位 of a day (`Masters/params/rehabilitation-units.json`).
    public var rehabilitationUnitRules: RehabilitationUnitRules? = RehabilitationUnitRules.embedded
    /// The 入院 law parameters (Masters/params/inpatient); nil = the default folder's (`InpatientRules.standard`).
    public var inpatientRules: InpatientRules? = nil

    public init(masters: MasterSet, unitPricer: UnitPricer) {
        self.masters = masters
        self.unitPricer = unitPricer
    }

    /// Prices a claim. With `mastersDate`, every encounter is priced on the masters of that date
    /// instead of its own (revaluation: "what would this claim be under the 点数表 of D?").
    /// 点数欄集計先（入院外） of a 診療行為 on the date (別紙7-2).
    /// On an 入院 claim (`admission`), 点数欄集計先（入院）.
    func pointColumn(of code: UInt64, _ dated: DatedMasters, inpatient: Bool = false) -> Int? {
        guard case .success(let t) = dated.procedures, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: dated.date) else { return nil }
        return t.integer(v, inpatient ? ProcedureColumn.pointColumnInpatient : ProcedureColumn.pointColumnOutpatient)
    }

    /// Whether a 診療行為 is 入外適用区分 2 (入院外レセプトに限る, R06rec1 項番13) on the date: not billed on an 入院 claim.
    func isOutpatientOnly(_ code: UInt64, _ dated: DatedMasters) -> Bool {
        guard case .success(let t) = dated.procedures, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: dated.date) else { return false }
        return t.integer(v, ProcedureColumn.inpatientApplicability) == InpatientApplicability.outpatientOnly.rawValue
    }

    /// What the patient is billed for at the 会計 desk for one encounter, given the month so far.
    public struct PricedEncounter: Sendable, Encodable {
        public var encounter: Int
        public var points: Int
        /// The encounter's orders, and what the month calls for on this day (a 判断料 whose group's first
        /// test day it is), with `encounter` = the index in the claim.
        public var orders: [PricedClaim.PricedOrder]
        public var issues: [String]
        public var notes: [String]
    }

    /// Prices encounter `index` of `claim` with its month-to-date context: the encounters dated before it
    /// (or on the same day and listed before it) count for the month's once-only items (D026 判断料), the
    /// ones after it are ignored — what a vendor's 会計 screen asks for each visit. Σ over the month's
    /// encounters in date order equals `price(claim)`'s total.
    public func priceEncounter(_ claim: Claim, encounter index: Int, explain: Explain = .full) throws(ClaimError) -> PricedEncounter {
        guard claim.encounters.indices.contains(index) else {
            throw ClaimError(message: "encounter \(index) is not in the claim (\(claim.encounters.count) encounters)")
        }
        let date = claim.encounters[index].date
        var kept: [Int] = []
        for (k, e) in claim.encounters.enumerated() where e.date < date || (e.date == date && k <= index) { kept.append(k) }
        var monthToDate = claim
        monthToDate.encounters = kept.map { claim.encounters[$0] }
        guard let position = kept.firstIndex(of: index) else {
            throw ClaimError(message: "encounters[\(index)].date \"\(date)\" could not be priced month-to-date", claimID: claim.id)
        }
        // Only this encounter's orders are answered: the others' rows are not explained (the notes are the month's).
        let priced = try price(monthToDate, explain: explain, explainOrdersFrom: position)
        guard priced.byEncounter.indices.contains(position) else {
            throw ClaimError(message: "encounters[\(index)].date \"\(date)\" could not be priced month-to-date", claimID: claim.id)
        }
        var orders = priced.orders.filter { $0.encounter == position }
        for k in orders.indices { orders[k].encounter = index }
        let prefix = "encounters[\(position)]"
        return PricedEncounter(encounter: index, points: priced.byEncounter[position], orders: orders,
                               issues: priced.issues.filter { $0.hasPrefix(prefix) }.map { "encounters[\(index)]" + $0.dropFirst(prefix.count) },
                               notes: priced.notes)
    }

    /// `explainOrdersFrom`: the orders of encounters before this index get no explanation (the window
    /// call answers only its last encounter's orders; the month's notes are unchanged).
    public func price(_ claim: Claim, explain: Explain = .full, explainOrdersFrom: Int = 0, mastersDate: ServiceDate? = nil) throws(ClaimError) -> PricedClaim {
        do throws(ClaimError) { return try priceClaim(claim, explain: explain, explainOrdersFrom: explainOrdersFrom, mastersDate: mastersDate) } catch {
            var e = error
            if e.claimID == nil { e.claimID = claim.id }
            throw e
        }
    }

    /// Whether the 05算定回数テーブル gives the code the 算定単位 134 退院時 on the date.
    static func atDischargeLimit(_ code: UInt64, _ date: ServiceDate, _ set: MasterSet) -> Int? {
        guard let i = try? set.chainIndex(.countLimit, on: date) else { return nil }
        let counts = set.chainCache(i, "audit.counts") { CountLimitIndex($0) }
        var limit: Int? = nil
        for k in counts.rows(of: code) where counts.rows[k].unit == .atDischarge && counts.rows[k].dates.contains(date.yyyymmdd) {
            limit = max(limit ?? 1, counts.rows[k].limit)
        }
        return limit
    }

    /// Σ of points on the claim: checked, an overflow names where it happened. (Points per order are
    /// bounded by the door limits only loosely — 回数 ≤ 999 times a unit's points — so every sum is checked.)
    @inline(__always) static func sum(_ a: Int, _ b: Int, _ path: @autoclosure () -> String) throws(ClaimError) -> Int {
        guard let v = Checked.add(a, b) else { throw ClaimError(message: "\(path()): points overflow", overflow: true) }
        return v
    }

    func priceClaim(_ claim: Claim, explain detail: Explain, explainOrdersFrom: Int = 0, mastersDate: ServiceDate?) throws(ClaimError) -> PricedClaim {
        // Notes and derivation lines are sentences whenever anything is explained; `detail` decides how
        // each unit's master rows are named (`Explain`).
        let explain = detail.on
        var result = PricedClaim(id: claim.id, totalPoints: 0, byCategory: [:], byColumn: [:], byEncounter: [], orders: [], issues: [])
        guard let birth = ServiceDate(claim.patient.birthDate) else {
            throw ClaimError(message: "patient.birth_date \"\(claim.patient.birthDate)\" is not a date (YYYY-MM-DD)")
        }
        let age = PatientAge(birth: birth)
        // 入院: the stay's 入院料 by day (and its meals, in yen), derived from the claim's facts, first — the
        // 特定入院料 of a day decides which of its ordered items are included (包括; A300-A319-SpecifiedFee.swift).
        let stay = try priceAdmission(claim, explain: explain)
        var specified = stay.map { specifiedFeeInclusion(claim, $0) } ?? SpecifiedFeeInclusion()
        let deriver = AddOnDeriver(set: masters)
        var tests: [(encounter: Int, date: ServiceDate, items: [UnitItem])] = []
        let prescriptions = medicationRules.map { PrescriptionDeriver(set: masters, rules: $0) }
        var prescriptionMonth = PrescriptionMonth()
        // 施設基準 add-ons (issue 12 item 2; `FacilityAddOnDeriver`), 入院外 only.
        let facilityAddOns = FacilityAddOnDeriver(set: masters, rules: facilityAddOnRules)
        var facilityMonth = FacilityAddOnMonth(claim)
        // An 入院 receipt: stated, or a claim with `admission` (its 投薬 is that of 入院中の患者).
        let outpatient = !claim.isInpatient
        let inpatientDispensing = stay == nil ? nil : medicationRules.map { InpatientDispensingDeriver(set: masters, rules: $0) }
        // 入院: 処置 billed only after an operation (J000 注1 …) — the days of the claim with a 手術 order.
        // The patient is 入院中 on an 入院 receipt, with or without `admission` (`inpatient: true`): the 入院中 rules apply.
        // Boxed: a claim shares the rules, it does not copy them. The out_of_hours_only add-ons of outpatient-only-add-ons.json hold
        // for every claim (入院外 too): an outpatient claim reads only those.
        let outOfHoursLaw = inpatientRules.map(InpatientRules.Box.init) ?? InpatientRules.standardBox
        let inpatientLaw: InpatientRules.Box? = outpatient ? nil : outOfHoursLaw
        let operationDays: [ServiceDate] = inpatientLaw == nil ? [] : claim.encounters.compactMap { e in
            e.orders.contains { $0.category == 50 } ? ServiceDate(e.date) : nil
        }
        // The first day the claim cannot see before: its month's first day, when the stay began before it (an
        // operation then may be in an earlier month's claim); nil when the 入院日 is in the claim's month.
        // Without `admission` the 入院日 is unknown: the month's first day.
        let windowFloor: ServiceDate? = outpatient ? nil : {
            guard let month = claim.encounters.first.flatMap({ ServiceDate($0.date) }).flatMap({ ServiceDate(year: $0.year, month: $0.month, day: 1) }) else { return nil }
            guard let a = claim.admission, let admitted = ServiceDate(a.date) else { return month }
            return admitted < month ? month : nil
        }()
        var dispensingMonth = InpatientDispensingDeriver.Month()
        // 通知 B001-2 (5), B001-2-11 (4): in a month with a day of 院外処方箋, 「２ 処方箋を交付しない場合」 is billed as 「１」.
        let outsideRows: [UInt64: OutsidePrescriptionRows.Row] = outpatient ? OutsidePrescriptionRows.embedded?.rows(in: claim) ?? [:] : [:]
        // 入院時初回加算 rows already decided on this claim, and every code the claim states (a stated one is not derived).
        var inpatientFirstGiven = Set<UInt64>()
        // 退院時 rows billed on the 退院日 so far (「退院の日に１回に限り」).
        var atDischargeBilled: [UInt64: Int] = [:]
        let statedCodes: Set<String> = outpatient ? [] : Set(claim.encounters.lazy.flatMap(\.orders).flatMap(\.items).map(\.code))
        // The day numbers of the stay's month in hospital, 外泊 left out (the claim's month: `priceAdmission`).
        var inHospital = Set<Int>()
        if let s = stay, let first = claim.encounters.first.flatMap({ ServiceDate($0.date) }) {
            let leave = Set(s.leaveDays)
            for d in s.days where !leave.contains(d) {
                if let date = ServiceDate(year: first.year, month: first.month, day: d) { inHospital.insert(date.dayNumber) }
            }
        }
        // Facility facts (`facility.facts`): each must be one the rules declare.
        let facts = Set(claim.facility?.facts ?? [])
        for (n, fact) in (claim.facility?.facts ?? []).enumerated() where facilityAddOnRules?.facts[fact] == nil {
            let known = (facilityAddOnRules?.facts.keys.sorted() ?? []).joined(separator: ", ")
            throw ClaimError(message: "facility.facts[\(n)] \"\(fact.prefix(40))\" is not a fact the rules read (\(known); Masters/params/facility-add-ons.json)")
        }
        let visitFees = VisitFeeDeriver(rules: facilityAddOnRules)
        // 注射・処置・画像 add-ons and the month's repeated CT/MRI (`OrderAddOnDeriver`).
        let orderAddOns = orderAddOnRules.map { OrderAddOnDeriver(set: masters, rules: $0) }
        var orderMonth = OrderAddOnMonth()
        // 疾患別リハ 単位 billed by day (第7部 通則4), over the encounters in claim order.
        var rehabilitationUnits: [Int: Int] = [:]
        // 数量 billed per (row, day) of Masters/params/daily-quantity-limits.json, over the encounters in claim order.
        var dailyQuantities: [Int: Int] = [:]
        // 個 billed per (row, day) of Masters/params/device-count-limits.json (通知 K936, K936-2, K936-3), in claim order.
        var deviceCounts: [DeviceCountLimits.Used: Int] = [:]
        if let orderAddOns {
            let tomography = orderAddOns.repeatTomographyOrders(claim, mastersDate: mastersDate)
            orderMonth.repeatTomography = tomography.orders
            result.notes += tomography.notes
            let repeated = orderAddOns.repeatTestOrders(claim, mastersDate: mastersDate)
            orderMonth.repeatTest = repeated.orders
            result.notes += repeated.notes
        }
        // 施設基準 and the day each applies from, read once (the door checked the dates).
        let standardDays: [(code: Int, from: Int)] = (claim.facility?.standards ?? []).map { ($0.code, ServiceDate($0.from)?.dayNumber ?? Int.max) }
        // B001-2 / B001-3 注2: the fees of the claim that include others (none: no look-up per item).
        // A101 注3 / A109 注3: what the ward's 療養病棟入院基本料 includes (scope "ward", 入院 claims).
        let management = managementFeeInclusionRules.map { ManagementFeeInclusion(rules: $0, claim: claim, masters: masters, mastersDate: mastersDate) }
        if let management { result.notes += management.notes }
        // 主たるもののみ over every encounter of a day (`MainOnlyPerDay` rules with per_day): the rows of the day past the main one.
        var dayMainOnly: [SpecifiedFeeInclusion.ItemPath: String] = [:]
        if let mainOnly = MainOnlyPerDay.embedded,
           claim.encounters.contains(where: { e in e.orders.contains { o in mainOnly.covers(o.category, day: true) } }) {
            var byDay: [String: [Int]] = [:]
            for (e, encounter) in claim.encounters.enumerated() { byDay[encounter.date, default: []].append(e) }
            for (day, list) in byDay.sorted(by: { $0.key < $1.key }) {
                guard let date = ServiceDate(day) else { continue }
                let dated = DatedMasters(masters, on: mastersDate ?? date)
                guard case .success(let t) = dated.procedures else { continue }
                for rule in mainOnly.rules where rule.perDay == true && rule.applies(on: dated.date) {
                    // Base rows only: a 加算 of the 区分 filed as 告示等識別区分（１） 1 (看取り加算 114018570, 告示等識別区分（２） 7) is no
                    // 訪問診療料等 of its own (review 216 BK-2: it was kept as the day's main one).
                    let found = rule.rows(in: list, of: claim, table: t, date: dated.date, basesOnly: true)
                    guard found.count > 1, let keep = MainOnlyPerDay.Rule.main(of: found) else { continue }
                    for (n, f) in found.enumerated() where n != keep.offset {
                        dayMainOnly[f.path] = "not billed — 主たるもののみ: \(keep.element.code) (encounters[\(keep.element.path.encounter)]) is the main \(rule.section) of the day (\(rule.citation))"
                        // The 加算 of a base not billed go with it, when its order holds no base that is billed (review 216 BK-1: C001 注4
                        // 乳幼児加算 billed without its C001).
                        guard keep.element.path.encounter != f.path.encounter || keep.element.path.order != f.path.order else { continue }
                        for (i, item) in claim.encounters[f.path.encounter].orders[f.path.order].items.enumerated() where i != f.path.item {
                            guard let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: dated.date),
                                  t.field(v, ProcedureColumn.noticeClass2, is: "7") else { continue }
                            dayMainOnly[.init(encounter: f.path.encounter, order: f.path.order, item: i)] = "not billed — a 加算 of \(f.code), which is not billed (主たるもののみ: \(rule.section))"
                        }
                    }
                }
            }
        }
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date) else {
                throw ClaimError(message: "encounters[\(e)].date \"\(encounter.date)\" is not a date (YYYY-MM-DD)")
            }
            let dated = DatedMasters(masters, on: mastersDate ?? date)
            // A400 ２ 短期滞在手術等基本料３ on an 入院 claim: 注4 includes in it every other fee of the stay but 在宅療養指導管理料,
            // 薬剤料, 特定保険医療材料料, J038, 退院時の投薬, 第14部 and 除外薬剤・注射薬, up to the 5th day (注2; 通知 (8)(9)), which
            // Santei does not price: the rows are billed as stated and the claim says it is not complete (review 281 DX-4, DX-5).
            // Only 190… rows (第1章第2部 入院料等) are looked up: the others of the stay cost nothing here.
            if !outpatient, case .success(let t) = dated.procedures {
                for (o, order) in encounter.orders.enumerated() {
                    for (i, item) in order.items.enumerated() where item.code.hasPrefix("190") {
                        guard let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: dated.date),
                              t.field(v, ProcedureColumn.codeTableAlphabet, is: "A"), t.integer(v, ProcedureColumn.sectionNumber) == 400 else { continue }
                        result.issues.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): 短期滞在手術等基本料３ (A400 ２) — Santei does not price a 短手３ stay: 注4 includes the stay's other fees in it (but 在宅療養指導管理料, 薬剤料, 特定保険医療材料料, J038, 退院時の投薬, 第14部 and 除外薬剤・注射薬) up to its 5th day (注2; 通知 A400 (8)(9)); the rows are priced as stated, the 入院基本料 too")
                    }
                }
            }
            // Priced on the masters of another date (revalue), the patient's age is still the one on the day of the visit.
            let age = mastersDate == nil ? age : age.pinned(to: date)
            let explainOrders = explain && e >= explainOrdersFrom
            var band: TimeBand?
            if let text = encounter.timeBand {
                guard let b = TimeBand(rawValue: text) else {
                    throw ClaimError(message: "encounters[\(e)].time_band \"\(text)\" is not one of daytime, overtime, holiday, night, early_late")
                }
                band = b
                // 休日 is 日曜日, 国民の祝日 and 12/29–1/3 (通知 A000 (23) ア; Masters/params/holidays.json): a day known to be none is
                // named (review 226 BU-2: 休日加算 derived on a Tuesday without a word). The band is the clerk's statement of the visit and
                // is priced as stated; a year the calendar does not know says nothing.
                if b == .holiday, Holidays.embedded?.isHoliday(date) == false {
                    result.notes.append("encounters[\(e)].time_band holiday: \(date) is no 休日 (日曜日, 国民の祝日, 12月29日〜1月3日: 通知 A000 (23) ア; Masters/params/holidays.json) — the 休日加算 derived from the band are billed as stated; check the band (overtime or night if the visit was outside the 表示する診療時間 or at 深夜)")
                }
            }
            // An 入院外 encounter is priced from its orders (no fee is derived from `visit` alone): one without any bills nothing,
            // and says so (review 349 GO-1: `orders: []` priced 0, complete, without a word). An 入院 claim's day may have none.
            if encounter.orders.isEmpty && claim.admission == nil {
                result.notes.append("encounters[\(e)] (\(date)) has no orders: it bills nothing — an 入院外 encounter is priced from its orders (its 初診料・再診料 too: `visit` derives none)")
            }
            let chain = try? masters.chainIndex(.procedure, on: dated.date)
            // A row that takes none of its 区分's 加算 (order-add-ons.json `bases_without_add_ons`: A000 注5 ただし書, the 2つ目の
            // 診療科 初診料 — 注６から注16までに規定する加算は算定しない; review 232 CA-1: 乳幼児加算, 時間外加算 stated on it were billed).
            var withoutAddOns: OrderAddOnRules.BaseWithoutAddOns? = nil
            var withoutAddOnsInOrders: (rule: OrderAddOnRules.BaseWithoutAddOns, orders: Set<Int>)? = nil
            if let rules = orderAddOnRules?.version(on: dated.date)?.basesWithoutAddOns, case .success(let t) = dated.procedures {
                for r in rules where encounter.orders.contains(where: { $0.items.contains { $0.code == r.code } }) {
                    let otherBase = encounter.orders.contains { o in
                        o.items.contains { item in
                            guard item.code != r.code, let c = UInt64(item.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: dated.date) else { return false }
                            return t.field(v, ProcedureColumn.noticeClass1, is: "1") && InpatientPricer.section(t, v) == r.section
                        }
                    }
                    if !otherBase {
                        withoutAddOns = r
                    } else {
                        // The day's other 初診料 is in another order: the 加算 stated in the orders of the 2つ目の診療科 row alone are
                        // not billed there, and the first department's order derives its own (review 254 CW-1: 時間外加算 and
                        // 乳幼児加算 stated beside 111011810 were billed on it).
                        let own = encounter.orders.indices.filter { o in
                            encounter.orders[o].items.contains { $0.code == r.code } && !encounter.orders[o].items.contains { item in
                                guard item.code != r.code, let c = UInt64(item.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: dated.date) else { return false }
                                return t.field(v, ProcedureColumn.noticeClass1, is: "1") && InpatientPricer.section(t, v) == r.section
                            }
                        }
                        if !own.isEmpty { withoutAddOnsInOrders = (r, Set(own)) }
                    }
                }
            }
            // An 入院 claim's day that is not its 退院日: the rows of outpatient-only-add-ons.json `discharge_day_only_sections` are looked
            // for (their 区分 per item) on such days only.
            let dischargeDayOnlyLaw: InpatientRules.Box? = outpatient || claim.admission == nil || claim.admission?.discharge.flatMap(ServiceDate.init) == date ? nil : inpatientLaw
            // The 03-3 背反テーブル (同時) of the encounter's date, looked up once when a derived row needs it.
            var simultaneous: ConflictIndex?? = nil
            // Whether the encounter's 初診・再診 bills 夜間・早朝等加算 (時間加算区分 6) — asked once, and only in a band of 通則
            // 時間外等加算 (`AddOnDeriver.derive` earlyLateVisit).
            var earlyLate: Bool? = nil
            func earlyLateVisit(_ t: MasterTable) -> Bool {
                if let earlyLate { return earlyLate }
                let found = band.map { !$0.generalClasses.isEmpty } == true && encounter.orders.contains { order in
                    (order.category == 11 || order.category == 12) && order.items.contains { item in
                        UInt64(item.code).flatMap(t.codeIndex(of:)).flatMap { t.version(ofCode: $0, on: dated.date) }
                            .map { t.integer($0, ProcedureColumn.timeAddOnClass) == 6 } == true
                    }
                }
                earlyLate = found
                return found
            }
            // A patient who came to the 外来 時間外・休日・深夜 (the day's 初診料・再診料 in a band other than daytime) and
            // was admitted that day keeps the 時間外緊急院内検査・画像診断加算 of that visit (通知 時間外緊急院内検査加算 (4),
            // 時間外緊急院内画像診断加算 (2): ただし…引き続き入院となった場合は、この限りでない; outpatient-only-add-ons.json).
            var outpatientOnly: Set<UInt64> = inpatientLaw?.rules.outpatientOnlyAddOns(on: dated.date) ?? []
            // 外来迅速検体検査加算 likewise for a visit in any band (通知 外来迅速検体検査加算 (5)); the 時間外緊急 ones need a stated
            // band other than daytime.
            // The visit: the encounter's 初診料・再診料, or its `visit` (first / revisit) — a 再診料 is not billed on the 入院 receipt
            // (review 183 AD-12).
            if let law = inpatientLaw, !outpatientOnly.isEmpty, let admitted = claim.admission?.date, admitted == encounter.date,
               encounter.visit == "first" || encounter.visit == "revisit" || encounter.orders.contains(where: { $0.category == 11 || $0.category == 12 }) {
                var kept = law.rules.admittedAfterVisitAddOns(on: dated.date)
                if band == nil || band == .daytime { kept.subtract(outOfHoursLaw?.rules.outOfHoursAddOns(on: dated.date) ?? []) }
                outpatientOnly.subtract(kept)
            }
            // 時間外緊急院内検査・画像診断加算 need a visit outside the 診療時間 (第3部 第1節 第1款 通則1, 第4部 通則3: 「保険医療機関が表示する
            // 診療時間以外の時間、休日又は深夜において」): an encounter stated daytime, or early_late on a day that is no 休日, does not
            // bill them (reviews 176 W-2, 159 E3, 179 Z4; the audit removes them first, SA-C009). No band stated: as ordered.
            let inHoursOnly: Set<UInt64> = band?.isWithinHoursOnWorkday(date) == true ? (outOfHoursLaw?.rules.outOfHoursAddOns(on: dated.date) ?? []) : []
            // 施設基準 the facility has notified by the service date.
            var heldStandards = Set<Int>()
            for standard in standardDays where standard.from <= date.dayNumber { heldStandards.insert(standard.code) }
            var encounterTotal = 0
            // 入院: the day's 皮下筋注・静注 orders with drugs (result.orders index, 診療識別, Σ 薬価 1e-7 yen, 薬剤料, 回数, 点数欄).
            var dayInjections: [(index: Int, category: Int, yenE7: Int, points: Int, times: Int, column: Int?)] = []
            // 投薬 fees (F000/F100/F400/F500) from the prescription facts (issue 12; `PrescriptionDeriver`).
            let rx = outpatient ? prescriptions?.plan(claim: claim, encounter: e, dated: dated, age: age, standards: heldStandards, month: &prescriptionMonth) ?? PrescriptionPlan() : PrescriptionPlan()
            if explain { result.notes += rx.notes }
            // 入院中の患者の投薬: F000 2 調剤料 by day, its 麻薬等加算, F500 1 (`InpatientDispensingDeriver`).
            var dayFees: [(category: Int, items: [UnitItem], notes: [String], times: Int)] = []
            if let inpatientDispensing {
                let (fees, notes) = inpatientDispensing.plan(claim: claim, encounter: e, dated: dated, inHospital: inHospital, month: &dispensingMonth)
                dayFees = fees
                if explain { result.notes += notes }
            }
            // A002 外来診療料 注6: the tests and 処置 it includes that day (`OutpatientFeeInclusion`).
            var feeIncluded: [SpecifiedFeeInclusion.ItemPath: String] = [:]
            if outpatient, let rules = outpatientFeeInclusionRules {
                var notes: [String] = []
                for x in OutpatientFeeInclusion(rules: rules).included(encounter, e: e, dated: dated, notes: &notes) {
                    feeIncluded[.init(encounter: e, order: x.order, item: x.item)] = x.why
                }
                if explain { result.notes += notes }
            }
            // B001-2 小児科外来診療料 (the day) and B001-3 生活習慣病管理料（Ⅰ） (the month): the items they include are
            // not billed and are no tests done for a 判断料 (`ManagementFeeInclusion`).
            var managed: [SpecifiedFeeInclusion.ItemPath: String] = [:]
            // A 他医療機関受診 減算 row the stay's pricing applied to the day's 入院料 (`PricedAdmission.appliedItems`).
            for a in stay?.appliedItems ?? [] where a.encounter == e { managed[.init(encounter: e, order: a.order, item: a.item)] = a.why }
            if let management, !management.isEmpty, case .success(let t) = dated.procedures {
                let y: MasterTable? = if case .success(let y) = dated.drugs { y } else { nil }
                var notes: [String] = []
                defer { if explain { result.notes += notes } }
                var labIncluded = false, labLeft = false
                var samplingItems: [(SpecifiedFeeInclusion.ItemPath, String)] = []
                for (o, order) in encounter.orders.enumerated() {
                    // Each item's 区分 and whether it is a 通則加算, read once; the 区分 of the order's 診療行為 rows (its
                    // drugs and 材料 may go with them: a fee's `order_items`).
                    let rows: [(section: String?, generalAddOn: Bool)] = order.items.map { item in
                        guard item.code.first == "1", let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: dated.date) else { return (nil, false) }
                        return (InpatientPricer.section(t, v), t.field(v, ProcedureColumn.noticeClass1, is: "9"))
                    }
                    let orderSections = rows.compactMap { $0.generalAddOn ? nil : $0.section }
                    for (i, item) in order.items.enumerated() {
                        let (section, generalAddOn) = rows[i]
                        if let why = management.why(code: item.code, category: order.category, section: section, generalAddOn: generalAddOn, encounter: e,
                                                    order: o, drugs: y, date: dated.date, orderSections: orderSections, notes: &notes) {
                            managed[.init(encounter: e, order: o, item: i)] = why
                        } else if let s = section, order.category == 60 {
                            // 第1節 検体検査 (D000–D027) left billed, or a 採血 a fee may include with its tests.
                            // A 判断料 (第2款 D026, D027) is no test done that day (review 373 HM-1: a stated 生化学的検査（Ⅱ）判断料 kept
                            // the B-V of the included 腫瘍マーカー billed).
                            if s == "D026" || s.hasPrefix("D027") { continue }
                            if s.hasPrefix("D0") { labLeft = true } else { samplingItems.append((.init(encounter: e, order: o, item: i), s)) }
                        }
                        if let s = section, s.hasPrefix("D0"), managed[.init(encounter: e, order: o, item: i)] != nil { labIncluded = true }
                    }
                }
                // 通知 B001 3 (2): the 採血 for the included 腫瘍マーカー is included too — when the day's 検体検査 are all
                // included, its 採血 (a fee's `sampling` 区分: D400) was for them (management-fee-inclusion.json).
                // 通知 B001 2 (1) カ: the 採血 of the 血中濃度測定, which no 検体検査 row bills — a day with none billed (review 224 BS-1).
                if !labLeft, let sampling = management.sampling(encounter: e, withoutTests: !labIncluded) {
                    for (path, s) in samplingItems where sampling.sections.contains(s) {
                        managed[path] = sampling.why
                        notes.append("encounters[\(e)].orders[\(path.order)].items[\(path.item)]: \(sampling.why)")
                    }
                }
            }
            // An 外来診療料 a 医学管理料 includes (B001-2-12 注1: 外来腫瘍化学療法診療料 — 「区分番号Ａ００２に掲げる外来診療料…は、別に算定
            // できない」, R06 ika-kokuji.txt 5605-5608) is not billed and includes nothing of A002 注6: the day's tests are billed
            // (review 373 HM-2).
            if !feeIncluded.isEmpty, !managed.isEmpty, case .success(let t) = dated.procedures,
               managed.keys.contains(where: { p in
                   guard p.encounter == e, encounter.orders.indices.contains(p.order), encounter.orders[p.order].items.indices.contains(p.item),
                         let c = UInt64(encounter.orders[p.order].items[p.item].code) else { return false }
                   return OutpatientFeeInclusion.isBase(c, t, on: dated.date)
               }) {
                if explain { result.notes.append("encounters[\(e)]: the 外来診療料 is included in a 医学管理料 of the day (not billed), so it includes none of the day's tests or 処置 (A002 注6)") }
                feeIncluded.removeAll()
            }
            // I002-2 注2 (R06 ika-kokuji.txt 11790-11793; 通知 I002-2 (2), ika-tsuuchi.txt 20211-20216): no 精神科継続外来
            // 支援・指導料 on a day whose 処方 is a 向精神薬多剤投与 — found from the drugs (`PrescriptionDeriver`) or stated as
            // the F100 1 / F400 1 row (medication.json `psychotropic_not_billed`).
            if outpatient, let version = medicationRules?.version(on: dated.date), let rule = version.psychotropicNotBilled,
               case .success(let t) = dated.procedures {
                let multiRows = ["F100.1", "F400.1"].compactMap { version.codes[$0]?.code }
                let why = rx.psychotropicMulti.map { "a 向精神薬多剤投与 (\($0) by 一般名)" }
                    ?? (encounter.orders.contains { $0.items.contains { multiRows.contains($0.code) } } ? "a 向精神薬多剤投与 (its F100 1 / F400 1 row is billed)" : nil)
                if let why {
                    for (o, order) in encounter.orders.enumerated() {
                        for (i, item) in order.items.enumerated() where item.code.first == "1" {
                            let path = SpecifiedFeeInclusion.ItemPath(encounter: e, order: o, item: i)
                            guard managed[path] == nil, let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: dated.date),
                                  rule.sections.contains(InpatientPricer.section(t, v)) else { continue }
                            managed[path] = "not billed — the day's 処方 is \(why): \(rule.passage)"
                        }
                    }
                }
            }
            // L008 of several 区分 in one 全身麻酔 (通知 L008 (12) ウ; `AnesthesiaTime`): the main 区分 with its own time, the
            // others by their 注2 加算 only — not dropped as 主たるもののみ below.
            var anesthesia: [SpecifiedFeeInclusion.ItemPath: AnesthesiaTime.Billing] = [:]
            if case .success(let t) = dated.procedures {
                anesthesia = AnesthesiaTime.combine(AnesthesiaTime.rows(encounter, e: e, table: t, date: dated.date))
                for (path, billing) in anesthesia where billing.quantity == nil && managed[path] == nil { managed[path] = billing.note }
            }
            // 主たるもののみ (通知 L100 (4) 神経ブロック …; Masters/params/main-only-per-day.json): of the encounter's base rows of
            // such a 区分, the one of most points is billed, the others not (their drugs are).
            var mainOnlyOnce: [Int: String] = [:]
            for (path, why) in dayMainOnly where path.encounter == e && managed[path] == nil { managed[path] = why }
            if let mainOnly = MainOnlyPerDay.embedded, encounter.orders.contains(where: { mainOnly.covers($0.category, day: false) }), case .success(let t) = dated.procedures {
                // By index: a rule is copied only when the encounter has its rows (the hot path reads it in place).
                for r in mainOnly.rules.indices where mainOnly.rules[r].perDay != true && encounter.orders.contains(where: { mainOnly.rules[r].covers($0.category) })
                    && mainOnly.rules[r].applies(on: dated.date) {
                    let found = mainOnly.rules[r].rows(in: [e], of: claim, table: t, date: dated.date)
                    guard let keep = MainOnlyPerDay.Rule.main(of: found) else { continue }
                    let rule = mainOnly.rules[r]
                    // A rule of a fact the claim does not carry (`advise`: 同一側の関節, 通知 J116) bills every row as stated and says what
                    // to leave out when the fact holds (review 310 FA-1–3).
                    if let advice = rule.advise {
                        let others = found.enumerated().filter { $0.offset != keep.offset && $0.element.code != keep.element.code }.map(\.element.code)
                        if !others.isEmpty {
                            result.notes.append("encounters[\(e)]: \(keep.element.code) and \(Set(others).sorted().joined(separator: ", ")) on one day — \(advice): only the main one, \(keep.element.code), is billed then (\(rule.citation)); all are billed as stated, leave out the others when it holds")
                        }
                        continue
                    }
                    // 「同一名称の神経ブロックを複数か所に行った場合」: the main row's order at several 回 is billed once.
                    if rule.sameRowOnce ?? true, (encounter.orders[keep.element.path.order].times ?? 1) > 1 { mainOnlyOnce[keep.element.path.order] = "\(rule.section): \(rule.passage)" }
                    for (n, f) in found.enumerated() where n != keep.offset && managed[f.path] == nil {
                        if anesthesia[f.path] != nil && anesthesia[keep.element.path] != nil { continue }
                        managed[f.path] = "not billed — 主たるもののみ: \(keep.element.code) is the main \(rule.section) of the day (\(rule.citation))"
                        // Its 注加算 in the same order (a time add-on of the 麻酔 not billed) go with it.
                        guard let c = UInt64(f.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: dated.date),
                              let family = t.integer(v, ProcedureColumn.addOnCode), family != 0 else { continue }
                        for (i, item) in encounter.orders[f.path.order].items.enumerated() where i != f.path.item {
                            guard let a = UInt64(item.code), let ai = t.codeIndex(of: a), let w = t.version(ofCode: ai, on: dated.date),
                                  t.field(w, ProcedureColumn.noticeClass1, is: "7"), t.integer(w, ProcedureColumn.addOnCode) == family,
                                  !t.field(w, ProcedureColumn.addOnSerial, is: "0") else { continue }
                            let path = SpecifiedFeeInclusion.ItemPath(encounter: e, order: f.path.order, item: i)
                            if managed[path] == nil { managed[path] = "not billed — a 注加算 of \(f.code), which is not billed (主たるもののみ: \(rule.section))" }
                        }
                    }
                }
            }
            // 注加算 of one 注加算コード and 通番 exclude each other (`ExclusiveAddOnSerials`, R06rec1 項番39): of two such rows
            // stated in one order, the one of more points is billed, the other not, with a note.
            if case .success(let t) = dated.procedures {
                for (o, order) in encounter.orders.enumerated() where order.items.count >= 2 {
                    let codes = order.items.lazy.map { $0.code.utf8.first == UInt8(ascii: "1") ? UInt64($0.code) : nil }
                    for loser in ExclusiveAddOnSerials.losers(codes, t, on: dated.date) {
                        let path = SpecifiedFeeInclusion.ItemPath(encounter: e, order: o, item: loser.index)
                        if managed[path] == nil {
                            managed[path] = "not billed — " + ExclusiveAddOnSerials.reason(kept: order.items[loser.kept].code, loser)
                        }
                    }
                }
            }
            // A row add-on-classes.json ties to a row of the day (base_rows: O100 外来・在宅ベースアップ評価料（Ⅰ） by the day's 初診料,
            // 再診料 or 訪問診療料, O101 by the O100 row) whose only such rows of the encounter a fee of the day includes: not billed
            // either — 通知 O100 (2)–(4): 「…を算定した日に限り」 (review 292 EI-1: O100 3 イ beside a C001 the 初診料 includes, EI-2:
            // O100 2 beside a 再診料 B004 注3 includes, EI-3: O100 1 beside an 初診料 B001-2-12 includes). A row with no such row at
            // all is the audit's (SA-A001); another encounter of the day counts as billing its rows.
            if outpatient, !managed.isEmpty || !feeIncluded.isEmpty, let classes = AddOnClassColumns.embedded, case .success(let t) = dated.procedures {
                let sameDay = claim.encounters.indices.filter { $0 != e && claim.encounters[$0].date == encounter.date }
                func value(_ code: String, _ column: Int) -> Int? {
                    guard code.utf8.first == UInt8(ascii: "1"), let c = UInt64(code), let ci = t.codeIndex(of: c), let w = t.version(ofCode: ci, on: dated.date) else { return nil }
                    return t.integer(w, column)
                }
                for _ in 0..<2 {   // an O101 row falls with the O100 row this removes, in whatever order they are listed
                    for (o, order) in encounter.orders.enumerated() {
                        for (i, item) in order.items.enumerated() where item.code.utf8.first == UInt8(ascii: "1") {
                            let path = SpecifiedFeeInclusion.ItemPath(encounter: e, order: o, item: i)
                            guard managed[path] == nil, feeIncluded[path] == nil, let c = UInt64(item.code), let ci = t.codeIndex(of: c),
                                  let v = t.version(ofCode: ci, on: dated.date), let (column, bases) = classes.addOn(t, v, on: dated.date),
                                  column.baseRows == true else { continue }
                            let baseColumn = column.baseColumn ?? column.column
                            func isBase(_ code: String) -> Bool { value(code, baseColumn).map(bases.contains) ?? false }
                            var unbilled: String? = nil, billed = false
                            for (o2, order2) in encounter.orders.enumerated() {
                                for (i2, item2) in order2.items.enumerated() where !(o2 == o && i2 == i) && isBase(item2.code) {
                                    let p2 = SpecifiedFeeInclusion.ItemPath(encounter: e, order: o2, item: i2)
                                    if managed[p2] == nil && feeIncluded[p2] == nil { billed = true } else if unbilled == nil { unbilled = item2.code }
                                }
                            }
                            if !billed { billed = sameDay.contains { e2 in claim.encounters[e2].orders.contains { $0.items.contains { isBase($0.code) } } } }
                            guard !billed, let base = unbilled else { continue }
                            managed[path] = "not billed — \(base), the row of the day it goes with (\(column.name)), is not billed that day (\(column.passage.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)); Masters/params/audit/add-on-classes.json)"
                        }
                    }
                }
            }
            // 検体検査まるめ counted over the encounter's orders (one 採取: `EncounterBundles`).
            var bundles: EncounterBundles? = nil
            if case .success(let t) = dated.procedures {
                bundles = EncounterBundles.of(encounter, table: t, date: dated.date, rules: unitPricer.bundled) { o, i in
                    specified.removed.contains(.init(encounter: e, order: o, item: i)) || feeIncluded[.init(encounter: e, order: o, item: i)] != nil
                        || managed[.init(encounter: e, order: o, item: i)] != nil
                }
            }
            // 通知 K936 (1)–(7), K936-2, K936-3: the most 個 of a 手術医療機器等加算 the day's 手術 allow (`DeviceCountLimits`).
            var deviceLimits: [UInt64: DeviceCountLimits.DayLimit] = [:]
            if let devices = DeviceCountLimits.embedded, case .success(let t) = dated.procedures {
                deviceLimits = devices.dayLimits(encounter, in: claim, table: t, on: dated.date)
            }
            // G004 点滴注射: the row the day's volume gives in place of the one stated (`DripInfusionRows`).
            let drip = DripInfusionRows.embedded
            let dripRows = drip?.corrections(claim, encounter: e, age: age.years(on: dated.date), dated: dated, inpatient: !outpatient) ?? [:]
            // The encounter's 診療行為 rows (read once), each (診療識別, code) once with the first order stating it and whether
            // another does too: an order's `beside` rows are those its siblings of the same 診療識別 state (`AddOnDeriver.derive`
            // reads them as a set). Kept distinct, an encounter of 20,000 like orders reads 1 row per order, not 20,000
            // (review 361 HA-1: 49 s, the square of the orders).
            var procedureRows: [(order: Int, category: Int, item: UnitItem, more: Bool)] = []
            var procedureRowIndex: [Int: Int] = [:]   // category × 10¹⁰ + code → procedureRows index
            for (k, other) in encounter.orders.enumerated() {
                for item in other.items where item.code.utf8.count == 9 && item.code.first != "6" && item.code.first != "7" {
                    guard let c = UInt64(item.code) else { continue }
                    // A 加算 not billed beside the 2つ目の診療科 row (`withoutAddOnsInOrders`) is stated for no sibling either.
                    if let w = withoutAddOnsInOrders, w.orders.contains(k), case .success(let t) = dated.procedures, let i = t.codeIndex(of: c),
                       let v = t.version(ofCode: i, on: dated.date), t.field(v, ProcedureColumn.noticeClass1, is: "7") || t.field(v, ProcedureColumn.noticeClass1, is: "9"),
                       InpatientPricer.section(t, v) == w.rule.section, w.rule.excludes(item.code) { continue }
                    // A few rows (the usual encounter) are searched in place; an index is built past 32 (no hash per row).
                    let key = other.category &* 10_000_000_000 &+ Int(c)
                    if procedureRows.count == 32 && procedureRowIndex.isEmpty {
                        for (n, r) in procedureRows.enumerated() { procedureRowIndex[r.category &* 10_000_000_000 &+ Int(r.item.code)] = n }
                    }
                    let found = procedureRows.count < 32 ? procedureRows.firstIndex { $0.category == other.category && $0.item.code == c } : procedureRowIndex[key]
                    if let n = found { if procedureRows[n].order != k { procedureRows[n].more = true } }
                    else {
                        if procedureRows.count >= 32 { procedureRowIndex[key] = procedureRows.count }
                        procedureRows.append((k, other.category, UnitItem(kind: .procedure, code: c), false))
                    }
                }
            }
            for (o, order) in encounter.orders.enumerated() {
                guard (11...99).contains(order.category) else {
                    throw ClaimError(message: "encounters[\(e)].orders[\(o)].category \(order.category) is not a 診療識別")
                }
                guard !order.items.isEmpty else { throw ClaimError(message: "encounters[\(e)].orders[\(o)] has no items") }
                var items: [UnitItem] = []
                // Items the day's 特定入院料 includes: not billed (still tests done, for the 判断料: A300 注7 ハ).
                var includedItems: [UnitItem] = []
                var specifiedIncluded = false
                var notBilled: [Int] = []
                var outpatientOnlyCodes: [UInt64] = []
                // The 回数 a day's limit leaves an order whose limited row has no 数量 (N000 at 4 回: 3臓器, `dayLimitCut`).
                var timesCut: Int? = nil
                // 区分 of a 退院時 row of this order not billed on its day: the 加算 rows of that 区分 go with it.
                var refusedSections: Set<String> = []
                for (i, item) in order.items.enumerated() {
                    guard item.code.utf8.count == 9, let code = UInt64(item.code) else {
                        throw ClaimError(message: "encounters[\(e)].orders[\(o)].items[\(i)].code \"\(item.code)\" is not a 9-digit code")
                    }
                    let kind: UnitItem.Kind
                    switch item.code.first {
                    case "6": kind = .drug
                    case "7": kind = .device
                    default: kind = .procedure
                    }
                    // 第5部 通則5: a 貼付剤 past the 63枚 of its 処方 is billed only up to them (`PrescriptionPlan.quantityCap`).
                    if outpatient, kind == .procedure, let drop = OutsidePrescriptionRows.embedded?.drops[code], Self.isOutsideDay(encounter),
                       EmbeddedParameters.applies(from: drop.from, to: drop.to, on: dated.date) {
                        notBilled.append(i)
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): not billed — the day's 剤 are given by 院外処方箋 (\(drop.passage))") }
                        continue
                    }
                    if outpatient, kind == .procedure, let drop = OutsidePrescriptionRows.embedded?.monthDrops[code], Self.isOutsideMonth(claim),
                       EmbeddedParameters.applies(from: drop.from, to: drop.to, on: dated.date) {
                        notBilled.append(i)
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): not billed — the month has a day of 院外処方箋 (a 剤 given by it) (\(drop.passage))") }
                        continue
                    }
                    if kind == .device, (item.quantity?.scaled ?? 0) == 0, !UnitPricer.isPercentDevice(code, dated) {
                        // 材料価格 × 使用量 (J300, J400 …): a device row other than a ％ row (金額種別 5) needs its 使用量 (`ClaimCheck`), and 0
                        // is none used (review 265 DH-3).
                        throw ClaimError(message: "encounters[\(e)].orders[\(o)].items[\(i)].quantity " + (item.quantity == nil ? "missing: a drug (6…) or device (7…) is priced from its 使用量"
                                                                                                              : "0: a device (7…) is priced from its 使用量 and 0 gives none — leave a device not used out of the order"))
                    }
                    var unit = UnitItem(kind: kind, code: code, quantity: rx.quantityCap[o]?[i] ?? item.quantity?.scaled ?? 0)
                    if !anesthesia.isEmpty, let billing = anesthesia[.init(encounter: e, order: o, item: i)], let q = billing.quantity {
                        unit.quantity = q; unit.timeOnly = billing.timeOnly
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): \(billing.note)") }
                    }
                    if !dripRows.isEmpty, let drip = dripRows[DripInfusionRows.Row(order: o, code: code)], drip.to == 0 {
                        notBilled.append(i)
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): not billed — \(drip.note)") }
                        continue
                    } else if !dripRows.isEmpty, let drip = dripRows[DripInfusionRows.Row(order: o, code: code)] {
                        unit.code = drip.to
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code) → \(drip.to): \(drip.note)") }
                    }
                    if !outsideRows.isEmpty, let row = outsideRows[code], row.applies(on: dated.date), row.reverse {
                        unit.code = row.toCode
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code) → \(row.toCode): the month has no day of 院外処方箋 and its 剤 are given in-house (dispensing in_house), so 「２ 処方箋を交付しない場合」 is billed (\(row.passage))") }
                    } else if !outsideRows.isEmpty, let row = outsideRows[code], row.applies(on: dated.date) {
                        if order.comments?.isEmpty == false {
                            if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): kept in a month with a 院外処方箋 — the order's comment states the reason for 院内投薬 (\(row.passage.prefix(while: { $0 != ":" })))") }
                        } else {
                            unit.code = row.toCode
                            if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code) → \(row.toCode): the month has a day of 院外処方箋, so 「処方箋を交付する場合」 is billed (\(row.passage)); state the reason as a comment of the order when 院内投薬 was unavoidable (夜間緊急の受診等)") }
                        }
                    }
                    let path = SpecifiedFeeInclusion.ItemPath(encounter: e, order: o, item: i)
                    if specified.removed.contains(path) {
                        includedItems.append(unit); specifiedIncluded = true; notBilled.append(i)
                    } else if let why = managed[path] {
                        notBilled.append(i)
                        // Not billed, and no test done: the 判断料 is included too (第3部 as a whole).
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): \(why)") }
                        // Included in the 特定入院料 of the day by the ward rule (投薬・注射): listed with the 包括 items (review 171
                        // R5: its drugs were in the notes only).
                        if let s = stay, let fee = s.specifiedFees[dated.date.dayNumber], why.contains(ManagementFeeInclusion.wardScope) {
                            specified.report.append(.init(path: "encounters[\(e)].orders[\(o)].items[\(i)]", code: item.code, day: dated.date.day,
                                                          includedIn: String(fee.code), group: nil, removed: true, reason: why))
                        }
                    } else if let why = feeIncluded[path] {
                        // Kept as a test done: its 判断料 is billed (通知 A002 (10)).
                        includedItems.append(unit); notBilled.append(i)
                        if explain { result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): \(why)") }
                    } else if kind == .procedure, !inHoursOnly.isEmpty, inHoursOnly.contains(code) {
                        notBilled.append(i)
                        result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): given only for a service outside the 診療時間, on a 休日 or at 深夜 (第3部 第1節 第1款 通則1 時間外緊急院内検査加算 / 第4部 通則3 時間外緊急院内画像診断加算: 保険医療機関が表示する診療時間以外の時間、休日又は深夜において); the encounter's time_band is \(encounter.timeBand ?? "") on a day that is no 休日: not billed")
                    } else if !outpatient, kind == .procedure, outpatientOnly.contains(code) {
                        // A stated 時間外等加算 of 入院中の患者以外 only (処置 通則5, 手術 通則12, 麻酔 通則3): not billed.
                        if explain {
                            // The ただし of 時間外緊急院内検査・画像診断加算 (a patient seen at the 外来 時間外・休日・深夜 and admitted that
                            // day keeps it) needs the day's 外来 visit, which the claim tells by its 初診料・再診料 in that band.
                            let visitDay = encounter.date == claim.admission?.date && inpatientLaw?.rules.admittedAfterVisitAddOns(on: dated.date).contains(code) == true
                            result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): an add-on of 入院中の患者以外の患者 only (\(Self.outpatientOnlyPassage(code)); Masters/params/inpatient/outpatient-only-add-ons.json) on an 入院 claim: not billed"
                                + (visitDay ? "; if the patient came to the 外来\(outOfHoursLaw?.rules.outOfHoursAddOns(on: dated.date).contains(code) == true ? " 時間外・休日・深夜" : "") and was admitted from there (ただし…引き続き入院となった場合は、この限りでない), state that visit in this encounter (its 初診料, or \"visit\": \"first\" / \"revisit\" — a 再診料 is not billed on the 入院 receipt) with its time_band, and it is billed" : ""))
                        }
                    } else if let w = withoutAddOns ?? (withoutAddOnsInOrders?.orders.contains(o) == true ? withoutAddOnsInOrders?.rule : nil),
                              kind == .procedure, case .success(let t) = dated.procedures, let ti = t.codeIndex(of: code),
                              let tv = t.version(ofCode: ti, on: dated.date), t.field(tv, ProcedureColumn.noticeClass1, is: "7") || t.field(tv, ProcedureColumn.noticeClass1, is: "9"),
                              InpatientPricer.section(t, tv) == w.section, w.excludes(item.code) {
                        notBilled.append(i)
                        result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): a 加算 of \(w.section), not billed beside \(w.code) (\(w.passage))")
                    } else if !outpatient, kind == .procedure, isOutpatientOnly(code, dated) {
                        // 入外適用区分 2 on an 入院 claim: that row is not billed; the order's other items are.
                        outpatientOnlyCodes.append(code)
                    } else if let a = claim.admission, let law = dischargeDayOnlyLaw, kind == .procedure,
                              case .success(let t) = dated.procedures, let ti = t.codeIndex(of: code), let tv = t.version(ofCode: ti, on: dated.date),
                              let section = SectionCode(t, tv), law.rules.isDischargeDayOnly(section, on: dated.date) {
                        // 在宅療養指導管理料・材料加算 (C101–C175: 入院中の患者以外の患者に対して) on an 入院 day: billed on the 退院日 only
                        // (第2部 第2節 第1款 通則4; outpatient-only-add-ons.json `discharge_day_only_sections`; review 225 BT-1).
                        notBilled.append(i)
                        result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): \(InpatientPricer.section(t, tv)) is for 入院中の患者以外の患者; an 入院 claim bills it on the 退院日 only (第2部 第2節 第1款 通則4: 当該退院の日に所定点数を算定できる)\(a.discharge.map { " — the 退院日 is \($0)" } ?? ", and the claim states no 退院日"): not billed")
                    } else if !refusedSections.isEmpty, kind == .procedure, case .success(let t) = dated.procedures, let ti = t.codeIndex(of: code),
                              let tv = t.version(ofCode: ti, on: dated.date), t.field(tv, ProcedureColumn.noticeClass1, is: "7") || t.field(tv, ProcedureColumn.noticeClass2, is: "7"),
                              case let section = InpatientPricer.section(t, tv), refusedSections.contains(section) {
                        // A 加算 of a 退院時 row the order does not bill (I011-2 注2 共同訪問指導加算 beside an I011-2 of another day:
                        // review 302 ES-3 left the 320 billed).
                        result.issues.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): a 加算 of \(section), whose row in this order is not billed on \(dated.date): not billed")
                    } else if order.category == 13 || order.category == 14 || order.category == 80, claim.admission != nil, kind == .procedure,
                              let limit = Self.atDischargeLimit(code, dated.date, masters),
                              let why = Self.atDischargeFault(code, claim.admission?.discharge.flatMap(ServiceDate.init), dated.date, limit: limit, &atDischargeBilled) {
                        if case .success(let t) = dated.procedures, let ti = t.codeIndex(of: code), let tv = t.version(ofCode: ti, on: dated.date),
                           !t.field(tv, ProcedureColumn.noticeClass1, is: "7"), !t.field(tv, ProcedureColumn.noticeClass2, is: "7") {
                            refusedSections.insert(InpatientPricer.section(t, tv))
                        }
                        // 05算定回数テーブル 算定単位 134 退院時 (B014 注1 退院時薬剤情報管理指導料 「退院の日に１回に限り」,
                        // B006-3 退院時リハビリテーション指導料, I011-2 精神科退院前訪問指導料 「指導の実施日にかかわらず退院日に算定する」
                        // 3回, I011 注2 精神科地域移行支援加算 …): on the 退院日 only, in as many orders as the row's 回数. Such rows are 医学
                        // 管理等, 在宅 and 精神科専門療法 (診療識別 13, 14, 80; review 302 ES-3): other orders skip the look-up.
                        result.issues.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): its 算定単位 is 退院時 (05算定回数テーブル: 退院の日に算定) — \(why): not billed")
                    } else if kind == .procedure, let law = inpatientLaw?.rules.afterSurgery(on: dated.date), law.codes.contains(code) {
                        // J000 注1 (J001 注2, J001-4 注2): 入院中 only within `days` of an operation (手術日から起算).
                        let first = ServiceDate(dayNumber: dated.date.dayNumber - (law.days - 1))
                        let after = operationDays.contains { $0 <= dated.date && $0 >= first }
                        if after {
                            items.append(unit)
                        } else if let floor = windowFloor, first < floor {
                            items.append(unit)
                            result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): 入院中 billed only within \(law.days) days of an operation (J000 注1, J001 注2, J001-4 注2); the stay began before \(floor) and an operation before it is not in this claim: billed — check")
                        } else {
                            result.notes.append("encounters[\(e)].orders[\(o)].items[\(i)] \(item.code): 入院中 billed only within \(law.days) days of an operation (J000 注1 「手術後の患者（入院中の患者に限る。）…手術日から起算して14日を限度」); no 手術 (診療識別 50) from \(first) to \(dated.date): not billed")
                        }
                    } else if kind == .procedure,
                              case let byTimes = unit.quantity == 0 && (order.times ?? 1) > 1,
                              // A row with no 数量 in an order of N 回 is N of it (N000 「１臓器につき」 at 4 回: 4 臓器): the day's
                              // limit cuts the order's 回数, its 注 加算 with it (第13部 第1節 通則1 「３臓器を限度」; review 208 BC-2:
                              // 3960 for 3100; review 209 BD-2: N002 8 + 注2 at 5 回 lost the base and kept 5 加算).
                              let cut = Self.dayLimitCut(code, byTimes ? (order.times ?? 1) * UnitItem.quantityScale : unit.quantity, times: byTimes ? 1 : order.times ?? 1,
                                                         law: dated.date, day: date, device: deviceLimits[code],
                                                         at: "encounters[\(e)].orders[\(o)].items[\(i)] \(item.code)", &dailyQuantities, &deviceCounts,
                                                         table: dated.procedures,
                                                         items: { sections in
                                                             guard case .success(let t) = dated.procedures else { return Int.max }
                                                             return DailyQuantityLimits.rows(of: claim, day: encounter.date, in: sections, table: t, on: dated.date, encounter: e)
                                                         }) {
                        // What is left of a day's limit across orders: none → not billed; else the 数量 cut to it; a note either way.
                        if byTimes {
                            // 0: nothing of the day is left — the order is not billed, its 注 加算 with it.
                            timesCut = min(timesCut ?? cut.steps, cut.steps)
                            items.append(unit)
                        } else if cut.steps == 0 {
                            notBilled.append(i)
                        } else {
                            unit.quantity = cut.steps * UnitItem.quantityScale
                            items.append(unit)
                        }
                        result.notes.append(cut.note)
                    } else {
                        items.append(unit)
                    }
                }
                if let code = outpatientOnlyCodes.first {
                    result.issues.append("encounters[\(e)].orders[\(o)]: \(code): 入外適用区分 2 (入院外レセプトに限る) on an 入院 claim" + (items.isEmpty ? "" : "; not billed, the order's other items are"))
                    if items.isEmpty && includedItems.isEmpty {
                        var priced = PricedClaim.PricedOrder(encounter: e, order: o, category: order.category, pointColumn: nil, points: nil,
                                                             times: order.times ?? 1, explanation: [], issue: nil)
                        priced.issue = "\(code): 入外適用区分 2 (入院外レセプトに限る) on an 入院 claim"
                        result.orders.append(priced)
                        continue
                    }
                }
                if timesCut == 0 {
                    // A day's limit left none of the order's 回数 (N000 past its 3 臓器): its rows are tests done (判断料), not billed.
                    includedItems += items; items.removeAll()
                    for i in order.items.indices where !notBilled.contains(i) { notBilled.append(i) }
                }
                if items.isEmpty {
                    // Every item of the order is included in the day's 特定入院料: the order is not billed.
                    tests.append((e, dated.date, includedItems))
                    continue
                }
                var times = order.times ?? 1
                guard times >= 1 else { throw ClaimError(message: "encounters[\(e)].orders[\(o)].times must be at least 1") }
                if let timesCut { times = timesCut }
                if let why = mainOnlyOnce[o] {
                    result.notes.append("encounters[\(e)].orders[\(o)]: billed once, not × \(times) — 主たるもののみ, the same row at several sites is one (\(why); Masters/params/main-only-per-day.json)"
                                        + (items.contains { $0.kind != .procedure } ? "; the drugs of every site go in the items' quantity" : ""))
                    times = 1
                }
                if let rehab = rehabilitationUnitRules, order.category == 80, case .success(let t) = dated.procedures {
                    let fee = stay?.specifiedFees[dated.date.dayNumber].map { (section: $0.section, code: String($0.code)) }
                    let (billable, note) = rehab.billable(&items, times: times, table: t, date: dated.date, nineUnits: encounter.rehabilitationNineUnits ?? false,
                                                          specifiedFee: fee,
                                                          used: &rehabilitationUnits)
                    if let note { result.notes.append("encounters[\(e)].orders[\(o)]: " + note) }
                    if billable == 0 { continue }
                    times = billable
                }
                var priced = PricedClaim.PricedOrder(encounter: e, order: o, category: order.category, pointColumn: nil, points: nil,
                                                     times: times, explanation: [], issue: nil)
                if !notBilled.isEmpty { priced.included = notBilled }
                priced.pointColumn = items.first { $0.kind == .procedure }.flatMap { pointColumn(of: $0.code, dated, inpatient: !outpatient) }
                var derivedNotes: [String] = []
                if case .success(let t) = dated.procedures, let chain {
                    // The 診療行為 rows of the encounter's other orders of the same 診療識別: an add-on stated as an order of its
                    // own is not derived again into this one (`AddOnDeriver.derive`, review 146).
                    var beside: [UnitItem] = []
                    for row in procedureRows where (row.order != o || row.more) && row.category == order.category { beside.append(row.item) }
                    var (added, notes) = deriver.derive(items, table: t, chain: chain, date: dated.date, band: band, age: age,
                                                        facilityKind: claim.facility?.kind, standards: heldStandards,
                                                        standardsStated: claim.facility?.standards != nil,
                                                        timeMinimums: orderAddOnRules?.generalTimeMinimums(on: dated.date) ?? [],
                                                        beside: beside,
                                                        surgeryInEncounter: order.category == 54 ? encounter.orders.contains { $0.category == 50 } : nil,
                                                        inpatient: !outpatient,
                                                        earlyLateVisit: earlyLateVisit(t))
                    if !outpatient, !outpatientOnly.isEmpty, added.contains(where: { outpatientOnly.contains($0.code) }) {
                        let only = outpatientOnly
                        // 処置 通則5 イ(2)・ロ, 手術 通則12 時間外加算, 麻酔 通則3 時間外: 入院中の患者以外 only.
                        for x in added where only.contains(x.code) {
                            result.notes.append("encounters[\(e)].orders[\(o)]: \(x.code) not derived — a 時間外等加算 of 入院中の患者以外の患者 only (\(Self.outpatientOnlyPassage(x.code)); Masters/params/inpatient/outpatient-only-add-ons.json)")
                        }
                        added.removeAll { only.contains($0.code) }
                        notes.removeAll { n in only.contains { n.hasPrefix(String($0) + " ") } }
                    }
                    // 処置 通則5 加算２: only for an 緊急処置 following a 初診・再診 that bills A000 注7, A001 注5 or A002 注8 (通知 第9部 通則5,
                    // R06 ika-tsuuchi.txt 21292-21297); an encounter with no 初診料・再診料 derives none (review 381 HU-1: +96 on a 処置 alone).
                    if outpatient, !added.isEmpty, let law = outOfHoursLaw, !encounter.billsVisitFee {
                        let only = law.rules.afterTimedVisitAddOns(on: dated.date)
                        for x in added where only.contains(x.code) {
                            result.notes.append("encounters[\(e)].orders[\(o)]: \(x.code) not derived — 処置 通則5 休日・時間外・深夜加算２ is for an 緊急処置 following a 初診・再診 that bills its own 時間外・休日・深夜加算 (A000 注7, A001 注5, A002 注8; 通知 第9部 通則5), and the encounter has no 初診料・再診料: state the visit (its order, or \"visit\") if the 処置 followed one")
                        }
                        added.removeAll { only.contains($0.code) }
                        notes.removeAll { n in only.contains { n.hasPrefix(String($0) + " ") } }
                    }
                    if !added.isEmpty, let conditional = orderAddOnRules?.version(on: dated.date)?.ageAddOnsWithACondition {
                        // An age add-on whose 注 asks a fact the claim does not carry (I002 注3): stated, not derived.
                        for c in conditional {
                            guard let code = UInt64(c.code), added.contains(where: { $0.code == code }) else { continue }
                            result.notes.append("encounters[\(e)].orders[\(o)]: \(c.code) (\(c.section)) not derived from the patient's age: it also needs \(c.condition), which the claim does not say; state it when it applies (Masters/params/order-add-ons.json)")
                            added.removeAll { $0.code == code }
                            notes.removeAll { $0.hasPrefix(c.code + " ") }
                        }
                    }
                    // A derived add-on of the 注加算コード and 通番 of a stated row: the deriver takes an occupied 通番 only where the
                    // stated row gives way by the 告示 (a 乳幼児加算 to the 乳幼児時間外加算 of its 通番, A000 注6 ただし: review 215 BJ-2);
                    // add-ons of one 通番 exclude each other (R06rec1 項番39), so the stated row is not billed.
                    for x in added {
                        guard let i = t.codeIndex(of: x.code), let v = t.version(ofCode: i, on: dated.date),
                              let c = t.integer(v, ProcedureColumn.addOnCode), c != 0, !t.field(v, ProcedureColumn.addOnSerial, is: "0") else { continue }
                        let serial = t.string(v, ProcedureColumn.addOnSerial)
                        items.removeAll { item in
                            guard item.kind == .procedure, item.code != x.code, let j = t.codeIndex(of: item.code), let w = t.version(ofCode: j, on: dated.date),
                                  t.integer(w, ProcedureColumn.addOnCode) == c, t.string(w, ProcedureColumn.addOnSerial) == serial else { return false }
                            if let n = order.items.firstIndex(where: { $0.code == String(item.code) }) { priced.included = (priced.included ?? []) + [n] }
                            notes.append("\(item.code): not billed — \(x.code), derived, is billed in its place (注加算コード \(c) 通番 \(serial): add-ons of one 通番 exclude each other; A000 注6, A001 注4, A002 注7 ただし)")
                            return true
                        }
                    }
                    items += added
                    derivedNotes = notes
                    var all = added
                    if outpatient && (!heldStandards.isEmpty || !facts.isEmpty) {
                        let (more, moreNotes) = facilityAddOns.derive(items, table: t, chain: chain, date: dated.date, age: age,
                                                                      facilityKind: claim.facility?.kind, standards: heldStandards, facts: facts, month: &facilityMonth,
                                                                      beside: beside)
                        items += more; all += more; derivedNotes += moreNotes
                    } else if stay != nil && !heldStandards.isEmpty {
                        // 入院: the add-ons of Masters/params/facility-add-ons.json (画像診断管理加算 …).
                        let (more, moreNotes) = facilityAddOns.derive(items, table: t, chain: chain, date: dated.date, age: age,
                                                                      facilityKind: claim.facility?.kind, standards: heldStandards, inpatient: true, month: &facilityMonth)
                        items += more; all += more; derivedNotes += moreNotes
                    }
                    if let orderAddOns {
                        let before = all.map(\.code)
                        let (more, moreNotes) = orderAddOns.derive(&items, added: &all, category: order.category, encounter: encounter, e: e, o: o,
                                                                   table: t, chain: chain, dated: dated, age: age, band: band, facility: claim.facility,
                                                                   outpatient: outpatient, month: &orderMonth)
                        // An add-on an order rule took back (処置 通則5 beside J038 注1) keeps only the note saying why.
                        for code in before where !all.contains(where: { $0.code == code }) {
                            derivedNotes.removeAll { ($0.hasPrefix("\(code) ") || $0.hasPrefix("\(code):")) && $0.containsBytes(": derived from") }
                        }
                        all += more; derivedNotes += moreNotes
                    }
                    if !all.isEmpty, let management, !management.isEmpty {
                        // A derived add-on that a fee of the day or month includes (J038 (13): no 夜間・早朝等加算 with
                        // the 注1 加算; management-fee-inclusion.json) is not derived.
                        var notes: [String] = []
                        for x in all {
                            guard let i = t.codeIndex(of: x.code), let v = t.version(ofCode: i, on: dated.date),
                                  let why = management.why(code: String(x.code), category: order.category, section: InpatientPricer.section(t, v),
                                                           encounter: e, notes: &notes) else { continue }
                            all.removeAll { $0.code == x.code }
                            if let k = items.firstIndex(where: { $0.code == x.code && $0.kind == .procedure }) { items.remove(at: k) }
                            // Its "derived from …" line goes: the row is not billed (review 309 EZ-4: 112015570 said derived beside J038 注1).
                            derivedNotes.removeAll { ($0.hasPrefix("\(x.code) ") || $0.hasPrefix("\(x.code):")) && $0.containsBytes(": derived") }
                            derivedNotes.append("\(x.code) not derived: \(why)")
                        }
                    }
                    // A derived add-on and a stated row of the order that the 03-3 背反テーブル (同時) pairs without 特例条件: the one its
                    // 背反区分 bills stays — 112014970 乳幼児深夜加算（再診） derived beside a stated 112000970 乳幼児加算（再診）
                    // (背反区分 2, the time row: A001 注4 ただし) takes the stated row's place (review 215 BJ-1: 703 for 665); 背反区分 3 is
                    // the audit's to ask.
                    if !all.isEmpty, simultaneous == nil {
                        simultaneous = .some((try? masters.chainIndex(.conflictSimultaneous, on: dated.date)).map { masters.chainCache($0, "audit.conflict") { ConflictIndex($0) } })
                    }
                    if !all.isEmpty, case .some(.some(let conflicts)) = simultaneous {
                        // Rows of points, the stated one a 加算 (告示等識別区分（１） not 1; a stated base row is never dropped): alternatives.
                        // A ％ row's pair (乳児加算（麻酔） with L009 麻酔管理料) says what the ％ does not apply to, not that one goes.
                        func isPointRow(_ c: UInt64, addOn: Bool) -> Bool {
                            guard let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: dated.date) else { return false }
                            return t.integer(v, ProcedureColumn.pointKind) == 3 && (!addOn || !t.field(v, ProcedureColumn.noticeClass1, is: "1"))
                        }
                        for x in all where conflicts.codes.contains(x.code) && isPointRow(x.code, addOn: false) {
                            for partner in conflicts.partners[x.code] ?? [] where !all.contains(where: { $0.code == partner }) {
                                guard let k = items.firstIndex(where: { $0.code == partner && $0.kind == .procedure }), isPointRow(partner, addOn: true),
                                      let row = conflicts.row(partner, x.code, on: dated.date.yyyymmdd), row.special == 0 else { continue }
                                if row.resolution == 2 {
                                    items.remove(at: k)
                                    if let n = order.items.firstIndex(where: { $0.code == String(partner) }) { priced.included = (priced.included ?? []) + [n] }
                                    derivedNotes.append("\(partner): not billed — \(x.code), derived, is billed in its place (03-3 背反テーブル（同時） 背反区分 2)")
                                } else if row.resolution == 1, let j = items.firstIndex(where: { $0.code == x.code && $0.kind == .procedure }) {
                                    items.remove(at: j)
                                    all.removeAll { $0.code == x.code }
                                    derivedNotes.append("\(x.code) not derived: the stated \(partner) is billed in its place (03-3 背反テーブル（同時） 背反区分 1)")
                                    break
                                }
                            }
                        }
                    }
                    if !all.isEmpty { priced.added = all.map { String($0.code) } }
                    if items.count > 1, claim.facility?.standards != nil { deriver.markHeldStandards(&items, table: t, date: dated.date, standards: heldStandards) }
                }
                // 通知 J201 (4): oxygen is priced × 補正率 1.3 — the t master's 補正率 row after the order's oxygen (`OxygenCorrection`).
                if case .success(let devices) = dated.devices, items.contains(where: { $0.kind == .device }),
                   let correction = OxygenCorrection.row(for: items, devices: devices, date: dated.date) {
                    items.append(UnitItem(kind: .device, code: correction, quantity: UnitItem.quantityScale))
                    priced.added = (priced.added ?? []) + [String(correction)]
                    derivedNotes.append("\(correction) 酸素補正率: derived for the order's oxygen (通知 J201 (4): 酸素の単価 × 容積 × 補正率 1.3)")
                }
                tests.append((e, dated.date, items + includedItems))
                if explain && specifiedIncluded {
                    derivedNotes.append("\(includedItems.map { String($0.code) }.joined(separator: ", ")): not billed — included in the day's 特定入院料 or excluded by an 入院料 row of the day (admission.included gives the reason)")
                }
                var outcome = unitPricer.price(items, category: order.category, masters: dated, explain: explainOrders ? detail : .off, bundles: bundles?.view(order: o))
                // 上下限エラー処理 2/3 (R06rec1 §3(7) 項番35): a row whose 数量 is at or below 下限値 − きざみ値 is 点数算定せず —
                // that row only; the order's other rows stand (C000 注2 患家診療時間加算 stated at 60 minutes, 「１時間を超えた
                // 場合」: the 往診料 is billed, the 加算 is not). The claim keeps the issue.
                var droppedRows: [String] = []
                while case .failure(.quantityBelowLimit(let code, let q)) = outcome, items.count > 1,
                      let k = items.firstIndex(where: { $0.code == code && $0.kind == .procedure }) {
                    items.remove(at: k)
                    // No 数量 at all is said so, with the row's unit (review 416 JD-5: 患家診療時間加算 without its minutes read "quantity 0").
                    var unit = ""
                    if q == 0, case .success(let t) = dated.procedures, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: dated.date) {
                        unit = t.string(v, ProcedureColumn.unitName)
                    }
                    droppedRows.append(q == 0
                        ? "\(code): not billed — no quantity is stated, and a きざみ row is priced by its 数量\(unit.isEmpty ? "" : " (\(unit))"): state it; the order's other rows are billed"
                        : "\(code): not billed — quantity \(q) is at or below the master's 下限値 − きざみ値 (上下限エラー処理: 点数算定せず); the order's other rows are billed")
                    outcome = unitPricer.price(items, category: order.category, masters: dated, explain: explainOrders ? detail : .off, bundles: bundles?.view(order: o))
                }
                if case .success = outcome { for d in droppedRows { result.issues.append("encounters[\(e)].orders[\(o)]: \(d)") } }
                derivedNotes += droppedRows
                // 上下限エラー処理 0/2 (R06rec1 §3(7) 項番35): a 数量 above 上限値 is priced by 点数算定式１ with a 警告 — billed as the
                // master computes it, and said: the 告示 usually sets that 限度 (B001 12 注5 「11月を限度」, J045 ２ 「５時間まで」;
                // reviews 285 EB-4, 287 ED-1: 12 months and 10 hours were billed without a word).
                if case .success = outcome, case .success(let t) = dated.procedures {
                    for it in items where it.kind == .procedure && it.quantity > 0 {
                        guard let ti = t.codeIndex(of: it.code), let tv = t.version(ofCode: ti, on: dated.date), t.integer(tv, ProcedureColumn.kizamiKind) == 1,
                              let upper = t.integer(tv, ProcedureColumn.kizamiUpper), upper < 99_999_999, it.quantity > upper * UnitItem.quantityScale,
                              case let handling = t.integer(tv, ProcedureColumn.kizamiErrorHandling) ?? 0, handling == 0 || handling == 2 else { continue }
                        result.notes.append("encounters[\(e)].orders[\(o)]: \(it.code) \(t.string(tv, ProcedureColumn.abbreviatedName)): quantity \(FixedPoint(value: it.quantity, decimals: 5)) is above the master's 上限値 \(upper) (上下限エラー処理 \(handling): 点数算定式１ with a 警告) — priced as computed; the 告示 sets a 限度 for such rows (「11月を限度」, 「５時間まで」): check the quantity and the row")
                    }
                }
                switch outcome {
                case .success(let p0):
                    var p = p0
                    // D007 注 ハ 注 入院時初回加算 (ika-kokuji.txt 8753-8754: 入院中の患者について算定した場合は、初回に限り
                    // 20点): the stay's first order of the group (its 入院時初回検査), when its まるめ reaches the tier that
                    // names it — a later test of 10項目以上 earns nothing (通知 D007 (55): 入院後初回の検査以外の検査において10項目
                    // 以上となった場合にあっては、当該加算は算定できない; review 237 CF-3) — and when the stay began in the claim's
                    // month (an earlier month's receipt may hold the 初回); not beside a stated one.
                    // A stated 入院時初回加算 in the order of a later test of the stay, or of one below 10項目, is not billed (告示 D007 注 ハ 注:
                    // ハ 10項目以上 only, 初回に限り; 通知 D007 (55); review 249 CR-1/CR-2: 20点 on 7項目, and on the second test too).
                    if p.inpatientFirstGroupAddOn != 0, !outpatient, items.contains(where: { $0.kind == .procedure && $0.code == p.inpatientFirstGroupAddOn }),
                       inpatientFirstGiven.contains(p.inpatientFirstGroupAddOn) || p.inpatientFirstAddOn != p.inpatientFirstGroupAddOn {
                        let addOn = p.inpatientFirstGroupAddOn, later = inpatientFirstGiven.contains(addOn)
                        let without = items.filter { !($0.kind == .procedure && $0.code == addOn) }
                        if case .success(let q) = unitPricer.price(without, category: order.category, masters: dated, explain: explainOrders ? detail : .off, bundles: bundles?.view(order: o)) {
                            p = q; items = without
                            inpatientFirstGiven.insert(addOn)
                            let why = later ? "an earlier test of the group in this stay was its 入院時初回検査 (入院後初回の検査以外の検査において10項目以上となった場合にあっては、当該加算は算定できない)"
                                : "the order's まるめ is below 10項目 (the 加算 is a 注 of ハ 10項目以上)"
                            result.notes.append("encounters[\(e)].orders[\(o)]: \(addOn) 入院時初回加算 not billed — \(why) (告示 D007 注 ハ 注; 通知 D007 (55))")
                        }
                    }
                    if p.inpatientFirstGroupAddOn != 0, !outpatient, !inpatientFirstGiven.contains(p.inpatientFirstGroupAddOn) {
                        let addOn = p.inpatientFirstGroupAddOn
                        inpatientFirstGiven.insert(addOn)
                        if statedCodes.contains(String(addOn)) {
                        } else if p.inpatientFirstAddOn != addOn {
                            if explainOrders && windowFloor == nil { derivedNotes.append("\(addOn) 入院時初回加算: not derived — this is the stay's first test of the group (入院時初回検査) and it has fewer than 10項目; a later test earns none (通知 D007 (55))") }
                        } else if windowFloor != nil {
                            if explain { result.notes.append("encounters[\(e)].orders[\(o)]: \(addOn) 入院時初回加算 not derived — the stay began before the claim's month, so its 初回 may be on an earlier receipt (D007 注 ハ 注); state it when this is the first") }
                        } else if case .success(let q) = unitPricer.price(items + [UnitItem(kind: .procedure, code: addOn)], category: order.category, masters: dated,
                                                                        explain: explainOrders ? detail : .off, bundles: bundles?.view(order: o)) {
                            p = q
                            priced.added = (priced.added ?? []) + [String(addOn)]
                            if explainOrders { derivedNotes.append("\(addOn) 入院時初回加算: derived, the stay's first 10項目以上 (D007 注 ハ 注, 初回に限り; ika-kokuji.txt 8753-8754)") }
                        }
                    }
                    let path = "encounters[\(e)].orders[\(o)]"
                    // A receipt states at most 7 digits of 点数 per 算定単位: with it every amount below
                    // (× 回数 ≤ 999, Σ over ≤ maxOrdersPerClaim orders) is far inside Int.
                    guard abs(p.points) <= DomainLimit.maxUnitPoints else {
                        throw ClaimError(message: "\(path): \(p.points) points per 回 is over the receipt's 7-digit 点数 (DomainLimit.maxUnitPoints)", overflow: true)
                    }
                    var points = p.points
                    var rxNote: [String] = []
                    // G004 点滴注射 is １日につき: an order of N 回 bills the G004 row and its day add-ons once, its drugs (and any
                    // other row) each 回 (告示 G100 「１回分使用量につき」; review 187 AH-03).
                    if (31...33).contains(order.category), times > 1, let once = drip?.onceADay(on: dated.date),
                       items.contains(where: { $0.kind == .procedure && once.contains($0.code) }) {
                        let rest = items.filter { !($0.kind == .procedure && once.contains($0.code)) }
                        var perTime = 0
                        if !rest.isEmpty, case .success(let r) = unitPricer.price(rest, category: order.category, masters: dated, explain: .off, bundles: bundles?.view(order: o)) {
                            perTime = r.points
                        }
                        guard let more = Checked.mul(perTime, times - 1), let all = Checked.add(p.points, more) else {
                            throw ClaimError(message: "encounters[\(e)].orders[\(o)].times: \(perTime) points × 回数 \(times) overflows", overflow: true)
                        }
                        if explainOrders { derivedNotes.append("G004 点滴注射 is １日につき: billed once for the order's \(times) 回, its drugs each 回 (\(p.points) + \(perTime) × \(times - 1) = \(all)点; 告示 G100 「１回分使用量につき」)") }
                        p.points = all
                        points = all
                        times = 1
                        priced.times = 1
                    }
                    if let adjust = rx.orderPercent[o] {
                        // 院外 (0) or F200 注3 (100分の90) of the 剤's 薬剤料 per 1剤1日分, 1点未満四捨五入.
                        points = Rounding.halfUp(p.points * adjust.percent, divisor: 100)
                        if explainOrders { rxNote = ["\(adjust.note): \(p.points) → \(points)点"] }
                    }
                    priced.points = points
                    priced.explanation = p.explanation + (explainOrders ? derivedNotes + rxNote : [])
                    if !outpatient, order.category == 31 || order.category == 32, p.drugYenE7 > 0, points == p.points {
                        dayInjections.append((result.orders.count, order.category, p.drugYenE7, p.drugPoints, times, priced.pointColumn))
                    }
                    guard let amount = Checked.mul(points, times) else {
                        throw ClaimError(message: "\(path).times: \(points) points × 回数 \(times) overflows", overflow: true)
                    }
                    encounterTotal = try Self.sum(encounterTotal, amount, path)
                    let categoryKey = String(order.category), columnKey = priced.pointColumn.map { String($0) } ?? "識別\(order.category)"
                    result.byCategory[categoryKey] = try Self.sum(result.byCategory[categoryKey] ?? 0, amount, path)
                    result.byColumn[columnKey] = try Self.sum(result.byColumn[columnKey] ?? 0, amount, path)
                case .failure(let issue):
                    // A kind no loaded master covers on the service date stops the claim; in a revaluation
                    // (`mastersDate`) only this order goes unpriced, as for a UKE unit (coverage is asked
                    // per kind, only of the kinds the claim uses).
                    // The loaded ranges are said too, as `masters inspect` and the HTTP 422 say them (review 422 JK-4).
                    if case .dateNotCovered(let kind, _) = issue, mastersDate == nil {
                        throw ClaimError(message: "encounters[\(e)]: \(issue); covered: " + masters.coverage(of: kind).map { "\($0.lowerBound)…\($0.upperBound)" }.joined(separator: ", "))
                    }
                    if case .overflow(let code) = issue {
                        let i = order.items.firstIndex { $0.code == String(code) }
                        let what = i.map { "encounters[\(e)].orders[\(o)].items[\($0)].quantity × its price" } ?? "encounters[\(e)].orders[\(o)] (\(code), an add-on)"
                        throw ClaimError(message: "\(what) overflows (\(code))", overflow: true)
                    }
                    priced.issue = "\(issue)"
                    result.issues.append("encounters[\(e)].orders[\(o)]: \(issue)")
                }
                result.orders.append(priced)
            }
            // 通知 G000 (1), G001 (1) (ika-tsuuchi.txt 18480-18481, 18494-18495): for a 入院中の患者 「１日の薬剤料を合算し、
            // 第２節薬剤料のみ算定する」 — the day's 皮下筋注 (31) and 静注 (32) orders make one 薬剤料 each: the rounding is
            // done once over their Σ 薬価, the difference taken on the first order of the day.
            for category in [31, 32] {
                let day = dayInjections.filter { $0.category == category }
                guard day.count > 1, day.allSatisfy({ $0.times == 1 }) else { continue }
                let summed = DrugFee.points(yenE7: day.reduce(0) { $0 + $1.yenE7 }, rule: DrugFeeRule.forCategory(category))
                let delta = summed - day.reduce(0) { $0 + $1.points }
                guard delta != 0, let first = day.first else { continue }
                let path = "encounters[\(e)].orders[\(result.orders[first.index].order)]"
                result.orders[first.index].points = (result.orders[first.index].points ?? 0) + delta
                if explainOrders {
                    result.orders[first.index].explanation.append("入院: the day's \(category == 31 ? "皮下筋注" : "静注") 薬剤料 summed over \(day.count) orders (通知 \(category == 31 ? "G000" : "G001") (1): １日の薬剤料を合算): \(FixedPoint(value: day.reduce(0) { $0 + $1.yenE7 }, decimals: 7))円 → \(summed)点, \(delta > 0 ? "+" : "")\(delta) on this order")
                }
                encounterTotal = try Self.sum(encounterTotal, delta, path)
                let columnKey = first.column.map { String($0) } ?? "識別\(category)"
                result.byCategory[String(category)] = try Self.sum(result.byCategory[String(category)] ?? 0, delta, path)
                result.byColumn[columnKey] = try Self.sum(result.byColumn[columnKey] ?? 0, delta, path)
            }
            dayInjections.removeAll()
            // Fees of the visit's facts (B001-2-6 夜間休日救急搬送医学管理料; `VisitFeeDeriver`), 入院外, each with its
            // own 施設基準 add-ons (救急搬送看護体制加算).
            var factFees: [(category: Int, items: [UnitItem], notes: [String])] = []
            // On an 入院 claim, the 入院日's visit (B001-2-6 注1 has no 入院中の患者以外 limit and its row is 入外 0: a patient
            // brought by ambulance at night and admitted bills it with the 初診料 of that day; review 298 EO-6).
            if outpatient ? claim.admission == nil : claim.admission?.date == encounter.date, encounter.arrival != nil,
               case .success(let t) = dated.procedures, let chain {
                let dayItems = tests.filter { $0.encounter == e }.flatMap(\.items)
                let (found, notes) = visitFees.derive(encounter: encounter, index: e, date: dated.date, band: band, facts: facts, items: dayItems, table: t)
                if explain { result.notes += notes }
                for fee in found {
                    var items = [UnitItem(kind: .procedure, code: fee.code)], extra: [String] = []
                    if !heldStandards.isEmpty {
                        let (more, moreNotes) = facilityAddOns.derive(items, table: t, chain: chain, date: dated.date, age: age, facilityKind: claim.facility?.kind,
                                                                      standards: heldStandards, facts: facts, month: &facilityMonth)
                        items += more; extra = moreNotes
                    }
                    factFees.append((fee.category, items, fee.notes + extra))
                }
            }
            var dayFeeList = (rx.fees + factFees).map { ($0.category, $0.items, $0.notes, 1) } + dayFees
            if let management, !management.isEmpty, case .success(let t) = dated.procedures {
                // A derived 投薬 fee (F000, F100, F400, F500) of a day 小児科外来診療料 includes (第5部).
                dayFeeList.removeAll { fee in
                    guard let first = fee.1.first, let i = t.codeIndex(of: first.code), let v = t.version(ofCode: i, on: dated.date),
                          let why = management.why(code: String(first.code), category: fee.0, section: InpatientPricer.section(t, v), encounter: e, notes: &result.notes) else { return false }
                    if explain { result.notes.append("encounters[\(e)] (\(first.code)): not derived, \(why)") }
                    return true
                }
            }
            // A derived fee (調剤料, 処方料, 調剤技術基本料 …) the day's 特定入院料 includes (A308-3 注7: 第５部投薬 as a whole).
            if let s = stay, let fee = s.specifiedFees[dated.date.dayNumber] {
                dayFeeList.removeAll { d in
                    guard let first = d.1.first else { return false }
                    let decided = inclusion(of: first.code, on: dated.date, in: fee)
                    if case .unknown = decided { return false }   // named once for the 特定入院料 by the ordered items already
                    return specified.record(decided, path: "encounters[\(e)] (\(first.code))", code: first.code, date: dated.date, fee: fee)
                }
            }
            for (k, fee) in dayFeeList.enumerated() {
                let path = "encounters[\(e)] (投薬 \(fee.items[0].code))"
                switch unitPricer.price(fee.items, category: fee.category, masters: dated, explain: explainOrders ? detail : .off) {
                case .success(let p):
                    let column = pointColumn(of: fee.items[0].code, dated, inpatient: !outpatient)
                    var order = PricedClaim.PricedOrder(encounter: e, order: encounter.orders.count + k, category: fee.category, pointColumn: column,
                                                        points: p.points, times: fee.times, explanation: explainOrders ? fee.notes + p.explanation : [], issue: nil,
                                                        derived: true, code: String(fee.items[0].code))
                    if fee.items.count > 1 { order.added = fee.items.dropFirst().map { String($0.code) } }
                    result.orders.append(order)
                    // 回数 ≤ 31 (days of a month) times a master row's points: inside Int.
                    let amount = p.points * fee.times
                    encounterTotal = try Self.sum(encounterTotal, amount, path)
                    let categoryKey = String(fee.category), columnKey = column.map { String($0) } ?? "識別\(fee.category)"
                    result.byCategory[categoryKey] = try Self.sum(result.byCategory[categoryKey] ?? 0, amount, path)
                    result.byColumn[columnKey] = try Self.sum(result.byColumn[columnKey] ?? 0, amount, path)
                case .failure(let issue):
                    if explain { result.notes.append("\(path): not derived, \(issue)") }
                }
            }
            result.byEncounter.append(encounterTotal)
            result.totalPoints = try Self.sum(result.totalPoints, encounterTotal, "encounters[\(e)]")
        }
        // Monthly: 判断料 once per 判断グループ (D026).
        let (fees, feeNotes) = JudgementFeeDeriver(set: masters, rules: facilityAddOnRules, facts: Set(claim.facility?.facts ?? []), standards: claim.facility?.standards == nil ? nil : standardDays).derive(tests: tests, inpatient: !outpatient)
        for (e, code, category, note) in fees.sorted(by: { ($0.encounter, $0.code) < ($1.encounter, $1.code) }) {
            guard let testDate = tests.first(where: { $0.encounter == e })?.date, result.byEncounter.indices.contains(e) else { continue }
            let dated = DatedMasters(masters, on: testDate)
            // 施設基準 add-ons of the 判断料 (D026 注4 検体検査管理加算).
            var items = [UnitItem(kind: .procedure, code: code)]
            var extra: [String] = []
            let encounterStandards = Set(standardDays.filter { $0.from <= testDate.dayNumber }.map(\.code))
            if outpatient || stay != nil, !encounterStandards.isEmpty, case .success(let t) = dated.procedures, let chain = try? masters.chainIndex(.procedure, on: dated.date) {
                let (more, moreNotes) = facilityAddOns.derive(items, table: t, chain: chain, date: dated.date, age: age, facilityKind: claim.facility?.kind,
                                                              standards: encounterStandards, inpatient: !outpatient, month: &facilityMonth)
                items += more; extra = moreNotes
            } else if !outpatient, stay == nil, !encounterStandards.isEmpty, explain {
                // An 入院 claim without `admission`: the ward's 入院料 (a 特定入院料 may include them) is not known, so the 施設基準
                // add-ons of the 判断料 are not derived — said, not silent (review 283 DZ-3).
                result.notes.append("encounters[\(e)] (判断料 \(code)): its 施設基準 add-ons (D026 注4 検体検査管理加算) are not derived on an 入院 claim without admission (the ward's 入院料 may include them): state the row if it applies")
            }
            // A 判断料 the day's 特定入院料 includes (02包括; A300 注7 ハ leaves 検体検査判断料 outside, A308 does not).
            if let s = stay, let fee = s.specifiedFees[testDate.dayNumber],
               specified.record(inclusion(of: code, on: testDate, in: fee), path: "encounters[\(e)] (判断料 \(code))", code: code, date: testDate, fee: fee) {
                continue
            }
            // A 判断料 a fee of the month includes (B001 15 注2: 尿・糞便等, 血液学的, 生化学的（Ⅰ）（Ⅱ）, 免疫学的検査判断料
            // 別に算定できない, even for a test it does not include; management-fee-inclusion.json).
            if let management, !management.isEmpty {
                var notes: [String] = []
                if let why = management.why(code: String(code), category: category, section: "D026", encounter: e, notes: &notes) {
                    if explain { result.notes.append("encounters[\(e)] (判断料 \(code)): not derived, \(why)") }
                    continue
                }
            }
            let explainOrder = explain && e >= explainOrdersFrom
            guard case .success(let p) = unitPricer.price(items, category: category, masters: dated, explain: explainOrder ? detail : .off) else { continue }
            let column = pointColumn(of: code, dated, inpatient: !outpatient)
            var order = PricedClaim.PricedOrder(encounter: e, order: claim.encounters[e].orders.count + result.orders.filter { $0.encounter == e && $0.derived }.count,
                                                category: category, pointColumn: column, points: p.points, times: 1,
                                                explanation: explainOrder ? [note] + extra + p.explanation : [], issue: nil, derived: true, code: String(code))
            if items.count > 1 { order.added = items.dropFirst().map { String($0.code) } }
            result.orders.append(order)
            let path = "encounters[\(e)] (判断料 \(code))"
            result.byEncounter[e] = try Self.sum(result.byEncounter[e], p.points, path)
            result.totalPoints = try Self.sum(result.totalPoints, p.points, path)
            let categoryKey = String(category), columnKey = column.map { String($0) } ?? "識別\(category)"
            result.byCategory[categoryKey] = try Self.sum(result.byCategory[categoryKey] ?? 0, p.points, path)
            result.byColumn[columnKey] = try Self.sum(result.byColumn[columnKey] ?? 0, p.points, path)
        }
        // 入院: the stay's 入院料 (priced first, above) and what its 特定入院料 included.
        if var admission = stay {
            admission.notes += specified.notes
            if !specified.report.isEmpty { admission.included = specified.report }
            let path = "admission"
            result.totalPoints = try Self.sum(result.totalPoints, admission.points, path)
            for line in admission.lines {
                guard let p = line.points, let amount = Checked.mul(p, line.times) else { continue }
                let categoryKey = String(line.category), columnKey = line.pointColumn.map { String($0) } ?? "識別\(line.category)"
                result.byCategory[categoryKey] = try Self.sum(result.byCategory[categoryKey] ?? 0, amount, path)
                result.byColumn[columnKey] = try Self.sum(result.byColumn[columnKey] ?? 0, amount, path)
            }
            result.issues += admission.issues.map { "admission: " + $0 }
            result.admission = admission
        }
        // A receipt states at most 8 digits of 合計点数 (HO): a claim beyond it is not a receipt, and the
        // copay's yen (1点 = 10円) then stays inside `DomainLimit.yenRange`.
        guard (-DomainLimit.maxReceiptPoints...DomainLimit.maxReceiptPoints).contains(result.totalPoints) else {
            throw ClaimError(message: "total_points \(result.totalPoints) is over the receipt's 合計点数 limit of \(DomainLimit.maxReceiptPoints) (DomainLimit.maxReceiptPoints)", overflow: true)
        }
        if explain { result.notes += feeNotes }
        return result
    }
}

/// Rows the 通知 bills as another in a month with a day of 院外処方箋 (`Masters/params/outside-prescription-rows.json`:
/// 通知 B001-2 (5), B001-2-11 (4) — 「２ 処方箋を交付しない場合」 billed as 「１」).
struct OutsidePrescriptionRows: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var fromCode: String; var toCodeText: String; var section: String; var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case fromCode = "from_code", toCodeText = "to_code", section, from, to, passage }
        var toCode: UInt64 { UInt64(toCodeText) ?? 0 }
        /// 「１ 処方箋を交付する場合」 billed as 「２」: the month has no day of 院外処方箋 and 院内投薬 (通知 B001-2 (5)・(6)).
        var reverse = false
        func applies(on date: ServiceDate) -> Bool { EmbeddedParameters.applies(from: from, to: to, on: date) }
    }
    var rows: [Row]
    /// Rows not billed on a day of 院外処方箋 (B011-3 注3 薬剤情報提供料).
    struct Drop: Decodable, Sendable { var code: String; var from: String; var to: String?; var passage: String }
    var notOnOutsideDays: [Drop]?
    /// Rows not billed in a month with a day of 院外処方箋 (C002 注2 処方箋無交付加算: 通知 C002 (12)).
    var notInOutsideMonths: [Drop]?
    /// Every `from_code` (set once at load), and the `not_on_outside_days` by code.
    var fromCodes: Set<String> = []
    /// Every `to_code` (「１ 処方箋を交付する場合」 rows), set once at load.
    var toCodes: Set<String> = []
    var drops: [UInt64: Drop] = [:]
    /// `not_in_outside_months` by code.
    var monthDrops: [UInt64: Drop] = [:]
    enum CodingKeys: String, CodingKey { case rows, notOnOutsideDays = "not_on_outside_days", notInOutsideMonths = "not_in_outside_months" }

    static let embedded: OutsidePrescriptionRows? = {
        guard var file = EmbeddedParameters.decode(OutsidePrescriptionRows.self, "params/outside-prescription-rows.json") else { return nil }
        file.fromCodes = Set(file.rows.map(\.fromCode))
        file.toCodes = Set(file.rows.map(\.toCodeText))
        for d in file.notOnOutsideDays ?? [] { if let c = UInt64(d.code) { file.drops[c] = d } }
        for d in file.notInOutsideMonths ?? [] { if let c = UInt64(d.code) { file.monthDrops[c] = d } }
        return file
    }()

    /// The rows of a claim whose month has a day of 院外処方箋 (an encounter or a 投薬 order stating dispensing
    /// "outside") and which states one of the rows' codes; empty otherwise (no look-up for other claims).
    /// The other way too: a month with no day of 院外処方箋 and a 剤 given in-house (the 医療機関 does 院内処方, so 通知 (6)
    /// does not apply either) bills 「１ 処方箋を交付する場合」 as 「２ 処方箋を交付しない場合」 (review 175 V5). A month with
    /// no 剤 at all says neither: the row stays as stated.
    func rows(in claim: Claim) -> [UInt64: Row] {
        let codes = fromCodes, targets = toCodes
        var stated = false, statedTarget = false, outside = false, inHouse = false
        for e in claim.encounters {
            // An encounter stating `dispensing: outside` with no 剤 listed is a day of 院外処方箋 when its own rows say a 処方箋
            // was given: its 「１ 処方箋を交付する場合」 row (review 193 AN-1; 194 AO-6: the flag alone beside a 「２」 row is not).
            if e.dispensing == "outside", e.orders.contains(where: { o in o.items.contains { targets.contains($0.code) } }) { outside = true }
            for o in e.orders {
                if (21...23).contains(o.category) {
                    switch o.dispensing ?? e.dispensing { case "outside"?: outside = true; case "in_house"?: inHouse = true; default: break }
                }
                // Only 医学管理 rows (113…) can be one: no hashing for the others.
                if o.category == 13, o.items.contains(where: { $0.code.utf8.starts(with: [0x31, 0x31, 0x33]) }) {
                    for item in o.items { if codes.contains(item.code) { stated = true } else if targets.contains(item.code) { statedTarget = true } }
                }
            }
        }
        var out: [UInt64: Row] = [:]
        if stated && outside {
            for r in rows { if let c = UInt64(r.fromCode) { out[c] = r } }
        } else if statedTarget && !outside && inHouse {
            for r in rows {
                guard let c = UInt64(r.toCodeText) else { continue }
                var back = r
                back.fromCode = r.toCodeText; back.toCodeText = r.fromCode; back.reverse = true
                back.passage = "通知 \(r.section) (5)・(6): 「１ 処方箋を交付する場合」 is billed in a month with a day of 院外処方箋, or where the 保険医療機関 does no 院内処方 (\(r.passage))"
                out[c] = back
            }
        }
        return out
    }

}

extension ClaimPricer {
    /// Why a 退院時 row (05 算定単位 134) on `date` is not billed, or nil when it is: the claim states no 退院日 in its
    /// month (the patient is still in hospital), the date is not the 退院日, or the row is already billed that day.
    static func atDischargeFault(_ code: UInt64, _ discharge: ServiceDate?, _ date: ServiceDate, limit: Int, _ billed: inout [UInt64: Int]) -> String? {
        guard let discharge else { return "the claim states no 退院日 (admission.discharge): the patient is not discharged this month" }
        guard discharge == date else { return "\(date) is not the 退院日 \(discharge) (admission.discharge)" }
        // Orders of the row on the 退院日, up to the 05 row's 回数 (an order's own 回数 is the audit's: SA-N001, 特例条件).
        let before = billed[code, default: 0]
        guard before < limit else {
            return limit == 1 ? "already billed on the 退院日 (「退院の日に１回に限り」)" : "\(before) already billed on the 退院日, \(limit) at most (05算定回数テーブル)"
        }
        billed[code] = before + 1
        return nil
    }

    /// The 数量 a day's limit still allows an item and the note that says so; nil when no limit applies or the item fits.
    /// - 外来迅速検体検査加算 「１日につき５項目を限度」 (`DailyQuantityLimits`, by the law of `law`, counted on the service `day`);
    /// - 手術医療機器等加算 past the 個 the day's 手術 allow (通知 K936 (3) 「４個を限度として」 …; `DeviceCountLimits`).
    static func dayLimitCut(_ code: UInt64, _ quantity: Int, times: Int, law: ServiceDate, day: ServiceDate, device: DeviceCountLimits.DayLimit?, at place: @autoclosure () -> String,
                            _ dailyQuantities: inout [Int: Int], _ deviceCounts: inout [DeviceCountLimits.Used: Int],
                            table: Result<MasterTable, MasterLookupError>? = nil,
                            items: (DailyQuantityLimits.Row.Sections) -> Int) -> (steps: Int, note: String)? {
        let asked = max(1, quantity / UnitItem.quantityScale)
        if let limits = DailyQuantityLimits.embedded, let cut = limits.allowed(code, quantity: quantity, times: times, on: law, day: day, used: &dailyQuantities,
                                                                               table: table, items: items) {
            let of = cut.byItems
                ? "the day's \(cut.limit) (\(cut.limit) 検体検査 項目 done on \(day): \(cut.row.itemsOfSections?.passage ?? ""))"
                : "the day's \(cut.limit)"
            let left = "\(cut.before) of \(of) already billed on \(day) (\(cut.row.passage))"
            return (cut.steps, cut.steps == 0 ? "\(place()) \(cut.row.name): not billed — \(left)" : "\(place()) \(cut.row.name): 数量 \(asked) → \(cut.steps) — \(left)")
        }
        if let device, let cut = DeviceCountLimits.allowed(code, quantity: quantity, times: times, limit: device.limit.limit, on: day, used: &deviceCounts) {
            let why = "\(asked)個 stated; 通知 \(device.limit.id) allows \(device.limit.limit)個 with \(device.surgery.label)"
                + (cut.before > 0 ? ", \(cut.before)個 already billed on \(day)" : "") + " (\(device.limit.passage); Masters/params/device-count-limits.json)"
            return (cut.count, "\(place()) \(device.limit.name): \(why); " + (cut.count == 0 ? "not billed" : "\(cut.count)個 billed"))
        }
        return nil
    }

    /// The 通則 that limits an add-on of outpatient-only-add-ons.json to 入院中の患者以外, by its 部 (the code's 2nd digit).
    static func outpatientOnlyPassage(_ code: UInt64) -> String {
        switch (code / 10_000_000) % 10 {
        case 4: "処置 通則5"
        case 5: "手術 通則12, 麻酔 通則3"
        case 6: code / 100_000 == 1602 ? "第3部 第3節 内視鏡検査 通則5 ロ 時間外加算（入院中の患者以外の患者に対して行われる場合に限る。）"
                                       : "第3部 第1節 第1款 通則1 時間外緊急院内検査加算・通則3 外来迅速検体検査加算; 通知: 現に入院中の患者については算定できない"
        case 7: "第4部 通則3; 通知: 現に入院中の患者については算定できない"
        default: "処置 通則5, 手術 通則12, 麻酔 通則3"
        }
    }

    /// Whether the encounter's 剤 are given by 院外処方箋 (the encounter or one of its 投薬 orders states dispensing "outside").
    static func isOutsideDay(_ e: Claim.Encounter) -> Bool {
        e.orders.contains { (21...23).contains($0.category) && ($0.dispensing ?? e.dispensing) == "outside" }
    }

    /// Whether the claim's month has a day of 院外処方箋: a 剤 given by it (`isOutsideDay`).
    static func isOutsideMonth(_ claim: Claim) -> Bool {
        claim.encounters.contains { isOutsideDay($0) }
    }
}

/// 区分 billed 主たるもののみ when several of their rows are done the same day (`Masters/params/main-only-per-day.json`).
struct MainOnlyPerDay: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        /// The 区分 (L100), or the label of a group of 区分 done together (`sections`: D306 and D308, 近接する部位).
        var section: String; var category: Int; var from: String; var to: String?; var passage: String
        var sections: [String]? = nil
        /// The main row's order at several 回 is billed once (L100 「同一名称の神経ブロックを複数か所」); default true.
        var sameRowOnce: Bool? = nil
        /// Over every encounter of the day, not one encounter's orders (通知 第2部 第1節 1: 訪問診療料等 「いずれか１つを算定した日」).
        var perDay: Bool? = nil
        /// Only these rows of the 区分 (one 項 of it: D215 2 断層撮影法 「同一の方法による場合は、部位数にかかわらず、１回のみ」).
        var codes: [String]? = nil
        /// Several 診療識別 (G020 無菌製剤処理料 in the 31, 32 or 33 order of its 注射); `category` when absent.
        var categories: [Int]? = nil
        /// The fact the rule needs that a claim does not carry (関節穿刺: 同一側の関節): the rows are billed as stated and a note says
        /// which one alone is billed when it holds.
        var advise: String? = nil
        var sectionCodes: [SectionCode] = []
        enum CodingKeys: String, CodingKey { case section, category, categories, from, to, passage, sections, sameRowOnce = "same_row_once", perDay = "per_day", codes, advise }
        func covers(_ category: Int) -> Bool { categories?.contains(category) ?? (category == self.category) }
        /// The passage as a clerk reads it: the 告示/通知 sentence, without the file lines and review notes that follow it
        /// (review 304 EU-7).
        var citation: Substring {
            for marker in [" (../shared", " (review", "; review"] { if let r = passage.range(of: marker) { return passage[..<r.lowerBound] } }
            return passage[...]
        }
        func applies(on date: ServiceDate) -> Bool { EmbeddedParameters.applies(from: from, to: to, on: date) }

        typealias Row = (path: SpecifiedFeeInclusion.ItemPath, code: String, points: Int)
        /// The rows of the rule's 区分 (告示等識別区分（１） 1) in the orders of its 診療識別 of `encounters`, in claim order, with
        /// their points; `basesOnly`: not the 加算項目 (告示等識別区分（２） 7) among them.
        func rows(in encounters: [Int], of claim: Claim, table t: MasterTable, date: ServiceDate, basesOnly: Bool = false) -> [Row] {
            var found: [Row] = []
            for e in encounters {
                for (o, order) in claim.encounters[e].orders.enumerated() where covers(order.category) {
                    for (i, item) in order.items.enumerated() where item.code.first == "1" && codes.map({ $0.contains(item.code) }) != false {
                        guard let c = UInt64(item.code), let ci = t.codeIndex(of: c), let v = t.version(ofCode: ci, on: date),
                              t.field(v, ProcedureColumn.noticeClass1, is: "1"), !(basesOnly && t.field(v, ProcedureColumn.noticeClass2, is: "7")),
                              let sc = SectionCode(t, v), sectionCodes.contains(sc) else { continue }
                        found.append((.init(encounter: e, order: o, item: i), item.code, t.hundredths(v, ProcedureColumn.points) ?? 0))
                    }
                }
            }
            return found
        }

        /// The 主たるもの: the row of most points, the first of equal ones.
        static func main(of rows: [Row]) -> (offset: Int, element: Row)? {
            rows.enumerated().max { ($0.element.points, -$0.offset) < ($1.element.points, -$1.offset) }.map { ($0.offset, $0.element) }
        }
    }
    var rules: [Rule]
    /// By 診療識別 (0…99): whether a rule of one encounter (`perDay` false) or of the day covers it — an encounter with no
    /// such order skips the rules without reading them (the pricer's hot path).
    var encounterCategories: [Bool] = []
    var dayCategories: [Bool] = []
    /// Every rule's 区分 (a claim with fewer than two rows of them has nothing for the rules: the audit's quick exit).
    var allSections: Set<SectionCode> = []
    enum CodingKeys: String, CodingKey { case rules }

    /// Whether an order of `category` may fall under a rule of one encounter (`day`: false) or of the whole day (true).
    func covers(_ category: Int, day: Bool) -> Bool {
        let list = day ? dayCategories : encounterCategories
        return list.indices.contains(category) ? list[category] : true
    }

    static let embedded: MainOnlyPerDay? = {
        guard var file = EmbeddedParameters.decode(MainOnlyPerDay.self, "params/main-only-per-day.json") else { return nil }
        for n in file.rules.indices { file.rules[n].sectionCodes = (file.rules[n].sections ?? [file.rules[n].section]).compactMap(SectionCode.init) }
        file.encounterCategories = (0...99).map { c in file.rules.contains { $0.perDay != true && $0.covers(c) } }
        file.dayCategories = (0...99).map { c in file.rules.contains { $0.perDay == true && $0.covers(c) } }
        file.allSections = Set(file.rules.flatMap(\.sectionCodes))
        return file
    }()
}
