import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Something that happened in one domain that another may react to, inside the same transaction. */
export interface DomainEvent<TName extends string = string, TPayload extends object = object> {
  name: TName;
  payload: TPayload;
}

export type DomainEventHandler = (manager: EntityManager, event: DomainEvent) => Promise<void>;

/**
 * In-process, transactional publish/subscribe between domains: a handler runs inside the publisher's
 * transaction, so the reaction commits or rolls back with the change. Domains stay decoupled: the
 * publisher knows event names, never the subscribers.
 */
@Injectable()
export class DomainEventBus {
  private readonly handlers = new Map<string, DomainEventHandler[]>();

  subscribe(name: string, handler: DomainEventHandler): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    for (const handler of this.handlers.get(event.name) ?? []) await handler(manager, event);
  }
}

@Global()
@Module({ providers: [DomainEventBus], exports: [DomainEventBus] })
export class DomainEventsModule {}
