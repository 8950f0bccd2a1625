import XCTest
@testable import Santei

/// An independent check of what the published totals disclose: each row and column of the table with
/// its totals is one linear equation over the suppressed entries (the published ones are constants).
/// A suppressed entry is recoverable exactly when its unit vector lies in the span of those equations —
/// decided here by Gaussian elimination modulo a large prime (the equations have coefficients 0 and ±1
/// and form an incidence-like, totally unimodular system, so the rank modulo an odd prime is the rational
/// rank). Nothing of `SuppressionGrid`'s own graph reasoning is used.
enum LinearDisclosure {
    static let p: Int64 = 1_000_000_007

    /// Indices (into `grid.entries`) of suppressed entries the totals determine.
    static func recoverable(_ grid: SuppressionGrid, _ suppressed: [Bool]) -> [Int] {
        let vars = grid.entries.indices.filter { suppressed[$0] }
        guard !vars.isEmpty else { return [] }
        var column: [Int: Int] = [:]
        for (k, i) in vars.enumerated() { column[i] = k }
        // One equation per line: interior entries +1, the line's total −1.
        var matrix: [[Int64]] = []
        for r in 0...grid.rows {
            var eq = [Int64](repeating: 0, count: vars.count)
            for (i, e) in grid.entries.enumerated() where e.row == r { if let k = column[i] { eq[k] = e.column == grid.columns ? p - 1 : 1 } }
            matrix.append(eq)
        }
        for c in 0...grid.columns {
            var eq = [Int64](repeating: 0, count: vars.count)
            for (i, e) in grid.entries.enumerated() where e.column == c { if let k = column[i] { eq[k] = e.row == grid.rows ? p - 1 : 1 } }
            matrix.append(eq)
        }
        // Reduced row echelon form.
        var pivotRow: [Int: Int] = [:]
        var rank = 0
        for col in 0..<vars.count where rank < matrix.count {
            guard let r = (rank..<matrix.count).first(where: { matrix[$0][col] != 0 }) else { continue }
            matrix.swapAt(rank, r)
            let inv = power(matrix[rank][col], p - 2)
            for j in 0..<vars.count { matrix[rank][j] = matrix[rank][j] * inv % p }
            for i in 0..<matrix.count where i != rank && matrix[i][col] != 0 {
                let f = matrix[i][col]
                for j in 0..<vars.count where matrix[rank][j] != 0 { matrix[i][j] = ((matrix[i][j] - f * matrix[rank][j]) % p + p) % p }
            }
            pivotRow[col] = rank
            rank += 1
        }
        return vars.enumerated().compactMap { k, i in
            guard let r = pivotRow[k] else { return nil }
            return matrix[r].enumerated().allSatisfy { $0.offset == k || $0.element == 0 } ? i : nil
        }
    }

    static func power(_ b: Int64, _ e: Int64) -> Int64 {
        var (result, base, exp) = (Int64(1), b % p, e)
        while exp > 0 {
            if exp & 1 == 1 { result = result * base % p }
            base = base * base % p
            exp >>= 1
        }
        return result
    }

    /// A table of `rows` × `columns` with random cells present and their totals (measures add up).
    static func randomGrid(rows: Int, columns: Int, density: Int, maxMeasure: Int, using rng: inout SplitMixTest) -> SuppressionGrid {
        var entries: [SuppressionGrid.Entry] = []
        var rowSum = [Int](repeating: 0, count: rows), colSum = [Int](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns where Int(rng.next() % 100) < density {
                let m = 1 + Int(rng.next() % UInt64(maxMeasure))
                entries.append(.init(row: r, column: c, measure: m))
                rowSum[r] += m; colSum[c] += m
            }
        }
        for r in 0..<rows where rowSum[r] > 0 { entries.append(.init(row: r, column: columns, measure: rowSum[r])) }
        for c in 0..<columns where colSum[c] > 0 { entries.append(.init(row: rows, column: c, measure: colSum[c])) }
        let total = rowSum.reduce(0, +)
        if total > 0 { entries.append(.init(row: rows, column: columns, measure: total)) }
        return SuppressionGrid(rows: rows, columns: columns, entries: entries)
    }
}

struct SplitMixTest {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

final class AggregateSuppressionTests: XCTestCase {
    func testOneSmallCellInARowAndAColumnIsNotLeftAlone() {
        // 2 × 2 table, one cell of 3 patients: its row total minus the other cell would give it back.
        let grid = SuppressionGrid(rows: 2, columns: 2, entries: [
            .init(row: 0, column: 0, measure: 3), .init(row: 0, column: 1, measure: 40),
            .init(row: 1, column: 0, measure: 25), .init(row: 1, column: 1, measure: 30),
            .init(row: 0, column: 2, measure: 43), .init(row: 1, column: 2, measure: 55),
            .init(row: 2, column: 0, measure: 28), .init(row: 2, column: 1, measure: 70), .init(row: 2, column: 2, measure: 98),
        ])
        XCTAssertEqual(LinearDisclosure.recoverable(grid, [true] + Array(repeating: false, count: 8)), [0],
                       "the checker sees that a lone suppressed cell is recoverable")
        let outcome = grid.suppress(minCell: 10)
        XCTAssertEqual(outcome.primary, [true] + Array(repeating: false, count: 8))
        XCTAssertTrue(outcome.suppressed[0])
        XCTAssertEqual(outcome.suppressed.filter { $0 }.count, 4, "the cheapest cycle: the 4 interior cells")
        XCTAssertEqual(LinearDisclosure.recoverable(grid, outcome.suppressed), [])
    }

    func testABridgeBetweenTwoProtectedBlocksIsClosed() {
        // Rows 0–1 × columns 0–1 and rows 2–3 × columns 2–3 are each a suppressed 4-cycle; cell (1, 2)
        // joins them. Every row and column then has two suppressed entries, yet (1, 2) is a bridge:
        // the sum of rows 0–1 minus the sum of columns 0–1 isolates it.
        var entries: [SuppressionGrid.Entry] = []
        let small: Set<[Int]> = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 3], [3, 2], [3, 3], [1, 2]]
        var rowSum = [0, 0, 0, 0, 0], colSum = [0, 0, 0, 0, 0]
        for r in 0..<5 {
            for c in 0..<5 {
                let m = small.contains([r, c]) ? 2 : 50
                entries.append(.init(row: r, column: c, measure: m)); rowSum[r] += m; colSum[c] += m
            }
        }
        for r in 0..<5 { entries.append(.init(row: r, column: 5, measure: rowSum[r])) }
        for c in 0..<5 { entries.append(.init(row: 5, column: c, measure: colSum[c])) }
        entries.append(.init(row: 5, column: 5, measure: rowSum.reduce(0, +)))
        let grid = SuppressionGrid(rows: 5, columns: 5, entries: entries)
        let primary = grid.entries.map { $0.measure < 10 }
        let bridge = grid.entries.firstIndex { $0.row == 1 && $0.column == 2 }!
        XCTAssertEqual(LinearDisclosure.recoverable(grid, primary), [bridge], "line counts alone are not enough")
        XCTAssertEqual(grid.findBridges(primary), [bridge])
        let outcome = grid.suppress(minCell: 10)
        XCTAssertEqual(LinearDisclosure.recoverable(grid, outcome.suppressed), [])
        for (i, p) in primary.enumerated() where p { XCTAssertTrue(outcome.suppressed[i]) }
    }

    func testNoSuppressedEntryOfRandomTablesCanBeRecoveredFromTheTotals() {
        var rng = SplitMixTest(state: 16)
        var protectedCells = 0
        for trial in 0..<300 {
            let rows = 1 + Int(rng.next() % 7), columns = 1 + Int(rng.next() % 7)
            let grid = LinearDisclosure.randomGrid(rows: rows, columns: columns, density: 30 + Int(rng.next() % 70), maxMeasure: 25, using: &rng)
            let outcome = grid.suppress(minCell: 10)
            for (i, e) in grid.entries.enumerated() {
                XCTAssertEqual(outcome.primary[i], e.measure < 10)
                if outcome.primary[i] { XCTAssertTrue(outcome.suppressed[i], "trial \(trial): a cell under the threshold is published") }
            }
            XCTAssertEqual(LinearDisclosure.recoverable(grid, outcome.suppressed), [], "trial \(trial): \(rows)×\(columns)")
            protectedCells += outcome.suppressed.filter { $0 }.count
        }
        XCTAssertGreaterThan(protectedCells, 300, "the random tables do have small cells")
    }

    func testATableWithoutSmallCellsIsPublishedWhole() {
        var rng = SplitMixTest(state: 3)
        var grid = LinearDisclosure.randomGrid(rows: 4, columns: 4, density: 100, maxMeasure: 20, using: &rng)
        grid = SuppressionGrid(rows: 4, columns: 4, entries: grid.entries.map { .init(row: $0.row, column: $0.column, measure: $0.measure + 10) })
        XCTAssertFalse(grid.suppress(minCell: 10).suppressed.contains(true))
    }
}
