import { ConfigError, loadConfig, publicUrl } from './config';

const valid = {
  DATABASE_URL: 'postgres://plaza_app:pw@db:5432/plaza',
  REDIS_URL: 'redis://redis:6379',
};

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const sut = loadConfig(valid);
    expect(sut).toMatchObject({
      nodeEnv: 'development',
      baseDomain: 'localhost',
      consoleHost: 'console.localhost',
      port: 3000,
      publicScheme: 'http',
      queuePrefix: '{plaza}',
      databaseAdminUrl: undefined,
      dbPoolMax: 10,
      dbPoolPartitions: 1,
    });
  });

  it('splits the pool into at most DB_POOL_MAX partitions', () => {
    expect(
      loadConfig({ ...valid, DB_POOL_PARTITIONS: '8', DB_POOL_MAX: '16' }).dbPoolPartitions,
    ).toBe(8);
    expect(() => loadConfig({ ...valid, DB_POOL_PARTITIONS: '12' })).toThrow(
      'DB_POOL_PARTITIONS (12) must not exceed DB_POOL_MAX (10): each partition needs a connection',
    );
    expect(() => loadConfig({ ...valid, DB_POOL_PARTITIONS: '0' })).toThrow(
      'DB_POOL_PARTITIONS must be a whole number from 1 to 64, got "0"',
    );
  });

  it('reports every problem at once, one line each', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x',
        PORT: 'eighty',
        REDIS_URL: '',
        NODE_ENV: 'prod',
        BASE_DOMAIN: 'bad domain',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual([
      'NODE_ENV must be development, production or test, got "prod"',
      'DATABASE_URL must start with postgres: or postgresql:, got "mysql:"',
      'REDIS_URL is required but not set (e.g. redis://host:port/...)',
      'PORT must be a whole number from 1 to 65535, got "eighty"',
      'BASE_DOMAIN must be a host name such as "example.org", got "bad domain"',
    ]);
  });

  it('requires the privileged URL only where a process needs it', () => {
    expect(() => loadConfig(valid, { admin: true })).toThrow(/DATABASE_ADMIN_URL is required/);
    expect(
      loadConfig({ ...valid, DATABASE_ADMIN_URL: 'postgres://postgres@db/plaza' }, { admin: true })
        .databaseAdminUrl,
    ).toBe('postgres://postgres@db/plaza');
  });

  it('builds public URLs with the port only when it is not the default', () => {
    expect(publicUrl(loadConfig(valid), 'lille.localhost')).toBe('http://lille.localhost:3000/');
    const prod = loadConfig({ ...valid, NODE_ENV: 'production' });
    expect(publicUrl(prod, 'participa.example.org', '/x')).toBe('https://participa.example.org/x');
  });
});
