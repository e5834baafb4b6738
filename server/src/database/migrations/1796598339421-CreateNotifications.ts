import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1796598339421 implements MigrationInterface {
  name = 'CreateNotifications1796598339421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"reminder_ledger\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"round_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"step\" character varying(20) NOT NULL, \"deadline\" character varying(10) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ced3d0c10a293a84327a9baa9d2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_reminder_ledger_round_org_step\" ON \"reminder_ledger\" (\"round_id\", \"organization_id\", \"step\", \"deadline\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind\" AS ENUM('RETURNED', 'APPROVED', 'PUBLISHED', 'REOPENED', 'RESUBMITTED', 'EXTENDED', 'ROUND_OPENED', 'DUE_SOON', 'OVERDUE', 'REMINDER')");
    await queryRunner.query("CREATE TABLE \"notifications\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"user_id\" uuid NOT NULL, \"kind\" \"public\".\"notification_kind\" NOT NULL, \"organization_id\" uuid NOT NULL, \"submission_id\" uuid, \"round_id\" uuid, \"params\" jsonb NOT NULL, \"link\" character varying(300) NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6a72c3c0f683f6462415e653c3a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_notifications_user_created\" ON \"notifications\" (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"notification_settings\" (\"user_id\" uuid NOT NULL, \"email\" character varying(254), \"email_opt_out\" text array NOT NULL DEFAULT '{}', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_91a7ffebe8b406c4470845d4781\" PRIMARY KEY (\"user_id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"mail_delivery_status\" AS ENUM('PENDING', 'RETRYING', 'SENT', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"mail_deliveries\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"notification_id\" uuid NOT NULL, \"recipient\" character varying(254) NOT NULL, \"subject\" character varying(300) NOT NULL, \"text\" text NOT NULL, \"html\" text NOT NULL, \"status\" \"public\".\"mail_delivery_status\" NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_c3b04f863547fccfd11b4d4b11e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_mail_deliveries_created\" ON \"mail_deliveries\" (\"created_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_mail_deliveries_created\"");
    await queryRunner.query("DROP TABLE \"mail_deliveries\"");
    await queryRunner.query("DROP TYPE \"public\".\"mail_delivery_status\"");
    await queryRunner.query("DROP TABLE \"notification_settings\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_notifications_user_created\"");
    await queryRunner.query("DROP TABLE \"notifications\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_reminder_ledger_round_org_step\"");
    await queryRunner.query("DROP TABLE \"reminder_ledger\"");
  }
}
