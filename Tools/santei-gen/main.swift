import Foundation
import Santei
import SanteiGenerator

// santei-gen — seeded realistic 入院外 claims from the masters of a month, as JSON lines.
//   swift run -c release santei-gen --masters ../shared/masters --month 2024-06 --claims 10000 --seed 1 > claims.jsonl

var args = Array(CommandLine.arguments.dropFirst())
var masters: String?, monthText = "2024-06", count = 1000, seed: UInt64 = 1
while !args.isEmpty {
    let a = args.removeFirst()
    guard !args.isEmpty else { FileHandle.standardError.write("santei-gen: \(a) needs a value\n".data(using: .utf8)!); exit(2) }
    let v = args.removeFirst()
    switch a {
    case "--masters": masters = v
    case "--month": monthText = v
    case "--claims": count = Int(v) ?? -1
    case "--seed": seed = UInt64(v) ?? 0
    default: FileHandle.standardError.write("usage: santei-gen [--masters DIR] [--month YYYY-MM] [--claims N] [--seed S]\n".data(using: .utf8)!); exit(2)
    }
}
let parts = monthText.split(separator: "-").compactMap { Int($0) }
guard parts.count == 2, (1...12).contains(parts[1]), count >= 0 else { FileHandle.standardError.write("santei-gen: bad --month or --claims\n".data(using: .utf8)!); exit(2) }
do {
    let dir = masters ?? MasterLocator.defaultDirectory()!
    let set = try MasterSetBuilder.build(directory: dir, calendar: MasterLocator.calendar(for: dir))
    let generator = try ClaimGenerator(masters: set, year: parts[0], month: parts[1])
    var rng = SplitMix64(seed: seed)
    var out = ""
    for n in 0..<count {
        out += generator.claim(n, using: &rng) + "\n"
        if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(out.data(using: .utf8)!); out = "" }
    }
    FileHandle.standardOutput.write(out.data(using: .utf8)!)
} catch {
    FileHandle.standardError.write("santei-gen: \(error)\n".data(using: .utf8)!)
    exit(1)
}
