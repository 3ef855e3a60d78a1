import type { Config } from 'jest';
import base from './jest.config';

/** The real-browser specs (`npm run test:browser`): Debian's Chromium through playwright-core. */
const config: Config = {
  ...base,
  roots: ['<rootDir>/spec/browser'],
  testPathIgnorePatterns: [],
  // One browser at a time on a 2-core machine; pages and servers are heavy.
  maxWorkers: 1,
  testTimeout: 120000,
};

export default config;
