import Foundation
import Santei

let copayUsage = """
USAGE:
  santei copay --input CASES.jsonl [--output OUT.jsonl] [--progress]
      One monthly copay case a line (docs/copay-format.md: the format of the MHLW case file): the
      patient's 区分, 負担割合, 入院/外来, 多数回, 75歳到達月, 特定疾病, 配慮措置, up to four 公費 and the
      month's 医療費 by payer. One output line per non-blank input line, in input order:
      {"id", "line", "patient_yen", "payers": {"insurance": {charged_yen, paid_yen, remaining_yen},
      "<法別番号>": {…}}, "receipt": {HO/KO 負担金額}, "explanation": [each step]}, or
      {"line": N, "error": "field: why"} for a line that cannot be settled (the run goes on; exit 1).
      Day by day: give "visits": [{"date", "yen_total", "covered_by"}] instead of "bills" to get each
      visit's window amount, what each payer pays for it and the month-to-date ledger ("visits" in the
      output), with mid-month insurance changes ("patient_changes"), certificates starting or ending
      mid-month ("valid_from"/"valid_until") and 上限 changes ("cap_changes"). 地方単独公費 by prefecture:
      "local_program": {"prefecture": "tokyo", "program": "maru-nyu"} (Masters/params/copay/local).
      Law parameters come from Masters/params/copay (dated; a date whose amounts are unknown is refused).
"""

/// `santei copay --input cases.jsonl [--output out.jsonl] [--progress]`
func copayCommand(_ args: Arguments, _ out: Output) throws -> Exit {
    guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument \(args.positional[0])") }
    guard let input = args.options["input"] else { throw UsageError(message: "copay needs --input FILE (JSON lines)") }
    try checkDistinct(inputs: [("--input", input)], outputs: [("output", args.options["output"])])
    let bytes = try readInput(input)
    let parameters: CopayParameters
    do { parameters = try CopayParameters.loadDefault() } catch { throw InputError(message: "\(error)") }
    let engine = MonthlySettlement(parameters: parameters)
    let lines = Batch.lines(bytes)
    let showProgress = args.flags.contains("progress")
    let errors = ErrorCounter()

    let body: @Sendable (Int) -> [UInt8] = { k in
        let (number, range) = lines[k]
        let result = ServiceLines.copay(bytes[range], line: number, engine: engine)
        if result.error != nil { errors.add() }
        return result.bytes
    }
    try runLines(count: lines.count, noun: "cases", progress: showProgress, body, into: out, args)
    printError("\(lines.count) cases: \(lines.count - errors.count) settled, \(errors.count) errors")
    return errors.count == 0 ? .ok : .badInput
}
