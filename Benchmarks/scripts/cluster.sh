#!/usr/bin/env bash
# W1 over a two-node cluster, and a same-run single-node baseline, on one throwaway PostgreSQL.
#
#   Benchmarks/scripts/cluster.sh RESULTS_DIR [chat-load options]
#
# Starts PostgreSQL (scripts/services/postgres.sh, in a temporary folder) with two empty, migrated databases. Then:
#   1. two release chat-server nodes on the first, CLUSTER_ADAPTER=postgres, on two ports; chat-load signs up over
#      node 1's REST API and spreads the sockets over both (client i on node i % 2), so half of each room's
#      deliveries cross nodes; it reports same-node and cross-node delivery latency, each node's CPU and RSS, their
#      sums and PostgreSQL's CPU (postmaster and children). The nodes are stopped.
#   2. one node on the second database (CLUSTER_ADAPTER=$BASELINE_ADAPTER, default local), the same load.
# With SATURATION=1, both again at --rate 0. Writes cluster.json, single.json (cluster-sat.json, single-sat.json) to
# RESULTS_DIR (and each node's log, cluster-node1.log ...) and prints a comparison. Extra arguments go to every chat-load run.
#
# Cores (this machine has 2): both nodes and PostgreSQL on core 0 (SERVER_CPUS, PG_CPUS; PG_CPUS= leaves PostgreSQL
# unpinned), the generator on core 1 (LOAD_CPUS). The load: CLIENTS (1000), ROOM_SIZE (10), RATE (1.1 messages/s per
# client), USERS (100), WARMUP (5), DURATION (20). CHAT_SERVER is the binary (default the root's
# .build/release/chat-server); build it and chat-load first (swift build -c release, in the root and in Benchmarks/).
# SCHEMA_DIR (default the root's schema/) holds the migrations matching CHAT_SERVER: it is copied when the script
# starts, so that an edit to the tree during the run changes nothing (give the schema of the commit the binary was
# built from when testing a copied binary).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
[[ $# -ge 1 ]] || { echo "usage: $0 RESULTS_DIR [chat-load options]" >&2; exit 64; }
results=$1
shift
mkdir -p "$results"
results=$(cd "$results" && pwd)
server=${CHAT_SERVER:-$root/.build/release/chat-server}
load=${CHAT_LOAD:-$here/.build/release/chat-load}
[[ -x $server ]] || { echo "cluster: $server is missing (swift build -c release --product chat-server)" >&2; exit 1; }
[[ -x $load ]] || { echo "cluster: $load is missing (swift build -c release in Benchmarks/)" >&2; exit 1; }
server_cpus=${SERVER_CPUS:-0} pg_cpus=${PG_CPUS-0} load_cpus=${LOAD_CPUS:-1}
load_flags=(--clients "${CLIENTS:-1000}" --room-size "${ROOM_SIZE:-10}" --rate "${RATE:-1.1}" --users "${USERS:-100}"
    --warmup "${WARMUP:-5}" --duration "${DURATION:-20}")

work=$(mktemp -d /tmp/chat-cluster.XXXXXX)
chmod 755 "$work"  # PostgreSQL's user lives in $work/pg
export BCRYPT_COST=10 LOGIN_RATE_PER_IP=0 SIGNUP_RATE_PER_IP=0 MESSAGE_RATE_PER_USER=0 TYPING_RATE_PER_USER=0
export HOST=127.0.0.1 LOG_LEVEL=warning JWT_SECRET=cluster-benchmark-secret-0123456789abcdef
pids=()
stop_servers() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    stop_servers
    "$root/scripts/services/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/schema"
cp -R "${SCHEMA_DIR:-$root/schema}/." "$work/schema/"
export SCHEMA_DIR=$work/schema

# PostgreSQL: pinned through its postmaster, whose backends inherit the affinity.
pin_pg=()
[[ -n $pg_cpus ]] && pin_pg=(taskset -c "$pg_cpus")
eval "$("${pin_pg[@]}" "$root/scripts/services/postgres.sh" start "$work/pg")"
pg_url=$CHAT_TEST_POSTGRES_URL
pg_pid=$(cat "$work/pg/pg.pid")
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
for db in chat_cluster chat_single; do
    "$pg_bin/psql" -q -v ON_ERROR_STOP=1 "$pg_url" -c "CREATE DATABASE $db" >/dev/null
    DATABASE_URL=${pg_url%/postgres}/$db "$server" migrate >/dev/null
done
echo "PostgreSQL $pg_url (postmaster $pg_pid, cores ${pg_cpus:-any}), servers on core $server_cpus, generator on core $load_cpus"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Starts a node on database $1 with adapter $2, logging to RESULTS_DIR/$3.log; its port goes to $port, its PID
# onto pids.
start_node() {
    local db=$1 adapter=$2 log=$results/$3.log dir
    port=$(free_port)
    dir=$(mktemp -d "$work/node.XXXXXX")
    (cd "$dir" && DATABASE_URL=${pg_url%/postgres}/$db CLUSTER_ADAPTER=$adapter PORT=$port \
        exec taskset -c "$server_cpus" "$server" >"$log" 2>&1) &
    pids+=($!)
}
wait_ready() {
    local port
    for port in "$@"; do
        for _ in $(seq 1 300); do
            curl -sf -o /dev/null "http://127.0.0.1:$port/ready" && continue 2
            sleep 0.1
        done
        echo "cluster: the node on port $port is not ready: $(curl -s "http://127.0.0.1:$port/ready")" >&2
        tail -n 5 "$results"/*.log >&2
        exit 1
    done
}

run_cluster() {  # $1: result file, then chat-load options
    local result=$1 ports=() node_flags=() pid_flags=() pid
    shift
    start_node chat_cluster postgres "${result%.json}-node1"; ports+=("$port")
    start_node chat_cluster postgres "${result%.json}-node2"; ports+=("$port")
    wait_ready "${ports[@]}"
    for port in "${ports[@]}"; do node_flags+=(--node-url "http://127.0.0.1:$port"); done
    for pid in "${pids[@]}"; do pid_flags+=(--server-pid "$pid"); done
    echo "== two nodes (ports ${ports[*]}, PIDs ${pids[*]})"
    taskset -c "$load_cpus" "$load" --url "http://127.0.0.1:${ports[0]}" "${node_flags[@]}" "${pid_flags[@]}" \
        --postgres-pid "$pg_pid" --label cluster-2-nodes --json "$results/$result" "${load_flags[@]}" "$@"
    # What each node sent to and applied from the other (whole run, set-up included).
    for port in "${ports[@]}"; do
        echo "node :$port $(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^chat_cluster_operations_(published|received)_total' | tr '\n' ' ')"
    done | tee "$results/${result%.json}-cluster-counters.txt"
    stop_servers
}

run_single() {  # $1: result file, then chat-load options
    local result=$1
    shift
    start_node chat_single "${BASELINE_ADAPTER:-local}" "${result%.json}-node"
    wait_ready "$port"
    echo "== one node (CLUSTER_ADAPTER=${BASELINE_ADAPTER:-local}, port $port, PID ${pids[0]})"
    taskset -c "$load_cpus" "$load" --url "http://127.0.0.1:$port" --server-pid "${pids[0]}" --postgres-pid "$pg_pid" \
        --label single-node --json "$results/$result" "${load_flags[@]}" "$@"
    stop_servers
}

run_cluster cluster.json "$@"
run_single single.json "$@"
if [[ -n ${SATURATION:-} ]]; then
    run_cluster cluster-sat.json "$@" --rate 0
    run_single single-sat.json "$@" --rate 0
fi

python3 - "$results" <<'EOF'
import json, os, sys
results = sys.argv[1]
def show(value, digits=2):
    return "-" if value is None else f"{value:.{digits}f}"
print(f"\n{'run':<13}{'delivered/s':>12}{'p50/p99 ms':>18}{'same-node':>18}{'cross-node':>18}{'srv µs/dlv':>11}"
      f"{'pg µs/dlv':>10}{'missing':>8}{'inv (cross)':>14}")
for name in ("cluster", "single", "cluster-sat", "single-sat"):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        continue
    r = json.load(open(path))
    pair = lambda d: "-" if d is None else f"{show(d['p50'])}/{show(d['p99'])}"
    inversions = f"{r['inversions']} ({r['crossNodeInversions']})" if "crossNodeInversions" in r else str(r["inversions"])
    print(f"{name:<13}{r['deliveriesPerSecond']:>12.0f}{pair(r['deliveryMs']):>18}{pair(r.get('sameNodeDeliveryMs')):>18}"
          f"{pair(r.get('crossNodeDeliveryMs')):>18}{show(r['serverMicrosecondsPerDelivery'], 1):>11}"
          f"{show(r.get('postgresMicrosecondsPerDelivery'), 1):>10}{r['missing'] + r['ackErrors']:>8}{inversions:>14}")
print("(latencies p50/p99 ms; missing = missing deliveries + ack errors; inv = seq inversions, of which the late")
print(" message crossed nodes; JSON in " + results + ")")
EOF
