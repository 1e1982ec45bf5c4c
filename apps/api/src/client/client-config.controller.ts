import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PAYMENT_CLIENT_MODES, PaymentClientSettingsService } from '@carryover/escrow';
import { Public } from '../auth/auth.decorators';

export class TestPaymentMethodResponse {
  @ApiProperty({ example: 'pm_card_visa' }) id!: string;
  @ApiProperty({ example: 'Visa ending 4242 (succeeds)' }) label!: string;
}

export class PaymentClientResponse {
  @ApiProperty({
    enum: PAYMENT_CLIENT_MODES,
    description:
      'emulator: payments go to a Stripe emulator, pay with one of testPaymentMethods; stripe: collect the card ' +
      'with Stripe Elements and publishableKey; unavailable: payments are not configured',
  })
  mode!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Stripe publishable key (pk_...) in stripe mode',
  })
  publishableKey!: string | null;
  @ApiProperty({ type: [TestPaymentMethodResponse] }) testPaymentMethods!: TestPaymentMethodResponse[];
}

export class ClientConfigResponse {
  @ApiProperty({ example: 500, description: 'platform fee charged to the seller, in bps of a trade’s gross' })
  platformFeeBps!: number;
  @ApiProperty({ type: PaymentClientResponse }) payments!: PaymentClientResponse;
}

/** What a web app needs to know about this deployment before anyone signs in; nothing secret. */
@ApiTags('client')
@Public()
@Controller('v1/client-config')
export class ClientConfigController {
  constructor(
    private readonly config: ConfigService,
    private readonly payments: PaymentClientSettingsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ClientConfigResponse })
  get(): ClientConfigResponse {
    return {
      platformFeeBps: this.config.getOrThrow<number>('PLATFORM_FEE_BPS'),
      payments: this.payments.get(),
    };
  }
}
