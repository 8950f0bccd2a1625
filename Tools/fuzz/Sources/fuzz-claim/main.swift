import FuzzSupport
import Santei

// bytes → JSON lines → ClaimJSON.parse → ClaimPricer.price → Auditor.audit (apply mode: the
// checks of advise and the corrections; the corrected claim priced again) → ClaimCopay.compute when the claim has `insurance`, and every
// output line written: what `santei price [--audit advise|apply]` and `santei audit` do with each
// line. The input is also read as `--history` (earlier claims matched by patient.id).

let pricer = ClaimPricer(masters: Fuzz.masters, unitPricer: Fuzz.unitPricer)
let auditor = Auditor(masters: Fuzz.masters)

/// `santei price`'s body for one claim (PriceCommand.swift), the audit notes included.
func price(_ claim: Claim, notes: [String], line: Int, into out: inout [UInt8]) throws(ClaimError) {
    var priced = try pricer.price(claim)
    priced.notes += notes
    priced.orders.sort { ($0.encounter, $0.order) < ($1.encounter, $1.order) }
    if claim.insurance != nil {
        do throws(CopayError) {
            priced.copay = try ClaimCopay.compute(claim, priced, parameters: Fuzz.copayParameters)
        } catch { throw ClaimError(message: "copay: \(error)") }
    }
    ClaimJSON.write(priced, line: line, into: &out)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    var history = AuditHistory()
    history.load(bytes: bytes, name: "history.jsonl")
    Fuzz.consume(history.errors.count)
    var out: [UInt8] = []
    for (number, range) in Batch.lines(bytes) {
        let claim: Claim
        do throws(ClaimError) { claim = try ClaimJSON.parse(bytes[range]) } catch {
            ClaimJSON.writeError(error.message, line: number, into: &out)
            continue
        }
        // santei price (no audit).
        do throws(ClaimError) { try price(claim, notes: [], line: number, into: &out) } catch {
            ClaimJSON.writeError(error.message, line: number, into: &out)
        }
        // santei audit --mode apply and santei price --audit apply (advise runs the same checks, without the corrections).
        for mode in [AuditMode.apply] {
            do throws(ClaimError) {
                let audit = try auditor.audit(claim, history: history.claims(of: claim), mode: mode)
                AuditOutput.write(audit, line: number, into: &out)
                let notes = audit.changes.map { "audit \($0.check): \($0.kind == .removed ? "removed" : "回数 \($0.timesBefore) → \($0.timesAfter) of") \($0.code) at encounters[\($0.encounter)].orders[\($0.order)].items[\($0.item)]: \($0.reason)" }
                    + audit.findings.map { "audit \($0.check): \($0.message)" }
                if let corrected = audit.corrected { try price(corrected, notes: notes, line: number, into: &out) }
            } catch {
                ClaimJSON.writeError(error.message, line: number, into: &out)
            }
        }
    }
    Fuzz.consume(out)
    return 0
}

@_cdecl("fuzz_claim_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.run(argc, argv, testOneInput) { _ = (pricer, auditor, Fuzz.copayParameters) }
}
