import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '@carryover/web-ui';

/** A destructive action behind a confirmation that says what will happen. */
export function ConfirmButton({
  label,
  title,
  consequence,
  confirmLabel,
  onConfirm,
  done,
  size = 'xs',
}: {
  label: string;
  title: string;
  consequence: string;
  confirmLabel: string;
  onConfirm(): Promise<unknown>;
  done: string;
  size?: 'xs' | 'sm';
}) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      notifications.show({ color: 'green', message: done });
      setOpened(false);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not done', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size={size} variant="light" color="red" onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} centered>
        <Stack>
          <Text size="sm">{consequence}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)} disabled={busy}>
              Keep it
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
