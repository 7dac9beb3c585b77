#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests, listening on 127.0.0.1 only.
#
#   scripts/services/postgres.sh start DIR   # prints: export CHAT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/services/postgres.sh stop DIR
#
# The cluster lives in DIR/data, its socket in DIR, its postmaster PID in DIR/pg.pid, its log in DIR/pg.log.
# PG_TEST_PORT picks the port; otherwise a free one is chosen. Installs PostgreSQL from Debian when missing.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }
[[ $# -eq 2 ]] || usage
action=$1
dir=$2

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $found && -x $found/initdb ]] && echo "$found"
}

ensure_installed() {
    if [[ -z $(pg_bin) ]]; then
        echo "installing PostgreSQL from Debian..." >&2
        apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    fi
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}

# Closes every descriptor above stderr in the current (sub)shell, so the daemonized server inherits none of
# them: a caller waiting for this script's descriptors to close (as Foundation's Process does) would hang.
close_inherited_fds() {
    local entry fd
    for entry in /proc/$BASHPID/fd/*; do
        fd=${entry##*/}
        if [[ $fd -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    ensure_installed
    local bin port
    bin=$(pg_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
    fi
    port=${PG_TEST_PORT:-$(free_port)}
    # The server must inherit none of our descriptors: a caller waiting for them to close would wait forever.
    if ! (close_inherited_fds; as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start \
        </dev/null >"$dir/pg_ctl.out" 2>&1); then
        cat "$dir/pg_ctl.out" >&2
        echo "PostgreSQL did not start; see $dir/pg.log" >&2
        exit 1
    fi
    if ! as_postgres "$bin/pg_isready" -h 127.0.0.1 -p "$port" -t 10 >/dev/null; then
        echo "PostgreSQL did not become ready; see $dir/pg.log" >&2
        exit 1
    fi
    head -n 1 "$dir/data/postmaster.pid" > "$dir/pg.pid"
    echo "$port" > "$dir/pg.port"
    echo "export CHAT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
}

stop() {
    local bin pid
    bin=$(pg_bin)
    dir=$(cd "$dir" && pwd)
    if as_postgres "$bin/pg_ctl" -D "$dir/data" -w -t 20 stop -m fast >/dev/null 2>&1; then
        return 0
    fi
    if [[ -f $dir/pg.pid ]]; then
        pid=$(cat "$dir/pg.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

case $action in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
