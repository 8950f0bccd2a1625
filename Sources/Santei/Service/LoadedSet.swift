import Foundation

/// Where an engine's masters come from: the embedded default (or `SANTEI_MASTERS`), a folder of
/// official files, or a compiled snapshot.
public enum MasterSource: Sendable, Equatable, CustomStringConvertible {
    case embedded
    case masters(String)
    case snapshot(String)

    /// A path: a regular file is a snapshot, a folder a masters folder; nil or empty is the embedded default.
    public init(path: String?) {
        guard let path, !path.isEmpty else { self = .embedded; return }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { self = .masters(path) } else { self = .snapshot(path) }
    }

    public var description: String {
        switch self {
        case .embedded: "embedded"
        case .masters(let p): "masters \(p)"
        case .snapshot(let p): "snapshot \(p)"
        }
    }
    var kind: String { switch self { case .embedded: "embedded"; case .masters: "masters"; case .snapshot: "snapshot" } }
    var path: String? { switch self { case .embedded: nil; case .masters(let p), .snapshot(let p): p } }
}

/// Why an engine could not load or reload its masters.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One loaded master set with everything priced against it: the engine swaps whole `LoadedSet`s, so a
/// request runs start to end on the set it started with.
public final class LoadedSet: Sendable {
    public let source: MasterSource
    public let masters: MasterSet
    public let pricer: ClaimPricer
    public let auditor: Auditor
    public let copayParameters: Result<CopayParameters, MasterLoadError>
    /// The snapshot checksum (XXH64 of the image, as `masters compile` writes it), 16 hex digits.
    public let snapshotID: String
    /// When it was loaded (UTC, ISO 8601).
    public let loadedAt: String

    init(source: MasterSource, masters: MasterSet, rules: BundledTestRules) {
        self.source = source
        self.masters = masters
        pricer = ClaimPricer(masters: masters, unitPricer: UnitPricer(bundled: rules))
        auditor = Auditor(masters: masters)
        copayParameters = Result { () throws(MasterLoadError) in try CopayParameters.loadDefault() }
        snapshotID = masters.withImage { image in
            var h: UInt64 = 0
            if image.count >= SnapshotFormat.headerSize { h = image.loadUnaligned(fromByteOffset: 40, as: UInt64.self) }
            if h == 0 { h = XXH64.hash(image) }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        loadedAt = ServiceClock.iso8601(ServiceClock.nowMicros())
    }

    /// Loads a set: a snapshot is verified (format, size, checksum) and refused when damaged; a folder is
    /// read as official files with the revision calendar found for it. Law parameters come from the default set.
    public static func load(_ source: MasterSource) throws(EngineError) -> LoadedSet {
        try load(source, copy: nil)
    }

    /// Loads `source`, or, when `copy` is given, the snapshot `copy` written from a set loaded from `source`
    /// (`santei serve`'s serving copy: the workers load the very bytes a reload verified, labelled with its source).
    public static func load(_ source: MasterSource, copy: String?) throws(EngineError) -> LoadedSet {
        if let problem = MasterLocator.environmentProblem() { throw EngineError(problem) }
        guard let paramsDir = MasterLocator.defaultDirectory() else {
            throw EngineError("no Masters/params folder found and the built-in set could not be extracted: set SANTEI_MASTERS to a copy of Masters/")
        }
        let rules: BundledTestRules
        do { rules = try BundledTestRules.load(path: paramsDir + "/params/bundled-tests.json") } catch { throw EngineError("\(error)") }
        let set: MasterSet
        if let copy {
            do { set = try MasterSet.load(snapshot: copy) } catch { throw EngineError("the serving copy of \(source): \(error)") }
            return LoadedSet(source: source, masters: set, rules: rules)
        }
        switch source {
        case .snapshot(let path):
            do { set = try MasterSet.load(snapshot: path) } catch { throw EngineError("\(error)") }
        case .masters, .embedded:
            let folder: String
            if case .masters(let d) = source {
                var st = stat()
                guard stat(d, &st) == 0 else { throw EngineError("masters \(d): no such folder") }
                guard st.st_mode & S_IFMT == S_IFDIR else { throw EngineError("masters \(d): is a file, not a folder of master files") }
                folder = d
            } else {
                folder = paramsDir
            }
            do {
                let calendar = try MasterLocator.calendar(for: folder)
                set = try MasterSetBuilder.build(directory: folder, calendar: calendar)
            } catch { throw EngineError("\(error)") }
        }
        return LoadedSet(source: source, masters: set, rules: rules)
    }
}

/// Wall-clock time for logs and answers.
public enum ServiceClock {
    public static func nowMicros() -> Int64 {
        var tv = timeval()
        gettimeofday(&tv, nil)
        return Int64(tv.tv_sec) * 1_000_000 + Int64(tv.tv_usec)
    }
    /// Monotonic microseconds (for durations and deadlines).
    public static func monotonicMicros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
    /// `2026-11-30T04:50:00.123456Z`.
    public static func iso8601(_ micros: Int64) -> String {
        var t = time_t(micros / 1_000_000)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func pad(_ v: Int32, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(tmv.tm_year + 1900, 4))-\(pad(tmv.tm_mon + 1, 2))-\(pad(tmv.tm_mday, 2))T\(pad(tmv.tm_hour, 2)):\(pad(tmv.tm_min, 2)):\(pad(tmv.tm_sec, 2)).\(pad(Int32(micros % 1_000_000), 6))Z"
    }
}
