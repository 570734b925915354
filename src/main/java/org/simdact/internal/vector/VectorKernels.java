package org.simdact.internal.vector;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.simdact.internal.ExpApprox;
import org.simdact.internal.Kernels;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.TanhApprox;

/**
 * The vector kernels, on the preferred float species of the CPU (capped at 512 bits). Every
 * per-vector function performs, lane by lane, the same float operations in the same order as its
 * twin in {@link ScalarKernels}, so the results are bit-identical. The last partial vector of an
 * array is handled with masked loads and stores, never by a scalar loop.
 *
 * <p>This is the only class of the library that uses {@code jdk.incubator.vector}; it is loaded
 * only after the module has been found.
 */
public final class VectorKernels implements Kernels {

  static final VectorSpecies<Float> SPECIES =
      FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
          ? FloatVector.SPECIES_512
          : FloatVector.SPECIES_PREFERRED;

  static final int LANES = SPECIES.length();

  /** The int species of the same shape, for the bit operations on floats. */
  static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);

  /**
   * The species of the softmax sums: the eight interleaved partial sums of {@link ScalarKernels}
   * fit one 256-bit vector or two 128-bit ones. Wider CPUs sum in 256-bit vectors.
   */
  static final VectorSpecies<Float> SUM_SPECIES =
      LANES > ScalarKernels.SUM_LANES ? FloatVector.SPECIES_256 : SPECIES;

  static final int SUM_VECTOR_LANES = SUM_SPECIES.length();

  /** Vectors per group of {@link ScalarKernels#SUM_LANES} interleaved partial sums. */
  private static final int GROUP = ScalarKernels.SUM_LANES / SUM_VECTOR_LANES;

  public static final VectorKernels INSTANCE = new VectorKernels();

  /** Lane indices 0, 1, 2, ... as floats; comparing them with a count gives a tail mask. */
  private static final FloatVector IOTA = FloatVector.zero(SPECIES).addIndex(1);

  private static final FloatVector SUM_IOTA = FloatVector.zero(SUM_SPECIES).addIndex(1);
  private static final FloatVector NEGATIVE_INFINITY =
      FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);

  private VectorKernels() {}

  /** True when this CPU's float species fits the interleaved softmax sums. */
  public static boolean supported() {
    return LANES == 4 || LANES == 8 || LANES == 16;
  }

  public static int vectorBitSize() {
    return SPECIES.vectorBitSize();
  }

  public static int lanes() {
    return LANES;
  }

  /** The twin of {@link ExpApprox#twoToTheNPlus32}. */
  private static FloatVector twoToTheNPlus32(FloatVector biased) {
    return biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
  }

  // ---- elementwise kernels ----
  //
  // Loops that end on a partial vector count vectors, not elements: an element index stepped
  // past the end would overflow for arrays within a vector of Integer.MAX_VALUE.
  //
  // The long kernels are each written out in one method, longer than the 325 bytes of bytecode
  // up to which C2 inlines a hot method into its caller. Inlined into a large caller (a JMH
  // benchmark loop, after a deoptimization) a kernel exhausted C2's node budget, its own helpers
  // were left as calls, and their vectors were boxed: 48 bytes and a 30-fold slowdown per element.
  //
  // Short kernels have a loop of whole vectors and a masked last step. Long ones (sigmoid, tanh,
  // the exponentials of softmax) keep one copy of their arithmetic and let the last, partial
  // vector take masked branches for its load and store: a second copy can exceed C2's inlining
  // budget, and a vector that crosses a call that was not inlined is boxed on the heap. For short
  // kernels the branch costs more than the copy (about 40% at 4K floats).
  //
  // The long kernels broadcast their constants into local variables before the loop: sigmoid and
  // tanh measured 15 to 40% faster at 4K floats than with static final vectors used in the loop,
  // which C2 appears to re-read from their constant objects at each use. The kernels repeat the
  // broadcasts rather than share them: a small holder object with the vectors as final fields,
  // created once per call, measured 15% slower at 4K floats and was not scalar-replaced.

  @Override
  public void step(float threshold, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector limit = FloatVector.broadcast(SPECIES, threshold);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      FloatVector y = zero.blend(one, x.compare(GT, limit));
      y.blend(x, x.compare(NE, x)).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      FloatVector y = zero.blend(one, x.compare(GT, limit));
      y.blend(x, x.compare(NE, x)).intoArray(dst, dstPos + i, m);
    }
  }

  /**
   * The twin of {@link ScalarKernels#sigmoid(float)}, written out in the loop (see the note on
   * kernel size above).
   */
  @Override
  public void sigmoid(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    // constants broadcast into locals (see the note above)
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector cutoff = FloatVector.broadcast(SPECIES, ExpApprox.CUTOFF);
    FloatVector log2e = FloatVector.broadcast(SPECIES, ExpApprox.LOG2E);
    FloatVector magicBias = FloatVector.broadcast(SPECIES, ExpApprox.MAGIC_BIAS);
    FloatVector minusLn2Hi = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_HI);
    FloatVector minusLn2Lo = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_LO);
    FloatVector c3 = FloatVector.broadcast(SPECIES, ExpApprox.C3);
    FloatVector c4 = FloatVector.broadcast(SPECIES, ExpApprox.C4);
    FloatVector c5 = FloatVector.broadcast(SPECIES, ExpApprox.C5);
    FloatVector c6 = FloatVector.broadcast(SPECIES, ExpApprox.C6);
    FloatVector half = FloatVector.broadcast(SPECIES, 0.5f);
    FloatVector twoPowMinus32 = FloatVector.broadcast(SPECIES, ExpApprox.TWO_POW_MINUS_32);
    IntVector signBit = IntVector.broadcast(INT_SPECIES, 0x8000_0000);
    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SPECIES, src, srcPos + i)
          : FloatVector.fromArray(SPECIES, src, srcPos + i, IOTA.compare(LT, length - i));

      FloatVector t = x.reinterpretAsInts().or(signBit).reinterpretAsFloats(); // t = -|x|
      FloatVector biased = t.fma(log2e, magicBias);
      FloatVector n = biased.sub(magicBias);
      FloatVector r = n.fma(minusLn2Hi, t);
      r = n.fma(minusLn2Lo, r);
      FloatVector p = r.fma(c6, c5);
      p = p.fma(r, c4);
      p = p.fma(r, c3);
      p = p.fma(r, half);
      FloatVector expm1r = r.mul(r).fma(p, r);
      FloatVector scale = twoToTheNPlus32(biased);
      FloatVector e32 = scale.fma(expm1r, scale);
      FloatVector e = e32.mul(twoPowMinus32);
      FloatVector eLo = scale.fma(expm1r, scale.sub(e32)).mul(twoPowMinus32);
      VectorMask<Float> underflow = t.compare(LT, cutoff);
      e = e.blend(zero, underflow);
      eLo = eLo.blend(zero, underflow);

      FloatVector d = e.add(one);
      FloatVector delta = e.sub(d.sub(one)).add(eLo);

      VectorMask<Float> positive = x.compare(GT, zero);
      FloatVector numerator = e.blend(one, positive);
      FloatVector numeratorLo = eLo.blend(zero, positive);
      FloatVector q = numerator.div(d);

      FloatVector minusQ = q.neg();
      FloatVector rho = minusQ.fma(delta, minusQ.fma(d, numerator).add(numeratorLo));
      FloatVector inverse = one.sub(q).blend(q, positive);
      FloatVector y = rho.fma(inverse, q);

      if (full) {
        y.intoArray(dst, dstPos + i);
      } else {
        y.intoArray(dst, dstPos + i, IOTA.compare(LT, length - i));
      }
    }
  }

  /**
   * The twin of {@link ScalarKernels#tanh(float)}, with {@link ExpApprox#expNonPositive} written
   * out, in the loop (see the note on kernel size above).
   */
  @Override
  public void tanh(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    // constants broadcast into locals (see the note above)
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector minusTwo = FloatVector.broadcast(SPECIES, -2f);
    FloatVector smallLimit = FloatVector.broadcast(SPECIES, TanhApprox.SMALL);
    FloatVector p3 = FloatVector.broadcast(SPECIES, TanhApprox.P3);
    FloatVector p5 = FloatVector.broadcast(SPECIES, TanhApprox.P5);
    FloatVector p7 = FloatVector.broadcast(SPECIES, TanhApprox.P7);
    FloatVector p9 = FloatVector.broadcast(SPECIES, TanhApprox.P9);
    FloatVector p11 = FloatVector.broadcast(SPECIES, TanhApprox.P11);
    FloatVector cutoff = FloatVector.broadcast(SPECIES, ExpApprox.CUTOFF);
    FloatVector log2e = FloatVector.broadcast(SPECIES, ExpApprox.LOG2E);
    FloatVector magicBias = FloatVector.broadcast(SPECIES, ExpApprox.MAGIC_BIAS);
    FloatVector minusLn2Hi = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_HI);
    FloatVector minusLn2Lo = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_LO);
    FloatVector c3 = FloatVector.broadcast(SPECIES, ExpApprox.C3);
    FloatVector c4 = FloatVector.broadcast(SPECIES, ExpApprox.C4);
    FloatVector c5 = FloatVector.broadcast(SPECIES, ExpApprox.C5);
    FloatVector c6 = FloatVector.broadcast(SPECIES, ExpApprox.C6);
    FloatVector half = FloatVector.broadcast(SPECIES, 0.5f);
    FloatVector twoPowMinus32 = FloatVector.broadcast(SPECIES, ExpApprox.TWO_POW_MINUS_32);
    IntVector signBit = IntVector.broadcast(INT_SPECIES, 0x8000_0000);
    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SPECIES, src, srcPos + i)
          : FloatVector.fromArray(SPECIES, src, srcPos + i, IOTA.compare(LT, length - i));

      IntVector sign = x.reinterpretAsInts().and(signBit);
      FloatVector z = x.reinterpretAsInts().lanewise(XOR, sign).reinterpretAsFloats(); // |x|

      FloatVector z2 = z.mul(z);
      FloatVector q = z2.fma(p11, p9);
      q = q.fma(z2, p7);
      q = q.fma(z2, p5);
      q = q.fma(z2, p3);
      FloatVector small = z.fma(z2.mul(q), z);

      FloatVector t = z.mul(minusTwo);
      FloatVector biased = t.fma(log2e, magicBias);
      FloatVector n = biased.sub(magicBias);
      FloatVector r = n.fma(minusLn2Hi, t);
      r = n.fma(minusLn2Lo, r);
      FloatVector p = r.fma(c6, c5);
      p = p.fma(r, c4);
      p = p.fma(r, c3);
      p = p.fma(r, half);
      FloatVector expm1r = r.mul(r).fma(p, r);
      FloatVector scale = twoToTheNPlus32(biased);
      FloatVector e = scale.fma(expm1r, scale).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));
      FloatVector large = one.sub(e).div(one.add(e));

      FloatVector magnitude = large.blend(small, z.compare(LT, smallLimit));
      FloatVector y = magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();

      if (full) {
        y.intoArray(dst, dstPos + i);
      } else {
        y.intoArray(dst, dstPos + i, IOTA.compare(LT, length - i));
      }
    }
  }

  @Override
  public void relu(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      x.blend(zero, x.compare(LE, zero)).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      x.blend(zero, x.compare(LE, zero)).intoArray(dst, dstPos + i, m);
    }
  }

  @Override
  public void leakyRelu(float slope, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector a = FloatVector.broadcast(SPECIES, slope);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      x.mul(a).blend(x, x.compare(GT, zero)).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      x.mul(a).blend(x, x.compare(GT, zero)).intoArray(dst, dstPos + i, m);
    }
  }

  @Override
  public void sigmoidBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      vdy.mul(vy.neg().fma(vy, vy)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      vdy.mul(vy.neg().fma(vy, vy)).intoArray(dx, dxPos + i, m);
    }
  }


  @Override
  public void tanhBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      vdy.mul(vy.neg().fma(vy, one)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      vdy.mul(vy.neg().fma(vy, one)).intoArray(dx, dxPos + i, m);
    }
  }

  @Override
  public void reluBackward(
      float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      FloatVector g = zero.blend(vdy, vx.compare(GT, zero));
      g.blend(vx, vx.compare(NE, vx)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      FloatVector g = zero.blend(vdy, vx.compare(GT, zero));
      g.blend(vx, vx.compare(NE, vx)).intoArray(dx, dxPos + i, m);
    }
  }

  @Override
  public void leakyReluBackward(
      float slope, float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector a = FloatVector.broadcast(SPECIES, slope);
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      FloatVector g = vdy.mul(a).blend(vdy, vx.compare(GT, zero));
      g.blend(vx, vx.compare(NE, vx)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = IOTA.compare(LT, length - i);
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      FloatVector g = vdy.mul(a).blend(vdy, vx.compare(GT, zero));
      g.blend(vx, vx.compare(NE, vx)).intoArray(dx, dxPos + i, m);
    }
  }

  // ---- softmax ----
  //
  // The eight interleaved partial sums of ScalarKernels.softmax live in GROUP vectors of
  // (sum, compensation) pairs: the k-th vector of a block of eight elements adds into pair k.
  // The exponentials are computed in a loop of their own, so that the summing loop, unrolled
  // GROUP times, stays small enough for C2 to compile without boxing any vector.

  /**
   * The passes of {@link ScalarKernels#softmax}, adding the same numbers in the same order: the
   * row maximum; the exponentials, into dst; their sum; the scaling. Each pass is a method of its
   * own that takes and returns scalars only, so no vector ever crosses a call C2 did not inline.
   */
  @Override
  public void softmax(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    if (length == 0) {
      return;
    }
    float max = max(src, srcPos, length);
    exponentials(src, srcPos, dst, dstPos, length, max);
    double total = compensatedSum(dst, dstPos, length);
    scale(dst, dstPos, length, (float) (1.0 / total));
  }

  /** The largest element of a[pos, pos + length), ignoring NaN; length &gt; 0. */
  private static float max(float[] a, int pos, int length) {
    FloatVector laneMax = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SPECIES, a, pos + i)
          : FloatVector.fromArray(SPECIES, a, pos + i, IOTA.compare(LT, length - i))
              .blend(NEGATIVE_INFINITY, IOTA.compare(GE, length - i));
      laneMax = laneMax.blend(x, x.compare(GT, laneMax));
    }
    // NaN never wins a comparison, so no lane holds NaN and the order of reduction is irrelevant
    return laneMax.reduceLanes(MAX);
  }

  /**
   * dst = e^(src - max) elementwise, each the twin of {@link ScalarKernels#softmaxExp}, with
   * {@link ExpApprox#expNonPositive} written out.
   */
  private static void exponentials(
      float[] src, int srcPos, float[] dst, int dstPos, int length, float rowMax) {
    // constants broadcast into locals (see the note on the elementwise kernels)
    FloatVector max = FloatVector.broadcast(SPECIES, rowMax);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector cutoff = FloatVector.broadcast(SPECIES, ExpApprox.CUTOFF);
    FloatVector log2e = FloatVector.broadcast(SPECIES, ExpApprox.LOG2E);
    FloatVector magicBias = FloatVector.broadcast(SPECIES, ExpApprox.MAGIC_BIAS);
    FloatVector minusLn2Hi = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_HI);
    FloatVector minusLn2Lo = FloatVector.broadcast(SPECIES, -ExpApprox.LN2_LO);
    FloatVector c3 = FloatVector.broadcast(SPECIES, ExpApprox.C3);
    FloatVector c4 = FloatVector.broadcast(SPECIES, ExpApprox.C4);
    FloatVector c5 = FloatVector.broadcast(SPECIES, ExpApprox.C5);
    FloatVector c6 = FloatVector.broadcast(SPECIES, ExpApprox.C6);
    FloatVector half = FloatVector.broadcast(SPECIES, 0.5f);
    FloatVector twoPowMinus32 = FloatVector.broadcast(SPECIES, ExpApprox.TWO_POW_MINUS_32);

    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SPECIES, src, srcPos + i)
          : FloatVector.fromArray(SPECIES, src, srcPos + i, IOTA.compare(LT, length - i));
      FloatVector d = x.sub(max);
      FloatVector biased = d.fma(log2e, magicBias);
      FloatVector n = biased.sub(magicBias);
      FloatVector r = n.fma(minusLn2Hi, d);
      r = n.fma(minusLn2Lo, r);
      FloatVector p = r.fma(c6, c5);
      p = p.fma(r, c4);
      p = p.fma(r, c3);
      p = p.fma(r, half);
      FloatVector expm1r = r.mul(r).fma(p, r);
      FloatVector scale = twoToTheNPlus32(biased);
      FloatVector e = scale.fma(expm1r, scale).mul(twoPowMinus32)
          .blend(zero, d.compare(LT, cutoff));
      // the rounding error of x - max, exactly, folded back into e
      FloatVector bb = d.sub(x);
      FloatVector err = x.sub(d.sub(bb)).sub(max.add(bb));
      e = e.fma(err, e).blend(e, e.compare(EQ, zero));
      if (full) {
        e.intoArray(dst, dstPos + i);
      } else {
        e.intoArray(dst, dstPos + i, IOTA.compare(LT, length - i));
      }
    }
  }

  /**
   * The sum of a[pos, pos + length) in the interleaved compensated order of {@link ScalarKernels}.
   */
  private static double compensatedSum(float[] a, int pos, int length) {
    if (length == 0) {
      return 0;
    }
    // accumulators start from fresh vectors, not from the shared constants: C2 keeps a loop phi
    // in registers only when every input is a vector it created, and boxes it otherwise
    FloatVector s0 = FloatVector.zero(SUM_SPECIES), c0 = s0, s1 = s0, c1 = s0;
    // whole blocks load plainly; the last, partial block takes masked loads in a branch of the
    // same loop rather than a second copy of the arithmetic. Masked-off lanes load zero, and
    // adding an exact zero changes neither sum nor compensation; a vector wholly past the end
    // loads nothing, at an offset clamped into the array
    for (int k = 0, blocks = Math.ceilDiv(length, ScalarKernels.SUM_LANES); k < blocks; k++) {
      int i = k * ScalarKernels.SUM_LANES;
      boolean full = i <= length - ScalarKernels.SUM_LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SUM_SPECIES, a, pos + i)
          : FloatVector.fromArray(SUM_SPECIES, a, pos + i, SUM_IOTA.compare(LT, length - i));
      FloatVector t = s0.add(x);
      c0 = c0.add(twoSumError(s0, x, t));
      s0 = t;
      if (GROUP > 1) {
        int j = i + SUM_VECTOR_LANES;
        x = full
            ? FloatVector.fromArray(SUM_SPECIES, a, pos + j)
            : FloatVector.fromArray(SUM_SPECIES, a, pos + Math.min(j, length - 1),
                SUM_IOTA.compare(LT, length - j));
        t = s1.add(x);
        c1 = c1.add(twoSumError(s1, x, t));
        s1 = t;
      }
    }

    double total = finish(0, s0, c0);
    if (GROUP > 1) {
      total = finish(total, s1, c1);
    }
    return total;
  }

  /**
   * As {@link #compensatedSum}, of the products y[i] * dy[i]. A twin rather than one method with
   * an optional second array: the branch between a loaded and a multiplied vector became a phi
   * that C2 boxed on every step.
   */
  private static double compensatedDot(float[] y, int yPos, float[] dy, int dyPos, int length) {
    if (length == 0) {
      return 0;
    }
    // accumulators start from fresh vectors, not from the shared constants: C2 keeps a loop phi
    // in registers only when every input is a vector it created, and boxes it otherwise
    FloatVector s0 = FloatVector.zero(SUM_SPECIES), c0 = s0, s1 = s0, c1 = s0;
    // whole blocks load plainly; the last, partial block takes masked loads in a branch of the
    // same loop rather than a second copy of the arithmetic. Masked-off lanes load zero, and
    // adding an exact zero changes neither sum nor compensation; a vector wholly past the end
    // loads nothing, at an offset clamped into the array
    for (int k = 0, blocks = Math.ceilDiv(length, ScalarKernels.SUM_LANES); k < blocks; k++) {
      int i = k * ScalarKernels.SUM_LANES;
      boolean full = i <= length - ScalarKernels.SUM_LANES;
      FloatVector x = full
          ? FloatVector.fromArray(SUM_SPECIES, y, yPos + i)
              .mul(FloatVector.fromArray(SUM_SPECIES, dy, dyPos + i))
          : FloatVector.fromArray(SUM_SPECIES, y, yPos + i, SUM_IOTA.compare(LT, length - i))
              .mul(FloatVector.fromArray(SUM_SPECIES, dy, dyPos + i,
                  SUM_IOTA.compare(LT, length - i)));
      FloatVector t = s0.add(x);
      c0 = c0.add(twoSumError(s0, x, t));
      s0 = t;
      if (GROUP > 1) {
        int j = i + SUM_VECTOR_LANES;
        int at = Math.min(j, length - 1);
        x = full
            ? FloatVector.fromArray(SUM_SPECIES, y, yPos + j)
                .mul(FloatVector.fromArray(SUM_SPECIES, dy, dyPos + j))
            : FloatVector.fromArray(SUM_SPECIES, y, yPos + at, SUM_IOTA.compare(LT, length - j))
                .mul(FloatVector.fromArray(SUM_SPECIES, dy, dyPos + at,
                    SUM_IOTA.compare(LT, length - j)));
        t = s1.add(x);
        c1 = c1.add(twoSumError(s1, x, t));
        s1 = t;
      }
    }

    double total = finish(0, s0, c0);
    if (GROUP > 1) {
      total = finish(total, s1, c1);
    }
    return total;
  }

  /** The rounding error of t = s + x, exactly (Knuth's two-sum). */
  private static FloatVector twoSumError(FloatVector s, FloatVector x, FloatVector t) {
    FloatVector bp = t.sub(s);
    return s.sub(t.sub(bp)).add(x.sub(bp));
  }

  /**
   * Folds the partial sums held in s and c, lane by lane in order, into the total. The lane
   * indices are constants: a variable index costs C2 enough nodes to stop it inlining here.
   */
  private static double finish(double total, FloatVector s, FloatVector c) {
    total = ScalarKernels.finishSum(total, s.lane(0), c.lane(0));
    total = ScalarKernels.finishSum(total, s.lane(1), c.lane(1));
    total = ScalarKernels.finishSum(total, s.lane(2), c.lane(2));
    total = ScalarKernels.finishSum(total, s.lane(3), c.lane(3));
    if (SUM_VECTOR_LANES > 4) {
      total = ScalarKernels.finishSum(total, s.lane(4), c.lane(4));
      total = ScalarKernels.finishSum(total, s.lane(5), c.lane(5));
      total = ScalarKernels.finishSum(total, s.lane(6), c.lane(6));
      total = ScalarKernels.finishSum(total, s.lane(7), c.lane(7));
    }
    return total;
  }

  private static void scale(float[] a, int pos, int length, float factor) {
    FloatVector f = FloatVector.broadcast(SPECIES, factor);
    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      if (i <= length - LANES) {
        FloatVector.fromArray(SPECIES, a, pos + i).mul(f).intoArray(a, pos + i);
      } else {
        VectorMask<Float> m = IOTA.compare(LT, length - i);
        FloatVector.fromArray(SPECIES, a, pos + i, m).mul(f).intoArray(a, pos + i, m);
      }
    }
  }

  /** The dot product and the elementwise pass of {@link ScalarKernels#softmaxBackward}. */
  @Override
  public void softmaxBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    float sum = (float) compensatedDot(y, yPos, dy, dyPos, length);
    FloatVector dot = FloatVector.broadcast(SPECIES, sum);

    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector vy = full
          ? FloatVector.fromArray(SPECIES, y, yPos + i)
          : FloatVector.fromArray(SPECIES, y, yPos + i, IOTA.compare(LT, length - i));
      FloatVector vdy = full
          ? FloatVector.fromArray(SPECIES, dy, dyPos + i)
          : FloatVector.fromArray(SPECIES, dy, dyPos + i, IOTA.compare(LT, length - i));
      FloatVector vdx = vy.mul(vdy.sub(dot));
      if (full) {
        vdx.intoArray(dx, dxPos + i);
      } else {
        vdx.intoArray(dx, dxPos + i, IOTA.compare(LT, length - i));
      }
    }
  }
}
