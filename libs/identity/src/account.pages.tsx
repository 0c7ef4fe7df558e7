import { randomUUID } from 'node:crypto';

import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { MoreThan } from 'typeorm';

import { FILE_STORAGE, FileStorage, tenantKey } from '@plaza/storage';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import { CurrentUsers, OnHost, RateLimiter, RequireSignIn, Sessions } from '@plaza/web';

import type { FieldProblems } from './account-validation';
import { AccountsMessageKey, accountsT } from './accounts.messages';
import { AccountsService } from './accounts.service';
import { AccountView, MessageView } from './accounts.views';
import { DataExportEntity } from './data-export.entity';
import { DATA_EXPORT_LIFETIME_SECONDS, DataExportQueue } from './data-export.queue';
import { DeleteAccountDto } from './dto/account-forms.dto';
import { fieldErrorsIn, sendPage } from './page-kit';

const EXPORT_LIMIT = { max: 3, windowSeconds: 24 * 3600 };

/** The signed-in person's own account: sessions, data export and deletion. */
@Controller('account')
@OnHost('tenant')
@RequireSignIn()
export class AccountController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly accounts: AccountsService,
    private readonly rateLimiter: RateLimiter,
    private readonly tenantDb: TenantDb,
    private readonly exports: DataExportQueue,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    await sendPage(
      reply,
      HttpStatus.OK,
      <AccountView site={site} email={user.email} confirmed={user.confirmed} />,
    );
  }

  /** Ends every session of the account, this one included. */
  @Post('sign_out_everywhere')
  async signOutEverywhere(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    await this.sessions.store.destroyAllForUser(`tenant:${TenantContext.current().id}`, user.id);
    await this.sessions.signOut(request, reply);
    this.users.forget(request);
    void reply.redirect('/', HttpStatus.SEE_OTHER);
  }

  @Post('data_export')
  async requestDataExport(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const user = (await this.users.of(request))!;
    await this.rateLimiter.hit({ key: `data-export:${tenant.id}:${user.id}`, ...EXPORT_LIMIT });
    const site = await this.siteContext.build(request);
    const exportId = randomUUID();
    await this.tenantDb.run((em) =>
      em.insert(DataExportEntity, {
        id: exportId,
        userId: user.id,
        storageKey: null,
        expiresAt: new Date(Date.now() + DATA_EXPORT_LIFETIME_SECONDS * 1000),
      }),
    );
    await this.exports.enqueue({
      tenantId: tenant.id,
      exportId,
      userId: user.id,
      host: request.hostname,
      siteName: site.organizationName,
      locale: user.locale ?? site.locale,
    });
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
    await sendPage(
      reply,
      HttpStatus.OK,
      <MessageView
        site={site}
        title={t('account.exportTitle')}
        message={t('account.exportRequested')}
      />,
    );
  }

  /** The mailed link: for the signed-in owner only, until the archive expires. */
  @Get('data_export/:id')
  async downloadDataExport(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const row = await this.tenantDb.run((em) =>
      em.findOneBy(DataExportEntity, { id, userId: user.id, expiresAt: MoreThan(new Date()) }),
    );
    if (!row?.storageKey) {
      const site = await this.siteContext.build(request);
      const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
      return sendPage(
        reply,
        HttpStatus.NOT_FOUND,
        <MessageView site={site} title={t('account.exportTitle')} message={t('export.expired')} />,
      );
    }
    const url = await this.storage.signedUrl(tenantKey(row.storageKey), {
      expiresInSeconds: 300,
      downloadName: 'personal-data.zip',
    });
    void reply.redirect(url, HttpStatus.SEE_OTHER);
  }

  @Post('delete')
  async delete(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: DeleteAccountDto,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const reason = (body.reason ?? '').trim();
    const problems: FieldProblems = {};
    if (reason.length > 500) problems.reason = 'error.reasonLong';
    if (body.confirm !== '1') problems.confirm = 'error.deleteConfirm';
    if (Object.keys(problems).length) {
      const site = await this.siteContext.build(request);
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <AccountView
          site={site}
          email={user.email}
          confirmed={user.confirmed}
          reason={reason}
          errors={fieldErrorsIn(site.locale, problems)}
        />,
      );
    }
    await this.accounts.deleteAccount(user.id, reason || null);
    await this.sessions.store.destroyAllForUser(`tenant:${TenantContext.current().id}`, user.id);
    await this.sessions.signOut(request, reply);
    this.users.forget(request);
    const site = await this.siteContext.build(request);
    const title = accountsT(site.locale, 'account.deleteTitle');
    await sendPage(
      reply,
      HttpStatus.OK,
      <MessageView site={site} title={title} message={accountsT(site.locale, 'account.deleted')} />,
    );
  }
}
