import { createWorkCalendar, timeZoneOfRegion, type TimeZoneName, type WorkCalendar } from '@layan/domain';

const CALENDARS = new Map<TimeZoneName, WorkCalendar>();

/**
 * The working-day calendar of a tenant: national holidays and cuti bersama in the tenant's zone.
 * Tenants' own days off are not stored yet (docs/COMPLAINTS.md, limits).
 */
export function tenantCalendar(tenantCode: string): WorkCalendar {
  const zone = timeZoneOfRegion(tenantCode) ?? 'Asia/Jakarta';
  let calendar = CALENDARS.get(zone);
  if (!calendar) CALENDARS.set(zone, (calendar = createWorkCalendar({ timeZone: zone })));
  return calendar;
}

/** Absolute URL of a public page under `base` (env LAYAN_PUBLIC_URL, else http://localhost:3000). */
export function absoluteUrl(base: string | undefined, path: string): string {
  return `${(base ?? 'http://localhost:3000').replace(/\/+$/, '')}${path}`;
}
