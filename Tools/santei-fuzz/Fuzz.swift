import Foundation
import Santei
#if !FUZZING
import SanteiHTTP   // the fuzz build compiles HTTPParser.swift into this module instead
#endif

/// Fuzz target for the doors' readers: the HTTP head reader, the request-line reader of `--stdio`, and the
/// engine's routes (claim, copay and batch JSON readers behind them) on the bytes as a body.
///
/// Built with libFuzzer (`Benchmarks/fuzz-serve.sh`: `-sanitize=fuzzer -D FUZZING`), `LLVMFuzzerTestOneInput`
/// is the entry point. Built normally, `santei-fuzz FILE…` replays inputs (a corpus or crash reproducers)
/// and exits 0 when none traps.
enum FuzzTarget {
    nonisolated(unsafe) static var engine: SanteiEngine? = try? SanteiEngine(.embedded)
    static let routes = ["/v1/encounter", "/v1/claims/price", "/v1/claims/audit?mode=apply", "/v1/copay"]

    static func run(_ bytes: UnsafeRawBufferPointer) {
        _ = HTTPParser.parseHead(bytes, limits: HTTPLimits())
        guard let engine else { return }
        let body = Array(bytes)
        // The first byte picks a route, so one input explores one reader deeply.
        let route = routes[Int(body.first ?? 0) % routes.count]
        _ = engine.handle(method: "POST", target: route, body: body.dropFirst())
        _ = StdioService.answer(body[...], engine)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
@main
struct Replay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            let files = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for f in files {
                guard let d = FileManager.default.contents(atPath: f) else { continue }
                d.withUnsafeBytes { FuzzTarget.run($0) }
                count += 1
            }
        }
        print("santei-fuzz: \(count) inputs replayed, none trapped")
    }
}
#endif
