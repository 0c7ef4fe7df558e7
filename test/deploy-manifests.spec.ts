import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import { parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..');
const DEPLOY = join(ROOT, 'deploy');
const K8S_BASE = join(DEPLOY, 'k8s', 'base');

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  tcpSocket?: { port?: string | number };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
}

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    template?: { spec?: PodSpec };
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    rules?: {
      host?: string;
      http?: { paths: { backend: { service: { name: string } } }[] };
    }[];
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Kustomization {
  kind: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

interface YamlFile {
  path: string;
  errors: string[];
  docs: unknown[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function loadYaml(path: string): YamlFile {
  // Compose files share settings through `<<` merge keys.
  const documents = Array.from(parseAllDocuments(readFileSync(path, 'utf8'), { merge: true }));
  return {
    path: relative(ROOT, path),
    errors: documents.flatMap((d) => d.errors.map((e) => e.message)),
    docs: documents.map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined),
  };
}

/** The tag of an image reference, or undefined when it has none (a digest alone counts as none). */
function imageTag(reference: string): string | undefined {
  const withoutDigest = reference.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon === -1 ? undefined : lastSegment.slice(colon + 1);
}

function isPinned(reference: string): boolean {
  const tag = imageTag(reference);
  return tag !== undefined && tag !== '' && tag !== 'latest';
}

function imageName(reference: string): string {
  const tag = imageTag(reference);
  const withoutDigest = reference.split('@')[0];
  return tag === undefined ? withoutDigest : withoutDigest.slice(0, -(tag.length + 1));
}

/** Every environment variable libs/core/src/config.ts reads. */
function configVariables(): Set<string> {
  const source = readFileSync(join(ROOT, 'libs/core/src/config.ts'), 'utf8');
  const names = [
    ...source.matchAll(/\b(?:str|int|url|hostname)\(\s*'([A-Z][A-Z0-9_]*)'/g),
    ...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g),
  ].map((m) => m[1]);
  return new Set(names);
}

function podSpec(object: K8sObject): PodSpec | undefined {
  return object.spec?.template?.spec;
}

function containersOf(object: K8sObject): Container[] {
  const spec = podSpec(object);
  return spec ? [...(spec.initContainers ?? []), ...spec.containers] : [];
}

function composeEnvironment(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((line) => [line.split('=')[0], line.split('=')[1] ?? '']));
}

function composeDependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

function dockerStages(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([instruction]);
    else stages.at(-1)?.push(instruction);
  }
  return stages;
}

const yamlFiles = filesUnder(DEPLOY)
  .filter((f) => /\.ya?ml$/.test(f))
  .map(loadYaml);
const k8sFiles = yamlFiles.filter((f) => f.path.startsWith('deploy/k8s/'));
const k8sObjects = k8sFiles
  .filter((f) => basename(f.path) !== 'kustomization.yaml')
  .flatMap((f) => f.docs.map((doc) => ({ file: f.path, object: doc as K8sObject })));
const objectsOfKind = (kind: string) =>
  k8sObjects.map((o) => o.object).filter((o) => o.kind === kind);
const named = (kind: string, name: string) =>
  objectsOfKind(kind).find((o) => o.metadata?.name === name);
const kustomization = loadYaml(join(K8S_BASE, 'kustomization.yaml')).docs[0] as Kustomization;
const compose = loadYaml(join(DEPLOY, 'docker/compose.yaml')).docs[0] as ComposeFile;
const plazaConfig = named('ConfigMap', 'plaza-config');
const plazaSecrets = named('Secret', 'plaza-secrets');
const api = named('Deployment', 'plaza-api');
const worker = named('Deployment', 'plaza-worker');
const migrateJob = named('Job', 'plaza-migrate');

describe('image reference helpers', () => {
  it.each([
    ['postgres:15.13', '15.13', true],
    ['registry.example.org:5000/plaza:0.1.0', '0.1.0', true],
    ['registry.example.org:5000/plaza', undefined, false],
    ['redis', undefined, false],
    ['redis:latest', 'latest', false],
    ['node@sha256:0123abcd', undefined, false],
    ['node:24-bookworm-slim@sha256:0123abcd', '24-bookworm-slim', true],
  ])('reads the tag of %s', (reference, tag, pinned) => {
    const sut = reference;
    expect(imageTag(sut)).toBe(tag);
    expect(isPinned(sut)).toBe(pinned);
  });

  it('separates name and tag', () => {
    expect(imageName('registry.example.org:5000/plaza:0.1.0')).toBe(
      'registry.example.org:5000/plaza',
    );
    expect(imageName('plaza')).toBe('plaza');
  });
});

describe('YAML under deploy/', () => {
  it('finds the files it checks', () => {
    const paths = yamlFiles.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'deploy/docker/compose.yaml',
        'deploy/k8s/base/kustomization.yaml',
        'deploy/k8s/base/api-deployment.yaml',
        'deploy/k8s/base/pgbouncer.yaml',
      ]),
    );
    expect(k8sObjects.length).toBeGreaterThanOrEqual(12);
  });

  it.each(yamlFiles.map((f) => [f.path, f] as const))('%s parses without errors', (_, sut) => {
    expect(sut.errors).toEqual([]);
    expect(sut.docs.length).toBeGreaterThan(0);
  });

  it('reads every document of a multi-document file', () => {
    const sut = k8sFiles.find((f) => f.path === 'deploy/k8s/base/pgbouncer.yaml');
    expect(sut?.docs.map((d) => (d as K8sObject).kind)).toEqual([
      'ConfigMap',
      'Deployment',
      'Service',
    ]);
  });
});

describe('Kubernetes manifests', () => {
  it.each(
    k8sObjects.map(
      (o) => [`${o.file} ${o.object.kind} ${o.object.metadata?.name}`, o.object] as const,
    ),
  )('%s has apiVersion, kind and metadata.name', (_, sut) => {
    expect(sut.apiVersion).toMatch(/^[a-z0-9.]*\/?v\d+/);
    expect(sut.kind).toMatch(/^[A-Z]\w+$/);
    expect(sut.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('kustomization lists every manifest of the base except the Secret template', () => {
    const sut = kustomization;
    const manifests = readdirSync(K8S_BASE)
      .filter((f) => /\.ya?ml$/.test(f))
      .filter((f) => f !== 'kustomization.yaml' && f !== 'secret.template.yaml');
    expect(sut.kind).toBe('Kustomization');
    expect([...sut.resources].sort()).toEqual(manifests.sort());
    expect(sut.resources).not.toContain('secret.template.yaml');
  });

  it('gives every workload container resource requests and limits', () => {
    const workloads = [...objectsOfKind('Deployment'), ...objectsOfKind('Job')];
    expect(workloads.length).toBeGreaterThanOrEqual(4);
    for (const sut of workloads.flatMap(containersOf)) {
      expect({ container: sut.name, requests: sut.resources?.requests }).toEqual({
        container: sut.name,
        requests: { cpu: expect.anything(), memory: expect.anything() },
      });
      expect({ container: sut.name, limits: sut.resources?.limits }).toEqual({
        container: sut.name,
        limits: { cpu: expect.anything(), memory: expect.anything() },
      });
    }
  });

  it('probes the api: readiness on /readyz, liveness on /healthz, on its declared port', () => {
    const sut = containersOf(api as K8sObject)[0];
    const portNames = (sut.ports ?? []).map((p) => p.name);
    expect(sut.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(sut.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(portNames).toContain(sut.readinessProbe?.httpGet?.port);
    expect(portNames).toContain(sut.livenessProbe?.httpGet?.port);
    const http = sut.ports?.find((p) => p.name === sut.readinessProbe?.httpGet?.port);
    expect(String(http?.containerPort)).toBe(plazaConfig?.data?.PORT);
  });

  it('autoscales the api Deployment with an autoscaling/v2 HorizontalPodAutoscaler', () => {
    const sut = objectsOfKind('HorizontalPodAutoscaler');
    expect(sut).toHaveLength(1);
    expect(sut[0].apiVersion).toBe('autoscaling/v2');
    expect(sut[0].spec?.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'plaza-api',
    });
    expect(sut[0].spec?.minReplicas).toBeGreaterThanOrEqual(2);
    expect(sut[0].spec?.maxReplicas).toBeGreaterThan(sut[0].spec?.minReplicas ?? 0);
  });

  it('has a migration Job that runs `cli migrate` once per attempt and says when to run it', () => {
    const sut = migrateJob as K8sObject;
    const container = containersOf(sut)[0];
    expect(sut.kind).toBe('Job');
    expect(podSpec(sut)?.restartPolicy).toBe('Never');
    expect(container.command).toEqual(
      expect.arrayContaining(['node', 'dist/apps/cli/src/main.js', 'migrate']),
    );
    expect(Object.values(sut.metadata?.annotations ?? {}).join(' ')).toMatch(
      /before each upgrade/i,
    );
  });

  it('pins every image with a tag other than latest, kustomize overrides included', () => {
    const images = k8sObjects.flatMap((o) => containersOf(o.object)).map((c) => c.image ?? '');
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const sut of images)
      expect({ image: sut, pinned: isPinned(sut) }).toEqual({
        image: sut,
        pinned: true,
      });
    for (const sut of kustomization.images ?? []) {
      expect(sut.newTag).toBeTruthy();
      expect(sut.newTag).not.toBe('latest');
    }
  });

  it('runs api, worker and the migration Job on the image kustomize sets, so they upgrade together', () => {
    const sut = [api, worker, migrateJob].map((o) =>
      imageName(containersOf(o as K8sObject)[0].image ?? ''),
    );
    const overridden = (kustomization.images ?? []).map((i) => i.name);
    expect(new Set(sut).size).toBe(1);
    expect(overridden).toContain(sut[0]);
  });

  it('runs each process with the right entry point', () => {
    const commandOf = (o: K8sObject | undefined) => containersOf(o as K8sObject)[0].command;
    expect(commandOf(api)).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(commandOf(worker)).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it('keeps the privileged database login out of the api and gives it to worker and migrations', () => {
    const envNames = (o: K8sObject | undefined) =>
      containersOf(o as K8sObject).flatMap((c) => (c.env ?? []).map((e) => e.name));
    expect(envNames(api)).not.toContain('DATABASE_ADMIN_URL');
    expect(envNames(api)).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
    expect(envNames(worker)).toContain('DATABASE_ADMIN_URL');
    expect(envNames(migrateJob)).toContain('DATABASE_ADMIN_URL');
  });

  it('sets only variables that libs/core/src/config.ts reads', () => {
    const known = configVariables();
    expect([...known]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'DATABASE_ADMIN_URL', 'REDIS_URL', 'QUEUE_PREFIX']),
    );
    const plazaContainers = [api, worker, migrateJob].flatMap((o) => containersOf(o as K8sObject));
    const sut = [
      ...Object.keys(plazaConfig?.data ?? {}),
      ...Object.keys(plazaSecrets?.stringData ?? {}),
      ...plazaContainers.flatMap((c) => (c.env ?? []).map((e) => e.name)),
    ];
    expect(sut.filter((name) => !known.has(name))).toEqual([]);
    for (const container of plazaContainers) {
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'plaza-config' } }]);
      for (const ref of (container.env ?? []).map((e) => e.valueFrom?.secretKeyRef)) {
        expect(ref?.name).toBe('plaza-secrets');
        expect(Object.keys(plazaSecrets?.stringData ?? {})).toContain(ref?.key);
      }
    }
  });

  it('routes the wildcard of BASE_DOMAIN and the console host to the api Service', () => {
    const sut = objectsOfKind('Ingress');
    const rules = sut.flatMap((i) => i.spec?.rules ?? []);
    const hosts = rules.map((r) => r.host);
    expect(hosts).toEqual(
      expect.arrayContaining([
        `*.${plazaConfig?.data?.BASE_DOMAIN}`,
        plazaConfig?.data?.CONSOLE_HOST,
      ]),
    );
    const backends = rules.flatMap((r) => r.http?.paths ?? []).map((p) => p.backend.service.name);
    expect(new Set(backends)).toEqual(new Set(['plaza-api']));
    expect(named('Service', 'plaza-api')).toBeDefined();
  });

  it('puts PgBouncer in transaction mode in front of the serving login only', () => {
    const ini = named('ConfigMap', 'plaza-pgbouncer')?.data?.['pgbouncer.ini'] ?? '';
    const sut = Object.fromEntries(
      ini
        .split('\n')
        .map((line) => /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    expect(sut.pool_mode).toBe('transaction');
    const appUrl = new URL(plazaSecrets?.stringData?.DATABASE_URL ?? '');
    const adminUrl = new URL(plazaSecrets?.stringData?.DATABASE_ADMIN_URL ?? '');
    expect(appUrl.username).toBe('plaza_app');
    expect(appUrl.hostname).toBe('plaza-pgbouncer');
    expect(adminUrl.hostname).not.toBe('plaza-pgbouncer');
    expect(ini).toMatch(new RegExp(`^${appUrl.pathname.slice(1)} = host=`, 'm'));
    expect(named('Deployment', 'plaza-pgbouncer')).toBeDefined();
    expect(named('Service', 'plaza-pgbouncer')).toBeDefined();
  });
});

describe('compose.yaml', () => {
  const services = compose.services;
  const plazaServices = ['migrate', 'api', 'worker'];

  it('defines the stack', () => {
    const sut = Object.keys(services);
    expect(sut).toEqual(
      expect.arrayContaining(['postgres', 'redis', 's3', 'mail', 'migrate', 'api', 'worker']),
    );
  });

  it('pins every image with a tag other than latest', () => {
    for (const [name, service] of Object.entries(services)) {
      const sut = service.image ?? '';
      expect({ service: name, image: sut, pinned: isPinned(sut) }).toEqual({
        service: name,
        image: sut,
        pinned: true,
      });
    }
    expect(imageTag(services.postgres.image ?? '')).toMatch(/^15(\.|$|-)/);
    expect(imageTag(services.redis.image ?? '')).toMatch(/^7(\.|$|-)/);
  });

  it('starts api and worker only after the one-shot migration succeeded', () => {
    expect(services.migrate.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'migrate']);
    for (const name of ['api', 'worker']) {
      const sut = composeDependencies(services[name]);
      expect(sut.migrate).toBe('service_completed_successfully');
    }
  });

  it('serves with the plaza_app login and keeps the privileged one out of the api', () => {
    const sut = Object.fromEntries(
      plazaServices.map((name) => [name, composeEnvironment(services[name])]),
    );
    for (const name of plazaServices) {
      expect(new URL(sut[name].DATABASE_URL).username).toBe('plaza_app');
    }
    expect(sut.api.DATABASE_ADMIN_URL).toBeUndefined();
    for (const name of ['migrate', 'worker']) {
      const admin = new URL(sut[name].DATABASE_ADMIN_URL);
      expect(admin.username).not.toBe('plaza_app');
      expect(admin.pathname).toBe(new URL(sut[name].DATABASE_URL).pathname);
    }
  });

  it('sets only variables that libs/core/src/config.ts reads', () => {
    const known = configVariables();
    const sut = plazaServices.flatMap((name) => Object.keys(composeEnvironment(services[name])));
    expect(sut.length).toBeGreaterThan(0);
    expect(sut.filter((name) => !known.has(name))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerInstructions(readFileSync(join(DEPLOY, 'docker/Dockerfile'), 'utf8'));
  const stages = dockerStages(instructions);
  const runtime = stages.at(-1) ?? [];
  const fromImage = (stage: Instruction[]) =>
    stage[0].args.split(/\s+/).filter((a) => !a.startsWith('--'))[0];

  it('builds in several stages, each FROM a pinned image, one of them Node 24', () => {
    const sut = stages.map(fromImage);
    expect(sut.length).toBeGreaterThanOrEqual(2);
    for (const image of sut) expect(isPinned(image)).toBe(true);
    expect(sut.some((image) => /^node:24[.-]/.test(image))).toBe(true);
    expect(fromImage(runtime)).toMatch(/^node:24[.-]/);
  });

  it('copies node_modules into the runtime from a stage that built, then pruned dev dependencies', () => {
    const copy = runtime.find((i) => i.keyword === 'COPY' && /node_modules/.test(i.args));
    const from = /--from=(\S+)/.exec(copy?.args ?? '')?.[1];
    const sut = stages.find((stage) => new RegExp(`\\bAS\\s+${from}$`, 'i').test(stage[0].args));
    const runs = (sut ?? []).filter((i) => i.keyword === 'RUN').map((i) => i.args);
    const npm = (command: string) => runs.findIndex((run) => run.includes(command));
    expect(from).toBeDefined();
    expect(npm('npm ci')).toBeGreaterThanOrEqual(0);
    expect(npm('npm run build')).toBeGreaterThanOrEqual(npm('npm ci'));
    expect(npm('npm prune --omit=dev')).toBeGreaterThanOrEqual(npm('npm run build'));
    // The `node` devDependency would shadow the base image's Node 24.
    expect(runs.join('\n')).toContain('test ! -e node_modules/node');
  });

  it('runs as a non-root user', () => {
    const sut = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(sut).toHaveLength(1);
    expect(sut[0].split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('checks health on /healthz with node, and starts the api by default', () => {
    const sut = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(sut).toMatch(/CMD \[\s*"node"/);
    expect(sut).toContain('/healthz');
    expect(sut).toContain('process.env.PORT');
    const cmd = runtime.find((i) => i.keyword === 'CMD')?.args ?? '';
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/apps/api/src/main.js']);
  });

  it('keeps local secrets and build output out of the build context', () => {
    const sut = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(sut).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', '.git']));
  });
});

describe('entry points named by deploy/', () => {
  it('exist as sources that `npm run build` compiles to those paths', () => {
    const texts = filesUnder(DEPLOY).map((f) => readFileSync(f, 'utf8'));
    const sut = [
      ...new Set(texts.flatMap((t) => [...t.matchAll(/dist\/[\w/.-]+\.js/g)].map((m) => m[0]))),
    ];
    expect(sut).toEqual(
      expect.arrayContaining([
        'dist/apps/api/src/main.js',
        'dist/apps/worker/src/main.js',
        'dist/apps/cli/src/main.js',
      ]),
    );
    for (const path of sut) {
      const source = path.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ path, source: existsSync(join(ROOT, source)) }).toEqual({ path, source: true });
    }
  });
});
