// The SQL boundary `pnpm lint` keeps (eslint.config.mjs, `gongkai/own-tables-only`): a module's
// SQL names only its own tables and the read views other modules publish. Each case is shown to
// fail on a violation and to pass on the view form, through ESLint's API on the repository's config.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { sqlOwnership } from '../../eslint.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });
// constants in another file, imported by the examples of a module (server/src/modules/<m>/)
const FIXTURES = '../../../../test/lint/sql-constants';

async function refusals(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], 'the example parses');
  return result.messages.filter((message) => message.ruleId === 'gongkai/own-tables-only');
}

const cases = [
  {
    what: "a template literal reading another module's table",
    file: 'server/src/modules/review/example.ts',
    bad: 'export const sql = `SELECT o.name\n  FROM organizations o WHERE o.id = $1`;\n',
    good: 'export const sql = `SELECT o.name\n  FROM organization_directory o WHERE o.id = $1`;\n',
    view: 'organization_directory',
  },
  {
    what: "a string joining another module's table, quoted",
    file: 'server/src/modules/overview/example.ts',
    bad: 'export const sql = \'SELECT 1 FROM submission_states s JOIN "rounds" r ON r.id = s.round_id\';\n',
    good: "export const sql = 'SELECT 1 FROM submission_states s JOIN round_directory r ON r.id = s.round_id';\n",
    view: 'round_directory',
  },
  {
    what: "a table only a migration creates (the scoring module's stored results)",
    file: 'server/src/modules/overview/example.ts',
    bad: 'export const sql = `SELECT count(*) FROM ranking_result_rows WHERE result_id = $1`;\n',
    good: 'export const sql = `SELECT count(*) FROM ranking_result_entries WHERE result_id = $1`;\n',
    view: 'ranking_result_entries',
  },
  {
    what: "a query builder joining another module's table by name",
    file: 'server/src/modules/auth/example.ts',
    bad: "export const f = (qb: { innerJoin(t: string, a: string, c: string): unknown }) =>\n  qb.innerJoin('organizations', 'o', 'o.id = u.organization_id');\n",
    good: "export const f = (qb: { innerJoin(t: string, a: string, c: string): unknown }) =>\n  qb.innerJoin('organization_directory', 'o', 'o.id = u.organization_id');\n",
    view: 'organization_directory',
  },
  {
    what: "a write into another module's table",
    file: 'server/src/modules/review/example.ts',
    bad: "export const sql = 'UPDATE submissions SET revision = revision + 1 WHERE id = $1';\n",
    good: "export const sql = 'UPDATE review_comments SET body = $2 WHERE id = $1';\n",
    message: /writes submissions, a table of modules\/submissions: call a command/,
  },
  {
    what: "a delete from another module's table",
    file: 'server/src/modules/notifications/example.ts',
    bad: "export const sql = 'DELETE FROM audit_events WHERE id = $1';\n",
    good: "export const sql = 'DELETE FROM notifications WHERE id = $1';\n",
    message: /writes audit_events, a table of modules\/audit/,
  },
  {
    what: "a read of the users' table (the password hashes)",
    file: 'server/src/modules/notifications/example.ts',
    bad: 'export const sql = `SELECT u.id FROM users u WHERE u.active`;\n',
    good: 'export const sql = `SELECT u.id FROM user_contacts u WHERE u.active`;\n',
    view: 'user_contacts',
  },
  {
    what: 'a table of another module around an interpolation',
    file: 'server/src/modules/scoring/example.ts',
    bad: 'const where = "1 = 1";\nexport const sql = `SELECT o.id FROM organizations o WHERE ${where} AND o.id IN (SELECT organization_id FROM post_vacancies)`;\n',
    good: 'const where = "1 = 1";\nexport const sql = `SELECT o.id FROM organization_directory o WHERE ${where} AND o.id IN (SELECT organization_id FROM post_vacancy_terms)`;\n',
    view: 'organization_directory',
    count: 2,
  },
  {
    what: 'a table after a lower-case keyword',
    file: 'server/src/modules/review/example.ts',
    bad: 'export const sql = `select o.name from organizations o where o.id = $1`;\n',
    good: 'export const sql = `select o.name from organization_directory o where o.id = $1`;\n',
    view: 'organization_directory',
  },
  {
    what: 'a table after a mixed-case JOIN, and an unquoted name in capitals',
    file: 'server/src/modules/overview/example.ts',
    bad: "export const sql = 'Select 1 From submission_states s Join ROUNDS r On r.id = s.round_id';\n",
    good: "export const sql = 'Select 1 From submission_states s Join round_directory r On r.id = s.round_id';\n",
    view: 'round_directory',
  },
  {
    what: 'the second table of a comma-separated FROM list',
    file: 'server/src/modules/notifications/example.ts',
    bad: 'export const sql = `SELECT 1 FROM notifications n, organizations o WHERE o.id = n.organization_id`;\n',
    good: 'export const sql = `SELECT 1 FROM notifications n, organization_directory o WHERE o.id = n.organization_id`;\n',
    view: 'organization_directory',
  },
  {
    what: 'tables of a FROM list after a function with a column list, a subquery and LATERAL',
    file: 'server/src/modules/scoring/example.ts',
    bad: 'export const sql = `SELECT 1 FROM jsonb_to_recordset($1) AS x(id uuid, n int), (SELECT 1) AS one,\n  LATERAL unnest($2::int[]) u, rounds AS r, submissions s`;\n',
    good: 'export const sql = `SELECT 1 FROM jsonb_to_recordset($1) AS x(id uuid, n int), (SELECT 1) AS one,\n  LATERAL unnest($2::int[]) u, round_directory AS r, submission_states s`;\n',
    view: 'round_directory',
    count: 2,
  },
  {
    what: 'a table named by a string constant of the same file',
    file: 'server/src/modules/exports/example.ts',
    bad: "const TABLE = 'organizations';\nexport const sql = `SELECT o.id FROM ${TABLE} o`;\n",
    good: "const TABLE = 'organization_directory';\nexport const sql = `SELECT o.id FROM ${TABLE} o`;\n",
    view: 'organization_directory',
  },
  {
    what: 'a table name interpolated from an expression the rule cannot read',
    file: 'server/src/modules/overview/example.ts',
    bad: 'export const count = (table: string) => `SELECT count(*) FROM ${table}`;\n',
    good: 'export const count = (table: string) =>\n  // eslint-disable-next-line gongkai/own-tables-only -- every table of this module\n  `SELECT count(*) FROM ${table}`;\n',
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: 'a table name appended to SQL by +',
    file: 'server/src/modules/overview/example.ts',
    bad: "export const f = (where: string) => 'SELECT 1 FROM ' + 'rounds' + ' r WHERE ' + where;\n",
    good: "export const f = (where: string) => 'SELECT 1 FROM ' + 'round_directory' + ' r WHERE ' + where;\n",
    view: 'round_directory',
  },
  {
    what: 'an unreadable table name appended to SQL by +',
    file: 'server/src/modules/overview/example.ts',
    bad: "export const f = (table: string) => 'SELECT o.id AS id FROM ' + table + ' o';\n",
    good: "const TABLE = 'organization_directory';\nexport const f = () => `SELECT o.id AS id FROM ` + TABLE + ' o';\n",
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: "a write into a module's table by the CLI",
    file: 'server/src/cli/commands/example.ts',
    bad: 'export const sql = `INSERT INTO rounds (year, template) VALUES ($1, $2)`;\n',
    good: 'export const sql = `SELECT id FROM round_directory WHERE year = $1`;\n',
    message: /server\/src\/cli writes rounds, a table of modules\/rounds: call a command/,
  },
  {
    what: "a read of a module's table by the jobs",
    file: 'server/src/jobs/example.ts',
    bad: "const SCHEMA = 'pgboss';\nexport const sql = `SELECT j.id FROM ${SCHEMA}.job j JOIN users u ON u.id = j.singleton_key::uuid`;\n",
    good: "const SCHEMA = 'pgboss';\nexport const sql = `SELECT j.id FROM ${SCHEMA}.job j JOIN user_contacts u ON u.id = j.singleton_key::uuid`;\n",
    view: 'user_contacts',
  },
  {
    what: "a read of a module's table by the tools",
    file: 'server/src/tools/example.ts',
    bad: "export const sql = 'SELECT count(*) FROM audit_events';\n",
    good: "export const sql = 'SELECT count(*) FROM audit_trail';\n",
    view: 'audit_trail',
  },
  {
    what: "a delete from a module's table by the database code",
    file: 'server/src/database/example.ts',
    bad: "export const sql = 'delete from sessions where expires_at < now()';\n",
    good: "export const sql = 'SELECT name FROM migrations ORDER BY id';\n",
    message: /server\/src\/database writes sessions, a table of modules\/auth/,
  },
  {
    what: "a read of a module's table by the demo seed",
    file: 'server/src/demo/example.ts',
    bad: "export const sql = `SELECT u.id FROM users u JOIN organization_directory o ON o.id = u.organization_id WHERE u.role = 'BUREAU'`;\n",
    good: "export const sql = `SELECT u.id FROM user_contacts u JOIN organization_directory o ON o.id = u.organization_id WHERE u.role = 'BUREAU'`;\n",
    view: 'user_contacts',
  },
  {
    what: "a write into a module's table by the demo seed",
    file: 'server/src/demo/example.ts',
    bad: "export const sql = `INSERT INTO notifications (user_id, kind) SELECT id, 'RETURNED' FROM user_contacts`;\n",
    good: "export const sql = `SELECT id FROM user_contacts WHERE role = 'BUREAU'`;\n",
    message:
      /server\/src\/demo writes notifications, a table of modules\/notifications: call a command/,
  },
  {
    what: "another module's table as the plain rows it reads",
    file: 'server/src/modules/review/example.ts',
    bad: "declare function plainRows(table: string, alias: string, list: unknown[]): unknown;\nexport const rows = plainRows('submissions', 's', []);\n",
    good: "declare function plainRows(table: string, alias: string, list: unknown[]): unknown;\nexport const rows = plainRows('review_comments', 'c', []);\n",
    view: 'submission_states',
  },
  {
    what: 'a table named by a constant imported from another file',
    file: 'server/src/modules/review/example.ts',
    bad: `import { ORGANIZATIONS_TABLE } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${ORGANIZATIONS_TABLE} o\`;\n`,
    good: `import { DIRECTORY_VIEW } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${DIRECTORY_VIEW} o\`;\n`,
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: 'an imported constant followed through a re-export under another name',
    file: 'server/src/modules/review/example.ts',
    bad: `import { RENAMED_TABLE } from '${FIXTURES}';\nexport const sql = 'SELECT o.id FROM ' + RENAMED_TABLE + ' o';\n`,
    good: `import { DIRECTORY_VIEW } from '${FIXTURES}';\nexport const sql = 'SELECT o.id FROM ' + DIRECTORY_VIEW + ' o';\n`,
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: "a member of an imported namespace's constant object, through `export *`",
    file: 'server/src/demo/example.ts',
    bad: `import * as c from '../../../test/lint/sql-constants';\nexport const sql = \`SELECT o.id FROM \${c.TABLES.organizations} o\`;\n`,
    good: `import * as c from '../../../test/lint/sql-constants';\nexport const sql = \`SELECT o.id FROM \${c.TABLES.directory} o\`;\n`,
    view: 'organization_directory',
  },
  {
    what: "an imported SQL fragment joining another module's table",
    file: 'server/src/modules/overview/example.ts',
    bad: `import { JOIN_ROUNDS } from '${FIXTURES}/tables';\nexport const sql = \`SELECT 1 FROM submission_states s \${JOIN_ROUNDS}\`;\n`,
    good: `import { JOIN_ROUND_DIRECTORY } from '${FIXTURES}/tables';\nexport const sql = \`SELECT 1 FROM submission_states s \${JOIN_ROUND_DIRECTORY}\`;\n`,
    message:
      /names rounds, a table of modules\/rounds \(in the text of `JOIN_ROUNDS`\): read its view round_directory/,
    owner: 'rounds',
  },
  {
    what: 'a member of a constant object of the same file',
    file: 'server/src/modules/exports/example.ts',
    bad: "const T = { orgs: 'organizations', rounds: 'round_directory' };\nexport const sql = `SELECT o.id FROM ${T.orgs} o JOIN ${T['rounds']} r ON true`;\n",
    good: "const T = { orgs: 'organization_directory', rounds: 'round_directory' };\nexport const sql = `SELECT o.id FROM ${T.orgs} o JOIN ${T['rounds']} r ON true`;\n",
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: 'a member of an enum',
    file: 'server/src/modules/exports/example.ts',
    bad: "enum T {\n  Orgs = 'organizations',\n}\nexport const sql = `SELECT o.id FROM ${T.Orgs} o`;\n",
    good: "enum T {\n  Orgs = 'organization_directory',\n}\nexport const sql = `SELECT o.id FROM ${T.Orgs} o`;\n",
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: 'a member of an object changed after its literal (unreadable, as any expression)',
    file: 'server/src/modules/exports/example.ts',
    bad: "const T = { t: 'organization_directory' };\nT.t = 'organizations';\nexport const sql = `SELECT o.id FROM ${T.t} o`;\n",
    good: "const T = { t: 'organization_directory' } as const;\nexport const sql = `SELECT o.id FROM ${T.t} o`;\n",
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: 'a member of an imported object that is not `as const` (others may change it)',
    file: 'server/src/modules/exports/example.ts',
    bad: `import { MUTABLE } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${MUTABLE.table} o\`;\n`,
    good: `import { TABLES } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${TABLES.directory} o\`;\n`,
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: "an imported function's result in a table's place (unreadable)",
    file: 'server/src/modules/exports/example.ts',
    bad: `import { tableOf } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${tableOf('organization_directory')} o\`;\n`,
    good: `import { DIRECTORY_VIEW } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${DIRECTORY_VIEW} o\`;\n`,
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: "an imported helper function's SQL joining another module's table",
    file: 'server/src/modules/overview/example.ts',
    bad: `import { joinRoundsSql } from '${FIXTURES}/tables';\nexport const sql = \`SELECT 1 FROM submission_states s \${joinRoundsSql('r')}\`;\n`,
    good: `import { joinRoundDirectorySql } from '${FIXTURES}/tables';\nexport const f = (alias: string) => \`SELECT 1 FROM submission_states s \${joinRoundDirectorySql(alias)}\`;\n`,
    message:
      /names rounds, a table of modules\/rounds \(in the text of `joinRoundsSql\('r'\)`\): read its view round_directory/,
    owner: 'rounds',
  },
  {
    what: "a helper function's call in a table's place, its argument read where the call is",
    file: 'server/src/modules/review/example.ts',
    bad: `import { selectFromSql } from '${FIXTURES}/tables';\nconst T = 'organizations';\nexport const sql = selectFromSql(T, 'o');\n`,
    good: `import { selectFromSql } from '${FIXTURES}/tables';\nconst T = 'organization_directory';\nexport const sql = selectFromSql(T, 'o');\n`,
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: "a helper function's table from an argument the rule cannot read",
    file: 'server/src/modules/review/example.ts',
    bad: `import { selectFromSql } from '${FIXTURES}/tables';\nexport const f = (t: string) => selectFromSql(t);\n`,
    good: `import { selectFromSql } from '${FIXTURES}/tables';\nexport const f = (alias: string) => selectFromSql('organization_directory', alias);\n`,
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: 'a helper function of the same file, its default argument read',
    file: 'server/src/modules/exports/example.ts',
    bad: "function viewSql(name = 'organizations'): string {\n  return `${name}`;\n}\nexport const sql = `SELECT o.id FROM ${viewSql()} o`;\n",
    good: "function viewSql(name = 'organization_directory'): string {\n  return `${name}`;\n}\nexport const sql = `SELECT o.id FROM ${viewSql()} o`;\n",
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: "a function doing more than returning a template, in a table's place (unreadable)",
    file: 'server/src/modules/exports/example.ts',
    bad: `import { tableAfterWork } from '${FIXTURES}/tables';\nexport const sql = \`SELECT o.id FROM \${tableAfterWork('organization_directory')} o\`;\n`,
    good: `import { selectFromSql } from '${FIXTURES}/tables';\nexport const sql = selectFromSql('organization_directory', 'o');\n`,
    message: /builds a table name after FROM from an expression the rule cannot read/,
  },
  {
    what: 'a quoted table name around an expression the rule cannot read',
    file: 'server/src/modules/exports/example.ts',
    bad: 'export const f = (t: string) => `SELECT 1 FROM "${t}" x`;\nexport const g = (t: string) => `SELECT 1 FROM public.${t} x`;\n',
    good: 'export const f = (t: string) => `SELECT 1 FROM "organization_directory" x WHERE x.code = ${t}`;\n',
    message: /builds a table name after FROM from an expression the rule cannot read/,
    count: 2,
  },
  {
    what: 'lower-case SQL assembled by `.join()` of an array of strings',
    file: 'server/src/modules/review/example.ts',
    bad: "export const sql = ['select o.name', 'from organizations o', 'where o.id = $1'].join('\\n');\n",
    good: "export const sql = ['select o.name', 'from organization_directory o', 'where o.id = $1'].join('\\n');\n",
    view: 'organization_directory',
    owner: 'organizations',
  },
  {
    what: "a FROM list joined from an array in a table's place",
    file: 'server/src/modules/review/example.ts',
    bad: "export const sql = `SELECT 1 FROM ${['rounds r', 'round_extensions x'].join(', ')} WHERE x.round_id = r.id`;\n",
    good: "export const sql = `SELECT 1 FROM ${['round_directory r', 'round_extension_deadlines x'].join(', ')} WHERE x.round_id = r.id`;\n",
    view: 'round_directory',
    count: 2,
    owner: 'rounds',
  },
  {
    what: 'an imported `as const` array joined into a FROM list',
    file: 'server/src/modules/review/example.ts',
    bad: `import { LISTED } from '${FIXTURES}/tables';\nexport const sql = \`SELECT 1 FROM \${LISTED.join(', ')} WHERE x.round_id = r.id\`;\n`,
    good: `import { LISTED_VIEWS } from '${FIXTURES}/tables';\nexport const sql = \`SELECT 1 FROM \${LISTED_VIEWS.join(', ')} WHERE x.round_id = r.id\`;\n`,
    view: 'round_directory',
    count: 2,
    owner: 'rounds',
  },
  {
    what: 'a query builder joining a table named by an imported constant',
    file: 'server/src/modules/auth/example.ts',
    bad: `import { ORGANIZATIONS_TABLE } from '${FIXTURES}/tables';\nexport const f = (qb: { innerJoin(t: string, a: string, c: string): unknown }) =>\n  qb.innerJoin(ORGANIZATIONS_TABLE, 'o', 'o.id = u.organization_id');\n`,
    good: `import { DIRECTORY_VIEW } from '${FIXTURES}/tables';\nexport const f = (qb: { innerJoin(t: string, a: string, c: string): unknown }) =>\n  qb.innerJoin(DIRECTORY_VIEW, 'o', 'o.id = u.organization_id');\n`,
    view: 'organization_directory',
    owner: 'organizations',
  },
];

for (const { what, file, bad, good, view, message, count = 1, owner } of cases) {
  test(`lint refuses ${what}${owner ? ', and passes it in the owner' : ''}`, async () => {
    const refused = await refusals(file, bad);
    assert.equal(
      refused.length,
      count,
      `expected ${count} refusal(s), got ${JSON.stringify(refused)}`,
    );
    assert.match(refused[0].message, message ?? new RegExp(`read its view .*${view}`));
    assert.deepEqual(await refusals(file, good), []);
    if (owner)
      assert.deepEqual(await refusals(`server/src/modules/${owner}/example.ts`, bad), [], owner);
  });
}

test("another module's entity named as a TypeORM target is refused, and a relation by name passes", async () => {
  const file = 'server/src/modules/review/example.ts';
  const bad =
    "type M = { find(target: string, o: object): unknown };\nexport const f = (m: M) => m.find('SubmissionEntity', { where: {} });\n";
  const [refused, ...more] = await refusals(file, bad);
  assert.deepEqual(more, []);
  assert.match(refused.message, /names SubmissionEntity, an entity of modules\/submissions/);
  const good =
    "declare function ManyToOne(target: string, o: object): PropertyDecorator;\nexport class C {\n  @ManyToOne('SubmissionEntity', { onDelete: 'CASCADE' })\n  s?: unknown;\n}\nexport const own = 'ReviewCommentEntity';\n";
  assert.deepEqual(await refusals(file, good), []);
});

test('the refusal points at the table name itself', async () => {
  const [refused] = await refusals(
    'server/src/modules/review/example.ts',
    'export const sql = `SELECT 1\n  FROM submission_states s\n  JOIN organizations o ON o.id = s.organization_id`;\n',
  );
  assert.deepEqual([refused.line, refused.column], [3, 8]);
});

test("a module's own tables, and every read view, pass", async () => {
  const code =
    'export const sql = `SELECT r.id FROM rounds r JOIN round_extensions x ON x.round_id = r.id\n  JOIN organization_directory o ON o.id = x.organization_id\n  JOIN expected_submissions e ON e.round_id = r.id`;\n';
  assert.deepEqual(await refusals('server/src/modules/rounds/example.ts', code), []);
});

test('English with lower-case keywords and interpolations is not SQL', async () => {
  const code =
    "const year = 2020;\nexport const a = `reports from ${year}`;\nexport const b = 'carried over from rounds before';\nexport const c = `restored into ${a}: ${b} tables`;\n";
  for (const file of ['server/src/modules/submissions/example.ts', 'server/src/cli/example.ts'])
    assert.deepEqual(await refusals(file, code), [], file);
});

test('a quoted or schema-qualified name is refused at the name inside its quotes', async () => {
  const refused = await refusals(
    'server/src/modules/review/example.ts',
    'export const sql = `SELECT 1 FROM "rounds" r JOIN public."organizations" o ON o.id = r.id`;\n',
  );
  assert.deepEqual(
    refused.map((r) => [r.line, r.column, r.endColumn]),
    [
      [1, 36, 42],
      [1, 59, 72],
    ],
  );
});

test('an interpolated table is refused where it stands, however long the line before', async () => {
  const [refused] = await refusals(
    'server/src/modules/review/example.ts',
    'export const f = (t: string) => `SELECT 1\n  FROM review_comments c, ${t} x`;\n',
  );
  assert.deepEqual([refused.line, refused.column], [2, 27]);
});

test('the migrations and the tests are outside the rule', async () => {
  const code = 'export const sql = `UPDATE submissions SET status = $1 FROM organizations o`;\n';
  for (const file of [
    'server/src/database/migrations/1999999999999-Example.ts',
    'server/test/example.test.ts',
  ])
    assert.deepEqual(await refusals(file, code), [], file);
});

test('every table and view a migration creates has one owner in the map', () => {
  const { tables, views } = sqlOwnership();
  const migrations = join(root, 'server', 'src', 'database', 'migrations');
  const created = new Set();
  for (const file of readdirSync(migrations)) {
    const text = readFileSync(join(migrations, file), 'utf8');
    for (const [, name] of text.matchAll(/CREATE (?:UNLOGGED )?(?:TABLE|VIEW) "([a-z0-9_]+)"/g))
      created.add(name);
    // a migration that creates several views from one object of `name: \`SELECT …\`` entries
    if (/CREATE VIEW "\$\{name\}"/.test(text))
      for (const [, name] of text.matchAll(/^\s*([a-z0-9_]+): `SELECT/gm)) created.add(name);
  }
  assert.ok(created.size > 20, `expected the schema's tables, found ${[...created].join(', ')}`);
  const unowned = [...created].filter((name) => !tables.has(name) && !views.has(name));
  assert.deepEqual(unowned, [], 'tables or views without an owner in eslint.config.mjs');
  const missing = [...views.keys()].filter((view) => !created.has(view));
  assert.deepEqual(missing, [], 'declared read views no migration creates');
  for (const [view, { module, table }] of views)
    assert.equal(tables.get(table), module, `${view} projects ${table}, not a table of ${module}`);
});

test('a constant of the same file is refused once, where it names the table', async () => {
  const refused = await refusals(
    'server/src/modules/review/example.ts',
    "const JOIN = 'JOIN organizations o ON o.id = s.organization_id';\nexport const sql = `SELECT 1 FROM submission_states s ${JOIN} WHERE ${JOIN.length} > 0`;\n",
  );
  assert.deepEqual(
    refused.map((r) => [r.line, r.column, r.endColumn]),
    [[1, 20, 33]],
  );
});

test("another file's text is refused at the expression that brings it in", async () => {
  const line = 'export const sql = `SELECT 1 FROM submission_states s ${JOIN_ROUNDS}`;';
  const [refused, ...more] = await refusals(
    'server/src/modules/review/example.ts',
    `import { JOIN_ROUNDS } from '${FIXTURES}/tables';\n${line}\n`,
  );
  assert.deepEqual(more, []);
  const column = line.indexOf('JOIN_ROUNDS') + 1;
  assert.deepEqual([refused.line, refused.column, refused.endColumn], [2, column, column + 11]);
});

test("a helper function's text is refused at its call, once", async () => {
  const line = "export const sql = `SELECT 1 FROM submission_states s ${joinRoundsSql('r')}`;";
  const [refused, ...more] = await refusals(
    'server/src/modules/review/example.ts',
    `import { joinRoundsSql } from '${FIXTURES}/tables';\n${line}\n`,
  );
  assert.deepEqual(more, []);
  const column = line.indexOf('joinRoundsSql') + 1;
  assert.deepEqual([refused.line, refused.column, refused.endColumn], [2, column, column + 18]);
});
