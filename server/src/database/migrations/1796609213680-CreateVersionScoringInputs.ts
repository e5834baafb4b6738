import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVersionScoringInputs1796609213680 implements MigrationInterface {
  name = 'CreateVersionScoringInputs1796609213680';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"version_scoring_inputs\" (\"version_id\" uuid NOT NULL, \"submission_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"round_id\" uuid NOT NULL, \"inputs_version\" integer NOT NULL, \"statuses\" smallint array NOT NULL, \"vals\" double precision array NOT NULL, \"error_count\" integer NOT NULL, \"warning_count\" integer NOT NULL, \"key_totals\" double precision array NOT NULL, \"previous_version_id\" uuid, \"previous_errors\" integer, \"previous_warnings\" integer, \"same_prose\" boolean, \"same_tables\" boolean, \"staffing\" jsonb NOT NULL, \"digest\" character varying(40) NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4e59c2689fa756a21d632ecbd89\" PRIMARY KEY (\"version_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_version_scoring_inputs_inputs_version\" ON \"version_scoring_inputs\" (\"inputs_version\") ");
    await queryRunner.query("CREATE INDEX \"ix_version_scoring_inputs_round_org\" ON \"version_scoring_inputs\" (\"round_id\", \"organization_id\") ");
    await queryRunner.query("ALTER TABLE \"version_scoring_inputs\" ADD CONSTRAINT \"fk_version_scoring_inputs_version\" FOREIGN KEY (\"version_id\") REFERENCES \"submission_versions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"version_scoring_inputs\" DROP CONSTRAINT \"fk_version_scoring_inputs_version\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_version_scoring_inputs_round_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_version_scoring_inputs_inputs_version\"");
    await queryRunner.query("DROP TABLE \"version_scoring_inputs\"");
  }
}
