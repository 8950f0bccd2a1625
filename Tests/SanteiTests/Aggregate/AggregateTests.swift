import Foundation
import XCTest
@testable import Santei
import SanteiGenerator

final class AggregateGroupingTests: XCTestCase {
    func testAgeBandsAreTheNDBFiveYearBandsOnTheFirstOfTheServiceMonth() {
        func band(_ birth: String, _ year: Int, _ month: Int) -> String? {
            AgeBand.band(birth: ServiceDate(birth)!, year: year, month: month).map(AgeBand.label)
        }
        XCTAssertEqual((1...19).map { AgeBand.label(UInt8($0)) },
                       ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
                        "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"])
        XCTAssertEqual(band("2019-10-01", 2024, 10), "5-9", "5 on the 1st: the birthday is the 1st")
        XCTAssertEqual(band("2019-10-02", 2024, 10), "0-4", "still 4 on the 1st of the month of the 5th birthday")
        XCTAssertEqual(band("2019-11-30", 2024, 10), "0-4")
        XCTAssertEqual(band("2024-10-15", 2024, 10), "0-4", "born in the service month: 0")
        XCTAssertNil(band("2024-11-01", 2024, 10), "born after the month")
        XCTAssertEqual(band("1935-06-01", 2024, 6), "85-89", "89")
        XCTAssertEqual(band("1934-06-01", 2024, 6), "90+", "90")
        XCTAssertEqual(band("1910-01-01", 2024, 6), "90+")
    }

    func testByNamesTheDimensionsAndNeedsTheCode() throws {
        XCTAssertEqual(try AggregateGrouping(parsing: "code,day,prefecture,age_band,sex,category").dimensions, AggregateDimension.allCases)
        XCTAssertEqual(try AggregateGrouping(parsing: "day,code").dimensions, [.day, .code])
        XCTAssertThrowsError(try AggregateGrouping(parsing: "day")) { XCTAssertEqual("\($0)", "--by must include code") }
        XCTAssertThrowsError(try AggregateGrouping(parsing: "code,age")) { XCTAssertTrue("\($0)".contains("\"age\" is not one of")) }
        XCTAssertThrowsError(try AggregateGrouping(parsing: "code,day,day")) { XCTAssertEqual("\($0)", "--by: day is given twice") }
    }

    /// Few distinct values per field, so keys repeat and differ in one field only.
    func randomCellKey(_ rng: inout SplitMixTest) -> CellKey {
        let r = rng.next()
        return CellKey(table: UInt8(1 + r % 4), margin: UInt8(r >> 2 & 3), code: 111_000_110 + r >> 4 % 50, day: 20240601 + UInt32(r >> 10 % 30),
                       prefecture: UInt8(r >> 15 % 48), age: UInt8(r >> 21 % 20), sex: UInt8(r >> 26 % 3), category: UInt8(r >> 28 % 3) * 10)
    }

    func testTheCellIndexFindsWhatADictionaryFinds() {
        var rng = SplitMixTest(state: 5)
        let reference = assertSlotsAreADictionarys((0..<50_000).map { _ in randomCellKey(&rng) }, words: CellIndex.words, atLeast: 1_000)
        // The same keys through a probe on the raw entries, a receipt's worth at a time (`reserve` first):
        // the slots a dictionary would give, the table growing only between receipts.
        var probed = CellIndex(), slots: [CellKey: Int] = [:]
        rng = SplitMixTest(state: 5)
        var sizes = SplitMixTest(state: 9)
        var left = 50_000
        while left > 0 {
            let n = min(left, Int(1 + sizes.next() % 300))
            left -= n
            let keys = (0..<n).map { _ in randomCellKey(&rng) }
            probed.reserve(n)
            probed.withProbe { probe in
                for k in keys {
                    let (x, y) = CellIndex.words(k)
                    let (slot, inserted) = probe.findOrInsert(x, y, next: slots.count)
                    XCTAssertEqual(inserted, slots[k] == nil)
                    if inserted { slots[k] = slot }
                    XCTAssertEqual(slot, slots[k])
                }
            }
        }
        XCTAssertEqual(slots, reference)
        XCTAssertEqual(probed.count, reference.count)
    }

    func testPatientNumbersAreGivenInTheOrderPatientsAreFirstSeen() {
        var rng = SplitMixTest(state: 23)
        // Patients are numbered as the words (key, 0) of a `CellIndex` (`AggregatePartial.number(ofPatient:)`);
        // keys with few values (many repeats) and keys that differ only in their high bits.
        let keys = (0..<100_000).map { _ in rng.next() % 3 == 0 ? rng.next() % 40_000 : (rng.next() % 20_000) << 44 }
        _ = assertSlotsAreADictionarys(keys, words: { ($0, 0) }, atLeast: 20_000)
    }

    /// Puts `keys` into a `CellIndex` one by one: each gets the slot a dictionary numbering keys in the
    /// order first seen gives it, `inserted` only the first time; that dictionary.
    func assertSlotsAreADictionarys<K: Hashable>(_ keys: [K], words: (K) -> (UInt64, UInt64), atLeast distinct: Int) -> [K: Int] {
        var index = CellIndex(), reference: [K: Int] = [:]
        for k in keys {
            let (x, y) = words(k)
            let (slot, inserted) = index.findOrInsert(x, y, next: reference.count)
            if let known = reference[k] {
                XCTAssertFalse(inserted); XCTAssertEqual(slot, known)
            } else {
                XCTAssertTrue(inserted); XCTAssertEqual(slot, reference.count); reference[k] = slot
            }
        }
        XCTAssertEqual(index.count, reference.count)
        XCTAssertGreaterThan(reference.count, distinct)
        return reference
    }

    func testTheRadixSortSortsAndKeepsOneOfEachAsTheStandardSortDoes() {
        var rng = SplitMixTest(state: 11)
        // Marks of few and of many cells and patients (passes skipped or not), short and long, with repeats.
        for (count, cells, patients) in [(0, 1, 1), (1, 1, 1), (300, 5, 7), (5_000, 1, 1), (40_000, 70_000, 100_000), (70_000, 3, 1 << 20),
                                         (70_000, 1 << 24, 2)] as [(Int, UInt64, UInt64)] {
            let marks = (0..<count).map { _ in (rng.next() % cells) << 32 | rng.next() % patients }
            let expected = Array(Set(marks)).sorted()
            var a = marks
            XCTAssertEqual(RadixSort.sortRemovingDuplicates(&a), expected.count)
            XCTAssertEqual(a, expected, "\(count) marks of \(cells) cells and \(patients) patients")
            // A sorted prefix without duplicates joined with an unsorted tail.
            let cut = count / 3
            var b = Array(Set(marks[..<cut])).sorted() + marks[cut...]
            XCTAssertEqual(RadixSort.sortRemovingDuplicates(&b, from: Set(marks[..<cut]).count), expected.count)
            XCTAssertEqual(b, expected)
            let x = Array(Set(marks.prefix(count / 2))).sorted(), y = Array(Set(marks.suffix(count - count / 2))).sorted()
            XCTAssertEqual(RadixSort.union(x[...], y[...]), expected)
        }
    }

    /// Distinct patients and sums per cell are those of sets, whether the receipts are counted in one part or
    /// split among parts (patients in several parts, in any order) merged together, into an empty run or not.
    func testPartsMergedCountEachPatientOncePerCellAsOnePartDoes() {
        var rng = SplitMixTest(state: 23)
        let grouping = AggregateGrouping([.code, .day, .sex])
        var receipts: [ReceiptFacts] = []
        for _ in 0..<3_000 {
            var f = ReceiptFacts()
            f.patient = rng.next() % 7 == 0 ? nil : 1_000 + rng.next() % 400
            f.sex = UInt8(1 + rng.next() % 2)
            for _ in 0..<Int(1 + rng.next() % 12) {
                let day = ServiceDate(year: 2024, month: 6, day: Int(1 + rng.next() % 5))!
                f.contributions.append(Contribution(table: rng.next() % 3 == 0 ? .drugs : .procedures, code: 100 + rng.next() % 30, day: day,
                                                    category: 0, times: Int(1 + rng.next() % 3), points: Int(rng.next() % 500),
                                                    stated: nil, unpriced: false))
            }
            receipts.append(f)
        }
        // Reference: per cell (and its totals), the sums and the set of patients.
        var times: [CellKey: Int] = [:], points: [CellKey: Int] = [:], patients: [CellKey: Set<UInt64>] = [:]
        for f in receipts {
            for c in f.contributions {
                let cell = grouping.project(CellKey(table: c.table.rawValue, code: c.code, day: c.day.yyyymmdd, prefecture: 0, age: 0, sex: f.sex, category: 0))
                for m: UInt8 in 0...3 {
                    let k = m == 0 ? cell : cell.withMargin(m)
                    times[k, default: 0] += c.times
                    points[k, default: 0] += c.points
                    if let p = f.patient { patients[k, default: []].insert(p) }
                }
            }
        }
        func check(_ part: AggregatePartial, _ label: String) {
            XCTAssertEqual(part.keys.count, times.count, label)
            let counts = part.patientCounts()
            for (i, k) in part.keys.enumerated() {
                XCTAssertEqual(part.sums[i].times, times[k], label)
                XCTAssertEqual(part.sums[i].points, points[k], label)
                XCTAssertEqual(counts[i], patients[k]?.count ?? 0, "\(label): \(k)")
            }
            XCTAssertEqual(part.receipts, receipts.count, label)
        }
        var whole = AggregatePartial()
        for f in receipts { whole.add(f, grouping: grouping) }
        check(whole, "one part")
        // Three parts of uneven size, the last in reverse order: merged at once into an empty run (the first
        // keeps its numbers), or one by one, last first (each renumbered into a run that is not empty).
        var parts = [AggregatePartial(), AggregatePartial(), AggregatePartial()]
        for (n, f) in receipts.enumerated() where n < 1_700 { parts[n < 400 ? 0 : 1].add(f, grouping: grouping) }
        for f in receipts[1_700...].reversed() { parts[2].add(f, grouping: grouping) }
        var merged = AggregatePartial()
        merged.merge(parts)
        check(merged, "three parts merged at once")
        var inPieces = AggregatePartial()
        inPieces.merge(parts, piecesFrom: 64)
        check(inPieces, "three parts merged at once, each cut in pieces sorted on every core")
        var oneByOne = AggregatePartial()
        for p in parts.reversed() { oneByOne.merge(p) }
        check(oneByOne, "three parts merged one by one, last first")
    }

    func testAPrefectureOfAClaimIsChecked() throws {
        let claim = try ClaimJSON.parse(Array(#"{"id":"a","patient":{"birth_date":"2000-01-01"},"facility":{"prefecture":"13"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]}"#.utf8)[...])
        XCTAssertEqual(claim.facility?.prefecture, "13")
        XCTAssertThrowsError(try ClaimJSON.parse(Array(#"{"id":"a","patient":{"birth_date":"2000-01-01"},"facility":{"prefecture":"48"},"encounters":[{"date":"2024-06-03","orders":[{"category":12,"items":[{"code":"112007410"}]}]}]}"#.utf8)[...])) {
            XCTAssertTrue("\($0)".contains("facility.prefecture"), "\($0)")
        }
    }
}

/// The real-format sample (../shared/cases/uke, 25 外来 receipts of 2021-10) and generated claims.
final class AggregateDataTests: XCTestCase {
    static let sample = "cases/uke/RECEIPTC-2021-10-sample.UKE"

    func run(_ files: [(name: String, bytes: [UInt8])], by: String, parallel: Bool = true, batchSize: Int = 16_384, receiptBlock: Int = 64) throws -> Aggregation {
        var run = Aggregation(grouping: try AggregateGrouping(parsing: by), masters: try RealData.masters(),
                              pricer: UnitPricer(bundled: try RealData.bundledRules()))
        run.parallel = parallel
        run.batchSize = batchSize
        run.receiptBlock = receiptBlock
        for f in files {
            if UKEDocument.looksLikeUKE(f.bytes, name: f.name) { run.add(uke: UKEDocument(bytes: f.bytes, name: f.name)) }
            else { run.add(jsonLines: f.bytes, name: f.name) }
        }
        return run
    }

    func sampleBytes() throws -> [UInt8] {
        let path = try Paths.requireShared(Self.sample)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Fields of the records of a UKE file with a given record id (read here, not by Santei's reader).
    func records(_ bytes: [UInt8], _ id: String) -> [[String]] {
        String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            .components(separatedBy: "\r\n").filter { $0.hasPrefix(id + ",") }.map { $0.components(separatedBy: ",") }
    }

    func testTheSampleTotalsAreTheFilesStatedTotals() throws {
        let bytes = try sampleBytes()
        let run = try run([("RECEIPTC.UKE", bytes)], by: "code,day,sex,age_band,category")
        XCTAssertEqual(run.errors, [])
        let result = run.result(minCell: nil)
        // GO 総合計点数 and the HO 合計点数 as the file states them (the sample's SI units all price as stated,
        // and the units Santei cannot price count with their stated points).
        let go = Int(records(bytes, "GO")[0][2])!
        // Each receipt's 合計点数: its HO's, or its first KO's when it has no HO (a 公費-only receipt).
        var receiptTotals: [Int] = []
        var seenPayer = true
        for line in String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self).components(separatedBy: "\r\n") {
            let f = line.components(separatedBy: ",")
            if f[0] == "RE" { seenPayer = false }
            if (f[0] == "HO" || f[0] == "KO") && !seenPayer { receiptTotals.append(Int(f[5])!); seenPayer = true }
        }
        XCTAssertEqual(receiptTotals.count, 25)
        XCTAssertEqual(receiptTotals.reduce(0, +), go)
        var points = 0
        for table in [AggregateTable.procedures, .drugs, .devices] {
            let rows = result.rows(of: table)
            let cells = rows.filter { $0.level == .cell }
            let grand = rows.filter { $0.level == .total }
            XCTAssertLessThanOrEqual(grand.count, 1)
            let cellPoints = cells.reduce(0) { $0 + $1.points }, cellTimes = cells.reduce(0) { $0 + $1.times }
            XCTAssertEqual(grand.first?.points ?? 0, cellPoints, "\(table): the grand total is the sum of its cells")
            XCTAssertEqual(grand.first?.times ?? 0, cellTimes)
            // Each code's total and each column's total is the sum of its cells.
            for level in [AggregateResult.Level.codeTotal, .columnTotal] {
                for t in rows where t.level == level {
                    let members = cells.filter { level == .codeTotal ? $0.key.code == t.key.code : $0.key.column == t.key.column }
                    XCTAssertEqual(t.points, members.reduce(0) { $0 + $1.points }, "\(table) \(level)")
                    XCTAssertEqual(t.times, members.reduce(0) { $0 + $1.times })
                    XCTAssertLessThanOrEqual(t.receipts, members.reduce(0) { $0 + $1.receipts })
                }
            }
            points += cellPoints
        }
        XCTAssertEqual(points, go, "every unit's points counted once, in one table")
        let statedSum = [AggregateTable.procedures, .drugs].reduce(0) { $0 + result.rows(of: $1).filter { $0.level == .cell }.reduce(0) { $0 + ($1.stated ?? 0) } }
        XCTAssertEqual(statedSum, go, "stated points: the units' 点数 × 回数 as written")
        // 傷病名: one line per SY record; 25 receipts and 25 patients (one カルテ番号 each).
        XCTAssertEqual(result.rows(of: .diseases).first { $0.level == .total }?.times, records(bytes, "SY").count)
        let procedureTotal = result.rows(of: .procedures).first { $0.level == .total }!
        XCTAssertEqual(procedureTotal.receipts, 25)
        XCTAssertEqual(procedureTotal.patients, Set(records(bytes, "RE").map { $0[13] }).count)
        // 回数 of 初診料 111000110: the SI records of that code and their 回数, read from the file.
        let firstVisits = records(bytes, "SI").filter { $0[3] == "111000110" }.reduce(0) { $0 + Int($1[6])! }
        XCTAssertEqual(result.rows(of: .procedures).filter { $0.level == .codeTotal && $0.key.code == 111000110 }.first?.times, firstVisits)
    }

    func testSuppressedSampleCellsAreUnderTheThresholdOrProtectAnotherAndCannotBeRecovered() throws {
        let bytes = try sampleBytes()
        for (by, minCell) in [("code,day", 3), ("code,day", 10), ("code,sex,age_band", 5)] {
            let run = try run([("RECEIPTC.UKE", bytes)], by: by)
            let open = run.result(minCell: nil), safe = run.result(minCell: minCell)
            for table in AggregateTable.allCases {
                let published = safe.rows(of: table), raw = open.rows(of: table)
                XCTAssertEqual(published.count, raw.count)
                var suppressed = 0
                for (p, r) in zip(published, raw) {
                    XCTAssertEqual(p.key, r.key)
                    if (r.patients ?? r.receipts) < minCell { XCTAssertTrue(p.suppressed, "\(table) \(p.key): \(r.patients ?? -1) patients published") }
                    if p.suppressed { suppressed += 1 }
                }
                // The disclosure check on the table as published: cells, code totals, column totals, grand total.
                var codes: [UInt64: Int] = [:], columns: [ColumnKey: Int] = [:]
                for r in raw where r.level == .cell {
                    if codes[r.key.code] == nil { codes[r.key.code] = codes.count }
                    if columns[r.key.column] == nil { columns[r.key.column] = columns.count }
                }
                let entries = raw.map { r -> SuppressionGrid.Entry in
                    .init(row: r.level == .cell || r.level == .codeTotal ? codes[r.key.code]! : codes.count,
                          column: r.level == .cell || r.level == .columnTotal ? columns[r.key.column]! : columns.count, measure: r.patients ?? r.receipts)
                }
                let grid = SuppressionGrid(rows: codes.count, columns: columns.count, entries: entries)
                XCTAssertEqual(LinearDisclosure.recoverable(grid, published.map(\.suppressed)), [], "\(by) \(table)")
                if minCell == 10 && table == .procedures { XCTAssertGreaterThan(suppressed, 0) }
                // A suppressed line in the CSV has no numbers.
                for line in String(decoding: safe.csv(table), as: UTF8.self).split(separator: "\n").dropFirst() where line.hasSuffix(",1") {
                    let tail = line.split(separator: ",", omittingEmptySubsequences: false).suffix(table == .diseases ? 4 : 7)
                    XCTAssertEqual(tail.dropLast().filter { !$0.isEmpty }, [], String(line))
                }
            }
        }
    }

    func testTheOutputIsTheSameOnOneCoreAndOnAllInAnyBatchSize() throws {
        let bytes = try sampleBytes()
        let generated = try generatedClaims(80)
        let inputs: [(name: String, bytes: [UInt8])] = [("RECEIPTC.UKE", bytes), ("claims.jsonl", generated.json), ("generated.UKE", generated.uke)]
        let by = "code,day,prefecture,age_band,sex,category"
        let a = try run(inputs, by: by, parallel: true, batchSize: 7)
        let b = try run(inputs, by: by, parallel: false)
        let c = try run(inputs, by: by, parallel: true)
        // Receipts taken one at a time by whichever core is free: a different share of them each run.
        let d = try run(inputs, by: by, parallel: true, batchSize: 50, receiptBlock: 1)
        let files = a.result(minCell: 10).files(a).map(\.bytes)
        XCTAssertEqual(files, b.result(minCell: 10).files(b).map(\.bytes))
        XCTAssertEqual(files, c.result(minCell: 10).files(c).map(\.bytes))
        XCTAssertEqual(files, d.result(minCell: 10).files(d).map(\.bytes))
        XCTAssertEqual(a.errors, d.errors)
        XCTAssertEqual(a.receiptCount, 25 + 80 + 80)
    }

    func testNoNameIdOrBirthDateOfTheSampleIsWritten() throws {
        let bytes = try sampleBytes()
        let run = try run([("RECEIPTC.UKE", bytes)], by: "code,day,prefecture,age_band,sex,category")
        var written: [UInt8] = []
        for minCell in [nil, 1] { for f in run.result(minCell: minCell).files(run) { written += f.bytes } }
        let text = String(decoding: written, as: UTF8.self)
        var secrets = Set<String>()
        for re in records(bytes, "RE") {
            let birth = re[6]
            secrets.insert(birth)
            secrets.insert("\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))")
            if !re[13].isEmpty { secrets.insert(re[13]) }
        }
        for s in secrets { XCTAssertFalse(text.contains(s), "\(s) is written") }
        // The names are CP932: decode and look for each one.
        let decoded = String(decoding: try CP932.decode(bytes), as: UTF8.self)
        for line in decoded.components(separatedBy: "\r\n") where line.hasPrefix("RE,") {
            let fields = line.components(separatedBy: ",")
            for name in fields where name.unicodeScalars.contains(where: { $0.value > 127 }) { XCTAssertFalse(text.contains(name), "\(name) is written") }
        }
    }

    /// Generated 2024-06 claims as JSON lines and, priced, as a UKE file.
    func generatedClaims(_ count: Int, seed: UInt64 = 16) throws -> (json: [UInt8], uke: [UInt8], total: Int) {
        let set = try RealData.masters()
        let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        let generator = try ClaimGenerator(masters: set, year: 2024, month: 6)
        var rng = SplitMix64(seed: seed)
        var json: [UInt8] = []
        var claims: [(claim: Claim, priced: PricedClaim)] = []
        for n in 0..<count {
            let line = generator.claim(n, using: &rng)
            json += Array(line.utf8) + [10]
            let claim = try ClaimJSON.parse(Array(line.utf8)[...])
            claims.append((claim, try pricer.price(claim, explain: false)))
        }
        return (json, UKEClaimWriter.file(claims, year: 2024, month: 6), claims.reduce(0) { $0 + $1.priced.totalPoints })
    }

    func testJSONClaimsAndTheSameClaimsAsUKEGiveTheSameTables() throws {
        let g = try generatedClaims(300)
        let fromJSON = try run([("claims.jsonl", g.json)], by: "code,day,category,age_band")
        let fromUKE = try run([("generated.UKE", g.uke)], by: "code,day,category,age_band")
        XCTAssertEqual(fromJSON.errors, [])
        XCTAssertEqual(fromUKE.errors, [])
        XCTAssertFalse(fromJSON.hasPatientKeys, "generated JSON claims carry no patient.id: suppression counts receipts")
        XCTAssertTrue(fromUKE.hasPatientKeys)
        let a = fromJSON.result(minCell: nil), b = fromUKE.result(minCell: nil)
        var points = 0
        for table in [AggregateTable.procedures, .drugs, .devices] {
            let ra = a.rows(of: table), rb = b.rows(of: table)
            XCTAssertEqual(ra.map(\.key), rb.map(\.key), "\(table)")
            for (x, y) in zip(ra, rb) {
                XCTAssertEqual(x.times, y.times, "\(table) \(x.key)")
                XCTAssertEqual(x.points, y.points, "\(table) \(x.key)")
                XCTAssertEqual(x.receipts, y.receipts, "\(table) \(x.key)")
                XCTAssertEqual(y.stated ?? 0, y.points, "the UKE states Santei's own points (a cell of items that are not a unit's lead has none)")
            }
            points += ra.first { $0.level == .total }?.points ?? 0
        }
        XCTAssertEqual(points, g.total, "the tables' points are the claims' total points")
        XCTAssertGreaterThan(a.rows(of: .drugs).filter { $0.level == .codeTotal && $0.key.code < 1000 }.count, 0, "drugs grouped by 薬効分類")
    }

    /// A UKE unit is counted on each 算定日 with that day's 回数 when its 算定日 add up to its 回数, and
    /// otherwise once, on its first 算定日, with its 回数 (the unit as `uke recalc` prices it).
    func testAUnitCountsOnItsDaysWhenTheyAddUpToItsTimesElseOnItsFirstDay() throws {
        let g = try generatedClaims(40)
        let lines = String(decoding: g.uke, as: UTF8.self).components(separatedBy: "\r\n")
        // A 診療行為 that is a unit on its own: 診療識別 (1) and 回数 (6) on the same SI record; 算定日 from field 13.
        let k = try XCTUnwrap(lines.indices.first { k in
            let f = lines[k].components(separatedBy: ",")
            return f[0] == "SI" && !f[1].isEmpty && f[6] == "1" && f.count == 44
        })
        let original = lines[k].components(separatedBy: ",")
        let code = try XCTUnwrap(UInt64(original[3]))
        let firstDay = try XCTUnwrap((13...43).first { !original[$0].isEmpty }) - 12
        func timesByDay(_ days: [Int: Int], times: Int) throws -> [Int: Int] {
            var f = original
            f[6] = String(times)
            for d in 1...31 { f[12 + d] = days[d].map { String($0) } ?? "" }
            var changed = lines
            changed[k] = f.joined(separator: ",")
            let run = try self.run([("changed.UKE", Array(changed.joined(separator: "\r\n").utf8))], by: "code,day")
            XCTAssertEqual(run.errors, [])
            var out: [Int: Int] = [:]
            for r in run.result(minCell: nil).rows(of: .procedures) where r.level == .cell && r.key.code == code {
                out[Int(r.key.day % 100)] = r.times
            }
            return out
        }
        let before = try timesByDay([firstDay: 1], times: 1)
        func delta(_ after: [Int: Int]) -> [Int: Int] {
            var d: [Int: Int] = [:]
            for day in Set(before.keys).union(after.keys) where (after[day] ?? 0) != (before[day] ?? 0) { d[day] = (after[day] ?? 0) - (before[day] ?? 0) }
            return d
        }
        let (a, b) = firstDay == 2 ? (3, 9) : (2, 9)
        var expected = [a: 1, b: 2]
        expected[firstDay, default: 0] -= 1
        XCTAssertEqual(delta(try timesByDay([a: 1, b: 2], times: 3)), expected.filter { $0.value != 0 }, "1 + 2 = 3: on each day")
        expected = [a: 3]
        expected[firstDay, default: 0] -= 1
        XCTAssertEqual(delta(try timesByDay([a: 1, b: 1], times: 3)), expected.filter { $0.value != 0 }, "1 + 1 ≠ 3: 3 on the first day")
    }

    /// Issue 16 item 4, bounded memory: a RECEIPTC.UKE read from its file chunk by chunk (`add(ukeFile:)`, as
    /// `santei aggregate` reads one) gives the tables, the errors with the file's own lines, the SHA-256 and
    /// the counts of the whole file held in memory, for chunks of one receipt, of a few and of the whole file;
    /// a file of another shape is refused, leaving the run as it was.
    func testAFileReadChunkByChunkGivesTheWholeFilesTablesErrorsAndDigest() throws {
        // The sample with a broken 診療年月 on its third receipt: one error, the other 24 receipts counted.
        var lines = String(decoding: try sampleBytes().map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self).components(separatedBy: "\r\n")
        let third = lines.indices.filter { lines[$0].hasPrefix("RE,") }[2]
        var re = lines[third].components(separatedBy: ",")
        re[3] = "20211X"
        lines[third] = re.joined(separator: ",")
        let broken = Array(lines.joined(separator: "\r\n").utf8)
        let generated = try generatedClaims(60).uke
        let by = "code,day,prefecture,age_band,sex,category"
        for (name, bytes) in [("broken.UKE", broken), ("generated.UKE", generated)] {
            let path = NSTemporaryDirectory() + "santei-aggregate-\(UUID().uuidString)-\(name)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let whole = try run([(name, bytes)], by: by)
            XCTAssertEqual(whole.errors.count, name == "broken.UKE" ? 1 : 0, "\(whole.errors)")
            for chunkBytes in [1, 5_000, 1 << 30] {
                var streamed = try run([], by: by)
                var reports: [(Int, Int, Int)] = []
                XCTAssertTrue(streamed.add(ukeFile: path, name: name, chunkBytes: chunkBytes) { reports.append(($0, $1, $2)) })
                XCTAssertEqual(streamed.errors, whole.errors, "\(name) in chunks of \(chunkBytes) bytes")
                XCTAssertEqual(streamed.receiptCount, whole.receiptCount)
                XCTAssertEqual(streamed.result(minCell: 3).files(streamed).map(\.bytes), whole.result(minCell: 3).files(whole).map(\.bytes))
                XCTAssertEqual(streamed.inputs.map(\.sha256), whole.inputs.map(\.sha256))
                XCTAssertEqual(streamed.inputs.map(\.bytes), [bytes.count])
                XCTAssertEqual(reports.last?.0, reports.last?.1, "progress ends at the file's size")
                if chunkBytes == 1 { XCTAssertEqual(reports.count, whole.receiptCount + whole.errors.count, "one chunk per receipt") }
            }
        }
        XCTAssertEqual(try run([("broken.UKE", broken)], by: "code").errors.first?.line, third + 1)
        // Two files run together (a second IR): not a file of IR, receipts and GO; nothing is added.
        let twice = generated + generated
        let path = NSTemporaryDirectory() + "santei-aggregate-\(UUID().uuidString)-twice.UKE"
        try Data(twice).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var refused = try run([], by: by)
        XCTAssertFalse(refused.add(ukeFile: path, name: "twice.UKE", chunkBytes: 1 << 20))
        XCTAssertEqual(refused.receiptCount, 0)
        XCTAssertEqual(refused.inputs.count, 0)
    }

    /// JSON lines read from their file piece by piece (`add(jsonLinesFile:)`, each piece ending at a line break)
    /// give the tables, the errors with the file's own lines and the SHA-256 of the whole buffer.
    func testJSONLinesReadPieceByPieceGiveTheWholeBuffersTablesAndErrors() throws {
        let g = try generatedClaims(40)
        var lines = String(decoding: g.json, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.insert(#"{"id":"bad","patient":{"birth_date":"2000-13-01"},"encounters":[]}"#, at: 17)
        lines.insert("", at: 30)
        let bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        let path = NSTemporaryDirectory() + "santei-aggregate-\(UUID().uuidString).jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let by = "code,day,prefecture,age_band,sex,category"
        let whole = try run([("claims.jsonl", bytes)], by: by)
        XCTAssertEqual(whole.errors.map(\.line), [18])
        XCTAssertEqual(whole.receiptCount, 40)
        for chunkBytes in [1, 700, 10_000, 1 << 30] {
            var streamed = try run([], by: by)
            var last = (0, 0, 0)
            XCTAssertTrue(streamed.add(jsonLinesFile: path, name: "claims.jsonl", chunkBytes: chunkBytes) { last = ($0, $1, $2) })
            XCTAssertEqual(streamed.errors, whole.errors, "pieces of \(chunkBytes) bytes")
            XCTAssertEqual(streamed.result(minCell: 3).files(streamed).map(\.bytes), whole.result(minCell: 3).files(whole).map(\.bytes))
            XCTAssertEqual(streamed.inputs.map(\.sha256), whole.inputs.map(\.sha256))
            XCTAssertEqual(last.0, bytes.count)
            XCTAssertEqual(last.2, 40)
        }
    }

    func testABadClaimIsOneErrorAndTheOthersAreCounted() throws {
        let g = try generatedClaims(5)
        var lines = String(decoding: g.json, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.insert(#"{"id":"bad","patient":{"birth_date":"2000-13-01"},"encounters":[]}"#, at: 2)
        let run = try run([("claims.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))], by: "code")
        XCTAssertEqual(run.receiptCount, 5)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertEqual(run.errors.first?.line, 3)
        XCTAssertTrue(run.errors.first?.description.hasPrefix("claims.jsonl:3: claim bad: ") ?? false, run.errors.first?.description ?? "")
    }
}

extension AggregateDataTests {
    /// UKE 入院 (issue 11 item 6): the 入院 fixture's points and stated points are its 合計点数 (12,136); the 食事 and
    /// 標準負担額 units (yen) count their 回数 but no points and no stated points.
    func testInpatientMealsInYenAreNotCountedAsPoints() throws {
        let bytes = try InpatientUKETests.fixture("inpatient-short-stay-2024-07.UKE").bytes
        let run = try run([("inpatient.UKE", bytes)], by: "code")
        XCTAssertEqual(run.errors, [])
        let rows = run.result(minCell: nil).rows(of: .procedures)
        let total = try XCTUnwrap(rows.first { $0.level == .total })
        XCTAssertEqual(total.points, 12136)
        XCTAssertEqual(total.stated, 12136)
        let meal = try XCTUnwrap(rows.first { $0.level == .codeTotal && $0.key.code == 197000110 })
        XCTAssertEqual(meal.points, 0)
        XCTAssertEqual(meal.stated ?? 0, 0)
        XCTAssertEqual(meal.times, 5, "3 units on 5 days: 1 + 3 + 1")
    }
}
