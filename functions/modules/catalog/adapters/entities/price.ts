/** An event's price as stored on the event and on its public listing items. */
export const priceAttribute = {
  type: 'map',
  required: true,
  properties: {
    kind: { type: ['free', 'paid'] as const, required: true },
    amountMinor: { type: 'number' },
    currency: { type: 'string' },
  },
} as const;
