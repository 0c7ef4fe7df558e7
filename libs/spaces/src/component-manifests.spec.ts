import { effectiveSettings, parseSettings, PROPOSALS_MANIFEST } from './component-manifests';

describe('effectiveSettings', () => {
  const component = (over = {}) => ({
    manifest: 'proposals',
    settings: { vote_limit: 5 },
    stepSettings: { p1: { votes_enabled: true }, p2: { creation_enabled: true } },
    defaultStepSettings: { endorsements_enabled: true },
    ...over,
  });

  it("applies the active phase's step settings over the manifest defaults", () => {
    const sut = effectiveSettings(component(), 'p1');
    expect(sut.global).toMatchObject({ vote_limit: 5, minimum_votes_per_user: 0 });
    expect(sut.step).toMatchObject({ votes_enabled: true, creation_enabled: false });
    expect(effectiveSettings(component(), 'p2').step).toMatchObject({
      votes_enabled: false,
      creation_enabled: true,
    });
  });

  it('uses the default step settings when no phase is active, and defaults for a new phase', () => {
    expect(effectiveSettings(component(), null).step.endorsements_enabled).toBe(true);
    expect(effectiveSettings(component(), 'p3').step.endorsements_enabled).toBe(false);
  });
});

describe('parseSettings', () => {
  it('reads checkboxes and integers, refusing numbers below the minimum', () => {
    const sut = parseSettings(
      PROPOSALS_MANIFEST.global,
      { g_vote_limit: '2', g_proposal_length: '3', g_geocoding_enabled: 'on' },
      'g_',
      ['en'],
    );
    expect(sut.settings).toMatchObject({ vote_limit: 2, geocoding_enabled: true });
    expect(sut.settings.official_proposals_enabled).toBe(false);
    expect(sut.errors).toMatchObject({
      g_proposal_length: 'min:15',
      g_minimum_votes_per_user: 'min:0',
    });
  });
});
