import type { EntityItem } from 'electrodb';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { ChunkResult, NightlyRun, NightlyRunStore, NightlyTotals } from '../domain/nightly-model.js';
import { runTtl } from '../domain/nightly-org.js';
import type { nightlyRunEntity } from './entities/nightly-run.js';

type RunItem = EntityItem<typeof nightlyRunEntity>;

const toRun = ({ ttl: _ttl, cursor, finishedAt, totals, ...rest }: RunItem): NightlyRun => ({
  ...rest,
  cursor: cursor ?? null,
  finishedAt: finishedAt ?? null,
  totals: totals ? (JSON.parse(totals) as NightlyTotals) : null,
});

export const dynamoNightlyRunStore = (service: EventlyService): NightlyRunStore => {
  const { nightlyRun, nightlyChunk } = service.entities;

  const get = async (orgId: string, night: string) => {
    const { data } = await nightlyRun.get({ orgId, night }).go({ consistent: true });
    return data ? toRun(data) : undefined;
  };

  return {
    get,

    async start(run) {
      const { cursor: _c, finishedAt: _f, totals: _t, ...item } = run;
      try {
        await nightlyRun.create({ ...item, ttl: runTtl(new Date(run.startedAt)) }).go();
        return run;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const stored = await get(run.orgId, run.night);
        if (!stored) throw err;
        return stored;
      }
    },

    async advance(run, change) {
      try {
        let op = nightlyRun
          .patch({ orgId: run.orgId, night: run.night })
          .set({ step: run.step + 1, walked: change.walked })
          .add({ sessions: change.sessions, chunksSent: change.chunksSent });
        if (change.trainedOn !== undefined) op = op.set({ trainedOn: change.trainedOn });
        op = change.cursor === null ? op.remove(['cursor']) : op.set({ cursor: change.cursor });
        const { data } = await op.where(({ step }, { eq }) => eq(step, run.step)).go({ response: 'all_new' });
        return toRun(data);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },

    async chunkDone(orgId, night, chunk) {
      const { data } = await nightlyChunk.get({ orgId, night, chunk }).go({ attributes: ['chunk'] });
      return data !== null;
    },

    async finishChunk(orgId, night, chunk, result: ChunkResult, at) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'chunk',
          write: tx.nightlyChunk
            .create({
              orgId,
              night,
              chunk,
              doneAt: at,
              result: JSON.stringify(result),
              ttl: runTtl(new Date(at)),
            })
            .commit(),
          fails: 'refused',
        },
        {
          label: 'run',
          write: tx.nightlyRun.patch({ orgId, night }).add({ chunksDone: 1 }).commit(),
        },
      ]);
      return committed;
    },

    async chunkResults(orgId, night) {
      const { data } = await nightlyChunk.query
        .byNight({ orgId, night })
        .go({ pages: 'all', attributes: ['result'] });
      return data.map((d) => JSON.parse(d.result) as ChunkResult);
    },

    async finish(orgId, night, totals, at) {
      await nightlyRun
        .patch({ orgId, night })
        .set({ phase: 'done', finishedAt: at, totals: JSON.stringify(totals) })
        .where(({ phase }, { eq }) => eq(phase, 'walking'))
        .go()
        .catch((err: unknown) => {
          // Finished already by another writer: the same totals.
          if (!isConditionFailure(err)) throw err;
        });
    },

    async purgeOrg(orgId, limit) {
      const { data: runs } = await nightlyRun.query
        .byOrg({ orgId })
        .go({ limit, attributes: ['orgId', 'night'] });
      for (const run of runs) {
        const { data: chunks } = await nightlyChunk.query
          .byNight(run)
          .go({ pages: 'all', attributes: ['orgId', 'night', 'chunk'] });
        if (chunks.length > 0) await nightlyChunk.delete(chunks).go();
      }
      if (runs.length > 0) await nightlyRun.delete(runs).go();
      return runs.length;
    },
  };
};
