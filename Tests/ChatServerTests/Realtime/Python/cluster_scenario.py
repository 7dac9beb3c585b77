"""Two server nodes sharing one PostgreSQL database (CLUSTER_ADAPTER=postgres), seen by python-socketio clients.

Usage: cluster_scenario.py NODE_A_URL NODE_B_URL TRANSPORT
Alice's device is connected to node A, Bob's and a stranger's to node B. Checks that broadcasts (small and larger
than a NOTIFY payload), room leaves and session revocations made on one node reach the sockets of the other.
Prints "ok: <check>" per check; exits 1 on the first failure with the reason.
"""
import sys
import time
import uuid

from scenario_support import WAIT, RecordingClient, check, rest

NODE_A, NODE_B, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"]}[MODE]


def account(node, name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    status, _ = rest(node, "POST", "/auth/signup", body={"email": email, "password": "password " + name, "name": name.title()})
    check(status == 201, f"{name} signs up")
    status, body = rest(node, "POST", "/auth/login", body={"email": email, "password": "password " + name, "deviceType": "MOBILE"})
    check(status == 200, f"{name} logs in")
    return {"id": body["user"]["id"], "token": body["accessToken"]}


def device(node, token):
    """A client connected to `node` with `token` in the CONNECT auth payload."""
    return RecordingClient(node, TRANSPORTS, auth={"token": token})


def main():
    alice, bob, eve = account(NODE_A, "alice"), account(NODE_B, "bob"), account(NODE_B, "eve")
    status, chat = rest(NODE_A, "POST", "/chats", alice["token"], {"name": "Across nodes", "participantIds": [bob["id"]]})
    check(status == 201, "alice creates a group with bob on node A")
    chat_id = chat["id"]

    alice_dev, bob_dev, eve_dev = device(NODE_A, alice["token"]), device(NODE_B, bob["token"]), device(NODE_B, eve["token"])
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
    bob_second = device(NODE_A, bob["token"])
    bob_second.sio.disconnect()
    time.sleep(1.5)
    check(len(alice_dev.received("user:online", is_bob)) == 1, "a second device of bob on node A announces nothing")
    check(alice_dev.received("user:offline", is_bob) == [], "closing it does not make bob offline: he is still on node B")
    bob_dev.sio.disconnect()
    check(alice_dev.wait_for("user:offline", is_bob) is not None, "when his last device (on node B) leaves, bob is offline")
    bob_dev = device(NODE_B, bob["token"])
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
    for client in (alice_dev, eve_dev):
        client.close()
    print("cluster scenario passed", flush=True)


if __name__ == "__main__":
    main()
