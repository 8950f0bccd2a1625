import Dispatch
import Foundation

/// Runs a per-line job over a JSONL input on every core, in batches, and hands the results back
/// in input order. A line's job never stops the run: it returns its own output (a result or an
/// error record).
public enum Batch {
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var seconds: Double
        public var perSecond: Double { seconds > 0 ? Double(done) / seconds : 0 }
        public var eta: Double { perSecond > 0 ? Double(total - done) / perSecond : 0 }
        public init(done: Int, total: Int, seconds: Double) { self.done = done; self.total = total; self.seconds = seconds }
    }

    /// Line ranges of a buffer (LF or CRLF; blank lines skipped; a leading UTF-8 BOM skipped), with their 1-based line numbers.
    /// A buffer without any LF whose lines end with CR alone (classic Mac OS) is split on CR: its second claim was read as
    /// text after the first one's closing brace and lost (review 89 W4).
    public static func lines(_ bytes: [UInt8]) -> [(number: Int, range: Range<Int>)] {
        lines(bytes, separator: bytes.contains(10) || !bytes.contains(13) ? 10 : 13, firstNumber: 1, skipBOM: true).lines
    }

    /// The lines of one block of a larger input (`santei price` reads its input block by block): split at `separator`, numbered
    /// from `firstNumber`, a UTF-8 BOM skipped only when `skipBOM` (the input's first block); `next` is the number of the line
    /// after the block's last separator.
    public static func lines(_ bytes: [UInt8], separator: UInt8, firstNumber: Int, skipBOM: Bool)
        -> (lines: [(number: Int, range: Range<Int>)], next: Int) {
        var out: [(Int, Range<Int>)] = []
        // A UTF-8 byte order mark before the first line (written by many Windows tools) is not part of the JSON.
        var start = skipBOM && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, number = firstNumber
        var separators = 0
        bytes.withUnsafeBufferPointer { b in
            for i in 0...b.count {
                if i == b.count || b[i] == separator {
                    var end = i
                    if end > start && b[end - 1] == 13 { end -= 1 }
                    if end > start && !(b[start..<end].allSatisfy { $0 == 32 || $0 == 9 }) { out.append((number, start..<end)) }
                    start = i + 1
                    number += 1
                    if i < b.count { separators += 1 }
                }
            }
        }
        return (out, firstNumber + separators)
    }

    /// Processes `count` jobs with `body(index)` in batches of `batchSize`, each batch on every core;
    /// `emit` receives each output in index order, on the calling thread, while the next batch is
    /// being computed (so writing the output is not a serial phase between batches); `progress` is
    /// called after each batch is emitted. With `parallel: false` every job runs on the calling
    /// thread (one-core measurements).
    public static func run<Output: Sendable>(count: Int, batchSize: Int = 8192, parallel: Bool = true,
                                             body: @escaping @Sendable (Int) -> Output,
                                             emit: (Output) -> Void,
                                             progress: ((Progress) -> Void)? = nil) {
        let start = DispatchTime.now().uptimeNanoseconds
        func report(_ done: Int) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress?(Progress(done: done, total: count, seconds: seconds))
        }
        guard parallel else {
            var done = 0
            while done < count {
                let n = min(batchSize, count - done)
                for k in 0..<n { emit(body(done + k)) }
                done += n
                report(done)
            }
            return
        }
        guard count > 0 else { return }
        var base = 0
        var n = min(batchSize, count)
        var current = UnsafeResults<Output>(count: n)
        fill(current, base: 0, count: n, body)
        while true {
            let nextBase = base + n
            let nextCount = min(batchSize, count - nextBase)
            let group = DispatchGroup()
            let next = UnsafeResults<Output>(count: max(nextCount, 0))
            if nextCount > 0 {
                DispatchQueue.global().async(group: group) { fill(next, base: nextBase, count: nextCount, body) }
            }
            for k in 0..<n { emit(current.get(k)) }
            report(nextBase)
            guard nextCount > 0 else { return }
            group.wait()
            (current, base, n) = (next, nextBase, nextCount)
        }
    }

    /// Jobs `base ..< base + count` into `results`, on every core.
    private static func fill<Output: Sendable>(_ results: UnsafeResults<Output>, base: Int, count n: Int,
                                               _ body: @Sendable (Int) -> Output) {
        let chunks = min(n, ProcessInfo.processInfo.activeProcessorCount * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for k in (n * c / chunks)..<(n * (c + 1) / chunks) { results.set(k, body(base + k)) }
        }
    }
}
