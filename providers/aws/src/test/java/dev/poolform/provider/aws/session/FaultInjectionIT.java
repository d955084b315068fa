package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.FaultProxy;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Every operation through a proxy that throttles, fails with 500 and drops connections (before and
 * after moto carried the call out) on a third of the calls: everything converges, and moto ends up
 * with exactly one group, one template and the expected versions per pool.
 */
@ExtendWith(MotoExtension.class)
class FaultInjectionIT {
  @Test
  void operationsConvergeAndNothingIsDuplicated(MotoServer moto) throws Exception {
    String lineage = "faulty";
    CallCounter attempts = new CallCounter();
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 0.33, 42);
        AwsSession s = Sessions.open(proxy.endpoint(), lineage, attempts);
        AwsSession direct = Sessions.open(moto.endpoint(), lineage, null)) {
      List<GroupRef> refs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String name = "f" + i;
        refs.add(
            s.create(
                AwsPools.spec(
                    AwsPools.pool(name, AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 2),
                    lineage),
                CapacityRequest.of(0, 4, 2),
                "tok-" + i));
      }
      for (int i = 0; i < 3; i++) {
        s.updateModel(
            refs.get(i),
            AwsPools.spec(
                AwsPools.pool("f" + i, AwsPools.machine(AwsPools.IMAGE_B, "t3.micro"), 2),
                lineage));
      }
      // A rollout step: surge, then retire the old machines.
      GroupRef r0 = refs.get(0);
      List<String> old = s.machines(r0).stream().map(ObservedMachine::id).toList();
      s.setCapacity(r0, CapacityRequest.of(0, 4, 4));
      s.terminate(r0, old, true);
      s.setCapacity(refs.get(1), CapacityRequest.of(0, 4, 3));
      s.delete(refs.get(5));
      assertThat(s.read(refs)).hasSize(5);
      assertThat(s.findOwned(lineage)).hasSize(5);

      // Every kind of fault happened.
      assertThat(proxy.counts()).allSatisfy((f, n) -> assertThat(n).as(f.name()).isPositive());

      // What moto holds, read directly.
      var groups = direct.clients().asgRead().describeAutoScalingGroups().autoScalingGroups();
      assertThat(groups)
          .extracting(g -> g.autoScalingGroupName())
          .containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4");
      var templates =
          direct
              .clients()
              .ec2Read()
              .describeLaunchTemplates(b -> b.maxResults(50))
              .launchTemplates();
      assertThat(templates)
          .extracting(t -> t.launchTemplateName())
          .containsExactlyInAnyOrder(
              Names.template("f0"),
              Names.template("f1"),
              Names.template("f2"),
              Names.template("f3"),
              Names.template("f4"));
      for (int i = 0; i < 5; i++) {
        int n = i;
        var versions =
            direct
                .clients()
                .ec2Read()
                .describeLaunchTemplateVersions(b -> b.launchTemplateName(Names.template("f" + n)))
                .launchTemplateVersions();
        assertThat(versions).as("versions of f%d", i).hasSize(i < 3 ? 2 : 1);
      }
      int expected = 2 + 3 + 2 + 2 + 2;
      long running =
          direct.clients().ec2Read().describeInstances().reservations().stream()
              .flatMap(r -> r.instances().stream())
              .filter(x -> x.state().name() == InstanceStateName.RUNNING)
              .count();
      assertThat(running).isEqualTo(expected);
      assertThat(groups.stream().mapToInt(g -> g.instances().size()).sum()).isEqualTo(expected);
      assertThat(direct.machines(r0))
          .hasSize(2)
          .allSatisfy(m -> assertThat(m.specHash()).isPresent());
      assertThat(direct.read(List.of(r0)).get("pool.f0").desired()).isEqualTo(2);
    }
  }
}
