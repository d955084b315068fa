-- Drives `pool lsp` from Neovim's built-in LSP client (Neovim 0.7 API), headless.
-- Read by NeovimLspIT, which sets these globals through `--cmd "lua ..."`:
--   poolform_cmd (list): the server command; poolform_files (list): files to open;
--   poolform_out: where to write the results as JSON; poolform_requests (list of
--   {file, line, character, method}): requests to send once diagnostics have arrived.
local results = { diagnostics = {}, shown = {}, responses = {}, errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, poolform_out)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local published = {}
  local id = vim.lsp.start_client({
    name = 'poolform',
    cmd = poolform_cmd,
    root_dir = vim.fn.getcwd(),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        published[result.uri] = result
        vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  if not id then error('the client did not start') end
  local buffers = {}
  for _, file in ipairs(poolform_files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'pool'
    vim.lsp.buf_attach_client(buf, id)
    buffers[file] = buf
  end
  for file, buf in pairs(buffers) do
    local uri = vim.uri_from_bufnr(buf)
    if not vim.wait(60000, function() return published[uri] ~= nil end, 50) then
      error('no diagnostics for ' .. file)
    end
    results.diagnostics[file] = published[uri].diagnostics
    results.shown[file] = #vim.diagnostic.get(buf)
  end
  local client = vim.lsp.get_client_by_id(id)
  for i, r in ipairs(poolform_requests) do
    local buf = buffers[r.file]
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = r.line, character = r.character },
    }
    local response = client.request_sync(r.method, params, 30000, buf)
    if not response then error('no answer to ' .. r.method) end
    if response.err then
      results.errors[tostring(i)] = response.err.message
    else
      results.responses[tostring(i)] = response.result
    end
  end
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
end)
if not ok then results.failure = tostring(err) end
finish()
