package dev.poolform.provider.aws.session;

import static dev.poolform.provider.aws.session.CreateRefusalsTest.at;
import static dev.poolform.provider.aws.session.CreateRefusalsTest.templateTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;

/**
 * A moved pool (a {@code moved} block or {@code pool state mv}) keeps its group and its launch
 * template, and both are retagged with the new address: the template first, because the plan reads
 * the group's tag to decide that a retag is owed. A crash between the two leaves the group under
 * the old address, so the next apply retags again and finishes.
 */
@ExtendWith(MotoExtension.class)
class MovedTemplateTest {
  final String lineage = UUID.randomUUID().toString();

  /** Fails the group's retag (CreateOrUpdateTags) while armed: the process dies there. */
  static final class KillAtGroupRetag implements ExecutionInterceptor {
    final AtomicBoolean armed = new AtomicBoolean();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (armed.get() && context.request() instanceof CreateOrUpdateTagsRequest) {
        throw new IllegalStateException("killed before the group's retag");
      }
    }
  }

  @Test
  void aMoveRetagsTheTemplateAndACrashBeforeTheGroupsRetagResumes(MotoServer moto)
      throws Exception {
    KillAtGroupRetag kill = new KillAtGroupRetag();
    try (AwsSession s = Sessions.openWith(moto.endpoint(), lineage, kill)) {
      IrPool web = AwsPools.pool("web", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0);
      s.create(AwsPools.spec(at("pool.a", web), lineage), CapacityRequest.of(0, 1, 0), "t");
      assertThat(templateTags(s, "web")).containsEntry(Tags.ADDRESS, "pool.a");

      // pool.a moved to pool.b: the apply's retag dies after the template, before the group.
      GroupRef moved = new GroupRef("pool.b", "web", "web");
      GroupSpec b = AwsPools.spec(at("pool.b", web), lineage);
      kill.armed.set(true);
      assertThatThrownBy(() -> s.updateMetadata(moved, b)).hasStackTraceContaining("killed");
      kill.armed.set(false);
      assertThat(templateTags(s, "web"))
          .containsEntry(Tags.ADDRESS, "pool.b")
          .containsEntry(Tags.LINEAGE, lineage);
      // The group still names pool.a: the next plan owes the retag, and its apply finishes it.
      assertThat(groupTags(s)).containsEntry(Tags.ADDRESS, "pool.a");

      try (AwsSession next = Sessions.open(moto.endpoint(), lineage, null)) {
        next.updateMetadata(moved, b);
        assertThat(groupTags(next)).containsEntry(Tags.ADDRESS, "pool.b");
        assertThat(templateTags(next, "web")).containsEntry(Tags.ADDRESS, "pool.b");
        // The template is pool.b's now: pool.b's create (retried) takes it, pool.a's would not.
        assertThat(next.createRefusals(Map.of("pool.b", "web"), lineage)).isEmpty();
        assertThat(next.findOwned(lineage))
            .extracting(g -> g.ref().address())
            .containsExactly("pool.b");
      }
    }
  }

  private static Map<String, String> groupTags(AwsSession s) {
    return GroupReader.tags(
        s.clients()
            .asgRead()
            .describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
            .autoScalingGroups()
            .get(0)
            .tags());
  }
}
