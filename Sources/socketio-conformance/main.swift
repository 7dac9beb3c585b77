print("socketio-conformance")
