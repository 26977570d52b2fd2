import { formatZoned } from '../../../kernel/domain/time/zoned.js';
import type { CapacityCounter, SeatingMode, Session, SessionTable } from './session.js';

/** A session as lists show it: UTC times with the venue's wall-clock equivalents beside them. */
export interface SessionView extends Omit<Session, 'seating'> {
  /** `startsAt` in the venue's time zone with its offset, e.g. `2026-03-29T19:00:00+02:00`. */
  localStartsAt: string;
  localEndsAt: string;
  seatingMode: SeatingMode;
}

/** One session read on its own: with its seat map or tables and its live counter. */
export interface SessionDetail extends SessionView {
  seatMap: { seats: string[] } | null;
  tables: SessionTable[] | null;
  availability: Omit<CapacityCounter, 'version'> | null;
}

export const sessionView = ({ seating, ...session }: Session): SessionView => ({
  ...session,
  localStartsAt: formatZoned(Date.parse(session.startsAt), session.timezone),
  localEndsAt: formatZoned(Date.parse(session.endsAt), session.timezone),
  seatingMode: seating.mode,
});

export const sessionDetail = (session: Session, counter: CapacityCounter | undefined): SessionDetail => ({
  ...sessionView(session),
  seatMap: session.seating.mode === 'seated' ? { seats: session.seating.seats } : null,
  tables: session.seating.mode === 'tables' ? session.seating.tables : null,
  availability: counter
    ? {
        capacity: counter.capacity,
        available: counter.available,
        held: counter.held,
        confirmed: counter.confirmed,
      }
    : null,
});
