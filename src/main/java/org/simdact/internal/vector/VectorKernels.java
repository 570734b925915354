package org.simdact.internal.vector;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
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

  /** Vectors per group of {@link ScalarKernels#SUM_LANES} interleaved partial sums. */
  private static final int GROUP = ScalarKernels.SUM_LANES / Math.max(LANES, 1);

  public static final VectorKernels INSTANCE = new VectorKernels();

  private static final FloatVector ZERO = FloatVector.zero(SPECIES);
  private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);
  private static final FloatVector NEGATIVE_INFINITY =
      FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);

  private static final FloatVector LOG2E = FloatVector.broadcast(SPECIES, ExpApprox.LOG2E);
  private static final FloatVector MAGIC_BIAS =
      FloatVector.broadcast(SPECIES, ExpApprox.MAGIC_BIAS);
  private static final FloatVector MINUS_LN2_HI =
      FloatVector.broadcast(SPECIES, -ExpApprox.LN2_HI);
  private static final FloatVector MINUS_LN2_LO =
      FloatVector.broadcast(SPECIES, -ExpApprox.LN2_LO);
  private static final FloatVector C3 = FloatVector.broadcast(SPECIES, ExpApprox.C3);
  private static final FloatVector C4 = FloatVector.broadcast(SPECIES, ExpApprox.C4);
  private static final FloatVector C5 = FloatVector.broadcast(SPECIES, ExpApprox.C5);
  private static final FloatVector C6 = FloatVector.broadcast(SPECIES, ExpApprox.C6);
  private static final FloatVector HALF = FloatVector.broadcast(SPECIES, 0.5f);
  private static final FloatVector TWO_POW_MINUS_32 =
      FloatVector.broadcast(SPECIES, ExpApprox.TWO_POW_MINUS_32);

  private static final FloatVector P3 = FloatVector.broadcast(SPECIES, TanhApprox.P3);
  private static final FloatVector P5 = FloatVector.broadcast(SPECIES, TanhApprox.P5);
  private static final FloatVector P7 = FloatVector.broadcast(SPECIES, TanhApprox.P7);
  private static final FloatVector P9 = FloatVector.broadcast(SPECIES, TanhApprox.P9);
  private static final FloatVector P11 = FloatVector.broadcast(SPECIES, TanhApprox.P11);
  private static final FloatVector MINUS_TWO = FloatVector.broadcast(SPECIES, -2f);

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

  // ---- per-vector functions, twins of those in ScalarKernels ----

  static FloatVector expNonPositive(FloatVector t) {
    FloatVector biased = t.fma(LOG2E, MAGIC_BIAS);
    FloatVector n = biased.sub(MAGIC_BIAS);

    FloatVector r = n.fma(MINUS_LN2_HI, t);
    r = n.fma(MINUS_LN2_LO, r);

    FloatVector expm1r = expm1Reduced(r);

    FloatVector scale = twoToTheNPlus32(biased);
    FloatVector e = scale.fma(expm1r, scale).mul(TWO_POW_MINUS_32);

    return e.blend(ZERO, t.compare(LT, ExpApprox.CUTOFF));
  }

  static FloatVector expm1Reduced(FloatVector r) {
    FloatVector p = r.fma(C6, C5);
    p = p.fma(r, C4);
    p = p.fma(r, C3);
    p = p.fma(r, HALF);
    return r.mul(r).fma(p, r);
  }

  static FloatVector twoToTheNPlus32(FloatVector biased) {
    return biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
  }

  static FloatVector sigmoid(FloatVector x) {
    FloatVector t = x.abs().neg();
    FloatVector biased = t.fma(LOG2E, MAGIC_BIAS);
    FloatVector n = biased.sub(MAGIC_BIAS);
    FloatVector r = n.fma(MINUS_LN2_HI, t);
    r = n.fma(MINUS_LN2_LO, r);
    FloatVector expm1r = expm1Reduced(r);
    FloatVector scale = twoToTheNPlus32(biased);
    FloatVector e32 = scale.fma(expm1r, scale);
    FloatVector e = e32.mul(TWO_POW_MINUS_32);
    FloatVector eLo = scale.fma(expm1r, scale.sub(e32)).mul(TWO_POW_MINUS_32);
    VectorMask<Float> underflow = t.compare(LT, ExpApprox.CUTOFF);
    e = e.blend(ZERO, underflow);
    eLo = eLo.blend(ZERO, underflow);

    FloatVector d = e.add(ONE);
    FloatVector delta = e.sub(d.sub(ONE)).add(eLo);

    VectorMask<Float> positive = x.compare(GT, 0f);
    FloatVector numerator = e.blend(ONE, positive);
    FloatVector numeratorLo = eLo.blend(ZERO, positive);
    FloatVector q = numerator.div(d);

    FloatVector minusQ = q.neg();
    FloatVector rho = minusQ.fma(delta, minusQ.fma(d, numerator).add(numeratorLo));
    FloatVector inverse = ONE.sub(q).blend(q, positive);
    return rho.fma(inverse, q);
  }

  static FloatVector tanh(FloatVector x) {
    FloatVector z = x.abs();

    FloatVector z2 = z.mul(z);
    FloatVector q = z2.fma(P11, P9);
    q = q.fma(z2, P7);
    q = q.fma(z2, P5);
    q = q.fma(z2, P3);
    FloatVector small = z.fma(z2.mul(q), z);

    FloatVector e = expNonPositive(z.mul(MINUS_TWO));
    FloatVector large = ONE.sub(e).div(ONE.add(e));

    FloatVector magnitude = large.blend(small, z.compare(LT, TanhApprox.SMALL));
    var sign = x.reinterpretAsInts().and(0x8000_0000);
    return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
  }

  // ---- elementwise forward kernels ----

  @Override
  public void step(float threshold, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      step(threshold, x).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      step(threshold, x).intoArray(dst, dstPos + i, m);
    }
  }

  private static FloatVector step(float threshold, FloatVector x) {
    FloatVector y = ZERO.blend(ONE, x.compare(GT, threshold));
    return y.blend(x, x.test(IS_NAN));
  }

  @Override
  public void sigmoid(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      sigmoid(x).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      sigmoid(x).intoArray(dst, dstPos + i, m);
    }
  }

  @Override
  public void tanh(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      tanh(x).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      tanh(x).intoArray(dst, dstPos + i, m);
    }
  }

  @Override
  public void relu(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      x.blend(ZERO, x.compare(LE, 0f)).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      x.blend(ZERO, x.compare(LE, 0f)).intoArray(dst, dstPos + i, m);
    }
  }

  @Override
  public void leakyRelu(float slope, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      x.mul(slope).blend(x, x.compare(GT, 0f)).intoArray(dst, dstPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      x.mul(slope).blend(x, x.compare(GT, 0f)).intoArray(dst, dstPos + i, m);
    }
  }

  // ---- elementwise backward kernels ----

  @Override
  public void sigmoidBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      vdy.mul(vy.neg().fma(vy, vy)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      vdy.mul(vy.neg().fma(vy, vy)).intoArray(dx, dxPos + i, m);
    }
  }

  @Override
  public void tanhBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      vdy.mul(vy.neg().fma(vy, ONE)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      vdy.mul(vy.neg().fma(vy, ONE)).intoArray(dx, dxPos + i, m);
    }
  }

  @Override
  public void reluBackward(
      float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      reluBackward(vx, vdy).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      reluBackward(vx, vdy).intoArray(dx, dxPos + i, m);
    }
  }

  private static FloatVector reluBackward(FloatVector x, FloatVector dy) {
    FloatVector dx = ZERO.blend(dy, x.compare(GT, 0f));
    return dx.blend(x, x.test(IS_NAN));
  }

  @Override
  public void leakyReluBackward(
      float slope, float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      leakyReluBackward(slope, vx, vdy).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      leakyReluBackward(slope, vx, vdy).intoArray(dx, dxPos + i, m);
    }
  }

  private static FloatVector leakyReluBackward(float slope, FloatVector x, FloatVector dy) {
    FloatVector dx = dy.mul(slope).blend(dy, x.compare(GT, 0f));
    return dx.blend(x, x.test(IS_NAN));
  }

  // ---- softmax ----

  /**
   * The three passes of {@link ScalarKernels#softmax}. The sum keeps the sixteen interleaved
   * compensated partial sums of the scalar kernel in {@code GROUP} vectors (two on 256-bit
   * vectors), so both add the same numbers in the same order.
   */
  @Override
  public void softmax(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    if (length == 0) {
      return;
    }
    float max = rowMax(src, srcPos, length);
    FloatVector vmax = FloatVector.broadcast(SPECIES, max);

    FloatVector s0 = ZERO, c0 = ZERO, s1 = ZERO, c1 = ZERO;
    FloatVector s2 = ZERO, c2 = ZERO, s3 = ZERO, c3 = ZERO;
    int i = 0;
    int blocks = length - length % ScalarKernels.SUM_LANES;
    for (; i < blocks; i += ScalarKernels.SUM_LANES) {
      FloatVector e = expStore(src, srcPos, dst, dstPos, i, length, vmax);
      FloatVector t = s0.add(e);
      c0 = c0.add(twoSumError(s0, e, t));
      s0 = t;
      if (GROUP > 1) {
        e = expStore(src, srcPos, dst, dstPos, i + LANES, length, vmax);
        t = s1.add(e);
        c1 = c1.add(twoSumError(s1, e, t));
        s1 = t;
      }
      if (GROUP > 2) {
        e = expStore(src, srcPos, dst, dstPos, i + 2 * LANES, length, vmax);
        t = s2.add(e);
        c2 = c2.add(twoSumError(s2, e, t));
        s2 = t;

        e = expStore(src, srcPos, dst, dstPos, i + 3 * LANES, length, vmax);
        t = s3.add(e);
        c3 = c3.add(twoSumError(s3, e, t));
        s3 = t;
      }
    }
    if (i < length) {
      // the last, partial group: lanes past the end add an exact zero, which changes nothing
      FloatVector e = expStoreMasked(src, srcPos, dst, dstPos, i, length, vmax);
      FloatVector t = s0.add(e);
      c0 = c0.add(twoSumError(s0, e, t));
      s0 = t;
      if (GROUP > 1) {
        e = expStoreMasked(src, srcPos, dst, dstPos, i + LANES, length, vmax);
        t = s1.add(e);
        c1 = c1.add(twoSumError(s1, e, t));
        s1 = t;
      }
      if (GROUP > 2) {
        e = expStoreMasked(src, srcPos, dst, dstPos, i + 2 * LANES, length, vmax);
        t = s2.add(e);
        c2 = c2.add(twoSumError(s2, e, t));
        s2 = t;

        e = expStoreMasked(src, srcPos, dst, dstPos, i + 3 * LANES, length, vmax);
        t = s3.add(e);
        c3 = c3.add(twoSumError(s3, e, t));
        s3 = t;
      }
    }

    double total = finish(0, s0, c0);
    if (GROUP > 1) {
      total = finish(total, s1, c1);
    }
    if (GROUP > 2) {
      total = finish(total, s2, c2);
      total = finish(total, s3, c3);
    }
    scale(dst, dstPos, length, (float) (1.0 / total));
  }

  private static float rowMax(float[] src, int srcPos, int length) {
    FloatVector max = NEGATIVE_INFINITY;
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i);
      max = max.blend(x, x.compare(GT, max));
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
      max = max.blend(x, x.compare(GT, max, m));
    }
    // NaN never wins a comparison, so no lane holds NaN and the order of reduction is irrelevant
    return max.reduceLanes(MAX);
  }

  private static FloatVector expStore(
      float[] src, int srcPos, float[] dst, int dstPos, int i, int length, FloatVector max) {
    FloatVector e = expNonPositive(FloatVector.fromArray(SPECIES, src, srcPos + i).sub(max));
    e.intoArray(dst, dstPos + i);
    return e;
  }

  /** As {@link #expStore} for the lanes of [i, i + LANES) below length; zero in the others. */
  private static FloatVector expStoreMasked(
      float[] src, int srcPos, float[] dst, int dstPos, int i, int length, FloatVector max) {
    VectorMask<Float> m = SPECIES.indexInRange(i, length);
    FloatVector x = FloatVector.fromArray(SPECIES, src, srcPos + i, m);
    FloatVector e = ZERO.blend(expNonPositive(x.sub(max)), m);
    e.intoArray(dst, dstPos + i, m);
    return e;
  }

  /** The rounding error of t = s + x, exactly (Knuth's two-sum). */
  private static FloatVector twoSumError(FloatVector s, FloatVector x, FloatVector t) {
    FloatVector bp = t.sub(s);
    return s.sub(t.sub(bp)).add(x.sub(bp));
  }

  /** Folds the partial sums held in s and c, lane by lane in order, into the total. */
  private static double finish(double total, FloatVector s, FloatVector c) {
    for (int k = 0; k < LANES; k++) {
      total = ScalarKernels.finishSum(total, s.lane(k), c.lane(k));
    }
    return total;
  }

  private static void scale(float[] a, int pos, int length, float factor) {
    int i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, a, pos + i).mul(factor).intoArray(a, pos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector.fromArray(SPECIES, a, pos + i, m).mul(factor).intoArray(a, pos + i, m);
    }
  }

  @Override
  public void softmaxBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    FloatVector s0 = ZERO, c0 = ZERO, s1 = ZERO, c1 = ZERO;
    FloatVector s2 = ZERO, c2 = ZERO, s3 = ZERO, c3 = ZERO;
    int i = 0;
    int blocks = length - length % ScalarKernels.SUM_LANES;
    for (; i < blocks; i += ScalarKernels.SUM_LANES) {
      FloatVector p = productFull(y, yPos, dy, dyPos, i);
      FloatVector t = s0.add(p);
      c0 = c0.add(twoSumError(s0, p, t));
      s0 = t;
      if (GROUP > 1) {
        p = productFull(y, yPos, dy, dyPos, i + LANES);
        t = s1.add(p);
        c1 = c1.add(twoSumError(s1, p, t));
        s1 = t;
      }
      if (GROUP > 2) {
        p = productFull(y, yPos, dy, dyPos, i + 2 * LANES);
        t = s2.add(p);
        c2 = c2.add(twoSumError(s2, p, t));
        s2 = t;

        p = productFull(y, yPos, dy, dyPos, i + 3 * LANES);
        t = s3.add(p);
        c3 = c3.add(twoSumError(s3, p, t));
        s3 = t;
      }
    }
    if (i < length) {
      FloatVector p = product(y, yPos, dy, dyPos, i, length);
      FloatVector t = s0.add(p);
      c0 = c0.add(twoSumError(s0, p, t));
      s0 = t;
      if (GROUP > 1) {
        p = product(y, yPos, dy, dyPos, i + LANES, length);
        t = s1.add(p);
        c1 = c1.add(twoSumError(s1, p, t));
        s1 = t;
      }
      if (GROUP > 2) {
        p = product(y, yPos, dy, dyPos, i + 2 * LANES, length);
        t = s2.add(p);
        c2 = c2.add(twoSumError(s2, p, t));
        s2 = t;

        p = product(y, yPos, dy, dyPos, i + 3 * LANES, length);
        t = s3.add(p);
        c3 = c3.add(twoSumError(s3, p, t));
        s3 = t;
      }
    }

    double total = finish(0, s0, c0);
    if (GROUP > 1) {
      total = finish(total, s1, c1);
    }
    if (GROUP > 2) {
      total = finish(total, s2, c2);
      total = finish(total, s3, c3);
    }
    float dot = (float) total;

    i = 0;
    for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i);
      vy.mul(vdy.sub(dot)).intoArray(dx, dxPos + i);
    }
    if (i < length) {
      VectorMask<Float> m = SPECIES.indexInRange(i, length);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
      vy.mul(vdy.sub(dot)).intoArray(dx, dxPos + i, m);
    }
  }

  private static FloatVector productFull(float[] y, int yPos, float[] dy, int dyPos, int i) {
    FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i);
    return vy.mul(FloatVector.fromArray(SPECIES, dy, dyPos + i));
  }

  /** y * dy for the lanes of [i, i + LANES) below length; zero in the others. */
  private static FloatVector product(
      float[] y, int yPos, float[] dy, int dyPos, int i, int length) {
    VectorMask<Float> m = SPECIES.indexInRange(i, length);
    FloatVector vy = FloatVector.fromArray(SPECIES, y, yPos + i, m);
    FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyPos + i, m);
    return vy.mul(vdy);
  }
}
