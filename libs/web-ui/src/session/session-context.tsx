import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createApiClient, type ApiClient } from '../api/api-client';
import { SessionStore, type Session, type SessionOrganization, type SessionUser } from './session-store';

/** Sign-in worked, but this app is not for this account: the message says why and where to go instead. */
export class SignInRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInRefusedError';
  }
}

interface MeResponse {
  user: (SessionUser & { organizationId: string | null }) | null;
  organization: SessionOrganization | null;
  role: string;
}

export interface SessionContextValue {
  session: Session | null;
  api: ApiClient;
  /** Why the last session ended, for the sign-in page (expired, signed out, refused). */
  endedBecause: string | null;
  signIn(email: string, password: string): Promise<Session>;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The current token, read by the API client at request time (not during render). */
class TokenBox {
  constructor(private token: string | null) {}
  get(): string | null {
    return this.token;
  }
  set(token: string | null): void {
    this.token = token;
  }
}

export interface SessionProviderProps {
  /** sessionStorage key: one per app, so the console and the portal keep separate sessions. */
  storageKey: string;
  /** Roles this app is for; anyone else is refused with `refusal(me)`. */
  allowedRoles: readonly string[];
  refusal(account: { email: string; role: string; organization: string | null }): string;
  children: ReactNode;
}

/** The signed-in account, an API client that carries its token, and the session's end on expiry or a 401. */
export function SessionProvider({ storageKey, allowedRoles, refusal, children }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const store = useMemo(
    () => new SessionStore(typeof window === 'undefined' ? undefined : window.sessionStorage, storageKey),
    [storageKey],
  );
  const [session, setSession] = useState<Session | null>(() => store.load(Date.now()));
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const [tokens] = useState(() => new TokenBox(session?.accessToken ?? null));

  const signOut = useCallback(
    (reason?: string) => {
      store.clear();
      tokens.set(null);
      setSession(null);
      setEndedBecause(reason ?? null);
      queryClient.clear();
    },
    [store, queryClient, tokens],
  );

  const api = useMemo(
    () =>
      createApiClient({
        getToken: () => tokens.get(),
        onUnauthorized: () => {
          if (tokens.get()) signOut('Your session has expired. Sign in again.');
        },
      }),
    [signOut, tokens],
  );

  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(
      () => signOut('Your session has expired. Sign in again.'),
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const signIn = useCallback(
    async (email: string, password: string): Promise<Session> => {
      const login = await api.post<{ accessToken: string; expiresIn: number }>(
        '/v1/auth/login',
        { email, password },
        { anonymous: true },
      );
      const me = await api.get<MeResponse>('/v1/me', undefined, { token: login.accessToken });
      if (!me.user || !allowedRoles.includes(me.role)) {
        throw new SignInRefusedError(
          refusal({ email, role: me.role, organization: me.organization?.name ?? null }),
        );
      }
      const started: Session = {
        accessToken: login.accessToken,
        expiresAt: Date.now() + login.expiresIn * 1000,
        user: { id: me.user.id, email: me.user.email, name: me.user.name, role: me.role },
        organization: me.organization
          ? {
              id: me.organization.id,
              name: me.organization.name,
              legalEntityName: me.organization.legalEntityName,
            }
          : null,
      };
      store.save(started);
      tokens.set(started.accessToken);
      setEndedBecause(null);
      setSession(started);
      return started;
    },
    [api, allowedRoles, refusal, store, tokens],
  );

  const value = useMemo(
    () => ({ session, api, endedBecause, signIn, signOut }),
    [session, api, endedBecause, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider above it');
  return value;
}

/** The API client of the signed-in session. */
export function useApi(): ApiClient {
  return useSession().api;
}
