"""W5's login load, apart from chat-load: signs up one user, then logs in RATE times per second (each on its own
thread) for SECONDS seconds and prints the count, errors and latency p50/p99. Standard library only.

    python3 scripts/logins.py BASE_URL RATE SECONDS
"""
import json
import sys
import threading
import time
import urllib.request
import uuid

base, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
handle = "w5" + uuid.uuid4().hex[:8]
credentials = {"email": f"{handle}@bench.example", "password": "benchmark password"}


def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status


post("/auth/signup", dict(credentials, name=handle, username=handle))
latencies, errors, lock = [], [0], threading.Lock()


def login():
    started = time.monotonic()
    try:
        post("/auth/login", dict(credentials, deviceType="MOBILE"))
        with lock:
            latencies.append((time.monotonic() - started) * 1000)
    except Exception:
        with lock:
            errors[0] += 1


threads, deadline = [], time.monotonic() + seconds
while time.monotonic() < deadline:
    thread = threading.Thread(target=login)
    thread.start()
    threads.append(thread)
    time.sleep(1 / rate)
for thread in threads:
    thread.join()
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
print(f"logins {len(latencies)} errors {errors[0]} p50 {pick(0.5):.1f} ms p99 {pick(0.99):.1f} ms", flush=True)
