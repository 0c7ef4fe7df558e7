import { ConfigError, DEV_FILE_URL_SECRET, loadConfig, publicUrl } from './config';

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

  describe('file storage', () => {
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig({ ...valid, ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };

    it('defaults to the local driver under var/storage with a development secret', () => {
      expect(loadConfig(valid).storage).toEqual({
        driver: 'local',
        dir: 'var/storage',
        s3: undefined,
        fileUrlSecret: DEV_FILE_URL_SECRET,
      });
    });

    it('reads the S3 settings', () => {
      const sut = loadConfig({
        ...valid,
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'plaza-files',
        S3_REGION: 'fr-par',
        S3_ENDPOINT: 'https://s3.fr-par.example.com',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'AKIA',
        S3_SECRET_ACCESS_KEY: 'shh',
      });
      expect(sut.storage.s3).toEqual({
        bucket: 'plaza-files',
        region: 'fr-par',
        endpoint: 'https://s3.fr-par.example.com',
        forcePathStyle: true,
        accessKeyId: 'AKIA',
        secretAccessKey: 'shh',
      });
    });

    it('says, one line each, what is wrong with the S3 settings', () => {
      expect(problemsOf({ STORAGE_DRIVER: 'ftp' })).toEqual([
        'STORAGE_DRIVER must be local or s3, got "ftp"',
      ]);
      expect(problemsOf({ STORAGE_DRIVER: 's3' })).toEqual([
        'S3_BUCKET is required when STORAGE_DRIVER=s3',
      ]);
      expect(
        problemsOf({
          STORAGE_DRIVER: 's3',
          S3_BUCKET: 'Bad_Bucket',
          S3_ENDPOINT: 'ftp://files',
          S3_FORCE_PATH_STYLE: 'yes',
          S3_ACCESS_KEY_ID: 'AKIA',
        }),
      ).toEqual([
        'S3_BUCKET must be a bucket name (3 to 63 lowercase letters, digits, dots or hyphens), got "Bad_Bucket"',
        'S3_ENDPOINT must start with http: or https:, got "ftp:"',
        'S3_FORCE_PATH_STYLE must be true or false, got "yes"',
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the SDK credential chain)',
      ]);
    });

    it('allows the development file URL secret outside production only', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
        'FILE_URL_SECRET is required in production with STORAGE_DRIVER=local (e.g. openssl rand -hex 32)',
      ]);
      expect(problemsOf({ NODE_ENV: 'production', FILE_URL_SECRET: 'short' })).toEqual([
        'FILE_URL_SECRET must be at least 32 characters long (e.g. openssl rand -hex 32)',
      ]);
      const s3InProduction = loadConfig({
        ...valid,
        NODE_ENV: 'production',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'plaza-files',
      });
      expect(s3InProduction.storage.fileUrlSecret).toBeUndefined();
    });
  });

  it('builds public URLs with the port only when it is not the default', () => {
    expect(publicUrl(loadConfig(valid), 'lille.localhost')).toBe('http://lille.localhost:3000/');
    const prod = loadConfig({ ...valid, NODE_ENV: 'production', FILE_URL_SECRET: 'x'.repeat(32) });
    expect(publicUrl(prod, 'participa.example.org', '/x')).toBe('https://participa.example.org/x');
  });
});
