import Foundation
import Santei

let auditUsage = """
USAGE:
  santei audit --input CLAIMS.jsonl|RECEIPTC.UKE [--history FILE[,FILE…]] [--mode advise|apply]
               [--output OUT.jsonl] [--report REPORT.md] [--progress] [--masters DIR | --snapshot FILE]
      Pre-audit (事前点検) of every claim with the masters and the 医科電子点数表 (docs/audit-checks.md).
      One output line per claim, in input order: its findings (check ID, severity, encounter/order/item,
      codes, message) and, with --mode apply, the changes made and the corrected claim; a line that is
      not a claim becomes {"line": N, "error": "…"} and the run goes on (exit 1). UKE receipts are read
      as claims (SI/IY/TO by 算定日, SY 傷病名, RE patient). --history: earlier claims of the same patients
      (JSON lines or UKE, matched by patient.id / カルテ番号) for counts over months, 患者当り and 初診.
      --report: a readable report grouped by severity and by check. Outputs are written atomically.
  santei audit --list-checks [--markdown]
      The checks, their IDs and severities (--markdown: the text of docs/audit-checks.md).
"""

/// `santei audit …`
func auditCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    if args.flags.contains("list-checks") {
        if args.flags.contains("markdown") {
            out.write(String(AuditCheck.markdown().dropLast()))
        } else {
            for c in AuditCheck.catalogue { out.write("\(c.id)  \(c.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(c.title)") }
        }
        return .ok
    }
    guard let input = args.options["input"] else { throw UsageError(message: "audit needs --input FILE (JSON lines or RECEIPTC.UKE)") }
    let modeText = args.options["mode"] ?? "advise"
    guard let mode = AuditMode(rawValue: modeText) else { throw UsageError(message: "--mode \(modeText) is not advise or apply") }
    let historyPaths = args.options["history"].map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    // An empty name in the list is a slip, not "no history" (review 417 JE-10: `--history ""` ran without one, exit 0).
    if args.options["history"] != nil, historyPaths.contains(where: \.isEmpty) {
        throw UsageError(message: "--history \"\(args.options["history"]!)\" names an empty file: give FILE[,FILE…]")
    }
    try checkDistinct(inputs: [("--input", input)] + historyPaths.map { ("--history", $0) },
                      outputs: [("output", args.options["output"]), ("report", args.options["report"])])
    // JSON lines are read block by block (review 397 IK-1: the input and the output were held whole); a UKE whole.
    var st = stat()
    let regular = input != "-" && stat(input, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    var blockReader: LineBlockReader? = nil
    var whole: [UInt8] = []
    if regular && looksLikeUKEFile(input) {
        // As `uke recalc` reads it: whole, no line cut at 8 MiB, so a record past a field's limit is told by that field, as
        // recalc tells it (review 412 IZ-2: a 9 MiB 氏名 cut short read as "生年月日 is blank").
        do { whole = try UKEDocument.read(path: input).bytes } catch { throw InputError(message: "\(error)") }
    } else {
        let r = try LineBlockReader(input)
        // Standard input or a pipe: its first block tells a UKE (read whole) from JSON lines (review 405 IS-1: read whole, 757 MB
        // for 432 MB).
        if !regular, let first = try r.peek(), UKEDocument.looksLikeUKE(first.bytes, name: input) {
            while let block = try r.next() { whole += block.bytes }
        } else {
            blockReader = r
        }
    }
    let reader = blockReader, bytes = whole
    let set = try loadMasters(args)
    var history = AuditHistory()
    for path in historyPaths {
        history.load(bytes: try readInput(path, "--history"), name: (path as NSString).lastPathComponent, masters: set)
    }
    // A history line that is not a claim is reported and left out, and the run exits 1 as for any bad line (limits.md:
    // the findings that needed it are missing — review 141 B1: a 初診 within a month of a refused record passed, exit 0).
    for e in history.errors.prefix(20) { printError("santei: history: \(e)") }
    if history.errors.count > 20 { printError("santei: history: … and \(history.errors.count - 20) more") }
    let auditor = Auditor(masters: set)
    // The claims are priced too, for points that do not fit the receipt (`ServiceLines.audit`).
    let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try lawParameters()))
    let showProgress = args.flags.contains("progress") || isatty(2) != 0

    // The claims: JSON lines, or the receipts of a UKE file.
    let isUKE = reader == nil && UKEDocument.looksLikeUKE(bytes, name: input)
    let lines = isUKE ? [] : Batch.lines(bytes)
    let doc = UKEDocument(bytes: isUKE ? bytes : [], name: (input as NSString).lastPathComponent)
    let receipts = isUKE ? UKEClaims.receipts(doc) : []
    let count = isUKE ? receipts.count : lines.count
    let frozenHistory = history
    let body: @Sendable (Int) -> (line: Int, result: Result<AuditResult, ClaimError>) = { k in
        let number = isUKE ? receipts[k].lowerBound + 1 : lines[k].number
        guard isUKE else { return (number, ServiceLines.audit(bytes[lines[k].range], auditor: auditor, history: frozenHistory, mode: mode, pricer: pricer)) }
        do throws(ClaimError) {
            let claim = try UKEClaims.entry(doc, receipts[k], masters: set).claim.get()
            return (number, ServiceLines.audit(claim, auditor: auditor, history: frozenHistory, mode: mode, pricer: pricer))
        } catch { return (number, .failure(error)) }
    }
    var summary = AuditOutput.Summary()
    // Faults of the UKE file itself and records outside any receipt (UKEStructure): error lines in
    // line order among the receipts' lines.
    var fileFaults = isUKE ? UKEClaims.errors(doc)[...] : []
    try streamLines(args, out) { sink in
        var line: [UInt8] = []
        func emitFileFaults(before number: Int) {
            while let f = fileFaults.first, f.line < number {
                fileFaults.removeFirst()
                summary.errors.append((f.line, f.message))
                line.removeAll(keepingCapacity: true)
                ClaimJSON.writeError(f.message, line: f.line, into: &line)
                sink.line(line)
            }
        }
        func emit(_ entry: (line: Int, result: Result<AuditResult, ClaimError>)) {
            emitFileFaults(before: entry.line)
            line.removeAll(keepingCapacity: true)
            switch entry.result {
            case .success(let r):
                summary.add(r, line: entry.line)
                AuditOutput.write(r, line: entry.line, into: &line)
            case .failure(let e):
                summary.errors.append((entry.line, e.message))
                ClaimJSON.writeError(e.message, line: entry.line, id: e.claimID, into: &line)
            }
            sink.line(line)
        }
        if let reader {
            let started = DispatchTime.now().uptimeNanoseconds
            let show = showProgress ? progressLine("claims") : nil
            var done = 0
            while let block = try reader.next() {
                let (blockBytes, blockLines) = block
                Batch.run(count: blockLines.count, body: { k in
                    (blockLines[k].number, ServiceLines.audit(blockBytes[blockLines[k].range], auditor: auditor, history: frozenHistory, mode: mode, pricer: pricer))
                }, emit: emit, progress: show.map { blockProgress(reader, base: done, lines: blockLines, started: started, $0) })
                done += blockLines.count
            }
        } else {
            Batch.run(count: count, body: body, emit: emit, progress: showProgress ? progressLine("claims") : nil)
        }
        emitFileFaults(before: Int.max)
    }
    if let path = args.options["report"] {
        try writeOutputFile(Array(summary.report(title: "Santei audit: \((input as NSString).lastPathComponent)", mode: mode).utf8), to: path, out)
    }
    let s = summary.bySeverity
    // The claims audited, not the input lines (review 349 GO-4: "44 claims audited … 39 lines not claims" for 5 audited).
    printError("\(summary.claims) claims audited (\(mode.rawValue)): \(s[.error] ?? 0) errors, \(s[.warning] ?? 0) warnings, \(s[.info] ?? 0) info"
               + (mode == .apply ? "; \(summary.changes) changes in \(summary.changedClaims) claims" : "") + "; \(summary.errors.count) lines not claims"
               + (history.errors.isEmpty ? "" : "; \(history.errors.count) --history lines not claims (left out: findings that need them are missing)"))
    return summary.errors.isEmpty && history.errors.isEmpty ? .ok : .badInput
}
