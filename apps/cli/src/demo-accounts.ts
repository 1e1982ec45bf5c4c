import type { OrganizationRole } from '@carryover/identity';

/** Demo logins for a local stack only; `seed:demo` refuses to run with NODE_ENV=production. */
export const DEMO_PASSWORD = 'carryover-demo-2026';

export const DEMO_OPERATOR = { email: 'operator@carryover.local', name: 'Demo Operator' };

export interface DemoFirm {
  label: string;
  organization: { name: string; country: string };
  members: { email: string; name: string; role: OrganizationRole }[];
}

export const DEMO_FIRMS: DemoFirm[] = [
  {
    label: 'seller',
    organization: { name: 'Northwind Compute Ltd', country: 'GB' },
    members: [
      { email: 'admin@northwind.example', name: 'Nadia Seller', role: 'org_admin' },
      { email: 'trader@northwind.example', name: 'Tom Seller', role: 'trader' },
    ],
  },
  {
    label: 'buyer',
    organization: { name: 'Bluefin Labs Inc', country: 'US' },
    members: [
      { email: 'admin@bluefin.example', name: 'Bea Buyer', role: 'org_admin' },
      { email: 'trader@bluefin.example', name: 'Bo Buyer', role: 'trader' },
      { email: 'viewer@bluefin.example', name: 'Val Viewer', role: 'viewer' },
    ],
  },
];
