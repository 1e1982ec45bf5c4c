/** How long each step may take before the timeout sweep acts; read from the worker's environment. */
export interface SettlementSettings {
  /** An unpaid trade is cancelled after this (PAYMENT_WINDOW_SECONDS, default 24 h). */
  paymentWindowMs: number;
  /** A transfer not submitted by then is refunded (TRANSFER_WINDOW_SECONDS, default 72 h). */
  transferWindowMs: number;
  /** A trade in any other step longer than this is flagged for operators (STUCK_STEP_WINDOW_SECONDS, default 24 h). */
  stuckStepWindowMs: number;
}

export const SETTLEMENT_SETTINGS = Symbol('SETTLEMENT_SETTINGS');

export const DEFAULT_SETTLEMENT_WINDOWS_SECONDS = {
  PAYMENT_WINDOW_SECONDS: 24 * 3600,
  TRANSFER_WINDOW_SECONDS: 72 * 3600,
  STUCK_STEP_WINDOW_SECONDS: 24 * 3600,
} as const;

/** The settings from the variables, each falling back to its default when unset. */
export function settlementSettingsFrom(read: (name: string) => unknown): SettlementSettings {
  const seconds = (name: keyof typeof DEFAULT_SETTLEMENT_WINDOWS_SECONDS): number => {
    const value = Number(read(name) ?? DEFAULT_SETTLEMENT_WINDOWS_SECONDS[name]);
    return (Number.isFinite(value) && value > 0 ? value : DEFAULT_SETTLEMENT_WINDOWS_SECONDS[name]) * 1000;
  };
  return {
    paymentWindowMs: seconds('PAYMENT_WINDOW_SECONDS'),
    transferWindowMs: seconds('TRANSFER_WINDOW_SECONDS'),
    stuckStepWindowMs: seconds('STUCK_STEP_WINDOW_SECONDS'),
  };
}
