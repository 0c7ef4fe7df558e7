import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProposalStates1795712412247 implements MigrationInterface {
  name = 'AddProposalStates1795712412247';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "proposal_states" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "component_id" uuid NOT NULL, "token" character varying(40) NOT NULL, "title" jsonb NOT NULL DEFAULT \'{}\', "position" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_f96dc7e7575ce6e8e0af3bea3d4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_states_component_token_key" ON "proposal_states" ("component_id", "token") ',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_states" ADD CONSTRAINT "FK_1beb2735ed80feb8098e4dd8f39" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "proposal_states" DROP CONSTRAINT "FK_1beb2735ed80feb8098e4dd8f39"',
    );
    await queryRunner.query('DROP INDEX "proposal_states_component_token_key"');
    await queryRunner.query('DROP TABLE "proposal_states"');
  }
}
