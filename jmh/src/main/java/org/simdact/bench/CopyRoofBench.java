package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The memory roofs the kernels are measured against, on arrays of the same sizes.
 *
 * <p>Hypothesis: in L1 the copy loops run at a couple of vectors per cycle; from L2 outwards they
 * are bound by bandwidth, and an elementwise kernel can at best match the loop that moves as much
 * data as it does (one load and one store for the forward kernels, two loads and one store for the
 * gradients). System.arraycopy is shown beside the one-to-one loop: its stubs may use
 * non-temporal stores for large copies and beat any loop that reads dst's cache lines first.
 */
public class CopyRoofBench extends BinaryKernelBench {

  @Benchmark
  public float[] arraycopy() {
    System.arraycopy(a, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] copyLoop() {
    VectorApiLoops.copy(a, dx);
    return dx;
  }

  @Benchmark
  public float[] copyLoopTwoToOne() {
    VectorApiLoops.copyTwoToOne(a, dy, dx);
    return dx;
  }
}
