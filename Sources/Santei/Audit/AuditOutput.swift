import Foundation

/// `santei audit` output: one JSON line per claim, and a readable report over the run.
public enum AuditOutput {
    /// `{"line": N, "id": …, "mode": …, "counts": {…}, "findings": […], "changes": […], "corrected": {…}}`
    /// with keys sorted; `corrected` only when `apply` changed the claim.
    public static func write(_ r: AuditResult, line: Int, into out: inout [UInt8]) {
        let put = ClaimJSON.put(_:_:) as (String, inout [UInt8]) -> Void
        func key(_ k: StaticString) { ClaimJSON.key(k, &out) }
        out.append(UInt8(ascii: "{"))
        if !r.changes.isEmpty {
            key("changes"); out.append(UInt8(ascii: "["))
            for (n, c) in r.changes.enumerated() {
                if n > 0 { out.append(44) }
                out.append(UInt8(ascii: "{"))
                key("check"); put(c.check.rawValue, &out); out.append(44)
                key("code"); put(c.code, &out); out.append(44)
                key("encounter"); ClaimJSON.put(c.encounter, &out); out.append(44)
                key("item"); ClaimJSON.put(c.item, &out); out.append(44)
                key("kind"); put(c.kind.rawValue, &out); out.append(44)
                key("order"); ClaimJSON.put(c.order, &out); out.append(44)
                key("reason"); put(c.reason, &out); out.append(44)
                if let r = c.replacement { key("replacement"); put(r, &out); out.append(44) }
                key("times_after"); ClaimJSON.put(c.timesAfter, &out); out.append(44)
                key("times_before"); ClaimJSON.put(c.timesBefore, &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]")); out.append(44)
        }
        if let corrected = r.corrected {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            key("corrected"); out += (try? encoder.encode(corrected)).map(Array.init) ?? Array("null".utf8); out.append(44)
        }
        key("counts"); out.append(UInt8(ascii: "{"))
        for (n, s) in AuditSeverity.allCases.enumerated() {
            if n > 0 { out.append(44) }
            put(s.rawValue, &out); out.append(58); ClaimJSON.put(r.count(s), &out)
        }
        out.append(UInt8(ascii: "}")); out.append(44)
        key("findings"); out.append(UInt8(ascii: "["))
        for (n, f) in r.findings.enumerated() {
            if n > 0 { out.append(44) }
            out.append(UInt8(ascii: "{"))
            if let a = f.action { key("action"); put(a, &out); out.append(44) }
            if let a = f.addition { key("addition"); ClaimJSON.put(a, &out); out.append(44) }
            key("applied"); out += Array((f.applied ? "true" : "false").utf8); out.append(44)
            key("check"); put(f.check.rawValue, &out); out.append(44)
            key("codes"); ClaimJSON.putStrings(f.codes, &out); out.append(44)
            if let c = f.comment { key("comment"); ClaimJSON.put(c, &out); out.append(44) }
            if let d = f.disease { key("disease"); ClaimJSON.put(d, &out); out.append(44) }
            if let e = f.encounter { key("encounter"); ClaimJSON.put(e, &out); out.append(44) }
            if let i = f.item { key("item"); ClaimJSON.put(i, &out); out.append(44) }
            key("message"); put(f.message, &out); out.append(44)
            if let o = f.order { key("order"); ClaimJSON.put(o, &out); out.append(44) }
            key("severity"); put(f.severity.rawValue, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]")); out.append(44)
        key("id"); put(r.claim, &out); out.append(44)
        key("line"); ClaimJSON.put(line, &out); out.append(44)
        key("mode"); put(r.mode.rawValue, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Totals of a run, gathered claim by claim in input order.
    public struct Summary: Sendable {
        public var claims = 0
        public var errors: [(line: Int, message: String)] = []
        public var bySeverity: [AuditSeverity: Int] = [:]
        public var byCheck: [AuditCheckID: Int] = [:]
        public var claimsWithFindings: [AuditSeverity: Int] = [:]
        public var changes = 0
        public var changedClaims = 0
        /// Up to `examplesPerCheck` findings of each check, with their input line.
        public var examples: [AuditCheckID: [(line: Int, finding: AuditFinding)]] = [:]
        public var examplesPerCheck = 20

        public init() {}

        public mutating func add(_ r: AuditResult, line: Int) {
            claims += 1
            var seen = Set<AuditSeverity>()
            for f in r.findings {
                bySeverity[f.severity, default: 0] += 1
                byCheck[f.check, default: 0] += 1
                seen.insert(f.severity)
                if examples[f.check, default: []].count < examplesPerCheck { examples[f.check, default: []].append((line, f)) }
            }
            for s in seen { claimsWithFindings[s, default: 0] += 1 }
            changes += r.changes.count
            if !r.changes.isEmpty { changedClaims += 1 }
        }

        /// A readable report grouped by severity, then by check (catalogue order), with examples.
        public func report(title: String, mode: AuditMode) -> String {
            var s = "# \(title)\n\n"
            s += "\(claims) claims audited (mode \(mode.rawValue)); \(errors.count) input lines were not claims.\n"
            for sev in AuditSeverity.allCases {
                s += "- \(sev.rawValue): \(bySeverity[sev] ?? 0) findings in \(claimsWithFindings[sev] ?? 0) claims\n"
            }
            if mode == .apply { s += "- apply: \(changes) changes in \(changedClaims) claims\n" }
            for sev in AuditSeverity.allCases {
                let checks = AuditCheck.catalogue.filter { $0.severity == sev && (byCheck[$0.id] ?? 0) > 0 }
                guard !checks.isEmpty else { continue }
                s += "\n## \(sev.rawValue)\n"
                for c in checks {
                    s += "\n### \(c.id) \(c.title) — \(byCheck[c.id]!)\n\nSource: \(c.source). \(c.reference).\n\n"
                    for (line, f) in examples[c.id] ?? [] {
                        var at = "line \(line) \(f.claim)"
                        if let e = f.encounter { at += " encounters[\(e)]" }
                        if let o = f.order { at += ".orders[\(o)]" }
                        if let i = f.item { at += ".items[\(i)]" }
                        if let d = f.disease { at += " diseases[\(d)]" }
                        if let a = f.addition { at += " admission.additions[\(a)]" }
                        if let k = f.comment { at += ".comments[\(k)]" }
                        s += "- \(at): \(f.message)\(f.applied ? " — applied" : "")\n"
                    }
                    if byCheck[c.id]! > (examples[c.id]?.count ?? 0) { s += "- … \(byCheck[c.id]! - (examples[c.id]?.count ?? 0)) more\n" }
                }
            }
            if !errors.isEmpty {
                s += "\n## Input lines that are not claims\n\n"
                for e in errors.prefix(100) { s += "- line \(e.line): \(e.message)\n" }
            }
            return s
        }
    }
}

/// Earlier claims of the patients (`santei audit --history`), by `patient.id`.
public struct AuditHistory: Sendable {
    public private(set) var byPatient: [String: [Claim]] = [:]
    /// Lines of the history files that could not be read as claims.
    public private(set) var errors: [String] = []
    public init() {}

    public mutating func add(_ claim: Claim) {
        guard let id = claim.patient.id else { return }
        byPatient[id, default: []].append(claim)
    }

    /// Reads JSON lines or a RECEIPTC.UKE.
    /// `masters`: a UKE's units read as `uke recalc` reads them (`UKEClaims.claims`).
    public mutating func load(bytes: [UInt8], name: String, masters: MasterSet? = nil) {
        if bytes.starts(with: Array("IR,".utf8)) || name.uppercased().hasSuffix(".UKE") {
            // The file's own faults (CR alone, cut short without its GO, records outside a receipt) as `--input` reports them
            // (review 218 BM-3: a --history file at fault was left out without a word, exit 0).
            let doc = UKEDocument(bytes: bytes, name: name)
            for e in UKEClaims.errors(doc) { errors.append("\(name) \(e.message)") }
            for e in UKEClaims.claims(doc, masters: masters) {
                switch e.claim {
                case .success(let c): add(c)
                case .failure(let error): errors.append("\(name) line \(e.line): \(error.message)")
                }
            }
            return
        }
        for (number, range) in Batch.lines(bytes) {
            do throws(ClaimError) { add(try ClaimJSON.parse(bytes[range])) } catch { errors.append("\(name) line \(number): \(error.message)") }
        }
    }

    public func claims(of claim: Claim) -> [Claim] {
        guard let id = claim.patient.id else { return [] }
        return byPatient[id] ?? []
    }
}
