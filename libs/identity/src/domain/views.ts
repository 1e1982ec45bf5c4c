import type { KycStatus, OrganizationRole, Role } from './role';

/** What the identity domain hands out: plain objects, never entities with secrets attached. */
export interface OrganizationView {
  id: string;
  name: string;
  legalEntityName: string;
  country: string;
  kycStatus: KycStatus;
  kycDecidedAt: Date | null;
  createdAt: Date;
}

export interface UserView {
  id: string;
  organizationId: string | null;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: OrganizationRole;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}
