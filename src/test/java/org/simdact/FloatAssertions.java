package org.simdact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on floats by their bits or their distance in ulps, with readable failures. */
final class FloatAssertions {

  private FloatAssertions() {}

  /** The same float, bit for bit: +0.0 and -0.0 differ; any NaN matches any NaN. */
  static void assertSameFloat(float expected, float actual, String what) {
    if (Float.isNaN(expected)) {
      assertTrue(Float.isNaN(actual), () -> what + ": expected NaN, was " + describe(actual));
      return;
    }
    assertEquals(
        Float.floatToRawIntBits(expected),
        Float.floatToRawIntBits(actual),
        () -> what + ": expected " + describe(expected) + ", was " + describe(actual));
  }

  static void assertSameFloats(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertSameFloat(expected[i], actual[i], "element " + i);
    }
  }

  /** {@code actual} is at most {@code ulps} float steps away from {@code expected}. */
  static void assertWithinUlps(float expected, float actual, int ulps, String what) {
    if (!Float.isFinite(expected) || !Float.isFinite(actual)) {
      fail(what + ": expected " + describe(expected) + ", was " + describe(actual));
    }
    long distance = Math.abs(ordered(expected) - ordered(actual));
    assertTrue(
        distance <= ulps,
        () -> what + ": expected " + describe(expected) + " within " + ulps + " ulp, was "
            + describe(actual) + " (" + distance + " ulp away)");
  }

  static void assertWithinUlps(float[] expected, float[] actual, int ulps) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertWithinUlps(expected[i], actual[i], ulps, "element " + i);
    }
  }

  static String describe(float x) {
    return x + " (0x" + String.format("%08x", Float.floatToRawIntBits(x)) + ")";
  }

  /** Floats mapped to integers in the same order, adjacent floats one apart (-0.0 == +0.0). */
  private static long ordered(float x) {
    int bits = Float.floatToRawIntBits(x);
    return bits >= 0 ? bits : -(long) (bits & 0x7fff_ffff);
  }
}
