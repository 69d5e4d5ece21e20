/**
 * Schema migrations, applied in order on start; `PRAGMA user_version` records how far a database
 * has come. Append new steps, never edit a released one. Times are milliseconds since the epoch,
 * key validity dates are `YYYY-MM-DD` (UTC calendar days).
 */
export const migrations: readonly string[] = [
  /* 1: the initial schema */ `
  CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE customers (
    number TEXT PRIMARY KEY
  ) STRICT;

  CREATE TABLE users (
    id                      TEXT PRIMARY KEY,
    email                   TEXT NOT NULL,
    email_norm              TEXT NOT NULL UNIQUE,
    password_hash           TEXT NOT NULL,
    display_name            TEXT NOT NULL,
    customer_type           TEXT NOT NULL,
    customer_number         TEXT REFERENCES customers(number),
    claimed_customer_number TEXT,
    first_name              TEXT,
    last_name               TEXT,
    street                  TEXT,
    postcode                TEXT,
    city                    TEXT,
    country                 TEXT,
    institution             TEXT,
    newsletter              INTEGER NOT NULL DEFAULT 0,
    terms_version           TEXT,
    email_confirmed         INTEGER NOT NULL DEFAULT 0,
    created_at              INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE products (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    subtitle      TEXT,
    cover_url     TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('licence', 'download', 'journal')),
    licence_type  TEXT NOT NULL CHECK (licence_type IN ('single', 'school', 'staff', 'trial')),
    valid_from    TEXT,
    valid_until   TEXT,
    open_url      TEXT NOT NULL,
    download_url  TEXT,
    position      INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE online_keys (
    key             TEXT PRIMARY KEY,
    product_id      TEXT NOT NULL REFERENCES products(id),
    valid_from      TEXT,
    valid_until     TEXT,
    customer_types  TEXT,
    redeemed_by     TEXT REFERENCES users(id),
    redeemed_at     INTEGER
  ) STRICT;

  CREATE TABLE ownerships (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products(id),
    acquired_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, product_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_user ON sessions(user_id);

  CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('confirm-email', 'reset-password')),
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
  ) STRICT;

  CREATE TABLE idempotency (
    user_id     TEXT NOT NULL,
    idem_key    TEXT NOT NULL,
    operation   TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('in-flight', 'done')),
    status      INTEGER,
    headers     TEXT,
    body        TEXT,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, idem_key)
  ) STRICT;

  CREATE TABLE mailbox (
    id         INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    text       TEXT NOT NULL,
    html       TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  `,
];
