/**
 * Rounds non-negative amounts to whole units (e.g. cents) so that they add up exactly to
 * `total` (largest-remainder method): each is floored, and the units still missing go to the
 * largest fractional parts (ties to the earlier entry). Units in excess, which only floating
 * noise can cause, are taken back from the smallest fractional parts.
 */
export function largestRemainder(amounts: readonly number[], total: number): number[] {
  const floors = amounts.map((amount) => Math.floor(amount + 1e-9));
  let missing = total - floors.reduce((sum, value) => sum + value, 0);
  if (missing === 0) return floors;
  const order = amounts
    .map((amount, index) => ({ index, remainder: amount - (floors[index] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  if (missing > 0) {
    for (let i = 0; missing > 0 && order.length > 0; i = (i + 1) % order.length) {
      const entry = order[i] as { index: number };
      floors[entry.index] = (floors[entry.index] as number) + 1;
      missing -= 1;
    }
  } else {
    for (let i = order.length - 1; missing < 0 && i >= 0; i -= 1) {
      const entry = order[i] as { index: number };
      if ((floors[entry.index] as number) > 0) {
        floors[entry.index] = (floors[entry.index] as number) - 1;
        missing += 1;
      }
    }
  }
  return floors;
}

/** Cents of a non-negative amount, rounded half up (tolerant of floating noise). */
export function toCents(amount: number): number {
  return Math.round(amount * 100 + 1e-7);
}
