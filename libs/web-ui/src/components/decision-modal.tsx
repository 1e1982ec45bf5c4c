import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { newIdempotencyKey } from '../api/idempotency';
import { ApiError, describeError } from '../api/problem';
import { formatMoney, parseMoney } from '../money/money';
import { MoneyInput } from './money';

export interface DecisionOption {
  value: string;
  label: string;
  color: string;
  /** What happens when this is confirmed, shown on the confirmation step. */
  consequence: string;
  /** This decision needs an amount typed as dollars and cents (a partial refund). */
  amount?: { label: string; description?: string };
}

export interface DecisionValues {
  decision: string;
  text: string;
  amountMinor?: bigint;
  /** The same for every attempt at this one decision, so a retried request cannot act twice. */
  idempotencyKey: string;
}

export interface DecisionModalProps {
  opened: boolean;
  onClose(): void;
  title: string;
  /** What is being decided on, shown above the form. */
  subject?: ReactNode;
  options: DecisionOption[];
  /** The mandatory free-text field: the reason, or the provider's reference. */
  text: { name: string; label: string; placeholder?: string; description?: string };
  currency?: string;
  /** Maps the API's field names in a 400 onto this form's: `decision`, `text`, `amount`. */
  fieldMap?: Record<string, 'decision' | 'text' | 'amount'>;
  onSubmit(values: DecisionValues): Promise<unknown>;
}

/**
 * A decision in two steps: choose and give a reason (and an amount where one is needed), then confirm what
 * will happen. A 400 from the API puts its messages back on the fields of the first step.
 */
export function DecisionModal(props: DecisionModalProps) {
  const { opened, onClose, title, subject, options, text, currency = 'USD', fieldMap = {}, onSubmit } = props;
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { decision: options[0]?.value ?? '', text: '', amount: '' },
    validate: {
      decision: (value) => (options.some((o) => o.value === value) ? null : 'Choose a decision'),
      text: (value) => (value.trim().length > 0 ? null : `${text.label} is required`),
      amount: (value, values) => {
        if (!options.find((o) => o.value === values.decision)?.amount) return null;
        const parsed = parseMoney(value, currency);
        if (!parsed.ok) return parsed.error;
        return parsed.minor > 0n ? null : 'The amount must be more than zero';
      },
    },
  });
  const chosen = options.find((o) => o.value === form.values.decision);
  const amount = chosen?.amount ? parseMoney(form.values.amount, currency) : null;

  const close = () => {
    setStep('form');
    setFailure(null);
    form.reset();
    setIdempotencyKey(newIdempotencyKey());
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit({
        decision: form.values.decision,
        text: form.values.text.trim(),
        amountMinor: amount?.ok ? amount.minor : undefined,
        idempotencyKey,
      });
      close();
    } catch (error) {
      // The API answered: the next attempt is a new request (perhaps with another body), so it needs a new key.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        setIdempotencyKey(newIdempotencyKey());
      }
      if (error instanceof ApiError && error.problem.errors?.length) {
        form.setErrors(error.fieldErrors({ ...fieldMap, [text.name]: 'text' }));
        setStep('form');
      }
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" centered>
      <Stack>
        {subject}
        {failure && (
          <Alert color="red" title="Not done" role="alert">
            {failure}
          </Alert>
        )}
        {step === 'form' ? (
          <form onSubmit={form.onSubmit(() => setStep('confirm'))} noValidate>
            <Stack>
              <SegmentedControl
                aria-label="Decision"
                data={options.map((o) => ({ value: o.value, label: o.label }))}
                {...form.getInputProps('decision')}
              />
              {chosen?.amount && (
                <MoneyInput
                  currency={currency}
                  label={chosen.amount.label}
                  description={chosen.amount.description}
                  required
                  {...form.getInputProps('amount')}
                />
              )}
              <Textarea
                label={text.label}
                description={text.description}
                placeholder={text.placeholder}
                required
                autosize
                minRows={2}
                {...form.getInputProps('text')}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" color={chosen?.color}>
                  Review decision
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack>
            <Alert color={chosen?.color ?? 'blue'} variant="light" title={`Confirm: ${chosen?.label ?? ''}`}>
              <Stack gap={4}>
                <Text size="sm">{chosen?.consequence}</Text>
                {amount?.ok && (
                  <Text size="sm">
                    Amount: <strong>{formatMoney(amount.minor, currency)}</strong>
                  </Text>
                )}
                <Text size="sm">
                  {text.label}: {form.values.text.trim()}
                </Text>
              </Stack>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep('form')} disabled={busy}>
                Back
              </Button>
              <Button color={chosen?.color} loading={busy} onClick={() => void confirm()}>
                Confirm {chosen?.label.toLowerCase()}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
