import { Group, Select } from '@mantine/core';

export interface MarketChoice {
  code: string;
  name: string;
  currencies: string[];
}

/** Chooses a market: a provider, then one of the currencies it trades in. */
export function MarketPicker({
  providers,
  provider,
  currency,
  onProvider,
  onCurrency,
}: {
  providers: readonly MarketChoice[];
  provider: MarketChoice | undefined;
  currency: string | undefined;
  onProvider: (code: string) => void;
  onCurrency: (currency: string) => void;
}) {
  return (
    <Group>
      <Select
        aria-label="Provider"
        data={providers.map((p) => ({ value: p.code, label: p.name }))}
        value={provider?.code ?? null}
        onChange={(next) => next && onProvider(next)}
        allowDeselect={false}
      />
      <Select
        aria-label="Currency"
        w={100}
        data={provider?.currencies ?? []}
        value={currency ?? null}
        onChange={(next) => next && onCurrency(next)}
        allowDeselect={false}
      />
    </Group>
  );
}
