package dev.poolform.compiler.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.source.SourceFile;
import dev.poolform.compiler.syntax.ParsedFile;
import dev.poolform.compiler.syntax.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases of GOLDEN.md for {@code pool fmt}: {@code golden/fmt/<case>.pool} formats to
 * {@code <case>.fmt}. A missing expected file is written and the case fails (so it gets
 * reviewed); {@code -Dgolden.update=true} rewrites them. Also: every golden input and example
 * that parses is a fixed point of fmt after one pass, and fmt keeps its meaning and comments.
 *
 * <p>Local to the syntax work until the shared golden harness (clidocs) takes fmt cases over.
 */
class FmtGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> fmtCases() throws IOException {
    return poolFiles(GOLDEN.resolve("fmt")).stream()
        .map(pool -> DynamicTest.dynamicTest(pool.getFileName().toString(), () -> check(pool)));
  }

  private static void check(Path pool) throws IOException {
    String input = Files.readString(pool, StandardCharsets.UTF_8);
    FormatResult r = Formatter.format(SourceFile.of(pool.getFileName().toString(), input));
    assertThat(r.diagnostics()).as("syntax errors in %s", pool).isEmpty();
    Path expectedFile = pool.resolveSibling(pool.getFileName().toString().replaceFirst("\\.pool$", ".fmt"));
    if (UPDATE || !Files.exists(expectedFile)) {
      boolean missing = !Files.exists(expectedFile);
      Files.writeString(srcPath(expectedFile), r.text(), StandardCharsets.UTF_8);
      if (missing) fail("wrote missing expected file " + expectedFile + "; review it and run again");
    } else {
      assertThat(r.text()).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
    assertThat(Formatter.format(SourceFile.of("again.pool", r.text())).text()).as("idempotent").isEqualTo(r.text());
  }

  /** Tests run in the module directory, so the resource path is also the source path. */
  private static Path srcPath(Path p) {
    return p;
  }

  @TestFactory
  Stream<DynamicTest> everyInputIsAFixedPointAfterOnePass() throws IOException {
    List<Path> inputs = new java.util.ArrayList<>(poolFiles(GOLDEN));
    Path examples = Path.of("../examples");
    if (Files.isDirectory(examples)) inputs.addAll(poolFiles(examples));
    return inputs.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
      SourceFile file = SourceFile.of(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      DiagnosticSink sink = new DiagnosticSink();
      ParsedFile parsed = Parser.parseWithComments(file, sink);
      if (sink.hasErrors()) {
        assertThat(Formatter.format(file).text()).isSameAs(file.text());
        return;
      }
      String once = Formatter.layout(file, parsed);
      assertThat(once).as("layout keeps meaning and comments of %s", p).isNotNull();
      assertThat(Formatter.format(SourceFile.of("x.pool", once)).text()).as("fmt(fmt(x)) == fmt(x)").isEqualTo(once);
    }));
  }

  private static List<Path> poolFiles(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".pool")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
