package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variables reach every command that compiles the configuration. A plan saved with {@code --var} is
 * applied with the same values ({@code pool apply PLANFILE} compiles the configuration again, and a
 * value left out reads as a stale plan: the refusal must say so, not that the configuration
 * changed, for its files did not). {@code status}, {@code watch} and {@code state restore} compare
 * the clouds with the configuration too: without the values the plan had, they would report (and
 * {@code watch --apply} carry out) the defaults' changes.
 */
class SavedPlanVariablesTest {
  @TempDir Path dir;

  static final String SIZED =
      """
      variable "size" {
        type    = int
        default = 1
      }

      cloud local dev {
        boot_time = 0s
      }

      pool "web" on dev {
        capacity { min = 1  max = 3  desired = var.size }
        machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
      }
      """;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void aPlanSavedWithVariablesNamesThemWhenAppliedWithout() throws Exception {
    Files.writeString(dir.resolve("main.pool"), SIZED);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    assertThat(pool("plan", "--var", "size=2", "--out", "p.plan").status()).isZero();

    CliRun without = pool("apply", "p.plan");
    assertThat(without.status()).isEqualTo(1);
    assertThat(without.err())
        .contains("The saved plan is stale")
        .contains("the same `--var` and `--var-file` options")
        .doesNotContain("the configuration changed since it was made");

    CliRun with = pool("apply", "p.plan", "--var", "size=2");
    assertThat(with.status()).as(with.err()).isZero();
    assertThat(pool("plan", "--var", "size=2").err() + pool("plan", "--var", "size=2").out())
        .contains("No changes.");
  }

  @Test
  void statusComparesWithTheValuesGiven() throws Exception {
    Files.writeString(dir.resolve("main.pool"), SIZED);
    assertThat(pool("apply", "--auto-approve", "--var", "size=2").status()).isZero();

    CliRun with = pool("status", "--var", "size=2");
    assertThat(with.status()).as(with.out() + with.err()).isZero();
    CliRun file = CliRun.run(dir, RoughEdgesTest.ENV, "", "status", "--var-file", "two.poolvars");
    assertThat(file.status()).isEqualTo(2); // no such file: a usage error, as for plan
    Files.writeString(dir.resolve("two.poolvars"), "size = 2\n");
    assertThat(pool("status", "--var-file", "two.poolvars").status()).isZero();
    // The default (1) is not what was applied: not current, and apply would scale.
    CliRun defaults = pool("status");
    assertThat(defaults.status()).isEqualTo(3);
    assertThat(defaults.out()).contains("capacity.desired changed (2 -> 1)");
  }

  @Test
  void watchAndStateRestoreTakeTheVariablesToo() {
    for (String[] command : new String[][] {{"watch", "--help"}, {"state", "restore", "--help"}}) {
      CliRun help = pool(command);
      assertThat(help.out())
          .as(String.join(" ", command))
          .contains("--var=NAME=VALUE", "--var-file");
    }
  }
}
