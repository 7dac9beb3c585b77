"""The W1 event flow on python-socketio, with no persistence: a peer for chat-load --peer.

join_chat {chatId} -> joins room chat:<chatId>, acks {ok: true}; message:send {chatId, content, clientMessageId}
-> a message with the chat's next seq, broadcast as message:new to the room and returned through the ack.

    python -m venv .venv && .venv/bin/pip install 'python-socketio==5.18.1' aiohttp
    .venv/bin/python peers/python_socketio_peer.py 3200
"""
import sys
import time
import uuid

import socketio
from aiohttp import web

sio = socketio.AsyncServer(async_mode="aiohttp")
app = web.Application()
sio.attach(app)
sequences = {}


@sio.event
async def connect(sid, environ, auth):
    return True


@sio.on("join_chat")
async def join_chat(sid, data):
    await sio.enter_room(sid, "chat:" + data["chatId"])
    return {"ok": True}


@sio.on("message:send")
async def send(sid, data):
    chat = data["chatId"]
    seq = sequences.get(chat, 0) + 1
    sequences[chat] = seq
    message = {
        "id": str(uuid.uuid4()), "chatId": chat, "seq": seq, "senderId": sid, "content": data.get("content"),
        "type": "TEXT", "fileId": None, "replyToId": None, "clientMessageId": data.get("clientMessageId"),
        "isEdited": False, "editedAt": None, "isDeleted": False, "deletedAt": None, "createdAt": time.time(),
    }
    await sio.emit("message:new", message, room="chat:" + chat)
    return message


if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]) if len(sys.argv) > 1 else 3200, print=None)
