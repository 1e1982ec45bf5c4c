import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry, WorkerHeartbeat } from '@carryover/jobs';

/** Handlers for the maintenance queue; each one only delegates. */
@Injectable()
export class MaintenanceProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly heartbeat: WorkerHeartbeat,
  ) {}

  onModuleInit(): void {
    this.registry.register('maintenance.heartbeat', async () => {
      await this.heartbeat.beat();
    });
  }
}
