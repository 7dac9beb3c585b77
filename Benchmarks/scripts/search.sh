#!/usr/bin/env bash
# Message search: starts the release chat-server on SQLite in a temporary folder pinned to core 0, signs up two users,
# seeds 10,000 messages into a group of both (chat A), then 1,000,000 newer ones into a group of the first alone
# (chat B) straight into ./data/chat.sqlite with the sqlite3 CLI (the schema's triggers index them, as they index a
# send), then runs wrk pinned to core 1 (1 thread, 1 connection, 10 s) against GET /messages/search: words of every
# frequency, a Cyrillic prefix, two words, and the worst case, where the newest matches are all in chat B, which the
# caller is not in or did not ask for. Prints the first page's size, requests/s, p50 and p99; stops the server by its
# PID and removes the folder.
#
#   Benchmarks/scripts/search.sh              # SQLite
#   Benchmarks/scripts/search.sh postgres     # PostgreSQL: a throwaway cluster (scripts/services/postgres.sh), seeded with psql
#   CHAT_SERVER=/path/to/older/chat-server SCHEMA_DIR=/path/to/its/schema Benchmarks/scripts/search.sh   (a baseline)
#
# Needs the root package's release build (`swift build -c release --product chat-server`), sqlite3, curl, python3 and
# wrk (apt-get install wrk).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
backend=${1:-sqlite}
[[ $backend == sqlite || $backend == postgres ]] || { echo "usage: $0 [sqlite|postgres]" >&2; exit 64; }
for tool in sqlite3 curl python3 wrk taskset; do
    command -v $tool >/dev/null || { echo "search: $tool is missing (wrk: apt-get install wrk)" >&2; exit 1; }
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/chat-search.XXXXXX)
export BCRYPT_COST=10 LOGIN_RATE_PER_IP=0 SIGNUP_RATE_PER_IP=0 MESSAGE_RATE_PER_USER=0 TYPING_RATE_PER_USER=0
export PORT=$port HOST=127.0.0.1 LOG_LEVEL=warning
unset DATABASE_URL
if [[ $backend == postgres ]]; then
    chmod 755 "$data"  # initdb runs as postgres
    # The database shares core 0 with the server; wrk has core 1.
    eval "$(taskset -c 0 "$root/scripts/services/postgres.sh" start "$data/pg")"
    export DATABASE_URL=$CHAT_TEST_POSTGRES_URL
    "${CHAT_SERVER:-$root/.build/release/chat-server}" migrate >/dev/null
fi
(cd "$data" && exec taskset -c 0 "${CHAT_SERVER:-$root/.build/release/chat-server}") &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
    [[ $backend == postgres ]] && "$root/scripts/services/postgres.sh" stop "$data/pg" >/dev/null 2>&1
    rm -rf "$data"' EXIT
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
signup() {
    post /auth/signup "{\"email\":\"$1@bench.example\",\"password\":\"benchmark password\",\"name\":\"$1\",\"username\":\"$1\"}" \
        >/dev/null
    post /auth/login "{\"email\":\"$1@bench.example\",\"password\":\"benchmark password\",\"deviceType\":\"MOBILE\"}"
}
login=$(signup searcher)
token=$(field '["accessToken"]' <<<"$login")
user=$(field '["user"]["id"]' <<<"$login")
other_login=$(signup outsider)
other_token=$(field '["accessToken"]' <<<"$other_login")
other=$(field '["user"]["id"]' <<<"$other_login")
chat_a=$(post /chats "{\"name\":\"search A\",\"participantIds\":[\"$other\"]}" "$token" | field '["id"]')
chat_b=$(post /chats '{"name":"search B","participantIds":[]}' "$token" | field '["id"]')

# $1 chat id, $2 message count, $3 a number that keeps this chat's ids apart from the other's. Message i says
# "message i", one of 10,000 words `wN` (each in 1 of 10,000 messages), one of 100 words `tN` (1 in 100), and
# every tenth "Привет, мир". Seqs follow the chat's last_seq; created_at counts one second per message back from
# now. One transaction per chat.
seed() {
    taskset -c 1 sqlite3 "$data/data/chat.sqlite" <<SQL
.timeout 60000
BEGIN IMMEDIATE;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2),
    chat(last_seq, now) AS (SELECT last_seq, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM chats WHERE id = '$1')
INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at)
SELECT printf('%08x-%04x-4000-8000-%012x', i, $3, i), '$1', chat.last_seq + i, '$user',
    'message ' || i || ' w' || (i % 10000) || ' t' || (i % 100) || CASE WHEN i % 10 = 0 THEN ' Привет, мир' ELSE '' END,
    'TEXT', chat.now - ($2 - i) * 1000
FROM n, chat;
UPDATE chats SET last_seq = (SELECT max(seq) FROM messages WHERE chat_id = '$1'),
    last_activity_at = (SELECT max(created_at) FROM messages WHERE chat_id = '$1') WHERE id = '$1';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}
# seed() on PostgreSQL, with the same messages.
seed_postgres() {
    taskset -c 1 psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" <<SQL
BEGIN;
INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at)
SELECT ('00000000-' || lpad(to_hex($3), 4, '0') || '-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '$1', c.last_seq + i,
    '$user', 'message ' || i || ' w' || (i % 10000) || ' t' || (i % 100) || CASE WHEN i % 10 = 0 THEN ' Привет, мир' ELSE '' END,
    'TEXT', (extract(epoch FROM now()) * 1000)::bigint - ($2 - i) * 1000
FROM generate_series(1, $2) AS i, (SELECT last_seq FROM chats WHERE id = '$1') AS c;
UPDATE chats SET last_seq = (SELECT max(seq) FROM messages WHERE chat_id = '$1'),
    last_activity_at = (SELECT max(created_at) FROM messages WHERE chat_id = '$1') WHERE id = '$1';
COMMIT;
VACUUM ANALYZE messages;
SQL
}
# The server adds each message's words to search_vocabulary as it writes it (schema 0004); rows written around it,
# as seed() writes them, need the words added as the migration adds those of existing messages.
record_words() {
    taskset -c 1 sqlite3 "$data/data/chat.sqlite" <<SQL
.timeout 60000
CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, messages_search, col);
INSERT OR IGNORE INTO search_vocabulary (term) SELECT DISTINCT term FROM temp.terms WHERE col = 'content';
SQL
}
started=$(date +%s)
if [[ $backend == postgres ]]; then
    seed_postgres "$chat_a" 10000 10 >/dev/null
    seed_postgres "$chat_b" 1000000 11 >/dev/null
    search_bytes=$(psql -tA "$DATABASE_URL" -c "SELECT pg_relation_size('messages_search')")
else
    seed "$chat_a" 10000 10 >/dev/null
    seed "$chat_b" 1000000 11 >/dev/null
    if [ -n "$(sqlite3 "$data/data/chat.sqlite" "SELECT name FROM sqlite_master WHERE name = 'search_vocabulary'")" ]; then
        record_words
    fi
    search_bytes=$(sqlite3 "$data/data/chat.sqlite" \
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'messages_search%' OR name LIKE 'search_vocabulary%'" 2>/dev/null || echo "?")
fi
echo "seeded and indexed 10,000 + 1,000,000 messages in $(($(date +%s) - started)) s"
echo "full-text index: $search_bytes bytes"

# One client by default, so p50 and p99 are a search's own time; WRK_CONNECTIONS=8 measures throughput (each request
# then also waits for the ones ahead of it on the server's core).
connections=${WRK_CONNECTIONS:-1}
# $1 label, $2 query string, $3 token: one wrk run after checking the search answers 200; prints a table row with
# the number of matches the first page shows (20 means at least 20).
measure() {
    local shown
    shown=$(curl -sf "$base/messages/search?$2" -H "Authorization: Bearer $3" | field '["items"].__len__()')
    local out
    out=$(taskset -c 1 wrk -t1 -c"$connections" -d10s --latency -H "Authorization: Bearer $3" "$base/messages/search?$2")
    grep -q 'Non-2xx' <<<"$out" && { echo "search: $2: $(grep 'Non-2xx' <<<"$out")" >&2; exit 1; }
    printf '%-44s %6s %12s %10s %10s\n' "$1" "$shown" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
printf '%-44s %6s %12s %10s %10s\n' "query (1,010,000 messages)" "shown" "requests/s" "p50" "p99"
measure "rare word (w1234: 100 matches)" "q=w1234" "$token"
measure "word prefix (w123: 1,100 matches)" "q=w123" "$token"
measure "common word (t42: 1 in 100)" "q=t42" "$token"
measure "every message (message)" "q=message" "$token"
measure "Cyrillic prefix (priv-, 1 in 10)" "q=%D0%BF%D1%80%D0%B8%D0%B2" "$token"
measure "two words (t42 w1242)" "q=t42%20w1242" "$token"
measure "no match (zzz)" "q=zzz" "$token"
measure "chat A only, rare word (w1234)" "q=w1234&chatId=$chat_a" "$token"
measure "chat A only, 1 in 100 (t42)" "q=t42&chatId=$chat_a" "$token"
measure "member of A only, 1 in 100 (t42)" "q=t42" "$other_token"
measure "member of A only, every message (message)" "q=message" "$other_token"
