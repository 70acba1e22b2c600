/**
 * Generates the customer-success operations data of source 004: the CS team with its
 * languages and product scopes, client deals, and the emails and activities on them.
 * Interactions grow with the number of users to onboard and vary by country, product
 * scope and contract category; a small share of email and activity ids is repeated, as
 * in a CRM export, for the pipeline to remove.
 */
import { CsvWriter } from './csv.ts';
import type { AccountTableOptions } from './accounts.ts';
import { Random } from './random.ts';
import { isoDate, isoTimestamp } from './utc-text.ts';
import { CS_NAMES } from './world.ts';

const P = {
  deals: 2500,
  scopes: ['Design', 'Build', 'Operate', 'Media'],
  categories: { Standard: 0.6, Enterprise: 0.25, Education: 0.15 },
  countries: [
    { name: 'Australia', language: 'English', effect: 0 },
    { name: 'Singapore', language: 'English', effect: 0.05 },
    { name: 'India', language: 'English', effect: 0.2 },
    { name: 'Japan', language: 'Japanese', effect: 0.35 },
    { name: 'China', language: 'Mandarin', effect: 0.3 },
    { name: 'South Korea', language: 'Korean', effect: 0.25 },
    { name: 'Thailand', language: 'Thai', effect: 0.15 },
  ],
  scopeEffect: { Design: 0, Build: 0.25, Operate: 0.15, Media: -0.1 } as Record<string, number>,
  categoryEffect: { Standard: 0, Enterprise: 0.35, Education: -0.2 } as Record<string, number>,
  status: { open: 0.3, completed: 0.6, suspended: 0.1 },
  /** log(expected interactions) = base + usersSlope * log(n_users) + effects. */
  base: 1.6,
  usersSlope: 0.45,
  emailShare: 0.6,
  duplicateRate: 0.015,
  days: 720,
} as const;

const EXTRA_LANGUAGES = ['Japanese', 'Mandarin', 'Korean', 'Thai'];
const ACTIVITY_TYPES = ['call', 'meeting', 'training', 'document review'];

export function generateCsOperations(options: AccountTableOptions): Record<'cs_team' | 'deals' | 'emails' | 'activities', number> {
  const rng = new Random(options.seed, 'cs-operations');
  const end = Date.parse(`${options.snapshot}T18:00:00Z`);
  const day = 86_400_000;

  const team = new CsvWriter(`${options.dir}/cs_team.csv`, ['cs_name', 'languages', 'product_scopes']);
  const members = CS_NAMES.map((name, i) => {
    const languages = ['English', EXTRA_LANGUAGES[i % EXTRA_LANGUAGES.length]!];
    if (rng.chance(0.3)) languages.push(rng.pick(EXTRA_LANGUAGES));
    const scopes = P.scopes.filter((_, s) => (s + i) % 4 !== 0 || rng.chance(0.3));
    const member = { name, languages: [...new Set(languages)], scopes };
    team.write([name, member.languages.join(';'), scopes.join(';')]);
    return member;
  });
  team.close();

  const deals = new CsvWriter(`${options.dir}/deals.csv`, [
    'deal_id',
    'account_id',
    'product_scope',
    'contract_category',
    'country',
    'language',
    'n_users',
    'start_date',
    'end_date',
    'status',
    'stage_closed',
    'cs_owner',
  ]);
  const emails = new CsvWriter(`${options.dir}/emails.csv`, ['email_id', 'deal_id', 'cs_name', 'sent_at']);
  const activities = new CsvWriter(`${options.dir}/activities.csv`, ['activity_id', 'deal_id', 'cs_name', 'completed_at', 'activity_type']);
  const count = Math.round(P.deals * options.scale);
  for (let d = 0; d < count; d++) {
    const id = `D${String(d + 1).padStart(6, '0')}`;
    const account = options.accountId(rng.int(0, options.accounts - 1));
    const scope = rng.pick(P.scopes);
    const category = rng.weighted(P.categories);
    const country = rng.pick(P.countries);
    const users = Math.max(1, Math.round(rng.logNormal(8, 0.9)));
    const start = end - rng.int(30, P.days) * day;
    const status = rng.weighted(P.status);
    const duration = rng.int(20, 160) * day;
    const closed = status !== 'open' && start + duration < end;
    const finalStatus = closed ? status : 'open';
    const stop = closed ? start + duration : end;
    const stage =
      finalStatus === 'completed' ? (rng.chance(0.2) ? 'New Clients' : 'Live') : finalStatus === 'suspended' ? rng.pick(['Contract', 'Onboarding']) : null;
    const eligible = members.filter((m) => m.languages.includes(country.language) && m.scopes.includes(scope));
    const owner = eligible.length > 0 && !rng.chance(0.04) ? rng.pick(eligible).name : null;
    deals.write([
      id,
      account,
      scope,
      category,
      country.name,
      country.language,
      users,
      isoDate(start),
      closed ? isoDate(stop) : null,
      finalStatus,
      stage,
      owner,
    ]);

    const expected = Math.exp(P.base + P.usersSlope * Math.log(users) + country.effect + P.scopeEffect[scope]! + P.categoryEffect[category]!);
    const worker = owner ?? rng.pick(members).name;
    const interactions = rng.poisson(expected * Math.min(1, (stop - start) / (90 * day)));
    for (let k = 0; k < interactions; k++) {
      const at = isoTimestamp(start + Math.floor(rng.next() * (stop - start)));
      const row = rng.chance(P.emailShare)
        ? { out: emails, values: [`M${String(emails.rows + 1).padStart(8, '0')}`, id, worker, at] }
        : { out: activities, values: [`T${String(activities.rows + 1).padStart(8, '0')}`, id, worker, at, rng.pick(ACTIVITY_TYPES)] };
      row.out.write(row.values);
      if (rng.chance(P.duplicateRate)) row.out.write(row.values);
    }
  }
  deals.close();
  emails.close();
  activities.close();
  return { cs_team: team.rows, deals: deals.rows, emails: emails.rows, activities: activities.rows };
}
