import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room for TOTP secrets sealed by SecretBox. Secrets already stored stay as
 * they are: migrations have no key, so `migrate` seals them afterwards
 * (TotpSecrets.sealClear), and a clear one is also sealed at its next use.
 */
export class SealedTotpSecrets1795717150010 implements MigrationInterface {
  name = 'SealedTotpSecrets1795717150010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "users" ALTER COLUMN "totp_secret" TYPE character varying(255)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed secrets do not fit the old width: two-factor sign-in is turned off for those accounts.
    await queryRunner.query(
      `UPDATE "users" SET "totp_secret" = NULL, "totp_last_step" = NULL WHERE length("totp_secret") > 64`,
    );
    await queryRunner.query(
      'ALTER TABLE "users" ALTER COLUMN "totp_secret" TYPE character varying(64)',
    );
  }
}
