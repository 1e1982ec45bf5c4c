import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { CreateOperatorUseCase } from '@carryover/identity';
import { DomainError } from '@carryover/shared';
import { CliModule } from './cli.module';
import { DEMO_FIRMS, DEMO_OPERATOR, DEMO_PASSWORD } from './demo-accounts';
import { SeedDemoCommand } from './seed-demo.command';

const USAGE = `usage:
  npm run cli -- operator:create --email E --password P [--name N]
  npm run cli -- seed:demo`;

type Context = Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

async function createOperator(app: Context, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.password) throw new Error(`--email and --password are required\n${USAGE}`);
  const user = await app.get(CreateOperatorUseCase).execute({
    email: values.email,
    password: values.password,
    name: values.name ?? values.email,
  });
  console.log(`operator created: ${user.email} (${user.id})`);
}

async function seedDemo(app: Context): Promise<void> {
  const created = await app.get(SeedDemoCommand).run();
  console.log(
    created > 0
      ? `demo data seeded (${created} users, verified firms and lots)`
      : 'demo data already present',
  );
  console.log(`demo credentials (password for all: ${DEMO_PASSWORD})`);
  console.log(`  operator  ${DEMO_OPERATOR.email}`);
  for (const firm of DEMO_FIRMS) {
    for (const member of firm.members) {
      console.log(
        `  ${firm.label.padEnd(8)}  ${member.email.padEnd(26)} ${member.role.padEnd(9)} ${firm.organization.name}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'operator:create' && command !== 'seed:demo') throw new Error(USAGE);
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    if (command === 'operator:create') await createOperator(app, args);
    else await seedDemo(app);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  const detail =
    error instanceof DomainError && error.errors ? ` (${error.errors.map((e) => e.message).join('; ')})` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  process.exit(1);
});
