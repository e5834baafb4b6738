export * from './tables';
export { ORGANIZATIONS_TABLE as RENAMED_TABLE } from './tables';
