export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface SessionOrganization {
  id: string;
  name: string;
  legalEntityName: string;
}

export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the token no longer works. */
  expiresAt: number;
  user: SessionUser;
  organization: SessionOrganization | null;
}

/** Keeps the session for this tab only (sessionStorage): closing the tab signs out. */
export class SessionStore {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
    private readonly key: string,
  ) {}

  /** The stored session, or null when there is none, it is unreadable, or it has expired. */
  load(now: number): Session | null {
    const raw = this.storage?.getItem(this.key);
    if (!raw) return null;
    try {
      const session = JSON.parse(raw) as Session;
      if (typeof session.accessToken !== 'string' || typeof session.expiresAt !== 'number') return null;
      if (session.expiresAt <= now) {
        this.clear();
        return null;
      }
      return session;
    } catch {
      this.clear();
      return null;
    }
  }

  save(session: Session): void {
    this.storage?.setItem(this.key, JSON.stringify(session));
  }

  clear(): void {
    this.storage?.removeItem(this.key);
  }
}
