import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';

import { PlanFeature, PlanPolicy } from '@plaza/tenancy';

import { stateOf } from './request-context';

export const PLAN_FEATURE = 'plaza:plan-feature';

/**
 * A tenant route that only organizations whose plan includes `feature` may
 * use (e.g. the JSON API and `apiAccess`); others get a 403 naming the plan.
 */
export const RequirePlanFeature = (feature: PlanFeature) => SetMetadata(PLAN_FEATURE, feature);

@Injectable()
export class PlanFeatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly plan: PlanPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const feature = this.reflector.getAllAndOverride<PlanFeature | undefined>(PLAN_FEATURE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!feature) return true;
    const state = stateOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (state?.resolution.kind !== 'tenant') return true;
    await this.plan.assertFeature(state.resolution.tenant.id, feature);
    return true;
  }
}
