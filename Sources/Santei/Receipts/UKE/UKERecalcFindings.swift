/// What `uke recalc` found, as data (issue 15 item 3): one finding per fault, per unit not re-priced,
/// per unit whose stated 点数 differs and per HO/KO/GO total that differs. `--report FILE` writes them as
/// JSON lines; standard error gets one summary (counts by reason, the first five examples), so a file
/// with 100,000 warnings costs the same as one without.
public struct UKERecalcFinding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The file or a record outside the receipts is at fault (the file or the record left as it is).
        case fileFault = "file_fault"
        /// A receipt is at fault and left as it is.
        case receiptFault = "receipt_fault"
        /// A unit could not be re-priced: its stated 点数 are kept.
        case notRepriced = "not_repriced"
        /// A unit's stated 点数 differ from the computed ones (rewritten).
        case differs = "points_differ"
        /// An HO/KO 合計点数 or the GO 総合計点数 differs (rewritten).
        case totalDiffers = "total_differs"
    }

    public var kind: Kind
    /// Stable reason id: the kind, or for `notRepriced` the pricing issue (`code_not_valid`,
    /// `date_not_covered`, `purchase_price`, `quantity_below_limit`, `overflow`, `parameter_not_covered`,
    /// `invalid_quantity`, `mixed_yen_and_points`, `prices_differ_within_unit`), or for an HO/KO 食事療養・生活療養
    /// 回数 / 合計金額 that differs `meals_differ` (kind `total_differs`; stated and computed are the yen).
    public var reason: String
    /// 1-based lines of the input.
    public var line: Int
    public var lastLine: Int?
    public var receipt: String?
    /// 診療識別 of a unit; "HO", "KO1"… or "GO" for a total.
    public var unit: String?
    public var codes: [UInt64]
    public var stated: Int?
    public var computed: Int?
    public var message: String

    public init(kind: Kind, reason: String? = nil, line: Int, lastLine: Int? = nil, receipt: String? = nil, unit: String? = nil,
                codes: [UInt64] = [], stated: Int? = nil, computed: Int? = nil, message: String) {
        self.kind = kind; self.reason = reason ?? kind.rawValue; self.line = line; self.lastLine = lastLine
        self.receipt = receipt; self.unit = unit; self.codes = codes; self.stated = stated; self.computed = computed
        self.message = message
    }

    /// `file:line[-last]: RE n …: message`, as the command prints it.
    public func text(file: String) -> String {
        var s = "\(file):\(line)"
        if let lastLine, lastLine != line { s += "-\(lastLine)" }
        if let receipt { s += ": RE \(receipt)" }
        if let unit { s += (receipt == nil ? ": " : " ") + unit }
        return s + ": " + message
    }
}

extension UKERecalcFinding {
    /// The GO 総合計点数 left as stated because a receipt's 合計点数 is not known (units not re-priced that state no 点数): the
    /// file's total is not known either (review 228 BW-2).
    static func goTotalUnknown(line: Int, stated: Int?) -> UKERecalcFinding {
        UKERecalcFinding(kind: .totalDiffers, reason: "total_unknown", line: line, unit: "GO", codes: [], stated: stated, computed: nil,
                         message: "総合計点数 left as stated (\(stated.map { String($0) } ?? "blank")): a receipt's 合計点数 is not known (units not re-priced state no 点数; see its total_unknown line), so neither is the file's")
    }

    static func reason(_ issue: UnitPricingIssue) -> String {
        switch issue {
        case .dateNotCovered: "date_not_covered"
        case .codeNotValid: "code_not_valid"
        case .purchasePrice: "purchase_price"
        case .quantityBelowLimit: "quantity_below_limit"
        case .overflow: "overflow"
        case .parameterNotCovered: "parameter_not_covered"
        case .invalidQuantity: "invalid_quantity"
        case .mixedYenAndPoints: "mixed_yen_and_points"
        case .pricesDifferWithinUnit: "prices_differ_within_unit"
        case .outpatientOnly: "outpatient_only"
        }
    }
}

extension UKERecalc {
    /// Every finding of a run, in line order within each receipt (faults first where they come). `warningsOnly`: the
    /// faults and the units not re-priced only (what the summary counts and shows), no unit or total that differs.
    public static func findings(_ report: Report, warningsOnly: Bool = false) -> [UKERecalcFinding] {
        var out: [UKERecalcFinding] = []
        func fieldAndReason(_ e: UKEError) -> String {
            (e.fieldLabel.map { $0 + ": " } ?? "") + e.reason
        }
        // The GO's faults come after the receipts, in line order (the chunked path knows them only at the end).
        let goLine = report.goLine.map { $0 + 1 }
        for e in report.fileErrors where e.line != goLine || goLine == nil {
            out.append(UKERecalcFinding(kind: .fileFault, line: e.line,
                                        receipt: e.receipt, codes: [], message: UKERecalc.leftAsItIs(fieldAndReason(e))))
        }
        for r in report.receipts {
            if let f = r.fault {
                out.append(UKERecalcFinding(kind: .receiptFault, line: f.line,
                                            receipt: r.number, codes: [], message: fieldAndReason(f) + "; receipt left as it is"))
                continue
            }
            for u in r.units {
                var codes: [UInt64] { u.items.map(\.code) }
                var stated: String { u.stated.map { String($0) } ?? "blank" }
                switch u.result {
                case .failure(let issue):
                    out.append(UKERecalcFinding(kind: .notRepriced, reason: UKERecalcFinding.reason(issue), line: u.firstLine + 1,
                                                lastLine: u.lastLine + 1, receipt: r.number, unit: "診療識別 \(u.category)", codes: codes,
                                                stated: u.stated, computed: nil,
                                                message: "not re-priced, stated points kept (\(stated)): \(issue)"))
                case .success(let p) where u.differs && !warningsOnly:
                    let computed = p.isYen ? p.yen : p.points
                    let codes = codes
                    out.append(UKERecalcFinding(kind: .differs, line: u.firstLine + 1,
                                                lastLine: u.lastLine + 1, receipt: r.number, unit: "診療識別 \(u.category)", codes: codes,
                                                stated: u.stated, computed: computed,
                                                message: "codes \(codes.map { String($0) }.joined(separator: "+")): stated \(stated), computed \(computed)\(p.isYen ? " yen (金額)" : "")"
                                                    + p.notBilled.map { "; " + $0 }.joined()))
                default:
                    break
                }
            }
            if warningsOnly { continue }
            // Units not re-priced that state no 点数 count 0 in the totals: the computed total is then a lower bound (review 128 B05).
            let unknown = r.unknownUnits
            for p in r.payers where p.stated != p.computed {
                let name = p.bit == 0 ? "HO" : "KO\(p.bit)"
                if unknown > 0 {
                    out.append(UKERecalcFinding(kind: .totalDiffers, reason: "total_unknown", line: p.line + 1,
                                                receipt: r.number, unit: name, codes: [], stated: p.stated, computed: nil,
                                                message: "合計点数 left as stated (\(p.stated.map { String($0) } ?? "blank")): \(unknown) unit\(unknown == 1 ? "" : "s") not re-priced state\(unknown == 1 ? "s" : "") no 点数, so the total is not known (the priced units make \(p.computed))"))
                } else {
                    out.append(UKERecalcFinding(kind: .totalDiffers, line: p.line + 1,
                                                receipt: r.number, unit: name, codes: [], stated: p.stated, computed: p.computed,
                                                message: "合計点数: stated \(p.stated.map { String($0) } ?? "blank"), computed \(p.computed); the record's 負担金額 (一部負担金・公費負担金額) is not recomputed — it was worked from the stated points: check it"))
                }
            }
            for p in r.payers where p.mealsDiffer {
                guard let m = p.meals else { continue }
                let name = p.bit == 0 ? "HO" : "KO\(p.bit)"
                func text(_ v: Int?) -> String { v.map { String($0) } ?? "blank" }
                out.append(UKERecalcFinding(kind: .totalDiffers, reason: "meals_differ", line: p.line + 1,
                                            receipt: r.number, unit: name, codes: [], stated: p.statedMeals.yen, computed: m.yen,
                                            message: "食事療養・生活療養 回数 / 合計金額: stated \(text(p.statedMeals.count)) / \(text(p.statedMeals.yen)) yen, computed \(m.count) / \(m.yen) yen"))
            }
        }
        if !warningsOnly, let go = report.goLine, report.totalUnknown, !report.receipts.contains(where: { $0.place == .body && $0.totalUnreadable }) {
            out.append(.goTotalUnknown(line: go + 1, stated: report.goStated))
        }
        if !warningsOnly, let go = report.goLine, report.goStated != report.goComputed, !report.goUnreadable, !report.goLeft {
            out.append(UKERecalcFinding(kind: .totalDiffers, line: go + 1,
                                        unit: "GO", codes: [], stated: report.goStated, computed: report.goComputed,
                                        message: "総合計点数: stated \(report.goStated.map { String($0) } ?? "blank"), computed \(report.goComputed)"))
        }
        for e in report.fileErrors where goLine != nil && e.line == goLine {
            out.append(UKERecalcFinding(kind: .fileFault, line: e.line,
                                        receipt: e.receipt, codes: [], message: UKERecalc.leftAsItIs(fieldAndReason(e))))
        }
        return out
    }

    /// One JSON line per finding: {"file", "line", "last_line", "receipt", "unit", "codes", "kind",
    /// "reason", "stated", "computed", "message"} (absent values are null).
    public static func writeReport(_ findings: [UKERecalcFinding], file: String, into out: inout [UInt8]) {
        func str(_ s: String?) { if let s { ClaimJSON.put(s, &out) } else { out += Array("null".utf8) } }
        func int(_ v: Int?) { if let v { ClaimJSON.put(v, &out) } else { out += Array("null".utf8) } }
        for f in findings {
            out += Array("{\"file\":".utf8); str(file)
            out += Array(",\"line\":".utf8); int(f.line)
            out += Array(",\"last_line\":".utf8); int(f.lastLine)
            out += Array(",\"receipt\":".utf8); str(f.receipt)
            out += Array(",\"unit\":".utf8); str(f.unit)
            out += Array(",\"codes\":[".utf8)
            for (k, c) in f.codes.enumerated() { if k > 0 { out.append(44) }; str(String(c)) }
            out += Array("],\"kind\":".utf8); str(f.kind.rawValue)
            out += Array(",\"reason\":".utf8); str(f.reason)
            out += Array(",\"stated\":".utf8); int(f.stated)
            out += Array(",\"computed\":".utf8); int(f.computed)
            out += Array(",\"message\":".utf8); str(f.message)
            out += Array("}\n".utf8)
        }
    }

    /// The standard-error summary: counts by reason (most frequent first, then by name) and the first
    /// five findings, faults before the rest; empty when there is nothing to say.
    public static func summary(_ findings: [UKERecalcFinding], file: String, reportPath: String?) -> [String] {
        var tally = StreamResult()
        tally.note(findings)
        return summary(tally, file: file, reportPath: reportPath)
    }
}
