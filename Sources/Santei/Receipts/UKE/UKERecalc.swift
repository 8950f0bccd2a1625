/// Re-prices a レセプト電算 file: every SI/IY/TO 算定単位 from its codes and quantities with the
/// masters valid on its service day, then HO/KO 合計点数 and the GO 総合計点数.
///
/// A unit is the records up to the one that states 点数 (記録条件仕様: 点数は算定単位内の最終レコード
/// のみ記録); a record that states 診療識別 also starts a new unit, so units stay apart when the
/// stated points are blank (a CO record that states 診療識別 does the same). A unit that cannot be priced (a code with no version valid on the date,
/// a date no master covers, 購入価格) keeps its stated points and is flagged; the rest of the claim
/// is priced as usual.
public enum UKERecalc {
    /// One 算定単位.
    public struct Unit: Sendable {
        public var firstLine: Int
        public var lastLine: Int
        public var category: Int
        public var burden: UInt8
        public var times: Int
        public var items: [UnitItem]
        public var stated: Int?
        public var date: ServiceDate
        /// Points per 回 as recomputed, or the issue that prevented it.
        public var result: Result<UnitPrice, UnitPricingIssue>

        /// The points this unit contributes per 回: recomputed, else the stated ones, else 0.
        public var points: Int {
            if case .success(let p) = result { return p.points }
            return stated ?? 0
        }
        public var isProcedureOnly: Bool { items.allSatisfy { $0.kind == .procedure } }
        public var differs: Bool {
            if case .success(let p) = result { return p.points != stated }
            return false
        }
    }

    public struct Payer: Sendable {
        public var line: Int
        /// Bit of this payer in 負担区分 (0 医保, 1–4 公費).
        public var bit: Int
        public var stated: Int?
        public var computed: Int
    }

    public struct Receipt: Sendable {
        public var number: String
        public var line: Int
        public var serviceMonth: (year: Int, month: Int)?
        public var units: [Unit] = []
        public var payers: [Payer] = []
        /// A receipt that could not be read (e.g. an unreadable 診療年月): left as it is.
        public var error: String?
        /// 合計点数 of the receipt: HO's, or the first KO's when there is no HO.
        public var total: Int { payers.first?.computed ?? 0 }
    }

    public struct Report: Sendable {
        public var receipts: [Receipt] = []
        public var goLine: Int?
        public var goStated: Int?
        public var goComputed: Int = 0
    }

    static let SI = UKEDocument.id("SI"), IY = UKEDocument.id("IY"), TO = UKEDocument.id("TO")
    static let CO = UKEDocument.id("CO")
    static let RE = UKEDocument.id("RE"), HO = UKEDocument.id("HO"), KO = UKEDocument.id("KO"), GO = UKEDocument.id("GO")

    public static func run(_ doc: UKEDocument, masters set: MasterSet, pricer: UnitPricer, explain: Bool = false) -> Report {
        var report = Report()
        var current: Receipt?
        var pending: Unit?
        var pendingDay = 0
        var category = 0
        var mastersCache: [UInt32: DatedMasters] = [:]

        func dated(_ d: ServiceDate) -> DatedMasters {
            if let m = mastersCache[d.yyyymmdd] { return m }
            let m = DatedMasters(set, on: d)
            mastersCache[d.yyyymmdd] = m
            return m
        }
        func closeUnit() {
            guard var u = pending else { return }
            pending = nil
            guard current != nil, current!.error == nil else { return }
            u.result = pricer.price(u.items, category: u.category, masters: dated(u.date), explain: explain)
            current!.units.append(u)
        }
        func closeReceipt() {
            closeUnit()
            guard var r = current else { return }
            current = nil
            for k in r.payers.indices {
                let bit = UInt8(1) << UInt8(r.payers[k].bit)
                r.payers[k].computed = r.units.reduce(0) { $0 + (($1.burden & bit) != 0 ? $1.points * $1.times : 0) }
            }
            report.receipts.append(r)
        }

        for l in 0..<doc.lineCount {
            let id = doc.recordID(l)
            switch id {
            case RE:
                closeReceipt()
                var r = Receipt(number: String(decoding: doc.bytes[doc.field(l, 1)], as: UTF8.self), line: l)
                r.serviceMonth = UKEDate.yearMonth(doc.bytes[doc.field(l, 3)])
                if r.serviceMonth == nil {
                    r.error = "line \(l + 1): 診療年月 \"\(String(decoding: doc.bytes[doc.field(l, 3)], as: UTF8.self))\" is neither YYYYMM nor GYYMM"
                }
                current = r
                category = 0
            case HO, KO:
                closeUnit()
                guard current != nil else { continue }
                let hasHO = current!.payers.contains { $0.bit == 0 }
                let bit = id == HO ? 0 : current!.payers.count + (hasHO ? 0 : 1)
                current!.payers.append(Payer(line: l, bit: bit, stated: doc.integer(l, 5), computed: 0))
            case SI, IY, TO:
                guard let r = current, r.error == nil, let (year, month) = r.serviceMonth else { continue }
                let categoryField = doc.integer(l, 1)
                if categoryField != nil { closeUnit(); category = categoryField! }
                let kind: UnitItem.Kind = id == SI ? .procedure : id == IY ? .drug : .device
                let codeRange = doc.field(l, 3)
                var code: UInt64 = 0
                for i in codeRange { code = code &* 10 &+ UInt64(doc.bytes[i] &- 48) }
                let quantity: Int
                if kind == .procedure { quantity = (doc.integer(l, 4) ?? 0) * UnitItem.quantityScale } else { quantity = doc.decimal5(l, 4) ?? 0 }
                let burdenRange = doc.field(l, 2)
                let burden = burdenRange.isEmpty ? 1 : (BurdenClass.payers(doc.bytes[burdenRange.lowerBound]) ?? 1)
                // The unit's service day: the earliest 算定日 (fields 1日〜31日) of its records, else the 1st.
                let firstDay = kind == .device ? 17 : 13
                var day = 0
                for d in 0..<31 where (doc.integer(l, firstDay + d) ?? 0) > 0 { day = d + 1; break }
                if pending == nil {
                    let first = ServiceDate(year: year, month: month, day: 1)!
                    pending = Unit(firstLine: l, lastLine: l, category: category, burden: burden, times: 1, items: [], stated: nil,
                                   date: first, result: .failure(.codeNotValid(0, first)))
                    pendingDay = 0
                }
                if day > 0 && (pendingDay == 0 || day < pendingDay) {
                    pendingDay = day
                    pending!.date = ServiceDate(year: year, month: month, day: day) ?? pending!.date
                }
                pending!.items.append(UnitItem(kind: kind, code: code, quantity: quantity))
                pending!.lastLine = l
                pending!.times = doc.integer(l, 6) ?? 1
                pending!.burden = burden
                if let points = doc.integer(l, 5) {
                    pending!.stated = points
                    closeUnit()
                }
            case CO:
                // A comment that states 診療識別 opens a new section: the unit before it is complete.
                if let c = doc.integer(l, 1) { closeUnit(); category = c }
            case GO:
                closeReceipt()
                report.goLine = l
                report.goStated = doc.integer(l, 2)
            default:
                continue
            }
        }
        closeReceipt()
        report.goComputed = report.receipts.reduce(0) { $0 + $1.total }
        return report
    }

    /// The file with every unit's 点数 (on its last record), HO/KO 合計点数 and GO 総合計点数 replaced
    /// by the recomputed values; units that could not be priced keep what they stated.
    public static func rewrite(_ doc: UKEDocument, _ report: Report) -> [UInt8] {
        var changes: [Int: [(field: Int, value: String)]] = [:]
        for r in report.receipts where r.error == nil {
            for u in r.units {
                if case .success(let p) = u.result { changes[u.lastLine, default: []].append((5, String(p.points))) }
            }
            for p in r.payers { changes[p.line, default: []].append((5, String(p.computed))) }
        }
        if let go = report.goLine { changes[go, default: []].append((2, String(report.goComputed))) }
        return doc.writing(changes)
    }
}
