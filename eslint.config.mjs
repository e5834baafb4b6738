import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { ownTablesOnly, sqlOwnership } from './eslint.sql-tables.mjs';

// A server module is used by the others (and by the demo, the CLI, the tools, the jobs and the root
// files) only through its index.ts: its Nest module, exported providers, models, enums, types and
// pure helpers; no entity leaves it. A module may also have a thread.ts: the few plain functions a
// worker thread of another module runs, without the Nest providers the index loads. One block per module, generated from the folders of
// server/src/modules (which are flat: a module's files sit directly in its folder).
const serverModules = readdirSync(new URL('./server/src/modules', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const throughIndexOnly = (message, ...regexes) =>
  regexes.map((regex) => ({
    regex,
    message: `${message} Another module is imported only through its index.ts (../<module>), or a worker thread's through its thread.ts: its exported providers, models, types and helpers, no entities.`,
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
            `^\\.\\./(?!${module}/)[^./][^/]*/(?!(index|thread)$).+`,
            `^(\\.\\./)+modules/(?!${module}/)[^/]+/(?!(index|thread)$).+`,
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
            '^(\\./|(\\.\\./)+)modules/[^/]+/(?!(index|thread)$).+',
          ),
        },
      ],
    },
  },
];

// Another module's entity does not cross the boundary, not even as a type (`import type`, `type`
// inline, `export type { … } from`): the owner hands out a plain record of its columns (its
// `…Row`, which the entity implements), its rows are read through the owner's services, lookups
// or read views and written through its commands, so no caller outside the owner holds or names
// an entity class to save or query with. Relations to it name their target by string.
const entityImport = (from) => ({
  regex: from,
  importNamePattern: '^[A-Z]\\w*Entity$',
  message:
    "Another module's entity is not imported, not even as a type: use the plain row its index exports (e.g. OrganizationRow), read through the owner's services, lookups or read views, write through its commands.",
});
const noForeignEntities = [
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

// Each module's SQL names only its own tables and the read views other modules publish; the CLI,
// the jobs, the tools and the database code only read views (eslint.sql-tables.mjs).
export { sqlOwnership };
const sqlBoundaries = {
  files: [
    'server/src/modules/**/*.ts',
    'server/src/cli/**/*.ts',
    'server/src/jobs/**/*.ts',
    'server/src/tools/**/*.ts',
    'server/src/database/**/*.ts',
    'server/src/demo/**/*.ts',
  ],
  ignores: ['server/src/database/migrations/**'],
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
  ...noForeignEntities,
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
