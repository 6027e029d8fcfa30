import GRDB

/// The tables of `sandbox.sqlite`, one migration per change, so a data directory made by an
/// older build keeps working.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: clients, items and tokens") { db in
            try db.execute(sql: """
                CREATE TABLE client (
                    client_id TEXT PRIMARY KEY NOT NULL,
                    secret TEXT NOT NULL,
                    role TEXT NOT NULL UNIQUE
                );
                CREATE TABLE item (
                    item_id TEXT PRIMARY KEY NOT NULL,
                    owner_client_id TEXT NOT NULL,
                    institution_id TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    products TEXT NOT NULL,
                    webhook TEXT,
                    error_code TEXT,
                    microdeposit_verified INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    removed_at REAL
                );
                CREATE TABLE public_token (
                    token TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    expires_at REAL NOT NULL,
                    exchanged_at REAL
                );
                CREATE TABLE access_token (
                    token TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL UNIQUE REFERENCES item(item_id) ON DELETE CASCADE,
                    revoked_at REAL
                );
                CREATE TABLE processor_token (
                    token TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    account_id TEXT NOT NULL,
                    processor TEXT,
                    holder_client_id TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE stripe_token (
                    token TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    account_id TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE INDEX processor_token_item ON processor_token(item_id);
                CREATE INDEX stripe_token_item ON stripe_token(item_id);
                """)
        }
        migrator.registerMigration("v2: verification status, processor token permissions and webhooks") { db in
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN verification_status TEXT;
                ALTER TABLE processor_token ADD COLUMN products TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE processor_token ADD COLUMN webhook TEXT;
                """)
        }
        migrator.registerMigration("v3: test usernames and created transactions") { db in
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN username TEXT NOT NULL DEFAULT 'user_good';
                CREATE TABLE created_transaction (
                    transaction_id TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    account_id TEXT NOT NULL,
                    date_transacted TEXT NOT NULL,
                    date_posted TEXT NOT NULL,
                    amount REAL NOT NULL,
                    description TEXT NOT NULL,
                    iso_currency_code TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX created_transaction_item ON created_transaction(item_id, created_at);
                """)
        }
        migrator.registerMigration("v4: Signal evaluations and their reports") { db in
            try db.execute(sql: """
                CREATE TABLE signal_evaluation (
                    processor_token TEXT NOT NULL,
                    client_transaction_id TEXT NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    amount REAL NOT NULL,
                    customer_score INTEGER NOT NULL,
                    bank_score INTEGER NOT NULL,
                    evaluated_at REAL NOT NULL,
                    decision TEXT,
                    return_code TEXT,
                    PRIMARY KEY (processor_token, client_transaction_id)
                );
                """)
        }
        migrator.registerMigration("v5: bank transfers") { db in
            try db.execute(sql: """
                CREATE TABLE bank_transfer (
                    holder_client_id TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    item_id TEXT NOT NULL REFERENCES item(item_id) ON DELETE CASCADE,
                    transfer TEXT NOT NULL,
                    PRIMARY KEY (holder_client_id, idempotency_key)
                );
                """)
        }
        migrator.registerMigration("v6: custom sandbox users") { db in
            try db.execute(sql: "ALTER TABLE item ADD COLUMN custom_config TEXT")
        }
        migrator.registerMigration("v7: webhook keys and deliveries") { db in
            try db.execute(sql: """
                CREATE TABLE webhook_key (
                    kid TEXT PRIMARY KEY NOT NULL,
                    private_key_pem TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    expired_at REAL
                );
                CREATE TABLE webhook_delivery (
                    delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL,
                    body BLOB NOT NULL,
                    webhook_type TEXT NOT NULL,
                    webhook_code TEXT NOT NULL,
                    item_id TEXT,
                    created_at REAL NOT NULL,
                    next_attempt_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL DEFAULT 'pending',
                    claimed_until REAL NOT NULL DEFAULT 0
                );
                CREATE INDEX webhook_delivery_due ON webhook_delivery(state, next_attempt_at);
                CREATE TABLE webhook_attempt (
                    delivery_id INTEGER NOT NULL REFERENCES webhook_delivery(delivery_id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    attempted_at REAL NOT NULL,
                    key_id TEXT NOT NULL,
                    status INTEGER,
                    latency_ms REAL NOT NULL,
                    problem TEXT
                );
                CREATE INDEX webhook_attempt_delivery ON webhook_attempt(delivery_id);
                """)
        }
        return migrator
    }
}
