import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_append(entries): appends links to the audit chain in one statement. It takes the chain's lock,
 * reads the tip, then hashes and inserts each entry in array order, each linked to the one before:
 * hash = sha256(before || prev || after), where prev is the previous hash as a JSON string (or null) and
 * `before`/`after` are the rest of the link's RFC 8785 text, computed by the application (auditHashParts).
 * PL/pgSQL takes a fresh snapshot per statement, so the tip is read after the lock is granted, as the
 * separate lock, read and insert did. The lock key is AUDIT_CHAIN_LOCK_KEY, the ASCII bytes of "audit".
 */
export class AuditAppend1764001600000 implements MigrationInterface {
  name = 'AuditAppend1764001600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_append(entries jsonb)
        RETURNS TABLE (appended_seq bigint, appended_prev_hash text, appended_hash text)
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        entry jsonb;
        tip text;
        link text;
      BEGIN
        IF jsonb_typeof(entries) IS DISTINCT FROM 'array' THEN
          RAISE EXCEPTION 'audit_append takes a JSON array of entries';
        END IF;
        PERFORM pg_advisory_xact_lock(418397169012);
        SELECT e.hash INTO tip FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
        FOR entry IN SELECT value FROM jsonb_array_elements(entries) WITH ORDINALITY ORDER BY ordinality LOOP
          link := encode(sha256(convert_to(
            (entry->>'before') || COALESCE('"' || tip || '"', 'null') || (entry->>'after'), 'UTF8')), 'hex');
          INSERT INTO audit_events
            (id, actor_type, actor_id, actor_organization_id, action, entity, entity_id, data, reason, at,
             prev_hash, hash)
          VALUES
            ((entry->>'id')::uuid, entry->>'actorType', (entry->>'actorId')::uuid,
             (entry->>'actorOrganizationId')::uuid, entry->>'action', entry->>'entity', entry->>'entityId',
             entry->'data', entry->>'reason', (entry->>'at')::timestamptz, tip, link)
          RETURNING seq INTO appended_seq;
          appended_prev_hash := tip;
          appended_hash := link;
          RETURN NEXT;
          tip := link;
        END LOOP;
      END
      $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append(jsonb)`);
  }
}
