package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: like the relu gradient plus a multiply; memory-bound outside L1, where every
 * vectorized version meets the two-loads-one-store roof.
 */
public class LeakyReluBackwardBench extends BinaryKernelBench {

  /** Not final, so C2 cannot fold it into the loops. */
  public float slope = Activations.DEFAULT_LEAKY_RELU_SLOPE;

  @Benchmark
  public float[] simdact() {
    Activations.leakyReluBackward(slope, a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.leakyReluBackward(slope, a, 0, dy, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.leakyReluBackward(slope, a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.leakyReluBackward(slope, a, dy, dx);
    return dx;
  }
}
