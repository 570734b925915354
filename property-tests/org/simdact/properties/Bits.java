package org.simdact.properties;

/** Comparisons of floats by their bits and in ulps, for assertion messages that show both. */
final class Bits {

  private Bits() {}

  /** Same value and sign; every NaN equals every NaN. */
  static boolean same(float x, float y) {
    return Float.floatToIntBits(x) == Float.floatToIntBits(y);
  }

  /** Index of the first element whose bits differ, or -1. */
  static int firstDifference(float[] x, float[] y) {
    if (x.length != y.length) {
      return Math.min(x.length, y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!same(x[i], y[i])) {
        return i;
      }
    }
    return -1;
  }

  static String show(float x) {
    return x + " (0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ")";
  }

  /**
   * An upper bound of the ulp of any value within k ulps of |x|: the ulp a few steps above it, so
   * that a value just below a power of two is judged by the larger ulp it may be rounded from.
   */
  static double ulpNear(float x, int k) {
    float up = Math.abs(x);
    for (int i = 0; i < k && up < Float.MAX_VALUE; i++) {
      up = Math.nextUp(up);
    }
    return Math.ulp(up);
  }
}
