import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { AgendaStore } from '../domain/ports.js';
import { storedAgendaEntry, toAgendaEntry } from './conference-items.js';

export const dynamoAgendaStore = (service: EventlyService): AgendaStore => {
  const { agendaEntry, speaker, sponsor } = service.entities;
  return {
    async get(orgId, eventId, sessionId) {
      const { data } = await agendaEntry.get({ orgId, eventId, sessionId }).go({ consistent: true });
      return data ? toAgendaEntry(data) : undefined;
    },

    async listByEvent(orgId, eventId) {
      const { data } = await agendaEntry.query
        .byEvent({ orgId, eventId })
        .go({ pages: 'all', consistent: true });
      return data.map(toAgendaEntry);
    },

    async put(entry, guards, before) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'entry',
          write: before
            ? tx.agendaEntry
                .put(storedAgendaEntry(entry))
                .where(({ updatedAt }, { eq }) => eq(updatedAt, before.updatedAt))
                .commit()
            : tx.agendaEntry.create(storedAgendaEntry(entry)).commit(),
          fails: 'refused' as const,
        },
        ...guards.map((g) => ({
          label: 'speaker',
          write: tx.speaker
            .patch({ orgId: entry.orgId, eventId: entry.eventId, speakerId: g.speakerId })
            .add({ version: 1 })
            .where(
              ({ version, status }, { eq, ne }) => `${eq(version, g.version)} AND ${ne(status, 'cancelled')}`,
            )
            .commit(),
          fails: 'refused' as const,
        })),
      ]);
      return committed;
    },

    async purgeEvent(orgId, eventId, limit) {
      // One partition holds them all: the agenda, then the speakers, then the sponsors, until
      // `limit` items are gone.
      const key = { orgId, eventId };
      const entries = await agendaEntry.query
        .byEvent(key)
        .go({ limit, attributes: ['orgId', 'eventId', 'sessionId'] });
      if (entries.data.length > 0) await agendaEntry.delete(entries.data).go();
      let removed = entries.data.length;
      if (removed >= limit) return removed;
      const speakers = await speaker.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'speakerId'] });
      if (speakers.data.length > 0) await speaker.delete(speakers.data).go();
      removed += speakers.data.length;
      if (removed >= limit) return removed;
      const sponsors = await sponsor.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'sponsorId'] });
      if (sponsors.data.length > 0) await sponsor.delete(sponsors.data).go();
      return removed + sponsors.data.length;
    },
  };
};
