/**
 * One key of an ElectroDB index: its attribute `field`, the `composite` attributes and the
 * `template` that joins them. Casing is always `none`: ids are case-sensitive and templates are
 * written as stored.
 *
 * `composite` is a `const` type parameter so it stays a tuple of attribute names: ElectroDB reads
 * each index's composite attributes (and with them its query methods' arguments) from that type.
 */
export const key = <const C extends readonly string[]>(field: string, composite: C, template: string) => ({
  field,
  composite,
  template,
  casing: 'none' as const,
});
