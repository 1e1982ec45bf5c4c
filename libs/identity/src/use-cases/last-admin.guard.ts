import { ConflictError } from '@carryover/shared';

/** Refuses a change that would leave the organisation without an active org_admin. */
export function assertNotLastAdmin(activeAdmins: { id: string }[], leavingAdminId: string): void {
  if (activeAdmins.every((admin) => admin.id === leavingAdminId)) {
    throw new ConflictError('last_org_admin', 'An organisation must keep at least one active org_admin.');
  }
}
