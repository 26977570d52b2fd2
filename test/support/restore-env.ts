import { afterAll, beforeAll } from 'vitest';

/**
 * Projects whose files share their worker's modules (`isolate: false`) run this in each file: the
 * environment a file changes (a table name, a queue URL, a sweep's grace) is put back when the file
 * ends, so the next file in the worker starts from the run's own. Module-level state a file builds
 * from the environment is reset by the file itself (`resetContainer`).
 */
let saved: NodeJS.ProcessEnv = {};

beforeAll(() => {
  saved = { ...process.env };
});

afterAll(() => {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) delete process.env[name];
  }
  Object.assign(process.env, saved);
});
