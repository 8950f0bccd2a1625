import Foundation

/// The tables of a run, each with its totals, suppressed for publication (`SuppressionGrid`) unless
/// suppression was turned off.
public struct AggregateResult: Sendable {
    /// Which published line a row is.
    public enum Level: String, Sendable {
        /// One code in one column (day × 都道府県 × …).
        case cell
        /// A code over every column.
        case codeTotal = "code_total"
        /// A column over every code.
        case columnTotal = "column_total"
        /// The whole table.
        case total
    }

    public struct Row: Sendable {
        public var level: Level
        var key: CellKey
        public var receipts: Int
        /// Distinct patients; nil when some receipt had no patient key.
        public var patients: Int?
        public var times: Int
        public var points: Int
        /// nil when no unit of the row stated its points.
        public var stated: Int?
        public var unpriced: Int
        public var suppressed: Bool
        var primary: Bool
    }

    public let grouping: AggregateGrouping
    /// nil: not suppressed (`--no-suppress`).
    public let minCell: Int?
    /// The NDB オープンデータ's threshold (「10 未満は秘匿」): a smaller `minCell`, like none, is not safe to publish.
    public static let publishableMinCell = 10
    /// Whether the tables may be published: suppressed at `publishableMinCell` or more.
    public var safeToPublish: Bool { (minCell ?? 0) >= Self.publishableMinCell }
    /// "patients" or "receipts": what `minCell` counts.
    public let measure: String
    public private(set) var tables: [(table: AggregateTable, rows: [Row])] = []
    let names: @Sendable (AggregateTable, UInt64) -> String

    init(_ run: Aggregation, minCell: Int?) {
        grouping = run.grouping
        self.minCell = minCell
        let byPatients = run.hasPatientKeys
        measure = byPatients ? "patients" : "receipts"
        let p = run.total
        let order = p.keys.indices.sorted { p.keys[$0] < p.keys[$1] }
        let patientCounts = byPatients ? p.patientCounts() : []
        var byTable: [UInt8: [Row]] = [:]
        for i in order {
            let k = p.keys[i], s = p.sums[i]
            let patients: Int? = byPatients ? patientCounts[i] : nil
            let level: Level = switch k.margin {
            case 0: .cell
            case CellKey.overCodes: .columnTotal
            case CellKey.overColumns: .codeTotal
            default: .total
            }
            byTable[k.table, default: []].append(Row(level: level, key: k, receipts: s.receipts, patients: patients, times: s.times, points: s.points,
                                                     stated: s.statedUnits > 0 ? s.stated : nil, unpriced: s.unpriced, suppressed: false, primary: false))
        }
        // Each table is suppressed on its own core.
        let all = AggregateTable.allCases, suppressed = ParallelSlots<[Row]>(count: all.count, initial: [])
        for (k, t) in all.enumerated() { suppressed[k] = byTable[t.rawValue] ?? [] }
        if let minCell { DispatchQueue.concurrentPerform(iterations: all.count) { k in var rows = suppressed[k]; suppressed[k] = []; Self.suppress(&rows, minCell: minCell); suppressed[k] = rows } }
        for (k, t) in all.enumerated() { tables.append((t, suppressed[k])) }
        let set = run.masters
        let latest = run.total.days.max().map { ServiceDate(unchecked: $0) } ?? .distantPast
        let earliest = run.total.days.min().map { ServiceDate(unchecked: $0) } ?? .distantPast
        names = { table, code in
            let (kind, column): (MasterKind, Int)
            switch table {
            case .procedures: (kind, column) = (.procedure, ProcedureColumn.abbreviatedName)
            case .drugs: guard code >= 1000 else { return "" }; (kind, column) = (.drug, DrugColumn.name)
            case .devices: (kind, column) = (.device, DeviceColumn.name)
            case .diseases: return ""
            }
            for d in [latest, earliest] {
                if let r = (try? set.record(kind, code: code, on: d)) ?? nil { return r[column] }
            }
            return ""
        }
    }

    /// Primary and secondary suppression of one table (rows: its cells and totals).
    static func suppress(_ rows: inout [Row], minCell: Int) {
        var codes: [UInt64: Int] = [:], columns: [ColumnKey: Int] = [:]
        for r in rows where r.level == .cell {
            if codes[r.key.code] == nil { codes[r.key.code] = codes.count }
            if columns[r.key.column] == nil { columns[r.key.column] = columns.count }
        }
        var entries: [SuppressionGrid.Entry] = []
        var rowsOfEntries: [Int] = []
        for (i, r) in rows.enumerated() {
            let row = r.level == .cell || r.level == .codeTotal ? codes[r.key.code] : codes.count
            let column = r.level == .cell || r.level == .columnTotal ? columns[r.key.column] : columns.count
            guard let row, let column else { continue }
            entries.append(.init(row: row, column: column, measure: r.patients ?? r.receipts))
            rowsOfEntries.append(i)
        }
        let outcome = SuppressionGrid(rows: codes.count, columns: columns.count, entries: entries).suppress(minCell: minCell)
        for (k, i) in rowsOfEntries.enumerated() {
            rows[i].suppressed = outcome.suppressed[k]
            rows[i].primary = outcome.primary[k]
        }
    }

    public func rows(of table: AggregateTable) -> [Row] { tables.first { $0.table == table }?.rows ?? [] }

    /// Cells suppressed by the threshold and in all, per table.
    public func suppressionCounts(_ table: AggregateTable) -> (primary: Int, total: Int) {
        let rows = rows(of: table)
        return (rows.reduce(0) { $0 + ($1.primary ? 1 : 0) }, rows.reduce(0) { $0 + ($1.suppressed ? 1 : 0) })
    }

    // MARK: Text of a row

    func codeText(_ table: AggregateTable, _ k: CellKey) -> String {
        if k.margin & CellKey.overCodes != 0 { return "ALL" }
        switch table {
        case .drugs where k.code < 1000: return String(repeating: "0", count: 3 - String(k.code).count) + String(k.code)
        case .diseases: return k.code == 0 ? "unknown" : PackedText.unpack(k.code)
        default: return String(repeating: "0", count: max(0, 9 - String(k.code).count)) + String(k.code)
        }
    }

    func text(_ d: AggregateDimension, _ table: AggregateTable, _ k: CellKey) -> String {
        if d != .code && k.margin & CellKey.overColumns != 0 { return "ALL" }
        switch d {
        case .code: return codeText(table, k)
        case .day: return ServiceDate(unchecked: k.day).description
        case .prefecture: return k.prefecture == 0 ? "" : (k.prefecture < 10 ? "0" : "") + String(k.prefecture)
        case .ageBand: return k.age == 0 ? "" : AgeBand.label(k.age)
        case .sex: return k.sex == 0 ? "" : String(k.sex)
        case .category: return k.category == 0 ? "" : String(k.category)
        }
    }

    // MARK: CSV

    /// The CSV of one table: UTF-8, a header, one line per cell and total in key order (cells, then
    /// column totals, code totals, the grand total). A suppressed line keeps its keys and has every
    /// count empty and `suppressed` 1.
    public func csv(_ table: AggregateTable) -> [UInt8] {
        let rows = rows(of: table)
        return csvHeader(table) + csvLines(table, rows[...])
    }

    /// Rows of a table per piece of its CSV text (`csvPieces`): the pieces are written on every core.
    static let csvPieceRows = 8_192

    /// The CSV of each table (as `csv`), its lines written in pieces on every core.
    func csvFiles() -> [[UInt8]] {
        let tables = AggregateTable.allCases
        var jobs: [(table: Int, rows: Range<Int>)] = []
        let all = tables.map { rows(of: $0) }
        for (t, rows) in all.enumerated() {
            for start in stride(from: 0, to: rows.count, by: Self.csvPieceRows) { jobs.append((t, start..<min(rows.count, start + Self.csvPieceRows))) }
        }
        let pieces = ParallelSlots<[UInt8]>(count: jobs.count, initial: []), work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { j in pieces[j] = csvLines(tables[work[j].table], all[work[j].table][work[j].rows]) }
        var out = tables.map { csvHeader($0) }
        for (j, job) in jobs.enumerated() { out[job.table] += pieces[j] }
        return out
    }

    func csvHeader(_ table: AggregateTable) -> [UInt8] {
        var header = ["level"]
        for d in grouping.dimensions {
            header.append(d.rawValue)
            if d == .code { header.append("name") }
        }
        header += ["receipts", "patients", "times"]
        if table != .diseases { header += ["points", "stated_points", "unpriced_units"] }
        header.append("suppressed")
        return Array((header.joined(separator: ",") + "\n").utf8)
    }

    /// The CSV lines of `rows`. Numbers are written as digits straight into the bytes; the text of a
    /// key field (`text`) is made once per value — a code's name once per code — not once per line.
    func csvLines(_ table: AggregateTable, _ rows: ArraySlice<Row>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 64)
        var nameBytes: [UInt64: [UInt8]] = [:]
        let dimensions = grouping.dimensions
        var fieldBytes = [[UInt64: [UInt8]]](repeating: [:], count: dimensions.count)
        var digits = [UInt8](repeating: 0, count: 24)
        func number(_ v: Int) {
            if v >= 0 && v < 10 { bytes.append(UInt8(48 + v)); return }
            if v < 0 { bytes += String(v).utf8; return }
            var x = v, n = 0
            while x > 0 { digits[n] = UInt8(48 + x % 10); x /= 10; n += 1 }
            while n > 0 { n -= 1; bytes.append(digits[n]) }
        }
        /// A procedure or device code as 9 digits (more when longer): `codeText`.
        func code(_ v: UInt64) {
            var x = v, n = 0
            repeat { digits[n] = UInt8(48 + x % 10); x /= 10; n += 1 } while x > 0
            for _ in n..<max(n, 9) { bytes.append(48) }
            while n > 0 { n -= 1; bytes.append(digits[n]) }
        }
        for r in rows {
            bytes += r.level.rawValue.utf8
            for (i, d) in dimensions.enumerated() {
                bytes.append(44)
                if d == .code && r.key.margin & CellKey.overCodes == 0 && (table == .procedures || table == .devices || (table == .drugs && r.key.code >= 1000)) {
                    code(r.key.code)
                } else {
                    let value: UInt64 = switch d {
                    case .code: r.key.code
                    case .day: UInt64(r.key.day)
                    case .prefecture: UInt64(r.key.prefecture)
                    case .ageBand: UInt64(r.key.age)
                    case .sex: UInt64(r.key.sex)
                    case .category: UInt64(r.key.category)
                    }
                    // The margins' "ALL" is part of the text: keyed apart from the value.
                    let key = value << 2 | UInt64(r.key.margin & 3)
                    if let t = fieldBytes[i][key] { bytes += t } else {
                        let t = Array(text(d, table, r.key).utf8)
                        fieldBytes[i][key] = t
                        bytes += t
                    }
                }
                if d == .code {
                    bytes.append(44)
                    if r.key.margin & CellKey.overCodes == 0 {
                        if let n = nameBytes[r.key.code] { bytes += n } else {
                            let n = Array(Self.quoted(names(table, r.key.code)).utf8)
                            nameBytes[r.key.code] = n
                            bytes += n
                        }
                    }
                }
            }
            if r.suppressed {
                bytes += (table != .diseases ? ",,,,,,,1\n" : ",,,,1\n").utf8
            } else {
                bytes.append(44); number(r.receipts)
                bytes.append(44); if let p = r.patients { number(p) }
                bytes.append(44); number(r.times)
                if table != .diseases {
                    bytes.append(44); number(r.points)
                    bytes.append(44); if let st = r.stated { number(st) }
                    bytes.append(44); number(r.unpriced)
                }
                bytes += ",0\n".utf8
            }
        }
        return bytes
    }

    /// RFC 4180 quoting where needed.
    static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
