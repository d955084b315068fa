package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Issue 4, "Crash test": {@code pool apply} against moto as a real child process, SIGKILLed at
 * random moments while it creates, scales, rolls out and deletes Auto Scaling groups (the phases of
 * {@link CrashSafetyIT}). After each kill the user's recovery (force-unlock if a lock is left,
 * apply again) must converge, checked through the AWS SDK against moto: the groups and launch
 * templates in the region are exactly the phase's pools, tagged with this state's lineage (no
 * orphans, no duplicates); each group has its desired count of in-service instances, all running
 * the phase's image, and no other instance runs; state has no pending intents; the plan is empty.
 * Pool {@code web-d} uses {@code engine = "cloud"}, so kills also land around instance refreshes.
 *
 * <p>{@code -Dcrash.points=N} (default 20) sets the number of kill points, {@code -Dcrash.seed=S}
 * replays a run. Runs in the default {@code mvn verify}.
 */
class AwsCrashSafetyIT {
  static final String REGION = "eu-west-1";
  static final List<CrashSafetyIT.Phase> PHASES =
      List.of(
          new CrashSafetyIT.Phase(
              "create", CrashSafetyIT.pools("a", 2, "1", "b", 2, "1", "c", 1, "1")),
          new CrashSafetyIT.Phase(
              "scale+rollout+delete+create",
              CrashSafetyIT.pools("a", 3, "1", "b", 2, "2", "d", 2, "1")),
          new CrashSafetyIT.Phase(
              "rollout+scale", CrashSafetyIT.pools("a", 3, "2", "b", 1, "2", "d", 2, "2")),
          new CrashSafetyIT.Phase("delete all", CrashSafetyIT.pools()));

  static MotoServer moto;
  static MotoClients clients;
  @TempDir Path dir;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.shared();
    clients = MotoClients.open(moto, REGION);
  }

  @BeforeEach
  void resetMoto() {
    moto.reset();
  }

  @AfterAll
  static void stopClients() {
    clients.close();
  }

  /**
   * AWS pool names are at least 3 characters (the compiler's rule, E0404): {@code a} -> {@code
   * web-a}.
   */
  static String group(String pool) {
    return "web-" + pool;
  }

  static String image(String v) {
    return "ami-0c0ffee000000000" + v; // 17 hex digits, as the compiler checks
  }

  /**
   * Pool {@code d} is rolled out by instance refresh (the moto extension), the others by Poolform.
   */
  static final String CLOUD_ENGINE = "  engine = \"cloud\"  auto_rollback = true";

  static String config(CrashSafetyIT.Phase p) {
    return CrashRun.config(
        p,
        "cloud aws crash {\n  region = \"" + REGION + "\"\n}\n",
        "crash",
        AwsCrashSafetyIT::group,
        v -> "size = \"t3.micro\"  image = \"" + image(v) + "\"  zones = [\"" + REGION + "a\"]",
        pool ->
            "max_surge = 1  max_unavailable = 0  min_ready = 0s"
                + (pool.equals("d") ? CLOUD_ENGINE : ""));
  }

  private Workspace workspace() {
    Workspace ws = new Workspace(dir);
    ws.env.put("AWS_REGION", REGION);
    ws.env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    ws.env.put("AWS_ACCESS_KEY_ID", MotoClients.KEY);
    ws.env.put("AWS_SECRET_ACCESS_KEY", MotoClients.KEY);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    return ws;
  }

  @Test
  void killedAppliesLeaveNoOrphanedGroupsOrTemplates() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.printf("aws crash test: seed %d (replay with -Dcrash.seed=%d)%n", seed, seed);
    Workspace ws = workspace();
    CrashRun.Summary s =
        CrashRun.run(
            ws,
            PHASES,
            AwsCrashSafetyIT::config,
            phase -> verifyConverged(ws, phase),
            Integer.getInteger("crash.points", 20),
            seed);
    System.out.println("aws crash test: " + s);
  }

  /**
   * The kill point the crash test found (seed 2695612763021, point 12): an apply killed after
   * creating a pool's launch template and before its group. The next apply must create the group
   * (taking the template over), not adopt the template as if it were a group and fail to scale it.
   */
  @Test
  void aTemplateLeftWithoutItsGroupIsTakenOverByTheNextApply() throws Exception {
    Workspace ws = workspace();
    CrashSafetyIT.Phase one = new CrashSafetyIT.Phase("one", CrashSafetyIT.pools("a", 1, "1"));
    CrashSafetyIT.Phase two =
        new CrashSafetyIT.Phase("two", CrashSafetyIT.pools("a", 1, "1", "b", 2, "1"));
    ws.write("main.pool", config(one));
    ws.expect(0, "apply", "--auto-approve", "main.pool");
    String lineage = ws.state().path("lineage").asText();
    clients
        .ec2()
        .createLaunchTemplate(
            b ->
                b.launchTemplateName("poolform-" + group("b"))
                    .launchTemplateData(d -> d.imageId(image("1")).instanceType("t3.micro"))
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.LAUNCH_TEMPLATE)
                            .tags(
                                Tag.builder().key("poolform:lineage").value(lineage).build(),
                                Tag.builder()
                                    .key("poolform:address")
                                    .value("pool." + group("b"))
                                    .build())
                            .build()));
    ws.write("main.pool", config(two));
    ws.expect(0, "apply", "--auto-approve", "main.pool");
    verifyConverged(ws, two);
  }

  /** moto holds exactly the phase's groups and templates, as configured; state and plan agree. */
  private void verifyConverged(Workspace ws, CrashSafetyIT.Phase phase) throws Exception {
    String lineage =
        CrashRun.stateConverged(
            ws, phase.pools().keySet().stream().map(n -> "pool." + group(n)).toList());

    Map<String, AutoScalingGroup> groups = new TreeMap<>();
    clients
        .asg()
        .describeAutoScalingGroupsPaginator()
        .autoScalingGroups()
        .forEach(g -> groups.put(g.autoScalingGroupName(), g));
    assertThat(groups.keySet())
        .as("every Auto Scaling group in moto: no orphans, no duplicates")
        .containsExactlyInAnyOrderElementsOf(
            phase.pools().keySet().stream().map(AwsCrashSafetyIT::group).toList());
    List<LaunchTemplate> templates = clients.ec2().describeLaunchTemplates().launchTemplates();
    assertThat(templates)
        .as("every launch template in moto: no orphans, no duplicates")
        .extracting(LaunchTemplate::launchTemplateName)
        .containsExactlyInAnyOrderElementsOf(
            phase.pools().keySet().stream().map(n -> "poolform-" + group(n)).toList());
    assertThat(templates)
        .allSatisfy(
            t ->
                assertThat(t.tags())
                    .anyMatch(
                        x -> x.key().equals("poolform:lineage") && x.value().equals(lineage)));

    Map<String, Instance> running =
        clients.ec2().describeInstancesPaginator().reservations().stream()
            .flatMap(r -> r.instances().stream())
            .filter(
                i ->
                    i.state().name() == InstanceStateName.RUNNING
                        || i.state().name() == InstanceStateName.PENDING)
            .collect(Collectors.toMap(Instance::instanceId, i -> i));
    int total = 0;
    for (Map.Entry<String, Object[]> e : phase.pools().entrySet()) {
      String name = group(e.getKey());
      AutoScalingGroup g = groups.get(name);
      int desired = ((Number) e.getValue()[0]).intValue();
      total += desired;
      Map<String, String> tags =
          g.tags().stream().collect(Collectors.toMap(TagDescription::key, TagDescription::value));
      assertThat(tags)
          .containsEntry("poolform:address", "pool." + name)
          .containsEntry("poolform:lineage", lineage);
      assertThat(g.desiredCapacity()).as("desired of %s", name).isEqualTo(desired);
      assertThat(g.instances())
          .as("instances of %s", name)
          .hasSize(desired)
          .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
      for (var i : g.instances()) {
        assertThat(running)
            .as("instance %s of %s runs", i.instanceId(), name)
            .containsKey(i.instanceId());
        assertThat(running.get(i.instanceId()).imageId())
            .as("image of %s in %s", i.instanceId(), name)
            .isEqualTo(image((String) e.getValue()[1]));
      }
    }
    assertThat(running).as("no running instance outside the groups").hasSize(total);
  }
}
