import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { newId } from '../../functions/kernel/domain/ids.js';
import { createDocumentClient, lowLevelClientOf } from '../../functions/kernel/dynamo/client.js';
import { counterTake } from '../../functions/modules/bookings/adapters/booking-tx-items.js';
import type { NewBooking } from '../../functions/modules/bookings/domain/ports.js';
import { claimPut } from '../../functions/modules/catalog/adapters/counter-claims.js';
import type { DriftTarget, Tenant } from './tenant.js';

/**
 * A counter drift as the product leaves one: a general-admission booking that wrote its claim and
 * took its places from the counter (the product's own `claimPut` and `counterTake` writes) and
 * then died before its transaction. The counter counts 2 confirmed places no booking holds, and
 * the claim is older than the recount's 15-minute grace, so the night gives the places back.
 */

export const driftPlaces = 2;

export interface PlantedDrift {
  orgId: string;
  sessionId: string;
}

export const plantDrifts = async (
  endpoint: string,
  table: string,
  tenant: Tenant,
  set: number,
  claimedAt: Date,
): Promise<PlantedDrift[]> => {
  const client = lowLevelClientOf(createDocumentClient({ region: 'us-east-1', endpoint }));
  const planted: PlantedDrift[] = [];
  const at = claimedAt.toISOString();
  try {
    for (const org of tenant.orgs) {
      for (const target of org.driftSets[set] ?? []) {
        await cutOffBooking(client, table, target, org.attendeeIds[0] ?? '', tenant.owner.sub, at);
        planted.push({ orgId: org.orgId, sessionId: target.session.sessionId });
      }
    }
  } finally {
    client.destroy();
  }
  return planted;
};

const cutOffBooking = async (
  client: ReturnType<typeof lowLevelClientOf>,
  table: string,
  { session, event }: DriftTarget,
  attendeeId: string,
  by: string,
  at: string,
): Promise<void> => {
  const bookingId = newId('bkg');
  const nb: NewBooking = {
    booking: {
      orgId: session.orgId,
      sessionId: session.sessionId,
      eventId: session.eventId,
      bookingId,
      attendeeId,
      partyId: null,
      seats: driftPlaces,
      seatLabels: [],
      tickets: [],
      discount: null,
      status: 'confirmed',
      paymentStatus: 'none',
      holdExpiresAt: null,
      bookedBy: by,
      userId: null,
      waitlistEntryId: null,
      createdAt: at,
      updatedAt: at,
    },
    event,
    session,
    tickets: [],
    holder: { kind: 'attendee', attendeeId, linkedTo: null },
  };
  await client.send(new PutItemCommand(claimPut(table, session, bookingId, at)));
  await client.send(new UpdateItemCommand(counterTake(table, nb, 0)));
};
