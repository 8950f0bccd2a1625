import Foundation
import Santei
import SanteiHTTP

let serveUsage = """
USAGE:
  santei serve [--listen HOST:PORT] [--masters DIR | --snapshot FILE] [--workers N] [--max-body BYTES]
               [--max-connections N] [--access-log FILE] [--admin-token TOKEN] [--request-timeout SECONDS]
               [--drain-timeout SECONDS]
      The HTTP/1.1 JSON service (docs/api/openapi.json, docs/embedding.md), default 127.0.0.1:8731:
      POST /v1/encounter (the window call), /v1/claims/price, /v1/claims/audit, /v1/copay;
      GET /v1/masters, /v1/masters/{code}?date=, /v1/audit/checks, /healthz, /readyz, /metrics;
      POST /v1/admin/reload (loopback only unless --admin-token). N worker processes (default: one per
      core) under a supervisor that restarts a worker that dies. SIGHUP reloads the masters (a set that
      fails to load is refused, the old one keeps serving); SIGTERM finishes requests in flight and exits 0.
      Access log: one JSON line per request (time, route, status, µs, bytes) on stderr or --access-log.
      Defaults: --max-body 8388608, --max-connections 1024, --request-timeout 10, --drain-timeout 20 (SIGTERM waits
      that long at most for requests in flight). An empty HOST (--listen :PORT)
      listens on every interface (0.0.0.0), as the "listening" line says; give 127.0.0.1 to keep it local.
  santei serve --stdio [--masters DIR | --snapshot FILE]
      The same requests as JSON lines on standard input, {"id", "route", "body"}; one answer line per
      request on standard output, in order: {"id", "status", "body"}.
"""

/// `santei serve …`
func serveCommand(_ rest: ArraySlice<String>, _ out: Output) throws -> Exit {
    let args = try Arguments(rest, values: ["listen", "masters", "snapshot", "max-body", "max-connections", "access-log", "admin-token",
                                            "workers", "request-timeout", "idle-timeout", "drain-timeout", "worker", "listen-fd", "shared-fd"],
                             flags: ["stdio"])
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    var o = ServeOptions()
    if args.options["masters"] != nil && args.options["snapshot"] != nil { throw UsageError(message: "give --masters or --snapshot, not both") }
    if let s = args.options["snapshot"] { o.source = .snapshot(s) }
    if let m = args.options["masters"] { o.source = .masters(m) }
    /// A number of the option within `range`; `whole`: a count (bytes, connections, workers), written without a fraction (review
    /// 417 JE-4, JE-8: `--max-body 0` started a service that refused every request; "1.0…256.0" for a count).
    func number(_ name: String, _ range: ClosedRange<Double>, whole: Bool = false) throws -> Double? {
        guard let text = args.options[name] else { return nil }
        func shown(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }
        guard let v = Double(text), range.contains(v), !whole || (v == v.rounded() && text.allSatisfy(\.isNumber)) else {
            throw UsageError(message: "--\(name) \(text) is not \(whole ? "a whole number" : "a number") in \(shown(range.lowerBound))…\(shown(range.upperBound))")
        }
        return v
    }
    if let v = try number("max-body", 1...Double(1 << 40), whole: true) { o.limits.maxBody = Int(v) }
    if let v = try number("max-connections", 1...1_000_000, whole: true) { o.maxConnections = Int(v) }
    if let v = try number("workers", 1...256, whole: true) { o.workers = Int(v) }
    if let v = try number("request-timeout", 0.01...3600) { o.requestTimeoutMicros = Int64(v * 1e6) }
    if let v = try number("idle-timeout", 0.01...86400) { o.idleTimeoutMicros = Int64(v * 1e6) }
    if let v = try number("drain-timeout", 0...3600) { o.drainTimeoutMicros = Int64(v * 1e6) }
    o.accessLog = args.options["access-log"]
    o.adminToken = args.options["admin-token"]
    if let listen = args.options["listen"] {
        guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]) else {
            throw UsageError(message: "--listen \(listen) is not HOST:PORT")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        o.host = host.isEmpty ? "0.0.0.0" : host
        o.port = port
    }
    out.flush()
    if args.flags.contains("stdio") {
        let engine: SanteiEngine
        do { engine = try SanteiEngine(o.source) } catch { throw InputError(message: error.message) }
        if let e = StdioService.run(engine, maxLine: o.limits.maxBody).writeError {
            throw InputError(message: "cannot write standard output: \(AtomicFile.reason(e))")
        }
        return .ok
    }
    if let k = args.options["worker"] {
        guard let index = Int(k), let lfd = args.options["listen-fd"].flatMap({ Int32($0) }),
              let sfd = args.options["shared-fd"].flatMap({ Int32($0) }) else { throw UsageError(message: "--worker needs --listen-fd and --shared-fd") }
        exit(Serve.worker(o, index: index, listenFD: lfd, sharedFD: sfd, workers: o.workers))
    }
    exit(Serve.supervise(o, arguments: Array(rest)))
}
