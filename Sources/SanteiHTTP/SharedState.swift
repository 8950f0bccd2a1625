import Foundation
import Santei

/// The memory the supervisor and its workers share (a file mapping created by the supervisor, unlinked,
/// inherited by the workers as an open descriptor): the set every worker serves (its source and the path of
/// the verified copy of its image), the reload generation, the restart counts, one row of request counters
/// per worker (`ServiceMetrics`) and the generation each worker serves.
///
/// Layout (Int64 words): 0 magic, 1 reload generation, 2 worker restarts, 3 workers, 4 source kind
/// (0 embedded, 1 masters, 2 snapshot), 5 source path length, 6 reloads, 7 copy path length, 8 worker start
/// failures, 9 copies written; bytes 128..<4128 the source path, 4128..<8128 the copy path; from byte 8192
/// the metrics rows, then one word per worker: the generation it serves.
///
/// **The serving copy** (review 76, finding 3): a set is published as a snapshot file written from the image
/// that was loaded and verified, in a folder private to this supervisor. Workers load the copy, never the
/// source again, so a source damaged or replaced in place after a reload cannot reach a worker that starts
/// later: every worker serves the bytes the reload verified.
public final class SharedState: @unchecked Sendable {
    static let magic: Int64 = 0x5341_4E54_4549_0002
    static let pathOffset = 128, copyOffset = 4128, pathCapacity = 4000, rowsOffset = 8192
    public let fd: Int32
    public let workers: Int
    let base: UnsafeMutableRawPointer
    let size: Int
    /// fcntl record locks exclude processes, not the threads of one: this excludes the threads.
    private let threadLock = NSLock()

    static func size(workers: Int) -> Int { rowsOffset + workers * ServiceMetrics.rowWidth * 8 + workers * 8 }

    /// Creates the mapping and the folder of serving copies (supervisor).
    public static func create(workers: Int) throws -> SharedState {
        var template = Array("/tmp/santei-serve-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw EngineError("cannot create the shared state file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        guard ftruncate(fd, off_t(size(workers: workers))) == 0 else { throw EngineError("cannot size the shared state file: \(String(cString: strerror(errno)))") }
        let s = try SharedState(fd: fd, workers: workers)
        s.word(0).pointee = magic
        s.word(3).pointee = Int64(workers)
        return s
    }

    /// Maps an inherited descriptor (worker).
    public init(fd: Int32, workers: Int) throws {
        self.fd = fd
        self.workers = workers
        size = Self.size(workers: workers)
        guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            throw EngineError("cannot map the shared state: \(String(cString: strerror(errno)))")
        }
        base = p
    }

    func word(_ k: Int) -> UnsafeMutablePointer<Int64> { (base + 8 * k).assumingMemoryBound(to: Int64.self) }
    public var isValid: Bool { word(0).pointee == Self.magic }
    public var generation: Int64 { word(1).pointee }
    public var restarts: Int64 { word(2).pointee }
    public var reloads: Int64 { word(6).pointee }
    public var startFailures: Int64 { word(8).pointee }
    public func addRestart() { word(2).pointee += 1 }
    public func addStartFailure() { word(8).pointee += 1 }

    /// The rows of request counters.
    public func metrics(row: Int) -> ServiceMetrics {
        ServiceMetrics(storage: (base + Self.rowsOffset).assumingMemoryBound(to: Int64.self), rows: workers, row: row)
    }

    /// The process id in worker `k`'s row: set by the worker once it serves, cleared by the supervisor when it dies.
    public func pid(ofWorker k: Int) -> Int64 { (base + Self.rowsOffset + (k * ServiceMetrics.rowWidth) * 8).assumingMemoryBound(to: Int64.self).pointee }
    public func clearPID(ofWorker k: Int) { (base + Self.rowsOffset + (k * ServiceMetrics.rowWidth) * 8).assumingMemoryBound(to: Int64.self).pointee = 0 }

    private func servedWord(_ k: Int) -> UnsafeMutablePointer<Int64> {
        (base + Self.rowsOffset + workers * ServiceMetrics.rowWidth * 8 + k * 8).assumingMemoryBound(to: Int64.self)
    }
    /// The generation worker `k` serves (written by that worker after it swapped the set in).
    public func served(byWorker k: Int) -> Int64 { servedWord(k).pointee }
    public func setServed(byWorker k: Int, _ generation: Int64) { servedWord(k).pointee = generation }

    /// True when every worker that serves (its row has a pid) serves `generation` or a later one. A worker that
    /// died does not count; its replacement starts from the published set.
    public func everyWorkerServes(_ generation: Int64) -> Bool {
        (0..<workers).allSatisfy { pid(ofWorker: $0) == 0 || served(byWorker: $0) >= generation }
    }

    /// Workers that serve now (their row has a pid).
    public var servingWorkers: Int { (0..<workers).filter { pid(ofWorker: $0) != 0 }.count }

    /// Runs `body` with the state locked against the other processes and threads (publishing and reading the set).
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        threadLock.lock()
        defer { threadLock.unlock() }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK); lock.l_whence = Int16(SEEK_SET); lock.l_start = 0; lock.l_len = 8
        while fcntl(fd, F_SETLKW, &lock) != 0 && errno == EINTR {}
        defer { lock.l_type = Int16(F_UNLCK); _ = fcntl(fd, F_SETLK, &lock) }
        return try body()
    }

    private func setPath(_ path: String, at offset: Int, lengthWord: Int) {
        let bytes = Array(path.utf8.prefix(Self.pathCapacity))
        bytes.withUnsafeBytes { (base + offset).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, byteCount: bytes.count) }
        word(lengthWord).pointee = Int64(bytes.count)
    }
    private func path(at offset: Int, lengthWord: Int) -> String {
        let n = Int(max(0, min(Int64(Self.pathCapacity), word(lengthWord).pointee)))
        return String(decoding: UnsafeRawBufferPointer(start: base + offset, count: n), as: UTF8.self)
    }

    /// The set the workers serve: the source it was loaded from (what `/v1/masters` shows and an empty reload
    /// loads again), the verified copy workers load, and its generation.
    public struct Published: Sendable {
        public var generation: Int64
        public var source: MasterSource
        public var copy: String
    }

    /// The published set, read whole (never half of one publication and half of the next).
    public func published() -> Published {
        withLock {
            let p = path(at: Self.pathOffset, lengthWord: 5)
            let source: MasterSource = switch word(4).pointee {
            case 1: .masters(p)
            case 2: .snapshot(p)
            default: .embedded
            }
            return Published(generation: generation, source: source, copy: path(at: Self.copyOffset, lengthWord: 7))
        }
    }

    /// Writes the serving copy of a loaded set into `folder` (a snapshot of its image, written whole and renamed
    /// into place) and returns its path. Done before publishing, outside the lock.
    public func writeCopy(of set: LoadedSet, in folder: String) throws(EngineError) -> String {
        let serial = withLock { () -> Int64 in word(9).pointee += 1; return word(9).pointee }
        let path = folder + "/set-\(getpid())-\(serial).snapshot"
        do { try set.masters.writeSnapshot(to: path) } catch {
            unlink(path)
            throw EngineError("cannot keep a copy of the new set in \(folder): \(error)")
        }
        return path
    }

    /// Publishes a set whose copy `writeCopy` wrote: every worker loads it and swaps it in; workers started later
    /// start from it. Returns the new generation; the previous copy is removed (a worker that was about to read it
    /// finds the generation moved on and reads the new one).
    @discardableResult
    public func publish(source: MasterSource, copy: String, counted: Bool) -> Int64 {
        let (g, old) = withLock { () -> (Int64, String) in
            let old = path(at: Self.copyOffset, lengthWord: 7)
            let (kind, p): (Int64, String) = switch source {
            case .embedded: (0, "")
            case .masters(let p): (1, p)
            case .snapshot(let p): (2, p)
            }
            setPath(p, at: Self.pathOffset, lengthWord: 5)
            word(4).pointee = kind
            setPath(copy, at: Self.copyOffset, lengthWord: 7)
            word(1).pointee += 1
            if counted { word(6).pointee += 1 }
            return (word(1).pointee, old)
        }
        if !old.isEmpty && old != copy { unlink(old) }
        return g
    }

    /// Removes the folder of serving copies (supervisor, on exit).
    public static func removeCopies(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { unlink(folder + "/" + name) }
        rmdir(folder)
    }

    /// Prometheus lines about the processes (appended to `/metrics`).
    public func processMetrics() -> String {
        var s = "# HELP santei_workers Worker processes serving now (a worker that failed to start or died is not counted until its replacement serves).\n# TYPE santei_workers gauge\nsantei_workers \(servingWorkers)\n"
        s += "# HELP santei_workers_configured Worker processes the supervisor keeps (--workers).\n# TYPE santei_workers_configured gauge\nsantei_workers_configured \(workers)\n"
        s += "# HELP santei_worker_restarts_total Workers that died and were replaced.\n# TYPE santei_worker_restarts_total counter\nsantei_worker_restarts_total \(restarts)\n"
        s += "# HELP santei_worker_start_failures_total Workers that exited before they served (restarted after a growing pause, 1 s to 30 s).\n# TYPE santei_worker_start_failures_total counter\nsantei_worker_start_failures_total \(startFailures)\n"
        s += "# HELP santei_reloads_total Master set reloads published (SIGHUP, POST /v1/admin/reload).\n# TYPE santei_reloads_total counter\nsantei_reloads_total \(reloads)\n"
        s += "# HELP santei_worker_pid The process id of each worker (0 while it is not serving).\n# TYPE santei_worker_pid gauge\n"
        for k in 0..<workers { s += "santei_worker_pid{worker=\"\(k)\"} \(pid(ofWorker: k))\n" }
        return s
    }
}
