// Lets a worker thread started from the server's TypeScript sources (its tests) load them: each
// .ts file is compiled with swc as it is required (the options of jest.config.js), and the
// workspace packages resolve to their sources, as the tests' `gongkai-source` condition does.
const { readFileSync, existsSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const packages = join(__dirname, '..', '..', 'packages');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceSource(request, ...rest) {
  const workspace = /^@gongkai\/([a-z-]+)$/.exec(request);
  if (workspace) {
    const source = join(packages, workspace[1], 'src', 'index.ts');
    if (existsSync(source)) return source;
  }
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
