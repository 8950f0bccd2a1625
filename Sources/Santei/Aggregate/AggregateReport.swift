import Dispatch
import Foundation

/// The files of a run: one CSV per table, `manifest.json` and `summary.html`.
extension AggregateResult {
    /// (file name, bytes) of every output, in a fixed order. Nothing in them depends on the time of the
    /// run or the number of cores.
    public func files(_ run: Aggregation) -> [(name: String, bytes: [UInt8])] {
        // The four tables' CSV text is written in pieces on every core.
        let tables = AggregateTable.allCases, texts = csvFiles()
        var out: [(String, [UInt8])] = tables.indices.map { (tables[$0].fileName, texts[$0]) }
        out.append(("manifest.json", manifest(run)))
        out.append(("summary.html", Array(html(run).utf8)))
        return out
    }

    // MARK: manifest.json

    struct Manifest: Encodable {
        var tool: String
        var version: String
        var inputs: [InputEntry]
        var masters: [MasterEntry]
        var grouping: [String]
        var suppression: SuppressionEntry
        var tables: [TableEntry]
        var receipts: Int
        var errors: Int
        var units: Int
        var unpricedUnits: Int
        var counting: [String]
        enum CodingKeys: String, CodingKey {
            case tool, version, inputs, masters, grouping, suppression, tables, receipts, errors, units, counting
            case unpricedUnits = "unpriced_units"
        }
    }
    struct InputEntry: Encodable { var name: String; var kind: String; var bytes: Int; var sha256: String; var receipts: Int; var errors: Int }
    struct MasterEntry: Encodable {
        var kind: String; var chain: String; var coverage: String; var sources: [Source]
        struct Source: Encodable { var name: String; var sha256: String }
    }
    struct SuppressionEntry: Encodable {
        var enabled: Bool
        var minCell: Int?
        var measure: String
        var rule: String
        var secondary: String
        var safeToPublish: Bool
        enum CodingKeys: String, CodingKey { case enabled, minCell = "min_cell", measure, rule, secondary, safeToPublish = "safe_to_publish" }
    }
    struct TableEntry: Encodable {
        var file: String; var title: String; var rows: Int; var cells: Int
        var suppressedPrimary: Int; var suppressed: Int
        enum CodingKeys: String, CodingKey { case file, title, rows, cells, suppressedPrimary = "suppressed_primary", suppressed }
    }

    public func manifest(_ run: Aggregation) -> [UInt8] {
        let m = Manifest(
            tool: "santei aggregate", version: SanteiVersion.string,
            inputs: run.inputs.map { InputEntry(name: $0.name, kind: $0.kind, bytes: $0.bytes, sha256: $0.sha256, receipts: $0.receipts, errors: $0.errors) },
            masters: run.mastersUsed().map { c in
                MasterEntry(kind: c.kind.rawValue, chain: c.label,
                            coverage: "\(ServiceDate(unchecked: c.coverageFrom))…\(ServiceDate(unchecked: c.coverageTo))",
                            sources: c.sources.map { .init(name: $0.name, sha256: $0.sha256) })
            },
            grouping: grouping.dimensions.map(\.rawValue),
            suppression: SuppressionEntry(
                enabled: minCell != nil, minCell: minCell, measure: measure,
                rule: minCell.map { "a cell or total describing fewer than \($0) \(measure) is not published" + ($0 >= Self.publishableMinCell ? " (NDB オープンデータ: 10 未満は秘匿)" : " — under the NDB オープンデータ's 10 (10 未満は秘匿): not safe to publish") }
                    ?? "none: --no-suppress; these tables are not safe to publish",
                secondary: minCell == nil ? "none" : "every row and column of the table with its published totals has 0 or ≥ 2 suppressed entries, and no suppressed entry is a bridge of the row–column graph of suppressed entries, so none is fixed by the totals (docs/aggregate.md)",
                safeToPublish: safeToPublish),
            tables: tables.map { t in
                let (p, s) = suppressionCounts(t.table)
                return TableEntry(file: t.table.fileName, title: t.table.title, rows: t.rows.count,
                                  cells: t.rows.reduce(0) { $0 + ($1.level == .cell ? 1 : 0) }, suppressedPrimary: p, suppressed: s)
            },
            receipts: run.receiptCount, errors: run.errors.count, units: run.total.unitCount, unpricedUnits: run.total.unpricedUnits,
            counting: [
                "a 算定単位 counts on each 算定日 with that day's count as 回数; each of its items is one line of its table",
                "points (Santei's, else stated for a unit Santei could not price) × 回数 go to the unit's first 診療行為, else its first item",
                "医薬品 by 薬効分類 (first 3 digits of 薬価基準収載医薬品コード, y master) where the master gives it, else by code",
                "傷病名 by ICD-10-1 (2013) of the 傷病名マスター; on its 診療開始日 when in the service month, else the receipt's first service day",
                "age: completed years on the 1st of the service month, 5-year bands 0-4 … 85-89, 90+ (NDB オープンデータ)",
                "patients distinct by 医療機関 and カルテ番号 (UKE) or patient.id (JSON); names, ids and birth dates are never written",
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array((try? encoder.encode(m)) ?? Data()) + [10]
    }

    // MARK: summary.html

    /// A self-contained page computed only from the published (not suppressed) cells of the tables, so
    /// it discloses nothing the CSV files do not: totals, an SVG time series of the top 診療行為 by day and,
    /// per 都道府県, its top codes.
    public func html(_ run: Aggregation) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var h = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>Santei aggregate</title>"
        h += "<style>body{font-family:sans-serif;margin:2em;max-width:72em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:first-child,th:first-child,td.l{text-align:left}</style></head><body>"
        h += "<h1>Santei aggregate</h1>"
        h += "<p>\(run.receiptCount) receipts from \(run.inputs.count) input files; grouped by \(grouping.dimensions.map(\.rawValue).joined(separator: ", ")). "
        h += minCell.map { "Cells describing fewer than \($0) \(measure) are suppressed, with secondary suppression against the totals; every figure on this page is a sum of published cells.</p>" }
            ?? "<p><b>Not suppressed (--no-suppress): not safe to publish.</b></p>"
        if let m = minCell, !safeToPublish {
            h += "<p><b>The threshold \(m) is under the NDB オープンデータ's \(Self.publishableMinCell) (--min-cell \(m)): not safe to publish.</b></p>"
        }
        h += "<h2>Tables</h2><table><tr><th>table</th><th>file</th><th>rows</th><th>suppressed</th><th>published 回数</th><th>published points</th></tr>"
        for t in tables {
            let published = t.rows.filter { $0.level == .cell && !$0.suppressed }
            h += "<tr><td>\(esc(t.table.title))</td><td class=\"l\">\(t.table.fileName)</td><td>\(t.rows.count)</td><td>\(t.rows.filter(\.suppressed).count)</td>"
            h += "<td>\(published.reduce(0) { $0 + $1.times })</td><td>\(t.table == .diseases ? "" : String(published.reduce(0) { $0 + $1.points }))</td></tr>"
        }
        h += "</table>"
        let cells = rows(of: .procedures).filter { $0.level == .cell && !$0.suppressed }
        // Top codes by published 回数.
        var byCode: [UInt64: Int] = [:]
        for r in cells { byCode[r.key.code, default: 0] += r.times }
        let top = byCode.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map(\.key)
        if grouping.has(.day) && !top.isEmpty {
            h += "<h2>Top 診療行為 by day (回数 in published cells)</h2>" + timeSeriesSVG(top, cells)
            h += "<table><tr><th>code</th><th>name</th><th>回数</th></tr>"
            for c in top { h += "<tr><td>\(codeText(.procedures, CellKey(table: 1, code: c, day: 0, prefecture: 0, age: 0, sex: 0, category: 0)))</td><td class=\"l\">\(esc(names(.procedures, c)))</td><td>\(byCode[c]!)</td></tr>" }
            h += "</table>"
        }
        h += "<h2>By 都道府県 (published cells)</h2>"
        var prefectures: [UInt8: [UInt64: (times: Int, points: Int)]] = [:]
        for r in cells {
            var v = prefectures[r.key.prefecture, default: [:]][r.key.code] ?? (0, 0)
            v.times += r.times; v.points += r.points
            prefectures[r.key.prefecture, default: [:]][r.key.code] = v
        }
        if !grouping.has(.prefecture) { h += "<p>(not grouped by prefecture: all receipts together)</p>" }
        for (p, codes) in prefectures.sorted(by: { $0.key < $1.key }) {
            let label = grouping.has(.prefecture) ? (p == 0 ? "unknown" : (p < 10 ? "0" : "") + String(p)) : "all"
            h += "<h3>\(label)</h3><table><tr><th>code</th><th>name</th><th>回数</th><th>points</th></tr>"
            for (c, v) in codes.sorted(by: { ($0.value.points, $1.key) > ($1.value.points, $0.key) }).prefix(10) {
                h += "<tr><td>\(codeText(.procedures, CellKey(table: 1, code: c, day: 0, prefecture: 0, age: 0, sex: 0, category: 0)))</td><td class=\"l\">\(esc(names(.procedures, c)))</td><td>\(v.times)</td><td>\(v.points)</td></tr>"
            }
            h += "</table>"
        }
        return h + "</body></html>\n"
    }

    /// Lines per code over the days of the run (integer coordinates).
    func timeSeriesSVG(_ codes: [UInt64], _ cells: [Row]) -> String {
        var series: [UInt64: [UInt32: Int]] = [:]
        var days = Set<UInt32>()
        for r in cells where codes.contains(r.key.code) {
            series[r.key.code, default: [:]][r.key.day, default: 0] += r.times
            days.insert(r.key.day)
        }
        guard let first = days.min().map({ ServiceDate(unchecked: $0) }), let last = days.max().map({ ServiceDate(unchecked: $0) }) else { return "" }
        let span = max(1, last.dayNumber - first.dayNumber)
        let maxValue = max(1, series.values.flatMap(\.values).max() ?? 1)
        let (w, hgt, left, bottom, top) = (720, 300, 50, 30, 10)
        let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"]
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\" aria-label=\"回数 by day of the top codes\">"
        s += "<line x1=\"\(left)\" y1=\"\(hgt - bottom)\" x2=\"\(w - 10)\" y2=\"\(hgt - bottom)\" stroke=\"#444\"/><line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(hgt - bottom)\" stroke=\"#444\"/>"
        s += "<text x=\"\(left - 4)\" y=\"\(top + 10)\" font-size=\"10\" text-anchor=\"end\">\(maxValue)</text><text x=\"\(left - 4)\" y=\"\(hgt - bottom)\" font-size=\"10\" text-anchor=\"end\">0</text>"
        s += "<text x=\"\(left)\" y=\"\(hgt - 8)\" font-size=\"10\">\(first)</text><text x=\"\(w - 10)\" y=\"\(hgt - 8)\" font-size=\"10\" text-anchor=\"end\">\(last)</text>"
        for (n, code) in codes.enumerated() {
            let points = (series[code] ?? [:]).sorted { $0.key < $1.key }.map { day, v in
                let x = left + (ServiceDate(unchecked: day).dayNumber - first.dayNumber) * (w - 10 - left) / span
                let y = hgt - bottom - v * (hgt - bottom - top) / maxValue
                return "\(x),\(y)"
            }
            s += "<polyline fill=\"none\" stroke=\"\(colors[n % colors.count])\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            s += "<text x=\"\(w - 160)\" y=\"\(top + 14 + 14 * n)\" font-size=\"11\" fill=\"\(colors[n % colors.count])\">\(codeText(.procedures, CellKey(table: 1, code: code, day: 0, prefecture: 0, age: 0, sex: 0, category: 0)))</text>"
        }
        return s + "</svg>"
    }
}
