declare module 'vader-sentiment' {
  interface PolarityScores {
    /** Normalized sum of valences, −1 … 1. */
    compound: number;
    pos: number;
    neg: number;
    neu: number;
  }

  const vader: {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores };
  };
  export default vader;
}
