import { invalidRequest, noSuch } from '../errors';
import { newId, token, unixNow } from '../ids';
import { listOf, listParams } from '../lists';
import type { Account, AccountLink, CapabilityStatus } from '../objects';
import { allowOnly, metadata, optionalEnum, optionalObject, optionalString, requireString } from '../params';
import { type ApiRequest, type EmulatorContext, route, type Route, snapshot } from '../router';

const CREATE_PARAMS = [
  'type',
  'controller',
  'country',
  'email',
  'business_type',
  'business_profile',
  'capabilities',
  'default_currency',
  'metadata',
];
const CURRENCY_BY_COUNTRY: Record<string, string> = { US: 'usd', GB: 'gbp', CA: 'cad', AU: 'aud', CH: 'chf' };
const ONBOARDING_REQUIREMENTS = [
  'business_type',
  'external_account',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];
const LINK_LIFETIME_SECONDS = 300;

function find(context: EmulatorContext, id: string, param = 'id'): Account {
  const account = context.store.accounts.get(id);
  if (!account) throw noSuch('account', id, param);
  return account;
}

/** Requested capabilities (`capabilities[transfers][requested]=true`) start inactive until onboarding. */
function requestedCapabilities(request: ApiRequest, type: Account['type']): Record<string, CapabilityStatus> {
  const requested: Record<string, CapabilityStatus> = {};
  for (const [name, value] of Object.entries(optionalObject(request.params, 'capabilities') ?? {})) {
    if (typeof value === 'object' && !Array.isArray(value) && value.requested === 'true')
      requested[name] = 'inactive';
  }
  if (type !== 'standard' && Object.keys(requested).length === 0) {
    throw invalidRequest(`Accounts of type ${type} must request at least one capability, e.g. transfers.`, {
      param: 'capabilities',
    });
  }
  return requested;
}

function create(context: EmulatorContext, request: ApiRequest): object {
  const { params } = request;
  allowOnly(params, CREATE_PARAMS);
  const type = optionalEnum(params, 'type', ['express', 'standard', 'custom'] as const) ?? 'standard';
  const country = (optionalString(params, 'country') ?? 'US').toUpperCase();
  const account: Account = {
    id: newId('acct'),
    object: 'account',
    business_type: optionalString(params, 'business_type') ?? null,
    capabilities: requestedCapabilities(request, type),
    charges_enabled: false,
    country,
    created: unixNow(),
    default_currency: optionalString(params, 'default_currency') ?? CURRENCY_BY_COUNTRY[country] ?? 'eur',
    details_submitted: false,
    email: optionalString(params, 'email') ?? null,
    metadata: metadata(params),
    payouts_enabled: false,
    requirements: {
      currently_due: [...ONBOARDING_REQUIREMENTS],
      eventually_due: [...ONBOARDING_REQUIREMENTS],
      disabled_reason: 'requirements.past_due',
    },
    type,
  };
  context.store.accounts.set(account.id, account);
  return snapshot(account);
}

function createLink(context: EmulatorContext, request: ApiRequest): object {
  const { params } = request;
  allowOnly(params, ['account', 'type', 'refresh_url', 'return_url', 'collect', 'collection_options']);
  const account = find(context, requireString(params, 'account'), 'account');
  optionalEnum(params, 'type', ['account_onboarding', 'account_update'] as const);
  requireString(params, 'type');
  const refreshUrl = requireString(params, 'refresh_url');
  const returnUrl = requireString(params, 'return_url');
  const created = unixNow();
  const linkToken = token(32);
  const expiresAt = created + LINK_LIFETIME_SECONDS;
  context.store.accountLinks.set(linkToken, {
    account: account.id,
    refreshUrl,
    returnUrl,
    expiresAt,
    used: false,
  });
  const link: AccountLink = {
    object: 'account_link',
    created,
    expires_at: expiresAt,
    url: `${context.baseUrl}/setup/e/${account.id}/${linkToken}`,
  };
  return link;
}

/**
 * A visit to an account link: completes onboarding (charges and payouts enabled, requested capabilities
 * active, `account.updated` sent) and redirects to return_url. Links are single-use and expire, as Stripe's
 * do; a spent or expired link redirects to refresh_url instead. Undefined when the link is unknown.
 */
export function visitAccountLink(context: EmulatorContext, linkToken: string): string | undefined {
  const link = context.store.accountLinks.get(linkToken);
  if (!link) return undefined;
  if (link.used || unixNow() > link.expiresAt) return link.refreshUrl;
  link.used = true;
  const account = context.store.accounts.get(link.account);
  if (!account) return link.refreshUrl;
  if (!account.details_submitted) {
    const previous = snapshot({
      capabilities: account.capabilities,
      charges_enabled: account.charges_enabled,
      details_submitted: account.details_submitted,
      payouts_enabled: account.payouts_enabled,
      requirements: account.requirements,
    });
    for (const name of Object.keys(account.capabilities)) account.capabilities[name] = 'active';
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.details_submitted = true;
    account.requirements = { currently_due: [], eventually_due: [], disabled_reason: null };
    context.emit(null, 'account.updated', snapshot(account), {
      previousAttributes: previous,
      account: account.id,
    });
  }
  return link.returnUrl;
}

export const accountRoutes: Route[] = [
  route('POST', '/v1/accounts', create),
  route('GET', '/v1/accounts', (context, request) => {
    allowOnly(request.params, listParams());
    return listOf(context.store.accounts.values(), request.params, '/v1/accounts', 'account');
  }),
  route('GET', '/v1/accounts/:id', (context, _request, id) => snapshot(find(context, id))),
  route('POST', '/v1/accounts/:id', (context, request, id) => {
    allowOnly(request.params, ['metadata', 'email', 'business_profile']);
    const account = find(context, id);
    account.metadata = metadata(request.params, account.metadata);
    account.email = optionalString(request.params, 'email') ?? account.email;
    return snapshot(account);
  }),
  route('POST', '/v1/account_links', createLink),
];
