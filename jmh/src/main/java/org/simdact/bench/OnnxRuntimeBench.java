package org.simdact.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.simdact.Activations;

/**
 * ONNX Runtime's CPU kernels on one intra-op thread, as the native anchor: a one-node model per
 * operator, run on direct buffers that hold the same values as the Java benchmarks' arrays, with
 * the output tensor allocated once and reused, so a call is the kernel plus one JNI crossing.
 *
 * <p>Hypothesis: ORT's hand-vectorized MLAS kernels are as fast as the library's in the caches
 * for relu and leaky relu, and faster for sigmoid, tanh and softmax, whose MLAS kernels use
 * cheaper approximations; per call it pays a fixed cost of a few microseconds, visible at 4K.
 */
public class OnnxRuntimeBench extends UnaryKernelBench {

  /** The library's name of the function; see {@link #operator}. */
  @Param({"sigmoid", "tanh", "relu", "leakyRelu", "softmax"})
  public String function;

  private OrtEnvironment environment;
  private OrtSession session;
  private OnnxTensor input;
  private OnnxTensor output;
  private FloatBuffer outputBuffer;
  private Map<String, OnnxTensor> inputs;
  private Map<String, OnnxTensor> outputs;

  static String operator(String function) {
    return switch (function) {
      case "sigmoid" -> "Sigmoid";
      case "tanh" -> "Tanh";
      case "relu" -> "Relu";
      case "leakyRelu" -> "LeakyRelu";
      case "softmax" -> "Softmax";
      default -> throw new IllegalArgumentException("no ONNX operator for " + function);
    };
  }

  @Setup(Level.Trial)
  public void openSession() throws OrtException {
    float alpha = function.equals("leakyRelu") ? Activations.DEFAULT_LEAKY_RELU_SLOPE : Float.NaN;
    byte[] model = OnnxModels.unaryModel(operator(function), alpha, size);

    environment = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    session = environment.createSession(model, options);

    long[] shape = {1, size};
    FloatBuffer in = directFloats(size);
    // the same values as src, made here because JMH orders the two classes' setups freely
    in.put(Inputs.uniform(size, Inputs.SEED)).flip();
    input = OnnxTensor.createTensor(environment, in, shape);
    outputBuffer = directFloats(size);
    output = OnnxTensor.createTensor(environment, outputBuffer, shape);
    inputs = Map.of(OnnxModels.INPUT, input);
    outputs = Map.of(OnnxModels.OUTPUT, output);
    checkOneCall();
  }

  /** Fails the benchmark if the model does not compute the function: a wrong model is no anchor. */
  private void checkOneCall() throws OrtException {
    onnxRuntime();
    float[] expected = new float[size];
    float[] x = Inputs.uniform(size, Inputs.SEED);
    switch (function) {
      case "sigmoid" -> Activations.sigmoid(x, expected);
      case "tanh" -> Activations.tanh(x, expected);
      case "relu" -> Activations.relu(x, expected);
      case "leakyRelu" -> Activations.leakyRelu(x, expected);
      default -> Activations.softmax(x, expected);
    }
    float largest = 0f;
    for (float e : expected) {
      largest = Math.max(largest, Math.abs(e));
    }
    for (int i = 0; i < size; i++) {
      float difference = Math.abs(outputBuffer.get(i) - expected[i]);
      // loose: ORT sums a long softmax row in plain float, so its 16M row is off by ~1e-3
      if (!(difference <= 1e-2f * Math.abs(expected[i]) + 1e-6f * largest)) {
        throw new IllegalStateException("ONNX Runtime's " + operator(function) + " gave "
            + outputBuffer.get(i) + " at " + i + " where simdact gives " + expected[i]);
      }
    }
  }

  @Benchmark
  public FloatBuffer onnxRuntime() throws OrtException {
    // the result holds only the pinned output, which stays ours to close
    session.run(inputs, outputs).close();
    return outputBuffer;
  }

  @TearDown(Level.Trial)
  public void closeSession() throws OrtException {
    input.close();
    output.close();
    session.close();
  }

  private static FloatBuffer directFloats(int n) {
    ByteBuffer bytes = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
    return bytes.asFloatBuffer();
  }
}
