import { useMemo } from 'react';
import { useApi } from '@carryover/web-ui';
import { operatorApi, type OperatorApi } from './operator-api';

export function useOperatorApi(): OperatorApi {
  const api = useApi();
  return useMemo(() => operatorApi(api), [api]);
}
