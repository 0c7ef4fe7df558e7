import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProposals1795710737467 implements MigrationInterface {
  name = 'AddProposals1795710737467';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "component_id" uuid NOT NULL, "author_id" uuid, "official" boolean NOT NULL DEFAULT false, "title" character varying(150) NOT NULL, "body" text NOT NULL, "address" character varying(300), "latitude" double precision, "longitude" double precision, "supports_count" integer NOT NULL DEFAULT \'0\', "endorsements_count" integer NOT NULL DEFAULT \'0\', "comments_count" integer NOT NULL DEFAULT \'0\', "state" character varying(40), "answer" jsonb, "answered_at" TIMESTAMP WITH TIME ZONE, "state_published_at" TIMESTAMP WITH TIME ZONE, "cost" integer, "cost_report" jsonb, "execution_period" jsonb, "published_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "proposals_author_idx" ON "proposals" ("author_id") ');
    await queryRunner.query(
      'CREATE INDEX "proposals_component_published_idx" ON "proposals" ("component_id", "published_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "proposal_endorsements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_deaf6d1f310fb096ca74b18e3f4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_endorsements_proposal_author_key" ON "proposal_endorsements" ("proposal_id", "author_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "proposal_supports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "component_id" uuid NOT NULL, "author_id" uuid NOT NULL, "temporary" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c04e07550da763c675c54a4f0db" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "proposal_supports_component_author_idx" ON "proposal_supports" ("component_id", "author_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_supports_proposal_author_key" ON "proposal_supports" ("proposal_id", "author_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "proposal_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "number" integer NOT NULL, "title" character varying(150) NOT NULL, "body" text NOT NULL, "editor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64c09e1dd58aebaa26ab09bb528" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_versions_proposal_number_key" ON "proposal_versions" ("proposal_id", "number") ',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" ADD CONSTRAINT "FK_bc60e86bc338a9469ef4a02d43f" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" ADD CONSTRAINT "FK_8af17413dd39a475692dec170d0" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_endorsements" ADD CONSTRAINT "FK_cb399e81743815444cb652154d7" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_endorsements" ADD CONSTRAINT "FK_76210c0fb770a69c6c18a8830c9" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_supports" ADD CONSTRAINT "FK_424e725f48d8788f1ad69c1cf0b" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_supports" ADD CONSTRAINT "FK_9b5b138b85018ff4f841c5a1d2a" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_versions" ADD CONSTRAINT "FK_c6bcca84e48eebbe830bff776fa" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "proposal_versions" DROP CONSTRAINT "FK_c6bcca84e48eebbe830bff776fa"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_supports" DROP CONSTRAINT "FK_9b5b138b85018ff4f841c5a1d2a"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_supports" DROP CONSTRAINT "FK_424e725f48d8788f1ad69c1cf0b"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_endorsements" DROP CONSTRAINT "FK_76210c0fb770a69c6c18a8830c9"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_endorsements" DROP CONSTRAINT "FK_cb399e81743815444cb652154d7"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" DROP CONSTRAINT "FK_8af17413dd39a475692dec170d0"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" DROP CONSTRAINT "FK_bc60e86bc338a9469ef4a02d43f"',
    );
    await queryRunner.query('DROP INDEX "proposal_versions_proposal_number_key"');
    await queryRunner.query('DROP TABLE "proposal_versions"');
    await queryRunner.query('DROP INDEX "proposal_supports_proposal_author_key"');
    await queryRunner.query('DROP INDEX "proposal_supports_component_author_idx"');
    await queryRunner.query('DROP TABLE "proposal_supports"');
    await queryRunner.query('DROP INDEX "proposal_endorsements_proposal_author_key"');
    await queryRunner.query('DROP TABLE "proposal_endorsements"');
    await queryRunner.query('DROP INDEX "proposals_component_published_idx"');
    await queryRunner.query('DROP INDEX "proposals_author_idx"');
    await queryRunner.query('DROP TABLE "proposals"');
  }
}
