import type { DraftEventFacts, DraftOutput, DraftRequest } from './model.js';

/**
 * The default drafter: composes a title and body from the event's facts and the prompt, with no
 * randomness and no clock, so the same request always gives the same draft.
 */

const day = (iso: string): string => iso.slice(0, 10);

const whenOf = (e: DraftEventFacts): string | null => {
  if (!e.startsAt) return null;
  if (!e.endsAt || day(e.endsAt) === day(e.startsAt)) return `on ${day(e.startsAt)}`;
  return `from ${day(e.startsAt)} to ${day(e.endsAt)}`;
};

const eventLine = (e: DraftEventFacts): string =>
  [e.title, whenOf(e), e.venueName ? `at ${e.venueName}` : null].filter(Boolean).join(' ');

const titles: Record<DraftRequest['kind'], (subject: string) => string> = {
  announcement: (s) => `Announcement: ${s}`,
  marketing_copy: (s) => `Don't miss ${s}`,
};

const closings: Record<DraftRequest['kind'], string> = {
  announcement: 'We look forward to seeing you there.',
  marketing_copy: 'Book your place today.',
};

export const templateDraft = (request: DraftRequest): DraftOutput => {
  const subject = request.event ? request.event.title : 'our event';
  const lines = [
    request.event ? `${eventLine(request.event)}.` : null,
    request.prompt.trim(),
    closings[request.kind],
  ].filter((l): l is string => Boolean(l));
  return { title: titles[request.kind](subject).slice(0, 200), body: lines.join('\n\n') };
};
