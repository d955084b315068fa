#!/usr/bin/env bash
# Tests the TextMate grammar on the sample files under test/ and packages the extension as
# poolform.vsix with @vscode/vsce. Needs npm (Node.js 20+); the Java build never calls it.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npm test
npm run --silent package
echo "editors/vscode: grammar tests passed, packaged $(pwd)/poolform.vsix"
