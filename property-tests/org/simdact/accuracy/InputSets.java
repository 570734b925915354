package org.simdact.accuracy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.simdact.internal.ExpApprox;
import org.simdact.internal.TanhApprox;

/** The float inputs that a sampled sweep must not skip. */
public final class InputSets {

  private InputSets() {}

  /** The special values every report prints, by bit pattern. */
  public static final int[] SPECIAL_BITS = {
    0x7fc0_0000, // the canonical NaN
    0xffc0_0000, // NaN with the sign bit set
    0x7f80_0001, // signalling NaN with the smallest payload
    0x7f80_0000, // +infinity
    0xff80_0000, // -infinity
    0x0000_0000, // +0.0
    0x8000_0000, // -0.0
    0x0000_0001, // smallest subnormal
    0x8000_0001,
    0x007f_ffff, // largest subnormal
    0x807f_ffff,
    0x0080_0000, // smallest normal
    0x8080_0000,
    0x7f7f_ffff, // largest finite
    0xff7f_ffff,
    0x3f80_0000, // 1.0
    0xbf80_0000, // -1.0
  };

  /**
   * Where the functions change their behaviour, as positive floats; the samples take a
   * neighbourhood of each, with both signs.
   */
  static final float[] KINKS = {
    0f, // relu, leakyRelu, step and their gradients; also the start of the subnormals
    Float.MIN_NORMAL, // the subnormal boundary
    Float.MAX_VALUE, // the overflow boundary, and just past it infinity and the NaNs
    TanhApprox.SMALL, // tanh switches from the polynomial to the exponential form
    -ExpApprox.CUTOFF, // sigmoid's exponential is cut to zero
    -ExpApprox.CUTOFF / 2, // so is tanh's
    (float) -Math.log(0x1p-126), // sigmoid of -x becomes subnormal
    (float) (25 * Math.log(2)), // sigmoid rounds to 1 about here
    (float) (13 * Math.log(2)), // tanh rounds to 1 about here
    0.5f, // sigmoidBackward's maximum
    1f, // the ends of sigmoid's and tanh's ranges, zeros of the gradients
    (float) Math.sqrt(Float.MAX_VALUE), // y * y overflows in the gradients
    (float) Math.sqrt(Float.MIN_VALUE), // y * y underflows
  };

  /**
   * Every {@code stride}-th bit pattern, plus the special values, {@code radius} patterns on each
   * side of each kink (both signs), and the first and last {@code binadeEdge} patterns of every
   * binade. Sorting and removing duplicates is left to {@link Sweep.Patterns#of}.
   */
  public static int[] sampled(int stride, int radius, int binadeEdge) {
    IntStream.Builder out = IntStream.builder();
    for (long bits = 0; bits < 1L << 32; bits += stride) {
      out.add((int) bits);
    }
    Arrays.stream(SPECIAL_BITS).forEach(out::add);
    for (float kink : KINKS) {
      int center = Float.floatToRawIntBits(kink);
      for (int d = -radius; d <= radius; d++) {
        int bits = center + d;
        // below +0.0 the neighbourhood continues in the negative subnormals
        int magnitude = bits < 0 ? 0x8000_0000 | -bits : bits;
        out.add(magnitude);
        out.add(magnitude ^ 0x8000_0000);
      }
    }
    for (int exponent = 1; exponent <= 0xff; exponent++) {
      int first = exponent << 23;
      for (int d = -binadeEdge; d < binadeEdge; d++) {
        out.add(first + d);
        out.add((first + d) ^ 0x8000_0000);
      }
    }
    return out.build().toArray();
  }
}
