import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.poolform.ir.json.IrCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Warm compile time: parse + resolve + check + evaluate + IR (and, separately, IR JSON), after
 * warm-up iterations so the JIT has compiled the hot paths. Also the CPU time the process spent
 * during each compile: {@code Compiler.compile} runs on a thread of its own (a large stack) that
 * has ended when it returns, so the calling thread's CPU time is about zero and the compiling
 * thread's can no longer be read; the process's CPU time (every thread: the compiler's, the
 * garbage collector's, the JIT's) is what can be measured. It counts in clock ticks (10 ms on
 * Linux), so the harness reports its mean over the measured iterations, which the ticks do not
 * bias. When FILE.pool has a FILE.yaml beside it (the same pools as Cluster API YAML, written by
 * bench/Generate.java), the same loop also times Jackson reading that YAML into trees, interleaved
 * with the compiles so both see the same machine, and prints compile / parse (issue 17's bar: at
 * most 0.5). Not a unit test; run by bench/run.sh:
 *
 *   java -cp cli/target/poolform.jar bench/CompileBench.java WARMUP ITERATIONS FILE...
 */
public final class CompileBench {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Every document of a YAML stream as a tree: what Jackson does for Cluster API manifests. */
  private static int parseYaml(String text) {
    int docs = 0;
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) if (it.next().size() > 0) docs++;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return docs;
  }

  public static void main(String[] args) throws IOException {
    int warmup = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    for (String file : Arrays.copyOfRange(args, 2, args.length)) {
      CompileOptions options = new CompileOptions(Path.of(file), Optional.empty(), Map.of());
      Compilation first = Compiler.compile(options);
      if (first.hasErrors()) {
        System.err.println(file + ": has errors: " + first.diagnostics().get(0).message());
        System.exit(1);
      }
      int pools = first.ir().orElseThrow().pools().size();
      Path yamlFile = Path.of(file.replaceFirst("\\.pool$", ".yaml"));
      String yaml = Files.exists(yamlFile) ? Files.readString(yamlFile) : null;
      for (int i = 0; i < warmup; i++) {
        Compiler.compile(options);
        if (yaml != null) parseYaml(yaml);
      }
      long[] parse = new long[iterations];
      int docs = 0;
      long[] compile = new long[iterations];
      long[] cpu = new long[iterations];
      long[] json = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        long c0 = processCpu();
        long t0 = System.nanoTime();
        Compilation c = Compiler.compile(options);
        long t1 = System.nanoTime();
        cpu[i] = processCpu() - c0;
        String out = IrCodec.write(c.ir().orElseThrow());
        long t2 = System.nanoTime();
        if (out.isEmpty()) throw new AssertionError();
        compile[i] = t1 - t0;
        json[i] = t2 - t1;
        if (yaml != null) {
          long p0 = System.nanoTime();
          docs = parseYaml(yaml);
          parse[i] = System.nanoTime() - p0;
        }
      }
      Arrays.sort(parse);
      Arrays.sort(compile);
      Arrays.sort(json);
      String cpuText = processCpu() < 0 ? "n/a" : String.format("%.0f ms", ms(Arrays.stream(cpu).sum() / iterations));
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          "%s: %d pools; compile (parse+check+IR) wall min %.0f ms, median %.0f ms, max %.0f ms;"
              + " process CPU mean %s; IR JSON median %.0f ms; heap used %d MiB%n",
          Path.of(file).getFileName(), pools, ms(compile[0]), ms(compile[iterations / 2]),
          ms(compile[iterations - 1]), cpuText, ms(json[iterations / 2]),
          (rt.totalMemory() - rt.freeMemory()) >> 20);
      if (yaml != null) {
        System.out.printf(
            "%s: Jackson YAML (%d documents, %d KiB) wall min %.0f ms, median %.0f ms;"
                + " compile / parse: median %.2f, min %.2f%n",
            yamlFile.getFileName(), docs, yaml.length() >> 10, ms(parse[0]),
            ms(parse[iterations / 2]), (double) compile[iterations / 2] / parse[iterations / 2],
            (double) compile[0] / parse[0]);
      }
    }
  }

  /** CPU time of the whole process in nanoseconds, or -1 where the JVM cannot tell. */
  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
