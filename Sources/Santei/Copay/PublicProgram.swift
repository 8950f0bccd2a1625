/// A 公費 certificate with its rule in force on the service date (national table by 法別番号, or the
/// 地方単独 rule given with the certificate). domain-facts.md A.5.
struct ProgramRuleResolved: Sendable {
    enum Kind: Sendable {
        case national(ProgramRule.Share)
        case local(LocalProgramRule)
    }
    let kind: Kind
    let certificate: ProgramCertificate
    let highCostBasis: ProgramRule.HighCostBasis
    let coversMeals: Bool
    /// Pays half of the 食事療養標準負担額 (52 小児慢性特定疾病).
    var halvesMeals = false
    /// The 食事 区分 a 受給者 of the program has (`ProgramRule.mealClasses`); nil: any.
    var mealClasses: [MealClass]? = nil
    var lawName = ""
    /// The rule of a 地方単独公費 (else nil).
    var localRule: LocalProgramRule? { if case .local(let r) = kind { r } else { nil } }
    /// A 地単 with no explicit 公費 class: its part is an insurance-only part for 高額療養費 and 合算 (issue 13).
    var isLocalOwnClass: Bool { localRule != nil && highCostBasis == .own }
    /// The 上限月額 `apply` holds the patient's share of the month to (`monthlyCap`), nil without one: the
    /// certificate's, else the program's default (national `cap`), else a 地単's own.
    var monthlyCapYen: Int? {
        switch kind {
        case .national(.rate): certificate.monthlyCapYen
        case .national(.cap(let def)): certificate.monthlyCapYen ?? def
        case .local(let rule): rule.monthlyCapYen ?? certificate.monthlyCapYen
        }
    }

    init(_ c: ProgramCertificate, parameters: CopayParameters, on date: ServiceDate, inpatient: Bool = false, birthDate: ServiceDate? = nil,
         field: String) throws(CopayError) {
        certificate = c
        var named: LocalProgramRule?
        if let ref = c.localProgram {
            let (rule, program, _) = try parameters.localPrograms.rule(prefecture: ref.prefecture, program: ref.program, on: date, inpatient: inpatient,
                                                                       birthDate: birthDate, field: field + ".local_program")
            guard program.law == c.law else {
                throw CopayError(field: field + ".law_number", "\(ref.prefecture)/\(ref.program) \(program.name) is 法別 \(program.law), not \(c.law)")
            }
            named = rule
        }
        if let local = named ?? c.local {
            kind = .local(local)
            guard let b = ProgramRule.HighCostBasis(rawValue: local.highCostBasis ?? "own") else {
                throw CopayError(field: field + ".local_rule.high_cost_basis", "\"\(local.highCostBasis ?? "")\" is not own, other or welfare")
            }
            highCostBasis = b
            try local.checkHighCostOrder(field: field + ".local_rule")
            coversMeals = local.coversMeals ?? false
            return
        }
        guard let def = parameters.programs[c.law] else {
            if let known = parameters.unencodedPrograms[c.law] {
                throw CopayError(field: field + ".law_number", "法別番号 \(c.law) \(known.name) is not settled by Santei: \(known.reason) (Masters/params/copay/public-programs.json not_encoded)")
            }
            throw CopayError(field: field + ".law_number", "no rule for 法別番号 \(c.law) in Masters/params/copay/public-programs.json; give a local_rule or local_program for a 地方単独公費 (santei copay, docs/copay-format.md; a claim's insurance.public_programs does not carry them)")
        }
        let rule: ProgramRule
        do { rule = try def.rules.value(on: date).value } catch { throw CopayError(field: field + ".law_number", error.message) }
        if rule.capRequired, c.monthlyCapYen == nil {
            throw CopayError(field: field + ".monthly_cap_yen", "公費 \(c.law) \(def.name) needs the certificate's 自己負担上限月額")
        }
        kind = .national(rule.share)
        highCostBasis = rule.highCostBasis
        coversMeals = rule.coversMeals
        halvesMeals = rule.halvesMeals
        mealClasses = rule.mealClasses
        lawName = def.name
    }

    /// What each bill asks of the payer after this one, given what each asked of this one (`asks`, date order), the
    /// bills' 医療費 and this program's share of them all (`total`): each bill's own share under this program — its
    /// rate (1割・2割・5%) of its 医療費, at most what it asked — taken in date order while `total` lasts (a monthly
    /// cap reached on a visit leaves the later ones nothing). A per-visit 地単 after a national 1割 then asks each visit
    /// its own 1割 (review 138: 21 + 300円 per visit collected 300 on the first visit and 0 after: the first visit's
    /// 3割 had taken the month's whole 1割).
    func sharesOfBills(_ asks: [(yen: Int, visits: Int, day: Int)], medical: [Int], total: Int) -> [(yen: Int, visits: Int, day: Int)] {
        var room = total
        var out = asks
        for i in out.indices {
            var own = asks[i].yen
            if case .national(.rate(let pct)) = kind, i < medical.count { own = min(own, Yen.percent(pct, of: medical[i])) }
            let take = max(0, min(own, room))
            out[i].yen = take
            room -= take
        }
        return out
    }

    /// The patient's share after this program, given what the payer before it left (`charged`).
    /// Rules (each never more than `charged`):
    /// - rate (54 難病・52 小児慢性 2割, 15/16/21 自立支援医療 1割, 10 結核 5%): `percent` of the part's 医療費,
    ///   1円未満四捨五入, then at most the certificate's monthly cap less what was borne under it this month;
    /// - cap (12 生活保護, 28 感染症 … full cover = cap 0; 38 肝炎 the certificate's cap): the monthly cap less
    ///   what was borne under it this month;
    /// - local: rate, per-visit amount × counted visits, monthly cap, whichever apply.
    /// Returns the share, how it was found and whether a cap bound it.
    /// `bills` are the part's bills in date order, each with what it asks of this payer (its own 負担割合
    /// share, or its 医療費 without insurance) and its visits: a per-visit amount is taken visit by visit on
    /// what is left, used up in date order; the first `maxPaidVisits` visits are counted.
    /// A bill with a `day` (day-level form) is one visit on that day: the bills of one day, in any part, share
    /// one per-visit amount and count as one visit (`VisitLedger`).
    func apply(charged: Int, medicalYen: Int, visits: Int, bills: [(yen: Int, visits: Int, day: Int)] = [], capUsed: inout Int,
               visitLedger: inout VisitLedger, field: String) throws(CopayError) -> (Int, String, Bool) {
        var share = charged
        var text: [String] = []
        var bound = false
        func monthlyCap(_ cap: Int?) {
            guard let cap else { return }
            let room = max(0, cap - capUsed)
            text.append((cap == 0 ? "full cover (no patient share under this program)" : "monthly cap \(Yen.text(cap))")
                        + (capUsed > 0 ? " − \(Yen.text(capUsed)) borne = \(Yen.text(room))" : ""))
            // At the cap exactly is reached too (review 112: 2,505円 bringing a 5,000円 cap to 5,000 was collected as 2,510円).
            if room <= share && share > 0 { share = room; bound = true }
        }
        switch kind {
        case .national(.rate(let pct)):
            let r = Yen.percent(pct, of: medicalYen)
            // The program's rate, or what the payers before it leave to the patient when that is less (a 1割 patient stays at
            // 1割; a マル長 limit or another 公費 has left less: review 425 JN-3 — that amount is not "the insurance's own share").
            text.append(charged < r ? "\(pct)% of \(Yen.text(medicalYen)) = \(Yen.text(r)), above what the payers before it leave to the patient, \(Yen.text(charged)): \(Yen.text(charged))"
                                    : "\(pct)% of \(Yen.text(medicalYen)) = \(Yen.text(r))")
            share = min(share, r)
            monthlyCap(certificate.monthlyCapYen)
        case .national(.cap(let defaultCap)):
            monthlyCap(certificate.monthlyCapYen ?? defaultCap)
        case .local(let rule):
            if let pct = rule.ratePercent {
                let r = Yen.percent(pct, of: medicalYen)
                text.append("地方単独 \(pct)% = \(Yen.text(r))")
                share = min(share, r)
            }
            if let per = rule.perVisitYen {
                // Each bill (visit) asks its own share; what is left is used up in date order, so a visit after
                // a limit was reached (マル長, 高額療養費) leaves nothing for the 地単 to charge.
                let list = bills.isEmpty ? [(yen: share, visits: visits, day: 0)] : bills
                let maxVisits = rule.maxPaidVisits ?? .max
                var room = share, total = 0, countedAll = 0
                for b in list {
                    let left = min(b.yen, room)
                    room -= left
                    if b.day == 0 {
                        let counted = max(0, min(b.visits, maxVisits - visitLedger.counted))
                        visitLedger.counted += b.visits
                        countedAll += counted
                        total += min(left, per * counted)
                        continue
                    }
                    if visitLedger.byDay[b.day] == nil {
                        // First bill of this visit: counted while the month's paid visits last.
                        let counted = visitLedger.counted < maxVisits
                        visitLedger.byDay[b.day] = counted ? 0 : -1
                        visitLedger.counted += 1
                        if counted { countedAll += 1 }
                    }
                    let sofar = visitLedger.byDay[b.day]!
                    guard sofar >= 0 else { continue }
                    let take = min(left, per - sofar)
                    visitLedger.byDay[b.day] = sofar + take
                    total += take
                }
                text.append("地方単独 \(Yen.text(per)) × \(countedAll) visits counted" + (list.count > 1 ? ", visit by visit" : ""))
                share = min(share, total)
            }
            monthlyCap(rule.monthlyCapYen ?? certificate.monthlyCapYen)
            if text.isEmpty { text.append("地方単独 free"); share = 0 }
            // A catalogue program (`local_program`) names itself and its source.
            if let name = rule.programName { text.append("\(name)" + (rule.source.map { " (\($0))" } ?? "")) }
        }
        capUsed += share
        return (share, text.joined(separator: "; "), bound)
    }
}

extension ProgramRuleResolved {
    /// The share `apply` left (`left`, 1円) exact in 1/100 円, from the share asked of the program exact (`asked`):
    /// a rate program leaves the smaller of the two exact amounts (its rate × the part's 医療費, or what was asked);
    /// when that amount, 1円未満四捨五入, is not what `apply` left, a cap or a per-visit amount set the share, and
    /// the share is that whole-yen amount.
    func exactShare(asked: Int, left: Int, medicalYen: Int) -> Int {
        var exact = asked
        switch kind {
        case .national(.rate(let pct)): exact = min(exact, Yen.hundredths(pct, of: medicalYen))
        case .local(let rule): if let pct = rule.ratePercent { exact = min(exact, Yen.hundredths(pct, of: medicalYen)) }
        case .national(.cap): break
        }
        return Yen.roundHalfUp(exact, over: 100) == left ? exact : left * 100
    }
}

/// What a per-visit 地単 amount has used this month: visits counted (toward `maxPaidVisits`) and, for dated
/// bills, what was charged on each visit day (−1: a visit past the paid ones).
struct VisitLedger: Sendable {
    var counted = 0
    var byDay: [Int: Int] = [:]
}
