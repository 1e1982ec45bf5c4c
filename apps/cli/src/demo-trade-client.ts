import { randomUUID } from 'node:crypto';

export type Auth = Record<string, string>;

export interface TimelineEntry {
  status: string;
  at: string;
  actor: string;
  reason: string | null;
}

export interface DemoTrade {
  id: string;
  status: string;
  currency: string;
  grossMinor: number;
  feeMinor: number;
  sellerProceedsMinor: number;
  timeline: TimelineEntry[];
  waitingFor: string | null;
  escrow: { heldMinor: number; paidOutMinor: number; transfer: { transferId: string | null } | null };
}

/** A small JSON client for the public API; a non-2xx answer throws with the problem's code and detail. */
export class DemoTradeClient {
  constructor(private readonly baseUrl: string) {}

  async signIn(email: string, password: string): Promise<Auth> {
    const { accessToken } = await this.post<{ accessToken: string }>(
      '/v1/auth/login',
      {},
      { email, password },
    );
    return { Authorization: `Bearer ${accessToken}` };
  }

  get<T>(path: string, auth: Auth): Promise<T> {
    return this.request<T>('GET', path, auth);
  }

  post<T>(path: string, auth: Auth, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, auth, body);
  }

  /**
   * Polls the trade until it reaches `status`, handing each new timeline step to `onStep` as it appears;
   * fails after `timeoutMs`, naming where the trade stands and what it waits for.
   */
  async follow(
    tradeId: string,
    auth: Auth,
    status: string,
    onStep: (step: TimelineEntry, trade: DemoTrade) => void,
    seen: Set<string>,
    timeoutMs = 30_000,
  ): Promise<DemoTrade> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const trade = await this.get<DemoTrade>(`/v1/trades/${tradeId}`, auth);
      for (const step of trade.timeline) {
        const key = `${step.status}@${step.at}`;
        if (!seen.has(key)) {
          seen.add(key);
          onStep(step, trade);
        }
      }
      if (trade.status === status) return trade;
      if (Date.now() > deadline) {
        const waiting = trade.waitingFor ? `, waiting for ${trade.waitingFor}` : '';
        throw new Error(
          `trade ${tradeId} is ${trade.status}${waiting}, not ${status}: is the worker running?`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async request<T>(method: string, path: string, auth: Auth, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...auth,
          ...(body === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(
        `cannot reach ${this.baseUrl} (${(error as Error).message}): is \`npm run local\` running?`,
      );
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: string; detail?: string };
      throw new Error(
        `${method} ${path}: ${response.status} ${problem.code ?? ''} ${problem.detail ?? text}`,
      );
    }
    return parsed as T;
  }
}
