// First-start content: the organization, the default program and the topic catalogue. Idempotent.
import { asc } from 'drizzle-orm';
import { TOPIC_CATALOGUE } from '../core/catalogue/topics.js';
import { DEFAULT_PROGRAM_SETTINGS } from '../core/program-defaults.js';
import type { Db } from './database.js';
import { organizations, programs, topics } from './schema.js';

export async function seedDatabase(db: Db, options: { timeZone: string }): Promise<void> {
  await db.transaction(async (tx) => {
    let [organization] = await tx.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
    if (!organization) {
      [organization] = await tx.insert(organizations).values({ name: 'Tandem' }).returning({ id: organizations.id });
    }
    const [anyProgram] = await tx.select({ id: programs.id }).from(programs).limit(1);
    if (!anyProgram) {
      await tx.insert(programs).values({
        organizationId: organization!.id,
        slug: 'tandem',
        name: 'Tandem',
        status: 'open',
        settings: { ...DEFAULT_PROGRAM_SETTINGS, timeZone: options.timeZone },
      });
    }
    // New catalogue topics are added; topics an admin already has are left as they are.
    await tx
      .insert(topics)
      .values(
        TOPIC_CATALOGUE.map((topic, position) => ({
          slug: topic.slug,
          name: topic.name,
          description: topic.description,
          kit: topic.kit,
          position,
        })),
      )
      .onConflictDoNothing({ target: topics.slug });
  });
}
