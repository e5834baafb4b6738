import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateImportBatches1796603594518 implements MigrationInterface {
  name = 'CreateImportBatches1796603594518';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"import_batch_status\" AS ENUM('RUNNING', 'DONE', 'CANCELLED')");
    await queryRunner.query("CREATE TABLE \"import_batches\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"scope_organization_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"status\" \"public\".\"import_batch_status\" NOT NULL, \"created_by_id\" uuid NOT NULL, \"total\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_6162597a2576c03e04bb2c1a2dd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_import_batches_scope\" ON \"import_batches\" (\"scope_organization_id\", \"created_at\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"import_item_status\" AS ENUM('PENDING', 'MATCHED', 'NEEDS_CHOICE', 'NOT_A_REPORT', 'FAILED', 'STORED', 'CANCELLED')");
    await queryRunner.query("CREATE TABLE \"import_batch_items\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"batch_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"file_name\" character varying(255) NOT NULL, \"content\" bytea, \"status\" \"public\".\"import_item_status\" NOT NULL, \"reason_key\" character varying(100), \"reason_params\" jsonb, \"candidates\" jsonb, \"read_name\" character varying(300), \"format\" character varying(20), \"report\" jsonb, \"warnings\" jsonb, \"organization_id\" uuid, \"submission_id\" uuid, \"version_id\" uuid, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_24977e72b05d8290d16323cbfea\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_import_batch_items_status\" ON \"import_batch_items\" (\"batch_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_import_batch_items_position\" ON \"import_batch_items\" (\"batch_id\", \"position\") ");
    // a new value in place: no rewrite of the append-only submission_versions table
    await queryRunner.query("ALTER TYPE \"public\".\"version_source\" ADD VALUE IF NOT EXISTS 'IMPORTED'");
    await queryRunner.query("ALTER TABLE \"import_batches\" ADD CONSTRAINT \"fk_import_batches_scope\" FOREIGN KEY (\"scope_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_batches\" ADD CONSTRAINT \"fk_import_batches_created_by\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_batch_items\" ADD CONSTRAINT \"fk_import_batch_items_batch\" FOREIGN KEY (\"batch_id\") REFERENCES \"import_batches\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"import_batch_items\" DROP CONSTRAINT \"fk_import_batch_items_batch\"");
    await queryRunner.query("ALTER TABLE \"import_batches\" DROP CONSTRAINT \"fk_import_batches_created_by\"");
    await queryRunner.query("ALTER TABLE \"import_batches\" DROP CONSTRAINT \"fk_import_batches_scope\"");
    await queryRunner.query("CREATE TYPE \"public\".\"version_source_old\" AS ENUM('MANUAL', 'AUTOSAVE', 'UPLOAD')");
    await queryRunner.query("ALTER TABLE \"submission_versions\" ALTER COLUMN \"source\" TYPE \"public\".\"version_source_old\" USING \"source\"::\"text\"::\"public\".\"version_source_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"version_source\"");
    await queryRunner.query("ALTER TYPE \"public\".\"version_source_old\" RENAME TO \"version_source\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_import_batch_items_position\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_import_batch_items_status\"");
    await queryRunner.query("DROP TABLE \"import_batch_items\"");
    await queryRunner.query("DROP TYPE \"public\".\"import_item_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_import_batches_scope\"");
    await queryRunner.query("DROP TABLE \"import_batches\"");
    await queryRunner.query("DROP TYPE \"public\".\"import_batch_status\"");
  }
}
