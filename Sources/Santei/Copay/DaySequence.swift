/// The window, day by day (issue 13): the month's visits in date order, each with what the patient pays at
/// the window, what each payer pays for it and the month-to-date ledger; the month's receipt figures at the
/// end. Each visit is settled by `MonthlySettlement.windowPayment` (the month to date before and after the
/// visit), so a 高額療養費 limit, a 公費 cap or a 地単 per-visit amount reached on the 10th is met on the 10th.
///
/// Mid-month changes:
/// - `patient_changes`: the insurance changes on a date → a new receipt from that date, with its own
///   situation, 高額療養費 limit and ledger (健康保険法: 高額療養費 is per insurer per month); what the patient
///   bore under each 公費 before the change counts toward its monthly cap after it (難病 上限管理票, one cap
///   over every 医療機関 and insurer);
/// - a certificate's `valid_from` / `valid_until`: on days outside them the program covers nothing;
/// - `cap_changes`: the 上限額 in force on a visit's date caps what is borne from the change on top of what was
///   borne before it (what the 公費 paid above an earlier 上限 is not charged again; nothing is paid back).
///
/// Totals: Σ `share_yen` over the visits of a receipt equals its monthly settlement's patient share to the
/// yen; the window amounts (`window_yen`) are the shares 10円未満四捨五入 (健康保険法第75条) except on the
/// visits where a limit binds (from the one where it starts to), which collect the month's share to the yen,
/// so whenever a limit binds by the end of the month Σ `window_yen` equals the settlement too. Before a limit
/// binds, the rounding collects no more than is left under the part's limits (`Settlement.PartShare.ceilingYen`).
public struct DaySequence: Sendable {
    public struct Visit: Sendable {
        public var date: ServiceDate
        /// 1-based receipt (insurance period) the visit belongs to.
        public var receipt: Int
        public var charge: WindowCharge
        /// Σ window payments of the month so far (every receipt), this visit included.
        public var monthPaidYen: Int
    }
    public struct Receipt: Sendable {
        public var from: ServiceDate
        public var settlement: Settlement
        public var windowTotalYen: Int
    }
    public var visits: [Visit]
    public var receipts: [Receipt]
    /// Σ over the receipts of the month's patient share (1円, 食事 included).
    public var patientYen: Int { receipts.reduce(0) { $0 + $1.settlement.patientYen } }
    /// Σ window payments collected (食事 included).
    public var windowTotalYen: Int { receipts.reduce(0) { $0 + $1.windowTotalYen } }
}

extension MonthlySettlement {
    /// Settles a day-level case (`CopayCase.visits` non-empty) visit by visit.
    public func settleDays(_ c: CopayCase) throws(CopayError) -> DaySequence {
        guard !c.visits.isEmpty else { throw CopayError(field: "visits", "no visits") }
        let periods = [(from: c.situation.date, situation: c.situation)] + c.changes
        var receipts: [DaySequence.Receipt] = []
        var out: [DaySequence.Visit] = []
        var ledger = MonthLedger()
        var current = -1
        var situation = c.situation
        var carried = c.situation.programs.map(\.alreadyPaidYen)
        var monthPaid = 0
        var last: Settlement?
        // Per program and cap change: what the patient had borne under it when the change took effect on this
        // receipt, and the program's share of the month then without any cap.
        struct ChangeMark { var receipt: Int; var borne: Int; var share: Int }
        var changeMarks: [Int: [Int: ChangeMark]] = [:]
        /// The patient's share under program `p` of `bills` with no monthly cap (its rate alone).
        func uncappedShare(_ p: Int, _ s: CopaySituation, _ bills: [CopayBill]) throws(CopayError) -> Int {
            guard !bills.isEmpty else { return 0 }
            var open = s
            open.programs[p].monthlyCapYen = Int.max / 4   // no cap: past any month of bills (DomainLimit.yenRange × maxBillsPerCase)
            open.programs[p].alreadyPaidYen = 0
            return try settle(open, bills: bills).programs[p].amounts.remainingYen
        }
        /// What the window took on the receipt parts program `p` covers (the 管理票's record).
        func paid(under p: Int, _ ledger: MonthLedger) -> Int {
            ledger.partChargedYen.reduce(0) { $0 + ($1.key.programs.contains(p) ? $1.value : 0) }
        }
        for v in c.visits {
            let period = periods.lastIndex(where: { $0.from <= v.date }) ?? 0
            if period != current {
                if let last, current >= 0 {
                    receipts[receipts.count - 1].settlement = last
                    // What the patient bore under each 公費 counts toward its monthly cap in the next receipt: what the
                    // window collected on the parts it covers (自己負担上限額管理票 records the payments; review 123 H02:
                    // the receipt's 1円 share 3,556 was carried where 3,560 had been paid, and 5,004 was collected under a
                    // 5,000円 cap).
                    for (p, amounts) in last.programs.enumerated() {
                        carried[p] += ledger.partChargedYen.isEmpty ? amounts.amounts.remainingYen : paid(under: p, ledger)
                    }
                }
                current = period
                situation = periods[period].situation
                ledger = MonthLedger()
                last = nil
                receipts.append(.init(from: periods[period].from, settlement: Settlement(
                    medicalPatientYen: 0, mealPatientYen: 0, insurance: nil, programs: [], meals: nil, boundLimits: [], explanation: []), windowTotalYen: 0))
            }
            var s = situation
            s.date = v.date
            var bills: [CopayBill] = []
            for (k, b) in v.bills.enumerated() {
                var b = b
                b.programs = b.programs.filter { p in p >= c.programDates.count || c.programDates[p].valid(on: v.date) }
                guard b.insurance || !b.programs.isEmpty else {
                    throw CopayError(field: v.field + (v.bills.count > 1 ? ".bills[\(k)]" : "") + ".covered_by",
                                     "no payer on \(v.date): the 公費 certificate is not valid that day")
                }
                bills.append(b)
            }
            for p in s.programs.indices {
                s.programs[p].alreadyPaidYen = carried[p]
                if p < c.programDates.count, let n = c.programDates[p].capChanges.lastIndex(where: { $0.from <= v.date }) {
                    // A 上限 changed on a date caps what the patient bears from that date on top of what was borne
                    // before it (自己負担上限額管理票: the sheet carries the amounts paid, visit by visit): what the 公費
                    // paid above the old cap before the change is not charged again under a raised one (review 123 F02: a
                    // 2,500 → 5,000 change charged the 11-10 visit's 388.8円 again on 11-18), and what was borne is not
                    // paid back under a lowered one. The month's cap on this receipt is then what was borne at the
                    // change plus the program's share of the visits since, at most the new 上限.
                    let mark: ChangeMark
                    if let m = changeMarks[p, default: [:]][n], m.receipt == receipts.count { mark = m } else {
                        // Both over the month: what was carried from earlier receipts counts in each (review 138 B07: after an
                        // insurance change the receipt's own share was set against the month's borne, and the 1,000円 the 公費
                        // paid above the old 上限 on the new receipt was charged again).
                        // What was borne is what the window took on the parts the 公費 covers, as the 管理票 records it (review 169
                        // P1: a 1円 share of 2,444 against 2,400 paid let a visit take 44円 under a 上限 lowered to 2,420).
                        let borneHere = ledger.partChargedYen.isEmpty ? (last.map { $0.programs[p].amounts.remainingYen } ?? 0) : paid(under: p, ledger)
                        mark = ChangeMark(receipt: receipts.count, borne: carried[p] + borneHere,
                                          share: carried[p] + (try uncappedShare(p, s, ledger.bills)))
                        changeMarks[p, default: [:]][n] = mark
                    }
                    let newCap = c.programDates[p].capChanges[n].monthlyCapYen
                    if mark.share <= mark.borne {
                        // Nothing was paid above the old cap: the new one caps the month as it is.
                        s.programs[p].monthlyCapYen = newCap.map { max($0, mark.borne) }
                    } else {
                        let since = max(0, carried[p] + (try uncappedShare(p, s, ledger.bills + bills)) - mark.share)
                        s.programs[p].monthlyCapYen = max(mark.borne, min(newCap ?? Int.max / 4, mark.borne + since))
                    }
                }
            }
            let charge = try windowPayment(s, ledger: ledger, visit: bills)
            ledger = charge.ledger
            monthPaid += charge.patientYen
            receipts[receipts.count - 1].windowTotalYen += charge.patientYen
            out.append(.init(date: v.date, receipt: receipts.count, charge: charge, monthPaidYen: monthPaid))
            last = charge.settlement
        }
        if let last { receipts[receipts.count - 1].settlement = last }
        return DaySequence(visits: out, receipts: receipts)
    }
}
