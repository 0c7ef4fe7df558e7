import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

import { TenantContext } from '@plaza/tenancy';

import { stateOf } from './request-context';

/** Runs a tenant route's handler inside that tenant's TenantContext. */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const state = stateOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (state?.resolution.kind !== 'tenant') return next.handle();
    const tenant = state.resolution.tenant;
    return new Observable((subscriber) =>
      TenantContext.run(tenant, () => next.handle().subscribe(subscriber)),
    );
  }
}
