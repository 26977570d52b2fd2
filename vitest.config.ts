import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One `vitest run` runs every project. The root's global setup starts one DynamoDB Local and one
 * fauxqs for the whole run (only when integration or e2e tests are part of it) and hands their
 * endpoints to every worker. Projects do not `extends: true` the root: they would inherit, and
 * run a second time, the global setup.
 */

const project = (
  name: string,
  timeouts: { testTimeout: number; hookTimeout: number } | Record<string, never> = {},
  isolate = true,
): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: [`test/${name}/**/*.test.ts`],
    pool: 'forks',
    isolate,
    ...timeouts,
  },
});

const slow = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // vitest's default on 2 cores is one worker; a second overlaps CPU-bound imports (CDK) with
    // tests that mostly wait on DynamoDB Local: about 35 s instead of 43 s for the full run.
    maxWorkers: 2,
    projects: [
      project('unit'),
      project('integration', slow),
      project('infra', { testTimeout: 60_000, hookTimeout: 60_000 }, false),
      project('e2e', slow),
    ],
  },
});
