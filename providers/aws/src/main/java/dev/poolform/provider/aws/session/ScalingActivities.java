package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;

/**
 * The groups' scaling activities for {@code pool status}, in one call for all of them: without a
 * group name, DescribeScalingActivities lists the activities of every group in the account and
 * Region, newest first, 100 at a time
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeScalingActivities.html).
 * Pages are read while they reach back to {@code since}, at most {@link #MAX_PAGES}: a status of
 * any number of pools costs one to five calls, where asking per group would cost one per pool.
 */
final class ScalingActivities {
  /** The most pages read: 500 activities of the last hour is more than a status can show. */
  static final int MAX_PAGES = 5;

  private ScalingActivities() {}

  static List<CloudEvent> since(AwsClients aws, Collection<GroupRef> groups, Instant since)
      throws ProviderException {
    Set<String> names = new HashSet<>();
    groups.forEach(g -> names.add(g.cloudId()));
    List<CloudEvent> out = new ArrayList<>();
    if (names.isEmpty()) return out;
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      DescribeScalingActivitiesRequest req =
          DescribeScalingActivitiesRequest.builder().maxRecords(100).nextToken(token).build();
      DescribeScalingActivitiesResponse r =
          Calls.read(
              "listing the scaling activities", () -> aws.asgRead().describeScalingActivities(req));
      boolean older = false;
      for (Activity a : r.activities()) {
        if (a.startTime() == null || a.startTime().isBefore(since)) {
          older = true;
          continue;
        }
        if (names.contains(a.autoScalingGroupName())) out.add(event(a));
      }
      token = r.nextToken();
      if (older || token == null || token.isEmpty()) break;
    }
    out.sort((x, y) -> y.time().compareTo(x.time()));
    return out;
  }

  private static CloudEvent event(Activity a) {
    String cause = a.cause() == null ? "" : a.cause().strip();
    String status = a.statusCodeAsString() == null ? "" : a.statusCodeAsString();
    String description = a.description() == null ? "" : a.description().strip();
    if (a.statusMessage() != null
        && !a.statusMessage().isBlank()
        && !description.contains(a.statusMessage())) {
      description = description + ": " + a.statusMessage().strip();
    }
    return new CloudEvent(a.autoScalingGroupName(), a.startTime(), status, description, cause);
  }
}
