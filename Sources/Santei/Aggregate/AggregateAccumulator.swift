import CSanteiMemory
import Dispatch
import Foundation

/// Sums of one cell while a run goes on.
struct CellSums: Sendable {
    /// Receipts with at least one line in the cell.
    var receipts = 0
    /// 回数 (units: the 回数 of the 算定単位 on that day; 傷病名: the number of 傷病名 records).
    var times = 0
    /// Points × 回数 as Santei priced them (a unit it could not price: its stated points).
    var points = 0
    /// Points × 回数 as the input stated them, over the units that state them.
    var stated = 0
    var statedUnits = 0
    /// Units whose points Santei could not compute.
    var unpriced = 0
    /// The last receipt of this part counted in the cell.
    var lastReceipt = 0

    mutating func add(_ o: CellSums) {
        receipts += o.receipts; times += o.times; points += o.points
        stated += o.stated; statedUnits += o.statedUnits; unpriced += o.unpriced
        // Distinct patients are counted from the part's marks (`AggregatePartial.patientCounts`), not summed.
    }
}

/// One line of a receipt as the tables count it: an item of a unit on one day, or a 傷病名.
struct Contribution: Sendable {
    var table: AggregateTable
    var code: UInt64
    var day: ServiceDate
    var category: UInt8
    var times: Int
    var points: Int
    var stated: Int?
    var unpriced: Bool
}

/// What one receipt gives the tables. The patient key is a hash, never written. A reader may reuse
/// `contributions` as a buffer longer than the receipt and say how many of its lines are the receipt's
/// (`AggregatePartial.add(_:lines:grouping:)`).
struct ReceiptFacts: Sendable {
    var patient: UInt64?
    var prefecture: UInt8 = 0
    var age: UInt8 = 0
    var sex: UInt8 = 0
    var contributions: [Contribution] = []
}

extension CellSums {
    @inline(__always) mutating func add(_ c: Contribution) {
        times += c.times
        points += c.points
        if let st = c.stated { stated += st; statedUnits += 1 }
        if c.unpriced { unpriced += 1 }
    }
}

/// Cells of part of a run (one chunk of receipts on one core), merged into the run's in chunk order.
/// Amounts are bounded per receipt (`DomainLimit.maxReceiptPoints`), so sums over any realistic number
/// of receipts stay far inside Int64.
///
/// Distinct patients per cell: a patient key is numbered once per part (`patients`), and each receipt
/// adds one mark `cell << 32 | patient number` per cell it is new to. The marks are one flat array of
/// words — no array per cell, no set per cell — sorted (`RadixSort`) and freed of duplicates whenever
/// they double, so they hold about one mark per distinct patient and cell; a merge renumbers the other
/// part's cells and patients into this one's and sorts once.
struct AggregatePartial: Sendable {
    init() {}

    var index = CellIndex()
    var keys: [CellKey] = []
    var sums: [CellSums] = []
    var receipts = 0
    var receiptsWithoutPatient = 0
    var days = Set<UInt32>()
    var unitCount = 0
    var unpricedUnits = 0
    /// The receipt being added (its cells count it once: `CellSums.lastReceipt`).
    private var serial = 0
    /// Patient key → number (dense, from 0), as words (key, 0); `patientKeys[n]` is the key of number n.
    private var patientNumbers = CellIndex()
    private var patientKeys: [UInt64] = []
    /// `cell << 32 | patient number`, once per receipt and cell; `marks[..<distinctMarks]` sorted, no duplicates.
    private var marks: [UInt64] = []
    private var distinctMarks = 0
    /// The receipt's cells being found; reused from receipt to receipt.
    private var scratch = ReceiptScratch()

    private mutating func removeDuplicateMarks() { distinctMarks = RadixSort.sortRemovingDuplicates(&marks, from: distinctMarks) }

    private mutating func number(ofPatient key: UInt64) -> UInt32 {
        let (n, inserted) = patientNumbers.findOrInsert(key, 0, next: patientKeys.count)
        if inserted { patientKeys.append(key) }
        return UInt32(n)
    }

    private mutating func slot(_ k: CellKey) -> Int { slot(k, CellIndex.words(k)) }

    @inline(__always) private mutating func slot(_ k: CellKey, _ words: (UInt64, UInt64)) -> Int {
        let (i, inserted) = index.findOrInsert(words.0, words.1, next: keys.count)
        if inserted {
            keys.append(k)
            sums.append(CellSums())
        }
        return i
    }

    /// Counts `c` in cell `i`; true when the receipt is new to the cell.
    @inline(__always) private static func count(_ s: inout CellSums, _ c: Contribution, receipt: Int) -> Bool {
        s.add(c)
        guard s.lastReceipt != receipt else { return false }
        s.lastReceipt = receipt
        s.receipts += 1
        return true
    }

    /// Adds one receipt: each line to its cell, to its code's row total, to its column's total and to
    /// the table's grand total; the receipt and its patient are counted once per cell.
    mutating func add(_ facts: ReceiptFacts, grouping: AggregateGrouping) { add(facts, lines: facts.contributions.count, grouping: grouping) }

    /// Adds a receipt whose lines are the first `lines` of `facts.contributions`.
    mutating func add(_ facts: ReceiptFacts, lines: Int, grouping: AggregateGrouping) {
        precondition(lines >= 0 && lines <= facts.contributions.count)
        receipts += 1
        serial += 1
        let patient: UInt64?
        if let key = facts.patient { patient = UInt64(number(ofPatient: key)) } else { patient = nil; receiptsWithoutPatient += 1 }
        // The tables are megabytes: a line's cells are asked for (prefetched) for the whole receipt before
        // any is read, in three passes — keys, slots, sums — so the cache misses overlap. The passes run on
        // the raw buffers of the receipt's scratch and of the index, both moved out of the part for the
        // receipt (no reference counting, no uniqueness check per line); the index has room for the
        // receipt's cells before it starts (`CellIndex.reserve`), so it never grows under a probe.
        let n = 4 * lines
        var scratch = ReceiptScratch.detached, index = CellIndex.detached
        swap(&scratch, &self.scratch)
        swap(&index, &self.index)
        scratch.reserve(n)
        index.reserve(n)
        var lastDay: UInt32 = 0
        index.withProbe { probe in
            scratch.withBuffers { keys, words, slots, _, recentWords, recentSlots in
                facts.contributions.withUnsafeBufferPointer { contributions in
                    var j = 0
                    for c in contributions[..<lines] {
                        if c.day.yyyymmdd != lastDay { days.insert(c.day.yyyymmdd); lastDay = c.day.yyyymmdd }
                        let cell = grouping.project(CellKey(table: c.table.rawValue, code: c.code, day: c.day.yyyymmdd, prefecture: facts.prefecture,
                                                            age: facts.age, sex: facts.sex, category: c.category))
                        for m in 0...3 {
                            let key = m == 0 ? cell : cell.withMargin(UInt8(m))
                            let w = CellIndex.words(key)
                            probe.prefetch(w.0, w.1)
                            keys[j] = key
                            words[j] = w
                            j += 1
                        }
                    }
                }
                // The lines of a receipt mostly share a table and a day, so their column and grand totals
                // are found again without a probe (the last words and slot of each margin).
                for j in 0..<n {
                    let m = j & 3, w = words[j]
                    if recentWords[m] == w { slots[j] = recentSlots[m]; continue }
                    let (i, inserted) = probe.findOrInsert(w.0, w.1, next: self.keys.count)
                    if inserted {
                        self.keys.append(keys[j])
                        sums.append(CellSums())
                    }
                    recentWords[m] = w
                    recentSlots[m] = i
                    slots[j] = i
                }
            }
        }
        swap(&index, &self.index)
        // Each line's cells counted, the sums a few lines ahead asked for.
        let serial = self.serial, ahead = 16
        var added = 0
        sums.withUnsafeMutableBufferPointer { sums in
            facts.contributions.withUnsafeBufferPointer { contributions in
                scratch.withBuffers { _, _, slots, newMarks, _, _ in
                    for j in 0..<min(ahead, n) { csantei_prefetch(sums.baseAddress! + slots[j]) }
                    for j in 0..<n {
                        if j + ahead < n { csantei_prefetch(sums.baseAddress! + slots[j + ahead]) }
                        let i = slots[j]
                        if Self.count(&sums[i], contributions[j >> 2], receipt: serial), let p = patient {
                            newMarks[added] = UInt64(i) << 32 | p
                            added += 1
                        }
                    }
                }
            }
        }
        if added > 0 { marks.append(contentsOf: scratch.marks[..<added]) }
        swap(&scratch, &self.scratch)
        if marks.count >= 2 * max(distinctMarks, 1 << 14) { removeDuplicateMarks() }
    }

    mutating func merge(_ other: AggregatePartial) { merge([other]) }

    /// Merges parts in their order. Their cells and patients are renumbered into this part's one after
    /// the other (cheap, serial); then the marks are renumbered and sorted in pieces on every core, and
    /// the sorted runs are joined in linear passes. A part whose cells and patients are all new here, in
    /// the order they came (the first part merged into an empty run), keeps its numbers: only the marks it
    /// added since its last sort are sorted.
    /// `piecesFrom`: the fewest marks a part has to be cut into pieces (one a core).
    mutating func merge(_ others: [AggregatePartial], piecesFrom: Int = 1 << 16) {
        var cellMaps: [[UInt64]] = [], patientMaps: [[UInt64]] = []
        for other in others {
            receipts += other.receipts
            receiptsWithoutPatient += other.receiptsWithoutPatient
            days.formUnion(other.days)
            unitCount += other.unitCount
            unpricedUnits += other.unpricedUnits
            var cells = [UInt64](repeating: 0, count: other.keys.count)
            for j in other.keys.indices {
                let i = slot(other.keys[j])
                cells[j] = UInt64(i) << 32
                sums[i].add(other.sums[j])
            }
            cellMaps.append(cells)
            patientMaps.append(other.patientKeys.map { UInt64(number(ofPatient: $0)) })
        }
        let kept = others.indices.map { k in
            cellMaps[k].enumerated().allSatisfy { $0.element == UInt64($0.offset) << 32 }
                && patientMaps[k].enumerated().allSatisfy { $0.element == UInt64($0.offset) }
        }
        guard others.contains(where: { !$0.marks.isEmpty }) else { return }
        // Each part's marks in as many pieces as there are cores, each renumbered and sorted on its own.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var pieces: [(part: Int, range: Range<Int>)] = []
        for (k, other) in others.enumerated() where !other.marks.isEmpty {
            let n = other.marks.count, p = n < piecesFrom || kept[k] ? 1 : cores
            for j in 0..<p { pieces.append((k, (n * j / p)..<(n * (j + 1) / p))) }
        }
        let runs = ParallelSlots<[UInt64]>(count: pieces.count, initial: [])
        let (cellMapsDone, patientMapsDone, piecesDone) = (cellMaps, patientMaps, pieces)
        DispatchQueue.concurrentPerform(iterations: pieces.count) { j in
            let (k, range) = piecesDone[j]
            let other = others[k], cells = cellMapsDone[k], numbers = patientMapsDone[k]
            if kept[k] {
                var run = other.marks
                _ = RadixSort.sortRemovingDuplicates(&run, from: other.distinctMarks)
                runs[j] = run
                return
            }
            var ordered = other.distinctMarks >= range.upperBound, last: UInt64 = 0
            let incoming = [UInt64](unsafeUninitializedCapacity: range.count) { out, count in
                other.marks.withUnsafeBufferPointer { m in
                    for (o, i) in range.enumerated() {
                        let x = cells[Int(m[i] >> 32)] | numbers[Int(m[i] & 0xffff_ffff)]
                        if x <= last && o > 0 { ordered = false }
                        last = x
                        out[o] = x
                    }
                }
                count = range.count
            }
            var run = incoming
            if !ordered { _ = RadixSort.sortRemovingDuplicates(&run) }
            runs[j] = run
        }
        if marks.count > distinctMarks { removeDuplicateMarks() }
        for j in pieces.indices where !runs[j].isEmpty {
            marks = marks.isEmpty ? runs[j] : RadixSort.union(marks[...], runs[j][...])
            runs[j] = []
        }
        distinctMarks = marks.count
    }

    /// Distinct patients per cell (indexed as `keys`).
    func patientCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: keys.count)
        var last = UInt64.max
        // Sorted marks hold each (cell, patient) once; unsorted ones past `distinctMarks` can repeat.
        var m = marks
        if m.count > distinctMarks { _ = RadixSort.sortRemovingDuplicates(&m) }
        for x in m where x != last { counts[Int(x >> 32)] += 1; last = x }
        return counts
    }
}

/// One value per job of a `concurrentPerform`, each job touching only its own (raw storage: no shared
/// array is accessed for modification from two threads).
final class ParallelSlots<T>: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutablePointer<T>
    init(count: Int, initial: T) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: initial, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    subscript(k: Int) -> T {
        get { precondition(k >= 0 && k < count); return base[k] }
        set { precondition(k >= 0 && k < count); base[k] = newValue }
    }
}

/// The buffers a receipt's cells are found in (4 a line: the cell and its three totals), sized once per
/// receipt, and the last words and slot looked up for each margin (0 the cell, 1…3 its totals), which
/// carry over from receipt to receipt.
struct ReceiptScratch: Sendable {
    private(set) var keys: [CellKey] = []
    private(set) var words: [(UInt64, UInt64)] = []
    private(set) var slots: [Int] = []
    private(set) var marks: [UInt64] = []
    private var recentWords = [(UInt64, UInt64)](repeating: (.max, .max), count: 4)
    private var recentSlots = [Int](repeating: 0, count: 4)

    /// Holds the place of a part's scratch while a receipt uses it (no allocation).
    static let detached = ReceiptScratch()

    /// Room for `n` entries in each buffer.
    mutating func reserve(_ n: Int) {
        guard keys.count < n else { return }
        let grown = max(n, 2 * keys.count, 256)
        keys = [CellKey](repeating: CellKey(table: 0, code: 0, day: 0, prefecture: 0, age: 0, sex: 0, category: 0), count: grown)
        words = [(UInt64, UInt64)](repeating: (0, 0), count: grown)
        slots = [Int](repeating: 0, count: grown)
        marks = [UInt64](repeating: 0, count: grown)
    }

    /// The buffers as raw pointers: keys, words, slots, marks, recent words, recent slots.
    @inline(__always) mutating func withBuffers<R>(
        _ body: (UnsafeMutableBufferPointer<CellKey>, UnsafeMutableBufferPointer<(UInt64, UInt64)>, UnsafeMutableBufferPointer<Int>,
                 UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<(UInt64, UInt64)>, UnsafeMutableBufferPointer<Int>) -> R
    ) -> R {
        keys.withUnsafeMutableBufferPointer { k in
            words.withUnsafeMutableBufferPointer { w in
                slots.withUnsafeMutableBufferPointer { s in
                    marks.withUnsafeMutableBufferPointer { m in
                        recentWords.withUnsafeMutableBufferPointer { rw in
                            recentSlots.withUnsafeMutableBufferPointer { rs in body(k, w, s, m, rw, rs) }
                        }
                    }
                }
            }
        }
    }
}

/// Two words → slot, open addressing with linear probing and an integer mix of the words (Swift's
/// seeded SipHash was a fifth of the run): a cell's key (`words`), or a patient key (a hash) and 0.
/// Cell keys come from codes and dates that the readers checked; a crafted file could at worst make
/// probes longer, never wrong.
struct CellIndex: Sendable {
    /// A key's two words and its slot + 1 (0 = empty), side by side: a probe touches one cache line.
    fileprivate struct Entry {
        var x: UInt64 = 0
        var y: UInt64 = 0
        var slot: Int32 = 0
    }
    private var entries: [Entry]
    private var mask: Int
    private(set) var count = 0

    init() {
        let capacity = 1 << 10
        entries = [Entry](repeating: Entry(), count: capacity)
        mask = capacity - 1
    }

    private init(entries: [Entry]) {
        self.entries = entries
        mask = 0
    }

    /// Holds the place of a part's index while a receipt probes it (no allocation; never probed).
    static let detached = CellIndex(entries: [])

    /// Room for `extra` more keys without growing: a `Probe` never grows the table.
    mutating func reserve(_ extra: Int) {
        while (count + extra) * 2 > entries.count { grow() }
    }

    /// Lookups on the raw entries, for the keys of one receipt (`reserve` them first).
    struct Probe {
        fileprivate let e: UnsafeMutablePointer<Entry>
        let mask: Int
        fileprivate(set) var inserted = 0

        /// Asks for the cache line where the key of words (x, y) would be found.
        @inline(__always) func prefetch(_ x: UInt64, _ y: UInt64) { csantei_prefetch(e + (CellIndex.mix(x, y) & mask)) }

        /// The slot of the key of words (x, y), or `next` after inserting it.
        @inline(__always) mutating func findOrInsert(_ x: UInt64, _ y: UInt64, next: Int) -> (Int, Bool) {
            var i = CellIndex.mix(x, y) & mask
            while true {
                let s = e[i].slot
                if s == 0 { break }
                if e[i].x == x && e[i].y == y { return (Int(s) - 1, false) }
                i = (i + 1) & mask
            }
            e[i] = Entry(x: x, y: y, slot: Int32(next + 1))
            inserted += 1
            return (next, true)
        }
    }

    /// Runs `body` with a probe on the entries; its insertions are counted after it.
    @inline(__always) mutating func withProbe<R>(_ body: (inout Probe) -> R) -> R {
        let mask = self.mask
        let (r, inserted) = entries.withUnsafeMutableBufferPointer { b in
            var p = Probe(e: b.baseAddress!, mask: mask)
            let r = body(&p)
            return (r, p.inserted)
        }
        count += inserted
        precondition(count * 2 <= entries.count, "a probe inserted more keys than were reserved")
        return r
    }

    @inline(__always) static func words(_ k: CellKey) -> (UInt64, UInt64) {
        // day (YYYYMMDD < 2^27) bits 0–26, table (1–4) 27–29, margin (0–3) 30–31, then one byte each: one-to-one.
        (k.code, UInt64(k.day) | UInt64(k.table) << 27 | UInt64(k.margin) << 30 | UInt64(k.prefecture) << 32 | UInt64(k.age) << 40
            | UInt64(k.sex) << 48 | UInt64(k.category) << 56)
    }

    @inline(__always) static func mix(_ x: UInt64, _ y: UInt64) -> Int {
        var h = (x &* 0x9E37_79B9_7F4A_7C15) ^ (y &* 0xC2B2_AE3D_27D4_EB4F)
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }


    /// The slot of the key of words (x, y) (`words`), or `next` after inserting it.
    @inline(__always) mutating func findOrInsert(_ x: UInt64, _ y: UInt64, next: Int) -> (Int, Bool) {
        reserve(1)
        return withProbe { $0.findOrInsert(x, y, next: next) }
    }

    private mutating func grow() {
        let old = entries
        let capacity = old.count * 2
        entries = [Entry](repeating: Entry(), count: capacity)
        mask = capacity - 1
        for e in old where e.slot != 0 {
            var i = Self.mix(e.x, e.y) & mask
            while entries[i].slot != 0 { i = (i + 1) & mask }
            entries[i] = e
        }
    }
}

/// LSD radix sort of marks (`cell << 32 | patient`), 12 bits a pass over the bits the marks use: the
/// two halves are packed as `cell << w | patient` with w the patient numbers' width, so a run of
/// 100,000 cells and 200,000 patients (35 bits) sorts in 3 passes (the comparison sort of the standard library took
/// most of the time of a merge).
enum RadixSort {
    static let digitBits = 12

    /// Sorts `a[from...]`, frees it of duplicates and joins it with `a[..<from]` (sorted, no duplicates);
    /// the count left.
    static func sortRemovingDuplicates(_ a: inout [UInt64], from: Int = 0) -> Int {
        if from > 0 && from < a.count {
            var tail = Array(a[from...])
            _ = sortRemovingDuplicates(&tail)
            a = union(a[..<from], tail[...])
            return a.count
        }
        let n = a.count
        guard n > 1 else { return n }
        if n < 512 {
            a.sort()
        } else {
            sort(&a)
        }
        var k = 0
        a.withUnsafeMutableBufferPointer { p in
            for j in 0..<n where j == 0 || p[j] != p[k - 1] {
                p[k] = p[j]
                k += 1
            }
        }
        a.removeLast(n - k)
        return k
    }

    private static func sort(_ a: inout [UInt64]) {
        let n = a.count
        var high: UInt64 = 0, low: UInt64 = 0
        for x in a { high |= x >> 32; low |= x & 0xffff_ffff }
        let lowBits = UInt64(64 - low.leadingZeroBitCount), lowMask = (UInt64(1) << lowBits) &- 1
        let bits = Int(lowBits) + 64 - high.leadingZeroBitCount
        let passes = (bits + digitBits - 1) / digitBits
        guard passes > 0 else { return }
        let buckets = 1 << digitBits, mask = UInt64(buckets - 1)
        @inline(__always) func packed(_ x: UInt64) -> UInt64 { (x >> 32) << lowBits | (x & lowMask) }
        var counts = [Int](repeating: 0, count: passes * buckets)
        a.withUnsafeBufferPointer { src in
            counts.withUnsafeMutableBufferPointer { c in
                for x in src {
                    let v = packed(x)
                    for p in 0..<passes { c[p * buckets + Int((v >> UInt64(p * digitBits)) & mask)] += 1 }
                }
            }
        }
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var inScratch = false
        counts.withUnsafeMutableBufferPointer { c in
            for p in 0..<passes {
                let base = p * buckets
                // Skipped: every mark has the same digit here.
                if (0..<buckets).contains(where: { c[base + $0] == n }) { continue }
                var sum = 0
                for d in 0..<buckets { let k = c[base + d]; c[base + d] = sum; sum += k }
                let shift = UInt64(p * digitBits)
                func pass(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
                    for x in from {
                        let d = base + Int((packed(x) >> shift) & mask)
                        to[c[d]] = x
                        c[d] += 1
                    }
                }
                if inScratch {
                    scratch.withUnsafeBufferPointer { f in a.withUnsafeMutableBufferPointer { t in pass(f, t) } }
                } else {
                    a.withUnsafeBufferPointer { f in scratch.withUnsafeMutableBufferPointer { t in pass(f, t) } }
                }
                inScratch.toggle()
            }
        }
        if inScratch { swap(&a, &scratch) }
    }

    /// The union of two sorted arrays without duplicates, sorted and without duplicates.
    static func union(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> [UInt64] {
        var n = 0
        var out = [UInt64](unsafeUninitializedCapacity: a.count + b.count) { o, count in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    var i = 0, j = 0, k = 0
                    while i < x.count && j < y.count {
                        let u = x[i], v = y[j]
                        o[k] = u < v ? u : v
                        k += 1
                        if u <= v { i += 1 }
                        if v <= u { j += 1 }
                    }
                    while i < x.count { o[k] = x[i]; i += 1; k += 1 }
                    while j < y.count { o[k] = y[j]; j += 1; k += 1 }
                    n = k
                }
            }
            count = n
        }
        return out
    }
}
