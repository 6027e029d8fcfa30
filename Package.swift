// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlaidLua",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [],
    targets: []
)
