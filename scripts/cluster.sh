#!/usr/bin/env bash
# A local Cascade cluster to try: Azurite (the Azure Table Storage emulator) and three nodes on
# this machine, as production runs on Azure Table Storage:
#   web node 1  http://127.0.0.1:5001  (seeds the demo department into the empty store)
#   web node 2  http://127.0.0.1:5002
#   silo node   grains only, no HTTP
# The wall and the workbench answer on both web nodes; stop a node (kill -9 its pid, printed
# below) and its walls reconnect to the other. Ctrl+C stops everything, Azurite last.
# Data lives in data/cluster/ (delete it to start over), the audit key in data/cluster/keys/.
#
# Settings (environment): CLUSTER_HOST (127.0.0.1; 0.0.0.0 for walls on other machines),
# WEB1_PORT (5001), WEB2_PORT (5002), AZURITE_PORT (10002), CASCADE_ADMIN_PASSWORD (generated
# and printed at the first start when unset), CONFIGURATION (Release).
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${CLUSTER_HOST:-127.0.0.1}
WEB1_PORT=${WEB1_PORT:-5001}
WEB2_PORT=${WEB2_PORT:-5002}
AZURITE_PORT=${AZURITE_PORT:-10002}
CONFIGURATION=${CONFIGURATION:-Release}
DATA=$PWD/data/cluster
mkdir -p "$DATA/azurite" "$DATA/logs"

command -v dotnet >/dev/null || { echo "The .NET SDK (10.0) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are required (for Azurite)" >&2; exit 1; }

if [ ! -x tests/node_modules/.bin/azurite-table ]; then
  echo "Installing Azurite (npm ci in tests/) ..."
  npm ci --prefix tests --no-audit --no-fund >/dev/null
fi
. scripts/cluster-nodes.sh
build_cascade

AZURITE_PID=
stop_store() {
  if [ -n "$AZURITE_PID" ]; then
    echo "Stopping Azurite ..."
    kill -INT "$AZURITE_PID" 2>/dev/null || true # SIGINT: it loses recent writes on SIGTERM
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

# Azurite keeps its tables in data/cluster/azurite, so the cluster's data survives a restart.
tests/node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" \
  --location "$DATA/azurite" --disableTelemetry --silent >"$DATA/logs/azurite.log" 2>&1 &
AZURITE_PID=$!
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$AZURITE_PORT/" || true)
  [ "$code" != "000" ] && break
  sleep 0.2
done

# Azurite's well-known development account (not a secret).
CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
export Cascade__Storage__Provider=azureTable
export Cascade__Storage__AzureTable__ConnectionString="$CONNECTION"
use_audit_key

echo "Starting the cluster (Azurite on 127.0.0.1:$AZURITE_PORT) ..."
start_nodes
