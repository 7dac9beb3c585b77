#!/usr/bin/env bash
# The benchmark's smoke run, for CI: builds chat-load, starts the root package's chat-server (built already, debug)
# on the embedded default in a temporary folder, runs W1 for 5 seconds at small scale and fails unless messages
# were acked and delivered with no ack error, no missing delivery and no seq inversion. Speed is not checked.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
server="$root/.build/debug/chat-server"
[[ -x $server ]] || { echo "smoke: build the root package first ($server is missing)" >&2; exit 1; }
(cd "$here" && swift build --product chat-load)

data=$(mktemp -d /tmp/chat-smoke.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$data" && unset DATABASE_URL && BCRYPT_COST=10 SIGNUP_RATE_PER_IP=0 LOGIN_RATE_PER_IP=0 MESSAGE_RATE_PER_USER=0 PORT=$port HOST=127.0.0.1 \
    LOG_LEVEL=warning exec "$server") &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.1
done

"$here/.build/debug/chat-load" --url "http://127.0.0.1:$port" --clients 20 --room-size 5 --rate 2 --warmup 1 \
    --duration 5 --server-pid "$pid" --label smoke --json "$data/smoke.json"
python3 - "$data/smoke.json" <<'EOF'
import json, sys
result = json.load(open(sys.argv[1]))
problems = [name for name, bad in (
    ("nothing was acked", result["acked"] == 0),
    ("nothing was delivered", result["delivered"] == 0),
    ("ack errors", result["ackErrors"] != 0),
    ("missing deliveries", result["missing"] != 0),
    ("seq inversions", result["inversions"] != 0),
) if bad]
if problems:
    sys.exit("smoke: " + ", ".join(problems) + f" in {result}")
print(f"smoke: {result['acked']} acked, {result['delivered']} delivered, 0 missing, 0 inversions")
EOF
