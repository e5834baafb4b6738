// The import boundaries `pnpm lint` keeps (eslint.config.mjs): each is shown to fail on a
// violation and to pass on the allowed form, through ESLint's own API on the repository's config.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports');
}

const cases = [
  {
    what: 'a migration importing a module',
    file: 'server/src/database/migrations/1999999999999-Example.ts',
    bad: "import { refDigest } from '../../modules/scoring/input-ref';\nexport const x = refDigest;\n",
    good: "import type { MigrationInterface } from 'typeorm';\nexport type X = MigrationInterface;\n",
  },
  {
    what: 'a migration importing a package',
    file: 'server/src/database/migrations/1999999999999-Example.ts',
    bad: "import { TEMPLATES } from '@gongkai/report-model';\nexport const x = TEMPLATES;\n",
    good: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
  },
  {
    what: 'a package importing the server',
    file: 'packages/scoring/src/example.ts',
    bad: "import { x } from '../../../server/src/common/actor';\nexport const y = x;\n",
    good: "import { TEMPLATES } from '@gongkai/report-model';\nexport const y = TEMPLATES;\n",
  },
  {
    what: 'the web importing the server',
    file: 'web/src/modules/example/example.ts',
    bad: "import { x } from '../../../../server/src/common/actor';\nexport const y = x;\n",
    good: "import type { RankingEntry } from '../../generated/graphql';\nexport type Y = RankingEntry;\n",
  },
];

for (const { what, file, bad, good } of cases) {
  test(`lint refuses ${what}`, async () => {
    const refused = await restrictedImports(file, bad);
    assert.equal(refused.length, 1, `expected one refusal, got ${JSON.stringify(refused)}`);
    assert.deepEqual(await restrictedImports(file, good), []);
  });
}
