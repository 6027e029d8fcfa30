// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "PlaidLua",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plaidlua", targets: ["PlaidLuaCLI"]),
        .library(name: "LuaBridge", targets: ["LuaBridge"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "LuaBridge", dependencies: ["CLuaShim"], swiftSettings: swiftSettings),
        .target(name: "PlaidLua", dependencies: ["LuaBridge"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "PlaidLuaCLI",
            dependencies: ["PlaidLua"],
            swiftSettings: swiftSettings
        ),
        .target(name: "PlaidLuaTesting", path: "Tests/PlaidLuaTesting", swiftSettings: swiftSettings),
        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"], swiftSettings: swiftSettings),
        .testTarget(name: "PlaidLuaCLITests", dependencies: ["PlaidLuaCLI", "PlaidLuaTesting"], swiftSettings: swiftSettings),
    ]
)
