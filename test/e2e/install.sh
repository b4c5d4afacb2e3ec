#!/usr/bin/env bash
# Installs what the editor tests need: a real VS Code workbench (npm code-server), playwright-core,
# Debian Chromium, a CJK font and Neovim (test/nvim), on a machine that reaches only the npm
# registry and Debian apt. Idempotent-ish; prints timings.
# Env: VSCODE_E2E_HOME (/tmp/vscode-e2e)  CS_VERSION (4.100.3: last with engines node 20)
#      PW_VERSION (1.65.1)  SKIP_APT=1  COLD_NPM_CACHE=1 (use an empty npm cache, to time a CI-like install)
set -euo pipefail
H=${VSCODE_E2E_HOME:-/tmp/vscode-e2e}; CS_VERSION=${CS_VERSION:-4.100.3}; PW_VERSION=${PW_VERSION:-1.65.1}
mkdir -p "$H/logs"; T_ALL=$(date +%s)
step() { echo "[install] $(( $(date +%s) - T_ALL ))s: $*"; }

if [ -z "${SKIP_APT:-}" ]; then
  step "apt: chromium (browser), libkrb5-dev+pkg-config (kerberos native module), ripgrep (replaces a GitHub download), CJK font (screenshots), neovim (second LSP client)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev pkg-config ripgrep fonts-wqy-microhei neovim >"$H/logs/apt.log" 2>&1
fi
if [ -n "${COLD_NPM_CACHE:-}" ]; then export npm_config_cache=$(mktemp -d); step "cold npm cache $npm_config_cache"; fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable). It first looks in
# $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-x86_64-unknown-linux-musl.tar.gz: seed it with Debian's rg.
step "seeding ripgrep cache"
tmp=$(mktemp -d)
(cd "$tmp" && npm pack -q "code-server@$CS_VERSION" >/dev/null && tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json)
RG_PKG=$(node -p 'require(process.argv[1]).packages["node_modules/@vscode/ripgrep"].version' "$tmp/package/lib/vscode/npm-shrinkwrap.json")
(cd "$tmp" && npm pack -q "@vscode/ripgrep@$RG_PKG" >/dev/null && tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js)
RG_TAG=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$tmp/package/lib/postinstall.js")
RG_CACHE=${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG; mkdir -p "$RG_CACHE"
cp "$(command -v rg)" "$tmp/rg"; tar czf "$RG_CACHE/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
rm -rf "$tmp"; step "ripgrep cache: $RG_CACHE ($RG_TAG)"

step "npm install code-server@$CS_VERSION (builds native modules with node-gyp)"
mkdir -p "$H/cs"; cd "$H/cs"; [ -f package.json ] || echo '{"name":"cs-holder","private":true}' >package.json
# unsafe_perm: code-server's postinstall refuses root without it; yes: ~/.npmrc has yes=false and
# node-pty's postinstall runs `npx node-gyp`, which would otherwise be cancelled.
npm_config_unsafe_perm=true npm_config_yes=true npm install --foreground-scripts "code-server@$CS_VERSION" >"$H/logs/npm-code-server.log" 2>&1 \
  || { tail -40 "$H/logs/npm-code-server.log"; exit 1; }
step "code-server: $(XDG_DATA_HOME=$H/xdg XDG_CONFIG_HOME=$H/xdg "$H/cs/node_modules/.bin/code-server" --config /dev/null --version | tail -1)"

mkdir -p "$H/pw"; cd "$H/pw"; [ -f package.json ] || echo '{"name":"pw-holder","private":true}' >package.json
npm install -q "playwright-core@$PW_VERSION" >"$H/logs/npm-pw.log" 2>&1
step "playwright-core $PW_VERSION; chromium: $(/usr/bin/chromium --version 2>/dev/null)"
step "done in $(( $(date +%s) - T_ALL ))s"
