import { Alert, Code, CopyButton, Button, Group, Stack, Text } from '@mantine/core';

/** A secret the API shows only once: displayed with a copy button and a warning. */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone(): void }) {
  return (
    <Alert color="yellow" title={title} data-testid="secret-once">
      <Stack gap="xs">
        <Text size="sm">Copy it now: Carryover does not show it again.</Text>
        <Code block>{secret}</Code>
        <Group>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
