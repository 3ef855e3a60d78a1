import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  // The real-browser specs need Chromium and run with `npm run test:browser`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/browser/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^rxchain$': '<rootDir>/lib/index.ts',
    '^rxchain/testing$': '<rootDir>/lib/testing/index.ts',
    '^rxchain/redis$': '<rootDir>/lib/redis/index.ts',
    // Docs show LangChain.js's client by its own name; the dev dependency is 0.3.x, aliased.
    '^@langchain/core/(.*)$': 'langchain-core-03/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ['<rootDir>/spec/support/setup.ts'],
  testTimeout: 20000,
};

export default config;
