-- Failed sign-ins per account in a sliding 15-minute window: online password guessing is
-- capped at 10 tries per window, whatever the number of processes or source addresses.
CREATE TABLE login_failures (
  email_key    text        PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer     NOT NULL CHECK (failures > 0)
);
