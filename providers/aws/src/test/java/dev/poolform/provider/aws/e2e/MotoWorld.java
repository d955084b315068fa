package dev.poolform.provider.aws.e2e;

import dev.poolform.testing.moto.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** Direct SDK access to moto for a test's own checks (not through Poolform). */
final class MotoWorld implements AutoCloseable {
  final String region;
  final AutoScalingClient asg;
  final Ec2Client ec2;

  MotoWorld(URI endpoint, String region) {
    this.region = region;
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    this.asg =
        AutoScalingClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(creds)
            .build();
    this.ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(creds)
            .build();
  }

  static MotoWorld of(MotoServer moto, String region) {
    return new MotoWorld(moto.endpoint(), region);
  }

  /** A VPC with one subnet per zone; moto makes up the ids, so tests substitute them. */
  List<String> subnets(String... zones) {
    String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < zones.length; i++) {
      int n = i;
      out.add(
          ec2.createSubnet(
                  b -> b.vpcId(vpc).cidrBlock("10.0." + n + ".0/24").availabilityZone(zones[n]))
              .subnet()
              .subnetId());
    }
    return out;
  }

  List<AutoScalingGroup> groups() {
    return asg.describeAutoScalingGroups().autoScalingGroups();
  }

  AutoScalingGroup group(String name) {
    return asg
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
        .autoScalingGroups()
        .stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + name));
  }

  int inService(String name) {
    var gs = asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups();
    if (gs.isEmpty()) return 0;
    return (int)
        gs.get(0).instances().stream()
            .filter(i -> "InService".equals(i.lifecycleStateAsString()))
            .count();
  }

  /** Running instances of a group, by instance id. */
  Map<String, Instance> running(String group) {
    Map<String, Instance> out = new TreeMap<>();
    ec2.describeInstances(
            b ->
                b.filters(
                    Filter.builder().name("tag:aws:autoscaling:groupName").values(group).build()))
        .reservations()
        .forEach(
            r ->
                r.instances().stream()
                    .filter(i -> i.state().name() == InstanceStateName.RUNNING)
                    .forEach(i -> out.put(i.instanceId(), i)));
    return out;
  }

  Set<String> images(String group) {
    return running(group).values().stream()
        .map(Instance::imageId)
        .collect(java.util.stream.Collectors.toSet());
  }

  long allRunning() {
    return ec2.describeInstances().reservations().stream()
        .flatMap(r -> r.instances().stream())
        .filter(i -> i.state().name() == InstanceStateName.RUNNING)
        .count();
  }

  List<String> templates() {
    return ec2.describeLaunchTemplates(b -> b.maxResults(200)).launchTemplates().stream()
        .map(t -> t.launchTemplateName())
        .toList();
  }

  @Override
  public void close() {
    asg.close();
    ec2.close();
  }
}
