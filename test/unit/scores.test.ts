import { describe, expect, it } from 'vitest';
import { rice, wsjf } from '../../src/domain/scores.js';

describe('wsjf', () => {
  it('divides the cost of delay by the job size, to two decimals', () => {
    expect(wsjf({ businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4 })).toBe(4);
    expect(wsjf({ businessValue: 1, timeCriticality: 1, riskReduction: 0, jobSize: 3 })).toBe(0.67);
  });

  it('is null while an input is missing or the job has no size', () => {
    expect(wsjf({ businessValue: null, timeCriticality: 5, riskReduction: 3, jobSize: 4 })).toBeNull();
    expect(wsjf({ businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: null })).toBeNull();
    expect(wsjf({ businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 0 })).toBeNull();
  });

  it('accepts zeros in the cost of delay', () => {
    expect(wsjf({ businessValue: 0, timeCriticality: 0, riskReduction: 0, jobSize: 5 })).toBe(0);
  });
});

describe('rice', () => {
  it('multiplies reach, impact and confidence (a percentage) and divides by effort', () => {
    expect(rice({ reach: 1000, impact: 2, confidence: 80, effort: 4 })).toBe(400);
    expect(rice({ reach: 10, impact: 0.5, confidence: 50, effort: 3 })).toBe(0.83);
  });

  it('is null while an input is missing or there is no effort', () => {
    expect(rice({ reach: 1000, impact: 2, confidence: null, effort: 4 })).toBeNull();
    expect(rice({ reach: 1000, impact: 2, confidence: 80, effort: 0 })).toBeNull();
  });
});
