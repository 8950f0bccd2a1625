// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Santei",
    products: [
        .library(name: "Santei", targets: ["Santei"]),
        .library(name: "SanteiC", type: .dynamic, targets: ["SanteiC"]),
        .library(name: "SanteiHTTP", targets: ["SanteiHTTP"]),
        .executable(name: "santei", targets: ["santei"]),
        .executable(name: "santei-bench", targets: ["santei-bench"]),
    ],
    targets: [
        .target(name: "Santei", dependencies: ["CSanteiSHA", "CSanteiMemory"], path: "Sources/Santei"),
        .target(name: "CSanteiSHA", path: "Sources/CSanteiSHA"),
        .target(name: "CSanteiMemory", path: "Sources/CSanteiMemory"),
        .target(name: "CSanteiEpoll", path: "Sources/CSanteiEpoll"),
        .target(name: "SanteiHTTP", dependencies: ["Santei", "CSanteiEpoll"], path: "Sources/SanteiHTTP"),
        .target(name: "SanteiC", dependencies: ["Santei"], path: "Sources/SanteiC"),
        .executableTarget(name: "santei", dependencies: ["Santei", "SanteiHTTP"], path: "Sources/santei"),
        .executableTarget(name: "santei-bench", dependencies: ["Santei", "SanteiGenerator"], path: "Benchmarks/santei-bench"),
        .target(name: "SanteiGenerator", dependencies: ["Santei"], path: "Tools/SanteiGenerator"),
        .executableTarget(name: "santei-gen", dependencies: ["Santei", "SanteiGenerator"], path: "Tools/santei-gen"),
        .testTarget(name: "SanteiTests", dependencies: ["Santei", "SanteiGenerator", "SanteiHTTP"], path: "Tests/SanteiTests",
                    exclude: ["Golden/pricing-cases.json", "Golden/derivation-cases.json", "Copay/copay-golden.json", "Copay/copay-issue13-cases.json", "Golden/copay-local-programs.jsonl", "Inpatient/inpatient-cases.json", "Inpatient/make_cases.py", "Inpatient/Fixtures", "Receipts/InpatientUKE", "Receipts/HandPricedUKE"]),
    ]
)
