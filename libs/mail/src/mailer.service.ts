import { Inject, Injectable } from '@nestjs/common';

import { createTransport, Transporter } from 'nodemailer';
import { Logger } from 'pino';

import { PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Overrides the platform sender, e.g. `"Ville de Lille" <participation@lille.fr>`. */
  from?: string;
}

/** SMTP settings of a tenant that sends through its own server. */
export interface SmtpSettings {
  url: string;
  from?: string;
}

/** Tells which SMTP server a tenant sends through; undefined means the platform's. */
export interface TenantSmtpResolver {
  smtpFor(tenantId: string): Promise<SmtpSettings | undefined>;
}

/** Provided by the feature that stores tenants' mail settings (the console). */
export const TENANT_SMTP = Symbol('TENANT_SMTP');

/** Sends mail over SMTP; the platform's server unless a tenant brings its own. */
@Injectable()
export class Mailer {
  private readonly platformTransport: Transporter;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
  ) {
    this.platformTransport = createTransport(config.smtpUrl);
  }

  async send(message: MailMessage, smtp?: SmtpSettings): Promise<void> {
    const transport = smtp ? createTransport(smtp.url) : this.platformTransport;
    try {
      await transport.sendMail({
        from: message.from ?? smtp?.from ?? this.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      // Recipients are personal data: log the domain only.
      this.logger.info(
        { toDomain: message.to.split('@')[1], subject: message.subject },
        'mail sent',
      );
    } finally {
      if (smtp) transport.close();
    }
  }
}
