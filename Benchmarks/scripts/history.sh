#!/usr/bin/env bash
# W3/W4, history pages: starts the release chat-server on SQLite in a temporary folder pinned to core 0, signs up one
# user with two group chats, seeds 10,000 messages into chat A and 1,000,000 into chat B straight into
# ./data/chat.sqlite with the sqlite3 CLI, then runs wrk pinned to core 1 (1 thread, 8 connections, 10 s) against
# GET /chats/:id/messages?limit=50 of A, of B, and of B before a cursor in its middle. Prints chat size, requests/s,
# p50 and p99; stops the server by its PID and removes the folder.
#
#   Benchmarks/scripts/history.sh
#
# Needs the root package's release build (`swift build -c release --product chat-server`), sqlite3, curl, python3 and
# wrk (apt-get install wrk).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
for tool in sqlite3 curl python3 wrk taskset; do
    command -v $tool >/dev/null || { echo "history: $tool is missing (wrk: apt-get install wrk)" >&2; exit 1; }
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/chat-history.XXXXXX)
export BCRYPT_COST=10 LOGIN_RATE_PER_IP=0 SIGNUP_RATE_PER_IP=0 MESSAGE_RATE_PER_USER=0 TYPING_RATE_PER_USER=0
export PORT=$port HOST=127.0.0.1 LOG_LEVEL=warning
(cd "$data" && unset DATABASE_URL && exec taskset -c 0 "$root/.build/release/chat-server") &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.1
done
base="http://127.0.0.1:$port"

# $1 path, $2 JSON body, $3 token or empty; prints the response, fails on a non-2xx status.
post() {
    curl -sf -X POST "$base$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} -d "$2"
}
field() { python3 -c "import json, sys; print(eval('json.load(sys.stdin)' + sys.argv[1]))" "$1"; }
post /auth/signup '{"email":"history@bench.example","password":"benchmark password","name":"History","username":"history"}' \
    >/dev/null
login=$(post /auth/login '{"email":"history@bench.example","password":"benchmark password","deviceType":"MOBILE"}')
token=$(field '["accessToken"]' <<<"$login")
user=$(field '["user"]["id"]' <<<"$login")
chat_a=$(post /chats '{"name":"history A","participantIds":[]}' "$token" | field '["id"]')
chat_b=$(post /chats '{"name":"history B","participantIds":[]}' "$token" | field '["id"]')

# $1 chat id, $2 message count, $3 a number that keeps this chat's ids apart from the other's. Seqs follow the chat's
# last_seq; created_at counts one second per message back from now; ids are lowercase UUID-like text from the row
# number. One transaction per chat.
seed() {
    taskset -c 1 sqlite3 "$data/data/chat.sqlite" <<SQL
.timeout 60000
BEGIN IMMEDIATE;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2),
    chat(last_seq, now) AS (SELECT last_seq, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM chats WHERE id = '$1')
INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at)
SELECT printf('%08x-%04x-4000-8000-%012x', i, $3, i), '$1', chat.last_seq + i, '$user', 'history message ' || i, 'TEXT',
    chat.now - ($2 - i) * 1000
FROM n, chat;
UPDATE chats SET last_seq = (SELECT max(seq) FROM messages WHERE chat_id = '$1'),
    last_activity_at = (SELECT max(created_at) FROM messages WHERE chat_id = '$1') WHERE id = '$1';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}
started=$(date +%s)
seed "$chat_a" 10000 10 >/dev/null
seed "$chat_b" 1000000 11 >/dev/null
echo "seeded 10,000 + 1,000,000 messages in $(($(date +%s) - started)) s"
middle=$(sqlite3 "$data/data/chat.sqlite" "SELECT last_seq / 2 FROM chats WHERE id = '$chat_b'")

# $1 label, $2 path: one wrk run after checking the page answers 50 messages; prints a table row.
measure() {
    local count
    count=$(curl -sf "$base$2" -H "Authorization: Bearer $token" | field '["items"].__len__()')
    [[ $count == 50 ]] || { echo "history: $2 answered $count messages, not 50" >&2; exit 1; }
    local out
    out=$(taskset -c 1 wrk -t1 -c8 -d10s --latency -H "Authorization: Bearer $token" "$base$2")
    grep -q 'Non-2xx' <<<"$out" && { echo "history: $2: $(grep 'Non-2xx' <<<"$out")" >&2; exit 1; }
    printf '%-28s %12s %10s %10s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
printf '%-28s %12s %10s %10s\n' "chat size (page of 50)" "requests/s" "p50" "p99"
measure "10,000 (latest)" "/chats/$chat_a/messages?limit=50"
measure "1,000,000 (latest)" "/chats/$chat_b/messages?limit=50"
measure "1,000,000 (before=$middle)" "/chats/$chat_b/messages?limit=50&before=$middle"
