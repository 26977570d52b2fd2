import { Entity } from 'electrodb';
import { teamRoles } from '../../../../kernel/domain/permissions.js';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A member's place on an event's team.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#team`  sk `${userId}` (an event's team; the gate of an
 *   event's routes reads one item of it)
 */
export const teamPlaceEntity = new Entity({
  model: { ...entityBase, entity: 'teamPlace' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'userId'),
    role: { type: teamRoles, required: true },
    permissions: { type: 'list', items: { type: 'string' }, required: true },
    status: { type: ['active', 'inactive'] as const, required: true },
    assignedBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#team'),
      sk: key('sk', ['userId'], '${userId}'),
    },
  },
});
