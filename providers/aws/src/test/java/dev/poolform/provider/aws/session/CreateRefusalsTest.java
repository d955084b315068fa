package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Tag;

/**
 * A plan refuses the creates its apply would refuse: new pools whose Auto Scaling group name (or
 * launch template name) another configuration's resource, or one no configuration owns, already
 * holds. The plan reads all of them in one call each, and its error is the create's own.
 */
@ExtendWith(MotoExtension.class)
class CreateRefusalsTest {
  final String lineage = UUID.randomUUID().toString();

  private GroupSpec spec(String name, String lineage) {
    return AwsPools.spec(
        AwsPools.pool(name, AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0), lineage);
  }

  /**
   * A create takes back only its own pool's group: the address must match as well as the lineage. A
   * killed create of {@code pool.a} left group {@code web} tagged with this lineage; before the
   * retry the pool was renamed, and the create of {@code pool.b} now names its group {@code web}
   * too. Adopting it would put one group under two addresses (and the plan deletes pool.a's
   * leftover as a stray), so the plan and the create refuse it, naming whose it is, as local and
   * Azure do.
   */
  @Test
  void aGroupOfThisConfigurationUnderAnotherAddressIsRefusedNotAdopted(MotoServer moto)
      throws Exception {
    try (AwsSession mine = Sessions.open(moto.endpoint(), lineage, null)) {
      IrPool a = AwsPools.pool("web", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0);
      mine.create(AwsPools.spec(at("pool.a", a), lineage), CapacityRequest.of(0, 1, 0), "t");
      GroupSpec b = AwsPools.spec(at("pool.b", a), lineage);

      refusedByPlanAndCreate(
          mine,
          b,
          "An Auto Scaling group named `web` already exists and belongs to `pool.a` of this"
              + " configuration. Take it with `pool import pool.b web`, or rename the pool.");
      // Nothing changed: the group is still pool.a's, at its size.
      AutoScalingGroup g =
          mine.clients()
              .asgRead()
              .describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
              .autoScalingGroups()
              .get(0);
      assertThat(g.desiredCapacity()).isZero();
      assertThat(GroupReader.tags(g.tags())).containsEntry(Tags.ADDRESS, "pool.a");
      // Its own address still takes it back (a retried create).
      assertThat(mine.createRefusals(Map.of("pool.a", "web"), lineage)).isEmpty();
    }
  }

  /**
   * The launch template follows the same rule as the group. A killed create of {@code pool.a} got
   * as far as its template {@code poolform-web} (no group yet); before the retry the pool was
   * renamed, and the create of {@code pool.b} names its group {@code web} too. Taking the template
   * over would launch pool.b's machines from pool.a's template while the plan deletes that template
   * as pool.a's leftover, so the plan and the create refuse it, naming whose it is.
   */
  @Test
  void aTemplateOfThisConfigurationUnderAnotherAddressIsRefusedNotReused(MotoServer moto)
      throws Exception {
    try (AwsSession mine = Sessions.open(moto.endpoint(), lineage, null)) {
      IrPool a = AwsPools.pool("web", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0);
      mine.create(AwsPools.spec(at("pool.a", a), lineage), CapacityRequest.of(0, 1, 0), "t");
      // The crash: the template is there, the group is not.
      mine.clients()
          .asgWrite()
          .deleteAutoScalingGroup(r -> r.autoScalingGroupName("web").forceDelete(true));
      GroupSpec b = AwsPools.spec(at("pool.b", a), lineage);

      refusedByPlanAndCreate(
          mine,
          b,
          "Launch template `"
              + Names.template("web")
              + "` for pool.b already exists and belongs to `pool.a` of this configuration,"
              + " whose create stopped before making its group; delete it, or rename the pool.");
      // Nothing changed: no group, and the template is still pool.a's.
      assertThat(
              mine.clients()
                  .asgRead()
                  .describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                  .autoScalingGroups())
          .isEmpty();
      assertThat(templateTags(mine, "web")).containsEntry(Tags.ADDRESS, "pool.a");
      // Its own address still takes it over (the retried create finishes).
      assertThat(mine.createRefusals(Map.of("pool.a", "web"), lineage)).isEmpty();
      mine.create(AwsPools.spec(at("pool.a", a), lineage), CapacityRequest.of(0, 1, 0), "t");
    }
  }

  /** The plan refuses {@code spec}'s create with {@code message}, and the create does the same. */
  private void refusedByPlanAndCreate(AwsSession s, GroupSpec spec, String message)
      throws ProviderException {
    Map<String, ProviderException> refused =
        s.createRefusals(Map.of(spec.address(), spec.name()), lineage);
    assertThat(refused).containsOnlyKeys(spec.address());
    assertThat(refused.get(spec.address()).getMessage()).isEqualTo(message);
    assertThatThrownBy(() -> s.create(spec, CapacityRequest.of(0, 1, 1), "t"))
        .isInstanceOf(ProviderException.class)
        .hasMessage(message);
  }

  static Map<String, String> templateTags(AwsSession s, String group) {
    Map<String, String> out = new LinkedHashMap<>();
    s.clients()
        .ec2Read()
        .describeLaunchTemplates(r -> r.launchTemplateNames(Names.template(group)))
        .launchTemplates()
        .get(0)
        .tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  /** The pool under another address, its group name kept (as the engine names a renamed pool's). */
  static IrPool at(String address, IrPool p) {
    return new IrPool(
        address,
        p.name(),
        p.cloud(),
        p.capacity(),
        p.machine(),
        p.rollout(),
        p.health(),
        p.labels(),
        p.after(),
        p.capi(),
        p.origin());
  }

  @Test
  void aPlanRefusesWhatItsCreateWouldRefuseInOneReadOfEach(MotoServer moto) throws Exception {
    CallCounter calls = new CallCounter();
    try (AwsSession mine = Sessions.open(moto.endpoint(), lineage, calls);
        AwsSession other = Sessions.open(moto.endpoint(), "other-lineage", null)) {
      // Another configuration's group; a group whose ownership tags someone removed; a template
      // another configuration left without its group; this configuration's own crashed create.
      other.create(spec("theirs", "other-lineage"), CapacityRequest.of(0, 1, 0), "t");
      other.create(spec("untagged", "other-lineage"), CapacityRequest.of(0, 1, 0), "t");
      other
          .clients()
          .asgWrite()
          .deleteTags(
              b ->
                  b.tags(
                      Tag.builder()
                          .resourceId("untagged")
                          .resourceType("auto-scaling-group")
                          .key(Tags.LINEAGE)
                          .build()));
      other.create(spec("orphan", "other-lineage"), CapacityRequest.of(0, 1, 0), "t");
      other
          .clients()
          .asgWrite()
          .deleteAutoScalingGroup(b -> b.autoScalingGroupName("orphan").forceDelete(true));
      mine.create(spec("mine", lineage), CapacityRequest.of(0, 1, 0), "t");

      Map<String, String> names = new LinkedHashMap<>();
      for (String n : new String[] {"theirs", "untagged", "orphan", "mine", "free"}) {
        names.put("pool." + n, n);
      }
      calls.reset();
      Map<String, ProviderException> refused = mine.createRefusals(names, lineage);

      assertThat(refused).containsOnlyKeys("pool.theirs", "pool.untagged", "pool.orphan");
      assertThat(calls.byOperation())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("DescribeAutoScalingGroups", 1, "DescribeLaunchTemplates", 1));
      assertThat(refused.get("pool.orphan").getMessage())
          .contains("Launch template `" + Names.template("orphan") + "`")
          .contains("belongs to another Poolform configuration");
      // A group another configuration manages is not offered for import from under it; one no
      // configuration manages is.
      assertThat(refused.get("pool.theirs").getMessage())
          .contains("of another configuration")
          .contains("release it in its configuration first (`pool state rm")
          .contains("then `pool import pool.theirs theirs`");
      assertThat(refused.get("pool.untagged").getMessage())
          .contains("no Poolform configuration manages it")
          .contains("Adopt it with `pool import pool.untagged untagged`");
      // Each is the error the apply's create gives, and the create changes nothing.
      for (String n : new String[] {"theirs", "untagged", "orphan"}) {
        assertThatThrownBy(() -> mine.create(spec(n, lineage), CapacityRequest.of(0, 1, 1), "t"))
            .isInstanceOf(ProviderException.class)
            .hasMessage(refused.get("pool." + n).getMessage());
      }
      assertThat(
              other
                  .clients()
                  .asgRead()
                  .describeAutoScalingGroups(b -> b.autoScalingGroupNames("theirs"))
                  .autoScalingGroups()
                  .get(0)
                  .desiredCapacity())
          .isZero();
      assertThat(other.findOwned("other-lineage"))
          .extracting(g -> g.ref().cloudId())
          .contains("theirs");

      // A plan that creates nothing asks nothing.
      calls.reset();
      assertThat(mine.createRefusals(Map.of(), lineage)).isEmpty();
      assertThat(calls.total()).isZero();
      GroupRef ref = new GroupRef("pool.mine", "mine", "mine");
      assertThat(mine.read(java.util.List.of(ref))).containsKey("pool.mine");
    }
  }
}
