import { Inject, Injectable } from '@nestjs/common';

import { EntityManager } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { MailQueue } from '@plaza/mail';
import { TenantContext, TenantDb } from '@plaza/tenancy';

import {
  AccountEventName,
  EMAIL_FREQUENCIES,
  EmailFrequency,
  NOTIFICATION_EVENTS,
  NotificationEntity,
  NotificationEventName,
  NotificationPreferenceEntity,
} from './social.entities';
import { socialT } from './social.messages';

export interface NotificationEvent {
  event: NotificationEventName;
  resourceType: string;
  resourceId: string;
  title: string;
  url: string;
  /** The person who caused it gets no notification. */
  actorId: string | null;
}

export interface Recipient {
  email: string;
  locale: string | null;
}

const EMAIL_BATCH = 500;

export interface NotificationPreferences {
  emailFrequency: EmailFrequency;
  mutedEvents: NotificationEventName[];
}

/**
 * In-app notifications for the followers of a resource, written with one
 * INSERT ... SELECT so a large audience costs one statement; real-time emails
 * are enqueued in batches after the transaction commits.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly mail: MailQueue,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  /** Inside the caller's transaction; returns who wants an email now. */
  async notifyFollowers(em: EntityManager, e: NotificationEvent): Promise<Recipient[]> {
    const rows: { email: string; locale: string | null; frequency: EmailFrequency | null }[] =
      await em.query(
        `with inserted as (
           insert into notifications (user_id, event, resource_type, resource_id, title, url)
           select f.user_id, $1::varchar, $2::varchar, $3::uuid, $4::varchar, $5::varchar from follows f
           where f.resource_type = $2::varchar and f.resource_id = $3::uuid
             and ($6::uuid is null or f.user_id <> $6::uuid)
             and not exists (select 1 from notification_preferences m
                             where m.user_id = f.user_id and $1::varchar = any(m.muted_events))
           returning user_id
         )
         select u.email, u.locale, p.email_frequency as frequency
         from inserted i join users u on u.id = i.user_id and u.deleted_at is null
         left join notification_preferences p on p.user_id = i.user_id`,
        [e.event, e.resourceType, e.resourceId, e.title.slice(0, 300), e.url, e.actorId],
      );
    return rows
      .filter((r) => (r.frequency ?? 'real_time') === 'real_time')
      .map((r) => ({ email: r.email, locale: r.locale }));
  }

  /** Notifies the people with these nicknames (mentions), except the actor; returns who wants an email now. */
  async notifyNicknames(
    em: EntityManager,
    nicknames: string[],
    e: NotificationEvent,
  ): Promise<Recipient[]> {
    if (nicknames.length === 0) return [];
    const rows: { email: string; locale: string | null; frequency: EmailFrequency | null }[] =
      await em.query(
        `with inserted as (
         insert into notifications (user_id, event, resource_type, resource_id, title, url)
         select u.id, $1::varchar, $2::varchar, $3::uuid, $4::varchar, $5::varchar from users u
         where lower(u.nickname) = any($7::text[]) and u.deleted_at is null
           and ($6::uuid is null or u.id <> $6::uuid)
           and not exists (select 1 from notification_preferences m
                           where m.user_id = u.id and $1::varchar = any(m.muted_events))
         returning user_id
       )
       select u.email, u.locale, p.email_frequency as frequency
       from inserted i join users u on u.id = i.user_id
       left join notification_preferences p on p.user_id = i.user_id`,
        [
          e.event,
          e.resourceType,
          e.resourceId,
          e.title.slice(0, 300),
          e.url,
          e.actorId,
          nicknames.map((n) => n.toLowerCase()),
        ],
      );
    return rows
      .filter((r) => (r.frequency ?? 'real_time') === 'real_time')
      .map((r) => ({ email: r.email, locale: r.locale }));
  }

  /** One in-app notification about the person's own account, inside the caller's transaction. */
  async notifyAccount(
    em: EntityManager,
    userId: string,
    e: {
      event: AccountEventName;
      resourceType: string;
      resourceId: string;
      title: string;
      url: string;
    },
  ): Promise<void> {
    await em.insert(NotificationEntity, {
      userId,
      event: e.event,
      resourceType: e.resourceType,
      resourceId: e.resourceId,
      title: e.title.slice(0, 300),
      url: e.url,
    });
  }

  /** After commit: one mail job per recipient, added in batches. */
  async sendEmails(e: NotificationEvent, recipients: Recipient[]): Promise<void> {
    const tenant = TenantContext.current();
    const link = publicUrl(this.config, `${tenant.slug}.${this.config.baseDomain}`, e.url);
    for (let i = 0; i < recipients.length; i += EMAIL_BATCH) {
      await this.mail.queue.addBulk(
        recipients.slice(i, i + EMAIL_BATCH).map((r) => {
          const locale = r.locale ?? tenant.defaultLocale;
          const subject = socialT(locale, `event.${e.event}`, { title: e.title });
          return {
            name: 'send-mail',
            data: {
              tenantId: tenant.id,
              message: {
                to: r.email,
                subject,
                text: `${socialT(locale, 'emailIntro')}\n\n${subject}\n\n${socialT(locale, 'emailLink', { url: link })}`,
              },
            },
          };
        }),
      );
    }
  }

  async list(userId: string, limit = 50): Promise<NotificationEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(NotificationEntity, { where: { userId }, order: { createdAt: 'DESC' }, take: limit }),
    );
  }

  async markAllRead(userId: string): Promise<void> {
    await this.tenantDb.run((em) =>
      em
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: () => 'now()' })
        .where('user_id = :userId and read_at is null', { userId })
        .execute(),
    );
  }

  /** How often the person gets emails and which events they turned off (defaults when never set). */
  async preferences(userId: string): Promise<NotificationPreferences> {
    const row = await this.tenantDb.run((em) =>
      em.findOneBy(NotificationPreferenceEntity, { userId }),
    );
    return {
      emailFrequency: row?.emailFrequency ?? 'real_time',
      mutedEvents: row?.mutedEvents ?? [],
    };
  }

  async setPreferences(userId: string, preferences: NotificationPreferences): Promise<void> {
    const emailFrequency = preferences.emailFrequency;
    if (!(EMAIL_FREQUENCIES as readonly string[]).includes(emailFrequency))
      throw new Error(`Unknown email frequency ${emailFrequency}`);
    const mutedEvents = NOTIFICATION_EVENTS.filter((e) => preferences.mutedEvents.includes(e));
    await this.tenantDb.run((em) =>
      em.upsert(NotificationPreferenceEntity, { userId, emailFrequency, mutedEvents }, ['userId']),
    );
  }
}
