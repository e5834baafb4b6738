import { randomUUID } from 'node:crypto';
import { statutoryDeadline, type TemplateId, templatesForYear } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import type { OrganizationEntity } from '../modules/organizations';
import { RoundEntity } from '../modules/rounds/round.entity';
import { RoundStatus } from '../modules/rounds';
import type { DemoCalendar } from './demo-calendar';

/** The template a round of the year gets by default, as the create command chooses it. */
function templateFor(year: number): TemplateId {
  const [template] = templatesForYear(year);
  if (!template) throw new Error(`no template for ${year}`);
  return template;
}

/** Inserts the rounds of the city: six closed ones and the one being collected (see demo-calendar.ts). */
export async function seedDemoRounds(
  manager: EntityManager,
  calendar: DemoCalendar,
  city: OrganizationEntity,
): Promise<RoundEntity[]> {
  const rounds: RoundEntity[] = [];
  for (const year of calendar.years) {
    const internal = year >= 2022 ? `${year + 1}-01-26` : statutoryDeadline(year, 'department');
    rounds.push(
      manager.create(RoundEntity, {
        id: randomUUID(),
        year,
        template: templateFor(year),
        scopeOrganizationId: city.id,
        status: year === calendar.currentYear ? RoundStatus.OPEN : RoundStatus.CLOSED,
        departmentDeadline: internal,
        governmentDeadline: statutoryDeadline(year, 'government'),
        isDemo: true,
      }),
    );
  }
  await manager.insert(RoundEntity, rounds);
  return rounds;
}
