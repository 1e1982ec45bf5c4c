import { Badge, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';

export interface ComplianceCheckView {
  rule: string;
  outcome: 'pass' | 'review' | 'block' | string;
  detail: string;
}

const HEADLINE: Record<string, { color: string; text: string }> = {
  pass: { color: 'green', text: 'Meets the provider’s resale terms' },
  review: { color: 'yellow', text: 'Waiting for a Carryover compliance review' },
  block: { color: 'red', text: 'Cannot be resold under the provider’s terms' },
};

const MARK: Record<string, { color: string; symbol: string; label: string }> = {
  pass: { color: 'green', symbol: '✓', label: 'passed' },
  review: { color: 'yellow', symbol: '?', label: 'needs review' },
  block: { color: 'red', symbol: '✕', label: 'blocked' },
};

/** One sentence for a compliance outcome, for people rather than rule engines. */
export function complianceHeadline(outcome: string): string {
  return HEADLINE[outcome]?.text ?? outcome;
}

/**
 * A compliance result in plain words: the headline, then each rule's own explanation, problems first.
 * Passed checks are listed only with `showPassed`.
 */
export function ComplianceChecks({
  outcome,
  checks,
  policyVersion,
  showPassed = false,
}: {
  outcome: string;
  checks: ComplianceCheckView[];
  policyVersion?: number;
  showPassed?: boolean;
}) {
  const order = { block: 0, review: 1, pass: 2 } as Record<string, number>;
  const shown = checks
    .filter((check) => showPassed || check.outcome !== 'pass')
    .sort((a, b) => (order[a.outcome] ?? 3) - (order[b.outcome] ?? 3));
  const headline = HEADLINE[outcome] ?? { color: 'gray', text: outcome };
  return (
    <Stack gap="xs" data-testid="compliance" data-outcome={outcome}>
      <Group gap="xs">
        <Badge color={headline.color} variant="light">
          {headline.text}
        </Badge>
        {policyVersion !== undefined && (
          <Text size="xs" c="dimmed">
            checked against policy version {policyVersion}
          </Text>
        )}
      </Group>
      {shown.length > 0 && (
        <List spacing={4} size="sm" center>
          {shown.map((check) => {
            const mark = MARK[check.outcome] ?? { color: 'gray', symbol: '•', label: check.outcome };
            return (
              <List.Item
                key={check.rule}
                icon={
                  <ThemeIcon color={mark.color} size={18} radius="xl" variant="light" aria-label={mark.label}>
                    <Text span size="xs" fw={700}>
                      {mark.symbol}
                    </Text>
                  </ThemeIcon>
                }
              >
                {check.detail}
              </List.Item>
            );
          })}
        </List>
      )}
    </Stack>
  );
}
