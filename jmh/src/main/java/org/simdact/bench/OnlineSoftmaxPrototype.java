package org.simdact.bench;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.simdact.internal.ExpApprox;

/**
 * A softmax with an online normalizer, measured beside the library's multi-pass kernel to decide
 * which one the library should use at which size. It reads the row twice instead of four times:
 *
 * <ol>
 *   <li>Each lane keeps a running maximum m and a compensated sum of e^(x - m). Per block of four
 *       vectors the block's lane maxima are found first; where one exceeds m, the lane's sum is
 *       multiplied by e^(m_old - m_new) before the block's exponentials are added. The rescaling
 *       runs on every block without a branch (the factor is exactly 1 where m did not grow), so
 *       the number of exponentials per element is 1 + 1/4.
 *   <li>e^(x - max) with the rounding error of the subtraction folded back, times 1 / sum, as in
 *       the library's last two passes.
 * </ol>
 *
 * <p>It computes the library's exponential (the same operations on {@link ExpApprox}'s constants,
 * written out here, since the library's vector code is internal), a compensated sum like the
 * library's, and, in the second pass, the same correction for the rounding of x - max (the first
 * pass omits it). So the two differ mainly in passes over memory and in exponentials per
 * element. It is a
 * prototype, not a kernel: the rescaling factors are plain float exponentials whose errors add
 * up on rows whose maximum keeps growing, so it does not meet the library's error bound on every
 * row, and it has no scalar twin. Each pass is its own method that exchanges only scalars, so no
 * vector crosses a call.
 */
final class OnlineSoftmaxPrototype {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();
  private static final int BLOCK = 4 * LANES;

  private OnlineSoftmaxPrototype() {}

  /** dst = softmax(src); the arrays have the same length, at least one block. */
  static void softmax(float[] src, float[] dst) {
    int length = src.length;
    float[] laneMax = new float[LANES];
    float[] laneSum = new float[LANES];
    int blocks = length / BLOCK;
    maxAndSum(src, blocks, laneMax, laneSum);

    float max = Float.NEGATIVE_INFINITY;
    for (int i = blocks * BLOCK; i < length; i++) {
      max = Math.max(max, src[i]);
    }
    for (float m : laneMax) {
      max = Math.max(max, m);
    }
    double total = 0;
    for (int l = 0; l < LANES; l++) {
      total += laneSum[l] * Math.exp((double) laneMax[l] - max);
    }
    for (int i = blocks * BLOCK; i < length; i++) {
      total += Math.exp((double) src[i] - max);
    }
    normalize(src, dst, max, (float) (1.0 / total));
  }

  private static void maxAndSum(float[] src, int blocks, float[] laneMax, float[] laneSum) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector cutoff = FloatVector.broadcast(S, ExpApprox.CUTOFF);
    FloatVector log2e = FloatVector.broadcast(S, ExpApprox.LOG2E);
    FloatVector magicBias = FloatVector.broadcast(S, ExpApprox.MAGIC_BIAS);
    FloatVector minusLn2Hi = FloatVector.broadcast(S, -ExpApprox.LN2_HI);
    FloatVector minusLn2Lo = FloatVector.broadcast(S, -ExpApprox.LN2_LO);
    FloatVector c3 = FloatVector.broadcast(S, ExpApprox.C3);
    FloatVector c4 = FloatVector.broadcast(S, ExpApprox.C4);
    FloatVector c5 = FloatVector.broadcast(S, ExpApprox.C5);
    FloatVector c6 = FloatVector.broadcast(S, ExpApprox.C6);
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector twoPowMinus32 = FloatVector.broadcast(S, ExpApprox.TWO_POW_MINUS_32);

    FloatVector m = FloatVector.broadcast(S, -Float.MAX_VALUE);
    FloatVector sum = FloatVector.zero(S);
    FloatVector comp = FloatVector.zero(S);
    for (int b = 0; b < blocks; b++) {
      int i = b * BLOCK;
      FloatVector x0 = FloatVector.fromArray(S, src, i);
      FloatVector x1 = FloatVector.fromArray(S, src, i + LANES);
      FloatVector x2 = FloatVector.fromArray(S, src, i + 2 * LANES);
      FloatVector x3 = FloatVector.fromArray(S, src, i + 3 * LANES);
      FloatVector m01 = x0.blend(x1, x1.compare(GT, x0));
      FloatVector m23 = x2.blend(x3, x3.compare(GT, x2));
      FloatVector blockMax = m01.blend(m23, m23.compare(GT, m01));
      FloatVector grown = m.blend(blockMax, blockMax.compare(GT, m));

      // the rescaling factor e^(m - grown), then the four exponentials e^(x - grown); the same
      // exponential five times, written out so that C2 sees one method with no calls
      FloatVector t = m.sub(grown);
      FloatVector biased = t.fma(log2e, magicBias);
      FloatVector n = biased.sub(magicBias);
      FloatVector r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      FloatVector p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      FloatVector s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector factor = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));
      m = grown;
      sum = sum.mul(factor);
      comp = comp.mul(factor);

      t = x0.sub(m);
      biased = t.fma(log2e, magicBias);
      n = biased.sub(magicBias);
      r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector e0 = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));

      t = x1.sub(m);
      biased = t.fma(log2e, magicBias);
      n = biased.sub(magicBias);
      r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector e1 = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));

      t = x2.sub(m);
      biased = t.fma(log2e, magicBias);
      n = biased.sub(magicBias);
      r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector e2 = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));

      t = x3.sub(m);
      biased = t.fma(log2e, magicBias);
      n = biased.sub(magicBias);
      r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector e3 = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));

      // four compensated additions (two-sum), as in the library's sum
      FloatVector u = sum.add(e0);
      FloatVector bp = u.sub(sum);
      comp = comp.add(sum.sub(u.sub(bp)).add(e0.sub(bp)));
      sum = u;
      u = sum.add(e1);
      bp = u.sub(sum);
      comp = comp.add(sum.sub(u.sub(bp)).add(e1.sub(bp)));
      sum = u;
      u = sum.add(e2);
      bp = u.sub(sum);
      comp = comp.add(sum.sub(u.sub(bp)).add(e2.sub(bp)));
      sum = u;
      u = sum.add(e3);
      bp = u.sub(sum);
      comp = comp.add(sum.sub(u.sub(bp)).add(e3.sub(bp)));
      sum = u;
    }
    m.intoArray(laneMax, 0);
    sum.add(comp).intoArray(laneSum, 0);
  }

  private static void normalize(float[] src, float[] dst, float rowMax, float factor) {
    FloatVector max = FloatVector.broadcast(S, rowMax);
    FloatVector scale = FloatVector.broadcast(S, factor);
    FloatVector zero = FloatVector.zero(S);
    FloatVector cutoff = FloatVector.broadcast(S, ExpApprox.CUTOFF);
    FloatVector log2e = FloatVector.broadcast(S, ExpApprox.LOG2E);
    FloatVector magicBias = FloatVector.broadcast(S, ExpApprox.MAGIC_BIAS);
    FloatVector minusLn2Hi = FloatVector.broadcast(S, -ExpApprox.LN2_HI);
    FloatVector minusLn2Lo = FloatVector.broadcast(S, -ExpApprox.LN2_LO);
    FloatVector c3 = FloatVector.broadcast(S, ExpApprox.C3);
    FloatVector c4 = FloatVector.broadcast(S, ExpApprox.C4);
    FloatVector c5 = FloatVector.broadcast(S, ExpApprox.C5);
    FloatVector c6 = FloatVector.broadcast(S, ExpApprox.C6);
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector twoPowMinus32 = FloatVector.broadcast(S, ExpApprox.TWO_POW_MINUS_32);
    int length = src.length;
    for (int k = 0, vectors = Math.ceilDiv(length, LANES); k < vectors; k++) {
      int i = k * LANES;
      boolean full = i <= length - LANES;
      FloatVector x = full
          ? FloatVector.fromArray(S, src, i)
          : FloatVector.fromArray(S, src, i, S.indexInRange(i, length));
      FloatVector t = x.sub(max);
      FloatVector biased = t.fma(log2e, magicBias);
      FloatVector n = biased.sub(magicBias);
      FloatVector r = n.fma(minusLn2Lo, n.fma(minusLn2Hi, t));
      FloatVector p = r.fma(c6, c5).fma(r, c4).fma(r, c3).fma(r, half);
      FloatVector s = biased.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
      FloatVector e = s.fma(r.mul(r).fma(p, r), s).mul(twoPowMinus32)
          .blend(zero, t.compare(LT, cutoff));
      FloatVector bb = t.sub(x);
      FloatVector err = x.sub(t.sub(bb)).sub(max.add(bb));
      FloatVector y = e.fma(err, e).blend(e, e.compare(EQ, zero)).mul(scale);
      if (full) {
        y.intoArray(dst, i);
      } else {
        y.intoArray(dst, i, S.indexInRange(i, length));
      }
    }
  }
}
