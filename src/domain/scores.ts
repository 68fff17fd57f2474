/** Weighted Shortest Job First: cost of delay over job size (SAFe). Null when an input is missing. */
export function wsjf(input: {
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  jobSize: number | null;
}): number | null {
  const { businessValue, timeCriticality, riskReduction, jobSize } = input;
  if (businessValue == null || timeCriticality == null || riskReduction == null || !jobSize) return null;
  return round((businessValue + timeCriticality + riskReduction) / jobSize);
}

/** RICE: reach × impact × confidence (%) / effort. Null when an input is missing. */
export function rice(input: {
  reach: number | null;
  impact: number | null;
  confidence: number | null;
  effort: number | null;
}): number | null {
  const { reach, impact, confidence, effort } = input;
  if (reach == null || impact == null || confidence == null || !effort) return null;
  return round((reach * impact * (confidence / 100)) / effort);
}

const round = (n: number) => Math.round(n * 100) / 100;
