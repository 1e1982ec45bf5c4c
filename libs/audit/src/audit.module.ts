import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@carryover/shared';
import { AUDIT_ENTITIES } from './audit-entities';
import { AuditEventRepository } from './audit-event.repository';
import { AuditService } from './audit.service';

@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES), ClockModule],
  providers: [AuditEventRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
