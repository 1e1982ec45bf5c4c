import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PaymentState } from '@carryover/escrow';
import type { ListingView, OrderView, TradeDetail, TradeView } from '@carryover/market';
import { minorToSafeNumber as n } from '@carryover/shared';
import { ComplianceResponse, toComplianceResponse } from '../compliance/compliance.response';
import { PaymentResponse, toPaymentResponse } from '../escrow/payments.dto';
import { PriceTierDto } from './market.dto';

export class ListingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() providerCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() quantityMinor!: number;
  @ApiProperty() remainingMinor!: number;
  @ApiProperty() filledMinor!: number;
  @ApiProperty({ type: Number, nullable: true }) priceBps!: number | null;
  @ApiProperty({ type: [PriceTierDto], nullable: true }) priceSchedule!: PriceTierDto[] | null;
  @ApiProperty() effectivePriceBps!: number;
  @ApiProperty() minFillMinor!: number;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) tradableUntil!: string;
  @ApiProperty({ type: [String] }) transferMethods!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'only on the seller’s own listings' })
  creditLotId?: string;
  @ApiPropertyOptional({ type: ComplianceResponse, description: 'only on the seller’s own listings' })
  compliance?: ComplianceResponse | null;
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() providerCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() quantityMinor!: number;
  @ApiProperty() filledMinor!: number;
  @ApiProperty() remainingMinor!: number;
  @ApiProperty() maxPriceBps!: number;
  @ApiProperty() minDaysToExpiry!: number;
  @ApiProperty({ type: [String] }) transferMethods!: string[];
  @ApiProperty() minFillMinor!: number;
  @ApiProperty({ enum: ['GTC', 'IOC', 'FOK'] }) timeInForce!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) goodTill!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TradeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ enum: ['buy', 'sell'], nullable: true, type: String }) side!: 'buy' | 'sell' | null;
  @ApiProperty() providerCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() quantityMinor!: number;
  @ApiProperty() priceBps!: number;
  @ApiProperty() grossMinor!: number;
  @ApiProperty() feeMinor!: number;
  @ApiProperty() sellerProceedsMinor!: number;
  @ApiProperty() transferMethod!: string;
  @ApiProperty() requiresProviderApproval!: boolean;
  @ApiProperty() daysToExpiry!: number;
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'date-time' }) executedAt!: string;
}

export class TimelineEntryResponse {
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'user' }) actor!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
}

export class TradeDetailResponse extends TradeResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
  @ApiProperty({ type: PaymentResponse, description: 'the buyer’s escrow payment' })
  payment!: PaymentResponse;
  @ApiProperty({ description: 'credit transfer evidence; filled in during settlement' }) transfer!: Record<
    string,
    unknown
  >;
}

export class ListingCreatedResponse {
  @ApiProperty({ type: ListingResponse }) listing!: ListingResponse;
  @ApiProperty({ type: [TradeResponse] }) trades!: TradeResponse[];
}

export class OrderPlacedResponse {
  @ApiProperty({ type: OrderResponse }) order!: OrderResponse;
  @ApiProperty({ type: [TradeResponse] }) trades!: TradeResponse[];
}

export class ListingPageResponse {
  @ApiProperty({ type: [ListingResponse] }) data!: ListingResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) data!: OrderResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class TradePageResponse {
  @ApiProperty({ type: [TradeResponse] }) data!: TradeResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CancelledResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
  @ApiProperty({ description: 'the remainder withdrawn' }) cancelledMinor!: number;
}

/** The seller's own listing carries its lot and compliance; anyone else sees the offer only. */
export function toListingResponse(view: ListingView, mine: boolean): ListingResponse {
  const offer: ListingResponse = {
    id: view.id,
    status: view.status,
    providerCode: view.providerCode,
    currency: view.currency,
    quantityMinor: n(view.quantityMinor),
    remainingMinor: n(view.remainingMinor),
    filledMinor: n(view.filledMinor),
    priceBps: view.priceBps,
    priceSchedule: view.priceSchedule,
    effectivePriceBps: view.effectivePriceBps,
    minFillMinor: n(view.minFillMinor),
    expiresAt: view.expiresAt.toISOString(),
    tradableUntil: view.tradableUntil.toISOString(),
    transferMethods: view.transferMethods,
    createdAt: view.createdAt.toISOString(),
  };
  if (!mine) return offer;
  return {
    ...offer,
    creditLotId: view.creditLotId,
    compliance: view.compliance ? toComplianceResponse(view.compliance) : null,
  };
}

export function toOrderResponse(view: OrderView): OrderResponse {
  return {
    ...view,
    quantityMinor: n(view.quantityMinor),
    filledMinor: n(view.filledMinor),
    remainingMinor: n(view.remainingMinor),
    minFillMinor: n(view.minFillMinor),
    goodTill: view.goodTill ? view.goodTill.toISOString() : null,
    createdAt: view.createdAt.toISOString(),
  };
}

export function toTradeResponse(view: TradeView, side: 'buy' | 'sell' | null): TradeResponse {
  return {
    id: view.id,
    status: view.status,
    side,
    providerCode: view.providerCode,
    currency: view.currency,
    quantityMinor: n(view.quantityMinor),
    priceBps: view.priceBps,
    grossMinor: n(view.grossMinor),
    feeMinor: n(view.feeMinor),
    sellerProceedsMinor: n(view.sellerProceedsMinor),
    transferMethod: view.transferMethod,
    requiresProviderApproval: view.requiresProviderApproval,
    daysToExpiry: view.daysToExpiry,
    listingId: view.listingId,
    orderId: view.orderId,
    executedAt: view.executedAt.toISOString(),
  };
}

export function toTradeDetailResponse(detail: TradeDetail, payment: PaymentState): TradeDetailResponse {
  return {
    ...toTradeResponse(detail, detail.side),
    timeline: detail.timeline.map((e) => ({
      status: e.status,
      at: e.at.toISOString(),
      actor: e.actor.type,
      reason: e.reason,
    })),
    payment: toPaymentResponse(payment),
    // Settlement fills this in.
    transfer: {},
  };
}
