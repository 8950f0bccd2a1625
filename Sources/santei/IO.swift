import Foundation
import Santei

/// Files in and out of the command line: `-` is standard input for `--input` and standard output
/// for `--output`; an output that names one of the inputs, or two outputs that name the same file,
/// are refused before anything is read; read and write failures are `InputError`s in plain words.

/// The whole content of `path` (`-`: standard input). `what` names the option in messages.
func readInput(_ path: String, _ what: String = "--input") throws -> [UInt8] {
    if path == "-" { return try readAll(fd: 0, name: "standard input") }
    var st = stat()
    guard stat(path, &st) == 0 else {
        throw InputError(message: "\(what) \(path): \(errno == ENOENT ? "no such file" : AtomicFile.reason(errno))")
    }
    if st.st_mode & S_IFMT == S_IFDIR { throw InputError(message: "\(what) \(path): is a folder, not a file") }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputError(message: "\(what) \(path): \(AtomicFile.reason(errno))") }
    defer { close(fd) }
    return try readAll(fd: fd, name: path)
}

/// Reads a line-based input (JSON lines, UKE) whole, but never more than `DomainLimit.maxLineBytes` + 1 bytes of one line:
/// the rest of a longer line is skipped as it is read, so the line still fails on its own (over the limit) and the lines
/// after it are read, in bounded memory — a 2 GiB line of NUL bytes no longer costs 2 GiB (review 190 AK1). A line ends
/// at LF or CR (CR-only files split on CR: `Batch.lines`).
private func readAll(fd: Int32, name: String) throws -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let cap = DomainLimit.maxLineBytes + 1
    var lineStart = 0, skipping = false
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw InputError(message: "cannot read \(name): \(AtomicFile.reason(errno))") }
        if n == 0 { return out }
        chunk.withUnsafeBufferPointer { b in
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
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    if j == n { return }
                }
                out.append(b[j])
                lineStart = out.count
                i = j + 1
            }
        }
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
