import Stripe from 'stripe';

import { PlazaConfig } from '@plaza/core';

export const STRIPE = Symbol('STRIPE');
export const BILLING_CLOCK = Symbol('BILLING_CLOCK');
export type Clock = () => Date;

/** The Stripe SDK, or null when billing is off (no STRIPE_SECRET_KEY). */
export function createStripe(config: PlazaConfig): Stripe | null {
  const { billing } = config;
  if (!billing.enabled || !billing.stripeSecretKey) return null;
  return new Stripe(billing.stripeSecretKey, {
    host: billing.apiHost,
    port: billing.apiPort,
    protocol: billing.apiProtocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Plaza' },
  });
}

/** The subscription an invoice belongs to, across API versions. */
export function subscriptionIdOfInvoice(invoice: Stripe.Invoice): string | null {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null })
    .subscription;
  const parent = invoice.parent?.subscription_details?.subscription ?? legacy ?? null;
  if (!parent) return null;
  return typeof parent === 'string' ? parent : parent.id;
}

export function customerIdOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
