import CSanteiEpoll
import Foundation
import Santei

/// What `santei serve` is asked to do.
public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    public var port: UInt16 = 8731
    public var source: MasterSource = .embedded
    public var limits = HTTPLimits()
    public var maxConnections = 1024
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var accessLog: String?
    public var adminToken: String?
    /// A request's head and body must arrive within this time of its first byte (408).
    public var requestTimeoutMicros: Int64 = 10_000_000
    /// An idle keep-alive connection is closed after this time.
    public var idleTimeoutMicros: Int64 = 60_000_000
    /// SIGTERM: in-flight requests get this long to finish.
    public var drainTimeoutMicros: Int64 = 20_000_000
    /// `POST /v1/admin/reload` answers once every worker serves the new set; after this long it answers 500.
    public var reloadWaitMicros: Int64 = 30_000_000
    public init() {}
}

/// Flags set by signal handlers (async-signal-safe stores only).
nonisolated(unsafe) var terminateRequested: sig_atomic_t = 0
nonisolated(unsafe) var reloadRequested: sig_atomic_t = 0

func installServeSignals() {
    signal(SIGTERM) { _ in terminateRequested = 1 }
    signal(SIGINT) { _ in terminateRequested = 1 }
    signal(SIGHUP) { _ in reloadRequested = 1 }
    signal(SIGPIPE, SIG_IGN)
}

/// One worker process: an epoll loop on the shared listening socket. Every connection is a state
/// machine on bytes (head → body → answer), so a slow client never holds the worker: the loop serves
/// the others and answers the slow one 408 when its time is up.
final class Worker: @unchecked Sendable {
    final class Connection {
        let fd: Int32
        let loopback: Bool
        var input: [UInt8] = []
        var inputStart = 0
        var output: [UInt8] = []
        var outputStart = 0
        var head: HTTPRequestHead?
        var bodyStart = 0
        var requestStart: Int64 = 0
        var lastActivity: Int64
        var closeAfterWrite = false
        var peerClosed = false
        /// After a 413: the rest of the body is discarded (not read into memory) until the peer closes.
        var discardUntil: Int64 = 0
        var discarded = 0
        var wantsWrite = false
        /// A reload answer held until every worker serves the set it published (review 76, finding 1).
        var parked: Parked?
        /// Answers written on the connection (0: a fresh connection, closed when silent past --request-timeout).
        var answered = 0
        init(fd: Int32, loopback: Bool, now: Int64) { self.fd = fd; self.loopback = loopback; lastActivity = now }
        var pending: Int { input.count - inputStart }
    }

    /// The answer to a reload that published `generation`, and what `respond` needs to send it.
    struct Parked {
        var generation: Int64
        var response: ServiceResponse
        var keepAlive: Bool
        var method: String
        var start: Int64
        var deadline: Int64
    }

    let options: ServeOptions
    let engine: SanteiEngine
    let listenFD: Int32
    let shared: SharedState
    let index: Int
    let supervisor: pid_t
    let epfd: Int32
    var connections: [Int32: Connection] = [:]
    var logBuffer: [UInt8] = []
    let logFD: Int32
    /// The folder of serving copies (`SharedState`).
    let copies: String
    /// Guards `servedGeneration`, `reloadThreadBusy` and `reloadFailed`, and orders the swaps: a set is installed
    /// only when its generation is newer than the one served (the loop thread publishing, the reload thread following).
    let reloading = NSLock()
    var servedGeneration: Int64
    var reloadThreadBusy = false
    /// The published set could not be loaded here: the worker drains and exits 1, and is replaced.
    var reloadFailed = false
    /// Set by `publish` during `engine.handle`: the generation a reload answered here published.
    var justPublished: Int64?
    var parkedCount = 0
    var exitStatus: Int32 = 0
    var draining = false
    var drainDeadline: Int64 = 0
    var listening = true
    /// One read buffer for every connection (the loop is single-threaded).
    var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
    /// The log line's time up to the second, refreshed once a second.
    var logSecond: Int64 = -1
    var logSecondText: [UInt8] = []

    static let EPOLLIN: UInt32 = 0x001, EPOLLOUT: UInt32 = 0x004, EPOLLERR: UInt32 = 0x008, EPOLLHUP: UInt32 = 0x010
    static let EPOLLRDHUP: UInt32 = 0x2000, EPOLLEXCLUSIVE: UInt32 = 1 << 28

    init(options: ServeOptions, listenFD: Int32, shared: SharedState, index: Int) throws {
        self.options = options
        self.listenFD = listenFD
        self.shared = shared
        self.index = index
        supervisor = getppid()
        let metrics = shared.metrics(row: index)
        metrics.openConnections = 0
        // The published set (its verified copy), never the source: a source damaged in place after a refused
        // reload cannot reach a worker started later (review 76, finding 3).
        let (set, generation) = try Self.loadPublished(shared)
        servedGeneration = generation
        copies = URL(fileURLWithPath: shared.published().copy).deletingLastPathComponent().path
        engine = SanteiEngine(set: set, metrics: metrics)
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        if let path = options.accessLog {
            logFD = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard logFD >= 0 else { throw EngineError("--access-log \(path): \(String(cString: strerror(errno)))") }
        } else {
            logFD = 2
        }
        let shared = self.shared
        engine.extraMetrics = { shared.processMetrics() }
        engine.publishReload = { [weak self] (set: LoadedSet) throws(EngineError) -> Void in try self?.publish(set) }
        _ = fcntl(listenFD, F_SETFL, fcntl(listenFD, F_GETFL) | O_NONBLOCK)
        guard csantei_epoll_ctl(epfd, EPOLL_CTL_ADD, listenFD, Self.EPOLLIN | Self.EPOLLEXCLUSIVE) == 0 else { throw EngineError("epoll: \(String(cString: strerror(errno)))") }
        // Serving: the row's pid tells the supervisor and /metrics so, and the generation says which set.
        shared.setServed(byWorker: index, generation)
        metrics.pid = Int64(getpid())
    }

    /// Loads the published set; a copy replaced while it was read (a reload published meanwhile) is read again.
    static func loadPublished(_ shared: SharedState) throws(EngineError) -> (LoadedSet, Int64) {
        var p = shared.published()
        while true {
            do throws(EngineError) { return (try LoadedSet.load(p.source, copy: p.copy), p.generation) } catch {
                let again = shared.published()
                if again.generation == p.generation { throw error }
                p = again
            }
        }
    }

    /// `POST /v1/admin/reload` answered here loaded and verified `set`: its copy is written, it is published to
    /// the other workers and installed here; the answer waits until every worker serves it (`checkParked`).
    func publish(_ set: LoadedSet) throws(EngineError) {
        let copy = try shared.writeCopy(of: set, in: copies)
        reloading.lock()
        let g = shared.publish(source: set.source, copy: copy, counted: true)
        engine.install(set)
        servedGeneration = g
        shared.setServed(byWorker: index, g)
        reloading.unlock()
        justPublished = g
    }

    /// Serves until SIGTERM (then drains) or until the supervisor is gone.
    func run() -> Int32 {
        var fds = [Int32](repeating: 0, count: 256)
        var evs = [UInt32](repeating: 0, count: 256)
        var lastSweep = ServiceClock.monotonicMicros()
        while true {
            if terminateRequested != 0 && !draining { startDraining() }
            if draining && (connections.isEmpty || ServiceClock.monotonicMicros() > drainDeadline) { break }
            if getppid() != supervisor && !draining { startDraining() }
            reloading.lock()
            let behind = shared.generation > servedGeneration, failed = reloadFailed
            reloading.unlock()
            if failed && !draining { exitStatus = 1; startDraining() }
            if behind && !failed { reloadInBackground() }
            if parkedCount > 0 { checkParked(ServiceClock.monotonicMicros()) }
            let n = csantei_epoll_wait(epfd, &fds, &evs, 256, parkedCount > 0 ? 5 : 100)
            if n < 0 && errno != EINTR { break }
            let now = ServiceClock.monotonicMicros()
            for k in 0..<max(0, Int(n)) {
                let fd = fds[k]
                let ev = evs[k]
                if fd == listenFD { acceptAll(now); continue }
                guard let c = connections[fd] else { continue }
                if ev & (Self.EPOLLIN | Self.EPOLLERR | Self.EPOLLHUP | Self.EPOLLRDHUP) != 0 { readable(c, now) }
                if connections[fd] != nil && ev & Self.EPOLLOUT != 0 { flush(c, now) }
            }
            if now - lastSweep > 100_000 { sweep(now); lastSweep = now }
            flushLog()
        }
        for c in Array(connections.values) { closeConnection(c) }
        flushLog()
        return exitStatus
    }

    func startDraining() {
        draining = true
        engine.draining = true
        drainDeadline = ServiceClock.monotonicMicros() + options.drainTimeoutMicros
        if listening {
            csantei_epoll_ctl(epfd, EPOLL_CTL_DEL, listenFD, 0)
            close(listenFD)
            listening = false
        }
        // A request that has begun (its head or part of it arrived, or its answer is held) is finished and answered
        // with Connection: close (keep-alive is off while draining); it had been dropped when its body was still
        // arriving (review 76, finding 2). A connection writing its last answer closes after it; an idle one is read
        // once more (a request may wait unread in the socket) and closes if nothing came.
        let now = ServiceClock.monotonicMicros()
        for c in Array(connections.values) {
            if c.parked != nil || c.head != nil || c.pending > 0 { continue }
            if c.output.count > c.outputStart { c.closeAfterWrite = true; continue }
            readable(c, now)
            guard connections[c.fd] != nil else { continue }
            if c.head == nil && c.pending == 0 && c.parked == nil && c.output.count == c.outputStart { closeConnection(c) }
        }
    }

    /// Answers the held reload answers whose set every worker serves now; after `reloadWaitMicros`, a 500 says
    /// that not every worker switched (the workers behind are loading it, or are replaced).
    func checkParked(_ now: Int64) {
        for c in Array(connections.values) {
            guard let p = c.parked else { continue }
            let served = shared.everyWorkerServes(p.generation)
            guard served || now > p.deadline else { continue }
            c.parked = nil
            parkedCount -= 1
            var response = p.response
            if !served {
                response = .error(.internalError, "reload: the new set serves in this worker, but not every worker had switched to it after \(options.reloadWaitMicros / 1_000_000) s; the others are still loading it or are being replaced (see the log)")
                response.route = .reload
            }
            c.requestStart = c.pending > 0 ? now : 0
            respond(c, response, keepAlive: p.keepAlive && !draining && !c.peerClosed, method: p.method, start: p.start)
            if connections[c.fd] != nil { process(c, now) }
        }
    }

    /// Loads the set another worker or the supervisor published (its verified copy) beside the running one and
    /// swaps it in, unless a newer one was installed meanwhile; the row then says which generation it serves.
    func reloadInBackground() {
        reloading.lock()
        if reloadThreadBusy { reloading.unlock(); return }
        reloadThreadBusy = true
        reloading.unlock()
        let thread = Thread { [self] in
            var line = ""
            var p = shared.published()
            while true {
                do throws(EngineError) {
                    let set = try LoadedSet.load(p.source, copy: p.copy)
                    reloading.lock()
                    if p.generation > servedGeneration {
                        let old = engine.loaded
                        engine.install(set)
                        servedGeneration = p.generation
                        shared.setServed(byWorker: index, p.generation)
                        line = "{\"event\":\"reloaded\",\"worker\":\(index),\"source\":\(jsonString(set.source.description)),\"snapshot_id\":\"\(set.snapshotID)\",\"previous_snapshot_id\":\"\(old.snapshotID)\"}\n"
                    }
                    reloading.unlock()
                } catch {
                    // A newer set was published meanwhile (its copy replaced this one): read that one.
                    let again = shared.published()
                    if again.generation != p.generation { p = again; continue }
                    line = "{\"event\":\"reload_failed\",\"worker\":\(index),\"message\":\(jsonString(error.message)),\"then\":\"the worker drains and exits; its replacement starts from the published set\"}\n"
                    reloading.lock(); reloadFailed = true; reloading.unlock()
                }
                break
            }
            if !line.isEmpty { _ = Array(line.utf8).withUnsafeBytes { AtomicFile.writeAll(2, $0) } }
            reloading.lock(); reloadThreadBusy = false; reloading.unlock()
        }
        thread.start()
    }

    func acceptAll(_ now: Int64) {
        while listening {
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listenFD, $0, &len) }
            }
            if fd < 0 { return }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var loopback = false
            if addr.ss_family == sa_family_t(AF_INET) {
                let a = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr } }
                loopback = UInt32(bigEndian: a) >> 24 == 127
            } else if addr.ss_family == sa_family_t(AF_INET6) {
                let a = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr } }
                loopback = withUnsafeBytes(of: a) { b in b.prefix(15).allSatisfy { $0 == 0 } && b[15] == 1 }
            }
            if engine.metrics.totalOpenConnections >= Int64(options.maxConnections) {
                let r = ServiceResponse.error(.overloaded, "more than \(options.maxConnections) connections; retry shortly", headers: [("Retry-After", "1")])
                let bytes = Self.serialize(r, keepAlive: false)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                engine.metrics.record(route: nil, error: .overloaded, micros: 0)
                log(method: "-", route: nil, status: 503, micros: 0, bytes: r.body.count)
                shutdown(fd, Int32(SHUT_WR))
                close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let c = Connection(fd: fd, loopback: loopback, now: now)
            connections[fd] = c
            engine.metrics.openConnections += 1
            csantei_epoll_ctl(epfd, EPOLL_CTL_ADD, fd, Self.EPOLLIN | Self.EPOLLRDHUP)
        }
    }

    func closeConnection(_ c: Connection) {
        guard connections.removeValue(forKey: c.fd) != nil else { return }
        if c.parked != nil { c.parked = nil; parkedCount -= 1 }
        csantei_epoll_ctl(epfd, EPOLL_CTL_DEL, c.fd, 0)
        close(c.fd)
        engine.metrics.openConnections -= 1
    }

    func readable(_ c: Connection, _ now: Int64) {
        var got = false
        while true {
            let n = readBuffer.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                got = true
                if c.discardUntil != 0 {
                    c.discarded += n
                    if c.discarded > 1 << 20 { closeConnection(c); return }
                    continue
                }
                readBuffer.withUnsafeBytes { c.input.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                if n < readBuffer.count { break }
                if c.pending > options.limits.maxHead + options.limits.maxBody + 65536 { break }
                continue
            }
            if n == 0 { c.peerClosed = true; break }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            closeConnection(c); return
        }
        if got { c.lastActivity = now }
        if c.discardUntil != 0 {
            if c.peerClosed { closeConnection(c) }
            return
        }
        process(c, now)
        if connections[c.fd] == nil { return }
        if c.parked != nil {
            // The answer is held: stop watching a closed peer (level-triggered, it would wake the loop at once).
            if c.peerClosed { csantei_epoll_ctl(epfd, EPOLL_CTL_MOD, c.fd, 0) }
            return
        }
        if c.peerClosed && c.output.count == c.outputStart { closeConnection(c) }
    }

    /// Answers every complete request in the buffer, in order (pipelined requests included).
    func process(_ c: Connection, _ now: Int64) {
        while !c.closeAfterWrite && c.parked == nil {
            if c.head == nil {
                if c.pending == 0 { break }
                if c.requestStart == 0 { c.requestStart = now }
                let parsed = c.input.withUnsafeBytes { HTTPParser.parseHead(UnsafeRawBufferPointer(rebasing: $0[c.inputStart...]), limits: options.limits) }
                switch parsed {
                case .incomplete: return finishInput(c)
                case .failure(let code, let message):
                    respond(c, .error(code, message), keepAlive: false, method: "-", start: now)
                    return
                case .head(let head, let length):
                    if head.chunked {
                        respond(c, .error(.lengthRequired, "Transfer-Encoding is not served: send the body with Content-Length"), keepAlive: false, method: head.method, start: now); return
                    }
                    if head.method == "POST" && head.contentLength == nil {
                        respond(c, .error(.lengthRequired, "a POST needs Content-Length"), keepAlive: false, method: head.method, start: now); return
                    }
                    if let n = head.contentLength, n > options.limits.maxBody {
                        c.discardUntil = now + 500_000
                        c.input = []; c.inputStart = 0
                        respond(c, .error(.payloadTooLarge, "the body (\(n) bytes) is over the limit of \(options.limits.maxBody) bytes", field: nil), keepAlive: false, method: head.method, start: now)
                        return
                    }
                    if let n = head.contentLength, n > 0, let type = head.contentType, !HTTPParser.isJSON(type) {
                        respond(c, .error(.unsupportedMediaType, "Content-Type \(type) is not application/json"), keepAlive: false, method: head.method, start: now); return
                    }
                    c.head = head
                    c.bodyStart = c.inputStart + length
                    if head.expectContinue, let n = head.contentLength, n > 0, c.input.count - c.bodyStart < n {
                        c.output += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                        flush(c, now)
                        if connections[c.fd] == nil { return }
                    }
                }
            }
            guard let head = c.head else { break }
            let length = head.contentLength ?? 0
            if c.input.count - c.bodyStart < length { break }
            let body = c.input[c.bodyStart..<(c.bodyStart + length)]
            let start = ServiceClock.monotonicMicros()
            var response: ServiceResponse
            if head.target.hasPrefix("/v1/admin/"),
               case .route(.reload, _) = Route.match(method: head.method, path: head.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.target),
               !adminAllowed(c, head) {
                response = .error(.forbidden, options.adminToken == nil ? "reload is allowed from loopback only (or give --admin-token)" : "reload needs Authorization: Bearer <admin token>")
                response.route = .reload
            } else {
                justPublished = nil
                response = engine.handle(method: head.method, target: head.target, body: body)
            }
            c.inputStart = c.bodyStart + length
            c.head = nil
            c.requestStart = c.pending > 0 ? now : 0
            if let g = justPublished {
                justPublished = nil
                if !shared.everyWorkerServes(g) {
                    // Answered by `checkParked` once every worker serves the set this reload published.
                    c.parked = Parked(generation: g, response: response, keepAlive: head.keepAlive, method: head.method, start: start,
                                      deadline: ServiceClock.monotonicMicros() + options.reloadWaitMicros)
                    parkedCount += 1
                    break
                }
            }
            let keepAlive = head.keepAlive && !draining
            respond(c, response, keepAlive: keepAlive, method: head.method, start: start)
        }
        finishInput(c)
    }

    func adminAllowed(_ c: Connection, _ head: HTTPRequestHead) -> Bool {
        if let token = options.adminToken { return head.authorization == "Bearer \(token)" }
        return c.loopback
    }

    /// Drops consumed bytes.
    func finishInput(_ c: Connection) {
        if c.inputStart > 0 && (c.inputStart == c.input.count || c.inputStart > 1 << 16) {
            c.input.removeFirst(c.inputStart)
            c.bodyStart -= c.inputStart
            c.inputStart = 0
        }
    }

    func respond(_ c: Connection, _ r: ServiceResponse, keepAlive: Bool, method: String, start: Int64) {
        let micros = ServiceClock.monotonicMicros() - start
        // The answer to a HEAD carries no content (RFC 9110 §9.3.2; review 357 GW-4: a 405's JSON followed it on a kept-alive
        // connection, read by the client as the start of the next answer); its Content-Length is the GET's.
        c.output += Self.serialize(r, keepAlive: keepAlive, content: method != "HEAD")
        c.answered += 1
        if !keepAlive { c.closeAfterWrite = true }
        engine.metrics.record(route: r.route, error: r.error, micros: micros)
        log(method: method, route: r.route, status: r.status, micros: micros, bytes: r.body.count)
        flush(c, ServiceClock.monotonicMicros())
    }

    static let okJSONHead = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ".utf8)

    static func serialize(_ r: ServiceResponse, keepAlive: Bool, content: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.body.count + 160)
        if r.status == 200 && r.contentType == "application/json" {
            out += okJSONHead
        } else {
            out += Array("HTTP/1.1 \(r.status) \(ServiceResponse.reason(r.status))\r\nContent-Type: \(r.contentType)\r\nContent-Length: ".utf8)
        }
        out += Array(String(r.body.count).utf8)
        out += [13, 10]
        for (k, v) in r.headers { out += Array("\(k): \(v)\r\n".utf8) }
        if !keepAlive { out += Array("Connection: close\r\n".utf8) }
        out += [13, 10]
        if content { out += r.body }
        return out
    }

    func flush(_ c: Connection, _ now: Int64) {
        while c.outputStart < c.output.count {
            let n = c.output.withUnsafeBytes { send(c.fd, $0.baseAddress! + c.outputStart, $0.count - c.outputStart, Int32(MSG_NOSIGNAL)) }
            if n > 0 { c.outputStart += n; c.lastActivity = now; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if !c.wantsWrite { setWrite(c, true) }
                return
            }
            closeConnection(c); return
        }
        c.output.removeAll(keepingCapacity: true)
        c.outputStart = 0
        if c.wantsWrite { setWrite(c, false) }
        if c.closeAfterWrite {
            if c.discardUntil != 0 { shutdown(c.fd, Int32(SHUT_WR)); return }
            closeConnection(c)
        }
    }

    func setWrite(_ c: Connection, _ on: Bool) {
        c.wantsWrite = on
        csantei_epoll_ctl(epfd, EPOLL_CTL_MOD, c.fd, Self.EPOLLIN | Self.EPOLLRDHUP | (on ? Self.EPOLLOUT : 0))
    }

    /// Timeouts: a request not complete in time gets 408; idle keep-alive connections and discarded bodies end.
    func sweep(_ now: Int64) {
        for c in Array(connections.values) {
            if c.parked != nil { continue }   // its own deadline (checkParked)
            if c.discardUntil != 0 {
                if now > c.discardUntil { closeConnection(c) }
                continue
            }
            if c.requestStart != 0 && now - c.requestStart > options.requestTimeoutMicros && !c.closeAfterWrite {
                respond(c, .error(.requestTimeout, "the request did not arrive within \(options.requestTimeoutMicros / 1_000_000) s"), keepAlive: false, method: c.head?.method ?? "-", start: now)
                continue
            }
            // A connection that has sent no request yet gets --request-timeout, not the keep-alive idle time (review 379 HS-2: silent
            // connections held the --max-connections slots for 60 s).
            let idle = draining ? 0 : c.answered == 0 ? options.requestTimeoutMicros : options.idleTimeoutMicros
            if c.requestStart == 0 && c.output.count == c.outputStart && now - c.lastActivity > idle {
                closeConnection(c)
                continue
            }
            if c.output.count > c.outputStart && now - c.lastActivity > options.requestTimeoutMicros { closeConnection(c) }
        }
    }

    func log(method: String, route: Route?, status: Int, micros: Int64, bytes: Int) {
        // Built from bytes: the method is a checked token (A–Z) or "-", the route a constant — nothing to
        // escape, and no claim content.
        let now = ServiceClock.nowMicros()
        let second = now / 1_000_000
        if second != logSecond {
            logSecond = second
            logSecondText = Array(ServiceClock.iso8601(second * 1_000_000).prefix(19).utf8)
        }
        var micro = Int(now % 1_000_000)
        var frac = [UInt8](repeating: 48, count: 6)
        for k in stride(from: 5, through: 0, by: -1) { frac[k] = UInt8(48 + micro % 10); micro /= 10 }
        logBuffer += Self.logTime
        logBuffer += logSecondText
        logBuffer.append(UInt8(ascii: "."))
        logBuffer += frac
        logBuffer += Array("Z\",\"worker\":\(index),\"method\":\"\(method)\",\"route\":\"\(route?.rawValue ?? "unmatched")\",\"status\":\(status),\"us\":\(micros),\"bytes\":\(bytes)}\n".utf8)
        if logBuffer.count > 1 << 16 { flushLog() }
    }
    static let logTime = Array("{\"time\":\"".utf8)

    func flushLog() {
        guard !logBuffer.isEmpty else { return }
        _ = logBuffer.withUnsafeBytes { AtomicFile.writeAll(logFD, $0) }
        logBuffer.removeAll(keepingCapacity: true)
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.withoutEscapingSlashes]
    return (try? String(decoding: e.encode(s), as: UTF8.self)) ?? "\"\""
}
