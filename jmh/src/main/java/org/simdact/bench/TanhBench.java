package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: like sigmoid, tanh is compute-bound in the caches: the vector kernel beats its scalar
 * path by about the lane count and Math.tanh by more; against VectorOperators.TANH it should be
 * close, and beyond the last-level cache both approach the copy roof.
 */
public class TanhBench extends UnaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.tanh(src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.tanh(src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.tanh(src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.tanh(src, dst);
    return dst;
  }
}
