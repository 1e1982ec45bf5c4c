import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  PageHeader,
  PagedTable,
  describeError,
  formatDate,
  newIdempotencyKey,
  showProblemOnForm,
  useCursorPages,
  useSession,
  type Column,
} from '@carryover/web-ui';
import type { OrganizationRole, User } from '../../api/types';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { ROLE_HELP, ROLE_LABEL } from '../../domain/words';

const ROLES: OrganizationRole[] = ['viewer', 'trader', 'org_admin'];
const roleOptions = ROLES.map((r) => ({ value: r, label: `${ROLE_LABEL[r]} — ${ROLE_HELP[r]}` }));

function AddMember({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { name: '', email: '', password: '', role: 'trader' as OrganizationRole },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter their name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter their work e-mail address'),
      password: (v) => (v.length >= 12 ? null : 'Use at least 12 characters; give it to them safely'),
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.addMember(
        { ...values, name: values.name.trim(), email: values.email.trim() },
        idempotencyKey,
      );
      setIdempotencyKey(newIdempotencyKey());
      notifications.show({ color: 'green', message: `${values.name.trim()} can now sign in.` });
      await queryClient.invalidateQueries({ queryKey: ['members'] });
      close();
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      if (error instanceof ApiError && error.status === 409) form.setFieldError('email', error.message);
      else setFailure(showProblemOnForm(form, error, {}, ['name', 'email', 'password', 'role']));
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Add a member" size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput label="Work e-mail" required {...form.getInputProps('email')} />
          <PasswordInput
            label="First password"
            description="At least 12 characters; they sign in with it"
            required
            {...form.getInputProps('password')}
          />
          <Select
            label="Role"
            data={roleOptions}
            allowDeselect={false}
            required
            {...form.getInputProps('role')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The firm's members and their roles; an administrator adds, re-roles and removes them. */
export function MembersPage() {
  const api = usePortalApi();
  const { session } = useSession();
  const { isAdmin } = usePermissions();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const pager = useCursorPages(['members'], (cursor) => api.members(cursor));
  const changeRole = async (member: User, role: string) => {
    try {
      await api.changeMemberRole(member.id, role as OrganizationRole);
      notifications.show({
        color: 'green',
        message: `${member.name} is now ${ROLE_LABEL[role]?.toLowerCase() ?? role}.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Role not changed', message: describeError(error) });
    }
    await queryClient.invalidateQueries({ queryKey: ['members'] });
  };
  const columns: Column<User>[] = [
    { key: 'name', header: 'Name', render: (m) => m.name },
    { key: 'email', header: 'E-mail', render: (m) => m.email },
    {
      key: 'role',
      header: 'Role',
      render: (m) =>
        isAdmin && m.id !== session?.user.id && !m.disabledAt ? (
          <Select
            aria-label={`Role of ${m.name}`}
            size="xs"
            w={160}
            data={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] ?? r }))}
            value={m.role}
            allowDeselect={false}
            onChange={(role) => role && role !== m.role && void changeRole(m, role)}
          />
        ) : (
          <Text size="sm">{ROLE_LABEL[m.role] ?? m.role}</Text>
        ),
    },
    {
      key: 'since',
      header: 'Member since',
      render: (m) => (m.disabledAt ? `removed ${formatDate(m.disabledAt)}` : formatDate(m.createdAt)),
    },
    {
      key: 'actions',
      header: '',
      render: (m) =>
        isAdmin &&
        m.id !== session?.user.id &&
        !m.disabledAt && (
          <ConfirmButton
            label="Remove"
            title={`Remove ${m.name}?`}
            consequence={`${m.email} will no longer be able to sign in. What they did stays on record.`}
            confirmLabel="Remove"
            done={`${m.name} was removed.`}
            onConfirm={async () => {
              await api.removeMember(m.id);
              await queryClient.invalidateQueries({ queryKey: ['members'] });
            }}
          />
        ),
    },
  ];
  return (
    <Stack>
      <PageHeader
        title="Members"
        description="Who at your firm can sign in, and what each may do."
        actions={isAdmin && <Button onClick={() => setAdding(true)}>Add a member</Button>}
      />
      <PagedTable
        label="Members"
        pager={pager}
        columns={columns}
        rowKey={(m) => m.id}
        empty={{ title: 'No members' }}
      />
      {isAdmin && <AddMember opened={adding} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
