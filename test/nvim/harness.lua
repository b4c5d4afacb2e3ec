-- Headless Neovim LSP harness for newsproof-lsp, driven by test/nvim/run.sh through LSP_HARNESS_* env vars.
-- Written against Neovim 0.7.2 (Debian bookworm); newer-version branches are marked.
local uv = vim.loop
local util = vim.lsp.util

local function env(k, d)
  local v = os.getenv(k)
  if v == nil or v == '' then return d end
  return v
end

local CMD = assert(env('LSP_HARNESS_CMD'), 'LSP_HARNESS_CMD not set')
local OUT = assert(env('LSP_HARNESS_OUT'), 'LSP_HARNESS_OUT not set')
local CWD = env('LSP_HARNESS_CWD', vim.fn.getcwd())
local ROOT = env('LSP_HARNESS_ROOT', nil)
local PID_FILE = env('LSP_HARNESS_PID_FILE', nil)
local DIAG_TIMEOUT = tonumber(env('LSP_HARNESS_TIMEOUT_MS', '15000'))
local REQ_TIMEOUT = tonumber(env('LSP_HARNESS_REQUEST_TIMEOUT_MS', '5000'))
local SETTLE = tonumber(env('LSP_HARNESS_SETTLE_MS', '300'))
local EMPTY_GRACE = tonumber(env('LSP_HARNESS_EMPTY_GRACE_MS', '1500'))
local RELINT_RUNS = tonumber(env('LSP_HARNESS_RELINT_RUNS', '5'))
local INSERT_TEXT = env('LSP_HARNESS_INSERT', '新增一行：这里又有错字。')
local PULL = env('LSP_HARNESS_PULL', 'auto') -- auto | on | off
local OFFSET_ENC = env('LSP_HARNESS_OFFSET_ENCODING', nil) -- force utf-8/utf-16/utf-32
local DEBOUNCE = tonumber(env('LSP_HARNESS_DEBOUNCE_MS', '0'))
local MAX_ACTIONS = tonumber(env('LSP_HARNESS_MAX_CODEACTION_REQUESTS', '50'))

local t0 = uv.hrtime()
local function now() return uv.hrtime() end
local function ms(a, b) return math.floor(((b or now()) - a) / 1e4 + 0.5) / 100 end -- ms, 2 decimals

local bufnr = vim.api.nvim_get_current_buf()
local fname = vim.api.nvim_buf_get_name(bufnr)
local uri = vim.uri_from_bufnr(bufnr)
local has_native_pull = vim.lsp.diagnostic.on_diagnostic ~= nil -- Neovim >= 0.10 only

local report = {
  ok = false,
  harness = {
    nvimVersion = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
    serverCmd = CMD, file = fname, uri = uri,
    fileformat = vim.bo[bufnr].fileformat, fileencoding = vim.bo[bufnr].fileencoding, eol = vim.bo[bufnr].eol,
    settings = {
      diagTimeoutMs = DIAG_TIMEOUT, requestTimeoutMs = REQ_TIMEOUT, settleMs = SETTLE,
      emptyGraceMs = EMPTY_GRACE, relintRuns = RELINT_RUNS, maxCodeActionRequests = MAX_ACTIONS, insertText = INSERT_TEXT, pull = PULL,
      debounceTextChangesMs = DEBOUNCE, forcedOffsetEncoding = OFFSET_ENC or vim.NIL,
    },
  },
  timings = {},
  serverMessages = {},
  notes = {},
}
local function note(s) table.insert(report.notes, s) end

---------------------------------------------------------------- helpers
local function same_doc(u)
  return u ~= nil and vim.uri_to_fname(u) == vim.uri_to_fname(uri)
end

local function buf_text()
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local nl = ({ dos = '\r\n', mac = '\r' })[vim.bo[bufnr].fileformat] or '\n'
  local s = table.concat(lines, nl)
  if vim.bo[bufnr].eol then s = s .. nl end
  return s
end

local client -- set after start

local function enc()
  return (client and client.offset_encoding) or 'utf-16'
end

-- LSP (line, character) -> byte column in `lines`, exactly like Neovim 0.7's
-- diagnostic / text-edit conversion (vim.str_byteindex, falls back to raw col on error).
local function to_byte(lines, line, character)
  local l = lines[line + 1]
  if l == nil then return character, false end
  if enc() == 'utf-8' then
    local nb = l:byte(character + 1)
    return character, character <= #l and not (nb and nb >= 0x80 and nb < 0xC0)
  end
  local ok, b = pcall(vim.str_byteindex, l, character, enc() == 'utf-16')
  if ok then return b, true end
  return character, false
end

local function utf16_len(s)
  local _, u16 = vim.str_utfindex(s)
  return u16
end

-- text covered by an LSP range, interpreted as Neovim interprets it
local function covered_text(lines, range)
  local sl, sc, el, ec = range.start.line, range.start.character, range['end'].line, range['end'].character
  local sb, ok1 = to_byte(lines, sl, sc)
  local eb, ok2 = to_byte(lines, el, ec)
  local parts = {}
  for l = sl, el do
    local s = lines[l + 1] or ''
    local a = (l == sl) and sb or 0
    local b = (l == el) and eb or #s
    table.insert(parts, s:sub(a + 1, b))
  end
  return table.concat(parts, '\n'), (ok1 and ok2), sb, eb
end

-- what the range would cover if the server had counted in another unit
-- (helps spot servers that count UTF-8 bytes or code points instead of UTF-16)
local function covered_if(lines, r, e)
  local saved = client.offset_encoding
  client.offset_encoding = e
  local ok, t = pcall(covered_text, lines, r)
  client.offset_encoding = saved
  return ok and t or vim.NIL
end

local function flat_diag(d, lines)
  local r = d.range
  local text, valid, sb, eb = covered_text(lines, r)
  local alt = {}
  for _, e in ipairs({ 'utf-8', 'utf-16', 'utf-32' }) do
    if e ~= enc() then alt[e] = covered_if(lines, r, e) end
  end
  return {
    coveredTextIfServerCounted = alt,
    line = r.start.line, character = r.start.character,
    endLine = r['end'].line, endCharacter = r['end'].character,
    severity = d.severity or vim.NIL, code = d.code or vim.NIL, source = d.source or vim.NIL,
    message = d.message,
    -- what Neovim makes of the range (offsets converted with the negotiated encoding)
    nvimByteCol = sb, nvimEndByteCol = eb,
    coveredText = text,
    positionValid = valid, -- false: character past end of line / inside a surrogate pair
    lineUtf16Length = utf16_len((lines[r.start.line + 1]) or ''),
  }
end

local function wait_for(timeout, pred)
  return vim.wait(timeout, pred, 2)
end

local function request(method, params)
  local done, res_err, res = false, nil, nil
  local t = now()
  local ok = client.request(method, params, function(err, result)
    res_err, res, done = err, result, true
  end, bufnr)
  if not ok then return nil, { message = 'client.request returned false (client stopped?)' }, 0 end
  wait_for(REQ_TIMEOUT, function() return done end)
  if not done then return nil, { message = 'timeout after ' .. REQ_TIMEOUT .. 'ms' }, ms(t) end
  return res, res_err, ms(t)
end

---------------------------------------------------------------- diagnostics capture
local publishes = {} -- { t=hrtime, version=?, diagnostics=raw, via='push'|'pull' }
local ns_ready = false

local function record_diags(diags, version, via)
  table.insert(publishes, { t = now(), version = version, diagnostics = vim.deepcopy(diags or {}), via = via })
end

local handlers = {}
handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and same_doc(result.uri) then
    record_diags(result.diagnostics, result.version, 'push')
  end
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
end
if has_native_pull then -- Neovim >= 0.10 (untested here): record native pull results
  handlers['textDocument/diagnostic'] = function(err, result, ctx, config)
    if result and result.kind == 'full' then record_diags(result.items, nil, 'pull-native') end
    return vim.lsp.handlers['textDocument/diagnostic'](err, result, ctx, config)
  end
end
local function server_msg(kind)
  return function(_, result)
    if #report.serverMessages < 100 and result then
      table.insert(report.serverMessages, { kind = kind, type = result.type, message = result.message })
    end
    return vim.NIL
  end
end
handlers['window/logMessage'] = server_msg('log')
handlers['window/showMessage'] = server_msg('show')
local refresh_requested = 0
handlers['workspace/diagnostic/refresh'] = function()
  refresh_requested = refresh_requested + 1
  return vim.NIL
end
local applied_edits = {}
handlers['workspace/applyEdit'] = function(err, params, ctx, config)
  local r = vim.lsp.handlers['workspace/applyEdit'](err, params, ctx, config)
  table.insert(applied_edits, { params = vim.deepcopy(params), result = r, t = now() })
  return r
end

local use_pull = false -- harness-emulated pull (Neovim < 0.10 never sends textDocument/diagnostic)

local function pull(label)
  local t = now()
  local version = util.buf_versions[bufnr]
  local res, err, dur = request('textDocument/diagnostic', { textDocument = { uri = uri } })
  if err or not res then
    note(('pull %s failed: %s'):format(label, vim.inspect(err)))
    return false
  end
  local items
  if res.kind == 'full' then
    items = res.items or {}
  else -- 'unchanged': reuse last
    items = (publishes[#publishes] or { diagnostics = {} }).diagnostics
  end
  record_diags(items, version, 'pull-emulated')
  -- feed Neovim's own diagnostic store, as a push would, so conversions match
  vim.lsp.diagnostic.on_publish_diagnostics(nil, { uri = uri, diagnostics = items },
    { client_id = client.id, method = 'textDocument/publishDiagnostics', bufnr = bufnr }, {})
  return true, dur, t
end

-- wait for the first diagnostics after `since`; returns index into publishes or nil
local function wait_publish_after(since, min_version, timeout)
  local idx
  wait_for(timeout, function()
    for i = #publishes, 1, -1 do
      local p = publishes[i]
      if p.t < since then break end
      if min_version == nil or p.version == nil or p.version >= min_version then idx = i; return true end
    end
    return false
  end)
  return idx
end

local function settle()
  -- wait until no new diagnostics for SETTLE ms (bounded)
  local deadline = now() + DIAG_TIMEOUT * 1e6
  while now() < deadline do
    local n = #publishes
    wait_for(SETTLE, function() return #publishes ~= n end)
    if #publishes == n then return end
  end
end

---------------------------------------------------------------- main
local function main()
  local exited, exit_code, exit_signal = false, nil, nil
  local t_init
  local init_result
  local cfg = {
    name = 'harness',
    cmd = { 'sh', '-c', 'exec ' .. CMD },
    cmd_cwd = CWD,
    root_dir = ROOT or vim.fn.fnamemodify(fname, ':p:h'),
    handlers = handlers,
    flags = { debounce_text_changes = DEBOUNCE },
    offset_encoding = OFFSET_ENC,
    before_init = function(params)
      if PULL == 'on' then
        params.capabilities.textDocument.diagnostic = { dynamicRegistration = false, relatedDocumentSupport = false }
      end
      report.clientCapabilities = vim.deepcopy(params.capabilities)
      report.clientInfo = params.clientInfo
    end,
    on_init = function(c, result)
      t_init = now()
      init_result = result
    end,
    on_exit = function(code, signal)
      exited, exit_code, exit_signal = true, code, signal
    end,
  }
  local t_start = now()
  local client_id = vim.lsp.start_client(cfg)
  if not client_id then error('vim.lsp.start_client failed for: ' .. CMD) end
  client = vim.lsp.get_client_by_id(client_id)
  if PID_FILE and client.rpc and client.rpc.pid then
    local f = io.open(PID_FILE, 'w'); f:write(tostring(client.rpc.pid)); f:close()
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  if not wait_for(DIAG_TIMEOUT, function() return t_init ~= nil or exited end) or not t_init then
    if exited then
      error(('server exited (code=%s signal=%s) before answering initialize'):format(tostring(exit_code), tostring(exit_signal)))
    end
    error(('server did not answer initialize within %dms'):format(DIAG_TIMEOUT))
  end
  report.timings.initializeMs = ms(t_start, t_init)
  local caps = init_result.capabilities
  report.initializeResult = { capabilities = caps, serverInfo = init_result.serverInfo or vim.NIL }
  report.positionEncoding = {
    clientOffered = (report.clientCapabilities.general or {}).positionEncodings or vim.NIL,
    serverChose = caps.positionEncoding or vim.NIL,
    -- clangd-style extension; Neovim 0.7 ignores it unless offset_encoding is configured
    serverOffsetEncodingExt = init_result.offsetEncoding or vim.NIL,
    nvimUses = client.offset_encoding,
  }
  if caps.positionEncoding and caps.positionEncoding ~= client.offset_encoding then
    note(('server chose positionEncoding=%s but Neovim uses %s'):format(caps.positionEncoding, client.offset_encoding))
  end

  -- diagnostics mode
  if caps.diagnosticProvider and PULL ~= 'off' then
    if has_native_pull then
      report.diagnosticsMode = 'pull (native Neovim)'
    else
      use_pull = true
      report.diagnosticsMode = 'pull (emulated by harness: this Neovim never sends textDocument/diagnostic)'
    end
  else
    report.diagnosticsMode = 'push (textDocument/publishDiagnostics)'
  end

  ---------------- first diagnostics
  local first_idx
  if use_pull then
    -- didOpen was sent right after initialize; request until non-empty or grace over
    local deadline = now() + EMPTY_GRACE * 1e6
    repeat
      pull('initial')
      if not first_idx and #publishes > 0 then first_idx = 1 end
      if #publishes > 0 and #publishes[#publishes].diagnostics > 0 then break end
      wait_for(100, function() return false end)
    until now() > deadline
  else
    first_idx = wait_publish_after(t_start, nil, DIAG_TIMEOUT)
    if first_idx and #publishes[first_idx].diagnostics == 0 then
      -- first publish empty (e.g. server clears first): give it a grace period
      wait_for(EMPTY_GRACE, function() return #publishes[#publishes].diagnostics > 0 end)
    end
    settle()
  end
  if not first_idx then
    error(('no diagnostics within %dms'):format(DIAG_TIMEOUT))
  end
  report.timings.startToFirstDiagnosticsMs = ms(t_start, publishes[first_idx].t)
  report.timings.initializedToFirstDiagnosticsMs = ms(t_init, publishes[first_idx].t)
  for i, p in ipairs(publishes) do
    if #p.diagnostics > 0 then
      report.timings.startToFirstNonEmptyDiagnosticsMs = ms(t_start, p.t); break
    end
  end
  report.diagnosticPublishesBeforeFix = #publishes

  local final = publishes[#publishes].diagnostics
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  report.diagnostics = {}
  for _, d in ipairs(final) do table.insert(report.diagnostics, flat_diag(d, lines)) end
  -- Neovim's own view (vim.diagnostic store, 0-based byte columns)
  local ns = vim.lsp.diagnostic.get_namespace(client_id)
  report.nvimDiagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = ns })) do
    table.insert(report.nvimDiagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message })
  end

  ---------------- code actions per diagnostic
  report.codeActions = {}
  local chosen, chosen_rule
  local resolve = type(caps.codeActionProvider) == 'table' and caps.codeActionProvider.resolveProvider
  for i, d in ipairs(final) do
    if i > MAX_ACTIONS then
      note(('codeAction requested for the first %d of %d diagnostics only'):format(MAX_ACTIONS, #final))
      break
    end
    local params = { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }
    local res, err, dur = request('textDocument/codeAction', params)
    local entry = { diagnosticIndex = i - 1, latencyMs = dur, actions = {} }
    if err then entry.error = err end
    for _, a in ipairs(res or {}) do
      local is_cmd = type(a.command) == 'string' -- bare Command
      local kind = (not is_cmd) and a.kind or nil
      table.insert(entry.actions, {
        title = a.title, kind = kind or vim.NIL, isPreferred = a.isPreferred or false,
        disabled = a.disabled and a.disabled.reason or vim.NIL,
        hasEdit = a.edit ~= nil, edit = a.edit or vim.NIL,
        command = is_cmd and { command = a.command, arguments = a.arguments }
          or (a.command and { command = a.command.command, arguments = a.command.arguments }) or vim.NIL,
      })
      if not chosen and not a.disabled and kind and (kind == 'quickfix' or kind:sub(1, 9) == 'quickfix.') then
        chosen, chosen_rule = a, 'first action with kind quickfix*'
      end
    end
    table.insert(report.codeActions, entry)
  end
  if not chosen then
    for _, ca in ipairs(report.codeActions) do
      if #ca.actions > 0 then
        note('no action of kind quickfix; falling back to the first action returned')
        break
      end
    end
  end
  if not chosen then
    for i, d in ipairs(final) do
      local res = request('textDocument/codeAction',
        { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } })
      if res and res[1] then chosen, chosen_rule = res[1], 'first action (no quickfix kind)'; break end
    end
  end

  ---------------- apply first quickfix
  if chosen then
    local before = buf_text()
    local before_lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local fix = { title = chosen.title, rule = chosen_rule, via = {} }
    if resolve and not chosen.edit and type(chosen.command) ~= 'string' then
      local r = request('codeAction/resolve', chosen)
      if r then chosen = r; table.insert(fix.via, 'codeAction/resolve') end
    end
    local t_fix = now()
    local edits_for_doc = {}
    local function collect(edit)
      for u, tes in pairs(edit.changes or {}) do
        if same_doc(u) then vim.list_extend(edits_for_doc, tes) end
      end
      for _, dc in ipairs(edit.documentChanges or {}) do
        if dc.textDocument and same_doc(dc.textDocument.uri) then vim.list_extend(edits_for_doc, dc.edits or {}) end
      end
    end
    if chosen.edit then
      collect(chosen.edit)
      util.apply_workspace_edit(chosen.edit, client.offset_encoding)
      table.insert(fix.via, 'edit')
    end
    local cmd = type(chosen.command) == 'string' and chosen or chosen.command
    if cmd then
      local n_before = #applied_edits
      local _, err = request('workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments })
      if err then fix.commandError = err end
      -- the server normally sends workspace/applyEdit before answering; allow late ones
      wait_for(REQ_TIMEOUT, function() return #applied_edits > n_before end)
      for k = n_before + 1, #applied_edits do
        collect(applied_edits[k].params.edit)
        fix.applyEditResult = applied_edits[k].result
      end
      table.insert(fix.via, 'command:' .. tostring(cmd.command))
    end
    fix.applyMs = ms(t_fix)
    local after = buf_text()
    report.textAfterFirstFix = after
    -- how Neovim interpreted each TextEdit against the pre-fix text
    fix.edits = {}
    for _, te in ipairs(edits_for_doc) do
      local replaced, valid = covered_text(before_lines, te.range)
      table.insert(fix.edits, { range = te.range, newText = te.newText, replacedText = replaced, positionValid = valid })
    end
    -- minimal textual diff (before -> after), snapped to UTF-8 character boundaries
    local p = 0
    while p < #before and p < #after and before:byte(p + 1) == after:byte(p + 1) do p = p + 1 end
    while p > 0 and (before:byte(p + 1) or 0) >= 0x80 and (before:byte(p + 1) or 0) < 0xC0 do p = p - 1 end
    local s = 0
    while s < #before - p and s < #after - p and before:byte(#before - s) == after:byte(#after - s) do s = s + 1 end
    while s > 0 and (before:byte(#before - s + 1) or 0) >= 0x80 and (before:byte(#before - s + 1) or 0) < 0xC0 do s = s - 1 end
    local prefix = before:sub(1, p)
    local line_start = (prefix:match('.*\n()') or 1)
    local _, nl = prefix:gsub('\n', '')
    fix.minimalDiff = { -- byte-level common prefix/suffix removed, snapped to characters
      line = nl, byteCol = p - line_start + 1, character = utf16_len(prefix:sub(line_start)),
      removed = before:sub(p + 1, #before - s), inserted = after:sub(p + 1, #after - s),
    }
    -- check: the first edit's start == the diagnostic's start, and Neovim replaced the covered text
    local target = chosen.diagnostics and chosen.diagnostics[1] or final[1]
    if target and fix.edits[1] then
      local er = fix.edits[1].range
      fix.editStartsAtDiagnostic = er.start.line == target.range.start.line and er.start.character == target.range.start.character
    end
    report.firstFix = fix

    -- diagnostics after the fix (didChange -> re-lint)
    local v = util.buf_versions[bufnr]
    local idx
    if use_pull then
      local okp = pull('after-fix'); if okp then idx = #publishes end
    else
      idx = wait_publish_after(t_fix, v, DIAG_TIMEOUT)
    end
    if idx then
      report.timings.fixToDiagnosticsMs = ms(t_fix, publishes[idx].t)
      settle()
      local l2 = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
      report.diagnosticsAfterFix = {}
      for _, d in ipairs(publishes[#publishes].diagnostics) do table.insert(report.diagnosticsAfterFix, flat_diag(d, l2)) end
    else
      note('no diagnostics arrived after applying the fix')
    end
  else
    report.textAfterFirstFix = vim.NIL
    note('no code action to apply')
  end

  ---------------- re-lint latency: insert a line at the end, wait for new diagnostics
  local runs = {}
  for i = 1, RELINT_RUNS do
    settle()
    local t_edit = now()
    vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { INSERT_TEXT })
    local v = util.buf_versions[bufnr] -- didChange already sent (debounce 0) or scheduled
    local idx
    if use_pull then
      local okp = pull('relint'); if okp then idx = #publishes end
    else
      idx = wait_publish_after(t_edit, v, DIAG_TIMEOUT)
    end
    if idx then
      table.insert(runs, { ms = ms(t_edit, publishes[idx].t), diagnostics = #publishes[idx].diagnostics,
        version = publishes[idx].version or vim.NIL })
    else
      table.insert(runs, { ms = vim.NIL, timeout = true })
    end
  end
  local vals = {}
  for _, r in ipairs(runs) do if type(r.ms) == 'number' then table.insert(vals, r.ms) end end
  table.sort(vals)
  report.timings.relint = {
    method = use_pull and 'append line -> didChange -> textDocument/diagnostic response'
      or 'append line -> didChange -> next publishDiagnostics (version-matched when server sends version)',
    runs = runs,
    minMs = vals[1] or vim.NIL, medianMs = vals[math.floor((#vals + 1) / 2)] or vim.NIL, maxMs = vals[#vals] or vim.NIL,
  }
  if refresh_requested > 0 then report.workspaceDiagnosticRefreshRequests = refresh_requested end

  ---------------- shutdown
  local t_stop = now()
  client.stop()
  local graceful = wait_for(3000, function() return exited end)
  if not graceful then client.stop(true); wait_for(2000, function() return exited end) end
  report.shutdown = { graceful = graceful, exited = exited, exitCode = exit_code or vim.NIL,
    signal = exit_signal or vim.NIL, ms = ms(t_stop) }
  report.timings.totalMs = ms(t0)
  report.ok = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  report.error = tostring(err)
  if client and not client.is_stopped() then client.stop(true); vim.wait(1000, function() return client.is_stopped() end) end
end
-- server stderr: Neovim 0.7 logs each stderr chunk of the server to lsp.log at ERROR level
do
  local lf = io.open(vim.lsp.get_log_path(), 'r')
  if lf then
    local chunks = {}
    for l in lf:lines() do
      local c = l:match('"stderr"%s+(.*)$')
      if c then table.insert(chunks, c) end
    end
    lf:close()
    if #chunks > 0 then
      report.serverStderr = { unpack(chunks, math.max(1, #chunks - 19)) } -- last 20 chunks, Lua-quoted
    end
  end
end
local f = assert(io.open(OUT, 'w'))
f:write(vim.json.encode(report))
f:close()
vim.cmd(ok and 'qa!' or 'cquit 1')
