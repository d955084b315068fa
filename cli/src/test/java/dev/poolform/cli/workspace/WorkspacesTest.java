package dev.poolform.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.cli.UsageException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POOLFORM_POLL_INTERVAL} reads as a duration literal of the language. */
class WorkspacesTest {
  @Test
  void pollIntervalIsADurationLiteral() {
    assertThat(Workspaces.parseDuration("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(Workspaces.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> Workspaces.parseDuration("fast"))
        .isInstanceOf(UsageException.class)
        .hasMessage("POOLFORM_POLL_INTERVAL must be a duration like 200ms, 1s or 1m, not `fast`.");
  }
}
