import Foundation

/// Pre-audit (事前点検) of claims with the tables the 審査支払機関 use: the masters' own fields, the
/// 医科電子点数表 (02包括, 03-1〜03-4背反, 04入院基本料, 05算定回数) and the コメント関連テーブル. Every
/// check is listed in `AuditCheck.catalogue` with its ID, severity and source.
///
/// Findings are values pointing at the claim, encounter, order and item. In `apply` mode the
/// mechanical outcomes (包括 items dropped, the item a 背反区分 does not keep dropped, 回数 over a limit
/// lowered) are made on a copy of the claim; items are only ever removed or their 回数 lowered.
///
/// One `Auditor` serves every thread: the per-date rule bundles (`AuditRules`) are made once and shared,
/// and their indexes are built once per master chain.
public final class Auditor: @unchecked Sendable {
    public let masters: MasterSet
    /// Dated law data and settings (`Masters/params/audit`).
    public let parameters: AuditParameters
    /// Prices units with stated points (SA-P001); nil: that check is skipped.
    let pricer: UnitPricer?
    /// Prices the stay of an 入院 claim for `checkAdmissionAdditions` (made once, not per claim).
    private let stayPricer: ClaimPricer
    /// The 撮影 counted for 第4部 第3節 通則2 (SA-E001): the pricing's own rules.
    let orderAddOnRules: OrderAddOnRules? = OrderAddOnRules.embedded
    private var rulesByDate: [UInt32: AuditRules] = [:]
    private var datedByDate: [UInt32: DatedMasters] = [:]
    private let lock = NSLock()
    /// SA-V003's rules split once by kind (months / days), not filtered per claim.
    let periodRulesOfMonths: [AuditParameters.PeriodRule]
    let periodRulesOfDays: [AuditParameters.PeriodRule]

    /// `parameters`: the dated audit data (default: `Masters/params/audit` as located by `MasterLocator`);
    /// `pricer`: the unit pricer for SA-P001 (default: one with the located `bundled-tests.json`).
    public init(masters: MasterSet, parameters: AuditParameters = .standard, pricer: UnitPricer? = Auditor.defaultPricer) {
        self.masters = masters
        self.parameters = parameters
        self.pricer = pricer
        periodRulesOfMonths = parameters.periodRules.filter { $0.days == nil }
        periodRulesOfDays = parameters.periodRules.filter { $0.days != nil }
        stayPricer = ClaimPricer(masters: masters, unitPricer: pricer ?? UnitPricer(bundled: BundledTestRules()))
    }

    /// A unit pricer with the 検体検査まるめ rules of the default `Masters/` folder, nil when none is found.
    public static let defaultPricer: UnitPricer? = {
        guard let dir = MasterLocator.defaultDirectory(), let rules = try? BundledTestRules.load(path: dir + "/params/bundled-tests.json") else { return nil }
        return UnitPricer(bundled: rules)
    }()

    func rules(_ date: ServiceDate) -> AuditRules {
        lock.lock(); defer { lock.unlock() }
        if let r = rulesByDate[date.yyyymmdd] { return r }
        let r = AuditRules(masters, on: date, parameters: parameters)
        rulesByDate[date.yyyymmdd] = r
        return r
    }

    func dated(_ date: ServiceDate) -> DatedMasters {
        lock.lock(); defer { lock.unlock() }
        if let m = datedByDate[date.yyyymmdd] { return m }
        let m = DatedMasters(masters, on: date)
        datedByDate[date.yyyymmdd] = m
        return m
    }

    /// Audits a claim. `history`: earlier claims of the same patient (counts across months, 初診 within
    /// a month, 判断料 of the month); claims with the same `id` are ignored. Input that is not a claim
    /// (dates, codes that are not 9 digits) is an error, as in pricing.
    /// `admission`: also report what the stay's pricing finds about the stated 加算 of `admission.additions` (the 04
    /// group and 加算識別, age, 施設基準, 05 算定単位 — SA-B001/B002, SA-C005/C006, SA-N001); the pricing doors pass
    /// false, their priced claim saying it already.
    public func audit(_ claim: Claim, history: [Claim] = [], mode: AuditMode = .advise, admission: Bool = true) throws(ClaimError) -> AuditResult {
        var run: AuditRun
        do throws(ClaimError) { run = try AuditRun(auditor: self, claim: claim, mode: mode) } catch {
            var e = error
            if e.claimID == nil { e.claimID = claim.id }
            throw e
        }
        // The claim itself in its history (the input file given as --history too) is left out; another claim with
        // the same id is not (review 102: every RECEIPTC.UKE numbers its receipts from 1, so a history receipt
        // "RE 1" of another file is another claim).
        for h in history where h != claim { run.addHistory(h) }
        run.checkItems()
        run.checkOutOfHoursAddOns()
        run.checkArrivalExclusions()
        run.checkDrugExclusions()
        run.checkRepeatedBundledTests()
        run.checkInclusion()
        let included = run.checkManagementFeeInclusion()
        run.checkOutpatientFeeInclusion()
        // A fee its 傷病名 does not allow (SA-D006) is out before the 背反 check (review 107: B000 and a 皮膚科特定疾患指導管理料
        // without a 皮膚科 傷病名 — the 背反 removed the B000, D006 the other, and apply left neither).
        run.checkDiseaseRequirements()
        run.checkDiseaseKinds()
        run.checkPeriodRules(days: true)
        // The stated 入院基本料等加算 take part in the 背反 check only (`addStatedAdditions`).
        let claimAndHistory = run.occurrences.count
        // 乳幼児加算 beside a 時間外・休日・深夜加算 becomes the one 乳幼児 rate before the 背反 check removes one of the two (SA-A009).
        run.checkInfantTimeAddOns()
        run.addStatedAdditions()
        // Rows a fee of their day or month includes are not billed: no 背反 partner (set aside for the check, then back).
        let setAsideIncluded = included.filter { run.occurrences[$0].alive }
        for k in setAsideIncluded { run.occurrences[k].alive = false }
        run.checkConflicts()
        run.restore(setAsideIncluded)
        run.occurrences.removeSubrange(claimAndHistory...)
        run.checkAdmissionAddOns()
        run.checkOutpatientManagement()
        // The 判断料's own rule (D026 月１回, SA-J001) before the 05 table's count that also limits it (review 114: the
        // clerk saw SA-N001 and not the 判断料 rule).
        run.checkJudgementFees()
        let setAside = run.setAsideMainOnlyLosers()
        // Before the 05 counts: a row past its period from the 入院の日 is said as that, not as one too many (review 365 HE-5).
        run.checkAdmissionPeriods()
        run.checkCountLimits()
        run.restore(setAside)
        run.checkMaximumCounts()
        run.checkFirstVisit()
        run.checkSecondDepartmentRevisit()
        run.checkSurgeriesOfOneDay()
        run.checkConditionalPairs()
        run.checkDayQuantityLimits()
        run.checkRehabilitationDailyUnits()
        run.checkMealAddOns()
        run.checkMealsPerDay()
        run.checkRepeatTests()
        run.checkRepeatTomography()
        run.checkImageSeries()
        run.checkVisitsInMonth()
        run.checkComments()
        run.checkDiseases()
        // Advice that removes nothing first, so an item another check removes is still reported.
        run.checkSuspectedDiseases()
        run.checkPrescriptionDays()
        run.checkMixedDispensing()
        run.checkPrescriptionPeriodAddOns()
        run.checkPrescriptionVariants()
        run.checkStatedPoints()
        run.checkStatedTotal()
        run.checkStatedDays()
        if var e = run.receiptLimitError { e.claimID = claim.id; throw e }
        run.checkAddOnBases()
        run.checkExclusiveAddOns()
        run.checkPercentOnlyOrders()
        run.checkMonthBases()
        run.checkPeriodRules()
        run.checkDaysBeforeAdmission()
        run.checkCommentDatePeriods()
        if admission, claim.admission != nil { try run.checkAdmissionAdditions(stayPricer) }
        return run.result()
    }
}

/// One item of the claim (or of a history claim) as the checks see it.
struct Occurrence {
    /// Encounter, order and item in the claim; encounter -1 for history items.
    var encounter: Int
    var order: Int
    var item: Int
    var date: ServiceDate
    var day: Int
    var code: UInt64
    var kind: UnitItem.Kind
    var times: Int
    let originalTimes: Int
    /// Index into `AuditRun.rules`.
    var rules: Int
    /// The master version valid on the date (s, y or t by kind), -1 when none.
    var version: Int = -1
    var alive = true
    /// The code the claim states, where a check billed another in its place (SA-A009): `code` is then the new one.
    var statedCode: UInt64? = nil
    var isHistory: Bool { encounter < 0 }
    /// `encounter` of a stated 入院基本料等加算 (`AuditRun.addStatedAdditions`), an item billed outside the orders like history.
    static let statedAddition = -2
    var yearMonth: Int { date.year * 12 + date.month - 1 }
}

/// The state of one claim's audit.
struct AuditRun {
    let auditor: Auditor
    let claim: Claim
    let mode: AuditMode
    let age: PatientAge
    let inpatient: Bool
    var occurrences: [Occurrence] = []
    /// Occurrences of the claim itself are `0..<currentCount`; history ones follow.
    var currentCount = 0
    var rules: [AuditRules] = []
    /// (date, index into `rules`): a claim has a few dates, so a short list, not a dictionary.
    private var rulesByDate: [(date: UInt32, index: Int)] = []
    var findings: [AuditFinding] = []
    var changes: [AuditChange] = []
    /// Some order states its 点数 (SA-P001).
    var hasStatedPoints = false
    /// A unit priced by SA-P001 that no receipt can hold (7-digit 点数, 8-digit 合計点数): the claim is refused.
    var receiptLimitError: ClaimError?
    /// Occurrences removed by a check of the code itself (SA-C…: not valid on the date, not for this receipt, this patient or this
    /// facility): unlike a row a 背反 or a count removes, such a row was never billable and makes no 判断料 or 診断 billable (review 344
    /// GI-1: a CT removed for its 施設基準 kept its E203).
    var removedAsUnbillable = Set<Int>()
    /// Rows a 医学管理料 of their day or month includes (SA-I003, `checkManagementFeeInclusion`): not billed, and no test done for a
    /// 判断料 either (B001 3 注5, 通知 B001 3 (6): the month's 腫瘍マーカー are not counted for the 生化学的検査（Ⅱ）判断料; review 373
    /// HM-1: a stated 判断料 of the included markers alone was kept).
    var includedInManagementFee = Set<Int>()
    /// Rows an 外来診療料 of their day includes (SA-I002): SA-P001 prices their unit without them (review 376 HP-3: 尿沈渣 stated 0
    /// was said to be 27 beside the SA-I002 warning that it is not billed).
    var includedInOutpatientFee = Set<Int>()

    init(auditor: Auditor, claim: Claim, mode: AuditMode) throws(ClaimError) {
        self.auditor = auditor
        self.claim = claim
        self.mode = mode
        guard let birth = ServiceDate(claim.patient.birthDate) else {
            throw ClaimError(message: "patient.birth_date \"\(claim.patient.birthDate)\" is not a date (YYYY-MM-DD)")
        }
        age = PatientAge(birth: birth)
        // A claim with `admission` is an 入院 receipt (docs/claim-format.md "入院"), as the pricer reads it.
        inpatient = claim.isInpatient
        // The door's bounds (ClaimCheck) hold for every claim audited, whatever built it: they keep the
        // per-claim checks fast (docs/limits.md).
        guard claim.encounters.count <= DomainLimit.maxEncountersPerClaim else {
            throw ClaimError(message: "encounters: \(claim.encounters.count) encounters, more than \(DomainLimit.maxEncountersPerClaim) in one claim (DomainLimit.maxEncountersPerClaim)", claimID: claim.id)
        }
        var count = 0
        for e in claim.encounters { for o in e.orders { count += o.items.count } }
        guard count <= DomainLimit.maxItemsPerClaim else {
            throw ClaimError(message: "encounters: \(count) items, more than \(DomainLimit.maxItemsPerClaim) in one claim (DomainLimit.maxItemsPerClaim)", claimID: claim.id)
        }
        occurrences.reserveCapacity(count)
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date) else {
                throw ClaimError(message: "encounters[\(e)].date \"\(encounter.date)\" is not a date (YYYY-MM-DD)")
            }
            let r = rulesIndex(date)
            for (o, order) in encounter.orders.enumerated() {
                if order.statedPoints != nil { hasStatedPoints = true }
                let times = order.times ?? 1
                guard times >= 1 else { throw ClaimError(message: "encounters[\(e)].orders[\(o)].times must be at least 1") }
                // G004 点滴注射 and its day add-ons in an order of N 回: billed once (１日につき; the pricer bills the drugs each 回).
                let onceADay = (31...33).contains(order.category) && times > 1 ? DripInfusionRows.embedded?.onceADay(on: date) ?? [] : []
                for (i, item) in order.items.enumerated() {
                    guard let code = Self.code9(item.code) else {
                        throw ClaimError(message: "encounters[\(e)].orders[\(o)].items[\(i)].code \"\(item.code)\" is not a 9-digit code")
                    }
                    let once = onceADay.contains(code)
                    occurrences.append(Occurrence(encounter: e, order: o, item: i, date: date, day: date.dayNumber, code: code,
                                                  kind: Self.kind(code), times: once ? 1 : times, originalTimes: once ? 1 : times, rules: r))
                }
            }
        }
        currentCount = occurrences.count
    }

    static func code9(_ s: String) -> UInt64? {
        var v: UInt64 = 0, n = 0
        for b in s.utf8 {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + UInt64(b - 48); n += 1
        }
        return n == 9 ? v : nil
    }

    static func kind(_ code: UInt64) -> UnitItem.Kind {
        switch code / 100_000_000 { case 6: .drug; case 7: .device; default: .procedure }
    }

    mutating func rulesIndex(_ date: ServiceDate) -> Int {
        for r in rulesByDate where r.date == date.yyyymmdd { return r.index }
        rules.append(auditor.rules(date))
        rulesByDate.append((date.yyyymmdd, rules.count - 1))
        return rules.count - 1
    }

    /// Adds the 診療行為 of an earlier claim of the patient (valid codes only; never reported on).
    mutating func addHistory(_ h: Claim) {
        for encounter in h.encounters {
            guard let date = ServiceDate(encounter.date) else { continue }
            let r = rulesIndex(date)
            guard let t = rules[r].procedures else { continue }
            for order in encounter.orders {
                for item in order.items {
                    guard let code = Self.code9(item.code), Self.kind(code) == .procedure,
                          let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { continue }
                    let times = max(1, order.times ?? 1)
                    var occ = Occurrence(encounter: -1, order: -1, item: -1, date: date, day: date.dayNumber, code: code, kind: .procedure,
                                         times: times, originalTimes: times, rules: r)
                    occ.version = v
                    occurrences.append(occ)
                }
            }
        }
    }

    // MARK: findings and changes

    mutating func report(_ check: AuditCheckID, _ k: Int, codes: [UInt64] = [], _ message: String, action: String? = nil) {
        let o = occurrences[k]
        findings.append(AuditFinding(check: check, claim: claim.id, encounter: o.encounter, order: o.order, item: o.item,
                                     codes: ([o.code] + codes).map { String($0) }, message: message, action: action))
    }

    /// Removes an item (all its 回数) for a check whose table decides it: a finding, and in `apply` a change.
    mutating func remove(_ k: Int, _ check: AuditCheckID, codes: [UInt64] = [], _ message: String) {
        precondition(!occurrences[k].isHistory)
        report(check, k, codes: codes, message, action: "remove \(occurrences[k].code)")
        findings[findings.count - 1].applied = mode == .apply
        occurrences[k].alive = false
        if check.rawValue.hasPrefix("SA-C") { removedAsUnbillable.insert(k) }
        if mode == .apply {
            let o = occurrences[k]
            changes.append(AuditChange(check: check, kind: .removed, encounter: o.encounter, order: o.order, item: o.item, code: String(o.code),
                                       timesBefore: o.times, timesAfter: 0, reason: message))
        }
    }

    /// The 医科診療行為 version of `code` on item `k`'s date (nil: not billable there).
    func version(of code: UInt64, k: Int) -> Int? {
        let o = occurrences[k]
        guard let t = rules[o.rules].procedures, let i = t.codeIndex(of: code) else { return nil }
        return t.version(ofCode: i, on: o.date)
    }

    /// Bills `code` in place of an item (the stated code kept as `statedCode`): later checks see the new row. The caller has made
    /// sure the row is valid on the day (`version(of:k:)`).
    mutating func replace(_ k: Int, by code: UInt64, _ check: AuditCheckID, _ reason: String) {
        let o = occurrences[k]
        guard let v = version(of: code, k: k) else { return }
        occurrences[k].statedCode = o.statedCode ?? o.code
        occurrences[k].code = code
        occurrences[k].version = v
        if mode == .apply {
            changes.append(AuditChange(check: check, kind: .replaced, encounter: o.encounter, order: o.order, item: o.item, code: String(o.code),
                                       timesBefore: o.times, timesAfter: o.times, reason: reason, replacement: String(code)))
        }
    }

    /// Lowers an item's 回数 (to 0: removes it).
    mutating func lower(_ k: Int, to times: Int, _ check: AuditCheckID, _ message: String) {
        if times <= 0 { remove(k, check, message); return }
        report(check, k, message, action: "lower 回数 of \(occurrences[k].code) to \(times)")
        findings[findings.count - 1].applied = mode == .apply
        let before = occurrences[k].times
        occurrences[k].times = times
        if mode == .apply {
            let o = occurrences[k]
            changes.append(AuditChange(check: check, kind: .timesLowered, encounter: o.encounter, order: o.order, item: o.item, code: String(o.code),
                                       timesBefore: before, timesAfter: times, reason: message))
        }
    }

    /// The 省略名称 of a valid 診療行為, for messages.
    func name(_ k: Int) -> String {
        let o = occurrences[k]
        guard o.version >= 0 else { return String(o.code) }
        let r = rules[o.rules]
        switch o.kind {
        case .procedure: return r.procedures.map { "\(o.code) \($0.string(o.version, ProcedureColumn.abbreviatedName))" } ?? String(o.code)
        case .drug: return r.drugs.map { "\(o.code) \($0.string(o.version, DrugColumn.name))" } ?? String(o.code)
        case .device: return r.devices.map { "\(o.code) \($0.string(o.version, DeviceColumn.name))" } ?? String(o.code)
        }
    }

    /// 新又は現点数 in hundredths (0 when unknown): which item of an either-way 背反 to keep.
    func points(_ k: Int) -> Int {
        let o = occurrences[k]
        guard o.kind == .procedure, o.version >= 0, let t = rules[o.rules].procedures else { return 0 }
        return t.hundredths(o.version, ProcedureColumn.points) ?? 0
    }

    /// A live 診療行為 with a valid version.
    @inline(__always) func isLiveProcedure(_ k: Int) -> Bool {
        let o = occurrences[k]
        return o.alive && o.kind == .procedure && o.version >= 0
    }

    // MARK: result

    func result() -> AuditResult {
        func key(_ f: AuditFinding) -> [Int] {
            [f.severity.rank, f.encounter ?? -1, f.order ?? -1, f.item ?? -1, f.disease ?? -1, f.comment ?? -1]
        }
        let sorted = findings.enumerated().sorted { a, b in
            let x = key(a.element), y = key(b.element)
            if x != y { return x.lexicographicallyPrecedes(y) }
            if a.element.check != b.element.check { return a.element.check < b.element.check }
            return a.offset < b.offset
        }.map(\.element)
        return AuditResult(claim: claim.id, mode: mode, findings: sorted, corrected: mode == .apply && !changes.isEmpty ? corrected() : nil,
                           changes: changes)
    }

    /// The claim with removed items taken out and lowered 回数 set. An order whose only 診療行為 is lowered
    /// takes the new 回数 as a whole (its drugs and devices go with it); a lowered item among several
    /// 診療行為 moves to an order of its own, appended to the encounter.
    func corrected() -> Claim {
        var out = claim
        var k = 0
        for (e, encounter) in claim.encounters.enumerated() {
            var orders: [Claim.Order] = []
            var appended: [Claim.Order] = []
            for order in encounter.orders {
                let range = k..<(k + order.items.count)
                k = range.upperBound
                var kept: [Claim.Item] = []
                var lowered: [(Claim.Item, Int)] = []
                let liveProcedures = range.filter { occurrences[$0].alive && occurrences[$0].kind == .procedure }
                func item(_ j: Int) -> Claim.Item {
                    var item = order.items[occurrences[j].item]
                    if occurrences[j].statedCode != nil { item.code = String(occurrences[j].code) }
                    return item
                }
                for j in range where occurrences[j].alive {
                    let o = occurrences[j]
                    let item = item(j)
                    if o.times < o.originalTimes { lowered.append((item, o.times)) } else { kept.append(item) }
                }
                var copy = order
                // An order the audit changed (a row removed, lowered or replaced) no longer has the 点数 it stated: the corrected
                // claim leaves them to be priced (review 385 HY-3: a re-audit of the corrected claim raised SA-P001 again).
                if range.contains(where: { !occurrences[$0].alive || occurrences[$0].times != occurrences[$0].originalTimes || occurrences[$0].statedCode != nil }) {
                    copy.statedPoints = nil
                }
                if let (_, times) = lowered.first, liveProcedures.count == lowered.count, Set(lowered.map(\.1)).count == 1 {
                    // Every remaining 診療行為 is lowered alike: the order takes the new 回数.
                    copy.items = range.filter { occurrences[$0].alive }.map { item($0) }
                    copy.times = times
                    orders.append(copy)
                    continue
                }
                for (item, times) in lowered {
                    appended.append(Claim.Order(category: order.category, items: [item], times: times, comments: nil))
                }
                if kept.isEmpty { continue }
                copy.items = kept
                orders.append(copy)
            }
            out.encounters[e].orders = orders + appended
        }
        return out
    }
}
