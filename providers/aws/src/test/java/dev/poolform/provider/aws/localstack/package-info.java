/**
 * The provider against LocalStack in Docker, where Docker is available; skipped cleanly without it.
 */
package dev.poolform.provider.aws.localstack;
