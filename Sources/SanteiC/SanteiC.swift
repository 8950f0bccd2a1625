import Foundation
import Santei

// The C ABI of libSanteiC.so, declared in include/santei.h. Only C types cross: an opaque engine
// pointer, C strings, byte buffers the library allocates with malloc (freed by santei_free).

/// A C string copied with malloc (for error texts and answers).
private func mallocCopy(_ bytes: [UInt8], terminate: Bool) -> UnsafeMutablePointer<UInt8>? {
    guard let p = malloc(bytes.count + (terminate ? 1 : 0))?.assumingMemoryBound(to: UInt8.self) else { return nil }
    bytes.withUnsafeBufferPointer { b in if let base = b.baseAddress { p.update(from: base, count: b.count) } }
    if terminate { p[bytes.count] = 0 }
    return p
}

private func setError(_ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ message: String) {
    guard let error else { return }
    error.pointee = mallocCopy(Array(message.utf8), terminate: true).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
}

/// The engines santei_open returned and santei_close has not closed (review 58: a call on a closed engine, or a
/// second close, crashed the host process). Every call looks its handle up here and holds the engine while it
/// runs, so a handle that is not live is an error (-1), never a use of freed memory.
private final class LiveEngines: @unchecked Sendable {
    private var live: Set<UInt> = []
    private let lock = NSLock()
    func add(_ p: UnsafeMutableRawPointer) { lock.lock(); live.insert(UInt(bitPattern: p)); lock.unlock() }
    /// The engine behind a live handle, retained for the caller; nil for any other pointer.
    func engine(_ p: UnsafeMutableRawPointer) -> SanteiEngine? {
        lock.lock(); defer { lock.unlock() }
        guard live.contains(UInt(bitPattern: p)) else { return nil }
        return Unmanaged<SanteiEngine>.fromOpaque(p).takeUnretainedValue()
    }
    /// Removes a live handle; false when it was not live (closed already, or never opened).
    func remove(_ p: UnsafeMutableRawPointer) -> Bool { lock.lock(); defer { lock.unlock() }; return live.remove(UInt(bitPattern: p)) != nil }
}
private let liveEngines = LiveEngines()

private func source(_ path: UnsafePointer<CChar>?) -> MasterSource {
    MasterSource(path: path.map { String(cString: $0) })
}

/// Review 92: an empty path (a configuration value left blank) opened — or, on reload, switched to — the built-in
/// sample set with no error; only NULL means that. Every other door refuses an empty path.
private func emptyPathFault(_ path: UnsafePointer<CChar>?, _ null: String) -> String? {
    guard let path, path.pointee == 0 else { return nil }
    return "an empty path: give a snapshot file or a masters folder, or NULL for \(null)"
}

/// `santei_engine *santei_open(const char *path, char **error)`
@_cdecl("santei_open")
public func santei_open(_ path: UnsafePointer<CChar>?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafeMutableRawPointer? {
    errorOut?.pointee = nil
    if let fault = emptyPathFault(path, "the built-in masters") { setError(errorOut, fault); return nil }
    do {
        let engine = try SanteiEngine(source(path))
        let handle = Unmanaged.passRetained(engine).toOpaque()
        liveEngines.add(handle)
        return handle
    } catch {
        setError(errorOut, error.message)
        return nil
    }
}

/// `int santei_call(santei_engine *, const char *method, const char *target, const uint8_t *body, size_t body_len,
/// uint8_t **out, size_t *out_len)`: the HTTP status, the answer body in `*out` (malloc'ed, not NUL-terminated
/// beyond `*out_len`; one extra NUL byte is written after it). -1 when an argument is missing.
@_cdecl("santei_call")
public func santei_call(_ engine: UnsafeMutableRawPointer?, _ method: UnsafePointer<CChar>?, _ target: UnsafePointer<CChar>?,
                        _ body: UnsafePointer<UInt8>?, _ bodyLength: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                        _ outLength: UnsafeMutablePointer<Int>?) -> Int32 {
    out?.pointee = nil
    outLength?.pointee = 0
    guard let engine, let method, let target, let out, let outLength, bodyLength >= 0, body != nil || bodyLength == 0 else { return -1 }
    guard let e = liveEngines.engine(engine) else { return -1 }   // closed, or not an engine santei_open returned
    let bytes = body.map { Array(UnsafeBufferPointer(start: $0, count: bodyLength)) } ?? []
    let start = ServiceClock.monotonicMicros()
    let r = e.handle(method: String(cString: method), target: String(cString: target), body: bytes[...])
    e.metrics.record(route: r.route, error: r.error, micros: ServiceClock.monotonicMicros() - start)
    out.pointee = mallocCopy(r.body, terminate: true)
    outLength.pointee = r.body.count
    return Int32(r.status)
}

/// `int santei_reload(santei_engine *, const char *path, char **error)`: 0, or -1 with the reason (the
/// running set keeps serving). `path` NULL reloads the engine's own source.
@_cdecl("santei_reload")
public func santei_reload(_ engine: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorOut?.pointee = nil
    guard let engine else { setError(errorOut, "no engine"); return -1 }
    guard let e = liveEngines.engine(engine) else { setError(errorOut, "the engine is closed (or is not one santei_open returned)"); return -1 }
    if let fault = emptyPathFault(path, "the engine's own source") { setError(errorOut, fault); return -1 }
    do { try e.reload(path.map { _ in source(path) }); return 0 } catch { setError(errorOut, error.message); return -1 }
}

/// `void santei_close(santei_engine *)`
@_cdecl("santei_close")
public func santei_close(_ engine: UnsafeMutableRawPointer?) {
    guard let engine, liveEngines.remove(engine) else { return }   // a second close does nothing
    Unmanaged<SanteiEngine>.fromOpaque(engine).release()
}

/// `void santei_free(void *)`
@_cdecl("santei_free")
public func santei_free(_ p: UnsafeMutableRawPointer?) { free(p) }

nonisolated(unsafe) private let versionText: UnsafeMutablePointer<CChar> = strdup(SanteiVersion.string)!

/// `const char *santei_version(void)`
@_cdecl("santei_version")
public func santei_version() -> UnsafePointer<CChar> { UnsafePointer(versionText) }
