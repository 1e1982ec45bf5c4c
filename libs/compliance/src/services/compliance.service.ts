import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { evaluateCompliance, type ComplianceResult, type ComplianceSubject } from '../engine';
import {
  ComplianceResultEntity,
  type ComplianceContext,
  type ComplianceSubjectType,
} from '../entities/compliance-result.entity';

export interface ComplianceRef {
  subjectType: ComplianceSubjectType;
  subjectId: string;
  context: ComplianceContext;
}

/** A compliance result as stored, with the id that review items and trades point to. */
export interface StoredComplianceResult extends ComplianceResult {
  id: string;
}

/** Runs the rule engine and keeps every result with the policy version it cited. */
@Injectable()
export class ComplianceService {
  constructor(
    @InjectRepository(ComplianceResultEntity) private readonly results: Repository<ComplianceResultEntity>,
  ) {}

  evaluate(subject: ComplianceSubject): ComplianceResult {
    return evaluateCompliance(subject);
  }

  async record(
    manager: EntityManager,
    ref: ComplianceRef,
    result: ComplianceResult,
  ): Promise<StoredComplianceResult> {
    const [stored] = await this.recordAll(manager, [{ ref, result }]);
    return stored as StoredComplianceResult;
  }

  /** Keeps several results in one insert, in the caller's transaction; ids in the order given. */
  async recordAll(
    manager: EntityManager,
    items: ReadonlyArray<{ ref: ComplianceRef; result: ComplianceResult }>,
  ): Promise<StoredComplianceResult[]> {
    if (items.length === 0) return [];
    const repository = manager.getRepository(ComplianceResultEntity);
    const rows = items.map(({ ref, result }) =>
      repository.create({
        id: randomUUID(),
        ...ref,
        providerCode: result.providerCode,
        policyVersion: result.policyVersion,
        outcome: result.outcome,
        checks: result.checks,
        requiresProviderApproval: result.requiresProviderApproval,
        evaluatedAt: result.evaluatedAt,
      }),
    );
    await repository.insert(rows);
    return items.map(({ result }, i) => ({ ...result, id: (rows[i] as ComplianceResultEntity).id }));
  }

  /** The newest stored result for a subject, across contexts. */
  async latest(
    subjectType: ComplianceSubjectType,
    subjectId: string,
  ): Promise<StoredComplianceResult | null> {
    const row = await this.results.findOne({
      where: { subjectType, subjectId },
      order: { evaluatedAt: 'DESC' },
    });
    return row ? toStored(row) : null;
  }

  async latestFor(
    subjectType: ComplianceSubjectType,
    subjectIds: string[],
  ): Promise<Map<string, StoredComplianceResult>> {
    if (subjectIds.length === 0) return new Map();
    const rows = await this.results
      .createQueryBuilder('result')
      .distinctOn(['result.subjectId'])
      .where('result.subjectType = :subjectType AND result.subjectId IN (:...subjectIds)', {
        subjectType,
        subjectIds,
      })
      .orderBy('result.subjectId')
      .addOrderBy('result.evaluatedAt', 'DESC')
      .getMany();
    return new Map(rows.map((row) => [row.subjectId, toStored(row)]));
  }
}

function toStored(row: ComplianceResultEntity): StoredComplianceResult {
  return {
    id: row.id,
    outcome: row.outcome,
    policyVersion: row.policyVersion,
    providerCode: row.providerCode,
    checks: row.checks,
    requiresProviderApproval: row.requiresProviderApproval,
    evaluatedAt: row.evaluatedAt,
  };
}
