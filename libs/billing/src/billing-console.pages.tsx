import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  ConsoleLayout,
  ConsolePageContext,
  ConsolePrincipal,
  ConsoleRoute,
  ConsoleSignInRedirect,
  ErrorSummary,
  Field,
  FieldErrors,
  formatDate,
  Principal,
  roleAtLeast,
  textOf,
  translatorFor,
  validateForm,
} from '@plaza/console';
import { OnHost, renderPage, Sessions, stateOf } from '@plaza/web';

import { invoiceStatusIn, subscriptionStatusIn } from './billing.messages';
import { BillingConsoleKey, billingConsoleT } from './billing-console.messages';
import {
  BillingConsoleService,
  PlanPricesView,
  TenantBillingView,
} from './billing-console.service';
import { BillingProblem } from './billing-problem';
import {
  BillingCustomerDto,
  ChangePlanDto,
  INTERVALS,
  PAYMENTS,
  PlanPricesDto,
  StartSubscriptionDto,
} from './dto/billing-console.dto';

type Form = Record<string, unknown>;
type T = (key: BillingConsoleKey, params?: Record<string, string | number>) => string;
type Values = Record<string, string>;

/** Which form of the page failed, with what was typed, so nothing is lost. */
interface FormState {
  form: 'customer' | 'start' | 'change' | 'cancel' | 'resume';
  errors: FieldErrors;
  values: Values;
}

const CUSTOMER_FIELDS = [
  'name',
  'billingEmail',
  'line1',
  'line2',
  'postalCode',
  'city',
  'country',
  'taxId',
] as const;
const LIVE = (status: string) => !['canceled', 'incomplete_expired'].includes(status);

/** The console's billing pages of a tenant, and the plan ↔ Stripe price mapping. */
@Controller()
@OnHost('console')
@UseFilters(ConsoleSignInRedirect)
export class BillingConsolePages {
  constructor(
    private readonly billing: BillingConsoleService,
    private readonly sessions: Sessions,
  ) {}

  @Get('tenants/:id/billing')
  @ConsoleRoute('viewer')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.render(request, reply, principal, id, null, null);
  }

  @Post('tenants/:id/billing/customer')
  @ConsoleRoute('operator')
  async saveCustomer(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const values = pick(body, CUSTOMER_FIELDS);
    await this.act(request, reply, principal, id, 'customer', values, async () => {
      const dto = await this.validated(BillingCustomerDto, {
        ...definedOnly(values),
        name: values.name,
        billingEmail: values.billingEmail,
      });
      await this.billing.saveCustomer({ principal, request }, id, dto);
    });
  }

  @Post('tenants/:id/billing/subscription')
  @ConsoleRoute('operator')
  @HttpCode(200)
  async start(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const values = pick(body, ['plan', 'interval', 'payment', 'daysUntilDue', 'trialEnd']);
    let checkoutUrl: string | null = null;
    const done = await this.act(request, reply, principal, id, 'start', values, async () => {
      const dto = await this.validated(StartSubscriptionDto, {
        plan: values.plan,
        interval: values.interval,
        payment: values.payment,
        daysUntilDue:
          values.payment === 'invoice' || values.daysUntilDue
            ? Number(values.daysUntilDue || NaN)
            : undefined,
        trialEnd: values.trialEnd || undefined,
      });
      checkoutUrl = (await this.billing.start({ principal, request }, id, dto)).checkoutUrl;
    });
    if (done && checkoutUrl) {
      await this.render(request, reply, principal, id, null, checkoutUrl);
    } else if (done) {
      void reply.redirect(`/tenants/${id}/billing`, 303);
    }
  }

  @Post('tenants/:id/billing/plan')
  @ConsoleRoute('operator')
  async change(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const values = pick(body, ['plan', 'interval']);
    await this.act(request, reply, principal, id, 'change', values, async () => {
      const dto = await this.validated(ChangePlanDto, values);
      await this.billing.changePlan({ principal, request }, id, dto);
    });
  }

  @Post('tenants/:id/billing/cancel')
  @ConsoleRoute('operator')
  async cancel(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.act(request, reply, principal, id, 'cancel', {}, () =>
      this.billing.cancel({ principal, request }, id),
    );
  }

  @Post('tenants/:id/billing/resume')
  @ConsoleRoute('operator')
  async resume(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.act(request, reply, principal, id, 'resume', {}, () =>
      this.billing.resume({ principal, request }, id),
    );
  }

  // ---- plan prices ----------------------------------------------------------

  @Get('billing/prices')
  @ConsoleRoute('viewer')
  async prices(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderPrices(request, reply, principal, null, null, false);
  }

  @Post('billing/prices')
  @ConsoleRoute('owner')
  @HttpCode(200)
  async savePrices(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    const plans = await this.billing.prices();
    const values: Values = {};
    for (const plan of plans) {
      for (const period of ['monthly', 'yearly'] as const) {
        values[`${period}-${plan.plan}`] = textOf(body[`${period}-${plan.plan}`]) ?? '';
      }
    }
    const locale = stateOf(request)?.locale ?? 'en';
    const errors: FieldErrors = {};
    for (const plan of plans) {
      // A plan added since the form was shown has no fields in it: left as it is.
      const sent = (period: string) => body[`${period}-${plan.plan}`] !== undefined;
      if (!sent('monthly') && !sent('yearly')) continue;
      const input = {
        monthly: sent('monthly') ? values[`monthly-${plan.plan}`] || null : plan.monthly,
        yearly: sent('yearly') ? values[`yearly-${plan.plan}`] || null : plan.yearly,
      };
      if (input.monthly === plan.monthly && input.yearly === plan.yearly) continue;
      try {
        const dto = await this.validated(PlanPricesDto, input);
        await this.billing.setPrices({ principal, request }, plan.plan, dto);
      } catch (error) {
        const fields = localized(error, locale);
        if (!fields) throw error;
        for (const [field, messages] of Object.entries(fields))
          errors[`${field}-${plan.plan}`] = messages;
      }
    }
    if (Object.keys(errors).length > 0) {
      reply.code(400);
      return this.renderPrices(request, reply, principal, errors, values, false);
    }
    await this.renderPrices(request, reply, principal, null, null, true);
  }

  // ---- rendering --------------------------------------------------------------

  /**
   * Runs one form's action. Problems people can fix re-render the page (400)
   * with the form's values and errors in the reader's language; true when done.
   */
  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    id: string,
    form: FormState['form'],
    values: Values,
    action: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await action();
    } catch (error) {
      const errors = localized(error, stateOf(request)?.locale ?? 'en');
      if (!errors) throw error;
      reply.code(error instanceof BillingProblem ? error.getStatus() : 400);
      await this.render(request, reply, principal, id, { form, errors, values }, null);
      return false;
    }
    if (form !== 'start') void reply.redirect(`/tenants/${id}/billing`, 303);
    return true;
  }

  private async validated<D extends object>(type: new () => D, plain: Record<string, unknown>) {
    const { value, errors } = await validateForm(type, plain);
    if (errors) throw new FormErrors(errors);
    return value;
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    id: string,
    state: FormState | null,
    checkoutUrl: string | null,
  ): Promise<void> {
    const view = await this.billing.view(id);
    const plans = view.enabled ? await this.billing.prices() : [];
    const page = await this.page(request, principal);
    const t: T = (key, params) => billingConsoleT(page.locale, key, params);
    const ct = translatorFor(page.locale);
    const canAct = roleAtLeast(principal.user.role, 'operator');
    const title = t('title', { name: view.tenant.name });
    const sub = view.subscription;
    const errorsOf = (form: FormState['form']) => (state?.form === form ? state.errors : {});
    const valuesOf = (form: FormState['form']) => (state?.form === form ? state.values : {});
    this.send(
      reply,
      <ConsoleLayout page={page} title={title}>
        <h1>{title}</h1>
        <p>
          <a href={`/tenants/${view.tenant.id}`}>{t('back', { name: view.tenant.name })}</a>
        </p>
        {state && <ErrorSummary t={ct} errors={summaryOf(state.errors)} />}
        {checkoutUrl && (
          <div class="notice" role="status">
            <p>{t('checkout')}</p>
            <p>
              <a href={checkoutUrl}>{checkoutUrl}</a>
            </p>
          </div>
        )}
        {!view.enabled ? (
          <>
            <p role="status">{t('off')}</p>
            <dl>
              <dt>{t('plan')}</dt>
              <dd>{view.tenant.plan ?? t('noPlan')}</dd>
            </dl>
          </>
        ) : (
          <>
            <StatusList t={t} locale={page.locale} view={view} />
            <h2 id="customer">{t('customer.title')}</h2>
            {!view.customer && <p>{t('customer.none')}</p>}
            {canAct ? (
              <CustomerForm
                t={t}
                csrf={page.csrfToken}
                action={`/tenants/${view.tenant.id}/billing/customer`}
                values={{ ...customerValues(view), ...valuesOf('customer') }}
                errors={errorsOf('customer')}
              />
            ) : (
              view.customer && (
                <dl>
                  <dt>{t('customer.name')}</dt>
                  <dd>{view.customer.name}</dd>
                  <dt>{t('customer.email')}</dt>
                  <dd>{view.customer.billingEmail}</dd>
                  <dt>{t('customer.taxId')}</dt>
                  <dd>{view.customer.taxId ?? '—'}</dd>
                </dl>
              )
            )}
            <h2 id="subscription">{t('subscription.title')}</h2>
            {!sub && <p>{t('subscription.none')}</p>}
            {canAct && view.customer && (!sub || !LIVE(sub.status)) && (
              <>
                <h3>{t('subscription.start')}</h3>
                {plans.every((p) => !p.monthly && !p.yearly) && <p>{t('noPrices')}</p>}
                <StartForm
                  t={t}
                  csrf={page.csrfToken}
                  action={`/tenants/${view.tenant.id}/billing/subscription`}
                  plans={plans}
                  values={valuesOf('start')}
                  errors={errorsOf('start')}
                />
              </>
            )}
            {canAct && sub && LIVE(sub.status) && (
              <>
                <h3>{t('subscription.change')}</h3>
                <p>{t('subscription.changeHint')}</p>
                <form
                  method="post"
                  action={`/tenants/${view.tenant.id}/billing/plan`}
                  class="stack"
                  noValidate
                >
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <PlanSelect
                    t={t}
                    plans={plans}
                    value={valuesOf('change').plan ?? sub.plan ?? ''}
                    errors={errorsOf('change')}
                  />
                  <Radios
                    name="interval"
                    legend={t('interval')}
                    options={INTERVALS.map((i) => [i, t(`interval.${i}`)])}
                    value={valuesOf('change').interval ?? sub.interval ?? 'month'}
                    errors={errorsOf('change')}
                  />
                  <div>
                    <button type="submit">{t('subscription.changeSubmit')}</button>
                  </div>
                </form>
                <form
                  method="post"
                  action={`/tenants/${view.tenant.id}/billing/${sub.cancelAtPeriodEnd ? 'resume' : 'cancel'}`}
                >
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <button type="submit">
                    {t(sub.cancelAtPeriodEnd ? 'subscription.resume' : 'subscription.cancel')}
                  </button>
                </form>
              </>
            )}
            <h2 id="invoices">{t('invoices')}</h2>
            <Invoices t={t} locale={page.locale} view={view} />
          </>
        )}
      </ConsoleLayout>,
    );
  }

  private async renderPrices(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    errors: FieldErrors | null,
    values: Values | null,
    saved: boolean,
  ): Promise<void> {
    const page = await this.page(request, principal);
    const t: T = (key, params) => billingConsoleT(page.locale, key, params);
    const ct = translatorFor(page.locale);
    const plans: PlanPricesView[] = this.billing.enabled ? await this.billing.prices() : [];
    const isOwner = roleAtLeast(principal.user.role, 'owner');
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('prices.title')}>
        <h1>{t('prices.title')}</h1>
        {!this.billing.enabled ? (
          <p role="status">{t('off')}</p>
        ) : (
          <>
            <p>{t('prices.intro')}</p>
            {saved && (
              <p class="notice" role="status">
                {t('prices.saved')}
              </p>
            )}
            {errors && <ErrorSummary t={ct} errors={errors} />}
            {plans.length === 0 ? (
              <p>{t('prices.none')}</p>
            ) : isOwner ? (
              <form method="post" action="/billing/prices" class="stack" noValidate>
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                {plans.map((plan) => (
                  <fieldset key={plan.plan}>
                    <legend>
                      {plan.name} ({plan.plan})
                    </legend>
                    {(['monthly', 'yearly'] as const).map((period) => (
                      <Field
                        key={period}
                        name={`${period}-${plan.plan}`}
                        label={t(`prices.${period}`, { plan: plan.name })}
                        value={values?.[`${period}-${plan.plan}`] ?? plan[period] ?? ''}
                        errors={errors ?? {}}
                      />
                    ))}
                  </fieldset>
                ))}
                <div>
                  <button type="submit">{t('prices.save')}</button>
                </div>
              </form>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('plan')}</th>
                    <th scope="col">{t('interval.month')}</th>
                    <th scope="col">{t('interval.year')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plans.map((plan) => (
                    <tr key={plan.plan}>
                      <th scope="row">{plan.name}</th>
                      <td>{plan.monthly ? <code>{plan.monthly}</code> : '—'}</td>
                      <td>{plan.yearly ? <code>{plan.yearly}</code> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
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

/** Form fields failed their DTO checks. */
class FormErrors extends Error {
  constructor(readonly fields: FieldErrors) {
    super('The form has errors.');
  }
}

/** Field errors in the reader's language, or null when the error is not one people can fix here. */
function localized(error: unknown, locale: string): FieldErrors | null {
  const t = (key: BillingConsoleKey) => billingConsoleT(locale, key);
  if (error instanceof FormErrors) {
    return Object.fromEntries(
      Object.entries(error.fields).map(([field, messages]) => {
        const key = `error.${field}` as BillingConsoleKey;
        return [field, billingConsoleT('en', key) === key ? messages : [t(key)]];
      }),
    );
  }
  if (error instanceof BillingProblem) {
    return { [error.field ?? 'form']: [error.in(locale)] };
  }
  return null;
}

/** Errors about the whole form have no field to link to. */
function summaryOf(errors: FieldErrors): FieldErrors | string[] {
  return errors.form ? Object.values(errors).flat() : errors;
}

function pick(body: Form, names: readonly string[]): Values {
  return Object.fromEntries(names.map((n) => [n, textOf(body[n]) ?? '']));
}

function definedOnly(values: Values): Values {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

function customerValues(view: TenantBillingView): Values {
  const c = view.customer;
  if (!c) return {};
  return {
    name: c.name,
    billingEmail: c.billingEmail,
    line1: c.line1,
    line2: c.line2,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    taxId: c.taxId ?? '',
  };
}

function StatusList({ t, locale, view }: { t: T; locale: string; view: TenantBillingView }) {
  const sub = view.subscription;
  return (
    <dl>
      <dt>{t('plan')}</dt>
      <dd>{view.tenant.plan ?? t('noPlan')}</dd>
      {sub && (
        <>
          <dt>{t('status')}</dt>
          <dd>
            {subscriptionStatusIn(locale, sub.status)}
            {sub.cancelAtPeriodEnd && ` — ${t('cancelsAtEnd')}`}
            {sub.dunning &&
              ` — ${
                sub.dunning.suspendedForNonpayment
                  ? t('suspended')
                  : t('grace', { date: formatDate(locale, sub.dunning.graceEndsAt) })
              }`}
          </dd>
          {sub.interval && (
            <>
              <dt>{t('interval')}</dt>
              <dd>{sub.interval === 'year' ? t('interval.year') : t('interval.month')}</dd>
            </>
          )}
          <dt>{t('collection')}</dt>
          <dd>
            {sub.collectionMethod === 'send_invoice'
              ? t('collection.send_invoice')
              : t('collection.charge_automatically')}
          </dd>
          {sub.currentPeriodEnd && (
            <>
              <dt>{t('periodEnd')}</dt>
              <dd>{formatDate(locale, sub.currentPeriodEnd)}</dd>
            </>
          )}
          {sub.trialEnd && (
            <>
              <dt>{t('trialEnd')}</dt>
              <dd>{formatDate(locale, sub.trialEnd)}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

function CustomerForm(props: {
  t: T;
  csrf: string;
  action: string;
  values: Values;
  errors: FieldErrors;
}) {
  const { t, values, errors } = props;
  const labels: Record<(typeof CUSTOMER_FIELDS)[number], BillingConsoleKey> = {
    name: 'customer.name',
    billingEmail: 'customer.email',
    line1: 'customer.line1',
    line2: 'customer.line2',
    postalCode: 'customer.postalCode',
    city: 'customer.city',
    country: 'customer.country',
    taxId: 'customer.taxId',
  };
  const autocomplete: Partial<Record<(typeof CUSTOMER_FIELDS)[number], string>> = {
    name: 'organization',
    billingEmail: 'email',
    line1: 'address-line1',
    line2: 'address-line2',
    postalCode: 'postal-code',
    city: 'address-level2',
    country: 'country',
  };
  return (
    <form method="post" action={props.action} class="stack" noValidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {CUSTOMER_FIELDS.map((name) => (
        <Field
          key={name}
          name={name}
          type={name === 'billingEmail' ? 'email' : 'text'}
          label={t(labels[name])}
          value={values[name] ?? ''}
          autocomplete={autocomplete[name]}
          errors={errors}
          required={name === 'name' || name === 'billingEmail'}
        />
      ))}
      <div>
        <button type="submit">{t('customer.save')}</button>
      </div>
    </form>
  );
}

function StartForm(props: {
  t: T;
  csrf: string;
  action: string;
  plans: PlanPricesView[];
  values: Values;
  errors: FieldErrors;
}) {
  const { t, values, errors } = props;
  return (
    <form method="post" action={props.action} class="stack" noValidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <PlanSelect t={t} plans={props.plans} value={values.plan ?? ''} errors={errors} />
      <Radios
        name="interval"
        legend={t('interval')}
        options={INTERVALS.map((i) => [i, t(`interval.${i}`)])}
        value={values.interval || 'month'}
        errors={errors}
      />
      <Radios
        name="payment"
        legend={t('subscription.payment')}
        options={PAYMENTS.map((p) => [p, t(`payment.${p}`)])}
        value={values.payment || 'invoice'}
        errors={errors}
      />
      <Field
        name="daysUntilDue"
        type="number"
        label={t('daysUntilDue')}
        value={values.daysUntilDue || '30'}
        errors={errors}
      />
      <Field
        name="trialEnd"
        type="date"
        label={t('trialEndField')}
        hint={t('trialEndHint')}
        value={values.trialEnd ?? ''}
        errors={errors}
      />
      <div>
        <button type="submit">{t('subscription.submit')}</button>
      </div>
    </form>
  );
}

function PlanSelect(props: { t: T; plans: PlanPricesView[]; value: string; errors: FieldErrors }) {
  const problems = props.errors.plan ?? [];
  return (
    <div class="field">
      <label for="field-plan">{props.t('plan')}</label>
      {problems.length > 0 && (
        <span class="error" id="field-plan-error">
          {problems.join(' ')}
        </span>
      )}
      <select
        id="field-plan"
        name="plan"
        aria-invalid={problems.length ? 'true' : undefined}
        aria-describedby={problems.length ? 'field-plan-error' : undefined}
      >
        {props.plans.map((plan) => (
          <option key={plan.plan} value={plan.plan} selected={props.value === plan.plan}>
            {plan.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Radios(props: {
  name: string;
  legend: string;
  options: [string, string][];
  value: string;
  errors: FieldErrors;
}) {
  const problems = props.errors[props.name] ?? [];
  const errorId = `field-${props.name}-error`;
  return (
    <fieldset id={`field-${props.name}`} aria-describedby={problems.length ? errorId : undefined}>
      <legend>{props.legend}</legend>
      {problems.length > 0 && (
        <p class="error" id={errorId}>
          {problems.join(' ')}
        </p>
      )}
      {props.options.map(([value, label]) => (
        <div key={value}>
          <input
            type="radio"
            id={`${props.name}-${value}`}
            name={props.name}
            value={value}
            checked={props.value === value}
          />
          <label for={`${props.name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Invoices({ t, locale, view }: { t: T; locale: string; view: TenantBillingView }) {
  if (view.invoices.length === 0) return <p>{t('noInvoices')}</p>;
  const money = (cents: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
      cents / 100,
    );
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('invoice.number')}</th>
          <th scope="col">{t('invoice.date')}</th>
          <th scope="col">{t('invoice.amount')}</th>
          <th scope="col">{t('invoice.status')}</th>
        </tr>
      </thead>
      <tbody>
        {view.invoices.map((invoice) => (
          <tr key={invoice.id}>
            <td>
              {invoice.hostedInvoiceUrl ? (
                <a
                  href={invoice.hostedInvoiceUrl}
                  aria-label={t('invoice.view', { number: invoice.number ?? invoice.id })}
                >
                  {invoice.number ?? invoice.id}
                </a>
              ) : (
                (invoice.number ?? invoice.id)
              )}
            </td>
            <td>{formatDate(locale, invoice.created)}</td>
            <td>{money(invoice.amountDue, invoice.currency)}</td>
            <td>{invoiceStatusIn(locale, invoice.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
