// swift-tools-version:6.0
// libFuzzer targets for the readers of every file mechsim accepts (InputReaders in Sim), one
// executable per reader. Linux only; build and run them with `make fuzz` from the repository
// root (see docs/reliability.md), or by hand:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
//   Fuzz/.build/release/FuzzScenario CORPUS_DIR -max_total_time=60
import PackageDescription

let readers = ["FuzzScenario", "FuzzAuctionInstance", "FuzzAcquisitionInstance", "FuzzAudit", "FuzzShard"]

let package = Package(
    name: "MechSimFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MechSim", path: ".."),
    ],
    targets: readers.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "Sim", package: "MechSim")])
    },
    swiftLanguageModes: [.v6]
)
