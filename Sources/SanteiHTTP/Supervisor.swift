import Foundation
import Santei

/// `santei serve`: the supervisor opens the listening socket and the shared state, starts N worker
/// processes (the same executable, `serve --worker K`, with the socket inherited — spawned, never forked
/// from a process with threads), and replaces a worker that dies, logging it and counting it in
/// `/metrics`. SIGHUP loads the source again here and, when it loads, publishes it to every worker;
/// SIGTERM stops accepting, lets the workers finish what is in flight, and exits 0.
///
/// Workers start from the published serving copy (`SharedState`), never from the source: after a refused
/// reload of a source damaged in place, a replacement worker still starts from the set that serves (review
/// 76, finding 3). A worker that exits before it serves is counted (`santei_worker_start_failures_total`)
/// and started again after a pause that doubles from 1 s to 30 s; `santei_workers` counts the serving ones.
public enum Serve {
    /// Runs the supervisor. `arguments` are the command's own options, passed on to each worker.
    public static func supervise(_ o: ServeOptions, arguments: [String]) -> Int32 {
        installServeSignals()
        // Refuse to start on masters that do not load (the workers would only die and be restarted).
        var first: LoadedSet?
        do throws(EngineError) { first = try LoadedSet.load(o.source) } catch {
            printErr("santei serve: \(error.message)"); return 1
        }
        let listenFD: Int32
        let port: UInt16
        do { (listenFD, port) = try listen(host: o.host, port: o.port) } catch {
            printErr("santei serve: \(error)"); return 1
        }
        let shared: SharedState
        do { shared = try SharedState.create(workers: o.workers) } catch {
            printErr("santei serve: \(error)"); return 1
        }
        // The folder of serving copies, private to this supervisor, removed when it stops.
        var folderTemplate = Array("/tmp/santei-serve-sets-XXXXXX".utf8CString)
        guard folderTemplate.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            printErr("santei serve: cannot create a folder for the serving copy: \(String(cString: strerror(errno)))"); return 1
        }
        let copies = folderTemplate.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { SharedState.removeCopies(in: copies) }
        do throws(EngineError) {
            shared.publish(source: o.source, copy: try shared.writeCopy(of: first!, in: copies), counted: false)
        } catch {
            printErr("santei serve: \(error.message)"); return 1
        }
        first = nil   // the supervisor serves nothing: the workers load the copy
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var pids = [pid_t](repeating: 0, count: o.workers)
        var started = [Int64](repeating: 0, count: o.workers)
        var respawnAt = [Int64](repeating: 0, count: o.workers)
        var startFailures = [Int](repeating: 0, count: o.workers)
        /// A SIGHUP reload published and not yet served by every worker: its generation and snapshot id.
        var pendingReload: (generation: Int64, snapshotID: String)?
        // The options the supervisor gives each worker itself are left out of the caller's, so that no worker sees one
        // twice (`santei` refuses a repeated option): `--workers 2` as given and as passed on.
        let own: Set<String> = ["--worker", "--listen-fd", "--shared-fd", "--workers"]
        var passed: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if own.contains(a) { i += 2; continue }
            if !own.contains(where: { a.hasPrefix($0 + "=") }) { passed.append(a) }
            i += 1
        }
        func spawnWorker(_ k: Int) {
            let args = [exe, "serve"] + passed + ["--worker", "\(k)", "--listen-fd", "\(listenFD)", "--shared-fd", "\(shared.fd)", "--workers", "\(o.workers)"]
            var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            // The worker starts with SIGTERM/SIGHUP/SIGINT blocked and unblocks them once its handlers are
            // installed: a signal during its start is kept, never the default action.
            var attr = posix_spawnattr_t()
            posix_spawnattr_init(&attr)
            defer { posix_spawnattr_destroy(&attr) }
            var mask = serveSignalMask()
            posix_spawnattr_setsigmask(&attr, &mask)
            posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK))
            let rc = posix_spawn(&pid, exe, nil, &attr, &argv, environ)
            if rc != 0 {
                printErr("{\"event\":\"spawn_failed\",\"worker\":\(k),\"error\":\(jsonString(String(cString: strerror(rc))))}")
                respawnAt[k] = ServiceClock.monotonicMicros() + 1_000_000
                return
            }
            pids[k] = pid
            started[k] = ServiceClock.monotonicMicros()
            respawnAt[k] = 0
        }
        for k in 0..<o.workers { spawnWorker(k) }
        printErr("{\"event\":\"listening\",\"address\":\"\(o.host.contains(":") ? "[\(o.host)]" : o.host):\(port)\",\"port\":\(port),\"workers\":\(o.workers),\"pid\":\(getpid()),\"source\":\(jsonString(o.source.description))}")

        while terminateRequested == 0 {
            if reloadRequested != 0 {
                reloadRequested = 0
                // Loaded and verified here once, then published: the workers load its copy, so they serve one set.
                let source = shared.published().source
                printErr("{\"event\":\"reload\",\"cause\":\"SIGHUP\",\"source\":\(jsonString(source.description))}")
                do throws(EngineError) {
                    let set = try LoadedSet.load(source)
                    let g = shared.publish(source: set.source, copy: try shared.writeCopy(of: set, in: copies), counted: true)
                    pendingReload = (g, set.snapshotID)
                } catch {
                    printErr("{\"event\":\"reload_refused\",\"cause\":\"SIGHUP\",\"message\":\(jsonString(error.message))}")
                }
            }
            if let p = pendingReload, shared.everyWorkerServes(p.generation) {
                pendingReload = nil
                printErr("{\"event\":\"reloaded\",\"cause\":\"SIGHUP\",\"snapshot_id\":\"\(p.snapshotID)\",\"workers\":\(shared.servingWorkers)}")
            }
            var status: Int32 = 0
            while true {
                let pid = waitpid(-1, &status, WNOHANG)
                if pid <= 0 { break }
                guard let k = pids.firstIndex(of: pid) else { continue }
                pids[k] = 0
                // Its row's pid is set once it serves: a worker that dies before that failed to start.
                let served = shared.pid(ofWorker: k) == Int64(pid)
                shared.clearPID(ofWorker: k)
                shared.addRestart()
                let signal = status & 0x7f
                let how = signal == 0 ? "\"exit_status\":\((status >> 8) & 0xff)" : "\"signal\":\(signal)"
                printErr("{\"event\":\"worker_died\",\"worker\":\(k),\"pid\":\(pid),\(how),\"restarts\":\(shared.restarts)}")
                let now = ServiceClock.monotonicMicros()
                if served {
                    startFailures[k] = 0
                    // A worker that dies at once is restarted after a pause, not in a loop.
                    respawnAt[k] = now - started[k] < 1_000_000 ? now + 1_000_000 : now
                } else {
                    // It failed to start: counted, and started again after a pause that doubles (1 s … 30 s).
                    startFailures[k] += 1
                    shared.addStartFailure()
                    let pause = min(Int64(30_000_000), Int64(1_000_000) << min(5, startFailures[k] - 1))
                    respawnAt[k] = now + pause
                    printErr("{\"event\":\"worker_start_failed\",\"worker\":\(k),\"failures\":\(startFailures[k]),\"retry_in_ms\":\(pause / 1000),\"serving_workers\":\(shared.servingWorkers)}")
                }
            }
            let now = ServiceClock.monotonicMicros()
            for k in 0..<o.workers where pids[k] == 0 && respawnAt[k] != 0 && now >= respawnAt[k] { spawnWorker(k) }
            usleep(20_000)
        }
        // Drain: stop accepting, workers finish what is in flight.
        close(listenFD)
        printErr("{\"event\":\"draining\",\"pid\":\(getpid())}")
        for pid in pids where pid > 0 { kill(pid, SIGTERM) }
        let deadline = ServiceClock.monotonicMicros() + o.drainTimeoutMicros + 2_000_000
        var failed = false
        while pids.contains(where: { $0 > 0 }) {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            if pid > 0, let k = pids.firstIndex(of: pid) {
                pids[k] = 0
                shared.clearPID(ofWorker: k)
                if status != 0 { failed = true }
                continue
            }
            if ServiceClock.monotonicMicros() > deadline {
                for pid in pids where pid > 0 { kill(pid, SIGKILL) }
                failed = true
                break
            }
            usleep(10_000)
        }
        printErr("{\"event\":\"stopped\",\"pid\":\(getpid())}")
        return failed ? 1 : 0
    }

    /// Runs one worker (`serve --worker K`, started by the supervisor).
    public static func worker(_ o: ServeOptions, index: Int, listenFD: Int32, sharedFD: Int32, workers: Int) -> Int32 {
        installServeSignals()
        var mask = serveSignalMask()
        sigprocmask(SIG_UNBLOCK, &mask, nil)
        do {
            let shared = try SharedState(fd: sharedFD, workers: workers)
            guard shared.isValid, index >= 0, index < workers else { printErr("santei serve --worker: bad shared state"); return 1 }
            let w = try Worker(options: o, listenFD: listenFD, shared: shared, index: index)
            return w.run()
        } catch {
            printErr("santei serve --worker \(index): \(error)")
            return 1
        }
    }

    /// A listening TCP socket on host:port (port 0: any free port), and the port it got.
    static func listen(host: String, port: UInt16) throws -> (Int32, UInt16) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, "\(port)", &hints, &list)
        guard rc == 0, let first = list else { throw EngineError("--listen \(host):\(port): \(String(cString: gai_strerror(rc)))") }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var ai: UnsafeMutablePointer<addrinfo>? = first
        while let a = ai {
            ai = a.pointee.ai_next
            let fd = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if fd < 0 { lastError = String(cString: strerror(errno)); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0, Glibc.listen(fd, 4096) == 0 else {
                lastError = String(cString: strerror(errno)); close(fd); continue
            }
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            let bound: UInt16 = addr.ss_family == sa_family_t(AF_INET6)
                ? withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
                : withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
            return (fd, bound)
        }
        throw EngineError("--listen \(host):\(port): \(lastError)")
    }
}

/// SIGTERM, SIGHUP and SIGINT.
func serveSignalMask() -> sigset_t {
    var mask = sigset_t()
    sigemptyset(&mask)
    for s in [SIGTERM, SIGHUP, SIGINT] { sigaddset(&mask, s) }
    return mask
}

func printErr(_ s: String) {
    _ = Array((s + "\n").utf8).withUnsafeBytes { AtomicFile.writeAll(2, $0) }
}
