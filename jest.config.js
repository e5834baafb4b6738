/**
 * Unit tests of the pure packages. Packages are resolved to their TypeScript sources through the
 * `gongkai-source` export condition, so no build is needed to test them.
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
];

module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['gongkai-source', 'node', 'require', 'default'],
  },
  roots: ['<rootDir>/packages'],
  testMatch: ['**/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
