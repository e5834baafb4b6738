import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A server module is used by the others (and by the demo, the CLI, the tools, the jobs and the root
// files) only through its index.ts: its Nest module, exported providers, models, enums, types and
// pure helpers; entities leave it as types only. One block per module, generated from the folders
// of server/src/modules (which are flat: a module's files sit directly in its folder).
const serverModules = readdirSync(new URL('./server/src/modules', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const throughIndexOnly = (message, ...regexes) =>
  regexes.map((regex) => ({
    regex,
    message: `${message} Another module is imported only through its index.ts (../<module>): its exported providers, models, types and helpers, no entities.`,
  }));
const moduleBoundaries = [
  ...serverModules.map((module) => ({
    files: [`server/src/modules/${module}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: throughIndexOnly(
            `modules/${module} reaches into another module.`,
            // a sibling module's file (../rounds/round.entity), not its folder or index
            `^\\.\\./(?!${module}/)[^./][^/]*/(?!index$).+`,
            `^(\\.\\./)+modules/(?!${module}/)[^/]+/(?!index$).+`,
          ),
        },
      ],
    },
  })),
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/**', 'server/src/database/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: throughIndexOnly(
            'This file reaches into a module.',
            '^(\\./|(\\.\\./)+)modules/[^/]+/(?!index$).+',
          ),
        },
      ],
    },
  },
];

// Another module's entity crosses the boundary as a type only (`import type`, or `type` inline):
// its rows are read through the owner's lookups (plain rows) or its read views, and written through
// its commands, so no caller outside the owner holds an entity class to save or query with.
const entityImport = (from) => ({
  regex: from,
  importNamePattern: '^[A-Z]\\w*Entity$',
  allowTypeImports: true,
  message:
    "Another module's entity is imported as a type only: read its rows through the owner's lookups or read views, write them through its commands.",
});
const entityTypesOnly = [
  ...serverModules.map((module) => ({
    files: [`server/src/modules/${module}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            entityImport(`^\\.\\./(?!${module}(/|$))[^./][^/]*(/index)?$`),
            entityImport(`^(\\.\\./)+modules/(?!${module}(/|$))[^/]+(/index)?$`),
          ],
        },
      ],
    },
  })),
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/**', 'server/src/database/migrations/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [entityImport('^(\\./|(\\.\\./)+)modules/[^/]+(/index)?$')] },
      ],
    },
  },
];

// Each module's SQL names only its own tables and the read views other modules publish
// (server/src/modules/README.md, "Read views"). The one map of who owns what:
// - a table belongs to the module whose folder declares its `@Entity('…')`;
// - the tables only migrations create belong to the module named in MIGRATION_TABLES (a test in
//   test/lint holds every table and view a migration creates to an owner);
// - a module's published views are the keys of the object in its `read-views.ts`, each mapped to
//   the table it projects.
// The demo seed (server/src/demo) and the migrations are outside server/src/modules and exempt:
// the seed writes every module's rows as the demo's history, and a migration is where the tables
// and views are made (its SQL is frozen when written).
const MIGRATION_TABLES = {
  ranking_results: 'scoring',
  ranking_result_rows: 'scoring',
  ranking_result_flags: 'scoring',
  ranking_freeze_tasks: 'scoring',
  population_input_hashes: 'scoring',
};
export function sqlOwnership(modulesDir = new URL('./server/src/modules/', import.meta.url)) {
  const tables = new Map(Object.entries(MIGRATION_TABLES));
  const views = new Map();
  for (const module of readdirSync(modulesDir, { withFileTypes: true })) {
    if (!module.isDirectory()) continue;
    const dir = new URL(`${module.name}/`, modulesDir);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const [, table] of text.matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g))
        tables.set(table, module.name);
      if (file === 'read-views.ts')
        for (const [, view, table] of text.matchAll(/^\s*([a-z0-9_]+): '([a-z0-9_]+)',$/gm))
          views.set(view, { module: module.name, table });
    }
  }
  return { tables, views };
}
const SQL_TABLE = /\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g;
const WRITES = /^(DELETE|INTO|UPDATE)/;
const TABLE_ARGUMENT = /^(from|(inner|left)Join(AndSelect|AndMapOne|AndMapMany)?)$/;
let ownership;
const ownTablesOnly = {
  meta: {
    type: 'problem',
    docs: {
      description: "A module's SQL names only its own tables and other modules' read views.",
    },
    schema: [],
  },
  create(context) {
    const match = /server\/src\/modules\/([^/]+)\//.exec(context.filename.replaceAll('\\', '/'));
    if (!match) return {};
    const module = match[1];
    ownership ??= sqlOwnership();
    const { tables, views } = ownership;
    // `start` is the source index of the table name (reported exactly there)
    const check = (node, table, start, keyword) => {
      const owner = tables.get(table);
      if (!owner || owner === module) return;
      const published = [...views].filter(([, v]) => v.table === table).map(([view]) => view);
      const at = (index) => context.sourceCode.getLocFromIndex(index);
      context.report({
        node,
        loc: { start: at(start), end: at(start + table.length) },
        message: WRITES.test(keyword ?? '')
          ? `modules/${module} writes ${table}, a table of modules/${owner}: call a command of modules/${owner}'s exported service instead.`
          : published.length
            ? `modules/${module} names ${table}, a table of modules/${owner}: read its view ${published.join(' or ')} (${owner}/read-views.ts) instead.`
            : `modules/${module} names ${table}, a table of modules/${owner}, which publishes no read view of it: publish one in ${owner}/read-views.ts (and a migration), or call its exported service.`,
      });
    };
    // the raw source text of a literal or template element maps one to one onto the file
    const scan = (node, raw, offset) => {
      for (const found of raw.matchAll(SQL_TABLE))
        check(node, found[2], offset + found.index + found[0].lastIndexOf(found[2]), found[1]);
    };
    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        scan(node, node.raw, node.range[0]);
        const call = node.parent;
        if (
          call?.type === 'CallExpression' &&
          call.arguments[0] === node &&
          call.callee.type === 'MemberExpression' &&
          TABLE_ARGUMENT.test(call.callee.property.name ?? '')
        )
          check(node, node.value, node.range[0] + 1);
      },
      TemplateElement(node) {
        scan(node, node.value.raw, node.range[0] + 1);
      },
    };
  },
};
const sqlBoundaries = {
  files: ['server/src/modules/**/*.ts'],
  plugins: { gongkai: { rules: { 'own-tables-only': ownTablesOnly } } },
  rules: { 'gongkai/own-tables-only': 'error' },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/generated/**',
      '.data/**',
      'test-results/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'react', 'react-dom', '@apollo/*', 'pg'],
              message: 'packages/* stay free of frameworks and I/O.',
            },
            {
              group: [
                '@gongkai/server',
                '@gongkai/server/*',
                '@gongkai/web',
                '**/server/**',
                '**/web/**',
              ],
              message: 'packages/* never import the server or the web.',
            },
          ],
        },
      ],
    },
  },
  ...moduleBoundaries,
  ...entityTypesOnly,
  sqlBoundaries,
  {
    // A migration's SQL is frozen when it is written: it imports nothing of the running code.
    files: ['server/src/database/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/common/**', '**/demo/**', '**/jobs/**', '@gongkai/*'],
              message: 'A migration imports nothing from the application or the packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web reads the server only through the generated GraphQL types.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@gongkai/server',
                '@gongkai/server/*',
                '**/server/**',
                '@nestjs/*',
                'typeorm',
                'pg',
              ],
              message: 'The web imports only generated types and packages/*.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // CommonJS on purpose (loaded with require by Node, e.g. a worker's preload).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
