package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionPruningTest {
  @Test
  void keepsTheNewestThree() {
    assertThat(VersionPruning.toDelete(1, Set.of(1L))).isEmpty();
    assertThat(VersionPruning.toDelete(3, Set.of(3L))).isEmpty();
    assertThat(VersionPruning.toDelete(4, Set.of(4L))).containsExactly(1L);
    assertThat(VersionPruning.toDelete(5, Set.of(5L))).containsExactly(1L, 2L);
  }

  @Test
  void neverDeletesAVersionInUse() {
    assertThat(VersionPruning.toDelete(6, Set.of(6L, 2L))).containsExactly(1L, 3L);
  }

  @Test
  void looksOnlyAWindowBelowTheKeptOnes() {
    assertThat(VersionPruning.toDelete(100, Set.of(100L)))
        .hasSize(VersionPruning.WINDOW)
        .startsWith(88L)
        .endsWith(97L);
  }

  @Test
  void prunesEveryThirdVersionOnceThereIsSomethingToDelete() {
    assertThat(java.util.stream.LongStream.rangeClosed(1, 12).filter(VersionPruning::due))
        .containsExactly(6L, 9L, 12L);
    // Each prune reaches back far enough to delete what the two updates before it left.
    assertThat(VersionPruning.toDelete(9, Set.of(9L))).contains(4L, 5L, 6L);
  }
}
