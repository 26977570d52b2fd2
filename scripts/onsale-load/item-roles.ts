import { sessionEntity } from '../../functions/modules/catalog/adapters/entities/session.js';
import { sessionCounterEntity } from '../../functions/modules/catalog/adapters/entities/session-counter.js';
import type { ItemCounters } from '../contention/counters.js';

/**
 * What each item the contention model saw written is to the on-sale, told by its key:
 * - `counter`: one of the session's counter items (the counter, or a shard of it: a shard's key
 *   extends the counter's);
 * - `session`: any other item under the session's key (bookings, their history, the outbox);
 * - `buyer`: an item keyed by one buyer (their attendee record), written only by that buyer;
 * - `shared`: anything else, which bookings of other sessions may write too.
 * The keys come from the entities themselves, so a change of key template changes them here too.
 */

export type ItemRole = 'counter' | 'session' | 'buyer' | 'shared';

export interface RoleKeys {
  counterPk: string;
  sessionPk: string;
  /** Ids that key a buyer's own items (attendee ids). */
  buyerIds: ReadonlySet<string>;
}

export interface ItemKey {
  table: string;
  pk: string;
  sk: string | null;
}

/** The proxy labels an item `table pk sk` (ids and key templates hold no spaces). */
export const keyOfLabel = (label: string): ItemKey => {
  const [table = '', pk = '', sk] = label.split(' ');
  return { table, pk, sk: sk ?? null };
};

const pkOf = (params: { Key?: Record<string, unknown> }): string => {
  const pk = params.Key?.pk;
  if (typeof pk !== 'string') throw new Error('an entity get without a pk');
  return pk;
};

export const roleKeysOf = (orgId: string, sessionId: string, buyerIds: Iterable<string>): RoleKeys => ({
  counterPk: pkOf(sessionCounterEntity.get({ orgId, sessionId }).params({ table: 'any' })),
  sessionPk: pkOf(sessionEntity.get({ orgId, sessionId }).params({ table: 'any' })),
  buyerIds: new Set(buyerIds),
});

const under = (pk: string, prefix: string): boolean => pk === prefix || pk.startsWith(`${prefix}#`);

export const roleOf = (key: ItemKey, keys: RoleKeys): ItemRole => {
  if (under(key.pk, keys.counterPk)) return 'counter';
  if (under(key.pk, keys.sessionPk)) return 'session';
  const parts = [...key.pk.split('#'), ...(key.sk?.split('#') ?? [])];
  return parts.some((p) => keys.buyerIds.has(p)) ? 'buyer' : 'shared';
};

export interface RoledItem extends ItemCounters {
  role: ItemRole;
  key: ItemKey;
}

export const withRoles = (items: readonly ItemCounters[], keys: RoleKeys): RoledItem[] =>
  items.map((item) => {
    const key = keyOfLabel(item.label);
    return { ...item, key, role: roleOf(key, keys) };
  });
