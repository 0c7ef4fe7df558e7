import { Inject, Injectable } from '@nestjs/common';

import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { MailQueue } from '@plaza/mail';
import { TenantContext } from '@plaza/tenancy';

import { accountsT } from './accounts.messages';
import { tokenDigest } from './accounts.service';

/** Where links in mails point: the host the person used, or the tenant's own subdomain. */
export interface MailSite {
  host: string;
  name: string;
  locale: string;
}

/** The account emails; they leave through the worker's mail queue. */
@Injectable()
export class AccountMails {
  constructor(
    private readonly queue: MailQueue,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  url(site: MailSite, path: string): string {
    return publicUrl(this.config, site.host, path);
  }

  async confirmation(site: MailSite, to: { email: string; name: string }, token: string) {
    const url = this.url(site, `/users/confirmation?token=${encodeURIComponent(token)}`);
    await this.send(
      site,
      to.email,
      'confirm.mailSubject',
      'confirm.mailBody',
      {
        name: to.name,
        url,
      },
      `confirm-${tokenDigest(token).slice(0, 32)}`,
    );
  }

  async passwordReset(site: MailSite, to: { email: string; name: string }, token: string) {
    const url = this.url(site, `/users/password/edit?token=${encodeURIComponent(token)}`);
    await this.send(site, to.email, 'reset.mailSubject', 'reset.mailBody', { name: to.name, url });
  }

  async invitation(site: MailSite, to: { email: string; name: string }, token: string) {
    const url = this.url(site, `/users/invitation?token=${encodeURIComponent(token)}`);
    await this.send(
      site,
      to.email,
      'invite.mailSubject',
      'invite.mailBody',
      { name: to.name, url },
      `invite-${tokenDigest(token).slice(0, 32)}`,
    );
  }

  /** The link opens only for the signed-in owner and only until the archive expires. */
  async dataExport(site: MailSite, to: { email: string; name: string }, exportId: string) {
    const url = this.url(site, `/account/data_export/${exportId}`);
    await this.send(
      site,
      to.email,
      'export.mailSubject',
      'export.mailBody',
      { name: to.name, url },
      `data-export-${exportId}`,
    );
  }

  async emailChange(site: MailSite, to: { name: string }, newEmail: string, token: string) {
    const url = this.url(site, `/users/email_confirmation?token=${encodeURIComponent(token)}`);
    await this.send(site, newEmail, 'email.mailSubject', 'email.mailBody', { name: to.name, url });
  }

  /** Sent to the old address once the change is done, in case it was not its owner. */
  async emailChanged(site: MailSite, previous: string, to: { name: string; email: string }) {
    await this.send(site, previous, 'email.changedSubject', 'email.changedBody', {
      name: to.name,
      email: to.email,
    });
  }

  /** Told to the owner of an address someone tried to register again. */
  async emailTaken(site: MailSite, email: string) {
    const url = this.url(site, '/users/sign_in');
    await this.send(site, email, 'taken.mailSubject', 'taken.mailBody', { url });
  }

  private async send(
    site: MailSite,
    to: string,
    subjectKey: Parameters<typeof accountsT>[1],
    bodyKey: Parameters<typeof accountsT>[1],
    params: Record<string, string>,
    dedupeId?: string,
  ): Promise<void> {
    const all = { site: site.name, ...params };
    await this.queue.enqueue(
      {
        tenantId: TenantContext.current().id,
        message: {
          to,
          subject: accountsT(site.locale, subjectKey, all),
          text: accountsT(site.locale, bodyKey, all),
        },
      },
      dedupeId,
    );
  }
}
