import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Stack, Text } from '@mantine/core';

/** The part of Stripe.js this page uses (loaded from Stripe at run time, so not a dependency). */
interface StripeCardElement {
  mount(element: HTMLElement): void;
  destroy(): void;
}
interface StripeJs {
  elements(): { create(type: 'card', options?: object): StripeCardElement };
  createPaymentMethod(data: { type: 'card'; card: StripeCardElement }): Promise<{
    paymentMethod?: { id: string };
    error?: { message?: string };
  }>;
  confirmCardPayment(clientSecret: string): Promise<{ error?: { message?: string } }>;
}
declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

const STRIPE_JS = 'https://js.stripe.com/v3';
let loading: Promise<void> | null = null;

/** Stripe.js must be loaded from Stripe itself (PCI); once per page. */
function loadStripeJs(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if (window.Stripe) return resolve();
    const script = document.createElement('script');
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = null;
      reject(new Error('Stripe could not be reached to take the card.'));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/**
 * A card field from Stripe Elements: the card number never touches Carryover. Paying turns it into a
 * payment method id for the API, and completes a bank's extra check (3-D Secure) when the API asks for one.
 */
export function StripeCardPayment({
  publishableKey,
  busy,
  onPaymentMethod,
}: {
  publishableKey: string;
  busy: boolean;
  onPaymentMethod(id: string): Promise<{ clientSecret: string | null; status: string } | undefined>;
}) {
  const mountRef = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ js: StripeJs; card: StripeCardElement } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let card: StripeCardElement | null = null;
    let cancelled = false;
    loadStripeJs()
      .then(() => {
        if (cancelled || !window.Stripe || !mountRef.current) return;
        const js = window.Stripe(publishableKey);
        card = js.elements().create('card', { hidePostalCode: true });
        card.mount(mountRef.current);
        setStripe({ js, card });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      card?.destroy();
    };
  }, [publishableKey]);

  const pay = async () => {
    if (!stripe) return;
    setError(null);
    const created = await stripe.js.createPaymentMethod({ type: 'card', card: stripe.card });
    if (created.error || !created.paymentMethod) {
      setError(created.error?.message ?? 'The card was not accepted.');
      return;
    }
    const payment = await onPaymentMethod(created.paymentMethod.id);
    if (payment?.clientSecret && payment.status === 'requires_payment') {
      const confirmed = await stripe.js.confirmCardPayment(payment.clientSecret);
      if (confirmed.error) setError(confirmed.error.message ?? 'The bank did not confirm the payment.');
    }
  };

  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Text size="sm">Card</Text>
      <Box
        ref={mountRef}
        p="sm"
        style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
      />
      <Button onClick={() => void pay()} loading={busy} disabled={!stripe}>
        Pay into escrow
      </Button>
    </Stack>
  );
}
