import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PAYMENT_STATUSES, type PaymentState } from '@carryover/escrow';

export class PayTradeDto {
  @ApiProperty({ example: 'pm_card_visa', description: 'a payment method id from Stripe.js (pm_...)' })
  @IsString()
  @MaxLength(255)
  @Matches(/^pm_[A-Za-z0-9_]+$/, { message: 'paymentMethodId must be a payment method id (pm_...)' })
  paymentMethodId!: string;
}

export class PaymentErrorResponse {
  @ApiProperty({ example: 'generic_decline' }) code!: string;
  @ApiProperty({ example: 'Your card was declined.' }) message!: string;
}

export class PaymentResponse {
  @ApiProperty({
    enum: PAYMENT_STATUSES,
    description: 'processing until the provider confirms; failed after a decline (the buyer may pay again)',
  })
  status!: string;
  @ApiProperty({ type: String, nullable: true }) paymentIntentId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'for Stripe.js; only in the pay response' })
  clientSecret!: string | null;
  @ApiProperty({ description: 'attempts made so far' }) attempts!: number;
  @ApiPropertyOptional({
    type: PaymentErrorResponse,
    nullable: true,
    description: 'why the last attempt failed',
  })
  lastError!: PaymentErrorResponse | null;
}

export function toPaymentResponse(state: PaymentState): PaymentResponse {
  return { ...state };
}
