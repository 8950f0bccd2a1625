import Foundation
import XCTest
@testable import Santei

/// Corrupt, truncated and crafted snapshot images (issue 9): always an error, never a trap — also
/// when the checksum matches (a crafted image: every offset and count is checked before use).
final class SnapshotInputTests: XCTestCase {
    func image() throws -> [UInt8] {
        try Fixture.build([
            (.procedure, "s_ALL20220401.csv", .full,
             Fixture.procedure("111000110", name: "初診料", points: "288.00") + Fixture.procedure("112007410", name: "再診料", points: "73.00")),
            (.procedure, "s_20240515.csv", .update, Fixture.procedureChange("111000110", [11: "291.00", 86: "20240601"])),
            (.conflictDay, "ika-R06/03-1背反テーブル1.csv", .full,
             Fixture.line(.conflictDay, [0: "0", 1: "111000110", 3: "112007410", 5: "1", 6: "1", 8: "20240601", 9: "99999999"])),
        ]).imageBytes
    }

    func load(_ bytes: [UInt8]) -> Result<MasterSet, SnapshotError> {
        do throws(SnapshotError) { return .success(try MasterSet(image: bytes, file: "test.snapshot")) } catch { return .failure(error) }
    }

    func reason(_ bytes: [UInt8]) -> String? {
        if case .failure(let e) = load(bytes) { return e.reason }
        return nil
    }

    /// Recomputes the checksum: what a crafted file would do.
    func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let sum = out.withUnsafeBytes { SnapshotFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[SnapshotFormat.headerSize...])) }
        withUnsafeBytes(of: sum.littleEndian) { for (i, b) in $0.enumerated() { out[40 + i] = b } }
        return out
    }

    func put<T: FixedWidthInteger>(_ v: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
    }

    func manifest(_ bytes: [UInt8]) throws -> (SnapshotManifest, offset: Int, length: Int) {
        let set = try MasterSet(image: bytes)
        let offset = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) }
        let length = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 32, as: UInt64.self)) }
        return (set.manifest, offset, length)
    }

    /// The image with its manifest replaced (padded with spaces to its old length) and resealed.
    func withManifest(_ bytes: [UInt8], _ change: (inout SnapshotManifest) -> Void) throws -> [UInt8] {
        var (m, offset, length) = try manifest(bytes)
        change(&m)
        let json = try JSONCoding.encoder.encode(m)
        var out = bytes
        if json.count > length {
            // Grow the image: the manifest is last, so append room and fix the sizes.
            out += Array(repeating: UInt8(ascii: " "), count: (json.count - length + 7) / 8 * 8)
            put(UInt64(out.count), at: 16, in: &out)
        }
        let room = out.count - offset
        let padded = Array(json) + Array(repeating: UInt8(ascii: " "), count: max(0, min(room, max(length, json.count)) - json.count))
        out.replaceSubrange(offset..<(offset + padded.count), with: padded)
        put(UInt64(padded.count), at: 32, in: &out)
        return resealed(out)
    }

    func testTheImageLoadsFromBytes() throws {
        let set = try MasterSet(image: try image(), file: "test.snapshot")
        XCTAssertEqual(set.chains.count, 2)
        XCTAssertEqual(try set.record(.procedure, code: 111000110, on: ServiceDate("2024-06-01")!)?[11], "291.00")
        XCTAssertEqual(try withManifest(try image()) { _ in }.count, try image().count, "the helper keeps a good image good")
        XCTAssertNotNil(try? MasterSet(image: try withManifest(try image()) { _ in }))
    }

    func testEveryTruncationIsAnError() throws {
        let bytes = try image()
        for length in Array(0..<80) + Array(stride(from: 80, to: bytes.count, by: 13)) + [bytes.count - 1] {
            XCTAssertNotNil(reason(Array(bytes.prefix(length))), "truncated to \(length) bytes loaded")
        }
        XCTAssertNotNil(reason(bytes + [0]), "padded")
    }

    func testEveryFlippedByteIsAnError() throws {
        let bytes = try image()
        for i in 0..<bytes.count {
            for mask: UInt8 in [0x01, 0x80] {
                var b = bytes
                b[i] ^= mask
                XCTAssertNotNil(reason(b), "byte \(i) ^ \(mask) loaded")
            }
        }
    }

    func testHostileHeaderValuesAreErrorsNotTraps() throws {
        let bytes = try image()
        for (offset, value) in [(16, UInt64.max), (16, UInt64(Int.max)), (24, UInt64.max), (32, UInt64.max), (24, 0), (32, UInt64(Int.max))] {
            var b = bytes
            put(value, at: offset, in: &b)
            XCTAssertNotNil(reason(resealed(b)), "header \(offset) = \(value)")
        }
    }

    /// Crafted images whose checksum matches: each inconsistency is found before a table is used.
    func testCraftedImagesWithAValidChecksumAreRefused() throws {
        let bytes = try image()
        let (m, _, _) = try manifest(bytes)
        let table = m.chains[0].table
        var cells = bytes
        put(UInt16.max, at: table.cells.offset, in: &cells)
        XCTAssertEqual(reason(resealed(cells)).map { $0.contains("a cell names no entry") }, true, reason(resealed(cells)) ?? "")
        var offsets = bytes
        put(UInt32.max, at: table.dictOffsets.offset + 4, in: &offsets)
        XCTAssertNotNil(reason(resealed(offsets)))
        var firstVersion = bytes
        put(UInt32(1000), at: table.codeFirstVersion.offset + 4, in: &firstVersion)
        XCTAssertNotNil(reason(resealed(firstVersion)))
        var slots = bytes
        for k in 0..<table.hashSlots.count { put(UInt32(1), at: table.hashSlots.offset + 4 * k, in: &slots) }
        XCTAssertEqual(reason(resealed(slots)).map { $0.contains("hash") }, true, "a full hash table would loop forever")
        let conflict = m.chains[1].table
        var index = bytes
        put(UInt32.max, at: conflict.indexes[0].versions.offset, in: &index)
        XCTAssertNotNil(reason(resealed(index)))

        let changes: [(String, (inout SnapshotManifest) -> Void)] = [
            ("coverage", { $0.chains[0].coverageFrom = 99_999_999; $0.chains[0].coverageTo = 1 }),
            ("outside the data area", { $0.chains[0].table.cells.count = Int.max / 2 }),
            ("outside the data area", { $0.chains[0].table.cells.offset = Int.max - 7 }),
            ("outside the data area", { $0.chains[0].table.dictBytes.count = -1 }),
            ("inconsistent sizes", { $0.chains[0].table.versionCount = Int.max }),
            ("inconsistent sizes", { $0.chains[0].table.codeCount = Int.max }),
            ("inconsistent sizes", { $0.chains[0].table.columnCount = 3 }),
            ("indexes", { $0.chains[1].table.indexes.append($0.chains[1].table.indexes[0]) }),
            ("indexes", { $0.chains[1].table.indexes[0].column = 0 }),
            ("cells of", { $0.chains[0].table.cellWidth = 8 }),
            // A chain looked up as one kind over a table of another (found by fuzz-snapshot in CI).
            ("the chain is", { $0.chains[0].kind = $0.chains[0].kind == .auxiliary ? .procedure : .auxiliary }),
            // The 施設基準コード list's bytes (issue 12 item 5): inside the data area, and read as the file is.
            ("outside the data area", { $0.facilityStandards.count = Int.max / 2 }),
            ("corrupt 施設基準コード list", { $0.facilityStandards.count -= 3 }),
            ("corrupt 施設基準コード list", { $0.facilityStandards.offset = $0.chains[0].table.cells.offset }),
        ]
        for (words, change) in changes {
            let crafted = try withManifest(bytes, change)
            let r = reason(crafted)
            XCTAssertTrue(r?.contains(words) == true, "expected “\(words)”, got \(r ?? "a loaded set")")
        }
    }
}
