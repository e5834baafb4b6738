// The module's surface for worker threads: plain functions and types that load no Nest provider,
// entity or TypeORM, so a thread of another module (the ranking export's) loads only the files it
// runs. Like index.ts, it is the only other file of this module another module may import.
export { plannedRankingRows, type RankingRowsPlan } from './ranking-rows.plan';
