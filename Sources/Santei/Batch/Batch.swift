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
    }

    /// Line ranges of a buffer (LF or CRLF; blank lines skipped), with their 1-based line numbers.
    public static func lines(_ bytes: [UInt8]) -> [(number: Int, range: Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        var start = 0, number = 1
        bytes.withUnsafeBufferPointer { b in
            for i in 0...b.count {
                if i == b.count || b[i] == 10 {
                    var end = i
                    if end > start && b[end - 1] == 13 { end -= 1 }
                    if end > start && !(b[start..<end].allSatisfy { $0 == 32 || $0 == 9 }) { out.append((number, start..<end)) }
                    start = i + 1
                    number += 1
                }
            }
        }
        return out
    }

    /// Processes `count` jobs with `body(index)` in batches of `batchSize`, each batch on every core;
    /// `emit` receives each output in index order; `progress` is called after each batch. With
    /// `parallel: false` every job runs on the calling thread (one-core measurements).
    public static func run<Output: Sendable>(count: Int, batchSize: Int = 8192, parallel: Bool = true,
                                             body: @escaping @Sendable (Int) -> Output,
                                             emit: (Output) -> Void,
                                             progress: ((Progress) -> Void)? = nil) {
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < count {
            let n = min(batchSize, count - done)
            let results = UnsafeResults<Output>(count: n)
            let base = done
            if parallel {
                let chunks = min(n, ProcessInfo.processInfo.activeProcessorCount * 4)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    for k in (n * c / chunks)..<(n * (c + 1) / chunks) { results.set(k, body(base + k)) }
                }
            } else {
                for k in 0..<n { results.set(k, body(base + k)) }
            }
            for k in 0..<n { emit(results.get(k)) }
            done += n
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress?(Progress(done: done, total: count, seconds: seconds))
        }
    }
}
