import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationMutedEvents1795718308031 implements MigrationInterface {
  name = 'NotificationMutedEvents1795718308031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ADD "muted_events" character varying(40) array NOT NULL DEFAULT \'{}\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notification_preferences" DROP COLUMN "muted_events"');
  }
}
