import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import Redis from 'ioredis';
import { Logger } from 'pino';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';

/** Suffix of the pub/sub channel; prefixed like the queues so deployments sharing a Redis stay apart. */
export const TENANT_CHANGED_CHANNEL = 'tenancy:changed';
/** Suffix of the channel that says a tenant's own cached settings changed (TenantCache). */
export const TENANT_DATA_CHANGED_CHANNEL = 'tenancy:data-changed';

type Listener = (tenantId: string) => void;

/**
 * Tells every process (api replicas, workers) that a tenant or one of its
 * domains changed, through Redis pub/sub: not PostgreSQL LISTEN, which needs a
 * session that PgBouncer in transaction mode does not give.
 */
@Injectable()
export class TenantEvents implements OnModuleInit, OnModuleDestroy {
  private publisher!: Redis;
  private subscriber!: Redis;
  private readonly listeners = new Set<Listener>();
  private readonly dataListeners = new Set<Listener>();

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
  ) {}

  private get channel(): string {
    return `${this.config.queuePrefix}:${TENANT_CHANGED_CHANNEL}`;
  }

  private get dataChannel(): string {
    return `${this.config.queuePrefix}:${TENANT_DATA_CHANGED_CHANNEL}`;
  }

  async onModuleInit(): Promise<void> {
    this.publisher = createRedis(this.config.redisUrl, 'plaza-tenancy-pub');
    this.subscriber = createRedis(this.config.redisUrl, 'plaza-tenancy-sub');
    this.subscriber.on('message', (channel: string, message: string) =>
      this.notify(channel === this.channel, message),
    );
    await this.subscriber.subscribe(this.channel, this.dataChannel);
  }

  /** Runs the listeners; a tenant change (status, slug, plan, deletion…) also stales its cached data. */
  private notify(tenantChanged: boolean, tenantId: string): void {
    const listeners = tenantChanged
      ? [...this.listeners, ...this.dataListeners]
      : this.dataListeners;
    for (const listener of listeners) {
      try {
        listener(tenantId);
      } catch (error) {
        this.logger.error({ err: error }, 'tenant change listener failed');
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.publisher?.quit(), this.subscriber?.quit()]);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This process forgets at once; the others when the message arrives. */
  async publishChange(tenantId: string): Promise<void> {
    this.notify(true, tenantId);
    await this.publisher.publish(this.channel, tenantId);
  }

  /** Called with a tenant's id when its cached settings changed anywhere, or the tenant itself did. */
  onDataChange(listener: Listener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  async publishDataChange(tenantId: string): Promise<void> {
    this.notify(false, tenantId);
    await this.publisher.publish(this.dataChannel, tenantId);
  }

  /** The command connection, for health checks. */
  get redis(): Redis {
    return this.publisher;
  }
}
