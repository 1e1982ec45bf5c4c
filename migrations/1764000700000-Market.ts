import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRANSFER_METHODS = `ARRAY['account_transfer', 'invoice_reassignment', 'structured_resale']`;

export class Market1764000700000 implements MigrationInterface {
  name = 'Market1764000700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One global sequence orders listings and orders in time, stricter than timestamps.
    await queryRunner.query(`CREATE SEQUENCE market_book_seq`);
    await queryRunner.query(`
      CREATE TABLE listings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        credit_lot_id uuid NOT NULL REFERENCES credit_lots (id) ON DELETE RESTRICT,
        provider_code text NOT NULL REFERENCES providers (code) ON DELETE RESTRICT,
        currency char(3) NOT NULL,
        quantity_minor bigint NOT NULL CONSTRAINT listings_quantity_positive CHECK (quantity_minor > 0),
        remaining_minor bigint NOT NULL,
        filled_minor bigint NOT NULL DEFAULT 0,
        price_bps integer CONSTRAINT listings_price_range CHECK (price_bps BETWEEN 1 AND 10000),
        price_schedule jsonb CONSTRAINT listings_schedule_array CHECK (jsonb_typeof(price_schedule) = 'array'),
        effective_price_bps integer NOT NULL CONSTRAINT listings_effective_price_range CHECK (effective_price_bps BETWEEN 1 AND 10000),
        next_reprice_at timestamptz,
        min_fill_minor bigint NOT NULL DEFAULT 1 CONSTRAINT listings_min_fill_positive CHECK (min_fill_minor >= 1),
        expires_at timestamptz NOT NULL,
        tradable_until timestamptz NOT NULL,
        transfer_methods text[] NOT NULL CONSTRAINT listings_transfer_methods_values
          CHECK (cardinality(transfer_methods) >= 1 AND transfer_methods <@ ${TRANSFER_METHODS}),
        status text NOT NULL CONSTRAINT listings_status_values CHECK (status IN
          ('pending_review', 'active', 'partially_filled', 'filled', 'cancelled', 'expired', 'rejected')),
        compliance_result_id uuid REFERENCES compliance_results (id) ON DELETE RESTRICT,
        book_seq bigint NOT NULL DEFAULT nextval('market_book_seq'),
        created_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT listings_exactly_one_price CHECK ((price_bps IS NULL) <> (price_schedule IS NULL)),
        CONSTRAINT listings_amounts CHECK (
          remaining_minor >= 0 AND filled_minor >= 0 AND remaining_minor + filled_minor <= quantity_minor
        ),
        CONSTRAINT listings_filled_means_nothing_left CHECK ((status = 'filled') = (remaining_minor = 0 AND filled_minor = quantity_minor)),
        CONSTRAINT listings_tradable_before_expiry CHECK (tradable_until <= expires_at)
      )`);
    // The matcher's candidate query for an incoming buy order: cheapest first, then oldest.
    await queryRunner.query(`
      CREATE INDEX listings_book_idx ON listings (provider_code, currency, effective_price_bps, book_seq)
      WHERE status IN ('active', 'partially_filled')`);
    await queryRunner.query(
      `CREATE INDEX listings_organization_page_idx ON listings (organization_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX listings_credit_lot_idx ON listings (credit_lot_id)`);
    await queryRunner.query(`
      CREATE INDEX listings_tradable_until_idx ON listings (tradable_until)
      WHERE status IN ('active', 'partially_filled', 'pending_review')`);
    await queryRunner.query(`
      CREATE INDEX listings_reprice_idx ON listings (next_reprice_at)
      WHERE next_reprice_at IS NOT NULL AND status IN ('active', 'partially_filled', 'pending_review')`);

    await queryRunner.query(`
      CREATE TABLE buy_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        provider_code text NOT NULL REFERENCES providers (code) ON DELETE RESTRICT,
        currency char(3) NOT NULL CONSTRAINT buy_orders_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
        quantity_minor bigint NOT NULL CONSTRAINT buy_orders_quantity_positive CHECK (quantity_minor > 0),
        remaining_minor bigint NOT NULL,
        filled_minor bigint NOT NULL DEFAULT 0,
        max_price_bps integer NOT NULL CONSTRAINT buy_orders_price_range CHECK (max_price_bps BETWEEN 1 AND 10000),
        min_days_to_expiry integer NOT NULL DEFAULT 0 CONSTRAINT buy_orders_min_days_range CHECK (min_days_to_expiry BETWEEN 0 AND 3650),
        transfer_methods text[] NOT NULL DEFAULT '{}'
          CONSTRAINT buy_orders_transfer_methods_values CHECK (transfer_methods <@ ${TRANSFER_METHODS}),
        min_fill_minor bigint NOT NULL DEFAULT 1 CONSTRAINT buy_orders_min_fill_positive CHECK (min_fill_minor >= 1),
        time_in_force text NOT NULL CONSTRAINT buy_orders_tif_values CHECK (time_in_force IN ('GTC', 'IOC', 'FOK')),
        good_till timestamptz,
        status text NOT NULL CONSTRAINT buy_orders_status_values
          CHECK (status IN ('open', 'partially_filled', 'filled', 'cancelled', 'expired')),
        book_seq bigint NOT NULL DEFAULT nextval('market_book_seq'),
        created_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT buy_orders_amounts CHECK (
          remaining_minor >= 0 AND filled_minor >= 0 AND remaining_minor + filled_minor <= quantity_minor
        ),
        CONSTRAINT buy_orders_filled_means_nothing_left CHECK ((status = 'filled') = (remaining_minor = 0 AND filled_minor = quantity_minor))
      )`);
    // The matcher's candidate query for an incoming listing: highest bid first, then oldest.
    await queryRunner.query(`
      CREATE INDEX buy_orders_book_idx ON buy_orders (provider_code, currency, max_price_bps DESC, book_seq)
      WHERE status IN ('open', 'partially_filled')`);
    await queryRunner.query(
      `CREATE INDEX buy_orders_organization_page_idx ON buy_orders (organization_id, created_at, id)`,
    );
    await queryRunner.query(`
      CREATE INDEX buy_orders_good_till_idx ON buy_orders (good_till)
      WHERE good_till IS NOT NULL AND status IN ('open', 'partially_filled')`);

    await queryRunner.query(`
      CREATE TABLE trades (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL REFERENCES listings (id) ON DELETE RESTRICT,
        order_id uuid NOT NULL REFERENCES buy_orders (id) ON DELETE RESTRICT,
        credit_lot_id uuid NOT NULL REFERENCES credit_lots (id) ON DELETE RESTRICT,
        seller_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        buyer_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        provider_code text NOT NULL REFERENCES providers (code) ON DELETE RESTRICT,
        currency char(3) NOT NULL,
        quantity_minor bigint NOT NULL CONSTRAINT trades_quantity_positive CHECK (quantity_minor > 0),
        price_bps integer NOT NULL CONSTRAINT trades_price_range CHECK (price_bps BETWEEN 1 AND 10000),
        gross_minor bigint NOT NULL CONSTRAINT trades_gross_non_negative CHECK (gross_minor >= 0),
        fee_bps integer NOT NULL CONSTRAINT trades_fee_range CHECK (fee_bps BETWEEN 0 AND 10000),
        fee_minor bigint NOT NULL CONSTRAINT trades_fee_non_negative CHECK (fee_minor >= 0),
        seller_proceeds_minor bigint NOT NULL CONSTRAINT trades_proceeds_non_negative CHECK (seller_proceeds_minor >= 0),
        transfer_method text NOT NULL CONSTRAINT trades_transfer_method_values
          CHECK (transfer_method IN ('account_transfer', 'invoice_reassignment', 'structured_resale')),
        days_to_expiry integer NOT NULL,
        requires_provider_approval boolean NOT NULL,
        compliance_result_id uuid REFERENCES compliance_results (id) ON DELETE RESTRICT,
        status text NOT NULL CONSTRAINT trades_status_values CHECK (status IN (
          'awaiting_payment', 'funded', 'awaiting_provider_approval', 'transfer_pending', 'transfer_submitted',
          'verifying', 'releasing', 'settled', 'cancelled', 'refunding', 'refunded', 'disputed', 'partially_refunded'
        )),
        executed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trades_money_splits_exactly CHECK (fee_minor + seller_proceeds_minor = gross_minor),
        CONSTRAINT trades_no_self_trade CHECK (seller_organization_id <> buyer_organization_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX trades_market_recent_idx ON trades (provider_code, executed_at DESC, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX trades_buyer_page_idx ON trades (buyer_organization_id, created_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX trades_seller_page_idx ON trades (seller_organization_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX trades_status_idx ON trades (status, created_at, id)`);
    await queryRunner.query(`CREATE INDEX trades_listing_idx ON trades (listing_id)`);
    await queryRunner.query(`CREATE INDEX trades_order_idx ON trades (order_id)`);

    await queryRunner.query(`
      CREATE TABLE trade_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        trade_id uuid NOT NULL REFERENCES trades (id) ON DELETE RESTRICT,
        status text NOT NULL,
        actor_type text NOT NULL,
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX trade_events_trade_idx ON trade_events (trade_id, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trade_events`);
    await queryRunner.query(`DROP TABLE trades`);
    await queryRunner.query(`DROP TABLE buy_orders`);
    await queryRunner.query(`DROP TABLE listings`);
    await queryRunner.query(`DROP SEQUENCE market_book_seq`);
  }
}
