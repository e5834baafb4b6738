import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AccountHandoutEntity } from './account-handout.entity';

/** A handout sheet can be downloaded for this long, once. */
export const HANDOUT_MINUTES = 15;

/**
 * Handout sheets wait in PostgreSQL (so any server process can serve the download), encrypted
 * with a key derived from GONGKAI_SECRET: a database backup taken in the meantime does not hold
 * readable passwords. Taking a sheet deletes its row in the same statement, so two clicks (or
 * two processes) cannot both get it.
 */
@Injectable()
export class HandoutStore {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.secret, 'gongkai', 'account handout sheets', 32),
    );
  }

  /** Stores a sheet inside the caller's transaction; returns its id and expiry. */
  async put(
    manager: EntityManager,
    createdById: string,
    fileName: string,
    content: Buffer,
  ): Promise<AccountHandoutEntity> {
    await this.purgeExpired(manager);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(content), cipher.final()]);
    return manager.save(
      manager.create(AccountHandoutEntity, {
        createdById,
        fileName,
        content: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
        expiresAt: new Date(Date.now() + HANDOUT_MINUTES * 60_000),
      }),
    );
  }

  /** The sheet, removed as it is read; NOT_FOUND when taken, expired or someone else's. */
  async take(id: string, userId: string): Promise<{ fileName: string; content: Buffer }> {
    await this.purgeExpired(this.dataSource.manager);
    const gone = notFound('account sheet', { key: 'accounts.handoutGone' });
    if (!isUuid(id)) throw gone;
    const [rows]: [{ file_name: string; content: Buffer }[], number] = await this.dataSource.query(
      `DELETE FROM account_handouts
        WHERE id = $1 AND created_by_id = $2 AND expires_at > now()
        RETURNING file_name, content`,
      [id, userId],
    );
    const row = rows[0];
    if (!row) throw gone;
    const iv = row.content.subarray(0, 12);
    const tag = row.content.subarray(12, 28);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    const content = Buffer.concat([decipher.update(row.content.subarray(28)), decipher.final()]);
    return { fileName: row.file_name, content };
  }

  private async purgeExpired(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM account_handouts WHERE expires_at <= now()');
  }
}
