/**
 * Test tiers by suffix: *.spec.ts (unit), *.int-spec.ts (real stores), test/*.e2e-spec.ts (HTTP),
 * test/fuzz/*.fuzz-spec.ts (Schemathesis over HTTP).
 */
const swc = ['@swc/jest', require('./swc.options')];
// ES modules that jest cannot require as they are: json-schema-ref-parser (required by
// swagger-parser), and openid-client with oauth4webapi and jose 6 (its webapi build; the jose 5
// at the root is CommonJS), which Node itself loads through require(esm).
const ESM_DEPENDENCIES = [
  '@apidevtools/json-schema-ref-parser/',
  'openid-client/',
  'oauth4webapi/',
  'jose/dist/webapi/',
];
const esmPaths = `/node_modules/(${ESM_DEPENDENCIES.join('|')}).+\\.js$`;
const transform = { '^.+\\.ts$': swc, [esmPaths]: swc };
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_DEPENDENCIES.join('|')}))`];

const moduleNameMapper = {
  '^@pat/domain(.*)$': '<rootDir>/libs/domain/src$1',
  '^@pat/stores(.*)$': '<rootDir>/libs/stores/src$1',
  '^@pat/config(.*)$': '<rootDir>/libs/config/src$1',
  '^@pat/nest-guard(.*)$': '<rootDir>/libs/nest-guard/src$1',
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch,
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  ...extra,
});

/**
 * The tiers against real servers: one MongoDB-wire server (FerretDB, unless MONGO_URL is set) for
 * the whole run, in TEST_MONGO_URL, and a test timeout above the deadline of their waits.
 */
const withMongo = {
  globalSetup: '<rootDir>/test/support/ferretdb.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/ferretdb.global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/test-timeout.setup.ts'],
};

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{apps,libs}/**/*.spec.ts']),
    project('int', ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], withMongo),
    project('e2e', ['<rootDir>/test/**/*.e2e-spec.ts'], {
      ...withMongo,
      testPathIgnorePatterns: ['/node_modules/', '/test/production-'],
    }),
    // The same end-to-end suites on EventStoreDB (the gRPC test server) + MongoDB (FerretDB),
    // but for those about the embedded default itself (npm start, its SQLite file, its secrets).
    project('e2e-eventstoredb-mongodb', ['<rootDir>/test/**/*.e2e-spec.ts'], {
      ...withMongo,
      setupFiles: ['<rootDir>/test/support/use-production-stores.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/embedded-', '/test/readme-walkthrough', '/test/notifier-crash'],
    }),
    // Schemathesis against the built API's OpenAPI document, on each store configuration.
    project('fuzz', ['<rootDir>/test/fuzz/*.fuzz-spec.ts'], withMongo),
    project('fuzz-eventstoredb-mongodb', ['<rootDir>/test/fuzz/*.fuzz-spec.ts'], {
      ...withMongo,
      setupFiles: ['<rootDir>/test/support/use-production-stores.ts'],
    }),
  ],
};
