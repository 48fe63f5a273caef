// swift-tools-version:6.0
// Using MechSim as a library: a mechanism defined outside MechSim, registered, checked and run
// in a scenario. Build and run from this folder with `swift run PhantomMedianStudy`.
import PackageDescription

let package = Package(
    name: "MechSimExamples",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MechSim", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "PhantomMedianStudy",
            dependencies: [
                .product(name: "Mechanisms", package: "MechSim"),
                .product(name: "Sim", package: "MechSim"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
