import FuzzSupport
import Santei
import SanteiHTTP

// bytes → the service's doors (issue 10): the HTTP head reader (`HTTPParser.parseHead`), the engine's
// routes with the claim/copay/batch JSON readers behind them (`SanteiEngine.handle`, the first byte
// picks the route), and the `--stdio` request-line reader (`StdioService.answer`). The engine runs on
// the embedded sample set, as `santei serve` does without --masters.

let engine: SanteiEngine = {
    do { return try SanteiEngine(.embedded) } catch { fatalError("fuzz: \(error)") }
}()
let routes = ["/v1/encounter", "/v1/claims/price", "/v1/claims/audit?mode=apply", "/v1/copay", "/v1/claims/audit?mode=advise"]

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    bytes.withUnsafeBytes { raw in Fuzz.consume("\(HTTPParser.parseHead(raw, limits: HTTPLimits()))") }
    let route = routes[Int(bytes.first ?? 0) % routes.count]
    Fuzz.consume(engine.handle(method: "POST", target: route, body: bytes.dropFirst()).body.count)
    Fuzz.consume(StdioService.answer(bytes[...], engine).count)
    return 0
}

@_cdecl("fuzz_http_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.run(argc, argv, testOneInput) { _ = engine }
}
