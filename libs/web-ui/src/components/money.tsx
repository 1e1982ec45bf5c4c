import { Text, TextInput, Tooltip, type TextInputProps, type TextProps } from '@mantine/core';
import { formatMoney } from '../money/money';
import { discountPercent, formatBps } from '../money/price';

/** An amount in minor units shown as money, tabular so columns line up. */
export function Money({
  minor,
  currency,
  ...props
}: { minor: number | bigint | string; currency: string } & TextProps) {
  return (
    <Text span ff="monospace" style={{ fontVariantNumeric: 'tabular-nums' }} {...props}>
      {formatMoney(minor, currency)}
    </Text>
  );
}

/** A price as both basis points and the discount to face value it means. */
export function Price({ bps, ...props }: { bps: number } & TextProps) {
  return (
    <Tooltip
      label={`$${Math.trunc(bps / 10_000)}.${String(bps % 10_000).padStart(4, '0')} per $1.00 of credit`}
    >
      <Text span size="sm" {...props}>
        {formatBps(bps)}{' '}
        <Text span c="dimmed" size="sm">
          ({discountPercent(bps)} off)
        </Text>
      </Text>
    </Tooltip>
  );
}

/**
 * A text field for dollars and cents. It holds what was typed; `parseMoney` turns it into minor units
 * when the form is submitted, so nothing is rounded while typing.
 */
export function MoneyInput({ currency, ...props }: { currency: string } & Omit<TextInputProps, 'type'>) {
  return (
    <TextInput
      inputMode="decimal"
      placeholder={formatMoney(123456, currency)}
      leftSection={<Text size="xs">{currency}</Text>}
      leftSectionWidth={44}
      {...props}
    />
  );
}
