import Foundation

/// A regular file opened for reading by offset: the chunked readers of `uke recalc --output`
/// (`UKERecalc.stream`) and of `santei aggregate` (`Aggregation.add(ukeFile:)`, `add(jsonLinesFile:)`).
public final class RegularFile: Sendable {
    public let fd: Int32
    public let size: Int

    /// Nil when `path` cannot be opened or is not a regular file (a folder, a pipe, a device).
    public init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { close(fd); return nil }
        self.fd = fd
        size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Bytes `from..<to`; nil when they cannot all be read (an error, or the file shrank).
    public func read(_ from: Int, _ to: Int) -> [UInt8]? { read(from, to, framedBy: [], and: []) }

    /// `prefix`, bytes `from..<to`, then `suffix`, in one array read in place (no copy of the bytes read);
    /// nil as `read`.
    public func read(_ from: Int, _ to: Int, framedBy prefix: [UInt8], and suffix: [UInt8]) -> [UInt8]? {
        let count = to - from
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: prefix.count + count + suffix.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            prefix.withUnsafeBufferPointer { if let p = $0.baseAddress { base.update(from: p, count: $0.count) } }
            var done = 0
            while done < count {
                let n = pread(fd, base + prefix.count + done, count - done, off_t(from + done))
                if n <= 0 { failed = true; break }
                done += n
            }
            if failed { initialized = 0; return }
            suffix.withUnsafeBufferPointer { if let p = $0.baseAddress { base.advanced(by: prefix.count + count).update(from: p, count: $0.count) } }
            initialized = prefix.count + count + suffix.count
        }
        return failed ? nil : out
    }
}
