import { apiGet } from '$lib/server/api';
import { failPage, requireStaff } from '../../staff-session';
import { citizenView, type StaffCitizen } from '../citizen';
import type { PageServerLoad } from './$types';

// A citizen outside the caller's regions is answered 404 by the API, exactly like an unknown one:
// the page shows that status and message, never whether the citizen exists elsewhere.
export const load: PageServerLoad = async (event) => {
  await requireStaff(event);
  const result = await apiGet<StaffCitizen>(event, `/api/v1/staff/citizens/${encodeURIComponent(event.params.id)}`);
  if (!result.ok) failPage(result, event);
  return { citizen: citizenView(result.data) };
};
