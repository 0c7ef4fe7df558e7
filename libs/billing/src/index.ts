export * from './billing.entities';
export * from './billing.job';
export * from './billing.module';
export * from './billing.service';
export * from './billing-events';
export * from './dunning.service';
export * from './stripe.client';
