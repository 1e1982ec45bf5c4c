export const ORGANIZATION_ROLES = ['org_admin', 'trader', 'viewer'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];
export type Role = OrganizationRole | 'operator';

export const KYC_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** What each organisation role may do, weakest first: a role includes every role before it. */
const RANK: Record<OrganizationRole, number> = { viewer: 0, trader: 1, org_admin: 2 };

/** True when `role` is at least `required` (org_admin > trader > viewer). Operators act only as operators. */
export function roleSatisfies(role: Role, required: Role): boolean {
  if (role === 'operator' || required === 'operator') return role === required;
  return RANK[role] >= RANK[required];
}
