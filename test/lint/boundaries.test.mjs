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
  return result.messages.filter((message) =>
    ['no-restricted-imports', '@typescript-eslint/no-restricted-imports'].includes(message.ruleId),
  );
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
  {
    what: "a server module importing another module's entity file",
    file: 'server/src/modules/review/example.ts',
    bad: "import { RoundEntity } from '../rounds/round.entity';\nexport const x = RoundEntity;\n",
    good: "import { roundLookups, type RoundRow } from '../rounds';\nexport const x = roundLookups;\nexport type Y = RoundRow;\n",
  },
  {
    what: "a server module importing another module's service file",
    file: 'server/src/modules/scoring/example.ts',
    bad: "import { RoundsService } from '../rounds/rounds.service';\nexport const x = RoundsService;\n",
    good: "import { RoundsService } from '../rounds/index';\nimport { ScoringModule } from './scoring.module';\nexport const x = [RoundsService, ScoringModule];\n",
  },
  {
    what: "a worker thread importing another module's file past its thread.ts",
    file: 'server/src/modules/exports/example.worker.ts',
    bad: "import { plannedRankingRows } from '../scoring/ranking-rows.plan';\nexport const x = plannedRankingRows;\n",
    good: "import { plannedRankingRows } from '../scoring/thread';\nexport const x = plannedRankingRows;\n",
  },
  {
    what: 'a server module reaching another module by a longer path',
    file: 'server/src/modules/scoring/example.ts',
    bad: "import type { RoundEntity } from '../../modules/rounds/round.entity';\nexport type X = RoundEntity;\n",
    good: "import type { Actor } from '../../common/actor';\nexport type X = Actor;\n",
  },
  {
    what: "the CLI importing a module's file",
    file: 'server/src/cli/commands/example.ts',
    bad: "import { AuthService } from '../../modules/auth/auth.service';\nexport const x = AuthService;\n",
    good: "import { AuthService } from '../../modules/auth';\nexport const x = AuthService;\n",
  },
  {
    what: "a root file importing a module's file",
    file: 'server/src/example.ts',
    bad: "import { SESSION_COOKIE } from './modules/auth/session-token';\nexport const x = SESSION_COOKIE;\n",
    good: "import { SESSION_COOKIE } from './modules/auth';\nexport const x = SESSION_COOKIE;\n",
  },
  {
    what: "the demo importing a module's service file",
    file: 'server/src/demo/example.ts',
    bad: "import { RosterService } from '../modules/staffing/roster.service';\nexport const x = RosterService;\n",
    good: "import { type RoundRow, RoundStatus, roundWrites } from '../modules/rounds';\nexport const x = [RoundStatus, roundWrites];\nexport type Y = RoundRow;\n",
  },
  {
    what: "the demo importing a module's entity file",
    file: 'server/src/demo/example.ts',
    bad: "import { RoundEntity } from '../modules/rounds/round.entity';\nexport const x = RoundEntity;\n",
    good: "import { rosterWrites } from '../modules/staffing';\nexport const x = rosterWrites;\n",
  },
  {
    what: "a server module importing another module's entity as a value, through its index",
    file: 'server/src/modules/review/example.ts',
    bad: "import { RoundEntity } from '../rounds';\nexport type X = RoundEntity;\n",
    good: "import { type RoundRow, roundLookups } from '../rounds';\nexport type X = RoundRow;\nexport const y = roundLookups;\n",
  },
  {
    what: "a server module importing another module's entity as a value by the longer path",
    file: 'server/src/modules/scoring/example.ts',
    bad: "import { OrganizationEntity, OrganizationsService } from '../../modules/organizations/index';\nexport const x = [OrganizationEntity, OrganizationsService];\n",
    good: "import type { OrganizationRow } from '../../modules/organizations/index';\nexport type X = OrganizationRow;\n",
  },
  {
    what: "the CLI importing a module's entity as a value",
    file: 'server/src/cli/commands/example.ts',
    bad: "import { organizationLookups, OrganizationEntity } from '../../modules/organizations';\nexport const x = [organizationLookups, OrganizationEntity];\n",
    good: "import { organizationLookups, type OrganizationRow } from '../../modules/organizations';\nexport const x = organizationLookups;\nexport type Y = OrganizationRow;\n",
  },
  {
    what: "a server module importing another module's entity as a type, through its index",
    file: 'server/src/modules/review/example.ts',
    bad: "import type { SubmissionEntity } from '../submissions';\nexport type X = SubmissionEntity;\n",
    good: "import type { SubmissionRow } from '../submissions';\nexport type X = SubmissionRow;\n",
  },
  {
    what: "a server module importing another module's entity as an inline type",
    file: 'server/src/modules/staffing/example.ts',
    bad: "import { type OrganizationEntity, OrganizationsService } from '../organizations';\nexport const x = OrganizationsService;\nexport type Y = OrganizationEntity;\n",
    good: "import { type OrganizationRow, OrganizationsService } from '../organizations';\nexport const x = OrganizationsService;\nexport type Y = OrganizationRow;\n",
  },
  {
    what: "a server module importing another module's entity as a type by the longer path",
    file: 'server/src/modules/imports/example.ts',
    bad: "import type { UserEntity } from '../../modules/auth/index';\nexport type X = UserEntity;\n",
    good: "import type { UserRow } from '../../modules/auth/index';\nexport type X = UserRow;\n",
  },
  {
    what: "a server module passing on another module's entity type",
    file: 'server/src/modules/scoring/example.ts',
    bad: "export type { RoundEntity } from '../rounds';\n",
    good: "export type { RoundRow } from '../rounds';\n",
  },
  {
    what: "the demo importing a module's entity as a type",
    file: 'server/src/demo/example.ts',
    bad: "import { type OrganizationEntity, OrganizationLevel } from '../modules/organizations';\nexport const x = OrganizationLevel;\nexport type Y = OrganizationEntity;\n",
    good: "import { type OrganizationRow, OrganizationLevel } from '../modules/organizations';\nexport const x = OrganizationLevel;\nexport type Y = OrganizationRow;\n",
  },
  {
    what: "the CLI importing a module's entity as a type",
    file: 'server/src/cli/commands/example.ts',
    bad: "import type { SubmissionVersionEntity } from '../../modules/submissions';\nexport type X = SubmissionVersionEntity;\n",
    good: "import type { SubmissionVersionRow } from '../../modules/submissions';\nexport type X = SubmissionVersionRow;\n",
  },
];

for (const { what, file, bad, good } of cases) {
  test(`lint refuses ${what}`, async () => {
    const refused = await restrictedImports(file, bad);
    assert.equal(refused.length, 1, `expected one refusal, got ${JSON.stringify(refused)}`);
    assert.deepEqual(await restrictedImports(file, good), []);
  });
}

test('a module names its own entities', async () => {
  const code =
    "import { RoundEntity } from './round.entity';\nimport type { RoundExtensionEntity } from './round-extension.entity';\nexport const x = RoundEntity;\nexport type Y = RoundExtensionEntity;\n";
  assert.deepEqual(await restrictedImports('server/src/modules/rounds/example.ts', code), []);
});

test('tests under server/test may import a module’s internals', async () => {
  const code =
    "import { RoundEntity } from '../src/modules/rounds/round.entity';\nexport const x = RoundEntity;\n";
  assert.deepEqual(await restrictedImports('server/test/example.test.ts', code), []);
});

test('every server module is one flat folder with an index.ts that exports no entity class as a value', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const modules = join(root, 'server', 'src', 'modules');
  const names = (await readdir(modules, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  assert.ok(names.length >= 10, `expected the server's modules, found ${names.join(', ')}`);
  for (const name of names) {
    // the rule's patterns are written for flat module folders (../<module>/<file>)
    const folders = (await readdir(join(modules, name), { withFileTypes: true })).filter((e) =>
      e.isDirectory(),
    );
    assert.deepEqual(
      folders.map((e) => e.name),
      [],
      `modules/${name} has subfolders`,
    );
    const text = await readFile(join(modules, name, 'index.ts'), 'utf8');
    for (const [line] of text.matchAll(/^export \{[^}]*\} from '[^']+\.entity';$/gm))
      for (const spec of line.replace(/^export \{|\} from.*$/g, '').split(','))
        assert.ok(
          !/^\s*\w+Entity\s*$/.test(spec),
          `modules/${name}/index.ts exports ${spec.trim()} as a value: ${line}`,
        );
  }
});

async function serverSources() {
  const { readdir, readFile } = await import('node:fs/promises');
  const src = join(root, 'server', 'src');
  const files = (await readdir(src, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && !file.startsWith(join('database', 'migrations')))
    .map((file) => file.replaceAll('\\', '/'));
  return new Map(
    await Promise.all(files.map(async (file) => [file, await readFile(join(src, file), 'utf8')])),
  );
}

test('no index exports an entity, and each row it exports instead is read elsewhere', async () => {
  const texts = await serverSources();
  let exported = 0;
  for (const [file, text] of texts) {
    const module = /^modules\/([^/]+)\/index\.ts$/.exec(file)?.[1];
    if (!module) continue;
    for (const [statement, names] of text.matchAll(
      /^export (?:type )?\{([^}]*)\} from '[^']+';$/gm,
    ))
      assert.ok(
        !/\b\w+Entity\b/.test(names),
        `modules/${module}/index.ts exports an entity: ${statement}`,
      );
    assert.ok(
      !/^export \* from '[^']+\.entity';$/m.test(text),
      `modules/${module}/index.ts exports every name of an entity file`,
    );
    // the plain rows the module's entities implement: the records others hold instead
    const rows = new Set(
      [...texts]
        .filter(([other]) => other.startsWith(`modules/${module}/`) && other.endsWith('.entity.ts'))
        .flatMap(([, body]) => [...body.matchAll(/class \w+Entity implements (\w+Row)\b/g)])
        .map(([, row]) => row),
    );
    for (const [, names] of text.matchAll(/^export (?:type )?\{([^}]*)\} from '[^']+';$/gm))
      for (const name of names.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()))
        if (rows.has(name)) {
          exported++;
          const readers = [...texts].filter(
            ([other, body]) =>
              !other.startsWith(`modules/${module}/`) && new RegExp(`\\b${name}\\b`).test(body),
          );
          assert.ok(
            readers.length > 0,
            `modules/${module}/index.ts exports ${name}, read nowhere else`,
          );
        }
  }
  assert.ok(exported >= 5, `expected the rows others read, found ${exported}`);
});

test('no file of the server outside a module names one of its entities', async () => {
  const texts = await serverSources();
  const unitOf = (path) => /^modules\/([^/]+)\//.exec(path)?.[1] ?? null;
  let crossing = 0;
  const named = [];
  for (const [file, text] of texts) {
    for (const [statement, clause, specifier] of text.matchAll(
      /^\s*(?:import|export)\s([^;]*?)\sfrom\s+'(\.[^']+)'/gms,
    )) {
      const target = join(dirname(file), specifier).replaceAll('\\', '/');
      const owner = unitOf(`${target}/`);
      if (!owner || owner === unitOf(file)) continue;
      crossing++;
      if (/\b\w+Entity\b/.test(clause)) named.push(`${file}: ${statement.trim()}`);
    }
  }
  assert.ok(crossing > 100, `expected the imports between modules, found ${crossing}`);
  assert.deepEqual(named, []);
});
