import { describe, expect, it } from 'vitest';
import { domainEventSchema } from '../../functions/modules/notifications/contracts/domain-events.js';
import { publicEventTypes } from '../../functions/modules/notifications/domain/domain-events.js';
import { eventDocs, staleEventDocs } from '../../scripts/docs-events.js';

/** docs/events/ holds the JSON Schema of every public event as its zod schema gives it today. */
describe('the documented event schemas (docs/events/)', () => {
  it('are up to date with the zod schemas (else: npm run docs:events)', async () => {
    expect(await staleEventDocs()).toEqual([]);
  });

  it('document every public event type, with its envelope', () => {
    const docs = [...eventDocs().values()].map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(docs).toHaveLength(publicEventTypes.length);
    for (const doc of docs) {
      expect(doc).toMatchObject({
        type: 'object',
        required: ['id', 'type', 'version', 'orgId', 'occurredAt', 'subject', 'data'],
        additionalProperties: false,
      });
    }
  });

  it('refuse an event with a field the schema does not document', () => {
    const event = {
      id: 'event#session.cancelled#ses_1',
      type: 'session.cancelled',
      version: 1,
      orgId: 'org_1',
      occurredAt: '2030-01-01T10:00:00.000Z',
      subject: { type: 'session', id: 'ses_1' },
      data: { sessionId: 'ses_1', cancelledAt: '2030-01-01T10:00:00.000Z', cancelledBy: 'u_1' },
    };
    expect(domainEventSchema('session.cancelled').parse(event)).toEqual(event);
    expect(() =>
      domainEventSchema('session.cancelled').parse({ ...event, data: { ...event.data, email: 'a@b.c' } }),
    ).toThrow();
  });
});
