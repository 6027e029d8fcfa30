import Foundation
@testable import PlaidProfiles
import PrivateFiles
import Testing

/// Profiles read from real files in a temporary folder.
struct ProfileConfigTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "plaidlua-profiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ text: String, to name: String = "config.toml", mode: Int = 0o600) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode_t(mode))
        return path
    }

    func load(_ text: String) throws(ProfileError) -> ProfileConfig {
        let path = (try? write(text)) ?? ""
        return try ProfileConfig.load(path: path, environment: ["HOME": folder])
    }

    @Test func readsEveryKeyOfAProfileAndItsPartners() throws {
        let config = try load("""
            [profiles.prod]
            env = "production"
            client_id = "dev-id"
            secret_file = "~/prod.secret"
            version = "2020-09-14"
            allowed_hosts = ["proxy.example.com:8443", "*.corp.example"]

            [profiles.prod.processors.dwolla]
            client_id = "dwolla-id"
            secret_env = "DWOLLA_SECRET"
            """)
        let profile = try config.profile(named: "prod")
        #expect(profile.env == "production")
        #expect(profile.keys == .init(clientID: "dev-id", secret: .file(folder + "/prod.secret")))
        #expect(profile.version == "2020-09-14")
        #expect(profile.allowedHosts == ["proxy.example.com:8443", "*.corp.example"])
        #expect(profile.processors["dwolla"] == .init(clientID: "dwolla-id", secret: .environment("DWOLLA_SECRET")))
        #expect(profile.secretVariables == ["DWOLLA_SECRET"])
    }

    @Test(arguments: [
        ("[profiles.p]\nsecret = \"abc\"", "inline secret"),
        ("[profiles.p]\nsecert_file = \"x\"", "unknown key 'secert_file'"),
        ("[profiles.p]\nenv = \"staging\"", "env is 'staging'"),
        ("[profiles.p]\nsecret_file = \"a\"\nsecret_env = \"B\"", "more than one of secret_file"),
        ("[profiles.p.processors.dwolla]\nsecret = \"abc\"", "inline secret"),
        ("default = 1", "unknown top-level key 'default'"),
        ("[profiles.p\nenv = 1", "config.toml:1"),
    ])
    func badConfigsAreRefusedNamingTheProblem(text: String, expected: String) throws {
        let error = #expect(throws: ProfileError.self) { try load(text) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("abc") == false)
    }

    @Test func anUnknownProfileListsTheKnownOnes() throws {
        let config = try load("[profiles.a]\n[profiles.b]\n")
        let error = #expect(throws: ProfileError.self) { try config.profile(named: "c") }
        #expect(error?.message.contains("profiles: a, b") == true)
    }

    @Test func aSecretFileOthersCanReadIsRefusedWithTheFix() throws {
        let path = try write("s3cret-value\n", to: "open.secret", mode: 0o644)
        let error = #expect(throws: ProfileError.self) {
            try SecretSource.file(path).read(environment: [:], profile: "p")
        }
        #expect(error?.message.contains("chmod 600 \(path)") == true)
        #expect(error?.message.contains("644") == true)
        #expect(error?.message.contains("s3cret") == false)
        chmod(path, 0o600)
        #expect(try SecretSource.file(path).read(environment: [:], profile: "p") == "s3cret-value")
    }

    @Test func secretsComeFromAVariableOrACommand() throws {
        #expect(try SecretSource.environment("S").read(environment: ["S": "from-env"], profile: "p") == "from-env")
        #expect(try SecretSource.command("printf 'from-command\\n'").read(environment: [:], profile: "p") == "from-command")
        let failed = #expect(throws: ProfileError.self) { try SecretSource.command("exit 3").read(environment: [:], profile: "p") }
        #expect(failed?.message.contains("status 3") == true)
        #expect(throws: ProfileError.self) { try SecretSource.environment("UNSET").read(environment: [:], profile: "p") }
    }

    @Test func writingAProfileKeepsTheOthersAndItsSecretsPrivate() throws {
        let path = try write("# my profiles\n[profiles.keep]\nenv = \"sandbox\"  # mine\n")
        let writer = ProfileWriter(configPath: path)
        let secrets = try writer.add(name: "local", env: "http://127.0.0.1:8484", developer: ("dev", "dev-secret-1"),
                                     processors: ["dwolla": ("dw", "dw-secret-2")], replacing: false, environment: ["HOME": folder])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# my profiles\n[profiles.keep]\nenv = \"sandbox\"  # mine\n"))
        #expect(!text.contains("dev-secret-1"))
        let config = try ProfileConfig.load(path: path, environment: ["HOME": folder])
        let local = try config.profile(named: "local")
        #expect(try local.keys.secret?.read(environment: [:], profile: "local") == "dev-secret-1")
        #expect(try local.processors["dwolla"]?.secret?.read(environment: [:], profile: "local") == "dw-secret-2")
        #expect(try mode(of: secrets) == 0o700)
        #expect(try mode(of: secrets + "/developer.secret") == 0o600)

        let again = #expect(throws: ProfileError.self) {
            try writer.add(name: "local", env: "http://127.0.0.1:9", developer: ("d", "s"), processors: [:], replacing: false,
                           environment: ["HOME": folder])
        }
        #expect(again?.message.contains("--force") == true)
        try writer.add(name: "local", env: "http://127.0.0.1:9", developer: ("d2", "s2"), processors: [:], replacing: true,
                       environment: ["HOME": folder])
        let replaced = try ProfileConfig.load(path: path, environment: ["HOME": folder])
        #expect(replaced.profiles["local"]?.env == "http://127.0.0.1:9")
        #expect(replaced.profiles["local"]?.processors.isEmpty == true)
        #expect(replaced.profiles["keep"]?.env == "sandbox")
    }

    @Test func aWideFolderIsTightenedWithANotice() throws {
        let wide = folder + "/data"
        mkdir(wide, 0o755)
        chmod(wide, 0o755)
        var notices: [String] = []
        try PrivateDirectory.create(wide) { notices.append($0) }
        #expect(try mode(of: wide) == 0o700)
        #expect(notices.count == 1 && notices[0].contains("0700"))
        try PrivateDirectory.create(folder + "/fresh/inner")
        #expect(try mode(of: folder + "/fresh/inner") == 0o700)
        let shared = folder + "/shared"
        mkdir(shared, 0o777)
        chmod(shared, 0o1777)
        #expect(throws: PrivateFileError.self) { try PrivateDirectory.create(shared) }
        #expect(try mode(of: shared) == 0o1777)
    }

    private func mode(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }
}
