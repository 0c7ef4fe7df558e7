import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

/** Parses Stripe's form encoding (`items[0][price]=p`) into nested objects and arrays. */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, '').split('[');
    let node: Json = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Json).map(([k, v]) => [k, arrays(v)] as const);
    if (entries.length && entries.every(([k]) => /^\d+$/.test(k))) return entries.map(([, v]) => v);
    return Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/**
 * A local HTTP server answering the Stripe endpoints Plaza uses, with
 * realistic objects and idempotency keys honoured. The real `stripe` SDK talks
 * to it through its host/port/protocol options.
 */
export class FakeStripe {
  readonly customers = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly invoices = new Map<string, Json>();
  readonly checkoutSessions = new Map<string, Json>();
  readonly prices = new Map<string, Json>();
  readonly requests: { method: string; path: string; idempotencyKey?: string }[] = [];
  private readonly idempotent = new Map<string, Json>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeStripe> {
    let self: FakeStripe | null = null;
    const server = createServer((req, res) => void self?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const created = new FakeStripe(server, (server.address() as AddressInfo).port);
    self = created;
    return created;
  }

  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: 'sk_test_plazafake',
      STRIPE_WEBHOOK_SECRET: 'whsec_plazafake',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(this.port),
      STRIPE_API_PROTOCOL: 'http',
    };
  }

  /** A recurring price, as made in the Stripe dashboard. */
  addPrice(
    priceId: string,
    interval: 'month' | 'year',
    options: { active?: boolean; unitAmount?: number; currency?: string } = {},
  ): Json {
    const price: Json = {
      id: priceId,
      object: 'price',
      active: options.active ?? true,
      currency: options.currency ?? 'eur',
      unit_amount: options.unitAmount ?? (interval === 'year' ? 99000 : 9900),
      type: 'recurring',
      recurring: { interval, interval_count: 1, usage_type: 'licensed' },
      product: `prod_${priceId}`,
      created: now(),
      livemode: false,
      metadata: {},
    };
    this.prices.set(priceId, price);
    return price;
  }

  /** An invoice of a subscription, as Stripe would bill it. */
  addInvoice(subscriptionId: string, status: 'open' | 'paid' | 'draft' = 'open'): Json {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
    const invoice: Json = {
      id: id('in'),
      object: 'invoice',
      customer: subscription.customer,
      status,
      number: `PLAZA-${this.invoices.size + 1}`,
      amount_due: 9900,
      currency: 'eur',
      created: now(),
      hosted_invoice_url: `https://invoice.stripe.test/${this.invoices.size + 1}`,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscriptionId, metadata: {} },
      },
    };
    this.invoices.set(invoice.id as string, invoice);
    return invoice;
  }

  setInvoiceStatus(invoiceId: string, status: string): void {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    invoice.status = status;
  }

  setSubscriptionStatus(subscriptionId: string, status: string): void {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
    subscription.status = status;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stripe.test');
    const body = parseStripeForm(Buffer.concat(chunks).toString());
    const key = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key });
    const send = (status: number, payload: Json) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(payload));
    };
    if (key && req.method === 'POST' && this.idempotent.has(key))
      return send(200, this.idempotent.get(key) as Json);
    const result = this.route(req.method ?? 'GET', url, body);
    if (!result)
      return send(404, {
        error: { type: 'invalid_request_error', message: `No such route ${url.pathname}` },
      });
    if (key && req.method === 'POST') this.idempotent.set(key, result);
    send(200, result);
  }

  private route(method: string, url: URL, body: Json): Json | null {
    const parts = url.pathname.split('/').filter(Boolean); // ['v1', resource, id?]
    const [, resource, objectId] = parts;
    if (resource === 'customers') {
      if (method === 'POST' && !objectId) {
        const customer: Json = { id: id('cus'), object: 'customer', created: now(), ...body };
        const data = (body.tax_id_data as Json[] | undefined) ?? [];
        customer.tax_ids = data.map((t) => this.taxId(customer.id as string, t));
        this.customers.set(customer.id as string, customer);
        return customer;
      }
      const customer = objectId ? this.customers.get(objectId) : undefined;
      if (!customer) return null;
      if (parts[3] === 'tax_ids') return this.taxIds(method, customer, parts[4], body);
      if (method === 'POST') Object.assign(customer, body);
      return customer;
    }
    if (resource === 'subscriptions') {
      if (method === 'POST' && !objectId) return this.createSubscription(body);
      const subscription = objectId ? this.subscriptions.get(objectId) : undefined;
      if (!subscription) return null;
      if (method === 'POST') this.updateSubscription(subscription, body);
      return subscription;
    }
    if (resource === 'prices' && method === 'GET' && objectId) {
      return this.prices.get(objectId) ?? null;
    }
    if (resource === 'invoices') {
      if (!objectId) {
        const customer = url.searchParams.get('customer');
        const data = [...this.invoices.values()].filter(
          (i) => !customer || i.customer === customer,
        );
        return { object: 'list', data, has_more: false, url: '/v1/invoices' };
      }
      return this.invoices.get(objectId) ?? null;
    }
    if (resource === 'checkout' && parts[2] === 'sessions') {
      const sessionId = parts[3];
      if (method === 'POST' && !sessionId) {
        const session = {
          id: id('cs'),
          object: 'checkout.session',
          url: `https://checkout.stripe.test/${id('c')}`,
          ...body,
          subscription: null,
        };
        this.checkoutSessions.set(session.id, session);
        return session;
      }
      return (sessionId && this.checkoutSessions.get(sessionId)) || null;
    }
    if (resource === 'billing_portal' && parts[2] === 'sessions' && method === 'POST') {
      return {
        id: id('bps'),
        object: 'billing_portal.session',
        url: `https://billing.stripe.test/${id('p')}`,
        ...body,
      };
    }
    return null;
  }

  private taxId(customer: string, data: Json): Json {
    return {
      id: id('txi'),
      object: 'tax_id',
      customer,
      type: data.type,
      value: data.value,
      country: String(data.value).slice(0, 2),
      created: now(),
      livemode: false,
      verification: { status: 'pending', verified_address: null, verified_name: null },
    };
  }

  private taxIds(
    method: string,
    customer: Json,
    taxIdId: string | undefined,
    body: Json,
  ): Json | null {
    const list = (customer.tax_ids as Json[] | undefined) ?? [];
    customer.tax_ids = list;
    if (method === 'GET' && !taxIdId)
      return {
        object: 'list',
        data: list,
        has_more: false,
        url: `/v1/customers/${customer.id}/tax_ids`,
      };
    if (method === 'POST' && !taxIdId) {
      const created = this.taxId(customer.id as string, body);
      list.push(created);
      return created;
    }
    const index = list.findIndex((t) => t.id === taxIdId);
    if (index < 0) return null;
    if (method === 'DELETE') {
      const [removed] = list.splice(index, 1);
      return { id: removed.id, object: 'tax_id', deleted: true };
    }
    return list[index];
  }

  private createSubscription(body: Json): Json {
    const items = (body.items as Json[] | undefined) ?? [];
    const trialEnd = body.trial_end ? Number(body.trial_end) : null;
    const subscription: Json = {
      id: id('sub'),
      object: 'subscription',
      customer: body.customer,
      status: trialEnd ? 'trialing' : 'active',
      collection_method: body.collection_method ?? 'charge_automatically',
      days_until_due: body.days_until_due ? Number(body.days_until_due) : null,
      cancel_at_period_end: false,
      trial_end: trialEnd,
      created: now(),
      metadata: body.metadata ?? {},
      items: { object: 'list', data: items.map((item) => this.item(String(item.price))) },
    };
    this.subscriptions.set(subscription.id as string, subscription);
    return subscription;
  }

  private updateSubscription(subscription: Json, body: Json): void {
    if (body.cancel_at_period_end !== undefined)
      subscription.cancel_at_period_end = body.cancel_at_period_end === 'true';
    if (body.metadata)
      subscription.metadata = { ...(subscription.metadata as Json), ...(body.metadata as Json) };
    const items = body.items as Json[] | undefined;
    if (items?.length) {
      subscription.items = {
        object: 'list',
        data: items.map((item) => ({ ...this.item(String(item.price)), id: item.id })),
      };
    }
  }

  private item(price: string): Json {
    const known = this.prices.get(price);
    const interval =
      ((known?.recurring as Json | undefined)?.interval as string | undefined) ??
      (price.includes('year') ? 'year' : 'month');
    return {
      id: id('si'),
      object: 'subscription_item',
      price: known ?? { id: price, object: 'price', recurring: { interval } },
      current_period_end: now() + (interval === 'year' ? 365 : 30) * 86400,
    };
  }
}
