/**
 * {@code rollout { engine = "cloud" }} on Azure: after the model is written, the scale set's
 * upgrade policy switched to Rolling with the rolling upgrade policy mapped from the portable
 * rollout (ir's RolloutMapping), which makes ARM roll every machine behind the model, and its
 * progress read from {@code rollingUpgrades/latest}.
 */
package dev.poolform.provider.azure.rollout;
