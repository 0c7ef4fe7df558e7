import {
  Body,
  Controller,
  Get,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { PlanLimitException, RegistrationMode } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import {
  AdminSections,
  CurrentUser,
  CurrentUsers,
  OnHost,
  planLimitMessage,
  RequireAdmin,
  submitForm,
} from '@plaza/web';

import { emailProblem } from './account-validation';
import { AccountsService } from './accounts.service';
import { ActionLog } from './action-log.service';
import {
  BlockDto,
  InviteDto,
  PageQueryDto,
  PeopleQueryDto,
  RolesDto,
  SecurityDto,
} from './dto/people-admin.dto';
import { mailSiteOf, sendPage } from './page-kit';
import { PeopleAdminMessageKey, peopleAdminT } from './people-admin.messages';
import { AccessSettings, PeopleAdminService, PeopleFilters } from './people-admin.service';
import {
  AdminSite,
  InviteView,
  LogsView,
  PeopleListView,
  PersonView,
  SecurityView,
} from './people-admin.views';
import { OrganizationRole } from './user.entity';

const LOG_PAGE_SIZE = 50;

function yesNo(value: string | undefined): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/** /admin/people and /admin/logs: the organization's admins manage people; every change is logged. */
@Controller('admin')
@OnHost('tenant')
@RequireAdmin()
export class PeopleAdminController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly users: CurrentUsers,
    private readonly people: PeopleAdminService,
    private readonly log: ActionLog,
    private readonly accounts: AccountsService,
    private readonly sections: AdminSections,
  ) {
    const add = (href: string, order: number, key: PeopleAdminMessageKey) =>
      sections.add({ href, order, label: (locale) => peopleAdminT(locale, key) });
    add('/admin/people', 50, 'nav.people');
    add('/admin/security', 85, 'nav.security');
    add('/admin/logs', 95, 'nav.logs');
  }

  @Get('people')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: PeopleQueryDto,
  ): Promise<void> {
    const filters: PeopleFilters = {
      q: query.q?.trim() || undefined,
      role: (query.role || undefined) as PeopleFilters['role'],
      confirmed: yesNo(query.confirmed),
      blocked: yesNo(query.blocked),
    };
    const page = Number(query.page ?? 1);
    const [site, result] = await Promise.all([
      this.adminSite(request),
      this.people.list(filters, page),
    ]);
    await sendPage(
      reply,
      HttpStatus.OK,
      <PeopleListView site={site} filters={filters} page={page} {...result} />,
    );
  }

  @Get('people/invite')
  async invitePage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const site = await this.adminSite(request);
    await sendPage(reply, HttpStatus.OK, <InviteView site={site} />);
  }

  @Post('people/invite')
  async invite(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: InviteDto,
  ): Promise<void> {
    const admin = await this.admin(request);
    const site = await this.adminSite(request);
    const t = (key: PeopleAdminMessageKey, params?: Record<string, string>) =>
      peopleAdminT(site.locale, key, params);
    const values = {
      email: (body.email ?? '').trim().toLowerCase(),
      name: (body.name ?? '').trim(),
      role: body.role ?? '',
    };
    const errors = {
      name: !values.name || values.name.length > 200 ? t('error.nameRequired') : undefined,
      email: emailProblem(values.email) ? t('error.emailInvalid') : undefined,
    };
    if (errors.name || errors.email)
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <InviteView site={site} values={values} errors={errors} />,
      );
    const roles = values.role ? [values.role as OrganizationRole] : [];
    let sent: boolean;
    try {
      sent = await this.people.invite(admin.id, { ...values, roles }, mailSiteOf(request, site));
    } catch (error) {
      if (!(error instanceof PlanLimitException)) throw error;
      // The plan is full: the form comes back as typed, with the reason.
      return sendPage(
        reply,
        HttpStatus.FORBIDDEN,
        <InviteView site={site} values={values} general={planLimitMessage(site.locale, error)} />,
      );
    }
    if (!sent)
      return sendPage(
        reply,
        HttpStatus.CONFLICT,
        <InviteView site={site} values={values} general={t('invite.exists')} />,
      );
    const { people, more } = await this.people.list({}, 1);
    await sendPage(
      reply,
      HttpStatus.OK,
      <PeopleListView
        site={site}
        filters={{}}
        page={1}
        people={people}
        more={more}
        notice={t('invite.sent', { email: values.email })}
      />,
    );
  }

  @Get('people/:id')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    const admin = await this.admin(request);
    const person = await this.person(id);
    const site = await this.adminSite(request);
    await sendPage(
      reply,
      HttpStatus.OK,
      <PersonView site={site} person={person} isSelf={person.id === admin.id} />,
    );
  }

  @Post('people/:id/roles')
  async setRoles(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RolesDto,
  ): Promise<void> {
    const admin = await this.admin(request);
    const person = await this.notSelf(admin, id);
    const roles = [body.roles ?? []].flat() as OrganizationRole[];
    await this.people.setRoles(admin.id, person.id, roles);
    void reply.redirect(`/admin/people/${person.id}`, HttpStatus.SEE_OTHER);
  }

  @Post('people/:id/block')
  async block(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BlockDto,
  ): Promise<void> {
    const admin = await this.admin(request);
    const person = await this.notSelf(admin, id);
    const site = await this.adminSite(request);
    await submitForm(reply, {
      read: (errors) => {
        const reason = (body.reason ?? '').trim();
        if (!reason || reason.length > 500)
          errors.reason = peopleAdminT(site.locale, 'error.reasonRequired');
        return reason;
      },
      save: async (reason) => {
        await this.people.block(admin.id, person.id, reason);
        return `/admin/people/${person.id}`;
      },
      render: (reason, errors, status) =>
        sendPage(
          reply,
          status,
          <PersonView site={site} person={person} isSelf={false} reason={reason} errors={errors} />,
        ),
    });
  }

  @Post('people/:id/unblock')
  async unblock(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    const admin = await this.admin(request);
    const person = await this.notSelf(admin, id);
    await this.people.unblock(admin.id, person.id);
    void reply.redirect(`/admin/people/${person.id}`, HttpStatus.SEE_OTHER);
  }

  @Get('logs')
  async logs(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: PageQueryDto,
  ): Promise<void> {
    const page = Number(query.page ?? 1);
    const [site, result] = await Promise.all([
      this.adminSite(request),
      this.log.page((page - 1) * LOG_PAGE_SIZE, LOG_PAGE_SIZE),
    ]);
    await sendPage(reply, HttpStatus.OK, <LogsView site={site} page={page} {...result} />);
  }

  @Get('security')
  async security(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const [site, settings] = await Promise.all([
      this.adminSite(request),
      this.people.accessSettings(),
    ]);
    await sendPage(reply, HttpStatus.OK, <SecurityView site={site} settings={settings} />);
  }

  @Post('security')
  async saveSecurity(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: SecurityDto,
  ): Promise<void> {
    const admin = await this.admin(request);
    const site = await this.adminSite(request);
    const current = await this.people.accessSettings();
    const settings: AccessSettings = {
      registrationMode: (body.registrationMode as RegistrationMode) ?? current.registrationMode,
      forceSignIn: body.forceSignIn === '1',
      requireAdminTwoFactor: body.requireAdminTwoFactor === '1',
    };
    // Requiring it without having it would take the acting admin's own rights away at once.
    if (settings.requireAdminTwoFactor && !(await this.accounts.twoFactorState(admin.id)).enabled)
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <SecurityView
          site={site}
          settings={{ ...settings, requireAdminTwoFactor: false }}
          general={peopleAdminT(site.locale, 'security.needOwn')}
        />,
      );
    await this.people.setAccessSettings(admin.id, settings);
    await sendPage(
      reply,
      HttpStatus.OK,
      <SecurityView
        site={site}
        settings={settings}
        notice={peopleAdminT(site.locale, 'security.saved')}
      />,
    );
  }

  private async adminSite(request: FastifyRequest): Promise<AdminSite> {
    const site = await this.siteContext.build(request);
    return { ...site, adminSections: this.sections.navFor(site.locale) };
  }

  private async admin(request: FastifyRequest): Promise<CurrentUser> {
    // RequireAdmin has let only a signed-in admin through.
    return (await this.users.of(request))!;
  }

  private async person(id: string) {
    const person = await this.people.find(id);
    if (!person) throw new NotFoundException('There is nobody with this id on this site.');
    return person;
  }

  /** Admins cannot demote or block themselves (and lock the organization out). */
  private async notSelf(admin: CurrentUser, id: string) {
    const person = await this.person(id);
    if (person.id === admin.id)
      throw new NotFoundException('You cannot change your own roles or block yourself.');
    return person;
  }
}
