/**
 * The AWS provider's test wiring: sessions against moto ({@code testing/moto}) and AWS-flavoured
 * pools and group specs built with the shared IR builder ({@code testing/fixtures}).
 */
package dev.poolform.provider.aws.harness;
