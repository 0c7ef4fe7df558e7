import { Injectable } from '@nestjs/common';

import { SecretBox } from '@plaza/core';
import type { SmtpSettings, TenantSmtpResolver } from '@plaza/mail';
import { PlatformDb } from '@plaza/tenancy';

import type { MailSettingsDto } from './dto/mail-settings.dto';
import { TenantMailSettingsEntity } from './tenant-mail-settings.entity';

/** What the console shows: never the password, only whether one is stored. */
export interface MailSettingsView {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  passwordSet: boolean;
  senderName: string;
  senderAddress: string;
}

/** A tenant's own SMTP server; the worker's mail job asks it which server to use. */
@Injectable()
export class TenantMailSettingsService implements TenantSmtpResolver {
  constructor(
    private readonly platformDb: PlatformDb,
    private readonly box: SecretBox,
  ) {}

  async get(tenantId: string): Promise<MailSettingsView | null> {
    const row = await this.platformDb.manager.findOneBy(TenantMailSettingsEntity, { tenantId });
    return row ? view(row) : null;
  }

  async set(tenantId: string, input: MailSettingsDto): Promise<MailSettingsView> {
    const existing = await this.platformDb.manager.findOneBy(TenantMailSettingsEntity, {
      tenantId,
    });
    const passwordSealed =
      input.password === undefined
        ? (existing?.passwordSealed ?? null)
        : input.password === null
          ? null
          : this.box.encrypt(input.password);
    const row = await this.platformDb.manager.save(
      this.platformDb.manager.create(TenantMailSettingsEntity, {
        tenantId,
        host: input.host.toLowerCase(),
        port: input.port,
        secure: input.secure ?? input.port === 465,
        username: input.username?.trim() || null,
        passwordSealed,
        senderName: input.senderName.trim(),
        senderAddress: input.senderAddress.trim().toLowerCase(),
      }),
    );
    return view(row);
  }

  async remove(tenantId: string): Promise<void> {
    await this.platformDb.manager.delete(TenantMailSettingsEntity, { tenantId });
  }

  async smtpFor(tenantId: string): Promise<SmtpSettings | undefined> {
    const row = await this.platformDb.manager.findOneBy(TenantMailSettingsEntity, { tenantId });
    if (!row) return undefined;
    const auth = row.username
      ? `${encodeURIComponent(row.username)}${
          row.passwordSealed ? `:${encodeURIComponent(this.box.decrypt(row.passwordSealed))}` : ''
        }@`
      : '';
    const from = `"${row.senderName.replace(/["\\]/g, '')}" <${row.senderAddress}>`;
    return { url: `${row.secure ? 'smtps' : 'smtp'}://${auth}${row.host}:${row.port}`, from };
  }
}

function view(row: TenantMailSettingsEntity): MailSettingsView {
  return {
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    passwordSet: !!row.passwordSealed,
    senderName: row.senderName,
    senderAddress: row.senderAddress,
  };
}
