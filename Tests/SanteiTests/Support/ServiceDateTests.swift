import Testing
@testable import Santei

@Suite("ServiceDate")
struct ServiceDateTests {
    @Test("parses YYYY-MM-DD and YYYYMMDD, 99999999 is open")
    func parsesBothForms() {
        #expect(ServiceDate("2024-06-01")?.yyyymmdd == 20_240_601)
        #expect(ServiceDate("20240601")?.yyyymmdd == 20_240_601)
        #expect(ServiceDate("99999999") == .open)
        #expect(ServiceDate("2024-06-01")!.description == "2024-06-01")
    }

    @Test("rejects days that do not exist", arguments: ["20240231", "2023-02-29", "2024-6-1", "2024-13-01", "abcdefgh", "",
                                                           "2-0-2-4-0-6-0-3", "9999-99-99", "2024-0601", "202406-01", "2024/06/01", "+2024-06-01", " 20240601",
                                                           // ten digits and longer (the one-pass reader must not overflow: fuzz-copay found it)
                                                           "4611686018", "9999999999", "46116860184273879042026-07-01", "2024-06-01-", "2024-06--1"])
    func rejectsImpossibleDays(_ text: String) {
        #expect(ServiceDate(text) == nil)
    }

    @Test("weekday: 0 = Sunday … 6 = Saturday")
    func weekday() {
        #expect(ServiceDate("2024-07-07")!.weekday == 0)   // a Sunday
        #expect(ServiceDate("2024-07-13")!.weekday == 6)   // a Saturday
        #expect(ServiceDate("1970-01-01")!.weekday == 4)   // a Thursday
    }

    @Test("leap day 2024 exists")
    func leapDay() { #expect(ServiceDate("2024-02-29") != nil) }

    @Test("the day before crosses months and years", arguments: [
        ("20240601", "20240531"), ("20240301", "20240229"), ("20230301", "20230228"), ("20220101", "20211231"),
    ])
    func previousDay(_ pair: (String, String)) {
        #expect(ServiceDate(pair.0)!.previousDay == ServiceDate(pair.1))
    }

    @Test("open and always stay as they are")
    func sentinels() {
        #expect(ServiceDate.open.previousDay == .open)
        #expect(ServiceDate.distantPast.previousDay == .distantPast)
    }

    @Test("day numbers round-trip over a whole leap cycle")
    func dayNumbersRoundTrip() {
        let start = ServiceDate("20200101")!.dayNumber
        for n in start..<(start + 1461) { #expect(ServiceDate(dayNumber: n).dayNumber == n) }
    }
}

@Suite("KeyPacking")
struct KeyPackingTests {
    @Test("digit codes are their number; others are hashes with the top bit set")
    func packing() {
        #expect(KeyPacking.pack("111000110") == 111_000_110)
        #expect(KeyPacking.pack("001") == 1)
        let group = KeyPacking.pack("A000001")
        #expect(group >> 63 == 1)
        #expect(group != KeyPacking.pack("A000002"))
    }
}
