import { useState, type ReactNode } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/problem';
import { SignInRefusedError, useSession } from './session-context';

export interface SignInPageProps {
  title: string;
  subtitle: ReactNode;
  /** Where to go after signing in when the user did not come from a page. */
  home?: string;
}

/** E-mail and password; shows why a session ended and why an account is refused. */
export function SignInPage({ title, subtitle, home = '/' }: SignInPageProps) {
  const { session, signIn, endedBecause } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : 'Enter your e-mail address'),
      password: (value) => (value.length > 0 ? null : 'Enter your password'),
    },
  });
  const from = (location.state as { from?: string } | null)?.from ?? home;
  if (session) return <Navigate to={from} replace />;

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      await signIn(values.email.trim(), values.password);
      void navigate(from, { replace: true });
    } catch (error) {
      if (error instanceof SignInRefusedError) {
        setFailure({ title: 'This account cannot use this app', message: error.message });
      } else if (error instanceof ApiError && error.status === 400) {
        form.setErrors(error.fieldErrors());
      } else if (error instanceof ApiError && error.status === 401) {
        setFailure({ title: 'Sign-in failed', message: 'The e-mail address or the password is wrong.' });
      } else {
        setFailure({ title: 'Sign-in failed', message: describeError(error) });
      }
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>{title}</Title>
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            </div>
            {endedBecause && !failure && (
              <Alert color="yellow" title="Signed out" data-testid="session-ended">
                {endedBecause}
              </Alert>
            )}
            {failure && (
              <Alert color="red" title={failure.title} role="alert" data-testid="sign-in-error">
                {failure.message}
              </Alert>
            )}
            <TextInput label="E-mail" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
