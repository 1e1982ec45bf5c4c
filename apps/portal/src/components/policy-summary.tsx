import { List, Text } from '@mantine/core';
import { formatMoney } from '@carryover/web-ui';
import type { Provider } from '../api/types';
import { CREDIT_SOURCE_LABEL, TRANSFER_METHOD_LABEL } from '../domain/words';

const RESALE_TEXT: Record<string, string> = {
  allowed: 'allows resale of its credits',
  approval_required: 'allows resale only with its approval for each trade (Carryover asks for you)',
  prohibited: 'does not allow its credits to be resold',
};

/** A provider's resale terms in sentences, as the seller needs them before registering or listing. */
export function PolicySummary({ provider }: { provider: Provider }) {
  const policy = provider.policy;
  return (
    <List size="sm" spacing={2} data-testid="policy-summary">
      <List.Item>
        {provider.name} {RESALE_TEXT[policy.resale] ?? policy.resale}.
      </List.Item>
      <List.Item>
        Credit can be sold until {policy.minDaysToExpiry} days before it expires (the time a transfer needs).
      </List.Item>
      <List.Item>
        Transfer by{' '}
        {policy.transferMethods.map((m) => TRANSFER_METHOD_LABEL[m] ?? m).join(', ') || 'no method'}.
      </List.Item>
      <List.Item>
        Resaleable:{' '}
        {policy.resaleableSources.map((s) => CREDIT_SOURCE_LABEL[s]?.toLowerCase() ?? s).join(', ') ||
          'nothing'}
        .
      </List.Item>
      {policy.maxLotFaceValueMinor !== null && (
        <List.Item>
          At most {formatMoney(policy.maxLotFaceValueMinor, provider.currencies[0] ?? 'USD')} per balance.
        </List.Item>
      )}
      {policy.buyerEligibility.sameLegalEntityOnly && (
        <List.Item>Only to the seller’s own legal entity.</List.Item>
      )}
      {policy.notes && (
        <List.Item>
          <Text span size="sm" c="dimmed">
            {policy.notes}
          </Text>
        </List.Item>
      )}
    </List>
  );
}
