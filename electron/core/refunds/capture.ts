/**
 * Which captured amount a refund is held to when two sources give one (a refund file, an earlier file, the
 * Paygate's inquiry): the smaller. A refund is never sent on the strength of the larger figure.
 */
export function smallerCapture(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}
