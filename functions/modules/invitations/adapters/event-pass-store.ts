import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { EventPassStore } from '../domain/ports.js';
import { toEventPass } from './invitation-items.js';

export const dynamoEventPassStore = (service: EventlyService): EventPassStore => ({
  async get(orgId, eventId, attendeeId) {
    const { data } = await service.entities.eventPass
      .get({ orgId, eventId, attendeeId })
      .go({ consistent: true });
    return data ? toEventPass(data) : undefined;
  },
});
