package org.simdact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.simdact.FloatAssertions.assertSameFloats;
import static org.simdact.FloatAssertions.assertWithinUlps;

import org.junit.jupiter.api.Test;

/**
 * Typical calls of sigmoid and its gradient. Expected values are sigmoid's exact values, 1 / (1 +
 * e^-x), written to ten digits; the library promises 2 ulp.
 */
class SigmoidExamplesTest {

  @Test
  void sigmoidOfAWholeArray() {
    float[] x = {0f, 1f, -1f, 2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    float[] y = new float[x.length];

    Activations.sigmoid(x, y);

    // e / (1 + e) = 0.7310585786, 1 / (1 + e) = 0.2689414214, 1 / (1 + e^-2) = 0.8807970780
    float[] expected = {0.5f, 0.7310585786f, 0.2689414214f, 0.8807970780f, 1f, 0f};
    assertWithinUlps(expected, y, 2);
  }

  @Test
  void sigmoidOfARangeWritesOnlyTheDestinationRange() {
    float[] x = {9f, 0f, 0f, 9f};
    float[] y = {7f, 7f, 7f, 7f, 7f};

    Activations.sigmoid(x, 1, y, 2, 2);

    assertArrayEquals(new float[] {7f, 7f, 0.5f, 0.5f, 7f}, y);
  }

  @Test
  void sigmoidInPlace() {
    float[] a = {0f, -1f};

    Activations.sigmoid(a, a);

    assertWithinUlps(new float[] {0.5f, 0.2689414214f}, a, 2);
  }

  @Test
  void sigmoidBackwardIsDyTimesYTimesOneMinusY() {
    float[] y = {0.5f, 0.25f, 1f, 0f};
    float[] dy = {1f, 2f, 3f, 4f};
    float[] dx = new float[4];

    Activations.sigmoidBackward(y, dy, dx);

    // 1 * 0.5 * 0.5, 2 * 0.25 * 0.75, and zero at both ends: all exact in float
    assertSameFloats(new float[] {0.25f, 0.375f, 0f, 0f}, dx);
  }

  @Test
  void sigmoidBackwardOfRanges() {
    float[] y = {0f, 0.5f, 0f};
    float[] dy = {4f, 0f};
    float[] dx = {9f, 9f, 9f};

    Activations.sigmoidBackward(y, 1, dy, 0, dx, 2, 1);

    assertSameFloats(new float[] {9f, 9f, 1f}, dx);
  }
}
