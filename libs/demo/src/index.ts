export * from './demo.module';
export * from './demo.service';
