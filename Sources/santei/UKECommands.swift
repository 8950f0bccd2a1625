import Foundation
import Santei

/// Law parameters from the project's Masters/params (the folder the default set lives in).
func lawParameters() throws -> BundledTestRules {
    guard let dir = MasterLocator.defaultDirectory() else {
        throw InputError(message: "no Masters/params folder found and the built-in set could not be extracted: set SANTEI_MASTERS to a copy of Masters/")
    }
    do { return try BundledTestRules.load(path: dir + "/params/bundled-tests.json") } catch { throw InputError(message: "\(error)") }
}

func ukeRecalc(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.count == 1 else { throw UsageError(message: "uke recalc takes one input file") }
    let input = args.positional[0]
    try checkDistinct(inputs: [("input", input)], outputs: [("output", args.options["output"])])
    // Review 422 JK-6: --check writes nothing, so an --output beside it would be silently left unwritten.
    if args.flags.contains("check"), args.options["output"] != nil {
        throw UsageError(message: "give --check (report only, write nothing) or --output OUT.UKE (write the re-priced file), not both")
    }
    // Review 417 JE-11: --chunk-mb is checked whatever the path, and refused where it would do nothing.
    if let c = args.options["chunk-mb"] {
        guard let n = wholeNumber(c), (0...4096).contains(n) else { throw UsageError(message: "--chunk-mb \(c) is not a size in MB (1–4096; 0 reads the whole file)") }
        guard let output = args.options["output"], output != "-", !args.flags.contains("check") else {
            throw UsageError(message: "--chunk-mb reads chunk by chunk only with --output OUT.UKE (a file) and without --check")
        }
    }
    // Bounded memory (issue 15 item 2): a regular file re-priced into an output file goes chunk by chunk.
    if input != "-", let output = args.options["output"], output != "-", !args.flags.contains("check"), args.options["chunk-mb"] != "0" {
        if let status = try ukeRecalcStreamed(args, input: input, output: output, out) { return status }
    }
    let doc: UKEDocument
    if input == "-" { doc = UKEDocument(bytes: try readInput(input, "input"), name: "standard input") } else {
        var st = stat()
        if stat(input, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw InputError(message: "\(input): is a folder, not a file") }
        do { doc = try UKEDocument.read(path: input) } catch { throw InputError(message: "\(error)") }
    }
    let set = try loadMasters(args)
    let pricer = UnitPricer(bundled: try lawParameters())
    let check = args.flags.contains("check")
    let threads = try threadsOption(args)
    let reportPath = args.options["report"]
    if let reportPath { try checkDistinct(inputs: [("input", input)], outputs: [("output", args.options["output"]), ("report", reportPath)]) }
    let report = UKERecalc.run(doc, masters: set, pricer: pricer, options: .init(explain: check, keepAllUnits: false, threads: threads))
    let (flagged, differing, units) = (report.flaggedCount, report.differingCount, report.unitCount)
    // Findings as data (issue 15 item 3): every one in --report FILE (JSON lines), one summary on stderr.
    let findings = UKERecalc.findings(report)
    if let reportPath {
        var bytes: [UInt8] = []
        UKERecalc.writeReport(findings, file: doc.name, into: &bytes)
        try writeOutputFile(bytes, to: reportPath, out)
    }
    for line in UKERecalc.summary(findings, file: doc.name, reportPath: reportPath) { printError(line) }
    let faults = report.errors
    if check {
        for r in report.receipts where r.fault == nil {
            for u in r.units {
                if case .success(let p) = u.result, u.differs {
                    out.write("\(doc.name):\(u.firstLine + 1)-\(u.lastLine + 1): RE \(r.number) 診療識別 \(u.category) codes \(u.items.map { String($0.code) }.joined(separator: "+")): stated \(u.stated.map(String.init) ?? "blank"), computed \(p.isYen ? "\(p.yen) yen" : String(p.points))")
                    for line in p.explanation { out.write("    \(line)") }
                }
            }
            for p in r.payers where p.stated != p.computed {
                // Units not re-priced that state no 点数: the total is not known and is left as stated, as the output and the report
                // say (review 228 BW-1: --check said "computed" for a total the file kept blank).
                if r.unknownUnits > 0 {
                    out.write("\(doc.name):\(p.line + 1): RE \(r.number) \(p.bit == 0 ? "HO" : "KO\(p.bit)") 合計点数 left as stated (\(p.stated.map(String.init) ?? "blank")): \(r.unknownUnits) unit\(r.unknownUnits == 1 ? "" : "s") not re-priced state no 点数, so the total is not known (the priced units make \(p.computed))")
                } else {
                    out.write("\(doc.name):\(p.line + 1): RE \(r.number) \(p.bit == 0 ? "HO" : "KO\(p.bit)") 合計点数: stated \(p.stated.map(String.init) ?? "blank"), computed \(p.computed); 負担金額 not recomputed: check it")
                }
            }
            for p in r.payers where p.mealsDiffer {
                guard let m = p.meals else { continue }
                out.write("\(doc.name):\(p.line + 1): RE \(r.number) \(p.bit == 0 ? "HO" : "KO\(p.bit)") 食事療養・生活療養 回数 / 合計金額: stated \(p.statedMeals.count.map(String.init) ?? "blank") / \(p.statedMeals.yen.map(String.init) ?? "blank"), computed \(m.count) / \(m.yen) yen")
            }
        }
    }
    // An unreadable GO 総合計点数 has its own fault line ("left as it is"); it is not called blank (review 388 IB-3).
    if check, let go = report.goLine, report.goStated != report.goComputed, !report.goLeft, !report.goUnreadable {
        out.write("\(doc.name):\(go + 1): GO 総合計点数: stated \(report.goStated.map(String.init) ?? "blank"), computed \(report.goComputed)")
    }
    // A GO left as stated because a receipt's total is not known says so, as the --report line does (review 334 FY-4).
    if check, let go = report.goLine, report.goLeft, report.totalUnknown {
        out.write("\(doc.name):\(go + 1): GO 総合計点数 left as stated (\(report.goStated.map(String.init) ?? "blank")): a receipt's total is not known (units not re-priced state no 点数)")
    }
    let totals = report.totalsDifferingCount + (report.goLine != nil && !report.goUnreadable && !report.goLeft && report.goStated != report.goComputed ? 1 : 0)
    let summary = "\(report.receipts.count) receipts, \(units) units: \(units - flagged - differing) as stated, \(differing) differ, \(flagged) not re-priced (kept as stated)"
        // --check writes nothing: the totals would be rewritten by a run with --output (review 374 HN-5).
        + (totals == 0 ? "" : "; \(totals) 合計点数 (HO/KO/GO) \(check ? "differ (rewritten with --output)" : "rewritten")")
        + (faults.isEmpty ? "" : "; \(faults.count) faults (\(report.faultyReceiptCount) receipts left as they are)")
    let status: Exit = faults.isEmpty ? .ok : .badInput
    if check {
        out.write(summary)
        return status
    }
    if let output = args.options["output"], output != "-" {
        do { try UKERecalc.write(doc, report, to: output) } catch { throw InputError(message: "\(error)") }
        printError(summary)
    } else {
        let rewritten = UKERecalc.rewrite(doc, report)
        out.flush()
        try Output.writeAll(rewritten)
        printError(summary)
    }
    return status
}

/// `uke recalc FILE --output OUT` on a regular file, chunk by chunk (`UKERecalc.stream`); nil when the file is not
/// regular (the whole-file path answers). Same output, report and messages as the whole-file path.
func ukeRecalcStreamed(_ args: Arguments, input: String, output: String, _ out: Output) throws -> Exit? {
    var st = stat()
    guard stat(input, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    let threads = try threadsOption(args)
    var chunkMB = 8
    if let c = args.options["chunk-mb"] {
        guard let n = wholeNumber(c), (1...4096).contains(n) else { throw UsageError(message: "--chunk-mb \(c) is not a size in MB (1–4096; 0 reads the whole file)") }
        chunkMB = n
    }
    let reportPath = args.options["report"]
    if let reportPath { try checkDistinct(inputs: [("input", input)], outputs: [("output", output), ("report", reportPath)]) }
    let set = try loadMasters(args)
    let pricer = UnitPricer(bundled: try lawParameters())
    let result: UKERecalc.StreamResult
    do {
        guard let r = try UKERecalc.stream(path: input, name: (input as NSString).lastPathComponent, output: output, reportPath: reportPath, masters: set, pricer: pricer,
                                           options: .init(explain: false, keepAllUnits: false, threads: threads), chunkBytes: chunkMB << 20) else { return nil }
        result = r
    } catch { throw InputError(message: "\(error)") }
    if reportPath == nil || result.warningTotal > 0 {
        for line in UKERecalc.summary(result, file: (input as NSString).lastPathComponent, reportPath: reportPath) { printError(line) }
    }
    let totals = result.totalsDiffering + (result.goRewritten ? 1 : 0)
    let summary = "\(result.receipts) receipts, \(result.units) units: \(result.units - result.flagged - result.differing) as stated, \(result.differing) differ, \(result.flagged) not re-priced (kept as stated)"
        + (totals == 0 ? "" : "; \(totals) 合計点数 (HO/KO/GO) rewritten")
        + (result.faults == 0 ? "" : "; \(result.faults) faults (\(result.faultyReceipts) receipts left as they are)")
    printError(summary)
    return result.faults == 0 ? .ok : .badInput
}

/// `--threads N` of `uke recalc`: 1–1024, nil for every core.
func threadsOption(_ args: Arguments) throws -> Int? {
    guard let t = args.options["threads"] else { return nil }
    guard let n = wholeNumber(t), (1...1024).contains(n) else { throw UsageError(message: "--threads \(t) is not a number of threads (1–1024)") }
    return n
}
