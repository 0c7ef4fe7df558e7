import type { ComponentEntity } from './component.entity';
import type { SpaceEntity, SpaceKind } from './space.entity';

const SEGMENT: Record<SpaceKind, string> = { process: 'processes', assembly: 'assemblies' };

/** Public address of a space: /processes/<slug> or /assemblies/<slug>. */
export function spacePath(space: Pick<SpaceEntity, 'kind' | 'slug'>): string {
  return `/${SEGMENT[space.kind]}/${space.slug}`;
}

/** Public address of a component: <space>/f/<id>/<manifest>, as Decidim's /f/ paths. */
export function componentPath(
  space: Pick<SpaceEntity, 'kind' | 'slug'>,
  component: Pick<ComponentEntity, 'id' | 'manifest'>,
): string {
  return `${spacePath(space)}/f/${component.id}/${component.manifest}`;
}
