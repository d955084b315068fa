package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad input never breaks {@code pool validate} (CONTRIBUTING.md#bad-input): random bytes, token
 * soups, mutated examples, absurd nesting and huge lines all end in exit status 0, 1 or 2 within a
 * time bound, with no stack trace and no internal error. Each case runs on a worker thread with a
 * deadline, so a hang fails the property instead of hanging the build.
 */
class BadInputPropertiesTest {
  // Generous: the bound is there to catch hangs, and CI machines are shared.
  private static final long DEADLINE_SECONDS = 30;
  private static Path dir;
  private static ExecutorService worker;
  private static List<String> examples;
  private static final java.io.StringWriter OUT = new java.io.StringWriter();
  private static final java.io.StringWriter ERR = new java.io.StringWriter();
  private static CliContext ctx;
  private static picocli.CommandLine pool;

  @BeforeContainer
  static void setUp() throws IOException {
    dir = Files.createTempDirectory("pool-bad-input");
    worker = newWorker();
    examples = readExamples();
    // One command line for all cases: building picocli's model costs more than a small validate.
    ctx =
        new CliContext(
            new java.io.PrintWriter(OUT),
            new java.io.PrintWriter(ERR),
            java.io.InputStream.nullInputStream(),
            Map.of(),
            dir,
            false);
    pool = Main.commandLine(ctx);
  }

  @AfterContainer
  static void tearDown() throws IOException {
    worker.shutdownNow();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "bad-input-worker");
          t.setDaemon(true);
          return t;
        });
  }

  // ---- properties --------------------------------------------------------------------------

  @Property(tries = 300)
  void randomBytes(@ForAll("bytes") byte[] input) {
    validates(input);
  }

  @Property(tries = 500)
  void tokenSoups(@ForAll("soups") String input) {
    validates(input.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 1000)
  void mutatedExamples(@ForAll("mutants") String input) {
    validates(input.getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void deeplyNestedBrackets() {
    validates(("let x = " + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
    validates(
        ("let x = " + "[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void deeplyNestedParentheses() {
    validates(
        ("let x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000))
            .getBytes(StandardCharsets.UTF_8));
    validates(("let x = " + "-".repeat(100_000) + "1").getBytes(StandardCharsets.UTF_8));
    validates(("let x = " + "!".repeat(100_000) + "true").getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void deeplyNestedBlocksAndMaps() {
    validates(
        ("cloud local dev {}\npool \"p\" on dev { " + "machine { ".repeat(50_000))
            .getBytes(StandardCharsets.UTF_8));
    validates(
        ("let m = " + "{ a = ".repeat(50_000) + "1" + " }".repeat(50_000))
            .getBytes(StandardCharsets.UTF_8));
    validates(("let s = \"" + "${\"".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void longChainsAndHugeLines() {
    validates(("let x = " + "1 + ".repeat(100_000) + "1").getBytes(StandardCharsets.UTF_8));
    validates(("let x = a" + ".b".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
    validates(("let x = \"" + "a".repeat(2_000_000) + "\"").getBytes(StandardCharsets.UTF_8));
    validates(("let x = " + "9".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
    // Invalid characters cost the lexer ~10 us each even past the error cap (reported); keep this
    // one moderate so the suite stays fast.
    validates("@".repeat(20_000).getBytes(StandardCharsets.UTF_8));
    validates("let x = 1\n".repeat(100_000).getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void emptyAndWhitespaceOnly() {
    validates(new byte[0]);
    validates(" \n\t\r\n".getBytes(StandardCharsets.UTF_8));
    validates(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
  }

  // ---- the check ---------------------------------------------------------------------------

  private static void validates(byte[] input) {
    Path file = dir.resolve("case.pool");
    try {
      Files.write(file, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Future<CliRun> future =
        worker.submit(
            () -> {
              OUT.getBuffer().setLength(0);
              ERR.getBuffer().setLength(0);
              int status = Main.execute(pool, ctx, "validate", file.toString());
              return new CliRun(status, OUT.toString(), ERR.toString());
            });
    CliRun r;
    try {
      r = future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker(); // the stuck thread is a daemon; later cases get a fresh one
      pool = Main.commandLine(ctx);
      throw new AssertionError(
          "pool validate did not finish within " + DEADLINE_SECONDS + " s on: " + preview(input));
    } catch (Exception e) {
      throw new AssertionError("pool validate threw on: " + preview(input), e);
    }
    assertThat(r.status()).as("exit status; stderr: %s", head(r.err())).isIn(0, 1, 2);
    assertThat(r.hasStackTrace()).as("stack trace in output: %s", head(r.err())).isFalse();
    assertThat(r.err())
        .as("internal error on: %s", preview(input))
        .doesNotContain("internal error")
        .doesNotContain("[E0100]");
    if (r.status() == 1) assertThat(r.err()).as("errors are reported").contains("error[E");
  }

  private static String preview(byte[] input) {
    String s = new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8);
    return "(" + input.length + " bytes) " + s.replace("\n", "\\n");
  }

  private static String head(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }

  // ---- generators --------------------------------------------------------------------------

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
  }

  private static final List<String> TOKENS =
      List.of(
          "cloud",
          "template",
          "pool",
          "let",
          "import",
          "from",
          "on",
          "for",
          "in",
          "if",
          "else",
          "true",
          "false",
          "null",
          "external",
          "local",
          "aws",
          "azure",
          "dev",
          "prod",
          "web",
          "base",
          "x",
          "_y1",
          "capacity",
          "machine",
          "rollout",
          "health",
          "labels",
          "after",
          "min",
          "max",
          "desired",
          "size",
          "image",
          "env",
          "file",
          "merge",
          "concat",
          "length",
          "format",
          "range",
          "{",
          "}",
          "[",
          "]",
          "(",
          ")",
          "=",
          ",",
          ".",
          ":",
          "?",
          "+",
          "-",
          "*",
          "/",
          "%",
          "<",
          "<=",
          ">",
          ">=",
          "==",
          "!=",
          "&&",
          "||",
          "!",
          "\"",
          "\"web\"",
          "\"${",
          "${",
          "\"a-${x}\"",
          "\"\\u{1F600}\"",
          "\"\\q\"",
          "<<EOT\n",
          "<<-EOT\n",
          "EOT",
          "\nEOT\n",
          "#",
          "//",
          "/*",
          "*/",
          "0",
          "1",
          "-3",
          "42",
          "9223372036854775808",
          "0.05",
          "1e3",
          "1e",
          "30s",
          "1h30m",
          "5min",
          "25%",
          "512MiB",
          "2GB",
          "1TiB",
          "500ms",
          "\n",
          " ",
          "\t",
          "\r\n",
          "@",
          ";",
          "`",
          "\u0000",
          "\u00e9",
          "\ud83d\ude00");

  @Provide
  Arbitrary<String> soups() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(200).map(ts -> String.join(" ", ts));
  }

  @Provide
  Arbitrary<String> mutants() {
    Arbitrary<String> base = Arbitraries.of(examples);
    Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(base, mutations)
        .as(
            (text, ms) -> {
              String s = text;
              for (Mutation m : ms) s = m.apply(s);
              return s;
            });
  }

  /** One edit at a relative position (0..1) of the text, so it applies to any length. */
  private record Mutation(int kind, double at, double to, String token) {
    String apply(String s) {
      if (s.isEmpty()) return token;
      int i = (int) (at * s.length());
      int j = Math.min(s.length(), i + 1 + (int) (to * 40));
      return switch (kind) {
        case 0 -> s.substring(0, i) + s.substring(j); // delete a run of characters
        case 1 -> s.substring(0, j) + s.substring(i, j) + s.substring(j); // duplicate a run
        case 2 -> { // swap two characters
          char[] cs = s.toCharArray();
          int k = (int) (to * (s.length() - 1));
          char t = cs[i];
          cs[i] = cs[k];
          cs[k] = t;
          yield new String(cs);
        }
        case 3 -> s.substring(0, i) + token + s.substring(i); // insert a token
        case 4 -> { // delete a whitespace-separated token
          int start = s.lastIndexOf(' ', i) + 1;
          int end = s.indexOf(' ', i);
          yield s.substring(0, start) + (end < 0 ? "" : s.substring(end));
        }
        default ->
            s.substring(0, i)
                + (char) (to * 0x80)
                + s.substring(Math.min(s.length(), i + 1)); // replace a char
      };
    }
  }

  private Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.doubles().between(0, 0.999).ofScale(3),
            Arbitraries.doubles().between(0, 0.999).ofScale(3),
            Arbitraries.of(TOKENS))
        .as(Mutation::new);
  }

  private static List<String> readExamples() throws IOException {
    String prop = System.getProperty("poolform.repo.root");
    Path root =
        prop != null && !prop.isBlank()
            ? Path.of(prop)
            : Path.of("..").toAbsolutePath().normalize();
    Path examplesDir = root.resolve("examples");
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(examplesDir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".pool")).sorted().toList()) {
        if (examplesDir.relativize(p).startsWith("src")) continue;
        out.add(Files.readString(p));
      }
    }
    if (out.isEmpty()) throw new IllegalStateException("no examples under " + examplesDir);
    return out;
  }
}
