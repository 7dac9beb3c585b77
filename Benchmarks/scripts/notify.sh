#!/usr/bin/env bash
# PostgreSQL LISTEN/NOTIFY throughput on this machine, the transport of CLUSTER_ADAPTER=postgres (docs/scaling.md).
# Starts a throwaway cluster with scripts/services/postgres.sh (fsync=off, as the tests run it), then for each case
# publishes with pgbench (one statement per transaction, autocommit, prepared, C client connections) for
# NOTIFY_SECONDS (default 4) while Python listeners (psycopg, in Benchmarks/.venv-notify) count what reaches them.
#
# Cases: payloads of ~300 and ~2,000 bytes; 1 listener; 4 listeners on one channel; N channels of one listener each,
# every publish to one channel at random (a channel per node); the room-aware adapter's statement shape, one
# `SELECT count(pg_notify('bench_' || node, ...)) FROM bench_rooms WHERE room = R` per publish, each of 10,000 rooms
# held by 7 of 16 nodes; 10 notifications per commit on one channel (publishing in batches); publishers 1 to 16;
# pg_notify with no listener; and `SELECT txid_current()` (a commit with an XID and no NOTIFY) as the control for
# publisher scaling. Prints a table, one line per case, then the cost of one fdatasync on this disk (what a commit's
# WAL flush costs with fsync on). Takes about 2 minutes; stops the cluster and removes its folder at exit.
#
#   Benchmarks/scripts/notify.sh
#
# Needs PostgreSQL's binaries (postgres.sh installs them from Debian when missing), pgbench, psql, python3 with venv,
# and PyPI for psycopg the first time.
#
# Columns: commits/s is pgbench's tps; published/s the notifications those commits carried. received/s is per
# listener, counted over the NOTIFY_SECONDS that follow its first notification (min-max over listeners); behind is
# what the listeners had not received by the end of that window (all listeners summed; it arrives later unless "lost"
# says otherwise). PG CPU is the postmaster and all its processes (exited backends included, through the postmaster's
# reaped-children times), from /proc, over the case; µs/pub divides it by the notifications published (by the commits
# for the control). pgbench and listeners are those processes' own CPU seconds. other is the rest of the machine's
# busy time meanwhile (another build, the sampler); "!" marks a case where it passed a tenth of the machine, whose
# figures are then not this workload's alone. lock waits is the mean number of sessions waiting on a heavyweight lock
# (NOTIFY's commit lock is the only one taken here), sampled every 100 ms from pg_stat_activity.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
seconds=${NOTIFY_SECONDS:-4}
venv=$here/.venv-notify
for tool in pgbench psql python3 /usr/bin/time; do
    command -v $tool >/dev/null || { echo "notify: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/chat-notify.XXXXXX)
chmod 755 "$work"  # postgres.sh runs the server as the postgres user when we are root
listeners=()
cleanup() {
    for pid in "${listeners[@]}"; do kill "$pid" 2>/dev/null || true; done
    "$root/scripts/services/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

if ! "$venv/bin/python" -c 'import psycopg' 2>/dev/null; then
    echo "notify: creating $venv with psycopg from PyPI" >&2
    python3 -m venv "$venv"
    echo '*' > "$venv/.gitignore"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'psycopg[binary]==3.3.9' >&2
fi
py=$venv/bin/python

started=$("$root/scripts/services/postgres.sh" start "$work/pg")
eval "$started"
url=$CHAT_TEST_POSTGRES_URL
postmaster=$(cat "$work/pg/pg.pid")

cat > "$work/bench.py" <<'PY'
"""Helpers of notify.sh: listen, sample, cpu, fsync (see the script's header)."""
import json, os, resource, select, sys, time

def listen(url, window, channels):
    # Counts notifications, not parsing them: the low-level connection, one select per batch.
    import psycopg
    from psycopg import sql
    conn = psycopg.connect(url, autocommit=True)
    for channel in channels:
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
    pg, fd = conn.pgconn, conn.pgconn.socket
    before = resource.getrusage(resource.RUSAGE_SELF)  # start-up (imports, connecting) is not the case's work
    print("ready", flush=True)
    started = time.monotonic()
    first = last = None
    total = in_window = 0
    while True:
        readable, _, _ = select.select([fd], [], [], 0.1)
        now = time.monotonic()
        if readable:
            pg.consume_input()
            batch = 0
            while pg.notifies() is not None:
                batch += 1
            if batch:
                if first is None:
                    first = now
                total += batch
                last = now
                if now <= first + window:
                    in_window += batch
        if first is None and now - started > window + 20:
            break                                   # nothing came
        if first is not None and (now - last > 1.0 or now > first + window + 5):
            break                                   # quiet for 1 s, or still draining 5 s after the window
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"total": total, "in_window": in_window, "cpu": cpu}), flush=True)
    time.sleep(3600)                                # keeps its backend alive until the script has read its CPU

def sample(url, duration):
    import psycopg
    conn = psycopg.connect(url, autocommit=True)
    waits, n, end = 0, 0, time.monotonic() + duration
    while time.monotonic() < end:
        query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        waits += conn.execute(query).fetchone()[0]
        n += 1
        time.sleep(0.1)
    print(json.dumps({"lock_waits": waits / max(n, 1)}))

def stat_times(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # after the command: state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1 with pid and comm
    return int(fields[1]), sum(int(x) for x in fields[11:15])

def cpu(postmaster):
    ticks = stat_times(postmaster)[1]
    for entry in os.listdir("/proc"):
        if entry.isdigit() and entry != postmaster:
            try:
                ppid, t = stat_times(entry)
            except (OSError, IndexError):
                continue
            if ppid == int(postmaster):
                ticks += t
    with open("/proc/stat") as f:
        busy = f.readline().split()[1:]
    idle = int(busy[3]) + int(busy[4])
    print(ticks / os.sysconf("SC_CLK_TCK"), (sum(int(x) for x in busy[:8]) - idle) / os.sysconf("SC_CLK_TCK"))

def fsync(directory):
    path = os.path.join(directory, "fsync.probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    page, n, start = b"x" * 8192, 0, time.monotonic()
    while time.monotonic() - start < 1.0:
        os.pwrite(fd, page, 0)
        os.fdatasync(fd)
        n += 1
    elapsed = time.monotonic() - start
    os.close(fd)
    os.unlink(path)
    print(f"{n / elapsed:.0f} {elapsed / n * 1000:.3f}")

command, args = sys.argv[1], sys.argv[2:]
if command == "listen":
    listen(args[0], float(args[1]), args[2:])
elif command == "sample":
    sample(args[0], float(args[1]))
elif command == "cpu":
    cpu(args[0])
elif command == "fsync":
    fsync(args[0])
PY

# The statements, one per transaction. notify: one notification to bench_1 .. bench_NCH at random. rooms: one to each
# node holding a random room (7 per room). batch: K to bench_1 (their payloads differ: equal ones in one transaction
# are sent once). commit: an XID and a commit, no notification.
printf '%s\n' '\set ch random(1, :nch)' "SELECT pg_notify('bench_' || :ch, :payload);" > "$work/notify.sql"
printf '%s\n' '\set room random(1, 10000)' \
    "SELECT count(pg_notify('bench_' || node, :payload)) FROM bench_rooms WHERE room = :room;" > "$work/rooms.sql"
printf '%s\n' "SELECT count(pg_notify('bench_1', :payload || g)) FROM generate_series(1, :k::int) g;" \
    > "$work/batch.sql"
printf '%s\n' 'SELECT txid_current();' > "$work/commit.sql"
psql -q -X -v ON_ERROR_STOP=1 "$url" >/dev/null <<'SQL'
CREATE TABLE bench_rooms (room int NOT NULL, node int NOT NULL, PRIMARY KEY (room, node));
INSERT INTO bench_rooms
    SELECT r, n FROM generate_series(1, 10000) r, LATERAL (
        SELECT n FROM generate_series(1, 16) n ORDER BY random() + 0 * r LIMIT 7) held;
VACUUM ANALYZE bench_rooms;
SQL

# A payload of $1 bytes shaped like a cluster message (JSON, an emitted Socket.IO frame), padded with text.
payload() {
    local head='{"origin":"k3v9q2m7x4p1","namespace":"/","rooms":["chat:1b9e4c2a-7d3f-4e5a-8b6c-9d0e1f2a3b4c"],'
    head+='"excluded":[],"action":{"emit":{"_0":[{"text":{"_0":"42[\"message:new\",{\"content\":\"'
    local tail='\"}]"}}]}}}'
    local pad=$(( $1 - ${#head} - ${#tail} ))
    printf '%s%s%s' "$head" "$(head -c "$pad" /dev/zero | tr '\0' 'x')" "$tail"
}

results=$work/results.tsv
: > "$results"

# $1 label, $2 statement (notify|rooms|batch|commit), $3 payload bytes, $4 publishers, $5 listeners, $6 channels
# (listener i listens to bench_((i-1) % channels + 1); publishes go to bench_1 .. bench_channels), $7 notifications
# per commit (default 1).
run_case() {
    local label=$1 script=$2 bytes=$3 clients=$4 nlisteners=$5 nch=$6 per_commit=${7:-1}
    local i pid ready threads=$(( clients < 2 ? clients : 2 ))
    listeners=()
    for (( i = 1; i <= nlisteners; i++ )); do
        "$py" "$work/bench.py" listen "$url" "$seconds" "bench_$(( (i - 1) % nch + 1 ))" > "$work/listener.$i" &
        listeners+=("$!")
    done
    for _ in $(seq 1 100); do
        ready=$(cat "$work"/listener.* 2>/dev/null | grep -c '^ready' || true)
        [[ $ready -ge $nlisteners ]] && break
        sleep 0.1
    done
    read -r pg_before busy_before < <("$py" "$work/bench.py" cpu "$postmaster")
    local wall_before=$EPOCHREALTIME
    "$py" "$work/bench.py" sample "$url" "$seconds" > "$work/sample" &
    local sampler=$!
    /usr/bin/time -f '%U %S' -o "$work/pgbench.time" \
        pgbench -n -M prepared -c "$clients" -j "$threads" -T "$seconds" -f "$work/$script.sql" \
        -D nch="$nch" -D k="$per_commit" -D payload="$(payload "$bytes")" "$url" \
        > "$work/pgbench.out" 2> "$work/pgbench.err" || { cat "$work/pgbench.err" >&2; exit 1; }
    wait "$sampler"
    # Listeners report once they have been quiet for a second (or drained for 5 s past their window).
    for _ in $(seq 1 300); do
        ready=$(cat "$work"/listener.* 2>/dev/null | grep -c '^{' || true)
        [[ $ready -ge $nlisteners ]] && break
        sleep 0.1
    done
    read -r pg_after busy_after < <("$py" "$work/bench.py" cpu "$postmaster")
    local wall=$(python3 -c "print($EPOCHREALTIME - $wall_before)")
    for pid in "${listeners[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    listeners=()
    "$py" - "$label" "$bytes" "$clients" "$nlisteners" "$nch" "$seconds" "$pg_before" "$pg_after" \
        "$busy_before" "$busy_after" "$work" "$wall" "$per_commit" >> "$results" <<'PY'
import glob, json, os, re, sys
label, size, clients, nl, nch, secs = sys.argv[1], *map(int, sys.argv[2:6]), float(sys.argv[6])
pg = float(sys.argv[8]) - float(sys.argv[7])
busy = float(sys.argv[10]) - float(sys.argv[9])
work, wall, k = sys.argv[11], float(sys.argv[12]), int(sys.argv[13])
out = open(f"{work}/pgbench.out").read()
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
commits = int(re.search(r"actually processed: (\d+)", out).group(1))
control = label.startswith("control")
done = commits if control else commits * k  # notifications published
user, system = map(float, open(f"{work}/pgbench.time").read().split()[-2:])
lock = json.loads(open(f"{work}/sample").read())["lock_waits"]
reports = [json.loads(l) for f in sorted(glob.glob(f"{work}/listener.*")) for l in open(f) if l.startswith("{")]
if nl:
    rates = [r["in_window"] / secs for r in reports]
    received = f"{min(rates):,.0f}" if min(rates) == max(rates) else f"{min(rates):,.0f}-{max(rates):,.0f}"
    expected = done * nl // nch  # each channel has nl / nch listeners and gets done / nch of the notifications
    behind = f"{max(expected - sum(r['in_window'] for r in reports), 0):,}"
    lost = f"{max(expected - sum(r['total'] for r in reports), 0):,}"
else:
    received = behind = lost = "-"
lcpu = sum(r["cpu"] for r in reports)
other = max(busy - pg - user - system - lcpu, 0)
# Another process took over a tenth of the machine meanwhile: the row is not this machine's figure alone.
other_text = f"{other:.2f}" + (" !" if other > 0.1 * wall * os.cpu_count() else "")
listening = "-" if nl == 0 else (f"{nl} on 1 channel" if nch == 1 else f"{nch} channels x 1")
size_text = "-" if control else f"{size:,} B"
published = "-" if control else f"{tps * k:,.0f}"
print("\t".join([label, size_text, str(clients), listening, str(k), f"{tps:,.0f}", published, received, behind, lost,
                 f"{pg:.2f}", f"{pg / max(done, 1) * 1e6:.0f}", f"{user + system:.2f}", f"{lcpu:.2f}",
                 other_text, f"{lock:.2f}"]))
PY
    rm -f "$work"/listener.* "$work/sample"
    tail -n 1 "$results" | cut -f 1-10 | tr '\t' ' ' >&2
}

pg_version=$("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}')
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "notify: PostgreSQL $pg_version, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $seconds s per case" >&2
#        label             statement bytes, publishers, listeners, channels, per commit
run_case "publishers"      notify 300   1  1  1
run_case "publishers"      notify 300   2  1  1
run_case "publishers"      notify 300   4  1  1
run_case "publishers"      notify 300   8  1  1
run_case "publishers"      notify 300  16  1  1
run_case "control: commit" commit 300   1  0  1
run_case "control: commit" commit 300   8  0  1
run_case "no listener"     notify 300   4  0  1
run_case "fan-out"         notify 300   4  4  1
run_case "per-node"        notify 300   4  4  4
run_case "per-node"        notify 300   4 16 16
run_case "rooms, 7 of 16"  rooms  300   4 16 16  7
run_case "batched"         batch  300   4  1  1 10
run_case "2 KB"            notify 2000  4  1  1
run_case "2 KB fan-out"    notify 2000  4  4  1
run_case "2 KB per-node"   notify 2000  4  4  4
read -r fsyncs flush_ms < <("$py" "$work/bench.py" fsync "$work")

echo
echo "LISTEN/NOTIFY on this machine: PostgreSQL $pg_version (fsync=off), $(nproc) cores ($cpu_model)," \
    "$seconds s per case, $(date -u +%Y-%m-%d)"
echo
{
    columns=(case payload publishers listeners "per commit" commits/s published/s "received/s per listener" behind lost
        "PG CPU s" "PG µs/pub" "pgbench CPU s" "listeners CPU s" "other CPU s" "lock waits")
    (IFS=$'\t'; echo "${columns[*]}")
    cat "$results"
} | column -t -s $'\t'
echo
if grep -q ' !' "$results"; then
    echo "!: other processes used over a tenth of the machine during that case; run again on a quiet machine."
fi
echo "fdatasync of an 8 KiB page on this disk: ${fsyncs}/s (${flush_ms} ms each). A notifying transaction holds"
echo "NOTIFY's cluster-wide lock until its commit ends; one that also wrote (a large payload into cluster_payloads, or"
echo "a NOTIFY inside the message's own transaction) waits for its WAL flush under that lock, so with fsync=on such"
echo "transactions cannot exceed about that many per second. A pg_notify alone (as here) writes no WAL and commits"
echo "without waiting for a flush."
