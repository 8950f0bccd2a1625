// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Santei",
    products: [
        .library(name: "Santei", targets: ["Santei"]),
        .executable(name: "santei", targets: ["santei"]),
        .executable(name: "santei-bench", targets: ["santei-bench"]),
    ],
    targets: [
        .target(name: "Santei", path: "Sources/Santei"),
        .executableTarget(name: "santei", dependencies: ["Santei"], path: "Sources/santei"),
        .executableTarget(name: "santei-bench", dependencies: ["Santei"], path: "Benchmarks/santei-bench"),
        .testTarget(name: "SanteiTests", dependencies: ["Santei"], path: "Tests/SanteiTests"),
    ]
)
