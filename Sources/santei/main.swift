import Foundation
import Santei

let usage = """
santei — Santei, the common 診療報酬 fee-calculation engine

USAGE: santei <command> [options]

COMMANDS:
  masters compile   Compile official master files into one binary snapshot
  masters inspect   Show one code's version on a date, decoded, with its 電子点数表 relations
  masters diff      List codes new, changed and abolished between two service dates
  masters info      List the loaded chains, their source files and the dates they cover
  uke recalc        Re-price every SI/IY/TO unit of a RECEIPTC.UKE and its HO/KO/GO totals
  price             Price claims given as JSON lines (docs/claim-format.md)
  revalue           Price every claim under the masters of two dates: per-claim deltas and a report
  copay             Settle monthly patient copay cases: 一部負担金, 高額療養費, 公費 (docs/copay-format.md)
  audit             Pre-audit (事前点検) claims with the masters and the 電子点数表; advise or apply
  aggregate         Counts and points by code, day, 都道府県, age band, sex: CSV + manifest + HTML, safe to publish
  serve             The HTTP/JSON service (and --stdio) for receipt software (docs/embedding.md)

Every command reads the masters from --masters DIR (official files as published), from
--snapshot FILE (compiled), or by default from the embedded sample set (Masters/ of the source tree,
built into the executable). Law parameters (revision dates, copay amounts, まるめ groups) always come
from the default set. SANTEI_MASTERS=DIR replaces the default set with a folder of the same layout
(a copy of Masters/, e.g. with newer params/).
`--input -` reads standard input; `--output -` (or no --output) writes standard output. An output
that names an input, or two outputs that name the same file, are refused.
Run `santei <command> --help` for a command's options; `santei --version` prints the version.

EXIT CODES: 0 ok, 1 bad input (a file, or some records were error lines) or a write that failed,
2 usage. A claim priced with a code the masters do not know is not an error line: its output says
"complete": false and names the code; uke recalc keeps such a unit's stated points and reports it.
"""

let mastersUsage = """
USAGE:
  santei masters compile [--masters DIR] --out FILE
      Reads every official file under DIR (full files, incremental files, 電子点数表 folders)
      and writes one snapshot: all kinds, all versions, the source files with their SHA-256.
  santei masters inspect CODE [--date YYYY-MM-DD] [--kind s|y|t|c|b|z] [--masters DIR | --snapshot FILE]
      The version of CODE valid on the date (default: today), its fields in words and its
      電子点数表 relations (算定回数, 背反 by table, 入院基本料, 包括).
  santei masters diff --from YYYY-MM-DD --to YYYY-MM-DD [--kind s] [--limit N] [--masters DIR | --snapshot FILE]
      Codes new, changed (old → new amount) and abolished between two service dates.
  santei masters info [--masters DIR | --snapshot FILE]
      Chains, coverage and source files.
"""

let ukeUsage = """
USAGE:
  santei uke recalc IN.UKE [--output OUT.UKE] [--check] [--report FILE] [--threads N] [--chunk-mb N] [--masters DIR | --snapshot FILE]
      Reads a 医科 RECEIPTC.UKE (CP932; 診療年月 as 西暦 YYYYMM or 和暦 GYYMM), re-prices every SI/IY/TO
      算定単位 from its codes and quantities with the masters valid on its service day (stated points
      are ignored; they may be blank), recomputes HO/KO 合計点数 and GO 総合計点数, and writes the same
      records back byte for byte (CP932, line ends as read: CR LF) to OUT.UKE or standard output. A unit whose code has no version valid
      on its date keeps its stated points and is reported on standard error.
      --check: write nothing; list each unit and total whose stated points differ, with both numbers
      and how the computed one was made.
      --report FILE: every finding as a JSON line (file, line, last_line, receipt, unit, codes, kind,
      reason, stated, computed, message): faults, units not re-priced, points and totals that differ.
      Standard error gets one summary either way: counts by reason and the first five examples.
      --threads N: threads to use (default: every core); the output is the same for any N.
      --chunk-mb N: with --output OUT.UKE, a file of IR, receipts and GO is read and re-priced N MB of
      receipts at a time (default 8; one chunk a thread at once, written in file order), so memory does
      not grow with the file; 0 reads it whole. The output, report and messages are the same either way.
"""

let priceUsage = """
USAGE:
  santei price --input CLAIMS.jsonl [--output OUT.jsonl] [--progress] [--audit apply|advise|off] [--explain compact|full]
               [--masters DIR | --snapshot FILE]
      One claim a line (docs/claim-format.md); one output line per non-blank input line, in input order:
      the priced claim (totals by 診療識別, by 点数欄集計先, by encounter; each order with its points and
      explanation), or {"line": N, "error": "…"} for a line that is not a valid claim. The run goes on
      past bad lines and exits 1 if there were any. Output is written atomically. Progress (claims,
      claims/s, ETA) goes to standard error on a terminal or with --progress.
      --audit apply (the default): price each claim as `santei audit --mode apply` corrects it (背反・包括・
      算定回数; every change is listed in notes); --audit advise: price as given, the audit's errors and warnings in
      notes; --audit off: price exactly what was ordered.
      --explain compact (the default): each master row an order was priced from is one reference,
      `rule 区分番号 master:code` (points A001 s:112007410; docs/explanations.md lists the rules);
      --explain full: each row as a sentence with its name and amounts. Notes, and the lines that say
      what was derived or not billed and why, are sentences in both.
"""

let revalueUsage = """
USAGE:
  santei revalue --input CLAIMS.jsonl|RECEIPTC.UKE --from YYYY-MM-DD --to YYYY-MM-DD
                 [--output DELTAS.jsonl] [--report REPORT.html] [--progress] [--masters DIR | --snapshot FILE]
      Prices every claim as if served under the masters of --from and of --to (the revision-day
      question: what does the new 点数表 do to last month's claims?). Writes one delta line per claim
      (from_points, to_points, delta, delta_by_category) in input order, and with --report one HTML
      file: totals, deltas by 診療識別 and by code, the claims that change most, and a histogram of
      per-claim deltas as an SVG picture. Outputs are written atomically; exit 1 if some lines were
      not claims.
"""

/// Runs one command; a failed write to standard output turns an ok run into exit 1.
func run(_ argv: [String]) -> Exit {
    let out = Output()
    let exit = dispatch(argv, out)
    out.flush()
    if let failure = out.failure {
        printError("santei: \(failure.message)")
        return exit == .ok ? .badInput : exit
    }
    return exit
}

func dispatch(_ argv: [String], _ out: Output) -> Exit {
    do {
        guard argv.count >= 2 else { out.write(usage); return .usage }
        switch argv[1] {
        case "--help", "-h", "help": out.write(usage); return .ok
        case "--version", "-V", "version": out.write("santei \(SanteiVersion.string)"); return .ok
        case "masters":
            guard argv.count >= 3, !["--help", "-h", "help"].contains(argv[2]) else {
                out.write(mastersUsage); return argv.count >= 3 ? .ok : .usage
            }
            let rest = argv[3...]
            if rest.contains("--help") || rest.contains("-h") { out.write(mastersUsage); return .ok }
            switch argv[2] {
            case "compile": return try mastersCompile(Arguments(rest, values: ["masters", "out"], flags: []), out)
            case "inspect": return try mastersInspect(Arguments(rest, values: ["masters", "snapshot", "date", "kind"], flags: []), out)
            case "diff": return try mastersDiff(Arguments(rest, values: ["masters", "snapshot", "from", "to", "kind", "limit"], flags: []), out)
            case "info": return try mastersInfo(Arguments(rest, values: ["masters", "snapshot"], flags: []), out)
            default: throw UsageError(message: "unknown command: masters \(argv[2])")
            }
        case "price":
            let rest = argv[2...]
            if rest.contains("--help") || rest.contains("-h") { out.write(priceUsage); return .ok }
            return try priceCommand(Arguments(rest, values: ["masters", "snapshot", "input", "output", "audit", "explain"], flags: ["progress"]), out)
        case "revalue":
            let rest = argv[2...]
            if rest.contains("--help") || rest.contains("-h") { out.write(revalueUsage); return .ok }
            return try revalueCommand(Arguments(rest, values: ["masters", "snapshot", "input", "output", "report", "from", "to"], flags: ["progress"]), out)
        // copay (issue 4)
        case "copay":
            let rest = argv[2...]
            if rest.contains("--help") || rest.contains("-h") { out.write(copayUsage); return .ok }
            return try copayCommand(Arguments(rest, values: ["input", "output"], flags: ["progress"]), out)
        // end copay
        // issue 5: pre-audit (usage in AuditCommand.swift)
        case "audit":
            let rest = argv[2...]
            if rest.contains("--help") || rest.contains("-h") { out.write(auditUsage); return .ok }
            return try auditCommand(Arguments(rest, values: ["masters", "snapshot", "input", "output", "report", "history", "mode"],
                                              flags: ["progress", "list-checks", "markdown"]), out)
        // end audit
        case "serve":   // issue 10 (usage in ServeCommand.swift)
            if argv[2...].contains("--help") || argv[2...].contains("-h") { out.write(serveUsage); return .ok }
            return try serveCommand(argv[2...], out)
        case "aggregate":   // issue 16 (usage in AggregateCommand.swift)
            let rest = argv[2...]
            if rest.contains("--help") || rest.contains("-h") { out.write(aggregateUsage); return .ok }
            return try aggregateCommand(Arguments(rest, values: ["masters", "snapshot", "input", "output", "by", "min-cell", "chunk-mb"],
                                                  flags: ["progress", "no-suppress", "i-understand-not-safe-to-publish", "serial"], repeatable: ["input"]), out)
        case "uke":
            guard argv.count >= 3, !["--help", "-h", "help"].contains(argv[2]) else { out.write(ukeUsage); return argv.count >= 3 ? .ok : .usage }
            let rest = argv[3...]
            if rest.contains("--help") || rest.contains("-h") { out.write(ukeUsage); return .ok }
            switch argv[2] {
            case "recalc": return try ukeRecalc(Arguments(rest, values: ["masters", "snapshot", "output", "report", "threads", "chunk-mb"], flags: ["check"]), out)
            default: throw UsageError(message: "unknown command: uke \(argv[2])")
            }
        default:
            throw UsageError(message: "unknown command: \(argv[1])")
        }
    } catch let e as UsageError {
        out.flush(); printError("santei: \(e.message)\nRun `santei --help` for usage."); return .usage
    } catch let e as InputError {
        out.flush(); printError("santei: \(e.message)"); return .badInput
    } catch {
        out.flush(); printError("santei: \(error)"); return .badInput
    }
}

// A closed pipe is a write error (EPIPE) the command reports, not a silent death; a temporary output
// file is removed when the run is interrupted.
signal(SIGPIPE, SIG_IGN)
AtomicFile.installSignalCleanup()
exit(run(CommandLine.arguments).rawValue)
