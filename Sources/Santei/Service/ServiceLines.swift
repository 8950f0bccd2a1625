/// The per-record work of every door — `santei price|audit|copay` (one JSON line each), the HTTP service,
/// `santei serve --stdio` and the C library — in one place, so one claim gives the same bytes whichever
/// door it came through.
public enum ServiceLines {
    /// What pricing one claim needs: the pricer, and optionally an auditor run before pricing
    /// (`--audit advise|apply`), the copay parameters for claims that carry `insurance`, and how the
    /// orders are explained (`--explain compact|full`, `explain=`; compact unless asked: issue 15 item 4).
    public struct PriceContext: Sendable {
        public var pricer: ClaimPricer
        public var audit: (auditor: Auditor, mode: AuditMode)?
        public var copayParameters: Result<CopayParameters, MasterLoadError>
        public var explain: Explain

        public init(pricer: ClaimPricer, audit: (auditor: Auditor, mode: AuditMode)? = nil,
                    copayParameters: Result<CopayParameters, MasterLoadError>, explain: Explain = .compact) {
            self.pricer = pricer; self.audit = audit; self.copayParameters = copayParameters; self.explain = explain
        }
    }

    /// The `--explain` / `explain=` value of the pricing doors: `compact` (the default) or `full`; nil for any other text.
    public static func explainSetting(_ text: String?) -> Explain? {
        guard let text else { return .compact }
        return Explain(option: text)
    }

    /// One claim line of `santei price` (without the line break): the priced claim, the audit's notes
    /// when an audit ran, and the copay when the claim carries `insurance`. A claim that cannot be
    /// priced is the failure; the caller writes it (`ClaimJSON.writeError`).
    public static func price(_ bytes: ArraySlice<UInt8>, line number: Int, _ c: PriceContext) -> Result<[UInt8], ClaimError> {
        do throws(ClaimError) {
            var unknown: [String] = []
            let claim = try ClaimJSON.parse(bytes, unknownFields: &unknown)
            return .success(try price(claim, line: number, c, unknownFields: unknown))
        } catch { return .failure(error) }
    }

    /// `price(_:line:_:)` on a claim already read; `unknownFields`: keys the reader skipped (a note says so).
    public static func price(_ parsed: Claim, line number: Int, _ c: PriceContext, unknownFields: [String] = []) throws(ClaimError) -> [UInt8] {
        let (claim, priced0) = try priceAudited(parsed, c.audit, c.pricer, explain: c.explain)
        var priced = priced0
        if let note = ClaimJSON.unknownFieldsNote(unknownFields) { priced.notes.append(note) }
        if claim.insurance != nil {
            do throws(CopayError) {
                guard case .success(let parameters) = c.copayParameters else { throw CopayError(field: "insurance", "no copay parameters (Masters/params/copay)") }
                priced.copay = try ClaimCopay.compute(claim, priced, parameters: parameters)
            } catch { throw ClaimError(message: "copay: \(ClaimCopay.claimError(error))", claimID: parsed.id) }
        }
        var out: [UInt8] = []
        ClaimJSON.write(priced, line: number, into: &out)
        return out
    }

    /// The claim as it is billed and its pricing. With `audit` (by default `apply`: issue 12 item 3,
    /// 背反・包括・算定回数 of the 電子点数表 as `santei audit --mode apply` applies them) the corrected claim
    /// is priced, and every change is a note of the priced claim (`audit SA-H002: removed 113041710 at
    /// encounters[1].orders[0].items[0]: …`); `advise` prices the claim as ordered. In both modes every
    /// error-severity finding that no change resolved is a note too (`audit SA-D006: …`): an error that
    /// `apply` cannot correct (a 特定疾患療養管理料 without a 特定疾患, a missing 傷病名) is never hidden; so is every
    /// warning (`audit SA-N002 (warning): …`: a count over a limit with a 特例条件, a 背反 the clerk must judge — review 174
    /// U3, 175 V7: a clerk using `price` alone saw none of them).
    /// The orders come sorted by (encounter, order).
    /// `explain` and `explainOrdersFrom`: as `ClaimPricer.price` (the window call explains only its last
    /// encounter's orders).
    public static func priceAudited(_ parsed: Claim, _ audit: (auditor: Auditor, mode: AuditMode)?, _ pricer: ClaimPricer,
                                    explain: Explain = .compact, explainOrdersFrom: Int = 0) throws(ClaimError) -> (Claim, PricedClaim) {
        var claim = parsed
        var auditNotes: [String] = []
        var removedCodes = Set<String>()
        if let (auditor, auditMode) = audit {
            let audit = try auditor.audit(claim, mode: auditMode, admission: false)   // the priced stay says it
            if let corrected = audit.corrected { claim = corrected }
            removedCodes = Set(audit.changes.filter { $0.kind == .removed }.map(\.code))
            auditNotes = audit.changes.map { c in
                let what = switch c.kind {
                case .removed: "removed \(c.code)"
                case .timesLowered: "回数 \(c.timesBefore) → \(c.timesAfter) of \(c.code)"
                case .replaced: "\(c.code) replaced by \(c.replacement ?? "?")"
                }
                return "audit \(c.check): \(what) at encounters[\(c.encounter)].orders[\(c.order)].items[\(c.item)]: \(c.reason)"
            }
                + audit.findings.filter { $0.severity != .info && !$0.applied }.map { "audit \($0.check)\($0.severity == .warning ? " (warning)" : ""): \($0.message)" }
        }
        var priced = try pricer.price(claim, explain: explain, explainOrdersFrom: explainOrdersFrom)
        // A row the audit removed is not one to state again: the pricer's "not derived … state it" about it goes (reviews 245 CN-2,
        // 260 DC-3: 「state it if it applies」 beside 「audit …: removed」 of the same code).
        if !removedCodes.isEmpty {
            func asksToState(_ line: String) -> Bool { line.containsBytes("not derived") && removedCodes.contains { line.hasPrefix($0) || line.containsBytes(" \($0) ") || line.containsBytes("\($0) (") } }
            priced.notes.removeAll(where: asksToState)
            for n in priced.orders.indices { priced.orders[n].explanation.removeAll(where: asksToState) }
        }
        priced.notes += auditNotes
        priced.orders.sort { ($0.encounter, $0.order) < ($1.encounter, $1.order) }
        return (claim, priced)
    }

    /// The `--audit` / `audit=` value of the pricing doors: `apply` (the default), `advise`, or `off`
    /// (price exactly what was ordered). Nil for any other text.
    public static func auditSetting(_ text: String?) -> AuditSetting? {
        switch text ?? "apply" {
        case "off": .off
        case let t: AuditMode(rawValue: t).map { .on($0) }
        }
    }

    public enum AuditSetting: Sendable, Equatable {
        case off, on(AuditMode)
        public var mode: AuditMode? { if case .on(let m) = self { m } else { nil } }
    }

    /// One claim of `santei audit` (JSON input): its audit, or why it is not a claim. With `pricer`, the claim as the audit
    /// leaves it (corrected in apply mode) is priced too, for the one fault the audit cannot see without pricing: points
    /// that do not fit the receipt (`ClaimError.overflow`: an order over 9,999,999 per 回, a claim over 99,999,999 — docs/
    /// claim-format.md "at every door"), the same error line `santei price` gives (review 361 HA-2: audit passed a claim
    /// whose 薬剤 came to 213,000,000 points). Other pricing faults are the audit's findings (SA-C001 …), not repeated.
    public static func audit(_ bytes: ArraySlice<UInt8>, auditor: Auditor, history: AuditHistory = AuditHistory(), mode: AuditMode,
                             pricer: ClaimPricer? = nil) -> Result<AuditResult, ClaimError> {
        do throws(ClaimError) { return audit(try ClaimJSON.parse(bytes), auditor: auditor, history: history, mode: mode, pricer: pricer) }
        catch { return .failure(error) }
    }

    /// `audit(_:auditor:history:mode:pricer:)` on a claim already read (a UKE receipt's too: review 366 HF-1).
    public static func audit(_ claim: Claim, auditor: Auditor, history: AuditHistory = AuditHistory(), mode: AuditMode,
                             pricer: ClaimPricer? = nil) -> Result<AuditResult, ClaimError> {
        do throws(ClaimError) {
            let result = try auditor.audit(claim, history: history.claims(of: claim), mode: mode)
            if let pricer {
                do throws(ClaimError) { _ = try pricer.price(result.corrected ?? claim, explain: .off) }
                catch { if error.overflow { return .failure(error) } }
            }
            return .success(result)
        } catch { return .failure(error) }
    }

    /// One case line of `santei copay` (without the line break). `error` is set when the line could not
    /// be settled; `bytes` is then the error line (`{"error", "id"?, "line"}`).
    public static func copay(_ bytes: ArraySlice<UInt8>, line number: Int, engine: MonthlySettlement) -> (bytes: [UInt8], error: CopayError?) {
        do throws(CopayError) {
            let c = try CopayCase.parse(bytes)
            do throws(CopayError) {
                if !c.visits.isEmpty {
                    return (CopayCaseResult(id: c.id, line: number, days: try engine.settleDays(c)).json(), nil)
                }
                return (CopayCaseResult(id: c.id, line: number, settlement: try engine.settle(c.situation, bills: c.bills)).json(), nil)
            } catch {
                return (CopayCaseResult.errorJSON(error.description, line: number, id: c.id), error)
            }
        } catch {
            return (CopayCaseResult.errorJSON(error.description, line: number, id: CopayCase.idOf(bytes)), error)
        }
    }
}
