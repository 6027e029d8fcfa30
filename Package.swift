// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "PlaidLua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plaidlua", targets: ["PlaidLuaCLI"]),
        .library(name: "LuaBridge", targets: ["LuaBridge"]),
        .library(name: "PlaidModels", targets: ["PlaidModels"]),
        .library(name: "PlaidClient", targets: ["PlaidClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "LuaBridge", dependencies: ["CLuaShim"], swiftSettings: swiftSettings),
        .target(name: "PlaidModels", swiftSettings: swiftSettings),
        .target(
            name: "PlaidClient",
            dependencies: [
                "PlaidModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLua",
            dependencies: ["LuaBridge", "PlaidModels", "PlaidClient", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PlaidLuaCLI",
            dependencies: ["PlaidLua"],
            swiftSettings: swiftSettings
        ),
        .target(name: "PlaidLuaTesting", path: "Tests/PlaidLuaTesting", swiftSettings: swiftSettings),
        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlaidModelsTests",
            dependencies: ["PlaidModels"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlaidClientTests",
            dependencies: [
                "PlaidClient",
                "PlaidModels",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PlaidLuaCLITests", dependencies: ["PlaidLuaCLI", "PlaidLuaTesting"], swiftSettings: swiftSettings),
    ]
)
