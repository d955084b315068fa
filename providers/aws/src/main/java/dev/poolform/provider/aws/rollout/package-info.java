/**
 * {@code rollout { engine = "cloud" }} on AWS: instance refresh (StartInstanceRefresh with the
 * preferences mapped from the portable rollout, DescribeInstanceRefreshes, CancelInstanceRefresh).
 */
package dev.poolform.provider.aws.rollout;
