import { auditActorOf, type Actor } from '@carryover/identity';
import type { TransitionActor } from '../state-machine/trade-state-machine.service';

/** An operator deciding a step. */
export function operatorStep(actor: Actor): TransitionActor {
  return { as: 'operator', audit: auditActorOf(actor) };
}

/** A member (or API key) of one side of the trade. */
export function partyStep(actor: Actor, side: 'buy' | 'sell'): TransitionActor {
  return { as: side === 'buy' ? 'buyer' : 'seller', audit: auditActorOf(actor) };
}
