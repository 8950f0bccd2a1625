import Foundation
import Santei

/// `santei price --input claims.jsonl [--output out.jsonl] [--progress] [--masters DIR | --snapshot FILE]`
func priceCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    guard let input = args.options["input"] else { throw UsageError(message: "price needs --input FILE (JSON lines)") }
    try checkDistinct(inputs: [("--input", input)], outputs: [("output", args.options["output"])])
    let bytes = try readInput(input)
    let set = try loadMasters(args)
    let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try lawParameters()))
    // issue 5: --audit advise|apply — audit each claim first; apply prices the corrected claim.
    let auditMode = try args.options["audit"].map { text -> AuditMode in
        guard let m = AuditMode(rawValue: text) else { throw UsageError(message: "--audit \(text) is not advise or apply") }
        return m
    }
    let auditor = auditMode.map { _ in Auditor(masters: set) }
    let lines = Batch.lines(bytes)
    let showProgress = args.flags.contains("progress") || isatty(2) != 0
    let errors = ErrorCounter()
    // Copay parameters, needed only by claims that carry `insurance` (issue 4).
    let copayParameters: Result<CopayParameters, MasterLoadError> = Result { () throws(MasterLoadError) in try CopayParameters.loadDefault() }

    let body: @Sendable (Int) -> [UInt8] = { k in
        let (number, range) = lines[k]
        var out: [UInt8] = []
        do throws(ClaimError) {
            var claim = try ClaimJSON.parse(bytes[range])
            var auditNotes: [String] = []
            if let auditor, let auditMode {
                let audit = try auditor.audit(claim, mode: auditMode)
                if let corrected = audit.corrected { claim = corrected }
                auditNotes = audit.changes.map { "audit \($0.check): \($0.kind == .removed ? "removed" : "回数 \($0.timesBefore) → \($0.timesAfter) of") \($0.code) at encounters[\($0.encounter)].orders[\($0.order)].items[\($0.item)]: \($0.reason)" }
                    + (auditMode == .advise ? audit.findings.filter { $0.severity == .error }.map { "audit \($0.check): \($0.message)" } : [])
            }
            var priced = try pricer.price(claim)
            priced.notes += auditNotes
            priced.orders.sort { ($0.encounter, $0.order) < ($1.encounter, $1.order) }
            if claim.insurance != nil {
                do throws(CopayError) {
                    guard case .success(let parameters) = copayParameters else { throw CopayError(field: "insurance", "no copay parameters (Masters/params/copay)") }
                    priced.copay = try ClaimCopay.compute(claim, priced, parameters: parameters)
                } catch { throw ClaimError(message: "copay: \(error)") }
            }
            ClaimJSON.write(priced, line: number, into: &out)
        } catch {
            errors.add()
            ClaimJSON.writeError(error.message, line: number, id: error.claimID, into: &out)
        }
        return out
    }
    try out.emit(runLines(count: lines.count, noun: "claims", progress: showProgress, body), args)
    printError("\(lines.count) claims: \(lines.count - errors.count) priced, \(errors.count) errors")
    return errors.count == 0 ? .ok : .badInput
}

final class ErrorCounter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}
