/**
 * The parts of `natural` the NLU uses, loaded module by module. `import 'natural'` would also load
 * its storage back-ends (mongoose, pg, redis: about 1.5 s) and run dotenv, which reads ./.env into
 * process.env behind the config module's back; the deep paths avoid both.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** natural's BayesClassifier (backed by apparatus): sparse observations are `{ [i]: featureName }`. */
export interface NaturalBayesClassifier {
  docs: Array<{ label: string; text: string[] }>;
  features: Record<string, number>;
  classifier: {
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
  };
  addDocument(tokens: string[], label: string): void;
  train(): void;
  textToFeatures(tokens: string[]): unknown;
  getClassifications(tokens: string[]): Array<{ label: string; value: number }>;
}

export interface NaturalTfIdf {
  addDocument(tokens: string[]): void;
  idf(term: string, force?: boolean): number;
  documents: unknown[];
}

export const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new (
  stemmer?: unknown,
  smoothing?: number,
) => NaturalBayesClassifier;
export const TfIdf = require('natural/lib/natural/tfidf/tfidf.js') as new () => NaturalTfIdf;
export const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};
const distances = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  LevenshteinDistance: (a: string, b: string) => number;
  DamerauLevenshteinDistance: (a: string, b: string) => number;
};
export const LevenshteinDistance = distances.LevenshteinDistance;
/** Levenshtein with a swap of neighbours counting as one edit ("thnaks" is one edit from "thanks"). */
export const DamerauLevenshteinDistance = distances.DamerauLevenshteinDistance;
