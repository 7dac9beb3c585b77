#!/usr/bin/env python3
"""Memory per idle Socket.IO WebSocket session.

Starts the socketio-conformance binary (release build recommended) on 127.0.0.1 with a 25 s heartbeat,
opens N WebSocket connections with plain sockets (HTTP upgrade, Engine.IO open, Socket.IO CONNECT to `/`,
the `auth` event), keeps them idle, and reports the server's VmRSS growth per connection. Each run uses a
fresh server process; the median over runs is printed last.

Usage: bench-idle-ws.py BINARY [--connections 10000] [--runs 3] [--port 3999] [--engine-only]
"""
import argparse
import base64
import os
import resource
import socket
import statistics
import subprocess
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def read_frame(sock, buffer):
    """Reads one unmasked server frame; returns (opcode, payload, rest of buffer)."""
    while True:
        if len(buffer) >= 2:
            length = buffer[1] & 0x7F
            offset = 2
            if length == 126:
                if len(buffer) < 4:
                    length = None
                else:
                    length, offset = int.from_bytes(buffer[2:4], "big"), 4
            elif length == 127:
                if len(buffer) < 10:
                    length = None
                else:
                    length, offset = int.from_bytes(buffer[2:10], "big"), 10
            if length is not None and len(buffer) >= offset + length:
                return buffer[0] & 0x0F, buffer[offset:offset + length], buffer[offset + length:]
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer += chunk


def send_text(sock, text):
    payload = text.encode()
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)


def open_session(port, engine_only=False):
    sock = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /{'engine.io' if engine_only else 'socket.io'}/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed during upgrade")
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    if b" 101 " not in head.split(b"\r\n")[0]:
        raise ConnectionError(head.decode(errors="replace"))
    _, open_packet, buffer = read_frame(sock, buffer)
    assert open_packet.startswith(b"0"), open_packet
    if engine_only:
        return sock
    send_text(sock, "40")
    _, connect, buffer = read_frame(sock, buffer)
    assert connect.startswith(b"40"), connect
    _, auth, buffer = read_frame(sock, buffer)
    assert auth.startswith(b'42["auth"'), auth
    return sock


def run_once(binary, connections, port, engine_only):
    limit = connections + 1024
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
    env = dict(os.environ, PORT=str(port), PING_INTERVAL_MS="25000", PING_TIMEOUT_MS="20000", LOG_LEVEL="error")
    server = subprocess.Popen([binary], env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                time.sleep(0.05)
        warmup = [open_session(port) for _ in range(200)]
        for sock in warmup:
            sock.close()
        time.sleep(1)
        before = rss_kib(server.pid)
        sockets = []
        start = time.time()
        for _ in range(connections):
            sockets.append(open_session(port, engine_only))
        opened = time.time() - start
        time.sleep(3)
        after = rss_kib(server.pid)
        per_session = (after - before) * 1024 / connections
        print(f"run: {connections} sessions opened in {opened:.1f}s, RSS {before} KiB -> {after} KiB, "
              f"{per_session / 1024:.2f} KiB per session", flush=True)
        for sock in sockets:
            sock.close()
        return per_session
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--connections", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=3999)
    parser.add_argument("--engine-only", action="store_true", help="raw Engine.IO sessions on /engine.io, no Socket.IO")
    args = parser.parse_args()
    results = [run_once(args.binary, args.connections, args.port, args.engine_only) for _ in range(args.runs)]
    print(f"median: {statistics.median(results) / 1024:.2f} KiB per idle WebSocket session "
          f"({args.connections} sessions, {args.runs} runs)")


if __name__ == "__main__":
    main()
