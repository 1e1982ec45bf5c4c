export { MIGRATIONS } from './all-migrations';
export * from './data-source';
