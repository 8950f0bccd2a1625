import Foundation
import FuzzSupport
import Santei

// bytes → MasterSet(image:) (the snapshot loader from memory: header, size, checksum, manifest,
// array bounds) → every field of every table read and every code looked up → sample claims priced
// and audited on the loaded set, as `santei price --snapshot FILE` would.
//
// A mutated image almost never keeps its checksum, so each input is opened twice: as it is, and
// with the header's total size and checksum made right (SnapshotFormat.swift), so that the
// manifest and the arrays behind the checksum are fuzzed too.
//
// With SANTEI_FUZZ_WRITE_SEEDS=DIR the program writes seed snapshots to DIR and exits (run.sh):
// the embedded sample set, and one-chain sets built from single embedded files.

/// Claims priced and audited on every set that opens (from docs/examples/claims.jsonl, plus one
/// with diseases and insurance).
let claims: [Claim] = [
    #"{"id":"example-1","patient":{"birth_date":"1958-03-12","sex":"1"},"facility":{"kind":"clinic","beds":0},"encounters":[{"date":"2024-06-03","time_band":"daytime","visit":"first","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":60,"items":[{"code":"160017410"},{"code":"160019010"},{"code":"160019210"},{"code":"160020410"},{"code":"160022510"},{"code":"160022610"}]},{"category":60,"items":[{"code":"160061910"}]},{"category":60,"items":[{"code":"160095710"}]},{"category":80,"items":[{"code":"120002910"}]}]},{"date":"2024-06-17","time_band":"daytime","visit":"revisit","orders":[{"category":12,"items":[{"code":"112007410"}]},{"category":12,"items":[{"code":"112011010"}]}]}]}"#,
    #"{"id":"example-2","patient":{"birth_date":"1949-11-02","sex":"2"},"encounters":[{"date":"2024-05-31","orders":[{"category":12,"items":[{"code":"112007410"}]}]},{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]},{"category":21,"items":[{"code":"612170710","quantity":1},{"code":"620002477","quantity":1}],"times":28}]}]}"#,
    #"{"id":"example-3","patient":{"birth_date":"1990-01-20"},"encounters":[{"date":"2024-07-01","orders":[{"category":40,"items":[{"code":"140000610"}]},{"category":70,"items":[{"code":"700010000","quantity":2}]}]}]}"#,
    #"{"id":"ins-1","patient":{"birth_date":"2019-04-10","sex":"2","id":"P1"},"diseases":[{"code":"4659007","modifiers":["8002"],"start":"2024-06-03","main":true}],"insurance":{"income_class":"ウ","public_programs":[{"law_number":"54","monthly_cap_yen":5000}]},"encounters":[{"date":"2024-06-03","time_band":"night","visit":"first","orders":[{"category":11,"items":[{"code":"111000110"}]},{"category":21,"items":[{"code":"612170710","quantity":"1.5"}],"times":5}]}]}"#,
].compactMap { text in try? ClaimJSON.parse(ArraySlice(Array(text.utf8))) }

/// The checksum of SnapshotFormat.swift: XXH64 of bytes [64, end), or over 1 MiB the XXH64 of the
/// little-endian XXH64s of its 1 MiB chunks.
func checksum(_ image: [UInt8]) -> UInt64 {
    image.withUnsafeBytes { raw in
        let data = UnsafeRawBufferPointer(rebasing: raw[64...])
        let chunk = 1 << 20
        guard data.count > chunk else { return XXH64.hash(data) }
        var sums: [UInt64] = []
        var start = 0
        while start < data.count {
            let end = min(start + chunk, data.count)
            sums.append(XXH64.hash(UnsafeRawBufferPointer(rebasing: data[start..<end])).littleEndian)
            start = end
        }
        return sums.withUnsafeBytes { XXH64.hash($0) }
    }
}

func put(_ value: UInt64, at offset: Int, in image: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { image[offset + i] = b } }
}

/// Uses an opened set as the commands would.
func exercise(_ set: MasterSet) {
    Fuzz.walk(set, limit: 256, records: true)
    Fuzz.consume(set.versionCount)
    let pricer = ClaimPricer(masters: set, unitPricer: Fuzz.unitPricer)
    let auditor = Auditor(masters: set)
    var out: [UInt8] = []
    for (k, claim) in claims.enumerated() {
        do throws(ClaimError) { ClaimJSON.write(try pricer.price(claim), line: k + 1, into: &out) } catch {
            ClaimJSON.writeError(error.message, line: k + 1, into: &out)
        }
        do throws(ClaimError) { AuditOutput.write(try auditor.audit(claim, mode: .apply), line: k + 1, into: &out) } catch {
            ClaimJSON.writeError(error.message, line: k + 1, into: &out)
        }
    }
    Fuzz.consume(out)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var image = Fuzz.bytes(data, size)
    do { exercise(try MasterSet(image: image, file: "fuzz.snapshot")) } catch { Fuzz.consume(error.description) }
    guard image.count >= 64 else { return 0 }
    let before = image
    put(UInt64(image.count), at: 16, in: &image)
    put(checksum(image), at: 40, in: &image)
    guard image != before else { return 0 }
    do { exercise(try MasterSet(image: image, file: "fuzz.snapshot")) } catch { Fuzz.consume(error.description) }
    return 0
}

/// Seeds: the embedded set, and sets of one embedded file each (small, quick to mutate).
func writeSeeds(to dir: String) -> Int32 {
    do {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(Fuzz.masters.imageBytes).write(to: URL(fileURLWithPath: dir + "/embedded.snapshot"))
        let plan = try MasterSetBuilder.plan(directory: Fuzz.mastersDirectory)
        for chain in plan.chains {
            guard let full = chain.files.first, let data = FileManager.default.contents(atPath: full.path) else { continue }
            let set = try MasterSetBuilder.build(files: [(chain.kind, full.name, .full, [UInt8](data))], calendar: Fuzz.calendar)
            try Data(set.imageBytes).write(to: URL(fileURLWithPath: dir + "/\(chain.kind.rawValue).snapshot"))
        }
        return 0
    } catch {
        FileHandle.standardError.write("fuzz-snapshot: cannot write seeds: \(error)\n".data(using: .utf8)!)
        return 1
    }
}

@_cdecl("fuzz_snapshot_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    if let dir = ProcessInfo.processInfo.environment["SANTEI_FUZZ_WRITE_SEEDS"] { return writeSeeds(to: dir) }
    return Fuzz.run(argc, argv, testOneInput) { _ = (claims, Fuzz.masters, Fuzz.unitPricer) }
}
