import { formatDateTime } from '@layan/domain';

export interface StaffCitizen {
  id: string;
  name: string;
  nik: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  links: Array<{ tenantCode: string; regionCode: string; via: string; firstAt: string }>;
}

/** The record as the page shows it (times in WIB: citizens are national records). */
export function citizenView(c: StaffCitizen) {
  return {
    ...c,
    createdAt: formatDateTime(new Date(c.createdAt), 'Asia/Jakarta'),
    links: c.links.map((l) => ({ ...l, firstAt: formatDateTime(new Date(l.firstAt), 'Asia/Jakarta') })),
  };
}
