package dev.poolform.lsp.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's rounds, driven step by step: the server stores an edited buffer on its message
 * thread and queues the edit's marking after it, so a round can start in between and compile the
 * edit before its marking runs.
 */
class AnalysesTest {
  static final String MAIN = "cloud local dev {}\n";
  static final String OTHER = "# nothing here yet\n";

  @Test
  void anEditCompiledByARoundBeforeItsMarkingRanIsNotPublishedAgain(@TempDir Path dir)
      throws Exception {
    Path main = Files.writeString(dir.resolve("main.pool"), MAIN);
    Path other = Files.writeString(dir.resolve("other.pool"), OTHER);
    Documents docs = new Documents();
    List<Analyses.Published> published = new CopyOnWriteArrayList<>();
    List<String> log = new CopyOnWriteArrayList<>();
    try (Analyses analyses =
        new Analyses(docs, new Configurations(Map.of()), Map.of(), 0, published::add, log::add)) {
      edit(docs, analyses, main, 1, MAIN);
      edit(docs, analyses, other, 1, OTHER);
      drain(analyses);
      assertThat(versionsOf(published, main)).isNotEmpty().allMatch(v -> v == 1);
      published.clear();

      // main's version 2 is stored; its marking is not queued yet when other's edit starts a
      // round that compiles the whole directory, main's version 2 with it.
      docs.put(main.toUri().toString(), 2, MAIN + "# edited\n");
      edit(docs, analyses, other, 2, OTHER + "# edited\n");
      drain(analyses);
      assertThat(versionsOf(published, main)).containsExactly(2);

      analyses.changed(main); // the marking arrives late: nothing new to compile
      drain(analyses);
      assertThat(versionsOf(published, main)).as("published: %s", published).containsExactly(2);

      edit(docs, analyses, main, 3, MAIN); // a real edit is still compiled and published
      drain(analyses);
      assertThat(versionsOf(published, main)).containsExactly(2, 3);
      assertThat(log).isEmpty();
    }
  }

  private static void edit(Documents docs, Analyses analyses, Path file, int version, String text) {
    docs.put(file.toUri().toString(), version, text).ifPresent(d -> analyses.changed(d.path()));
  }

  /** Waits out the markings queued so far and the round they queue. */
  private static void drain(Analyses analyses) throws Exception {
    analyses.onWorker(() -> null).get();
    analyses.onWorker(() -> null).get();
  }

  private static List<Integer> versionsOf(List<Analyses.Published> published, Path file) {
    Path p = file.toAbsolutePath().normalize();
    return published.stream()
        .filter(x -> x.document().path().equals(p))
        .map(x -> x.document().version())
        .toList();
  }
}
