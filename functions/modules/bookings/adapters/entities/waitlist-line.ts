import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The waiting line of a session and the items that keep it sound.
 *
 * Key templates:
 * - slot:   pk `${orgId}#session#${sessionId}#waitline`  sk `${slotKey}` (zero-padded position)
 *   One per waiting entry, created with `attribute_not_exists` (positions unique) and deleted when
 *   the entry stops waiting: one strongly consistent Query reads the line in order. Its own
 *   partition, so reading the line never pages through the entries' history.
 * - meta:   pk `${orgId}#session#${sessionId}#waitlist`  sk `meta` (the next position to hand out)
 * - holder: pk `${orgId}#session#${sessionId}#waitlist`  sk `holder#${holderId}`
 *   Exists while the attendee or party has an active (waiting or offered) entry: at most one.
 */

/** An entry's ticket categories (events that sell them): the places of each it waits for. */
export const waitedTickets = {
  type: 'list',
  readOnly: true,
  items: {
    type: 'map',
    properties: {
      categoryId: { type: 'string', required: true },
      seats: { type: 'number', required: true },
    },
  },
} as const;

const waitlistPk = key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#waitlist');

export const waitlistSlotEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistSlot' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'slotKey'),
    position: { type: 'number', required: true, readOnly: true },
    entryId: { type: 'string', required: true, readOnly: true },
    partySize: { type: 'number', required: true, readOnly: true },
    /** Events that sell ticket categories: its entry's. */
    tickets: waitedTickets,
    skips: { type: 'number', required: true },
  },
  indexes: {
    byLine: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#waitline'),
      sk: key('sk', ['slotKey'], '${slotKey}'),
    },
  },
});

export const waitlistMetaEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistMeta' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId'),
    lastPosition: { type: 'number', required: true },
  },
  indexes: {
    byId: { pk: waitlistPk, sk: key('sk', [], 'meta') },
  },
});

export const waitlistHolderEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistHolder' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'holderId', 'entryId'),
  },
  indexes: {
    byHolder: { pk: waitlistPk, sk: key('sk', ['holderId'], 'holder#${holderId}') },
  },
});

/** Slot sort keys: fixed width, so text order is numeric order (positions are positive). */
export const slotKeyOf = (position: number): string => position.toFixed(9).padStart(24, '0');
