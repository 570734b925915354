package org.simdact.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Turns one run folder (JMH's JSON files and facts.json) into report.md and a chart per function,
 * and compares the run with the previous run on the same CPU.
 */
final class Report {

  /** The functions in the order of the report; each one's benchmark class is Name + "Bench". */
  static final List<String> FUNCTIONS = List.of("step", "stepBackward", "sigmoid",
      "sigmoidBackward", "tanh", "tanhBackward", "relu", "reluBackward", "leakyRelu",
      "leakyReluBackward", "softmax", "softmaxBackward");

  /** Functions with an ONNX Runtime anchor. */
  static final List<String> ONNX_FUNCTIONS =
      List.of("sigmoid", "tanh", "relu", "leakyRelu", "softmax");

  static final String ROOF = "roof";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** One measured benchmark: a function, an implementation at one vector size, one array size. */
  record Result(String function, String method, int vectorBytes, long size, double gelems,
      double error, double bytesPerOp) {

    String implementation() {
      return method.equals("simdact") ? method + "@" + vectorBytes : method;
    }

    /** True when the two results' error intervals do not touch. */
    boolean movedFrom(Result before) {
      double gap = Math.abs(gelems - before.gelems);
      return Double.isFinite(error) && Double.isFinite(before.error)
          && gap > error + before.error;
    }
  }

  private final Path runDir;
  private final Facts facts;
  private final List<Result> results;
  private final Optional<Path> previousDir;
  private final List<Result> previous;

  private Report(Path runDir) throws IOException {
    this.runDir = runDir;
    this.facts = Facts.read(runDir);
    this.results = readResults(runDir);
    this.previousDir = previousRun(runDir);
    this.previous = previousDir.isPresent() ? readResults(previousDir.get()) : List.of();
  }

  /** Writes report.md and charts/*.png into the run folder and returns the Markdown. */
  static String write(Path runDir) throws IOException {
    Report report = new Report(runDir);
    String markdown = report.markdown();
    Files.writeString(runDir.resolve("report.md"), markdown);
    report.charts();
    return markdown;
  }

  static String toJson(Object value) {
    return GSON.toJson(value);
  }

  static <T> T fromJson(Reader reader, Class<T> type) {
    return GSON.fromJson(reader, type);
  }

  // ---- reading ----

  static List<Result> readResults(Path dir) throws IOException {
    List<Result> results = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted()
          .toList();
    }
    for (Path file : files) {
      JsonArray runs;
      try (Reader reader = Files.newBufferedReader(file)) {
        JsonElement root = JsonParser.parseReader(reader);
        runs = root.isJsonArray() ? root.getAsJsonArray() : new JsonArray();
      }
      for (JsonElement element : runs) {
        results.add(result(element.getAsJsonObject()));
      }
    }
    return results;
  }

  private static Result result(JsonObject run) {
    String benchmark = run.get("benchmark").getAsString();
    String[] parts = benchmark.split("\\.");
    String className = parts[parts.length - 2];
    String method = parts[parts.length - 1];
    JsonObject params = run.has("params") ? run.getAsJsonObject("params") : new JsonObject();
    long size = Long.parseLong(params.get("size").getAsString());
    String function = switch (className) {
      case "CopyRoofBench" -> ROOF;
      case "OnnxRuntimeBench" -> params.get("function").getAsString();
      default -> Character.toLowerCase(className.charAt(0))
          + className.substring(1, className.length() - "Bench".length());
    };
    int vectorBytes = 0;
    for (JsonElement arg : run.getAsJsonArray("jvmArgs")) {
      String text = arg.getAsString();
      if (text.startsWith("-XX:MaxVectorSize=")) {
        vectorBytes = Integer.parseInt(text.substring("-XX:MaxVectorSize=".length()));
      }
    }
    JsonObject primary = run.getAsJsonObject("primaryMetric");
    double opsPerSecond = number(primary.get("score"));
    double error = number(primary.get("scoreError"));
    double bytesPerOp = Double.NaN;
    if (run.has("secondaryMetrics")) {
      for (Map.Entry<String, JsonElement> metric :
          run.getAsJsonObject("secondaryMetrics").entrySet()) {
        if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
          bytesPerOp = number(metric.getValue().getAsJsonObject().get("score"));
        }
      }
    }
    return new Result(function, method, vectorBytes, size, opsPerSecond * size / 1e9,
        error * size / 1e9, bytesPerOp);
  }

  /** JMH writes "NaN" as a string when it cannot give an error. */
  private static double number(JsonElement element) {
    return element == null ? Double.NaN : Double.parseDouble(element.getAsString());
  }

  /**
   * The latest earlier run folder of the same CPU that holds results. A run that is kept (no
   * "-dev" label) is compared only with kept runs, so that its committed report never refers to
   * a run that git ignores.
   */
  static Optional<Path> previousRun(Path runDir) throws IOException {
    String name = runDir.getFileName().toString();
    boolean kept = !name.endsWith("-dev");
    try (Stream<Path> siblings = Files.list(runDir.getParent())) {
      return siblings
          .filter(p -> p.getFileName().toString().compareTo(name) < 0)
          .filter(p -> !kept || !p.getFileName().toString().endsWith("-dev"))
          .filter(p -> Files.exists(p.resolve("facts.json")))
          .filter(p -> hasResults(p))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    }
  }

  private static boolean hasResults(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.anyMatch(p -> p.getFileName().toString().matches("jmh-.*\\.json"));
    } catch (IOException e) {
      return false;
    }
  }

  // ---- rows ----

  private record Row(String key, String label, String vector) {}

  private List<Row> rows(String function) {
    List<Row> rows = new ArrayList<>();
    int widest = facts.mainVectorBytes;
    rows.add(new Row("simdact@" + widest, "simdact (" + facts.kernels(widest) + ")",
        bits(widest)));
    for (int bytes : facts.vectorBytes) {
      if (bytes != widest) {
        rows.add(new Row("simdact@" + bytes, "simdact (" + facts.kernels(bytes) + ")",
            bits(bytes)));
      }
    }
    String vectorLabel = switch (function) {
      case "sigmoid", "softmax" -> "Vector API loop with VectorOperators.EXP";
      case "tanh" -> "Vector API loop with VectorOperators.TANH";
      default -> "plain Vector API loop";
    };
    String plainLabel = switch (function) {
      case "sigmoid", "softmax" -> "plain Java loop, Math.exp";
      case "tanh" -> "plain Java loop, Math.tanh";
      case "relu" -> "plain Java loop, Math.max";
      default -> "plain Java loop";
    };
    String main = bits(widest);
    rows.add(new Row("scalarKernels", "simdact scalar path (ScalarKernels)", main));
    rows.add(new Row("plainJava", plainLabel, main));
    rows.add(new Row("vectorApi", vectorLabel, main));
    if (function.equals("softmax")) {
      rows.add(new Row("onlineNormalizer",
          "online-normalizer softmax, 2 passes (prototype, not in the library)", main));
    }
    rows.add(new Row("onnxRuntime", "ONNX Runtime " + facts.onnxRuntime + ", 1 thread",
        "native"));
    if (twoInputs(function)) {
      rows.add(new Row("copyLoopTwoToOne", "roof: copy loop, 2 loads + 1 store", main));
    } else {
      rows.add(new Row("copyLoop", "roof: copy loop, 1 load + 1 store", main));
    }
    rows.add(new Row("arraycopy", "roof: System.arraycopy", "stub"));
    return rows;
  }

  private static boolean twoInputs(String function) {
    return function.endsWith("Backward") && !function.equals("stepBackward");
  }

  private static String bits(int bytes) {
    return bytes == 0 ? "default" : (bytes * 8) + "-bit";
  }

  private Map<Long, Result> find(List<Result> source, String function, String key) {
    Map<Long, Result> bySize = new LinkedHashMap<>();
    boolean roof = key.startsWith("copyLoop") || key.equals("arraycopy");
    for (Result r : source) {
      if ((roof ? r.function.equals(ROOF) : r.function.equals(function))
          && r.implementation().equals(key)) {
        bySize.put(r.size, r);
      }
    }
    return bySize;
  }

  // ---- Markdown ----

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# simdact benchmarks: ").append(runDir.getFileName()).append("\n\n");
    md.append(facts.markdown()).append('\n');
    md.append("Throughput in Gelem/s (10^9 array elements per second) ± JMH's 99.9% error, and "
        + "in brackets the ratio to the simdact row of the widest vector size at the same array "
        + "size. \"vector\" is the JVM's -XX:MaxVectorSize for the row. B/op is the allocation "
        + "per call from JMH's gc profiler at the smallest size measured, where JMH's own "
        + "background allocation is spread over the most calls.\n\n");
    List<String> changes = new ArrayList<>();
    for (String function : FUNCTIONS) {
      if (results.stream().anyMatch(r -> r.function.equals(function))) {
        table(md, function, changes);
      }
    }
    List<String> allocating = results.stream()
        // boxed vectors cost tens of bytes per element; JMH's own background allocation,
        // spread over the few calls of a 16M iteration, stays far below one byte per element
        .filter(r -> !r.method.equals("onnxRuntime") && r.bytesPerOp >= r.size)
        .map(r -> r.function + " " + r.implementation() + " " + sizeName(r.size) + " at "
            + bits(r.vectorBytes) + " (" + Math.round(r.bytesPerOp) + " B/op)")
        .toList();
    if (!allocating.isEmpty()) {
      md.append("**Warning:** these rows allocated a byte or more per element during "
          + "measurement, so their Vector API code was not yet compiled by C2 and their numbers "
          + "are too low; rerun with more warm-up (--warmup, --time-ms): ")
          .append(String.join(", ", allocating)).append(".\n\n");
    }
    targets(md);
    md.append("## Compared with the previous run on this CPU\n\n");
    if (previousDir.isEmpty()) {
      md.append("No earlier run of this CPU in ").append(runDir.getParent()).append(".\n");
    } else {
      md.append("Previous run: ").append(previousDir.get().getFileName()).append(". A result ")
          .append("is flagged (▲ faster, ▼ slower) when the two runs' error bars do not ")
          .append("overlap.\n\n");
      if (changes.isEmpty()) {
        md.append("No result moved by more than the error bars.\n");
      } else {
        md.append("| function | implementation | size | before | now | change |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        changes.forEach(md::append);
      }
    }
    return md.toString();
  }

  private void table(StringBuilder md, String function, List<String> changes) {
    TreeSet<Long> sizes = new TreeSet<>();
    results.stream().filter(r -> r.function.equals(function)).forEach(r -> sizes.add(r.size));
    Map<Long, Result> library = find(results, function, "simdact@" + facts.mainVectorBytes);

    md.append("## ").append(function).append("\n\n");
    md.append("| implementation | vector |");
    sizes.forEach(s -> md.append(' ').append(sizeName(s)).append(" |"));
    md.append(" B/op |\n|---|---|");
    sizes.forEach(s -> md.append("---:|"));
    md.append("---:|\n");

    Map<Long, Result> roof = Map.of();
    for (Row row : rows(function)) {
      Map<Long, Result> measured = find(results, function, row.key);
      if (measured.isEmpty()) {
        continue;
      }
      if (row.key.startsWith("copyLoop")) {
        roof = measured;
      }
      Map<Long, Result> before = find(previous, function, row.key);
      md.append("| ").append(row.label).append(" | ").append(row.vector).append(" |");
      double smallestBytes = Double.NaN;
      for (long size : sizes) {
        Result r = measured.get(size);
        md.append(' ');
        if (r == null) {
          md.append("– |");
          continue;
        }
        md.append(String.format(Locale.ROOT, "%.3g ± %.2g", r.gelems, r.error));
        Result lib = library.get(size);
        if (lib != null) {
          md.append(String.format(Locale.ROOT, " (%.2f×)", r.gelems / lib.gelems));
        }
        Result old = before.get(size);
        if (old != null && r.movedFrom(old)) {
          String arrow = r.gelems > old.gelems ? "▲" : "▼";
          md.append(' ').append(arrow);
          changes.add(String.format(Locale.ROOT, "| %s | %s | %s | %.3g ± %.2g | %.3g ± %.2g"
              + " | %+.0f%% %s |%n", function, row.label, sizeName(size), old.gelems, old.error,
              r.gelems, r.error, 100 * (r.gelems / old.gelems - 1), arrow));
        }
        md.append(" |");
        if (Double.isNaN(smallestBytes)) {
          smallestBytes = r.bytesPerOp;
        }
      }
      md.append(' ').append(Double.isNaN(smallestBytes) ? "–" : String.format(Locale.ROOT,
          "%.0f", smallestBytes)).append(" |\n");
    }
    if (!roof.isEmpty() && !library.isEmpty()) {
      md.append("| *simdact ÷ copy loop* | |");
      for (long size : sizes) {
        Result lib = library.get(size);
        Result copy = roof.get(size);
        md.append(' ').append(lib == null || copy == null ? "–"
            : String.format(Locale.ROOT, "%.0f%%", 100 * lib.gelems / copy.gelems)).append(" |");
      }
      md.append(" |\n");
    }
    md.append("\n![").append(function).append("](charts/").append(function).append(".png)\n\n");
  }

  /**
   * One performance goal: simdact at the widest vector size, at one array size, divided by
   * another row of the same run, should reach {@code wanted} (or exceed it, when {@code strict}).
   */
  private record Target(String function, long size, String against, String label,
      double wanted, boolean strict) {}

  private static final long K4 = 4096;
  private static final long K64 = 65536;
  private static final long M1 = 1 << 20;
  private static final long M16 = 1 << 24;

  private static final List<Target> TARGETS = targetList();

  private static List<Target> targetList() {
    List<Target> list = new ArrayList<>();
    for (String f : List.of("sigmoid", "tanh")) {
      list.add(new Target(f, K4, "vectorApi", "Vector API loop with EXP/TANH", 2, false));
      list.add(new Target(f, K4, "plainJava", "plain Math loop", 25, false));
      list.add(new Target(f, M16, "copyLoop", "copy loop", 0.9, false));
    }
    for (String f : List.of("relu", "leakyRelu", "step")) {
      list.add(new Target(f, K4, "arraycopy", "System.arraycopy", 0.8, false));
      list.add(new Target(f, K4, "plainJava", "plain Java loop", 1, false));
    }
    list.add(new Target("softmax", K4, "vectorApi", "three-pass Vector API softmax", 1.5, false));
    list.add(new Target("softmax", M1, "vectorApi", "three-pass Vector API softmax", 1.5, false));
    list.add(new Target("softmax", M1, "copyLoop", "copy loop", 0.6, false));
    for (String f : List.of("sigmoid", "tanh", "softmax")) {
      for (long size : List.of(K64, M1, M16)) {
        list.add(new Target(f, size, "onnxRuntime", "ONNX Runtime", 1, true));
      }
    }
    for (String f : List.of("sigmoidBackward", "tanhBackward", "reluBackward",
        "leakyReluBackward", "softmaxBackward", "stepBackward")) {
      list.add(new Target(f, M16, "copyLoopTwoToOne", "two-loads-one-store loop", 0.9, false));
    }
    return List.copyOf(list);
  }

  /**
   * The goals of the project as ratios within this run. The error of a ratio adds the two rows'
   * relative errors, so "met" and "missed" are only claimed when the whole interval agrees.
   */
  private void targets(StringBuilder md) {
    String lib = "simdact@" + facts.mainVectorBytes;
    StringBuilder rows = new StringBuilder();
    for (Target t : TARGETS) {
      Result num = find(results, t.function, lib).get(t.size);
      Result den = find(results, t.function, t.against).get(t.size);
      if (num == null || den == null) {
        continue;
      }
      double ratio = num.gelems / den.gelems;
      double error = ratio * (num.error / num.gelems + den.error / den.gelems);
      String verdict;
      if (t.strict ? ratio - error > t.wanted : ratio - error >= t.wanted) {
        verdict = "yes";
      } else if (t.strict ? ratio + error <= t.wanted : ratio + error < t.wanted) {
        verdict = "**no**";
      } else {
        verdict = "within error";
      }
      rows.append(String.format(Locale.ROOT, "| %s %s vs %s | %s %s | %.2f ± %.2f | %s |%n",
          t.function, sizeName(t.size), t.label, t.strict ? ">" : "≥",
          new DecimalFormat("0.##").format(t.wanted), ratio, error, verdict));
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("## Targets\n\n");
    md.append("simdact at ").append(bits(facts.mainVectorBytes)).append(" divided by the row "
        + "named, at one array size, in this run.\n\n");
    md.append("| target | wanted | measured (ratio ± error) | met |\n|---|---|---|---|\n");
    md.append(rows).append('\n');
  }

  static String sizeName(long size) {
    if (size >= (1 << 20) && size % (1 << 20) == 0) {
      return (size >> 20) + "M";
    }
    if (size >= (1 << 10) && size % (1 << 10) == 0) {
      return (size >> 10) + "K";
    }
    return Long.toString(size);
  }

  // ---- charts ----

  private void charts() throws IOException {
    Path dir = Files.createDirectories(runDir.resolve("charts"));
    for (String function : FUNCTIONS) {
      if (results.stream().noneMatch(r -> r.function.equals(function))) {
        continue;
      }
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      List<Boolean> roofs = new ArrayList<>();
      for (Row row : rows(function)) {
        Map<Long, Result> measured = find(results, function, row.key);
        if (measured.isEmpty()) {
          continue;
        }
        YIntervalSeries series = new YIntervalSeries(row.label);
        for (Result r : measured.values()) {
          double error = Double.isFinite(r.error) ? r.error : 0;
          series.add(r.size, r.gelems, Math.max(r.gelems - error, r.gelems * 0.01),
              r.gelems + error);
        }
        data.addSeries(series);
        roofs.add(row.label.startsWith("roof"));
      }
      // every power of four from 1K to 64M, so runs of any sizes share one scale
      LogAxis x = new LogAxis("array size (floats)");
      x.setBase(2);
      x.setRange(1 << 10, 1 << 26);
      x.setTickUnit(new NumberTickUnit(2));
      x.setNumberFormatOverride(new SizeFormat());
      LogAxis y = new LogAxis("Gelem/s (log scale)");
      y.setSmallestValue(1e-4);
      y.setTickUnit(new NumberTickUnit(1));
      y.setNumberFormatOverride(new DecimalFormat("0.####"));
      XYErrorRenderer renderer = new XYErrorRenderer();
      renderer.setDefaultLinesVisible(true);
      renderer.setDefaultShapesVisible(true);
      int line = 0;
      for (int i = 0; i < roofs.size(); i++) {
        if (roofs.get(i)) {
          renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
          renderer.setSeriesPaint(i, i == roofs.size() - 1 ? Color.GRAY : Color.BLACK);
        } else {
          renderer.setSeriesStroke(i, new BasicStroke(2f));
          renderer.setSeriesPaint(i, PALETTE[line++ % PALETTE.length]);
        }
      }
      XYPlot plot = new XYPlot(data, x, y, renderer);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      JFreeChart chart = new JFreeChart(function + " throughput by array size, "
          + runDir.getParent().getFileName(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
      chart.setBackgroundPaint(Color.WHITE);
      ChartUtils.saveChartAsPNG(dir.resolve(function + ".png").toFile(), chart, 960, 600);
    }
  }

  /** Colours that stay apart on white, for the measured lines; the roofs are black and grey. */
  private static final Color[] PALETTE = {
    new Color(0xD62728), new Color(0xFF7F0E), new Color(0x1F77B4), new Color(0x2CA02C),
    new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2)
  };

  /** Axis labels such as 4K and 16M for powers of two. */
  private static final class SizeFormat extends NumberFormat {
    @Override
    public StringBuffer format(double number, StringBuffer out, FieldPosition pos) {
      return out.append(sizeName(Math.round(number)));
    }

    @Override
    public StringBuffer format(long number, StringBuffer out, FieldPosition pos) {
      return out.append(sizeName(number));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException();
    }
  }

  static void requireRunDir(Path dir) {
    Objects.requireNonNull(dir);
    if (!Files.exists(dir.resolve("facts.json"))) {
      throw new IllegalArgumentException(dir + " holds no facts.json: not a run folder");
    }
  }
}
