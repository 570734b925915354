package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: step is one compare and one blend per element, so from L2 outwards every version
 * that C2 vectorizes runs at the copy roof; in L1 the library's vector kernel matches the plain
 * Vector API loop, and the scalar path falls behind by about the lane count (it also checks for
 * NaN, which the plain loops do not).
 */
public class StepBench extends UnaryKernelBench {

  /** Not final, so C2 cannot fold it into the loops. */
  public float threshold = Activations.DEFAULT_STEP_THRESHOLD;

  @Benchmark
  public float[] simdact() {
    Activations.step(threshold, src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.step(threshold, src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.step(threshold, src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.step(threshold, src, dst);
    return dst;
  }
}
