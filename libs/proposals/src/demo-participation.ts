import type { EntityManager } from 'typeorm';

import type { Translated } from '@plaza/core';
import { ComponentEntity, ScopeEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';

import { ProposalEntity } from './proposal.entity';

const text = (en: string, fr: string, es: string, ca: string): Translated => ({ en, fr, es, ca });

/**
 * Demo content of a site: a process in its proposals phase with a proposals
 * component (supports open, 3 per participant), an assembly. Skipped when the
 * process already exists, so the demo seed stays idempotent.
 */
export async function seedDemoParticipation(em: EntityManager): Promise<void> {
  if (await em.existsBy(SpaceEntity, { kind: 'process', slug: 'budget-2027' })) return;
  // Districts as scopes: the city-wide process takes proposals for any of them.
  const city = await em.save(
    em.create(ScopeEntity, { name: text('City', 'Ville', 'Ciudad', 'Ciutat') }),
  );
  const districts = await em.save([
    em.create(ScopeEntity, {
      name: text('North district', 'Quartier nord', 'Distrito norte', 'Districte nord'),
      parentId: city.id,
    }),
    em.create(ScopeEntity, {
      name: text('South district', 'Quartier sud', 'Distrito sur', 'Districte sud'),
      parentId: city.id,
    }),
  ]);
  const space = await em.save(
    em.create(SpaceEntity, {
      kind: 'process',
      slug: 'budget-2027',
      title: text(
        'Participatory budget 2027',
        'Budget participatif 2027',
        'Presupuesto participativo 2027',
        'Pressupost participatiu 2027',
      ),
      subtitle: text('You decide', 'Vous décidez', 'Tú decides', 'Tu decideixes'),
      shortDescription: text(
        'Propose and support projects for your neighbourhood.',
        'Proposez et soutenez des projets pour votre quartier.',
        'Propón y apoya proyectos para tu barrio.',
        'Proposa i dona suport a projectes per al teu barri.',
      ),
      hashtag: 'budget2027',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      promoted: true,
      scopeId: city.id,
      publishedAt: new Date(),
    }),
  );
  const phases = await em.save([
    em.create(SpacePhaseEntity, {
      spaceId: space.id,
      title: text(
        'Proposals and supports',
        'Propositions et soutiens',
        'Propuestas y apoyos',
        'Propostes i suports',
      ),
      startDate: '2027-01-01',
      endDate: '2027-06-30',
      position: 0,
      active: true,
    }),
    em.create(SpacePhaseEntity, {
      spaceId: space.id,
      title: text('Answers', 'Réponses', 'Respuestas', 'Respostes'),
      startDate: '2027-07-01',
      endDate: '2027-12-31',
      position: 1,
    }),
  ]);
  const component = await em.save(
    em.create(ComponentEntity, {
      spaceId: space.id,
      manifest: 'proposals',
      name: text('Proposals', 'Propositions', 'Propuestas', 'Propostes'),
      publishedAt: new Date(),
      settings: {
        vote_limit: 3,
        threshold_per_proposal: 0,
        proposal_limit: 0,
        attachments_allowed: true,
      },
      stepSettings: {
        [phases[0].id]: { creation_enabled: true, votes_enabled: true, endorsements_enabled: true },
        [phases[1].id]: { publish_answers_immediately: true },
      },
    }),
  );
  await em.save(
    [
      ['More trees in school yards', 'Shade and cooler playgrounds in summer.'],
      ['Safe bike lanes to the station', 'Separated lanes from the centre to the station.'],
      ['A repair café in every district', 'A monthly place to fix things together.'],
    ].map(([title, body], i) =>
      em.create(ProposalEntity, {
        componentId: component.id,
        official: true,
        title,
        body,
        scopeId: districts[i % districts.length].id,
        publishedAt: new Date(),
      }),
    ),
  );
  await em.save(
    em.create(SpaceEntity, {
      kind: 'assembly',
      slug: 'youth-council',
      title: text(
        'Youth council',
        'Conseil des jeunes',
        'Consejo de la juventud',
        'Consell de joves',
      ),
      assemblyType: 'consultative_advisory',
      purpose: text(
        'Young residents advise the council.',
        'Les jeunes conseillent la collectivité.',
        'La juventud asesora al consejo.',
        'La joventut assessora el consell.',
      ),
      visibility: 'public',
      publishedAt: new Date(),
    }),
  );
}
