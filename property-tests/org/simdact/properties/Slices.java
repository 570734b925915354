package org.simdact.properties;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The arguments of one array call: the elements of one or two inputs, where they sit in their
 * arrays, and where the output goes, possibly over an input (in place).
 *
 * @param a the elements of the first input
 * @param b the elements of the second input (same length as a), unused by unary calls
 * @param aPos where a starts in its array
 * @param bPos where b starts in its array
 * @param outPos where the output starts when it has its own array
 * @param placement whether the output has its own array or overwrites an input
 */
record Slices(float[] a, float[] b, int aPos, int bPos, int outPos, Placement placement) {

  enum Placement {
    OWN_ARRAY,
    OVER_FIRST_INPUT,
    OVER_SECOND_INPUT
  }

  /** What is around each range: a value no kernel maps to itself, so stray writes show. */
  static final float PADDING = -7.25f;

  private static final int TRAILING_PADDING = 3;

  static Arbitrary<Slices> of(
      int arity, Arbitrary<Float> first, Arbitrary<Float> second, Arbitrary<Integer> lengths) {
    Arbitrary<Placement> placements =
        arity == 1
            ? Arbitraries.of(Placement.OWN_ARRAY, Placement.OVER_FIRST_INPUT)
            : Arbitraries.of(Placement.class);
    return lengths.flatMap(
        n ->
            Combinators.combine(
                    first.array(float[].class).ofSize(n),
                    second.array(float[].class).ofSize(n),
                    FloatArbitraries.positions(),
                    FloatArbitraries.positions(),
                    FloatArbitraries.positions(),
                    placements)
                .as(Slices::new));
  }

  int length() {
    return a.length;
  }

  /** Fresh arrays laid out as described, for one call. */
  Buffers buffers() {
    float[] aArray = padded(a, aPos);
    float[] bArray = padded(b, bPos);
    return switch (placement) {
      case OWN_ARRAY ->
          new Buffers(aArray, aPos, bArray, bPos, padded(new float[a.length], outPos), outPos);
      case OVER_FIRST_INPUT -> new Buffers(aArray, aPos, bArray, bPos, aArray, aPos);
      case OVER_SECOND_INPUT -> new Buffers(aArray, aPos, bArray, bPos, bArray, bPos);
    };
  }

  private static float[] padded(float[] elements, int pos) {
    float[] array = new float[pos + elements.length + TRAILING_PADDING];
    Arrays.fill(array, PADDING);
    System.arraycopy(elements, 0, array, pos, elements.length);
    return array;
  }

  @Override
  public String toString() {
    return "Slices[a=" + Arrays.toString(a) + ", b=" + Arrays.toString(b) + ", aPos=" + aPos
        + ", bPos=" + bPos + ", outPos=" + outPos + ", placement=" + placement + "]";
  }

  /** The arrays of one call; out may be the array of a or b. */
  record Buffers(float[] a, int aPos, float[] b, int bPos, float[] out, int outPos) {}
}
