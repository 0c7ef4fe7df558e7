import { Body, Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SiteContextProvider } from '@plaza/spaces';
import {
  ChoiceGroup,
  CsrfField,
  CurrentUsers,
  OnHost,
  renderPage,
  RequireSignIn,
  SiteContext,
  SiteLayout,
} from '@plaza/web';

import { NotificationPreferences, NotificationsService } from './notifications.service';
import {
  EMAIL_FREQUENCIES,
  EmailFrequency,
  NOTIFICATION_EVENTS,
  NotificationEventName,
} from './social.entities';
import { SocialKey, socialT } from './social.messages';

const SETTINGS_CSS = `
.settings fieldset{margin:0 0 1.5rem;padding:1rem;border:1px solid #767676}
.settings legend{font-weight:600;padding:0 .25rem}
.settings .field-choice{margin:.25rem 0}
.settings label{margin-left:.5rem}
.settings .error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1.5rem}
.settings .notice{border-left:4px solid var(--plaza-primary);padding:.5rem 1rem}
`;

/** The form's values as sent: array fields arrive as one string or several. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

interface SettingsViewProps {
  site: SiteContext;
  preferences: NotificationPreferences;
  notice?: string;
  error?: string;
}

/** How often notifications are emailed and which events notify, in the account area. */
function SettingsView({ site, preferences, notice, error }: SettingsViewProps) {
  const t = (key: SocialKey) => socialT(site.locale, key);
  const styled = { ...site, themeCss: `${site.themeCss ?? ''}${SETTINGS_CSS}` };
  return (
    <SiteLayout site={styled} title={t('settings.title')}>
      <div class="settings">
        <p>
          <a href="/account">{t('settings.back')}</a>
        </p>
        <h1>{t('settings.title')}</h1>
        {error && (
          <div class="error-summary" role="alert" tabIndex={-1}>
            <p>
              <a href="#freq-real_time">{error}</a>
            </p>
          </div>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <p>{t('settings.intro')}</p>
        <form method="post" action="/account/notifications">
          <CsrfField token={site.csrfToken} />
          <ChoiceGroup
            id="freq"
            name="email_frequency"
            legend={t('emailFrequency')}
            type="radio"
            options={EMAIL_FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}`) }))}
            selected={[preferences.emailFrequency]}
            error={error}
            optionId={(f) => `freq-${f}`}
          />
          <ChoiceGroup
            id="events"
            name="events"
            legend={t('settings.events')}
            hint={t('settings.eventsHint')}
            type="checkbox"
            options={NOTIFICATION_EVENTS.map((e) => ({ value: e, label: t(`eventName.${e}`) }))}
            selected={NOTIFICATION_EVENTS.filter((e) => !preferences.mutedEvents.includes(e))}
            optionId={(e) => `event-${e}`}
          />
          <button type="submit" class="primary">
            {t('settings.submit')}
          </button>
        </form>
      </div>
    </SiteLayout>
  );
}

/** The person's notification settings, stored once in `notification_preferences`. */
@Controller('account/notifications')
@OnHost('tenant')
@RequireSignIn()
export class NotificationSettingsPages {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly users: CurrentUsers,
    private readonly siteContext: SiteContextProvider,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    const preferences = await this.notifications.preferences(user.id);
    await this.send(reply, HttpStatus.OK, <SettingsView site={site} preferences={preferences} />);
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    const chosen = listOf(body.events);
    const mutedEvents = NOTIFICATION_EVENTS.filter((e) => !chosen.includes(e));
    const frequency = typeof body.email_frequency === 'string' ? body.email_frequency : '';
    if (!(EMAIL_FREQUENCIES as readonly string[]).includes(frequency)) {
      // Nothing lost: the events ticked stay ticked.
      const current = await this.notifications.preferences(user.id);
      return this.send(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <SettingsView
          site={site}
          preferences={{ emailFrequency: current.emailFrequency, mutedEvents }}
          error={socialT(site.locale, 'settings.invalidFrequency')}
        />,
      );
    }
    const preferences = {
      emailFrequency: frequency as EmailFrequency,
      mutedEvents: mutedEvents as NotificationEventName[],
    };
    await this.notifications.setPreferences(user.id, preferences);
    await this.send(
      reply,
      HttpStatus.OK,
      <SettingsView
        site={site}
        preferences={preferences}
        notice={socialT(site.locale, 'settings.saved')}
      />,
    );
  }

  private async send(reply: FastifyReply, status: number, page: preact.VNode): Promise<void> {
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
  }
}
