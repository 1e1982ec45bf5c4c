import { useState } from 'react';
import { Button, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  DateTime,
  DecisionModal,
  PageHeader,
  PagedTable,
  StatusBadge,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { Organization } from '../../api/types';

export function OrganizationsPage() {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const [kycStatus, setKycStatus] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Organization | null>(null);
  const pager = useCursorPages(['organizations', kycStatus ?? 'any'], (cursor) =>
    api.organizations(kycStatus ?? undefined, cursor),
  );

  const columns: Column<Organization>[] = [
    {
      key: 'legal',
      header: 'Legal entity',
      render: (o) => (
        <Text size="sm" fw={500}>
          {o.legalEntityName}
        </Text>
      ),
    },
    { key: 'name', header: 'Trading as', render: (o) => o.name },
    { key: 'country', header: 'Country', render: (o) => o.country },
    { key: 'kyc', header: 'KYC', render: (o) => <StatusBadge status={o.kycStatus} /> },
    { key: 'decided', header: 'Decided', render: (o) => <DateTime iso={o.kycDecidedAt} /> },
    { key: 'created', header: 'Registered', render: (o) => <DateTime iso={o.createdAt} /> },
    {
      key: 'action',
      header: '',
      align: 'right',
      render: (o) => (
        <Button size="xs" variant="light" onClick={() => setDeciding(o)}>
          KYC decision…
        </Button>
      ),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title="Organisations"
        description="Firms on the exchange and their KYC. Only verified firms can list or buy."
        actions={
          <Select
            aria-label="KYC status"
            placeholder="Any KYC status"
            clearable
            data={[
              { value: 'pending', label: 'Pending' },
              { value: 'verified', label: 'Verified' },
              { value: 'rejected', label: 'Rejected' },
            ]}
            value={kycStatus}
            onChange={setKycStatus}
          />
        }
      />
      <PagedTable
        label="Organisations"
        pager={pager}
        columns={columns}
        rowKey={(o) => o.id}
        empty={{ title: 'No organisations', description: 'Firms appear here when they register.' }}
      />
      {deciding && (
        <DecisionModal
          opened
          onClose={() => setDeciding(null)}
          title={`KYC for ${deciding.legalEntityName}`}
          options={[
            {
              value: 'verify',
              label: 'Verify',
              color: 'green',
              consequence: `${deciding.legalEntityName} is KYC-verified and may trade.`,
            },
            {
              value: 'reject',
              label: 'Reject',
              color: 'red',
              consequence: `${deciding.legalEntityName} is refused and may not trade.`,
            },
          ]}
          text={{ name: 'reason', label: 'Reason', placeholder: 'Documents checked, registry entry, …' }}
          onSubmit={async ({ decision, text }) => {
            await api.decideKyc(deciding.id, { decision: decision as 'verify' | 'reject', reason: text });
            notifications.show({ message: `KYC ${decision === 'verify' ? 'verified' : 'rejected'}.` });
            await queryClient.invalidateQueries({ queryKey: ['organizations'] });
            await queryClient.invalidateQueries({ queryKey: ['reviews'] });
          }}
        />
      )}
    </Stack>
  );
}
