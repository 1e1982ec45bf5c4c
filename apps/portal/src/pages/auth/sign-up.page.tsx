import { useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Divider,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, newIdempotencyKey, showProblemOnForm, useSession } from '@carryover/web-ui';
import { usePortalApi } from '../../api/use-portal-api';
import { countryOptions } from '../../domain/countries';

const PASSWORD_MIN = 12;
const FIELDS = [
  'organization.name',
  'organization.legalEntityName',
  'organization.country',
  'user.name',
  'user.email',
  'user.password',
] as const;

/** A new firm: its organisation and its first member, who becomes the administrator. */
export function SignUpPage() {
  const { session, signIn } = useSession();
  const api = usePortalApi();
  const navigate = useNavigate();
  const countries = useMemo(() => countryOptions(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: {
      organization: { name: '', legalEntityName: '', country: '' },
      user: { name: '', email: '', password: '' },
    },
    validate: {
      organization: {
        name: (v) => (v.trim() ? null : 'Enter your firm’s name'),
        country: (v) => (v ? null : 'Choose the country your firm is incorporated in'),
      },
      user: {
        name: (v) => (v.trim() ? null : 'Enter your name'),
        email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your work e-mail address'),
        password: (v) => (v.length >= PASSWORD_MIN ? null : `Use at least ${PASSWORD_MIN} characters`),
      },
    },
  });
  if (session) return <Navigate to="/balances" replace />;

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    const organization = {
      name: values.organization.name.trim(),
      country: values.organization.country,
      ...(values.organization.legalEntityName.trim()
        ? { legalEntityName: values.organization.legalEntityName.trim() }
        : {}),
    };
    const user = {
      name: values.user.name.trim(),
      email: values.user.email.trim(),
      password: values.user.password,
    };
    try {
      await api.register({ organization, user }, idempotencyKey);
      await signIn(user.email, user.password);
      void navigate('/balances', { replace: true });
    } catch (error) {
      setIdempotencyKey(newIdempotencyKey());
      if (error instanceof ApiError && error.code === 'email_taken') {
        form.setFieldError(
          'user.email',
          'An account with this e-mail address already exists. Sign in instead.',
        );
      } else {
        setFailure(showProblemOnForm(form, error, {}, FIELDS));
      }
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>Create your firm’s account</Title>
              <Text c="dimmed" size="sm">
                Sell credits that would expire unused, buy capacity below list price. You become the account’s
                administrator and can invite your colleagues.
              </Text>
            </div>
            {failure && (
              <Alert color="red" title="The account was not created" role="alert">
                {failure}
              </Alert>
            )}
            <Divider label="Your firm" labelPosition="left" />
            <TextInput label="Firm name" required {...form.getInputProps('organization.name')} />
            <TextInput
              label="Registered legal entity"
              description="If it differs from the firm name"
              {...form.getInputProps('organization.legalEntityName')}
            />
            <Select
              label="Country of incorporation"
              data={countries}
              searchable
              required
              {...form.getInputProps('organization.country')}
            />
            <Divider label="You" labelPosition="left" />
            <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('user.name')} />
            <TextInput
              label="Work e-mail"
              autoComplete="username"
              required
              {...form.getInputProps('user.email')}
            />
            <PasswordInput
              label="Password"
              description={`At least ${PASSWORD_MIN} characters`}
              autoComplete="new-password"
              required
              {...form.getInputProps('user.password')}
            />
            <Button type="submit" loading={busy} fullWidth>
              Create account
            </Button>
            <Text size="sm" ta="center">
              Already have an account?{' '}
              <Anchor component={Link} to="/sign-in" size="sm">
                Sign in
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
