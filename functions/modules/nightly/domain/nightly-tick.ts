import type { Deps } from '../../../kernel/domain/deps.js';
import { tickPage, utcDay } from './nightly-model.js';

type TickDeps = Pick<Deps, 'orgs' | 'nightlyQueue' | 'clock'>;

/**
 * One page of the tenant's organizations: starts each one's run for the night (step 0), and hands
 * the rest of the list to the next tick message. A tick delivered again starts nothing twice: an
 * organization's run is one item per night, and a step message runs only while the run is at it.
 */
export const runTick = async (deps: TickDeps, tick: { night?: string; cursor?: string }): Promise<number> => {
  const night = tick.night ?? utcDay(deps.clock.now());
  const page = await deps.orgs.listIds(tickPage, tick.cursor);
  await deps.nightlyQueue.send([
    ...page.ids.map((orgId) => ({ type: 'nightly.org' as const, orgId, night, step: 0 })),
    ...(page.cursor ? [{ type: 'nightly.tick' as const, night, cursor: page.cursor }] : []),
  ]);
  return page.ids.length;
};
