import Foundation

/// Request counters, errors by kind and a latency histogram, in Prometheus text format.
///
/// The counters live in `slots` rows of Int64 (one row per worker process of `santei serve`, in a
/// shared mapping, so any worker can answer `/metrics` for all; one row in process memory for the C
/// library and `--stdio`). A row is written by its owner only; readers sum the rows.
public final class ServiceMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in microseconds.
    public static let bucketsMicros: [Int64] = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 100_000, 1_000_000]
    static let routeBase = 2                                  // 0: pid, 1: open connections
    static let errorBase = routeBase + Route.allCases.count + 1   // + unmatched
    static let bucketBase = errorBase + ServiceErrorCode.allCases.count
    static let sumIndex = bucketBase + bucketsMicros.count + 1
    static let countIndex = sumIndex + 1
    /// Int64s per row.
    public static let rowWidth = countIndex + 1

    private let base: UnsafeMutablePointer<Int64>
    public let rows: Int
    public let row: Int
    private let lock = NSLock()
    private let owned: Bool

    /// Counters in `storage` (`rows` × `rowWidth` Int64s, zero-filled or kept from an earlier owner of `row`).
    public init(storage: UnsafeMutablePointer<Int64>, rows: Int, row: Int) {
        base = storage; self.rows = rows; self.row = row; owned = false
    }

    /// Counters in process memory (one row).
    public init() {
        base = UnsafeMutablePointer<Int64>.allocate(capacity: Self.rowWidth)
        base.initialize(repeating: 0, count: Self.rowWidth)
        rows = 1; row = 0; owned = true
    }
    deinit { if owned { base.deallocate() } }

    private var mine: UnsafeMutablePointer<Int64> { base + row * Self.rowWidth }

    /// Counts one answered request.
    public func record(route: Route?, error: ServiceErrorCode?, micros: Int64) {
        lock.lock(); defer { lock.unlock() }
        let r = mine
        r[Self.routeBase + (route?.index ?? Route.allCases.count)] &+= 1
        if let error { r[Self.errorBase + error.index] &+= 1 }
        var b = Self.bucketsMicros.count
        for (k, bound) in Self.bucketsMicros.enumerated() where micros <= bound { b = k; break }
        r[Self.bucketBase + b] &+= 1
        r[Self.sumIndex] &+= micros
        r[Self.countIndex] &+= 1
    }

    /// This row's open connections (the server's gauge).
    public var openConnections: Int64 {
        get { mine[1] }
        set { mine[1] = newValue }
    }
    public var pid: Int64 {
        get { mine[0] }
        set { mine[0] = newValue }
    }
    /// Σ open connections of every row.
    public var totalOpenConnections: Int64 { (0..<rows).reduce(0) { $0 + base[$1 * Self.rowWidth + 1] } }

    private func sum(_ column: Int) -> Int64 { (0..<rows).reduce(0) { $0 &+ base[$1 * Self.rowWidth + column] } }

    /// The Prometheus text exposition of every row, summed; `extra` lines are appended as given.
    public func prometheus(extra: String = "") -> String {
        var s = "# HELP santei_requests_total Requests answered, by route.\n# TYPE santei_requests_total counter\n"
        for r in Route.allCases { s += "santei_requests_total{route=\"\(r.rawValue)\"} \(sum(Self.routeBase + r.index))\n" }
        s += "santei_requests_total{route=\"unmatched\"} \(sum(Self.routeBase + Route.allCases.count))\n"
        s += "# HELP santei_errors_total Error answers, by kind (the error code of the body).\n# TYPE santei_errors_total counter\n"
        for e in ServiceErrorCode.allCases { s += "santei_errors_total{code=\"\(e.rawValue)\"} \(sum(Self.errorBase + e.index))\n" }
        s += "# HELP santei_request_duration_seconds Time from a complete request to its answer.\n# TYPE santei_request_duration_seconds histogram\n"
        var cumulative: Int64 = 0
        for (k, bound) in Self.bucketsMicros.enumerated() {
            cumulative += sum(Self.bucketBase + k)
            s += "santei_request_duration_seconds_bucket{le=\"\(Double(bound) / 1e6)\"} \(cumulative)\n"
        }
        cumulative += sum(Self.bucketBase + Self.bucketsMicros.count)
        s += "santei_request_duration_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
        s += "santei_request_duration_seconds_sum \(Double(sum(Self.sumIndex)) / 1e6)\n"
        s += "santei_request_duration_seconds_count \(sum(Self.countIndex))\n"
        s += "# HELP santei_open_connections Connections open now.\n# TYPE santei_open_connections gauge\n"
        s += "santei_open_connections \(sum(1))\n"
        return s + extra
    }
}
