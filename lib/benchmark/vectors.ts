import { gaussian, seededRng } from "./rng";

/**
 * Synthetic embeddings that behave like real ones for nearest-neighbour search:
 * Gaussian clusters on the unit sphere with a decaying (power-law) variance
 * spectrum. Real text embeddings are anisotropic with a low effective dimension;
 * uniform random vectors in 1024 dims are unrealistically hard and flat.
 * Cosine distance is rotation invariant, so an axis-aligned spectrum is as good
 * as a rotated one and much cheaper to draw.
 */

export interface Dataset {
  n: number;
  dim: number;
  /** Row-major, every row L2-normalised. */
  data: Float32Array;
  clusters: number;
}

export interface QuerySet {
  count: number;
  dim: number;
  vectors: Float32Array;
  /** Row of the data point each query was drawn near. */
  origins: Int32Array;
}

/** Spread of points around their cluster centre, relative to the centre's length. */
export const CLUSTER_SPREAD = 1.0;
/** Spread of a query around the data point it is drawn near (cosine to it ≈ 0.9). */
export const QUERY_SPREAD = 0.5;
/** Variance of dimension j ∝ 1/(j+1)^SPECTRUM_DECAY. */
export const SPECTRUM_DECAY = 1.0;

/** Per-dimension standard deviations, scaled so a draw has expected squared length 1. */
export function spectrum(dim: number): Float64Array {
  const scales = new Float64Array(dim);
  let total = 0;
  for (let j = 0; j < dim; j++) total += 1 / Math.pow(j + 1, SPECTRUM_DECAY);
  for (let j = 0; j < dim; j++) scales[j] = Math.sqrt(1 / Math.pow(j + 1, SPECTRUM_DECAY) / total);
  return scales;
}

/** Participation ratio (Σλ)²/Σλ² of the variance spectrum: the "effective" number of dimensions. */
export function effectiveDimension(dim: number): number {
  const scales = spectrum(dim);
  let sum = 0;
  let sumSquares = 0;
  for (const s of scales) {
    sum += s * s;
    sumSquares += s ** 4;
  }
  return (sum * sum) / sumSquares;
}

/** √n clusters of √n points each on average (10k → 100 clusters of 100). */
export function generateDataset(n: number, dim: number, seed = 1): Dataset {
  const normal = gaussian(seededRng(seed));
  const rng = seededRng(seed ^ 0x9e3779b9);
  const scales = spectrum(dim);
  const clusters = Math.max(2, Math.round(Math.sqrt(n)));
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = normal() * scales[i % dim];
  const data = new Float32Array(n * dim);
  for (let row = 0; row < n; row++) {
    const centre = Math.floor(rng() * clusters) * dim;
    const offset = row * dim;
    for (let j = 0; j < dim; j++) data[offset + j] = centres[centre + j] + CLUSTER_SPREAD * normal() * scales[j];
    normalise(data, offset, dim);
  }
  return { n, dim, data, clusters };
}

/** Queries drawn near random data points (not equal to them: a question is not a chunk). */
export function generateQueries(dataset: Dataset, count: number, seed = 2): QuerySet {
  const { dim, data } = dataset;
  const normal = gaussian(seededRng(seed));
  const rng = seededRng(seed ^ 0x85ebca6b);
  const scales = spectrum(dim);
  const vectors = new Float32Array(count * dim);
  const origins = new Int32Array(count);
  for (let q = 0; q < count; q++) {
    const origin = Math.floor(rng() * dataset.n);
    origins[q] = origin;
    for (let j = 0; j < dim; j++) vectors[q * dim + j] = data[origin * dim + j] + QUERY_SPREAD * normal() * scales[j];
    normalise(vectors, q * dim, dim);
  }
  return { count, dim, vectors, origins };
}

function normalise(values: Float32Array, offset: number, dim: number): void {
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += values[offset + j] * values[offset + j];
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < dim; j++) values[offset + j] /= norm;
}

/** Row `row` of a row-major matrix as the plain array hnswlib-node and LangChain expect. */
export function rowArray(values: Float32Array, dim: number, row: number): number[] {
  return Array.from(values.subarray(row * dim, (row + 1) * dim));
}

/** Exact top-k rows by inner product (= cosine on normalised rows), best first. */
export function exactTopK(dataset: Dataset, query: Float32Array, k: number): number[] {
  const { n, dim, data } = dataset;
  const bestRows: number[] = [];
  const bestScores: number[] = [];
  for (let row = 0; row < n; row++) {
    const offset = row * dim;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += data[offset + j] * query[j];
    if (bestRows.length === k && dot <= bestScores[k - 1]) continue;
    // Insertion into a short sorted list: k is small, so this beats a heap.
    let at = bestRows.length === k ? k - 1 : bestRows.length;
    while (at > 0 && bestScores[at - 1] < dot) {
      bestScores[at] = bestScores[at - 1];
      bestRows[at] = bestRows[at - 1];
      at--;
    }
    bestScores[at] = dot;
    bestRows[at] = row;
  }
  return bestRows;
}

/** |found ∩ truth| / |truth|. */
export function recall(found: ArrayLike<number>, truth: readonly number[]): number {
  const wanted = new Set(truth);
  let hits = 0;
  for (let i = 0; i < found.length; i++) if (wanted.has(found[i])) hits++;
  return truth.length ? hits / truth.length : 1;
}
