// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "podium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .library(name: "PodiumCore", targets: ["PodiumCore"]),
        .executable(name: "podium-bench-scale", targets: ["PodiumBenchScale"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
    ],
    targets: [
        .target(name: "PodiumCore"),
        .target(
            name: "PodiumApp",
            dependencies: [
                "PodiumCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ]
        ),
        .executableTarget(name: "podium", dependencies: ["PodiumApp"]),
        // The scale benchmark (bench/scale/README.md): PodiumCore only, no Vapor.
        .executableTarget(name: "PodiumBenchScale", dependencies: ["PodiumCore"], path: "bench/scale", exclude: ["README.md"]),
        .testTarget(name: "PodiumCoreTests", dependencies: ["PodiumCore"]),
        .testTarget(
            name: "PodiumAppTests",
            dependencies: [
                "PodiumApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
