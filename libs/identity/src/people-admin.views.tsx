import type { ComponentChildren } from 'preact';

import { REGISTRATION_MODES } from '@plaza/tenancy';
import { AdminLayout, NavItem, SiteContext } from '@plaza/web';
import {
  CheckboxField,
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  SelectField,
  TextArea,
  TextField,
  withFormCss,
} from '@plaza/web';

import { ActionLogLine } from './action-log.service';
import { organizationAdminT } from './organization-admin.messages';
import { PeopleAdminMessageKey, peopleAdminT } from './people-admin.messages';
import { AccessSettings, PeopleFilters } from './people-admin.service';
import { ORGANIZATION_ROLES, UserEntity } from './user.entity';

function translator(site: SiteContext) {
  return (key: PeopleAdminMessageKey, params?: Record<string, string>) =>
    peopleAdminT(site.locale, key, params);
}

/** The site context of an admin page, with the admin's sections for the shared navigation. */
export interface AdminSite extends SiteContext {
  adminSections: NavItem[];
}

function AdminFrame(props: { site: AdminSite; title: string; children: ComponentChildren }) {
  return (
    <AdminLayout
      site={withFormCss(props.site)}
      title={props.title}
      sections={props.site.adminSections}
    >
      <h1>{props.title}</h1>
      {props.children}
    </AdminLayout>
  );
}

export function statusOf(user: UserEntity): PeopleAdminMessageKey {
  if (user.blockedAt) return 'status.blocked';
  if (!user.passwordHash && user.invitedAt) return 'status.invited';
  if (!user.confirmedAt) return 'status.unconfirmed';
  return 'status.active';
}

export interface PeopleListViewProps {
  site: AdminSite;
  filters: PeopleFilters;
  people: UserEntity[];
  page: number;
  more: boolean;
  notice?: string;
}

export function PeopleListView({ site, filters, people, page, more, notice }: PeopleListViewProps) {
  const t = translator(site);
  const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'yes' : 'no');
  const query = (p: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set('q', filters.q);
    if (filters.role) params.set('role', filters.role);
    if (filters.confirmed !== undefined) params.set('confirmed', yesNo(filters.confirmed));
    if (filters.blocked !== undefined) params.set('blocked', yesNo(filters.blocked));
    params.set('page', String(p));
    return `/admin/people?${params.toString()}`;
  };
  const yesNoOptions = [
    { value: '', label: t('any') },
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];
  return (
    <AdminFrame site={site} title={t('people.title')}>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        <a href="/admin/people/invite">{t('people.inviteLink')}</a>
      </p>
      <form method="get" action="/admin/people" role="search">
        <TextField name="q" label={t('people.search')} value={filters.q} maxLength={200} />
        <SelectField
          name="role"
          label={t('people.role')}
          value={filters.role ?? ''}
          options={[
            { value: '', label: t('any') },
            ...ORGANIZATION_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
            { value: 'none', label: t('role.none') },
          ]}
        />
        <SelectField
          name="confirmed"
          label={t('people.confirmed')}
          value={yesNo(filters.confirmed)}
          options={yesNoOptions}
        />
        <SelectField
          name="blocked"
          label={t('people.blocked')}
          value={yesNo(filters.blocked)}
          options={yesNoOptions}
        />
        <button type="submit" class="primary">
          {t('people.filter')}
        </button>
      </form>
      {people.length === 0 ? (
        <p>{t('people.empty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('people.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('col.nickname')}</th>
              <th scope="col">{t('col.email')}</th>
              <th scope="col">{t('col.roles')}</th>
              <th scope="col">{t('col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`/admin/people/${p.id}`}>{p.name || p.nickname}</a>
                </th>
                <td>{p.nickname}</td>
                <td>{p.email}</td>
                <td>{p.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                <td>{t(statusOf(p))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t('pagination')}>
        {page > 1 && <a href={query(page - 1)}>{t('previous')}</a>}{' '}
        {more && <a href={query(page + 1)}>{t('next')}</a>}
      </nav>
    </AdminFrame>
  );
}

export interface PersonViewProps {
  site: AdminSite;
  person: UserEntity;
  isSelf: boolean;
  reason?: string;
  errors?: FieldErrors;
}

export function PersonView({ site, person, isSelf, reason, errors = {} }: PersonViewProps) {
  const t = translator(site);
  return (
    <AdminFrame site={site} title={person.name || person.nickname}>
      <ErrorSummary title={t('errorsTitle')} errors={errors} />
      <dl>
        <dt>{t('col.nickname')}</dt>
        <dd>{person.nickname}</dd>
        <dt>{t('col.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('col.status')}</dt>
        <dd>{t(statusOf(person))}</dd>
      </dl>
      {isSelf ? (
        <p class="notice">{t('person.self')}</p>
      ) : (
        <>
          <h2>{t('person.rolesTitle')}</h2>
          <form method="post" action={`/admin/people/${person.id}/roles`}>
            <CsrfField token={site.csrfToken} />
            <ChoiceGroup
              name="roles"
              legend={t('col.roles')}
              type="checkbox"
              options={ORGANIZATION_ROLES.map((role) => ({
                value: role,
                label: t(`role.${role}`),
              }))}
              selected={person.roles}
              optionId={(role) => `field-role-${role}`}
            />
            <button type="submit" class="primary">
              {t('person.rolesSubmit')}
            </button>
          </form>
          <h2>{t('person.blockTitle')}</h2>
          {person.blockedAt ? (
            <>
              <p>
                {t('person.blockedSince', {
                  date: person.blockedAt.toISOString().slice(0, 10),
                  reason: person.blockedReason ?? '',
                })}
              </p>
              <form method="post" action={`/admin/people/${person.id}/unblock`}>
                <CsrfField token={site.csrfToken} />
                <button type="submit" class="primary">
                  {t('person.unblockSubmit')}
                </button>
              </form>
            </>
          ) : (
            <form method="post" action={`/admin/people/${person.id}/block`} noValidate>
              <CsrfField token={site.csrfToken} />
              <TextArea
                rows={4}
                name="reason"
                label={t('person.blockReason')}
                value={reason}
                error={errors.reason}
                maxLength={500}
              />
              <button type="submit" class="primary">
                {t('person.blockSubmit')}
              </button>
            </form>
          )}
        </>
      )}
    </AdminFrame>
  );
}

export interface InviteViewProps {
  site: AdminSite;
  values?: { email?: string; name?: string; role?: string };
  errors?: FieldErrors;
  general?: string;
}

export function InviteView({ site, values = {}, errors = {}, general }: InviteViewProps) {
  const t = translator(site);
  return (
    <AdminFrame site={site} title={t('invite.title')}>
      <ErrorSummary title={t('errorsTitle')} errors={errors} general={general} />
      <form method="post" action="/admin/people/invite" noValidate>
        <CsrfField token={site.csrfToken} />
        <TextField
          name="name"
          label={t('col.name')}
          value={values.name}
          error={errors.name}
          required
          maxLength={200}
        />
        <TextField
          name="email"
          type="email"
          label={t('col.email')}
          value={values.email}
          error={errors.email}
          required
          maxLength={254}
        />
        <SelectField
          name="role"
          label={t('people.role')}
          value={values.role ?? ''}
          options={[
            { value: '', label: t('role.none') },
            ...ORGANIZATION_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
          ]}
        />
        <button type="submit" class="primary">
          {t('invite.submit')}
        </button>
      </form>
    </AdminFrame>
  );
}

export interface LogsViewProps {
  site: AdminSite;
  lines: ActionLogLine[];
  page: number;
  more: boolean;
}

export function LogsView({ site, lines, page, more }: LogsViewProps) {
  const t = translator(site);
  const describe = (line: LogsViewProps['lines'][number]) => {
    const key = `action.${line.action}` as PeopleAdminMessageKey;
    const roles = Array.isArray(line.details.roles)
      ? line.details.roles.map((r) => t(`role.${r}` as PeopleAdminMessageKey)).join(', ') ||
        t('role.none')
      : '';
    return t(key, {
      mode:
        typeof line.details.registrationMode === 'string'
          ? t(`registration.${line.details.registrationMode}` as PeopleAdminMessageKey)
          : '',
      value: (line.details.value ?? line.details.forceSignIn) === true ? t('yes') : t('no'),
      subject: line.subjectName ?? t('logs.deleted'),
      roles,
      reason: typeof line.details.reason === 'string' ? line.details.reason : '',
      fields: Array.isArray(line.details.fields)
        ? line.details.fields
            .map((f) => organizationAdminT(site.locale, f === 'name' ? 'name' : 'description'))
            .join(', ')
        : '',
    });
  };
  return (
    <AdminFrame site={site} title={t('logs.title')}>
      {lines.length === 0 ? (
        <p>{t('logs.empty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('logs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.when')}</th>
              <th scope="col">{t('col.who')}</th>
              <th scope="col">{t('col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <time dateTime={line.createdAt.toISOString()}>
                    {line.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC
                  </time>
                </td>
                <td>{line.actorName ?? t('logs.deleted')}</td>
                <td>{describe(line)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t('pagination')}>
        {page > 1 && <a href={`/admin/logs?page=${page - 1}`}>{t('previous')}</a>}{' '}
        {more && <a href={`/admin/logs?page=${page + 1}`}>{t('next')}</a>}
      </nav>
    </AdminFrame>
  );
}

export interface SecurityViewProps {
  site: AdminSite;
  settings: AccessSettings;
  notice?: string;
  general?: string;
}

export function SecurityView({ site, settings, notice, general }: SecurityViewProps) {
  const t = translator(site);
  return (
    <AdminFrame site={site} title={t('security.title')}>
      <ErrorSummary title={t('errorsTitle')} errors={{}} general={general} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form method="post" action="/admin/security">
        <CsrfField token={site.csrfToken} />
        <SelectField
          name="registrationMode"
          label={t('security.registration')}
          value={settings.registrationMode}
          options={REGISTRATION_MODES.map((m) => ({ value: m, label: t(`registration.${m}`) }))}
        />
        <CheckboxField
          name="forceSignIn"
          label={t('security.forceSignIn')}
          checked={settings.forceSignIn}
        />
        <CheckboxField
          name="requireAdminTwoFactor"
          label={t('security.requireAdmin')}
          checked={settings.requireAdminTwoFactor}
        />
        <button type="submit" class="primary">
          {t('security.submit')}
        </button>
      </form>
    </AdminFrame>
  );
}
