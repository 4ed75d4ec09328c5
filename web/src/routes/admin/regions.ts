import type { RequestEvent } from '@sveltejs/kit';
import type { TimeZoneName } from '@layan/domain';
import { apiGet } from '$lib/server/api';

interface RegionDetail {
  code: string;
  name: string;
  timeZone: TimeZoneName;
}

/** Names (and time zones) of region codes, for showing grants: "35.10 Kabupaten Banyuwangi". */
export async function regionsByCode(event: RequestEvent, codes: Iterable<string | null>) {
  const unique = [...new Set([...codes].filter((c): c is string => !!c))];
  const found = await Promise.all(
    unique.map((code) => apiGet<RegionDetail>(event, `/api/v1/regions/${encodeURIComponent(code)}`)),
  );
  const map = new Map<string, RegionDetail>();
  for (const result of found) if (result.ok) map.set(result.data.code, result.data);
  return map;
}
