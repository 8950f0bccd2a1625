import FuzzSupport
import Santei

// bytes → JSON lines → CopayCase.parse → MonthlySettlement.settle → the output line: what
// `santei copay` does with each line (CopayCommand.swift). Each settled case is also paid visit by
// visit at the window (`windowPayment`, one bill a visit, the first eight), as `santei price` does for claims.
// A day-level case (`visits[]`) is settled visit by visit (`settleDays`).

let engine = MonthlySettlement(parameters: Fuzz.copayParameters)

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    for (number, range) in Batch.lines(bytes) {
        do throws(CopayError) {
            let c = try CopayCase.parse(bytes[range])
            do throws(CopayError) {
                if !c.visits.isEmpty {
                    // The day-level form (visits[], mid-month changes): what `santei copay` answers for it.
                    Fuzz.consume(CopayCaseResult(id: c.id, line: number, days: try engine.settleDays(c)).json())
                    continue
                }
                Fuzz.consume(CopayCaseResult(id: c.id, line: number, settlement: try engine.settle(c.situation, bills: c.bills)).json())
                var ledger = MonthLedger()
                for bill in c.bills.prefix(8) {
                    let charge = try engine.windowPayment(c.situation, ledger: ledger, visit: [bill])
                    Fuzz.consume(charge.rounding)
                    ledger = charge.ledger
                }
            } catch {
                Fuzz.consume(CopayCaseResult.errorJSON(error.description, line: number, id: c.id))
            }
        } catch {
            Fuzz.consume(CopayCaseResult.errorJSON(error.description, line: number))
        }
    }
    return 0
}

@_cdecl("fuzz_copay_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.run(argc, argv, testOneInput) { _ = engine }
}
