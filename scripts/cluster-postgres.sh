#!/usr/bin/env bash
# A local Cascade cluster on PostgreSQL, as a government cloud or the department's own servers
# run it: a PostgreSQL server of its own and three nodes on this machine:
#   web node 1  http://127.0.0.1:5001  (seeds the demo department into the empty database)
#   web node 2  http://127.0.0.1:5002
#   silo node   grains only, no HTTP
# The first node to start creates Cascade's schema (its log says so). Stop a node (kill -9 its
# pid, printed below) and its walls reconnect to the other. Ctrl+C stops everything, the
# database last. Data lives in data/cluster-postgres/ (delete it to start over): the database
# in pg/, the audit key in keys/.
#
# PostgreSQL comes from Debian's package (apt-get install postgresql); its server is made with
# initdb on the first run and started with pg_ctl on PG_PORT, as the postgres user when run as
# root (initdb refuses root). With PG_CONNECTION set (an Npgsql connection string) the nodes use
# that database instead and no server is started here.
#
# Settings (environment): CLUSTER_HOST (127.0.0.1; 0.0.0.0 for walls on other machines),
# WEB1_PORT (5001), WEB2_PORT (5002), PG_PORT (54329), PG_CONNECTION, CASCADE_ADMIN_PASSWORD
# (generated and printed at the first start when unset), CONFIGURATION (Release).
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${CLUSTER_HOST:-127.0.0.1}
WEB1_PORT=${WEB1_PORT:-5001}
WEB2_PORT=${WEB2_PORT:-5002}
PG_PORT=${PG_PORT:-54329}
CONFIGURATION=${CONFIGURATION:-Release}
DATA=$PWD/data/cluster-postgres
mkdir -p "$DATA/logs"

command -v dotnet >/dev/null || { echo "The .NET SDK (10.0) is required" >&2; exit 1; }

. scripts/cluster-nodes.sh
build_cascade

as_server() { # runs a PostgreSQL program as the postgres user when this is root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
PG_BIN=
stop_store() {
  if [ -n "$PG_BIN" ]; then
    echo "Stopping PostgreSQL ..."
    as_server "$PG_BIN/pg_ctl" -D "$DATA/pg" -m fast -w stop >/dev/null || true
  fi
}
trap stop INT TERM EXIT

if [ -z "${PG_CONNECTION:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL is required: apt-get install postgresql (or set PG_CONNECTION)" >&2; exit 1; }
  if [ ! -s "$DATA/pg/PG_VERSION" ]; then
    echo "Making the database server in $DATA/pg ..."
    mkdir -p "$DATA/pg"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA/pg"
    as_server "$bin/initdb" -D "$DATA/pg" -U cascade -A trust -E UTF8 --no-locale >"$DATA/logs/initdb.log"
  fi
  PG_BIN=$bin
  as_server "$bin/pg_ctl" -D "$DATA/pg" -l "$DATA/pg/server.log" -w -o "-p $PG_PORT -k $DATA/pg -c listen_addresses=127.0.0.1" start >/dev/null
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=cascade"
fi

export Cascade__Storage__Provider=postgres
export Cascade__Storage__Postgres__ConnectionString="$PG_CONNECTION"
use_audit_key

echo "Starting the cluster (PostgreSQL: ${PG_CONNECTION%%;Password=*}) ..."
start_nodes
