import Dispatch
import Foundation

/// Re-prices a レセプト電算 file: every SI/IY/TO 算定単位 from its codes and quantities with the
/// masters valid on its service day, then HO/KO 合計点数 and the GO 総合計点数.
///
/// A unit is the records up to the one that states 点数 (記録条件仕様: 点数は算定単位内の最終レコード
/// のみ記録); a record that states 診療識別 also starts a new unit, so units stay apart when the
/// stated points are blank (a CO record that states another 診療識別 does the same) — unless it repeats the open
/// unit's 診療識別 with its 回数 and 算定日 in a receipt that states 点数 (a writer that fills 診療識別 on
/// every line: 回数 and 算定日 are the same on every record of a unit). In a receipt that states
/// no 点数 at all (one being built, not re-priced), the 算定単位 boundaries that 点数 would mark
/// come from the 告示's structure instead (`separatesProcedureFromMaterials`). A unit that cannot be
/// priced (a code with no version valid on the date, a date no master covers, 購入価格) keeps its
/// stated points and is flagged; the rest of the claim is priced as usual.
///
/// 入院 receipts (レセプト種別 4桁目 odd; docs/uke-inpatient.md) are read alike. Units of 金額 rows (点数識別 1:
/// 入院時食事療養・生活療養 and 標準負担額, 診療識別 97) are priced in yen, their 点数 field states yen and they
/// count in no 合計点数; the HO/KO 食事療養・生活療養 回数 and 合計金額 are recomputed from them per payer. An 入院
/// unit whose 算定日 span a master change is flagged (one 点数 field cannot state two prices).
///
/// Receipts are independent: they are processed in chunks on every core, and the report and the
/// rewritten file keep input order.
///
/// Faults (`UKEStructure`): a file-level fault leaves the whole file as it is and is the report's
/// only error; a receipt at fault is left as it is, reported in `Report.errors` with its line, and
/// its stated 合計点数 still counts in the GO 総合計点数; the other receipts are re-priced as usual.
/// Every product (点数 × 回数) and sum (合計点数, 総合計点数) is checked: one that overflows or passes
/// its `DomainLimit` is that receipt's (or the GO's) fault, never a trap.
public enum UKERecalc {
    public struct Options: Sendable {
        /// Keep each rule's explanation (for --check).
        public var explain = false
        /// Keep every unit in the report; otherwise only units that were flagged or differ.
        public var keepAllUnits = true
        /// Use every core (receipts in chunks); false runs on the calling thread only.
        public var parallel = true
        /// Threads to use when `parallel` (default: every core); the output is the same for any number.
        public var threads: Int? = nil
        /// Price every unit on the masters of this date instead of its own service day (revaluation).
        public var mastersDate: ServiceDate? = nil
        /// Keep every unit of the receipt in the worker's flat arrays (`Worker.collected`), with its 回数 per
        /// 算定日: `santei aggregate` reads them without an array per unit or a second pass over the records.
        var collectUnits = false
        /// Keep the units that differ in the report (when not `keepAllUnits`); false when only the warnings are read
        /// (a streamed run without a report file): the flagged units are kept, the rest only counted.
        var keepDifferingUnits = true
        public init(explain: Bool = false, keepAllUnits: Bool = true, parallel: Bool = true, mastersDate: ServiceDate? = nil, threads: Int? = nil) {
            self.explain = explain; self.keepAllUnits = keepAllUnits; self.parallel = parallel; self.mastersDate = mastersDate; self.threads = threads
        }
    }

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
        /// A unit of 金額 rows (入院時食事療養・生活療養 and their 標準負担額, 点数識別 1): its 点数 field states
        /// yen per 回, which never count in 合計点数. Known from the masters when the unit is priced, else
        /// from its 診療識別 97 (記録条件仕様 別表 診療識別: 97 食事療養・生活療養・標準負担額).
        public var isYen = false

        /// The points this unit contributes per 回: recomputed, else the stated ones, else 0 (0 for a unit in yen).
        public var points: Int {
            if isYen { return 0 }
            if case .success(let p) = result { return p.points }
            return stated ?? 0
        }
        /// The yen per 回 of a unit in yen: recomputed, else stated, else 0 (0 for a unit of points).
        public var yen: Int {
            guard isYen else { return 0 }
            if case .success(let p) = result { return p.yen }
            return stated ?? 0
        }
        /// What the 点数 field should state: points, or yen for a unit in yen.
        public var computedField: Int? {
            if case .success(let p) = result { return p.isYen ? p.yen : p.points }
            return nil
        }
        public var isProcedureOnly: Bool { items.allSatisfy { $0.kind == .procedure } }
        public var differs: Bool {
            if let c = computedField { return c != stated }
            return false
        }
        public var isFlagged: Bool { if case .failure = result { return true }; return false }
    }

    public struct Payer: Sendable {
        public var line: Int
        /// Bit of this payer in 負担区分 (0 医保, 1–4 公費).
        public var bit: Int
        public var stated: Int?
        public var computed: Int
        /// 食事療養・生活療養 回数 and 合計金額 (yen) as stated (HO 項目 8・9, KO 項目 11・12) and as computed
        /// from the receipt's 金額 units charged to this payer; `meals` is nil when they were not
        /// recomputed (a 金額 unit of the receipt could not be priced: the stated fields stand).
        public var statedMeals: (count: Int?, yen: Int?) = (nil, nil)
        public var meals: (count: Int, yen: Int)? = nil

        /// Whether the 食事 fields are rewritten: the computed ones differ from those stated (a blank field is 0).
        public var mealsDiffer: Bool {
            guard let meals else { return false }
            return meals.count != (statedMeals.count ?? 0) || meals.yen != (statedMeals.yen ?? 0)
        }
    }

    /// 入院時食事療養・生活療養 of a receipt, in yen (none for a receipt without 金額 units).
    public struct Meals: Sendable, Equatable {
        /// Meals (食数) of the 食事療養・生活療養 (点数欄集計先（入院） 970/972, 告示等識別区分（２） 1 基本項目):
        /// 数量データ (食, 1 when blank) × 回数 — the HO 食事療養・生活療養 回数.
        public var count = 0
        /// 食事療養・生活療養 billed (集計先 970, 972, 974 — with 特別食加算, 食堂加算, 環境療養): Σ 金額 × 回数,
        /// the HO 食事療養・生活療養 合計金額.
        public var yen = 0
        /// 標準負担額 (集計先 971, 973, 975): Σ 金額 × 回数, the patient's share of the meals (reported; the
        /// record layout has no HO/KO field for it).
        public var standardCharge = 0
        /// 金額 units that could not be priced (the stated HO/KO 食事 fields are then kept).
        public var unpriced = 0
    }

    public struct Receipt: Sendable {
        public var number: String
        public var line: Int
        /// Inside the file (between IR and GO), or outside it (a receipt at fault that is not part of this 請求).
        public var place: UKEStructure.Place = .body
        /// The fault that left this receipt as it is (also in `error`, without the file name).
        public var fault: UKEError?
        public var serviceMonth: (year: Int, month: Int)?
        /// All units (Options.keepAllUnits) or only those flagged or differing.
        public var units: [Unit] = []
        public var unitCount = 0
        public var flaggedCount = 0
        public var differingCount = 0
        public var payers: [Payer] = []
        /// A receipt that could not be read (e.g. an unreadable 診療年月): left as it is.
        public var error: String?
        /// 入院 (レセプト種別 4桁目 odd: 1 本人, 3 未就学者, 5 家族, 7/9 高齢受給者; 公費単独 1).
        public var inpatient = false
        /// The payers a blank 負担区分 names (`BurdenClass.blank`; a 併用 receipt with one is a fault before it is read).
        var blankBurden: UInt8 = 1
        /// RE 入院年月日 (項目 9), when stated.
        public var admissionDate: ServiceDate?
        /// RE 病棟区分 (項目 10) as stated (carried, not interpreted), when stated on an 入院 receipt.
        public var wardKind: String?
        /// The receipt's meals in yen (all payers), when it has 金額 units.
        public var meals: Meals?
        /// 合計点数 of the receipt: HO's, or the first KO's when there is no HO (for a receipt at
        /// fault, the one it states).
        public var total = 0
        /// The HO (or first payer's) 合計点数 as the file states it (nil: blank or unreadable): the GO is checked against them.
        public var statedTotal: Int?
        /// A receipt at fault whose HO/KO 合計点数 cannot be read: the GO 総合計点数 is then left as it is (review 89).
        public var totalUnreadable = false
        /// Units not re-priced that state no 点数 (a receipt being built, a drug no loaded master covers): the computed
        /// 合計点数 is a lower bound, so HO/KO (and the GO) are left as stated (review 135 P41: HO 261 was rewritten 93).
        public var unknownUnits = 0

        init(number: String, line: Int) { self.number = number; self.line = line }

        /// A receipt left as it is because of `fault`.
        init(_ doc: UKEDocument, _ rec: UKEStructure.Receipt, fault: UKEError) {
            number = UKEFields.printable(doc.bytes[doc.field(rec.lines.lowerBound, 1)])
            line = rec.lines.lowerBound
            place = rec.place
            self.fault = fault
            error = fault.located
            let stated = UKEStructure.statedTotal(doc, rec.lines)
            total = stated ?? 0
            statedTotal = stated
            totalUnreadable = stated == nil || fault.totalUntrusted
        }
    }

    public struct Report: Sendable {
        public var receipts: [Receipt] = []
        public var goLine: Int?
        public var goStated: Int?
        public var goComputed: Int = 0
        /// The GO states a 総合計点数 that is not a number (full-width digits, past 11 digits): a file fault, and the
        /// field is left as it is (review 110: it was rewritten and reported as "stated blank").
        public var goUnreadable = false
        /// The GO is left as the file states it (its receipts' total cannot be told or is not known): no 総合計点数 finding
        /// beside the fault that says why (review 149 B3: "stated blank, computed 0" for a GO left as it was).
        public var goLeft = false
        /// Fields to rewrite, in line order: (line, field, value).
        var changes: [(line: Int32, field: Int32, value: Int)] = []
        /// Faults outside the receipts: the file's (the whole file left as it is), stray records', the GO's.
        public var fileErrors: [UKEError] = []

        /// Every fault, in line order: the file's and stray records', and one per receipt left as it is.
        /// Empty when the whole file was read; otherwise the command exits 1.
        public var errors: [UKEError] {
            (fileErrors + receipts.compactMap(\.fault)).sorted { $0.line < $1.line }
        }
        /// Receipts left as they are because of a fault.
        public var faultyReceiptCount: Int { receipts.reduce(0) { $0 + ($1.fault == nil ? 0 : 1) } }

        public var unitCount: Int { receipts.reduce(0) { $0 + $1.unitCount } }
        public var flaggedCount: Int { receipts.reduce(0) { $0 + $1.flaggedCount } }
        public var differingCount: Int { receipts.reduce(0) { $0 + $1.differingCount } }
        /// A receipt of this 請求 re-priced with a total that is a lower bound (`Receipt.unknownUnits`): the GO is left as stated.
        public var totalUnknown: Bool { receipts.contains { $0.place == .body && $0.fault == nil && $0.unknownUnits > 0 } }
        /// HO/KO 合計点数 rewritten (stated otherwise than computed) in the receipts re-priced.
        public var totalsDifferingCount: Int {
            receipts.reduce(0) { n, r in r.fault != nil || r.unknownUnits > 0 ? n : n + r.payers.reduce(0) { $0 + ($1.stated != $1.computed ? 1 : 0) } }
        }
    }

    /// 診療識別 whose 手技 and whose 薬剤・特定保険医療材料 are separate 算定単位: the 告示 prices them in
    /// separate 節 added together (R06 ika-kokuji 第２章 第６部 注射 通則１・２: 第１節 注射料, 第２節
    /// 薬剤料, 第３節 特定保険医療材料料; 第９部 処置 通則１: 第１節 処置料 …「薬剤を使用した場合は」第３節,
    /// 特定保険医療材料 第４節; 第１０部 手術 通則１: 第１節 手術料 … 第４節 薬剤料, 第５節 特定保険医療材料料;
    /// 第１１部 麻酔 通則１: 第１節 麻酔料 … 第３節 薬剤料, 第４節 特定保険医療材料料), and the receipt states
    /// each with its own 点数 (電子レセプト作成の手引き: 手技料と薬剤料・特定保険医療材料料は別の算定単位).
    /// 31 皮下筋肉内, 32 静脈内, 33 その他 (注射), 40 処置, 50 手術, 54 麻酔. In 60 検査 (検体検査のまるめ)
    /// and 70 画像診断 (撮影・診断・造影剤・フィルム) the section's records stay one unit.
    static func separatesProcedureFromMaterials(_ category: Int) -> Bool {
        switch category {
        case 31, 32, 33, 40, 50, 54: true
        default: false
        }
    }

    static let SI = UKEDocument.id("SI"), IY = UKEDocument.id("IY"), TO = UKEDocument.id("TO"), CO = UKEDocument.id("CO")
    static let RE = UKEDocument.id("RE"), HO = UKEDocument.id("HO"), KO = UKEDocument.id("KO"), GO = UKEDocument.id("GO")

    public static func run(_ doc: UKEDocument, masters set: MasterSet, pricer: UnitPricer, options: Options = Options()) -> Report {
        let structure = doc.structure
        let receipts = structure.receipts
        // Chunks of receipts, each processed whole by one thread; results are joined in chunk order, so
        // the report and the rewritten file are the same for any number of threads (`--threads N`).
        let threads = options.parallel ? max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount) : 1
        let chunkCount = max(1, min(receipts.count, threads * 8))
        let results = UnsafeResults<([Receipt], [(line: Int32, field: Int32, value: Int)])>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for c in stride(from: t, to: chunkCount, by: threads) {
                let lo = receipts.count * c / chunkCount, hi = receipts.count * (c + 1) / chunkCount
                var worker = Worker(doc: doc, set: set, pricer: pricer, options: options)
                var out: [Receipt] = []
                out.reserveCapacity(hi - lo)
                for k in lo..<hi { out.append(worker.receipt(receipts[k])) }
                results.set(c, (out, worker.changes))
            }
        }
        var report = Report()
        report.fileErrors = structure.errors
        for c in 0..<chunkCount {
            let (receipts, changes) = results.get(c)
            report.receipts += receipts
            report.changes += changes
        }
        report.goLine = structure.goLine
        if let goLine = structure.goLine {
            report.goStated = UKEFields.bounded(doc.bytes, doc.field(goLine, 2), max: DomainLimit.maxFilePoints)
            // The receipts of this 請求 (those at fault with their stated totals): none is dropped.
            var sum: Int? = 0
            for r in report.receipts where r.place == .body { sum = sum.flatMap { Checked.add($0, r.total) } }
            // What the receipts of the 請求 state: a GO that states exactly their sum totals them, whatever lies outside
            // IR…GO (review 149 B2: the receipts between were re-priced and the GO kept their old total).
            var statedSum: Int? = 0
            for r in report.receipts where r.place == .body { statedSum = statedSum.flatMap { s in r.statedTotal.flatMap { Checked.add(s, $0) } } }
            // GO 総件数 and shape (checked here, not in `UKEStructure.scan`: chunked readers close each chunk with a
            // placeholder GO), reported after its total as the chunked path reports them.
            let countFault = UKEStructure.goCountFault(doc, goLine: goLine, receipts: report.receipts.lazy.filter { $0.place == .body }.count)
            if let bad = report.receipts.first(where: { $0.place == .body && $0.totalUnreadable }) {
                report.goComputed = report.goStated ?? 0
                report.goLeft = true
                report.fileErrors.append(UKEError(file: doc.name, line: goLine + 1, field: 3, fieldName: "総合計点数",
                                                  reason: UKERecalc.unreadableTotalReason(bad.number)))
            } else if report.totalUnknown {
                // A receipt whose total is a lower bound (units not re-priced without 点数): the file's total is not known
                // either; the GO stays as stated (its receipts say why, in the report).
                report.goComputed = report.goStated ?? 0
                report.goLeft = true
            } else if let why = report.receipts.first(where: { $0.place == .outside }).map({ "RE \($0.number) on line \($0.line + 1) is outside the IR…GO of this file" })
                        ?? structure.secondIRLine.map({ "a second IR on line \($0 + 1) comes before it" }), report.goStated != sum,
                      report.goStated != statedSum {
                // A receipt before the IR or after the GO, or a second IR (two files concatenated), and a GO that does not
                // total the receipts between them: which receipts it totals cannot be told, so it is left as stated (review
                // 129 B1: a GO on line 2 was rewritten to 0 with 25 receipts after it; review 132 C37: file A cut before its
                // GO, then file B — B's GO 90 was rewritten to A's 10,723 + 90).
                report.goComputed = report.goStated ?? 0
                report.goLeft = true
                report.fileErrors.append(UKEError(file: doc.name, line: goLine + 1, field: 3, fieldName: "総合計点数",
                                                  reason: "\(why): the receipts the GO totals are not known; GO left as it is"))
            } else if countFault?.field == 2 {
                // A 総件数 that is not the file's receipts: which receipts the GO totals cannot be told either (`goCountFault`).
                report.goComputed = report.goStated ?? 0
                report.goLeft = true
            } else if let sum, sum <= DomainLimit.maxFilePoints {
                report.goComputed = sum
                report.goUnreadable = report.goStated == nil && !doc.field(goLine, 2).isEmpty
                // A GO of another shape (cut short: `goCountFault`) or with an unreadable total stays as it is.
                if report.goStated != report.goComputed && doc.fieldCount(goLine) == 4 && !report.goUnreadable { report.changes.append((Int32(goLine), 2, report.goComputed)) }
                // … and is not counted as rewritten (review 149 W1: "1 合計点数 rewritten", the output byte for byte the input).
                if doc.fieldCount(goLine) != 4 { report.goLeft = true }
            } else {
                report.goComputed = report.goStated ?? 0
                report.goLeft = true
                report.fileErrors.append(UKEError(file: doc.name, line: goLine + 1, field: 3, fieldName: "総合計点数",
                                                  reason: "the receipts' 合計点数 add up to more than \(DomainLimit.maxFilePoints) points; GO left as it is"))
            }
            if let e = countFault { report.fileErrors.append(e) }
        }
        return report
    }

    /// The file with every changed unit 点数 (on its last record), HO/KO 合計点数 and GO 総合計点数
    /// replaced by the recomputed values; every other byte as it was.
    public static func rewrite(_ doc: UKEDocument, _ report: Report) -> [UInt8] {
        doc.writing(sortedChanges: report.changes)
    }

    /// Writes the re-priced file atomically, streaming unchanged spans from the input.
    public static func write(_ doc: UKEDocument, _ report: Report, to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(to: path) { fd in doc.write(sortedChanges: report.changes, to: fd) }
    }

    /// Processes receipts one after another with reusable buffers.
    struct Worker {
        let doc: UKEDocument
        let set: MasterSet
        let pricer: UnitPricer
        let options: Options
        var cache: [UInt32: DatedMasters] = [:]
        var items: [UnitItem] = []
        var payers: [Payer] = []
        var changes: [(line: Int32, field: Int32, value: Int)] = []
        var receiptChanges: [(line: Int32, field: Int32, value: Int)] = []
        var fields = UKEFields()
        /// Options.collectUnits: every unit of the last receipt, its items and its 回数 per 算定日 (31 a unit,
        /// the largest over its records: the 記録条件仕様 states the 算定日 fields on each SI/IY/TO record).
        var collected: [CollectedUnit] = []
        var collectedItems: [UnitItem] = []
        var collectedDays: [Int32] = []
        private var unitDays = [Int32](repeating: 0, count: 31)
        /// The 算定日 fields of the record being read.
        private var dayFields = [Int](repeating: 0, count: 31)
        /// The 算定日 fields of the first record of the open unit (入院料 90/92 only: `receipt` compares them).
        fileprivate var openDays = [Int](repeating: 0, count: 31)
        /// The 回数 the open unit's records state (the first that states one).
        fileprivate var openTimes: Int?
        /// F200 注3: the days of the receipt that bill the 処方料 of 7種類以上 (`UKERecalc.days(billing:)`), read when its
        /// first 内服 unit closes; nil before.
        fileprivate var manyOralDays: UInt32?
        /// F200 注2: the days of the receipt that bill the 処方料 of 向精神薬多剤投与 (F100 1), read when its first 投薬 unit
        /// closes; nil before.
        fileprivate var psychotropicDays: UInt32?
        /// A002 注6: the days of the receipt that bill an 外来診療料 (A002 base row), read when its first 検査・処置 unit closes on an
        /// 入院外 receipt; nil before.
        fileprivate var outpatientFeeDays: UInt32?
        /// The receipt's last closed unit — its items, 算定日 and, when priced in points, its 診療識別, 回数 and 点数 —
        /// on which a ％加算・減算 stated as a unit of its own is priced (`percentOnly`).
        fileprivate var previousItems: [UnitItem] = []
        fileprivate var previousDays = [Int](repeating: 0, count: 31)
        fileprivate var previous: (category: Int, times: Int, points: Int)? = nil
        /// Meals (食数) billed on each day of the receipt (入院時食事療養・生活療養, `mealRole` isMeal).
        fileprivate var mealsPerDay = [Int](repeating: 0, count: 31)
        /// 食事療養・生活療養 meals and yen per payer bit of the receipt being read (金額 units only).
        private var mealCount = [Int](repeating: 0, count: 5), mealYen = [Int](repeating: 0, count: 5)
        /// 検査 units (診療識別 60) of the receipt that state their 点数 and hold items of a 検体検査 まるめ group (包括対象検査 counted per
        /// 採血, `BundledTestRules.countsPerDraw`): a group split over units is priced together when the receipt ends (`splitBundles`;
        /// review 403 IQ-1). Their items and groups in flat arrays (no allocation per unit once the arrays have grown).
        fileprivate var bundleUnits: [BundleUnit] = []
        fileprivate var bundleItems: [UnitItem] = []
        fileprivate var bundleGroups: [Int] = []
        struct BundleUnit {
            var unit: Unit
            var items: Range<Int>
            var groups: Range<Int>
            var dayMask: UInt32
            var computed: Int
            /// Its entry in `collected` (Options.collectUnits), else -1.
            var collected: Int
        }

        struct CollectedUnit {
            var category: Int
            var times: Int
            /// Per 回: recomputed, else stated, else 0 (`Unit.points`).
            var points: Int
            var stated: Int?
            var flagged: Bool
            /// The earliest 算定日 (the 1st without one).
            var date: ServiceDate
            var items: Range<Int>
        }

        init(doc: UKEDocument, set: MasterSet, pricer: UnitPricer, options: Options) {
            self.doc = doc; self.set = set; self.pricer = pricer; self.options = options
        }

        mutating func dated(_ d: ServiceDate) -> DatedMasters {
            if let m = cache[d.yyyymmdd] { return m }
            let m = DatedMasters(set, on: d)
            cache[d.yyyymmdd] = m
            return m
        }

        /// Whether an SI record `code` that repeats the open unit's 診療識別, 回数 and 算定日 in a receipt without 点数 belongs
        /// to that unit: a ％加算・減算 row (点数識別 5, 6), a 注加算 row (告示等識別区分（１） 7), or a 検体検査 of the まるめ
        /// group (包括対象検査) of an item already in it. Looked up on the record's first 算定日 (else the 1st).
        mutating func joinsOpenUnit(_ code: UInt64, _ days: [Int], _ year: Int, _ month: Int) -> Bool {
            let day = (days.firstIndex { $0 > 0 } ?? 0) + 1
            guard let d = ServiceDate(year: year, month: month, day: day) else { return false }
            let date = options.mastersDate ?? d
            guard case .success(let t) = dated(date).procedures else { return false }
            return UKERecalc.joinsOpenUnit(code, t, on: date, openCodes: items.lazy.filter { $0.kind == .procedure }.map(\.code))
        }

        /// Whether the open unit holds ％加算・減算 rows only (点数識別 5, 6): rows priced on a base they do not carry.
        mutating func percentOnly(on day: ServiceDate) -> Bool {
            UnitPricer.percentOnly(items, dated(options.mastersDate ?? day))
        }

        /// How a 金額 unit counts in the receipt's 食事 (`Meals`): by the 点数欄集計先（入院） and 告示等識別区分（２）
        /// of its first row on the unit's date (R06rec2 別紙7-2: 970 入院時食事療養, 971 その標準負担額, 972/973
        /// 生活療養食事療養, 974/975 生活療養環境療養). nil when the row is not found.
        mutating func mealRole(_ first: UnitItem?, on day: ServiceDate) -> (column: Int, isMeal: Bool)? {
            let date = options.mastersDate ?? day
            guard let first, first.kind == .procedure, case .success(let t) = dated(date).procedures,
                  let i = t.codeIndex(of: first.code), let v = t.version(ofCode: i, on: date) else { return nil }
            let P = ProcedureColumn.self
            let column = t.integer(v, P.pointColumnInpatient) ?? 0
            let isMeal = (column == PointColumn.inpatientMeals.rawValue || column == PointColumn.livingCareMeals.rawValue)
                && t.integer(v, P.noticeClass2) == 1
            return (column, isMeal)
        }

        mutating func receipt(_ rec: UKEStructure.Receipt) -> Receipt {
            let start = rec.lines.lowerBound, end = rec.lines.upperBound
            if let fault = rec.fault ?? UKEStructure.check(doc, rec.lines, fields: &fields, daysSumToTimes: !options.collectUnits) { return Receipt(doc, rec, fault: fault) }
            guard case .success(let (year, month)) = UKEStructure.serviceMonth(doc, start) else {
                return Receipt(doc, rec, fault: UKEError(file: doc.name, line: start + 1, reason: "診療年月 is not a month"))
            }
            var r = Receipt(number: UKEFields.printable(doc.bytes[doc.field(start, 1)]), line: start)
            r.serviceMonth = (year, month)
            // レセプト種別 (4 digits, checked at the door): 4桁目 odd = 入院. RE 項目 9 入院年月日 (checked too).
            let kindRange = doc.field(start, 2)
            r.inpatient = (doc.bytes[kindRange.upperBound - 1] &- 48) % 2 == 1
            r.blankBurden = BurdenClass.blank(kind: doc.bytes[kindRange]) ?? 1
            if r.inpatient {
                r.admissionDate = UKEDate.date(doc.bytes[doc.field(start, 8)])
                let ward = doc.field(start, 9)
                if !ward.isEmpty { r.wardKind = UKEFields.printable(doc.bytes[ward]) }
            }
            if options.collectUnits {
                collected.removeAll(keepingCapacity: true)
                collectedItems.removeAll(keepingCapacity: true)
                collectedDays.removeAll(keepingCapacity: true)
            }
            var overflow: UKEError?
            payers.removeAll(keepingCapacity: true)
            receiptChanges.removeAll(keepingCapacity: true)
            bundleUnits.removeAll(keepingCapacity: true)
            bundleItems.removeAll(keepingCapacity: true)
            bundleGroups.removeAll(keepingCapacity: true)
            var category = 0
            var open = false
            var unit = Unit(firstLine: 0, lastLine: 0, category: 0, burden: 1, times: 1, items: [], stated: nil,
                            date: .distantPast, result: .failure(.codeNotValid(0, .distantPast)))
            var unitDay = 0, unitLastDay = 0
            var badQuantity: UnitPricingIssue?
            var total = [Int](repeating: 0, count: 5)
            // 食事療養・生活療養 for the receipt (per payer in `mealCount`/`mealYen`, cleared when a 金額 unit opens them).
            var meals: Meals?
            // Whether the receipt states any 点数 on SI/IY/TO: asked only at a 手技 ↔ 薬剤/材料 change, once.
            var stated = UKERecalc.StatedPoints()
            manyOralDays = nil
            psychotropicDays = nil
            outpatientFeeDays = nil
            previous = nil
            var unitKind = UnitItem.Kind.procedure

            func close(_ w: inout Worker, _ r: inout Receipt) {
                guard open else { return }
                open = false
                // The month and its 算定日 were checked at the door (`UKEStructure.check`).
                unit.date = ServiceDate(year: year, month: month, day: max(unitDay, 1)) ?? ServiceDate(year: year, month: month, day: 1) ?? .distantPast
                if let bad = badQuantity {
                    unit.result = .failure(bad)
                } else {
                    let dated = w.dated(w.options.mastersDate ?? unit.date)
                    // 注加算 of one 注加算コード and 通番 exclude each other (`ExclusiveAddOnSerials`, R06rec1 項番39; review 348 GN-1:
                    // I002 注3 and 注4 were both priced): the unit is priced without the one of fewer points, as `santei price` bills it.
                    var losers: [ExclusiveAddOnSerials.Loser] = []
                    if w.items.count >= 2, case .success(let t) = dated.procedures {
                        losers = ExclusiveAddOnSerials.losers(w.items.lazy.map { $0.kind == .procedure ? $0.code : nil }, t, on: dated.date)
                    }
                    // A002 注6: on a day of 外来診療料 the 検体検査 and 処置 it includes are priced at nothing, as `santei price` leaves
                    // them out (`OutpatientFeeInclusion`; review 376 HP-1: 尿沈渣 and 末梢血液一般 stated 0 were re-priced 27 and 21).
                    var included: [(index: Int, why: String)] = []
                    // (The list is read only on a receipt that bills an 外来診療料: most bill none.)
                    if !r.inpatient, (40...69).contains(unit.category), case .success(let t) = dated.procedures {
                        if w.outpatientFeeDays == nil { w.outpatientFeeDays = UKERecalc.days(w.doc, start..<end) { OutpatientFeeInclusion.isBase($0, t, on: dated.date) } }
                        var unitMask: UInt32 = 0
                        for d in 0..<31 where w.openDays[d] > 0 { unitMask |= 1 << UInt32(d) }
                        let mask = w.outpatientFeeDays ?? 0
                        if mask != 0 && (unitMask == 0 || unitMask & ~mask == 0), let version = OutpatientFeeInclusionRules.embedded?.version(on: dated.date) {
                            for (k, item) in w.items.enumerated() where item.kind == .procedure {
                                if let why = OutpatientFeeInclusion.includes(item.code, version, t, on: dated.date) { included.append((k, why)) }
                            }
                        }
                    }
                    if losers.isEmpty && included.isEmpty {
                        unit.result = w.pricer.price(w.items, category: unit.category, masters: dated, explain: w.options.explain ? .full : .off)
                    } else {
                        let out = Set(losers.map(\.index) + included.map(\.index))
                        let billed = w.items.indices.filter { !out.contains($0) }.map { w.items[$0] }
                        unit.result = billed.isEmpty ? .success(UnitPrice(points: 0, explanation: []))
                            : w.pricer.price(billed, category: unit.category, masters: dated, explain: w.options.explain ? .full : .off)
                        if case .success(var p) = unit.result {
                            p.notBilled = losers.map { "\(UnitPricingIssue.code(w.items[$0.index].code)) not billed — " + ExclusiveAddOnSerials.reason(kept: UnitPricingIssue.code(w.items[$0.kept].code), $0)
                                + UKERecalc.infantRateNote(w.items[$0.index].code, w.items[$0.kept].code, on: dated.date) }
                                + included.map { "\(UnitPricingIssue.code(w.items[$0.index].code)) not billed — \($0.why)" }
                            if w.options.explain { p.explanation += p.notBilled }
                            unit.result = .success(p)
                        }
                    }
                    // 入院: a unit whose 算定日 run over several days (入院料 1日につき) is priced on its first and
                    // its last day; a master that changes between them (a revision inside the month) gives the
                    // days different 点数, which one 点数 field cannot state: the unit must be split.
                    if r.inpatient && w.options.mastersDate == nil && unitLastDay > unitDay, case .success(let first) = unit.result,
                       let last = ServiceDate(year: year, month: month, day: unitLastDay) {
                        if case .success(let p) = w.pricer.price(w.items, category: unit.category, masters: w.dated(last), explain: false),
                           p.points != first.points || p.yen != first.yen {
                            unit.result = .failure(.pricesDifferWithinUnit(w.items.first?.code ?? 0, last, first.isYen ? first.yen : first.points, p.isYen ? p.yen : p.points))
                        }
                    }
                }
                // F200 注3 (R06 ika-kokuji.txt 10857-10860; 通知 F200 (6)): the 内服薬 of a 処方 of 7種類以上 — the day bills the
                // 処方料 of 7種類以上 (F100 2, medication.json F100.2) — at 100分の90 per 1剤1日分, 1点未満四捨五入, as
                // `santei price` derives it. 入院外 only; a 剤 whose 算定日 are not all such days is left as priced.
                if unit.category == 21 && !r.inpatient, case .success(var p) = unit.result, !p.isYen, p.points > 0,
                   let version = MedicationRules.embedded?.version(on: w.options.mastersDate ?? unit.date), let code = version.code("F100.2") {
                    if w.manyOralDays == nil { w.manyOralDays = UKERecalc.days(billing: code, w.doc, start..<end) }
                    var unitMask: UInt32 = 0
                    for d in 0..<31 where w.openDays[d] > 0 { unitMask |= 1 << UInt32(d) }
                    let mask = w.manyOralDays ?? 0
                    if mask != 0 && (unitMask == 0 || unitMask & ~mask == 0) {
                        let reduced = Rounding.halfUp(p.points * version.manyOralPercent, divisor: 100)
                        if w.options.explain { p.explanation.append("F200 注3: the day's 処方料 is \(code) (7種類以上の内服薬) → 薬剤料 × \(version.manyOralPercent)/100 per 1剤1日分, 1点未満四捨五入: \(p.points) → \(reduced)点") }
                        p.points = reduced
                        unit.result = .success(p)
                    }
                }
                // F200 注2 (R06 ika-kokuji.txt 10851-10856): on a day whose 処方料 is that of 向精神薬多剤投与 (F100 1), the 薬剤料 of
                // the 抗不安薬、睡眠薬、抗うつ薬及び抗精神病薬 is 100分の80. A receipt does not say which drugs those are: a 剤 of
                // such a day stated at 100分の80 of its price (1点未満四捨五入) is taken as one (review 303 ET-1: a correct 5点 was
                // flagged as 6 and the HO raised); another 剤 is priced as ever.
                if (21...23).contains(unit.category) && !r.inpatient, let stated = unit.stated, case .success(var p) = unit.result, !p.isYen, p.points > 0,
                   stated != p.points, let version = MedicationRules.embedded?.version(on: w.options.mastersDate ?? unit.date), let code = version.code("F100.1") {
                    if w.psychotropicDays == nil { w.psychotropicDays = UKERecalc.days(billing: code, w.doc, start..<end) }
                    var unitMask: UInt32 = 0
                    for d in 0..<31 where w.openDays[d] > 0 { unitMask |= 1 << UInt32(d) }
                    let mask = w.psychotropicDays ?? 0
                    let reduced = Rounding.halfUp(p.points * version.psychotropicPercent, divisor: 100)
                    if mask != 0 && (unitMask == 0 || unitMask & ~mask == 0) && stated == reduced {
                        if w.options.explain { p.explanation.append("F200 注2: the day's 処方料 is \(code) (向精神薬多剤投与) and the 剤 is stated at \(version.psychotropicPercent)/100 (抗不安薬等の薬剤料, 1点未満四捨五入): \(p.points) → \(reduced)点") }
                        p.points = reduced
                        unit.result = .success(p)
                    }
                }
                // A 入院外のみ row (入外適用区分 2: G004 3 点滴注射 「入院中の患者以外の患者に限る」) on an 入院 receipt is not
                // billable there (review 102; `ClaimPricer` leaves it out of an 入院 claim): the unit is not re-priced, its
                // stated 点数 kept and named.
                if r.inpatient, case .success = unit.result, case .success(let t) = w.dated(w.options.mastersDate ?? unit.date).procedures,
                   let code = w.items.first(where: { $0.kind == .procedure && UKERecalc.outpatientOnly(t, $0.code, on: w.options.mastersDate ?? unit.date) })?.code {
                    unit.result = .failure(.outpatientOnly(code))
                }
                // A ％加算・減算 stated as a unit of its own, its 点数 on its own record (review 128 P02: SI,40 創傷処置 160 then
                // SI,40 時間外加算２（処置） 64, each with its 点数): the 告示 gives it as 100分の40 of its base's 所定点数 (第9部 通則5),
                // so it is priced on the unit before it of the same 診療識別, 回数 and 算定日 — its base — as what it adds to
                // that unit. Alone it would be 0 points and the receipt would lose the 加算.
                var joined = false
                // (Where no 点数 marks the ends, such a row already continues the unit it repeats: `joinsOpenUnit`.)
                // Its 点数 stated or blank (review 264 DG-2: a blank 時間外加算２ row after a 手術 unit that states its 点数 was
                // filled with 0).
                if case .success(var p) = unit.result, !p.isYen, let prev = w.previous, prev.category == unit.category,
                   prev.times == unit.times, w.items.count <= 2, w.previousDays == w.openDays, w.percentOnly(on: unit.date) {
                    w.previousItems += w.items
                    if case .success(let whole) = w.pricer.price(w.previousItems, category: unit.category, masters: w.dated(w.options.mastersDate ?? unit.date), explain: w.options.explain ? .full : .off),
                       !whole.isYen {
                        if w.options.explain { p.explanation.append("a ％加算・減算 stated as its own unit: priced on the unit before it (same 診療識別, 回数, 算定日) as \(whole.points) − \(prev.points) = \(whole.points - prev.points)点") }
                        p.points = whole.points - prev.points
                        unit.result = .success(p)
                        w.previous = (unit.category, unit.times, whole.points)
                        joined = true
                    }
                }
                if !joined {
                    // Kept for receipts that state 点数 only (a blank unit is no base to price a stated ％ row on).
                    if unit.stated != nil, case .success(let p) = unit.result, !p.isYen {
                        w.previousItems.removeAll(keepingCapacity: true)
                        w.previousItems += w.items
                        for d in 0..<31 { w.previousDays[d] = w.openDays[d] }
                        w.previous = (unit.category, unit.times, p.points)
                    } else {
                        w.previous = nil
                    }
                }
                switch unit.result {
                case .success(let p): unit.isYen = p.isYen
                case .failure(.mixedYenAndPoints): unit.isYen = false
                case .failure: unit.isYen = unit.category == 97
                }
                r.unitCount += 1
                let points: Int
                switch unit.result {
                case .success(let p):
                    points = p.isYen ? 0 : p.points
                    let field = p.isYen ? p.yen : p.points
                    // A 点数 field holds 7 digits (記録条件仕様; DomainLimit.maxUnitPoints): a unit priced past it cannot be
                    // written — the receipt is at fault, as `santei price` refuses the order (review 118: きざみ 2,500 of
                    // 150073510 wrote 10006770 into the field).
                    if !p.isYen && abs(p.points) > DomainLimit.maxUnitPoints && overflow == nil {
                        overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, field: 6, fieldName: "点数", receipt: r.number,
                                            reason: "the unit is priced at \(p.points) points, past the 7-digit 点数 (\(DomainLimit.maxUnitPoints))")
                    }
                    if field != unit.stated {
                        r.differingCount += 1
                        w.receiptChanges.append((Int32(unit.lastLine), 5, field))
                    }
                case .failure(let issue):
                    points = unit.isYen ? 0 : unit.stated ?? 0
                    r.flaggedCount += 1
                    if unit.stated == nil && !unit.isYen { r.unknownUnits += 1 }
                    // An amount past what can be computed (使用量 × 薬価 of a drug or device beyond any field: review 132 O08,
                    // 99999.99999 × 167,077,222円) is the receipt's fault, as a unit priced past the 7-digit 点数 is — its
                    // stated 点数 are not a figure to keep.
                    if case .overflow(let code) = issue, overflow == nil {
                        overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, field: 6, fieldName: "点数", receipt: r.number,
                                            reason: "\(code): the unit's amount overflows (past the 7-digit 点数)")
                    }
                }
                if unit.isYen {
                    // 金額 units: yen apart from points, into the 食事 of each payer the 負担区分 names.
                    if meals == nil { for bit in 0..<5 { w.mealCount[bit] = 0; w.mealYen[bit] = 0 }; for d in 0..<31 { w.mealsPerDay[d] = 0 } }
                    var m = meals ?? Meals()
                    if case .success(let p) = unit.result, let role = w.mealRole(w.items.first, on: unit.date) {
                        let perTime = max(1, (w.items.first?.quantity ?? 0) / UnitItem.quantityScale)
                        let billed: Bool, standard: Bool
                        switch PointColumn(rawValue: role.column) {   // no array per unit on the recalc path
                        case .inpatientMeals, .livingCareMeals, .livingCareEnvironment: (billed, standard) = (true, false)
                        case .inpatientMealsStandardCharge, .livingCareMealsStandardCharge, .livingCareEnvironmentStandardCharge: (billed, standard) = (false, true)
                        default: (billed, standard) = (false, false)
                        }
                        // At most three meals a day (告示99号 別表 一 (1): 1食につき, 1日につき3食を限度; meal-codes.json):
                        // the 食数 of the unit's 算定日 add up per day over the receipt's meal units.
                        if role.isMeal && billed && overflow == nil {
                            for d in 0..<31 where w.openDays[d] > 0 {
                                w.mealsPerDay[d] += perTime * w.openDays[d]
                                if w.mealsPerDay[d] > 3 {
                                    // The 数量データ (項目 5, 食数) of the unit's row when it alone passes three (review 246 CO-3: field 14
                                    // was named for a 数量 of 4 with 1 in it).
                                    let byQuantity = perTime > 3
                                    overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, field: byQuantity ? 5 : 14 + d, fieldName: byQuantity ? "数量データ" : "算定日情報 \(d + 1)日", receipt: r.number,
                                                        reason: byQuantity ? "\(perTime) meals (食事療養・生活療養) a 回 on day \(d + 1): at most three a day (1日3食を限度)"
                                                            : "\(w.mealsPerDay[d]) meals (食事療養・生活療養) on day \(d + 1): at most three a day (1日3食を限度)")
                                    break
                                }
                            }
                        }
                        // 金額 ≤ 9,999,999 a 回 (bounded at the door for stated ones, by the masters for computed
                        // ones) × 回数 ≤ 999, and 食数 ≤ 3 × 999: checked against the HO field limits.
                        if let amount = Checked.mul(p.yen, unit.times), let count = Checked.mul(role.isMeal ? perTime : 0, unit.times) {
                            if billed {
                                m.yen = Checked.add(m.yen, amount) ?? m.yen
                                m.count = Checked.add(m.count, count) ?? m.count
                                for bit in 0..<5 where unit.burden & (1 << bit) != 0 {
                                    if let y = Checked.add(w.mealYen[bit], amount), y <= DomainLimit.maxReceiptMealYen,
                                       let c = Checked.add(w.mealCount[bit], count), c <= DomainLimit.maxReceiptMeals {
                                        w.mealYen[bit] = y; w.mealCount[bit] = c
                                    } else if overflow == nil {
                                        overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, receipt: r.number,
                                                            reason: "食事療養・生活療養 passes \(DomainLimit.maxReceiptMealYen) yen or \(DomainLimit.maxReceiptMeals) meals at this unit (\(p.yen) × \(unit.times))")
                                    }
                                }
                            } else if standard {
                                m.standardCharge = Checked.add(m.standardCharge, amount) ?? m.standardCharge
                            }
                        } else if overflow == nil {
                            overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, field: 6, fieldName: "点数", receipt: r.number,
                                                reason: "\(p.yen) yen × \(unit.times) overflows")
                        }
                    } else {
                        m.unpriced += 1
                    }
                    meals = m
                } else if let amount = Checked.mul(points, unit.times) {
                    for bit in 0..<5 where unit.burden & (1 << bit) != 0 {
                        if let t = Checked.add(total[bit], amount), t <= DomainLimit.maxReceiptPoints { total[bit] = t }
                        else if overflow == nil {
                            overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, receipt: r.number,
                                                reason: "合計点数 passes \(DomainLimit.maxReceiptPoints) points at this unit (\(points) × \(unit.times))")
                        }
                    }
                } else if overflow == nil {
                    overflow = UKEError(file: w.doc.name, line: unit.lastLine + 1, field: 6, fieldName: "点数", receipt: r.number,
                                        reason: "\(points) points × \(unit.times) overflows")
                }
                // A 検査 unit that states its 点数 and holds a まるめ group's items: kept for `splitBundles`.
                if unit.category == 60 && !unit.isYen && unit.stated != nil, case .success(let p) = unit.result,
                   case .success(let t) = w.dated(w.options.mastersDate ?? unit.date).procedures {
                    let on = w.options.mastersDate ?? unit.date
                    let g0 = w.bundleGroups.count
                    for item in w.items where item.kind == .procedure {
                        guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: on), let g = t.integer(v, ProcedureColumn.bundledTestGroup),
                              g != 0, w.pricer.bundled.countsPerDraw(group: g), !w.bundleGroups[g0...].contains(g) else { continue }
                        w.bundleGroups.append(g)
                    }
                    if w.bundleGroups.count > g0 {
                        var mask: UInt32 = 0
                        for d in 0..<31 where w.openDays[d] > 0 { mask |= 1 << UInt32(d) }
                        let i0 = w.bundleItems.count
                        w.bundleItems += w.items
                        var kept = unit
                        kept.items = []
                        w.bundleUnits.append(BundleUnit(unit: kept, items: i0..<w.bundleItems.count, groups: g0..<w.bundleGroups.count, dayMask: mask,
                                                        computed: p.points, collected: w.options.collectUnits ? w.collected.count : -1))
                    }
                }
                if w.options.collectUnits {
                    let first = w.collectedItems.count
                    w.collectedItems += w.items
                    // A 金額 unit's stated yen are not points: aggregate counts it with 0 points and no stated points.
                    w.collected.append(CollectedUnit(category: unit.category, times: unit.times, points: points, stated: unit.isYen ? nil : unit.stated,
                                                     flagged: unit.isFlagged, date: unit.date, items: first..<w.collectedItems.count))
                    w.collectedDays += w.unitDays
                }
                if w.options.keepAllUnits || unit.isFlagged || (unit.differs && w.options.keepDifferingUnits) {
                    unit.items = w.items
                    r.units.append(unit)
                }
            }

            let bytes = doc.bytes
            for l in start..<end {
                let id = doc.recordID(l)
                guard id == HO || id == KO || id == SI || id == IY || id == TO || id == CO else { continue }
                fields.load(doc, l)
                switch id {
                case HO, KO:
                    close(&self, &r)
                    let hasHO = payers.contains { $0.bit == 0 }
                    let bit = id == HO ? 0 : payers.count + (hasHO ? 0 : 1)
                    if bit < 5 {
                        var payer = Payer(line: l, bit: bit, stated: UKEFields.integer(bytes, fields.range(5)), computed: 0)
                        // 食事療養・生活療養 回数 and 合計金額: HO 項目 8・9, KO 項目 11・12 (checked at the door).
                        let meal = id == HO ? 7 : 10
                        payer.statedMeals = (UKEFields.integer(bytes, fields.range(meal)), UKEFields.integer(bytes, fields.range(meal + 1)))
                        payers.append(payer)
                    }
                case SI, IY, TO:
                    let kind: UnitItem.Kind = id == SI ? .procedure : id == IY ? .drug : .device
                    // The unit's service day: the earliest 算定日 (fields 1日〜31日) of its records, else the 1st.
                    let firstDay = kind == .device ? 17 : 13
                    dayFields.withUnsafeMutableBufferPointer { fields.integers(bytes, from: firstDay, into: $0) }
                    let times = UKEFields.integer(bytes, fields.range(6)) ?? 1
                    var code: UInt64 = 0
                    for i in fields.range(3) { code = code &* 10 &+ UInt64(bytes[i] &- 48) }
                    if let c = UKEFields.integer(bytes, fields.range(1)) {
                        // A record that repeats the open unit's 診療識別 with its 回数 and 算定日, in a receipt that states
                        // 点数, continues the unit: 点数 is on the unit's last record only, 回数 and 算定日 on every one
                        // (記録条件仕様; some レセコン repeat 診療識別 on every line). Otherwise 診療識別 starts a unit.
                        // An SI record of a receipt whose SI 点数 are all blank (review 106: the SI 点数 blanked, the IY kept)
                        // cannot count on a 点数 to end its unit: it is read as in a receipt without any 点数.
                        var continues = false
                        if open && c == category && times == unit.times && dayFields == openDays {
                            continues = stated.marksUnitEnds(procedure: kind == .procedure, doc, start..<end)
                            // Where no 点数 marks the ends (review 125), a row that cannot stand alone continues the unit it
                            // repeats the 診療識別, 回数 and 算定日 of: a ％加算・減算 (点数識別 5, 6: 時間外加算２ after its 手術), a
                            // 注加算 row (review 131) and a 検体検査 of the まるめ group of an item already in the unit (D007 注:
                            // 1回に採取した血液 — the まるめ counts the 採取's items however the records are cut): `joinsOpenUnit`.
                            if !continues && kind == .procedure { continues = joinsOpenUnit(code, dayFields, year, month) }
                        }
                        if !continues { close(&self, &r); category = c }
                    }
                    let quantityRange = fields.range(4)
                    var parsed: Int?
                    if case .value(let v) = UKEFields.quantity(bytes, quantityRange, integerOnly: kind == .procedure) { parsed = v }
                    let burdenRange = fields.range(2)
                    let burden = burdenRange.isEmpty ? r.blankBurden : (BurdenClass.payers(bytes[burdenRange.lowerBound]) ?? 1)
                    var day = 0, lastDay = 0
                    for d in 0..<31 where dayFields[d] > 0 { day = d + 1; break }
                    if r.inpatient { for d in stride(from: 30, through: 0, by: -1) where dayFields[d] > 0 { lastDay = d + 1; break } }
                    // A receipt without any stated SI 点数 (every 点数 blank, or the SI 点数 blanked and the IY/TO ones
                    // stated: review 106): the 手技 and the 薬剤・材料 after it (or the 手技 after them) are separate units in
                    // the sections where the 告示 prices them apart — no stated 点数 marks where the 手技's unit ends (the
                    // 手術 of a receipt was joined to the 薬剤 unit after it and its 12,100点 lost).
                    if open && (unitKind == .procedure) != (kind == .procedure) && UKERecalc.separatesProcedureFromMaterials(category) {
                        if !stated.marksUnitEnds(procedure: true, doc, start..<end) { close(&self, &r) }
                    }
                    // … and in 入院料 (90 入院基本料, 92 特定入院料・その他) a record whose 算定日 or 回数 differ from the
                    // unit's starts another unit: the records of one 算定単位 state the same 回数 and 算定日
                    // (記録条件仕様: 回数は算定日情報の合計と一致), and the 入院基本料 of the stay's days, an 入院初日
                    // 加算 and a 14日限度 加算 are different 算定単位.
                    if open && (category == 90 || category == 92) && (times != unit.times || dayFields != openDays) {
                        if !stated.marksUnitEnds(procedure: true, doc, start..<end) { close(&self, &r) }
                    }
                    // … and so in every 診療識別 (review 121: SI,12 再診 回数 2 days 5 and 19, then SI,, 外来管理加算 回数 3 were
                    // one unit priced 125 × 3): a record whose 回数, or whose 算定日, differ from the open unit's where both
                    // state them starts another unit. Where 点数 mark the ends, a record whose stated 回数 differ from the open
                    // unit's does too (review 264 DG-1: a 再診 of 回数 2 with its 点数 blank was joined to the 外来管理加算 of 回数 1
                    // after it and one 再診 lost): the records of one 算定単位 state one 回数 (記録条件仕様: 回数は算定日情報の合計と
                    // 一致) — their 算定日 columns may count 1 on the records before the last.
                    let statedTimes = UKEFields.integer(bytes, fields.range(6))
                    if open {
                        let timesDiffer = statedTimes != nil && openTimes != nil && statedTimes != openTimes
                        if timesDiffer { close(&self, &r) }
                        else if !stated.marksUnitEnds(procedure: kind == .procedure, doc, start..<end),
                                dayFields != openDays && dayFields.contains(where: { $0 > 0 }) && openDays.contains(where: { $0 > 0 }) { close(&self, &r) }
                    }
                    unitKind = kind
                    if !open {
                        open = true
                        badQuantity = nil
                        items.removeAll(keepingCapacity: true)
                        unit.firstLine = l
                        unit.category = category
                        unit.stated = nil
                        unitDay = 0
                        unitLastDay = 0
                        if options.collectUnits { for d in 0..<31 { unitDays[d] = 0 } }
                        for d in 0..<31 { openDays[d] = dayFields[d] }
                        openTimes = nil
                    }
                    if openTimes == nil { openTimes = statedTimes }
                    // The record's 算定日 go to the unit it belongs to, once that unit is open.
                    if options.collectUnits { for d in 0..<31 { unitDays[d] = max(unitDays[d], Int32(clamping: dayFields[d])) } }
                    if day > 0 && (unitDay == 0 || day < unitDay) { unitDay = day }
                    if lastDay > unitLastDay { unitLastDay = lastDay }
                    if parsed == nil && !quantityRange.isEmpty {
                        badQuantity = .invalidQuantity(code, String(decoding: bytes[quantityRange], as: UTF8.self))
                    }
                    items.append(UnitItem(kind: kind, code: code, quantity: parsed ?? 0))
                    unit.lastLine = l
                    unit.times = times
                    unit.burden = burden
                    if let points = UKEFields.integer(bytes, fields.range(5)) {
                        unit.stated = points
                        close(&self, &r)
                    } else if fields.range(5).isEmpty == false || category == 97 {
                        // 97 食事療養・生活療養・標準負担額: each record is one 算定単位 with its own 金額.
                        close(&self, &r)
                    }
                case CO:
                    // A comment that states 診療識別 opens a new section: the unit before it is complete — unless it
                    // names the open unit's own 診療識別 in a receipt that states 点数, whose unit ends only with the
                    // record that states them (記録条件仕様: 点数は算定単位内の最終レコードのみ記録; review 96: a
                    // comment inside a まるめ or ％加算 unit split it and both halves were mis-priced).
                    // In a receipt without 点数 too (review 117: SI,40 処置 / CO,40 / SI,, 時間外加算２ was split, and the
                    // 40% 加算 priced at 0 on its own): a record that continues the unit says so by a blank 診療識別, and a
                    // comment on the unit names the unit's 診療識別 — only a record (SI/IY/TO) stating it again starts one.
                    if let c = UKEFields.integer(bytes, fields.range(1)) {
                        if !open || c != category { close(&self, &r); category = c }
                    }
                default:
                    continue
                }
            }
            close(&self, &r)
            if let overflow { return Receipt(doc, rec, fault: overflow) }
            if bundleUnits.count >= 2 { splitBundles(&r, &total) }
            for k in payers.indices {
                payers[k].computed = total[payers[k].bit]
                if payers[k].stated != payers[k].computed && r.unknownUnits == 0 { receiptChanges.append((Int32(payers[k].line), 5, payers[k].computed)) }
                // The 食事 fields are rewritten only when every 金額 unit was priced; a receipt without any keeps
                // them as they are when they are blank or 0 (an 入院外 receipt is written back byte for byte).
                if let m = meals, m.unpriced == 0 {
                    payers[k].meals = (mealCount[payers[k].bit], mealYen[payers[k].bit])
                } else if meals == nil, (payers[k].statedMeals.count ?? 0) != 0 || (payers[k].statedMeals.yen ?? 0) != 0 {
                    payers[k].meals = (0, 0)
                }
                if payers[k].mealsDiffer, let m = payers[k].meals {
                    let field: Int32 = doc.recordID(payers[k].line) == HO ? 7 : 10
                    receiptChanges.append((Int32(payers[k].line), field, m.count))
                    receiptChanges.append((Int32(payers[k].line), field + 1, m.yen))
                }
            }
            r.total = payers.first?.computed ?? 0
            r.statedTotal = payers.first?.stated
            r.meals = meals
            if options.keepAllUnits || payers.contains(where: { $0.stated != $0.computed || $0.mealsDiffer }) { r.payers = payers }
            receiptChanges.sort { ($0.line, $0.field) < ($1.line, $1.field) }
            changes += receiptChanges
            return r
        }

        /// Review 403 IQ-1 — 告示 D007 注 and its like: 患者から１回に採取した血液を用いて…５項目以上行った場合 — the まるめ counts the tests of
        /// one 採血, not of a unit. Units of one day (same 算定日 and 回数) that state their 点数 and hold items of one まるめ group
        /// between them are priced together when the group's price is not the sum of their own (a まるめ applies): see the rules
        /// below (a split 5 + 5 stated 0 + 109 was rewritten 93 + 93, and HO with it). The receipt's totals, changes, report units
        /// and collected units follow.
        mutating func splitBundles(_ r: inout Receipt, _ total: inout [Int]) {
            let n = bundleUnits.count
            var parent = Array(0..<n)
            func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let a = bundleUnits[i], b = bundleUnits[j]
                    guard a.dayMask == b.dayMask, a.unit.times == b.unit.times,
                          bundleGroups[a.groups].contains(where: { bundleGroups[b.groups].contains($0) }) else { continue }
                    let ri = root(i), rj = root(j)
                    parent[rj] = ri
                }
            }
            var members: [Int: [Int]] = [:]
            for i in 0..<n { members[root(i), default: []].append(i) }
            var sortUnits = false
            for (_, group) in members.sorted(by: { $0.key < $1.key }) where group.count >= 2 {
                let units = group.map { bundleUnits[$0] }
                var items: [UnitItem] = []
                for u in units { items += bundleItems[u.items] }
                let first = units[0].unit
                guard case .success(let whole) = pricer.price(items, category: first.category, masters: dated(options.mastersDate ?? first.date), explain: .off),
                      !whole.isYen else { continue }
                // - what they state together is the group's price: as stated (the 点数 may fall on any of them, 負担区分 alike);
                // - each states its own price alone: left so — two 採血 of the day are two まるめ (review 404 IR-3), and five tests
                //   stated one by one are told by the audit (SA-P001), not rewritten;
                // - else one 採血 (a unit of 0, or a part of the group's price): the last unit is given the price and the others 0
                //   (review 404 IR-1: 0 + 93 was rewritten 93 + 93), where they share one 負担区分.
                let stated = units.reduce(0) { $0 + ($1.unit.stated ?? 0) }
                let alone = units.reduce(0) { $0 + $1.computed }
                guard whole.points != alone, units.contains(where: { $0.computed != ($0.unit.stated ?? 0) }) else { continue }
                let asStated = stated == whole.points
                guard asStated || Set(units.map(\.unit.burden)).count == 1 else { continue }
                let last = units.map(\.unit.lastLine).max() ?? first.lastLine
                let lines = units.map { String($0.unit.lastLine + 1) }.joined(separator: ", ")
                for u in units {
                    let own = u.unit.stated ?? 0
                    let value = asStated ? own : u.unit.lastLine == last ? whole.points : 0
                    if value != u.computed {
                        let delta = (value - u.computed) * u.unit.times
                        for bit in 0..<5 where u.unit.burden & (1 << bit) != 0 { total[bit] = Checked.add(total[bit], delta) ?? total[bit] }
                    }
                    let wasDifferent = u.computed != own, isDifferent = value != own
                    receiptChanges.removeAll { $0.line == Int32(u.unit.lastLine) && $0.field == 5 }
                    if isDifferent { receiptChanges.append((Int32(u.unit.lastLine), 5, value)) }
                    r.differingCount += (isDifferent ? 1 : 0) - (wasDifferent ? 1 : 0)
                    if u.collected >= 0 && u.collected < collected.count { collected[u.collected].points = value }
                    var unit = u.unit
                    unit.items = Array(bundleItems[u.items])
                    if case .success(var p) = unit.result {
                        p.points = value
                        if options.explain {
                            p.explanation.append("検体検査 まるめ over the units of lines \(lines) (one 採血: 告示 D007 注 and its like — the tests of the 採血, not of a unit): priced together at \(whole.points)点"
                                                 + (asStated ? ", which they state together" : "; they state \(stated) together: the last unit is given \(whole.points) and the others 0"))
                        }
                        unit.result = .success(p)
                    }
                    let keep = options.keepAllUnits || unit.isFlagged || (isDifferent && options.keepDifferingUnits)
                    if let k = r.units.firstIndex(where: { $0.lastLine == unit.lastLine }) {
                        if keep { r.units[k] = unit } else { r.units.remove(at: k) }
                    } else if keep {
                        r.units.append(unit)
                        sortUnits = true
                    }
                }
            }
            if sortUnits { r.units.sort { $0.firstLine < $1.firstLine } }
        }
    }

    /// Whether `code` is a 入院外のみ row (入外適用区分 2, 医科診療行為マスター 項番13) on `date`.
    /// A 乳幼児加算 and a 時間外・休日・深夜加算 of one 初診料・再診料・外来診療料 exclude each other as the receipt codes them (A000 注6
    /// ただし: 注７又は注８に規定する加算を算定する場合は算定しない) — but for a child under 6 the 告示 bills the two as one 乳幼児 row
    /// (A000 注7 「６歳未満の乳幼児の場合にあっては、それぞれ200点…」; add-on-substitutions.json, SA-A009). The note that drops one of
    /// them names that row, which the unit should state (review 424 JM-3: 288 + 75 + 85 stated 488 was re-priced 373 without a word
    /// of 111011970 乳幼児時間外加算 200). Empty for any other pair.
    static func infantRateNote(_ a: UInt64, _ b: UInt64, on date: ServiceDate) -> String {
        guard let r = AddOnSubstitutions.embedded?.pairRow([a, b], on: date) else { return "" }
        return "; for a child under 6 the two are one 加算, \(r.use) (\(r.name)): the unit should state that row in their place (SA-A009)"
    }

    static func outpatientOnly(_ t: MasterTable, _ code: UInt64, on date: ServiceDate) -> Bool {
        guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return false }
        return t.integer(v, ProcedureColumn.inpatientApplicability) == InpatientApplicability.outpatientOnly.rawValue
    }

    /// The 算定日 (bit d − 1 for day d) of the SI records of `lines` that bill `code`; every day for one that states none.
    static func days(billing code: UInt64, _ doc: UKEDocument, _ lines: Range<Int>) -> UInt32 {
        days(doc, lines) { $0 == code }
    }

    /// The days (bit d − 1 for day d) of `lines` whose SI records bill a code `matches` accepts; a record with no 算定日 stands for
    /// every day.
    static func days(_ doc: UKEDocument, _ lines: Range<Int>, where matches: (UInt64) -> Bool) -> UInt32 {
        var mask: UInt32 = 0
        let bytes = doc.bytes
        for k in lines where doc.recordID(k) == SI {
            let r = doc.field(k, 3)
            guard r.count == DomainLimit.itemCodeLength else { continue }
            var c: UInt64 = 0
            for i in r { c = c &* 10 &+ UInt64(bytes[i] &- 48) }
            guard matches(c) else { continue }
            var any = false
            for d in 0..<31 where (UKEFields.integer(bytes, doc.field(k, 13 + d)) ?? 0) > 0 { mask |= 1 << UInt32(d); any = true }
            if !any { mask = 0x7FFF_FFFF }
        }
        return mask
    }

    /// Why the GO 総合計点数 is left as it is when a receipt at fault states no readable 合計点数.
    /// A file fault's message as the report gives it: "; left as it is" once (review 149 W2: a GO fault read "…; GO left as
    /// it is; left as it is" when the whole file was read, once when chunked).
    static func leftAsItIs(_ message: String) -> String {
        message.hasSuffix("left as it is") ? message : message + "; left as it is"
    }

    static func unreadableTotalReason(_ receipt: String) -> String {
        "receipt \(receipt) is at fault and its HO/KO 合計点数 cannot be read, so the file's total is unknown; GO left as it is"
    }

    /// Whether a receipt states any 点数 on SI/IY/TO, or with `siOnly` on SI (one being built states none).
    static func statesPoints(_ doc: UKEDocument, _ lines: Range<Int>, siOnly: Bool = false) -> Bool {
        lines.contains { k in
            let rid = doc.recordID(k)
            return (rid == SI || (!siOnly && (rid == IY || rid == TO))) && !doc.field(k, 5).isEmpty
        }
    }

    /// Whether a receipt's stated 点数 mark where its units end, asked once per receipt when first needed (記録条件仕様:
    /// 点数 on a unit's last record). For an SI record, by the receipt's SI 点数 only: a receipt whose SI 点数 are all
    /// blank beside stated IY/TO 点数 is read for its SI records as one without any 点数 (review 106) — unless the stated
    /// 点数 make its HO 合計点数 (`statedPointsMakeTheTotal`: then nothing was blanked). The one reading of
    /// `uke recalc` and the audit's reader (`UKEClaims`).
    /// Whether an SI record `code` that repeats the open unit's 診療識別, 回数 and 算定日 in a receipt without 点数 belongs
    /// to that unit (`uke recalc` and the audit's reading of a UKE alike — review 332 FW-4: the audit split a ％減算 row from
    /// its 検査 and asked SA-A005 and SA-E001 for what recalc priced as one): a ％加算・減算 row (点数識別 5, 6), a 注加算 row
    /// (告示等識別区分（１） 7), or a 検体検査 of the まるめ group (包括対象検査) of a row already in it (`openCodes`).
    static func joinsOpenUnit(_ code: UInt64, _ t: MasterTable, on date: ServiceDate, openCodes: some Sequence<UInt64>) -> Bool {
        guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return false }
        let P = ProcedureColumn.self
        let kind = t.integer(v, P.pointKind)
        if kind == 5 || kind == 6 { return true }
        // A 注加算 row (告示等識別区分（１） 7: 処置の乳幼児加算, デブリードマン加算 …) is priced with its base, as the sample's
        // レセコン writes it (review 131: SI,40 耳垢栓塞除去 / SI,40 乳幼児加算 / SI,40 時間外加算２ was cut after the base,
        // and the 40% was taken on the 55点 加算 alone: 77 for 329). A row of its own 告示 (外来管理加算, 一般名処方加算:
        // 1) starts its own unit, as they are stated.
        if t.integer(v, P.noticeClass1) == 7 { return true }
        guard let group = t.integer(v, P.bundledTestGroup), group != 0 else { return false }
        return openCodes.contains { c in
            guard let j = t.codeIndex(of: c), let w = t.version(ofCode: j, on: date) else { return false }
            return t.integer(w, P.bundledTestGroup) == group
        }
    }

    /// Whether a receipt's stated SI/IY/TO 点数 (× 回数) add up to its first HO (else KO) 合計点数, stated and not 0: its blank SI
    /// 点数 are then records of the units the stated 点数 end, not 点数 blanked for re-pricing — the HO of a receipt whose SI
    /// 点数 were blanked still counts them (review 351 GQ-1: SI 静脈内注射 blank + IY 薬剤 41, HO 41, was read as two units and
    /// the 手技 counted twice, HO 73).
    static func statedPointsMakeTheTotal(_ doc: UKEDocument, _ lines: Range<Int>) -> Bool {
        let bytes = doc.bytes
        var sum = 0, total: Int?
        for k in lines {
            let rid = doc.recordID(k)
            if rid == SI || rid == IY || rid == TO {
                guard let p = UKEFields.integer(bytes, doc.field(k, 5)) else { continue }
                guard let t = Checked.mul(p, UKEFields.integer(bytes, doc.field(k, 6)) ?? 1), let s = Checked.add(sum, t) else { return false }
                sum = s
            } else if total == nil && (rid == HO || rid == KO) {
                total = UKEFields.integer(bytes, doc.field(k, 5))
                if total == nil { return false }
            }
        }
        return sum != 0 && total == sum
    }

    struct StatedPoints {
        private var any: Bool?, procedures: Bool?
        mutating func marksUnitEnds(procedure: Bool, _ doc: UKEDocument, _ lines: Range<Int>) -> Bool {
            if procedure {
                if procedures == nil { procedures = UKERecalc.statesPoints(doc, lines, siOnly: true) || UKERecalc.statedPointsMakeTheTotal(doc, lines) }
                return procedures!
            }
            if any == nil { any = UKERecalc.statesPoints(doc, lines) }
            return any!
        }
    }
}
