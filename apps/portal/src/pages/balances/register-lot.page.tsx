import { useState } from 'react';
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';
import {
  ApiError,
  MoneyInput,
  PageHeader,
  QueryState,
  minorToJson,
  newIdempotencyKey,
  parseMoney,
  showProblemOnForm,
} from '@carryover/web-ui';
import { CREDIT_SOURCES, TRANSFER_METHODS, type CreditSource, type TransferMethod } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { PolicySummary } from '../../components/policy-summary';
import { ProblemAlert } from '../../components/problem-alert';
import { CREDIT_SOURCE_LABEL, TRANSFER_METHOD_LABEL } from '../../domain/words';

/** The API's field names and this form's. */
const FIELD_MAP = { faceValueMinor: 'faceValue', expiresAt: 'expiresOn' };
const FIELDS = [
  'providerCode',
  'accountReference',
  'faceValue',
  'currency',
  'expiresOn',
  'source',
  'transferMethods',
  'evidence.statementReference',
  'evidence.note',
];

/** Register a balance with the statement that proves it; Carryover verifies it before it can be sold. */
export function RegisterLotPage() {
  const api = usePortalApi();
  const { canTrade } = usePermissions();
  const providers = useProviders();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<{ message: string | null; error?: unknown }>({ message: null });
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm({
    initialValues: {
      providerCode: '',
      accountReference: '',
      faceValue: '',
      currency: '',
      expiresOn: '',
      source: '' as CreditSource | '',
      transferMethods: [] as TransferMethod[],
      evidence: { statementReference: '', note: '' },
    },
    validate: {
      providerCode: (v) => (v ? null : 'Choose the provider'),
      accountReference: (v) => (v.trim() ? null : 'Enter your account or organisation id at the provider'),
      faceValue: (v, values) => {
        const parsed = parseMoney(v, values.currency || 'USD');
        if (!parsed.ok) return parsed.error;
        return parsed.minor > 0n ? null : 'The balance must be more than zero';
      },
      currency: (v) => (v ? null : 'Choose the currency'),
      expiresOn: (v) =>
        !v ? 'Enter the day the credit expires' : v <= today ? 'The credit must expire in the future' : null,
      source: (v) => (v ? null : 'Choose how you got the credit'),
      transferMethods: (v) => (v.length > 0 ? null : 'Choose at least one way you can transfer it'),
      evidence: {
        statementReference: (v) =>
          v.trim() ? null : 'Enter the statement or invoice number that shows the balance',
      },
    },
  });
  const provider = providers.byCode.get(form.values.providerCode);
  if (!canTrade) return <Navigate to="/balances" replace />;

  const submit = form.onSubmit(async (values) => {
    const face = parseMoney(values.faceValue, values.currency);
    if (!face.ok) return;
    setBusy(true);
    setFailure({ message: null });
    try {
      const lot = await api.registerLot(
        {
          providerCode: values.providerCode,
          accountReference: values.accountReference.trim(),
          faceValueMinor: minorToJson(face.minor),
          currency: values.currency,
          // The last moment of the day it expires, in UTC.
          expiresAt: `${values.expiresOn}T23:59:59Z`,
          source: values.source as CreditSource,
          transferMethods: values.transferMethods,
          evidence: {
            statementReference: values.evidence.statementReference.trim(),
            ...(values.evidence.note.trim() ? { note: values.evidence.note.trim() } : {}),
          },
        },
        idempotencyKey,
      );
      await queryClient.invalidateQueries({ queryKey: ['lots'] });
      notifications.show({
        color: 'green',
        message: 'Balance registered. Carryover will verify it shortly.',
      });
      void navigate(`/credit-lots/${lot.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      setFailure({ message: showProblemOnForm(form, error, FIELD_MAP, FIELDS), error });
    } finally {
      setBusy(false);
    }
  });

  return (
    <Stack>
      <Anchor component={Link} to="/balances" size="sm">
        ← Expiring balances
      </Anchor>
      <PageHeader
        title="Register a balance"
        description="A prepaid or committed credit balance at one provider that you will not use before it expires."
      />
      <QueryState
        query={providers.query}
        isEmpty={(p) => p.length === 0}
        empty={{ title: 'No providers are listed yet' }}
      >
        {(list) => (
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Card withBorder>
                <form onSubmit={submit} noValidate aria-label="Register a balance">
                  <Stack>
                    <ProblemAlert
                      title="The balance was not registered"
                      message={failure.message}
                      error={failure.error}
                    />
                    <Select
                      label="Provider"
                      data={list.map((p) => ({ value: p.code, label: p.name }))}
                      required
                      searchable
                      {...form.getInputProps('providerCode')}
                      onChange={(code) => {
                        const next = list.find((p) => p.code === code);
                        form.setValues({
                          providerCode: code ?? '',
                          currency: next?.currencies[0] ?? '',
                          transferMethods: form.values.transferMethods.filter((m) =>
                            next?.policy.transferMethods.includes(m),
                          ),
                        });
                      }}
                    />
                    <TextInput
                      label="Account at the provider"
                      description="Your organisation or account id there, as on the statement"
                      required
                      {...form.getInputProps('accountReference')}
                    />
                    <Group grow align="flex-start">
                      <MoneyInput
                        label="Unused balance"
                        currency={form.values.currency || 'USD'}
                        required
                        {...form.getInputProps('faceValue')}
                      />
                      <Select
                        label="Currency"
                        data={provider?.currencies ?? []}
                        required
                        disabled={!provider}
                        {...form.getInputProps('currency')}
                      />
                    </Group>
                    <TextInput
                      type="date"
                      label="Expires on"
                      description="The last day the provider honours the credit"
                      min={today}
                      required
                      {...form.getInputProps('expiresOn')}
                    />
                    <Select
                      label="How you got the credit"
                      data={CREDIT_SOURCES.map((s) => ({
                        value: s,
                        label: CREDIT_SOURCE_LABEL[s] ?? s,
                        disabled: provider ? !provider.policy.resaleableSources.includes(s) : false,
                      }))}
                      required
                      {...form.getInputProps('source')}
                    />
                    <Checkbox.Group
                      label="How you can transfer it to a buyer"
                      required
                      {...form.getInputProps('transferMethods')}
                    >
                      <Stack gap={6} mt={6}>
                        {TRANSFER_METHODS.map((m) => {
                          const allowed = !provider || provider.policy.transferMethods.includes(m);
                          return (
                            <Checkbox
                              key={m}
                              value={m}
                              disabled={!allowed}
                              label={TRANSFER_METHOD_LABEL[m]}
                              description={
                                allowed ? undefined : `${provider?.name ?? 'The provider'} does not allow it`
                              }
                            />
                          );
                        })}
                      </Stack>
                    </Checkbox.Group>
                    <Title order={5} mt="sm">
                      Evidence
                    </Title>
                    <TextInput
                      label="Statement or invoice number"
                      description="The provider document that shows this balance; Carryover checks it"
                      required
                      {...form.getInputProps('evidence.statementReference')}
                    />
                    <Textarea
                      label="Note for the verifier"
                      autosize
                      minRows={2}
                      {...form.getInputProps('evidence.note')}
                    />
                    <Group justify="flex-end">
                      <Button variant="default" component={Link} to="/balances">
                        Cancel
                      </Button>
                      <Button type="submit" loading={busy}>
                        Register balance
                      </Button>
                    </Group>
                  </Stack>
                </form>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Card withBorder>
                <Title order={4} mb="xs">
                  {provider ? `${provider.name}’s resale terms` : 'Resale terms'}
                </Title>
                {provider ? (
                  <PolicySummary provider={provider} />
                ) : (
                  <Text size="sm" c="dimmed">
                    Choose a provider to see what it allows.
                  </Text>
                )}
              </Card>
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
    </Stack>
  );
}
