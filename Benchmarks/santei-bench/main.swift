import Dispatch
import Foundation
import Santei
import SanteiGenerator

// santei-bench: timings of Santei's hot paths on the real masters (SANTEI_SHARED, default ../shared).
// Each benchmark runs in a child process of its own so that its peak memory (ru_maxrss) is its own.
// Setup is outside the timed region; each figure is the median of several runs.
//
//   swift run -c release santei-bench [--json FILE] [--only NAME]

struct Result: Codable {
    var name: String
    var unit: String
    var value: Double
    var runs: Int
    var peakMemoryMB: Double
    var detail: String
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
/// Peak resident memory of this process image (VmHWM): unlike ru_maxrss, it starts afresh at exec.
func peakMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

let env = ProcessInfo.processInfo.environment
let sharedRoot = env["SANTEI_SHARED"] ?? "../shared"
let mastersDir = sharedRoot + "/masters"
let snapshotPath = NSTemporaryDirectory() + "santei-bench-real.snapshot"

func calendar() -> RevisionCalendar {
    do { return try MasterLocator.calendar(for: nil) } catch { fatalError("\(error)") }
}

func buildReal() -> MasterSet {
    do { return try MasterSetBuilder.build(directory: mastersDir, calendar: calendar()) } catch { fatalError("\(error)") }
}

/// Setup, not timed: compile the real set to a snapshot of this build's format.
func freshSnapshot() {
    do { try buildReal().writeSnapshot(to: snapshotPath) } catch { fatalError("\(error)") }
}

/// A RECEIPTC.UKE of `count` claims made by repeating the receipts of the real 2021-10 sample.
func replicatedUKE(count: Int, blankPoints: Bool = false) -> (bytes: [UInt8], claims: Int) {
    var sample = [UInt8](FileManager.default.contents(atPath: sharedRoot + "/cases/uke/RECEIPTC-2021-10-sample.UKE")!)
    if blankPoints {
        let original = UKEDocument(bytes: sample, name: "sample")
        var blanks: [Int: [(field: Int, value: String)]] = [:]
        for l in 0..<original.lineCount where [UKEDocument.id("SI"), UKEDocument.id("IY"), UKEDocument.id("TO")].contains(original.recordID(l)) { blanks[l] = [(5, "")] }
        sample = original.writing(blanks)
    }
    let doc = UKEDocument(bytes: sample, name: "sample")
    var lines: [[UInt8]] = []
    var start = 0
    for i in sample.indices where sample[i] == 10 { lines.append(Array(sample[start...i])); start = i + 1 }
    let header = lines.first!
    let body = lines.dropFirst().filter { !($0.starts(with: Array("GO,".utf8))) }
    let perCopy = (0..<doc.lineCount).filter { doc.recordID($0) == UKEDocument.id("RE") }.count
    var out = header
    var claims = 0
    while claims + perCopy <= count { for l in body { out += l }; claims += perCopy }
    out += Array("GO,\(claims),0,99\r\n".utf8)
    return (out, claims)
}

/// A RECEIPTC.UKE of `count` generated claims of 2024-06 (santei-gen seed 1), each unit's points as
/// `ClaimPricer` priced them (`UKEClaimWriter`): 入院外 claims (50,000 distinct, repeated), or with
/// `inpatient` 入院 stays (`santei-gen --inpatient`, 5,000 distinct, repeated) priced with their stay and
/// written as 入院 receipts (入院料 lines in 90, meals in 97 in yen, HO 食事 fields).
func generatedUKE(set: MasterSet, rules: BundledTestRules, count: Int, inpatient: Bool = false) -> (bytes: [UInt8], claims: Int) {
    var pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: rules))
    if inpatient { pricer.inpatientRules = try! InpatientRules.load(directory: MasterLocator.defaultDirectory()! + "/params/inpatient") }
    let generator = try! ClaimGenerator(masters: set, year: 2024, month: 6)
    var rng = SplitMix64(seed: 1)
    var claims: [(claim: Claim, priced: PricedClaim)] = []
    for n in 0..<min(count, inpatient ? 5_000 : 50_000) {
        let text = inpatient ? generator.inpatientClaim(n, using: &rng) : generator.claim(n, using: &rng)
        let claim = try! ClaimJSON.parse(Array(text.utf8)[...])
        claims.append((claim, try! pricer.price(claim, explain: false)))
    }
    var all = claims
    while all.count < count { all += claims.prefix(count - all.count) }
    return (UKEClaimWriter.file(all, year: 2024, month: 6), all.count)
}

/// `uke recalc` file to file: read, parse, price, atomic write with fsync — on 200,000 claims (the real 2021-10
/// sample repeated, or generated 入院外 claims), or with `inpatient` (issue 11 item 7) on 50,000 generated 入院
/// claims (30 units and 50 SI records a receipt on average: 入院料 by unit, meals in yen, HO 食事 fields).
/// With `blankPoints`, every SI/IY/TO 点数 (項目 5) of the real sample is blank (a receipt being built): every unit
/// is priced from the 告示's structure.
func ukeRecalcBenchmark(parallel: Bool, generated: Bool = false, inpatient: Bool = false, blankPoints: Bool = false) -> Result {
    let suffix = inpatient ? "-inpatient" : blankPoints ? "-blank" : generated ? "-generated" : ""
    let input = NSTemporaryDirectory() + "santei-bench-in\(suffix).UKE", output = NSTemporaryDirectory() + "santei-bench-out\(suffix).UKE"
    // The file is written by a process of its own (`--write-uke`): this one stays small, since a child spawned from it
    // starts in its memory (vfork) and wait4's peak RSS would count this process's pages as the child's.
    let kind = inpatient ? "inpatient" : blankPoints ? "blank" : generated ? "generated" : "real"
    let (_, _) = childRuns(["--write-uke", kind, input], runs: 1, program: "/proc/self/exe")
    let byteCount = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
    let claims = (try? String(contentsOfFile: input + ".claims", encoding: .utf8)).flatMap { Int($0) } ?? 0
    // File to file as users run it: `santei uke recalc IN --output OUT` as a child process (streamed: chunks of
    // 8 MB re-priced on every thread at once and written in file order; snapshot load included).
    let (times, peak) = childRuns(["uke", "recalc", input, "--output", output, "--snapshot", snapshotPath] + (parallel ? [] : ["--threads", "1"]), runs: 5)
    // Units that differ from the stated points (入院: from ClaimPricer's), counted once outside the timed runs.
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let rules = try! MasterLocator.defaultDirectory().map { try BundledTestRules.load(path: $0 + "/params/bundled-tests.json") }!
    let pricer = UnitPricer(bundled: rules)
    let doc = try! UKEDocument.read(path: input)
    let report = UKERecalc.run(doc, masters: set, pricer: pricer, options: .init(keepAllUnits: false))
    let (differing, units) = (report.differingCount, report.unitCount)
    try? FileManager.default.removeItem(atPath: output)
    let m = median(times)
    let cores = parallel ? "all \(ProcessInfo.processInfo.activeProcessorCount) cores" : "--threads 1"
    let what = inpatient ? "generated 入院 claims of 2024-06" : generated ? "claims, generated 入院外 claims of 2024-06"
        : blankPoints ? "claims, real 2021-10 sample repeated, 点数 blank" : "claims, real 2021-10 sample repeated"
    let unitsText = inpatient ? ", \(units) units (\(differing) differ from ClaimPricer's)" : ""
    return Result(name: "UKE recalc \(parallel ? "all cores" : "1 core") (\(claims) \(what))", unit: "claims/s",
                  value: Double(claims) / (m / 1000), runs: times.count, peakMemoryMB: peak,
                  detail: "\(String(format: "%.0f", m)) ms, \(byteCount / 1_048_576) MiB in\(unitsText); `santei uke recalc IN --output OUT --snapshot S` as a child process, \(cores) (range \(String(format: "%.0f", times.min()!))–\(String(format: "%.0f", times.max()!)) ms); read + parse + price + atomic write with fsync, snapshot load included; peak RSS of the child; runs \(times.map { String(format: "%.0f", $0) }.joined(separator: "/")) ms")
}

/// `santei-bench --write-uke KIND PATH`: writes the input of a `uke recalc` row (real, blank, generated, inpatient) and its
/// claim count to PATH.claims.
func writeUKEInput(kind: String, path: String) {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let rules = try! MasterLocator.defaultDirectory().map { try BundledTestRules.load(path: $0 + "/params/bundled-tests.json") }!
    let (bytes, claims) = kind == "inpatient" ? generatedUKE(set: set, rules: rules, count: 50_000, inpatient: true)
        : kind == "generated" ? generatedUKE(set: set, rules: rules, count: 200_000) : replicatedUKE(count: 200_000, blankPoints: kind == "blank")
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    try! String(claims).write(toFile: path + ".claims", atomically: true, encoding: .utf8)
}

/// Runs `santei ARGS` (beside this executable) `runs` times as a child process, standard output and error to
/// /dev/null; (wall ms of each run, the largest peak RSS in MB of these children, from wait4).
func childRuns(_ args: [String], runs: Int, program: String? = nil) -> ([Double], Double) {
    let santei = program.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("santei").path
    var times: [Double] = []
    var peak = 0.0
    for _ in 0..<runs {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([santei] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let t = now()
        guard posix_spawn(&pid, santei, &actions, nil, argv, environ) == 0 else { fatalError("cannot start \(santei)") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        times.append(ms(now() - t))
        posix_spawn_file_actions_destroy(&actions)
        peak = max(peak, Double(usage.ru_maxrss) / 1024)
    }
    return (times, peak)
}

/// The 4,000,000-claim RECEIPTC.UKE of the bounded-memory rows: the real 2021-10 sample's receipts repeated
/// between one IR and one GO (≈ 2.3 GB), written to the temporary folder once. (path, claims, bytes)
func fourMillionClaimFile() -> (String, Int, Int) {
    let sample = [UInt8](FileManager.default.contents(atPath: sharedRoot + "/cases/uke/RECEIPTC-2021-10-sample.UKE")!)
    let doc = UKEDocument(bytes: sample, name: "sample")
    var lines: [[UInt8]] = []
    var start = 0
    for i in sample.indices where sample[i] == 10 { lines.append(Array(sample[start...i])); start = i + 1 }
    let body = lines.dropFirst().filter { !($0.starts(with: Array("GO,".utf8))) }.flatMap { $0 }
    let perCopy = (0..<doc.lineCount).filter { doc.recordID($0) == UKEDocument.id("RE") }.count
    let target = 4_000_000, copies = target / perCopy, claims = copies * perCopy
    let input = NSTemporaryDirectory() + "santei-bench-4m.UKE"
    let expected = lines[0].count + copies * body.count + "GO,\(claims),0,99\r\n".utf8.count
    if (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) != expected {
        FileManager.default.createFile(atPath: input, contents: nil)
        let h = FileHandle(forWritingAtPath: input)!
        h.write(Data(lines[0]))
        var block = Data()
        for _ in 0..<1_000 { block.append(contentsOf: body) }
        var written = 0
        while written + 1_000 <= copies { h.write(block); written += 1_000 }
        for _ in written..<copies { h.write(Data(body)) }
        h.write(Data("GO,\(claims),0,99\r\n".utf8))
        try! h.close()
    }
    return (input, claims, expected)
}

/// Issue 15 item 2, bounded memory: `santei uke recalc` (the command, as a child process, on the snapshot) on
/// a 4,000,000-claim file — the real 2021-10 sample's receipts repeated between one IR and one GO (≈ 2.3 GB,
/// written to the temporary folder once) — three runs; the figure is the child's peak RSS (getrusage of the
/// waited child), and the bench exits 1 when it passes 256 MB.
func ukeRecalc4MBenchmark() -> Result {
    let (input, claims, expected) = fourMillionClaimFile()
    let output = NSTemporaryDirectory() + "santei-bench-4m-out.UKE"
    let (times, peak) = childRuns(["uke", "recalc", input, "--output", output, "--snapshot", snapshotPath], runs: 3)
    try? FileManager.default.removeItem(atPath: output)
    let m = median(times)
    let mb = Double(expected) / 1_048_576
    if peak > 256 {
        FileHandle.standardError.write(Data("uke-recalc-4m: peak RSS \(String(format: "%.0f", peak)) MB is over the 256 MB target\n".utf8))
        exit(1)
    }
    return Result(name: "UKE recalc bounded memory (\(claims) claims, real 2021-10 sample repeated, one IR and GO)", unit: "claims/s",
                  value: Double(claims) / (m / 1000), runs: times.count, peakMemoryMB: peak,
                  detail: "\(String(format: "%.0f", m)) ms, \(String(format: "%.0f", mb)) MiB in; `santei uke recalc --output` as a child process (chunks of 8 MB, all cores, snapshot load included); peak RSS of the child \(String(format: "%.0f", peak)) MB (target < 256 MB); runs \(times.map { String(format: "%.0f", $0) }.joined(separator: "/")) ms")
}

/// `santei aggregate` file to files beside `uke recalc` on the same 200,000 claims (issue 16: within 20% of
/// it): each run reads the file chunk by chunk (`Aggregation.add(ukeFile:)`, as the command does), prices each
/// unit with the masters of its day, counts by code × day × 都道府県 × age band × sex in four tables with their
/// totals, suppresses (10, with secondary suppression) and writes the CSV files, manifest and HTML atomically;
/// then `uke recalc --output` streams the same file (`UKERecalc.stream`), run for run in turn so that both
/// see the same machine. The row's value is aggregate's rate; the detail gives recalc's and the ratio.
func aggregateBenchmark(generated: Bool) -> Result {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let rules = try! MasterLocator.defaultDirectory().map { try BundledTestRules.load(path: $0 + "/params/bundled-tests.json") }!
    let pricer = UnitPricer(bundled: rules)
    let (bytes, claims) = generated ? generatedUKE(set: set, rules: rules, count: 200_000) : replicatedUKE(count: 200_000)
    let input = NSTemporaryDirectory() + "santei-bench-in.UKE", output = NSTemporaryDirectory() + "santei-bench-aggregate"
    let recalcOutput = NSTemporaryDirectory() + "santei-bench-out.UKE"
    try! Data(bytes).write(to: URL(fileURLWithPath: input))
    try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    let grouping = try! AggregateGrouping(parsing: "code,day,prefecture,age_band,sex")
    var times: [Double] = [], recalcTimes: [Double] = []
    var rows = 0
    for _ in 0..<5 {
        var t = now()
        var run = Aggregation(grouping: grouping, masters: set, pricer: pricer)
        precondition(run.add(ukeFile: input, name: "santei-bench-in.UKE"))
        let result = run.result(minCell: 10)
        rows = 0
        for (name, b) in result.files(run) {
            try! AtomicFile.write(b, to: output + "/" + name)
            if name.hasSuffix(".csv") { rows += b.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } - 1 }
        }
        times.append(ms(now() - t))
        t = now()
        precondition((try? UKERecalc.stream(path: input, name: "santei-bench-in.UKE", output: recalcOutput, reportPath: nil,
                                            masters: set, pricer: pricer, options: .init(keepAllUnits: false))) != nil)
        recalcTimes.append(ms(now() - t))
    }
    let m = median(times), r = median(recalcTimes)
    // The ratio taken run by run (each aggregate run beside the recalc run after it): the machine's speed
    // drifts between runs, so a ratio of the two medians can pair a fast run with a slow one.
    let ratios = zip(recalcTimes, times).map { $0 / $1 * 100 }
    let ratio = median(ratios)
    let what = generated ? "generated 入院外 claims of 2024-06" : "real 2021-10 sample repeated"
    let runs = { (x: [Double]) in x.map { String(format: "%.0f", $0) }.joined(separator: "/") }
    return Result(name: "aggregate all cores (\(claims) claims, \(what))", unit: "claims/s",
                  value: Double(claims) / (m / 1000), runs: times.count, peakMemoryMB: peakMB(),
                  detail: "\(String(format: "%.0f", m)) ms, \(bytes.count / 1_048_576) MiB in; --by code,day,prefecture,age_band,sex, min cell 10; \(rows) CSV rows; read in 32 MB chunks + parse + price + count + suppress + atomic writes; runs \(runs(times)) ms. Beside it, `uke recalc --output` streamed on the same file, run for run: \(String(format: "%.0f", r)) ms (\(Int(Double(claims) / (r / 1000))) claims/s; runs \(runs(recalcTimes)) ms): aggregate at \(Int(ratio.rounded()))% of recalc's rate, run for run (median; runs \(ratios.map { String(Int($0.rounded())) }.joined(separator: "/"))%; target ≥ 80%)")
}

/// Issue 16 item 4, bounded memory: `santei aggregate` (the command, as a child process, on the snapshot) on
/// the 4,000,000-claim file of `uke-recalc-4m` (≈ 2.3 GB), three runs; the figure is the child's peak RSS, and
/// the bench exits 1 when it passes 256 MB.
func aggregate4MBenchmark() -> Result {
    let (input, claims, size) = fourMillionClaimFile()
    let output = NSTemporaryDirectory() + "santei-bench-aggregate-4m"
    let (times, peak) = childRuns(["aggregate", "--input", input, "--output", output, "--by", "code,day,prefecture,age_band,sex", "--snapshot", snapshotPath], runs: 3)
    try? FileManager.default.removeItem(atPath: output)
    let m = median(times)
    if peak > 256 {
        FileHandle.standardError.write(Data("aggregate-4m: peak RSS \(String(format: "%.0f", peak)) MB is over the 256 MB target\n".utf8))
        exit(1)
    }
    return Result(name: "aggregate bounded memory (\(claims) claims, real 2021-10 sample repeated, one IR and GO)", unit: "claims/s",
                  value: Double(claims) / (m / 1000), runs: times.count, peakMemoryMB: peak,
                  detail: "\(String(format: "%.0f", m)) ms, \(size >> 20) MiB in; `santei aggregate --by code,day,prefecture,age_band,sex` as a child process (chunks of 8 MB, all cores, snapshot load included); peak RSS of the child \(String(format: "%.0f", peak)) MB (target < 256 MB); runs \(times.map { String(format: "%.0f", $0) }.joined(separator: "/")) ms")
}

/// `santei price`'s work on 30,000 generated 入院外 claims of 2024-06 (santei-gen, seed 1): decode, the
/// audit's apply (背反・包括・算定回数, the default of `santei price`; not with `audit: false`, i.e.
/// `--audit off`), price with add-on and 判断料 derivation, encode; all cores; on the real masters.
func priceBenchmark(parallel: Bool = true, audit: Bool = true, derive: Bool = false, inpatient: Bool = false, explain: Explain = .compact) -> Result {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let rules = try! MasterLocator.defaultDirectory().map { try BundledTestRules.load(path: $0 + "/params/bundled-tests.json") }!
    var pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: rules))
    if inpatient { pricer.inpatientRules = try! InpatientRules.load(directory: MasterLocator.defaultDirectory()! + "/params/inpatient") }
    let context = ServiceLines.PriceContext(pricer: pricer, audit: audit ? (Auditor(masters: set), .apply) : nil,
                                            copayParameters: Swift.Result { () throws(MasterLoadError) in try CopayParameters.loadDefault() },
                                            explain: explain)
    let generator = try! ClaimGenerator(masters: set, year: 2024, month: 6)
    var rng = SplitMix64(seed: 1)
    // With `derive`, the same claims state what issue 12 derives from: 院外 (even claims) or 院内 (odd) for
    // every encounter, a 薬剤師, and 施設基準 (外来感染対策向上加算, 時間外対応加算１, 検体検査管理加算, 機能強化加算).
    let facts = #"{"kind":"clinic","pharmacist":true,"standards":[{"code":3826,"from":"2022-04-01"},{"code":3001,"from":"2022-04-01"},{"code":817,"from":"2022-04-01"},{"code":3522,"from":"2022-04-01"}]}"#
    // 入院 (issue 11 item 7): `santei-gen --inpatient` stays (1–60 days across the month, daily orders, meals).
    let count = inpatient ? 5_000 : 30_000
    let lines = (0..<count).map { n -> [UInt8] in
        if inpatient { return Array(generator.inpatientClaim(n, using: &rng).utf8) }
        let line = generator.claim(n, using: &rng)
        guard derive else { return Array(line.utf8) }
        return Array(line.replacingOccurrences(of: #"{"date":"#, with: n % 2 == 0 ? #"{"dispensing":"outside","date":"# : #"{"dispensing":"in_house","date":"#)
            .replacingOccurrences(of: #"{"kind":"clinic"}"#, with: facts).utf8)
    }
    var times: [Double] = []
    var bytesOut = 0
    for _ in 0..<3 {
        let t = now()
        bytesOut = 0
        Batch.run(count: lines.count, parallel: parallel, body: { k -> Int in
            guard case .success(let out) = ServiceLines.price(lines[k][...], line: k + 1, context) else { return 0 }
            return out.count
        }, emit: { bytesOut += $0 })
        times.append(ms(now() - t))
    }
    let m = median(times)
    if inpatient {
        return Result(name: "price JSON claims (5,000 generated 入院 claims: santei-gen --inpatient, \(parallel ? "all cores" : "1 core"))", unit: "claims/s", value: Double(count) / (m / 1000), runs: times.count,
                      peakMemoryMB: peakMB(), detail: "\(String(format: "%.0f", m)) ms (range \(String(format: "%.0f–%.0f", times.min()!, times.max()!))); 入院料 by day, 加算, meals, the bill; \(bytesOut / 1024) KiB out")
    }
    return Result(name: "price JSON claims (30,000 generated 入院外 claims, \(parallel ? "all cores" : "1 core")\(audit ? "" : ", --audit off")\(explain == .full ? ", --explain full" : "")\(derive ? ", 院内/院外 and 施設基準 stated: 投薬 fees and 施設基準 add-ons derived" : ""))", unit: "claims/s", value: 30_000 / (m / 1000), runs: times.count,
                  peakMemoryMB: peakMB(), detail: "\(String(format: "%.0f", m)) ms; byte-level claim reader and writer; \(bytesOut / 1024) KiB out")
}

/// `santei audit`'s work on the same 30,000 generated claims as `price` (seed 1): decode, audit with every
/// check (advise; the same checks run in apply), write the finding lines; all cores; on the real masters.
func auditBenchmark() -> Result {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let auditor = Auditor(masters: set)
    let generator = try! ClaimGenerator(masters: set, year: 2024, month: 6)
    var rng = SplitMix64(seed: 1)
    let lines = (0..<30_000).map { Array(generator.claim($0, using: &rng).utf8) }
    var times: [Double] = []
    var bytesOut = 0, findings = 0
    for _ in 0..<3 {
        let t = now()
        bytesOut = 0; findings = 0
        Batch.run(count: lines.count, body: { k -> (Int, Int) in
            var out: [UInt8] = []
            guard let claim = try? ClaimJSON.parse(lines[k][...]), let result = try? auditor.audit(claim, mode: .advise) else { return (0, 0) }
            AuditOutput.write(result, line: k + 1, into: &out)
            return (out.count, result.findings.count)
        }, emit: { bytesOut += $0.0; findings += $0.1 })
        times.append(ms(now() - t))
    }
    let m = median(times)
    return Result(name: "Audit claims (30,000 generated 入院外 claims, all cores)", unit: "claims/s", value: 30_000 / (m / 1000), runs: times.count,
                  peakMemoryMB: peakMB(), detail: "\(String(format: "%.0f", m)) ms; every check (advise), \(findings) findings, \(bytesOut / 1024) KiB out; compare with price")
}

/// The 会計 desk call through the library: `ClaimPricer.priceEncounter` for every encounter of 5,000
/// generated claims, one at a time on one thread; p50 / p99 / max latency.
func encounterLatencyBenchmark() -> Result {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let rules = try! MasterLocator.defaultDirectory().map { try BundledTestRules.load(path: $0 + "/params/bundled-tests.json") }!
    let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: rules))
    let generator = try! ClaimGenerator(masters: set, year: 2024, month: 6)
    var rng = SplitMix64(seed: 3)
    let claims = (0..<5_000).map { try! ClaimJSON.parse(Array(generator.claim($0, using: &rng).utf8)[...]) }
    for c in claims.prefix(200) { for e in c.encounters.indices { _ = try? pricer.priceEncounter(c, encounter: e) } }   // warm the per-chain indexes
    var latencies: [Double] = []
    for c in claims {
        for e in c.encounters.indices {
            let t = now()
            _ = try? pricer.priceEncounter(c, encounter: e, explain: .compact)   // as the window call explains
            latencies.append(Double(now() - t) / 1000)   // µs
        }
    }
    latencies.sort()
    let p50 = latencies[latencies.count / 2], p99 = latencies[latencies.count * 99 / 100]
    return Result(name: "price one encounter with month-to-date context (library, 1 thread)", unit: "µs p50", value: p50, runs: latencies.count,
                  peakMemoryMB: peakMB(), detail: String(format: "p50 %.1f µs, p99 %.1f µs, max %.1f µs over %d encounters of 5,000 generated claims (compact explanations, as the window call)", p50, p99, latencies.last!, latencies.count))
}

/// Issue 10: `santei serve` under a real HTTP client — `Benchmarks/serve-load.sh` (wrk from Debian, installed by
/// the script; 64 keep-alive connections, `POST /v1/encounter` of generated 2024-06 encounters, 30 s a run),
/// SERVE_RUNS times (default 3). The value is the median req/s; the detail gives each run's req/s, the median
/// run's p50/p99/p99.9, errors and the server's RSS (start → end, peak). wrk runs on the same cores.
func serveLoadBenchmark() -> Result {
    let bin = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    let runs = Int(env["SERVE_RUNS"] ?? "") ?? 3
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("serve-load.sh").path
    var rows: [[String: Any]] = []
    for k in 0..<runs {
        let out = NSTemporaryDirectory() + "santei-serve-load-\(k).json"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script]
        var e = env
        e["SANTEI_BIN"] = bin
        e["OUT"] = out
        p.environment = e
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { fatalError("serve-load.sh: \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: out),
              let row = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { fatalError("serve-load.sh failed (exit \(p.terminationStatus))") }
        rows.append(row)
    }
    func num(_ r: [String: Any], _ k: String) -> Double { (r[k] as? NSNumber)?.doubleValue ?? 0 }
    let sorted = rows.sorted { num($0, "requests_per_second") < num($1, "requests_per_second") }
    let m = sorted[sorted.count / 2]
    let errors = rows.map { num($0, "non_2xx") + num($0, "socket_errors") + num($0, "server_errors") }.reduce(0, +)
    let detail = String(format: "median run: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; runs %@ req/s; %.0f errors in all runs; server RSS %.1f → %.1f MB (%+.1f %%), peak %.1f MB; libSanteiC %.0f calls/s on one thread; load average at end %.2f",
                        num(m, "p50_ms"), num(m, "p99_ms"), num(m, "p999_ms"), sorted.map { String(Int(num($0, "requests_per_second"))) }.joined(separator: "/"),
                        errors, num(m, "rss_start_mb"), num(m, "rss_end_mb"), num(m, "rss_growth_percent"), rows.map { num($0, "rss_peak_mb") }.max() ?? 0,
                        num(m, "c_library_calls_per_second_one_thread"), num(m, "load_average_at_end"))
    return Result(name: "serve POST /v1/encounter, wrk 64 keep-alive connections, 30 s (Benchmarks/serve-load.sh)", unit: "req/s",
                  value: num(m, "requests_per_second"), runs: rows.count, peakMemoryMB: rows.map { num($0, "rss_peak_mb") }.max() ?? 0, detail: detail)
}

/// name → (what it measures, body returning a result)

/// One 30-day 入院 receipt (issue 11): 急性期一般入院料１ with its 入院期間加算, 外泊 on two days, the 体制 加算 the
/// facility notified (入院初日, 14日を限度), three meals a day with 特別食, and daily orders (検査, 内服, 注射) in
/// 30 encounters; priced whole (JSON in and out) on one core, on the real masters.
func inpatientPriceBenchmark() -> Result {
    let set = try! MasterSet.load(snapshot: snapshotPath)
    let dir = MasterLocator.defaultDirectory()!
    let rules = try! BundledTestRules.load(path: dir + "/params/bundled-tests.json")
    var pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: rules))
    pricer.inpatientRules = try! InpatientRules.load(directory: dir + "/params/inpatient")
    var encounters: [String] = [], meals: [String] = []
    for d in 1...30 {
        let date = "2024-06-\(d < 10 ? "0" : "")\(d)"
        encounters.append(#"{"date":"\#(date)","orders":[{"category":60,"items":[{"code":"160000410"},{"code":"160008010"}]},{"category":21,"times":1,"items":[{"code":"620002477","quantity":3}]},{"category":33,"items":[{"code":"130003810"},{"code":"620007288","quantity":1}]}]}"#)
        if d != 12 && d != 13 { meals.append(#"{"date":"\#(date)","served":["breakfast","lunch","dinner"],"special":["dinner"],"dining_room":true}"#) }
    }
    let standards = [3525, 3268, 4490, 3291, 3288, 3025, 642].map { #"{"code":\#($0),"from":"2024-04-01"}"# }.joined(separator: ",")
    let line = #"{"id":"stay","patient":{"birth_date":"1950-05-05"},"facility":{"kind":"hospital","beds":180,"standards":[\#(standards)]},"encounters":[\#(encounters.joined(separator: ","))],"admission":{"date":"2024-06-01","discharge":"2024-06-30","ward":{"basic_fee":"190117710"},"leave":[{"date":"2024-06-12"},{"date":"2024-06-13"}],"meals":[\#(meals.joined(separator: ","))]},"insurance":{"income_class":"一般","meal_class":"一般"}}"#
    let bytes = Array(line.utf8)
    let copay = try! CopayParameters.loadDefault()
    // Warm-up (per-chain indexes built once) and a check that the claim prices completely.
    let warm = try! pricer.price(try! ClaimJSON.parse(bytes[...]), explain: .compact)
    precondition(warm.complete && warm.admission != nil, "the benchmark stay must price completely: \(warm.issues)")
    let n = 2_000
    var times: [Double] = []
    var out: [UInt8] = []
    for _ in 0..<5 {
        let t = now()
        for k in 0..<n {
            out.removeAll(keepingCapacity: true)
            let claim = try! ClaimJSON.parse(bytes[...])
            var priced = try! pricer.price(claim, explain: .compact)
            priced.copay = try! ClaimCopay.compute(claim, priced, parameters: copay)
            ClaimJSON.write(priced, line: k + 1, into: &out)
        }
        times.append(ms(now() - t))
    }
    let m = median(times), lo = times.min()!, hi = times.max()!
    return Result(name: "price 入院 claims (30-day stay, daily orders, meals, 1 core)", unit: "claims/s", value: Double(n) / (m / 1000), runs: times.count,
                  peakMemoryMB: peakMB(), detail: String(format: "%.1f µs per claim (range %.1f–%.1f); %d points, bill included; %d bytes out", m * 1000 / Double(n), lo * 1000 / Double(n), hi * 1000 / Double(n), warm.totalPoints, out.count))
}

let benchmarks: [(String, () -> Result)] = [
    ("masters-csv-load", {
        var times: [Double] = []
        var set: MasterSet?
        for _ in 0..<3 { let t = now(); set = buildReal(); times.append(ms(now() - t)) }
        return Result(name: "Masters CSV load (real set, all kinds)", unit: "ms", value: median(times), runs: times.count, peakMemoryMB: peakMB(),
                      detail: "\(set!.chains.count) chains, \(set!.versionCount) versions, decode CP932 + parse + apply updates, 2 threads")
    }),
    ("snapshot-compile", {
        var times: [Double] = []
        var size = 0
        for _ in 0..<3 {
            let t = now()
            let set = buildReal()
            do { try set.writeSnapshot(to: snapshotPath) } catch { fatalError("\(error)") }
            times.append(ms(now() - t))
            size = set.withImage { $0.count }
        }
        return Result(name: "Snapshot compile (real set: CSV load + write)", unit: "ms", value: median(times), runs: times.count, peakMemoryMB: peakMB(),
                      detail: "snapshot \(size) bytes (\(String(format: "%.1f", Double(size) / 1_048_576)) MiB)")
    }),
    ("snapshot-load", {
        let base = peakMB()
        var times: [Double] = []
        var versions = 0
        for _ in 0..<21 {
            let t = now()
            let set = try! MasterSet.load(snapshot: snapshotPath)
            times.append(ms(now() - t))
            versions = set.versionCount
        }
        return Result(name: "Snapshot load (real set: read, verify checksum, map)", unit: "ms", value: median(times), runs: times.count, peakMemoryMB: peakMB(),
                      detail: "\(versions) versions, \(String(format: "%.1f", Double(try! FileManager.default.attributesOfItem(atPath: snapshotPath)[.size] as! Int) / 1_048_576)) MiB mapped; process peak before loading \(String(format: "%.0f", base)) MB")
    }),
    ("price", { priceBenchmark() }),
    ("price-1core", { priceBenchmark(parallel: false) }),
    ("price-audit-off", { priceBenchmark(audit: false) }),
    ("price-explain-full", { priceBenchmark(explain: .full) }),
    ("price-inpatient-1core", { inpatientPriceBenchmark() }),
    ("price-inpatient", { priceBenchmark(inpatient: true) }),
    ("price-derive", { priceBenchmark(derive: true) }),
    ("encounter-latency", { encounterLatencyBenchmark() }),
    ("serve-load", { serveLoadBenchmark() }),
    ("audit", { auditBenchmark() }),
    ("uke-recalc", { ukeRecalcBenchmark(parallel: true) }),
    ("uke-recalc-1core", { ukeRecalcBenchmark(parallel: false) }),
    ("uke-recalc-blank", { ukeRecalcBenchmark(parallel: true, blankPoints: true) }),
    ("uke-recalc-generated", { ukeRecalcBenchmark(parallel: true, generated: true) }),
    ("uke-recalc-generated-1core", { ukeRecalcBenchmark(parallel: false, generated: true) }),
    ("uke-recalc-4m", { ukeRecalc4MBenchmark() }),
    ("uke-recalc-inpatient", { ukeRecalcBenchmark(parallel: true, inpatient: true) }),
    ("uke-recalc-inpatient-1core", { ukeRecalcBenchmark(parallel: false, inpatient: true) }),
    ("aggregate", { aggregateBenchmark(generated: false) }),
    ("aggregate-generated", { aggregateBenchmark(generated: true) }),
    ("aggregate-4m", { aggregate4MBenchmark() }),
    ("lookups", {
        let set = try! MasterSet.load(snapshot: snapshotPath)
        // Codes from both 医科診療行為 chains, dates spread over 2020-04 … 2026-05.
        var codes: [UInt64] = []
        for c in set.chains(of: .procedure) { for i in 0..<c.table.codeCount { codes.append(c.table.code(at: i)) } }
        var rng = SystemRandomNumberGenerator()
        let start = ServiceDate("20200401")!.dayNumber, end = ServiceDate("20260531")!.dayNumber
        let n = 1_000_000
        let queries: [(UInt64, ServiceDate)] = (0..<n).map { _ in
            (codes[Int.random(in: 0..<codes.count, using: &rng)], ServiceDate(dayNumber: Int.random(in: start...end, using: &rng)))
        }
        var times: [Double] = []
        var found = 0
        for _ in 0..<5 {
            found = 0
            let t = now()
            for (code, date) in queries {
                if let r = try? set.record(.procedure, code: code, on: date), r.version >= 0 { found += 1 }
            }
            times.append(ms(now() - t))
        }
        let m = median(times)
        return Result(name: "Lookups (1,000,000 random (code, date) on the real s master)", unit: "lookups/s", value: Double(n) / (m / 1000), runs: times.count,
                      peakMemoryMB: peakMB(), detail: "\(String(format: "%.1f", m)) ms per million, \(found) found valid; 1 thread, resolve + hash + version scan")
    }),
]

func runChild(_ name: String) -> Result? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
    p.arguments = ["--only", name, "--child"]
    let pipe = Pipe()
    p.standardOutput = pipe
    do { try p.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return try? JSONDecoder().decode(Result.self, from: data)
}

var args = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
var only: String?
var child = false
var scaling = false
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--json": jsonPath = args.isEmpty ? nil : args.removeFirst()
    case "--only": only = args.isEmpty ? nil : args.removeFirst()
    case "--child": child = true
    case "--write-uke":
        guard args.count >= 2 else { exit(2) }
        writeUKEInput(kind: args[0], path: args[1])
        exit(0)
    case "--scaling": scaling = true
    default:
        print("usage: santei-bench [--json FILE] [--only \(benchmarks.map(\.0).joined(separator: "|"))] [--scaling]")
        exit(2)
    }
}

guard FileManager.default.fileExists(atPath: mastersDir) else {
    FileHandle.standardError.write("santei-bench: no real masters at \(mastersDir); set SANTEI_SHARED\n".data(using: .utf8)!)
    exit(1)
}

if child, let only, let body = benchmarks.first(where: { $0.0 == only })?.1 {
    let r = body()
    FileHandle.standardOutput.write(try! JSONEncoder().encode(r))
    exit(0)
}

var results: [Result] = []
if only == nil || only != "masters-csv-load" && only != "snapshot-compile" {
    FileHandle.standardError.write("setup: compiling the real set to \(snapshotPath)…\n".data(using: .utf8)!)
    freshSnapshot()
}
/// Issue 15 item 6 (`--scaling`): the 1-core and all-core rows of `uke recalc` and `price`, the per-core rate,
/// the speed-up and the serial fraction (Karp–Flatt: e = (1/S − 1/p) / (1 − 1/p) for speed-up S on p cores), and
/// Amdahl's projection of a 9×10⁷-claim month on 16, 64 and 192 cores from them. The projection assumes the
/// serial fraction stays as measured; memory bandwidth, the page cache and the disk are not in it.
let scalingPairs = [("uke-recalc-1core", "uke-recalc", "uke recalc (real 2021-10 sample, 200,000 claims)"),
                    ("price-1core", "price", "price (30,000 generated 入院外 claims, derivation and audit)")]
let selected: [String] = scaling ? scalingPairs.flatMap { [$0.0, $0.1] } : benchmarks.map(\.0).filter { only == nil || only == $0 }
for name in selected {
    FileHandle.standardError.write("running \(name)…\n".data(using: .utf8)!)
    guard let r = runChild(name) else { FileHandle.standardError.write("  \(name) failed\n".data(using: .utf8)!); exit(1) }
    results.append(r)
}
if scaling {
    let p = Double(ProcessInfo.processInfo.activeProcessorCount)
    for (k, pair) in scalingPairs.enumerated() {
        let r1 = results[2 * k].value, rp = results[2 * k + 1].value
        let speedup = rp / r1
        let serial = p > 1 ? max(0, min(1, (1 / speedup - 1 / p) / (1 - 1 / p))) : 1
        func projected(_ cores: Double) -> String {
            let s = 1 / (serial + (1 - serial) / cores)
            let seconds = 90_000_000 / (r1 * s)
            return "\(Int(cores)) cores: ×\(String(format: "%.1f", s)), \(String(format: "%.0f", seconds)) s (\(String(format: "%.1f", seconds / 60)) min)"
        }
        results.append(Result(name: "Scaling: \(pair.2)", unit: "serial fraction", value: serial, runs: results[2 * k].runs + results[2 * k + 1].runs,
                              peakMemoryMB: max(results[2 * k].peakMemoryMB, results[2 * k + 1].peakMemoryMB),
                              detail: "per core \(String(format: "%.0f", r1)) claims/s; \(Int(p)) cores \(String(format: "%.0f", rp)) claims/s (speed-up ×\(String(format: "%.2f", speedup))); a 9×10⁷-claim month at the serial fraction measured: \([16.0, 64, 192].map(projected).joined(separator: "; ")); not modelled: memory bandwidth, page cache, disk"))
    }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
print(pad("benchmark", 62) + pad("value", 16) + pad("unit", 11) + pad("runs", 6) + "peak MB")
for r in results {
    let v = r.unit == "ms" ? String(format: "%.1f", r.value) : r.unit == "serial fraction" ? String(format: "%.3f", r.value) : String(format: "%.0f", r.value)
    print(pad(r.name, 62) + pad(v, 16) + pad(r.unit, 11) + pad("\(r.runs)", 6) + String(format: "%.0f", r.peakMemoryMB))
    print("    " + r.detail)
}
let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB"
struct Report: Codable { var machine: String; var results: [Result] }
let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = try! enc.encode(Report(machine: machine, results: results))
if let jsonPath { try! json.write(to: URL(fileURLWithPath: jsonPath)) }
print(String(decoding: json, as: UTF8.self))
