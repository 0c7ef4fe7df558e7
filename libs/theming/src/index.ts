export * from './default-pages.seeder';
export * from './static-page.entity';
export * from './theming.module';
