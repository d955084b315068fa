package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class BatchedReadTest {
  @Test
  void refreshOf250PoolsTakesAtMost10Calls(MotoServer moto) throws Exception {
    String lineage = "batch-lineage";
    CallCounter calls = new CallCounter();
    List<GroupRef> refs = new ArrayList<>();
    try (AwsSession s = Sessions.open(moto.endpoint(), lineage, calls)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<GroupRef>> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
          String name = String.format("p%03d", i);
          String image = i % 2 == 0 ? AwsPools.IMAGE_A : AwsPools.IMAGE_B;
          created.add(
              pool.submit(
                  () ->
                      s.create(
                          AwsPools.spec(
                              AwsPools.pool(name, AwsPools.machine(image, "t3.micro"), 0), lineage),
                          CapacityRequest.of(0, 1, 0),
                          "t")));
        }
        for (Future<GroupRef> f : created) refs.add(f.get());
      } finally {
        pool.shutdown();
      }
      // One pool has a second version, pinned: still read in the batch.
      GroupRef moved = refs.get(7);
      s.updateModel(
          moved,
          AwsPools.spec(
              AwsPools.pool("p007", AwsPools.machine(AwsPools.IMAGE_A, "t3.large"), 0), lineage));

      calls.reset();
      Map<String, ObservedGroup> read = s.read(refs);
      assertThat(read).hasSize(250);
      assertThat(calls.total()).as("calls: %s", calls.byOperation()).isLessThanOrEqualTo(10);
      assertThat(calls.of("DescribeAutoScalingGroups")).isEqualTo(3);
      assertThat(read.get("pool.p000").machine().string("image")).contains(AwsPools.IMAGE_A);
      assertThat(read.get("pool.p001").machine().string("image")).contains(AwsPools.IMAGE_B);
      assertThat(read.get("pool.p007").machine().string("size")).contains("t3.large");
      assertThat(read.values()).allSatisfy(g -> assertThat(g.specHash()).isPresent());

      // A plan reads, then looks for lost groups: the second reuses the first's listings.
      calls.reset();
      s.read(refs);
      Map<String, ObservedGroup> owned =
          s.findOwned(lineage).stream()
              .collect(java.util.stream.Collectors.toMap(g -> g.ref().address(), g -> g));
      assertThat(owned).hasSize(250);
      assertThat(calls.total()).as("calls: %s", calls.byOperation()).isLessThanOrEqualTo(10);
      // A plan as a new process makes it: the account from the listing (no STS), the version
      // scan started while the listing's later pages come, no template listing (all in use).
      CallCounter fresh = new CallCounter();
      try (AwsSession plan = Sessions.open(moto.endpoint(), lineage, fresh)) {
        assertThat(plan.identity().orElseThrow().where()).containsEntry("account", "123456789012");
        assertThat(plan.read(refs)).hasSize(250);
        assertThat(plan.findOwned(lineage)).hasSize(250).noneMatch(ObservedGroup::partial);
        assertThat(fresh.byOperation())
            .as("calls: %s", fresh.byOperation())
            .containsOnly(
                Map.entry("DescribeAutoScalingGroups", 3),
                Map.entry("DescribeLaunchTemplateVersions", 2));
      }
      // After a write nothing cached is used.
      s.setCapacity(refs.get(0), CapacityRequest.of(0, 1, 1));
      calls.reset();
      assertThat(s.read(refs).get("pool.p000").desired()).isEqualTo(1);
      assertThat(calls.of("DescribeAutoScalingGroups")).isEqualTo(3);
    }
  }

  /**
   * A plan as a new process makes it: the account, the read of state's groups and the search for
   * the lineage's groups and templates. The account and both group reads share one listing; the
   * template versions come account-wide; and the lineage's launch templates are not listed when the
   * scan shows every Poolform template of the lineage in use by a group. Templates a crash left
   * behind (a Poolform name, this lineage's machine tags, no group) are looked up by name: found,
   * while another configuration's, or one released from Poolform, is not taken.
   */
  @Test
  void aPlanListsTheLineagesTemplatesOnlyWhenOneIsUnused(MotoServer moto) throws Exception {
    String lineage = "plan-lineage";
    List<GroupRef> refs = new ArrayList<>();
    try (AwsSession s = Sessions.open(moto.endpoint(), lineage, new CallCounter())) {
      for (int i = 0; i < 6; i++) {
        refs.add(
            s.create(
                AwsPools.spec(
                    AwsPools.pool("q" + i, AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0),
                    lineage),
                CapacityRequest.of(0, 1, 0),
                "t"));
      }
    }
    CallCounter calls = new CallCounter();
    try (AwsSession plan = Sessions.open(moto.endpoint(), lineage, calls)) {
      Map<String, ObservedGroup> owned = plan(plan, refs, lineage);
      assertThat(owned).hasSize(6).allSatisfy((a, g) -> assertThat(g.partial()).isFalse());
      assertThat(calls.byOperation())
          .as("calls: %s", calls.byOperation())
          .containsOnly(
              Map.entry("DescribeAutoScalingGroups", 1),
              Map.entry("DescribeLaunchTemplateVersions", 1));
    }

    try (AwsSession s = Sessions.open(moto.endpoint(), lineage, new CallCounter());
        AwsSession other = Sessions.open(moto.endpoint(), "other-lineage", new CallCounter())) {
      s.release(refs.remove(5)); // pool state rm: the group and its template are no longer ours
      crashedBeforeTheGroup(s, lineage, "half");
      crashedBeforeTheGroup(other, "other-lineage", "theirs");
    }
    calls.reset();
    try (AwsSession plan = Sessions.open(moto.endpoint(), lineage, calls)) {
      Map<String, ObservedGroup> owned = plan(plan, refs, lineage);
      assertThat(owned).hasSize(6).containsKey("pool.half").doesNotContainKey("pool.q5");
      assertThat(owned.get("pool.half").partial()).isTrue();
      assertThat(calls.byOperation())
          .as("calls: %s", calls.byOperation())
          .containsOnly(
              Map.entry("DescribeAutoScalingGroups", 1),
              Map.entry("DescribeLaunchTemplateVersions", 1),
              Map.entry("DescribeLaunchTemplates", 1));
    }
  }

  /** identity, read and findOwned, as the planner calls them; what findOwned found by address. */
  private static Map<String, ObservedGroup> plan(AwsSession s, List<GroupRef> refs, String lineage)
      throws Exception {
    s.identity();
    assertThat(s.read(refs)).hasSize(refs.size());
    return s.findOwned(lineage).stream()
        .collect(java.util.stream.Collectors.toMap(g -> g.ref().address(), g -> g));
  }

  /** What a crash between CreateLaunchTemplate and CreateAutoScalingGroup leaves: the template. */
  private static void crashedBeforeTheGroup(AwsSession s, String lineage, String pool)
      throws Exception {
    new Templates(
            s.clients(),
            lineage,
            new TemplateCatalog(),
            new VersionCache(),
            new RootDevices(s.clients()))
        .ensure(
            AwsPools.spec(
                AwsPools.pool(pool, AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0), lineage));
  }

  /**
   * A listing serves the refresh it was made for and no later one, however soon that comes: a group
   * another process created in between is seen by the next refresh.
   */
  @Test
  void aListingServesOneRefreshOnly(MotoServer moto) throws Exception {
    String lineage = "one-refresh";
    CallCounter calls = new CallCounter();
    try (AwsSession s = Sessions.open(moto.endpoint(), lineage, calls);
        AwsSession other = Sessions.open(moto.endpoint(), lineage, new CallCounter())) {
      GroupRef first =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("first", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0),
                  lineage),
              CapacityRequest.of(0, 1, 0),
              "t");
      s.read(List.of(first));
      assertThat(s.findOwned(lineage)).hasSize(1);
      other.create(
          AwsPools.spec(
              AwsPools.pool("second", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0), lineage),
          CapacityRequest.of(0, 1, 0),
          "t");
      calls.reset();
      assertThat(s.findOwned(lineage)).hasSize(2);
      assertThat(calls.of("DescribeAutoScalingGroups")).isEqualTo(1);
    }
  }
}
