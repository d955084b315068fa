package dev.poolform.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTextTest {
  @Test
  void rendersEveryActionDriftSecretsAndTheSummary() {
    PlanView plan =
        new PlanView(
            List.of(
                new PlanView.Change(
                    "pool.api",
                    "rollout",
                    List.of(PlanView.Attr.changed("machine.image", "\"u-22\"", "\"u-24\"")),
                    List.of("machine.image changed")),
                new PlanView.Change(
                    "pool.db",
                    "create",
                    List.of(
                        PlanView.Attr.added("capacity.desired", "3"),
                        new PlanView.Attr(
                            "machine.user_data", Optional.empty(), Optional.of("x"), true)),
                    List.of()),
                new PlanView.Change("pool.old", "delete", List.of(), List.of()),
                new PlanView.Change(
                    "pool.vm",
                    "replace",
                    List.of(
                        PlanView.Attr.changed(
                            "machine.orchestration", "\"uniform\"", "\"flexible\"")),
                    List.of()),
                new PlanView.Change("pool.same", "noop", List.of(), List.of())),
            List.of(
                new PlanView.Drift(
                    "pool.web",
                    List.of(PlanView.Attr.changed("capacity.desired", "3", "5")),
                    true)));
    assertThat(new PlanText(Paint.OFF).render(plan))
        .isEqualTo(
            """
            Changed outside Poolform:

              # pool.web was changed outside Poolform
                ~ capacity.desired = 3 -> 5

            Poolform will perform the following actions:

              # pool.api will be rolled out: machine.image changed
              ~ pool.api {
                  ~ machine.image = "u-22" -> "u-24"
                }

              # pool.db will be created
              + pool.db {
                  + capacity.desired = 3
                  + machine.user_data = (sensitive)
                }

              # pool.old will be destroyed
              - pool.old

              # pool.vm must be replaced
              -/+ pool.vm {
                  ~ machine.orchestration = "uniform" -> "flexible"
                }

            Plan: 2 to create, 1 to change, 2 to destroy.
            """);
  }

  @Test
  void leftoversOfAnInterruptedApplyAreShownAndCounted() {
    PlanView v =
        new PlanView(
            List.of(
                new PlanView.Change(
                    "pool.a",
                    "cleanup",
                    List.of(),
                    List.of(
                        "group a-r1f2e (a-r1f2e) on local.dev was created by an interrupted apply and is in no state entry: it is deleted"),
                    1),
                new PlanView.Change("pool.b", "adopt", List.of(), List.of("adopting group b"), 0)),
            List.of());
    String text = new PlanText(Paint.OFF).render(v);
    assertThat(text)
        .contains("# pool.a has stray groups to delete: group a-r1f2e")
        .contains("# pool.b will be adopted: adopting group b")
        .endsWith("Plan: 0 to create, 1 to change, 1 to destroy.\n");
  }

  @Test
  void noChangesSaysSoAndColourOnlyWhenAsked() {
    PlanView empty =
        new PlanView(
            List.of(new PlanView.Change("pool.a", "noop", List.of(), List.of())), List.of());
    assertThat(new PlanText(Paint.OFF).render(empty))
        .isEqualTo("No changes. The clouds match the configuration.\n");
    assertThat(new PlanText(Paint.OFF).render(empty)).doesNotContain("\u001b[");
    assertThat(new PlanText(new Paint(true)).render(empty)).contains("\u001b[1m");
  }
}
