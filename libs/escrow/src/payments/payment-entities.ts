import { StripeEventEntity } from './stripe-event.entity';
import { TradePaymentEntity } from './trade-payment.entity';

export const PAYMENT_ENTITIES = [TradePaymentEntity, StripeEventEntity];
