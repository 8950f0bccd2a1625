import Foundation

/// `uke recalc` in bounded memory (issue 15 item 2): a file of any size is re-priced chunk by chunk, each chunk
/// a run of whole receipts, so the memory held is one chunk's (plus the masters), not the file's.
///
/// A first pass reads the record IDs only and plans the chunks; it accepts a *regular* file — blank lines, one IR
/// (医療機関情報), the receipts (RE and the records after it), one GO (請求書) and nothing after the GO but
/// blank lines or the EOF mark. Every other shape (records before the IR or between it and the first RE, a second
/// IR, no GO, records after it) is answered by the whole-file path (`UKERecalc.run`), which knows how to leave
/// such parts as they are; so is a chunk whose IR the structure refuses. Each chunk is re-priced as the document
/// IR + its receipts + a placeholder GO with `UKERecalc.run` (every core, its own threads), and written without
/// the IR and the placeholder; the GO 総合計点数 is the sum over every chunk, written last. Lines in findings and
/// faults are the file's own. The output is byte for byte the whole-file path's.
extension UKERecalc {
    /// What a streamed run found: the counts the command prints, and every finding (written to the report
    /// as they come; only counts and the first examples kept).
    public struct StreamResult: Sendable {
        public var receipts = 0
        public var units = 0
        public var flagged = 0
        public var differing = 0
        /// HO/KO 合計点数 rewritten (`Report.totalsDifferingCount`).
        public var totalsDiffering = 0
        public var faults = 0
        public var faultyReceipts = 0
        public var chunks = 0
        /// Warnings (findings other than 'differs') by reason, their total and the first examples (faults, then
        /// units not re-priced), as `UKERecalc.summary` reports them.
        public var warningCounts: [String: Int] = [:]
        public var warningTotal = 0
        public var faultExamples: [UKERecalcFinding] = []
        public var notRepricedExamples: [UKERecalcFinding] = []
        public var goStated: Int?
        /// The GO's 総合計点数 was rewritten (a GO left as stated, or cut short, is not).
        public var goRewritten = false
        public var goComputed = 0

        /// Counts the warnings of `findings` (all but 'differs') and keeps the first examples.
        mutating func note(_ findings: [UKERecalcFinding]) {
            for f in findings where f.kind != .differs && f.kind != .totalDiffers {
                warningTotal += 1
                warningCounts[f.reason, default: 0] += 1
                if f.kind == .fileFault || f.kind == .receiptFault {
                    if faultExamples.count < 5 { faultExamples.append(f) }
                } else if f.kind == .notRepriced, notRepricedExamples.count < 5 {
                    notRepricedExamples.append(f)
                }
            }
        }
    }

    /// The plan of a regular file: where the receipts are and where each chunk starts.
    struct StreamPlan {
        var headerEnd = 0          // byte offset of the first RE line
        var headerLines = 0        // lines before it
        var goStart = 0            // byte offset of the GO line
        var goLine = 0
        var fileSize = 0
        /// Chunk starts: (byte offset, line index) of an RE line, the first at `headerEnd`.
        var chunks: [(offset: Int, line: Int)] = []
    }

    static let streamBlock = 8 << 20

    /// The chunks of a streamed run between the threads that re-price them and the one that writes them in file
    /// order. At most `inFlight` chunks are taken and not yet written (memory is bounded whatever the file size).
    final class ChunkPipeline: @unchecked Sendable {
        /// A chunk re-priced: `written` nil when it could not be read (`irregular` false) or is not regular.
        struct Done: Sendable {
            var written: [UInt8]?
            var irregular = false
            /// Its counts, and its warnings counted when `findings` is nil.
            var counts = StreamResult()
            /// Σ 合計点数 of its receipts in the 請求; nil when it overflows.
            var total: Int? = 0
            /// The first receipt at fault whose 合計点数 cannot be read (its number): the GO is then left as it is.
            var unreadableTotal: String?
            /// A receipt whose 合計点数 is a lower bound (`Receipt.unknownUnits`): the GO is then left as it is.
            var totalUnknown = false
            var findings: [UKERecalcFinding]?
            var reportLines: [UInt8] = []
        }
        private let condition = NSCondition()
        private var done: [Done?]
        private var next = 0
        private var stopped = false
        private var examples = false
        private let tickets: DispatchSemaphore
        private let inFlight: Int

        init(count: Int, inFlight: Int) {
            done = Array(repeating: nil, count: count)
            self.inFlight = inFlight
            tickets = DispatchSemaphore(value: inFlight)
        }

        /// The next chunk to re-price, once fewer than `inFlight` are waiting to be written; nil when none is left.
        func take() -> Int? {
            tickets.wait()
            condition.lock(); defer { condition.unlock() }
            guard !stopped, next < done.count else { tickets.signal(); return nil }
            next += 1
            return next - 1
        }
        func put(_ k: Int, _ value: Done) {
            condition.lock(); done[k] = value; condition.broadcast(); condition.unlock()
        }
        /// Chunk `k` once re-priced.
        func wait(_ k: Int) -> Done {
            condition.lock(); defer { condition.unlock() }
            while done[k] == nil { condition.wait() }
            return done[k]!
        }
        /// Chunk `k` written: its memory goes, and another chunk may be taken.
        func release(_ k: Int) {
            condition.lock(); done[k] = nil; condition.unlock()
            tickets.signal()
        }
        /// No chunk is taken after this (the writer stopped or finished); wakes every thread waiting for a ticket, and
        /// gives back the tickets of chunks never written (a semaphore must not end below its initial value).
        func cancel() {
            condition.lock(); stopped = true; condition.unlock()
            for _ in 0..<inFlight { tickets.signal() }
        }
        /// The summary's first examples are taken: chunks taken after this build no finding (counts only).
        func examplesTaken() { condition.lock(); examples = true; condition.unlock() }
        var areExamplesTaken: Bool { condition.lock(); defer { condition.unlock() }; return examples }
    }

    /// Reads the record IDs of the file at `fd` and plans chunks of about `chunkBytes`; nil unless the file is
    /// regular (see the type's documentation).
    static func plan(_ fd: Int32, size: Int, chunkBytes: Int) -> StreamPlan? {
        var plan = StreamPlan()
        plan.fileSize = size
        enum Stage { case beforeIR, beforeRE, body, afterGO }
        var stage = Stage.beforeIR
        var buffer = [UInt8](repeating: 0, count: streamBlock)
        var offset = 0               // absolute offset of buffer[0]
        var lineStart = 0, line = 0
        var id0: UInt8 = 0, id1: UInt8 = 0, length = 0
        var lastChunk = 0
        var regular = true
        func endLine(_ end: Int, crlf: Bool) {
            // `length` counts the line's bytes (without LF); a CR before the LF is not content.
            let content = crlf ? length - 1 : length
            let blank = content <= 0 || (content == 1 && id0 == 0x1A)
            defer { line += 1; length = 0 }
            if blank { return }
            let isIR = id0 == 0x49 && id1 == 0x52, isRE = id0 == 0x52 && id1 == 0x45, isGO = id0 == 0x47 && id1 == 0x4F
            switch stage {
            case .beforeIR:
                if isIR { stage = .beforeRE } else { regular = false }
            case .beforeRE:
                if isRE { stage = .body; plan.headerEnd = lineStart; plan.headerLines = line; plan.chunks = [(lineStart, line)]; lastChunk = lineStart }
                else { regular = false }
            case .body:
                if isRE {
                    if lineStart - lastChunk >= chunkBytes { plan.chunks.append((lineStart, line)); lastChunk = lineStart }
                } else if isGO {
                    stage = .afterGO; plan.goStart = lineStart; plan.goLine = line
                } else if isIR {
                    regular = false
                }
            case .afterGO:
                regular = false
            }
        }
        var prevCR = false
        while regular {
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, streamBlock, off_t(offset)) }
            if got < 0 { return nil }
            if got == 0 { break }
            // Line by line with memchr: only a line's first two bytes, its length and its last byte are read.
            buffer.withUnsafeBufferPointer { b in
                let base = b.baseAddress!
                var i = 0
                while i < got {
                    let hit = memchr(base + i, 10, got - i)
                    let stop = hit.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? got
                    if stop > i {
                        if length == 0 { id0 = b[i]; id1 = stop > i + 1 ? b[i + 1] : 0 } else if length == 1 { id1 = b[i] }
                        length += stop - i
                        prevCR = b[stop - 1] == 13
                    }
                    guard hit != nil else { break }
                    endLine(offset + stop, crlf: prevCR)
                    lineStart = offset + stop + 1
                    prevCR = false
                    i = stop + 1
                }
            }
            offset += got
        }
        guard regular else { return nil }
        // A last line without a line break is a record unless it is only the EOF mark (and CRs).
        if length > 0 {
            let onlyMark = id0 == 0x1A && (length == 1 || (length == 2 && prevCR))
            if !onlyMark { endLine(size, crlf: false) }
        }
        guard regular, stage == .afterGO else { return nil }
        return plan
    }

    /// Re-prices the file at `path` into `output` (atomically) chunk by chunk, writing every finding to
    /// `reportPath` as JSON lines when given. Nil when the file is not regular: nothing was written, and
    /// the caller runs the whole-file path. `chunkBytes`: the size of a chunk (receipts are never split).
    public static func stream(path: String, name: String, output: String, reportPath: String?, masters set: MasterSet, pricer: UnitPricer,
                              options: Options = Options(), chunkBytes: Int = 32 << 20) throws(AtomicFile.WriteError) -> StreamResult? {
        guard let file = RegularFile(path: path) else { return nil }
        let size = file.size
        let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // Four chunks a thread at least (down to 1 MB), so that every thread has work in a small file.
        let chunkBytes = min(max(1, chunkBytes), max(1 << 20, size / (threads * 4)))
        guard let plan = plan(file.fd, size: size, chunkBytes: chunkBytes) else { return nil }
        let read: (Int, Int) -> [UInt8]? = file.read
        guard let header = read(0, plan.headerEnd), let tail = read(plan.goStart, size) else { return nil }
        let placeholder = Array("GO,0,0,99\r\n".utf8)
        var result = StreamResult()
        var goSum: Int? = 0
        var unreadableTotal: String?
        var totalUnknown = false
        var irregular = false

        @Sendable func remap(_ local1: Int, _ chunkLine: Int) -> Int {
            local1 - 1 < plan.headerLines ? local1 : local1 - plan.headerLines + chunkLine
        }
        func note(_ findings: [UKERecalcFinding], _ report: inout [UInt8]) {
            result.note(findings)
            if reportPath != nil { writeReport(findings, file: name, into: &report) }
        }

        // Without a report file only the warnings are read: a unit that differs is counted, not kept.
        let chunkOptions = { var o = options; o.parallel = false; if reportPath == nil { o.keepDifferingUnits = false }; return o }()
        let pipeline = ChunkPipeline(count: plan.chunks.count, inFlight: threads + 1)
        /// Chunk `k` re-priced on the calling thread: the chunk's document written, its counts, and its findings with
        /// the file's own line numbers (none once the examples are taken and there is no report: counts only).
        @Sendable func chunk(_ k: Int) -> ChunkPipeline.Done {
            var done = ChunkPipeline.Done()
            let start = plan.chunks[k]
            let end = k + 1 < plan.chunks.count ? plan.chunks[k + 1].offset : plan.goStart
            guard let bytes = file.read(start.offset, end, framedBy: header, and: placeholder) else { return done }
            let doc = UKEDocument(bytes: bytes, name: name)
            let goLocal = doc.lineCount - 1
            // A fault of the IR (都道府県, its text: `UKEStructure`) would be told once per chunk: the whole-file path tells it once.
            guard doc.structure.fileError == nil, doc.structure.goLine == goLocal,
                  !doc.structure.strays.contains(where: { $0.line <= plan.headerLines }) else { done.irregular = true; return done }
            var report = run(doc, masters: set, pricer: pricer, options: chunkOptions)
            report.changes.removeAll { Int($0.line) == goLocal }
            report.fileErrors.removeAll { $0.line == goLocal + 1 }
            report.goLine = nil
            let written = doc.writing(sortedChanges: report.changes)
            // The IR is never rewritten and the placeholder GO was not: both come back as they went in.
            guard written.count >= header.count + placeholder.count,
                  written[..<header.count].elementsEqual(header),
                  written[(written.count - placeholder.count)...].elementsEqual(placeholder) else { done.irregular = true; return done }
            done.written = written
            done.counts.receipts = report.receipts.count
            done.counts.units = report.unitCount
            done.counts.flagged = report.flaggedCount
            done.counts.differing = report.differingCount
            done.counts.totalsDiffering = report.totalsDifferingCount
            done.counts.faults = report.errors.count
            done.counts.faultyReceipts = report.faultyReceiptCount
            var total: Int? = 0
            for r in report.receipts where r.place == .body { total = total.flatMap { Checked.add($0, r.total) } }
            done.total = total
            done.unreadableTotal = report.receipts.first(where: { $0.place == .body && $0.totalUnreadable })?.number
            done.totalUnknown = report.totalUnknown
            if reportPath == nil && pipeline.areExamplesTaken {
                tally(report, into: &done.counts)
                return done
            }
            // Without a report file only the warnings are used (the summary's counts and examples).
            var findings = findings(report, warningsOnly: reportPath == nil)
            for n in findings.indices {
                findings[n].line = remap(findings[n].line, start.line)
                findings[n].lastLine = findings[n].lastLine.map { remap($0, start.line) }
            }
            if reportPath != nil { writeReport(findings, file: name, into: &done.reportLines) }
            done.findings = findings
            return done
        }

        func body(_ out: Int32, _ reportFD: Int32?) -> Bool {
            // Chunks are re-priced on every thread at once, each whole on one thread, and written here in file order
            // (`ChunkPipeline`): the output, the report and the examples are the same for any number of threads.
            let group = DispatchGroup()
            for _ in 0..<min(threads, plan.chunks.count) {
                DispatchQueue.global().async(group: group) {
                    while let k = pipeline.take() { pipeline.put(k, chunk(k)) }
                }
            }
            defer { pipeline.cancel(); group.wait() }
            for k in plan.chunks.indices {
                let done = pipeline.wait(k)
                guard let written = done.written else { irregular = done.irregular; return false }
                let ok = written.withUnsafeBytes { raw in
                    AtomicFile.writeAll(out, UnsafeRawBufferPointer(rebasing: raw[header.count..<(raw.count - placeholder.count)]))
                }
                guard ok else { return false }
                result.chunks += 1
                result.receipts += done.counts.receipts
                result.units += done.counts.units
                result.flagged += done.counts.flagged
                result.differing += done.counts.differing
                result.totalsDiffering += done.counts.totalsDiffering
                result.faults += done.counts.faults
                result.faultyReceipts += done.counts.faultyReceipts
                goSum = goSum.flatMap { sum in done.total.flatMap { Checked.add(sum, $0) } }
                if unreadableTotal == nil { unreadableTotal = done.unreadableTotal }
                if done.totalUnknown { totalUnknown = true }
                if let findings = done.findings {
                    result.note(findings)
                    if let reportFD, !done.reportLines.isEmpty {
                        guard done.reportLines.withUnsafeBytes({ AtomicFile.writeAll(reportFD, $0) }) else { return false }
                    }
                } else {
                    result.warningTotal += done.counts.warningTotal
                    result.warningCounts.merge(done.counts.warningCounts, uniquingKeysWith: +)
                }
                // Without a report file, and once the examples are taken, chunks after this one build no finding.
                if reportPath == nil && result.faultExamples.count >= 5 && result.notRepricedExamples.count >= 5 { pipeline.examplesTaken() }
                pipeline.release(k)
            }
            // The GO: its 総合計点数 is the sum over every chunk (as `run` computes it for the whole file).
            let tailDoc = UKEDocument(bytes: header + tail, name: name)
            guard let goLocal = tailDoc.structure.goLine else { irregular = true; return false }
            var changes: [(line: Int32, field: Int32, value: Int)] = []
            result.goStated = UKEFields.bounded(tailDoc.bytes, tailDoc.field(goLocal, 2), max: DomainLimit.maxFilePoints)
            var tailFindings: [UKERecalcFinding] = []
            let countFault = UKEStructure.goCountFault(tailDoc, goLine: goLocal, receipts: result.receipts)
            if let receipt = unreadableTotal {
                result.goComputed = result.goStated ?? 0
                result.faults += 1
                let e = UKEError(file: name, line: plan.goLine + 1, field: 3, fieldName: "総合計点数", reason: UKERecalc.unreadableTotalReason(receipt))
                tailFindings.append(UKERecalcFinding(kind: .fileFault, line: e.line, receipt: e.receipt, codes: [],
                                                     message: "field 3 (総合計点数): \(e.reason)"))
            } else if totalUnknown {
                // A receipt's total is a lower bound: so is the file's; the GO stays as stated (as `run` leaves it), and says so
                // (review 228 BW-2: a GO of 0 kept without a word).
                result.goComputed = result.goStated ?? 0
                tailFindings.append(UKERecalcFinding.goTotalUnknown(line: plan.goLine + 1, stated: result.goStated))
            } else if countFault?.field == 2 {
                // 総件数 not the file's receipts: the GO is left as it is (`goCountFault`; as `run`).
                result.goComputed = result.goStated ?? 0
            } else if let sum = goSum, sum <= DomainLimit.maxFilePoints {
                result.goComputed = sum
                // An unreadable stated total (not blank) is the GO's file fault, and the field is left as it is.
                // A GO of another shape (cut short) is a fault and stays as it is: no finding of a rewrite (as `run`).
                if result.goStated != sum && (result.goStated != nil || tailDoc.field(goLocal, 2).isEmpty) && tailDoc.fieldCount(goLocal) == 4 {
                    changes.append((Int32(goLocal), 2, sum))
                    result.goRewritten = true
                    tailFindings.append(UKERecalcFinding(kind: .totalDiffers, line: plan.goLine + 1, unit: "GO", codes: [], stated: result.goStated, computed: sum,
                                                         message: "総合計点数: stated \(result.goStated.map { String($0) } ?? "blank"), computed \(sum)"))
                }
            } else {
                result.goComputed = result.goStated ?? 0
                result.faults += 1
                let e = UKEError(file: name, line: plan.goLine + 1, field: 3, fieldName: "総合計点数",
                                 reason: "the receipts' 合計点数 add up to more than \(DomainLimit.maxFilePoints) points; GO left as it is")
                tailFindings.append(UKERecalcFinding(kind: .fileFault, line: e.line, receipt: e.receipt, codes: [],
                                                     message: "field 3 (総合計点数): \(e.reason)"))
            }
            // GO 総件数 against the receipts of every chunk (as `UKEStructure.scan` checks it for the whole file).
            if let e = countFault {
                result.faults += 1
                tailFindings.append(UKERecalcFinding(kind: .fileFault, line: plan.goLine + 1, receipt: nil, codes: [],
                                                     message: (e.field.map { "field \($0) (\(e.fieldName ?? "総件数")): " } ?? "") + UKERecalc.leftAsItIs(e.reason)))
            }
            let written = tailDoc.writing(sortedChanges: changes)
            guard written.count >= header.count, written[..<header.count].elementsEqual(header) else { irregular = true; return false }
            let ok = written.withUnsafeBytes { raw in
                // The IR first, then every chunk, then the GO and what follows it.
                AtomicFile.writeAll(out, UnsafeRawBufferPointer(rebasing: raw[header.count...]))
            }
            guard ok else { return false }
            var lines: [UInt8] = []
            note(tailFindings, &lines)
            if let reportFD, !lines.isEmpty { return lines.withUnsafeBytes { AtomicFile.writeAll(reportFD, $0) } }
            return true
        }

        func withReport(_ out: Int32) throws(AtomicFile.WriteError) -> Bool {
            guard header.withUnsafeBytes({ AtomicFile.writeAll(out, $0) }) else { return false }
            guard let reportPath else { return body(out, nil) }
            var ok = false
            try AtomicFile.write(to: reportPath) { r in ok = body(out, r); return ok }
            return ok
        }
        var inner: AtomicFile.WriteError?
        do {
            try AtomicFile.write(to: output) { out in
                do throws(AtomicFile.WriteError) { return try withReport(out) } catch { inner = error; return false }
            }
        } catch {
            if irregular { return nil }
            throw inner ?? error
        }
        return irregular ? nil : result
    }

    /// The warnings of `report` counted as `note` counts them (file and receipt faults, units not re-priced),
    /// without building findings.
    static func tally(_ report: Report, into result: inout StreamResult) {
        for _ in report.fileErrors { result.warningTotal += 1; result.warningCounts[UKERecalcFinding.Kind.fileFault.rawValue, default: 0] += 1 }
        for r in report.receipts {
            if r.fault != nil {
                result.warningTotal += 1
                result.warningCounts[UKERecalcFinding.Kind.receiptFault.rawValue, default: 0] += 1
                continue
            }
            for u in r.units {
                if case .failure(let issue) = u.result {
                    result.warningTotal += 1
                    result.warningCounts[UKERecalcFinding.reason(issue), default: 0] += 1
                }
            }
        }
    }

    /// The standard-error summary from counted warnings: counts by reason (most frequent first, then by name)
    /// and the first five examples, faults before units not re-priced; empty when there is nothing to say.
    public static func summary(_ r: StreamResult, file: String, reportPath: String?) -> [String] {
        guard r.warningTotal > 0 else { return [] }
        let ranked = r.warningCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        // Warnings only (faults, units not re-priced): the points and totals that differ are counted in the closing line
        // and listed in the report with them (review 113: "13 findings" beside a report of 25 lines read as all of it).
        // "findings", not "warnings": a file fault among them makes the run exit 1 (review 422 JK-7).
        var lines = ["\(file): \(r.warningTotal) finding\(r.warningTotal == 1 ? "" : "s"): " + ranked.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                     + (reportPath.map { "; every one in \($0), with the points and totals that differ" } ?? "; --report FILE lists every one")]
        for f in (r.faultExamples + r.notRepricedExamples).prefix(5) { lines.append("  " + f.text(file: file)) }
        return lines
    }
}
