import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The market book's price levels, kept by statement triggers on listings and buy_orders: each level holds
 * the remaining quantity and the number of resting entries at one price. Reading the book then costs the
 * number of levels shown, not the number of resting listings. Every writer is covered, since the triggers
 * see every INSERT, UPDATE and DELETE; deltas are applied in key order, so concurrent writers lock levels in
 * the same order.
 */
export class BookLevels1764001500000 implements MigrationInterface {
  name = 'BookLevels1764001500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE book_levels (
        provider_code text NOT NULL,
        currency char(3) NOT NULL,
        side text NOT NULL CONSTRAINT book_levels_side_values CHECK (side IN ('ask', 'bid')),
        price_bps integer NOT NULL,
        quantity_minor bigint NOT NULL,
        entries integer NOT NULL,
        PRIMARY KEY (provider_code, currency, side, price_bps)
      )
    `);
    await this.createTriggers(queryRunner, {
      table: 'listings',
      side: 'ask',
      price: 'effective_price_bps',
      statuses: `('active', 'partially_filled')`,
    });
    await this.createTriggers(queryRunner, {
      table: 'buy_orders',
      side: 'bid',
      price: 'max_price_bps',
      statuses: `('open', 'partially_filled')`,
    });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['listings', 'buy_orders']) {
      for (const event of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER ${table}_book_levels_${event} ON ${table}`);
      }
      await queryRunner.query(`DROP FUNCTION ${table}_book_levels()`);
    }
    await queryRunner.query(`DROP TABLE book_levels`);
  }

  private async createTriggers(
    queryRunner: QueryRunner,
    book: { table: string; side: string; price: string; statuses: string },
  ): Promise<void> {
    const resting = (rows: string, sign: string) =>
      `SELECT provider_code, currency, ${book.price} AS price_bps, ${sign}remaining_minor AS quantity_minor,
              ${sign}1 AS entries
         FROM ${rows} WHERE status IN ${book.statuses}`;
    const apply = (deltas: string) => `
      INSERT INTO book_levels AS level (provider_code, currency, side, price_bps, quantity_minor, entries)
      SELECT provider_code, currency, '${book.side}', price_bps, sum(quantity_minor), sum(entries)
        FROM (${deltas}) AS delta
       GROUP BY provider_code, currency, price_bps
      HAVING sum(quantity_minor) <> 0 OR sum(entries) <> 0
       ORDER BY provider_code, currency, price_bps
      ON CONFLICT (provider_code, currency, side, price_bps) DO UPDATE
        SET quantity_minor = level.quantity_minor + EXCLUDED.quantity_minor,
            entries = level.entries + EXCLUDED.entries`;
    await queryRunner.query(`
      CREATE FUNCTION ${book.table}_book_levels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply(resting('new_rows', ''))};
        ELSIF TG_OP = 'DELETE' THEN
          ${apply(resting('old_rows', '-'))};
        ELSE
          ${apply(`${resting('new_rows', '')} UNION ALL ${resting('old_rows', '-')}`)};
        END IF;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER ${book.table}_book_levels_insert AFTER INSERT ON ${book.table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${book.table}_book_levels()`);
    await queryRunner.query(`
      CREATE TRIGGER ${book.table}_book_levels_update AFTER UPDATE ON ${book.table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${book.table}_book_levels()`);
    await queryRunner.query(`
      CREATE TRIGGER ${book.table}_book_levels_delete AFTER DELETE ON ${book.table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${book.table}_book_levels()`);
    // Whatever already rests.
    await queryRunner.query(apply(resting(book.table, '')));
  }
}
