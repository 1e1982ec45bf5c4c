import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, MoneyInput, describeError, formatMoney, minorToJson, parseMoney } from '@carryover/web-ui';
import type { Policy } from '../../api/types';

export const RESALE = ['allowed', 'approval_required', 'prohibited'];
export const TRANSFER_METHODS = ['account_transfer', 'invoice_reassignment', 'structured_resale'];
export const CREDIT_SOURCES = ['prepaid_purchase', 'commitment', 'promotional_grant'];

interface PolicyValues {
  resale: string;
  transferMethods: string[];
  minDaysToExpiry: number | string;
  resaleableSources: string[];
  sameLegalEntityOnly: boolean;
  regions: string[];
  maxLotFaceValue: string;
  notes: string;
  sourceUrl: string;
  reason: string;
}

/** API field -> form field, for a 400's errors. */
const FIELDS: Record<string, string> = {
  'buyerEligibility.sameLegalEntityOnly': 'sameLegalEntityOnly',
  'buyerEligibility.regions': 'regions',
  maxLotFaceValueMinor: 'maxLotFaceValue',
};

function initialValues(policy: Policy): PolicyValues {
  return {
    resale: policy.resale,
    transferMethods: policy.transferMethods,
    minDaysToExpiry: policy.minDaysToExpiry,
    resaleableSources: policy.resaleableSources,
    sameLegalEntityOnly: policy.buyerEligibility.sameLegalEntityOnly,
    regions: policy.buyerEligibility.regions ?? [],
    maxLotFaceValue:
      policy.maxLotFaceValueMinor === null
        ? ''
        : formatMoney(policy.maxLotFaceValueMinor, 'USD').replace('$', ''),
    notes: policy.notes,
    sourceUrl: policy.sourceUrl ?? '',
    reason: '',
  };
}

/** Edits a provider's policy: saving creates version current + 1; earlier versions stay as they were. */
export function PolicyForm({
  providerName,
  current,
  onClose,
  onSave,
}: {
  providerName: string;
  current: Policy;
  onClose(): void;
  onSave(body: Record<string, unknown>): Promise<unknown>;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<PolicyValues>({
    initialValues: initialValues(current),
    validate: {
      transferMethods: (v) => (v.length > 0 ? null : 'Choose at least one transfer method'),
      minDaysToExpiry: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 365
          ? null
          : 'A whole number of days, 0 to 365',
      regions: (v) => (v.every((r) => /^[A-Z]{2}$/.test(r)) ? null : 'Two-letter country codes, e.g. US, GB'),
      maxLotFaceValue: (v) => {
        if (v.trim() === '') return null;
        const parsed = parseMoney(v);
        return parsed.ok
          ? parsed.minor > 0n
            ? null
            : 'More than zero, or empty for no maximum'
          : parsed.error;
      },
      notes: (v) => (v.trim().length > 0 ? null : 'Say what the provider’s terms allow'),
      reason: (v) => (v.trim().length > 0 ? null : 'Say why the policy changes'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const max = values.maxLotFaceValue.trim() === '' ? null : parseMoney(values.maxLotFaceValue);
    setBusy(true);
    setFailure(null);
    try {
      await onSave({
        resale: values.resale,
        transferMethods: values.transferMethods,
        minDaysToExpiry: Number(values.minDaysToExpiry),
        resaleableSources: values.resaleableSources,
        buyerEligibility: {
          sameLegalEntityOnly: values.sameLegalEntityOnly,
          regions: values.regions.length === 0 ? null : values.regions,
        },
        maxLotFaceValueMinor: max?.ok ? minorToJson(max.minor) : null,
        notes: values.notes.trim(),
        sourceUrl: values.sourceUrl.trim() === '' ? null : values.sourceUrl.trim(),
        reason: values.reason.trim(),
      });
      onClose();
    } catch (error) {
      if (error instanceof ApiError) form.setErrors(error.fieldErrors(FIELDS));
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={`New policy version for ${providerName}`} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="Not saved" role="alert">
              {failure}
            </Alert>
          )}
          <Select label="Resale" data={RESALE} allowDeselect={false} {...form.getInputProps('resale')} />
          <Checkbox.Group label="Transfer methods" {...form.getInputProps('transferMethods')}>
            <Group mt={4}>
              {TRANSFER_METHODS.map((m) => (
                <Checkbox key={m} value={m} label={m.replaceAll('_', ' ')} />
              ))}
            </Group>
          </Checkbox.Group>
          <NumberInput
            label="Minimum days to expiry"
            description="A lot cannot trade closer to its expiry than this"
            min={0}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('minDaysToExpiry')}
          />
          <Checkbox.Group label="Resaleable credit sources" {...form.getInputProps('resaleableSources')}>
            <Group mt={4}>
              {CREDIT_SOURCES.map((s) => (
                <Checkbox key={s} value={s} label={s.replaceAll('_', ' ')} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label="Buyer must be the same legal entity as the seller"
            {...form.getInputProps('sameLegalEntityOnly', { type: 'checkbox' })}
          />
          <TagsInput
            label="Buyer regions"
            description="Country codes buyers may be in; empty for any"
            {...form.getInputProps('regions')}
          />
          <MoneyInput
            currency="USD"
            label="Largest lot without review"
            description="Face value; empty for no maximum"
            {...form.getInputProps('maxLotFaceValue')}
          />
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <TextInput label="Source (https URL of the terms)" {...form.getInputProps('sourceUrl')} />
          <Textarea label="Why this change" required autosize minRows={2} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save as version {current.version + 1}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
