import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

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

const waitlistPk = {
  field: 'pk',
  composite: ['orgId', 'sessionId'],
  template: '${orgId}#session#${sessionId}#waitlist',
  casing: 'none',
} as const;

export const waitlistSlotEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistSlot' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    slotKey: { type: 'string', required: true, readOnly: true },
    position: { type: 'number', required: true, readOnly: true },
    entryId: { type: 'string', required: true, readOnly: true },
    partySize: { type: 'number', required: true, readOnly: true },
    skips: { type: 'number', required: true },
  },
  indexes: {
    byLine: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId'],
        template: '${orgId}#session#${sessionId}#waitline',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['slotKey'], template: '${slotKey}', casing: 'none' },
    },
  },
});

export const waitlistMetaEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistMeta' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    lastPosition: { type: 'number', required: true },
  },
  indexes: {
    byId: { pk: waitlistPk, sk: { field: 'sk', composite: [], template: 'meta', casing: 'none' } },
  },
});

export const waitlistHolderEntity = new Entity({
  model: { ...entityBase, entity: 'waitlistHolder' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    holderId: { type: 'string', required: true, readOnly: true },
    entryId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byHolder: {
      pk: waitlistPk,
      sk: { field: 'sk', composite: ['holderId'], template: 'holder#${holderId}', casing: 'none' },
    },
  },
});

/** Slot sort keys: fixed width, so text order is numeric order (positions are positive). */
export const slotKeyOf = (position: number): string => position.toFixed(9).padStart(24, '0');
