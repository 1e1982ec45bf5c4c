import type { ReactNode } from 'react';
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { DateTime, Money, Price, StatusBadge, formatDateTime, humanize } from '@carryover/web-ui';
import type { OperatorTrade, Party } from '../../api/types';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div style={{ textAlign: 'right' }}>{children}</div>
    </Group>
  );
}

function PartyCard({
  role,
  party,
  organizationId,
}: {
  role: string;
  party?: Party;
  organizationId?: string;
}) {
  return (
    <Section title={role} testId={`party-${role.toLowerCase()}`}>
      {party ? (
        <Stack gap={4}>
          <Text fw={600}>{party.legalEntityName}</Text>
          <Text size="sm" c="dimmed">
            trading as {party.name} · {party.country}
          </Text>
          <Group gap="xs">
            <Text size="sm">KYC</Text>
            <StatusBadge status={party.kycStatus} />
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Organisation {organizationId ?? 'unknown'}
        </Text>
      )}
    </Section>
  );
}

export function PartiesSection({ trade }: { trade: OperatorTrade }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <PartyCard role="Seller" party={trade.seller} organizationId={trade.sellerOrganizationId} />
      <PartyCard role="Buyer" party={trade.buyer} organizationId={trade.buyerOrganizationId} />
    </SimpleGrid>
  );
}

export function DealSection({ trade }: { trade: OperatorTrade }) {
  const c = trade.currency;
  return (
    <Section title="Deal" testId="deal">
      <Stack gap={6}>
        <Field label="Provider">
          {trade.provider ? `${trade.provider.name} (${trade.provider.code})` : trade.providerCode}
        </Field>
        <Field label="Credit (face value)">
          <Money minor={trade.quantityMinor} currency={c} />
        </Field>
        <Field label="Price">
          <Price bps={trade.priceBps} />
        </Field>
        <Field label="Buyer pays (gross)">
          <Money minor={trade.grossMinor} currency={c} />
        </Field>
        <Field label="Platform fee">
          <Money minor={trade.feeMinor} currency={c} />
        </Field>
        <Field label="Seller proceeds">
          <Money minor={trade.sellerProceedsMinor} currency={c} />
        </Field>
        <Field label="Days to expiry at match">{trade.daysToExpiry}</Field>
        <Field label="Executed">
          <DateTime iso={trade.executedAt} />
        </Field>
        <Field label="Payment">
          <StatusBadge status={trade.payment.status} />
        </Field>
      </Stack>
    </Section>
  );
}

export function TransferSection({ trade }: { trade: OperatorTrade }) {
  return (
    <Section title="Credit transfer" testId="transfer">
      <Stack gap={6}>
        <Field label="Method">{humanize(trade.transferMethod)}</Field>
        <Field label="Reference">
          <Text span ff="monospace" size="sm" data-testid="transfer-reference">
            {trade.transfer.reference ?? '—'}
          </Text>
        </Field>
        {trade.transfer.note && <Field label="Seller’s note">{trade.transfer.note}</Field>}
        <Field label="Submitted">
          <DateTime iso={trade.transfer.submittedAt} />
        </Field>
        <Field label="Buyer confirmation">
          {trade.transfer.confirmedByBuyerAt ? (
            <Badge color="green" variant="light">
              confirmed {formatDateTime(trade.transfer.confirmedByBuyerAt)}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              not confirmed
            </Badge>
          )}
        </Field>
        {trade.providerApproval && (
          <Field label="Provider approval">
            {humanize(trade.providerApproval.decision)} · {trade.providerApproval.reference}
          </Field>
        )}
        {trade.waitingFor && <Field label="Waiting for">{humanize(trade.waitingFor)}</Field>}
      </Stack>
    </Section>
  );
}

export function ComplianceSection({ trade }: { trade: OperatorTrade }) {
  const compliance = trade.compliance;
  return (
    <Section title="Compliance checks" testId="compliance">
      {!compliance ? (
        <Text size="sm" c="dimmed">
          No compliance result is recorded for this trade.
        </Text>
      ) : (
        <Stack gap="xs">
          <Group gap="xs">
            <StatusBadge status={compliance.outcome} />
            <Text size="sm">
              against policy version <strong data-testid="policy-version">{compliance.policyVersion}</strong>,{' '}
              {formatDateTime(compliance.evaluatedAt)}
            </Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {compliance.checks.map((check) => (
                <Table.Tr key={check.rule}>
                  <Table.Td w={80}>
                    <StatusBadge status={check.outcome} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {check.rule}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{check.detail}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Section>
  );
}

export function LedgerSection({ trade }: { trade: OperatorTrade }) {
  const ledger = trade.ledger;
  return (
    <Section title="Ledger" testId="ledger">
      {!ledger || ledger.journals.length === 0 ? (
        <Text size="sm" c="dimmed">
          No money has moved for this trade yet.
        </Text>
      ) : (
        <Stack gap="sm">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Journal</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ledger.journals.map((journal) => (
                <Table.Tr key={journal.step}>
                  <Table.Td>{journal.step}</Table.Td>
                  <Table.Td ta="right">
                    <Money minor={journal.amountMinor} currency={journal.currency} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>
            Balances for this trade
          </Text>
          {Object.entries(ledger.balances).map(([account, balance]) => (
            <Field key={account} label={account}>
              <Money minor={balance} currency={trade.currency} />
            </Field>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function TimelineSection({ trade }: { trade: OperatorTrade }) {
  return (
    <Section title="Timeline" testId="timeline">
      <Timeline active={trade.timeline.length - 1} bulletSize={14} lineWidth={2}>
        {trade.timeline.map((entry, index) => (
          <Timeline.Item key={`${entry.status}-${index}`} title={humanize(entry.status)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at)} · by {entry.actor}
            </Text>
            {entry.reason && <Text size="sm">{entry.reason}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}

export function DisputeSection({ trade }: { trade: OperatorTrade }) {
  const dispute = trade.dispute;
  if (!dispute) return null;
  return (
    <Section title="Dispute" testId="dispute">
      <Stack gap={6}>
        <Field label="Status">
          <StatusBadge status={dispute.status} />
        </Field>
        <Field label="Opened by">{dispute.openedBy.side === 'buy' ? 'the buyer' : 'the seller'}</Field>
        <Field label="Reason">{dispute.reason}</Field>
        {dispute.outcome && <Field label="Outcome">{humanize(dispute.outcome)}</Field>}
        {dispute.refundMinor !== null && (
          <Field label="Refunded">
            <Money minor={dispute.refundMinor} currency={trade.currency} />
          </Field>
        )}
        {dispute.resolutionReason && <Field label="Resolution">{dispute.resolutionReason}</Field>}
      </Stack>
    </Section>
  );
}
