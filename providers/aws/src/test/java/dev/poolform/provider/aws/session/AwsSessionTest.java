package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

@ExtendWith(MotoExtension.class)
class AwsSessionTest {
  final String lineage = UUID.randomUUID().toString();
  final CallCounter calls = new CallCounter();
  AwsSession session;

  @BeforeEach
  void open(MotoServer moto) throws ProviderException {
    session = Sessions.open(moto.endpoint(), lineage, calls);
  }

  @AfterEach
  void close() {
    session.close();
  }

  private GroupSpec spec(IrPool p) {
    return AwsPools.spec(p, lineage);
  }

  private List<Instance> running(String group) {
    return session
        .clients()
        .ec2Read()
        .describeInstances(
            DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:" + Tags.AWS_GROUP).values(group).build())
                .build())
        .reservations()
        .stream()
        .flatMap(r -> r.instances().stream())
        .filter(
            i ->
                i.state().name() == InstanceStateName.RUNNING
                    || i.state().name() == InstanceStateName.PENDING)
        .toList();
  }

  @Test
  void itsIdentityIsTheAccountTheRegionAndTheEndpointReadOncePerSession(MotoServer moto)
      throws Exception {
    var id = session.identity().orElseThrow();
    assertThat(id.kind()).isEqualTo("aws");
    // moto's account for any credentials; real AWS answers GetCallerIdentity the same way.
    assertThat(id.where())
        .containsEntry("account", "123456789012")
        .containsEntry("region", AwsPools.REGION)
        .containsEntry("endpoint", moto.endpoint().toString());
    assertThat(session.identity()).contains(id);
  }

  /**
   * Where the lineage has groups, the account comes from their ARNs: no GetCallerIdentity, and the
   * listing serves the read and the search of the plan that follows, so learning the account costs
   * a plan nothing. Credentials of another account never list this account's groups, so they never
   * borrow its account: they are asked for their own, and the plan binds them to it.
   */
  @Test
  void theAccountComesFromTheGroupsArnsAndOtherCredentialsNeverBorrowIt(MotoServer moto)
      throws Exception {
    GroupRef ref =
        session.create(
            spec(AwsPools.pool("arn", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0)),
            CapacityRequest.of(0, 1, 0),
            "t");
    CallCounter fresh = new CallCounter();
    try (AwsSession plan = Sessions.open(moto.endpoint(), lineage, fresh)) {
      assertThat(plan.identity().orElseThrow().where())
          .containsEntry("account", "123456789012")
          .containsEntry("region", AwsPools.REGION);
      assertThat(plan.read(List.of(ref))).containsKey("pool.arn");
      assertThat(plan.findOwned(lineage)).hasSize(1);
      assertThat(fresh.byOperation())
          .doesNotContainKey("GetCallerIdentity")
          .containsEntry("DescribeAutoScalingGroups", 1);
    }

    var other =
        session
            .clients()
            .sts()
            .assumeRole(
                r -> r.roleArn("arn:aws:iam::111111111111:role/poolform").roleSessionName("other"))
            .credentials();
    CallCounter elsewhere = new CallCounter();
    try (AwsSession plan =
        Sessions.open(
            moto.endpoint(),
            lineage,
            elsewhere,
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    other.accessKeyId(), other.secretAccessKey(), other.sessionToken())))) {
      assertThat(plan.identity().orElseThrow().where()).containsEntry("account", "111111111111");
      assertThat(elsewhere.of("GetCallerIdentity")).isEqualTo(1);
      assertThat(plan.read(List.of(ref))).isEmpty();
    }
  }

  @Test
  void createsReadsScalesAndDeletes() throws Exception {
    IrPool p = AwsPools.pool("web", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 3);
    GroupSpec s = spec(p);
    GroupRef ref = session.create(s, CapacityRequest.of(1, 6, 3), "tok-1");
    assertThat(ref).isEqualTo(new GroupRef("pool.web", "web", "web"));

    ObservedGroup g = session.read(List.of(ref)).get("pool.web");
    assertThat(g.min()).isEqualTo(1);
    assertThat(g.max()).isEqualTo(6);
    assertThat(g.desired()).isEqualTo(3);
    assertThat(g.instanceCount()).isEqualTo(3);
    assertThat(g.specHash()).contains(s.specHash());
    assertThat(g.machine().string("image")).contains(AwsPools.IMAGE_A);
    assertThat(g.machine().string("size")).contains("t3.micro");
    assertThat(g.machine().strings("zones")).contains(List.of("us-east-1a", "us-east-1b"));
    assertThat(g.tags())
        .containsEntry(Tags.ADDRESS, "pool.web")
        .containsEntry(Tags.LINEAGE, lineage)
        .containsEntry("team", "web")
        .doesNotContainKey(Tags.SPEC_HASH);

    // The group is pinned to a version number, never $Latest/$Default.
    var create = calls.requests(CreateAutoScalingGroupRequest.class).get(0);
    assertThat(create.launchTemplate().version()).isEqualTo("1");
    assertThat(create.desiredCapacity()).isEqualTo(3);

    // Instances carry the pool's tags and the spec hash of the version that launched them.
    List<Instance> inst = running("web");
    assertThat(inst).hasSize(3);
    assertThat(inst)
        .allSatisfy(
            i -> {
              assertThat(i.imageId()).isEqualTo(AwsPools.IMAGE_A);
              assertThat(i.tags())
                  .anySatisfy(
                      t ->
                          assertThat(t.key() + "=" + t.value())
                              .isEqualTo(Tags.SPEC_HASH + "=" + s.specHash()));
              assertThat(i.tags())
                  .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=web"));
            });

    session.setCapacity(ref, CapacityRequest.of(1, 6, 5));
    assertThat(session.read(List.of(ref)).get("pool.web").instanceCount()).isEqualTo(5);
    // A surge past max widens max.
    session.setCapacity(ref, CapacityRequest.of(1, 6, 8));
    ObservedGroup surged = session.read(List.of(ref)).get("pool.web");
    assertThat(surged.max()).isEqualTo(8);
    assertThat(surged.instanceCount()).isEqualTo(8);

    session.delete(ref);
    assertThat(session.read(List.of(ref))).isEmpty();
    assertThat(running("web")).isEmpty();
    assertThat(session.clients().ec2Read().describeLaunchTemplates().launchTemplates()).isEmpty();
    // Deleting again is fine.
    session.delete(ref);
  }

  @Test
  void externalDesiredIsNeverSent() throws Exception {
    IrPool p =
        AwsPools.pool(
            "batch",
            AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"),
            2,
            10,
            OptionalLong.empty(),
            Map.of(),
            IrRollout.DEFAULT,
            null);
    GroupRef ref = session.create(spec(p), new CapacityRequest(2, 10, OptionalLong.empty()), "t");
    assertThat(calls.requests(CreateAutoScalingGroupRequest.class).get(0).desiredCapacity())
        .isNull();
    // The autoscaler moves desired; Poolform changes bounds only.
    session
        .clients()
        .asgWrite()
        .setDesiredCapacity(b -> b.autoScalingGroupName("batch").desiredCapacity(7));
    session.setCapacity(ref, new CapacityRequest(3, 12, OptionalLong.empty()));
    var updates = calls.requests(UpdateAutoScalingGroupRequest.class);
    assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u.desiredCapacity()).isNull());
    ObservedGroup g = session.read(List.of(ref)).get("pool.batch");
    assertThat(g.desired()).isEqualTo(7);
    assertThat(g.min()).isEqualTo(3);
    assertThat(g.max()).isEqualTo(12);
  }

  @Test
  void updateModelPinsANewVersionWithoutReplacingMachines() throws Exception {
    IrPool p = AwsPools.pool("api", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 2);
    GroupSpec s1 = spec(p);
    GroupRef ref = session.create(s1, CapacityRequest.of(0, 4, 2), "t");
    List<String> before = session.machines(ref).stream().map(ObservedMachine::id).toList();

    IrPool p2 = AwsPools.pool("api", AwsPools.machine(AwsPools.IMAGE_B, "t3.small"), 2);
    GroupSpec s2 = spec(p2);
    session.updateModel(ref, s2);
    session.updateModel(ref, s2); // repeated after a crash: no second version
    var versions =
        session
            .clients()
            .ec2Read()
            .describeLaunchTemplateVersions(b -> b.launchTemplateName(Names.template("api")));
    assertThat(versions.launchTemplateVersions()).hasSize(2);

    ObservedGroup g = session.read(List.of(ref)).get("pool.api");
    assertThat(g.specHash()).contains(s2.specHash());
    assertThat(g.machine().string("image")).contains(AwsPools.IMAGE_B);
    assertThat(g.machine().string("size")).contains("t3.small");
    var pinned =
        calls.requests(UpdateAutoScalingGroupRequest.class).stream()
            .filter(u -> u.launchTemplate() != null)
            .toList();
    assertThat(pinned)
        .isNotEmpty()
        .allSatisfy(u -> assertThat(u.launchTemplate().version()).isEqualTo("2"));

    // Running machines stay, and still say they are on the old spec.
    List<ObservedMachine> ms = session.machines(ref);
    assertThat(ms).extracting(ObservedMachine::id).containsExactlyInAnyOrderElementsOf(before);
    assertThat(ms)
        .allSatisfy(
            m -> {
              assertThat(m.specHash()).contains(s1.specHash());
              assertThat(m.state()).isEqualTo(ObservedMachine.MachineState.HEALTHY);
              assertThat(m.healthySince()).isPresent();
              assertThat(m.zone()).isPresent();
            });

    // A surge launches from the new version; retiring the old ones leaves only new machines.
    session.setCapacity(ref, CapacityRequest.of(0, 4, 4));
    List<ObservedMachine> surged = session.machines(ref);
    assertThat(surged)
        .filteredOn(m -> m.specHash().equals(java.util.Optional.of(s2.specHash())))
        .hasSize(2);
    session.terminate(ref, before, true);
    session.terminate(ref, before, true); // already gone: nothing more happens
    ObservedGroup after = session.read(List.of(ref)).get("pool.api");
    assertThat(after.desired()).isEqualTo(2);
    assertThat(session.machines(ref))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.specHash()).contains(s2.specHash()));
    assertThat(running("api")).allSatisfy(i -> assertThat(i.imageId()).isEqualTo(AwsPools.IMAGE_B));
  }

  @Test
  void terminateWithoutDecrementLaunchesAReplacement() throws Exception {
    GroupRef ref =
        session.create(
            spec(AwsPools.pool("rep", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 2)),
            CapacityRequest.of(0, 4, 2),
            "t");
    String victim = session.machines(ref).get(0).id();
    session.terminate(ref, List.of(victim), false);
    List<ObservedMachine> ms = session.machines(ref);
    assertThat(ms).hasSize(2).extracting(ObservedMachine::id).doesNotContain(victim);
  }

  @Test
  void labelChangesRetagWithoutReplacingMachines() throws Exception {
    IrPool p =
        AwsPools.pool(
            "tagged",
            AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"),
            0,
            4,
            OptionalLong.of(2),
            Map.of("team", "web", "old", "x"),
            IrRollout.DEFAULT,
            null);
    GroupRef ref = session.create(spec(p), CapacityRequest.of(0, 4, 2), "t");
    List<String> before = session.machines(ref).stream().map(ObservedMachine::id).toList();
    IrPool p2 =
        AwsPools.pool(
            "tagged",
            AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"),
            0,
            4,
            OptionalLong.of(2),
            Map.of("team", "data", "new", "y"),
            IrRollout.DEFAULT,
            null);
    GroupSpec s2 = spec(p2);
    session.updateMetadata(ref, s2);
    ObservedGroup g = session.read(List.of(ref)).get("pool.tagged");
    assertThat(g.tags())
        .containsEntry("team", "data")
        .containsEntry("new", "y")
        .doesNotContainKey("old")
        .containsEntry(Tags.LINEAGE, lineage);
    assertThat(g.specHash()).contains(s2.specHash());
    assertThat(session.machines(ref))
        .extracting(ObservedMachine::id)
        .containsExactlyInAnyOrderElementsOf(before);
    assertThat(calls.of("TerminateInstanceInAutoScalingGroup")).isZero();
    // New launches carry the new labels.
    session.setCapacity(ref, CapacityRequest.of(0, 4, 3));
    assertThat(running("tagged"))
        .filteredOn(i -> !before.contains(i.instanceId()))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=data")));
  }

  @Test
  void findOwnedAndAdopt() throws Exception {
    session.create(
        spec(AwsPools.pool("a1", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1)),
        CapacityRequest.of(0, 2, 1),
        "t");
    session.create(
        spec(AwsPools.pool("a2", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1)),
        CapacityRequest.of(0, 2, 1),
        "t");
    try (AwsSession other =
        Sessions.open(
            java.net.URI.create(session.clients().settings().endpoint().get().toString()),
            "other",
            null)) {
      other.create(
          AwsPools.spec(
              AwsPools.pool("b1", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1), "other"),
          CapacityRequest.of(0, 2, 1),
          "t");
    }
    Map<String, ObservedGroup> owned =
        session.findOwned(lineage).stream()
            .collect(java.util.stream.Collectors.toMap(g -> g.ref().address(), g -> g));
    assertThat(owned).containsOnlyKeys("pool.a1", "pool.a2");
    assertThat(owned.get("pool.a1").ref().cloudId()).isEqualTo("a1");
    assertThat(owned.get("pool.a1").machine().string("image")).contains(AwsPools.IMAGE_A);

    var adopted = session.adopt("b1").orElseThrow();
    assertThat(adopted.ref().cloudId()).isEqualTo("b1");
    assertThat(adopted.machine().string("image")).contains(AwsPools.IMAGE_A);
    assertThat(session.adopt("nope")).isEmpty();
  }

  /**
   * {@code pool state rm}: the group and its launch template lose the ownership tags, so the
   * lineage no longer finds either (a template still tagged would read as a crash's partial group
   * and be deleted); the group keeps running with its labels.
   */
  @Test
  void releaseRemovesTheOwnershipTagsFromTheGroupAndItsTemplate() throws Exception {
    GroupSpec s = spec(AwsPools.pool("handoff", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1));
    GroupRef ref = session.create(s, CapacityRequest.of(0, 2, 1), "t");
    assertThat(session.findOwned(lineage)).hasSize(1);

    session.release(ref);

    assertThat(session.findOwned(lineage)).isEmpty();
    ObservedGroup g = session.read(List.of(ref)).get("pool.handoff");
    assertThat(g.tags()).doesNotContainKeys(Tags.ADDRESS, Tags.LINEAGE).containsKey("team");
    assertThat(g.instanceCount()).isEqualTo(1);
    assertThat(session.clients().ec2Read().describeLaunchTemplates().launchTemplates())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.tags())
                    .noneMatch(x -> x.key().equals(Tags.LINEAGE) || x.key().equals(Tags.ADDRESS)));
    // Releasing again changes nothing; a group that is gone is NOT_FOUND.
    session.release(ref);
    assertThatThrownBy(() -> session.release(new GroupRef("pool.x", "nope", "nope")))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
  }

  @Test
  void aTemplateLeftByACrashIsFoundAndCleanedUp() throws Exception {
    // A crash after CreateLaunchTemplate, before CreateAutoScalingGroup.
    GroupSpec s = spec(AwsPools.pool("half", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1));
    new Templates(
            session.clients(),
            lineage,
            new TemplateCatalog(),
            new VersionCache(),
            new RootDevices(session.clients()))
        .ensure(s);
    Map<String, ObservedGroup> owned =
        session.findOwned(lineage).stream()
            .collect(java.util.stream.Collectors.toMap(g -> g.ref().address(), g -> g));
    assertThat(owned).containsOnlyKeys("pool.half");
    assertThat(owned.get("pool.half").instanceCount()).isZero();
    // Re-applying the create takes the template over instead of failing.
    GroupRef ref = session.create(s, CapacityRequest.of(0, 2, 1), "t");
    assertThat(session.read(List.of(ref))).containsKey("pool.half");
    assertThat(session.clients().ec2Read().describeLaunchTemplates().launchTemplates()).hasSize(1);
    // Or deleting it removes the template even though no group was made.
    session.delete(ref);
    assertThat(session.clients().ec2Read().describeLaunchTemplates().launchTemplates()).isEmpty();
  }

  @Test
  void aGroupOfSomeoneElseIsAConflictNotATakeover() throws Exception {
    try (AwsSession other =
        Sessions.open(
            java.net.URI.create(session.clients().settings().endpoint().get().toString()),
            "other",
            null)) {
      other.create(
          AwsPools.spec(
              AwsPools.pool("taken", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1), "other"),
          CapacityRequest.of(0, 2, 1),
          "t");
    }
    assertThatThrownBy(
            () ->
                session.create(
                    spec(AwsPools.pool("taken", AwsPools.machine(AwsPools.IMAGE_B, "t3.micro"), 1)),
                    CapacityRequest.of(0, 2, 1),
                    "t"))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(e.getMessage()).contains("pool import");
            });
  }

  @Test
  void retriedCreateWithTheSameTokenMakesOneGroup() throws Exception {
    GroupSpec s = spec(AwsPools.pool("once", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 2));
    session.create(s, CapacityRequest.of(0, 4, 2), "tok");
    session.create(s, CapacityRequest.of(0, 4, 2), "tok");
    assertThat(session.clients().asgRead().describeAutoScalingGroups().autoScalingGroups())
        .hasSize(1);
    assertThat(running("once")).hasSize(2);
    assertThat(
            session
                .clients()
                .ec2Read()
                .describeLaunchTemplateVersions(b -> b.launchTemplateName("poolform-once"))
                .launchTemplateVersions())
        .hasSize(1);
  }

  @Test
  void machineAttributesMapBack() throws Exception {
    var m =
        AwsPools.with(
            AwsPools.machine(AwsPools.IMAGE_A, "m6i.large"),
            "user_data",
            new dev.poolform.stdlib.value.SecretValue("#!/bin/sh\necho hi\n"));
    m =
        AwsPools.with(
            m,
            "disk",
            dev.poolform.stdlib.value.MapValue.of(
                Map.of(
                    "size",
                    new dev.poolform.stdlib.value.BytesValue(20L << 30),
                    "type",
                    new StringValue("gp3"))));
    m =
        AwsPools.with(
            m,
            "instance_types",
            new dev.poolform.stdlib.value.ListValue(
                List.of(new StringValue("m6i.large"), new StringValue("m5.large"))));
    m =
        AwsPools.with(
            m,
            "spot",
            dev.poolform.stdlib.value.MapValue.of(
                Map.of(
                    "on_demand_base", new dev.poolform.stdlib.value.IntValue(1),
                    "on_demand_percent", new dev.poolform.stdlib.value.PercentValue(25),
                    "allocation", new StringValue("capacity-optimized"))));
    IrPool p = AwsPools.pool("rich", m, 2);
    GroupRef ref = session.create(spec(p), CapacityRequest.of(0, 4, 2), "t");
    var back = session.read(List.of(ref)).get("pool.rich").machine();
    assertThat(back.get("user_data"))
        .contains(new dev.poolform.stdlib.value.SecretValue("#!/bin/sh\necho hi\n"));
    assertThat(back.map("disk").orElseThrow().bytes("size")).contains(20L << 30);
    assertThat(back.map("disk").orElseThrow().string("type")).contains("gp3");
    assertThat(back.strings("instance_types")).contains(List.of("m6i.large", "m5.large"));
    assertThat(back.map("spot").orElseThrow().integer("on_demand_base")).contains(1L);
    assertThat(back.map("spot").orElseThrow().string("allocation")).contains("capacity-optimized");
    var create = calls.requests(CreateAutoScalingGroupRequest.class).get(0);
    assertThat(create.launchTemplate()).isNull();
    assertThat(
            create.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification().version())
        .isEqualTo("1");
    assertThat(
            create
                .mixedInstancesPolicy()
                .instancesDistribution()
                .onDemandPercentageAboveBaseCapacity())
        .isEqualTo(25);
    // Everything the block says maps back exactly, so a fresh read is no drift.
    assertThat(back.entries().keySet()).containsAll(p.machine().entries().keySet());
  }
}
