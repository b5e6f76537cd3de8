// `npm run seed:demo`: a believable demo a newcomer can click through. Idempotent: users are
// matched by e-mail and left as they are when they already exist.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { Committee, Locale, Role } from '../court/roles';
import { validateEnv } from '../config/env';
import { prepareDatabase } from '../database/prepare-database';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';

export const DEMO_PASSWORD = 'demo-password-2026';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  committees?: Committee[];
  agencyCode?: string;
  institution?: string;
}

const PSC = "People's Supreme Court";

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.court.la', name: 'System Administrator', role: Role.ADMIN, locale: 'en' },
  {
    email: 'secretariat@demo.court.la',
    name: 'Vilayphone Sisouk',
    role: Role.SECRETARIAT,
    locale: 'lo',
    institution: PSC,
  },
  {
    email: 'judge.twg1@demo.court.la',
    name: 'Judge Khamphone Phommachanh',
    role: Role.JUDGE,
    locale: 'lo',
    committees: [Committee.TWG],
    institution: PSC,
  },
  {
    email: 'judge.twg2@demo.court.la',
    name: 'Judge Souksavanh Keola',
    role: Role.JUDGE,
    locale: 'lo',
    committees: [Committee.TWG],
    institution: PSC,
  },
  {
    email: 'judge.council1@demo.court.la',
    name: 'Judge Bounmy Vongsa',
    role: Role.JUDGE,
    locale: 'lo',
    committees: [Committee.COUNCIL],
    institution: PSC,
  },
  {
    email: 'judge.council2@demo.court.la',
    name: 'Judge Manivone Inthavong',
    role: Role.JUDGE,
    locale: 'en',
    committees: [Committee.COUNCIL],
    institution: PSC,
  },
  {
    email: 'judge.vte@demo.court.la',
    name: 'Judge Phonesavanh Luangrath',
    role: Role.JUDGE,
    locale: 'lo',
    institution: "Vientiane Capital People's Court",
  },
  {
    email: 'judge.lpb@demo.court.la',
    name: 'Judge Noy Sengdara',
    role: Role.JUDGE,
    locale: 'en',
    institution: "Luang Prabang Provincial People's Court",
  },
  {
    email: 'reviewer.mofa@demo.court.la',
    name: 'Anousone Rattanavong',
    role: Role.AGENCY_REVIEWER,
    locale: 'lo',
    agencyCode: 'MOFA',
  },
  {
    email: 'reviewer.moj@demo.court.la',
    name: 'Chanthala Douangmala',
    role: Role.AGENCY_REVIEWER,
    locale: 'lo',
    agencyCode: 'MOJ',
  },
  {
    email: 'reviewer.ospp@demo.court.la',
    name: 'Somphone Keomany',
    role: Role.AGENCY_REVIEWER,
    locale: 'en',
    agencyCode: 'OSPP',
  },
  {
    email: 'reviewer.mps@demo.court.la',
    name: 'Viengkham Sayavong',
    role: Role.AGENCY_REVIEWER,
    locale: 'lo',
    agencyCode: 'MPS',
  },
  {
    email: 'observer@demo.court.la',
    name: 'Programme Monitoring Officer',
    role: Role.OBSERVER,
    locale: 'en',
    institution: 'ASEAN-ACT',
  },
];

async function seed(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv({ ...process.env, WORKERS: 'off' });
  await prepareDatabase(env.DATABASE_URL, true);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), {
    logger: ['error', 'warn'],
  });
  try {
    const users = app.get(UsersService);
    const repo = app.get(UsersRepository);
    let created = 0;
    for (const demo of DEMO_USERS) {
      if (await repo.emailTaken(demo.email)) continue;
      await users.create({ ...demo, password: DEMO_PASSWORD });
      created += 1;
    }
    console.log(`Demo users: ${created} created, ${DEMO_USERS.length - created} already there.`);
    console.log(`Every demo account's password: ${DEMO_PASSWORD}`);
    console.table(
      DEMO_USERS.map((u) => ({
        email: u.email,
        role: u.role,
        committees: (u.committees ?? []).join(','),
        agency: u.agencyCode ?? '',
      })),
    );
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error(`Seeding failed: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
