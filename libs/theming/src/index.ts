export * from './default-pages.seeder';
export * from './site-context.service';
export * from './static-page.entity';
export * from './theming.module';
