/// Builds the version history of one master kind from one full file and the incremental files
/// published after it (a "chain"), applying 変更区分 as the specification defines it
/// (R06rec1 §2; LAYOUTS.md "変更区分"):
///
/// - 0 異動なし / 3 新規: a complete row; it becomes the version starting on its 変更年月日 (a row with
///   the same key and start date is replaced: a correction).
/// - 5 変更 / 2 復活: only the changed columns are filled, empty means unchanged. The row is merged
///   onto the code's newest version and becomes the version starting on the merged 変更年月日.
///   A 変更 row with no 変更年月日 in a file published between a revision's 告示 and its effective date
///   (`RevisionCalendar` `notified` … `date`) belongs to that revision: when the code's newest version
///   starts before the revision, the merged row starts on the revision date instead of rewriting the
///   version in force. (s_20240321 restates 197000810 食事療養 at 490円 with 変更年月日 blank; the 告示 raised
///   it from 460円 on 2024-06-01 — without this rule the older version would answer 490円 back to 2020.)
///   Outside such a window, a blank 変更年月日 corrects the newest version in place.
/// - 9 廃止: merged the same way; its 廃止年月日 ends the code. The files write 変更年月日 = the
///   revision day and 廃止年月日 = the day before, so a 廃止 row whose start is after its end closes
///   the current version instead of opening an empty one.
/// - 1 抹消: the version with that start date is erased, as if never published.
///
/// Each version is valid from its 変更年月日 to the earlier of its 廃止年月日 and the day before the
/// next version starts. A row for a code the chain does not know (other than 新規) fails the load.
struct ChainBuilder {
    struct Version { var from: UInt32; var end: UInt32; var row: UInt32 }

    let layout: MasterLayout
    private var columns: [ByteInterner]
    private var keys = ByteInterner(capacity: 1024)
    private var cells: [UInt32] = []
    private var rowCount = 0
    private var versions: [[Version]] = []
    private(set) var sources: [SourceRecord] = []
    private(set) var fullMaxStart: UInt32 = 0
    private(set) var fullMinStart: UInt32 = .max
    /// The newest 変更年月日 of any row applied, abolitions included: how far the chain's knowledge reaches.
    private(set) var maxRowStart: UInt32 = 0
    private var scratchKey: [UInt8] = []
    /// (key, 変更年月日) of the versions the current incremental file has written: a second row for one of them in the
    /// same file is refused (review 110: two 変更区分 5 rows of 111000110 from 20240701, 999点 and 888点 — the last won).
    private var writtenInFile: Set<UInt64> = []
    private let emptyCell: UInt32 = 0

    /// Which revision each file prepares (its publication date against the calendar's 告示 windows).
    private let calendar: RevisionCalendar
    private var pending: UInt32?

    init(kind: MasterKind, calendar: RevisionCalendar = RevisionCalendar(families: [:])) {
        self.calendar = calendar
        layout = kind.layout
        columns = (0..<layout.columnCount).map { _ in
            var interner = ByteInterner()
            _ = interner.intern([])   // id 0 is the empty value in every column
            return interner
        }
    }

    mutating func apply(_ file: LoadedFile) throws(MasterLoadError) {
        let rec = file.records
        let name = file.record.name
        pending = calendar.pendingRevision(for: layout.kind, published: file.record.published)
        if file.record.role == .full && !sources.isEmpty {
            throw MasterLoadError(file: name, reason: "a second full file in one chain")
        }
        writtenInFile.removeAll(keepingCapacity: true)
        for r in 0..<rec.rowCount {
            try applyRow(rec, r, file: name, role: file.record.role)
        }
        sources.append(file.record)
    }

    // MARK: rows

    private func fail(_ file: String, _ rec: CSVRecords, _ r: Int, _ column: Int?, _ reason: String) -> MasterLoadError {
        MasterLoadError(file: file, line: Int(rec.rowLine[r]), column: column.map { $0 + 1 },
                        field: column.map { layout.columnName($0) }, reason: reason)
    }

    private mutating func applyRow(_ rec: CSVRecords, _ r: Int, file: String, role: SourceRole) throws(MasterLoadError) {
        let n = rec.fieldCount(row: r)
        guard layout.columnCounts.contains(n) else {
            let expected = layout.columnCounts.map { String($0) }.joined(separator: " or ")
            throw fail(file, rec, r, nil, "\(n) columns; the \(layout.kind.japaneseName) layout has \(expected)")
        }
        let kbnRange = rec.field(r, 0)
        guard kbnRange.count == 1, layout.changeKinds.contains(rec.bytes[kbnRange.lowerBound] &- 48) else {
            throw fail(file, rec, r, 0, "\"\(shown(rec, r, 0))\" is not a 変更区分 of this file kind")
        }
        let kbn = rec.bytes[kbnRange.lowerBound] - 48
        // An incremental file lists only what changed (LAYOUTS.md 変更区分; the official update files hold no 0 row): a 0
        // 異動なし row in one is a full file put among the updates, or a damaged one — its rows would override the chain.
        if role == .update && kbn == 0 {
            throw fail(file, rec, r, 0, "変更区分 0 (異動なし) in an incremental file, which lists only changed rows — a full file belongs under full/ (named …_ALL…)")
        }
        if let letter = layout.masterType {
            let f = rec.field(r, 1)
            guard f.count == 1, rec.bytes[f.lowerBound] == letter else {
                throw fail(file, rec, r, 1, "マスター種別 \"\(shown(rec, r, 1))\" is not \"\(Character(Unicode.Scalar(letter)))\"")
            }
        }
        try validate(rec, r, file: file)
        try buildKey(rec, r, file: file)
        let complete = role == .full || kbn == 3 || kbn == 0
        let keyID: Int
        if let found = scratchKey.withUnsafeBufferPointer({ keys.find($0) }) {
            keyID = Int(found)
        } else {
            guard complete else {
                throw fail(file, rec, r, layout.keyColumns[0], "変更区分 \(kbn) for \(keyDescription), which this master does not contain")
            }
            keyID = Int(scratchKey.withUnsafeBufferPointer { keys.intern($0) })
            versions.append([])
        }

        if kbn == 1 && role == .update {
            // 抹消: erase the version with this start date.
            let startText = rec.field(r, layout.startColumn)
            var list = versions[keyID]
            let target: UInt32 = startText.isEmpty ? (list.last?.from ?? 0) : parseDate(rec.bytes[startText])
            let before = list.count
            list.removeAll { $0.from == target }
            guard list.count < before else {
                throw fail(file, rec, r, layout.startColumn, "抹消 of \(keyDescription) from \(target), a version this master does not contain")
            }
            versions[keyID] = list
            return
        }

        if complete {
            for column in layout.requiredInCompleteRows where rec.field(r, column).isEmpty {
                throw fail(file, rec, r, column, "empty in a complete row (変更区分 \(kbn)\(role == .full ? ", full file" : "")): every version states it")
            }
            let row = appendRow(rec, r, base: nil)
            let (from, end) = try validity(row, file: file, rec: rec, r: r)
            maxRowStart = max(maxRowStart, from)
            if role == .full {
                fullMaxStart = max(fullMaxStart, from)
                fullMinStart = min(fullMinStart, from)
                // A full file states each version once (review 58: a second row of a code silently won). A 廃止年月日
                // before the 変更年月日 is kept, valid on no day: the official c_ALL20250715.csv has such a row (850190245,
                // withdrawn before it took effect).
                if versions[keyID].contains(where: { $0.from == from }) {
                    throw fail(file, rec, r, layout.keyColumns[0], "a second row for \(keyDescription) valid from \(from) in one full file")
                }
            }
            if role == .update { try once(keyID, from, file, rec, r) }
            upsert(keyID, Version(from: from, end: end, row: row))
            return
        }
        guard let current = versions[keyID].last else {
            throw fail(file, rec, r, layout.keyColumns[0], "変更区分 \(kbn) for \(keyDescription), whose versions were all erased")
        }
        let row = appendRow(rec, r, base: current.row)
        if let revision = pending, kbn == 5 || kbn == 2, rec.field(r, layout.startColumn).isEmpty, current.from < revision {
            setDate(row, layout.startColumn, revision)
        }
        let (from, end) = try validity(row, file: file, rec: rec, r: r)
        maxRowStart = max(maxRowStart, from)
        if from > end {
            // 廃止 is written as (start = revision day, end = the day before). Other crossed dates in a row that changes a
            // version are neither: refused (review 98: 20250901/20250801 cut the running version short by a month).
            let start = ServiceDate(year: Int(from / 10000), month: Int(from / 100 % 100), day: Int(from % 100))
            let dayBefore = start.map { ServiceDate(dayNumber: $0.dayNumber - 1).yyyymmdd }
            // (A row that leaves 廃止年月日 empty keeps the earlier version's: s_20230227.csv changes a code abolished in
            // 2022 from 2023-03-01 — it closes nothing new, as before.)
            guard dayBefore == end || rec.field(r, layout.endColumn).isEmpty else {
                throw fail(file, rec, r, layout.endColumn, "廃止年月日 \(end) is before 変更年月日 \(from) and is not the day before it: neither a 廃止 nor a version")
            }
            // 廃止 written as (start = revision day, end = day before): close the current version.
            var closed = current
            closed.row = copyRow(current.row, replacing: layout.endColumn, with: cell(row, layout.endColumn))
            closed.end = min(current.end, end)
            versions[keyID][versions[keyID].count - 1] = closed
        } else {
            try once(keyID, from, file, rec, r)
            upsert(keyID, Version(from: from, end: end, row: row))
            // 9 廃止: 「当該コードが使用できなくなったことを表す」 (R06rec1 変更区分) — from its 廃止年月日 the code is used no more,
            // whichever version its 変更年月日 names (review 129 B2: a 廃止 row restating the 2024-04-01 version left the
            // 2024-10-01 one open, and the abolished drug was priced on 2025-10-01).
            if kbn == 9 {
                for (i, v) in versions[keyID].enumerated() where v.end > end {
                    versions[keyID][i].row = copyRow(v.row, replacing: layout.endColumn, with: cell(row, layout.endColumn))
                    versions[keyID][i].end = end
                }
            }
        }
    }

    /// An incremental file states each version once: a second row of the key valid from the same day in the same file
    /// (a 変更 twice, 新規 and 変更 …) contradicts or repeats the first, and nothing says which is meant.
    private mutating func once(_ keyID: Int, _ from: UInt32, _ file: String, _ rec: CSVRecords, _ r: Int) throws(MasterLoadError) {
        guard writtenInFile.insert(UInt64(keyID) << 32 | UInt64(from)).inserted else {
            throw fail(file, rec, r, layout.keyColumns[0], "a second row for \(keyDescription) valid from \(from) in one incremental file")
        }
    }

    private var keyDescription: String {
        "key " + String(decoding: scratchKey.map { $0 == 0x1F ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }

    private mutating func upsert(_ keyID: Int, _ v: Version) {
        if let i = versions[keyID].firstIndex(where: { $0.from == v.from }) {
            versions[keyID][i] = v
        } else {
            versions[keyID].append(v)
            if versions[keyID].count > 1 { versions[keyID].sort { $0.from < $1.from } }
        }
    }

    private func validate(_ rec: CSVRecords, _ r: Int, file: String) throws(MasterLoadError) {
        for (column, format) in layout.rules {
            let f = rec.field(r, column)
            if f.isEmpty { continue }
            let ok = rec.bytes.withUnsafeBufferPointer { b in FieldCheck.matches(UnsafeBufferPointer(rebasing: b[f]), format) }
            if !ok {
                throw fail(file, rec, r, column, "\"\(shown(rec, r, column))\" is not \(FieldCheck.describe(format))")
            }
            if let limit = rec.bytes.withUnsafeBufferPointer({ b in FieldCheck.overLimit(UnsafeBufferPointer(rebasing: b[f]), format) }) {
                throw fail(file, rec, r, column, "\"\(shown(rec, r, column))\" is over the limit (at most \(limit))")
            }
        }
        if layout.kind == .procedure { try validateKizami(rec, r, file: file) }
    }

    /// きざみ値 (R06rec1 §3(7) 項番30–35; review 118 B3): a row priced by きざみ値 (識別 1) states a きざみ値 of 1 or more —
    /// 0 divides by nothing — and a 下限値 not above its 上限値. Checked on the fields the row states (a 変更 row keeps
    /// the others).
    private func validateKizami(_ rec: CSVRecords, _ r: Int, file: String) throws(MasterLoadError) {
        let P = ProcedureColumn.self
        let kind = rec.field(r, P.kizamiKind)
        guard kind.count == 1, rec.bytes[kind.lowerBound] == UInt8(ascii: "1") else { return }
        let step = rec.string(r, P.kizamiStep)
        if !step.isEmpty, Int(step) == 0 {
            throw fail(file, rec, r, P.kizamiStep, "\"\(step)\" is not a きざみ値 (1 or more) of a row priced by きざみ値 (きざみ値計算識別 1)")
        }
        let lower = rec.string(r, P.kizamiLower), upper = rec.string(r, P.kizamiUpper)
        if let lo = Int(lower), let hi = Int(upper), lo > hi {
            throw fail(file, rec, r, P.kizamiLower, "下限値 \(lo) is above the 上限値 \(hi) of a row priced by きざみ値")
        }
    }

    /// A field for a message: at most 40 characters, then "…".
    private func shown(_ rec: CSVRecords, _ r: Int, _ column: Int) -> String {
        let s = rec.string(r, column)
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }

    private mutating func buildKey(_ rec: CSVRecords, _ r: Int, file: String) throws(MasterLoadError) {
        scratchKey.removeAll(keepingCapacity: true)
        for (i, column) in layout.keyColumns.enumerated() {
            let f = rec.field(r, column)
            guard !f.isEmpty else { throw fail(file, rec, r, column, "key column is empty") }
            if let widths = layout.keyWidths {
                let w = widths[i]
                guard f.count <= w, rec.bytes[f].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw fail(file, rec, r, column, "\"\(shown(rec, r, column))\" is not a code of at most \(w) digits")
                }
                for _ in 0..<(w - f.count) { scratchKey.append(48) }
                scratchKey.append(contentsOf: rec.bytes[f])
            } else {
                if i > 0 { scratchKey.append(0x1F) }
                scratchKey.append(contentsOf: rec.bytes[f])
            }
        }
    }

    /// Interns the row's fields; with a base row, empty fields keep the base's value.
    private mutating func appendRow(_ rec: CSVRecords, _ r: Int, base: UInt32?) -> UInt32 {
        let cols = layout.columnCount
        let fieldCount = rec.fieldCount(row: r)
        let first = Int(rec.rowFirstField[r])
        rec.bytes.withUnsafeBufferPointer { b in
            for c in 0..<cols {
                if c < fieldCount {
                    let s = Int(rec.fieldStart[first + c]), e = Int(rec.fieldEnd[first + c])
                    if s == e, let base {
                        cells.append(cells[Int(base) * cols + c])
                    } else {
                        cells.append(columns[c].intern(UnsafeBufferPointer(rebasing: b[s..<e])))
                    }
                } else {
                    cells.append(base.map { cells[Int($0) * cols + c] } ?? emptyCell)
                }
            }
        }
        // 変更区分 of a merged row is the update's own.
        if base != nil { cells[rowCount * cols] = columns[0].intern(Array(rec.bytes[rec.field(r, 0)])) }
        rowCount += 1
        return UInt32(rowCount - 1)
    }

    private mutating func copyRow(_ row: UInt32, replacing column: Int, with value: UInt32) -> UInt32 {
        let cols = layout.columnCount
        let start = Int(row) * cols
        for c in 0..<cols { cells.append(c == column ? value : cells[start + c]) }
        rowCount += 1
        return UInt32(rowCount - 1)
    }

    private mutating func setDate(_ row: UInt32, _ column: Int, _ yyyymmdd: UInt32) {
        cells[Int(row) * layout.columnCount + column] = columns[column].intern(Array(String(yyyymmdd).utf8))
    }

    private func cell(_ row: UInt32, _ column: Int) -> UInt32 { cells[Int(row) * layout.columnCount + column] }

    private func validity(_ row: UInt32, file: String, rec: CSVRecords, r: Int) throws(MasterLoadError) -> (UInt32, UInt32) {
        var startID = cell(row, layout.startColumn)
        var startColumn = layout.startColumn
        if startID == emptyCell, let fallback = layout.startFallbackColumn {
            startID = cell(row, fallback); startColumn = fallback
        }
        let from: UInt32
        if startID == emptyCell {
            guard layout.startFallbackColumn != nil else {
                throw fail(file, rec, r, layout.startColumn, "\(layout.columnName(layout.startColumn)) is empty")
            }
            from = 0
        } else {
            from = parseDate(columns[startColumn].value(Int(startID)))
        }
        let endID = cell(row, layout.endColumn)
        let end: UInt32 = endID == emptyCell ? ServiceDate.open.yyyymmdd : parseDate(columns[layout.endColumn].value(Int(endID)))
        return (from, end)
    }

    private func parseDate<C: Collection<UInt8>>(_ bytes: C) -> UInt32 {
        var v: UInt32 = 0
        for b in bytes { v = v &* 10 &+ UInt32(b &- 48) }
        return v
    }

    // MARK: finish

    /// Orders codes by key and versions by start date, computes each version's effective end, keeps
    /// only the rows versions use, and builds the lookup structures.
    func finish() -> TableData {
        let cols = layout.columnCount
        var order = Array(0..<keys.count).filter { !versions[$0].isEmpty }
        order.sort { keys.value($0).lexicographicallyPrecedes(keys.value($1)) }
        var t = TableData(kind: layout.kind, columnCount: cols)
        for keyID in order {
            let list = versions[keyID]
            for (i, v) in list.enumerated() {
                var to = v.end
                if i + 1 < list.count {
                    let nextFrom = list[i + 1].from
                    to = min(to, ServiceDate(unchecked: nextFrom).previousDay.yyyymmdd)
                }
                t.versionFrom.append(v.from)
                t.versionTo.append(to)
                let start = Int(v.row) * cols
                t.cells.append(contentsOf: cells[start..<start + cols])
            }
            t.codeFirstVersion.append(UInt32(t.versionFrom.count))
            if layout.hasNumericKey {
                var k: UInt64 = 0
                for b in keys.value(keyID) { k = k &* 10 &+ UInt64(b - 48) }
                t.codeKeys.append(k)
            }
        }
        for c in 0..<cols {
            t.columnDictBase.append(UInt32(t.dictOffsets.count - 1))
            let d = columns[c]
            for id in 0..<d.count {
                t.dictBytes.append(contentsOf: d.value(id))
                t.dictOffsets.append(UInt32(t.dictBytes.count))
            }
        }
        t.columnDictBase.append(UInt32(t.dictOffsets.count - 1))
        t.finishIndexes(layout: layout)
        return t
    }
}

/// Format checks on raw field bytes.
enum FieldCheck {
    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ format: FieldFormat) -> Bool {
        @inline(__always) func digit(_ x: UInt8) -> Bool { x >= 48 && x <= 57 }
        switch format {
        case .digits: return b.allSatisfy(digit)
        case .code(let n): return b.count == n && b.allSatisfy(digit)
        case .codeOrZero(let n): return (b.count == n || b.count == 1 && b[0] == 48) && b.allSatisfy(digit)
        case .alphanumeric(let n): return b.count == n && b.allSatisfy { digit($0) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
        case .oneOf(let values): return values.contains { $0.utf8.elementsEqual(b) }
        case .decimal:
            guard let dot = b.firstIndex(of: UInt8(ascii: ".")) else { return b.allSatisfy(digit) && !b.isEmpty }
            return dot > 0 && b.count - dot - 1 == 2 && b[..<dot].allSatisfy(digit) && b[(dot + 1)...].allSatisfy(digit)
        case .integerIn(let ranges):
            guard !b.isEmpty, b.count <= 9, b.allSatisfy(digit) else { return false }
            var v = 0
            for x in b { v = v * 10 + Int(x - 48) }
            return ranges.contains { $0.contains(v) }
        case .date, .dateOrZero, .startDate:
            guard b.count == 8, b.allSatisfy(digit) else { return false }
            var v = 0
            for x in b { v = v * 10 + Int(x - 48) }
            if v == 99_999_999 { if case .startDate = format { return false } else { return true } }
            if v == 0 { if case .dateOrZero = format { return true } else { return false } }
            return ServiceDate(year: v / 10000, month: (v / 100) % 100, day: v % 100) != nil
        }
    }

    /// For a field that `matches` its format: the limit it passes (as text), or nil when within
    /// (`DomainLimit.maxMasterAmountScaled`, `DomainLimit.maxMasterNumber`). Leading zeros do not count.
    static func overLimit(_ b: UnsafeBufferPointer<UInt8>, _ format: FieldFormat) -> String? {
        func integerDigits(_ digits: UnsafeBufferPointer<UInt8>.SubSequence) -> Int { digits.drop { $0 == 48 }.count }
        switch format {
        case .decimal:
            let integerPart = b[..<(b.firstIndex(of: UInt8(ascii: ".")) ?? b.endIndex)]
            let maxDigits = String(DomainLimit.maxMasterAmountScaled / 100).count
            return integerDigits(integerPart) > maxDigits ? "\(DomainLimit.maxMasterAmountScaled / 100).99" : nil
        case .digits:
            return integerDigits(b[...]) > String(DomainLimit.maxMasterNumber).count ? String(DomainLimit.maxMasterNumber) : nil
        default:
            return nil
        }
    }

    static func describe(_ format: FieldFormat) -> String {
        switch format {
        case .digits: "a number"
        case .code(let n): "a \(n)-digit code"
        case .decimal: "a number with 2 decimals (e.g. 291.00)"
        case .date: "a date (YYYYMMDD or 99999999)"
        case .dateOrZero: "a date (YYYYMMDD, 00000000 or 99999999)"
        case .startDate: "a calendar day (YYYYMMDD; 99999999 marks no 廃止年月日, never a start)"
        case .integerIn(let ranges): "a number in " + ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
        case .codeOrZero(let n): "0 or a \(n)-digit code"
        case .alphanumeric(let n): "\(n) letters or digits"
        case .oneOf(let values): "one of \(values.joined(separator: ", "))"
        }
    }
}
