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
    /// Patient keys of the run's cells (hashes; moved in from the parts' marks and freed of duplicates at
    /// each merge, so a cell holds one key per distinct patient whatever the number of receipts).
    var patients: [UInt64] = []
    /// `patients[..<distinct]` is sorted and free of duplicates.
    var distinct = 0
    /// The last receipt of this part counted in the cell.
    var lastReceipt = 0

    mutating func add(_ o: CellSums) {
        receipts += o.receipts; times += o.times; points += o.points
        stated += o.stated; statedUnits += o.statedUnits; unpriced += o.unpriced
        // Patient keys come with a part's marks (`AggregatePartial.merge`), not with its cells.
    }

    /// Sorts the patient keys and keeps one of each.
    mutating func removeDuplicatePatients() { distinct = sortRemovingDuplicates(&patients) }
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

/// What one receipt gives the tables. The patient key is a hash, never written.
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
struct AggregatePartial: Sendable {
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
    /// (cell, patient) once per receipt and cell, while this part counts receipts: one flat array rather
    /// than an array per cell (no allocation per cell, no uniqueness check per line). Sorted and freed of
    /// duplicates whenever it doubles, so it holds about one mark per distinct patient and cell; moved into
    /// the cells' `patients` when the part is merged into the run.
    private var marks: [PatientMark] = []
    private var distinctMarks = 0

    struct PatientMark: Comparable, Sendable {
        var cell: Int32
        var patient: UInt64
        static func < (a: Self, b: Self) -> Bool { (a.cell, a.patient) < (b.cell, b.patient) }
    }

    init() {}

    private mutating func removeDuplicateMarks() { distinctMarks = sortRemovingDuplicates(&marks) }

    @inline(__always) private mutating func slot(_ k: CellKey) -> Int {
        let (i, inserted) = index.findOrInsert(k, next: keys.count)
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
    mutating func add(_ facts: ReceiptFacts, grouping: AggregateGrouping) {
        receipts += 1
        serial += 1
        if facts.patient == nil { receiptsWithoutPatient += 1 }
        var lastDay: UInt32 = 0
        for c in facts.contributions {
            if c.day.yyyymmdd != lastDay { days.insert(c.day.yyyymmdd); lastDay = c.day.yyyymmdd }
            let cell = grouping.project(CellKey(table: c.table.rawValue, code: c.code, day: c.day.yyyymmdd, prefecture: facts.prefecture,
                                                age: facts.age, sex: facts.sex, category: c.category))
            for m: UInt8 in 0...3 {
                let i = slot(m == 0 ? cell : cell.withMargin(m))
                if Self.count(&sums[i], c, receipt: serial), let p = facts.patient { marks.append(PatientMark(cell: Int32(i), patient: p)) }
            }
        }
        if marks.count >= 2 * max(distinctMarks, 1 << 14) { removeDuplicateMarks() }
    }

    mutating func merge(_ other: AggregatePartial) {
        receipts += other.receipts
        receiptsWithoutPatient += other.receiptsWithoutPatient
        days.formUnion(other.days)
        unitCount += other.unitCount
        unpricedUnits += other.unpricedUnits
        var cells = [Int](repeating: 0, count: other.keys.count)
        for j in other.keys.indices {
            cells[j] = slot(other.keys[j])
            sums[cells[j]].add(other.sums[j])
        }
        guard !other.marks.isEmpty else { return }
        for m in other.marks { sums[cells[Int(m.cell)]].patients.append(m.patient) }
        for i in sums.indices where sums[i].patients.count > sums[i].distinct { sums[i].removeDuplicatePatients() }
    }
}

/// CellKey → slot, open addressing with linear probing and an integer mix of the key's two words
/// (Swift's seeded SipHash was a fifth of the run). Keys come from codes and dates that the readers
/// checked; a crafted file could at worst make probes longer, never wrong.
struct CellIndex: Sendable {
    private var a: [UInt64]
    private var b: [UInt64]
    /// Slot + 1; 0 = empty.
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init() {
        let capacity = 1 << 10
        a = [UInt64](repeating: 0, count: capacity); b = a; slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
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

    /// The key's slot, or `next` after inserting it.
    @inline(__always) mutating func findOrInsert(_ k: CellKey, next: Int) -> (Int, Bool) {
        let (x, y) = Self.words(k)
        var i = Self.mix(x, y) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if a[i] == x && b[i] == y { return (Int(s) - 1, false) }
            i = (i + 1) & mask
        }
        a[i] = x; b[i] = y; slots[i] = Int32(next + 1)
        count += 1
        if count * 2 > slots.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let (oa, ob, os) = (a, b, slots)
        let capacity = os.count * 2
        a = [UInt64](repeating: 0, count: capacity); b = a; slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for j in os.indices where os[j] != 0 {
            var i = Self.mix(oa[j], ob[j]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            a[i] = oa[j]; b[i] = ob[j]; slots[i] = os[j]
        }
    }
}

/// Sorts `a` and keeps one of each value; the count left.
func sortRemovingDuplicates<T: Comparable>(_ a: inout [T]) -> Int {
    a.sort()
    var n = 0
    for j in a.indices where j == 0 || a[j] != a[n - 1] {
        a[n] = a[j]
        n += 1
    }
    a.removeLast(a.count - n)
    return n
}
