import { log } from './console';

export interface StopRequest {
  code: number;
  reason: string;
}

/** Thrown out of the start-up sequence once a stop has been requested. */
export class Interrupted extends Error {}

interface Running {
  name: string;
  stop: () => Promise<void>;
}

/**
 * Owns everything `npm run local` started: stops it in reverse order on Ctrl-C, or when a process that
 * should keep running exits by itself (then the exit code is non-zero).
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private request?: StopRequest;
  private announce!: (request: StopRequest) => void;
  /** Settles with the first stop request. */
  readonly stopRequested = new Promise<StopRequest>((resolve) => (this.announce = resolve));

  get stopping(): boolean {
    return this.request !== undefined;
  }

  /** Registers a started process; if `exited` settles before a stop was requested, everything stops. */
  add(
    name: string,
    stop: () => Promise<void>,
    exited?: Promise<{ code: number | null; signal: string | null }>,
  ): void {
    this.running.push({ name, stop });
    void exited?.then(({ code, signal }) => {
      this.requestStop(`${name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`})`, 1);
    });
  }

  remove(name: string): void {
    const index = this.running.findIndex((entry) => entry.name === name);
    if (index >= 0) this.running.splice(index, 1);
  }

  requestStop(reason: string, code: number): void {
    if (this.request) return;
    this.request = { code, reason };
    log(`${reason}; stopping`);
    this.announce(this.request);
  }

  throwIfStopping(): void {
    if (this.request) throw new Interrupted(this.request.reason);
  }

  /** The exit code for the request made so far (1 when none: an error ended the start-up). */
  exitCode(): number {
    return this.request?.code ?? 1;
  }

  async stopAll(): Promise<void> {
    for (const entry of this.running.splice(0).reverse()) {
      try {
        await entry.stop();
      } catch (error) {
        log(`could not stop ${entry.name}: ${(error as Error).message}`);
      }
    }
  }
}
