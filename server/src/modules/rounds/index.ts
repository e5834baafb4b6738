// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module: others hold a round as a `RoundRow`.
export { RoundsModule } from './rounds.module';
export { RoundsService } from './rounds.service';
export { Round, RoundExtension } from './round.model';
export { roundLookups } from './round-lookups';
export { roundWrites, type CreateRoundInput } from './round-writes';
export { RoundStatus, type RoundRow } from './round.entity';
export {
  deadlineDayEndSql,
  effectiveDeadlineSql,
  expectedInRoundSql,
  inSubtreeSql,
  lateSql,
} from './round-deadline.sql';
export { ROUND_READ_VIEWS } from './read-views';
