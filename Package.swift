// swift-tools-version:6.0
import PackageDescription

// Infitah uses no Swift packages: only Foundation, Dispatch, Glibc and three C system
// libraries reached through system-library targets (see Sources/C*).
let package = Package(
    name: "Infitah",
    products: [
        .executable(name: "infitah", targets: ["infitah"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        .target(name: "HTTP", dependencies: ["CZlib", "CLinux"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Templates"),
        .target(name: "Portal", dependencies: ["HTTP", "SQLite", "Templates", "CCrypt", "CMalloc"]),
        .executableTarget(name: "infitah", dependencies: ["Portal", "HTTP", "SQLite"]),

        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        // The page snapshots are data the tests read, not sources (see SnapshotSite.swift).
        .testTarget(name: "PortalTests", dependencies: ["Portal", "HTTP", "SQLite", "Templates"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
