#!/usr/bin/env bash
# newsproof-lsp under a second real client: headless Neovim 0.7's built-in LSP client
# (apt-get install neovim). Neovim opens test/nvim/draft.txt, starts
# `node bin/newsproof-lsp.js --stdio`, collects the pushed diagnostics, asks for code actions,
# applies the first quick fix with its own apply_workspace_edit, and writes a JSON report
# (harness.lua); check.cjs then asserts on it: UTF-16 positions on a line with 𠮷, the edit
# landing on the right characters, re-lint after the fix, clean shutdown.
#   test/nvim/run.sh [OUT.json]      (needs a build: npm run build)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-${TMPDIR:-/tmp}/newsproof-nvim.json}
command -v nvim >/dev/null || { echo "nvim not found (apt-get install neovim)" >&2; exit 2; }
[ -f "$ROOT/dist/server.js" ] || { echo "no dist/server.js: run npm run build" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsproof-nvim.XXXXXX")
PIDF=$WORK/server.pid
cleanup() {
	# Stop the server only if Neovim left it running (the PID Neovim spawned, nothing else).
	if [ -s "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; then kill -TERM "$(cat "$PIDF")" 2>/dev/null || true; fi
	if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
# The draft is edited by the quick fix: work on a copy, in a folder without config files.
cp "$HERE/draft.txt" "$WORK/draft.txt"

# Isolated Neovim: no user config, plugins, shada or swap; lsp.log stays in $WORK.
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache XDG_STATE_HOME=$WORK/state
export LSP_HARNESS_CMD="node $ROOT/bin/newsproof-lsp.js --stdio" LSP_HARNESS_OUT=$WORK/out.json
# Settle: the word dictionary loads after the first diagnostics and adds the word-level findings.
export LSP_HARNESS_SETTLE_MS=${LSP_HARNESS_SETTLE_MS:-3000}
export LSP_HARNESS_PID_FILE=$PIDF LSP_HARNESS_CWD=$WORK LSP_HARNESS_RELINT_RUNS=${LSP_HARNESS_RELINT_RUNS:-3}
export LSP_HARNESS_INSERT=${LSP_HARNESS_INSERT:-'新增一行：全区 6个。'}
T0=$(date +%s%3N)
set +e
(cd "$WORK" && timeout --kill-after=5 120 nvim --headless -u NONE -i NONE -n --noplugin \
	--cmd 'set encoding=utf-8 fileencodings=utf-8' -c "luafile $HERE/harness.lua" -- "$WORK/draft.txt" </dev/null >"$WORK/nvim.out" 2>&1)
rc=$?
set -e
if [ ! -s "$WORK/out.json" ]; then
	echo "Neovim exited ($rc) without a report:" >&2
	tail -n 40 "$WORK/nvim.out" "$WORK/cache/nvim/lsp.log" >&2 2>/dev/null || true
	exit 1
fi
node "$HERE/pretty.js" "$WORK/out.json" >"$OUT"
echo "[nvim] run took $(( $(date +%s%3N) - T0 ))ms; report in $OUT"
node "$HERE/check.cjs" "$OUT"

# The setup documented in docs/editors.md, as a user would have it: init.lua, the server on PATH.
mkdir -p "$WORK/bin" "$WORK/user"
printf '#!/bin/sh\nexec node "%s/bin/newsproof-lsp.js" "$@"\n' "$ROOT" >"$WORK/bin/newsproof-lsp"
chmod +x "$WORK/bin/newsproof-lsp"
printf '全区 6个办事处。\n' >"$WORK/user/a.txt"
got=$(cd "$WORK/user" && PATH="$WORK/bin:$PATH" timeout 60 nvim --headless -u "$HERE/init.lua" -i NONE -n a.txt \
	-c 'lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end)' \
	-c 'lua local d = vim.diagnostic.get(0)[1] or {}; io.stdout:write(("%s %s %s\n"):format(d.code or d.user_data and d.user_data.lsp and d.user_data.lsp.code or "-", d.lnum or -1, d.col or -1))' \
	-c 'qa!' 2>&1 </dev/null | tail -n 1)
# col is Neovim's byte column: 全区 is six bytes.
if [ "$got" = "SPC-001 0 6" ]; then echo "ok   documented init.lua: diagnostics in a plain Neovim session"; else echo "FAIL documented init.lua: got '$got'"; exit 1; fi
