import type { EntityManager } from 'typeorm';
import type { ComplianceResult } from '@carryover/compliance';
import type { OutboxEventInput } from '@carryover/jobs';
import type { NewBuyOrder } from '../repositories/buy-order.repository';
import type { TradeEntity } from '../entities/trade.entity';

/** Everything one matching transaction writes, each table's rows at once. */
export interface MarketWrite {
  /** New buy orders, already with their amounts after matching (the trades refer to them). */
  orders: readonly NewBuyOrder[];
  trades: ReadonlyArray<{
    trade: TradeEntity;
    compliance: ComplianceResult;
    complianceResultId: string;
    actor: { type: string; id: string | null };
  }>;
  /** Quantities taken off resting listings and resting buy orders, and moved from listed to sold on lots. */
  listingFills: ReadonlyMap<string, bigint>;
  orderFills: ReadonlyMap<string, bigint>;
  lotSales: ReadonlyMap<string, bigint>;
  events: readonly OutboxEventInput[];
  now: Date;
}

export interface MarketWriteResult {
  /** The new orders' database defaults, by id. */
  orders: Map<string, { createdAt: Date; updatedAt: Date }>;
}

/**
 * Writes a matching transaction's rows in ONE statement: data-modifying CTEs, each table's rows passed as
 * one JSON array. Foreign keys are checked at the end of the statement, so an order and the trades citing
 * it go in together; the book-level triggers fire once per table. Counts of updated rows come back and
 * must equal what was asked, or the transaction is abandoned.
 */
export async function writeMarketBatch(
  manager: EntityManager,
  write: MarketWrite,
): Promise<MarketWriteResult> {
  const orders = write.orders.map((order) => ({
    id: order.id,
    organization_id: order.organizationId,
    provider_code: order.providerCode,
    currency: order.currency,
    quantity_minor: order.quantityMinor.toString(),
    remaining_minor: order.remainingMinor.toString(),
    filled_minor: order.filledMinor.toString(),
    max_price_bps: order.maxPriceBps,
    min_days_to_expiry: order.minDaysToExpiry,
    transfer_methods: order.transferMethods,
    min_fill_minor: order.minFillMinor.toString(),
    time_in_force: order.timeInForce,
    good_till: order.goodTill,
    status: order.status,
    created_by_user_id: order.createdByUserId,
    closed_at: order.closedAt,
  }));
  const compliance = write.trades.map(({ trade, compliance: result, complianceResultId }) => ({
    id: complianceResultId,
    subject_id: trade.id,
    provider_code: result.providerCode,
    policy_version: result.policyVersion,
    outcome: result.outcome,
    checks: result.checks,
    requires_provider_approval: result.requiresProviderApproval,
    evaluated_at: result.evaluatedAt,
  }));
  const trades = write.trades.map(({ trade, actor }) => ({
    id: trade.id,
    listing_id: trade.listingId,
    order_id: trade.orderId,
    credit_lot_id: trade.creditLotId,
    seller_organization_id: trade.sellerOrganizationId,
    buyer_organization_id: trade.buyerOrganizationId,
    provider_code: trade.providerCode,
    currency: trade.currency,
    quantity_minor: trade.quantityMinor.toString(),
    price_bps: trade.priceBps,
    gross_minor: trade.grossMinor.toString(),
    fee_bps: trade.feeBps,
    fee_minor: trade.feeMinor.toString(),
    seller_proceeds_minor: trade.sellerProceedsMinor.toString(),
    transfer_method: trade.transferMethod,
    days_to_expiry: trade.daysToExpiry,
    requires_provider_approval: trade.requiresProviderApproval,
    compliance_result_id: trade.complianceResultId,
    status: trade.status,
    executed_at: trade.executedAt,
    actor_type: actor.type,
    actor_id: actor.id,
  }));
  const quantities = (fills: ReadonlyMap<string, bigint>) =>
    JSON.stringify([...fills].map(([id, quantity]) => ({ id, quantity: quantity.toString() })));

  const [row] = (await manager.query(
    `WITH new_orders AS (
       INSERT INTO buy_orders (id, organization_id, provider_code, currency, quantity_minor, remaining_minor,
              filled_minor, max_price_bps, min_days_to_expiry, transfer_methods, min_fill_minor, time_in_force,
              good_till, status, created_by_user_id, closed_at)
       SELECT id, organization_id, provider_code, currency, quantity_minor, remaining_minor, filled_minor,
              max_price_bps, min_days_to_expiry, transfer_methods, min_fill_minor, time_in_force, good_till,
              status, created_by_user_id, closed_at
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id uuid, organization_id uuid, provider_code text,
              currency char(3), quantity_minor bigint, remaining_minor bigint, filled_minor bigint,
              max_price_bps integer, min_days_to_expiry integer, transfer_methods text[], min_fill_minor bigint,
              time_in_force text, good_till timestamptz, status text, created_by_user_id uuid,
              closed_at timestamptz)) WITH ORDINALITY AS o
        ORDER BY o.ordinality
       RETURNING id, created_at, updated_at
     ), new_results AS (
       INSERT INTO compliance_results (id, subject_type, subject_id, context, provider_code, policy_version,
              outcome, checks, requires_provider_approval, evaluated_at)
       SELECT id, 'trade', subject_id, 'match', provider_code, policy_version, outcome, checks,
              requires_provider_approval, evaluated_at
         FROM jsonb_to_recordset($2::jsonb) AS (id uuid, subject_id uuid, provider_code text,
              policy_version integer, outcome text, checks jsonb, requires_provider_approval boolean,
              evaluated_at timestamptz)
     ), new_trades AS (
       INSERT INTO trades (id, listing_id, order_id, credit_lot_id, seller_organization_id,
              buyer_organization_id, provider_code, currency, quantity_minor, price_bps, gross_minor, fee_bps,
              fee_minor, seller_proceeds_minor, transfer_method, days_to_expiry, requires_provider_approval,
              compliance_result_id, status, executed_at)
       SELECT id, listing_id, order_id, credit_lot_id, seller_organization_id, buyer_organization_id,
              provider_code, currency, quantity_minor, price_bps, gross_minor, fee_bps, fee_minor,
              seller_proceeds_minor, transfer_method, days_to_expiry, requires_provider_approval,
              compliance_result_id, status, executed_at
         FROM jsonb_to_recordset($3::jsonb) AS (id uuid, listing_id uuid, order_id uuid, credit_lot_id uuid,
              seller_organization_id uuid, buyer_organization_id uuid, provider_code text, currency char(3),
              quantity_minor bigint, price_bps integer, gross_minor bigint, fee_bps integer, fee_minor bigint,
              seller_proceeds_minor bigint, transfer_method text, days_to_expiry integer,
              requires_provider_approval boolean, compliance_result_id uuid, status text,
              executed_at timestamptz)
       RETURNING id
     ), new_steps AS (
       INSERT INTO trade_events (trade_id, status, actor_type, actor_id, reason, at)
       SELECT id, status, actor_type, actor_id, NULL, executed_at
         FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (id uuid, status text, actor_type text,
              actor_id uuid, executed_at timestamptz)) WITH ORDINALITY AS s
        ORDER BY s.ordinality
     ), listing_fills AS (${takeFills('listings', '$4')}
     ), order_fills AS (${takeFills('buy_orders', '$5')}
     ), lot_sales AS (
       UPDATE credit_lots c
          SET listed_minor = c.listed_minor - d.quantity, sold_minor = c.sold_minor + d.quantity,
              updated_at = now()
         FROM jsonb_to_recordset($6::jsonb) AS d(id uuid, quantity bigint)
        WHERE c.id = d.id
       RETURNING c.id
     ), announced AS (
       INSERT INTO outbox_events (name, payload)
       SELECT name, payload
         FROM ROWS FROM (jsonb_to_recordset($8::jsonb) AS (name text, payload jsonb)) WITH ORDINALITY AS e
        ORDER BY e.ordinality
       RETURNING id
     )
     SELECT (SELECT count(*) FROM listing_fills)::int AS listings,
            (SELECT count(*) FROM order_fills)::int AS orders_filled,
            (SELECT count(*) FROM lot_sales)::int AS lots,
            (SELECT count(*) FROM new_trades)::int AS trades,
            (SELECT count(*) FROM announced)::int AS events,
            (SELECT coalesce(jsonb_agg(jsonb_build_array(id, created_at, updated_at)), '[]') FROM new_orders)
              AS new_orders`,
    [
      JSON.stringify(orders),
      JSON.stringify(compliance),
      JSON.stringify(trades),
      quantities(write.listingFills),
      quantities(write.orderFills),
      quantities(write.lotSales),
      write.now,
      JSON.stringify(write.events),
    ],
  )) as Array<{
    listings: number;
    orders_filled: number;
    lots: number;
    trades: number;
    events: number;
    new_orders: Array<[string, string, string]>;
  }>;
  if (
    !row ||
    row.listings !== write.listingFills.size ||
    row.orders_filled !== write.orderFills.size ||
    row.lots !== write.lotSales.size ||
    row.trades !== write.trades.length ||
    row.events !== write.events.length ||
    row.new_orders.length !== write.orders.length
  ) {
    throw new Error(`market write did not apply in full: ${JSON.stringify(row)}`);
  }
  return {
    orders: new Map(
      row.new_orders.map(([id, createdAt, updatedAt]) => [
        id,
        { createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) },
      ]),
    ),
  };
}

/** A CTE body taking quantities (a JSON array of {id, quantity}) off listings or resting buy orders. */
function takeFills(table: 'listings' | 'buy_orders', quantities: string): string {
  return `
       UPDATE ${table} t
          SET remaining_minor = t.remaining_minor - d.quantity,
              filled_minor = t.filled_minor + d.quantity,
              status = CASE WHEN t.remaining_minor - d.quantity = 0 THEN 'filled' ELSE 'partially_filled' END,
              closed_at = CASE WHEN t.remaining_minor - d.quantity = 0 THEN $7::timestamptz ELSE t.closed_at END,
              updated_at = now()
         FROM jsonb_to_recordset(${quantities}::jsonb) AS d(id uuid, quantity bigint)
        WHERE t.id = d.id
       RETURNING t.id`;
}
