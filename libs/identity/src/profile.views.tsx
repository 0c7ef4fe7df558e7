import { formatBytes } from '@plaza/storage';
import {
  Avatar,
  CheckboxField,
  CsrfField,
  FieldMessages,
  FileField,
  SiteContext,
  SiteLayout,
  withFormCss,
} from '@plaza/web';

import { AVATAR_MAX_BYTES } from './avatars.service';
import { ProfileMessageKey, profileT } from './profile.messages';
import type { PublicContributionItem } from './public-contributions';

function translator(locale: string) {
  return (key: ProfileMessageKey, params?: Record<string, string>) => profileT(locale, key, params);
}

/** Day in the page's language, e.g. "26 November 2026". */
export function longDate(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export interface ProfileSectionsProps {
  site: SiteContext;
  name: string;
  nickname: string;
  avatarUrl: string | null;
  newsletterConsentAt: Date | null;
  avatarError?: FieldMessages;
}

/** The account page's part about the person: picture, public profile, newsletter, notifications. */
export function ProfileSections(props: ProfileSectionsProps) {
  const { site, avatarError } = props;
  const t = translator(site.locale);
  return (
    <>
      <h2>{t('avatar.title')}</h2>
      <p class="with-avatar">
        {props.avatarUrl ? (
          <img
            class="avatar avatar-large"
            src={props.avatarUrl}
            alt={t('avatar.currentAlt')}
            width={96}
            height={96}
          />
        ) : (
          <>
            <Avatar name={props.name} size="large" />
            {t('avatar.none')}
          </>
        )}
      </p>
      <form method="post" action="/account/avatar" enctype="multipart/form-data" noValidate>
        <CsrfField token={site.csrfToken} />
        <FileField
          name="avatar"
          label={t('avatar.file')}
          hint={t('avatar.hint', { size: formatBytes(AVATAR_MAX_BYTES) })}
          accept="image/png,image/jpeg,image/gif,image/webp"
          required
          error={avatarError}
        />
        <button type="submit" class="primary">
          {t('avatar.submit')}
        </button>
      </form>
      {props.avatarUrl && (
        <form method="post" action="/account/avatar/remove">
          <CsrfField token={site.csrfToken} />
          <button type="submit" class="primary">
            {t('avatar.remove')}
          </button>
        </form>
      )}
      <p>
        <a href={`/profiles/${encodeURIComponent(props.nickname)}`}>{t('profile.link')}</a>
      </p>
      <h2>{t('newsletter.title')}</h2>
      <p>
        {props.newsletterConsentAt
          ? t('newsletter.since', { date: longDate(props.newsletterConsentAt, site.locale) })
          : t('newsletter.off')}
      </p>
      <form method="post" action="/account/newsletter">
        <CsrfField token={site.csrfToken} />
        <CheckboxField
          name="newsletter"
          label={t('newsletter.consent', { site: site.organizationName })}
          checked={!!props.newsletterConsentAt}
        />
        <button type="submit" class="primary">
          {t('newsletter.submit')}
        </button>
      </form>
      <h2>{t('notifications.link')}</h2>
      <p>
        <a href="/account/notifications">{t('notifications.link')}</a>: {t('notifications.hint')}
      </p>
    </>
  );
}

export interface ProfileViewProps {
  site: SiteContext;
  name: string;
  nickname: string;
  avatarUrl: string | null;
  contributions: PublicContributionItem[];
}

export function ProfileView({ site, name, nickname, avatarUrl, contributions }: ProfileViewProps) {
  const t = translator(site.locale);
  return (
    <SiteLayout site={withFormCss(site)} title={name}>
      <div class="with-avatar">
        <Avatar name={name} url={avatarUrl} size="large" />
        <div>
          <h1>{name}</h1>
          <p>@{nickname}</p>
        </div>
      </div>
      <h2>{t('profile.contributions')}</h2>
      {contributions.length === 0 ? (
        <p>{t('profile.none')}</p>
      ) : (
        <ul>
          {contributions.map((c) => (
            <li key={c.url}>
              {c.kind}: <a href={c.url}>{c.title}</a>{' '}
              <time dateTime={c.at.toISOString()}>{longDate(c.at, site.locale)}</time>
            </li>
          ))}
        </ul>
      )}
    </SiteLayout>
  );
}
