import Foundation
import Santei

/// `santei price --input claims.jsonl [--output out.jsonl] [--progress] [--masters DIR | --snapshot FILE]`
func priceCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    guard let input = args.options["input"] else { throw UsageError(message: "price needs --input FILE (JSON lines)") }
    try checkDistinct(inputs: [("--input", input)], outputs: [("output", args.options["output"])])
    // Read block by block: the input is never held whole (review 397 IK-1).
    let reader = try LineBlockReader(input)
    let set = try loadMasters(args)
    let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try lawParameters()))
    // --audit apply|advise|off (issue 12 item 3): by default the audit's apply (背反・包括・算定回数) corrects
    // each claim before it is priced, every change noted; off prices exactly what was ordered.
    guard let auditSetting = ServiceLines.auditSetting(args.options["audit"]) else {
        throw UsageError(message: "--audit \(args.options["audit"] ?? "") is not apply, advise or off")
    }
    // --explain compact|full (issue 15 item 4): each master row as a reference (`points A001 s:112007410`,
    // docs/explanations.md), or as today's sentence with its name and amounts.
    guard let explain = ServiceLines.explainSetting(args.options["explain"]) else {
        throw UsageError(message: "--explain \(args.options["explain"] ?? "") is not compact or full")
    }
    let auditMode = auditSetting.mode
    let auditor = auditMode.map { _ in Auditor(masters: set) }
    let showProgress = args.flags.contains("progress") || isatty(2) != 0
    let errors = ErrorCounter()
    // Copay parameters, needed only by claims that carry `insurance` (issue 4).
    let copayParameters: Result<CopayParameters, MasterLoadError> = Result { () throws(MasterLoadError) in try CopayParameters.loadDefault() }

    let context = ServiceLines.PriceContext(pricer: pricer, audit: auditor.flatMap { a in auditMode.map { (a, $0) } }, copayParameters: copayParameters, explain: explain)
    let count = try runLineBlocks(reader, noun: "claims", progress: showProgress, { bytes, lines in
        { k in
            let (number, range) = lines[k]
            switch ServiceLines.price(bytes[range], line: number, context) {
            case .success(let out): return out
            case .failure(let error):
                errors.add()
                var out: [UInt8] = []
                ClaimJSON.writeError(error.message, line: number, id: error.claimID, into: &out)
                return out
            }
        }
    }, into: out, args)
    printError("\(count) claims: \(count - errors.count) priced, \(errors.count) errors")
    return errors.count == 0 ? .ok : .badInput
}

final class ErrorCounter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}
