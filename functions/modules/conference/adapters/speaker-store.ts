import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { SpeakerStore } from '../domain/ports.js';
import { storedSpeaker, toSpeaker } from './conference-items.js';

export const dynamoSpeakerStore = (service: EventlyService): SpeakerStore => {
  const { speaker } = service.entities;
  return {
    async create(s) {
      await speaker.create(storedSpeaker(s)).go();
    },

    async get(orgId, eventId, speakerId) {
      const { data } = await speaker.get({ orgId, eventId, speakerId }).go({ consistent: true });
      return data ? toSpeaker(data) : undefined;
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `speakers:${orgId}:${eventId}`,
        page,
        (opts) => speaker.query.byEvent({ orgId, eventId }).go(opts),
        toSpeaker,
      ),

    async listByUser(orgId, userId) {
      const { data } = await speaker.query.byUser({ listedUser: userId, orgId }).go({ pages: 'all' });
      return data.map(toSpeaker);
    },

    // A whole put, so that cleared fields go and the user index follows the user id.
    save: (before, after) =>
      unlessConditionFails(
        speaker
          .put(storedSpeaker(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),
  };
};
