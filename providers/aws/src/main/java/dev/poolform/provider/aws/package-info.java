/**
 * The {@code aws} cloud: one EC2 launch template and one Auto Scaling group per pool, driven
 * through aws-sdk-java-v2. {@link dev.poolform.provider.aws.AwsProvider} is the entry point the
 * runtime finds through {@link java.util.ServiceLoader}.
 */
package dev.poolform.provider.aws;
