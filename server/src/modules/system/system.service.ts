import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type DatabaseHealth = {
  status: 'up' | 'down';
  latencyMs: number;
  version: string | null;
  error?: string;
};
export type TableSize = { name: string; rows: number };

@Injectable()
export class SystemService {
  private readonly startedAt = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }

  async databaseHealth(): Promise<DatabaseHealth> {
    const started = performance.now();
    try {
      const rows: { version: string }[] = await this.dataSource.query(
        'SELECT current_setting($1) AS version',
        ['server_version'],
      );
      return {
        status: 'up',
        latencyMs: Math.round(performance.now() - started),
        version: rows[0]?.version ?? null,
      };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        version: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Row estimates of the application's tables, from PostgreSQL's statistics (one query). */
  async tableSizes(): Promise<TableSize[]> {
    const rows: { name: string; rows: string }[] = await this.dataSource.query(
      `SELECT relname AS name, n_live_tup AS rows FROM pg_stat_user_tables
       WHERE schemaname = 'public' ORDER BY relname`,
    );
    return rows.map((r) => ({ name: r.name, rows: Number(r.rows) }));
  }
}
