import Foundation

/// Writes a whole file atomically: into a temporary file in the same folder, flushed, then renamed
/// over the target. A run killed half way leaves the old file (or none), never a half-written one:
/// - the temporary file is removed on SIGINT/SIGTERM/SIGHUP (`installSignalCleanup`), and
/// - one left by a run that was killed harder (SIGKILL, power loss) is removed by the next write to
///   the same target (its name carries the writer's process id, which is no longer alive).
/// A target that exists and is not a regular file (a FIFO, a terminal, /dev/null) is written in
/// place, never replaced. Every failure is a `WriteError` in words a user can act on.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(WriteError) {
        try write(to: path) { fd in writeAll(fd, bytes) }
    }

    /// Writes all of `bytes` to `fd` (write(2) may take less than asked); false on error (errno set).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { if n == 0 { errno = EIO }; return false }
            done += n
        }
        return true
    }

    /// Streams through `body` (which writes to the descriptor and says whether it succeeded) into
    /// a temporary file, then flushes and renames it into place.
    public static func write(to path: String, _ body: (Int32) -> Bool) throws(WriteError) {
        let dir = (path as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw WriteError(path: path, reason: "it is a folder")
            default: return try writeInPlace(path, body)  // FIFO, character device, socket
            }
        }
        var dst = stat()
        guard stat(folder, &dst) == 0 else { throw WriteError(path: path, reason: "the folder \(folder) does not exist") }
        guard dst.st_mode & S_IFMT == S_IFDIR else { throw WriteError(path: path, reason: "\(folder) is not a folder") }
        let name = (path as NSString).lastPathComponent
        removeStaleTemporaries(folder: folder, name: name)
        let temp = folder + "/" + temporaryPrefix(name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let slot = TemporaryRegistry.register(temp)
        defer { TemporaryRegistry.unregister(slot) }
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        guard body(fd) else {
            let why = reason(errno)
            close(fd); unlink(temp)
            throw WriteError(path: path, reason: why)
        }
        guard fsync(fd) == 0 else { let why = reason(errno); close(fd); unlink(temp); throw WriteError(path: path, reason: why) }
        guard close(fd) == 0 else { let why = reason(errno); unlink(temp); throw WriteError(path: path, reason: why) }
        guard rename(temp, path) == 0 else {
            let why = reason(errno)
            unlink(temp)
            throw WriteError(path: path, reason: why)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        var result: Result<Void, WriteError> = .success(())
        bytes.withUnsafeBytes { raw in
            do throws(WriteError) { try write(raw, to: path) } catch { result = .failure(error) }
        }
        try result.get()
    }

    /// A FIFO or device: opened for writing and written as it is (no temporary, no rename).
    static func writeInPlace(_ path: String, _ body: (Int32) -> Bool) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        guard body(fd) else { let why = reason(errno); close(fd); throw WriteError(path: path, reason: why) }
        guard close(fd) == 0 else { throw WriteError(path: path, reason: reason(errno)) }
    }

    /// `.NAME.tmp-` — the temporary files of `NAME` are `.NAME.tmp-PID-RANDOM`.
    public static func temporaryPrefix(_ name: String) -> String { "." + name + ".tmp-" }

    /// Removes `.NAME.tmp-PID-…` files in `folder` whose PID is not a running process.
    static func removeStaleTemporaries(folder: String, name: String) {
        let prefix = temporaryPrefix(name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }

    /// Words for an errno, with the common ones said plainly.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is exceeded"
        case EACCES, EPERM: return "permission denied"
        case EPIPE: return "the reader closed the pipe"
        case ENOENT: return "no such file or folder"
        case EROFS: return "the file system is read-only"
        default: return String(cString: strerror(code))
        }
    }

    /// Removes the temporary files being written when the process gets SIGINT, SIGTERM or SIGHUP, then
    /// ends the process with that signal (so the exit status still says it was killed). Idempotent.
    public static func installSignalCleanup() { TemporaryRegistry.install() }
}

/// The temporary files being written, in fixed slots that a signal handler can read without
/// allocating: each slot holds a `strdup`ed path or nil.
enum TemporaryRegistry {
    static let capacity = 64
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    static func register(_ path: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        for k in 0..<capacity where slots[k] == nil { slots[k] = strdup(path); return k }
        return -1
    }

    static func unregister(_ k: Int) {
        guard k >= 0 else { return }
        lock.lock(); defer { lock.unlock() }
        let p = slots[k]
        slots[k] = nil
        free(p)
    }

    static func install() {
        lock.lock(); defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        _ = slots
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                // Async-signal-safe only: unlink, signal, raise.
                let s = TemporaryRegistry.slots
                for k in 0..<TemporaryRegistry.capacity { if let p = s[k] { unlink(p) } }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
