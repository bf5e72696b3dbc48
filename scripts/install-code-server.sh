#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) from the npm registry into a gitignored cache
# folder, for the extension's end-to-end test (test/e2e/). Idempotent: a finished install leaves a
# stamp file and later runs return at once. Prints the path of entry.js on its last line.
#
# Why not `npm install -g code-server`: on these machines npm 11 rejects the package's
# `--unsafe-perm`, @vscode/ripgrep's install script downloads from GitHub (unreachable), and
# node-pty's install runs `npx node-gyp`. So: unpack the tarball, install without scripts, put
# Debian's ripgrep where @vscode/ripgrep expects its binary, rebuild the native modules against
# Debian's Node headers, and redo by hand what the package's postinstall.sh does.
# 4.100.3 is the newest release that runs on Node 20. Needs the Debian packages
# build-essential python3 libkrb5-dev ripgrep (see .ci/run).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}"
DEST="$CACHE/$VERSION"
STAMP="$DEST/.installed"

if [ -f "$STAMP" ]; then
  echo "$DEST/package/out/node/entry.js"
  exit 0
fi

RG="$(command -v rg || true)"
if [ -z "$RG" ]; then
  echo "install-code-server: ripgrep (rg) is missing: apt-get install ripgrep" >&2
  exit 1
fi

rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
npm pack "code-server@$VERSION" --silent >/dev/null
tar xzf "code-server-$VERSION.tgz"
rm "code-server-$VERSION.tgz"
PKG="$DEST/package"

# Quiet, no audit/fund chatter; native modules build against /usr/include/node.
export npm_config_nodedir=/usr npm_config_yes=true npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_loglevel=error

# The package's own postinstall.sh wants npm's removed --unsafe-perm; its steps are done below.
(cd "$PKG" && npm pkg delete scripts.postinstall && npm install --omit=dev --ignore-scripts)
(cd "$PKG/lib/vscode" && npm install --omit=dev --ignore-scripts)

# @vscode/ripgrep's install script skips its download when the binary is already there.
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$RG" "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

(cd "$PKG" && npm rebuild --dangerously-allow-all-scripts)
(cd "$PKG/lib/vscode" && npm rebuild --dangerously-allow-all-scripts)
(cd "$PKG/lib/vscode/extensions" && npm install --omit=dev --dangerously-allow-all-scripts)

# What postinstall.sh does besides the installs.
ln -sfn node_modules "$PKG/lib/vscode/node_modules.asar"
ln -sfn code-linux.sh "$PKG/lib/vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$PKG/lib/vscode/bin/helpers/browser.sh"

node "$PKG/out/node/entry.js" --version >/dev/null
touch "$STAMP"
echo "$PKG/out/node/entry.js"
