import CSanteiMemory
import Dispatch
import Foundation

/// `santei aggregate`: a month (or several) of receipts — RECEIPTC.UKE files and JSON-lines claims,
/// any number of each — turned into counts and points by code, day, 都道府県, age band, sex and
/// 診療識別, safe to publish (`AggregateSuppression`).
///
/// Reading and pricing are those of `uke recalc` (UKE: `UKERecalc.Worker`, each unit priced with the
/// masters of its service day, receipts in chunks on every core) and of `price` (JSON: `ClaimJSON` and
/// `ClaimPricer`, lines in batches on every core). A receipt or claim that cannot be read becomes one
/// error naming its file and line; the run goes on. Inputs are added one after another and merged into
/// one set of tables; the result does not depend on the number of cores or the order of chunks.
///
/// How a receipt is counted:
/// - A 算定単位 is counted on each of its 算定日 (1日〜31日) with that day's count as 回数 (a file without
///   算定日, or whose day counts do not add up to the unit's 回数: all of it on its first day, as
///   `uke recalc` dates it). Each item of the unit (SI, IY, TO) is one line of its table with that 回数.
/// - The unit's points (Santei's, else its stated points when Santei could not price it, counted in
///   `unpriced_units`) × 回数 go to its lead item — the first 診療行為, else the first item — so each
///   table's points add up to the receipts' points without counting a unit twice; the other items of
///   the unit add 回数 and no points.
/// - 傷病名 (SY, or `diseases` of a claim): one line per record, on its 診療開始日 when that falls in the
///   service month, else on the receipt's first service day (the 1st when it has none).
/// - Patients are distinct by patient key: UKE — 医療機関 (IR 都道府県・点数表・医療機関コード) with the
///   カルテ番号, else with 氏名 and 生年月日; JSON — `patient.id`. The key is a hash and is never written.
public struct Aggregation: Sendable {
    public struct RecordError: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        /// 1-based line, 0 for the file as a whole.
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// One input as the manifest records it.
    public struct Input: Sendable {
        public var name: String
        public var kind: String
        public var bytes: Int
        public var sha256: String
        public var receipts: Int
        public var errors: Int
    }

    public let grouping: AggregateGrouping
    let masters: MasterSet
    let pricer: UnitPricer
    public var parallel = true
    public var batchSize = 16_384
    /// Receipts a core takes at a time within a batch.
    var receiptBlock = 64
    public private(set) var inputs: [Input] = []
    public private(set) var errors: [RecordError] = []
    var total = AggregatePartial()

    public init(grouping: AggregateGrouping, masters: MasterSet, pricer: UnitPricer) {
        self.grouping = grouping; self.masters = masters; self.pricer = pricer
    }

    public var receiptCount: Int { total.receipts }
    /// Every receipt had a patient key: suppression counts patients (else receipts).
    public var hasPatientKeys: Bool { total.receiptsWithoutPatient == 0 }

    // MARK: UKE

    /// Adds the receipts of a RECEIPTC.UKE held in memory. `progress(done, total)` after each batch of receipts.
    public mutating func add(uke doc: UKEDocument, progress: ((Int, Int) -> Void)? = nil) {
        let before = errors.count, receiptsBefore = total.receipts
        var partials: [AggregatePartial] = []
        addReceipts(of: doc, line: { $0 }, into: &partials, progress: progress)
        total.merge(partials)
        if doc.structure.fileError == nil, let go = doc.structure.goLine {
            goFault(doc, goLine: go, receipts: doc.structure.receipts.lazy.filter { $0.place == .body }.count, line: go + 1)
        }
        inputs.append(Input(name: doc.name, kind: "uke", bytes: doc.bytes.count, sha256: SHA256.hex(doc.bytes),
                            receipts: total.receipts - receiptsBefore, errors: errors.count - before))
    }

    /// Adds the receipts of the RECEIPTC.UKE at `path` chunk by chunk, as `uke recalc --output` reads it
    /// (`UKERecalc.plan`): each chunk is the IR, a run of whole receipts of about `chunkBytes` and a placeholder
    /// GO, so the memory held is one chunk's and the tables', not the file's (issue 16 item 4). Errors name
    /// the file's own lines; the tables are those of `add(uke:)` on the whole file. `progress(bytes done,
    /// file size, receipts so far)` after each chunk. False, having added nothing, when the file is not a
    /// regular one (records before the IR or after the GO, a second IR, no GO: the caller reads it whole) or
    /// cannot be read.
    public mutating func add(ukeFile path: String, name: String, chunkBytes: Int = 32 << 20,
                             progress: ((_ bytes: Int, _ size: Int, _ receipts: Int) -> Void)? = nil) -> Bool {
        guard let file = RegularFile(path: path) else { return false }
        let size = file.size
        guard let plan = UKERecalc.plan(file.fd, size: size, chunkBytes: max(1, chunkBytes)) else { return false }
        let read: (Int, Int) -> [UInt8]? = file.read
        guard let header = read(0, plan.headerEnd), let tail = read(plan.goStart, size) else { return false }
        // The digest is computed on its own thread while the chunks are counted (it was a serial 3 %).
        let digest = DigestInBackground()
        digest.update(header)
        let placeholder = Array("GO,0,0,99\r\n".utf8)
        let before = errors.count, receiptsBefore = total.receipts
        // Each core's cells are kept from chunk to chunk and merged into the run once, at the end of the file:
        // a file that cannot be read to its end leaves the run as it was but for its errors, dropped here.
        var partials: [AggregatePartial] = []
        var bodyReceipts = 0
        for (k, chunk) in plan.chunks.enumerated() {
            let end = k + 1 < plan.chunks.count ? plan.chunks[k + 1].offset : plan.goStart
            guard let bytes = read(chunk.offset, end) else { errors.removeLast(errors.count - before); return false }
            digest.update(bytes)
            let doc = UKEDocument(bytes: header + bytes + placeholder, name: name)
            guard doc.structure.fileError == nil, doc.structure.goLine == doc.lineCount - 1 else {
                errors.removeLast(errors.count - before)
                return false
            }
            let headerLines = plan.headerLines, chunkLine = chunk.line
            bodyReceipts += doc.structure.receipts.lazy.filter { $0.place == .body }.count
            addReceipts(of: doc, line: { $0 - 1 < headerLines ? $0 : $0 - headerLines + chunkLine }, into: &partials, progress: nil)
            // The last chunk's report is the file's size: the GO and what follows it are read with the header.
            progress?(k + 1 == plan.chunks.count ? size : end, size, partials.reduce(0) { $0 + $1.receipts })
        }
        total.merge(partials)
        digest.update(tail)
        let tailDoc = UKEDocument(bytes: header + tail, name: name)
        if let go = tailDoc.structure.goLine { goFault(tailDoc, goLine: go, receipts: bodyReceipts, line: plan.goLine + 1) }
        inputs.append(Input(name: name, kind: "uke", bytes: size, sha256: digest.hexDigest(),
                            receipts: total.receipts - receiptsBefore, errors: errors.count - before))
        return true
    }

    /// The GO's own faults (総件数 against the file's receipts, 総合計点数 not a number), as `uke recalc` reports them;
    /// `line`: the GO's 1-based line in the input.
    private mutating func goFault(_ doc: UKEDocument, goLine: Int, receipts: Int, line: Int) {
        guard let e = UKEStructure.goCountFault(doc, goLine: goLine, receipts: receipts) else { return }
        errors.append(RecordError(file: doc.name, line: line, message: (e.field.map { "field \($0) (\(e.fieldName ?? "")): " } ?? "") + e.reason))
    }

    /// Counts the receipts of `doc` into `partials` (one per core share, created on the first call; the caller
    /// merges them into the run); `line` maps the document's 1-based lines to the input's.
    private mutating func addReceipts(of doc: UKEDocument, line: (Int) -> Int, into partials: inout [AggregatePartial], progress: ((Int, Int) -> Void)?) {
        let structure = doc.structure
        for e in structure.errors { errors.append(RecordError(file: doc.name, line: line(e.line), message: e.reason)) }
        let receipts = structure.receipts
        let facility = UKEFacility(doc)
        var options = UKERecalc.Options(explain: false, keepAllUnits: false, parallel: parallel)
        options.collectUnits = true
        // One slot per core, kept across batches (its reader's caches; its cells are the caller's `partials`).
        let slotCount = parallel ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        let (set, pricer, grouping, block) = (masters, self.pricer, self.grouping, max(1, receiptBlock))
        if partials.count != slotCount { partials = [AggregatePartial](repeating: AggregatePartial(), count: slotCount) }
        let slots = (0..<slotCount).map { _ in
            UKESlot(reader: UKEFactsReader(doc: doc, facility: facility, worker: UKERecalc.Worker(doc: doc, set: set, pricer: pricer, options: options),
                                           lookup: CodeLookup(set)))
        }
        // Moved, not copied: each slot holds the only reference to its cells while it counts.
        for c in 0..<slotCount { swap(&slots[c].partial, &partials[c]) }
        var done = 0
        while done < receipts.count {
            let n = min(batchSize, receipts.count - done)
            let base = done
            // Each core takes the batch's receipts a block at a time (receipts differ much in size: halves
            // fixed in advance left one core waiting for the other). Which core counts a receipt changes
            // nothing in the tables: the parts are merged, cells sorted by key and patients counted once.
            let next = WorkCounter()
            DispatchQueue.concurrentPerform(iterations: min(n, slotCount)) { c in
                let slot = slots[c]
                while true {
                    let start = next.take(block)
                    guard start < n else { break }
                    for k in (base + start)..<(base + min(n, start + block)) {
                        if let e = slot.reader.add(receipts[k], into: &slot.partial, grouping: grouping) {
                            slot.errors.append((k, RecordError(file: doc.name, line: e.line, message: (e.receipt.map { "RE \($0): " } ?? "") + e.reason)))
                        }
                    }
                }
            }
            done += n
            progress?(done, receipts.count)
        }
        var found: [(Int, RecordError)] = []
        for (c, slot) in slots.enumerated() {
            swap(&slot.partial, &partials[c])
            found += slot.errors
        }
        errors += found.sorted { $0.0 < $1.0 }.map { var e = $0.1; e.line = line(e.line); return e }
    }

    // MARK: JSON lines

    /// Adds the claims of a JSON-lines buffer (docs/claim-format.md).
    public mutating func add(jsonLines bytes: [UInt8], name: String, progress: ((Int, Int) -> Void)? = nil) {
        let before = errors.count, receiptsBefore = total.receipts
        var partial = AggregatePartial()
        addClaims(bytes, name: name, firstLine: 1, into: &partial, progress: progress)
        total.merge(partial)
        inputs.append(Input(name: name, kind: "jsonl", bytes: bytes.count, sha256: SHA256.hex(bytes),
                            receipts: total.receipts - receiptsBefore, errors: errors.count - before))
    }

    /// Adds the claims of the JSON-lines file at `path` about `chunkBytes` at a time, each piece ending at a
    /// line break, so the memory held is one piece's and the tables', not the file's (issue 16 item 4). Errors
    /// name the file's own lines; the tables are those of `add(jsonLines:)` on the whole file. `progress(bytes
    /// done, file size, claims so far)` after each piece. False, having added nothing, when the file cannot be
    /// read.
    public mutating func add(jsonLinesFile path: String, name: String, chunkBytes: Int = 32 << 20,
                             progress: ((_ bytes: Int, _ size: Int, _ claims: Int) -> Void)? = nil) -> Bool {
        guard let file = RegularFile(path: path) else { return false }
        let size = file.size
        let before = errors.count, receiptsBefore = total.receipts
        // The claims are counted into one part, merged into the run at the end of the file: a file that cannot
        // be read to its end leaves the run as it was but for its errors, dropped here.
        var partial = AggregatePartial()
        var hash = SHA256()
        var block = [UInt8](repeating: 0, count: max(1, chunkBytes))
        var carry: [UInt8] = []      // the piece's last line, not ended yet
        var offset = 0, firstLine = 1
        func add(_ piece: [UInt8]) {
            addClaims(piece, name: name, firstLine: firstLine, into: &partial, progress: nil)
            firstLine += piece.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        while true {
            let n = block.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 { errors.removeLast(errors.count - before); return false }
            if n == 0 { break }
            offset += n
            block.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            if let last = block[..<n].lastIndex(of: 10) {
                let piece = carry + block[...last]
                carry = Array(block[(last + 1)..<n])
                add(piece)
            } else {
                carry += block[..<n]
            }
            progress?(offset - carry.count, size, partial.receipts)
        }
        if !carry.isEmpty { add(carry); progress?(offset, size, partial.receipts) }
        total.merge(partial)
        inputs.append(Input(name: name, kind: "jsonl", bytes: offset, sha256: hash.hexDigest(),
                            receipts: total.receipts - receiptsBefore, errors: errors.count - before))
        return true
    }

    /// Prices and counts the claims of `bytes`, whose first line is line `firstLine` of the input, into `partial`.
    private mutating func addClaims(_ bytes: [UInt8], name: String, firstLine: Int, into partial: inout AggregatePartial,
                                    progress: ((Int, Int) -> Void)?) {
        let lines = Batch.lines(bytes)
        let claimPricer = ClaimPricer(masters: masters, unitPricer: pricer)
        let set = masters
        let lookups = LookupPool(set)
        var k = 0
        let grouping = self.grouping
        var errs: [RecordError] = []
        Batch.run(count: lines.count, batchSize: batchSize, parallel: parallel, body: { k -> Result<(ReceiptFacts, Int, Int), ClaimError> in
            do throws(ClaimError) {
                let claim = try ClaimJSON.parse(bytes[lines[k].range])
                let priced = try claimPricer.price(claim, explain: false)
                return .success(try lookups.with { lookup throws(ClaimError) in try JSONFacts.facts(claim, priced, lookup: &lookup) })
            } catch { return .failure(error) }
        }, emit: { result in
            switch result {
            case .success(let (facts, units, unpriced)):
                partial.add(facts, grouping: grouping)
                partial.unitCount += units
                partial.unpricedUnits += unpriced
            case .failure(let e):
                errs.append(RecordError(file: name, line: lines[k].number + firstLine - 1, message: (e.claimID.map { "claim \($0): " } ?? "") + e.message))
            }
            k += 1
        }, progress: progress.map { p in { p($0.done, $0.total) } })
        errors += errs
    }

    // MARK: Result

    /// The tables with totals, suppressed for publication unless `minCell` is nil.
    public func result(minCell: Int?) -> AggregateResult {
        AggregateResult(self, minCell: minCell)
    }

    /// The master chains the run's service days used (診療行為, 医薬品, 特定器材, 傷病名).
    public func mastersUsed() -> [ChainManifest] {
        var used = Set<Int>()
        for d in total.days {
            let date = ServiceDate(unchecked: d)
            for kind in [MasterKind.procedure, .drug, .device, .disease] {
                if let i = try? masters.chainIndex(kind, on: date) { used.insert(i) }
            }
        }
        return used.sorted().map { masters.chains[$0].manifest }
    }
}

/// SHA-256 of a file's pieces, fed in order on a serial queue of its own.
final class DigestInBackground: @unchecked Sendable {
    private var hash = SHA256()
    private let queue = DispatchQueue(label: "santei.aggregate.digest")
    func update(_ bytes: [UInt8]) { queue.async { self.hash.update(bytes) } }
    func hexDigest() -> String { queue.sync { hash.hexDigest() } }
}

/// A core's share of a UKE file: its reader and the cells it counted (touched by one job at a time).
final class UKESlot: @unchecked Sendable {
    var reader: UKEFactsReader
    var partial = AggregatePartial()
    /// (receipt index, error), for input order.
    var errors: [(Int, Aggregation.RecordError)] = []
    init(reader: UKEFactsReader) { self.reader = reader }
}

/// The 医療機関 of a UKE file (IR record): 都道府県 and the key its patients are told apart by.
struct UKEFacility: Sendable {
    var prefecture: UInt8 = 0
    var key: [UInt8] = []
    init(_ doc: UKEDocument) {
        guard let ir = doc.structure.irLine else { return }
        // IR: 審査支払機関(1), 都道府県(2), 点数表(3), 医療機関コード(4) — 記録条件仕様 医科 IR.
        if let p = doc.integer(ir, 2), (1...47).contains(p) { prefecture = UInt8(p) }
        for f in 2...4 { key += doc.bytes[doc.field(ir, f)]; key.append(0x1f) }
    }
}

/// Look-ups of the masters a run needs beside pricing: 薬効分類 of a 医薬品 and ICD-10 of a 傷病名,
/// cached per chunk.
struct CodeLookup {
    let set: MasterSet
    private var drugs: [UInt64: UInt64] = [:]
    private var diseaseTables: [UInt32: MasterTable?] = [:]
    private var diseases: [UInt64: UInt64] = [:]
    private var drugTables: [UInt32: MasterTable?] = [:]
    private var recentDrugs = [(UInt64, UInt64)](repeating: (.max, 0), count: 1024)

    init(_ set: MasterSet) { self.set = set }

    /// y 項番32 薬価基準収載医薬品コード (12 characters): its first 3 digits are the 薬効分類番号
    /// (日本標準商品分類番号 87 の下位 3 桁, as the NDB オープンデータ groups 医薬品).
    static let priceListCodeColumn = 31

    /// The drug's row key: its 薬効分類 (3 digits, < 1000) where the y master valid on `date` gives one,
    /// else its 9-digit code.
    mutating func drugKey(_ code: UInt64, on date: ServiceDate) -> UInt64 {
        let cacheKey = code &* 100_000_000 &+ UInt64(date.yyyymmdd)
        // A direct-mapped cache in front of the dictionary: most lines are a drug already seen that day.
        let recent = Int(truncatingIfNeeded: (cacheKey &* 0x9E37_79B9_7F4A_7C15) >> 54)
        if recentDrugs[recent].0 == cacheKey { return recentDrugs[recent].1 }
        if let k = drugs[cacheKey] { recentDrugs[recent] = (cacheKey, k); return k }
        var key = code
        let table: MasterTable?
        if let t = drugTables[date.yyyymmdd] { table = t } else {
            table = try? set.table(.drug, on: date)
            drugTables[date.yyyymmdd] = table
        }
        if let t = table, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) {
            let yj = t.bytes(v, Self.priceListCodeColumn)
            if yj.count >= 3, yj[0..<3].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                key = UInt64(yj[0] - 48) * 100 + UInt64(yj[1] - 48) * 10 + UInt64(yj[2] - 48)
            }
        }
        drugs[cacheKey] = key
        recentDrugs[recent] = (cacheKey, key)
        return key
    }

    /// ICD-10 (項番16) of a 傷病名 code on `date`, packed; 0 when unknown (no master covers the date, the
    /// code is not listed on it, or it has no ICD-10, e.g. 0000999 未コード化傷病名).
    mutating func diseaseKey(_ code: UInt64, on date: ServiceDate) -> UInt64 {
        let cacheKey = code &* 100_000_000 &+ UInt64(date.yyyymmdd)
        if let k = diseases[cacheKey] { return k }
        var key: UInt64 = 0
        let table: MasterTable?
        if let t = diseaseTables[date.yyyymmdd] { table = t } else {
            table = try? set.table(.disease, on: date)
            diseaseTables[date.yyyymmdd] = table
        }
        if let t = table, let i = t.codeIndex(of: code),
           let v = AuditRun.listedVersion(t, i, on: date, listedColumn: DiseaseColumn.listed) {
            let icd = t.bytes(v, DiseaseColumn.icd10First)
            if !icd.isEmpty && icd.count <= 8 { key = PackedText.pack(icd) }
        }
        diseases[cacheKey] = key
        return key
    }
}

/// Code look-ups for jobs on any thread: one `CodeLookup` per job taken from a pool.
final class LookupPool: @unchecked Sendable {
    private let set: MasterSet
    private var free: [CodeLookup] = []
    private let lock = NSLock()
    init(_ set: MasterSet) { self.set = set }
    func with<R>(_ body: (inout CodeLookup) throws(ClaimError) -> R) throws(ClaimError) -> R {
        lock.lock()
        var l = free.popLast() ?? CodeLookup(set)
        lock.unlock()
        defer { lock.lock(); free.append(l); lock.unlock() }
        return try body(&l)
    }
}

/// A count the jobs of one `concurrentPerform` take work from, a block at a time.
final class WorkCounter: @unchecked Sendable {
    private let value = UnsafeMutablePointer<CLong>.allocate(capacity: 1)
    init() { value.initialize(to: 0) }
    deinit { value.deallocate() }
    /// The first of the next `n` items (items past the end mean no work is left).
    func take(_ n: Int) -> Int { csantei_fetch_add(value, CLong(n)) }
}

/// One UKE receipt as `ReceiptFacts`, on the worker of `uke recalc`.
struct UKEFactsReader {
    let doc: UKEDocument
    let facility: UKEFacility
    var worker: UKERecalc.Worker
    var lookup: CodeLookup
    var fields = UKEFields()
    // Buffers reused from receipt to receipt.
    var facts = ReceiptFacts()
    var key: [UInt8] = []
    /// Per unit of the receipt: its 算定日 as a day mask (0: counted on its date).
    var dayMasks: [UInt32] = []
    /// The days of the month of the last receipt (1st, 2nd, …).
    var monthDates: [ServiceDate] = []

    static let SI = UKEDocument.id("SI"), IY = UKEDocument.id("IY"), TO = UKEDocument.id("TO"), SY = UKEDocument.id("SY")

    /// Adds the receipt to `partial`, or returns the fault that left it out.
    mutating func add(_ rec: UKEStructure.Receipt, into partial: inout AggregatePartial, grouping: AggregateGrouping) -> UKEError? {
        let r = worker.receipt(rec)
        if let fault = r.fault { return fault }
        guard let (year, month) = r.serviceMonth, let firstOfMonth = ServiceDate(year: year, month: month, day: 1) else {
            return UKEError(file: doc.name, line: rec.lines.lowerBound + 1, receipt: r.number, reason: "診療年月 is not a month")
        }
        let re = rec.lines.lowerBound
        facts.age = 0
        facts.sex = 0
        facts.prefecture = facility.prefecture
        // RE: 氏名(4), 男女区分(5), 生年月日(6), カルテ番号等(13) — read for the key and the band only.
        let sex = doc.bytes[doc.field(re, 5)]
        if sex.count == 1, sex.first == UInt8(ascii: "1") || sex.first == UInt8(ascii: "2") { facts.sex = sex.first! - 48 }
        let birth = UKEDate.date(doc.bytes[doc.field(re, 6)])
        if let birth { facts.age = AgeBand.band(birth: birth, year: year, month: month) ?? 0 }
        key.removeAll(keepingCapacity: true)
        key += facility.key
        let karte = doc.bytes[doc.field(re, 13)]
        if !karte.isEmpty { key += karte } else { key += doc.bytes[doc.field(re, 4)]; key.append(0x1f); key += doc.bytes[doc.field(re, 6)] }
        facts.patient = key.withUnsafeBytes { XXH64.hash($0) }

        var firstDay: ServiceDate?
        var unpriced = 0
        // The units as the worker read them (`UKERecalc.Options.collectUnits`), with their 回数 per 算定日:
        // a line per item and 算定日 (the unit's date when its 算定日 do not add up to its 回数), then one
        // per SY record. The lines are written into `facts.contributions`, a buffer sized for the receipt
        // before it is filled (no append, so no uniqueness check, per line).
        // Each unit's 算定日 as a mask (bit d: day d + 1, 回数 > 0), kept when they add up to its 回数 and
        // one is a day of the month (else the unit counts on its date with its 回数); read in one pass.
        if monthDates.first.map({ $0.year != year || $0.month != month }) ?? true {
            monthDates = (1...31).compactMap { ServiceDate(year: year, month: month, day: $0) }
        }
        let monthMask: UInt32 = (1 << UInt32(monthDates.count)) - 1
        let units = worker.collected.count
        if dayMasks.count < units { dayMasks = [UInt32](repeating: 0, count: max(units, 2 * dayMasks.count)) }
        var bound = rec.lines.count
        worker.collectedDays.withUnsafeBufferPointer { perDay in
            dayMasks.withUnsafeMutableBufferPointer { masks in
                for (n, u) in worker.collected.enumerated() {
                    var sum = 0, mask: UInt32 = 0
                    for d in 0..<31 {
                        let c = perDay[31 * n + d]
                        sum += Int(c)
                        if c > 0 { mask |= 1 << UInt32(d) }
                    }
                    mask &= monthMask
                    masks[n] = sum == u.times ? mask : 0
                    bound += u.items.count * max(1, masks[n].nonzeroBitCount)
                }
            }
        }
        if facts.contributions.count < bound {
            facts.contributions = [Contribution](repeating: Contribution(table: .procedures, code: 0, day: .distantPast, category: 0, times: 0, points: 0,
                                                                         stated: nil, unpriced: false),
                                                 count: max(bound, 2 * facts.contributions.count))
        }
        var buffer: [Contribution] = []
        swap(&buffer, &facts.contributions)
        var count = 0
        buffer.withUnsafeMutableBufferPointer { out in
            worker.collectedDays.withUnsafeBufferPointer { perDay in
                worker.collectedItems.withUnsafeBufferPointer { allItems in
                    dayMasks.withUnsafeBufferPointer { masks in
                        monthDates.withUnsafeBufferPointer { dates in
                            for (n, u) in worker.collected.enumerated() {
                                if u.flagged { unpriced += 1 }
                                let items = UnsafeBufferPointer(rebasing: allItems[u.items])
                                let lead = items.firstIndex { $0.kind == .procedure } ?? 0
                                var left = masks[n]
                                repeat {
                                    let date: ServiceDate, times: Int
                                    if left != 0 {
                                        let d = left.trailingZeroBitCount
                                        left &= left - 1
                                        (date, times) = (dates[d], Int(perDay[31 * n + d]))
                                    } else {
                                        (date, times) = (u.date, u.times)
                                    }
                                    if firstDay == nil || date < firstDay! { firstDay = date }
                                    for k in items.indices {
                                        let item = items[k]
                                        let table: AggregateTable = item.kind == .procedure ? .procedures : item.kind == .drug ? .drugs : .devices
                                        let code = item.kind == .drug ? lookup.drugKey(item.code, on: date) : item.code
                                        let isLead = k == lead
                                        out[count] = Contribution(table: table, code: code, day: date, category: UInt8(clamping: u.category), times: times,
                                                                  points: isLead ? u.points * times : 0,
                                                                  stated: isLead ? u.stated.map { $0 * times } : nil,
                                                                  unpriced: isLead && u.flagged)
                                        count += 1
                                    }
                                } while left != 0
                            }
                        }
                    }
                }
            }
        }
        swap(&buffer, &facts.contributions)
        // SY: 傷病名コード(1), 診療開始日(2).
        for l in rec.lines where doc.recordID(l) == Self.SY {
            fields.load(doc, l)
            var code: UInt64 = 0
            let r1 = fields.range(1)
            guard !r1.isEmpty, r1.count <= 7, doc.bytes[r1].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            for i in r1 { code = code * 10 + UInt64(doc.bytes[i] - 48) }
            var day = firstDay ?? firstOfMonth
            if let start = UKEDate.date(doc.bytes[fields.range(2)]), start.year == year, start.month == month { day = start }
            facts.contributions[count] = Contribution(table: .diseases, code: lookup.diseaseKey(code, on: firstOfMonth), day: day,
                                                      category: 0, times: 1, points: 0, stated: nil, unpriced: false)
            count += 1
        }
        partial.add(facts, lines: count, grouping: grouping)
        partial.unitCount += r.unitCount
        partial.unpricedUnits += unpriced
        return nil
    }
}

/// One priced JSON claim as `ReceiptFacts`.
enum JSONFacts {
    static func facts(_ claim: Claim, _ priced: PricedClaim, lookup: inout CodeLookup) throws(ClaimError) -> (ReceiptFacts, Int, Int) {
        var facts = ReceiptFacts()
        if let id = claim.patient.id, !id.isEmpty { facts.patient = XXH64.hash(Array(id.utf8)) }
        if let p = claim.facility?.prefecture, let n = Int(p) { facts.prefecture = UInt8(n) }
        if claim.patient.sex == "1" { facts.sex = 1 } else if claim.patient.sex == "2" { facts.sex = 2 }
        // Encounter dates were checked by the pricer.
        let dates = claim.encounters.map { ServiceDate($0.date) ?? .distantPast }
        let firstDay = dates.min()
        let month = firstDay.flatMap { ServiceDate(year: $0.year, month: $0.month, day: 1) }
        if let birth = ServiceDate(claim.patient.birthDate), let m = month { facts.age = AgeBand.band(birth: birth, year: m.year, month: m.month) ?? 0 }
        var unpriced = 0
        for o in priced.orders {
            let date = dates.indices.contains(o.encounter) ? dates[o.encounter] : (firstDay ?? .distantPast)
            var codes: [String] = []
            if o.derived { codes = [o.code ?? ""] } else if claim.encounters.indices.contains(o.encounter), claim.encounters[o.encounter].orders.indices.contains(o.order) {
                codes = claim.encounters[o.encounter].orders[o.order].items.map(\.code)
            }
            codes += o.added ?? []
            guard !codes.isEmpty else { continue }
            if o.points == nil { unpriced += 1 }
            let lead = codes.firstIndex { $0.hasPrefix("1") } ?? 0
            for (k, text) in codes.enumerated() {
                guard let code = UInt64(text) else { continue }
                let table: AggregateTable = text.hasPrefix("6") ? .drugs : text.hasPrefix("7") ? .devices : .procedures
                let key = table == .drugs ? lookup.drugKey(code, on: date) : code
                let isLead = k == lead
                guard let points = Checked.mul(o.points ?? 0, o.times) else { throw ClaimError(message: "order points × times overflows", claimID: claim.id) }
                facts.contributions.append(Contribution(table: table, code: key, day: date, category: UInt8(clamping: o.category), times: o.times,
                                                        points: isLead ? points : 0, stated: nil, unpriced: isLead && o.points == nil))
            }
        }
        if let m = month {
            for (n, d) in (claim.diseases ?? []).enumerated() {
                guard d.code.utf8.count == 7, let code = UInt64(d.code) else {
                    throw ClaimError(message: "diseases[\(n)].code \"\(d.code)\" is not a 7-digit 傷病名コード", claimID: claim.id)
                }
                var day = firstDay ?? m
                if let s = d.start.flatMap({ ServiceDate($0) }), s.year == m.year, s.month == m.month { day = s }
                facts.contributions.append(Contribution(table: .diseases, code: lookup.diseaseKey(code, on: m), day: day,
                                                        category: 0, times: 1, points: 0, stated: nil, unpriced: false))
            }
        }
        return (facts, priced.orders.count, unpriced)
    }
}
