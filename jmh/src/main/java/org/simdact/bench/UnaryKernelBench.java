package org.simdact.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Arrays for a kernel with one input and one output. One operation is one call over the whole
 * array; the report divides by {@code size} to get elements per second.
 *
 * <p>The sizes are picked for the memory level the two arrays live in on a CPU with 32 KiB of L1
 * data cache, 512 KiB of L2 and 32 MiB of L3: 4K floats (32 KiB for src and dst: L1), 64K
 * (512 KiB: L2), 1M (8 MiB: L3) and 16M (128 MiB: main memory).
 *
 * <p>The settings below are the publication-grade ones used when JMH is run by hand; {@code
 * jmh/run} replaces them with its quick or full settings.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public abstract class UnaryKernelBench {

  @Param({"4096", "65536", "1048576", "16777216"})
  public int size;

  /** Input, uniform in [-10, 10) unless a subclass shapes it. */
  public float[] src;

  public float[] dst;

  @Setup(Level.Trial)
  public void fillArrays() {
    src = input(Inputs.uniform(size, Inputs.SEED));
    dst = new float[size];
  }

  /** Turns the raw uniform values into this kernel's realistic input; identity by default. */
  protected float[] input(float[] uniform) {
    return uniform;
  }
}
