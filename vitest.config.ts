import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One `vitest run` runs every project. The root's global setup starts one DynamoDB Local and one
 * fauxqs for the whole run (only when integration or e2e tests are part of it) and hands their
 * endpoints to every worker. Projects do not `extends: true` the root: they would inherit, and
 * run a second time, the global setup.
 */

/**
 * `isolate: false` lets a project's files share their worker's modules: CDK, the SDK and the app
 * are imported once per worker instead of once per file (about 70 s of the run's imports on 2
 * cores). Such a project restores the environment after each file (restore-env.ts). Isolated: the
 * unit file of the bundle flags (it sets module-level build flags before its imports: its own
 * project), and e2e (each file's local runtime loads the functions with its own table and queues).
 */
const project = (
  name: string,
  timeouts: { testTimeout: number; hookTimeout: number } | Record<string, never> = {},
  isolate = true,
  files: { dir?: string; include?: string[]; exclude?: string[] } = {},
): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: files.include ?? [`test/${files.dir ?? name}/**/*.test.ts`],
    ...(files.exclude ? { exclude: files.exclude } : {}),
    pool: 'forks',
    isolate,
    ...(isolate ? {} : { setupFiles: ['test/support/restore-env.ts'] }),
    ...timeouts,
  },
});

const isolatedUnitFiles = ['test/unit/bundle-flags.test.ts'];

const slow = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // vitest's default on 2 cores is one worker. Most test files wait on DynamoDB Local and the
    // local runtime's pollers rather than compute, so three workers keep 2 cores busy: the whole
    // run took 915 s with three against about 1,300 s with two (fresh clone, 2 cores).
    maxWorkers: 3,
    projects: [
      project('unit', {}, false, { exclude: isolatedUnitFiles }),
      project('unit-isolated', {}, true, { include: isolatedUnitFiles }),
      project('integration', slow, false),
      project('infra', { testTimeout: 60_000, hookTimeout: 60_000 }, false),
      project('e2e', slow),
    ],
  },
});
