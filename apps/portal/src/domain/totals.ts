/** Amounts of several currencies added up per currency (never across), currencies in a stable order. */
export function sumByCurrency(
  items: { currency: string; minor: bigint | number }[],
): { currency: string; minor: bigint }[] {
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + BigInt(item.minor));
  return [...totals.entries()]
    .sort(([a], [b]) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)))
    .map(([currency, minor]) => ({ currency, minor }));
}
