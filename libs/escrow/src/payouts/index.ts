export { PAYOUT_ENTITIES, PAYOUT_STATUSES, type PayoutStatus } from './payout-account.entity';
export { PayoutAccounts } from './payout-accounts';
export { PAYOUT_SETTINGS, payoutSettingsFor, type PayoutSettings } from './payout-settings';
export { GetPayoutStatusUseCase } from './get-payout-status.use-case';
export { RecordAccountUpdateUseCase } from './record-account-update.use-case';
export { StartPayoutOnboardingUseCase } from './start-payout-onboarding.use-case';
