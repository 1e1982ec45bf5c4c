import type { DataSource, EntityManager } from 'typeorm';

/** Runs `work` in the caller's transaction when given one, else in a new transaction. */
export function inTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return manager ? work(manager) : dataSource.transaction(work);
}
