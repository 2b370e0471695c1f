// swift-tools-version:6.1
import PackageDescription

// Layout fixed by DESIGN.md: two pure cores (SolarCore, Scene), the edges that
// do I/O (SunSpotKit for what both executables share, the CLI, the daemon).
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "SunSpot",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SolarCore", targets: ["SolarCore"]),
        .library(name: "Scene", targets: ["Scene"]),
        .executable(name: "sunspot", targets: ["sunspot"]),
        .executable(name: "sunspotd", targets: ["sunspotd"]),
    ],
    dependencies: [
        // The CLI's argument parsing; nothing else is needed by the cores.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "SolarCore", swiftSettings: strict),
        .target(name: "Scene", dependencies: ["SolarCore"], swiftSettings: strict),
        .target(name: "SunSpotKit", dependencies: ["SolarCore", "Scene"], swiftSettings: strict),
        // C libraries behind thin Swift adapters (`internal import`): no C type leaks out.
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CProj", path: "Sources/CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // Every picture (sun path, shadow map, heat map), drawn once for the CLI and the daemon.
        .target(name: "Render", dependencies: ["CCairo", "SolarCore", "Scene", "SunSpotKit"], swiftSettings: strict),
        // GeoJSON footprints → scene documents, through PROJ (the `sunspot import` command's work).
        .target(name: "GeoImport", dependencies: ["CProj", "Scene", "SunSpotKit"], swiftSettings: strict),
        .executableTarget(
            name: "sunspot",
            dependencies: ["SunSpotKit", "SolarCore", "Scene", "Render", "GeoImport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(name: "sunspotd", dependencies: ["SunSpotKit"], swiftSettings: strict),
        .executableTarget(
            name: "sunspot-bench", dependencies: ["SolarCore", "Scene", "SunSpotKit", "Render"], path: "Benchmarks/sunspot-bench",
            swiftSettings: strict),
        .testTarget(name: "SolarCoreTests", dependencies: ["SolarCore", "SunSpotKit"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "SceneTests", dependencies: ["Scene", "SolarCore", "SunSpotKit"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "SunSpotKitTests", dependencies: ["SunSpotKit", "Scene", "SolarCore"], swiftSettings: strict),
        .testTarget(name: "SunSpotCLITests", dependencies: ["SunSpotKit", "Render"], swiftSettings: strict),
        .testTarget(name: "GeoImportTests", dependencies: ["GeoImport", "Scene", "SunSpotKit"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Scene", "SolarCore", "SunSpotKit"],
                    swiftSettings: strict),
    ]
)
