package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cloud's own events for {@code pool status}: the scaling activities AWS records for each
 * launch and termination (our moto extension records them as AWS shapes them), read for every group
 * in one account-wide call and handed to each group newest first.
 */
@ExtendWith(MotoExtension.class)
class ScalingActivitiesTest {
  @Test
  void launchesAndTerminationsOfManyGroupsAreReadInOnePagedListing(MotoServer moto)
      throws Exception {
    String lineage = "activity-lineage";
    CallCounter calls = new CallCounter();
    try (AwsSession s = Sessions.open(moto.endpoint(), lineage, calls)) {
      Instant start = Instant.now().minus(1, ChronoUnit.SECONDS);
      List<GroupRef> refs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String name = "act" + i;
        refs.add(
            s.create(
                AwsPools.spec(
                    AwsPools.pool(name, AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0),
                    lineage),
                CapacityRequest.of(0, 40, 0),
                "t"));
      }
      // 35 launches for act0 and one for each other group: more than one page of 100 in all
      // once act0 scales in again.
      s.setCapacity(refs.get(0), CapacityRequest.of(0, 40, 35));
      s.setCapacity(refs.get(1), CapacityRequest.of(0, 40, 1));
      s.setCapacity(refs.get(2), CapacityRequest.of(0, 40, 1));
      s.setCapacity(refs.get(0), CapacityRequest.of(0, 40, 0));
      s.setCapacity(refs.get(0), CapacityRequest.of(0, 40, 35));

      calls.reset();
      List<CloudEvent> events = s.recentEvents(refs.subList(0, 2), start);
      assertThat(calls.of("DescribeScalingActivities"))
          .as("one listing, paged: 107 activities are two pages")
          .isEqualTo(2);
      assertThat(calls.total()).isEqualTo(2);

      List<CloudEvent> act0 =
          events.stream().filter(e -> e.cloudId().equals(refs.get(0).cloudId())).toList();
      List<CloudEvent> act1 =
          events.stream().filter(e -> e.cloudId().equals(refs.get(1).cloudId())).toList();
      assertThat(act0).hasSize(105);
      assertThat(act1).hasSize(1);
      assertThat(events)
          .as("act2 was not asked for")
          .noneMatch(e -> e.cloudId().equals(refs.get(2).cloudId()));
      assertThat(act1.get(0).description()).startsWith("Launching a new EC2 instance: i-");
      assertThat(act1.get(0).status()).isEqualTo("Successful");
      assertThat(act1.get(0).cause())
          .contains("in response to a difference between desired and actual capacity");
      assertThat(act0)
          .filteredOn(e -> e.description().startsWith("Terminating EC2 instance: i-"))
          .hasSize(35)
          .allSatisfy(e -> assertThat(e.cause()).contains("shrinking the capacity from 35 to 0"));
      assertThat(events)
          .as("newest first")
          .isSortedAccordingTo((x, y) -> y.time().compareTo(x.time()));

      calls.reset();
      assertThat(s.recentEvents(refs, Instant.now().plus(1, ChronoUnit.HOURS))).isEmpty();
      assertThat(calls.of("DescribeScalingActivities"))
          .as("a page reaching back past `since` is the last one read")
          .isEqualTo(1);
    }
  }
}
