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
    /// Patient keys (hashes, one per receipt in the cell; duplicates removed at the end).
    var patients: [UInt64] = []
    /// The last receipt of this part counted in the cell.
    var lastReceipt = 0

    mutating func add(_ o: CellSums) {
        receipts += o.receipts; times += o.times; points += o.points
        stated += o.stated; statedUnits += o.statedUnits; unpriced += o.unpriced
        patients += o.patients
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
    var index: [CellKey: Int] = [:]
    var keys: [CellKey] = []
    var sums: [CellSums] = []
    var receipts = 0
    var receiptsWithoutPatient = 0
    var days = Set<UInt32>()
    var unitCount = 0
    var unpricedUnits = 0
    /// The receipt being added (its cells count it once: `CellSums.lastReceipt`).
    private var serial = 0

    init() {}

    @inline(__always) private mutating func slot(_ k: CellKey) -> Int {
        if let i = index[k] { return i }
        index[k] = keys.count
        keys.append(k)
        sums.append(CellSums())
        return keys.count - 1
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
                sums[i].add(c)
                if sums[i].lastReceipt != serial {
                    sums[i].lastReceipt = serial
                    sums[i].receipts += 1
                    if let p = facts.patient { sums[i].patients.append(p) }
                }
            }
        }
    }

    mutating func merge(_ other: AggregatePartial) {
        receipts += other.receipts
        receiptsWithoutPatient += other.receiptsWithoutPatient
        days.formUnion(other.days)
        unitCount += other.unitCount
        unpricedUnits += other.unpricedUnits
        for (k, s) in zip(other.keys, other.sums) { sums[slot(k)].add(s) }
    }
}
