#!/usr/bin/env bash
# W2, idle sockets: 10,000 WebSockets over 100 users, connected and joined to their group chats (rooms of 10),
# sending nothing; reports the server's RSS per socket after --duration seconds. Runs w1.sh against the SQLite server
# with the open-file limit raised for both processes (a socket is a descriptor on each side). Extra arguments go to
# chat-load after these and win (for example --clients 500 --users 20 --duration 10).
#
#   Benchmarks/scripts/w2.sh RESULT.json [chat-load options]
set -euo pipefail
result=$1
shift
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec "$(dirname "$0")/w1.sh" sqlite "$result" --idle --clients 10000 --users 100 --room-size 10 "$@"
