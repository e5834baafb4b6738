/**
 * The first few names of a selection and how many there are in all, for a confirmation that
 * names what it acts on ("甲局、乙局、丙局 等 5 份").
 */
export function namedFew(
  names: readonly string[],
  shown = 3,
): { names: string; count: number; more: boolean } {
  return {
    names: names.slice(0, shown).join('、'),
    count: names.length,
    more: names.length > shown,
  };
}
