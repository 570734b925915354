package org.simdact.bench;

import java.util.SplittableRandom;

/** Deterministic inputs, so every implementation and every run sees the same numbers. */
final class Inputs {

  /** One seed for every array of the suite: the same size gives the same values everywhere. */
  static final long SEED = 0x5EED_AC71L;

  /** Pre-activations of a typical layer stay well inside this range. */
  static final float RANGE = 10f;

  private Inputs() {}

  /** {@code size} floats uniform in [-10, 10), from {@code seed}. */
  static float[] uniform(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextDouble(-RANGE, RANGE);
    }
    return values;
  }
}
