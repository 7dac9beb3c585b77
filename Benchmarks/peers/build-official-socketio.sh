#!/usr/bin/env bash
# Builds the official Socket.IO server (the socket.io 4.8.x monorepo packages, from their TypeScript source, with
# Debian's tsc) for socketio_official_peer.js, without the npm registry: the runtime dependencies (ws, debug, cors,
# cookie, accepts, base64id and theirs) are Debian's node-* packages, @types/node is taken from Debian's nodejs
# package. Lays out OUT/node_modules so that require("socket.io") resolves there. Nothing it builds is committed
# (the default OUT is under Benchmarks/.build/, git-ignored). Idempotent: a build of the same commit is kept.
#
#   peers/build-official-socketio.sh SOCKETIO_GIT_DIR [OUT]
#
# SOCKETIO_GIT_DIR: a clone (bare or not) of the socket.io monorepo. SOCKETIO_REF overrides the ref built (default:
# the newest socket.io@4.8.* tag). OUT defaults to Benchmarks/.build/official-socketio.
set -euo pipefail

git_dir=${1:?usage: $0 SOCKETIO_GIT_DIR [OUT]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../.build/official-socketio}
mkdir -p "$out" && out=$(cd "$out" && pwd)
git_dir=$(cd "$git_dir" && pwd)
git() { command git --git-dir="$(command git -C "$git_dir" rev-parse --absolute-git-dir)" "$@"; }

ref=${SOCKETIO_REF:-$(git tag -l 'socket.io@4.8.*' | sort -V | tail -n 1)}
[ -n "$ref" ] || { echo "no socket.io@4.8.* tag in $git_dir; set SOCKETIO_REF" >&2; exit 1; }
commit=$(git rev-parse "$ref^{commit}")
stamp="$ref $commit"
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$out/packages/socket.io/dist/index.js" ]; then
    echo "up to date: $stamp in $out"
    exit 0
fi

# Debian packages: the compiler and the runtime dependencies.
debs="node-typescript node-ws node-debug node-cors node-cookie node-accepts node-base64id"
missing=$(for d in $debs; do dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || echo "$d"; done)
if [ -n "$missing" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

# @types/node: in Debian's nodejs package; when another nodejs is installed, extracted from Debian's .deb.
types_node=/usr/share/nodejs/@types/node
if [ ! -f "$types_node/package.json" ]; then
    types_node=$out/.cache/types-node
    if [ ! -f "$types_node/package.json" ]; then
        version=$(apt-cache showpkg node-types-node | sed -n '/^Reverse Provides:/,$p' | awk '$1 == "nodejs" { print $2; exit }')
        [ -n "$version" ] || { apt-get update -qq; version=$(apt-cache showpkg node-types-node | sed -n '/^Reverse Provides:/,$p' | awk '$1 == "nodejs" { print $2; exit }'); }
        [ -n "$version" ] || { echo "no Debian nodejs package provides node-types-node" >&2; exit 1; }
        tmp=$(mktemp -d) && chmod 755 "$tmp"
        (cd "$tmp" && apt-get download -q "nodejs=$version" && dpkg-deb -x nodejs_*.deb x)
        mkdir -p "$out/.cache" && rm -rf "$types_node" && cp -r "$tmp/x/usr/share/nodejs/@types/node" "$types_node"
        rm -rf "$tmp"
    fi
fi

# Source: only each package's lib/, package.json, tsconfig.json and LICENSE.
packages="engine.io-parser socket.io-parser engine.io socket.io-adapter socket.io socket.io-component-emitter"
rm -rf "$out/packages" "$out/node_modules" "$out/.stamp"
paths=()
for p in $packages; do
    for f in lib package.json tsconfig.json LICENSE; do
        if git cat-file -e "$commit:packages/$p/$f" 2>/dev/null; then paths+=("packages/$p/$f"); fi
    done
done
# (file by file rather than git archive, which also reads blobs outside these paths, absent from partial mirrors)
git ls-tree -r "$commit" -- "${paths[@]}" | while read -r mode type object path; do
    mkdir -p "$out/$(dirname "$path")"
    git cat-file blob "$object" > "$out/$path"
done

# node_modules: the monorepo packages as links, Debian's packages (and their dependencies) as copies.
nm=$out/node_modules
mkdir -p "$nm/@types" "$nm/@socket.io"
for p in socket.io engine.io socket.io-adapter socket.io-parser engine.io-parser; do ln -s "../packages/$p" "$nm/$p"; done
ln -s ../../packages/socket.io-component-emitter "$nm/@socket.io/component-emitter"
closure=$(node -e '
    const fs = require("fs"), seen = new Set();
    const visit = (name) => {
        if (seen.has(name)) return;
        seen.add(name);
        const pkg = JSON.parse(fs.readFileSync(`/usr/share/nodejs/${name}/package.json`, "utf8"));
        Object.keys(pkg.dependencies || {}).forEach(visit);
    };
    ["ws", "debug", "cors", "cookie", "accepts", "base64id"].forEach(visit);
    console.log([...seen].join(" "));')
for p in $closure; do
    cp -rL "/usr/share/nodejs/$p" "$nm/$p"
    if [ -d "/usr/share/nodejs/@types/$p" ]; then cp -rL "/usr/share/nodejs/@types/$p" "$nm/@types/$p"; fi
done
cp -rL "$types_node" "$nm/@types/node"
# uWebSockets.js is an optional peer of socket.io/engine.io (only for attachApp()), not in Debian: a types-only shim
# for the compiler.
mkdir -p "$nm/@types/uWebSockets.js"
cat > "$nm/@types/uWebSockets.js/index.d.ts" <<'EOF'
// Local shim (not the real types): uWebSockets.js is only used by socket.io's attachApp(), not by the peer.
declare module "uWebSockets.js" {
  export interface HttpRequest { forEach(cb: (key: string, value: string) => void): void; [key: string]: any }
  export interface HttpResponse { [key: string]: any }
  export interface TemplatedApp {
    any(pattern: string, handler: (res: HttpResponse, req: HttpRequest) => void): TemplatedApp;
    ws<UserData>(pattern: string, behavior: { [key: string]: any }): TemplatedApp;
  }
  export interface WebSocket<UserData = unknown> { getUserData(): UserData; [key: string]: any }
}
EOF
echo '{ "name": "@types/uWebSockets.js", "version": "0.0.0-local-shim", "types": "index.d.ts" }' > "$nm/@types/uWebSockets.js/package.json"

# Compile in dependency order with each package's own tsconfig. --skipLibCheck: Debian's @types/node refers to
# undici-types, which Debian does not ship; the socket.io sources themselves are fully type-checked.
for p in engine.io-parser socket.io-parser engine.io socket.io-adapter socket.io; do
    echo "tsc $p"
    (cd "$out" && tsc -p "packages/$p/tsconfig.json" --skipLibCheck)
done

version=$(cd "$out" && node -p 'require("./node_modules/socket.io/package.json").version')
(cd "$out" && node -e 'require("./node_modules/socket.io"); require("./node_modules/engine.io")')
echo "$stamp" > "$out/.stamp"
echo "built socket.io $version ($stamp) with tsc $(tsc --version | awk '{ print $2 }') in $out"
