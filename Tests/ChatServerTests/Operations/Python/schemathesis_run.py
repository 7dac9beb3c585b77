"""Runs Schemathesis against a live chat-server: starts the binary on SQLite in a temporary directory, creates real
data (users, tokens, a group chat, a message, an uploaded file), and tests every operation of /openapi.json with real
ids and tokens, checking for server errors, schema conformance and documented status codes and content types.

    python schemathesis_run.py PATH/TO/chat-server [MAX_EXAMPLES]

Exits 0 when Schemathesis finds nothing, non-zero otherwise (its own exit code)."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# Operations that end the caller's session or delete the chat get tokens and a chat of their own, so they cannot
# take the shared token or chat away from the rest of the run.
DESTRUCTIVE = ("POST /auth/logout", "POST /auth/logout-all", "DELETE /chats/{chatId}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(binary, work):
    """Starts chat-server on 127.0.0.1 with the embedded defaults under `work`; returns (process, base URL)."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("S3_", "DATABASE_", "CLUSTER_", "LOGIN_", "SIGNUP_", "MESSAGE_", "TYPING_",
                                          "HTTP_", "BCRYPT_"))}
    # The cheapest bcrypt cost keeps the many generated logins and sign-ups from starving tests that run alongside.
    environment.update(HOST="127.0.0.1", PORT=str(port), JWT_SECRET="schemathesis-secret-0123456789-0123456789",
                       LOG_LEVEL="error", DATABASE_URL=f"sqlite:{work}/chat.sqlite", BCRYPT_COST="10")
    log = open(os.path.join(work, "server.log"), "wb")
    server = subprocess.Popen([binary, "serve"], cwd=work, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"chat-server exited with {server.returncode}")
        try:
            if requests.get(base + "/health", timeout=2).status_code == 200:
                return server, base
        except requests.ConnectionError:
            time.sleep(0.2)
    server.kill()
    sys.exit("chat-server did not answer /health within 60 s")


def call(base, method, path, token=None, expect=(200, 201), **arguments):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(method, base + path, headers=headers, timeout=30, **arguments)
    if response.status_code not in expect:
        sys.exit(f"setup: {method} {path} answered {response.status_code}: {response.text}")
    return response.json() if response.content else None


def account(base, name):
    """Signs `name` up; returns (user id, login function giving a fresh (access token, session id))."""
    password = f"correct horse {name}"
    user = call(base, "POST", "/auth/signup", json={"email": f"{name}@example.com", "password": password, "name": name})

    def login():
        session = call(base, "POST", "/auth/login",
                       json={"email": f"{name}@example.com", "password": password, "deviceType": "MOBILE"})
        return session["accessToken"], session["sessionId"]
    return user["id"], login


def seed(base):
    """Real data for every path parameter, and two runs: every operation as alice (a group's sole ADMIN), and every
    chat operation as carol, who is in no chat (the non-member answers)."""
    alice, alice_login = account(base, "alice")
    bob, _ = account(base, "bob")
    _, carol_login = account(base, "carol")
    _, dave_login = account(base, "dave")
    token, _ = alice_login()
    _, spare_session = alice_login()
    logout_token, _ = alice_login()
    logout_all_token, _ = dave_login()
    stranger_token, _ = carol_login()
    chat = call(base, "POST", "/chats", token, json={"name": "Team", "participantIds": [bob]})["id"]
    doomed = call(base, "POST", "/chats", token, json={"name": "Doomed", "participantIds": [bob]})["id"]
    message = call(base, "POST", f"/chats/{chat}/messages", token, json={"content": "hello"})["id"]
    file = call(base, "POST", "/files/upload", token, files={"file": ("dot.png", PNG, "image/png")})["id"]
    call(base, "POST", f"/chats/{chat}/messages", token, json={"content": "a picture", "fileId": file})
    parameters = {"path.chatId": chat, "path.messageId": message, "path.userId": bob,
                  "path.sessionId": spare_session, "path.fileId": file}
    member = {
        "token": token,
        "parameters": parameters,
        "operations": {
            "POST /auth/logout": {"headers": {"Authorization": f"Bearer {logout_token}"}},
            "POST /auth/logout-all": {"headers": {"Authorization": f"Bearer {logout_all_token}"}},
            "DELETE /chats/{chatId}": {"parameters": {"path.chatId": doomed}},
            # Alice changing her own role: the sole ADMIN may not step down (409).
            "PATCH /chats/{chatId}/participants/{userId}/role": {"parameters": {"path.userId": alice}},
        },
    }
    stranger = {"token": stranger_token, "parameters": parameters, "operations": {}}
    return [("member", member, []), ("non-member", stranger, ["--include-path-regex", "^/chats/\\{chatId\\}"])]


def toml_value(value):
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{key}" = {toml_value(item)}' for key, item in value.items()) + " }"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(path, data):
    lines = [f"headers = {toml_value({'Authorization': 'Bearer ' + data['token']})}", "", "[parameters]"]
    lines += [f'"{key}" = {toml_value(value)}' for key, value in data["parameters"].items()]
    for name, settings in data["operations"].items():
        lines += ["", "[[operations]]", f"include-name = {toml_value(name)}"]
        lines += [f"{key} = {toml_value(value)}" for key, value in settings.items()]
    with open(path, "w") as config:
        config.write("\n".join(lines) + "\n")


def main():
    binary = os.path.abspath(sys.argv[1])
    max_examples = sys.argv[2] if len(sys.argv) > 2 else "20"
    work = tempfile.mkdtemp(prefix="chat-schemathesis-")
    server, base = start_server(binary, work)
    try:
        status = 0
        for name, data, extra in seed(base):
            config = os.path.join(work, f"schemathesis-{name}.toml")
            write_config(config, data)
            print(f"== Schemathesis as the {name}", flush=True)
            command = [
                os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file", config, "--no-color",
                "run", f"{base}/openapi.json", "--checks", CHECKS, "--phases", "examples,coverage,fuzzing",
                "--max-examples", max_examples, "--workers", "1", "--seed", "1", "--request-timeout", "30",
                "--continue-on-failure", *extra,
            ]
            result = subprocess.run(command, cwd=work).returncode
            status = status or result
        if server.poll() is not None:
            print(f"chat-server died during the run (exit {server.returncode})")
            status = status or 1
        print("schemathesis passed" if status == 0 else f"schemathesis failed ({status})", flush=True)
        return status
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if os.environ.get("CHAT_TEST_KEEP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
