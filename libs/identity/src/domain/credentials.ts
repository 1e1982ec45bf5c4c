import { ValidationError } from '@carryover/shared';

export const PASSWORD_MIN_LENGTH = 12;
// argon2 hashes whatever it gets; a cap keeps a huge password from becoming a CPU bill.
export const PASSWORD_MAX_LENGTH = 256;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError([
      { field, message: `${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long` },
    ]);
  }
}
