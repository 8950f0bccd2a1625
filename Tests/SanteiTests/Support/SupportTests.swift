import XCTest
@testable import Santei
import SanteiGenerator

final class CP932Tests: XCTestCase {
    func testDecodesTheCharactersThatDifferFromPlainShiftJIS() throws {
        // ～ 0x8160 → U+FF5E (not U+301C), － 0x817C → U+FF0D (the minus sign of CP932; plain
        // Shift_JIS maps it to U+2212 −), ① 0x8740 (NEC row 13), ㈱ 0x878A, 髙 0xFBFC (IBM ext),
        // 﨑 0xFAB1 (IBM ext).
        let bytes: [UInt8] = [0x81, 0x60, 0x81, 0x7C, 0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0xFA, 0xB1]
        let text = String(decoding: try CP932.decode(bytes), as: UTF8.self)
        XCTAssertEqual(Array(text.unicodeScalars.map(\.value)), [0xFF5E, 0xFF0D, 0x2460, 0x3231, 0x9AD9, 0xFA11])
        XCTAssertEqual(text, "～－①㈱髙﨑")
    }

    func testHalfWidthKanaAndAscii() throws {
        let text = String(decoding: try CP932.decode([0x22, 0xBC, 0xAE, 0xBC, 0xDD, 0x22]), as: UTF8.self)
        XCTAssertEqual(text, "\"ｼｮｼﾝ\"")
    }

    func testRoundTripThroughEncode() throws {
        let s = "初診料（乳幼児）～①㈱髙﨑"
        XCTAssertEqual(String(decoding: try CP932.decode(Fixture.cp932(s)), as: UTF8.self), s)
    }

    func testUndecodableBytesReportTheirOffset() {
        // 0x85 0x40 lies in an unassigned row of CP932.
        XCTAssertThrowsError(try CP932.decode([0x41, 0x42, 0x85, 0x40])) { error in
            XCTAssertEqual((error as? CP932.DecodingError)?.offset, 2)
        }
    }
}

final class HashTests: XCTestCase {
    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a': several blocks through the streaming path.
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        XCTAssertEqual(SHA256.hexPortable([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The CPU's SHA instructions (where it has them) and the portable compression give the same digest
    /// for every length around the block boundaries, and for input fed in uneven pieces.
    func testSHA256HardwareAndPortableAgree() {
        var rng = SplitMix64(seed: 7)
        for n in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 65_537] {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            XCTAssertEqual(SHA256.hex(bytes), SHA256.hexPortable(bytes), "length \(n)")
            var pieces = SHA256()
            var i = 0
            while i < n {
                let k = min(n - i, Int(rng.next() % 150))
                bytes[i..<(i + k)].withUnsafeBytes { pieces.update($0) }
                i += k
            }
            XCTAssertEqual(pieces.hexDigest(), SHA256.hex(bytes), "length \(n) in pieces")
        }
    }

    func testXXH64KnownVectors() {
        XCTAssertEqual(XXH64.hash([]), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(XXH64.hash(Array("a".utf8)), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(XXH64.hash(Array("abc".utf8)), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)), 0xFBCE_A83C_8A37_8BF1)
    }
}
