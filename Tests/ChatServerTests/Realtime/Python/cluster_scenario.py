"""Two server nodes sharing one PostgreSQL database (CLUSTER_ADAPTER=postgres), seen by python-socketio clients.

Usage: cluster_scenario.py NODE_A_URL NODE_B_URL TRANSPORT
Alice's device is connected to node A, Bob's and a stranger's to node B. Checks that broadcasts (small and larger
than a NOTIFY payload), room leaves and session revocations made on one node reach the sockets of the other.
Prints "ok: <check>" per check; exits 1 on the first failure with the reason.
"""
import sys
import threading
import time
import uuid

import requests
import socketio

NODE_A, NODE_B, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"]}[MODE]
WAIT = 10.0


def check(condition, what):
    if not condition:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)
    print(f"ok: {what}", flush=True)


def rest(node, method, path, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(method, node + path, json=body, headers=headers, timeout=10)
    return response.status_code, (response.json() if response.content else None)


def account(node, name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    status, _ = rest(node, "POST", "/auth/signup", body={"email": email, "password": "password " + name, "name": name.title()})
    check(status == 201, f"{name} signs up")
    status, body = rest(node, "POST", "/auth/login", body={"email": email, "password": "password " + name, "deviceType": "MOBILE"})
    check(status == 200, f"{name} logs in")
    return {"id": body["user"]["id"], "token": body["accessToken"]}


class Device:
    """One connected client that records every event it receives."""

    def __init__(self, node, token):
        self.events, self.lock = [], threading.Condition()
        self.disconnected = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._record)
        self.sio.on("disconnect", lambda *args: self.disconnected.set())
        self.sio.connect(node, transports=TRANSPORTS, auth={"token": token}, wait_timeout=WAIT)

    def _record(self, event, *args):
        with self.lock:
            self.events.append((event, args[0] if args else None))
            self.lock.notify_all()

    def call(self, event, payload):
        return self.sio.call(event, payload, timeout=WAIT)

    def wait_for(self, event, predicate=lambda payload: True, timeout=WAIT):
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


def main():
    alice, bob, eve = account(NODE_A, "alice"), account(NODE_B, "bob"), account(NODE_B, "eve")
    status, chat = rest(NODE_A, "POST", "/chats", alice["token"], {"name": "Across nodes", "participantIds": [bob["id"]]})
    check(status == 201, "alice creates a group with bob on node A")
    chat_id = chat["id"]

    alice_dev, bob_dev, eve_dev = Device(NODE_A, alice["token"]), Device(NODE_B, bob["token"]), Device(NODE_B, eve["token"])
    check(alice_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "alice joins the chat room on node A")
    check(bob_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "bob joins the chat room on node B")

    sent = alice_dev.call("message:send", {"chatId": chat_id, "content": "hello from A"})
    check(bob_dev.wait_for("message:new", lambda m: m["id"] == sent["id"]) is not None, "bob on node B receives alice's message")
    reply = bob_dev.call("message:send", {"chatId": chat_id, "content": "hello from B"})
    check(alice_dev.wait_for("message:new", lambda m: m["id"] == reply["id"]) is not None, "alice on node A receives bob's reply")

    large = "é" * 9000  # 18 kB of UTF-8: more than a NOTIFY payload holds
    big = alice_dev.call("message:send", {"chatId": chat_id, "content": large})
    got = bob_dev.wait_for("message:new", lambda m: m["id"] == big["id"])
    check(got is not None and got["content"] == large, "a message larger than a notification crosses intact")

    # Presence is the cluster's: bob is online while a device of his is connected to either node.
    is_bob = lambda p: p["userId"] == bob["id"]
    check(alice_dev.wait_for("user:online", is_bob) is not None, "alice on node A saw bob come online on node B")
    bob_second = Device(NODE_A, bob["token"])
    bob_second.sio.disconnect()
    time.sleep(1.5)
    check(len(alice_dev.received("user:online", is_bob)) == 1, "a second device of bob on node A announces nothing")
    check(alice_dev.received("user:offline", is_bob) == [], "closing it does not make bob offline: he is still on node B")
    bob_dev.sio.disconnect()
    check(alice_dev.wait_for("user:offline", is_bob) is not None, "when his last device (on node B) leaves, bob is offline")
    bob_dev = Device(NODE_B, bob["token"])
    check(bob_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "bob is back on node B")

    status, _ = rest(NODE_A, "DELETE", f"/chats/{chat_id}/participants/{bob['id']}", alice["token"])
    check(status in (200, 204), "alice removes bob on node A")
    removed = bob_dev.wait_for("chat:participant_removed", lambda p: p["userId"] == bob["id"])
    check(removed is not None, "bob on node B hears he was removed")
    after = alice_dev.call("message:send", {"chatId": chat_id, "content": "after bob left"})
    check(alice_dev.wait_for("message:new", lambda m: m["id"] == after["id"]) is not None, "alice's own devices still get messages")
    time.sleep(1.0)
    check(bob_dev.received("message:new", lambda m: m["id"] == after["id"]) == [], "bob's socket on node B left the chat room")

    status, _ = rest(NODE_A, "POST", "/auth/logout", bob["token"])
    check(status in (200, 204), "bob's session is revoked through node A")
    check(bob_dev.wait_for("session:revoked") is not None, "bob's socket on node B hears session:revoked")
    check(bob_dev.disconnected.wait(WAIT), "and is disconnected")

    check(eve_dev.received("message:new") == [] and eve_dev.received("chat:participant_removed") == [],
          "a stranger on node B heard nothing")
    for device in (alice_dev, eve_dev):
        device.sio.disconnect()
    print("cluster scenario passed", flush=True)


if __name__ == "__main__":
    main()
