import Foundation
import Santei

/// The memory the supervisor and its workers share (a file mapping created by the supervisor, unlinked,
/// inherited by the workers as an open descriptor): the reload generation and source, the restart count,
/// and one row of request counters per worker (`ServiceMetrics`).
///
/// Layout (Int64 words): 0 magic, 1 reload generation, 2 worker restarts, 3 workers, 4 source kind
/// (0 embedded, 1 masters, 2 snapshot), 5 source path length, 6 reloads; bytes 64..<4160 the source path;
/// from byte 8192 the metrics rows.
public final class SharedState: @unchecked Sendable {
    static let magic: Int64 = 0x5341_4E54_4549_0001
    static let pathOffset = 64, pathCapacity = 4096, rowsOffset = 8192
    public let fd: Int32
    public let workers: Int
    let base: UnsafeMutableRawPointer
    let size: Int

    /// Creates the mapping (supervisor).
    public static func create(workers: Int, source: MasterSource) throws -> SharedState {
        var template = Array("/tmp/santei-serve-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw EngineError("cannot create the shared state file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let size = rowsOffset + workers * ServiceMetrics.rowWidth * 8
        guard ftruncate(fd, off_t(size)) == 0 else { throw EngineError("cannot size the shared state file: \(String(cString: strerror(errno)))") }
        let s = try SharedState(fd: fd, workers: workers)
        s.word(0).pointee = magic
        s.word(3).pointee = Int64(workers)
        s.setSource(source)
        return s
    }

    /// Maps an inherited descriptor (worker).
    public init(fd: Int32, workers: Int) throws {
        self.fd = fd
        self.workers = workers
        size = Self.rowsOffset + workers * ServiceMetrics.rowWidth * 8
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
    public func addRestart() { word(2).pointee += 1 }

    /// The rows of request counters.
    public func metrics(row: Int) -> ServiceMetrics {
        ServiceMetrics(storage: (base + Self.rowsOffset).assumingMemoryBound(to: Int64.self), rows: workers, row: row)
    }

    /// The source every worker loads; setting it with `bump` makes the workers reload.
    public func setSource(_ source: MasterSource, bump: Bool = false) {
        let (kind, path): (Int64, String) = switch source {
        case .embedded: (0, "")
        case .masters(let p): (1, p)
        case .snapshot(let p): (2, p)
        }
        let bytes = Array(path.utf8.prefix(Self.pathCapacity))
        bytes.withUnsafeBytes { (base + Self.pathOffset).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, byteCount: bytes.count) }
        word(5).pointee = Int64(bytes.count)
        word(4).pointee = kind
        if bump { requestReload(counted: true) }
    }

    /// Tells every worker to reload the source (SIGHUP, or after `POST /v1/admin/reload`).
    public func requestReload(counted: Bool = true) {
        word(1).pointee += 1
        if counted { word(6).pointee += 1 }
    }

    public var source: MasterSource {
        let n = Int(max(0, min(Int64(Self.pathCapacity), word(5).pointee)))
        let path = String(decoding: UnsafeRawBufferPointer(start: base + Self.pathOffset, count: n), as: UTF8.self)
        switch word(4).pointee {
        case 1: return .masters(path)
        case 2: return .snapshot(path)
        default: return .embedded
        }
    }

    /// Prometheus lines about the processes (appended to `/metrics`).
    public func processMetrics() -> String {
        var s = "# HELP santei_workers Worker processes.\n# TYPE santei_workers gauge\nsantei_workers \(workers)\n"
        s += "# HELP santei_worker_restarts_total Workers that died and were replaced.\n# TYPE santei_worker_restarts_total counter\nsantei_worker_restarts_total \(restarts)\n"
        s += "# HELP santei_reloads_total Master set reloads requested (SIGHUP, POST /v1/admin/reload).\n# TYPE santei_reloads_total counter\nsantei_reloads_total \(reloads)\n"
        s += "# HELP santei_worker_pid The process id of each worker.\n# TYPE santei_worker_pid gauge\n"
        for k in 0..<workers {
            let pid = (base + Self.rowsOffset + (k * ServiceMetrics.rowWidth) * 8).assumingMemoryBound(to: Int64.self).pointee
            s += "santei_worker_pid{worker=\"\(k)\"} \(pid)\n"
        }
        return s
    }
}
