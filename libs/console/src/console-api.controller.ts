import './console-errors.messages';

import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { OnHost, SessionStore, SkipCsrf } from '@plaza/web';

import { ApiTokensService } from './api-tokens.service';
import { AuditLog } from './audit.service';
import { ConsoleAuthService } from './console-auth.service';
import {
  ConsolePrincipal,
  ConsolePrincipals,
  ConsoleRoute,
  MinRole,
  Principal,
} from './console-principal';
import { ConsoleTenantsService } from './console-tenants.service';
import { ConsoleTotpService } from './console-totp.service';
import { ConsoleUserEntity } from './console-user.entity';
import { ConsoleUsersService } from './console-users.service';
import { DomainsService } from './domains.service';
import { CreateApiTokenDto } from './dto/api-token.dto';
import { ListAuditQuery } from './dto/audit.dto';
import { CreateConsoleUserDto, UpdateConsoleUserDto } from './dto/console-user.dto';
import { AddDomainDto } from './dto/domain.dto';
import { MailSettingsDto } from './dto/mail-settings.dto';
import { CreatePlanDto, TenantOverridesDto, UpdatePlanDto } from './dto/plan.dto';
import { CreateSessionDto } from './dto/session.dto';
import { CreateTenantDto, ListTenantsQuery, UpdateTenantDto } from './dto/tenant.dto';
import { TotpCodeDto } from './dto/totp.dto';
import { PlansService, planView } from './plans.service';
import { TenantMailSettingsService } from './tenant-mail-settings.service';

/** `POST/DELETE /api/console/v1/session`: cookie sign-in for browsers and scripts. */
@Controller('api/console/v1/session')
@OnHost('console')
export class ConsoleSessionController {
  constructor(
    private readonly auth: ConsoleAuthService,
    private readonly principals: ConsolePrincipals,
  ) {}

  /**
   * No CSRF token exists before sign-in; requiring a JSON body instead keeps
   * other sites' forms out (a form cannot send application/json).
   */
  @Post()
  @SkipCsrf()
  @HttpCode(200)
  async create(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: CreateSessionDto,
  ): Promise<{ csrfToken: string }> {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new UnsupportedMediaTypeException('Send the credentials as application/json.');
    }
    const session = await this.auth.signIn(request, reply, body);
    this.principals.forget(request);
    return { csrfToken: session.csrfToken };
  }

  @Delete()
  @HttpCode(204)
  async destroy(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.signOut(request, reply);
  }
}

/** The signed-in console user and their personal API tokens. */
@Controller('api/console/v1')
@ConsoleRoute('viewer')
export class ConsoleAccountController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly audit: AuditLog,
    private readonly totp: ConsoleTotpService,
  ) {}

  @Get('me')
  me(@Principal() principal: ConsolePrincipal) {
    const { id, email, name, role, totpEnabledAt } = principal.user;
    return { data: { id, email, name, role, via: principal.via, totpEnabled: !!totpEnabledAt } };
  }

  /** Starts adding an authenticator app: a secret and its QR code. */
  @Post('me/totp')
  @HttpCode(201)
  async startTotp(@Principal() principal: ConsolePrincipal) {
    return { data: await this.totp.start(sessionUser(principal)) };
  }

  /** Confirms with a first code; answers the recovery codes, shown this once. */
  @Post('me/totp/confirm')
  @HttpCode(200)
  async confirmTotp(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: TotpCodeDto,
  ) {
    const recoveryCodes = await this.totp.confirm(sessionUser(principal), body.code);
    await this.audit.record({ principal, request }, { action: 'user.totp.enable' });
    return { data: { recoveryCodes } };
  }

  @Post('me/totp/disable')
  @HttpCode(204)
  async disableTotp(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: TotpCodeDto,
  ): Promise<void> {
    await this.totp.disable(sessionUser(principal), body.code);
    await this.audit.record({ principal, request }, { action: 'user.totp.disable' });
  }

  @Get('tokens')
  async listTokens(@Principal() principal: ConsolePrincipal) {
    const tokens = await this.tokens.listFor(principal.user.id);
    return { data: tokens.map(tokenView) };
  }

  @Post('tokens')
  @HttpCode(201)
  async createToken(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: CreateApiTokenDto,
  ) {
    const expiresAt = body.expiresInDays
      ? new Date(Date.now() + body.expiresInDays * 24 * 3600 * 1000)
      : null;
    const issued = await this.tokens.issue(principal.user.id, body.name, expiresAt);
    await this.audit.record(
      { principal, request },
      { action: 'token.create', after: tokenView(issued.token) },
    );
    return { data: { ...tokenView(issued.token), token: issued.secret } };
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    const token = await this.tokens.revoke(principal.user.id, uuidOr404(id));
    await this.audit.record(
      { principal, request },
      { action: 'token.revoke', before: tokenView(token) },
    );
  }
}

/** Tenant lifecycle: viewers read, operators act. */
@Controller('api/console/v1/tenants')
@ConsoleRoute('viewer')
export class ConsoleTenantsController {
  constructor(
    private readonly tenants: ConsoleTenantsService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  list(@Query() query: ListTenantsQuery) {
    return this.tenants.list(query);
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return { data: await this.tenants.get(id) };
  }

  @Post()
  @MinRole('operator')
  @HttpCode(202)
  async create(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: CreateTenantDto,
  ) {
    return { data: await this.tenants.create({ principal, request }, body) };
  }

  @Patch(':id')
  @MinRole('operator')
  async update(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: UpdateTenantDto,
  ) {
    return { data: await this.tenants.update({ principal, request }, id, body) };
  }

  @Post(':id/suspend')
  @MinRole('operator')
  @HttpCode(200)
  async suspend(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.tenants.transition({ principal, request }, id, 'suspend') };
  }

  @Post(':id/resume')
  @MinRole('operator')
  @HttpCode(200)
  async resume(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.tenants.transition({ principal, request }, id, 'resume') };
  }

  @Post(':id/archive')
  @MinRole('operator')
  @HttpCode(200)
  async archive(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.tenants.transition({ principal, request }, id, 'archive') };
  }

  /** Schedules deletion after the retention period (202: the purge happens later). */
  @Delete(':id')
  @MinRole('operator')
  @HttpCode(202)
  async remove(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.tenants.scheduleDeletion({ principal, request }, id) };
  }

  /** The export archive made before deletion (a `.tar.gz` for `tenants:import`). */
  @Get(':id/export')
  @MinRole('operator')
  async download(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const path = await this.tenants.exportPathOf(id);
    await this.audit.record(
      { principal, request },
      { action: 'tenant.export.download', tenantId: id },
    );
    void reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${basename(path)}"`)
      .send(createReadStream(path));
  }

  @Post(':id/restore')
  @MinRole('operator')
  @HttpCode(200)
  async restore(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.tenants.cancelDeletion({ principal, request }, id) };
  }
}

@Controller('api/console/v1/audit-events')
@ConsoleRoute('viewer')
export class ConsoleAuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query);
  }
}

/** A stolen API token must not be able to change the second factor. */
function sessionUser(principal: ConsolePrincipal): ConsoleUserEntity {
  if (principal.via !== 'session') {
    throw new ForbiddenException(
      'Manage two-step sign-in from a signed-in browser session, not with an API token.',
    );
  }
  return principal.user;
}

function tokenView(token: {
  id: string;
  name: string;
  tokenPrefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.tokenPrefix,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed ids are simply unknown (404), not a database error. */
function uuidOr404(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

/** Console users: owners only. A removed or demoted person's sessions end at once. */
@Controller('api/console/v1/users')
@ConsoleRoute('owner')
export class ConsoleUsersController {
  constructor(
    private readonly users: ConsoleUsersService,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list() {
    return { data: (await this.users.list()).map(userView) };
  }

  @Post()
  @HttpCode(201)
  async create(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: CreateConsoleUserDto,
  ) {
    const user = await this.users.create(body);
    await this.audit.record(
      { principal, request },
      { action: 'user.create', after: userView(user) },
    );
    return { data: userView(user) };
  }

  @Patch(':id')
  async update(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: UpdateConsoleUserDto,
  ) {
    const { before, after } = await this.users.update(id, body);
    if (before.role !== after.role) await this.sessions.destroyAllForUser('console', id);
    await this.audit.record(
      { principal, request },
      { action: 'user.update', before: userView(before), after: userView(after) },
    );
    return { data: userView(after) };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    const user = await this.users.remove(id);
    await this.sessions.destroyAllForUser('console', id);
    await this.audit.record(
      { principal, request },
      { action: 'user.delete', before: userView(user) },
    );
  }
}

function userView(user: ConsoleUserEntity) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Plans: everyone reads, owners manage. */
@Controller('api/console/v1/plans')
@ConsoleRoute('viewer')
export class ConsolePlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list() {
    return { data: (await this.plans.list()).map(planView) };
  }

  @Get(':code')
  async get(@Param('code') code: string) {
    return { data: planView(await this.plans.get(code)) };
  }

  @Post()
  @MinRole('owner')
  @HttpCode(201)
  async create(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Body() body: CreatePlanDto,
  ) {
    const plan = await this.plans.create({
      ...body,
      limits: body.limits ?? {},
      features: body.features ?? {},
    });
    await this.audit.record(
      { principal, request },
      { action: 'plan.create', after: planView(plan) },
    );
    return { data: planView(plan) };
  }

  @Patch(':code')
  @MinRole('owner')
  async update(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('code') code: string,
    @Body() body: UpdatePlanDto,
  ) {
    const before = planView(await this.plans.get(code));
    const plan = await this.plans.update(code, body);
    await this.audit.record(
      { principal, request },
      { action: 'plan.update', before, after: planView(plan) },
    );
    return { data: planView(plan) };
  }

  @Delete(':code')
  @MinRole('owner')
  @HttpCode(204)
  async remove(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('code') code: string,
  ): Promise<void> {
    const plan = await this.plans.remove(code);
    await this.audit.record(
      { principal, request },
      { action: 'plan.delete', before: planView(plan) },
    );
  }
}

/** Per-tenant exceptions to the plan: owners only. */
@Controller('api/console/v1/tenants/:id/overrides')
@ConsoleRoute('owner')
export class ConsoleOverridesController {
  constructor(private readonly tenants: ConsoleTenantsService) {}

  @Put()
  async set(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: TenantOverridesDto,
  ) {
    return { data: await this.tenants.setOverrides({ principal, request }, id, body) };
  }
}

/** A tenant's custom domains: viewers read, operators change. */
@Controller('api/console/v1/tenants/:id/domains')
@ConsoleRoute('viewer')
export class ConsoleDomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Get()
  async list(@Param('id') id: string) {
    return { data: await this.domains.list(id) };
  }

  @Post()
  @MinRole('operator')
  @HttpCode(201)
  async add(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: AddDomainDto,
  ) {
    return { data: await this.domains.add({ principal, request }, id, body.domain) };
  }

  @Post(':domain/verify')
  @MinRole('operator')
  @HttpCode(200)
  async verify(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('domain') domain: string,
  ) {
    return { data: await this.domains.verify({ principal, request }, id, domain) };
  }

  @Post(':domain/primary')
  @MinRole('operator')
  @HttpCode(200)
  async primary(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('domain') domain: string,
  ) {
    return { data: await this.domains.setPrimary({ principal, request }, id, domain) };
  }

  /** The platform subdomain becomes the primary address again. */
  @Delete('primary')
  @MinRole('operator')
  @HttpCode(204)
  async clearPrimary(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.domains.clearPrimary({ principal, request }, id);
  }

  @Delete(':domain')
  @MinRole('operator')
  @HttpCode(204)
  async remove(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('domain') domain: string,
  ): Promise<void> {
    await this.domains.remove({ principal, request }, id, domain);
  }
}

/** A tenant's own SMTP server: viewers read (never the password), operators change. */
@Controller('api/console/v1/tenants/:id/mail-settings')
@ConsoleRoute('viewer')
export class ConsoleMailSettingsController {
  constructor(
    private readonly tenants: ConsoleTenantsService,
    private readonly settings: TenantMailSettingsService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async get(@Param('id') id: string) {
    await this.tenants.get(id);
    return { data: await this.settings.get(id) };
  }

  @Put()
  @MinRole('operator')
  async set(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: MailSettingsDto,
  ) {
    await this.tenants.get(id);
    const before = await this.settings.get(id);
    const after = await this.settings.set(id, body);
    await this.audit.record(
      { principal, request },
      { action: 'tenant.mail-settings', tenantId: id, before: { ...before }, after: { ...after } },
    );
    return { data: after };
  }

  /** Back to the platform's SMTP server. */
  @Delete()
  @MinRole('operator')
  @HttpCode(204)
  async remove(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.tenants.get(id);
    const before = await this.settings.get(id);
    await this.settings.remove(id);
    await this.audit.record(
      { principal, request },
      { action: 'tenant.mail-settings', tenantId: id, before: { ...before }, after: null },
    );
  }
}
