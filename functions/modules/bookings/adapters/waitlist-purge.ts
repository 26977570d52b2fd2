import type { EventlyService } from '../../../kernel/dynamo/service.js';

/**
 * Deletes up to `limit` waitlist items of one session (entries, line slots, holder items, the
 * meta item) for cascade deletes. Returns how many it deleted; fewer than `limit` means none are
 * left. Every kind is found through the session's own partitions.
 */
export const purgeSessionWaitlist = async (
  service: EventlyService,
  orgId: string,
  sessionId: string,
  limit: number,
): Promise<number> => {
  const { waitlistEntry, waitlistSlot, waitlistHolder, waitlistMeta } = service.entities;
  const key = { orgId, sessionId };
  // Each kind is listed then deleted by its own key shape; ElectroDB's types do not unify them.
  const kinds: Array<(left: number) => Promise<number>> = [
    async (left) => {
      const { data } = await waitlistEntry.query.bySession(key).go({ limit: left });
      if (data.length > 0) await waitlistEntry.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await waitlistSlot.query.byLine(key).go({ limit: left });
      if (data.length > 0) await waitlistSlot.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await waitlistHolder.query.byHolder(key).go({ limit: left });
      if (data.length > 0) await waitlistHolder.delete(data).go();
      return data.length;
    },
    async () => {
      const { data } = await waitlistMeta.get(key).go();
      if (data) await waitlistMeta.delete(key).go();
      return data ? 1 : 0;
    },
  ];
  let deleted = 0;
  for (const purge of kinds) {
    if (deleted >= limit) return deleted;
    deleted += await purge(limit - deleted);
  }
  return deleted;
};
