/// A priced claim reduced to what a revaluation compares.
public struct ClaimSummary: Sendable {
    public var id: String
    public var total = 0
    public var byCategory: [Int: Int] = [:]
    /// Points × 回数 by the leading code of each order (the first 診療行為, else the first item).
    public var byCode: [UInt64: Int] = [:]
    /// Orders/units that could not be priced (their points are left out, or kept as stated for UKE).
    public var unpriced = 0

    public init(id: String) { self.id = id }

    public init(_ priced: PricedClaim, _ claim: Claim) {
        self.init(id: claim.id)
        total = priced.totalPoints
        unpriced = priced.issues.count
        // Amounts are bounded by the pricer (≤ 9,999,999 points per 回 × 回数 ≤ 999, orders per claim bounded),
        // so these sums stay far inside Int.
        for o in priced.orders {
            guard let points = o.points else { continue }
            let amount = points * o.times
            byCategory[o.category, default: 0] += amount
            if o.derived {
                byCode[UInt64(o.code ?? "") ?? 0, default: 0] += amount
                continue
            }
            guard claim.encounters.indices.contains(o.encounter), claim.encounters[o.encounter].orders.indices.contains(o.order) else { continue }
            let items = claim.encounters[o.encounter].orders[o.order].items
            guard let lead = items.first(where: { !$0.code.hasPrefix("6") && !$0.code.hasPrefix("7") }) ?? items.first else { continue }
            byCode[UInt64(lead.code) ?? 0, default: 0] += amount
        }
    }

    public init(_ receipt: UKERecalc.Receipt) {
        self.init(id: "RE \(receipt.number)")
        total = receipt.total
        unpriced = receipt.flaggedCount
        // 金額 units (食事療養・生活療養, 標準負担額: yen) are not points: in no 診療識別 or code total.
        for u in receipt.units where !u.isYen {
            let amount = u.points * u.times
            byCategory[u.category, default: 0] += amount
            let lead = u.items.first { $0.kind == .procedure } ?? u.items[0]
            byCode[lead.code, default: 0] += amount
        }
    }
}

/// The revision-day question: what does the 点数表 of `to` do to claims priced under that of `from`?
public struct Revaluation: Sendable {
    public struct Delta: Sendable, Encodable {
        public var line: Int
        public var id: String
        public var fromPoints: Int
        public var toPoints: Int
        public var delta: Int { toPoints - fromPoints }
        public var byCategory: [String: Int]
        public var unpricedFrom: Int
        public var unpricedTo: Int

        enum CodingKeys: String, CodingKey { case line, id, fromPoints = "from_points", toPoints = "to_points", delta, byCategory = "delta_by_category", unpricedFrom = "unpriced_from", unpricedTo = "unpriced_to" }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(line, forKey: .line); try c.encode(id, forKey: .id)
            try c.encode(fromPoints, forKey: .fromPoints); try c.encode(toPoints, forKey: .toPoints); try c.encode(delta, forKey: .delta)
            try c.encode(byCategory, forKey: .byCategory)
            try c.encode(unpricedFrom, forKey: .unpricedFrom); try c.encode(unpricedTo, forKey: .unpricedTo)
        }
    }

    public var from: ServiceDate
    public var to: ServiceDate
    public var deltas: [Delta] = []
    public var errors: [(line: Int, message: String)] = []
    public var byCategory: [Int: (from: Int, to: Int)] = [:]
    public var byCode: [UInt64: (from: Int, to: Int)] = [:]

    public init(from: ServiceDate, to: ServiceDate) { self.from = from; self.to = to }

    public mutating func add(line: Int, _ a: ClaimSummary, _ b: ClaimSummary) {
        var categories: [String: Int] = [:]
        for k in Set(a.byCategory.keys).union(b.byCategory.keys) {
            let x = a.byCategory[k] ?? 0, y = b.byCategory[k] ?? 0
            byCategory[k, default: (0, 0)].from += x
            byCategory[k, default: (0, 0)].to += y
            if x != y { categories[String(k)] = y - x }
        }
        for k in Set(a.byCode.keys).union(b.byCode.keys) {
            byCode[k, default: (0, 0)].from += a.byCode[k] ?? 0
            byCode[k, default: (0, 0)].to += b.byCode[k] ?? 0
        }
        deltas.append(Delta(line: line, id: a.id, fromPoints: a.total, toPoints: b.total, byCategory: categories,
                            unpricedFrom: a.unpriced, unpricedTo: b.unpriced))
    }

    public var totalFrom: Int { deltas.reduce(0) { $0 + $1.fromPoints } }
    public var totalTo: Int { deltas.reduce(0) { $0 + $1.toPoints } }

    /// A self-contained HTML report: totals, deltas by 診療識別 and by code, the claims that change
    /// most, and a histogram of per-claim deltas as an inline SVG picture.
    public func html(title: String, codeName: (UInt64) -> String) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : "\(v)" }
        func percent(_ a: Int, _ b: Int) -> String {
            guard a != 0 else { return "" }
            let tenths = Rounding.halfUp((b - a) * 1000, divisor: a)
            return (tenths >= 0 ? "+" : "−") + "\(abs(tenths) / 10).\(abs(tenths) % 10)%"
        }
        var h = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>\(esc(title))</title>"
        h += "<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}.up{color:#b00}.down{color:#06c}</style></head><body>"
        h += "<h1>\(esc(title))</h1>"
        h += "<p>Every claim priced on the masters of <b>\(from)</b> and of <b>\(to)</b>. \(deltas.count) claims compared"
        h += errors.isEmpty ? ".</p>" : "; \(errors.count) input lines were not claims (listed at the end).</p>"
        h += "<h2>Totals</h2><table><tr><th></th><th>\(from)</th><th>\(to)</th><th>delta</th><th>%</th></tr>"
        h += "<tr><td>all claims (点)</td><td>\(totalFrom)</td><td>\(totalTo)</td><td>\(signed(totalTo - totalFrom))</td><td>\(percent(totalFrom, totalTo))</td></tr></table>"
        let changed = deltas.filter { $0.delta != 0 }.count
        h += "<p>\(changed) claims change, \(deltas.count - changed) do not.</p>"
        let unpricedFrom = deltas.reduce(0) { $0 + $1.unpricedFrom }, unpricedTo = deltas.reduce(0) { $0 + $1.unpricedTo }
        if unpricedFrom + unpricedTo > 0 {
            h += "<p>Orders that could not be priced on a date (a code with no version valid then, a kind no loaded master covers): \(unpricedFrom) on \(from), \(unpricedTo) on \(to). They count with their stated points (UKE) or not at all (JSON claims), so their claims' deltas include that difference.</p>"
        }
        h += "<h2>Histogram of per-claim deltas</h2>" + histogramSVG()
        h += "<h2>By 診療識別</h2><table><tr><th>診療識別</th><th>\(from)</th><th>\(to)</th><th>delta</th><th>%</th></tr>"
        for (k, v) in byCategory.sorted(by: { $0.key < $1.key }) {
            h += "<tr><td>\(k)</td><td>\(v.from)</td><td>\(v.to)</td><td>\(signed(v.to - v.from))</td><td>\(percent(v.from, v.to))</td></tr>"
        }
        h += "</table><h2>By code (largest changes)</h2><p>Each order's points are attributed to its leading code (its first 診療行為, else its first item).</p>"
        h += "<table><tr><th>code</th><th>name</th><th>\(from)</th><th>\(to)</th><th>delta</th></tr>"
        for (k, v) in byCode.filter({ $0.value.from != $0.value.to }).sorted(by: { (abs($0.value.to - $0.value.from), $1.key) > (abs($1.value.to - $1.value.from), $0.key) }).prefix(40) {
            h += "<tr><td>\(k)</td><td>\(esc(codeName(k)))</td><td>\(v.from)</td><td>\(v.to)</td><td class=\"\(v.to > v.from ? "up" : "down")\">\(signed(v.to - v.from))</td></tr>"
        }
        h += "</table><h2>Claims that change most</h2><table><tr><th>line</th><th>claim</th><th>\(from)</th><th>\(to)</th><th>delta</th></tr>"
        for d in deltas.filter({ $0.delta != 0 }).sorted(by: { (abs($0.delta), $1.line) > (abs($1.delta), $0.line) }).prefix(20) {
            h += "<tr><td>\(d.line)</td><td>\(esc(d.id))</td><td>\(d.fromPoints)</td><td>\(d.toPoints)</td><td class=\"\(d.delta > 0 ? "up" : "down")\">\(signed(d.delta))</td></tr>"
        }
        h += "</table>"
        if !errors.isEmpty {
            h += "<h2>Input lines that are not claims</h2><ul>" + errors.prefix(100).map { "<li>line \($0.line): \(esc($0.message))</li>" }.joined() + "</ul>"
        }
        return h + "</body></html>\n"
    }

    /// Per-claim deltas in up to 20 equal bins, as SVG (integer coordinates).
    public func histogramSVG() -> String {
        let values = deltas.map(\.delta)
        guard let lo = values.min(), let hi = values.max() else { return "<p>(no claims)</p>" }
        let binCount = lo == hi ? 1 : min(20, hi - lo + 1)
        let width = max(1, (hi - lo + binCount) / binCount)
        var bins = [Int](repeating: 0, count: binCount)
        for v in values { bins[min(binCount - 1, (v - lo) / width)] += 1 }
        let top = max(1, bins.max()!)
        let (w, hgt, left, bottom) = (640, 260, 50, 40)
        let barWidth = (w - left - 10) / binCount
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\" aria-label=\"histogram of per-claim point deltas\">"
        s += "<line x1=\"\(left)\" y1=\"\(hgt - bottom)\" x2=\"\(w - 5)\" y2=\"\(hgt - bottom)\" stroke=\"#333\"/>"
        s += "<line x1=\"\(left)\" y1=\"10\" x2=\"\(left)\" y2=\"\(hgt - bottom)\" stroke=\"#333\"/>"
        s += "<text x=\"\(left - 6)\" y=\"16\" font-size=\"11\" text-anchor=\"end\">\(top)</text><text x=\"\(left - 6)\" y=\"\(hgt - bottom)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        for (i, n) in bins.enumerated() {
            let barHeight = (hgt - bottom - 20) * n / top
            let x = left + 2 + i * barWidth
            let start = lo + i * width
            s += "<rect x=\"\(x)\" y=\"\(hgt - bottom - barHeight)\" width=\"\(max(1, barWidth - 2))\" height=\"\(barHeight)\" fill=\"\(start + width - 1 < 0 ? "#06c" : start > 0 ? "#b00" : "#888")\"><title>\(start)…\(start + width - 1) 点: \(n) claims</title></rect>"
            if i % max(1, binCount / 5) == 0 || i == binCount - 1 {
                s += "<text x=\"\(x + barWidth / 2)\" y=\"\(hgt - bottom + 14)\" font-size=\"10\" text-anchor=\"middle\">\(start)</text>"
            }
        }
        s += "<text x=\"\((w + left) / 2)\" y=\"\(hgt - 6)\" font-size=\"11\" text-anchor=\"middle\">delta per claim (点), bins of \(width)</text></svg>"
        return s
    }
}

extension Revaluation {
    /// Revalues the receipts of a RECEIPTC.UKE (each priced on the masters of `from` and of `to` by
    /// `UKERecalc`). Nothing is dropped silently: a file-level fault, records outside any receipt and
    /// every receipt at fault (`UKEStructure`) become error lines with their line number, and the
    /// other receipts are revalued.
    public mutating func add(uke doc: UKEDocument, masters: MasterSet, pricer: UnitPricer) {
        let a = UKERecalc.run(doc, masters: masters, pricer: pricer, options: .init(mastersDate: from))
        let b = UKERecalc.run(doc, masters: masters, pricer: pricer, options: .init(mastersDate: to))
        var seen = Set<String>()
        for e in a.fileErrors + b.fileErrors where seen.insert("\(e.line) \(e.message)").inserted {
            errors.append((e.line, e.message))
        }
        for (ra, rb) in zip(a.receipts, b.receipts) {
            if let f = ra.fault ?? rb.fault { errors.append((ra.line + 1, f.message)); continue }
            if let e = ra.error ?? rb.error { errors.append((ra.line + 1, e)); continue }
            add(line: ra.line + 1, ClaimSummary(ra), ClaimSummary(rb))
        }
    }
}
