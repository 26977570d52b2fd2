import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { Session } from '../domain/session.js';
import type { SessionStore } from '../domain/session-ports.js';
import { voidClaims } from './counter-claims.js';
import { stampItems, withOpenCount } from './counter-shard-store.js';
import { sessionCancelledEvents } from './session-events.js';
import { cancellationItem, closedStamp } from './session-items.js';

type Writes = Pick<SessionStore, 'cancel' | 'completeCancellation'>;

/** Single-item conditional writes: a lost condition means someone else already did it (or the item is gone). */
const unlessAlreadyDone = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await write();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
};

/** The session writes of a cancellation: scheduled -> cancelled, then the mark that it is complete. */
export const sessionCancellationWrites = (
  service: EventlyService,
  get: (orgId: string, sessionId: string) => Promise<Session | undefined>,
): Writes => {
  const { session } = service.entities;
  return {
    async cancel(orgId, sessionId, cancellation) {
      // Refused: cancelled before, or being deleted (told apart by the read below).
      const ref = { orgId, sessionId };
      await withOpenCount(service, ref, (count) =>
        commitTransaction(service, (tx) => [
          {
            label: 'session',
            write: tx.session
              .patch(ref)
              .set({ status: 'cancelled', ...cancellationItem(cancellation), updatedAt: cancellation.at })
              .where(
                ({ status, deleting }, { eq }) => `${eq(status, 'scheduled')} AND ${eq(deleting, false)}`,
              )
              .commit(),
            fails: 'refused',
          },
          ...stampItems(tx, ref, count, closedStamp(cancellation.at)),
          ...sessionCancelledEvents(tx, ref, cancellation),
        ]),
      );
      await voidClaims(service, ref);
      const stored = await get(orgId, sessionId);
      if (!stored) throw notFound('session');
      if (stored.status !== 'cancelled') {
        throw new DomainError('SESSION_DELETING', 'the session is being deleted');
      }
      return stored;
    },

    completeCancellation: (orgId, sessionId, at) =>
      unlessAlreadyDone(() =>
        session
          .patch({ orgId, sessionId })
          .set({ cancelCompletedAt: at })
          .where(
            ({ status, cancelCompletedAt }, { eq, notExists }) =>
              `${eq(status, 'cancelled')} AND ${notExists(cancelCompletedAt)}`,
          )
          .go(),
      ),
  };
};
