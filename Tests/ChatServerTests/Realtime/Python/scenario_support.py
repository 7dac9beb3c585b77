"""What the python-socketio scenarios share: checks, REST calls and a client that records every event."""
import sys
import threading
import time

import requests
import socketio

WAIT = 10.0


def check(condition, what):
    """Prints "ok: <what>", or "FAILED: <what>" and exits 1."""
    if not condition:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)
    print(f"ok: {what}", flush=True)


def rest(base, method, path, token=None, body=None):
    """One JSON request; returns (status, parsed body or None)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(method, base + path, json=body, headers=headers, timeout=10)
    return response.status_code, (response.json() if response.content else None)


class RecordingClient:
    """One Socket.IO client that records every event it receives; a refused connect leaves `error` set."""

    def __init__(self, url, transports, auth=None, headers=None):
        self.events, self.lock = [], threading.Condition()
        self.error = None
        self.disconnected = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._record)
        self.sio.on("connect_error", self._connect_error)
        self.sio.on("disconnect", lambda *args: self.disconnected.set())
        try:
            self.sio.connect(url, transports=transports, auth=auth, headers=headers or {}, wait_timeout=WAIT)
        except socketio.exceptions.ConnectionError as error:
            self.error = self.error or str(error)

    def _connect_error(self, data):
        self.error = data

    def _record(self, event, *args):
        with self.lock:
            self.events.append((event, args[0] if args else None))
            self.lock.notify_all()

    def call(self, event, payload):
        return self.sio.call(event, payload, timeout=WAIT)

    def wait_for(self, event, predicate=lambda payload: True, timeout=WAIT):
        """The first payload of `event` matching `predicate`, waiting up to `timeout` seconds; None if none came."""
        deadline = time.time() + timeout
        with self.lock:
            while True:
                for name, payload in self.events:
                    if name == event and predicate(payload):
                        return payload
                remaining = deadline - time.time()
                if remaining <= 0:
                    return None
                self.lock.wait(remaining)

    def received(self, event, predicate=lambda payload: True):
        with self.lock:
            return [p for n, p in self.events if n == event and predicate(p)]

    def close(self):
        if self.sio.connected:
            self.sio.disconnect()
