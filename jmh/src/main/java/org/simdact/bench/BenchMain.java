package org.simdact.bench;

import ai.onnxruntime.OrtEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the benchmark suite at every vector size the CPU offers, saves JMH's JSON and the facts of
 * the machine into jmh/results/CPU/RUN/, then writes and prints the report.
 */
@Command(
    name = "jmh/run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Benchmarks simdact's kernels against its scalar path, plain Java loops, plain Vector API "
          + "loops, ONNX Runtime and the memory roofs, and prints a table per function.",
      "Default: the quick suite: every function at 4K and 16M floats (narrower vector sizes at "
          + "4K only), 1 fork, 6 warm-up iterations of 250 ms and 5 measured ones of 100 ms; about "
          + "6 minutes on 2 cores. The online-normalizer softmax prototype runs only with "
          + "--full, and needs --warmup 10 to be compiled before it is measured."
    })
public final class BenchMain implements Callable<Integer> {

  static final List<Long> ALL_SIZES = List.of(4096L, 65_536L, 1_048_576L, 16_777_216L);
  static final List<Long> QUICK_SIZES = List.of(4096L, 16_777_216L);

  /** Room for three 16M-float arrays, the setup's temporaries and ONNX Runtime's buffers. */
  static final List<String> FORK_JVM_ARGS =
      List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
          "-Xms2g", "-Xmx2g");

  @Option(names = "--full", description = "All four sizes (4K, 64K, 1M, 16M) at every vector "
      + "size, 2 forks, 5 warm-up iterations of 400 ms and 5 measured ones of 300 ms; about 40 "
      + "minutes.")
  boolean full;

  @Option(names = "--functions", split = ",", paramLabel = "NAME",
      description = "Functions to run, for example sigmoid,softmaxBackward (default: all: "
          + "${COMPLETION-CANDIDATES}).", completionCandidates = FunctionNames.class)
  List<String> functions;

  @Option(names = "--sizes", split = ",", paramLabel = "SIZE",
      description = "Array sizes in floats, such as 4K,64K,1M,16M or 5000.")
  List<String> sizes;

  @Option(names = "--forks", description = "JMH forks per benchmark.")
  Integer forks;

  @Option(names = "--warmup", description = "Warm-up iterations per fork.")
  Integer warmupIterations;

  @Option(names = "--iterations", description = "Measured iterations per fork.")
  Integer iterations;

  @Option(names = "--time-ms", description = "Duration of each iteration in milliseconds.")
  Integer timeMs;

  @Option(names = "--vector-sizes", split = ",", paramLabel = "BYTES",
      description = "MaxVectorSize values to run the library at (default: all the CPU offers).")
  List<Integer> vectorSizes;

  @Option(names = "--no-onnx", description = "Leave out ONNX Runtime.")
  boolean noOnnx;

  @Option(names = "--label", description = "Suffix of the run folder; runs labelled dev are "
      + "ignored by git.")
  String label;

  @Option(names = "--results", defaultValue = "jmh/results",
      description = "Root of the results tree (default: ${DEFAULT-VALUE}).")
  Path results;

  @Option(names = "--report", paramLabel = "RUN_DIR",
      description = "Only rewrite and print the report of an existing run folder.")
  Path reportOnly;

  private String[] commandLine;

  static final class FunctionNames extends ArrayList<String> {
    FunctionNames() {
      super(Report.FUNCTIONS);
    }
  }

  public static void main(String[] args) {
    BenchMain main = new BenchMain();
    main.commandLine = args;
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (reportOnly != null) {
      Report.requireRunDir(reportOnly);
      System.out.println(Report.write(reportOnly));
      return 0;
    }
    long start = System.nanoTime();
    List<String> chosen = functions == null ? Report.FUNCTIONS : functions;
    for (String function : chosen) {
      if (!Report.FUNCTIONS.contains(function)) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "unknown function " + function + "; choose from " + Report.FUNCTIONS);
      }
    }
    List<Long> arraySizes = sizes == null ? (full ? ALL_SIZES : QUICK_SIZES)
        : sizes.stream().map(BenchMain::parseSize).toList();
    int forkCount = forks != null ? forks : full ? 2 : 1;
    // 4 x 250 ms left softmax boxed on a busy machine; 6 was enough in every run since
    int warmup = warmupIterations != null ? warmupIterations : full ? 5 : 6;
    int measured = iterations != null ? iterations : 5;
    int millis = timeMs != null ? timeMs : full ? 300 : 100;
    // the Vector API code runs boxed until C2 compiles it, which takes about a second of calls
    int warmupMillis = timeMs != null ? timeMs : full ? 400 : 250;

    Facts facts = new Facts();
    facts.started = ZonedDateTime.now().toString();
    facts.command = "jmh/run " + String.join(" ", commandLine);
    facts.cpu = CpuInfo.detect();
    facts.cpuSlug = facts.cpu.slug();
    facts.sizes = arraySizes;
    facts.functions = chosen;
    facts.jvmArgs = FORK_JVM_ARGS;
    facts.settings = String.format(Locale.ROOT, "%s suite: %d fork(s), %d warm-up iterations of "
        + "%d ms, %d measured iterations of %d ms, mode thrpt, gc profiler",
        full ? "full" : "quick", forkCount, warmup, warmupMillis, measured, millis);
    facts.jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.vm.version") + " (java " + System.getProperty(
            "java.version") + ", " + System.getProperty("java.home") + ")";
    facts.gitCommit = gitCommit();

    List<Integer> offered = facts.cpu.vectorSizes();
    List<Integer> run = new ArrayList<>(offered);
    if (vectorSizes != null) {
      run = new ArrayList<>(vectorSizes);
      run.removeIf(v -> !offered.contains(v) && !offered.isEmpty());
    }
    List<String> skipped = new ArrayList<>();
    for (int bytes : List.of(64, 32, 16)) {
      if (!offered.isEmpty() && !offered.contains(bytes)) {
        skipped.add(bytes + " bytes (" + (bytes == 64 ? "no avx512f" : bytes == 32 ? "no avx"
            : "no SSE4.2/NEON") + ")");
      } else if (vectorSizes != null && !run.contains(bytes)) {
        skipped.add(bytes + " bytes (not chosen)");
      }
    }
    if (run.isEmpty()) {
      run.add(0); // unknown CPU: the JVM's default only
    }
    facts.vectorBytes = run;
    facts.mainVectorBytes = run.get(0);
    facts.notOffered = String.join(", ", skipped);
    for (int bytes : run) {
      probe(bytes, facts);
    }

    List<String> onnxFunctions = chosen.stream().filter(Report.ONNX_FUNCTIONS::contains).toList();
    facts.onnxRuntime = noOnnx ? "left out (--no-onnx)" : onnxVersion();
    boolean onnx = !noOnnx && !onnxFunctions.isEmpty() && !facts.onnxRuntime.startsWith("not");

    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss"));
    Path runDir = results.resolve(facts.cpuSlug).resolve(label == null ? stamp
        : stamp + "-" + label);
    Files.createDirectories(runDir);
    facts.write(runDir);
    System.out.println("CPU " + facts.cpuSlug + ", vector sizes " + run + (skipped.isEmpty() ? ""
        : ", skipped " + facts.notOffered) + "; ONNX Runtime " + facts.onnxRuntime);
    System.out.println("results in " + runDir);

    for (int bytes : run) {
      boolean main = bytes == facts.mainVectorBytes;
      List<String> includes = new ArrayList<>();
      for (String function : chosen) {
        String name = Character.toUpperCase(function.charAt(0)) + function.substring(1);
        includes.add("^org\\.simdact\\.bench\\." + name + "Bench\\." + (main ? "" : "simdact$"));
      }
      if (main) {
        includes.add("^org\\.simdact\\.bench\\.CopyRoofBench\\.");
        if (onnx) {
          includes.add("^org\\.simdact\\.bench\\.OnnxRuntimeBench\\.");
        }
      }
      List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
      if (bytes > 0) {
        jvmArgs.add("-XX:MaxVectorSize=" + bytes);
      }
      String name = bytes > 0 ? "maxvectorsize-" + bytes : "default";
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(String.join("|", includes))
          .param("size", runSizes(arraySizes, main).stream().map(String::valueOf)
              .toArray(String[]::new))
          .param("function", onnxFunctions.toArray(String[]::new))
          .forks(forkCount)
          .warmupIterations(warmup)
          .warmupTime(TimeValue.milliseconds(warmupMillis))
          .measurementIterations(measured)
          .measurementTime(TimeValue.milliseconds(millis))
          .timeUnit(TimeUnit.SECONDS)
          .jvmArgs(jvmArgs.toArray(String[]::new))
          .addProfiler(GCProfiler.class)
          .shouldFailOnError(false)
          .resultFormat(ResultFormatType.JSON)
          .result(runDir.resolve("jmh-" + name + ".json").toString());
      if (!full) {
        // the prototype needs 2 to 3 s of calls before C2 compiles it: not a quick benchmark
        options.exclude("^org\\.simdact\\.bench\\.SoftmaxBench\\.onlineNormalizer$");
      }
      System.out.println("JMH run at " + (bytes > 0 ? "MaxVectorSize=" + bytes : "default")
          + ", log in " + runDir.resolve("jmh-" + name + ".log"));
      runJmh(options, runDir.resolve("jmh-" + name + ".log"));
    }

    facts.finished = ZonedDateTime.now().toString();
    facts.wallSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    facts.write(runDir);
    System.out.println();
    System.out.println(Report.write(runDir));
    System.out.println("report: " + runDir.resolve("report.md") + ", charts in "
        + runDir.resolve("charts"));
    return 0;
  }

  /** Runs JMH with its full log in a file and one progress line per benchmark on the console. */
  private static void runJmh(ChainedOptionsBuilder options, Path log)
      throws IOException, RunnerException {
    try (OutputStream file = Files.newOutputStream(log);
        PrintStream out = new PrintStream(new ProgressLines(file), true, StandardCharsets.UTF_8)) {
      new Runner(options.build(), OutputFormatFactory.createFormatInstance(out,
          VerboseMode.NORMAL)).run();
    }
  }

  /** Copies everything to the log and echoes a short progress line to the console. */
  private static final class ProgressLines extends OutputStream {
    private final OutputStream log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String progress = "";
    private String benchmark = "";

    ProgressLines(OutputStream log) {
      this.log = log;
    }

    @Override
    public void write(int b) throws IOException {
      log.write(b);
      if (b == '\n') {
        lineDone(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    private void lineDone(String text) {
      if (text.startsWith("# Run progress: ")) {
        progress = text.substring("# Run progress: ".length()).replace(" complete", "");
      } else if (text.startsWith("# Benchmark: ")) {
        benchmark = text.substring(text.lastIndexOf('.', text.lastIndexOf('.') - 1) + 1);
      } else if (text.startsWith("# Parameters: ")) {
        System.out.println("  [" + progress + "] " + benchmark + " "
            + text.substring("# Parameters: ".length()));
      } else if (text.startsWith("<failure>") || text.contains("Exception")) {
        System.out.println("  " + text);
      }
    }

    @Override
    public void flush() throws IOException {
      log.flush();
    }
  }

  /** Asks a JVM started with the run's flags which kernels the library uses. */
  private static void probe(int bytes, Facts facts) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(FORK_JVM_ARGS);
    if (bytes > 0) {
      command.add("-XX:MaxVectorSize=" + bytes);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    for (String line : output.split("\n")) {
      if (line.startsWith("implementation=")) {
        facts.kernelsByVectorBytes.put(Integer.toString(bytes),
            line.substring("implementation=".length()));
      } else if (line.startsWith("species=")) {
        facts.speciesByVectorBytes.put(Integer.toString(bytes),
            line.substring("species=".length()));
      }
    }
  }

  private static String onnxVersion() {
    try {
      return OrtEnvironment.getEnvironment().getVersion();
    } catch (Throwable e) { // a native library that does not load throws an Error
      return "not available: " + e;
    }
  }

  private static String gitCommit() {
    try {
      String head = run("git", "rev-parse", "HEAD");
      String changes = run("git", "status", "--porcelain", "--untracked-files=no");
      return head + (changes.isEmpty() ? "" : " with uncommitted changes");
    } catch (IOException | InterruptedException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor() == 0 ? output.trim() : "unknown";
  }

  /**
   * The sizes to run at one vector size: all of them at the widest; at narrower widths the quick
   * suite keeps only the smallest, where the lane count matters most (beyond the caches every
   * width waits for memory alike).
   */
  private List<Long> runSizes(List<Long> arraySizes, boolean widest) {
    if (widest || full || sizes != null) {
      return arraySizes;
    }
    return List.of(arraySizes.stream().min(Long::compare).orElseThrow());
  }

  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = t.endsWith("K") ? 1 << 10 : t.endsWith("M") ? 1 << 20 : 1;
    long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array size out of range: " + text);
    }
    return n;
  }

  static String describe(List<Long> sizes) {
    return sizes.stream().map(Report::sizeName).collect(Collectors.joining(","));
  }
}
