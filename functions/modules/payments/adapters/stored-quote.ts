import { feeLineName, type QuoteLine } from '../../pricing/index.js';
import type { Quote } from '../domain/model.js';
import { admissionLineName } from '../domain/quote.js';

/** A quote as orders stored it before quotes had lines: one unit price x seats, tax and fee. */
type FlatQuote = Omit<Quote, 'lines' | 'unitAmount'> & { unitAmount: number };

/** The lines such a quote stood for: its one ticket line, its tax (when set) and its fee (when any). */
const linesOf = (q: FlatQuote): QuoteLine[] => [
  {
    kind: 'ticket',
    categoryId: null,
    name: admissionLineName,
    seats: q.seats,
    unitAmount: q.unitAmount,
    amount: q.subtotal,
  },
  ...(q.tax ? [{ kind: 'tax' as const, ...q.tax }] : []),
  ...(q.fee > 0 ? [{ kind: 'fee' as const, name: feeLineName, amount: q.fee }] : []),
];

/** The quote of a stored order (JSON); orders made before quotes had lines read with them derived. */
export const quoteFromStored = (json: string): Quote => {
  const stored = JSON.parse(json) as Quote | FlatQuote;
  return 'lines' in stored ? stored : { ...stored, lines: linesOf(stored) };
};
