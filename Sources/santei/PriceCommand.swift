import Foundation
import Santei

/// `santei price --input claims.jsonl [--output out.jsonl] [--progress] [--masters DIR | --snapshot FILE]`
func priceCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    guard let input = args.options["input"] else { throw UsageError(message: "price needs --input FILE (JSON lines)") }
    guard let data = FileManager.default.contents(atPath: input) else { throw InputError(message: "cannot read \(input)") }
    let bytes = [UInt8](data)
    let set = try loadMasters(args)
    let pricer = ClaimPricer(masters: set, unitPricer: UnitPricer(bundled: try lawParameters()))
    let lines = Batch.lines(bytes)
    let showProgress = args.flags.contains("progress") || isatty(2) != 0
    let errors = ErrorCounter()

    let body: @Sendable (Int) -> [UInt8] = { k in
        let (number, range) = lines[k]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let claim = try JSONDecoder().decode(Claim.self, from: Data(bytes[range]))
            var priced = try pricer.price(claim)
            priced.orders.sort { ($0.encounter, $0.order) < ($1.encounter, $1.order) }
            return Array(try encoder.encode(PricedLine(line: number, result: priced)))
        } catch {
            errors.add()
            let message: String
            switch error {
            case let e as DecodingError: message = describe(e)
            default: message = "\(error)"
            }
            return Array(try! encoder.encode(ErrorLine(line: number, error: message)))
        }
    }
    var outputBytes: [UInt8] = []
    Batch.run(count: lines.count, body: body, emit: { line in
        outputBytes += line
        outputBytes.append(10)
    }, progress: showProgress ? { p in
        FileHandle.standardError.write(String(format: "\rclaims %d/%d  %.0f claims/s  ETA %.0fs   ", p.done, p.total, p.perSecond, p.eta).data(using: .utf8)!)
        if p.done == p.total { FileHandle.standardError.write("\n".data(using: .utf8)!) }
    } : nil)
    if let path = args.options["output"] {
        try writeAtomically(outputBytes, to: path)
    } else {
        out.flush()
        outputBytes.withUnsafeBytes { raw in if raw.count > 0 { _ = Glibc.write(1, raw.baseAddress!, raw.count) } }
    }
    printError("\(lines.count) claims: \(lines.count - errors.count) priced, \(errors.count) errors")
    return errors.count == 0 ? .ok : .badInput
}

struct PricedLine: Encodable {
    var line: Int
    var result: PricedClaim
    func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(line, forKey: Key(stringValue: "line")!)
    }
    struct Key: CodingKey { var stringValue: String; init?(stringValue: String) { self.stringValue = stringValue }; var intValue: Int? { nil }; init?(intValue: Int) { nil } }
}

struct ErrorLine: Encodable { var line: Int; var error: String }

final class ErrorCounter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// A decoding error as a clerk can act on it: the field path and what was wrong.
func describe(_ e: DecodingError) -> String {
    func path(_ p: [CodingKey]) -> String {
        p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }
    switch e {
    case .keyNotFound(let key, let ctx): return "missing field \(path(ctx.codingPath + [key]))"
    case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
    case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "not JSON: \(ctx.debugDescription)" : "\(path(ctx.codingPath)): \(ctx.debugDescription)"
    @unknown default: return "\(e)"
    }
}
