#!/bin/sh
# Creates or upgrades Temporal's two PostgreSQL databases (history and visibility). Runs in
# temporalio/admin-tools before the server starts, on every `docker compose up`: each step is a
# no-op when already done. The password comes from SQL_PASSWORD.
set -eu
tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" \
    -u "$POSTGRES_USER" "$@"
}
schema() {
  db=$1
  dir=/etc/temporal/schema/postgresql/v12/$2/versioned
  tool --db "$db" create
  # An initialised database only needs its pending updates; a new one its version table first.
  if ! tool --db "$db" update-schema -d "$dir"; then
    echo "$db has no schema yet: setting it up"
    tool --db "$db" setup-schema -v 0.0
    tool --db "$db" update-schema -d "$dir"
  fi
}
schema temporal temporal
schema temporal_visibility visibility
echo "Temporal schema is up to date"
