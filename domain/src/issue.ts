/**
 * A problem found in input, in the shape every rule returns: a stable UPPER_SNAKE code that
 * callers branch on, an Indonesian message shown first, and the English one beside it.
 */
export interface DomainIssue {
  code: string;
  message: string;
  messageEn: string;
}
