import { Logger } from 'pino';
import { renderToString } from 'preact-render-to-string';

import { AdminNoticeList, AdminNotices } from './admin-notices';

function loggerSpy() {
  const errors: unknown[] = [];
  return {
    errors,
    logger: { error: (...args: unknown[]) => errors.push(args) } as unknown as Logger,
  };
}

describe('AdminNotices', () => {
  it('gathers what each source says for the tenant and locale', async () => {
    const { logger } = loggerSpy();
    const sut = new AdminNotices(logger);
    sut.add(async (tenantId, locale) => [{ level: 'warning', text: `${tenantId}/${locale}` }]);
    sut.add(async () => []);
    sut.add(async () => [{ level: 'info', text: 'second' }]);
    expect(await sut.for('t1', 'fr')).toEqual([
      { level: 'warning', text: 't1/fr' },
      { level: 'info', text: 'second' },
    ]);
  });

  it('logs a failing source and shows the others', async () => {
    const { logger, errors } = loggerSpy();
    const sut = new AdminNotices(logger);
    sut.add(async () => {
      throw new Error('database away');
    });
    sut.add(async () => [{ level: 'info', text: 'still here' }]);
    expect(await sut.for('t1', 'en')).toEqual([{ level: 'info', text: 'still here' }]);
    expect(errors).toHaveLength(1);
  });

  it('renders warnings as alerts and information as status, with their link', () => {
    const html = renderToString(
      <AdminNoticeList
        notices={[
          { level: 'warning', text: 'Pay', link: { href: '/admin/billing', label: 'Invoices' } },
          { level: 'info', text: 'FYI' },
        ]}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('role="status"');
    expect(html).toContain('<a href="/admin/billing">Invoices</a>');
    expect(renderToString(<AdminNoticeList notices={[]} />)).toBe('');
  });
});
