import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity';
import type { OrganizationScope } from '../domain/actor';

@Injectable()
export class OrganizationRepository {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
  ) {}

  insert(
    manager: EntityManager,
    organization: { name: string; legalEntityName: string; country: string },
  ): Promise<OrganizationEntity> {
    const repository = manager.getRepository(OrganizationEntity);
    return repository.save(repository.create(organization));
  }

  /** The caller's own organisation. */
  findOwn(scope: OrganizationScope): Promise<OrganizationEntity | null> {
    return this.organizations.findOne({ where: { id: scope.organizationId } });
  }
}
