-- Neovim's built-in LSP client against `aftale server` (run by .ci/neovim-lsp):
--   nvim --headless --clean -c "luafile tests/nvim/lsp.lua" -- BINARY FILE
-- FILE is an agreement with the municipality Tårnby misspelt "Tårnbi". The script asserts the
-- diagnostic, the hover, the code action and its effect on the buffer, completion, and that
-- the server survives junk; it exits 0 when all hold and 1 with the reason otherwise.
-- Written for Neovim 0.7 (Debian bookworm's), whose LSP API it uses: start_client,
-- buf_attach_client, request_sync.

local binary, file = _G.arg and _G.arg[1], _G.arg and _G.arg[2]
binary = binary or os.getenv("AFTALE_BIN")
file = file or os.getenv("AFTALE_FILE")

local function say(text) io.stdout:write(text .. "\n") end
local function fail(text)
  say("FEJL: " .. text)
  vim.cmd("cquit 1")
end
local function check(ok, text) if not ok then fail(text) end end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "aftale",
  cmd = { binary, "server" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
check(client_id, "the server did not start")
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

-- Diagnostics: SA002 on the line with "Tårnbi", as an error.
local line = vim.fn.search("Tårnbi") - 1
local function sa002()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "SA002" and d.lnum == line then return d end
  end
end
vim.wait(20000, function() return sa002() ~= nil end, 50)
local d = sa002()
check(d, "no SA002 diagnostic on line " .. line)
check(d.severity == vim.diagnostic.severity.ERROR, "SA002 is not an error")
check(d.message:find("mente du «Tårnby»", 1, true), "the message does not suggest Tårnby: " .. d.message)
say("diagnostic: " .. d.code .. " on line " .. (line + 1))

local position = { line = line, character = 6 }
local doc = { uri = vim.uri_from_bufnr(buf) }

-- Hover: the rule's explanation.
local hover = client.request_sync("textDocument/hover", { textDocument = doc, position = position }, 10000, buf)
check(hover and hover.result, "no hover")
local shown = hover.result.contents.value
check(shown:find("SA002 Alle regionens kommuner og kun dem er parter", 1, true), "hover: " .. shown)
say("hover: SA002 explained")

-- Code action: "Ret til «Tårnby»", applied to the buffer.
local actions = client.request_sync("textDocument/codeAction", {
  textDocument = doc,
  range = { start = position, ["end"] = position },
  context = { diagnostics = {} },
}, 10000, buf)
check(actions and actions.result and actions.result[1], "no code action")
local action = actions.result[1]
check(action.title == "Ret til «Tårnby»", "code action: " .. action.title)
vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
local fixed = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
check(fixed:find("Tårnby:", 1, true), "the edit did not fix the line: " .. fixed)
say("code action: " .. vim.trim(fixed))
vim.wait(20000, function() return sa002() == nil end, 50)
check(sa002() == nil, "SA002 is still reported after the fix")
say("diagnostic gone after the fix")

-- Completion under `kommuner`: the region's municipalities.
local completion = client.request_sync("textDocument/completion",
  { textDocument = doc, position = { line = line, character = 4 } }, 10000, buf)
local labels = {}
for _, item in ipairs(completion.result or {}) do labels[item.label] = true end
check(labels["Tårnby"] and labels["Albertslund"], "completion lacks the municipalities")
say("completion: municipalities offered")

-- Junk: the buffer replaced by bytes that are no YAML; the server keeps answering.
vim.api.nvim_buf_set_lines(buf, 0, -1, false, { "\1\2 ::: [[[", string.rep("æ", 100000), "- - - }" })
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
check(not client.is_stopped(), "the server stopped on junk")
local again = client.request_sync("textDocument/hover", { textDocument = doc, position = { line = 0, character = 0 } }, 10000, buf)
check(again ~= nil and again.err == nil, "no answer after junk")
say("junk: the server survives")

vim.lsp.stop_client(client_id)
say("OK")
vim.cmd("qall!")
