import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import type { Party } from '../domain/model.js';
import type { PartyChange } from '../domain/ports.js';

/**
 * Transaction items shared by the party and attendee stores: every change of a party's members
 * rewrites the party (conditional on its version) together with each attendee's `partyId`.
 */

export const partyKey = (p: Pick<Party, 'orgId' | 'partyId'>) => ({ orgId: p.orgId, partyId: p.partyId });

export const staleParty = (partyId: string) =>
  new DomainError(
    'CONFLICT',
    `party ${partyId} was changed by someone else meanwhile; read it again and retry`,
    {
      partyId,
      stale: true,
    },
  );

/** `after`, written only if the party is still at the version `before` was read at. */
export const partyRewrite = (tx: TxEntities, { before, after }: PartyChange) => {
  const { leaderId } = after;
  let op = tx.party.patch(partyKey(before)).set({
    name: after.name,
    memberIds: after.memberIds,
    version: before.version + 1,
    updatedAt: after.updatedAt,
    ...(leaderId ? { leaderId } : {}),
  });
  if (!leaderId) op = op.remove(['leaderId']);
  return op.where(({ version }, { eq }) => eq(version, before.version)).commit();
};

/** Sets the attendee's party; fails if the attendee is gone or already in a party. */
export const joinItem = (tx: TxEntities, party: Party, attendeeId: string) =>
  tx.attendee
    .patch({ orgId: party.orgId, attendeeId })
    .set({ partyId: party.partyId, updatedAt: party.updatedAt })
    .where(({ partyId }, { notExists }) => notExists(partyId))
    .commit();

export const leaveItem = (tx: TxEntities, party: Party, attendeeId: string, at: string) =>
  tx.attendee
    .patch({ orgId: party.orgId, attendeeId })
    .remove(['partyId'])
    .set({ updatedAt: at })
    .where(({ partyId }, { eq }) => eq(partyId, party.partyId))
    .commit();

/** A placeholder reason for a failed join, resolved by `explainJoinFailure` once it is known. */
export const joinRefused = (attendeeId: string) =>
  new DomainError('ALREADY_IN_PARTY', `attendee ${attendeeId} cannot join`, { joining: attendeeId });

/** Reads why a join failed: the attendee is gone, or which party holds them. */
export const explainJoinFailure = async (
  service: EventlyService,
  orgId: string,
  err: unknown,
): Promise<unknown> => {
  const attendeeId = err instanceof DomainError ? err.details.joining : undefined;
  if (typeof attendeeId !== 'string') return err;
  const { data } = await service.entities.attendee.get({ orgId, attendeeId }).go({ consistent: true });
  if (!data) return notFound(`attendee ${attendeeId}`);
  return new DomainError('ALREADY_IN_PARTY', `attendee ${attendeeId} is already in party ${data.partyId}`, {
    attendeeId,
    partyId: data.partyId,
  });
};
