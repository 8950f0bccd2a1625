import FuzzSupport
import Santei

// bytes → UKEDocument(bytes:name:) → UKERecalc.run (with the --check explanations) → the messages
// `santei uke recalc --check` prints and the rewritten file (UKECommands.swift, in memory) → each
// receipt as a claim (UKEClaims) audited in apply mode (advise's checks and the corrections) with the file itself as history,
// as `santei audit --input RECEIPTC.UKE --history RECEIPTC.UKE` does (AuditCommand.swift).

let auditor = Auditor(masters: Fuzz.masters)
let name = "RECEIPTC.UKE"

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let doc = UKEDocument(bytes: Fuzz.bytes(data, size), name: name)

    // santei uke recalc [--check]: one thread (the CLI splits receipts over cores; the code per receipt is the same).
    let report = UKERecalc.run(doc, masters: Fuzz.masters, pricer: Fuzz.unitPricer,
                               options: .init(explain: true, keepAllUnits: false, parallel: false))
    var lines: [String] = []
    for r in report.receipts {
        if let e = r.error { lines.append("\(doc.name): RE \(r.number): \(e)") }
        for u in r.units {
            switch u.result {
            case .failure(let issue):
                lines.append("\(u.firstLine + 1): RE \(r.number) \(u.category): \(u.stated.map(String.init) ?? "blank") \(issue)")
            case .success(let p) where p.points != u.stated:
                lines.append("\(u.firstLine + 1)-\(u.lastLine + 1): RE \(r.number) \(u.category) \(u.items.map { String($0.code) }.joined(separator: "+")) \(p.points)")
                lines += p.explanation
            default:
                break
            }
        }
        for p in r.payers where p.stated != p.computed {
            lines.append("\(p.line + 1): RE \(r.number) \(p.bit == 0 ? "HO" : "KO\(p.bit)") \(p.stated.map(String.init) ?? "blank") \(p.computed)")
        }
    }
    lines.append("\(report.receipts.count) \(report.unitCount) \(report.flaggedCount) \(report.differingCount) \(report.goStated ?? -1) \(report.goComputed)")
    Fuzz.consume(lines.joined(separator: "\n"))
    Fuzz.consume(UKERecalc.rewrite(doc, report))

    // santei audit --input RECEIPTC.UKE --history RECEIPTC.UKE --mode apply
    var history = AuditHistory()
    history.load(bytes: doc.bytes, name: name)
    Fuzz.consume(history.errors.count)
    var out: [UInt8] = []
    for receipt in UKEClaims.receipts(doc) {
        let number = receipt.lowerBound + 1
        let claim: Claim
        do throws(ClaimError) { claim = try UKEClaims.entry(doc, receipt).claim.get() } catch {
            ClaimJSON.writeError(error.message, line: number, into: &out)
            continue
        }
        for mode in [AuditMode.apply] {
            do throws(ClaimError) {
                AuditOutput.write(try auditor.audit(claim, history: history.claims(of: claim), mode: mode), line: number, into: &out)
            } catch {
                ClaimJSON.writeError(error.message, line: number, into: &out)
            }
        }
    }
    Fuzz.consume(out)
    return 0
}

@_cdecl("fuzz_uke_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.run(argc, argv, testOneInput) { _ = (auditor, Fuzz.unitPricer) }
}
