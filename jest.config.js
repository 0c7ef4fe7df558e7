/** Unit tests (`*.spec.ts[x]`) run alone; integration tests (`*.int-spec.ts`) use real PostgreSQL and Redis. */
const swc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: {
    '^@plaza/migrations$': '<rootDir>/migrations',
    '^@plaza/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // sanitize-html's parser (htmlparser2 and its helpers) ships ES modules only: compile them for jest.
  transformIgnorePatterns: [
    '/node_modules/(?!.*/node_modules/)(?!(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)/)',
  ],
};

module.exports = {
  // A global option: jest ignores it inside projects. Browser tests set their own.
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,migrations,scripts,test}/**/*.spec.{ts,tsx}'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.{ts,tsx}'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFiles: ['<rootDir>/libs/testing/src/env.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.browser-spec.{ts,tsx}'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFiles: ['<rootDir>/libs/testing/src/env.ts'],
    },
  ],
};
