/**
 * Feedback of attendees on an event or one of its sessions: ratings from 1 to 5 on five
 * dimensions (overall required, the others optional), free-text remarks, and an anonymous option
 * under which the attendee is never stored with the feedback.
 */

export const ratingDimensions = ['overall', 'content', 'speaker', 'venue', 'organization'] as const;
export type RatingDimension = (typeof ratingDimensions)[number];

/** The overall rating is always given; the other dimensions may be left out (null). */
export type Ratings = { overall: number } & {
  [K in Exclude<RatingDimension, 'overall'>]: number | null;
};

/** The scope of feedback on the event as a whole (not on one session). */
export const eventScope = 'event';

export interface Feedback {
  orgId: string;
  eventId: string;
  feedbackId: string;
  /** The session it is about; null for feedback on the event as a whole. */
  sessionId: string | null;
  anonymous: boolean;
  /** Who gave it; always null when `anonymous` (it is not stored at all then). */
  attendeeId: string | null;
  ratings: Ratings;
  comments: string | null;
  suggestions: string | null;
  bestAspects: string | null;
  improvementAreas: string | null;
  createdAt: string;
}

/** The sum and count of one dimension's ratings: the average is sum / count. */
export interface DimensionTotal {
  sum: number;
  count: number;
}

/** What a scope's (a session's, or the event-level) feedback adds up to, kept as it is given. */
export interface FeedbackTotals {
  /** The session, or null for the feedback on the event as a whole. */
  sessionId: string | null;
  /** How many feedback items. */
  count: number;
  ratings: Record<RatingDimension, DimensionTotal>;
}

export interface DimensionAverage {
  count: number;
  /** Rounded to two decimals; null when no rating of the dimension was given. */
  mean: number | null;
}

export interface Averages {
  count: number;
  ratings: Record<RatingDimension, DimensionAverage>;
}

export const emptyTotals = (sessionId: string | null): FeedbackTotals => ({
  sessionId,
  count: 0,
  ratings: {
    overall: { sum: 0, count: 0 },
    content: { sum: 0, count: 0 },
    speaker: { sum: 0, count: 0 },
    venue: { sum: 0, count: 0 },
    organization: { sum: 0, count: 0 },
  },
});

/** Totals of several scopes added up (an event's, from its sessions' and its own). */
export const addTotals = (sessionId: string | null, parts: readonly FeedbackTotals[]): FeedbackTotals => {
  const sum = emptyTotals(sessionId);
  for (const p of parts) {
    sum.count += p.count;
    for (const d of ratingDimensions) {
      sum.ratings[d].sum += p.ratings[d].sum;
      sum.ratings[d].count += p.ratings[d].count;
    }
  }
  return sum;
};

const mean = ({ sum, count }: DimensionTotal): number | null =>
  count === 0 ? null : Math.round((sum / count) * 100) / 100;

export const averagesOf = (t: FeedbackTotals): Averages => ({
  count: t.count,
  ratings: {
    overall: { count: t.ratings.overall.count, mean: mean(t.ratings.overall) },
    content: { count: t.ratings.content.count, mean: mean(t.ratings.content) },
    speaker: { count: t.ratings.speaker.count, mean: mean(t.ratings.speaker) },
    venue: { count: t.ratings.venue.count, mean: mean(t.ratings.venue) },
    organization: { count: t.ratings.organization.count, mean: mean(t.ratings.organization) },
  },
});

/** An event's averages: all its feedback, that on the event as a whole, and each session's. */
export interface FeedbackSummary {
  eventId: string;
  all: Averages;
  eventLevel: Averages;
  sessions: (Averages & { sessionId: string })[];
  /** Each speaker's, from the sessions the agenda gives them. */
  speakers: (Averages & { speakerId: string })[];
}
