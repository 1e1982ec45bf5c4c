import { AreaChart } from '@mantine/charts';
import { formatMoney } from '../money/money';
import { discountPercent } from '../money/price';

export interface DepthLevel {
  priceBps: number;
  quantityMinor: number;
}

export interface DepthPoint {
  priceBps: number;
  label: string;
  /** Credit wanted at this price or higher (buy orders), added up from the best bid. */
  bids: number | null;
  /** Credit offered at this price or lower (listings), added up from the cheapest ask. */
  asks: number | null;
}

/**
 * The cumulative depth of a book, cheapest price first: how much credit could be bought up to each price
 * and how much is wanted down to it. Quantities stay whole minor units (sums of integers).
 */
export function depthPoints(book: { asks: DepthLevel[]; bids: DepthLevel[] }): DepthPoint[] {
  const points = new Map<number, DepthPoint>();
  const point = (bps: number) => {
    const existing = points.get(bps) ?? {
      priceBps: bps,
      label: `${discountPercent(bps)} off`,
      bids: null,
      asks: null,
    };
    points.set(bps, existing);
    return existing;
  };
  let wanted = 0;
  for (const level of [...book.bids].sort((a, b) => b.priceBps - a.priceBps)) {
    wanted += level.quantityMinor;
    point(level.priceBps).bids = wanted;
  }
  let offered = 0;
  for (const level of [...book.asks].sort((a, b) => a.priceBps - b.priceBps)) {
    offered += level.quantityMinor;
    point(level.priceBps).asks = offered;
  }
  return [...points.values()].sort((a, b) => a.priceBps - b.priceBps);
}

/** Book depth as two step areas: buy orders (teal) and listings (red), by discount to face value. */
export function DepthChart({
  book,
  currency,
  height = 240,
}: {
  book: { asks: DepthLevel[]; bids: DepthLevel[] };
  currency: string;
  height?: number;
}) {
  return (
    <AreaChart
      h={height}
      data={depthPoints(book).map((p) => ({ ...p }))}
      dataKey="label"
      curveType="step"
      connectNulls={false}
      withLegend
      withDots={false}
      series={[
        { name: 'bids', label: 'Wanted (buy orders)', color: 'teal.6' },
        { name: 'asks', label: 'Offered (listings)', color: 'red.6' },
      ]}
      xAxisLabel="Price (discount to face value)"
      valueFormatter={(value) => (Number.isSafeInteger(value) ? formatMoney(value, currency) : String(value))}
      data-testid="depth-chart"
    />
  );
}
