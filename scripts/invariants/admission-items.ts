import * as z from 'zod';
import { type Kind, kind } from './item-kind.js';

/**
 * The tickets module's items beside a session, as the admission checks read them: admissions
 * (where each ticket stands at the door) and scan records (every scan and its answer).
 *
 * Their partitions need no place in the settled check's read order (settled-check.ts): a scan
 * record is only ever created, so one present in both of two reads existed between them and one
 * absent from both did not; an admission never shows the same content twice, since every write
 * either moves it in with one more entry or moves it out, so two identical reads of it enclose no
 * write.
 */

export const admissionEntityNames = {
  admission: 'admission',
  scan: 'checkinScan',
} as const;

const sessionRef = { orgId: z.string(), sessionId: z.string() };

const admissionSchema = z.object({
  ...sessionRef,
  ticketId: z.string(),
  bookingId: z.string(),
  state: z.enum(['in', 'out']),
  entries: z.number(),
  at: z.string(),
});

const scanSchema = z.object({
  ...sessionRef,
  nonce: z.string(),
  /** Absent on scans of codes that name no ticket of this organization. */
  ticketId: z.string().optional(),
  outcome: z.string(),
  scannedAt: z.string(),
  /** The server's clock when the scan was decided: the order in which a ticket's moves were made. */
  recordedAt: z.string(),
});

export type AdmissionItem = z.infer<typeof admissionSchema>;
export type ScanItem = z.infer<typeof scanSchema>;

export const admissionKinds: [string, Kind][] = [
  [
    admissionEntityNames.admission,
    kind(admissionSchema, (s, v) => {
      s.admissions ??= [];
      s.admissions.push(v);
    }),
  ],
  [
    admissionEntityNames.scan,
    kind(scanSchema, (s, v) => {
      s.scans ??= [];
      s.scans.push(v);
    }),
  ],
];
