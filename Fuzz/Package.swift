// swift-tools-version:6.2
// libFuzzer targets for Assay (issue 11). A separate package so the main package's `swift build` / `swift test` never
// see the fuzzer flags. Build and run with `scripts/fuzz`; by hand (scripts/fuzz builds FuzzMath without `address`):
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name, which depends on where the repository is checked out.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let assay = root.lastPathComponent.lowercased()

let package = Package(
    name: "AssayFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        // `<Target>_main` → libFuzzer's driver (see fuzzer_main.c).
        .target(name: "FuzzerMain"),
        // Answer extraction + LaTeX parsing + equivalence + canonical keys + the step checker.
        .executableTarget(
            name: "FuzzMath",
            dependencies: [
                "FuzzerMain", .product(name: "AssayMath", package: assay), .product(name: "AssayCore", package: assay),
            ]),
        // The rule loader (YAML → Rule) with the text and math verifiers (nothing that starts processes).
        .executableTarget(
            name: "FuzzRules",
            dependencies: [
                "FuzzerMain", .product(name: "AssayCore", package: assay), .product(name: "AssayText", package: assay),
                .product(name: "AssayMath", package: assay),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
