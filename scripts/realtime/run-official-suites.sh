#!/usr/bin/env bash
# Runs the official Engine.IO v4 and Socket.IO v5 protocol test suites against a running
# socketio-conformance server on localhost:3000. Fetches nothing: it needs
#   $1  a directory holding docs/engine.io-protocol/v4-test-suite and docs/socket.io-protocol/v5-test-suite
#       (e.g. a checkout of github.com/socketio/socket.io; the suites' code is not part of this project)
#   $2  a directory into which Debian's mocha, node-ws, node-fetch (and their dependencies) were extracted
#       with `dpkg -x` (so $2/usr/share/nodejs holds the modules and $2/usr/bin/mocha exists)
# chai and chai-string are not packaged by Debian; the small shims next to this script stand in for them.
# Example:
#   apt-get download $(apt-cache depends --recurse --no-recommends --no-suggests mocha node-ws node-fetch \
#       | grep -v '^ ' | grep -E '^(node-|mocha)' | sort -u)
#   for f in *.deb; do dpkg -x "$f" /tmp/rt-node/root; done
#   .build/release/socketio-conformance &   # then:
#   scripts/realtime/run-official-suites.sh /tmp/rt-suites /tmp/rt-node/root
set -euo pipefail
suites=$(cd "$1" && pwd)
deps=$(cd "$2" && pwd)
shims=$(cd "$(dirname "$0")/chai-shim" && pwd)
status=0
for suite in docs/engine.io-protocol/v4-test-suite docs/socket.io-protocol/v5-test-suite; do
  dir="$suites/$suite"
  mkdir -p "$dir/node_modules"
  for module in "$deps"/usr/share/nodejs/* "$deps"/usr/lib/nodejs/* "$shims"/*; do
    [ -e "$module" ] || continue
    ln -sfn "$module" "$dir/node_modules/$(basename "$module")"
  done
  echo "== $suite"
  (cd "$dir" && NODE_PATH="$deps/usr/share/nodejs:$deps/usr/lib/nodejs" node --preserve-symlinks "$deps/usr/share/nodejs/mocha/bin/mocha.js" test-suite.js) || status=1
done
exit $status
