import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';

/**
 * Takes back what a night wrote that would change the same night run again, so the bench can run
 * one night twice (with fan-out, then one message at a time) on the same work: each
 * organization's run and chunk records of the night, and the outcomes the night recorded (those
 * recorded at its clock). Forecasts, the model and the audit summary are whole items the next run
 * writes again; the drifts it corrected are planted afresh (drift.ts).
 */
export const resetNight = async (
  endpoint: string,
  table: string,
  orgIds: readonly string[],
  night: string,
  recordedAt: string,
): Promise<{ runs: number; chunks: number; outcomes: number }> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  const { nightlyRun, nightlyChunk, sessionOutcome } = createService(client, table).entities;
  const removed = { runs: 0, chunks: 0, outcomes: 0 };
  try {
    for (const orgId of orgIds) {
      const { data: chunks } = await nightlyChunk.query
        .byNight({ orgId, night })
        .go({ pages: 'all', attributes: ['orgId', 'night', 'chunk'] });
      if (chunks.length > 0) await nightlyChunk.delete(chunks).go();
      removed.chunks += chunks.length;
      await nightlyRun.delete({ orgId, night }).go();
      removed.runs += 1;
      const { data: outcomes } = await sessionOutcome.query
        .byOrg({ orgId })
        .where(({ recordedAt: r }, { eq }) => eq(r, recordedAt))
        .go({ pages: 'all', attributes: ['orgId', 'sessionId'] });
      if (outcomes.length > 0) await sessionOutcome.delete(outcomes).go();
      removed.outcomes += outcomes.length;
    }
  } finally {
    client.destroy();
  }
  return removed;
};
