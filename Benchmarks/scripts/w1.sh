#!/usr/bin/env bash
# W1 against one peer: starts it pinned to core 0, waits until it answers, runs chat-load pinned to core 1, stops
# the peer by its PID. Extra arguments go to chat-load (for example --clients 1000 --rate 1.1 --duration 20).
# W5_LOGINS=R adds R logins per second from scripts/logins.py, for W5_SECONDS (default 60: set up, warm-up and the
# measured window of a --users 100 run), and prints their latency when they are done.
#
#   Benchmarks/scripts/w1.sh sqlite|postgres|memory|python|official RESULT.json [chat-load options]
#
# Needs the release builds (`swift build -c release --product chat-server` in the root, and
# `--product chat-server-in-memory` for `memory`; `swift build -c release` in Benchmarks/). `postgres` needs DATABASE_URL of an empty, migrated database (`chat-server migrate`); `python`
# needs Benchmarks/.venv (see README); `official` needs Benchmarks/.build/official-socketio
# (peers/build-official-socketio.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
peer=$1 result=$2
shift 2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/chat-bench.XXXXXX)
export BCRYPT_COST=10 LOGIN_RATE_PER_IP=0 SIGNUP_RATE_PER_IP=0 MESSAGE_RATE_PER_USER=0 TYPING_RATE_PER_USER=0
export PORT=$port HOST=127.0.0.1 LOG_LEVEL=warning
peer_flags=()
case $peer in
sqlite)
    (cd "$data" && unset DATABASE_URL && exec taskset -c 0 "$root/.build/release/chat-server") &
    ;;
postgres)
    : "${DATABASE_URL:?set DATABASE_URL to an empty migrated PostgreSQL database}"
    (cd "$data" && exec taskset -c 0 "$root/.build/release/chat-server") &
    ;;
memory)
    (cd "$data" && unset DATABASE_URL && exec taskset -c 0 "$root/.build/release/chat-server-in-memory") &
    ;;
python)
    taskset -c 0 "$here/.venv/bin/python" "$here/peers/python_socketio_peer.py" "$port" &
    peer_flags=(--peer)
    ;;
official)
    NODE_PATH="$here/.build/official-socketio/node_modules" taskset -c 0 node "$here/peers/socketio_official_peer.js" "$port" &
    peer_flags=(--peer)
    ;;
*)
    echo "unknown peer $peer" >&2
    exit 2
    ;;
esac
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling"; then break; fi
    sleep 0.1
done
if [[ -n ${W5_LOGINS:-} ]]; then
    # W5: logins from a process of their own on the generator's core, through the warm-up and the measured window.
    taskset -c 1 python3 "$here/scripts/logins.py" "http://127.0.0.1:$port" "$W5_LOGINS" "${W5_SECONDS:-60}" &
    logins=$!
fi
taskset -c 1 "$here/.build/release/chat-load" --url "http://127.0.0.1:$port" --server-pid "$pid" --label "$peer" \
    --json "$result" "${peer_flags[@]}" "$@"
if [[ -n ${logins:-} ]]; then wait "$logins"; fi
