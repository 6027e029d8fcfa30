import Logging
import PostgresNIO

/// The tables of a shared sandbox's PostgreSQL database, as numbered migrations.
///
/// Each sandbox process applies the ones its database lacks when it starts, in one transaction
/// under an advisory lock, so instances started together apply each migration once, and an
/// instance never serves a half-migrated database. The lock is the database's, whatever the
/// schema, so sandboxes on other schemas of the same database wait for each other's migrations. `schema_migrations` records what was applied.
/// A new migration is appended with the next number; applied ones are never edited.
enum PostgresSchema {
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// The key of the advisory lock the migrations run under ("plaidlua" in ASCII).
    static let migrationLock: Int64 = 0x706c_6169_646c_7561

    static let migrations: [Migration] = [
        Migration(version: 1, name: "clients, Items, tokens, Signal, bank transfers and webhooks", statements: [
            """
            CREATE TABLE client (
                client_id TEXT PRIMARY KEY,
                secret TEXT NOT NULL,
                role TEXT NOT NULL UNIQUE
            )
            """,
            """
            CREATE TABLE item (
                item_id TEXT PRIMARY KEY,
                owner_client_id TEXT NOT NULL,
                institution_id TEXT NOT NULL,
                username TEXT NOT NULL,
                seed BIGINT NOT NULL,
                products TEXT NOT NULL,
                webhook TEXT,
                error_code TEXT,
                microdeposit_verified BOOLEAN NOT NULL DEFAULT FALSE,
                verification_status TEXT,
                custom_config TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                removed_at DOUBLE PRECISION
            )
            """,
            """
            CREATE TABLE public_token (
                token TEXT PRIMARY KEY,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                expires_at DOUBLE PRECISION NOT NULL,
                exchanged_at DOUBLE PRECISION
            )
            """,
            """
            CREATE TABLE access_token (
                token TEXT PRIMARY KEY,
                item_id TEXT NOT NULL UNIQUE REFERENCES item (item_id) ON DELETE CASCADE,
                revoked_at DOUBLE PRECISION
            )
            """,
            """
            CREATE TABLE processor_token (
                token TEXT PRIMARY KEY,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                account_id TEXT NOT NULL,
                processor TEXT,
                holder_client_id TEXT NOT NULL,
                products TEXT NOT NULL DEFAULT '[]',
                webhook TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                revoked_at DOUBLE PRECISION
            )
            """,
            "CREATE INDEX processor_token_item ON processor_token (item_id)",
            """
            CREATE TABLE stripe_token (
                token TEXT PRIMARY KEY,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                account_id TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                revoked_at DOUBLE PRECISION
            )
            """,
            "CREATE INDEX stripe_token_item ON stripe_token (item_id)",
            """
            CREATE TABLE created_transaction (
                transaction_id TEXT PRIMARY KEY,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                account_id TEXT NOT NULL,
                date_transacted TEXT NOT NULL,
                date_posted TEXT NOT NULL,
                amount DOUBLE PRECISION NOT NULL,
                description TEXT NOT NULL,
                iso_currency_code TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX created_transaction_item ON created_transaction (item_id, created_at)",
            """
            CREATE TABLE signal_evaluation (
                processor_token TEXT NOT NULL,
                client_transaction_id TEXT NOT NULL,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                amount DOUBLE PRECISION NOT NULL,
                customer_score BIGINT NOT NULL,
                bank_score BIGINT NOT NULL,
                evaluated_at DOUBLE PRECISION NOT NULL,
                decision TEXT,
                return_code TEXT,
                PRIMARY KEY (processor_token, client_transaction_id)
            )
            """,
            """
            CREATE TABLE bank_transfer (
                holder_client_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                item_id TEXT NOT NULL REFERENCES item (item_id) ON DELETE CASCADE,
                transfer TEXT NOT NULL,
                PRIMARY KEY (holder_client_id, idempotency_key)
            )
            """,
            """
            CREATE TABLE webhook_key (
                kid TEXT PRIMARY KEY,
                private_key_pem TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                expired_at DOUBLE PRECISION
            )
            """,
            """
            CREATE TABLE webhook_delivery (
                delivery_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                url TEXT NOT NULL,
                body BYTEA NOT NULL,
                webhook_type TEXT NOT NULL,
                webhook_code TEXT NOT NULL,
                item_id TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                next_attempt_at DOUBLE PRECISION NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                state TEXT NOT NULL DEFAULT 'pending',
                claimed_until DOUBLE PRECISION NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at)",
            """
            CREATE TABLE webhook_attempt (
                delivery_id BIGINT NOT NULL REFERENCES webhook_delivery (delivery_id) ON DELETE CASCADE,
                attempt BIGINT NOT NULL,
                attempted_at DOUBLE PRECISION NOT NULL,
                key_id TEXT NOT NULL,
                status BIGINT,
                latency_ms DOUBLE PRECISION NOT NULL,
                problem TEXT
            )
            """,
            "CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id)",
        ]),
    ]

    /// Applies the migrations `connection`'s database lacks, in `schema` when one is named
    /// (made when missing; its name was checked to be letters, digits and _).
    ///
    /// - Throws: ``PostgresStoreError`` when the database was migrated by a newer plaidlua.
    static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
        if let schema {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
        }
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """, logger: logger)
        var applied = 0
        for try await version in try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                                                            logger: logger).decode(Int.self) {
            applied = version
        }
        let known = migrations.last?.version ?? 0
        guard applied <= known else {
            throw PostgresStoreError(
                "the database's schema is at version \(applied), newer than this plaidlua knows (\(known)); upgrade plaidlua")
        }
        for migration in migrations where migration.version > applied {
            for statement in migration.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                                       logger: logger)
        }
    }
}
