"""Typing ends by itself: Bob types and never stops; Alice gets message:stop_typing anyway.

Usage: typing_expiry.py BASE_URL TRANSPORT
"""
import sys
import threading
import uuid

import requests
import socketio

BASE, MODE = sys.argv[1], sys.argv[2]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"], "upgrade": ["polling", "websocket"]}[MODE]


def login(name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    requests.post(f"{BASE}/auth/signup", json={"email": email, "password": "password1", "name": name}, timeout=10).raise_for_status()
    body = requests.post(f"{BASE}/auth/login", json={"email": email, "password": "password1", "deviceType": "MOBILE"}, timeout=10).json()
    return body["user"]["id"], body["accessToken"]


alice_id, alice = login("alice")
bob_id, bob = login("bob")
chat = requests.post(f"{BASE}/chats", json={"name": "T", "participantIds": [bob_id]},
                     headers={"Authorization": f"Bearer {alice}"}, timeout=10).json()["id"]
stopped = threading.Event()
alice_sio, bob_sio = socketio.Client(reconnection=False), socketio.Client(reconnection=False)
alice_sio.on("message:stop_typing", lambda payload: payload["userId"] == bob_id and stopped.set())
alice_sio.connect(BASE, transports=TRANSPORTS, auth={"token": alice}, wait_timeout=5)
bob_sio.connect(BASE, transports=TRANSPORTS, auth={"token": bob}, wait_timeout=5)
assert alice_sio.call("join_chat", {"chatId": chat}, timeout=5) == {"ok": True}
assert bob_sio.call("message:typing", {"chatId": chat}, timeout=5) == {"ok": True}
if not stopped.wait(5):
    print("FAILED: no message:stop_typing after the typing timeout")
    sys.exit(1)
print("typing expired")
alice_sio.disconnect()
bob_sio.disconnect()
