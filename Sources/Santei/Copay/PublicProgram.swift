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

    init(_ c: ProgramCertificate, parameters: CopayParameters, on date: ServiceDate, field: String) throws(CopayError) {
        certificate = c
        if let local = c.local {
            kind = .local(local)
            guard let b = ProgramRule.HighCostBasis(rawValue: local.highCostBasis ?? "own") else {
                throw CopayError(field: field + ".local_rule.high_cost_basis", "\"\(local.highCostBasis ?? "")\" is not own, other or welfare")
            }
            highCostBasis = b
            coversMeals = false
            return
        }
        guard let def = parameters.programs[c.law] else {
            throw CopayError(field: field + ".law_number", "no rule for 法別番号 \(c.law) in Masters/params/copay/public-programs.json; give a local_rule for a 地方単独公費")
        }
        let rule: ProgramRule
        do { rule = try def.rules.value(on: date).value } catch { throw CopayError(field: field + ".law_number", error.message) }
        if case .cap(nil, true) = rule.share, c.monthlyCapYen == nil {
            throw CopayError(field: field + ".monthly_cap_yen", "公費 \(c.law) \(def.name) needs the certificate's 自己負担上限月額")
        }
        kind = .national(rule.share)
        highCostBasis = rule.highCostBasis
        coversMeals = rule.coversMeals
    }

    /// The patient's share after this program, given what the payer before it left (`charged`).
    /// Rules (each never more than `charged`):
    /// - rate (54 難病・52 小児慢性 2割, 15/16/21 自立支援医療 1割, 10 結核 5%): `percent` of the part's 医療費,
    ///   1円未満四捨五入, then at most the certificate's monthly cap less what was borne under it this month;
    /// - cap (12 生活保護, 28 感染症 … full cover = cap 0; 38 肝炎 the certificate's cap): the monthly cap less
    ///   what was borne under it this month;
    /// - local: rate, per-visit amount × counted visits, monthly cap, whichever apply.
    /// Returns the share, how it was found and whether a cap bound it.
    func apply(charged: Int, medicalYen: Int, visits: Int, capUsed: inout Int, visitsUsed: inout Int,
               field: String) throws(CopayError) -> (Int, String, Bool) {
        var share = charged
        var text: [String] = []
        var bound = false
        func monthlyCap(_ cap: Int?) {
            guard let cap else { return }
            let room = max(0, cap - capUsed)
            text.append("monthly cap \(Yen.text(cap))" + (capUsed > 0 ? " − \(Yen.text(capUsed)) borne = \(Yen.text(room))" : ""))
            if room < share { share = room; bound = true }
        }
        switch kind {
        case .national(.rate(let pct)):
            let r = Yen.percent(pct, of: medicalYen)
            text.append("\(pct)% of \(Yen.text(medicalYen)) = \(Yen.text(r))")
            share = min(share, r)
            monthlyCap(certificate.monthlyCapYen)
        case .national(.cap(let defaultCap, _)):
            monthlyCap(certificate.monthlyCapYen ?? defaultCap)
        case .local(let rule):
            if let pct = rule.ratePercent {
                let r = Yen.percent(pct, of: medicalYen)
                text.append("地方単独 \(pct)% = \(Yen.text(r))")
                share = min(share, r)
            }
            if let per = rule.perVisitYen {
                let counted = max(0, min(visits, (rule.maxPaidVisits ?? .max) - visitsUsed))
                visitsUsed += visits
                text.append("地方単独 \(Yen.text(per)) × \(counted) visits")
                share = min(share, per * counted)
            }
            monthlyCap(rule.monthlyCapYen ?? certificate.monthlyCapYen)
            if text.isEmpty { text.append("地方単独 free"); share = 0 }
        }
        capUsed += share
        return (share, text.joined(separator: "; "), bound)
    }
}
