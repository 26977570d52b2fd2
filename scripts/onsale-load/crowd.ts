import type { Prng } from '../soak/prng.js';
import { type Answered, type CrowdTally, type Outcome, tally } from './tally.js';

/**
 * The on-sale crowd: every buyer books again and again until the session answers them "sold
 * out", with at most `concurrency` requests in flight at once and never two of one buyer. A buyer
 * asks for 1 place, or for 2 to 4 (a group) in `groupShare` of requests; a group refused for want
 * of places asks for 1 next, so the crowd ends only once a single place is refused to every buyer,
 * and a correct engine has then sold every place. A 503 is asked again after its Retry-After
 * (jittered by half either way, as clients should: the function has already retried by then); an
 * unexpected answer ends that buyer's part.
 */

/** What the booking function answered: its status and, for a problem, its code. */
export interface BookAnswer {
  status: number;
  code?: string;
  retryAfterSeconds?: number;
}

export type Book = (buyer: number, seats: number) => Promise<BookAnswer>;

export interface CrowdInput {
  buyers: number;
  concurrency: number;
  groupShare: number;
  prng: Prng;
  book: Book;
  /** Called once, on the first single place refused: the session has sold out. */
  onSoldOut?: () => void;
}

/** A 201 carries no code; a booking created but not confirmed is given one by the caller. */
export const outcomeOf = (answer: BookAnswer): Outcome => {
  if (answer.status === 201 && answer.code === undefined) return 'confirmed';
  if (answer.status === 409 && answer.code === 'CAPACITY_EXHAUSTED') return 'soldOut';
  if (answer.status === 503) return 'unavailable';
  return 'error';
};

interface Buyer {
  index: number;
  /** Places of the next request: set to repeat a 503'd request or to fall back to 1. */
  next: number | null;
}

export const runCrowd = async (input: CrowdInput): Promise<CrowdTally> => {
  const answers: Answered[] = [];
  // Buyers ready to ask, first come first served: a buyer goes back to the end after each answer.
  const ready: Buyer[] = Array.from({ length: input.buyers }, (_, index) => ({ index, next: null }));
  // Buyers waiting out a Retry-After; free slots wait for the next of them to come back.
  let waiting = 0;
  const parked: (() => void)[] = [];
  let soldOut = false;
  const start = performance.now();
  const draw = (): number => (input.prng.next() < input.groupShare ? input.prng.int(2, 4) : 1);

  const comeBackLater = (buyer: Buyer, seconds: number): void => {
    waiting++;
    setTimeout(
      () => {
        waiting--;
        ready.push(buyer);
        // Every parked slot looks again: one takes the buyer, the rest park again or, with nobody
        // left waiting, end.
        for (const wake of parked.splice(0)) wake();
      },
      seconds * 1000 * (0.5 + input.prng.next()),
    );
  };

  const ask = async (buyer: Buyer): Promise<void> => {
    const seats = buyer.next ?? draw();
    const begun = performance.now();
    const answer = await input.book(buyer.index, seats);
    const outcome = outcomeOf(answer);
    const now = performance.now();
    if (outcome === 'soldOut' && seats === 1 && !soldOut) {
      soldOut = true;
      input.onSoldOut?.();
    }
    answers.push({
      outcome,
      seats,
      ms: now - begun,
      atMs: now - start,
      ...(outcome === 'error' ? { detail: `${answer.status} ${answer.code ?? ''}`.trim() } : {}),
    });
    if (outcome === 'error' || (outcome === 'soldOut' && seats === 1)) return;
    buyer.next = outcome === 'unavailable' ? seats : outcome === 'soldOut' ? 1 : null;
    if (outcome === 'unavailable') comeBackLater(buyer, answer.retryAfterSeconds ?? 1);
    else ready.push(buyer);
  };

  const slot = async (): Promise<void> => {
    for (;;) {
      const buyer = ready.shift();
      if (buyer) await ask(buyer);
      else if (waiting > 0) await new Promise<void>((resolve) => parked.push(resolve));
      else return;
    }
  };

  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.buyers) }, slot));
  return tally(answers, performance.now() - start);
};
