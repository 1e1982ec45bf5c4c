import { useState } from 'react';
import { Alert, Button, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  ApiError,
  describeError,
  formatMoney,
  newIdempotencyKey,
  showProblemOnForm,
} from '@carryover/web-ui';
import type { TradeDetail } from '../../api/types';
import { useClientConfig, usePortalApi } from '../../api/use-portal-api';
import { StripeCardPayment } from './stripe-card';

/** Statuses after payment and before release: either side may dispute the trade then. */
export const DISPUTABLE = new Set([
  'funded',
  'awaiting_provider_approval',
  'transfer_pending',
  'transfer_submitted',
  'verifying',
]);

/** One key per user action, renewed once the API has answered it (a retry of a lost request reuses it). */
function useActionKey() {
  const [key, setKey] = useState(newIdempotencyKey);
  return { key, renew: () => setKey(newIdempotencyKey()) };
}

/** The buyer pays the gross into escrow: a test card against the emulator, Stripe Elements with real keys. */
export function PayPanel({ trade, onChanged }: { trade: TradeDetail; onChanged(): Promise<void> }) {
  const api = usePortalApi();
  const config = useClientConfig();
  const action = useActionKey();
  const [card, setCard] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const payments = config.data?.payments;
  const testCards = payments?.testPaymentMethods ?? [];
  const chosen = card || testCards[0]?.id || '';

  const pay = async (paymentMethodId: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const payment = await api.pay(trade.id, paymentMethodId, action.key);
      action.renew();
      if (payment.status === 'failed') setFailure(payment.lastError?.message ?? 'The payment failed.');
      else
        notifications.show({
          color: 'green',
          message: 'Payment sent. The trade is funded once the card payment is confirmed.',
        });
      await onChanged();
      return payment;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429)
        action.renew();
      setFailure(describeError(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const lastError = trade.payment.status === 'failed' ? trade.payment.lastError?.message : null;
  return (
    <Stack data-testid="pay-panel">
      <Text size="sm">
        Pay <strong>{formatMoney(trade.grossMinor, trade.currency)}</strong> into escrow. Carryover holds it
        and pays the seller only after the credit transfer is verified; if it fails you are refunded.
      </Text>
      {(failure || lastError) && (
        <Alert color="red" title="The payment did not go through" role="alert" data-testid="payment-error">
          {failure ?? lastError} You can try again.
        </Alert>
      )}
      {trade.payment.status === 'processing' ? (
        <Alert color="blue" data-testid="payment-processing">
          Payment sent; waiting for the card payment to be confirmed…
        </Alert>
      ) : payments?.mode === 'emulator' ? (
        <Stack gap="xs">
          <Radio.Group
            label="Test card (payments are simulated on this installation)"
            value={chosen}
            onChange={setCard}
          >
            <Stack gap={6} mt={6}>
              {testCards.map((c) => (
                <Radio key={c.id} value={c.id} label={c.label} />
              ))}
            </Stack>
          </Radio.Group>
          <Group>
            <Button onClick={() => void pay(chosen)} loading={busy} disabled={!chosen}>
              Pay {formatMoney(trade.grossMinor, trade.currency)}
            </Button>
          </Group>
        </Stack>
      ) : payments?.mode === 'stripe' && payments.publishableKey ? (
        <StripeCardPayment publishableKey={payments.publishableKey} busy={busy} onPaymentMethod={pay} />
      ) : (
        <Alert color="yellow">Card payments are not set up on this installation. Contact Carryover.</Alert>
      )}
    </Stack>
  );
}

/** The seller reports the transfer with the provider's reference. */
export function TransferForm({ trade, onChanged }: { trade: TradeDetail; onChanged(): Promise<void> }) {
  const api = usePortalApi();
  const action = useActionKey();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { reference: '', note: '' },
    validate: {
      reference: (v) => (v.trim() ? null : 'Enter the reference the provider gave for the transfer'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.submitTransfer(
        trade.id,
        { reference: values.reference.trim(), ...(values.note.trim() ? { note: values.note.trim() } : {}) },
        action.key,
      );
      action.renew();
      notifications.show({ color: 'green', message: 'Transfer reported. Carryover verifies it next.' });
      await onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) action.renew();
      setFailure(showProblemOnForm(form, error, {}, ['reference', 'note']));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Report the transfer">
      <Stack>
        <Text size="sm">
          Transfer {formatMoney(trade.quantityMinor, trade.currency)} of credit to the buyer by{' '}
          {trade.transferMethod.replaceAll('_', ' ')}, then give the provider’s reference for it.
        </Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label="Transfer reference"
          placeholder="e.g. ANT-XFER-20261123-0042"
          required
          {...form.getInputProps('reference')}
        />
        <Textarea label="Note (optional)" autosize minRows={2} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" loading={busy}>
            Report transfer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The buyer confirms the credit arrived. */
export function ConfirmReceipt({ trade, onChanged }: { trade: TradeDetail; onChanged(): Promise<void> }) {
  const api = usePortalApi();
  const action = useActionKey();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await api.confirmReceipt(trade.id, action.key);
      action.renew();
      notifications.show({ color: 'green', message: 'Thank you: receipt confirmed.' });
      await onChanged();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not confirmed', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Text size="sm">
        The seller reports the transfer with reference <strong>{trade.transfer.reference}</strong>. Check that
        the credit arrived in your account at the provider, then confirm.
      </Text>
      <Group>
        <Button onClick={() => void confirm()} loading={busy}>
          Confirm I received the credit
        </Button>
      </Group>
    </Stack>
  );
}

/** Either side freezes the trade for an operator, with the reason. */
export function DisputeForm({ trade, onChanged }: { trade: TradeDetail; onChanged(): Promise<void> }) {
  const api = usePortalApi();
  const action = useActionKey();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Say what went wrong') },
  });
  if (!open) {
    return (
      <Group>
        <Button variant="subtle" color="red" size="xs" onClick={() => setOpen(true)}>
          Something is wrong: open a dispute
        </Button>
      </Group>
    );
  }
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.openDispute(trade.id, { reason: values.reason.trim() }, action.key);
      action.renew();
      notifications.show({ message: 'Dispute opened. The trade is frozen until Carryover resolves it.' });
      await onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) action.renew();
      setFailure(showProblemOnForm(form, error, {}, ['reason']));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Open a dispute">
      <Stack gap="xs">
        <Text size="sm">A dispute freezes the trade: no money moves until a Carryover operator decides.</Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Textarea label="What went wrong" required autosize minRows={2} {...form.getInputProps('reason')} />
        <Group>
          <Button type="submit" color="red" loading={busy}>
            Open dispute
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Never mind
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
