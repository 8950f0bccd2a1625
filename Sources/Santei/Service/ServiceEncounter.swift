/// `POST /v1/encounter` — the 会計 window call. The body is a claim (docs/claim-format.md) whose **last**
/// encounter is the one at the window and whose earlier encounters are the month so far. The answer:
///
///     {"id", "encounter": index, "date", "points",
///      "orders": [the encounter's priced orders and derived add-ons, as in `santei price`],
///      "issues": [...], "notes": [...],
///      "window": {"yen_total", "window_yen", "rounding", "rate_percent", "age_band"} | null (no `insurance`),
///      "month": {"encounters", "total_points", "by_encounter", "complete",
///                "window_before_yen", "window_total_yen", "patient_yen"}}
///
/// The encounter is priced with its month-to-date context exactly as `ClaimPricer.priceEncounter` does
/// (the month's once-only items such as D026 判断料 fall on their first day); since the last encounter
/// must be the latest (an earlier one dated after it is refused), that context is the whole claim, so
/// one pricing serves both the encounter and the month. The window payment is `ClaimCopay`'s visit for
/// it (健康保険法第75条: 10円未満四捨五入, or to the yen when a 高額療養費 limit starts to bind).
enum ServiceEncounter {
    static func answer(_ body: ArraySlice<UInt8>, _ set: LoadedSet, audit: (auditor: Auditor, mode: AuditMode)?, explain: Explain = .compact) -> ServiceResponse {
        let ordered: Claim
        var unknown: [String] = []
        do throws(ClaimError) { ordered = try ClaimJSON.parse(body, unknownFields: &unknown) } catch { return SanteiEngine.claimFailure(error, set) }
        var claim = ordered
        guard let lastEncounter = claim.encounters.last else {
            return .error(.badField, "encounters: the window call needs at least one encounter (the last one is at the window)", field: "encounters")
        }
        let last = claim.encounters.count - 1
        guard let date = ServiceDate(lastEncounter.date) else {
            return .error(.badField, "encounters[\(last)].date \"\(lastEncounter.date)\" is not a date (YYYY-MM-DD)", field: "encounters[\(last)].date")
        }
        for (k, e) in claim.encounters.enumerated() {
            guard let d = ServiceDate(e.date) else {
                return .error(.badField, "encounters[\(k)].date \"\(e.date)\" is not a date (YYYY-MM-DD)", field: "encounters[\(k)].date")
            }
            if d > date {
                return .error(.badField, "encounters[\(k)].date \(d) is after the window encounter's date \(date): the last encounter is the one at the window, the earlier ones the month so far", field: "encounters[\(k)].date")
            }
            do throws(MasterLookupError) { _ = try set.masters.chainIndex(.procedure, on: d) } catch {
                return .error(.dateNotCovered, "encounters[\(k)].date: \(error)", field: "encounters[\(k)].date")
            }
        }
        // The window amount is the one after 背反・包括・算定回数 (audit=apply by default; issue 12 item 3).
        var priced: PricedClaim
        do throws(ClaimError) { (claim, priced) = try ServiceLines.priceAudited(ordered, audit, set.pricer, explain: explain, explainOrdersFrom: last) } catch { return SanteiEngine.claimFailure(error, set) }
        if let note = ClaimJSON.unknownFieldsNote(unknown) { priced.notes.append(note) }
        var copay: ClaimCopay?
        if claim.insurance != nil {
            guard case .success(let parameters) = set.copayParameters else { return .error(.internalError, "no copay parameters (Masters/params/copay)") }
            do throws(CopayError) { copay = try ClaimCopay.compute(claim, priced, parameters: parameters, explain: false) } catch {   // the answer shows no explanation
                let e = ClaimCopay.claimError(error)   // named as in the claim (insurance.…), as `santei price` names it
                return .error(.badField, "copay: \(e)", field: e.field.isEmpty ? nil : e.field)
            }
        }
        let prefix = "encounters[\(last)]"
        let orders = priced.orders.filter { $0.encounter == last }
        let issues = priced.issues.filter { $0.hasPrefix(prefix) }
        return ServiceResponse(status: 200, body: write(claim: claim, last: last, date: date, priced: priced, orders: orders, issues: issues, copay: copay))
    }

    static func write(claim: Claim, last: Int, date: ServiceDate, priced: PricedClaim, orders: [PricedClaim.PricedOrder], issues: [String], copay: ClaimCopay?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        func key(_ k: StaticString) { ClaimJSON.key(k, &out) }
        func int(_ v: Int) { ClaimJSON.put(v, &out) }
        func str(_ s: String) { ClaimJSON.put(s, &out) }
        let comma: UInt8 = 44
        out.append(UInt8(ascii: "{"))
        key("date"); str("\(date)"); out.append(comma)
        key("encounter"); int(last); out.append(comma)
        key("id"); str(claim.id); out.append(comma)
        key("issues"); ClaimJSON.putStrings(issues, &out); out.append(comma)
        key("month"); out.append(UInt8(ascii: "{"))
        key("by_encounter"); out.append(UInt8(ascii: "["))
        for (n, v) in priced.byEncounter.enumerated() { if n > 0 { out.append(comma) }; int(v) }
        out.append(UInt8(ascii: "]")); out.append(comma)
        key("complete"); out.append(contentsOf: (priced.complete ? "true" : "false").utf8); out.append(comma)
        key("encounters"); int(claim.encounters.count); out.append(comma)
        let visit = copay?.visits.first { $0.encounter == last }
        key("patient_yen"); if let c = copay { int(c.patientYen) } else { out.append(contentsOf: "null".utf8) }; out.append(comma)
        key("total_points"); int(priced.totalPoints); out.append(comma)
        key("window_before_yen"); if let c = copay, let v = visit { int(c.windowTotalYen - v.windowYen) } else { out.append(contentsOf: "null".utf8) }; out.append(comma)
        key("window_total_yen"); if let c = copay { int(c.windowTotalYen) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "}")); out.append(comma)
        key("notes"); ClaimJSON.putStrings(priced.notes, &out); out.append(comma)
        key("orders"); out.append(UInt8(ascii: "["))
        for (n, o) in orders.enumerated() {
            if n > 0 { out.append(comma) }
            out.append(UInt8(ascii: "{"))
            if let added = o.added { key("added_items"); ClaimJSON.putStrings(added, &out); out.append(comma) }
            key("category"); int(o.category); out.append(comma)
            if let code = o.code { key("code"); str(code); out.append(comma) }
            key("derived"); out.append(contentsOf: (o.derived ? "true" : "false").utf8); out.append(comma)
            key("encounter"); int(o.encounter); out.append(comma)
            key("explanation"); ClaimJSON.putStrings(o.explanation, &out); out.append(comma)
            if let included = o.included { key("included_items"); ClaimJSON.putInts(included, &out); out.append(comma) }
            if let issue = o.issue { key("issue"); str(issue); out.append(comma) }
            key("order"); int(o.order); out.append(comma)
            if let c = o.pointColumn { key("point_column"); int(c); out.append(comma) }
            if let pts = o.points { key("points"); int(pts); out.append(comma) }
            key("times"); int(o.times)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]")); out.append(comma)
        key("points"); int(priced.byEncounter.indices.contains(last) ? priced.byEncounter[last] : 0); out.append(comma)
        key("window")
        if let c = copay, let v = visit {
            out.append(UInt8(ascii: "{"))
            key("age_band"); str(c.ageBand); out.append(comma)
            key("rate_percent"); int(c.ratePercent); out.append(comma)
            key("rounding"); str(v.rounding); out.append(comma)
            key("window_yen"); int(v.windowYen); out.append(comma)
            key("yen_total"); int(v.yenTotal)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
