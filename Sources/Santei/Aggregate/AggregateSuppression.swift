/// Cell suppression for publication, as the NDB オープンデータ does it, with secondary suppression.
///
/// **Primary**: a cell describing fewer than `minCell` patients (receipts when the input has no patient
/// ids) is not published (NDB オープンデータ: 患者数又はレセプト数が 10 未満となる集計値は「‐」で秘匿;
/// default 10, `--min-cell`).
///
/// **Secondary**: each table is published with its totals — every code's total over the other dimensions
/// (a row), every column's total over the codes (the column: one day × 都道府県 × age band × sex × 診療識別)
/// and the grand total. With the totals written as one more row and one more column, the table is a
/// two-way table whose every row and column adds up (each total is minus the sum of its line). Such a
/// table's suppressed cells, taken as edges between their row and their column, form a bipartite graph;
/// the additive relations fix a suppressed cell's value exactly when, and only when, its edge lies on no
/// cycle of that graph — it is a *bridge* (the cycles span the relations' null space: moving +t, −t
/// around a cycle keeps every row and column sum). So the rule is, to a fixed point:
/// 1. every row and column (totals included) with exactly one suppressed entry gets a second one: the
///    entry of that line with the smallest count that is not its total (else its total);
/// 2. then every bridge is closed into a 4-cycle: with its row r and column c, the cheapest row r′ and
///    column c′ such that (r, c′), (r′, c) and (r′, c′) are all present are suppressed too (the totals
///    row and column always give one).
/// No suppressed cell is then the only unknown of any set of the published relations. (This protects
/// against exact recovery from the linear relations; bounds from non-negativity are not considered.)
/// Counts that are not additive (distinct patients and receipts over days) are protected as if they were.
public struct SuppressionGrid: Sendable {
    public struct Entry: Sendable, Equatable {
        /// 0..<rows, or `rows` for the column totals.
        public var row: Int
        /// 0..<columns, or `columns` for the row totals.
        public var column: Int
        /// What the threshold compares (patients or receipts).
        public var measure: Int
        public init(row: Int, column: Int, measure: Int) { self.row = row; self.column = column; self.measure = measure }
    }

    public let rows: Int
    public let columns: Int
    public let entries: [Entry]

    /// Cells (r < rows, c < columns) and totals (r == rows and/or c == columns); each (row, column) at most once.
    public init(rows: Int, columns: Int, entries: [Entry]) {
        self.rows = rows; self.columns = columns; self.entries = entries
    }

    public struct Outcome: Sendable, Equatable {
        /// Under the threshold.
        public var primary: [Bool]
        /// Primary and secondary.
        public var suppressed: [Bool]
    }

    public func suppress(minCell: Int) -> Outcome {
        let primary = entries.map { $0.measure < minCell }
        var s = primary
        guard s.contains(true) else { return Outcome(primary: primary, suppressed: s) }
        // Lines: rows 0...rows, then columns 0...columns.
        var rowLines = [[Int]](repeating: [], count: rows + 1), colLines = [[Int]](repeating: [], count: columns + 1)
        var at: [Int: Int] = [:]
        at.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() {
            rowLines[e.row].append(i); colLines[e.column].append(i)
            at[e.row * (columns + 1) + e.column] = i
        }
        func entry(_ r: Int, _ c: Int) -> Int? { at[r * (columns + 1) + c] }
        // Cheapest first, the line's own total last, then index: deterministic.
        func order(_ isTotal: @escaping (Int) -> Bool) -> (Int, Int) -> Bool {
            { a, b in (isTotal(a) ? 1 : 0, entries[a].measure, a) < (isTotal(b) ? 1 : 0, entries[b].measure, b) }
        }
        for r in rowLines.indices { rowLines[r].sort(by: order { entries[$0].column == columns }) }
        for c in colLines.indices { colLines[c].sort(by: order { entries[$0].row == rows }) }

        while true {
            // 1. No line with exactly one suppressed entry.
            var changed = false
            for line in rowLines + colLines {
                var count = 0
                for i in line where s[i] { count += 1; if count > 1 { break } }
                guard count == 1, let next = line.first(where: { !s[$0] }) else { continue }
                s[next] = true
                changed = true
            }
            if changed { continue }
            // 2. No bridge.
            let bridges = findBridges(s)
            if bridges.isEmpty { break }
            var touchedRows = Set<Int>(), touchedColumns = Set<Int>()
            for b in bridges {
                let (r, c) = (entries[b].row, entries[b].column)
                if touchedRows.contains(r) || touchedColumns.contains(c) { continue }
                var best: (cost: Int, cells: [Int])?
                // Candidates: the cheapest entries of the row and of the column (and always their totals).
                let rowCandidates = Array(rowLines[r].lazy.filter { self.entries[$0].column != c }.prefix(64)) + rowLines[r].filter { self.entries[$0].column == self.columns && self.entries[$0].column != c }
                let colCandidates = Array(colLines[c].lazy.filter { self.entries[$0].row != r }.prefix(64)) + colLines[c].filter { self.entries[$0].row == self.rows && self.entries[$0].row != r }
                for a in rowCandidates {
                    for d in colCandidates {
                        guard let x = entry(entries[d].row, entries[a].column) else { continue }
                        let cells = [a, d, x]
                        let cost = cells.reduce(0) { $0 + (s[$1] ? 0 : entries[$1].measure) }
                        if best == nil || cost < best!.cost { best = (cost, cells) }
                    }
                }
                guard let chosen = best else { continue }
                for i in chosen.cells { s[i] = true }
                touchedRows.insert(r); touchedColumns.insert(c)
                touchedRows.insert(entries[chosen.cells[1]].row); touchedColumns.insert(entries[chosen.cells[0]].column)
            }
        }
        return Outcome(primary: primary, suppressed: s)
    }

    /// Suppressed entries that are bridges of the row–column graph (Tarjan, iterative).
    func findBridges(_ s: [Bool]) -> [Int] {
        let v = rows + 1 + columns + 1
        var adjacency = [[(to: Int, edge: Int)]](repeating: [], count: v)
        for (i, e) in entries.enumerated() where s[i] {
            let a = e.row, b = rows + 1 + e.column
            adjacency[a].append((b, i)); adjacency[b].append((a, i))
        }
        var discovered = [Int](repeating: -1, count: v), low = [Int](repeating: 0, count: v)
        var time = 0
        var bridges: [Int] = []
        for root in 0..<v where discovered[root] < 0 && !adjacency[root].isEmpty {
            // Stack of (vertex, edge it was reached by, next neighbour position).
            var stack: [(vertex: Int, via: Int, next: Int)] = [(root, -1, 0)]
            discovered[root] = time; low[root] = time; time += 1
            while !stack.isEmpty {
                let top = stack.count - 1
                let (x, via, k) = stack[top]
                if k < adjacency[x].count {
                    stack[top].next += 1
                    let (y, edge) = adjacency[x][k]
                    if edge == via { continue }
                    if discovered[y] < 0 {
                        discovered[y] = time; low[y] = time; time += 1
                        stack.append((y, edge, 0))
                    } else {
                        low[x] = min(low[x], discovered[y])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.vertex] = min(low[parent.vertex], low[x])
                        if low[x] > discovered[parent.vertex] { bridges.append(via) }
                    }
                }
            }
        }
        return bridges.sorted()
    }
}
