import { ComplianceResultEntity } from './entities/compliance-result.entity';
import { ComplianceReviewEntity } from './entities/compliance-review.entity';

export const COMPLIANCE_ENTITIES = [ComplianceResultEntity, ComplianceReviewEntity];

export * from './compliance.module';
export * from './engine';
export {
  COMPLIANCE_SUBJECT_TYPES,
  type ComplianceContext,
  type ComplianceSubjectType,
} from './entities/compliance-result.entity';
export {
  REVIEW_STATUSES,
  REVIEW_SUBJECT_TYPES,
  type ReviewStatus,
  type ReviewSubjectType,
} from './entities/compliance-review.entity';
export { ReviewHandlers, type ReviewDecision, type ReviewDecisionHandler } from './reviews/review-handlers';
export { ReviewQueue, type OpenReview, type ReviewItem } from './reviews/review-queue.service';
export {
  ComplianceService,
  type ComplianceRef,
  type StoredComplianceResult,
} from './services/compliance.service';
export { toPartySnapshot, toPolicySnapshot } from './services/snapshots';
export { DecideReviewUseCase } from './use-cases/decide-review.use-case';
