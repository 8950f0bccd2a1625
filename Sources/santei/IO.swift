import Foundation
import Santei

/// Files in and out of the command line: `-` is standard input for `--input` and standard output
/// for `--output`; an output that names one of the inputs, or two outputs that name the same file,
/// are refused before anything is read; read and write failures are `InputError`s in plain words.

/// The whole content of `path` (`-`: standard input). `what` names the option in messages.
func readInput(_ path: String, _ what: String = "--input") throws -> [UInt8] {
    if path == "-" { return try readAll(fd: 0, name: "standard input") }
    let (fd, _) = try openInput(path, what)
    defer { close(fd) }
    return try readAll(fd: fd, name: path)
}

/// `path` opened for reading, with its status; a missing file, a folder or a refusal is an `InputError` naming `what`.
func openInput(_ path: String, _ what: String) throws -> (fd: Int32, status: stat) {
    var st = stat()
    guard stat(path, &st) == 0 else {
        throw InputError(message: "\(what) \(path): \(errno == ENOENT ? "no such file" : AtomicFile.reason(errno))")
    }
    if st.st_mode & S_IFMT == S_IFDIR { throw InputError(message: "\(what) \(path): is a folder, not a file") }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputError(message: "\(what) \(path): \(AtomicFile.reason(errno))") }
    return (fd, st)
}

/// Reads a line-based input (JSON lines, UKE) whole, but never more than `DomainLimit.maxLineBytes` + 1 bytes of one line:
/// the rest of a longer line is skipped as it is read, so the line still fails on its own (over the limit) and the lines
/// after it are read, in bounded memory — a 2 GiB line of NUL bytes no longer costs 2 GiB (review 190 AK1). A line ends
/// at LF or CR (CR-only files split on CR: `Batch.lines`).
private func readAll(fd: Int32, name: String) throws -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var lineStart = 0, skipping = false
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw InputError(message: "cannot read \(name): \(AtomicFile.reason(errno))") }
        if n == 0 { return out }
        chunk.withUnsafeBufferPointer { appendCapped($0, n, into: &out, lineStart: &lineStart, skipping: &skipping) }
    }
}

/// Appends the first `n` bytes of `b` to `out`, keeping at most `DomainLimit.maxLineBytes` + 1 bytes of one line (a line ends at LF
/// or CR): the rest of a longer line is skipped (`skipping`) until its end. `lineStart` is where `out`'s last line began.
private func appendCapped(_ b: UnsafeBufferPointer<UInt8>, _ n: Int, into out: inout [UInt8], lineStart: inout Int, skipping: inout Bool) {
    let cap = DomainLimit.maxLineBytes + 1
    var i = 0
    while i < n {
        var j = i
        while j < n && b[j] != 10 && b[j] != 13 { j += 1 }
        if skipping {
            if j == n { return }
            skipping = false
        } else {
            let room = cap - (out.count - lineStart)
            if j - i > room {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + room)]))
                skipping = true
                i = j
                continue
            }
            if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j])) }
            if j == n { return }
        }
        out.append(b[j])
        lineStart = out.count
        i = j + 1
    }
}

/// JSON lines read block by block, so that `price` holds one block of the input, not the file (review 397 IK-1: a 300 MB
/// input held 560 MB; issue 15 item 2). A block is whole lines, about `blockBytes`; a line is still never kept past
/// `DomainLimit.maxLineBytes` + 1 bytes (`readAll`). Lines are split as `Batch.lines` splits a whole file — at LF, or
/// at CR in a file without LF — except that the choice is made on the first block (a file whose first block has no LF
/// but a CR, and an LF later, is split at CR); line numbers run on across blocks.
final class LineBlockReader {
    private let fd: Int32
    private let closes: Bool
    let name: String
    /// The input's size when it is a regular file (progress), else nil.
    let size: Int?
    private let blockBytes: Int
    private var pending: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var lineStart = 0, skipping = false, atEnd = false, first = true
    private var separator: UInt8? = nil
    private var number = 1
    /// Bytes of the input read so far.
    private(set) var consumed = 0
    /// The whole input has been read and handed out.
    var isExhausted: Bool { atEnd && pending.isEmpty && peeked == nil }

    /// The input at `path` (`-`: standard input); `what` names the option in messages.
    init(_ path: String, _ what: String = "--input", blockBytes: Int = 16 << 20) throws {
        self.blockBytes = blockBytes
        if path == "-" { fd = 0; closes = false; name = "standard input"; size = nil; return }
        let (fd, st) = try openInput(path, what)
        self.fd = fd; closes = true; name = path
        size = st.st_mode & S_IFMT == S_IFREG ? Int(st.st_size) : nil
    }
    deinit { if closes { close(fd) } }

    /// The offset in the input of the first byte of the block `next` handed out last.
    private(set) var blockStart = 0
    private var handedOut = 0
    private var peeked: (bytes: [UInt8], lines: [(number: Int, range: Range<Int>)])?? = nil

    /// The next block without taking it (what `next` gives next).
    func peek() throws -> (bytes: [UInt8], lines: [(number: Int, range: Range<Int>)])? {
        if peeked == nil { peeked = .some(try read()) }
        return peeked ?? nil
    }

    /// The next block: its bytes and its non-blank lines (number, range); nil after the last.
    func next() throws -> (bytes: [UInt8], lines: [(number: Int, range: Range<Int>)])? {
        let block: (bytes: [UInt8], lines: [(number: Int, range: Range<Int>)])?
        if let p = peeked { peeked = nil; block = p } else { block = try read() }
        if let block { blockStart = handedOut; handedOut += block.bytes.count }
        return block
    }

    private func read() throws -> (bytes: [UInt8], lines: [(number: Int, range: Range<Int>)])? {
        while !atEnd && !(pending.count >= blockBytes && lastSeparator() != nil) {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw InputError(message: "cannot read \(name): \(AtomicFile.reason(errno))") }
            if n == 0 { atEnd = true; break }
            consumed += n
            append(n)
        }
        if pending.isEmpty && atEnd { return nil }
        let sep = decideSeparator()
        var block: [UInt8]
        if atEnd {
            block = pending; pending = []; lineStart = 0
        } else {
            let cut = lastSeparator()! + 1
            block = Array(pending[..<cut])
            pending.removeSubrange(..<cut)
            lineStart = max(0, lineStart - cut)
        }
        let skipBOM = first
        first = false
        let (lines, next) = Batch.lines(block, separator: sep, firstNumber: number, skipBOM: skipBOM)
        number = next
        return (block, lines)
    }

    /// The line separator: LF when the first block holds one (or no CR), else CR (`Batch.lines`); fixed at the first cut.
    private func decideSeparator() -> UInt8 {
        if let separator { return separator }
        let s: UInt8 = pending.contains(10) || !pending.contains(13) ? 10 : 13
        separator = s
        return s
    }

    /// The index of the last separator in `pending`.
    private func lastSeparator() -> Int? { pending.lastIndex(of: decideSeparator()) }

    /// `readAll`'s rule for the `n` bytes just read (`appendCapped`; on locals: a class's stored properties pay an exclusivity check
    /// at every access).
    private func append(_ n: Int) {
        var out = pending; pending = []
        var lineStart = self.lineStart, skipping = self.skipping
        chunk.withUnsafeBufferPointer { appendCapped($0, n, into: &out, lineStart: &lineStart, skipping: &skipping) }
        pending = out; self.lineStart = lineStart; self.skipping = skipping
    }
}

/// A file's identity (device, inode) when it exists.
private func identity(_ path: String) -> (UInt, UInt)? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return (UInt(st.st_dev), UInt(st.st_ino))
}

/// Refuses outputs that would overwrite an input or each other. `inputs` and `outputs` are
/// (option name, path) pairs; `-` and absent options are skipped. Regular files only: writing to a
/// device such as /dev/null twice is harmless.
func checkDistinct(inputs: [(String, String?)], outputs: [(String, String?)]) throws {
    let ins = inputs.compactMap { n, p in p.flatMap { $0 == "-" ? nil : (n, $0) } }
    let outs = outputs.compactMap { n, p in p.flatMap { $0 == "-" ? nil : (n, $0) } }
    func same(_ a: String, _ b: String) -> Bool {
        var st = stat()
        if stat(a, &st) == 0, st.st_mode & S_IFMT != S_IFREG { return false }
        if let x = identity(a), let y = identity(b) { return x == y }
        let ua = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
        let ub = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
        return ua == ub
    }
    for (k, (on, op)) in outs.enumerated() {
        for (iname, ip) in ins where same(op, ip) {
            throw UsageError(message: "--\(on) \(op) is the same file as \(iname) \(ip): refusing to overwrite an input")
        }
        for (on2, op2) in outs[(k + 1)...] where same(op, op2) {
            throw UsageError(message: "--\(on) and --\(on2) name the same file \(op)")
        }
    }
}

/// Writes a command's output file: `-` → standard output, else atomically (or in place for a FIFO
/// or device).
func writeOutputFile(_ bytes: [UInt8], to path: String, _ out: Output) throws {
    if path == "-" { out.flush(); try Output.writeAll(bytes); return }
    do { try AtomicFile.write(bytes, to: path) } catch { throw InputError(message: "\(error)") }
}
