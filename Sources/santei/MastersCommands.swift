import Foundation
import Santei

func mastersCompile(_ args: Arguments, _ out: Output) throws -> Exit {
    guard let path = args.options["out"] else { throw UsageError(message: "masters compile needs --out FILE") }
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    // The snapshot never replaces a file it is built from (review 98: --out naming a master of the folder wrote over it).
    var inputs: [(String, String?)] = [("snapshot", args.options["snapshot"])]
    if let dir = args.options["masters"], let plan = try? MasterSetBuilder.plan(directory: dir) {
        inputs += plan.chains.flatMap { c in c.files.map { ("masters file", Optional($0.path)) } }
    }
    try checkDistinct(inputs: inputs, outputs: [("out", path)])
    let start = DispatchTime.now()
    let set = try loadMasters(args)
    do { try set.writeSnapshot(to: path) } catch let e as AtomicFile.WriteError { throw InputError(message: e.description) } catch { throw InputError(message: "cannot write \(path): \(error)") }
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let size = set.withImage { $0.count }
    out.write("wrote \(path): \(set.chains.count) chains, \(set.versionCount) versions, \(size) bytes, format \(SnapshotFormat.version), in \(Int(ms)) ms")
    for c in set.chains { out.write("  \(c.kind.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(c.label): \(c.manifest.sources.count) files, \(c.table.versionCount) versions, covers \(c.coverage.lowerBound)…\(c.coverage.upperBound)") }
    writeIgnored(args, out)
    return .ok
}

/// The files of a `--masters` folder that are no master file by their name (READMEs, `s_ALL20240531 (1).csv`,
/// `….crdownload`): listed, so that nothing a user meant to load is skipped silently.
func writeIgnored(_ args: Arguments, _ out: Output) {
    guard let dir = args.options["masters"], let plan = try? MasterSetBuilder.plan(directory: dir), !plan.ignored.isEmpty else { return }
    out.write("not read (not named as a master file): \(plan.ignored.prefix(20).joined(separator: ", "))\(plan.ignored.count > 20 ? " … (\(plan.ignored.count) files)" : "")")
}

func mastersInfo(_ args: Arguments, _ out: Output) throws -> Exit {
    let set = try loadMasters(args)
    out.write("format \(set.manifest.formatVersion), \(set.chains.count) chains, \(set.versionCount) versions")
    for c in set.chains {
        out.write("\(c.kind.rawValue) \(c.kind.japaneseName) — \(c.label): \(c.table.codeCount) codes, \(c.table.versionCount) versions, covers \(c.coverage.lowerBound)…\(c.coverage.upperBound)")
        for s in c.manifest.sources { out.write("    \(s.role == .full ? "full  " : "update") \(s.name) \(s.rows) rows sha256 \(s.sha256)") }
    }
    writeIgnored(args, out)
    return .ok
}

func mastersInspect(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.count == 1 else { throw UsageError(message: "masters inspect takes one CODE") }
    let code = args.positional[0]
    var kind: MasterKind?
    if let k = args.options["kind"] {
        guard let parsed = MasterKind(rawValue: k) else { throw UsageError(message: "--kind \(k) is not one of s, y, t, c, b, z") }
        kind = parsed
    }
    guard kind != nil || MasterInspection.kind(ofCode: code) != nil else {
        throw InputError(message: MasterInspection.notACodeReason(code, shown: code.utf8.count > 40 ? "\(code.prefix(40))… (\(code.utf8.count) bytes)" : code))
    }
    let date = try args.date("date") ?? today()
    let set = try loadMasters(args)
    let found: MasterInspection?
    do { found = try MasterInspection.inspect(set, code: code, kind: kind, on: date) } catch { throw InputError(message: "\(error)") }
    guard let r = found else { throw InputError(message: MasterInspection.notFoundReason(code, kind: kind, on: date)) }
    out.write("\(r.kind.japaneseName) \(r.code) on \(r.date) — version valid \(r.validFrom)…\(r.validTo) (\(r.chain))")
    let width = r.lines.map { $0.label.count }.max() ?? 0
    for line in r.lines { out.write("  " + line.label + String(repeating: "　", count: max(0, width - line.label.count)) + "  " + line.value) }
    if r.kind == .procedure {
        out.write("電子点数表:")
        if r.relations.isEmpty { out.write("  (no relations on this date)") }
        for (table, lines) in r.relations {
            out.write("  \(table):")
            for l in lines { out.write("    \(l)") }
        }
    }
    return .ok
}

func mastersDiff(_ args: Arguments, _ out: Output) throws -> Exit {
    guard let from = try args.date("from"), let to = try args.date("to") else { throw UsageError(message: "masters diff needs --from and --to") }
    let kind = try args.options["kind"].map { k in
        guard let parsed = MasterKind(rawValue: k), !parsed.isTensuhyo, parsed != .commentRelation else { throw UsageError(message: "--kind \(k) is not one of s, y, t, c, b, z") }
        return parsed
    } ?? .procedure
    let limit = try args.options["limit"].map { l in
        guard let n = wholeNumber(l), n >= 0 else { throw UsageError(message: "--limit \(l) is not a number") }
        return n
    } ?? Int.max
    let set = try loadMasters(args)
    let diff: MasterDiff
    do { diff = try MasterDiff.compute(set, kind: kind, from: from, to: to) } catch { throw InputError(message: "\(error)") }
    out.write("\(kind.japaneseName) (\(kind.rawValue)): \(from) → \(to): \(diff.added.count) new, \(diff.changed.count) changed, \(diff.abolished.count) abolished")
    out.write("New:")
    for a in diff.added.prefix(limit) { out.write("  \(a.code) \(a.name) \(a.amount)") }
    out.write("Changed:")
    for c in diff.changed.prefix(limit) {
        let amount = c.oldAmount == c.newAmount ? c.newAmount : "\(c.oldAmount) → \(c.newAmount)"
        out.write("  \(c.code) \(c.name) \(amount) [\(c.columns.joined(separator: ", "))]")
    }
    out.write("Abolished:")
    for a in diff.abolished.prefix(limit) { out.write("  \(a.code) \(a.name) \(a.amount)") }
    return .ok
}

func today() -> ServiceDate {
    var t = time(nil)
    var tmv = tm()
    localtime_r(&t, &tmv)
    return ServiceDate(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday))!
}
