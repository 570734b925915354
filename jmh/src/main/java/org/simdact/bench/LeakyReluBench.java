package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: leaky relu is a multiply and a blend per element, memory-bound like relu: all
 * vectorized versions meet the copy roof outside L1; the plain loop's ternary may or may not be
 * vectorized by C2, which this benchmark shows.
 */
public class LeakyReluBench extends UnaryKernelBench {

  /** Not final, so C2 cannot fold it into the loops. */
  public float slope = Activations.DEFAULT_LEAKY_RELU_SLOPE;

  @Benchmark
  public float[] simdact() {
    Activations.leakyRelu(slope, src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.leakyRelu(slope, src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.leakyRelu(slope, src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.leakyRelu(slope, src, dst);
    return dst;
  }
}
