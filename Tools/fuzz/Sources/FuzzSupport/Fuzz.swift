import Foundation
import Santei

/// What every fuzz target shares: the libFuzzer driver and the project's embedded sample masters
/// (`Masters/`, found through `SANTEI_MASTERS` as the CLI finds them), loaded once per process.
///
/// The fixtures here are the harness's own setup, not input: a missing `Masters/` folder stops the
/// fuzzer at start with a message (`fatalError`), never in the middle of a run.
public enum Fuzz {
    /// The `Masters/` folder (`MasterLocator`, as `santei` finds it).
    public static let mastersDirectory: String = {
        guard let dir = MasterLocator.defaultDirectory() else {
            fatalError("fuzz: no Masters/ folder: set SANTEI_MASTERS to the repository's Masters folder (run.sh does)")
        }
        return dir
    }()

    /// The revision calendar of `Masters/params`.
    public static let calendar: RevisionCalendar = {
        do { return try MasterLocator.calendar(for: mastersDirectory) } catch { fatalError("fuzz: \(error)") }
    }()

    /// The embedded sample set, built from its CSV files as `santei` does without `--masters`.
    public static let masters: MasterSet = {
        do { return try MasterSetBuilder.build(directory: mastersDirectory, calendar: calendar) } catch { fatalError("fuzz: \(error)") }
    }()

    /// The unit pricer with `Masters/params/bundled-tests.json` (as `santei price`).
    public static let unitPricer: UnitPricer = {
        do { return UnitPricer(bundled: try BundledTestRules.load(path: mastersDirectory + "/params/bundled-tests.json")) }
        catch { fatalError("fuzz: \(error)") }
    }()

    /// `Masters/params/copay` (as `santei copay` and `santei price` for claims with `insurance`).
    public static let copayParameters: CopayParameters = {
        do { return try CopayParameters.loadDefault() } catch { fatalError("fuzz: \(error)") }
    }()

    /// Keeps results alive so the optimiser cannot drop the work that made them.
    nonisolated(unsafe) public static var sink = 0

    @inline(never) public static func consume(_ bytes: [UInt8]) {
        sink &+= bytes.count &+ Int(bytes.last ?? 0)
        if printing { FileHandle.standardError.write(Data(bytes + [10])) }
    }
    @inline(never) public static func consume(_ text: String) { consume(Array(text.utf8)) }

    /// `SANTEI_FUZZ_PRINT=1`: every output the targets make goes to standard error (to see what a
    /// seed or a reproducer does: `SANTEI_FUZZ_PRINT=1 fuzz-claim FILE`).
    public static let printing = ProcessInfo.processInfo.environment["SANTEI_FUZZ_PRINT"] != nil
    @inline(never) public static func consume(_ n: Int) { sink &+= n }

    /// The input as an array (the library's readers take `[UInt8]` or slices of one).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Runs libFuzzer (`LLVMFuzzerRunDriver`) with the process arguments. Before it starts, builds
    /// the shared fixtures that `prepare` touches so their cost is not charged to the first input.
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                           _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32,
                           prepare: () -> Void = {}) -> Int32 {
        prepare()
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }

    // MARK: master tables

    /// Reads every field of up to `limit` versions and codes of every chain of a set, and looks up
    /// each code through the hash and by date: what pricing and the audit do with a loaded table.
    /// `records`: also read every field of the version each look-up finds (as `MasterRecord.fields`).
    public static func walk(_ set: MasterSet, limit: Int, records: Bool = false) {
        withExtendedLifetime(set) { walkTables(set, limit: limit, records: records) }
    }

    private static func walkTables(_ set: MasterSet, limit: Int, records: Bool) {
        var n = 0
        for chain in set.chains {
            let table = chain.table
            for v in 0..<min(table.versionCount, limit) {
                n &+= Int(table.validFrom(v).yyyymmdd) &+ Int(table.validTo(v).yyyymmdd)
                for column in 0..<table.columnCount {
                    n &+= table.bytes(v, column).count
                    n &+= table.integer(v, column) ?? 0
                    n &+= table.hundredths(v, column) ?? 0
                }
            }
            for c in 0..<min(table.codeCount, limit) {
                let code = table.code(at: c)
                n &+= table.codeIndex(of: code) ?? -1
                n &+= table.versions(ofCode: c).count
                for date in probeDates {
                    n &+= table.version(ofCode: c, on: date) ?? -1
                    if let record = try? set.record(chain.kind, code: code, on: date) {
                        n &+= record.version
                        if records { n &+= record.fields.count }
                    }
                }
            }
        }
        consume(n)
    }

    /// Service dates the walk looks codes up on: before, at and after the sample's revisions.
    public static let probeDates: [ServiceDate] = ["2022-04-01", "2024-05-31", "2024-06-01", "2025-06-01"].compactMap { ServiceDate($0) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
