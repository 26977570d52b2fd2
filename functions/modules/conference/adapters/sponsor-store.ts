import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { SponsorStore } from '../domain/ports.js';
import { storedSponsor, toSponsor } from './conference-items.js';

export const dynamoSponsorStore = (service: EventlyService): SponsorStore => {
  const { sponsor } = service.entities;
  return {
    async create(s) {
      await sponsor.create(storedSponsor(s)).go();
    },

    createOnce: (s) => unlessConditionFails(sponsor.create(storedSponsor(s)).go()),

    async get(orgId, eventId, sponsorId) {
      const { data } = await sponsor.get({ orgId, eventId, sponsorId }).go({ consistent: true });
      return data ? toSponsor(data) : undefined;
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `sponsors:${orgId}:${eventId}`,
        page,
        (opts) => sponsor.query.byEvent({ orgId, eventId }).go(opts),
        toSponsor,
      ),

    async listAll(orgId, eventId) {
      const { data } = await sponsor.query.byEvent({ orgId, eventId }).go({ pages: 'all' });
      return data.map(toSponsor);
    },

    // A whole put: cleared fields go. Only if the sponsor is still there (a cascade may run).
    async replace(s) {
      await sponsor
        .put(storedSponsor(s))
        .where(({ sponsorId }, { exists }) => exists(sponsorId))
        .go();
    },
  };
};
