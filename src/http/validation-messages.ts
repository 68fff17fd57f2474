import { z } from 'zod';

/**
 * What a failed check says, as the end of a sentence whose subject is the field: "is required",
 * "cannot be negative", "must be at most 200 characters". Answers name the field by its path
 * (`details.fields[].path`) beside this message, so a client puts the two together in its own
 * words (the web app: web/src/api/fieldMessages.ts) and places the sentence beside the field.
 * A schema's own message (`.min(8, 'must be at least 8 characters')`) wins over these.
 */
export function validationMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return 'is required';
      const expected: Record<string, string> = {
        number: 'must be a number',
        int: 'must be a whole number',
        string: 'must be text',
        boolean: 'must be true or false',
        array: 'must be a list',
        object: 'must be an object',
      };
      return expected[issue.expected] ?? `must be ${issue.expected}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'is required' : `must be at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return min <= 1 ? 'needs at least one entry' : `needs at least ${min} entries`;
      if (min === 0) return issue.inclusive === false ? 'must be more than 0' : 'cannot be negative';
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${max} entries`;
      return issue.inclusive === false ? `must be less than ${max}` : `cannot be more than ${max}`;
    }
    case 'invalid_format':
      return issue.format === 'email' ? 'must be an email address' : 'is not in the expected format';
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return undefined;
  }
}

z.config({ customError: validationMessage });
