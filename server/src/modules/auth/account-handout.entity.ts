import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sheet of freshly created accounts with their one-time passwords, waiting for its single
 * download. The workbook is encrypted with a key derived from GONGKAI_SECRET (AES-256-GCM);
 * the row is deleted by the download itself, and rows past `expiresAt` are purged.
 */
@Entity('account_handouts')
@Index('ix_account_handouts_expires_at', ['expiresAt'])
export class AccountHandoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Only the admin who created the accounts may download the sheet. */
  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  /** iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext of the .xlsx */
  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
