"""Two python-socketio clients chatting through a round-robin proxy in front of the cluster (no sticky sessions).

Usage: no_sticky_scenario.py PROXY_URL MODE
MODE is polling (long-polling only: every GET and POST of a session may reach a node that does not hold it) or
upgrade (starts on polling, then upgrades to WebSocket, whose upgrade request may reach a foreign node).
Everything goes through the proxy: sign-ups, a group chat, both clients sending acknowledged messages that the
other must receive, all of them and in order, and clean disconnects. Prints "ok: <check>" per check and
"no-sticky scenario passed" at the end; exits 1 on the first failure with the reason.
"""
import sys
import time
import uuid

from scenario_support import WAIT, RecordingClient, check, rest

MODES = {"polling": ["polling"], "upgrade": ["polling", "websocket"]}
if len(sys.argv) != 3 or sys.argv[2] not in MODES:
    print("FAILED: usage: no_sticky_scenario.py PROXY_URL polling|upgrade", flush=True)
    sys.exit(1)
PROXY, MODE = sys.argv[1].rstrip("/"), sys.argv[2]
TRANSPORTS = MODES[MODE]
ROUNDS = 5  # messages each user sends


def account(name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    status, _ = rest(PROXY, "POST", "/auth/signup", body={"email": email, "password": "password " + name, "name": name.title()})
    check(status == 201, f"{name} signs up through the proxy")
    status, body = rest(PROXY, "POST", "/auth/login", body={"email": email, "password": "password " + name, "deviceType": "MOBILE"})
    check(status == 200, f"{name} logs in through the proxy")
    return {"id": body["user"]["id"], "token": body["accessToken"], "name": name}


def device(user):
    client = RecordingClient(PROXY, TRANSPORTS, auth={"token": user["token"]})
    check(client.sio.connected, f"{user['name']} connects over {MODE} through the proxy"
          + ("" if client.sio.connected else f" (error: {client.error!r})"))
    if MODE == "upgrade":
        # python-engineio upgrades inside connect(); wait a little anyway in case that changes.
        deadline = time.time() + WAIT
        while client.sio.transport() != "websocket" and time.time() < deadline:
            time.sleep(0.05)
        check(client.sio.transport() == "websocket", f"{user['name']}'s client upgraded to websocket (on {client.sio.transport()})")
    return client


def wait_for_messages(client, chat_id, count):
    """The `message:new` payloads of `chat_id` once `count` of them came, or what came within the timeout."""
    deadline = time.time() + WAIT
    while True:
        got = client.received("message:new", lambda m: isinstance(m, dict) and m.get("chatId") == chat_id)
        if len(got) >= count or time.time() > deadline:
            return got
        time.sleep(0.05)


def exchange(users, clients, chat_id, label, already):
    """Both users send ROUNDS acknowledged messages, alternating; each must receive every message, in order."""
    sent = []
    for i in range(ROUNDS):
        for user, client in zip(users, clients):
            content = f"{label} {i} from {user['name']}"
            ack = client.call("message:send", {"chatId": chat_id, "content": content, "clientMessageId": str(uuid.uuid4())})
            acked = isinstance(ack, dict) and ack.get("content") == content and "id" in ack
            check(acked, f"{user['name']}'s message '{content}' is acknowledged" + ("" if acked else f" (ack: {ack!r})"))
            sent.append(ack)
    expected = already + sent
    for user, client, other in ((users[0], clients[0], users[1]), (users[1], clients[1], users[0])):
        got = wait_for_messages(client, chat_id, len(expected))
        ids = [m.get("id") for m in got]
        theirs = [m["id"] for m in expected if m["senderId"] == other["id"]]
        check([i for i in ids if i in set(theirs)] == theirs,
              f"{user['name']} received all {len(theirs)} of {other['name']}'s messages so far, in order "
              f"(got {len(got)} message:new of {len(expected)})")
        check(ids == [m["id"] for m in expected], f"{user['name']} saw the whole chat in send order, nothing extra")
        seqs = [m.get("seq") for m in got]
        check(seqs == sorted(seqs) and len(set(seqs)) == len(seqs), f"{user['name']} saw increasing seq numbers {seqs}")
    return expected


def main():
    alice, bob = account("alice"), account("bob")
    status, chat = rest(PROXY, "POST", "/chats", alice["token"], {"name": "No sticky", "participantIds": [bob["id"]]})
    check(status == 201, "alice creates a group with bob through the proxy")
    chat_id = chat["id"]

    users = (alice, bob)
    clients = [device(alice), device(bob)]
    for user, client in zip(users, clients):
        check(client.call("join_chat", {"chatId": chat_id}) == {"ok": True}, f"{user['name']} joins the chat room")

    messages = exchange(users, clients, chat_id, "first", [])
    time.sleep(1.0)  # a few idle polls (or WebSocket frames) in between
    messages = exchange(users, clients, chat_id, "second", messages)
    if MODE == "upgrade":
        for user, client in zip(users, clients):
            check(client.sio.transport() == "websocket", f"{user['name']} is still on websocket after the messages")

    is_alice = lambda p: isinstance(p, dict) and p.get("userId") == alice["id"]
    clients[0].close()
    check(clients[0].disconnected.wait(WAIT) and not clients[0].sio.connected, "alice disconnects cleanly")
    check(clients[1].wait_for("user:offline", is_alice) is not None, "bob hears alice went offline: the server saw her leave")
    clients[1].close()
    check(clients[1].disconnected.wait(WAIT) and not clients[1].sio.connected, "bob disconnects cleanly")
    print("no-sticky scenario passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as error:  # a timeout, a refused request, a malformed answer: a clear failure, not a traceback
        print(f"FAILED: {type(error).__name__}: {error}", flush=True)
        sys.exit(1)
