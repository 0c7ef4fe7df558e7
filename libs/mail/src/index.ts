export * from './mail.module';
export * from './mail.queue';
export * from './mailer.service';
export * from './send-mail.job';
export * from './mail-sent-count.entity';
