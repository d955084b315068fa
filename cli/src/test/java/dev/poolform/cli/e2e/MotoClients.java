package dev.poolform.cli.e2e;

import dev.poolform.testing.moto.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AWS CLI tests' view of moto: SDK clients to look at what {@code pool} did, and the
 * credentials the in-process runs find in the SDK's default chain (system properties, set while the
 * clients are open). Child processes get {@code AWS_ACCESS_KEY_ID} and friends instead.
 */
record MotoClients(AutoScalingClient asg, Ec2Client ec2) implements AutoCloseable {
  static final String KEY = "testing";

  static MotoClients open(MotoServer moto, String region) {
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", KEY);
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY));
    return new MotoClients(
        AutoScalingClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of(region))
            .credentialsProvider(creds)
            .build(),
        Ec2Client.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of(region))
            .credentialsProvider(creds)
            .build());
  }

  /**
   * {@code examples/aws/web-asg.pool} made to run on moto: moto invents subnet ids, so the
   * example's are replaced by real ones made in a new VPC of {@code region}; {@code min_ready} is
   * 0s.
   */
  String webAsgExample(String region) throws java.io.IOException {
    String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String[] ids = {"subnet-0a1b2c3d", "subnet-0e1f2a3b", "subnet-0c4d5e6f"};
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("poolform.repo.root", ".."));
    String text = java.nio.file.Files.readString(root.resolve("examples/aws/web-asg.pool"));
    for (int i = 0; i < ids.length; i++) {
      int n = i;
      String real =
          ec2.createSubnet(
                  b ->
                      b.vpcId(vpc)
                          .cidrBlock("10.0." + n + ".0/24")
                          .availabilityZone(region + (char) ('a' + n)))
              .subnet()
              .subnetId();
      text = text.replace(ids[i], real);
    }
    return text.replaceAll("min_ready\\s*=\\s*\\d+m", "min_ready = 0s");
  }

  @Override
  public void close() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    asg.close();
    ec2.close();
  }
}
