// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// scripts/fuzz.sh sets PLAIDLUA_LIBFUZZER to libFuzzer's archive, so the fuzz harness links it and
/// fuzzes; without it the harness replays saved inputs.
let libFuzzerLinking: [LinkerSetting] = Context.environment["PLAIDLUA_LIBFUZZER"].map { archive in
    [.unsafeFlags(["-Xlinker", "--undefined=LLVMFuzzerRunDriver", "-Xlinker", archive, "-lstdc++"])]
} ?? []

let package = Package(
    name: "PlaidLua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plaidlua", targets: ["PlaidLuaCLI"]),
        .executable(name: "plaidlua-fuzz", targets: ["PlaidLuaFuzz"]),
        .library(name: "LuaBridge", targets: ["LuaBridge"]),
        .library(name: "PlaidModels", targets: ["PlaidModels"]),
        .library(name: "PlaidClient", targets: ["PlaidClient"]),
        .library(name: "PlaidSandbox", targets: ["PlaidSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "JSONScanning", swiftSettings: swiftSettings),
        .target(
            name: "LuaBridge",
            dependencies: ["CLuaShim", "JSONScanning", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            resources: [.copy("Lua")],
            swiftSettings: swiftSettings
        ),
        .target(name: "PlaidModels", dependencies: ["JSONScanning", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
                swiftSettings: swiftSettings),
        .target(
            name: "PlaidClient",
            dependencies: [
                "PlaidModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidWebhooks",
            dependencies: [
                "PlaidModels",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidSandbox",
            dependencies: [
                "PlaidModels", "PrivateFiles", "PlaidWebhooks",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "PrivateFiles", swiftSettings: swiftSettings),
        .target(name: "CChildProcess"),
        .target(name: "ChildProcess", dependencies: ["CChildProcess"], swiftSettings: swiftSettings),
        .target(
            name: "PlaidProfiles",
            dependencies: ["PrivateFiles", "ChildProcess", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidAudit",
            dependencies: [
                "PlaidClient", "PlaidModels", "PrivateFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLua",
            dependencies: [
                "LuaBridge", "JSONScanning", "PlaidModels", "PlaidClient", "PlaidAudit", "PlaidProfiles", "PrivateFiles", "PlaidWebhooks",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Lua")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLuaREPL",
            dependencies: ["PlaidLua", "LuaBridge", "PlaidModels", "PlaidProfiles", "PrivateFiles"],
            resources: [.copy("Lua")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLuaBatch",
            dependencies: ["PlaidLua", "LuaBridge", "PlaidModels", "PlaidClient", "PrivateFiles",
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            resources: [.copy("Lua")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLuaWebhooks",
            dependencies: [
                "PlaidLua", "LuaBridge", "PlaidModels", "PlaidClient", "PlaidWebhooks", "PlaidAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Lua")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLuaScripts",
            dependencies: ["PlaidLua", "PlaidLuaREPL", "LuaBridge"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PlaidLuaCLI",
            dependencies: [
                "PlaidLua",
                "PlaidLuaScripts",
                "PlaidLuaBatch",
                "PlaidLuaWebhooks",
                "PlaidAudit",
                "PlaidProfiles",
                "PlaidModels",
                "PlaidClient",
                "PrivateFiles",
                "PlaidSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "PlaidLuaFuzz",
            dependencies: ["CLibFuzzer", "LuaBridge", "PlaidModels", "PlaidLua", "PlaidLuaBatch", "PlaidSandbox"],
            swiftSettings: swiftSettings,
            linkerSettings: libFuzzerLinking
        ),
        .executableTarget(
            name: "BareClientLoad",
            dependencies: [
                "PlaidModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/BareClientLoad",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlaidLuaTesting",
            dependencies: ["ChildProcess", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/PlaidLuaTesting",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FaultyHTTPServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/FaultyHTTPServer",
            swiftSettings: swiftSettings
        ),
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
                "PlaidLuaTesting",
                "PlaidClient",
                "PlaidModels",
                "FaultyHTTPServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlaidSandboxTests",
            dependencies: [
                "PlaidSandbox",
                "PlaidClient",
                "PlaidModels",
                "PlaidLuaTesting",
                "FaultyHTTPServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlaidLuaTests",
            dependencies: ["PlaidLua", "PlaidLuaBatch", "PlaidLuaREPL", "LuaBridge", "JSONScanning", "PlaidClient", "PlaidModels", "FaultyHTTPServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PlaidProfilesTests", dependencies: ["PlaidProfiles", "PrivateFiles"], swiftSettings: swiftSettings),
        .testTarget(name: "PlaidAuditTests", dependencies: ["PlaidAudit", "PlaidClient"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlaidLuaCLITests",
            dependencies: [
                "PlaidLuaCLI", "PlaidLuaTesting", "FaultyHTTPServer", "PlaidWebhooks",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
