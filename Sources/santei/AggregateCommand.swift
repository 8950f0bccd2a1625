import Foundation
import Santei

let aggregateUsage = """
USAGE:
  santei aggregate --input FILE [--input FILE …] --output DIR [--by code,day[,prefecture][,age_band][,sex][,category]]
                   [--min-cell N | --no-suppress --i-understand-not-safe-to-publish] [--progress] [--serial] [--chunk-mb N]
                   [--masters DIR | --snapshot FILE]
      Counts and points of a month (or more) of receipts, safe to publish (docs/aggregate.md). FILE is a
      RECEIPTC.UKE or JSON lines (docs/claim-format.md); several files (one per 医療機関 or per month)
      are merged into one set of tables. Every unit is priced with the masters of its service day, as
      `uke recalc` and `price` do. Writes into DIR (created if missing; each file atomically):
        procedures.csv, drugs.csv (by 薬効分類), devices.csv, diseases.csv (by ICD-10) — per group:
        receipts, patients (distinct), 回数, points (Santei's) and stated points, with row, column and
        grand totals; manifest.json (inputs with SHA-256, masters, grouping, suppression, row counts);
        summary.html (SVG time series of the top codes by day, a table per 都道府県).
      --by: the dimensions (default code,day); code is required. age_band: 5-year bands 0-4 … 85-89, 90+
      as the NDB オープンデータ, age on the 1st of the service month.
      Cells describing fewer than --min-cell (default 10) patients — receipts when an input has no
      patient ids — are suppressed, with secondary suppression so no suppressed cell can be recovered
      from the totals. --no-suppress needs --i-understand-not-safe-to-publish and prints a warning.
      Names, patient ids and birth dates are never written. A receipt or claim that cannot be read is
      reported on standard error with its file and line; the run goes on and exits 1.
      --serial: one core (measurements; the output is the same).
      --chunk-mb N: a RECEIPTC.UKE of IR, receipts and GO is read N MB of receipts at a time (default 32), as
      `uke recalc --output` reads it, and JSON lines N MB of whole lines at a time, so memory does not grow
      with the files; 0 reads each file whole. The tables are the same either way.
"""

/// `santei aggregate …`
func aggregateCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    let inputs = args.repeated["input"] ?? []
    guard !inputs.isEmpty else { throw UsageError(message: "aggregate needs --input FILE (RECEIPTC.UKE or JSON lines), once per file") }
    guard let outputDir = args.options["output"], !outputDir.isEmpty, outputDir != "-" else {
        throw UsageError(message: "aggregate needs --output DIR (a folder for the CSV files, manifest.json and summary.html)")
    }
    let grouping: AggregateGrouping
    do { grouping = try AggregateGrouping(parsing: args.options["by"] ?? "code,day") } catch { throw UsageError(message: error.message) }
    var minCell: Int? = 10
    if let text = args.options["min-cell"] {
        guard let n = wholeNumber(text), n >= 1, n <= 1_000_000 else { throw UsageError(message: "--min-cell \(text) is not a whole number from 1 to 1000000") }
        minCell = n
        // Review 417 JE-1: a threshold under the NDB オープンデータ's 10 publishes small cells as --no-suppress does,
        // so it needs the same confirmation and says so.
        if n < AggregateResult.publishableMinCell {
            guard args.flags.contains("i-understand-not-safe-to-publish") else {
                throw UsageError(message: "--min-cell \(n) writes cells of fewer than \(AggregateResult.publishableMinCell) patients: add --i-understand-not-safe-to-publish to confirm")
            }
            printError("santei: warning: --min-cell \(n): the tables are NOT safe to publish (cells of fewer than \(AggregateResult.publishableMinCell) patients are written)")
        }
    }
    if args.flags.contains("no-suppress") {
        guard args.flags.contains("i-understand-not-safe-to-publish") else {
            throw UsageError(message: "--no-suppress writes cells of fewer than 10 patients: add --i-understand-not-safe-to-publish to confirm")
        }
        guard args.options["min-cell"] == nil else { throw UsageError(message: "give --min-cell or --no-suppress, not both") }
        minCell = nil
        printError("santei: warning: --no-suppress: the tables are NOT safe to publish (cells of fewer than 10 patients are written)")
    }
    var chunkMB = 32
    if let c = args.options["chunk-mb"] {
        guard let n = wholeNumber(c), (0...4096).contains(n) else { throw UsageError(message: "--chunk-mb \(c) is not a size in MB (1–4096; 0 reads each file whole)") }
        chunkMB = n
    }
    // Review 417 JE-5, JE-6: every argument is checked before the folder is made. An input that cannot be
    // opened fails here, and one file named twice (the same file by two paths too) would be counted twice.
    var seen: [(dev: UInt, ino: UInt, path: String)] = []
    for input in inputs where input != "-" {
        var st = stat()
        guard stat(input, &st) == 0 else { throw InputError(message: "--input \(input): \(AtomicFile.reason(errno))") }
        guard st.st_mode & S_IFMT != S_IFDIR else { throw InputError(message: "--input \(input) is a folder, not a file") }
        guard access(input, R_OK) == 0 else { throw InputError(message: "--input \(input): \(AtomicFile.reason(errno))") }
        if st.st_mode & S_IFMT == S_IFREG {
            if let first = seen.first(where: { $0.dev == UInt(st.st_dev) && $0.ino == UInt(st.st_ino) }) {
                throw UsageError(message: "--input \(input) is the same file as --input \(first.path): its receipts would be counted twice")
            }
            seen.append((UInt(st.st_dev), UInt(st.st_ino), input))
        }
    }
    if inputs.filter({ $0 == "-" }).count > 1 { throw UsageError(message: "--input - (standard input) is given more than once") }
    // The output folder: created if missing; a file there is refused.
    var st = stat()
    if stat(outputDir, &st) == 0 {
        guard st.st_mode & S_IFMT == S_IFDIR else { throw UsageError(message: "--output \(outputDir) is a file, not a folder") }
    } else {
        // With the folders above it (`--output out/2024/06`), as `mkdir -p`.
        var path = outputDir.hasPrefix("/") ? "" : "."
        for part in outputDir.split(separator: "/") {
            path += "/" + part
            if stat(path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFDIR else { throw UsageError(message: "--output \(outputDir): \(path) is a file, not a folder") }
            } else if mkdir(path, 0o755) != 0 {
                throw InputError(message: "--output \(outputDir): cannot create the folder \(path): \(AtomicFile.reason(errno))")
            }
        }
    }
    let outputs = AggregateTable.allCases.map(\.fileName) + ["manifest.json", "summary.html"]
    try checkDistinct(inputs: inputs.map { ("--input", $0) }, outputs: outputs.map { ("output", outputDir + "/" + $0) })

    let set = try loadMasters(args)
    var run = Aggregation(grouping: grouping, masters: set, pricer: UnitPricer(bundled: try lawParameters()))
    run.parallel = !args.flags.contains("serial")
    let showProgress = args.flags.contains("progress") || isatty(2) != 0
    for input in inputs {
        let name = input == "-" ? "standard input" : (input as NSString).lastPathComponent
        // Bounded memory: a RECEIPTC.UKE file of IR, receipts and GO is read chunk by chunk, as `uke recalc
        // --output` reads it, and a JSON-lines file piece by piece; standard input, and a UKE of another shape,
        // are read whole.
        if input != "-", chunkMB > 0 {
            let progress: ((Int, Int, Int) -> Void)? = showProgress ? { bytes, size, receipts in
                let line = "\r\(name): \(bytes >> 20)/\(size >> 20) MB, \(receipts) receipts   "
                _ = Array((bytes == size ? line + "\n" : line).utf8).withUnsafeBytes { AtomicFile.writeAll(2, $0) }
            } : nil
            // Each returns false, having added nothing, for a file that is not regular or a UKE of another shape.
            if looksLikeUKEFile(input) {
                if run.add(ukeFile: input, name: name, chunkBytes: chunkMB << 20, progress: progress) { continue }
            } else if run.add(jsonLinesFile: input, name: name, chunkBytes: chunkMB << 20, progress: progress) {
                continue
            }
        }
        let bytes = try readInput(input)
        let progress: ((Int, Int) -> Void)? = showProgress ? { done, total in
            let line = "\r\(name): receipts \(done)/\(total)   "
            _ = Array((done == total ? line + "\n" : line).utf8).withUnsafeBytes { AtomicFile.writeAll(2, $0) }
        } : nil
        if UKEDocument.looksLikeUKE(bytes, name: input) {
            run.add(uke: UKEDocument(bytes: bytes, name: name), progress: progress)
        } else {
            run.add(jsonLines: bytes, name: name, progress: progress)
        }
    }
    for e in run.errors.prefix(200) { printError("\(e.description); left out of the tables") }
    if run.errors.count > 200 { printError("… and \(run.errors.count - 200) more errors") }
    let result = run.result(minCell: minCell)
    // The set is committed by its manifest (review 98): each file is replaced atomically, but a run that fails
    // part way (a full disk, a file it may not replace) must not leave an earlier run's manifest.json describing
    // a mix of old and new tables. The old manifest goes first and the new one is written last, so a folder with
    // a manifest.json holds one whole run and a folder without one holds an unfinished run.
    let files = result.files(run)
    let manifestPath = outputDir + "/manifest.json"
    if unlink(manifestPath) != 0 && errno != ENOENT {
        throw InputError(message: "\(manifestPath): cannot remove the earlier run's manifest before writing the new set: \(AtomicFile.reason(errno))")
    }
    for (name, bytes) in files.filter({ $0.name != "manifest.json" }) + files.filter({ $0.name == "manifest.json" }) {
        do { try AtomicFile.write(bytes, to: outputDir + "/" + name) } catch {
            throw InputError(message: "\(error); the folder has no manifest.json: it does not hold a whole run")
        }
    }
    let suppressed = AggregateTable.allCases.reduce(0) { $0 + result.suppressionCounts($1).total }
    printError("\(run.receiptCount) receipts from \(inputs.count) files aggregated by \(grouping.dimensions.map(\.rawValue).joined(separator: ",")) into \(outputDir): "
               + (minCell.map { "\(suppressed) rows suppressed (fewer than \($0) \(result.measure), and secondary)" } ?? "not suppressed")
               + "; \(run.errors.count) errors")
    return run.errors.isEmpty ? .ok : .badInput
}

/// A path named *.UKE, or a file whose first record is an IR (`UKEDocument.looksLikeUKE`), judged from its
/// first bytes without reading it whole.
func looksLikeUKEFile(_ path: String) -> Bool {
    if path.uppercased().hasSuffix(".UKE") { return true }
    guard let head = RegularFile(path: path)?.read(0, 3) else { return false }
    return UKEDocument.looksLikeUKE(head, name: path)
}
