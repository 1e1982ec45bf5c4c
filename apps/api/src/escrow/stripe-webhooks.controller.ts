import { Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HandleStripeEventUseCase, PaymentGateway, WebhookSignatureError } from '@carryover/escrow';
import { Public } from '../auth/auth.decorators';
import type { RequestWithRawBody } from '../http/body-parsing';

/** Stripe's deliveries: verified over the raw body, stored by event id, processed once, then acknowledged. */
@ApiExcludeController()
@Public()
@Controller('v1/webhooks/stripe')
export class StripeWebhooksController {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly handle: HandleStripeEventUseCase,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  async receive(
    @Req() request: RequestWithRawBody,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true }> {
    if (!request.rawBody || !signature) throw new WebhookSignatureError('no body or no Stripe-Signature');
    await this.handle.execute(this.gateway.verifyWebhook(request.rawBody, signature));
    return { received: true };
  }
}
