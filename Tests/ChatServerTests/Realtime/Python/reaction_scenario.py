"""Reactions end to end over python-socketio and REST, as a third-party client sees them.

Usage: reaction_scenario.py BASE_URL TRANSPORT
TRANSPORT is polling or websocket. Members react over both, at once from many devices; every change is broadcast as
message:reaction, the summary stays exact, bad emoji and deleted messages are refused. Prints "ok: <check>" per
check; exits 1 on the first failure with the reason.
"""
import sys
import threading
import time
import urllib.parse
import uuid

from scenario_support import RecordingClient, check, rest as rest_to

BASE, MODE = sys.argv[1], sys.argv[2]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"]}[MODE]
EMOJI = ["👍", "❤️", "😂"]


def rest(method, path, token=None, body=None):
    return rest_to(BASE, method, path, token, body)


def account(name):
    suffix = uuid.uuid4().hex[:6]
    email = f"{name}{suffix}@example.com"
    status, _ = rest("POST", "/auth/signup", body={"email": email, "password": "password " + name, "name": name.title(), "username": f"{name}{suffix}"})
    check(status == 201, f"{name} signs up")
    status, body = rest("POST", "/auth/login", body={"email": email, "password": "password " + name, "deviceType": "MOBILE"})
    check(status == 200, f"{name} logs in")
    return {"id": body["user"]["id"], "token": body["accessToken"]}


def device(user):
    client = RecordingClient(BASE, TRANSPORTS, auth={"token": user["token"]})
    check(client.sio.connected, "a device connects")
    return client


def counts(body):
    return {r["emoji"]: r["count"] for r in body["reactions"]}


def error_code(reply):
    return reply.get("error", {}).get("code") if isinstance(reply, dict) else None


def reaction_path(chat_id, message_id, emoji):
    return f"/chats/{chat_id}/messages/{message_id}/reactions/{urllib.parse.quote(emoji, safe='')}"


def main():
    alice, bob = account("alice"), account("bob")
    crowd = [account(f"member{i}") for i in range(6)]
    status, chat = rest("POST", "/chats", alice["token"], {"name": "Votes", "participantIds": [bob["id"]] + [m["id"] for m in crowd]})
    check(status == 201, "alice creates a group of eight")
    chat_id = chat["id"]
    status, message = rest("POST", f"/chats/{chat_id}/messages", alice["token"], {"content": "pizza or sushi?"})
    check(status == 201 and message["reactions"] == [], "a new message has no reactions")
    message_id = message["id"]
    target = {"chatId": chat_id, "messageId": message_id}

    phone, bob_dev = device(alice), device(bob)
    check(phone.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "alice joins her chat")
    check(bob_dev.call("join_chat", {"chatId": chat_id}) == {"ok": True}, "bob joins the chat")

    ack = bob_dev.call("message:react", {**target, "emoji": "👍"})
    check(ack == {**target, "reactions": [{"emoji": "👍", "count": 1}], "myReactions": ["👍"]},
          f"message:react acks the message's reactions (got {ack})")
    heard = phone.wait_for("message:reaction")
    check(heard == {**target, "userId": bob["id"], "emoji": "👍", "added": True, "reactions": [{"emoji": "👍", "count": 1}]},
          f"alice hears message:reaction (got {heard})")
    again = bob_dev.call("message:react", {**target, "emoji": "👍"})
    check(again == ack, "reacting twice changes nothing")

    status, body = rest("PUT", reaction_path(chat_id, message_id, "🍕"), alice["token"])
    check(status == 200 and body["myReactions"] == ["🍕"] and counts(body) == {"👍": 1, "🍕": 1}, "alice reacts over REST")
    check(bob_dev.wait_for("message:reaction", lambda p: p["emoji"] == "🍕" and p["userId"] == alice["id"]) is not None,
          "a REST reaction is broadcast like a socket one")

    undo = bob_dev.call("message:unreact", {**target, "emoji": "👍"})
    check(undo["reactions"] == [{"emoji": "🍕", "count": 1}] and undo["myReactions"] == [], "bob takes his reaction back")
    check(phone.wait_for("message:reaction", lambda p: p["added"] is False) is not None, "alice hears the removal")
    check(bob_dev.call("message:unreact", {**target, "emoji": "👍"}) == undo, "unreacting twice changes nothing")

    check(error_code(bob_dev.call("message:react", {**target, "emoji": "two words"})) == "VALIDATION_FAILED",
          "an emoji with a space is refused")
    check(error_code(bob_dev.call("message:react", {**target, "emoji": "👍" * 9})) == "VALIDATION_FAILED",
          "an emoji over 32 bytes is refused")
    status, body = rest("PUT", reaction_path(chat_id, message_id, "a\nb"), bob["token"])
    check(status == 400 and body["error"]["code"] == "VALIDATION_FAILED", "REST refuses a control character with 400")
    stranger = account("eve")
    status, _ = rest("PUT", reaction_path(chat_id, message_id, "👍"), stranger["token"])
    check(status == 403, "a stranger cannot react")

    # Everyone reacts with three emoji at once, each from a device of their own.
    devices = [device(member) for member in crowd] + [bob_dev]
    failures = []

    def react_all(client):
        for emoji in EMOJI:
            reply = client.call("message:react", {**target, "emoji": emoji})
            if "reactions" not in reply:
                failures.append(reply)

    threads = [threading.Thread(target=react_all, args=(d,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(failures == [], f"21 concurrent reactions are all acked (failures: {failures})")
    status, stored = rest("GET", f"/chats/{chat_id}/messages/{message_id}", alice["token"])
    check(counts(stored) == {"🍕": 1, "👍": 7, "❤️": 7, "😂": 7}, f"the summary counts each reaction once (got {stored['reactions']})")
    check(stored["myReactions"] == ["🍕"], "alice's own reactions come with the message")
    check(phone.wait_for("message:reaction", lambda p: sum(r["count"] for r in p["reactions"]) == 22, timeout=20) is not None,
          "alice hears the last of them")
    # python-engineio may run handlers out of wire order (each on a thread of its own): wait until every one has run.
    deadline = time.time() + 10
    while len(phone.received("message:reaction", lambda p: p["added"])) < 23 and time.time() < deadline:
        time.sleep(0.05)
    totals = sorted(sum(r["count"] for r in p["reactions"]) for p in phone.received("message:reaction", lambda p: p["added"]))
    check(totals[-21:] == list(range(2, 23)), f"every concurrent reaction was broadcast once (totals {totals})")
    status, page = rest("GET", f"/chats/{chat_id}/messages", bob["token"])
    check(counts(page["items"][0]) == counts(stored) and page["items"][0]["myReactions"] == EMOJI,
          "the history page carries the same summary and bob's own reactions")

    status, _ = rest("DELETE", f"/chats/{chat_id}/messages/{message_id}", alice["token"])
    check(status == 200, "alice deletes the message")
    check(error_code(bob_dev.call("message:react", {**target, "emoji": "👍"})) == "CONFLICT", "a deleted message takes no reactions")
    status, tombstone = rest("GET", f"/chats/{chat_id}/messages/{message_id}", bob["token"])
    check(tombstone["reactions"] == [] and tombstone["myReactions"] == [], "the tombstone has no reactions")

    for client in devices + [phone]:
        client.close()
    print("scenario passed", flush=True)


if __name__ == "__main__":
    main()
