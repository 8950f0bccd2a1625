import Foundation
import Santei
import SanteiGenerator

// santei-gen — seeded realistic 入院外 (or, with --inpatient, 入院) claims from the masters of a month, as JSON lines.
//   swift run -c release santei-gen --masters ../shared/masters --month 2024-06 --claims 10000 --seed 1 > claims.jsonl

let usage = """
santei-gen — seeded, realistic 入院外 claims (JSON lines, docs/claim-format.md) on standard output,
with codes picked from the masters valid in the month by their fields.

USAGE: santei-gen [--masters DIR] [--month YYYY-MM] [--claims N] [--seed S] [--inpatient]
  --masters DIR   official master files (default: the built-in sample set)
  --month         the claims' month (default 2024-06)
  --claims N      how many claims (default 1000, at most 100,000,000)
  --seed S        the random seed (default 1); the same seed gives the same claims
  --inpatient     入院 claims instead (docs/claim-format.md "入院"): stays of 1–60 days across the month,
                  a ward from the month's 入院基本料 rows with its 施設基準, daily orders, meals, 外泊
"""
func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("santei-gen: \(message)\n".utf8)); exit(code)
}
var args = Array(CommandLine.arguments.dropFirst())
var masters: String?, monthText = "2024-06", count = 1000, seed: UInt64 = 1, inpatient = false
while !args.isEmpty {
    let a = args.removeFirst()
    if a == "--help" || a == "-h" { print(usage); exit(0) }
    if a == "--inpatient" { inpatient = true; continue }
    guard ["--masters", "--month", "--claims", "--seed"].contains(a) else { fail("unknown option \(a)\n\(usage)", 2) }
    guard !args.isEmpty else { fail("\(a) needs a value", 2) }
    let v = args.removeFirst()
    switch a {
    case "--masters": masters = v
    case "--month": monthText = v
    case "--claims": guard let n = Int(v), (0...100_000_000).contains(n) else { fail("--claims \(v) is not a count from 0 to 100,000,000", 2) }; count = n
    default: guard let s = UInt64(v) else { fail("--seed \(v) is not a whole number", 2) }; seed = s
    }
}
let parts = monthText.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
guard parts.count == 2, let year = parts[0], let month = parts[1], (1...12).contains(month), DomainLimit.yearRange.contains(year) else {
    fail("--month \(monthText) is not a month (YYYY-MM)", 2)
}
do {
    guard let dir = masters ?? MasterLocator.defaultDirectory() else { fail("no masters: give --masters DIR", 1) }
    let set = try MasterSetBuilder.build(directory: dir, calendar: MasterLocator.calendar(for: dir))
    let generator = try ClaimGenerator(masters: set, year: year, month: month)
    if inpatient && !generator.canGenerateInpatient { fail("the masters of \(monthText) have no 入院基本料 row (実日数 3, 点数欄 903) to generate 入院 claims with", 1) }
    var rng = SplitMix64(seed: seed)
    var out = ""
    for n in 0..<count {
        out += (inpatient ? generator.inpatientClaim(n, using: &rng) : generator.claim(n, using: &rng)) + "\n"
        if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(out.data(using: .utf8)!); out = "" }
    }
    FileHandle.standardOutput.write(out.data(using: .utf8)!)
} catch {
    FileHandle.standardError.write("santei-gen: \(error)\n".data(using: .utf8)!)
    exit(1)
}
