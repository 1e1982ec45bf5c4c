import type { CreditSource, TransferMethod } from '@carryover/catalog';
import type { OrganizationRole } from '@carryover/identity';

/** Demo logins for a local stack only; `seed:demo` refuses to run with NODE_ENV=production. */
export const DEMO_PASSWORD = 'carryover-demo-2026';

export const DEMO_OPERATOR = { email: 'operator@carryover.local', name: 'Demo Operator' };

export interface DemoLot {
  providerCode: string;
  faceValueMinor: bigint;
  currency: string;
  expiresInDays: number;
  source: CreditSource;
  transferMethods: TransferMethod[];
}

export interface DemoFirm {
  label: string;
  organization: { name: string; legalEntityName: string; country: string };
  members: { email: string; name: string; role: OrganizationRole }[];
  lots: DemoLot[];
}

export const DEMO_FIRMS: DemoFirm[] = [
  {
    label: 'seller',
    organization: { name: 'Northwind Compute', legalEntityName: 'Northwind Compute Ltd', country: 'GB' },
    members: [
      { email: 'admin@northwind.example', name: 'Nadia Seller', role: 'org_admin' },
      { email: 'trader@northwind.example', name: 'Tom Seller', role: 'trader' },
    ],
    lots: [
      {
        providerCode: 'anthropic',
        faceValueMinor: 1_500_000n,
        currency: 'USD',
        expiresInDays: 240,
        source: 'prepaid_purchase',
        transferMethods: ['invoice_reassignment', 'structured_resale'],
      },
      {
        providerCode: 'openai',
        faceValueMinor: 2_000_000n,
        currency: 'USD',
        expiresInDays: 200,
        source: 'commitment',
        transferMethods: ['invoice_reassignment'],
      },
      {
        providerCode: 'mistral',
        faceValueMinor: 800_000n,
        currency: 'EUR',
        expiresInDays: 150,
        source: 'prepaid_purchase',
        transferMethods: ['account_transfer', 'structured_resale'],
      },
      {
        providerCode: 'azure-openai',
        faceValueMinor: 1_200_000n,
        currency: 'USD',
        expiresInDays: 300,
        source: 'commitment',
        transferMethods: ['account_transfer'],
      },
    ],
  },
  {
    label: 'buyer',
    organization: { name: 'Bluefin Labs', legalEntityName: 'Bluefin Labs Inc', country: 'US' },
    members: [
      { email: 'admin@bluefin.example', name: 'Bea Buyer', role: 'org_admin' },
      { email: 'trader@bluefin.example', name: 'Bo Buyer', role: 'trader' },
      { email: 'viewer@bluefin.example', name: 'Val Viewer', role: 'viewer' },
    ],
    lots: [],
  },
];
