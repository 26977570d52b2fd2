import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, type TxItem, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { confirmedBookingCheck } from '../../bookings/index.js';
import type { Admission, ScanRecord } from '../domain/model.js';
import type { AdmissionStore } from '../domain/ports.js';
import { admissionEvents } from './admission-events.js';
import type { admissionEntity } from './entities/admission.js';
import type { checkinScanEntity } from './entities/checkin-scan.js';
import { scanContextReader } from './scan-context.js';

type ScanItem = EntityItem<typeof checkinScanEntity>;

const scanFields = fromStored<Omit<ScanRecord, 'previous'>, Omit<ScanItem, 'previousAt' | 'previousGate'>>({
  nullable: { ticketId: true, bookingId: true, attendeeId: true, deviceId: true, reason: true },
  itemOnly: {},
});

export const toScan = ({ previousAt, previousGate, ...rest }: ScanItem): ScanRecord => ({
  ...scanFields(rest),
  previous: previousAt && previousGate ? { at: previousAt, gate: previousGate } : null,
});

const toScanItem = ({ previous, ...rest }: ScanRecord) => ({
  ...toStored(rest),
  ...(previous ? { previousAt: previous.at, previousGate: previous.gate } : {}),
});

export const toAdmission = fromStored<Admission, EntityItem<typeof admissionEntity>>({
  nullable: { attendeeId: true },
  itemOnly: { listedAttendee: true },
});

/** The stored admission, listed under its attendee (gsi2) when it has one. */
const toAdmissionItem = (a: Admission) => ({ ...toStored(a), listedAttendee: a.attendeeId ?? unlisted });

export const dynamoAdmissionStore = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
): AdmissionStore => {
  const { admission, checkinScan } = service.entities;
  return {
    scanContext: scanContextReader(service, client, table),

    async getScan(orgId, sessionId, nonce) {
      const { data } = await checkinScan.get({ orgId, sessionId, nonce }).go({ consistent: true });
      return data ? toScan(data) : undefined;
    },

    async getAdmission(ref) {
      const { data } = await admission.get(ref).go({ consistent: true });
      return data ? toAdmission(data) : undefined;
    },

    async commitScan({ scan, admission: move }) {
      // A scan that moves nothing (already in, refused) is one conditional put: a transaction
      // would cost twice the write units and, at a busy gate, queue behind the admitting one.
      if (!move) {
        const created = await unlessConditionFails(checkinScan.create(toScanItem(scan)).go());
        return created ? 'done' : 'scan_exists';
      }
      const { committed, failed } = await commitTransaction(service, (tx): TxItem[] => [
        { label: 'scan', write: tx.checkinScan.create(toScanItem(scan)).commit(), fails: 'refused' },
        {
          label: 'admission',
          write: move.current
            ? tx.admission
                .put(toAdmissionItem(move.next))
                // (state, entries) changes with every move: device times alone could repeat.
                .where(
                  (a, { eq }) =>
                    `${eq(a.state, move.current?.state ?? 'in')} AND ${eq(a.entries, move.current?.entries ?? 0)}`,
                )
                .commit()
            : tx.admission.create(toAdmissionItem(move.next)).commit(),
          fails: 'refused',
        },
        confirmedBookingCheck(tx, {
          orgId: scan.orgId,
          sessionId: scan.sessionId,
          bookingId: move.bookingId,
        }),
        ...admissionEvents(tx, scan, move.next),
      ]);
      if (committed) return 'done';
      if (failed.has('scan')) return 'scan_exists';
      if (failed.has('booking')) return 'not_confirmed';
      return 'moved';
    },
  };
};
