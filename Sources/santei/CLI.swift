import Foundation
import Santei

/// Exit codes: 0 ok, 1 bad input (files, codes, dates), 2 usage.
enum Exit: Int32 { case ok = 0, badInput = 1, usage = 2 }

struct UsageError: Error { var message: String }
struct InputError: Error { var message: String }

/// `--name value`, `--name=value`, `--flag` and positional words.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    /// Every value of an option given more than once (`options` keeps the last), e.g. `--input A --input B`.
    var repeated: [String: [String]] = [:]
    var flags: Set<String> = []

    /// `repeatable`: options that may be given more than once (`aggregate --input A --input B`); any other given twice is
    /// a usage error (which one was meant cannot be told: `--explain compact --explain full`).
    init(_ args: ArraySlice<String>, values: Set<String>, flags allowed: Set<String>, repeatable: Set<String> = []) throws {
        var i = args.startIndex
        while i < args.endIndex {
            let a = args[i]
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2)), value: String?
                if let eq = name.firstIndex(of: "=") { value = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
                if values.contains(name) {
                    if value == nil {
                        i += 1
                        guard i < args.endIndex else { throw UsageError(message: "--\(name) needs a value") }
                        value = args[i]
                        // The next word is an option of the command: this one was given no value (review 417 JE-9: `--audit --explain
                        // full` said "unexpected argument full").
                        if args[i].hasPrefix("--"), case let next = String(args[i].dropFirst(2).prefix { $0 != "=" }), values.contains(next) || allowed.contains(next) {
                            throw UsageError(message: "--\(name) needs a value (the next word is the option \(args[i]))")
                        }
                    }
                    if let before = options[name], !repeatable.contains(name) {
                        throw UsageError(message: "--\(name) is given twice (\(before), \(value!)): give it once")
                    }
                    options[name] = value
                    repeated[name, default: []].append(value!)
                } else if allowed.contains(name) && value == nil {
                    guard flags.insert(name).inserted else { throw UsageError(message: "--\(name) is given twice: give it once") }
                } else {
                    throw UsageError(message: "unknown option --\(name)")
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func date(_ name: String) throws -> ServiceDate? {
        guard let text = options[name] else { return nil }
        guard let d = ServiceDate.dashed(text) else { throw UsageError(message: "--\(name) \(text) is not a date (YYYY-MM-DD)") }
        return d
    }
}

/// A count on the command line as the help writes it: `0` or digits without a sign or a leading zero, at most
/// 18 of them (review 417 JE-7: `--threads +5` and `--threads 007` were taken as 5 and 7).
func wholeNumber(_ text: String) -> Int? {
    let u = Array(text.utf8)
    guard (1...18).contains(u.count), u.allSatisfy({ $0 >= 48 && $0 <= 57 }), u.count == 1 || u[0] != 48 else { return nil }
    return Int(text)
}

/// Standard error, unbuffered.
func printError(_ s: String) {
    let bytes = Array((s + "\n").utf8)
    _ = bytes.withUnsafeBytes { AtomicFile.writeAll(2, $0) }
}

/// Buffered standard output: one write per 64 KiB. A failed write (closed pipe, full disk) is kept
/// and reported when the command ends (`failure`), so the exit status says the output is incomplete.
final class Output {
    private var buffer: [UInt8] = []
    private(set) var failure: InputError?
    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }
    func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil {
            do { try Output.writeAll(buffer) } catch let e as InputError { failure = e } catch {}
        }
        buffer.removeAll(keepingCapacity: true)
    }
    deinit { flush() }

    /// Writes all of `bytes` to standard output, or throws naming the reason (SIGPIPE is ignored by
    /// `main`, so a closed pipe is EPIPE here).
    static func writeAll(_ bytes: [UInt8]) throws {
        let ok = bytes.withUnsafeBytes { AtomicFile.writeAll(1, $0) }
        if !ok { throw InputError(message: "cannot write standard output: \(AtomicFile.reason(errno))") }
    }

    /// A batch's output: to `--output FILE` atomically (`-` or absent: standard output, after what was printed).
    func emit(_ bytes: [UInt8], _ args: Arguments) throws {
        try writeOutputFile(bytes, to: args.options["output"] ?? "-", self)
    }
}

/// Runs a JSON-lines batch on every core: `body(k)` makes output line k (without its line break); lines
/// go out in input order, streamed 1 MiB at a time while the next batch is computed, to `--output FILE`
/// (atomically: a temporary file renamed into place at the end, as `emit`) or to standard output;
/// progress on stderr counts `noun`s. A failed write stops the writing (the jobs still finish) and
/// throws at the end.
func runLines(count: Int, noun: String, progress: Bool, _ body: @escaping @Sendable (Int) -> [UInt8],
              into out: Output, _ args: Arguments) throws {
    try streamLines(args, out) { sink in
        Batch.run(count: count, body: body, emit: sink.line, progress: progress ? progressLine(noun) : nil)
    }
}

/// Output lines handed to `streamLines`' producer: buffered 1 MiB at a time; a failed write stops the writing (the producer
/// still runs to its end) and is thrown at the end.
final class LineSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    fileprivate var failed: Int32? = nil
    fileprivate init(fd: Int32) { self.fd = fd; buffer.reserveCapacity((1 << 20) + (1 << 16)) }
    /// One output line (without its line break).
    func line(_ bytes: [UInt8]) {
        buffer += bytes
        buffer.append(10)
        if buffer.count >= 1 << 20 { flush() }
    }
    fileprivate func flush() {
        if failed == nil, !buffer.withUnsafeBytes({ AtomicFile.writeAll(fd, $0) }) { failed = errno }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Streams the lines `produce` hands to its sink to `--output FILE` (atomically: a temporary file renamed into place at the end,
/// and not when `produce` throws) or to standard output; what `produce` throws is thrown.
func streamLines(_ args: Arguments, _ out: Output, _ produce: (LineSink) throws -> Void) throws {
    let path = args.options["output"] ?? "-"
    var produceError: Error? = nil
    func run(_ fd: Int32) -> Bool {
        let sink = LineSink(fd: fd)
        do { try produce(sink) } catch { produceError = error }
        sink.flush()
        if produceError != nil { return false }
        if let failed = sink.failed { errno = failed; return false }
        return true
    }
    if path == "-" {
        out.flush()
        let ok = run(1)
        if let produceError { throw produceError }
        guard ok else { throw InputError(message: "cannot write standard output: \(AtomicFile.reason(errno))") }
    } else {
        do { try AtomicFile.write(to: path, run) } catch {
            if let produceError { throw produceError }
            throw InputError(message: "\(error)")
        }
    }
}

/// Progress over the blocks of `reader`: `base` lines of earlier blocks done, `lines` the current block's; the total estimated from
/// the bytes of the lines done (review 405 IS-2: from the bytes read, it swung with each block), unknown (-1) on standard input.
func blockProgress(_ reader: LineBlockReader, base: Int, lines: [(number: Int, range: Range<Int>)], started: UInt64,
                   _ show: @escaping (Batch.Progress) -> Void) -> (Batch.Progress) -> Void {
    { p in
        let done = base + p.done
        let total: Int
        if reader.isExhausted && p.done == p.total { total = done }
        else if let size = reader.size {
            let bytesDone = reader.blockStart + (p.done > 0 && p.done <= lines.count ? lines[p.done - 1].range.upperBound : 0)
            total = bytesDone > 0 ? max(done + 1, Int(Double(done) * Double(size) / Double(bytesDone))) : -1
        } else { total = -1 }
        show(Batch.Progress(done: done, total: total, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
    }
}

/// `runLines` over the blocks of `reader` (the input is never held whole: issue 15 item 2, review 397 IK-1): `makeBody` gives
/// the job of each line of a block; the outputs are written in input order. Returns the number of lines run.
func runLineBlocks(_ reader: LineBlockReader, noun: String, progress: Bool,
                   _ makeBody: ([UInt8], [(number: Int, range: Range<Int>)]) -> @Sendable (Int) -> [UInt8],
                   into out: Output, _ args: Arguments) throws -> Int {
    var count = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let show = progress ? progressLine(noun) : nil
    try streamLines(args, out) { sink in
        while let block = try reader.next() {
            Batch.run(count: block.lines.count, body: makeBody(block.bytes, block.lines), emit: sink.line,
                      progress: show.map { blockProgress(reader, base: count, lines: block.lines, started: started, $0) })
            count += block.lines.count
        }
    }
    return count
}

/// Progress on stderr, one line rewritten in place: "claims 8192/30000  41000 claims/s  ETA 1s".
func progressLine(_ noun: String) -> (Batch.Progress) -> Void {
    { p in
        // A total of -1 is not known (standard input): no total, no ETA.
        let line = p.total < 0 ? "\r\(noun) \(p.done)  " + String(format: "%.0f", p.perSecond) + " \(noun)/s   "
            : "\r\(noun) \(p.done)/\(p.total)  " + String(format: "%.0f", p.perSecond) + " \(noun)/s  ETA " + String(format: "%.0f", p.eta) + "s   "
        _ = Array((p.done == p.total ? line + "\n" : line).utf8).withUnsafeBytes { AtomicFile.writeAll(2, $0) }
    }
}

/// The master set a command works on: `--snapshot FILE`, `--masters DIR`, or the embedded default.
func loadMasters(_ args: Arguments) throws -> MasterSet {
    if let snapshot = args.options["snapshot"] {
        if args.options["masters"] != nil { throw UsageError(message: "give --masters or --snapshot, not both") }
        do { return try MasterSet.load(snapshot: snapshot) } catch { throw InputError(message: "\(error)") }
    }
    if let problem = MasterLocator.environmentProblem() { throw InputError(message: problem) }
    let dir: String
    if let d = args.options["masters"] {
        var st = stat()
        guard stat(d, &st) == 0 else { throw InputError(message: "--masters \(d): no such folder") }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw InputError(message: "--masters \(d): is a file, not a folder of master files") }
        dir = d
    } else {
        guard let d = MasterLocator.defaultDirectory() else {
            throw InputError(message: "no masters: give --masters DIR or --snapshot FILE (the built-in set could not be extracted to a cache folder)")
        }
        dir = d
    }
    do {
        let calendar = try MasterLocator.calendar(for: dir)
        return try MasterSetBuilder.build(directory: dir, calendar: calendar)
    } catch { throw InputError(message: "\(error)") }
}
