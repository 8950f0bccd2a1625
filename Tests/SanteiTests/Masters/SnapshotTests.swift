import XCTest
@testable import Santei

final class SnapshotTests: XCTestCase {
    func sample() throws -> MasterSet {
        try Fixture.build([
            (.procedure, "s_ALL20220401.csv", .full,
             Fixture.procedure("111000110", name: "初診料", points: "288.00") + Fixture.procedure("112007410", name: "再診料", points: "73.00")),
            (.procedure, "s_20240515.csv", .update, Fixture.procedureChange("111000110", [11: "291.00", 86: "20240601"])),
        ])
    }

    func write(_ set: MasterSet) throws -> String {
        let path = NSTemporaryDirectory() + "santei-test-\(UUID().uuidString).snapshot"
        try set.writeSnapshot(to: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testRoundTripKeepsEveryVersionAndTheSources() throws {
        let set = try sample()
        let loaded = try MasterSet.load(snapshot: write(set))
        XCTAssertEqual(loaded.manifest.chains.map(\.label), set.manifest.chains.map(\.label))
        XCTAssertEqual(loaded.manifest.chains[0].sources.map(\.name), ["s_ALL20220401.csv", "s_20240515.csv"])
        XCTAssertEqual(loaded.manifest.chains[0].sources[0].sha256.count, 64)
        let r = try XCTUnwrap(loaded.record(.procedure, code: 111000110, on: ServiceDate("20240601")!))
        XCTAssertEqual(r.table.hundredths(r.version, 11), 29100)
        XCTAssertEqual(try loaded.record(.procedure, code: 111000110, on: ServiceDate("20230601")!)?[11], "288.00")
    }

    func refusal(_ mutate: (inout [UInt8]) -> Void) throws -> String {
        var bytes = try sample().imageBytes
        mutate(&bytes)
        let path = NSTemporaryDirectory() + "santei-bad-\(UUID().uuidString).snapshot"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try MasterSet.load(snapshot: path); return "loaded" } catch { return "\(error)" }
    }

    func testCorruptTruncatedAndOlderSnapshotsAreRefused() throws {
        let cases: [(String, (inout [UInt8]) -> Void)] = [
            ("checksum mismatch", { $0[$0.count / 2] ^= 0xFF }),
            ("truncated", { $0.removeLast(100) }),
            ("older than this santei's format", { $0[8] = 0 }),
            ("not a Santei master snapshot", { $0[0] = UInt8(ascii: "X") }),
            ("not a Santei master snapshot", { $0 = Array($0.prefix(10)) }),
        ]
        for (expected, mutate) in cases {
            let message = try refusal(mutate)
            XCTAssertTrue(message.contains(expected), "expected “\(expected)”, got “\(message)”")
        }
    }
}
