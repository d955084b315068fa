/**
 * The provider against LocalStack in Docker: opt-in with {@code -Plocalstack}, for machines with
 * Docker; the default build leaves it out.
 */
package dev.poolform.provider.aws.localstack;
