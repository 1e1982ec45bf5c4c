import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Validates raw environment variables against an env schema class and returns the typed, defaulted result.
 * Throws one error naming every bad variable, so a misconfigured process fails at boot, not at first use.
 */
export function validateEnv<T extends object>(schema: ClassConstructor<T>, raw: Record<string, unknown>): T {
  const env = plainToInstance(schema, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return env;
}
