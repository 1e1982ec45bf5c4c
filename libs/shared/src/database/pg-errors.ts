/** Postgres SQLSTATE codes the domain reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

interface DriverError {
  code?: string;
  constraint?: string;
}

function driverError(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = (error as { driverError?: unknown }).driverError ?? error;
  return typeof candidate === 'object' && candidate !== null ? (candidate as DriverError) : undefined;
}

/** True when the error is a unique violation, optionally of the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = driverError(error);
  return e?.code === PG_UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
