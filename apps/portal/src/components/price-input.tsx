import { Group, SegmentedControl, Text, TextInput, type TextInputProps } from '@mantine/core';
import { discountInputValue, parseDiscountPercent, parsePriceBps, type ParsedPrice } from '@carryover/web-ui';

export type PriceUnit = 'discount' | 'bps';

/** A typed price in either unit: "28.5" as a discount in %, or "7150" in bps of face value. */
export function parsePrice(text: string, unit: PriceUnit): ParsedPrice {
  return unit === 'discount' ? parseDiscountPercent(text) : parsePriceBps(text);
}

/** The same price written in the other unit, so switching units keeps what was meant. */
export function convertPriceText(text: string, from: PriceUnit, to: PriceUnit): string {
  if (from === to) return text;
  const parsed = parsePrice(text, from);
  if (!parsed.ok) return '';
  return to === 'discount' ? discountInputValue(parsed.priceBps) : String(parsed.priceBps);
}

/** The unit switch for price fields: finance teams think in discounts, integrators in bps. */
export function PriceUnitSwitch({ value, onChange }: { value: PriceUnit; onChange(unit: PriceUnit): void }) {
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        Prices as
      </Text>
      <SegmentedControl
        size="xs"
        aria-label="Price unit"
        value={value ?? ''}
        onChange={(v) => onChange(v as PriceUnit)}
        data={[
          { value: 'discount', label: 'discount %' },
          { value: 'bps', label: 'bps of face value' },
        ]}
      />
    </Group>
  );
}

/** A price field in the chosen unit, saying what the typed price means in the other one. */
export function PriceInput({
  unit,
  value,
  ...props
}: { unit: PriceUnit; value?: string } & Omit<TextInputProps, 'value'>) {
  const parsed = parsePrice(value ?? '', unit);
  const meaning = parsed.ok
    ? unit === 'discount'
      ? `= ${parsed.priceBps.toLocaleString('en-US')} bps ($${Math.trunc(parsed.priceBps / 10_000)}.${String(parsed.priceBps % 10_000).padStart(4, '0')} per $1.00)`
      : `= ${discountInputValue(parsed.priceBps)}% off face value`
    : undefined;
  return (
    <TextInput
      inputMode="decimal"
      value={value ?? ''}
      rightSection={<Text size="xs">{unit === 'discount' ? '% off' : 'bps'}</Text>}
      rightSectionWidth={52}
      description={meaning}
      // What the price means goes below the field, so fields in a row line up.
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...props}
    />
  );
}
