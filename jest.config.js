// Two tiers: pure unit tests beside the code (src/**/*.spec.ts) and e2e suites in test/
// that talk HTTP to the app on real PostgreSQL and Redis. Each e2e file gets its own database.
const shared = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': '@swc/jest' },
  // Jest can only require() ESM on Node >= 24.9: let SWC down-compile Nest 12's ESM packages,
  // the ESM packages @fastify/static and @fastify/cookie load (nested under them), and the
  // dynamic import() of @fastify/cookie (a require() once compiled), file-type (which checks
  // the signed letters' content) with its ESM dependencies, and the ESM-only crypto and Base32
  // packages otplib's CommonJS build requires.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|load-esm|file-type|token-types|strtok3|@tokenizer/inflate|uint8array-extras|@borewit/text-codec|@fastify/cookie|cookie|@fastify/static|content-disposition|otplib|@otplib|@noble|@scure)/)',
  ],
};

module.exports = {
  // A global option in Jest 30 (ignored inside projects): e2e suites boot an app and a database.
  testTimeout: 60000,
  // Two test files at a time (Jest's default on two cores is one): each e2e file has its own
  // database, queue prefix and browser, and most of a file's time is spent waiting on them. On
  // the 2-core CI machine npm test took 13 min one file at a time and 6 min two at a time. What a
  // test asserts absent or counts is read once the background work has settled
  // (test/support/review-road.ts `settled`), never after a sleep: a slower machine only waits longer.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/client/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // The browser tests serve the web client: bundle it from client/src before they start.
      globalSetup: '<rootDir>/test/support/build-client.ts',
    },
    {
      // Fault suite (npm run test:faults): dependencies stopped, cut and restored under a running service.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
    },
  ],
};
