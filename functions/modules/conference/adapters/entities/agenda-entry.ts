import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { conferencePk } from './event-partition.js';

/**
 * What a session of the event is about (its time, room, cancellation and registration deadline
 * stay the catalog's).
 *
 * Key templates:
 * - table: pk `${orgId}#conference#event#${eventId}`  sk `agenda#${sessionId}`
 */
export const agendaEntryEntity = new Entity({
  model: { ...entityBase, entity: 'agendaEntry' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'sessionId', 'createdAt'),
    title: { type: 'string', required: true },
    description: { type: 'string' },
    type: { type: ['keynote', 'workshop', 'panel', 'networking', 'break', 'talk'] as const, required: true },
    level: { type: ['beginner', 'intermediate', 'advanced'] as const },
    speakerIds: { type: 'list', items: { type: 'string' }, required: true },
    tags: { type: 'list', items: { type: 'string' }, required: true },
    registrationRequired: { type: 'boolean', required: true },
    recordingUrl: { type: 'string' },
    chatEnabled: { type: 'boolean', required: true },
    status: { type: ['scheduled', 'live', 'completed'] as const, required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: conferencePk,
      sk: key('sk', ['sessionId'], 'agenda#${sessionId}'),
    },
  },
});
