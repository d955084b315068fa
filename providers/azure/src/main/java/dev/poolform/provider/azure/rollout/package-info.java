/**
 * {@code rollout { engine = "cloud" }} on Azure: the scale set's upgrade policy switched to Rolling
 * with the rolling upgrade policy mapped from the portable rollout (ir's RolloutMapping), an OS
 * rolling upgrade started, and its progress read from {@code rollingUpgrades/latest}.
 */
package dev.poolform.provider.azure.rollout;
