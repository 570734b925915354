package org.simdact.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.simdact.Activations;
import org.simdact.internal.Kernels;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.vector.VectorKernels;
import org.simdact.oracle.Float64Oracle;
import org.simdact.properties.Slices.Buffers;
import org.simdact.properties.Slices.Placement;

/** The elementwise functions of {@link Elementwise}, forward and backward, all from one table. */
class ElementwiseProperties {

  /** One function of the table with its arguments. */
  record Call(Elementwise function, Slices slices) {

    Buffers run(Kernels kernels) {
      Buffers buffers = slices.buffers();
      function.kernel.apply(
          kernels,
          buffers.a(),
          buffers.aPos(),
          buffers.b(),
          buffers.bPos(),
          buffers.out(),
          buffers.outPos(),
          slices.length());
      return buffers;
    }

    Buffers runPublic() {
      Buffers buffers = slices.buffers();
      function.publicApi.apply(
          buffers.a(),
          buffers.aPos(),
          buffers.b(),
          buffers.bPos(),
          buffers.out(),
          buffers.outPos(),
          slices.length());
      return buffers;
    }
  }

  @Provide
  Arbitrary<Call> callsOnAnyFloats() {
    return Arbitraries.of(Elementwise.class)
        .flatMap(
            f ->
                Slices.of(
                        f.arity,
                        FloatArbitraries.anyFloat(),
                        FloatArbitraries.anyFloat(),
                        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
                    .map(s -> new Call(f, s)));
  }

  @Provide
  Arbitrary<Call> callsOnTheirDomains() {
    return Arbitraries.of(Elementwise.class)
        .flatMap(
            f ->
                Slices.of(
                        f.arity,
                        f.domain.get(),
                        FloatArbitraries.anyFloat(),
                        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
                    .map(s -> new Call(f, s)));
  }

  @Property(tries = 3000)
  void vectorKernelsGiveTheSameBitsAsScalarKernels(@ForAll("callsOnAnyFloats") Call call) {
    Buffers scalar = call.run(ScalarKernels.INSTANCE);
    Buffers vector = call.run(VectorKernels.INSTANCE);

    assertSameBits("output", scalar.out(), vector.out(), call);
    assertSameBits("first input", scalar.a(), vector.a(), call);
    assertSameBits("second input", scalar.b(), vector.b(), call);
    assertOnlyTheOutputRangeChanged(call.slices(), vector);
  }

  @Property(tries = 3000)
  void everyFunctionIsWithinItsBoundOfTheFloat64Reference(
      @ForAll("callsOnTheirDomains") Call call) {
    Buffers result = call.runPublic();
    Slices s = call.slices();
    Elementwise f = call.function();

    for (int i = 0; i < s.length(); i++) {
      float actual = result.out()[result.outPos() + i];
      double exact = f.reference.applyAsDouble(s.a()[i], s.b()[i]);
      String where =
          f + " at index " + i + " of a=" + Bits.show(s.a()[i])
              + (f.arity == 2 ? ", b=" + Bits.show(s.b()[i]) : "")
              + ": expected " + exact + ", got " + Bits.show(actual);
      if (f.ulpBound == 0) {
        assertTrue(Bits.same(actual, (float) exact), "not exact: " + where);
      } else {
        double error = Float64Oracle.ulpError(actual, exact);
        assertTrue(error <= f.ulpBound, error + " ulp, over " + f.ulpBound + ": " + where);
      }
    }
    assertOnlyTheOutputRangeChanged(s, result);
  }

  @Property(tries = 300)
  void stepBackwardIsPositiveZeroWhateverTheUpstreamGradient(
      @ForAll("anyFloatArrays") float[] dy, @ForAll("positions") int dyPos,
      @ForAll("positions") int dxPos, @ForAll boolean inPlace) {
    Slices s =
        new Slices(dy, dy, dyPos, dyPos, dxPos, inPlace ? Placement.OVER_FIRST_INPUT
            : Placement.OWN_ARRAY);
    Buffers b = s.buffers();

    Activations.stepBackward(b.a(), b.aPos(), b.out(), b.outPos(), dy.length);

    for (int i = 0; i < dy.length; i++) {
      assertEquals(0, Float.floatToRawIntBits(b.out()[b.outPos() + i]), "dx at " + i);
    }
    assertOnlyTheOutputRangeChanged(s, b);
  }

  @Provide
  Arbitrary<float[]> anyFloatArrays() {
    return FloatArbitraries.arrays(
        FloatArbitraries.anyFloat(), FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return FloatArbitraries.positions();
  }

  private static void assertSameBits(String what, float[] scalar, float[] vector, Call call) {
    int i = Bits.firstDifference(scalar, vector);
    if (i >= 0) {
      fail(
          call.function() + ", " + what + " array differs at index " + i + ": scalar "
              + Bits.show(scalar[i]) + ", vector " + Bits.show(vector[i]));
    }
  }

  /**
   * Inputs keep their elements, and the output array holds only padding outside its range (in
   * place or not, everything outside the ranges was padding).
   */
  static void assertOnlyTheOutputRangeChanged(Slices s, Buffers after) {
    Buffers before = s.buffers();
    int n = s.length();
    if (after.out() != after.a()) {
      assertEquals(0, Bits.firstDifference(before.a(), after.a()) + 1, "first input changed");
    }
    if (after.out() != after.b()) {
      assertEquals(0, Bits.firstDifference(before.b(), after.b()) + 1, "second input changed");
    }
    float[] out = after.out();
    for (int i = 0; i < out.length; i++) {
      boolean inRange = i >= after.outPos() && i < after.outPos() + n;
      if (!inRange && !Bits.same(out[i], Slices.PADDING)) {
        fail("written outside the output range at index " + i + ": " + Bits.show(out[i]));
      }
    }
  }
}
