"use strict";
// The W1 event flow on the official Socket.IO server (Node), with no persistence: a peer for chat-load --peer,
// with the events and payloads of python_socketio_peer.py.
//
// join_chat {chatId} -> joins room chat:<chatId>, acks {ok: true}; message:send {chatId, content, clientMessageId}
// -> a message with the chat's next seq, broadcast as message:new to the room and returned through the ack.
//
//     peers/build-official-socketio.sh /path/to/socket.io.git    # once; builds .build/official-socketio/
//     node peers/socketio_official_peer.js 3200
//
// require("socket.io") resolves through NODE_PATH when set (e.g. NODE_PATH=.build/official-socketio/node_modules),
// else from ../.build/official-socketio/node_modules beside this file.
const http = require("http");
const path = require("path");
const { randomUUID } = require("crypto");

function loadSocketIO() {
  try {
    return require("socket.io");
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND" || !String(error.message).includes("'socket.io'")) throw error;
  }
  return require(path.join(__dirname, "..", ".build", "official-socketio", "node_modules", "socket.io"));
}

const { Server } = loadSocketIO();
const port = Number(process.argv[2] || 3200);
const httpServer = http.createServer();
const io = new Server(httpServer, { path: "/socket.io/", serveClient: false });
const sequences = new Map();

// Any auth is accepted: no middleware.
io.on("connection", (socket) => {
  socket.on("join_chat", (data, ack) => {
    if (!data || typeof data.chatId !== "string") return;
    socket.join("chat:" + data.chatId);
    if (typeof ack === "function") ack({ ok: true });
  });

  socket.on("message:send", (data, ack) => {
    if (!data || typeof data.chatId !== "string") return;
    const chat = data.chatId;
    const seq = (sequences.get(chat) || 0) + 1;
    sequences.set(chat, seq);
    const message = {
      id: randomUUID(), chatId: chat, seq, senderId: socket.id, content: data.content ?? null,
      type: "TEXT", fileId: null, replyToId: null, clientMessageId: data.clientMessageId ?? null,
      isEdited: false, editedAt: null, isDeleted: false, deletedAt: null, createdAt: Date.now() / 1000,
    };
    io.to("chat:" + chat).emit("message:new", message);
    if (typeof ack === "function") ack(message);
  });
});

httpServer.listen(port, "127.0.0.1");
