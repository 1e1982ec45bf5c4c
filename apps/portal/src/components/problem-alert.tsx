import { Alert, Stack, Text } from '@mantine/core';
import { ApiError, ComplianceChecks, type ComplianceCheckView } from '@carryover/web-ui';

interface BlockedCompliance {
  outcome: string;
  policyVersion?: number;
  checks: ComplianceCheckView[];
}

function blockedCompliance(error: unknown): BlockedCompliance | null {
  if (!(error instanceof ApiError)) return null;
  const compliance = error.problem.compliance as BlockedCompliance | undefined;
  return compliance && Array.isArray(compliance.checks) ? compliance : null;
}

/**
 * Why an action was refused, above its form: the sentence, and for a compliance block each broken rule
 * in the provider's terms.
 */
export function ProblemAlert({
  title,
  message,
  error,
}: {
  title: string;
  message: string | null;
  error?: unknown;
}) {
  if (!message) return null;
  const compliance = blockedCompliance(error);
  return (
    <Alert color="red" title={title} role="alert" data-testid="form-error">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {compliance && (
          <ComplianceChecks
            outcome={compliance.outcome}
            checks={compliance.checks}
            policyVersion={compliance.policyVersion}
          />
        )}
      </Stack>
    </Alert>
  );
}
