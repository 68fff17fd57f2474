/**
 * The server's validation details in words people read: each field the server refused comes with
 * its path ("name", "endDate", "states.0.wipLimit") and the end of a sentence ("is required",
 * "cannot be negative"; src/http/validation-messages.ts). Here the two become one sentence
 * naming the field — "Name is required", "Estimate cannot be negative" — for the form to show
 * beside that field. This is the one place the web app words them.
 */

/** Field names whose words are not their camelCase split. */
const LABELS: Record<string, string> = {
  wipLimit: 'WIP limit',
  token: 'Setup token',
  parentKey: 'Epic',
  assigneeId: 'Assignee',
  sprintId: 'Sprint',
  releaseId: 'Release',
  stateId: 'State',
  userId: 'Person',
  targetDate: 'Target date',
  riceReach: 'Reach',
  riceImpact: 'Impact',
  riceConfidence: 'Confidence',
  riceEffort: 'Effort',
  businessValue: 'Business value',
  timeCriticality: 'Time criticality',
  riskReduction: 'Risk reduction',
  jobSize: 'Job size',
  email: 'Email',
  key: 'Key',
};

/** Whole sentences for refusals that read better told as what happened. */
const SENTENCES: Array<{ path: RegExp; message: RegExp; sentence: string }> = [
  { path: /(^|\.)endDate$/, message: /before startDate/, sentence: 'The sprint ends before it starts' },
];

/** "endDate" → "End date"; the last meaningful segment of a path names the field. */
export function fieldLabel(path: string): string {
  const name =
    path
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .at(-1) ?? path;
  if (LABELS[name]) return LABELS[name];
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One field's refusal as a sentence naming it. */
export function fieldSentence(path: string, message: string): string {
  const special = SENTENCES.find((s) => s.path.test(path) && s.message.test(message));
  if (special) return special.sentence;
  // A predicate ("is required", "must be at most 200 characters") takes the field as its subject.
  if (/^(is|are|must|cannot|can|needs|has|should|was)\b/.test(message)) return `${fieldLabel(path)} ${message}`;
  // Anything else is already a sentence of its own.
  return message.charAt(0).toUpperCase() + message.slice(1);
}
