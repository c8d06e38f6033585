-- Run by neovim.test.ts inside Neovim (headless), in the buffer of the Pod the test opened with
-- the README's configuration: waits for the server's diagnostics, asks for completion and hover
-- where the test says (0-based LINE:CHARACTER in COMPLETE_AT and HOVER_AT), and writes what
-- Neovim's own LSP client got to the JSON file OUT.
local buf = vim.api.nvim_get_current_buf()
local out = { filetype = vim.bo[buf].filetype, clients = {} }
out.published = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
for _, client in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(out.clients, client.name) end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
end

local function at(where)
  local line, character = where:match('^(%d+):(%d+)$')
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = tonumber(line), character = tonumber(character) } }
end
local function ask(method, params)
  for _, answer in pairs(vim.lsp.buf_request_sync(buf, method, params, 10000) or {}) do
    if answer.result then return answer.result end
  end
end

local completion = ask('textDocument/completion', at(vim.env.COMPLETE_AT))
out.completion = {}
for _, item in ipairs(completion and (completion.items or completion) or {}) do table.insert(out.completion, item.label) end
local hover = ask('textDocument/hover', at(vim.env.HOVER_AT))
out.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.OUT)
vim.cmd('qall!')
