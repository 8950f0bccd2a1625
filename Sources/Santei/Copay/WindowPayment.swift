/// What was charged this month before the visit: the month-to-date 医療費 by payer combination and
/// what each payer was charged (the patient: the sum of window payments).
public struct MonthLedger: Sendable, Equatable {
    /// The month's earlier bills (10割 yen, with payers).
    public var bills: [CopayBill]
    /// Σ window payments of 一部負担金 so far (mostly 10円 units).
    public var patientChargedYen: Int
    /// Σ 食事 標準負担額 charged so far.
    public var mealChargedYen: Int
    /// Month-to-date amounts of each payer as the settlement states them (1円).
    public var insurancePaidYen: Int
    public var programsPaidYen: [Int]
    /// The month-to-date patient share (1円, 食事 excluded) as settled at the last visit; nil for a ledger built
    /// by hand (the month before the visit is then settled again). With it Σ `unroundedYen` over the visits
    /// equals the last settlement even when a situation changes mid-month (a 上限 change).
    public var patientShareYen: Int?
    /// The same exact in 1/100 円 (`Settlement.medicalPatientHundredths`), set with `patientShareYen`.
    public var patientShareHundredths: Int?
    /// Per receipt part (`Settlement.PartKey`): the window payments of 一部負担金 that went to it, and its
    /// exact share (1/100 円) as settled at the last visit. A part a limit caps is collected to the yen against
    /// what went to it alone (review 112: a 21 cap reached after an insurance-only visit collected that visit's
    /// 3.5円 rounding as well).
    public var partChargedYen: [Settlement.PartKey: Int] = [:]
    public var partShareHundredths: [Settlement.PartKey: Int] = [:]

    public init(bills: [CopayBill] = [], patientChargedYen: Int = 0, mealChargedYen: Int = 0, insurancePaidYen: Int = 0, programsPaidYen: [Int] = []) {
        self.bills = bills; self.patientChargedYen = patientChargedYen; self.mealChargedYen = mealChargedYen
        self.insurancePaidYen = insurancePaidYen; self.programsPaidYen = programsPaidYen
    }
}

/// The window payment of one visit.
public struct WindowCharge: Sendable {
    /// To collect now: `copayYen` + `mealYen`.
    public var patientYen: Int { copayYen + mealYen }
    /// 一部負担金 for the visit, rounded as `rounding` says.
    public var copayYen: Int
    /// The visit's share before rounding (month-to-date share after the visit − before it).
    public var unroundedYen: Int
    public var mealYen: Int
    public var rounding: String
    /// What the insurance and each 公費 pay for the visit (month-to-date after − before, 1円).
    public var insurancePaysYen: Int
    public var programsPayYen: [(law: LawNumber, yen: Int)]
    /// The month to date, this visit included.
    public var settlement: Settlement
    /// The ledger to pass to the next visit.
    public var ledger: MonthLedger
}

extension MonthlySettlement {
    /// The window payment of one encounter (健康保険法第75条, 国民健康保険法第42条の2: 一部負担金 10円未満四捨五入;
    /// domain-facts.md A.1). The month is settled to date before and after the visit; the visit's share is
    /// the difference, so a 高額療養費 limit or 公費 cap crossed mid-month is met exactly:
    /// - no new limit binds → the difference, 10円未満四捨五入;
    /// - a limit binds with this visit (it starts to, or it already did and the visit moves it: the 1% term of
    ///   80,100円＋(医療費−267,000円)×1%) → what makes the month's window payments equal the month's share, to the
    ///   yen (the limit is collected in 1円 units: domain-facts.md A.1 [S/U], consistent with the MHLW 計算事例
    ///   amounts such as 253,638円; 健康保険法施行令 §42 sets the 1% term to the 円).
    /// 食事 標準負担額 are whole yen and charged as they are.
    ///
    /// `settledBefore`: the settlement of `ledger.bills` under the same situation when the caller holds it (the
    /// previous visit's `settlement`, as `ClaimCopay` walks the month), so the month to date is not settled twice.
    public func windowPayment(_ s: CopaySituation, ledger: MonthLedger, visit: [CopayBill], settledBefore: Settlement? = nil) throws(CopayError) -> WindowCharge {
        let zero = Settlement(medicalPatientYen: 0, mealPatientYen: 0, insurance: nil, programs: [], meals: nil, boundLimits: [], explanation: [])
        let before: Settlement
        if ledger.bills.isEmpty { before = zero } else if let settledBefore { before = settledBefore } else { before = try settle(s, bills: ledger.bills) }
        let after = try settle(s, bills: ledger.bills + visit)
        let unrounded = after.medicalPatientYen - (ledger.patientShareYen ?? before.medicalPatientYen)
        // The visit's share exact (1/100 円): 健康保険法第75条 rounds the 一部負担金 itself, not its 1円 rounding.
        let exact = after.medicalPatientHundredths - (ledger.patientShareHundredths ?? before.medicalPatientHundredths)
        let copay: Int
        let rounding: String
        // The parts a limit caps, to the yen against what went to each; the others by their share's change.
        var boundShare = 0, boundCharged = 0, unboundExact = 0, anyUnbound = false
        for p in after.partShares {
            if p.bound { boundShare += p.yen; boundCharged += ledger.partChargedYen[p.key] ?? 0 }
            else { anyUnbound = true; unboundExact += p.hundredths - (ledger.partShareHundredths[p.key] ?? 0) }
        }
        // A part is capped when a limit caps what the patient pays on it (`Settlement.PartShare.bound`): a 高額療養費
        // limit that only moves money between the insurer and a 公費 of a rate caps no part.
        let anyBound = after.partShares.contains { $0.bound }
        // The visit's own part, when no limit caps it yet: its 10円 rounding collects no more than the room left
        // under the part's 上限額 (`PartShare.ceilingYen`; 障害者総合支援法施行令第35条 負担上限月額, 健康保険法施行令
        // 第42条: the patient bears at most the limit in the month, so round-ups of earlier visits count against it).
        let visitKey = visit.first.map { Settlement.PartKey(insurance: $0.insurance, programs: $0.programs) }
        let room: Int? = after.partShares.first { $0.key == visitKey && !$0.bound }?.ceilingYen
            .map { max(0, $0 - (ledger.partChargedYen[visitKey!] ?? 0)) }
        func capped(_ yen: Int) -> (Int, String) {
            guard let room, yen > room else { return (yen, "") }
            return (room, "; held to \(Yen.text(room)) left under the part's 上限額")
        }
        // The month's share fell with this visit (a 公費 part whose 一部負担金 reached 21,000円 joined the 合算 of
        // 健康保険法施行令第41条第1項 and lowered the limit left to the other parts): what was collected past the new
        // share is paid back at the window (review 166 L1: 8,900円 kept past the month's 81,330円).
        let fell = unrounded < 0
        var settledAll = false
        if anyBound && !anyUnbound {
            // Otherwise never negative: the earlier visits' 10円 rounding may have collected a few yen past the month's
            // share; nothing is paid back for that.
            let owed = after.medicalPatientYen - ledger.patientChargedYen
            copay = fell ? owed : max(0, owed)
            settledAll = copay == owed
            let how = after.boundLimits.isSubset(of: before.boundLimits) ? "limit binding" : "limit reached"
            rounding = "\(how): month's share \(Yen.text(after.medicalPatientYen)) − \(Yen.text(ledger.patientChargedYen)) already paid"
                + (copay < 0 ? ": \(Yen.text(-copay)) paid back at the window (the month's share fell)"
                   : copay == 0 && owed < 0 ? ": nothing to collect" : ", to the yen")
        } else if anyBound {
            // Some parts capped, some not (an insurance-only visit beside a capped 公費 part): the capped parts to the
            // yen, the rest 10円未満四捨五入 of its own change — also when the capped parts owe nothing more (review 123
            // D05: a part that reached its cap exactly was rounded again on the 5円 its share moved to meet it).
            let (rest, held) = capped(Yen.roundToTenYen(hundredths: unboundExact))
            copay = fell ? boundShare - boundCharged + rest : max(0, boundShare - boundCharged + rest)
            let how = after.boundLimits.isSubset(of: before.boundLimits) ? "limit binding" : "limit reached"
            rounding = "\(how): the capped parts' share \(Yen.text(boundShare)) − \(Yen.text(boundCharged)) already paid, to the yen"
                + (unboundExact != 0 ? "; the other parts 10円未満四捨五入 of \(Yen.text(hundredths: unboundExact))" + held : "")
                + (copay < 0 ? ": \(Yen.text(-copay)) paid back at the window (the month's share fell)"
                   : copay == 0 && boundShare - boundCharged + rest < 0 ? ": nothing to collect" : "")
        } else {
            let held: String
            (copay, held) = capped(Yen.roundToTenYen(hundredths: exact))   // 10円未満四捨五入
            rounding = "10円未満四捨五入 of \(Yen.text(hundredths: exact))" + held
        }
        let meal = after.mealPatientYen - ledger.mealChargedYen
        let insurancePaid = after.insurance?.paidYen ?? 0
        let programsPaid = after.programs.map(\.amounts.paidYen)
        let earlierPrograms = ledger.programsPaidYen + Array(repeating: 0, count: max(0, programsPaid.count - ledger.programsPaidYen.count))
        var next = ledger
        next.bills += visit
        next.patientChargedYen += copay
        next.mealChargedYen += meal
        next.insurancePaidYen = insurancePaid
        next.programsPaidYen = programsPaid
        next.patientShareYen = after.medicalPatientYen
        next.patientShareHundredths = after.medicalPatientHundredths
        // What this visit collected, by part: a capped part its own share; the rest to the visit's own part.
        var toBound = 0
        for p in after.partShares {
            next.partShareHundredths[p.key] = p.hundredths
            if p.bound && anyUnbound {
                toBound += p.yen - (ledger.partChargedYen[p.key] ?? 0)
                next.partChargedYen[p.key] = p.yen
            }
        }
        if settledAll {
            // Every part capped and the month's share collected to the yen: each part has paid its share.
            for p in after.partShares { next.partChargedYen[p.key] = p.yen }
        } else if let first = visit.first {
            next.partChargedYen[Settlement.PartKey(insurance: first.insurance, programs: first.programs), default: 0] += copay - toBound
        }
        return WindowCharge(copayYen: copay, unroundedYen: unrounded, mealYen: meal, rounding: rounding,
                            insurancePaysYen: insurancePaid - ledger.insurancePaidYen,
                            programsPayYen: after.programs.enumerated().map { ($0.element.law, programsPaid[$0.offset] - earlierPrograms[$0.offset]) },
                            settlement: after, ledger: next)
    }
}
