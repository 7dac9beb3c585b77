#!/usr/bin/env python3
"""Mutational HTTP fuzzing of a running chat-server's Socket.IO path, one connection per input, as a client would:
each input is a valid request (polling handshake, POST, chunked POST, WebSocket handshake) with 1-8 random byte
edits. Prints how many inputs were answered and with which status, and, with --pid, the server's open descriptors
before, right after and 6 s after (they must come back to where they were). The server must stay up throughout.

    scripts/fuzz-http-live.py --port 3000 --inputs 20000 --pid "$(pgrep -n chat-server)"
"""
import argparse
import os
import random
import socket
import time

SEEDS = [
    b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n40{}x",
    b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    b"POST /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randrange(len(data)) if data else 0
        if choice < 0.4 and data:
            data[at] = rng.randrange(256)
        elif choice < 0.6:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
        elif choice < 0.8 and data:
            del data[at:at + rng.randint(1, 10)]
        else:
            data[at:at] = b"\r\n" * rng.randint(1, 3)
    return bytes(data)


def descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd")) if pid else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--inputs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pid", type=int)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    before = descriptors(arguments.pid)
    answered, outcomes = 0, {}
    for _ in range(arguments.inputs):
        connection = socket.create_connection(("127.0.0.1", arguments.port))
        connection.settimeout(2)
        try:
            connection.sendall(mutate(rng.choice(SEEDS), rng))
            reply = connection.recv(200)
            if reply:
                answered += 1
                outcome = reply.split(b" ")[1].decode() if reply.startswith(b"HTTP/1.1 ") else "not HTTP"
            else:
                outcome = "closed without answer"
        except OSError as error:
            outcome = type(error).__name__
        finally:
            connection.close()
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    right_after = descriptors(arguments.pid)
    time.sleep(6)
    print(f"inputs {arguments.inputs}, answered {answered}, outcomes {dict(sorted(outcomes.items(), key=lambda item: -item[1]))}")
    if arguments.pid:
        print(f"server descriptors: before {before}, right after {right_after}, 6 s after {descriptors(arguments.pid)}")


if __name__ == "__main__":
    main()
