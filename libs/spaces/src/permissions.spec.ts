import { ComponentEntity, ComponentPermissions } from './component.entity';
import { effectiveSettings } from './component-manifests';
import { SpaceEntity } from './space.entity';
import { ParticipationContext, permissionProblem } from './spaces.service';

function contextWith(
  overrides: {
    permissions?: ComponentPermissions;
    settings?: Record<string, boolean>;
    isMember?: boolean;
    verifications?: string[];
    offered?: string[];
  } = {},
): ParticipationContext {
  const component = Object.assign(new ComponentEntity(), {
    manifest: 'proposals',
    settings: overrides.settings ?? {},
    stepSettings: {},
    defaultStepSettings: {},
    permissions: overrides.permissions ?? {},
  });
  return {
    component,
    space: new SpaceEntity(),
    activePhase: null,
    settings: effectiveSettings(component, null),
    canParticipate: true,
    isMember: overrides.isMember ?? false,
    verifications: overrides.verifications ?? [],
    offeredVerifications: overrides.offered ?? ['id_documents'],
  };
}

describe('permissionProblem', () => {
  const required: ComponentPermissions = { support: { verification: 'id_documents' } };

  it('lets anyone act when the component requires nothing', () => {
    expect(permissionProblem(contextWith(), 'support')).toBeNull();
  });

  it('asks for the verification the action requires', () => {
    const sut = contextWith({ permissions: required });
    expect(permissionProblem(sut, 'support')).toEqual({
      kind: 'verification',
      method: 'id_documents',
    });
    expect(permissionProblem(sut, 'comment')).toBeNull();
  });

  it('lets verified people act', () => {
    const sut = contextWith({ permissions: required, verifications: ['id_documents'] });
    expect(permissionProblem(sut, 'support')).toBeNull();
  });

  it('ignores a method the organization no longer offers', () => {
    const sut = contextWith({ permissions: required, offered: [] });
    expect(permissionProblem(sut, 'support')).toBeNull();
  });

  it('checks membership before verification', () => {
    const sut = contextWith({ permissions: required, settings: { members_only_support: true } });
    expect(permissionProblem(sut, 'support')).toEqual({ kind: 'membersOnly' });
    const member = contextWith({
      permissions: required,
      settings: { members_only_support: true },
      isMember: true,
    });
    expect(permissionProblem(member, 'support')?.kind).toBe('verification');
  });
});
