package org.simdact.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.simdact.internal.Kernels;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.vector.VectorKernels;

/**
 * Runs functions over a set of float bit patterns, in chunks, on several threads: each chunk goes
 * through the vector kernels and the scalar kernels as one array call, and every element is
 * measured against the float64 reference.
 */
public final class Sweep {

  /** The float bit patterns to sweep, in increasing unsigned order. */
  public interface Patterns {
    long size();

    int bits(long index);

    /** Every {@code stride}-th bit pattern from 0: all 2^32 of them for stride 1. */
    static Patterns everyNth(long stride) {
      if (stride < 1) {
        throw new IllegalArgumentException("stride must be at least 1: " + stride);
      }
      long size = ((1L << 32) + stride - 1) / stride;
      return new Patterns() {
        @Override
        public long size() {
          return size;
        }

        @Override
        public int bits(long index) {
          return (int) (index * stride);
        }
      };
    }

    /** The given bit patterns, sorted in unsigned order, each once. */
    static Patterns of(int[] bits) {
      long[] unsigned = new long[bits.length];
      for (int i = 0; i < bits.length; i++) {
        unsigned[i] = Integer.toUnsignedLong(bits[i]);
      }
      long[] sorted = Arrays.stream(unsigned).sorted().distinct().toArray();
      return new Patterns() {
        @Override
        public long size() {
          return sorted.length;
        }

        @Override
        public int bits(long index) {
          return (int) sorted[(int) index];
        }
      };
    }
  }

  public static final int DEFAULT_CHUNK = 1 << 20;

  private final List<SweptFunction> functions;
  private final Kernels vector;
  private final Kernels scalar;
  private final int threads;
  private final int chunk;

  public Sweep(List<SweptFunction> functions, int threads, int chunk) {
    this(functions, VectorKernels.INSTANCE, ScalarKernels.INSTANCE, threads, chunk);
  }

  /** With other kernels in place of the library's, to show that the sweep catches errors. */
  Sweep(List<SweptFunction> functions, Kernels vector, Kernels scalar, int threads, int chunk) {
    this.functions = List.copyOf(functions);
    this.vector = vector;
    this.scalar = scalar;
    this.threads = threads;
    this.chunk = chunk;
  }

  /**
   * Sweeps all patterns and returns one tally per function, in the order of the functions. {@code
   * progress} is told the number of chunks done after each chunk.
   */
  public List<Tally> run(Patterns patterns, LongConsumer progress) throws InterruptedException {
    long chunks = (patterns.size() + chunk - 1) / chunk;
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    List<List<Tally>> perThread = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    Throwable[] failure = new Throwable[1];

    for (int t = 0; t < threads; t++) {
      List<Tally> tallies = functions.stream().map(Tally::new).toList();
      perThread.add(tallies);
      Thread worker = new Thread(() -> {
        Buffers buffers = new Buffers(chunk);
        // chunks are taken in increasing order, so each tally sees inputs in increasing order
        for (long c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
          long from = c * chunk;
          int length = (int) Math.min(chunk, patterns.size() - from);
          sweepChunk(patterns, from, length, buffers, tallies);
          progress.accept(done.incrementAndGet());
        }
      }, "accuracy-sweep-" + t);
      worker.setUncaughtExceptionHandler((th, e) -> {
        synchronized (failure) {
          failure[0] = e;
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IllegalStateException("a sweep thread failed", failure[0]);
      }
    }

    List<Tally> merged = perThread.get(0);
    for (int t = 1; t < threads; t++) {
      for (int f = 0; f < functions.size(); f++) {
        merged.get(f).merge(perThread.get(t).get(f));
      }
    }
    return merged;
  }

  private static final class Buffers {
    final int[] bits;
    final float[] x;
    final float[] dy;
    final float[] vectorOut;
    final float[] scalarOut;

    Buffers(int chunk) {
      bits = new int[chunk];
      x = new float[chunk];
      dy = new float[chunk];
      vectorOut = new float[chunk];
      scalarOut = new float[chunk];
    }
  }

  private void sweepChunk(
      Patterns patterns, long from, int length, Buffers b, List<Tally> tallies) {
    for (int i = 0; i < length; i++) {
      b.bits[i] = patterns.bits(from + i);
      b.x[i] = Float.intBitsToFloat(b.bits[i]);
    }
    for (Tally tally : tallies) {
      SweptFunction f = tally.function();
      Arrays.fill(b.dy, 0, length, f.dy());

      f.kernel().apply(vector, b.x, b.dy, b.vectorOut, length);
      f.kernel().apply(scalar, b.x, b.dy, b.scalarOut, length);

      SweptFunction.Reference reference = f.reference();
      for (int i = 0; i < length; i++) {
        tally.add(b.bits[i], b.vectorOut[i], b.scalarOut[i], reference.at(b.x[i]));
      }
    }
  }
}
