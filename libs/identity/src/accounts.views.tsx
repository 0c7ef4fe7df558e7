import type { ComponentChildren } from 'preact';

import { SiteContext, SiteLayout } from '@plaza/web';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  TextArea,
  TextField,
  withFormCss,
} from '@plaza/web';

import { AccountsMessageKey, accountsT } from './accounts.messages';
import { personalTokensT } from './personal-tokens.messages';
import { verificationsT } from './verifications.messages';

function translator(site: SiteContext) {
  return (key: AccountsMessageKey, params?: Record<string, string>) =>
    accountsT(site.locale, key, params);
}

type Translate = ReturnType<typeof translator>;

/** Name and nickname, asked at sign-up and when accepting an invitation. */
function PersonFields(props: {
  t: Translate;
  values: { name?: string; nickname?: string };
  errors: FieldErrors;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <TextField
        name="name"
        label={t('field.name')}
        value={values.name}
        error={errors.name}
        autocomplete="name"
        required
        maxLength={200}
      />
      <TextField
        name="nickname"
        label={t('field.nickname')}
        hint={t('field.nicknameHint')}
        value={values.nickname}
        error={errors.nickname}
        autocomplete="nickname"
        required
        maxLength={40}
      />
    </>
  );
}

function NewPasswordField(props: { t: Translate; label: string; errors: FieldErrors }) {
  return (
    <TextField
      name="password"
      type="password"
      label={props.label}
      hint={props.t('field.passwordHint')}
      error={props.errors.password}
      autocomplete="new-password"
      required
    />
  );
}

/** The terms checkbox, its label linking to the terms page. */
function TermsField(props: { t: Translate; checked?: boolean; errors: FieldErrors }) {
  const { t } = props;
  const [before, after] = t('field.tos', { link: '\u0000' }).split('\u0000');
  return (
    <CheckboxField
      name="tos"
      checked={props.checked}
      error={props.errors.tos}
      required
      label={
        <>
          {before}
          <a href="/pages/terms">{t('field.tosLink')}</a>
          {after}
        </>
      }
    />
  );
}

export interface SignInViewProps {
  site: SiteContext;
  back: string;
  email?: string;
  general?: string | null;
  errors?: FieldErrors;
}

export function SignInView({ site, back, email, general, errors = {} }: SignInViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} general={general} />
      <form method="post" action="/users/sign_in" noValidate>
        <CsrfField token={site.csrfToken} />
        <input type="hidden" name="back" value={back} />
        <TextField
          name="email"
          type="email"
          label={t('field.email')}
          value={email}
          error={errors.email}
          autocomplete="username"
          required
          maxLength={254}
        />
        <TextField
          name="password"
          type="password"
          label={t('field.password')}
          error={errors.password}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="primary">
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/users/password/new">{t('signIn.forgot')}</a>
      </p>
      <p>
        {t('signIn.noAccount')} <a href="/users/sign_up">{t('signIn.signUpLink')}</a>
      </p>
    </SiteLayout>
  );
}

export interface SignUpValues {
  email?: string;
  name?: string;
  nickname?: string;
  tos?: boolean;
  newsletter?: boolean;
}

export interface SignUpViewProps {
  site: SiteContext;
  values?: SignUpValues;
  errors?: FieldErrors;
  general?: string | null;
}

export function SignUpView({ site, values = {}, errors = {}, general }: SignUpViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('signUp.title')}>
      <h1>{t('signUp.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} general={general} />
      <form method="post" action="/users/sign_up" noValidate>
        <CsrfField token={site.csrfToken} />
        <PersonFields t={t} values={values} errors={errors} />
        <TextField
          name="email"
          type="email"
          label={t('field.email')}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <NewPasswordField label={t('field.password')} t={t} errors={errors} />
        <TermsField t={t} checked={values.tos} errors={errors} />
        <CheckboxField
          name="newsletter"
          checked={values.newsletter}
          label={t('field.newsletter')}
        />
        <button type="submit" class="primary">
          {t('signUp.submit')}
        </button>
      </form>
      <p>
        {t('signUp.haveAccount')} <a href="/users/sign_in">{t('signIn.title')}</a>
      </p>
    </SiteLayout>
  );
}

/** A page with a heading and one message (registration closed, check your email…). */
export function MessageView({
  site,
  title,
  message,
  children,
}: {
  site: SiteContext;
  title: string;
  message: string;
  children?: preact.ComponentChildren;
}) {
  return (
    <SiteLayout site={withFormCss(site)} title={title}>
      <h1>{title}</h1>
      <p class="notice" role="status">
        {message}
      </p>
      {children}
    </SiteLayout>
  );
}

export interface TermsViewProps {
  site: SiteContext;
  back: string;
  title: string;
  paragraphs: string[];
  error?: string;
}

export function TermsView({ site, back, title, paragraphs, error }: TermsViewProps) {
  const t = translator(site);
  const errors: FieldErrors = { accept: error };
  return (
    <SiteLayout site={withFormCss(site)} title={title}>
      <h1>{title}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p class="notice">{t('terms.changed')}</p>
      <div class="terms">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <form method="post" action="/users/terms" noValidate>
        <CsrfField token={site.csrfToken} />
        <input type="hidden" name="back" value={back} />
        <CheckboxField name="accept" label={t('terms.accept')} error={error} required />
        <button type="submit" class="primary">
          {t('terms.submit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export function ResendConfirmationForm({ site }: { site: SiteContext }) {
  const t = translator(site);
  return (
    <form method="post" action="/users/confirmation">
      <CsrfField token={site.csrfToken} />
      <button type="submit" class="primary">
        {t('confirm.resend')}
      </button>
    </form>
  );
}

export interface ForgotPasswordViewProps {
  site: SiteContext;
  email?: string;
  errors?: FieldErrors;
  general?: string | null;
}

export function ForgotPasswordView({ site, email, errors = {}, general }: ForgotPasswordViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('reset.title')}>
      <h1>{t('reset.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} general={general} />
      <p>{t('reset.intro')}</p>
      <form method="post" action="/users/password/new" noValidate>
        <CsrfField token={site.csrfToken} />
        <TextField
          name="email"
          type="email"
          label={t('field.email')}
          value={email}
          error={errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <button type="submit" class="primary">
          {t('reset.submit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export interface NewPasswordViewProps {
  site: SiteContext;
  token: string;
  errors?: FieldErrors;
}

export function NewPasswordView({ site, token, errors = {} }: NewPasswordViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('reset.editTitle')}>
      <h1>{t('reset.editTitle')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <form method="post" action="/users/password/edit" noValidate>
        <CsrfField token={site.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordField label={t('field.newPassword')} t={t} errors={errors} />
        <button type="submit" class="primary">
          {t('reset.editSubmit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export interface AcceptInvitationViewProps {
  site: SiteContext;
  token: string;
  values: { name?: string; nickname?: string; tos?: boolean };
  errors?: FieldErrors;
}

export function AcceptInvitationView({
  site,
  token,
  values,
  errors = {},
}: AcceptInvitationViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('invite.title')}>
      <h1>{t('invite.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('invite.intro', { site: site.organizationName })}</p>
      <form method="post" action="/users/invitation" noValidate>
        <CsrfField token={site.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <PersonFields t={t} values={values} errors={errors} />
        <NewPasswordField label={t('field.password')} t={t} errors={errors} />
        <TermsField t={t} checked={values.tos} errors={errors} />
        <button type="submit" class="primary">
          {t('invite.submit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export interface AccountViewProps {
  site: SiteContext;
  email: string;
  confirmed: boolean;
  twoFactor: boolean;
  twoFactorRequired: boolean;
  unconfirmedEmail: string | null;
  newEmail?: string;
  notice?: string;
  reason?: string;
  errors?: FieldErrors;
  /** Picture, public profile, newsletter and notifications (profile.views.tsx). */
  profile?: ComponentChildren;
}

/** Pages of the account kept in their own files (verifications, API tokens). */
function AccountLinks(props: { locale: string }) {
  return (
    <ul>
      <li>
        <a href="/account/verifications">{verificationsT(props.locale, 'account.title')}</a>
      </li>
      <li>
        <a href="/account/tokens">{personalTokensT(props.locale, 'link')}</a>
      </li>
    </ul>
  );
}

export function AccountView({
  site,
  email,
  confirmed,
  twoFactor,
  twoFactorRequired,
  unconfirmedEmail,
  newEmail,
  notice,
  reason,
  errors = {},
  profile,
}: AccountViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={errors} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{t('account.email', { email })}</p>
      <AccountLinks locale={site.locale} />
      {!confirmed && (
        <>
          <p class="notice">{t('account.unconfirmed')}</p>
          <ResendConfirmationForm site={withFormCss(site)} />
        </>
      )}
      {profile}
      <h2>{t('email.title')}</h2>
      {unconfirmedEmail && <p>{t('email.pending', { email: unconfirmedEmail })}</p>}
      <form method="post" action="/account/email" noValidate>
        <CsrfField token={site.csrfToken} />
        <TextField
          name="email"
          type="email"
          label={t('email.new')}
          value={newEmail}
          error={errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <TextField
          name="password"
          type="password"
          label={t('email.currentPassword')}
          error={errors.password}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="primary">
          {t('email.submit')}
        </button>
      </form>
      <h2>{t('twoFactor.title')}</h2>
      {twoFactorRequired && <p class="notice">{t('twoFactor.required')}</p>}
      {twoFactor ? (
        <>
          <p>{t('twoFactor.on')}</p>
          <form method="post" action="/account/two_factor/disable" noValidate>
            <CsrfField token={site.csrfToken} />
            <CodeField label={t('twoFactor.code')} hint={t('twoFactor.intro')} />
            <button type="submit" class="primary">
              {t('twoFactor.disable')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{t('twoFactor.off')}</p>
          <p>
            <a href="/account/two_factor">{t('twoFactor.enableLink')}</a>
          </p>
        </>
      )}
      <h2>{t('account.sessionsTitle')}</h2>
      <p>{t('account.sessionsHint')}</p>
      <form method="post" action="/account/sign_out_everywhere">
        <CsrfField token={site.csrfToken} />
        <button type="submit" class="primary">
          {t('account.signOutEverywhere')}
        </button>
      </form>
      <h2>{t('account.exportTitle')}</h2>
      <p>{t('account.exportHint')}</p>
      <form method="post" action="/account/data_export">
        <CsrfField token={site.csrfToken} />
        <button type="submit" class="primary">
          {t('account.exportSubmit')}
        </button>
      </form>
      <h2>{t('account.deleteTitle')}</h2>
      <p>{t('account.deleteHint')}</p>
      <form method="post" action="/account/delete" noValidate>
        <CsrfField token={site.csrfToken} />
        <TextArea
          rows={4}
          name="reason"
          label={t('account.deleteReason')}
          value={reason}
          error={errors.reason}
          maxLength={500}
        />
        <CheckboxField
          name="confirm"
          label={t('account.deleteConfirm')}
          error={errors.confirm}
          required
        />
        <button type="submit" class="primary">
          {t('account.deleteSubmit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export function TwoFactorView({ site, general }: { site: SiteContext; general?: string }) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('twoFactor.title')}>
      <h1>{t('twoFactor.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={{}} general={general} />
      <form method="post" action="/users/two_factor" noValidate>
        <CsrfField token={site.csrfToken} />
        <CodeField label={t('twoFactor.code')} hint={t('twoFactor.intro')} />
        <button type="submit" class="primary">
          {t('twoFactor.submit')}
        </button>
      </form>
    </SiteLayout>
  );
}

/** A one-time code: digits keyboard on phones, filled by password managers. */
function CodeField({ label, hint }: { label: string; hint: string }) {
  return (
    <TextField
      name="code"
      label={label}
      hint={hint}
      inputMode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      required
    />
  );
}

export interface TwoFactorSetupViewProps {
  site: SiteContext;
  qrDataUrl: string;
  secret: string;
  general?: string;
}

export function TwoFactorSetupView({ site, qrDataUrl, secret, general }: TwoFactorSetupViewProps) {
  const t = translator(site);
  return (
    <SiteLayout site={withFormCss(site)} title={t('twoFactor.title')}>
      <h1>{t('twoFactor.title')}</h1>
      <ErrorSummary title={t('form.errorsTitle')} errors={{}} general={general} />
      <p>{t('twoFactor.setupIntro')}</p>
      <img src={qrDataUrl} alt={t('twoFactor.qrAlt')} width={200} height={200} />
      <p>
        <code>{t('twoFactor.key', { key: secret })}</code>
      </p>
      <form method="post" action="/account/two_factor" noValidate>
        <CsrfField token={site.csrfToken} />
        <CodeField label={t('twoFactor.code')} hint={t('twoFactor.intro')} />
        <button type="submit" class="primary">
          {t('twoFactor.enable')}
        </button>
      </form>
    </SiteLayout>
  );
}
