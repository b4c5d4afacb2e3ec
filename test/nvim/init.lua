-- The Neovim 0.7 setup shown in docs/editors.md; test/nvim/run.sh starts Neovim with it as is.
vim.cmd('autocmd BufRead,BufNewFile *.news setfiletype newsdraft')
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown', 'newsdraft' },
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'newsproof',
      cmd = { 'newsproof-lsp', '--stdio' },
      root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
