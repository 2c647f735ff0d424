// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .executable(name: "assay-sandbox", targets: ["assay-sandbox"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayText", targets: ["AssayText"]),
        .library(name: "AssayMath", targets: ["AssayMath"]),
        .library(name: "AssayServer", targets: ["AssayServer"]),
        .library(name: "AssayJudge", targets: ["AssayJudge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries (pkg-config shims).
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(
            name: "AssayCore",
            dependencies: ["CSQLite3", "CCrypto", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "AssayText", dependencies: ["AssayCore", "CPCRE2"], swiftSettings: strict),
        .target(
            name: "AssayMath", dependencies: ["AssayCore", .product(name: "BigInt", package: "BigInt")], swiftSettings: strict),
        .target(
            name: "AssayServer",
            dependencies: ["AssayCore", "CMicroHTTPD", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: strict
        ),
        // The sandbox launcher (C): namespaces, cgroups, rlimits, uid drop, then exec.
        .executableTarget(name: "assay-sandbox", cSettings: [.define("_GNU_SOURCE")]),
        .target(
            name: "AssayCode", dependencies: ["AssayCore"],
            exclude: ["Worker/common.py", "Worker/forkserver.py", "Worker/tester.py"], swiftSettings: strict),
        .target(
            name: "AssayJudge",
            dependencies: [
                "AssayCore", "AssayMath",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict),
        .target(
            name: "AssayBench",
            dependencies: ["AssayCore", "AssayText", "AssayMath", "AssayCode", "AssayJudge", "AssayServer"],
            swiftSettings: strict),
        .target(
            name: "AssayTrain",
            dependencies: [
                "AssayCore", "AssayMath", "AssayBench", "AssayJudge",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayTrain",
                "AssayCore", "AssayText", "AssayCode", "AssayJudge", "AssayServer", "AssayBench", "assay-sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Test doubles shared by test targets (a scripted OpenAI-compatible server); not a product.
        .target(
            name: "AssayTestSupport", dependencies: ["AssayCore", "AssayServer"], path: "Tests/AssayTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "AssayTrainTests",
            dependencies: ["AssayTrain", "AssayCore", "AssayMath", "AssayBench", "AssayServer", "assay", "AssayTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore"], swiftSettings: strict),
        .testTarget(name: "AssayTextTests", dependencies: ["AssayText", "AssayCore"], swiftSettings: strict),
        .testTarget(name: "AssayMathTests", dependencies: ["AssayMath", "AssayCore", .product(name: "BigInt", package: "BigInt")], swiftSettings: strict),
        .testTarget(name: "AssayCodeTests", dependencies: ["AssayCode", "AssayCore", "assay-sandbox"], swiftSettings: strict),
        .testTarget(
            name: "AssayBenchTests",
            dependencies: ["AssayBench", "AssayCore", "AssayMath", "AssayCode", "assay", "AssayJudge", "AssayTestSupport"],
            exclude: ["Support/independent_metrics.py"], swiftSettings: strict),
        .testTarget(
            name: "AssayJudgeTests", dependencies: ["AssayJudge", "AssayCore", "AssayMath", "AssayServer", "AssayTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "AssayServerTests",
            dependencies: ["AssayServer", "AssayCore", "AssayText", "AssayMath", "AssayCode", "AssayJudge", "assay-sandbox"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
