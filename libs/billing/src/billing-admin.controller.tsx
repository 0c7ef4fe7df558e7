import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { Inject } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import { AdminLayout, AdminSections, OnHost, renderPage, RequireAdmin } from '@plaza/web';

import { billingT } from './billing.messages';
import { BillingService } from './billing.service';
import { DunningService } from './dunning.service';

/** What an organization admin sees of its plan and bills. */
@Controller('admin/billing')
@OnHost('tenant')
@RequireAdmin()
export class BillingAdminController {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly billing: BillingService,
    private readonly dunning: DunningService,
    private readonly siteContext: SiteContextService,
    private readonly sections: AdminSections,
  ) {
    sections.add({
      href: '/admin/billing',
      order: 98,
      label: (locale) => billingT(locale, 'title'),
    });
  }

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const t = (key: Parameters<typeof billingT>[1], params?: Record<string, string>) =>
      billingT(site.locale, key, params);
    const date = (d: Date) =>
      new Intl.DateTimeFormat(site.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
    const subscription = await this.billing.subscriptionOf(tenant.id);
    const banner = await this.dunning.bannerFor(tenant.id);
    const invoices = this.billing.enabled ? await this.billing.invoices(tenant.id) : [];
    const money = (cents: number, currency: string) =>
      new Intl.NumberFormat(site.locale, {
        style: 'currency',
        currency: currency.toUpperCase(),
      }).format(cents / 100);
    const html = renderPage(
      <AdminLayout site={site} title={t('title')} sections={this.sections.navFor(site.locale)}>
        <h1>{t('title')}</h1>
        {banner && (
          <p role="alert">
            {banner.suspended
              ? t('banner.suspended')
              : t('banner.grace', { date: date(banner.graceEndsAt) })}
          </p>
        )}
        <h2>{t('plan')}</h2>
        <p>{tenant.planCode ?? t('noPlan')}</p>
        {subscription && (
          <dl>
            <dt>{t('status')}</dt>
            <dd>{subscription.status}</dd>
            {subscription.currentPeriodEnd && (
              <dd>
                {subscription.cancelAtPeriodEnd
                  ? t('cancelsAt', { date: date(subscription.currentPeriodEnd) })
                  : t('renews', { date: date(subscription.currentPeriodEnd) })}
              </dd>
            )}
          </dl>
        )}
        {!this.billing.enabled && <p>{t('off')}</p>}
        {this.billing.enabled && (
          <>
            <h2>{t('invoices')}</h2>
            {invoices.length === 0 ? (
              <p>{t('noInvoices')}</p>
            ) : (
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
                  {invoices.map((invoice) => (
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
                      <td>{date(invoice.created)}</td>
                      <td>{money(invoice.amountDue, invoice.currency)}</td>
                      <td>{invoice.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {subscription && (
              <form method="post" action="/admin/billing/portal">
                <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
                <button type="submit">{t('portal')}</button>
              </form>
            )}
          </>
        )}
      </AdminLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }

  /** Opens the Stripe customer portal and comes back here. */
  @Post('portal')
  async portal(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    const back = publicUrl(
      this.config,
      String(request.headers.host ?? `${tenant.slug}.${this.config.baseDomain}`).split(':')[0],
      '/admin/billing',
    );
    const url = await this.billing.portalUrl(tenant.id, back);
    await reply.redirect(url, 303);
  }
}
