// The shape of the generated digit-weights.ts, apart from the model so the generated file imports no code.
export interface DigitModelInfo {
  trainingSet: string;
  /** Units per layer, input first. */
  layers: number[];
  trainImages: number;
  heldOutImages: number;
  testImages: number;
  testAccuracy: number;
  temperature: number;
}

/** The generated module's shape: every tensor as base64 so the source stays small and exact. */
export interface DigitWeights {
  info: DigitModelInfo;
  /** Int8 weights of every layer, input-major ([in][out]), layer after layer. */
  weights: string;
  /** Float32 per-output-unit scales of the int8 weights, layer after layer. */
  scales: string;
  /** Float32 biases, layer after layer. */
  biases: string;
}
