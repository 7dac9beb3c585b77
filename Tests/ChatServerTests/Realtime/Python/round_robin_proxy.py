"""A round-robin HTTP proxy without sticky sessions, for the cluster tests.

Usage: round_robin_proxy.py BACKEND_URL [BACKEND_URL ...]   (e.g. http://127.0.0.1:8081 http://127.0.0.1:8082)
Listens on 127.0.0.1, an ephemeral port, prints one line "listening PORT" once ready, and serves until it is killed
or its standard input reaches EOF (a standard input of /dev/null is not watched).

Every HTTP request, not every TCP connection, goes to the next backend in turn: a client that keeps its connection
alive still sees its requests spread over the nodes, so the long-polling requests of one Engine.IO session land on
nodes that do not hold it. A request carrying `Upgrade: websocket` is tunnelled to the next backend in turn and its
bytes are copied both ways until either side closes. A backend that cannot be reached or answers garbage gives 502.
With ROUND_ROBIN_PROXY_LOG=1 in the environment, one line per request goes to stderr (client port, backend, request).
Python 3 standard library only.
"""
import http.client
import itertools
import os
import socket
import stat
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BACKEND_TIMEOUT = 60.0  # a long-polling GET may hang ~25 s before its answer
IDLE_CLIENT_TIMEOUT = 300.0  # a kept-alive client connection idle this long is closed
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
              "trailer", "trailers", "transfer-encoding", "upgrade", "expect"}

BACKENDS = [urllib.parse.urlsplit(url) for url in sys.argv[1:]]
VERBOSE = os.environ.get("ROUND_ROBIN_PROXY_LOG") == "1"
_turn, _turn_lock = itertools.count(), threading.Lock()


def next_backend():
    with _turn_lock:
        return BACKENDS[next(_turn) % len(BACKENDS)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive with the client
    timeout = IDLE_CLIENT_TIMEOUT

    def do_request(self):
        backend = next_backend()
        if VERBOSE:
            sys.stderr.write(f"proxy: client :{self.client_address[1]} -> {backend.netloc} {self.command} {self.path}\n")
        if "websocket" in self.headers.get("Upgrade", "").lower():
            return self.tunnel(backend)
        dropped = HOP_BY_HOP | {h.strip().lower() for h in self.headers.get("Connection", "").split(",")}
        body = self.read_body()
        try:
            conn = http.client.HTTPConnection(backend.hostname, backend.port or 80, timeout=BACKEND_TIMEOUT)
            try:
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                conn.putheader("Host", backend.netloc)
                for name, value in self.headers.items():
                    if name.lower() not in dropped and name.lower() not in ("host", "content-length"):
                        conn.putheader(name, value)
                if body or self.command in ("POST", "PUT", "PATCH"):
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body or None)
                response = conn.getresponse()
                payload = response.read()  # de-chunked / Content-Length framed by http.client
                status, reason, headers = response.status, response.reason, response.getheaders()
            finally:
                conn.close()
        except Exception as error:  # unreachable, reset, timed out, malformed answer: all 502
            sys.stderr.write(f"proxy: {self.command} {self.path} to {backend.netloc} failed: {error!r}\n")
            return self.reply(502, "Bad Gateway", [("Content-Type", "text/plain")], b"bad gateway\n", True)
        backend_dropped = HOP_BY_HOP | {h.strip().lower() for name, v in headers if name.lower() == "connection"
                                        for h in v.split(",")}
        kept = [(n, v) for n, v in headers if n.lower() not in backend_dropped]
        if self.command == "HEAD" or status in (204, 304) or 100 <= status < 200:
            self.reply(status, reason, kept, b"")  # Content-Length, if any, is the backend's
        else:
            self.reply(status, reason, [(n, v) for n, v in kept if n.lower() != "content-length"], payload, True)

    def read_body(self):
        """The request body, whether framed by Content-Length or chunked."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status, reason, headers, body, with_length=False):
        self.send_response_only(status, reason)
        for name, value in headers:
            self.send_header(name, value)
        if with_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def tunnel(self, backend):
        """Sends the request head as received (Host rewritten) to `backend`, then copies bytes both ways."""
        self.close_connection = True
        try:
            upstream = socket.create_connection((backend.hostname, backend.port or 80), timeout=BACKEND_TIMEOUT)
        except OSError as error:
            sys.stderr.write(f"proxy: websocket to {backend.netloc} failed: {error!r}\n")
            return self.reply(502, "Bad Gateway", [("Content-Type", "text/plain"), ("Connection", "close")],
                              b"bad gateway\n", True)
        upstream.settimeout(None)
        self.connection.settimeout(None)
        head = [self.requestline] + [f"{n}: {backend.netloc if n.lower() == 'host' else v}"
                                     for n, v in self.headers.items()]
        sockets = (self.connection, upstream)

        def close_both():
            for s in sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        def backend_to_client():
            try:
                while data := upstream.recv(65536):
                    self.connection.sendall(data)
            except OSError:
                pass
            close_both()

        try:
            upstream.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
            threading.Thread(target=backend_to_client, daemon=True).start()
            while data := self.rfile.read1(65536):  # read1 first drains what the head parser buffered
                upstream.sendall(data)
        except (OSError, ValueError):
            pass
        close_both()
        upstream.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_request

    def log_message(self, format, *args):
        pass  # quiet: only failures are written to stderr


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        sys.stderr.write(f"proxy: connection from {client_address} ended with {sys.exc_info()[1]!r}\n")


def exit_at_stdin_eof():
    try:
        mode = os.fstat(0)
        if stat.S_ISCHR(mode.st_mode) and mode.st_rdev == os.stat(os.devnull).st_rdev:
            return  # /dev/null: nobody will ever close it on purpose
        while os.read(0, 4096):
            pass
    except OSError:
        return
    os._exit(0)


def main():
    if not BACKENDS:
        sys.exit("usage: round_robin_proxy.py BACKEND_URL [BACKEND_URL ...]")
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=exit_at_stdin_eof, daemon=True).start()
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
