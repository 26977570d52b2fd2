import type { EntityItem } from 'electrodb';
import { optional } from '../../../kernel/dynamo/entity-base.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { isConditionFailure, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { CheckinConflict, ConflictStore } from '../domain/conflict-ports.js';
import type { checkinConflictEntity } from './entities/checkin-conflict.js';

type ConflictItem = EntityItem<typeof checkinConflictEntity>;

/** The flat attributes: the nested `offline` and `server` parts are stored flattened. */
type Flat = Omit<CheckinConflict, 'offline' | 'server'>;

const flatFields = fromStored<Flat, Omit<ConflictItem, Exclude<keyof ConflictItem, keyof Flat>>>({
  nullable: {
    ticketId: true,
    bookingId: true,
    resolution: true,
    note: true,
    resolvedBy: true,
    resolvedAt: true,
  },
  itemOnly: {},
});

const toConflict = (item: ConflictItem): CheckinConflict => {
  const { deviceId, gate, scannedAt, nonce, method, outcome, previousAt, previousGate, ...rest } = item;
  const { bookingStatus, paymentStatus, bookingChangedAt, ...flat } = rest;
  return {
    ...flatFields(flat),
    offline: { deviceId: deviceId ?? null, gate, scannedAt, nonce, method },
    server: {
      outcome,
      admission: previousAt && previousGate ? { at: previousAt, gate: previousGate } : null,
      booking:
        bookingStatus && paymentStatus && bookingChangedAt
          ? { status: bookingStatus, paymentStatus, changedAt: bookingChangedAt }
          : null,
    },
  };
};

const toItem = ({ offline, server, ...flat }: CheckinConflict) => ({
  ...toStored(flat),
  ...optional('deviceId', offline.deviceId),
  gate: offline.gate,
  scannedAt: offline.scannedAt,
  nonce: offline.nonce,
  method: offline.method,
  outcome: server.outcome,
  ...(server.admission ? { previousAt: server.admission.at, previousGate: server.admission.gate } : {}),
  ...(server.booking
    ? {
        bookingStatus: server.booking.status,
        paymentStatus: server.booking.paymentStatus,
        bookingChangedAt: server.booking.changedAt,
      }
    : {}),
});

export const dynamoConflictStore = (service: EventlyService): ConflictStore => {
  const { checkinConflict } = service.entities;

  const get = async (orgId: string, sessionId: string, nonce: string) => {
    const { data } = await checkinConflict.get({ orgId, sessionId, nonce }).go({ consistent: true });
    return data ? toConflict(data) : undefined;
  };

  return {
    get,

    async createIfAbsent(conflict) {
      try {
        await checkinConflict.create(toItem(conflict)).go();
        return conflict;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      // The scan made its conflict before (an upload sent again): that one stands.
      const stored = await get(conflict.orgId, conflict.sessionId, conflict.offline.nonce);
      if (!stored) throw new Error(`conflict ${conflict.conflictId} exists but cannot be read`);
      return stored;
    },

    listBySession: (orgId, sessionId, status, page) =>
      queryPage(
        `checkin-conflicts:${orgId}:${sessionId}:${status}`,
        page,
        (opts) => checkinConflict.query.byStatus({ orgId, sessionId, status }).go(opts),
        toConflict,
      ),

    resolve: (resolved) =>
      unlessConditionFails(
        checkinConflict
          .put(toItem(resolved))
          .where(({ status }, { eq }) => eq(status, 'open'))
          .go(),
      ),
  };
};
