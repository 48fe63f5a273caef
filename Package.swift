// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MechSim",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Solvers", targets: ["Solvers"]),
        .library(name: "Mechanisms", targets: ["Mechanisms"]),
        .library(name: "Sim", targets: ["Sim"]),
        .executable(name: "mechsim", targets: ["mechsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(name: "Solvers", dependencies: ["CGLPK"]),
        .target(name: "Mechanisms", dependencies: ["Solvers"]),
        .target(name: "Sim", dependencies: ["Mechanisms", "Solvers", "Yams"]),
        .target(name: "Benchmarks", dependencies: ["Sim", "Mechanisms", "Solvers"]),
        .executableTarget(
            name: "mechsim",
            dependencies: [
                "Sim", "Mechanisms", "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SolversTests", dependencies: ["Solvers"]),
        .testTarget(name: "MechanismsTests", dependencies: ["Mechanisms", "Solvers"]),
        .testTarget(name: "SimTests", dependencies: ["Sim", "Mechanisms"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "Sim"]),
        .testTarget(name: "mechsimTests", dependencies: ["mechsim"]),
    ],
    swiftLanguageModes: [.v6]
)
