// The VS Code side of Poolform: starts `pool lsp` and hands it the .pool files. Everything the
// editor shows (diagnostics, hover, completion, ...) comes from the server; highlighting comes from
// syntaxes/pool.tmLanguage.json.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration('poolform');
  const server = {
    command: config.get('server.command', 'pool'),
    args: config.get('server.args', ['lsp']),
  };
  client = new LanguageClient(
    'poolform',
    'Poolform',
    { run: server, debug: server },
    { documentSelector: [{ scheme: 'file', language: 'pool' }] },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
