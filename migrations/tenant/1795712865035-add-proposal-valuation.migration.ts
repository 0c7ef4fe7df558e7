import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProposalValuation1795712865035 implements MigrationInterface {
  name = 'AddProposalValuation1795712865035';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "proposal_valuators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8f8ffdea5aed816b1ea1d9f2e1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "proposal_valuators_user_idx" ON "proposal_valuators" ("user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_valuators_proposal_user_key" ON "proposal_valuators" ("proposal_id", "user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "proposal_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_26402c9b67798b8c94001528a4a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "proposal_notes_proposal_idx" ON "proposal_notes" ("proposal_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_valuators" ADD CONSTRAINT "FK_1249e83dd9c37d09869e3bc6846" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_valuators" ADD CONSTRAINT "FK_9dc6dc8dd76150148ce735a10cd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_notes" ADD CONSTRAINT "FK_5a3c5cfde913cdad8929d3ea02f" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_notes" ADD CONSTRAINT "FK_908544773b9b5902919b9259070" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "proposal_notes" DROP CONSTRAINT "FK_908544773b9b5902919b9259070"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_notes" DROP CONSTRAINT "FK_5a3c5cfde913cdad8929d3ea02f"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_valuators" DROP CONSTRAINT "FK_9dc6dc8dd76150148ce735a10cd"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_valuators" DROP CONSTRAINT "FK_1249e83dd9c37d09869e3bc6846"',
    );
    await queryRunner.query('DROP INDEX "proposal_notes_proposal_idx"');
    await queryRunner.query('DROP TABLE "proposal_notes"');
    await queryRunner.query('DROP INDEX "proposal_valuators_proposal_user_key"');
    await queryRunner.query('DROP INDEX "proposal_valuators_user_idx"');
    await queryRunner.query('DROP TABLE "proposal_valuators"');
  }
}
