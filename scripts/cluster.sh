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
echo "Building ($CONFIGURATION) ..."
dotnet build Cascade.sln -c "$CONFIGURATION" -nologo -v quiet >/dev/null

PIDS=()
AZURITE_PID=
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the nodes ..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$AZURITE_PID" ]; then
    echo "Stopping Azurite ..."
    kill -INT "$AZURITE_PID" 2>/dev/null || true # SIGINT: it loses recent writes on SIGTERM
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  exit 0
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
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production

# The audit key, the same for every node (a shared store refuses to start without one): made on
# the first run into the data folder, readable by this user only, and kept with the data, so the
# trail written by earlier runs still verifies. The anchor file sits beside it, outside Azurite.
KEY_FILE="$DATA/keys/audit.key"
if [ ! -s "$KEY_FILE" ]; then
  mkdir -p "$DATA/keys" && chmod 700 "$DATA/keys"
  (umask 077 && head -c 32 /dev/urandom | base64 >"$KEY_FILE")
  echo "Made the audit key $KEY_FILE (in production keep the key outside the data's machine, and back it up)"
fi
export Cascade__Audit__KeyFile="$KEY_FILE"
export Cascade__Audit__AnchorFile="$DATA/audit.anchor"

run_in() { # folder, program, arguments...: only ever run in start_node's background subshell,
  cd "$1" && shift && exec "$@" # which the program then replaces, so $! is the program's pid
}
start_node() { # name, log, command...
  local name=$1 log=$2; shift 2
  "$@" >"$log" 2>&1 &
  PIDS+=($!)
  echo "  $name: pid $!, log $log"
}
ready() { # url
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$1/readyz" && return 0
    sleep 0.5
  done
  echo "$1 did not become ready; see $DATA/logs/" >&2
  return 1
}

echo "Starting the cluster (Azurite on 127.0.0.1:$AZURITE_PORT) ..."
# The built programs themselves (not `dotnet run`, which does not pass SIGTERM on), each from its
# project folder, where the web node finds its pages.
WEB="./bin/$CONFIGURATION/net10.0/Cascade.Web"
SILO="./bin/$CONFIGURATION/net10.0/Cascade.Silo"
start_node "web node 1" "$DATA/logs/web1.log" run_in web "$WEB" \
  --urls "http://$HOST:$WEB1_PORT" --Cascade:Cluster:SiloPort=11111 --Cascade:Cluster:GatewayPort=30000
ready "http://127.0.0.1:$WEB1_PORT"
start_node "web node 2" "$DATA/logs/web2.log" run_in web "$WEB" \
  --urls "http://$HOST:$WEB2_PORT" --Cascade:Cluster:SiloPort=11112 --Cascade:Cluster:GatewayPort=30001 --Cascade:Demo:Seed=false
start_node "silo node" "$DATA/logs/silo.log" run_in silo "$SILO" \
  --Cascade:Cluster:SiloPort=11113 --Cascade:Cluster:GatewayPort=30002
ready "http://127.0.0.1:$WEB2_PORT"

echo
grep -h -A3 -i "password\|kiosk\|wall" "$DATA/logs/web1.log" | grep -v "^--$" | head -n 12 || true
echo
echo "The cluster is up:"
echo "  wall and workbench on node 1: http://127.0.0.1:$WEB1_PORT/wall  and  /app"
echo "  wall and workbench on node 2: http://127.0.0.1:$WEB2_PORT/wall  and  /app"
echo "Ctrl+C stops it."
wait -n "${PIDS[@]}" || true
echo "A node stopped (see $DATA/logs/); the others keep running until Ctrl+C."
wait
