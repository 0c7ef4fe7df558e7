import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailSentCounts1795717229661 implements MigrationInterface {
  name = 'MailSentCounts1795717229661';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "mail_sent_counts" ("month" date NOT NULL, "sent" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_28f48890183f44b03912795bc3a" PRIMARY KEY ("month"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "mail_sent_counts"');
  }
}
