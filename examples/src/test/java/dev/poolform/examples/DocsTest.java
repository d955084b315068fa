package dev.poolform.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/ is the contract, so it is held to the code: every {@code pool} example in the docs
 * compiles, every diagnostic code is in the catalogue, every link in the docs and every pointer to
 * a docs page in the code leads to a page and a heading that exist, and nothing cites design notes
 * that live outside the repository.
 */
class DocsTest {
  private static final Path ROOT = Examples.repoRoot();

  /** The Markdown pages users and contributors read. */
  static List<Path> pages() {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("README.md"));
    out.add(ROOT.resolve("CONTRIBUTING.md"));
    out.add(ROOT.resolve("runtime/README.md"));
    out.add(ROOT.resolve("capi/src/test/resources/capi-crds/README.md"));
    out.add(ROOT.resolve("editors/vscode/README.md"));
    try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @TestFactory
  List<DynamicTest> everyPoolExampleInTheDocsCompiles() {
    Pattern block = Pattern.compile("(?m)^```pool\\n(.*?)^```$", Pattern.DOTALL);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages()) {
      String text = read(page);
      Matcher m = block.matcher(text);
      while (m.find()) {
        int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        String name = ROOT.relativize(page) + ":" + line;
        String source = m.group(1);
        tests.add(
            DynamicTest.dynamicTest(
                name,
                () -> {
                  Compilation c = Compiler.compileSource(name + ".pool", source);
                  assertThat(c.diagnostics())
                      .as("%s", name)
                      .noneMatch(d -> d.severity() == Severity.ERROR);
                }));
      }
    }
    assertThat(tests).as("```pool examples in the docs").hasSizeGreaterThanOrEqualTo(4);
    return tests;
  }

  @Test
  void theCatalogueListsEveryDiagnosticCode() {
    String catalogue = read(ROOT.resolve("docs/diagnostics.md"));
    for (Code c : Code.values()) {
      assertThat(catalogue).as(c.name()).contains("| " + c.name() + " | " + c.title() + " |");
    }
  }

  @Test
  void everyLinkInTheDocsLeadsToAPageAndHeadingThatExist() {
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      Matcher m = link.matcher(read(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) continue; // https:, mailto:
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        String where = ROOT.relativize(page) + " -> " + target;
        if (!to.startsWith(ROOT) || !Files.exists(to)) broken.add(where + " (no such file)");
        else if (hash >= 0 && !anchors(to).contains(target.substring(hash + 1)))
          broken.add(where + " (no such heading)");
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void everyDocsPointerInTheCodeLeadsToAPageAndHeadingThatExist() throws IOException {
    // "docs/language.md#operators, #types": a page, then anchors in it.
    Pattern pointer =
        Pattern.compile(
            "((?:docs/[\\w/.-]+|CONTRIBUTING)\\.md)((?:#[\\w-]+)(?:,\\s*(?:\\*\\s*)?#[\\w-]+)*)?");
    List<String> broken = new ArrayList<>();
    for (Path f : sources()) {
      Matcher m = pointer.matcher(read(f));
      while (m.find()) {
        Path page = ROOT.resolve(m.group(1));
        String where = ROOT.relativize(f) + ": " + m.group();
        if (!Files.exists(page)) {
          broken.add(where + " (no such file)");
          continue;
        }
        if (m.group(2) == null) continue;
        for (String a : m.group(2).split("[,\\s*]+", -1)) {
          if (!a.isEmpty() && !anchors(page).contains(a.substring(1)))
            broken.add(where + " (no heading " + a + ")");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void nothingCitesDesignNotesOutsideTheRepository() throws IOException {
    // Spelled in pieces so that this file does not match itself.
    List<String> outside =
        List.of("LANGUAGE" + ".md", "GOLDEN" + ".md", "DESIGN" + ".md", "../" + "shared/capi");
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>(sources());
    files.addAll(pages());
    for (Path f : files) {
      String text = read(f);
      for (String o : outside) if (text.contains(o)) found.add(ROOT.relativize(f) + ": " + o);
    }
    assertThat(found).isEmpty();
  }

  /** Source files whose comments and help texts may point at the docs. */
  static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(ROOT)) {
      s.filter(p -> !p.toString().contains("/target/"))
          .filter(p -> !p.toString().contains("/.git/") && !p.toString().contains("/.venv/"))
          .filter(p -> !p.toString().contains("/node_modules/"))
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".java")
                    || n.endsWith(".g4")
                    || n.equals("pom.xml")
                    || (n.endsWith(".md") && p.toString().contains("/src/"));
              })
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

  /** The anchors GitHub gives a page's headings. */
  static synchronized Set<String> anchors(Path page) {
    return ANCHORS.computeIfAbsent(
        page,
        p -> {
          Set<String> out = new HashSet<>();
          Map<String, Integer> seen = new HashMap<>();
          boolean fenced = false;
          for (String line : read(p).split("\n", -1)) {
            if (line.startsWith("```")) fenced = !fenced;
            if (fenced || !line.matches("#{1,6} .*")) continue;
            String slug = slug(line.replaceFirst("#+ ", ""));
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
          }
          return out;
        });
  }

  /** GitHub's rule: lower case, punctuation dropped (but {@code -} and {@code _}), spaces to -. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  @Test
  void slugsFollowGitHub() {
    assertThat(slug("Poolform's rolling engine (`engine = \"poolform\"`)"))
        .isEqualTo("poolforms-rolling-engine-engine--poolform");
    assertThat(slug("Machine — AWS")).isEqualTo("machine--aws");
    assertThat(slug("Azure provider: 1,000 pools against the ARM emulator"))
        .isEqualTo("azure-provider-1000-pools-against-the-arm-emulator");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
