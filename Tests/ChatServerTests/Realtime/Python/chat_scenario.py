"""End-to-end chat scenario over python-socketio, as a third-party client sees the server.

Usage: chat_scenario.py BASE_URL TRANSPORT
TRANSPORT is polling, websocket or upgrade. Signs users up over REST, connects their devices over Socket.IO
and checks every event and refusal of the contract. Prints "ok: <check>" per check; exits 1 on the first
failure with the reason.
"""
import json
import sys
import time
import uuid

from scenario_support import RecordingClient, WAIT, check, rest as rest_to

BASE, MODE = sys.argv[1], sys.argv[2]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"], "upgrade": ["polling", "websocket"]}[MODE]


def rest(method, path, token=None, body=None):
    return rest_to(BASE, method, path, token, body)


def account(name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    status, _ = rest("POST", "/auth/signup", body={"email": email, "password": "password " + name, "name": name.title(), "username": f"{name}{suffix}"})
    check(status == 201, f"{name} signs up")
    return login(email, name)


def login(email, name):
    status, body = rest("POST", "/auth/login", body={"email": email, "password": "password " + name, "deviceType": "MOBILE"})
    check(status == 200, f"{name} logs in")
    return {"id": body["user"]["id"], "token": body["accessToken"], "email": email, "name": name, "session": body["sessionId"]}


class Device(RecordingClient):
    """One device, giving its token in the CONNECT auth payload, the query string or the Authorization header;
    in upgrade mode, connected once it moved to WebSocket."""

    def __init__(self, label, token=None, how="auth"):
        url, headers, auth = BASE, {}, None
        if how == "auth":
            auth = {"token": token}
        elif how == "query":
            url = f"{BASE}?token={token}"
        elif how == "header":
            headers = {"Authorization": f"Bearer {token}"}
        super().__init__(url, TRANSPORTS, auth=auth, headers=headers)
        self.label = label
        if MODE == "upgrade" and self.sio.connected:
            deadline = time.time() + WAIT
            while self.sio.transport() != "websocket" and time.time() < deadline:
                time.sleep(0.05)


def error_code(reply):
    return reply.get("error", {}).get("code") if isinstance(reply, dict) else None


def main():
    alice, bob, eve = account("alice"), account("bob"), account("eve")
    alice_laptop = login(alice["email"], "alice")

    # Authentication at CONNECT, in all three places, and refusals.
    for how in ("auth", "query", "header"):
        device = Device(f"bob-{how}", bob["token"], how)
        check(device.sio.connected, f"a token in {how} connects ({MODE})")
        device.close()
    for label, token in (("no token", None), ("bad token", "not-a-jwt")):
        device = Device(label, token, "auth")
        check(not device.sio.connected, f"{label} is refused")
        check(isinstance(device.error, dict) and device.error.get("message") == "unauthorized" or device.error == "unauthorized",
              f"{label} gets CONNECT_ERROR unauthorized (got {device.error!r})")

    status, chat = rest("POST", "/chats", alice["token"], {"name": "Team", "participantIds": [bob["id"]]})
    check(status == 201, "alice creates a group with bob")
    chat_id = chat["id"]

    phone, laptop = Device("alice-phone", alice["token"]), Device("alice-laptop", alice_laptop["token"])
    bob_dev, eve_dev = Device("bob", bob["token"]), Device("eve", eve["token"])
    check(all(d.sio.connected for d in (phone, laptop, bob_dev, eve_dev)), "four devices connect")

    check(phone.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "alice joins her chat")
    check(laptop.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "alice's second device joins")
    check(bob_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "bob joins the chat")
    check(error_code(eve_dev.call("join_chat", {"chatId": chat_id})) == "FORBIDDEN", "a stranger cannot join")
    check(error_code(eve_dev.call("message:send", {"chatId": chat_id, "content": "hi"})) == "FORBIDDEN", "a stranger cannot send")
    check(phone.call("join_user", {}) == {"ok": True}, "join_user is accepted (no-op)")

    sent = phone.call("message:send", {"chatId": chat_id, "content": "hello bob", "clientMessageId": "c1"})
    check(sent.get("seq") == 1 and sent.get("content") == "hello bob", "message:send acks the committed message")
    got = bob_dev.wait_for("message:new", lambda m: m["id"] == sent["id"])
    check(got is not None and got["seq"] == 1, "bob receives message:new")
    check(laptop.wait_for("message:new", lambda m: m["id"] == sent["id"]) is not None, "alice's other device receives it too")
    retry = phone.call("message:send", {"chatId": chat_id, "content": "hello bob", "clientMessageId": "c1"})
    check(retry["id"] == sent["id"], "a retry with the same clientMessageId returns the same message")

    check(bob_dev.call("message:typing", {"chatId": chat_id}) == {"ok": True}, "bob types")
    typing = phone.wait_for("message:typing")
    check(typing == {"chatId": chat_id, "userId": bob["id"]}, "alice sees bob typing")
    check(bob_dev.received("message:typing") == [], "typing is not echoed to the typist")
    check(bob_dev.call("message:stop_typing", {"chatId": chat_id}) == {"ok": True}, "bob stops typing")
    check(phone.wait_for("message:stop_typing") is not None, "alice sees bob stop typing")

    edit = bob_dev.call("message:edit", {"chatId": chat_id, "messageId": sent["id"], "content": "hacked"})
    check(error_code(edit) == "FORBIDDEN", "bob cannot edit alice's message")
    edited = phone.call("message:edit", {"chatId": chat_id, "messageId": sent["id"], "content": "hello, bob"})
    check(edited.get("isEdited") is True, "alice edits her message")
    check(bob_dev.wait_for("message:edited", lambda m: m["content"] == "hello, bob") is not None, "bob receives message:edited")

    read = bob_dev.call("message:read", {"chatId": chat_id, "messageId": sent["id"]})
    check(read.get("lastReadSeq") == 1, "bob marks the message read")
    seen = phone.wait_for("message:read")
    check(seen is not None and seen["userId"] == bob["id"] and seen["seq"] == 1, "alice receives message:read")

    check(error_code(phone.call("no:such:event", {"x": 1})) == "UNKNOWN_EVENT", "an unknown event gets an error ack")
    check(error_code(phone.call("message:send", "not an object")) == "VALIDATION_FAILED", "a wrong payload gets an error ack")
    check(error_code(phone.call("message:send", {"chatId": 5})) == "VALIDATION_FAILED", "a wrong-typed field gets an error ack")

    status, rest_message = rest("POST", f"/chats/{chat_id}/messages", alice["token"], {"content": "over REST"})
    check(status == 201, "alice sends over REST")
    check(bob_dev.wait_for("message:new", lambda m: m["id"] == rest_message["id"]) is not None,
          "a REST message is broadcast like a socket one")
    deleted = phone.call("message:delete", {"chatId": chat_id, "messageId": rest_message["id"]})
    check(deleted.get("isDeleted") is True and deleted.get("content") is None, "delete leaves a tombstone")
    check(bob_dev.wait_for("message:deleted", lambda m: m["id"] == rest_message["id"]) is not None, "bob receives message:deleted")

    # 100 quick messages arrive in order.
    for index in range(100):
        phone.sio.emit("message:send", {"chatId": chat_id, "content": f"burst {index}"})
    check(bob_dev.wait_for("message:new", lambda m: m["content"] == "burst 99", timeout=20) is not None, "the burst arrives")
    # python-engineio runs each received message's handler on its own thread, so arrival order as seen by the
    # callbacks is not the wire order; the server's order is what `seq` records.
    burst = sorted(bob_dev.received("message:new", lambda m: m["content"].startswith("burst ")), key=lambda m: m["seq"])
    check([m["content"] for m in burst] == [f"burst {i}" for i in range(100)],
          "100 quick messages all arrive, committed in the order they were sent")
    check([m["seq"] for m in burst] == list(range(burst[0]["seq"], burst[0]["seq"] + 100)), "their sequence numbers have no gaps")
    seqs = sorted(m["seq"] for m in bob_dev.received("message:new"))
    check(len(set(seqs)) == len(seqs), "no message is delivered twice")

    # Reconnect and catch up: nothing is missed.
    last_seq = seqs[-1]
    bob_dev.close()
    # Up to one heartbeat period: if one of bob's earlier devices lost its close on the way (python-engineio can end
    # its write loop before the CLOSE of a disconnect is sent), the server learns of it only when that session stops
    # answering pings (interval 25 s + timeout 20 s), and bob is offline only then.
    offline = phone.wait_for("user:offline", lambda p: p["userId"] == bob["id"], timeout=50)
    check(offline is not None and offline.get("lastSeen"), "alice sees bob go offline with lastSeen")
    for index in range(3):
        phone.call("message:send", {"chatId": chat_id, "content": f"while away {index}"})
    bob_dev = Device("bob-again", bob["token"])
    check(phone.wait_for("user:online", lambda p: p["userId"] == bob["id"]) is not None, "alice sees bob come online")
    status, page = rest("GET", f"/chats/{chat_id}/messages?after={last_seq}", bob["token"])
    check([m["content"] for m in page["items"]] == [f"while away {i}" for i in range(3)], "bob fetches after=<last seq> and misses nothing")
    check(bob_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "bob rejoins")

    # The stranger heard nothing of the chat, and no presence of people he shares no chat with.
    heard = [n for n, _ in eve_dev.events if n.startswith("message:") or n.startswith("user:") or n.startswith("chat:")]
    check(heard == [], f"a stranger receives nothing (got {heard})")

    # Revoking a session closes its sockets at once.
    status, _ = rest("DELETE", f"/auth/sessions/{alice_laptop['session']}", alice["token"])
    check(status == 204, "alice revokes her laptop's session")
    check(laptop.wait_for("session:revoked") is not None, "the laptop receives session:revoked")
    deadline = time.time() + WAIT
    while laptop.sio.connected and time.time() < deadline:
        time.sleep(0.05)
    check(not laptop.sio.connected, "the revoked device is disconnected")
    check(phone.sio.connected, "alice's other device stays connected")

    # Membership changes take effect at once.
    status, _ = rest("DELETE", f"/chats/{chat_id}/participants/{bob['id']}", alice["token"])
    check(status == 204, "alice removes bob")
    check(bob_dev.wait_for("chat:participant_removed", lambda p: p["userId"] == bob["id"]) is not None, "bob is told he was removed")
    after_removal = phone.call("message:send", {"chatId": chat_id, "content": "bob is gone"})
    time.sleep(0.5)
    check(bob_dev.received("message:new", lambda m: m["id"] == after_removal["id"]) == [], "a removed member hears nothing more")
    status, _ = rest("POST", f"/chats/{chat_id}/participants", alice["token"], {"userId": eve["id"]})
    check(status == 201, "alice adds eve")
    added = eve_dev.wait_for("chat:participant_added", lambda p: p["user"]["id"] == eve["id"])
    check(added is not None and added["chatId"] == chat_id and added["role"] == "MEMBER", "eve is told she was added")
    check("email" not in json.dumps(added), "events carry public profiles only")
    check(eve_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "eve can now join")

    # Chat-list changes reach every member's user room.
    status, group = rest("POST", "/chats", alice["token"], {"name": "Plans", "participantIds": [eve["id"]]})
    check(status == 201, "alice creates another group with eve")
    created = eve_dev.wait_for("chat:created", lambda c: c["id"] == group["id"])
    check(created is not None and created["myRole"] == "MEMBER" and created["name"] == "Plans", "eve receives chat:created")
    check(phone.wait_for("chat:created", lambda c: c["id"] == group["id"]) is not None, "the creator's devices receive it too")
    status, _ = rest("PATCH", f"/chats/{group['id']}", alice["token"], {"name": "Big plans"})
    check(status == 200, "alice renames it")
    updated = eve_dev.wait_for("chat:updated", lambda p: p["chat"]["id"] == group["id"])
    check(updated is not None and updated["chat"]["name"] == "Big plans", "eve receives chat:updated")
    status, _ = rest("DELETE", f"/chats/{group['id']}", alice["token"])
    check(status == 204, "alice deletes it")
    check(eve_dev.wait_for("chat:deleted", lambda p: p["chatId"] == group["id"]) is not None, "eve receives chat:deleted")
    check(bob_dev.received("chat:created", lambda c: c["id"] == group["id"]) == [], "a non-member hears nothing of it")

    for device in (phone, laptop, bob_dev, eve_dev):
        device.close()
    print("scenario passed", flush=True)


if __name__ == "__main__":
    main()
