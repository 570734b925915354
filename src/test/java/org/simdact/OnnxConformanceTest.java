package org.simdact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The ONNX backend test cases (converted to JSON; see src/test/resources/onnx-conformance) for the
 * operators this library implements: Sigmoid, Tanh, Relu, LeakyRelu and Softmax on any axis. Each
 * file is one dynamic test; files of other operators are reported as skipped with the reason.
 * Results are compared with ONNX's own tolerance, relative 1e-3 and absolute 1e-7.
 */
class OnnxConformanceTest {

  private static final double RELATIVE_TOLERANCE = 1e-3;

  private static final double ABSOLUTE_TOLERANCE = 1e-7;

  private static final List<String> SUITES = List.of("onnx-node", "onnx-pytorch");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where the cases are: the copy in src/test/resources/onnx-conformance, or where
   * -Dsimdact.conformanceDir says (for example a newer export of the same suite).
   */
  private static Path conformanceDirectory() {
    String configured = System.getProperty("simdact.conformanceDir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    // under Surefire the working directory is the project directory
    return Path.of("").toAbsolutePath().resolve("src/test/resources/onnx-conformance").normalize();
  }

  @TestFactory
  Stream<DynamicNode> everyOnnxCaseOfAnImplementedOperatorPasses() throws IOException {
    Path root = conformanceDirectory();
    assertTrue(Files.isDirectory(root),
        "the ONNX conformance cases are missing: expected them in " + root
            + " (src/test/resources/onnx-conformance, or -Dsimdact.conformanceDir=DIR)");

    List<DynamicNode> suites = new ArrayList<>();
    int runnable = 0;
    for (String suite : SUITES) {
      Path dir = root.resolve(suite);
      assertTrue(Files.isDirectory(dir), "missing conformance suite " + dir);
      List<DynamicTest> tests = new ArrayList<>();
      for (Path file : jsonFiles(dir)) {
        Case c = Case.read(file);
        if (c.unimplementedOperator() == null) {
          runnable++;
        }
        tests.add(dynamicTest(c.displayName(), file.toUri(), c::check));
      }
      assertTrue(!tests.isEmpty(), "no JSON files in " + dir);
      suites.add(dynamicContainer(suite, tests));
    }
    assertTrue(runnable > 0, "not one case of an implemented operator in " + root);
    return suites.stream();
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  // ---- one test file ----

  private record Tensor(int[] shape, float[] values) {

    static Tensor read(JsonNode node) {
      int[] shape = new int[node.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = node.get("shape").get(i).asInt();
      }
      JsonNode values = node.get("values");
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        JsonNode x = values.get(i);
        // NaN and the infinities are written as the strings "NaN", "Infinity", "-Infinity"
        v[i] = x.isTextual() ? Float.parseFloat(x.asText()) : x.floatValue();
      }
      assertEquals(Arrays.stream(shape).reduce(1, (a, b) -> a * b), v.length, "shape vs values");
      return new Tensor(shape, v);
    }
  }

  private record Node(String op, JsonNode attributes) {

    /** A float attribute, or its ONNX default when the node does not set it. */
    float floatAttribute(String name, float defaultValue) {
      JsonNode value = attributes == null ? null : attributes.get(name);
      return value == null ? defaultValue : value.floatValue();
    }

    Integer intAttribute(String name) {
      JsonNode value = attributes == null ? null : attributes.get(name);
      return value == null ? null : value.asInt();
    }
  }

  private record DataSet(List<Tensor> inputs, List<Tensor> outputs) {}

  private record Case(
      String suite, String test, int opset, List<Node> nodes, List<DataSet> dataSets) {

    static Case read(Path file) {
      JsonNode root;
      try {
        root = JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      List<Node> nodes = new ArrayList<>();
      for (JsonNode n : root.get("nodes")) {
        nodes.add(new Node(n.get("op").asText(), n.get("attributes")));
      }
      List<DataSet> dataSets = new ArrayList<>();
      for (JsonNode d : root.get("data_sets")) {
        List<Tensor> inputs = new ArrayList<>();
        d.get("inputs").forEach(t -> inputs.add(Tensor.read(t)));
        List<Tensor> outputs = new ArrayList<>();
        d.get("outputs").forEach(t -> outputs.add(Tensor.read(t)));
        dataSets.add(new DataSet(inputs, outputs));
      }
      return new Case(file.getParent().getFileName().toString(), root.get("test").asText(),
          root.get("opset").asInt(), nodes, dataSets);
    }

    String displayName() {
      StringBuilder graph = new StringBuilder();
      for (Node n : nodes) {
        graph.append(graph.isEmpty() ? "" : " -> ").append(n.op());
        if (n.attributes() != null && !n.attributes().isEmpty()) {
          graph.append(n.attributes());
        }
      }
      return test + ": " + graph + ", opset " + opset;
    }

    /** The first operator of the graph that the library lacks, or null if it has them all. */
    String unimplementedOperator() {
      for (Node n : nodes) {
        if (!List.of("Sigmoid", "Tanh", "Relu", "LeakyRelu", "Softmax").contains(n.op())) {
          return n.op();
        }
      }
      return null;
    }

    void check() {
      String missing = unimplementedOperator();
      if (missing != null) {
        Assumptions.abort("operator " + missing + " not implemented yet");
      }
      for (int d = 0; d < dataSets.size(); d++) {
        DataSet data = dataSets.get(d);
        assertEquals(1, data.inputs().size(), "inputs of a one-input graph");
        assertEquals(1, data.outputs().size(), "outputs");
        Tensor result = data.inputs().get(0);
        for (Node n : nodes) {
          result = apply(n, opset, result);
        }
        Tensor expected = data.outputs().get(0);
        String what = suite + "/" + test + ", data set " + d;
        assertArrayEquals(expected.shape(), result.shape(), what + ": output shape");
        assertClose(what, expected.values(), result.values());
      }
    }
  }

  // ---- the operators, mapped onto the library ----

  static Tensor apply(Node node, int opset, Tensor x) {
    float[] y = new float[x.values().length];
    switch (node.op()) {
      case "Sigmoid" -> Activations.sigmoid(x.values(), y);
      case "Tanh" -> Activations.tanh(x.values(), y);
      case "Relu" -> Activations.relu(x.values(), y);
      case "LeakyRelu" -> Activations.leakyRelu(node.floatAttribute("alpha", 0.01f), x.values(), y);
      case "Softmax" -> softmax(x.shape(), x.values(), y, opset, node.intAttribute("axis"));
      default -> throw new IllegalArgumentException("not implemented: " + node.op());
    }
    return new Tensor(x.shape(), y);
  }

  /**
   * ONNX Softmax. From opset 13 it normalizes along one axis (default -1). Before opset 13 it
   * flattened the input to a matrix at the axis (default 1): rows are the dimensions before the
   * axis, and each row, all the dimensions from the axis on, is normalized as a whole.
   */
  static void softmax(int[] shape, float[] x, float[] y, int opset, Integer axisAttribute) {
    int rank = shape.length;
    int axis = axisAttribute != null ? axisAttribute : (opset >= 13 ? -1 : 1);
    if (axis < 0) {
      axis += rank;
    }
    assertTrue(axis >= 0 && axis < rank, "axis " + axisAttribute + " of rank " + rank);
    int before = product(shape, 0, axis);
    if (opset < 13) {
      Activations.softmaxRows(before, product(shape, axis, rank), x, y);
      return;
    }
    int length = shape[axis];
    int after = product(shape, axis + 1, rank);
    if (after == 1) {
      Activations.softmaxRows(before, length, x, y);
      return;
    }
    // the axis is not the last one: move it last in a scratch copy, normalize rows, move it back
    float[] moved = new float[x.length];
    for (int b = 0; b < before; b++) {
      for (int i = 0; i < length; i++) {
        for (int a = 0; a < after; a++) {
          moved[(b * after + a) * length + i] = x[(b * length + i) * after + a];
        }
      }
    }
    Activations.softmaxRows(before * after, length, moved, moved);
    for (int b = 0; b < before; b++) {
      for (int i = 0; i < length; i++) {
        for (int a = 0; a < after; a++) {
          y[(b * length + i) * after + a] = moved[(b * after + a) * length + i];
        }
      }
    }
  }

  private static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  /** ONNX's comparison: |actual - expected| <= 1e-7 + 1e-3 |expected|; NaN matches only NaN. */
  private static void assertClose(String what, float[] expected, float[] actual) {
    int bad = 0;
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < expected.length; i++) {
      float e = expected[i];
      float a = actual[i];
      boolean close = Float.isNaN(e) ? Float.isNaN(a)
          : Float.isInfinite(e) ? a == e
          : Math.abs((double) a - e) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(e);
      if (!close && bad++ < 5) {
        first.append("\n  [").append(i).append("] expected ").append(e).append(", was ").append(a);
      }
    }
    if (bad > 0) {
      fail(what + ": " + bad + " of " + expected.length + " elements outside the tolerance"
          + first);
    }
  }

  // ---- the harness's own mapping of Softmax axes, on values known in closed form ----

  private static final float LN3 = (float) Math.log(3);

  @Test
  void softmaxFromOpset13NormalizesAlongTheAxisOnly() {
    // shape [1, 2, 2], axis 1: pairs (x[0], x[2]) = (0, 0) and (x[1], x[3]) = (0, ln 3)
    float[] y = new float[4];
    softmax(new int[] {1, 2, 2}, new float[] {0, 0, 0, LN3}, y, 13, 1);

    assertArrayEquals(new float[] {0.5f, 0.25f, 0.5f, 0.75f}, y, 1e-6f);
  }

  @Test
  void softmaxBeforeOpset13FlattensFromTheAxisOn() {
    // the same input as one row of four: e^0, e^0, e^0, e^ln3 sum to 6
    float[] y = new float[4];
    softmax(new int[] {1, 2, 2}, new float[] {0, 0, 0, LN3}, y, 11, 1);

    assertArrayEquals(new float[] {1 / 6f, 1 / 6f, 1 / 6f, 0.5f}, y, 1e-6f);
  }

  @Test
  void softmaxDefaultAxisIsTheLastFromOpset13AndOneBefore() {
    float[] x = {0, 0, 0, LN3};
    float[] y13 = new float[4];
    float[] y11 = new float[4];

    softmax(new int[] {1, 2, 2}, x, y13, 13, null);
    softmax(new int[] {1, 2, 2}, x, y11, 11, null);

    assertArrayEquals(new float[] {0.5f, 0.5f, 0.25f, 0.75f}, y13, 1e-6f);
    assertArrayEquals(new float[] {1 / 6f, 1 / 6f, 1 / 6f, 0.5f}, y11, 1e-6f);
  }
}
