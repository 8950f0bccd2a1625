// swift-tools-version:6.0
// Santei's libFuzzer targets (issue 9): a package of its own so that the root `swift build` and
// `swift test` never build them (they only link with `-sanitize=fuzzer`). Build and run through
// `Tools/fuzz/run.sh TARGET SECONDS` (see README.md).
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder (the clone's name), not the manifest's.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let santei = Target.Dependency.product(name: "Santei", package: root.lastPathComponent)

let targets = ["fuzz-claim", "fuzz-copay", "fuzz-uke", "fuzz-master", "fuzz-snapshot"]
let http = Target.Dependency.product(name: "SanteiHTTP", package: root.lastPathComponent)

let package = Package(
    name: "SanteiFuzz",
    products: (targets + ["fuzz-http"]).map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(path: "../..")],
    targets: [.target(name: "FuzzSupport", dependencies: [santei], path: "Sources/FuzzSupport")]
        + targets.map { .executableTarget(name: $0, dependencies: ["FuzzSupport", santei], path: "Sources/\($0)") }
        + [.executableTarget(name: "fuzz-http", dependencies: ["FuzzSupport", santei, http], path: "Sources/fuzz-http")]
)
