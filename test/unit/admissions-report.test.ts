import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../functions/kernel/http/csv.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { admissionRows } from '../../functions/modules/tickets/domain/admissions-export.js';
import type { AdmissionMove } from '../../functions/modules/tickets/domain/admissions-ports.js';
import { hourOf, summarize } from '../../functions/modules/tickets/domain/admissions-summary.js';
import type { Admission } from '../../functions/modules/tickets/domain/model.js';
import { parseCsv } from '../support/csv.js';

/** The door reports as pure functions: figures, rows of the export, and the CSV they are written as. */

const ref = { orgId: 'org_a', sessionId: 'ses_a' };
const startsAt = '2030-01-01T19:00:00.000Z';

const booking = (
  bookingId: string,
  status: Booking['status'],
  seats: number,
  extra: Partial<Booking> = {},
): Booking => ({
  ...ref,
  eventId: 'evt_a',
  bookingId,
  attendeeId: `att_${bookingId}`,
  partyId: null,
  seats,
  seatLabels: [],
  tickets: [],
  discount: null,
  status,
  paymentStatus: 'none',
  holdExpiresAt: null,
  bookedBy: 'boss',
  userId: null,
  waitlistEntryId: null,
  createdAt: '2029-12-01T10:00:00.000Z',
  updatedAt: '2029-12-01T10:00:00.000Z',
  ...extra,
});

const admission = (
  ticketId: string,
  state: 'in' | 'out',
  entries: number,
  at: string,
  gate = 'North',
): Admission => ({
  ...ref,
  ticketId,
  bookingId: ticketId.replace(/-\d+$/, ''),
  attendeeId: null,
  state,
  gate,
  at,
  entries,
  firstEntryAt: at,
  updatedAt: at,
});

const move = (
  ticketId: string,
  outcome: AdmissionMove['outcome'],
  gate: string,
  scannedAt: string,
): AdmissionMove => ({
  ticketId,
  outcome,
  gate,
  scannedAt,
  recordedAt: scannedAt,
});

const bookings = [
  booking('bkg_a', 'confirmed', 2, { seatLabels: ['A1', 'A2'] }),
  booking('bkg_b', 'confirmed', 1),
  booking('bkg_c', 'cancelled', 1),
  booking('bkg_d', 'held', 3),
];
const admissions = [
  admission('bkg_a-1', 'in', 2, '2030-01-01T19:40:00.000Z', 'South'),
  admission('bkg_a-2', 'out', 1, '2030-01-01T20:05:00.000Z'),
  // Went in, then the booking was cancelled.
  admission('bkg_c-1', 'in', 1, '2030-01-01T18:30:00.000Z'),
];
const moves = [
  move('bkg_a-1', 'admitted', 'North', '2030-01-01T18:50:00.000Z'),
  move('bkg_a-1', 'exited', 'North', '2030-01-01T19:10:00.000Z'),
  move('bkg_a-1', 'admitted', 'South', '2030-01-01T19:40:00.000Z'),
  move('bkg_a-2', 'admitted', 'North', '2030-01-01T18:55:00.000Z'),
  move('bkg_a-2', 'exited', 'North', '2030-01-01T20:05:00.000Z'),
  move('bkg_c-1', 'admitted', 'South', '2030-01-01T18:30:00.000Z'),
];

describe('admission figures', () => {
  const input = { sessionId: ref.sessionId, startsAt, bookings, admissions, moves };

  it('count tickets, inside, entered and exits, by gate and by hour; no no-shows before the start', () => {
    const now = new Date('2030-01-01T18:59:59.000Z');
    expect(summarize(input, now)).toEqual({
      sessionId: 'ses_a',
      tickets: 3,
      inside: 2,
      entered: 3,
      exits: 2,
      byGate: [
        { gate: 'North', entries: 2, exits: 2 },
        { gate: 'South', entries: 2, exits: 0 },
      ],
      byHour: [
        { hour: '2030-01-01T18:00:00.000Z', entries: 3, exits: 0 },
        { hour: '2030-01-01T19:00:00.000Z', entries: 1, exits: 1 },
        { hour: '2030-01-01T20:00:00.000Z', entries: 0, exits: 1 },
      ],
      noShows: null,
      generatedAt: now.toISOString(),
    });
  });

  it('count the confirmed tickets never admitted as no-shows once the session has started', () => {
    expect(summarize(input, new Date(startsAt)).noShows).toBe(1);
    expect(summarize({ ...input, admissions: [] }, new Date(startsAt)).noShows).toBe(3);
  });

  it('bucket a time into the start of its UTC hour', () => {
    expect(hourOf('2030-01-01T20:59:59.999+01:00')).toBe('2030-01-01T19:00:00.000Z');
  });
});

describe('admission export rows', () => {
  it('list every confirmed ticket and the tickets that entered, in booking and place order', async () => {
    const names = new Map([
      ['att_bkg_a', 'Ada L'],
      ['att_bkg_b', 'Ben L'],
    ]);
    const rows = await admissionRows(
      bookings,
      admissions,
      async (h) => names.get(h.attendeeId ?? '') ?? null,
    );
    expect(rows.map((r) => [r.ticketId, r.seat, r.attendee, r.state, r.entries, r.bookingStatus])).toEqual([
      ['bkg_a-1', 'A1', 'Ada L', 'in', 2, 'confirmed'],
      ['bkg_a-2', 'A2', 'Ada L', 'out', 1, 'confirmed'],
      ['bkg_b-1', null, 'Ben L', 'not_arrived', 0, 'confirmed'],
      ['bkg_c-1', null, null, 'in', 1, 'cancelled'],
    ]);
    expect(rows[0]).toMatchObject({
      bookingId: 'bkg_a',
      firstEntryAt: '2030-01-01T19:40:00.000Z',
      lastMoveAt: '2030-01-01T19:40:00.000Z',
      gate: 'South',
    });
    expect(rows[2]).toMatchObject({ firstEntryAt: null, lastMoveAt: null, gate: null });
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and writes null as nothing', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvField('the "North" gate')).toBe('"the ""North"" gate"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('prefixes cells a spreadsheet would run as formulas with a quote', () => {
    for (const cell of ['=1+1', '+49 151', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(csvField(cell)[0]).toMatch(/['"]/);
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
  });

  it('reads back as written: a header and one record per row, CRLF line ends', () => {
    const rows = [
      ['bkg_a-1', 'Lovelace, "Ada"', 'line\nbreak', null, 2],
      ['bkg_a-2', '=cmd', '', 'North', 0],
    ];
    const text = toCsv(['ticket', 'name', 'note', 'gate', 'entries'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['ticket', 'name', 'note', 'gate', 'entries'],
      ['bkg_a-1', 'Lovelace, "Ada"', 'line\nbreak', '', '2'],
      ['bkg_a-2', "'=cmd", '', 'North', '0'],
    ]);
  });
});
