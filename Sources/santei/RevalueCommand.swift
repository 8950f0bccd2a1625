import Foundation
import Santei

/// `santei revalue --input FILE --from D1 --to D2 [--output deltas.jsonl] [--report report.html]`
func revalueCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard let input = args.options["input"] else { throw UsageError(message: "revalue needs --input FILE (JSON lines or RECEIPTC.UKE)") }
    guard let from = try args.date("from"), let to = try args.date("to") else { throw UsageError(message: "revalue needs --from and --to dates") }
    try checkDistinct(inputs: [("--input", input)], outputs: [("output", args.options["output"]), ("report", args.options["report"])])
    let bytes = try readInput(input)
    let set = try loadMasters(args)
    let unitPricer = UnitPricer(bundled: try lawParameters())
    for (name, d) in [("--from", from), ("--to", to)] {
        do { _ = try set.resolve(.procedure, on: d) } catch { throw InputError(message: "\(name) \(d): \(error)") }
    }
    var revaluation = Revaluation(from: from, to: to)
    var errorIDs: [Int: String] = [:]  // input line → the claim id read before its error
    let isUKE = UKEDocument.looksLikeUKE(bytes, name: input)
    if isUKE {
        let doc = UKEDocument(bytes: bytes, name: (input as NSString).lastPathComponent)
        revaluation.add(uke: doc, masters: set, pricer: unitPricer)
    } else {
        let pricer = ClaimPricer(masters: set, unitPricer: unitPricer)
        let lines = Batch.lines(bytes)
        let showProgress = args.flags.contains("progress") || isatty(2) != 0
        var k = 0
        Batch.run(count: lines.count, body: { k -> Result<(ClaimSummary, ClaimSummary), ClaimError> in
            let (_, range) = lines[k]
            do throws(ClaimError) {
                let claim = try ClaimJSON.parse(bytes[range])
                return .success((ClaimSummary(try pricer.price(claim, explain: false, mastersDate: from), claim),
                                 ClaimSummary(try pricer.price(claim, explain: false, mastersDate: to), claim)))
            } catch { return .failure(error) }
        }, emit: { result in
            let number = lines[k].number
            switch result {
            case .success(let (a, b)): revaluation.add(line: number, a, b)
            case .failure(let e): revaluation.errors.append((number, e.message)); if let id = e.claimID { errorIDs[number] = id }
            }
            k += 1
        }, progress: showProgress ? progressLine("claims") : nil)
    }
    // Per-claim deltas, in input order, errors as error lines.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var lines: [(Int, [UInt8])] = revaluation.deltas.map { ($0.line, Array(try! encoder.encode($0))) }
    lines += revaluation.errors.map { e in
        var out: [UInt8] = []
        ClaimJSON.writeError(e.message, line: e.line, id: errorIDs[e.line], into: &out)
        return (e.line, out)
    }
    lines.sort { $0.0 < $1.0 }
    var deltaBytes: [UInt8] = []
    for (_, l) in lines { deltaBytes += l; deltaBytes.append(10) }
    try writeOutputFile(deltaBytes, to: args.options["output"] ?? "-", out)
    if let path = args.options["report"] {
        let html = revaluation.html(title: "Santei revaluation \(from) → \(to): \((input as NSString).lastPathComponent)") { code in
            for d in [to, from] {
                if let r = (try? set.record(.procedure, code: code, on: d)) ?? nil { return r[ProcedureColumn.abbreviatedName] }
                if let r = (try? set.record(.drug, code: code, on: d)) ?? nil { return r[DrugColumn.name] }
                if let r = (try? set.record(.device, code: code, on: d)) ?? nil { return r[DeviceColumn.name] }
            }
            return ""
        }
        try writeOutputFile(Array(html.utf8), to: path, out)
    }
    let total = revaluation.totalTo - revaluation.totalFrom
    printError("\(revaluation.deltas.count) claims revalued \(from) → \(to): \(revaluation.totalFrom) → \(revaluation.totalTo) 点 (\(total >= 0 ? "+" : "")\(total)); \(revaluation.errors.count) errors")
    // JSON claims: orders no loaded master prices on a date are not a silent zero — their claims' deltas are incomplete,
    // said here (each claim's `unpriced_from` / `unpriced_to` counts them, the report lists them). A UKE unit keeps its
    // stated points then (as `uke recalc` does). The run itself is not at fault: the exit status stays 0.
    let unpricedFrom = revaluation.deltas.filter { $0.unpricedFrom > 0 }, unpricedTo = revaluation.deltas.filter { $0.unpricedTo > 0 }
    if !isUKE && (!unpricedFrom.isEmpty || !unpricedTo.isEmpty) {
        let first = (unpricedFrom + unpricedTo).prefix(5).map { "line \($0.line)" + ($0.id.isEmpty ? "" : " (\($0.id))") }.joined(separator: ", ")
        printError("warning: \(unpricedFrom.count) claims have orders not priced on \(from), \(unpricedTo.count) on \(to) (a code with no version valid then, or a kind no loaded master covers): their deltas are incomplete — \(first)")
    }
    return revaluation.errors.isEmpty ? .ok : .badInput
}
