// Runs a TypeScript file of this repository in a plain Node process, outside jest:
//   node test/support/run-ts.js <file.ts> [args...]
// `.ts` files are compiled on require with @swc/core (the options jest uses), and the
// `@pat/*` path aliases resolve to `libs/*/src`, so child processes run the real adapters.
'use strict';

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const swcOptions = require('../../swc.options');

const root = path.resolve(__dirname, '..', '..');
const aliases = [
  ['@pat/domain', 'libs/domain/src'],
  ['@pat/stores', 'libs/stores/src'],
  ['@pat/config', 'libs/config/src'],
  ['@pat/nest-guard', 'libs/nest-guard/src'],
];

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias || request.startsWith(`${alias}/`)) {
      return resolveFilename.call(this, path.join(root, target, request.slice(alias.length)), ...rest);
    }
  }
  return resolveFilename.call(this, request, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    ...swcOptions,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node test/support/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
