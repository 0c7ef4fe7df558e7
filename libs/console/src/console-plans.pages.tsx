import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  PLAN_FEATURES,
  PLAN_LIMITS,
  PlanFeature,
  PlanFeatures,
  PlanLimit,
  PlanLimits,
  PlatformDb,
  TenantEntity,
} from '@plaza/tenancy';
import { OnHost, renderPage, Sessions, stateOf } from '@plaza/web';

import { AuditLog } from './audit.service';
import { ConsoleSignInRedirect } from './console.pages';
import {
  ConsoleLayout,
  ConsolePageContext,
  ErrorSummary,
  Field,
  FieldErrors,
  translatorFor,
} from './console-layout';
import { PlansT, plansTranslator } from './console-plans.messages';
import { ConsolePrincipal, ConsoleRoute, Principal } from './console-principal';
import { ConsoleTenantsService } from './console-tenants.service';
import { PlanEntity, TenantPlanOverrideEntity } from './plan.entity';
import { PlanInput, PlansService, planView } from './plans.service';

type Form = Record<string, unknown>;
/** What the plan form shows: the saved plan, or what the owner just sent. */
type PlanFormValues = Record<string, string>;

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const PRICE = /^\d{1,7}([.,]\d{1,2})?$/;
const WHOLE = /^\d{1,9}$/;

function text(body: Form, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

function priceText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

function formatPrice(locale: string, cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${priceText(cents)} ${currency}`;
  }
}

function valuesOf(plan: PlanEntity): PlanFormValues {
  const values: PlanFormValues = {
    code: plan.code,
    name: plan.name,
    price: priceText(plan.monthlyPriceCents),
    currency: plan.currency,
  };
  for (const limit of PLAN_LIMITS) values[`limit_${limit}`] = plan.limits[limit]?.toString() ?? '';
  for (const feature of PLAN_FEATURES)
    values[`feature_${feature}`] = plan.features[feature] ? 'on' : '';
  return values;
}

/** Reads the plan form with translated errors, next to their fields. */
function readPlanForm(
  body: Form,
  t: PlansT,
  withCode: boolean,
): { values: PlanFormValues; input: PlanInput; errors: FieldErrors } {
  const values: PlanFormValues = {
    code: text(body, 'code'),
    name: text(body, 'name'),
    price: text(body, 'price'),
    currency: text(body, 'currency').toUpperCase() || 'EUR',
  };
  const errors: FieldErrors = {};
  if (withCode && !CODE.test(values.code)) errors.code = [t('error.code')];
  if (!values.name || values.name.length > 100) errors.name = [t('error.name')];
  if (!PRICE.test(values.price)) errors.price = [t('error.price')];
  if (!/^[A-Z]{3}$/.test(values.currency)) errors.currency = [t('error.currency')];
  const limits: Partial<PlanLimits> = {};
  for (const limit of PLAN_LIMITS) {
    const raw = text(body, `limit_${limit}`);
    values[`limit_${limit}`] = raw;
    if (raw === '') limits[limit] = null;
    else if (WHOLE.test(raw)) limits[limit] = Number(raw);
    else errors[`limit_${limit}`] = [t('error.limit')];
  }
  const features: Partial<PlanFeatures> = {};
  for (const feature of PLAN_FEATURES) {
    const on = text(body, `feature_${feature}`) !== '';
    values[`feature_${feature}`] = on ? 'on' : '';
    features[feature] = on;
  }
  const [units, decimals = ''] = values.price.split(/[.,]/);
  return {
    values,
    errors,
    input: {
      code: values.code,
      name: values.name,
      monthlyPriceCents: Number(units) * 100 + Number(decimals.padEnd(2, '0') || 0),
      currency: values.currency,
      limits,
      features,
    },
  };
}

/** Plans for people (owners change them, others read) and an organization's exceptions. */
@Controller()
@OnHost('console')
@UseFilters(ConsoleSignInRedirect)
export class ConsolePlanPagesController {
  constructor(
    private readonly sessions: Sessions,
    private readonly plans: PlansService,
    private readonly tenants: ConsoleTenantsService,
    private readonly audit: AuditLog,
    private readonly platformDb: PlatformDb,
  ) {}

  @Get('plans')
  @ConsoleRoute('viewer')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderList(request, reply, principal, null, {});
  }

  @Post('plans')
  @ConsoleRoute('owner')
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    const t = plansTranslator(stateOf(request)?.locale ?? 'en');
    const { values, input, errors } = readPlanForm(body, t, true);
    if (!errors.code && (await this.plans.exists(values.code)))
      errors.code = [t('error.codeTaken')];
    if (Object.keys(errors).length) {
      reply.code(422);
      return this.renderList(request, reply, principal, values, errors);
    }
    const plan = await this.plans.create(input);
    await this.audit.record(
      { principal, request },
      { action: 'plan.create', after: planView(plan) },
    );
    void reply.redirect(`/plans/${plan.code}?saved=1`, 303);
  }

  @Get('plans/:code')
  @ConsoleRoute('viewer')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('code') code: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const plan = await this.plans.get(code);
    await this.renderPlan(request, reply, principal, plan, valuesOf(plan), {}, saved === '1');
  }

  @Post('plans/:code')
  @ConsoleRoute('owner')
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('code') code: string,
    @Body() body: Form,
  ): Promise<void> {
    const plan = await this.plans.get(code);
    const t = plansTranslator(stateOf(request)?.locale ?? 'en');
    const { values, input, errors } = readPlanForm(body, t, false);
    if (Object.keys(errors).length) {
      reply.code(422);
      return this.renderPlan(request, reply, principal, plan, { ...values, code }, errors, false);
    }
    const before = planView(plan);
    const after = await this.plans.update(code, {
      name: input.name,
      monthlyPriceCents: input.monthlyPriceCents,
      currency: input.currency,
      limits: input.limits,
      features: input.features,
    });
    await this.audit.record(
      { principal, request },
      { action: 'plan.update', before, after: planView(after) },
    );
    void reply.redirect(`/plans/${code}?saved=1`, 303);
  }

  @Post('plans/:code/delete')
  @ConsoleRoute('owner')
  async remove(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('code') code: string,
  ): Promise<void> {
    const plan = await this.plans.get(code);
    const users = await this.platformDb.manager.countBy(TenantEntity, { planCode: code });
    if (users > 0) {
      const t = plansTranslator(stateOf(request)?.locale ?? 'en');
      reply.code(409);
      return this.renderPlan(request, reply, principal, plan, valuesOf(plan), {}, false, [
        t('plans.inUse', { count: users }),
      ]);
    }
    await this.plans.remove(code);
    await this.audit.record(
      { principal, request },
      { action: 'plan.delete', before: planView(plan) },
    );
    void reply.redirect('/plans', 303);
  }

  @Get('tenants/:id/overrides')
  @ConsoleRoute('owner')
  async overridesPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    const overrides = await this.plans.overridesOf(id);
    await this.renderOverrides(request, reply, principal, id, overrideValues(overrides), {});
  }

  @Post('tenants/:id/overrides')
  @ConsoleRoute('owner')
  async setOverrides(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const t = plansTranslator(stateOf(request)?.locale ?? 'en');
    const values: PlanFormValues = {};
    const errors: FieldErrors = {};
    const limits: Partial<PlanLimits> = {};
    const features: Partial<PlanFeatures> = {};
    for (const limit of PLAN_LIMITS) {
      const mode = text(body, `limit_${limit}`);
      const value = text(body, `value_${limit}`);
      values[`limit_${limit}`] = ['unlimited', 'custom'].includes(mode) ? mode : 'plan';
      values[`value_${limit}`] = value;
      if (mode === 'unlimited') limits[limit] = null;
      else if (mode === 'custom') {
        if (WHOLE.test(value)) limits[limit] = Number(value);
        else errors[`value_${limit}`] = [t('error.overrideValue')];
      }
    }
    for (const feature of PLAN_FEATURES) {
      const mode = text(body, `feature_${feature}`);
      values[`feature_${feature}`] = ['on', 'off'].includes(mode) ? mode : 'plan';
      if (mode === 'on' || mode === 'off') features[feature] = mode === 'on';
    }
    if (Object.keys(errors).length) {
      reply.code(422);
      return this.renderOverrides(request, reply, principal, id, values, errors);
    }
    await this.tenants.setOverrides({ principal, request }, id, { limits, features });
    void reply.redirect(`/tenants/${id}#plan-allowance`, 303);
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    form: PlanFormValues | null,
    errors: FieldErrors,
  ): Promise<void> {
    const page = await this.page(request, principal);
    const t = plansTranslator(page.locale);
    const plans = await this.plans.list();
    const rows = (await this.platformDb.manager
      .createQueryBuilder(TenantEntity, 't')
      .select('t.planCode', 'code')
      .addSelect('count(*)', 'n')
      .where('t.planCode IS NOT NULL')
      .andWhere("t.status <> 'deleted'")
      .groupBy('t.planCode')
      .getRawMany()) as { code: string; n: string }[];
    const used = new Map(rows.map((r) => [r.code, Number(r.n)]));
    const owner = principal.user.role === 'owner';
    const newValues = form ?? {
      code: '',
      name: '',
      price: '0',
      currency: 'EUR',
      ...Object.fromEntries(PLAN_LIMITS.map((l) => [`limit_${l}`, ''])),
    };
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('plans.title')}>
        <h1>{t('plans.title')}</h1>
        <p>{t('plans.intro')}</p>
        {plans.length === 0 ? (
          <p>{t('plans.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('plans.name')}</th>
                <th scope="col">{t('plans.code')}</th>
                <th scope="col">{t('plans.price')}</th>
                {PLAN_LIMITS.map((l) => (
                  <th scope="col" key={l}>
                    {t(`limit.${l}`)}
                  </th>
                ))}
                <th scope="col">{t('plans.features')}</th>
                <th scope="col">{t('plans.organizations')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.code}>
                  <td>
                    <a
                      href={`/plans/${plan.code}`}
                      aria-label={t('plans.open', { name: plan.name })}
                    >
                      {plan.name}
                    </a>
                  </td>
                  <td>
                    <code>{plan.code}</code>
                  </td>
                  <td>{formatPrice(page.locale, plan.monthlyPriceCents, plan.currency)}</td>
                  {PLAN_LIMITS.map((l) => (
                    <td key={l}>{plan.limits[l] ?? t('plans.unlimited')}</td>
                  ))}
                  <td>
                    {PLAN_FEATURES.filter((f) => plan.features[f])
                      .map((f) => t(`feature.${f}`))
                      .join(', ') || '—'}
                  </td>
                  <td>{used.get(plan.code) ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {owner ? (
          <>
            <h2>{t('plans.new')}</h2>
            <PlanForm
              t={t}
              page={page}
              action="/plans"
              values={newValues}
              errors={errors}
              withCode
              submit={t('plans.create')}
            />
          </>
        ) : (
          <p>{t('plans.readOnly')}</p>
        )}
      </ConsoleLayout>,
    );
  }

  private async renderPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    plan: PlanEntity,
    values: PlanFormValues,
    errors: FieldErrors,
    saved = false,
    deleteErrors: string[] = [],
  ): Promise<void> {
    const page = await this.page(request, principal);
    const t = plansTranslator(page.locale);
    const owner = principal.user.role === 'owner';
    this.send(
      reply,
      <ConsoleLayout page={page} title={plan.name}>
        <p>
          <a href="/plans">{t('plans.title')}</a>
        </p>
        <h1>{plan.name}</h1>
        {saved && (
          <p class="notice" role="status">
            {t('plans.saved')}
          </p>
        )}
        {owner ? (
          <>
            <PlanForm
              t={t}
              page={page}
              action={`/plans/${plan.code}`}
              values={values}
              errors={errors}
              withCode={false}
              submit={t('plans.save')}
            />
            <h2>{t('plans.deleteTitle')}</h2>
            <ErrorSummary t={consoleErrorsT(page)} errors={deleteErrors} />
            <form method="post" action={`/plans/${plan.code}/delete`}>
              <input type="hidden" name="_csrf" value={page.csrfToken} />
              <button type="submit">{t('plans.delete', { name: plan.name })}</button>
            </form>
          </>
        ) : (
          <>
            <dl>
              <dt>{t('plans.code')}</dt>
              <dd>
                <code>{plan.code}</code>
              </dd>
              <dt>{t('plans.price')}</dt>
              <dd>{formatPrice(page.locale, plan.monthlyPriceCents, plan.currency)}</dd>
              {PLAN_LIMITS.flatMap((l) => [
                <dt key={`${l}-term`}>{t(`limit.${l}`)}</dt>,
                <dd key={`${l}-value`}>{plan.limits[l] ?? t('plans.unlimited')}</dd>,
              ])}
              {PLAN_FEATURES.flatMap((f) => [
                <dt key={`${f}-term`}>{t(`feature.${f}`)}</dt>,
                <dd key={`${f}-value`}>
                  {plan.features[f] ? t('plans.included') : t('plans.notIncluded')}
                </dd>,
              ])}
            </dl>
            <p>{t('plans.readOnly')}</p>
          </>
        )}
      </ConsoleLayout>,
    );
  }

  private async renderOverrides(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    id: string,
    values: PlanFormValues,
    errors: FieldErrors,
  ): Promise<void> {
    const tenant = await this.tenants.get(id);
    const plan = tenant.plan ? await this.plans.get(tenant.plan).catch(() => null) : null;
    const page = await this.page(request, principal);
    const t = plansTranslator(page.locale);
    const title = t('overrides.pageTitle', { name: tenant.name });
    const planLimit = (l: PlanLimit) =>
      plan ? (plan.limits[l] ?? t('plans.unlimited')) : t('plans.unlimited');
    const planFeature = (f: PlanFeature) =>
      !plan || plan.features[f] ? t('plans.included') : t('plans.notIncluded');
    this.send(
      reply,
      <ConsoleLayout page={page} title={title}>
        <p>
          <a href={`/tenants/${tenant.id}`}>{t('overrides.back', { name: tenant.name })}</a>
        </p>
        <h1>{title}</h1>
        <p>{plan ? t('overrides.intro') : t('overrides.noPlan')}</p>
        <ErrorSummary t={consoleErrorsT(page)} errors={errors} />
        <form method="post" action={`/tenants/${tenant.id}/overrides`} class="stack" noValidate>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          {PLAN_LIMITS.map((l) => {
            const valueErrors = errors[`value_${l}`] ?? [];
            return (
              <fieldset key={l}>
                <legend>{t(`limit.${l}`)}</legend>
                {(['plan', 'unlimited', 'custom'] as const).map((mode) => (
                  <div key={mode}>
                    <input
                      type="radio"
                      id={`limit_${l}_${mode}`}
                      name={`limit_${l}`}
                      value={mode}
                      checked={values[`limit_${l}`] === mode}
                    />
                    <label for={`limit_${l}_${mode}`}>
                      {mode === 'plan'
                        ? t('overrides.asPlan', { value: planLimit(l) })
                        : t(mode === 'unlimited' ? 'overrides.unlimited' : 'overrides.custom')}
                    </label>
                  </div>
                ))}
                <div class="field">
                  <label for={`field-value_${l}`}>
                    {t('overrides.value', { limit: t(`limit.${l}`) })}
                  </label>
                  {valueErrors.length > 0 && (
                    <span class="error" id={`field-value_${l}-error`}>
                      {valueErrors.join(' ')}
                    </span>
                  )}
                  <input
                    id={`field-value_${l}`}
                    name={`value_${l}`}
                    type="text"
                    inputMode="numeric"
                    value={values[`value_${l}`] ?? ''}
                    aria-invalid={valueErrors.length ? 'true' : undefined}
                    aria-describedby={valueErrors.length ? `field-value_${l}-error` : undefined}
                  />
                </div>
              </fieldset>
            );
          })}
          {PLAN_FEATURES.map((f) => (
            <fieldset key={f}>
              <legend>{t(`feature.${f}`)}</legend>
              {(['plan', 'on', 'off'] as const).map((mode) => (
                <div key={mode}>
                  <input
                    type="radio"
                    id={`feature_${f}_${mode}`}
                    name={`feature_${f}`}
                    value={mode}
                    checked={values[`feature_${f}`] === mode}
                  />
                  <label for={`feature_${f}_${mode}`}>
                    {mode === 'plan'
                      ? t('overrides.asPlan', { value: planFeature(f) })
                      : t(mode === 'on' ? 'overrides.included' : 'overrides.excluded')}
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <div>
            <button type="submit">{t('overrides.save')}</button>
          </div>
        </form>
      </ConsoleLayout>,
    );
  }

  private async page(
    request: FastifyRequest,
    principal: ConsolePrincipal,
  ): Promise<ConsolePageContext> {
    const session = await this.sessions.current(request);
    const state = stateOf(request);
    return {
      locale: state?.locale ?? 'en',
      nonce: state?.nonce ?? '',
      path: request.url,
      csrfToken: session?.csrfToken ?? '',
      user: { name: principal.user.name, role: principal.user.role },
    };
  }

  private send(reply: FastifyReply, element: preact.VNode): void {
    void reply.type('text/html; charset=utf-8').send(renderPage(element));
  }
}

function overrideValues(overrides: TenantPlanOverrideEntity | null): PlanFormValues {
  const values: PlanFormValues = {};
  for (const limit of PLAN_LIMITS) {
    const value = overrides?.limits[limit];
    values[`limit_${limit}`] =
      value === undefined ? 'plan' : value === null ? 'unlimited' : 'custom';
    values[`value_${limit}`] = typeof value === 'number' ? String(value) : '';
  }
  for (const feature of PLAN_FEATURES) {
    const value = overrides?.features[feature];
    values[`feature_${feature}`] = value === undefined ? 'plan' : value ? 'on' : 'off';
  }
  return values;
}

function PlanForm(props: {
  t: PlansT;
  page: ConsolePageContext;
  action: string;
  values: PlanFormValues;
  errors: FieldErrors;
  withCode: boolean;
  submit: string;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <ErrorSummary t={consoleErrorsT(props.page)} errors={errors} />
      <form method="post" action={props.action} class="stack" noValidate>
        <input type="hidden" name="_csrf" value={props.page.csrfToken} />
        {props.withCode ? (
          <Field
            name="code"
            label={t('plans.code')}
            hint={t('plans.codeHint')}
            value={values.code}
            errors={errors}
            required
          />
        ) : (
          <p>
            {t('plans.code')}: <code>{values.code}</code>
          </p>
        )}
        <Field name="name" label={t('plans.name')} value={values.name} errors={errors} required />
        <Field
          name="price"
          label={t('plans.price')}
          hint={t('plans.priceHint')}
          value={values.price}
          errors={errors}
          required
        />
        <Field
          name="currency"
          label={t('plans.currency')}
          hint={t('plans.currencyHint')}
          value={values.currency}
          errors={errors}
          required
        />
        <fieldset>
          <legend>{t('plans.limits')}</legend>
          <p class="hint">{t('plans.limitsHint')}</p>
          {PLAN_LIMITS.map((l) => (
            <Field
              key={l}
              name={`limit_${l}`}
              label={t(`limit.${l}`)}
              value={values[`limit_${l}`]}
              errors={errors}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('plans.features')}</legend>
          {PLAN_FEATURES.map((f) => (
            <div key={f}>
              <input
                type="checkbox"
                id={`field-feature_${f}`}
                name={`feature_${f}`}
                checked={values[`feature_${f}`] === 'on'}
              />
              <label for={`field-feature_${f}`}>{t(`feature.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <div>
          <button type="submit">{props.submit}</button>
        </div>
      </form>
    </>
  );
}

/** The error summary's heading comes from the console catalog. */
function consoleErrorsT(page: ConsolePageContext) {
  return translatorFor(page.locale);
}
