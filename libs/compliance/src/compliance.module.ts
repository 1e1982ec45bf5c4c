import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { IdentityModule } from '@carryover/identity';
import { ComplianceResultEntity } from './entities/compliance-result.entity';
import { ComplianceReviewEntity } from './entities/compliance-review.entity';
import { OrganizationKycReviews } from './reviews/organization-kyc-reviews';
import { ReviewHandlers } from './reviews/review-handlers';
import { ReviewQueue } from './reviews/review-queue.service';
import { ComplianceService } from './services/compliance.service';
import { DecideReviewUseCase } from './use-cases/decide-review.use-case';

@Module({
  imports: [
    TypeOrmModule.forFeature([ComplianceResultEntity, ComplianceReviewEntity]),
    AuditModule,
    IdentityModule,
  ],
  providers: [ComplianceService, ReviewQueue, ReviewHandlers, DecideReviewUseCase, OrganizationKycReviews],
  exports: [ComplianceService, ReviewQueue, ReviewHandlers, DecideReviewUseCase],
})
export class ComplianceModule {}
