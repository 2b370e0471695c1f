// swift-tools-version:6.1
import PackageDescription

// Layout fixed by DESIGN.md: two pure cores (SolarCore, Scene), then the edges both executables
// share — SunSpotIO (scene loading, the system time zone, JSON output, shared input parsers,
// Language), SunSpotResults (what a batch report computes), SunSpotReports (text/CSV/JSON shapes) —
// the pictures (Render) and imports (GeoImport), and the two executables.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "SunSpot",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SolarCore", targets: ["SolarCore"]),
        .library(name: "Scene", targets: ["Scene"]),
        .executable(name: "sunspot", targets: ["sunspot"]),
        .executable(name: "sunspotd", targets: ["sunspotd"]),
        .library(name: "SunSpotServer", targets: ["SunSpotServer"]),
    ],
    dependencies: [
        // The CLI's argument parsing; nothing else is needed by the cores.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The daemon (SunSpotServer, sunspotd): HTTP, SQLite, logs, metrics, token hashing.
        // Hummingbird without its swift-configuration trait: options come from ArgumentParser.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Tests only: reads openapi.yaml to check its scene schema against the Swift types.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The shared store of several replicas (issue 12): pooled client, prepared statements, LISTEN/NOTIFY.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "SolarCore", swiftSettings: strict),
        .target(name: "Scene", dependencies: ["SolarCore"], swiftSettings: strict),
        .target(name: "SunSpotIO", dependencies: ["SolarCore", "Scene"], swiftSettings: strict),
        .target(name: "SunSpotResults", dependencies: ["SolarCore", "Scene", "SunSpotIO"], swiftSettings: strict),
        .target(
            name: "SunSpotReports", dependencies: ["SolarCore", "Scene", "SunSpotIO", "SunSpotResults"],
            swiftSettings: strict),
        // C libraries behind thin Swift adapters (`internal import`): no C type leaks out.
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CProj", path: "Sources/CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", path: "Sources/CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        // libosmium (header-only C++) behind an extern "C" face: OpenStreetMap extracts in.
        .target(
            name: "COSMium", path: "Sources/COSMium",
            linkerSettings: [
                .linkedLibrary("z"), .linkedLibrary("bz2"), .linkedLibrary("expat"), .linkedLibrary("m"),
                .linkedLibrary("stdc++"), .linkedLibrary("pthread"),
            ]),
        // Every picture (sun path, shadow map, heat map), drawn once for the CLI and the daemon.
        .target(
            name: "Render", dependencies: ["CCairo", "SolarCore", "Scene", "SunSpotIO", "SunSpotResults"],
            swiftSettings: strict),
        // GeoJSON footprints → scene documents, through PROJ (the `sunspot import` command's work).
        .target(
            name: "GeoImport", dependencies: ["CProj", "COSMium", "CGEOS", "Scene", "SunSpotIO"], swiftSettings: strict),
        .executableTarget(
            name: "sunspot",
            dependencies: [
                "SunSpotIO", "SunSpotResults", "SunSpotReports", "SolarCore", "Scene", "Render", "GeoImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .target(
            name: "SunSpotServer",
            dependencies: [
                "SunSpotIO", "SunSpotResults", "SunSpotReports", "SolarCore", "Scene", "Render",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: strict),
        .executableTarget(
            name: "sunspotd",
            dependencies: [
                "SunSpotServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "sunspot-bench",
            dependencies: ["SolarCore", "Scene", "SunSpotIO", "SunSpotResults", "SunSpotReports", "Render"],
            path: "Benchmarks/sunspot-bench",
            swiftSettings: strict),
        .testTarget(
            name: "SolarCoreTests", dependencies: ["SolarCore", "SunSpotIO"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "SceneTests", dependencies: ["Scene", "SolarCore", "SunSpotIO"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "SunSpotReportsTests",
            dependencies: ["SunSpotReports", "SunSpotResults", "SunSpotIO", "Scene", "SolarCore"], swiftSettings: strict
        ),
        .testTarget(
            name: "SunSpotCLITests", dependencies: ["SunSpotIO", "SunSpotResults", "SunSpotReports", "Render"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "GeoImportTests",
            dependencies: ["GeoImport", "Scene", "SolarCore", "SunSpotIO"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "RenderTests",
            dependencies: ["Render", "Scene", "SolarCore", "SunSpotIO"],
            swiftSettings: strict),
        .testTarget(
            name: "SunSpotServerTests",
            dependencies: [
                "SunSpotServer", "SunSpotIO", "SunSpotResults", "SunSpotReports", "Scene", "SolarCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
    ],
    cxxLanguageStandard: .cxx17
)
