"""Interop check of ChatRealtime against python-socketio's client.

Usage: interop_client.py URL MODE   (MODE: polling | websocket | upgrade)
The server must behave like the project's interop test server: on connect it emits `auth` with the auth
payload; `message` is echoed as `message-back`; `message-with-ack` is acked with its arguments; `ask-me`
makes the server emit `question` with an ack and report the client's answer as `answer-was`; the same on
namespace `/custom`. Prints one line per check and exits 0 only if every check passed.
"""
import queue
import sys
import time

import socketio

URL, MODE = sys.argv[1], sys.argv[2]
TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"], "upgrade": ["polling", "websocket"]}[MODE]
TIMEOUT = 10

failures = []


def check(name, condition, detail=""):
    print(("PASS " if condition else "FAIL ") + name + (f" ({detail})" if detail and not condition else ""), flush=True)
    if not condition:
        failures.append(name)


events = {ns: queue.Queue() for ns in ("/", "/custom")}
client = socketio.Client(reconnection=False)

for ns in ("/", "/custom"):
    def make_handlers(ns):
        @client.on("auth", namespace=ns)
        def on_auth(data):
            events[ns].put(("auth", data))

        @client.on("message-back", namespace=ns)
        def on_back(*args):
            events[ns].put(("message-back", list(args)))

        @client.on("answer-was", namespace=ns)
        def on_answer(*args):
            events[ns].put(("answer-was", list(args)))

        @client.on("question", namespace=ns)
        def on_question(*args):
            return "answer to " + str(args[0])

    make_handlers(ns)


def next_event(ns, name):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        try:
            event, data = events[ns].get(timeout=deadline - time.time())
        except queue.Empty:
            break
        if event == name:
            return data
    return None


client.connect(URL, transports=TRANSPORTS, auth={"token": "py-123"}, namespaces=["/", "/custom"], wait_timeout=TIMEOUT)

for ns in ("/", "/custom"):
    check(f"{ns} auth payload reaches the server", next_event(ns, "auth") == {"token": "py-123"})
    reply = client.call("message-with-ack", (1, "2", {"3": [True]}), namespace=ns, timeout=TIMEOUT)
    check(f"{ns} client ack round trip", reply == (1, "2", {"3": [True]}), repr(reply))
    client.emit("message", ("text", 3.5, None), namespace=ns)
    back = next_event(ns, "message-back")
    check(f"{ns} event round trip", back == ["text", 3.5, None], repr(back))
    client.emit("message", (b"\x01\x02\x03", {"nested": b"\xff"}), namespace=ns)
    back = next_event(ns, "message-back")
    check(f"{ns} binary round trip", back == [b"\x01\x02\x03", {"nested": b"\xff"}], repr(back))
    binary_reply = client.call("message-with-ack", b"\x00\x10", namespace=ns, timeout=TIMEOUT)
    check(f"{ns} binary ack", binary_reply == b"\x00\x10", repr(binary_reply))
    client.emit("ask-me", namespace=ns)
    answer = next_event(ns, "answer-was")
    check(f"{ns} server emit with ack", answer == ["answer to life"], repr(answer))

if MODE == "upgrade":
    deadline = time.time() + TIMEOUT
    while client.transport() != "websocket" and time.time() < deadline:
        time.sleep(0.05)
    check("upgraded to websocket", client.transport() == "websocket", client.transport())
    client.emit("message", "after upgrade")
    back = next_event("/", "message-back")
    check("traffic after upgrade", back == ["after upgrade"], repr(back))
else:
    check(f"stays on {MODE}", client.transport() == MODE, client.transport())

client.disconnect()

refused = socketio.Client(reconnection=False)
try:
    refused.connect(URL, transports=TRANSPORTS, namespaces=["/nope"], wait_timeout=TIMEOUT)
    check("unknown namespace refused", False, "connected")
    refused.disconnect()
except socketio.exceptions.ConnectionError as error:
    check("unknown namespace refused", "Invalid namespace" in str(error) or "nope" in str(error), str(error))

print("ALL PASSED" if not failures else "FAILED: " + ", ".join(failures), flush=True)
sys.exit(0 if not failures else 1)
