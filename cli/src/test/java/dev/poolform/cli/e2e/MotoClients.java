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

  @Override
  public void close() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    asg.close();
    ec2.close();
  }
}
