-- Double-entry ledger on TigerBeetle's model (see ../shared/DESIGN.md "Ledger").
-- Entries, postings, resolutions and seals are append-only: a trigger refuses UPDATE, DELETE
-- and TRUNCATE. Only balance rows move, and only through postings written in the same transaction.

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger: % on % is refused; ledger rows are immutable', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

-- Raises inside the statement that breaks an invariant, so the caller's transaction is aborted
-- and cannot commit a half-applied entry even if the application swallows the error.
CREATE FUNCTION ledger_assert(ok boolean, message text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'ledger invariant broken: %', message USING ERRCODE = 'check_violation';
  END IF;
  RETURN true;
END;
$$;

-- The key is the account id ('escrow:ord_…:CNY'). Nothing here changes after creation.
CREATE TABLE ledger_accounts (
  key           text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  type          text        NOT NULL CHECK (type IN ('psp_receivable', 'escrow', 'customs_remittance',
                  'platform_revenue', 'fx_position', 'seller_payable', 'payout_clearing', 'refund_clearing', 'treasury')),
  currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  owner_id      text        CHECK (length(owner_id) <= 200),
  balance_limit text        CHECK (balance_limit IN ('debits_must_not_exceed_credits', 'credits_must_not_exceed_debits')),
  -- Accounts with a limit keep one balance row (the check needs the whole balance under one lock);
  -- the others spread their balance over shard rows so concurrent writers do not queue on one row.
  shards        smallint    NOT NULL CHECK (shards BETWEEN 1 AND 64 AND (balance_limit IS NULL OR shards = 1)),
  created_at    timestamptz NOT NULL
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX ledger_accounts_type ON ledger_accounts (type);

-- An account's balance is the sum of its shard rows. The limit is copied here so the database
-- itself refuses a row that breaks it (a backstop behind the conditional UPDATE).
CREATE TABLE ledger_balances (
  account_key     text     NOT NULL REFERENCES ledger_accounts (key),
  shard           smallint NOT NULL CHECK (shard >= 0),
  balance_limit   text     CHECK (balance_limit IN ('debits_must_not_exceed_credits', 'credits_must_not_exceed_debits')),
  debits_posted   bigint   NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_posted  bigint   NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  debits_pending  bigint   NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  credits_pending bigint   NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  PRIMARY KEY (account_key, shard),
  CHECK (balance_limit IS DISTINCT FROM 'debits_must_not_exceed_credits'
         OR debits_pending::numeric + debits_posted <= credits_posted),
  CHECK (balance_limit IS DISTINCT FROM 'credits_must_not_exceed_debits'
         OR credits_pending::numeric + credits_posted <= debits_posted)
);

-- mode: single (posted at once), pending (a hold), post_pending / void_pending (resolves pending_id).
CREATE TABLE ledger_entries (
  id           text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  kind         text        NOT NULL,
  reference    text        NOT NULL,
  mode         text        NOT NULL CHECK (mode IN ('single', 'pending', 'post_pending', 'void_pending')),
  pending_id   text        REFERENCES ledger_entries (id),
  metadata     jsonb       NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL,
  payload_hash text        NOT NULL, -- what the caller asked for; decides "exists" on replay
  hash         text        NOT NULL, -- sha256 of the canonical content, the Merkle leaf input
  CHECK ((mode IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL))
);
CREATE INDEX ledger_entries_reference ON ledger_entries (reference, created_at);
-- A pending entry resolves at most once: a second resolving INSERT conflicts here.
CREATE UNIQUE INDEX ledger_entries_resolves_once ON ledger_entries (pending_id) WHERE pending_id IS NOT NULL;

CREATE TABLE ledger_postings (
  entry_id    text     NOT NULL REFERENCES ledger_entries (id),
  idx         smallint NOT NULL CHECK (idx >= 0),
  -- No foreign key to ledger_accounts on purpose: every FK check takes a KEY SHARE lock on the
  -- parent row, and hot accounts would pile up multixacts. postEntry checks the account exists,
  -- accounts are never deleted, and verifyLedger checks every posting's account.
  account_key text     NOT NULL,
  direction   text     NOT NULL CHECK (direction IN ('debit', 'credit')),
  amount      bigint   NOT NULL CHECK (amount > 0),
  currency    text     NOT NULL,
  shard       smallint NOT NULL, -- physical placement only; not part of the entry hash
  PRIMARY KEY (entry_id, idx)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_key);

-- Which entry resolved which pending entry, and how; one row per pending entry, ever.
CREATE TABLE ledger_pending_resolutions (
  pending_id text PRIMARY KEY REFERENCES ledger_entries (id),
  entry_id   text NOT NULL UNIQUE REFERENCES ledger_entries (id),
  action     text NOT NULL CHECK (action IN ('post', 'void'))
);

-- Entries not yet sealed. A queue (rows are deleted when sealed) so the sealer never scans
-- sealed history, and so an entry that commits late behind a higher one is still sealed.
CREATE TABLE ledger_unsealed (
  seq      bigserial PRIMARY KEY,
  entry_id text      NOT NULL UNIQUE REFERENCES ledger_entries (id)
);

-- Seals: an RFC 6962 Merkle root over an explicit list of entries, chained to the previous seal.
CREATE TABLE ledger_seals (
  seq          bigserial   UNIQUE,
  id           text        PRIMARY KEY,
  prev_seal_id text        UNIQUE REFERENCES ledger_seals (id),
  prev_hash    text,
  merkle_root  text        NOT NULL,
  tree_size    integer     NOT NULL CHECK (tree_size > 0),
  created_at   timestamptz NOT NULL,
  seal_hash    text        NOT NULL,
  CHECK ((prev_seal_id IS NULL) = (prev_hash IS NULL))
);
-- Only one seal may start the chain.
CREATE UNIQUE INDEX ledger_seals_one_genesis ON ledger_seals ((prev_seal_id IS NULL)) WHERE prev_seal_id IS NULL;

CREATE TABLE ledger_seal_members (
  seal_id  text    NOT NULL REFERENCES ledger_seals (id),
  position integer NOT NULL CHECK (position >= 0),
  entry_id text    NOT NULL UNIQUE REFERENCES ledger_entries (id),
  PRIMARY KEY (seal_id, position)
);

CREATE TRIGGER ledger_accounts_immutable BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_balances_no_delete BEFORE DELETE ON ledger_balances
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_immutable BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_pending_resolutions_immutable BEFORE UPDATE OR DELETE ON ledger_pending_resolutions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_seals_immutable BEFORE UPDATE OR DELETE ON ledger_seals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_seal_members_immutable BEFORE UPDATE OR DELETE ON ledger_seal_members
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_seals_no_truncate BEFORE TRUNCATE ON ledger_seals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
