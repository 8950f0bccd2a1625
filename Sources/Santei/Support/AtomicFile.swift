import Foundation

/// Writes a whole file atomically: into a temporary file in the same folder, flushed, then renamed
/// over the target. A run killed half way leaves the old file (or none), never a half-written one.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(WriteError) {
        try write(to: path) { fd in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Streams through `body` (which writes to the descriptor and says whether it succeeded) into
    /// a temporary file, then flushes and renames it into place.
    public static func write(to path: String, _ body: (Int32) -> Bool) throws(WriteError) {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        guard body(fd) else {
            let reason = String(cString: strerror(errno))
            close(fd); unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
        guard fsync(fd) == 0, close(fd) == 0 else { unlink(temp); throw WriteError(path: path, reason: "flush failed") }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        var result: Result<Void, WriteError> = .success(())
        bytes.withUnsafeBytes { raw in
            do throws(WriteError) { try write(raw, to: path) } catch { result = .failure(error) }
        }
        try result.get()
    }
}
