import type { Deps } from '../../../kernel/domain/deps.js';
import { runChunk } from './nightly-chunk.js';
import type { ChunkResult, NightlyMessage } from './nightly-model.js';
import { runOrgStep } from './nightly-org.js';
import { runTick } from './nightly-tick.js';

export type NightlyDeps = Parameters<typeof runChunk>[0] &
  Parameters<typeof runOrgStep>[0] &
  Parameters<typeof runTick>[0] &
  Pick<Deps, 'clock'>;

/** What handling one message did: for the function's log and metrics, and the local driver. */
export type NightlyOutcome =
  | { type: 'nightly.tick'; orgs: number }
  | { type: 'nightly.org'; step: 'done' | 'next' | 'skipped' }
  | { type: 'nightly.sessions'; result: ChunkResult | undefined };

/** Runs one message of the nightly queue (the function's handler and `npm run nightly` both call it). */
export const runNightlyMessage = async (deps: NightlyDeps, msg: NightlyMessage): Promise<NightlyOutcome> => {
  switch (msg.type) {
    case 'nightly.tick':
      return { type: msg.type, orgs: await runTick(deps, msg) };
    case 'nightly.org':
      return { type: msg.type, step: await runOrgStep(deps, msg) };
    case 'nightly.sessions':
      return { type: msg.type, result: await runChunk(deps, msg) };
  }
};
