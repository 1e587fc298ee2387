# Sourced by scripts/cluster.sh (Azure Table Storage on Azurite) and scripts/cluster-postgres.sh
# (PostgreSQL): what both clusters share once their store answers and Cascade__Storage__* are
# exported: the build, the audit key, the three nodes, their readiness and the stop.
# The caller sets DATA, HOST, WEB1_PORT, WEB2_PORT, CONFIGURATION and defines stop_store.

build_cascade() {
  echo "Building ($CONFIGURATION) ..."
  dotnet build Cascade.sln -c "$CONFIGURATION" -nologo -v quiet >/dev/null
}

PIDS=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the nodes ..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_store
  exit 0
}

# The audit key, the same for every node (a shared store refuses to start without one): made on
# the first run into the data folder, readable by this user only, and kept with the data, so the
# trail written by earlier runs still verifies. The anchor file sits beside it, outside the store.
use_audit_key() {
  local key_file="$DATA/keys/audit.key"
  if [ ! -s "$key_file" ]; then
    mkdir -p "$DATA/keys" && chmod 700 "$DATA/keys"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$key_file")
    echo "Made the audit key $key_file (in production keep the key outside the data's machine, and back it up)"
  fi
  export Cascade__Audit__KeyFile="$key_file"
  export Cascade__Audit__AnchorFile="$DATA/audit.anchor"
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
}

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

# The built programs themselves (not `dotnet run`, which does not pass SIGTERM on), each from its
# project folder, where the web node finds its pages.
start_nodes() {
  local web="./bin/$CONFIGURATION/net10.0/Cascade.Web" silo="./bin/$CONFIGURATION/net10.0/Cascade.Silo"
  start_node "web node 1" "$DATA/logs/web1.log" run_in web "$web" \
    --urls "http://$HOST:$WEB1_PORT" --Cascade:Cluster:SiloPort=11111 --Cascade:Cluster:GatewayPort=30000
  ready "http://127.0.0.1:$WEB1_PORT"
  start_node "web node 2" "$DATA/logs/web2.log" run_in web "$web" \
    --urls "http://$HOST:$WEB2_PORT" --Cascade:Cluster:SiloPort=11112 --Cascade:Cluster:GatewayPort=30001 --Cascade:Demo:Seed=false
  start_node "silo node" "$DATA/logs/silo.log" run_in silo "$silo" \
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
}
