package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: sigmoid is compute-bound at every size (an exp and a division per element), so the
 * library's vector kernel beats its scalar path by roughly the lane count, beats the plain Math.exp
 * loop by more (C2 cannot vectorize Math.exp), and stays near the Vector API loop with
 * VectorOperators.EXP, which calls a vectorized math library but rounds differently on each CPU.
 * Beyond the last-level cache it should come close to the copy roof.
 */
public class SigmoidBench extends UnaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.sigmoid(src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.sigmoid(src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.sigmoid(src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.sigmoid(src, dst);
    return dst;
  }
}
